"""Pages whose inputs did not change are not rendered again (the page cache).

Writing only changed bytes (``files.ChangedOnly``) spared the disk, but every page was
still rendered: after a one-word edit, 170 templates ran to produce 168 identical
pages. A page here is rendered again only when something it shows may have changed.
What a page can show is:

- the site: every setting, every post's and page's metadata, URL and what plugins
  attach to it (series, related posts, social card...), the tag and category lists,
  the photos' published names: the *skeleton*, hashed once per build, which leaves
  out only the posts' bodies;
- the bodies (``content``, ``summary``) its template actually read: recorded while it
  renders, through the template environment's attribute lookup;
- the template and everything else of the theme and plugins: the content cache's
  fingerprint (code, settings, library versions);
- what the generator passed it (the article, the tag, the page of a listing).

A page is reused when all of these hash as they did when it was written and the file
in the output is still the one written then (size, mtime and ctime). Then neither the
template runs nor the file is touched. Any doubt (a new post, a changed title, a
theme edit, a deleted output file) and the page is rendered as before; a page whose
render logged a problem is never recorded. ``BUILDLOG_CONTENT_CACHE = False`` turns
this off with the content cache.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from .context import RUNTIME_KEYS
from .files import remove_published, write_atomic

VERSION = 2  # 2: each file with its ctime
FOLDER = "pages"
# What templates read of a post's body; everything else of a post is in the skeleton.
BODY_READS = frozenset({"content", "_content", "get_content", "summary", "get_summary"})
# Attributes that are not the object's own state: the whole settings, the site context,
# the body (recorded per page instead).
_SKIPPED = frozenset({"settings", "_context", "_content"})
# Context keys that change between pages of one build, or are this build's objects.
_VOLATILE = frozenset({"localsiteurl", "output_file"}) | RUNTIME_KEYS
_MAX_DEPTH = 12
_LONG = 16  # tuples at least this long are hashed once a build


class _Stable:
    """Hashes the site's objects the same way from build to build, without building
    a copy of them: each value is fed to a SHA-256 as it is met (strings with their
    length in front, so no two values read alike). A post, page or static file is
    fed as a reference (its kind and source path); its own state is fed once, by
    ``states``."""

    def __init__(self):
        from pelican.contents import Content
        from pelican.urlwrappers import URLWrapper

        self.content_type, self.wrapper_type = Content, URLWrapper
        self.objects: dict[int, tuple[str, object]] = {}  # id -> (ref, content object)
        self._open: set[int] = set()
        # id -> digest of a long tuple met before (a series' posts are in every one of
        # its posts). A tuple is held here with its digest, so its id stays its own.
        self._sequences: dict[int, tuple[object, bytes]] = {}

    def ref(self, content) -> str:
        known = self.objects.get(id(content))
        if known is not None:
            return known[0]
        ref = f"{type(content).__name__}:{content.source_path}"
        self.objects[id(content)] = (ref, content)
        return ref

    def digest(self, value) -> str:
        out = hashlib.sha256()
        self.feed(value, out.update)
        return out.hexdigest()

    def feed(self, value, put, depth: int = 0) -> None:
        if isinstance(value, str):
            data = value.encode("utf-8", "surrogatepass")
            put(b"s%d:" % len(data))
            put(data)
        elif value is None or isinstance(value, (bool, int, float)):
            put(f"{type(value).__name__[0]}{value!r};".encode())
        elif isinstance(value, self.content_type):
            self.feed(self.ref(value), put)
            put(b"@")
        elif isinstance(value, self.wrapper_type):
            self.feed(f"{type(value).__name__}:{value.name}", put)
            put(b"#")
        elif isinstance(value, date):
            put(f"t{value.isoformat()};".encode())
        elif isinstance(value, os.PathLike):
            self.feed(os.fspath(value), put)
        elif depth > _MAX_DEPTH or id(value) in self._open:
            self.feed(type(value).__qualname__, put)
            put(b"...")
        else:
            self._open.add(id(value))
            try:
                self._compound(value, put, depth + 1)
            finally:
                self._open.discard(id(value))

    def _compound(self, value, put, depth: int) -> None:
        if isinstance(value, dict):
            put(b"{")
            for key, item in sorted(value.items(), key=lambda pair: str(pair[0])):
                if key not in _VOLATILE:
                    self.feed(str(key), put)
                    self.feed(item, put, depth)
            put(b"}")
        elif isinstance(value, tuple) and len(value) >= _LONG:
            known = self._sequences.get(id(value))
            if known is None or known[0] is not value:
                out = hashlib.sha256()
                for item in value:
                    self.feed(item, out.update, depth)
                known = self._sequences[id(value)] = (value, out.hexdigest().encode())
            put(b"L" + known[1])
        elif isinstance(value, (list, tuple)):
            put(b"[")
            for item in value:
                self.feed(item, put, depth)
            put(b"]")
        elif isinstance(value, (set, frozenset)):  # no order of its own: by digest
            for item in sorted(self.digest(item) for item in value):
                put(item.encode())
            put(b"S")
        elif callable(value) and hasattr(value, "__qualname__"):
            self.feed(f"{getattr(value, '__module__', '')}.{value.__qualname__}", put)
        elif is_dataclass(value) or isinstance(value, SimpleNamespace):
            self.feed(type(value).__qualname__, put)
            self.feed(_state(value), put, depth)
        else:
            # Anything else is a service of this build (a Markdown extension, a
            # registry): by its type, as the content cache's fingerprint takes settings.
            shown = repr(value)
            self.feed(shown if " at 0x" not in shown else type(value).__qualname__, put)

    def states(self, put) -> None:
        """Feed the state of every object referenced so far, by reference (objects
        they reference are added as they are met)."""
        done: set[int] = set()
        while len(done) < len(self.objects):
            for key, (ref, obj) in sorted(self.objects.items(), key=lambda i: i[1][0]):
                if key not in done:
                    done.add(key)
                    self.feed(ref, put)
                    self.feed(_state(obj), put)


def _state(obj) -> dict:
    """An object's own attributes, less the shared settings, context and body."""
    if hasattr(obj, "__dict__"):
        return {k: v for k, v in vars(obj).items() if k not in _SKIPPED}
    return {f.name: getattr(obj, f.name) for f in fields(obj)}  # a slotted dataclass


