"""Nothing changed since the last good build: say so and stop, as ``make`` would.

A build reads the content folder, the theme, buildlog's plugins, the settings files,
the installed packages and a few environment variables; its output depends on
nothing else but the clock (a post dated in the future is published on its day).
So a build records, once it is done and clean, what every input looked like (size,
mtime and ctime of each file, taken *before* the build read them), what the output
folder looked like after it (the same, file by file, hashed) and until when the
result holds. The next build with the same settings file and overrides walks those folders again;
when every stat matches it does nothing: the output is already what a build would
write. Any difference, however small (a new file, one touched file, an output file
edited or deleted by hand, a newer package), and the whole build runs as usual.

A build with a warning or an error is never recorded: its problems are printed again
by the next build. The stamp lives in ``<BUILDLOG_CACHE_PATH>/uptodate/`` and goes
with ``invoke clean``. Checking costs a walk of the folders (milliseconds for a few
thousand files) and no import of Pelican.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .files import write_atomic

VERSION = 2  # 2: the output as one hash, not a list of files
FOLDER = "uptodate"
PLUGINS = Path(__file__).resolve().parents[1]
# Environment variables a build reads, on top of those the settings files name.
ENV_PREFIXES = ("BUILDLOG_", "PELICAN", "PAGEFIND_", "SOURCE_DATE_EPOCH", "TZ", "LANG", "LC_")
_ENV_NAME = re.compile(r"""(?:environ(?:\.get)?\s*[\[(]|getenv\s*\()\s*["'](\w+)["']""")
# A stat this close to the snapshot may still change within the file system's tick
# (git's "racy clean" rule: one second covers file systems with coarse times).
RACY_NS = 1_000_000_000
# Settings naming content folders, relative to PATH: one may lead out of it (`../data`).
CONTENT_FOLDERS = (
    "ARTICLE_PATHS",
    "PAGE_PATHS",
    "STATIC_PATHS",
    "PARTS_BUILDS_DIR",
    "BENCHMARKS_DIR",
)


def _files(root: Path, ordered: bool = False) -> Iterator[tuple[str, os.stat_result]]:
    """Every file under ``root`` (links followed, as the build follows them); with
    ``ordered``, each folder's entries in name order (the same order every walk)."""
    stack, seen = [root], set()
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in seen:  # a link back up the tree
                continue
            seen.add((st.st_dev, st.st_ino))
            entries = list(os.scandir(folder))
            if ordered:
                entries.sort(key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.name == "__pycache__":  # bytecode Python writes as it imports
                    continue
                if entry.is_dir():
                    stack.append(entry.path)
                else:
                    yield entry.path, entry.stat()
            except OSError:
                yield entry.path, None


def _stat_line(path: str, st: os.stat_result | None) -> str:
    if st is None:
        return f"{path}\0-\n"
    return f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\n"


@dataclass(frozen=True)
class Snapshot:
    digest: str  # over every input file's path and stat
    newest_ns: int  # the latest mtime or ctime among them
    taken_ns: int


def snapshot(roots: Iterable[Path], files: Iterable[Path]) -> Snapshot:
    """What the inputs look like now."""
    taken_ns = time.time_ns()
    stats: list[tuple[str, os.stat_result | None]] = []
    for root in sorted({Path(r).resolve() for r in roots}):
        stats.append((f"root {root}", None))
        stats.extend(sorted(_files(root), key=lambda found: found[0]))
    for path in sorted({Path(f).resolve() for f in files}):
        try:
            stats.append((str(path), path.stat()))
        except OSError:
            stats.append((str(path), None))
    digest, newest = hashlib.sha256(), 0
    for path, st in stats:
        digest.update(_stat_line(path, st).encode("utf-8", "surrogateescape"))
        if st is not None:
            newest = max(newest, st.st_mtime_ns, st.st_ctime_ns)
    return Snapshot(digest.hexdigest(), newest, taken_ns)


def output_digest(output: Path) -> str:
    """A hash of each output file's path under ``output``, size, mtime and ctime.

    Hashed as the folders are walked (in name order) rather than kept as a list: at
    1,000 posts the output holds ~6,000 files, and their list, with its JSON, was
    the largest thing a build held at its end (3.5 MiB)."""
    digest = hashlib.sha256()
    for path, st in _files(output, ordered=True):
        line = _stat_line(os.path.relpath(path, output), st)
        digest.update(line.encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def inputs_of(settings: dict, settings_file: str | Path) -> tuple[list[Path], list[Path]]:
    """The folders and files a build with these settings reads."""
    roots = [Path(settings["PATH"]), PLUGINS]
    folders = [
        settings.get("THEME"),
        *(settings.get("THEME_TEMPLATES_OVERRIDES") or ()),
        *(settings.get("PLUGIN_PATHS") or ()),
    ]
    roots += [Path(p) for p in folders if p]
    files = _settings_files(Path(settings_file))
    for path in _outside_content(settings):
        (roots if path.is_dir() else files).append(path)
    return roots, files


def _outside_content(settings: dict) -> Iterator[Path]:
    """The content folders (and files) the settings name outside PATH: the walk of
    PATH does not see them, yet the build reads them."""
    content = Path(settings["PATH"]).resolve()
    for key in CONTENT_FOLDERS:
        value = settings.get(key)
        for name in [value] if isinstance(value, str) else value or ():
            path = (content / name).resolve()
            if not path.is_relative_to(content):
                yield path


def _settings_files(settings_file: Path) -> list[Path]:
    """The settings file and its neighbours (publishconf.py imports pelicanconf.py)."""
    folder = settings_file.resolve().parent
    return sorted(p for p in folder.glob("*.py") if p.is_file())


def _environment(settings_files: list[Path]) -> dict[str, str]:
    named = set()
    for path in settings_files:
        try:
            named.update(_ENV_NAME.findall(path.read_text(encoding="utf-8", errors="replace")))
        except OSError:
            continue
    return {k: v for k, v in sorted(os.environ.items()) if k in named or k.startswith(ENV_PREFIXES)}


def _packages() -> list[str]:
    """The installed distributions by name and version (their metadata folders)."""
    found = [sys.version, sys.executable]
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found += sorted(n for n in names if n.endswith((".dist-info", ".egg-info")))
    return found


@dataclass(frozen=True)
class Last:
    output: Path
    notes: list[str]


@dataclass
class Stamp:
    """What one settings file + overrides built last time, and from what."""

    file: Path
    key: str

    @classmethod
    def for_build(cls, settings_file: str | Path, overrides: dict | None) -> Stamp:
        overrides = overrides or {}
        settings_file = Path(settings_file).resolve()
        cache = Path(overrides.get("BUILDLOG_CACHE_PATH") or ".buildlog-cache")
        files = _settings_files(settings_file)
        key = hashlib.sha256(
            json.dumps(
                [
                    VERSION,
                    str(settings_file),
                    os.getcwd(),
                    repr(sorted(overrides.items())),
                    _environment(files),
                    _packages(),
                ]
            ).encode("utf-8", "surrogateescape")
        ).hexdigest()
        name = hashlib.sha256(f"{settings_file}\0{os.getcwd()}".encode()).hexdigest()[:16]
        return cls(cache / FOLDER / f"{name}.json", key)

    def _load(self) -> dict | None:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) and data.get("key") == self.key else None

    def current(self) -> Last | None:
        """The last build, when its output is still what a build would write."""
        data = self._load()
        if data is None:
            return None
        until = data.get("valid_until", 0)
        if until is not None and time.time() >= until:
            return None
        roots = [Path(r) for r in data["roots"]]
        if snapshot(roots, data["files"]).digest != data["inputs"]:
            return None
        if output_digest(Path(data["output"])) != data.get("outputs"):
            return None
        return Last(Path(data["output"]), list(data.get("notes", ())))

    def record(self, before: Snapshot, *, roots, files, output, notes, valid_until) -> None:
        """Keep the stamp of a clean build. ``before`` was taken before the build read
        anything; a file changed within the clock's tick of it is not trusted (no
        stamp: the next build runs whole, and records one)."""
        if before.newest_ns >= before.taken_ns - RACY_NS:
            self.forget()
            return
        data = {
            "key": self.key,
            "roots": sorted(str(r) for r in roots),
            "files": sorted(str(f) for f in files),
            "inputs": before.digest,
            "output": str(Path(output).resolve()),
            "outputs": output_digest(Path(output)),
            "notes": list(notes),
            "valid_until": valid_until,
        }
        write_atomic(self.file, json.dumps(data, separators=(",", ":")), durable=False)

    def forget(self) -> None:
        self.file.unlink(missing_ok=True)
