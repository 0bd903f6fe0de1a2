"""What the last build published, so an unchanged rebuild can skip the photo work,
and a post that fails to build keeps the photos its last good page shows.

An unchanged rebuild (livereload after a text edit) should cost next to nothing. We
remember which photos were published and the mtimes of the folders holding their
files: adding, removing or replacing a file in any of them changes that folder's
mtime, and the full pass runs again. We also remember, per post, the photos it shows
(and, once per photo, its files and cache folder): while a post has an error (its
front matter, say), it is not read, asks for no photo, and would otherwise lose them
to pruning.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from plugins._shared.files import write_atomic

from .settings import PhotoSettings

# 2: each post lists its photos, each photo its files; 3: posts by absolute path;
# 4: the files copied as they are (text, STATIC_PUBLISH_AS_IS)
STATE_VERSION = 4

Photo = tuple[str, list[str]]  # the photo's "key:source:variants" entry, its output names
Kept = dict[str, list[Photo]]  # post -> the photos its last good page showed


def _entry(planned) -> str:
    return f"{planned.job.folder.name}:{planned.job.source.rel}:{planned.job.variants}"


def photo_key(entry: str) -> str:
    """The cache folder's name, from a photo's entry."""
    return entry.split(":", 1)[0]


def _folders(settings: PhotoSettings, planned: list) -> set[Path]:
    folders = {settings.output / settings.variants_dir, settings.cache / "files"}
    for item in planned:
        folders.add(item.job.folder)
        names = item.output_names(settings)  # variants share a folder; the full size is last
        for name in {names[0], names[-1]}:
            folders.add((settings.output / name).parent)
    return folders


def _mtime(folder: Path) -> int | None:
    """A folder's mtime; None while it does not exist (a site whose photos are never
    shown in a post has no variants folder): its making is a change like any other."""
    try:
        return folder.stat().st_mtime_ns
    except FileNotFoundError:
        return None


def published_state(
    settings: PhotoSettings, planned: Iterable, kept: Kept, copies: Iterable[Path] = ()
) -> dict | None:
    """The photos this build publishes (with their files), their folders' mtimes, each
    post's photos and the files copied as they are; None if a folder cannot be read
    (then the full pass must run).

    Each post names its photos by number in the photo list: a photo shown by many posts
    has its file names written once (at 1,000 posts, listing each post's files made
    this state 1 MB, held twice in memory at the build's peak)."""
    planned = list(planned)
    try:
        mtimes = {str(f): _mtime(f) for f in _folders(settings, planned)}
    except OSError:
        return None
    files: dict[str, list[str]] = {}
    uses: dict[str, set[str]] = {}
    for item in planned:
        entry = _entry(item)
        files[entry] = item.output_names(settings)
        for post, _ in item.places:  # as shown in messages: relative to the working folder
            uses.setdefault(os.path.abspath(post), set()).add(entry)
    for post, photos in kept.items():
        for entry, names in photos:
            files.setdefault(entry, names)
            uses.setdefault(post, set()).add(entry)
    entries = sorted(files)
    number = {entry: i for i, entry in enumerate(entries)}
    return {
        "version": STATE_VERSION,
        "output": str(settings.output),
        "folders": mtimes,
        "photos": [[entry, files[entry]] for entry in entries],
        "posts": {post: sorted(number[e] for e in uses[post]) for post in sorted(uses)},
        "copies": sorted(path.relative_to(settings.output).as_posix() for path in copies),
    }


def last_published(last: dict | None, settings: PhotoSettings) -> set[str]:
    """Every file the last build published into this output folder (names relative
    to it): each photo's files, and the files copied as they are."""
    if (
        not last
        or last.get("version") != STATE_VERSION
        or last.get("output") != str(settings.output)
    ):
        return set()
    photos, copies = last.get("photos") or [], last.get("copies") or []
    if not (isinstance(photos, list) and isinstance(copies, list)):
        return set()  # a damaged state: nothing is removed, as with none
    names = list(copies)
    for photo in photos:
        if not (isinstance(photo, list) and len(photo) == 2 and isinstance(photo[1], list)):
            return set()
        names += photo[1]
    return set(names) if all(isinstance(name, str) for name in names) else set()


def is_unchanged(state: dict | None, last: dict | None) -> bool:
    """Whether this build would publish exactly what the last, complete one did."""
    if state is None or last is None or last.get("complete") is not True:
        return False
    return state == {k: v for k, v in last.items() if k != "complete"}


def kept_for_broken_posts(last: dict | None, built: set[str]) -> Kept:
    """Photos of posts the last build published that exist but were not built now.
    Posts are named by absolute path: a build run from another folder (``invoke`` in
    the project, a script elsewhere) must still know them for the same posts."""
    if not last or last.get("version") != STATE_VERSION:
        return {}
    try:
        photos = last.get("photos") or []
        return {
            post: [(str(photos[i][0]), list(photos[i][1])) for i in numbers]
            for post, numbers in (last.get("posts") or {}).items()
            if post not in built and Path(post).is_file()
        }
    except (TypeError, ValueError, IndexError, KeyError, AttributeError):
        return {}  # a damaged state (edited, half-copied): nothing kept, as with none


def _state_file(settings: PhotoSettings) -> Path:
    return settings.cache / "published.json"


def last_state(settings: PhotoSettings) -> dict | None:
    try:
        state = json.loads(_state_file(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def remember_state(settings: PhotoSettings, state: dict | None, *, complete: bool) -> None:
    if state is not None:
        write_atomic(_state_file(settings), json.dumps(dict(state, complete=complete)))
