"""Jupyter notebooks as posts: ``content/posts/YYYY-MM-DD-slug.ipynb`` builds like a
Markdown post, through the same plugins (quotes, callouts, parts, photos and
benchmarks tags work in markdown cells).

- ``initialized``: the stylesheet; Jupyter's ``.ipynb_checkpoints`` folders ignored.
- ``readers_init``: ``NotebookReader`` for ``.ipynb`` (reader.py).
- ``finalized``: files written outside the photo pipeline (photos plugin off), and
  cached output images no notebook uses any more removed.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from plugins._shared.context import build_context
from plugins._shared.guard import connect

from .files import NotebookFiles
from .reader import SERVICE, NotebookReader

CHECKPOINTS = ".ipynb_checkpoints"


def start(pelican) -> None:
    context = build_context(pelican.settings)
    context.need_stylesheet("notebooks")
    cache = Path(pelican.settings.get("BUILDLOG_CACHE_PATH") or ".buildlog-cache")
    context.services[SERVICE] = NotebookFiles(cache.resolve() / "notebooks")
    ignored = list(pelican.settings.get("IGNORE_FILES") or [])
    if CHECKPOINTS not in ignored:
        pelican.settings["IGNORE_FILES"] = [*ignored, CHECKPOINTS]


def add_reader(readers) -> None:
    for extension in NotebookReader.file_extensions:
        readers.reader_classes[extension] = NotebookReader


def write_files(pelican) -> None:
    """Write what the notebooks published outside the photo pipeline; prune the cache."""
    files = build_context(pelican.settings).services.get(SERVICE)
    if files is not None:
        files.finish(Path(pelican.settings["OUTPUT_PATH"]))


def register() -> None:
    connect(signals.initialized, start)
    connect(signals.readers_init, add_reader)
    connect(signals.finalized, write_files)
