"""A post's converted body, kept between builds and reused only while everything it
was made from is unchanged.

Pelican's own cache (``CACHE_CONTENT``) keys a post on its file alone: an edited build
YAML, benchmark JSON, photo, setting or plugin never reaches a cached post, and a post
read from it asks the photo pipeline for nothing, so its variants get pruned. An entry
here (``<BUILDLOG_CACHE_PATH>/content/<hash of the post's path>.json``) is used only
when all of these match:

- the build's fingerprint: every file of buildlog's plugins and the theme, the
  versions of Python and of the libraries that shape HTML, and every setting;
- the conversion's inputs: the post's path, its body, the HTML blocks made before
  Markdown (a notebook's cells) and where the body sits in the file (line numbers);
- each file the conversion read, as the plugin that read it declared it
  (``post.depends_on``): size and mtime, or, when those moved (a fresh checkout),
  its SHA-256. A stamp taken within a second of the file's mtime is not trusted
  (the file may still change within the clock's tick): the hash decides.

A hit replays the requests the conversion made (``post.replay``: the photos it shows),
so the photo pipeline neither re-encodes nor prunes them. A conversion that logged a
warning or an error is never kept: the next build reports it again. Front matter is
always read afresh (it is cheap), so only the Markdown conversion is skipped.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .context import RUNTIME_KEYS, BuildContext, PostContext
from .errors import ContentError
from .files import write_atomic

VERSION = 2  # 2: the body's word count
SERVICE = "content_cache"
FOLDER = "content"
LIBRARIES = (
    "markdown",
    "pelican",
    "pygments",
    "jinja2",
    "markupsafe",
    "pillow",
    "pyyaml",
    "markdown-callouts",
    "html5lib",
    "nh3",
    "nbformat",
    "emoji",
    "beautifulsoup4",
)
RACY_NS = 1_000_000_000
PLUGINS = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Converted:
    html: str
    toc_html: str
    words: int  # in the Markdown source: the reading time (counting is 0.5 ms a post)


@dataclass
class ContentCache:
    folder: Path
    fingerprint: str
    used: set[str] = field(default_factory=set)
    held: dict[Path, dict] | None = None  # stores kept back (``holding``)
    # Stamps taken this build, by path, size and mtime: many posts read one build YAML
    # or photo, and a stamp hashes the whole file; a file whose size or mtime moved
    # since is hashed again.
    stamps: dict[tuple, dict] = field(default_factory=dict)

    def _file(self, post: PostContext) -> Path:
        name = entry_name(post.path)
        self.used.add(name)
        return self.folder / name

    def _stamp(self, path: Path) -> dict:
        try:
            info = path.stat()
        except OSError:
            return stamp(path)
        key = (path, info.st_size, info.st_mtime_ns, info.st_ino)
        if (known := self.stamps.get(key)) is None:
            known = self.stamps[key] = stamp(path)
        return known

    def lookup(self, post: PostContext, inputs: str) -> Converted | None:
        """The cached body, its requests replayed; None unless every check passes."""
        try:
            entry = json.loads(self._file(post).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not (
            isinstance(entry, dict)
            and entry.get("version") == VERSION
            and entry.get("fingerprint") == self.fingerprint
            and entry.get("inputs") == inputs
            and all(is_current(dep) for dep in entry["depends"])
        ):
            return None
        for service, request in entry["effects"]:
            replay = post.build.replayers.get(service)
            try:
                if replay is None:
                    return None
                replay(post, request)
            except ContentError:  # the world moved (two photos now want one name)
                return None
        return Converted(entry["html"], entry["toc_html"], entry["words"])

    def store(self, post: PostContext, inputs: str, converted: Converted) -> None:
        entry = {
            "version": VERSION,
            "fingerprint": self.fingerprint,
            "inputs": inputs,
            "depends": [self._stamp(path) for path in dict.fromkeys(post.depends)],
            "effects": post.effects,
            "html": converted.html,
            "toc_html": converted.toc_html,
            "words": converted.words,
        }
        if self.held is not None:  # kept back until ``commit`` (quickpage.py)
            self.held[self._file(post)] = entry
            return
        # Not fsynced: a cache entry lost to a power cut is only a miss.
        write_atomic(self._file(post), json.dumps(entry), durable=False)

    @contextmanager
    def holding(self) -> Iterator[dict[Path, dict]]:
        """Entries stored meanwhile are kept back, in the dict yielded, not written:
        a conversion made out of the build's order may be committed or dropped."""
        self.held = {}
        try:
            yield self.held
        finally:
            self.held = None

    def commit(self, entries: dict[Path, dict]) -> None:
        for path, entry in entries.items():
            write_atomic(path, json.dumps(entry), durable=False)

    def prune(self) -> None:
        """Drop entries of posts this build did not read (deleted or renamed)."""
        for path in self.folder.glob("*.json") if self.folder.is_dir() else ():
            if path.name not in self.used:
                path.unlink(missing_ok=True)


