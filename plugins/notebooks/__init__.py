"""Jupyter notebooks as posts: ``content/posts/YYYY-MM-DD-slug.ipynb`` builds like a
Markdown post, through the same plugins (quotes, callouts, parts, photos and
benchmarks tags work in markdown cells).

- ``initialized``: the stylesheet; Jupyter's ``.ipynb_checkpoints`` folders ignored.
- ``readers_init``: ``NotebookReader`` for ``.ipynb`` (reader.py).
- ``finalized``: output images the photo pipeline does not take (SVG) are written.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from plugins._shared.context import build_context
from plugins._shared.files import write_atomic

from .reader import SERVICE, NotebookReader

CHECKPOINTS = ".ipynb_checkpoints"


def start(pelican) -> None:
    context = build_context(pelican.settings)
    context.need_stylesheet("notebooks")
    context.services[SERVICE] = {}
    ignored = list(pelican.settings.get("IGNORE_FILES") or [])
    if CHECKPOINTS not in ignored:
        pelican.settings["IGNORE_FILES"] = [*ignored, CHECKPOINTS]


def add_reader(readers) -> None:
    for extension in NotebookReader.file_extensions:
        readers.reader_classes[extension] = NotebookReader


def write_files(pelican) -> None:
    """Write what the notebooks published outside the photo pipeline."""
    output = Path(pelican.settings["OUTPUT_PATH"])
    for rel, data in build_context(pelican.settings).services.get(SERVICE, {}).items():
        write_atomic(output / rel, data)


def register() -> None:
    signals.initialized.connect(start)
    signals.readers_init.connect(add_reader)
    signals.finalized.connect(write_files)
