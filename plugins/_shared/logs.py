"""What the author sees while a site builds: every problem once, on one line.

Pelican logs through Rich, which wraps lines at 80 columns when output is not a
terminal (CI, pipes), splitting ``file.md:12`` across lines and adding its own source
location to each; and its "Could not process x.md" never says why. So:

- ``OneLineFormatter`` writes ``path:line: problem`` (``path:line: warning: problem``
  for warnings) for our records and ``warning: ...`` for anyone else's, never wrapped;
- ``PelicanEchoes`` (a filter on Pelican's loggers, for one build) drops Pelican's echo
  of a file we have already explained, and gives the others a reason and a place:
  the exception Pelican is handling when it says "Could not process", or the missing
  property when it says "Skipping";
- ``Collector`` counts what one build reported, for its exit code.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import traceback
from pathlib import Path

from .errors import ContentError, debugging, display_path, internal_error, log_problem

_NEWLINES = re.compile(r"\s*\n\s*")
NOTES_LOGGER = "buildlog.notes"
PELICAN_LOGGERS = ("pelican.generators", "pelican.contents", "pelican.utils", "pelican.readers")
# Pelican's messages we answer for (its format strings, as logged).
_COULD_NOT_PROCESS = "Could not process %s"
_SKIPPING = "Skipping %s: could not find information about '%s'"
_SAME_SLUG = (
    'There are %s items "%s" with lang %s',
    "There are %s original (not translated) items %s",
)
_ALL_TRANSLATIONS = 'All items ("%s") "%s" are translations'
_MISSING = {
    "date": "no date: name the file YYYY-MM-DD-slug.md (as fastpages does) or add "
    "'date: 2020-07-15' to the front matter",
    "title": "no title: add 'title: ...' to the front matter",
}


def one_line(text: str) -> str:
    return _NEWLINES.sub(" ", text.strip())


class OneLineFormatter(logging.Formatter):
    """``place: problem`` for our records, ``level: message`` for the rest; the
    traceback of a record only with BUILDLOG_DEBUG=1."""

    def format(self, record: logging.LogRecord) -> str:
        level = "" if record.levelno >= logging.ERROR else f"{record.levelname.lower()}: "
        place = getattr(record, "buildlog_place", None)
        if place is not None:
            line = f"{place}: {level}{one_line(record.buildlog_problem)}"
        elif record.levelno >= logging.ERROR:
            line = f"error: {one_line(record.getMessage())}"
        else:
            line = f"{level}{one_line(record.getMessage())}"
        if record.exc_info and debugging():
            line += "\n" + "".join(traceback.format_exception(*record.exc_info)).rstrip()
        return line


def console_handler(stream=None) -> logging.Handler:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(OneLineFormatter())
    return handler


def use_console(level: int = logging.WARNING) -> None:
    """Replace the root logger's handlers (Pelican's Rich one) with ours, and stop
    Rich wrapping Pelican's own "Done: ..." line."""
    from pelican.log import console

    root = logging.getLogger()
    for handler in list(root.handlers):
        if not isinstance(handler, Collector):
            root.removeHandler(handler)
    root.addHandler(console_handler())
    root.setLevel(level)
    console.soft_wrap = True


class Collector(logging.Handler):
    """Every warning and error of one build, and the files they named; and the notes
    (``buildlog.notes``: a post kept as a draft until its date), which are no problem."""

    def __init__(self, errors: list[str], warnings: list[str], notes: list[str] | None = None):
        super().__init__(level=logging.INFO)
        self.errors, self.warnings = errors, warnings
        self.notes = [] if notes is None else notes
        self.paths: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.WARNING:
            if record.name == NOTES_LOGGER:
                self.notes.append(one_line(record.getMessage()))
            return
        if (path := getattr(record, "buildlog_path", None)) is not None:
            self.paths.add(os.path.normpath(path))
        message = one_line(record.getMessage())
        (self.errors if record.levelno >= logging.ERROR else self.warnings).append(message)


class PelicanEchoes(logging.Filter):
    """On Pelican's loggers for one build: its messages about a file, said our way."""

    def __init__(self, content_path: str | Path, collector: Collector):
        super().__init__()
        self.content = Path(content_path)
        self.collector = collector

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        if message.startswith(_SAME_SLUG):
            return False  # the collision check reports pages that would share a file
        if message.startswith(_ALL_TRANSLATIONS) and len(record.args or ()) > 2:
            _rewrite(
                record,
                ContentError(
                    "'translation: true', but no post with the same slug is the original; "
                    "it is published as one",
                    path=display_path(str(record.args[2])),
                ),
            )
        if record.msg == _COULD_NOT_PROCESS and record.args:
            return self._explain(display_path(self.content / str(record.args[0])))
        if record.msg == _SKIPPING and len(record.args or ()) == 2:
            path, prop = display_path(str(record.args[0])), str(record.args[1])
            if self._reported(path):
                return False
            _rewrite(record, ContentError(_MISSING.get(prop, f"no '{prop}'"), path=path, line=1))
        return True

    def _reported(self, path: str) -> bool:
        return os.path.normpath(path) in self.collector.paths

    def _explain(self, path: str) -> bool:
        """Pelican gave up on ``path``: say why, unless we already did."""
        if self._reported(path):
            return False
        error = sys.exc_info()[1]  # what Pelican is handling while it logs this
        if isinstance(error, ContentError):
            error.path = error.path or path
            log_problem(error)
        elif error is not None:
            internal_error(path, error)
        else:
            return True
        return False


def _rewrite(record: logging.LogRecord, error: ContentError) -> None:
    record.msg, record.args = "%s", (error.located(),)
    record.buildlog_place, record.buildlog_problem = error.place(), error.message
    record.buildlog_path = error.path
