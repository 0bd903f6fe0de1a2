"""Index the built site with Pagefind, and skip the work when nothing indexed changed.

Pagefind reads the written HTML: only pages carrying ``data-pagefind-body`` (posts and
pages that are neither hidden nor excluded, see theme/templates) are indexed. A part's
cache key is a SHA-256 of each of its pages' whole file plus Pagefind's version and our
options. Whole files, not just the marked body: Pagefind also reads the page's
``lang``, its ``<h1>`` and any ``data-pagefind-meta`` outside the body, so hashing less
could keep a stale index. Listing pages, CSS and images never touch the key.

Pagefind is given the pages it indexes by name (a glob listing them): it parses every
HTML file its glob matches, and listing pages (tags, archives, pages of the index) would
be parsed for nothing. A glob, not a folder of links to the pages: making a folder and a
link for each post cost more than parsing the listing pages saved.

A page is read and hashed again only when its size, mtime or ctime changed since the
last build (``pages.json`` in the cache): the writer leaves an unchanged page alone, so
after a one-post edit one page is read instead of every page of the site.

The index is cut into parts (shards) of about ``SEARCH_SHARD_PAGES`` pages, each page in
the part its path hashes to: Pagefind cannot add one page to an index (it takes about
5 ms a page, and 250 MB at 1,000 pages), so a one-post edit makes one part again and
the others come from the cache. The reader's search opens the first part with
Pagefind's scripts and adds the others with Pagefind's own ``mergeIndex`` (listed in
``buildlog-shards.json``), which ranks the results of all parts together. A site of
up to ``SEARCH_SHARD_PAGES`` pages has one part. Parts to make run at once, one
Pagefind per processor.

Each part is built into the cache folder (``shards/COUNT-NUMBER/``), then the parts are
mirrored into ``output/pagefind/``: an output folder wiped by ``DELETE_OUTPUT_DIRECTORY``
(``invoke preview``) gets the cached index back in milliseconds.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import logging
import math
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from plugins._shared.files import link_atomic, make_dirs, write_atomic

from .settings import SearchSettings

logger = logging.getLogger(__name__)

# An element (not text inside a code sample: that would read &lt;) marked as the body.
_BODY = re.compile(rb"<[A-Za-z][^<>]*\sdata-pagefind-body[\s>=/]")
_GLOB_ESCAPES = {ord(c): "\\" + c for c in "*?[]{},<>"} | {ord("\\"): "?"}
_KEY_VERSION = "2"  # bump when what we pass to Pagefind changes meaning
MAX_SHARDS = 16  # a search fetches two small files per part, and one per word
SHARDS_FILE = "buildlog-shards.json"


class SearchError(Exception):
    """Pagefind is missing or failed: the site builds, without a working search."""


@dataclass(frozen=True)
class IndexResult:
    status: str  # "indexed", "cached" or "empty" (no page to index)
    pages: int
    seconds: float
    parts: int = 0  # the index's parts (``shards``)
    indexed: int = 0  # parts Pagefind made again


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


def pages_glob(settings: SearchSettings, pages: Iterable[Path]) -> str:
    """A glob Pagefind matches exactly ``pages`` with: ``{a/index.html,b/index.html}``.
    Pagefind's glob syntax (the wax crate) escapes with a backslash but has no escape
    for a backslash itself: ``?`` stands in for it (a page whose path differs only there
    would be indexed twice; Pelican never writes such a path)."""
    names = (page.relative_to(settings.output).as_posix() for page in pages)
    return "{" + ",".join(name.translate(_GLOB_ESCAPES) for name in names) + "}"


def run_pagefind(
    settings: SearchSettings, executable: Path, destination: Path, pages: Iterable[Path]
) -> None:
    """Write a fresh bundle for ``pages`` (files of the output folder) into
    ``destination``. The options go in a ``pagefind.json`` beside it (Pagefind reads its
    configuration from the folder it runs in): a glob naming every page is too long for
    a command line on a large site. Running there also keeps a stray ``pagefind.yml``
    where invoke runs from being read."""
    folder = destination.parent
    make_dirs(folder)
    options = {
        "site": str(settings.output),
        "glob": pages_glob(settings, pages),
        "output_path": str(destination),
        "exclude_selectors": list(settings.exclude_selectors),
    }
    write_atomic(folder / "pagefind.json", json.dumps(options), durable=False)
    try:
        done = subprocess.run(
            [str(executable), "--silent"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchError(f"could not run Pagefind: {error}") from error
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise SearchError(f"Pagefind failed (exit {done.returncode}): {' / '.join(detail)}")


def shard_count(pages: int, per_shard: int) -> int:
    """How many parts an index of ``pages`` pages is cut into: one per ``per_shard``
    pages, at most ``MAX_SHARDS`` (a search opens every part)."""
    return max(1, min(MAX_SHARDS, math.ceil(pages / per_shard)))


def shard_of(page: str, count: int) -> int:
    """The part a page (its path in the output, ``2021/03/fans/index.html``) belongs to:
    the same in every build while the number of parts stays."""
    return int.from_bytes(hashlib.sha256(page.encode()).digest()[:8], "big") % count


@dataclass(frozen=True, eq=False)  # a dict key by identity (its pages are a dict)
class Shard:
    """One part of the index: its pages (with their digests) and its cache folder."""

    number: int
    count: int
    pages: dict[Path, bytes]
    folder: Path

    @property
    def published(self) -> str:
        """Where a part other than the first is published, under the bundle."""
        return f"shards/{self.number}/"


def shards(settings: SearchSettings, pages: dict[Path, bytes]) -> list[Shard]:
    """The index's parts that hold a page, in order; the first is the primary one."""
    count = shard_count(len(pages), settings.shard_pages)
    groups: list[dict[Path, bytes]] = [{} for _ in range(count)]
    for path, digest in pages.items():
        groups[shard_of(path.relative_to(settings.output).as_posix(), count)][path] = digest
    return [
        Shard(number, count, group, settings.cache / "shards" / f"{count}-{number}")
        for number, group in enumerate(groups)
        if group
    ]


