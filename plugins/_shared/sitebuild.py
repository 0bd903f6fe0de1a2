"""Run a whole Pelican build in this process and count what went wrong.

Pelican's own ``--fatal warnings`` stops at the first warning. Authors want every
problem at once, so we build to the end, collect each warning and error, and let the
caller (``invoke build --strict``, the tests, CI) decide the exit code.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from pelican import Pelican
from pelican.log import LimitFilter
from pelican.settings import read_settings

from .files import fix_modes

logger = logging.getLogger("buildlog")
DEBUG_VARIABLE = "BUILDLOG_DEBUG"


def debugging() -> bool:
    """Whether to show tracebacks of our own bugs (BUILDLOG_DEBUG=1)."""
    return os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


@dataclass
class BuildResult:
    output_path: Path
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def clean(self) -> bool:
        """No errors and no warnings: what ``--strict`` demands."""
        return not self.errors and not self.warnings


class _Collector(logging.Handler):
    def __init__(self, result: BuildResult):
        super().__init__(level=logging.WARNING)
        self.result = result

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("Could not process ") and self._already_explained(message):
            return  # Pelican's echo of a file we have reported with its reason
        bucket = self.result.errors if record.levelno >= logging.ERROR else self.result.warnings
        bucket.append(message)

    def _already_explained(self, message: str) -> bool:
        path = message.removeprefix("Could not process ").strip()
        return any(f"{path}:" in earlier for earlier in self.result.errors)


def reset_log_dedup() -> None:
    """Pelican drops repeated identical warnings for the life of the process; a
    rebuild (livereload, tests) must report them again."""
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()


def load_settings(settings_file: str | Path = "pelicanconf.py", overrides: dict | None = None) -> dict:
    return read_settings(str(settings_file), override=overrides or {})


def build_site(settings_file: str | Path = "pelicanconf.py", overrides: dict | None = None) -> BuildResult:
    """Build once; never raises for bad content -- problems land in the result."""
    settings = load_settings(settings_file, overrides)
    result = BuildResult(Path(settings["OUTPUT_PATH"]))
    collector = _Collector(result)
    root = logging.getLogger()
    root.addHandler(collector)
    reset_log_dedup()
    started = time.perf_counter()
    try:
        Pelican(settings).run()
        # Last, after every plugin and tool (Pagefind) wrote: readable by any web server
        # whatever the umask (files 0644, folders 0755).
        fix_modes(result.output_path)
    except Exception as error:  # a plugin bug or an unwritable output: still report, never a traceback
        logger.error("build failed: %s: %s%s", type(error).__name__, error,
                     "" if debugging() else f" (set {DEBUG_VARIABLE}=1 for the traceback)",
                     exc_info=debugging())
    finally:
        root.removeHandler(collector)
        result.seconds = time.perf_counter() - started
    return result
