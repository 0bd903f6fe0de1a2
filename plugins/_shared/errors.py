"""One error type for bad user input, and one way to report it with file:line.

Plugins raise ``ContentError`` from pure parse/validate code with the line they know
(relative to the text they were given). The reader that converts a post knows the
post's path and where its body starts, so it publishes that in ``current_source``;
``report()`` then logs ``content/posts/x.md:12: reason`` -- the one format every
buildlog message uses.
"""

from __future__ import annotations

import contextvars
import logging
import os
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger("buildlog")


class ContentError(Exception):
    """Bad input written by the user: a message fit to show them, with its place.

    ``path`` is set when the error is inside a data file (a build YAML, a benchmark
    JSON); otherwise the post being converted is the place. ``line`` is 1-based.
    """

    def __init__(self, message: str, *, line: int | None = None,
                 path: str | Path | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.path = str(path) if path is not None else None

    def located(self, source: SourceContext | None = None) -> str:
        """``path:line[:column]: message``, filling the place from ``source``."""
        path, line = self.path, self.line
        if path is None and source is not None:
            path = source.path
            if line is not None:
                line += source.line_offset
        place = path or "<unknown>"
        if line is not None:
            place += f":{line}"
            if self.column is not None:
                place += f":{self.column}"
        return f"{place}: {self.message}"

    def __str__(self) -> str:
        return self.located(current_source.get())


@dataclass(frozen=True)
class SourceContext:
    """The post being converted: its path as shown to users, and how many lines
    of front matter come before the Markdown body (so body line 1 maps back)."""

    path: str
    line_offset: int = 0


current_source: contextvars.ContextVar[SourceContext | None] = contextvars.ContextVar(
    "buildlog_current_source", default=None)


def display_path(path: str | Path) -> str:
    """A path relative to the working directory when it is under it (what a user
    types), else as given."""
    absolute, here = os.path.abspath(path), os.getcwd()  # no syscalls per call: hot path
    if absolute.startswith(here + os.sep):
        return absolute[len(here) + 1:]
    return str(path)


def report(error: ContentError, *, level: int = logging.ERROR) -> str:
    """Log ``error`` at ``level`` with its file:line and return the message."""
    message = error.located(current_source.get())
    logger.log(level, "%s", message)
    return message


def warn(message: str, *, line: int | None = None, path: str | None = None) -> str:
    """Log a warning in the file:line format (bad but usable input)."""
    return report(ContentError(message, line=line, path=path), level=logging.WARNING)