def _cached(shard: Shard, key: str) -> bool:
    """Whether the part's cached bundle was made from the pages ``key`` hashes."""
    stamp = shard.folder / "key.txt"
    return stamp.is_file() and stamp.read_text() == key and (shard.folder / "bundle").is_dir()


def _make_shard(settings: SearchSettings, executable: Path, shard: Shard, key: str) -> None:
    bundle, fresh = shard.folder / "bundle", shard.folder / f".tmp-bundle-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        run_pagefind(settings, executable, fresh, shard.pages)
        shutil.rmtree(bundle, ignore_errors=True)
        fresh.rename(bundle)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    write_atomic(shard.folder / "key.txt", key)


def _make_shards(settings: SearchSettings, executable: Path, todo: dict[Shard, str]) -> None:
    """One Pagefind a part (``todo``: part -> its key), as many at once as there are
    processors (a first build of a large site: each part's Pagefind runs on one core)."""
    if len(todo) == 1:
        _make_shard(settings, executable, *next(iter(todo.items())))
        return
    with ThreadPoolExecutor(max_workers=min(len(todo), os.cpu_count() or 1)) as pool:
        jobs = [pool.submit(_make_shard, settings, executable, s, k) for s, k in todo.items()]
        for done in jobs:
            done.result()


def bundle_files(settings: SearchSettings, parts: list[Shard]) -> dict[str, Path]:
    """Every file of the published bundle (its path in the bundle, its source): the
    first part whole, with Pagefind's scripts; each other part's index files under
    ``shards/N/`` (the first part's scripts search them, with its WebAssembly); and
    ``buildlog-shards.json``, which tells search.js which parts to add."""
    files = {}
    for index, shard in enumerate(parts):
        bundle = shard.folder / "bundle"
        for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
            rel = path.relative_to(bundle).as_posix()
            if index == 0:
                files[rel] = path
            elif rel == "pagefind-entry.json" or path.suffix.startswith(".pf_"):
                files[shard.published + rel] = path
    manifest = settings.cache / SHARDS_FILE
    data = json.dumps({"merge": [shard.published for shard in parts[1:]]})
    if not manifest.is_file() or manifest.read_text(encoding="utf-8") != data:
        write_atomic(manifest, data)
    files[SHARDS_FILE] = manifest
    return files


def mirror(files: dict[str, Path], target: Path) -> None:
    """Make ``target`` hold exactly ``files`` (path there: source): copy what differs,
    remove the rest."""
    for rel, src in sorted(files.items()):
        dst = target / rel
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
            if path.is_file() and path.relative_to(target).as_posix() not in files:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def _prune(settings: SearchSettings, parts: list[Shard]) -> None:
    """Drop the cached parts this build did not use (the site grew to more parts)
    and what an older buildlog kept (one bundle for the whole site)."""
    used = {shard.folder.name for shard in parts}
    folder = settings.cache / "shards"
    for path in folder.iterdir() if folder.is_dir() else ():
        if path.name not in used:
            shutil.rmtree(path, ignore_errors=True)
    shutil.rmtree(settings.cache / "bundle", ignore_errors=True)
    (settings.cache / "key.txt").unlink(missing_ok=True)


def build_index(settings: SearchSettings) -> IndexResult:
    """Index the output folder part by part, reusing each part whose pages did not
    change: after a one-post edit Pagefind reads one part, not the whole site."""
    started = time.perf_counter()
    pages = indexed_pages(settings)
    if not pages:
        shutil.rmtree(settings.bundle, ignore_errors=True)
        return IndexResult("empty", 0, time.perf_counter() - started)
    per_shard = settings.shard_pages
    if isinstance(per_shard, bool) or not isinstance(per_shard, int) or per_shard < 1:
        raise SearchError(
            f"SEARCH_SHARD_PAGES must be a whole number of pages, 1 or more, not {per_shard!r}"
        )
    executable = find_pagefind()
    version = pagefind_version(executable)
    parts = shards(settings, pages)
    keys = {shard: cache_key(settings, shard.pages, version) for shard in parts}
    todo = {shard: key for shard, key in keys.items() if not _cached(shard, key)}
    if todo:
        _make_shards(settings, executable, todo)
    _prune(settings, parts)
    mirror(bundle_files(settings, parts), settings.bundle)
    return IndexResult(
        "indexed" if todo else "cached",
        len(pages),
        time.perf_counter() - started,
        len(parts),
        len(todo),
    )
