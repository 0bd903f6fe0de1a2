"""Index the built site with Pagefind, and skip the work when nothing indexed changed.

Pagefind reads the written HTML: only pages carrying ``data-pagefind-body`` (posts and
pages that are neither hidden nor excluded, see theme/templates) are indexed. The
cache key is a SHA-256 of every such page's whole file plus Pagefind's version and our
options. Whole files, not just the marked body: Pagefind also reads the page's
``lang``, its ``<h1>`` and any ``data-pagefind-meta`` outside the body, so hashing less
could keep a stale index. Listing pages, CSS and images never touch the key.

Pagefind is shown only the pages it indexes (symbolic links in a folder of the cache):
it parses every HTML file it is given, and listing pages (tags, archives, pages of the
index) would be parsed for nothing. Links, not hard links: a hard link changes the
page's ctime, which the page cache reads as "someone touched this file".

A page is read and hashed again only when its size, mtime or ctime changed since the
last build (``pages.json`` in the cache): the writer leaves an unchanged page alone, so
after a one-post edit one page is read instead of every page of the site.

The bundle is built into the cache folder, then mirrored into ``output/pagefind/``:
an output folder wiped by ``DELETE_OUTPUT_DIRECTORY`` (``invoke preview``) gets the
cached index back in milliseconds.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import logging
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from plugins._shared.files import link_atomic, make_dirs, write_atomic

from .settings import SearchSettings

logger = logging.getLogger(__name__)

# An element (not text inside a code sample: that would read &lt;) marked as the body.
_BODY = re.compile(rb"<[A-Za-z][^<>]*\sdata-pagefind-body[\s>=/]")
_KEY_VERSION = "2"  # bump when what we pass to Pagefind changes meaning


class SearchError(Exception):
    """Pagefind is missing or failed: the site builds, without a working search."""


@dataclass(frozen=True)
class IndexResult:
    status: str  # "indexed", "cached" or "empty" (no page to index)
    pages: int
    seconds: float


def indexed_pages(settings: SearchSettings) -> dict[Path, bytes]:
    """The output's HTML files that Pagefind will index, in a stable order, each with
    the SHA-256 of its bytes (for ``cache_key``). A file is read only when its size,
    mtime or ctime differ from the last build's (``pages.json``)."""
    record = settings.cache / "pages.json"
    try:
        known = json.loads(record.read_text(encoding="utf-8"))
        known = known["pages"] if known.get("version") == _KEY_VERSION else {}
    except (OSError, ValueError, AttributeError, KeyError):
        known = {}
    seen, pages = {}, {}
    for path in sorted(settings.output.rglob("*.html")):
        if settings.bundle in path.parents:
            continue
        rel = path.relative_to(settings.output).as_posix()
        status = path.stat()
        signature = [status.st_size, status.st_mtime_ns, status.st_ctime_ns]
        entry = known.get(rel)
        if isinstance(entry, list) and entry[:3] == signature:
            digest = entry[3]
        else:
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest() if _BODY.search(data) else ""
        seen[rel] = [*signature, digest]
        if digest:
            pages[path] = bytes.fromhex(digest)
    if seen != known:
        make_dirs(settings.cache)
        write_atomic(record, json.dumps({"version": _KEY_VERSION, "pages": seen}), durable=False)
    return pages


def find_pagefind() -> Path:
    """The Pagefind binary from the ``pagefind[bin]`` wheel (or PAGEFIND_BINARY_PATH)."""
    if importlib.util.find_spec("pagefind") is None:
        raise SearchError("the pagefind package is not installed (pip install -r requirements.txt)")
    executable = _pagefind_executable()
    if executable is None or not Path(executable).is_file():
        raise SearchError(
            f"the Pagefind binary is missing ({executable or 'not found'}); "
            "reinstall with pip install -r requirements.txt"
        )
    return Path(executable)


def _pagefind_executable() -> Path | None:
    """Where ``pagefind.service.get_executable`` looks, in its order, without importing
    that module (it brings asyncio: a tenth of a second and 1.5 MB for every build)."""
    if (path := os.environ.get("PAGEFIND_BINARY_PATH")) is not None:
        return Path(path)
    for wheel in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            return Path(importlib.import_module(wheel).get_executable())
        except ImportError:
            continue
    found = shutil.which("pagefind_extended") or shutil.which("pagefind")
    return Path(found) if found else None


