"""Run a whole Pelican build in this process and count what went wrong.

Pelican's own ``--fatal warnings`` stops at the first warning. Authors want every
problem at once, so we build to the end, collect each warning and error, and let the
caller (``invoke build --strict``, the tests, CI) decide the exit code.
"""

from __future__ import annotations

import logging
import sys
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pelican import Pelican
from pelican.log import LimitFilter
from pelican.settings import read_settings

from .buildinfo import BuildInfo, forget_build_info, write_build_info
from .errors import ContentError, debugging, display_path, internal_error, report
from .files import fix_modes
from .logs import NOTES_LOGGER, PELICAN_LOGGERS, Collector, PelicanEchoes
from .staging import finish_staged, staged_output

__all__ = ["BuildResult", "build_site", "debugging", "load_settings", "reset_log_dedup"]

logger = logging.getLogger("buildlog")


# Things an author should hear about that are not problems (a post kept as a draft
# until its date): collected into BuildResult.notes, never counted by --strict.
NOTES = logging.getLogger(NOTES_LOGGER)
NOTES.setLevel(logging.INFO)
NOTES.propagate = False


@dataclass
class BuildResult:
    output_path: Path
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    kept_previous: bool = False  # a staged build failed; the output is the last good one

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def clean(self) -> bool:
        """No errors and no warnings: what ``--strict`` demands."""
        return not self.errors and not self.warnings


def reset_log_dedup() -> None:
    """Pelican drops repeated identical warnings for the life of the process; a
    rebuild (livereload, tests) must report them again."""
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


class _LocalFeedsAreMeant(logging.Filter):
    """Local builds write feeds with links from ``/`` on purpose (served by
    ``invoke serve``); Pelican's warning about feeds without SITEURL would be noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Feeds generated without SITEURL")


def load_settings(
    settings_file: str | Path = "pelicanconf.py", overrides: dict | None = None
) -> dict:
    quiet = _LocalFeedsAreMeant()
    settings_logger = logging.getLogger("pelican.settings")
    settings_logger.addFilter(quiet)
    try:
        return read_settings(str(settings_file), override=overrides or {})
    finally:
        settings_logger.removeFilter(quiet)


def _settings_problem(settings_file: str | Path, error: Exception) -> ContentError:
    """A settings file that does not run, placed at its line."""
    shown = display_path(settings_file)
    if isinstance(error, SyntaxError):
        return ContentError(
            f"invalid Python: {error.msg}", path=shown, line=error.lineno, column=error.offset
        )
    line = next(
        (
            frame.lineno
            for frame in reversed(traceback.extract_tb(error.__traceback__))
            if Path(frame.filename).resolve() == Path(settings_file).resolve()
        ),
        None,
    )
    return ContentError(f"{type(error).__name__}: {error}", path=shown, line=line)


def _forget_module(settings_file: str | Path) -> None:
    """Pelican registers a settings file as a module before running it; a failed run
    leaves an empty one that ``from pelicanconf import *`` (publishconf.py) would get
    for the rest of the process (livereload, tests). Drop it."""
    name = Path(settings_file).stem
    module = sys.modules.get(name)
    if module is not None and getattr(module, "__file__", None) == str(settings_file):
        del sys.modules[name]


@contextmanager
def _listening(collector: Collector, echoes: PelicanEchoes):
    root = logging.getLogger()
    root.addHandler(collector)
    for name in PELICAN_LOGGERS:
        logging.getLogger(name).addFilter(echoes)
    NOTES.addHandler(collector)
    try:
        yield
    finally:
        root.removeHandler(collector)
        NOTES.removeHandler(collector)
        for name in PELICAN_LOGGERS:
            logging.getLogger(name).removeFilter(echoes)


def build_site(
    settings_file: str | Path = "pelicanconf.py", overrides: dict | None = None
) -> BuildResult:
    """Build once; never raises for bad content -- problems land in the result.

    With DELETE_OUTPUT_DIRECTORY (publishconf.py) the site is built in a folder next
    to the output and takes its place only if the build had no error: a failed
    ``invoke preview`` leaves the last good site where it was."""
    result = BuildResult(Path("output"))
    collector = Collector(result.errors, result.warnings, result.notes)
    started = time.perf_counter()
    with _listening(collector, PelicanEchoes(".", collector)):
        try:
            settings = load_settings(settings_file, overrides)
        except Exception as error:  # the settings file itself is broken
            _forget_module(settings_file)
            report(_settings_problem(settings_file, error))
            return result
    result.output_path = Path(settings["OUTPUT_PATH"])
    staging = staged_output(settings)
    with _listening(collector, PelicanEchoes(settings["PATH"], collector)):
        reset_log_dedup()
        try:
            # A build that dies half-way leaves no marker for `invoke check` to trust.
            forget_build_info(Path(settings["OUTPUT_PATH"]))
            Pelican(settings).run()
            # Last, after every plugin and tool (Pagefind) wrote: readable by any web
            # server whatever the umask (files 0644, folders 0755).
            fix_modes(settings["OUTPUT_PATH"])
            write_build_info(
                Path(settings["OUTPUT_PATH"]), BuildInfo.from_settings(settings_file, settings)
            )
        except Exception as error:  # a bug of ours that escaped every guard: still one line
            internal_error(settings_file, error)
        if staging is not None:
            result.kept_previous = not finish_staged(staging, result, settings)
    result.seconds = time.perf_counter() - started
    return result
