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

from .buildinfo import BuildInfo, forget_build_info, write_build_info
from .errors import ContentError, debugging, display_path, internal_error, report
from .files import fix_modes
from .logs import NOTES_LOGGER, PELICAN_LOGGERS, Collector, PelicanEchoes
from .staging import finish_staged, staged_output
from .uptodate import Stamp, inputs_of, snapshot

__all__ = [
    "BuildResult",
    "build_site",
    "debugging",
    "forget_memoized",
    "load_settings",
    "reset_log_dedup",
]

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
    up_to_date: bool = False  # nothing changed since the last clean build: nothing done
    pages_rendered: int = 0  # pages whose template ran (pagecache.py)
    pages_reused: int = 0  # pages left as the last build wrote them
    after_build: list = field(default_factory=list)  # left for the caller (livereload)

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
    from pelican.log import LimitFilter

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
    from pelican.settings import read_settings

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
    started = time.perf_counter()
    stamp = Stamp.for_build(settings_file, overrides)
    if (last := stamp.current()) is not None:
        result.output_path, result.notes, result.up_to_date = last.output, last.notes, True
        result.seconds = time.perf_counter() - started
        return result
    stamp.forget()
    collector = Collector(result.errors, result.warnings, result.notes)
    with _listening(collector, PelicanEchoes(".", collector)):
        try:
            settings = load_settings(settings_file, overrides)
        except Exception as error:  # the settings file itself is broken
            _forget_module(settings_file)
            report(_settings_problem(settings_file, error))
            return result
    result.output_path = Path(settings["OUTPUT_PATH"])
    roots, files = inputs_of(settings, settings_file)
    before = snapshot(roots, files)
    staging = staged_output(settings)
    with _listening(collector, PelicanEchoes(settings["PATH"], collector)):
        reset_log_dedup()
        try:
            _run_pelican(settings, settings_file, result.errors)
        except Exception as error:  # a bug of ours that escaped every guard: still one line
            internal_error(settings_file, error)
        if staging is not None:
            result.kept_previous = not finish_staged(staging, result, settings)
    _take_from_build(result, settings)
    if result.clean and not result.after_build and not result.kept_previous:
        stamp.record(
            before,
            roots=roots,
            files=files,
            output=result.output_path,
            notes=result.notes,
            valid_until=_valid_until(settings),
        )
    result.seconds = time.perf_counter() - started
    return result


def _run_pelican(settings: dict, settings_file: str | Path, errors: list[str]) -> None:
    from pelican import Pelican

    from .context import ERRORS_KEY

    settings[ERRORS_KEY] = errors  # plugins may ask whether anything failed so far
    # A build that dies half-way leaves no marker for `invoke check` to trust.
    forget_build_info(Path(settings["OUTPUT_PATH"]))
    try:
        Pelican(settings).run()
    finally:
        forget_memoized(settings)
    # Last, after every plugin and tool (Pagefind) wrote: readable by any web
    # server whatever the umask (files 0644, folders 0755).
    fix_modes(settings["OUTPUT_PATH"])
    write_build_info(
        Path(settings["OUTPUT_PATH"]), BuildInfo.from_settings(settings_file, settings)
    )


def forget_memoized(settings: dict) -> None:
    """Drop this build's entries from Pelican's memos of each post's body and summary.

    ``Content.get_content`` and ``get_summary`` are memoized on the class, keyed by the
    post object: every build in one process (livereload, tests) kept all the posts it
    rendered, and through them its whole context (6 MiB a save at 100 posts, without end).
    """
    from pelican.contents import Content

    for name in ("get_content", "get_summary"):
        memo = getattr(Content.__dict__.get(name), "cache", None)
        if memo is None:  # Pelican changed how it memoizes: nothing of ours to drop
            continue
        for key in [k for k in memo if getattr(k[0], "settings", None) is settings]:
            del memo[key]


def _take_from_build(result: BuildResult, settings: dict) -> None:
    """What the build's context leaves the caller: work left to do, page counts."""
    from .context import CONTEXT_KEY

    build = settings.get(CONTEXT_KEY)
    if build is None:
        return
    result.after_build = list(build.after_build)
    pages = build.services.get("pages")
    if pages is not None:
        result.pages_rendered, result.pages_reused = pages.rendered, pages.reused


def _valid_until(settings: dict) -> float | None:
    """When this build's output goes stale by itself: the day a scheduled post is due."""
    from .context import CONTEXT_KEY

    context = settings.get(CONTEXT_KEY)
    return context.valid_until if context is not None else None