def pagefind_version(executable: Path) -> str:
    """``pagefind 1.5.2`` and the binary's size: the same on every machine with the same
    wheel (a path or mtime would differ between CI runs and miss the cache)."""
    try:
        done = subprocess.run(
            [str(executable), "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchError(f"could not run Pagefind: {error}") from error
    return f"{done.stdout.strip()} {executable.stat().st_size}"


def cache_key(settings: SearchSettings, pages: dict[Path, bytes], version: str) -> str:
    digest = hashlib.sha256()
    digest.update(repr((_KEY_VERSION, version, settings.exclude_selectors)).encode())
    for page, page_digest in pages.items():
        digest.update(page.relative_to(settings.output).as_posix().encode() + b"\0")
        digest.update(page_digest)
    return digest.hexdigest()


def run_pagefind(
    settings: SearchSettings, executable: Path, destination: Path, pages: Iterable[Path]
) -> None:
    """Write a fresh bundle for ``pages`` (files of the output folder) into
    ``destination``."""
    make_dirs(settings.cache)
    site = settings.cache / f".tmp-site-{os.getpid()}"
    shutil.rmtree(site, ignore_errors=True)
    try:
        for page in pages:
            link = site / page.relative_to(settings.output)
            make_dirs(link.parent)
            try:
                link.symlink_to(page)
            except OSError:  # no symbolic links here (Windows without the right)
                shutil.copyfile(page, link)
        _run(settings, executable, site, destination)
    finally:
        shutil.rmtree(site, ignore_errors=True)


def _run(settings: SearchSettings, executable: Path, site: Path, destination: Path) -> None:
    command = [str(executable), "--site", str(site), "--output-path", str(destination), "--silent"]
    for selector in settings.exclude_selectors:
        command += ["--exclude-selectors", selector]
    # cwd: the cache folder, so a stray pagefind.yml where invoke runs is not read.
    try:
        done = subprocess.run(
            command, cwd=settings.cache, capture_output=True, text=True, timeout=600, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchError(f"could not run Pagefind: {error}") from error
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise SearchError(f"Pagefind failed (exit {done.returncode}): {' / '.join(detail)}")


def mirror(source: Path, target: Path) -> None:
    """Make ``target`` hold exactly ``source``'s files: copy what differs, remove the rest."""
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    for rel in sorted(wanted):
        src, dst = source / rel, target / rel
        s = src.stat()
        try:
            d = dst.stat()
            if d.st_size == s.st_size and d.st_mtime_ns == s.st_mtime_ns:
                continue
        except FileNotFoundError:
            pass
        link_atomic(src, dst)
    if target.is_dir():
        for path in sorted(target.rglob("*"), reverse=True):
            if path.is_file() and path.relative_to(target) not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def _rebuild_cache(
    settings: SearchSettings, executable: Path, key: str, pages: Iterable[Path]
) -> None:
    bundle, fresh = settings.cache / "bundle", settings.cache / f".tmp-bundle-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        run_pagefind(settings, executable, fresh, pages)
        shutil.rmtree(bundle, ignore_errors=True)
        fresh.rename(bundle)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    write_atomic(settings.cache / "key.txt", key)


def build_index(settings: SearchSettings) -> IndexResult:
    """Index the output folder, or reuse the cached index when nothing it reads changed."""
    started = time.perf_counter()
    pages = indexed_pages(settings)
    if not pages:
        shutil.rmtree(settings.bundle, ignore_errors=True)
        return IndexResult("empty", 0, time.perf_counter() - started)
    executable = find_pagefind()
    key = cache_key(settings, pages, pagefind_version(executable))
    stamp = settings.cache / "key.txt"
    cached = stamp.is_file() and stamp.read_text() == key and (settings.cache / "bundle").is_dir()
    if not cached:
        _rebuild_cache(settings, executable, key, pages)
    mirror(settings.cache / "bundle", settings.bundle)
    return IndexResult("cached" if cached else "indexed", len(pages), time.perf_counter() - started)
