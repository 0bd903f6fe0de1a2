"""What the last build published, so an unchanged rebuild can skip the photo work.

An unchanged rebuild (livereload after a text edit) should cost next to nothing. We
remember which photos were published and the mtimes of the folders holding their
files: adding, removing or replacing a file in any of them changes that folder's
mtime, and the full pass runs again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from plugins._shared.files import write_atomic

from .settings import PhotoSettings


def _folders(settings: PhotoSettings, planned: Iterable) -> set[Path]:
    folders = {settings.output / settings.variants_dir, settings.cache / "files"}
    for item in planned:
        folders.add(item.job.folder)
        names = item.job.files()  # variants share a folder; the full size is last
        for name in {names[0], names[-1]}:
            folders.add((settings.output / item.output_name(settings, name)).parent)
    return folders


def published_state(settings: PhotoSettings, planned: Iterable) -> dict | None:
    """The photos this build publishes and their folders' mtimes; None if a folder
    is missing (then the full pass must run)."""
    planned = list(planned)
    try:
        mtimes = {str(f): f.stat().st_mtime_ns for f in _folders(settings, planned)}
    except OSError:
        return None
    return {"output": str(settings.output), "folders": mtimes,
            "photos": sorted(f"{p.job.folder.name}:{p.job.source.rel}:{p.job.variants}"
                             for p in planned)}


def _state_file(settings: PhotoSettings) -> Path:
    return settings.cache / "published.json"


def last_state(settings: PhotoSettings) -> dict | None:
    try:
        return json.loads(_state_file(settings).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def remember_state(settings: PhotoSettings, state: dict | None) -> None:
    if state is None:
        return
    write_atomic(_state_file(settings), json.dumps(state))
