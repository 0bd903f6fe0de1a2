"""One error type for bad user input, and one way to show it: ``path:line: reason``.

Plugins raise ``ContentError`` from pure parse/validate code with the line they know
(relative to the text they were given). Whoever knows the file places it: a post's
context (``context.PostContext.report``) shifts body lines to file lines; a data file's
loader sets ``path`` itself. ``log_problem`` then writes the one line every buildlog
message uses.

A bug in our own code is not the author's fault and is said so: ``internal_error``
logs ``path: internal error in <plugin> (please report): <exception>``, naming the
plugin whose code raised it; ``BUILDLOG_DEBUG=1`` adds the traceback.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

logger = logging.getLogger("buildlog")

MAX_QUOTED = 80  # characters of a user's value quoted in a message
MAX_REASON = 300  # characters of an exception's text in an internal-error line
DEBUG_VARIABLE = "BUILDLOG_DEBUG"
PLUGINS = Path(__file__).resolve().parents[1]  # plugins/


class ContentError(Exception):
    """Bad input written by the user: a message fit to show them, with its place.

    ``path`` is the file as the user knows it; ``line`` (1-based) and ``column`` are
    relative to the text the raiser was given until someone places the error.
    """

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        path: str | Path | None = None,
        column: int | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.path = str(path) if path is not None else None

    def place(self) -> str:
        """``path:line[:column]``."""
        place = self.path or "<unknown file>"
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        return place

    def located(self) -> str:
        """``path:line[:column]: message``."""
        return f"{self.place()}: {self.message}"

    def __str__(self) -> str:
        return self.located()


def quoted(value: object, limit: int = MAX_QUOTED) -> str:
    """``repr(value)`` cut to ``limit`` characters: messages never quote a whole file
    (or a YAML alias bomb) back at the user."""
    text = repr(value) if not isinstance(value, str) else repr(value[: limit + 1])
    return text if len(text) <= limit else text[: limit - 1] + "…"


def display_path(path: str | Path) -> str:
    """A path relative to the working directory when it is under it (what a user
    types), else as given."""
    absolute, here = os.path.abspath(path), os.getcwd()
    if absolute.startswith(here + os.sep):
        return absolute[len(here) + 1 :]
    return str(path)


def log_problem(error: ContentError, level: int = logging.ERROR) -> str:
    """Log ``error`` (already placed) at ``level``; return the message. The record
    carries the place and the problem apart, so the console can write
    ``place: warning: problem``."""
    message = error.located()
    logger.log(level, "%s", message, extra=_extra(error))
    return message


def _extra(error: ContentError) -> dict:
    return {
        "buildlog_place": error.place(),
        "buildlog_problem": error.message,
        "buildlog_path": error.path,
    }


def report(error: ContentError, *, level: int = logging.ERROR) -> str:
    """Log a problem of a data file (``error.path`` set by its loader)."""
    return log_problem(error, level)


def warn(message: str, *, line: int | None = None, path: str | None = None) -> str:
    """Log a warning about a data file in the file:line format."""
    return log_problem(ContentError(message, line=line, path=path), logging.WARNING)


def debugging() -> bool:
    """Whether to show the traceback of our own bugs (``BUILDLOG_DEBUG=1``)."""
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def blame(error: BaseException) -> str:
    """The plugin whose code raised ``error`` (the innermost frame in plugins/<name>/),
    "theme" for a template of the theme, else "buildlog"."""
    frames = []
    trace = error.__traceback__
    while trace is not None:
        frames.append(trace.tb_frame.f_code.co_filename)
        trace = trace.tb_next
    for filename in reversed(frames):
        path = Path(filename)
        if path.is_relative_to(PLUGINS) and len(path.relative_to(PLUGINS).parts) > 1:
            name = path.relative_to(PLUGINS).parts[0]
            if name != "_shared":
                return name
        elif path.suffix in (".html", ".xml", ".txt") and "templates" in path.parts:
            return "theme"
    return "buildlog"


def internal_error(
    path: str | Path, error: BaseException, *, line: int | None = None, plugin: str | None = None
) -> str:
    """Log a bug of ours met while handling ``path`` (``path: internal error in
    <plugin> (please report): <exception>``); the traceback with BUILDLOG_DEBUG=1."""
    reason = f"{type(error).__name__}: {error}"
    if len(reason) > MAX_REASON:
        reason = reason[: MAX_REASON - 1] + "…"
    hint = "" if debugging() else f" ({DEBUG_VARIABLE}=1 shows the traceback)"
    problem = (
        f"internal error in {plugin or blame(error)} (please report): "
        f"{' '.join(reason.split())}{hint}"
    )
    placed = ContentError(problem, line=line, path=display_path(path))
    logger.error(
        "%s", placed.located(), exc_info=error if debugging() else None, extra=_extra(placed)
    )
    return placed.located()
