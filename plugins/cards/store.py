"""The card cache: ``<cache>/<key>.png`` made once, copied into the output, pruned.

Like photo variants, a card is keyed by a hash of what it shows, so an unchanged
post costs a stat, an edit to its body costs nothing, and a new title makes one new
card. Background photos are hashed once and remembered by path, mtime and size.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from plugins._shared.files import link_atomic, write_atomic

from .draw import CardJob, make_card

_CARD_FILE = re.compile(r"^[0-9a-f]{16}\.png$")  # a cache entry
_PUBLISHED = re.compile(r"^[\w-]+-[0-9a-f]{16}\.png$")  # an output card (see Card.name)


class PhotoDigests:
    """sha256 prefixes of background photos, kept in ``<cache>/photos.json``."""

    def __init__(self, cache: Path):
        self.file = cache / "photos.json"
        try:
            self.known = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.used: dict[str, dict] = {}

    def digest(self, path: Path) -> str | None:
        """The photo's digest, or None if it cannot be read."""
        try:
            stat = path.stat()
        except OSError:
            return None
        stamp = [stat.st_mtime_ns, stat.st_size]
        entry = self.known.get(str(path))
        if not entry or entry["stamp"] != stamp:
            try:
                entry = {
                    "stamp": stamp,
                    "digest": hashlib.sha256(path.read_bytes()).hexdigest()[:16],
                }
            except OSError:
                return None
        self.used[str(path)] = entry
        return entry["digest"]

    def save(self) -> None:
        if self.used != self.known:
            write_atomic(self.file, json.dumps(self.used, sort_keys=True))


def make_missing(jobs: list[CardJob], workers: int) -> list[tuple[CardJob, str]]:
    """Draw the jobs whose cache file is missing; returns (job, problem) pairs for
    the ones that failed."""
    todo = [job for job in jobs if not job.target.is_file()]
    problems = None
    if len(todo) > 1 and workers > 1:
        # Imported only when there are cards to draw: most builds have none.
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        try:
            with ProcessPoolExecutor(max_workers=min(workers, len(todo))) as pool:
                problems = list(pool.map(make_card, todo))
        except BrokenProcessPool:  # a worker died (out of memory?): draw them here
            pass
    if problems is None:
        problems = [make_card(job) for job in todo]
    return [(job, problem) for job, problem in zip(todo, problems) if problem]


def publish(cached: Path, target: Path) -> None:
    """Put a cache file into the output (a hard link, as photo variants are) unless an
    earlier build already did."""
    try:
        have, want = target.stat(), cached.stat()
        if have.st_size == want.st_size and have.st_mtime_ns == want.st_mtime_ns:
            return
    except OSError:
        pass
    link_atomic(cached, target)


def prune(folder: Path, keep: set[str], pattern: re.Pattern) -> None:
    """Delete files in ``folder`` named like ours that this build did not use."""
    for path in folder.iterdir() if folder.is_dir() else ():
        if path.is_file() and pattern.match(path.name) and path.name not in keep:
            path.unlink()


def prune_cache(folder: Path, keep: set[str]) -> None:
    prune(folder, keep, _CARD_FILE)


def prune_output(folder: Path, keep: set[str]) -> None:
    prune(folder, keep, _PUBLISHED)