def entry_name(path: str) -> str:
    """The file name of the entry of the post at ``path`` (as the build shows it)."""
    return hashlib.sha256(path.encode()).hexdigest()[:32] + ".json"


def conversion_inputs(post: PostContext, body: str, blocks: Sequence[str]) -> str:
    """What the Markdown conversion reads from the post itself, hashed."""
    lines = [post.line_offset, getattr(post, "body_where", None)]
    doc = json.dumps([post.path, str(post.source_path), lines, body, [str(b) for b in blocks]])
    return hashlib.sha256(doc.encode()).hexdigest()


def _sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def stamp(path: Path) -> dict:
    """How to tell later whether ``path`` changed."""
    try:
        info = path.stat()
        digest = _sha256(path)
    except OSError:
        return {"path": str(path), "missing": True}
    return {
        "path": str(path),
        "size": info.st_size,
        "mtime": info.st_mtime_ns,
        "at": time.time_ns(),
        "sha256": digest,
    }


def is_current(dep: dict) -> bool:
    path = Path(dep["path"])
    try:
        info = path.stat()
    except OSError:
        return bool(dep.get("missing"))
    if dep.get("missing") or info.st_size != dep["size"]:
        return False
    if info.st_mtime_ns == dep["mtime"] and dep["at"] - info.st_mtime_ns > RACY_NS:
        return True
    try:
        return _sha256(path) == dep["sha256"]
    except OSError:
        return False


def _stable(value):
    """Settings as JSON that is the same from run to run (objects by their type)."""
    if isinstance(value, dict):
        return [[str(k), _stable(v)] for k, v in sorted(value.items(), key=lambda i: str(i[0]))]
    if isinstance(value, (list, tuple)):
        return [_stable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(json.dumps(_stable(v)) for v in value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if callable(value) and hasattr(value, "__qualname__"):  # a function: its code is hashed
        return f"{value.__module__}.{value.__qualname__}"
    shown = repr(value)  # a date, a Decimal, a dataclass; not an object's address
    return (
        shown if " at 0x" not in shown else f"{type(value).__module__}.{type(value).__qualname__}"
    )


def _code_files(settings: dict) -> Iterator[tuple[str, Path]]:
    """The plugins, the theme and any template folder the settings add in front of it."""
    folders = [settings.get("THEME"), *(settings.get("THEME_TEMPLATES_OVERRIDES") or ())]
    for folder in (PLUGINS, *(Path(f) for f in folders if f)):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                yield f"{folder.name}/{path.relative_to(folder).as_posix()}", path


def fingerprint(settings: dict) -> str:
    """Everything that shapes every post's HTML: settings, code, libraries."""
    digest = hashlib.sha256()
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(metadata.version(name))
        except metadata.PackageNotFoundError:
            versions.append(None)
    shown = {k: v for k, v in settings.items() if k not in RUNTIME_KEYS}
    digest.update(json.dumps([VERSION, sys.version, versions, _stable(shown)]).encode())
    for name, path in _code_files(settings):
        digest.update(f"\0{name}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def content_cache(build: BuildContext) -> ContentCache | None:
    """This build's cache; None when ``BUILDLOG_CONTENT_CACHE`` is False."""
    settings = build.settings
    if not settings.get("BUILDLOG_CONTENT_CACHE", True):
        return None
    cache = build.services.get(SERVICE)
    if cache is None:
        folder = Path(settings.get("BUILDLOG_CACHE_PATH") or ".buildlog-cache") / FOLDER
        cache = build.services[SERVICE] = ContentCache(folder, fingerprint(settings))
    return cache


class _Counter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextmanager
def counting_problems() -> Iterator[_Counter]:
    """Count warnings and errors logged meanwhile, whoever logs them."""
    counter = _Counter()
    root = logging.getLogger()
    root.addHandler(counter)
    try:
        yield counter
    finally:
        root.removeHandler(counter)
