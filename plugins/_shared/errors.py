"""One error type for bad user input, and one way to show it: ``path:line: reason``.

Plugins raise ``ContentError`` from pure parse/validate code with the line they know
(relative to the text they were given). Whoever knows the file places it: a post's
context (``context.PostContext.report``) shifts body lines to file lines; a data file's
loader sets ``path`` itself. ``log_problem`` then writes the one line every buildlog
message uses.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

logger = logging.getLogger("buildlog")

MAX_QUOTED = 80  # characters of a user's value quoted in a message


class ContentError(Exception):
    """Bad input written by the user: a message fit to show them, with its place.

    ``path`` is the file as the user knows it; ``line`` (1-based) and ``column`` are
    relative to the text the raiser was given until someone places the error.
    """

    def __init__(self, message: str, *, line: int | None = None,
                 path: str | Path | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.path = str(path) if path is not None else None

    def located(self) -> str:
        """``path:line[:column]: message``."""
        place = self.path or "<unknown file>"
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return f"{place}: {self.message}"

    def __str__(self) -> str:
        return self.located()


def quoted(value: object, limit: int = MAX_QUOTED) -> str:
    """``repr(value)`` cut to ``limit`` characters: messages never quote a whole file
    (or a YAML alias bomb) back at the user."""
    text = repr(value) if not isinstance(value, str) else repr(value[:limit + 1])
    return text if len(text) <= limit else text[:limit - 1] + "…"


def display_path(path: str | Path) -> str:
    """A path relative to the working directory when it is under it (what a user
    types), else as given."""
    absolute, here = os.path.abspath(path), os.getcwd()
    if absolute.startswith(here + os.sep):
        return absolute[len(here) + 1:]
    return str(path)


def log_problem(error: ContentError, level: int = logging.ERROR) -> str:
    """Log ``error`` (already placed) at ``level``; return the message."""
    message = error.located()
    logger.log(level, "%s", message)
    return message


def report(error: ContentError, *, level: int = logging.ERROR) -> str:
    """Log a problem of a data file (``error.path`` set by its loader)."""
    return log_problem(error, level)


def warn(message: str, *, line: int | None = None, path: str | None = None) -> str:
    """Log a warning about a data file in the file:line format."""
    return log_problem(ContentError(message, line=line, path=path), logging.WARNING)
