"""What the last build published, so an unchanged rebuild can skip the photo work,
and a post that fails to build keeps the photos its last good page shows.

An unchanged rebuild (livereload after a text edit) should cost next to nothing. We
remember which photos were published and the mtimes of the folders holding their
files: adding, removing or replacing a file in any of them changes that folder's
mtime, and the full pass runs again. We also remember, per post, the files and cache
folders its photos use: while a post has an error (its front matter, say), it is not
read, asks for no photo, and would otherwise lose them to pruning.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from plugins._shared.files import write_atomic

from .settings import PhotoSettings

Kept = dict[str, tuple[list[str], list[str]]]  # post -> (output names, cache folder names)


def _folders(settings: PhotoSettings, planned: list) -> set[Path]:
    folders = {settings.output / settings.variants_dir, settings.cache / "files"}
    for item in planned:
        folders.add(item.job.folder)
        names = item.output_names(settings)  # variants share a folder; the full size is last
        for name in {names[0], names[-1]}:
            folders.add((settings.output / name).parent)
    return folders


def _posts(settings: PhotoSettings, planned: list, kept: Kept) -> dict[str, list]:
    posts = {post: (set(files), set(keys)) for post, (files, keys) in kept.items()}
    for item in planned:
        for post, _ in item.places:
            files, keys = posts.setdefault(post, (set(), set()))
            files.update(item.output_names(settings))
            keys.add(item.job.folder.name)
    return {post: [sorted(files), sorted(keys)] for post, (files, keys) in sorted(posts.items())}


def published_state(settings: PhotoSettings, planned: Iterable, kept: Kept) -> dict | None:
    """The photos this build publishes, their folders' mtimes, and each post's files;
    None if a folder is missing (then the full pass must run)."""
    planned = list(planned)
    try:
        mtimes = {str(f): f.stat().st_mtime_ns for f in _folders(settings, planned)}
    except OSError:
        return None
    return {
        "output": str(settings.output),
        "folders": mtimes,
        "photos": sorted(
            f"{p.job.folder.name}:{p.job.source.rel}:{p.job.variants}" for p in planned
        ),
        "posts": _posts(settings, planned, kept),
    }


def is_unchanged(state: dict | None, last: dict | None) -> bool:
    """Whether this build would publish exactly what the last, complete one did."""
    if state is None or last is None or last.get("complete") is not True:
        return False
    return state == {k: v for k, v in last.items() if k != "complete"}


def kept_for_broken_posts(last: dict | None, built: set[str]) -> Kept:
    """Files of posts the last build published that exist but were not built now."""
    posts = (last or {}).get("posts") or {}
    return {
        post: (files, keys)
        for post, (files, keys) in posts.items()
        if post not in built and Path(post).is_file()
    }


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