@dataclass
class PageCache:
    """This build's view of the pages the last build wrote."""

    file: Path
    fingerprint: str
    output: Path
    entries: dict = field(default_factory=dict)  # the last build's, by output name
    written: dict = field(default_factory=dict)  # the same, whatever built them
    fresh: dict = field(default_factory=dict)  # this build's
    skeleton: str | None = None
    bodies: dict[str, str] = field(default_factory=dict)  # ref -> digest of its body
    by_ref: dict[str, object] = field(default_factory=dict)
    reading: set[str] | None = None  # refs whose body the page being rendered read
    rendered: int = 0
    reused: int = 0
    kept: set[str] = field(default_factory=set)  # output files this build wrote or kept
    _stable: _Stable | None = None
    _watched: set[int] = field(default_factory=set)

    @classmethod
    def load(cls, file: Path, fingerprint: str, output: Path) -> PageCache:
        cache = cls(file, fingerprint, output)
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cache
        if not isinstance(data, dict) or data.get("version") != VERSION:
            return cache
        # Another theme, plugin or setting: nothing is reused, but the files the last
        # build wrote are still known, so those this build does not write are removed.
        cache.written = data.get("pages") or {}
        if data.get("fingerprint") == fingerprint:
            cache.entries = cache.written
        return cache

    # -- keys ------------------------------------------------------------------------
    def _site(self, context: dict) -> str:
        if self.skeleton is None:
            self._stable = stable = _Stable()
            out = hashlib.sha256(f"{VERSION}\0{self.fingerprint}\0".encode())
            stable.feed(context, out.update)
            stable.states(out.update)
            self.by_ref = dict(stable.objects.values())
            self.skeleton = out.hexdigest()
        return self.skeleton

    def key(self, context: dict, name: str, call: dict) -> str:
        """Everything of one ``write_file`` (or ``write_feed``) call but the bodies it
        reads."""
        site = self._site(context)
        return self._stable.digest([site, name, call])

    def ref(self, content) -> str:
        ref = self._stable.ref(content)
        self.by_ref.setdefault(ref, content)
        return ref

    def body(self, ref: str) -> str | None:
        if ref not in self.bodies:
            content = self.by_ref.get(ref)
            if content is None:
                return None
            self.bodies[ref] = hashlib.sha256(
                str(getattr(content, "_content", "") or "").encode("utf-8", "surrogatepass")
            ).hexdigest()
        return self.bodies[ref]

    # -- reuse -----------------------------------------------------------------------
    def reusable(self, name: str, key: str) -> list[str] | None:
        """The files the last build wrote for this call, when they can stand as they are."""
        entry = self.entries.get(name)
        if not entry or entry.get("key") != key:
            return None
        if any(self.body(ref) != digest for ref, digest in entry["reads"].items()):
            return None
        for rel, *stat in entry["files"]:
            try:
                st = (self.output / rel).stat()
            except OSError:
                return None
            # ctime too: an edit by hand that kept the size and put the mtime back.
            if [st.st_size, st.st_mtime_ns, st.st_ctime_ns] != stat:
                return None
        self.fresh[name] = entry
        self.reused += 1
        files = [rel for rel, *_ in entry["files"]]
        self.kept.update(files)
        return files

    def record(self, name: str, key: str, files: list[str], reads: set[str]) -> None:
        self.rendered += 1
        self.kept.update(files)
        stats = []
        for rel in files:
            try:
                st = (self.output / rel).stat()
            except OSError:
                return
            stats.append([rel, st.st_size, st.st_mtime_ns, st.st_ctime_ns])
        bodies = {ref: self.body(ref) for ref in sorted(reads)}
        if None not in bodies.values():
            self.fresh[name] = {"key": key, "reads": bodies, "files": stats}

    def forget(self, name: str, files: list[str]) -> None:
        """``name`` was rendered but is not to be reused (its render logged a problem)."""
        self.rendered += 1
        self.kept.update(files)
        self.fresh.pop(name, None)

    def remove_stale(self, build_failed: bool) -> list[str]:
        """Delete the pages the last build wrote and this one did not (a deleted or
        renamed post's page, a tag no post has any more): without this they stayed in
        output/, reachable and in the search index, until ``invoke clean``. Only files
        a build of ours wrote are touched. A build with an error removes nothing: a
        broken post keeps its last good page (its entry is kept for a later build)."""
        if build_failed:
            for name, entry in self.written.items():
                if name not in self.fresh and not {r for r, *_ in entry["files"]} & self.kept:
                    self.fresh[name] = entry
            return []
        stale = sorted(
            {rel for entry in self.written.values() for rel, *_ in entry["files"]} - self.kept
        )
        for rel in stale:
            remove_published(self.output / rel, self.output)
        return stale

    def save(self) -> None:
        data = {"version": VERSION, "fingerprint": self.fingerprint, "pages": self.fresh}
        write_atomic(self.file, json.dumps(data, separators=(",", ":")), durable=False)

    # -- what a template reads -------------------------------------------------------
    def watch(self, environment) -> None:
        """Note each post body a template of ``environment`` reads (``article.content``,
        ``article.summary``, ``article['content']``) while a page is being recorded."""
        if id(environment) in self._watched:
            return
        self._watched.add(id(environment))
        getattr_, getitem_ = environment.getattr, environment.getitem

        # Every attribute a template reads passes here: the test is inline, cheapest
        # first (a call more per lookup was ~1% of a build).
        def watched_getattr(obj, attribute):
            if attribute in BODY_READS and self.reading is not None:
                self._note(obj)
            return getattr_(obj, attribute)

        def watched_getitem(obj, argument):
            if self.reading is not None and argument in BODY_READS:
                self._note(obj)
            return getitem_(obj, argument)

        environment.getattr, environment.getitem = watched_getattr, watched_getitem

    def _note(self, obj) -> None:
        if self._stable is not None and isinstance(obj, self._stable.content_type):
            self.reading.add(self.ref(obj))


def page_cache(build) -> PageCache | None:
    """This build's page cache (made on first use); None when caching is off."""
    from .contentcache import content_cache

    cache = build.services.get("pages")
    if cache is None:
        converted = content_cache(build)
        if converted is None:
            return None
        settings = build.settings
        folder = Path(settings.get("BUILDLOG_CACHE_PATH") or ".buildlog-cache") / FOLDER
        output = Path(settings["OUTPUT_PATH"])
        name = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:16] + ".json"
        cache = build.services["pages"] = PageCache.load(
            folder / name, converted.fingerprint, output
        )
    return cache
