"""One problem found in the built site, shown as ``output/page.html: ...``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """``path`` is the file as a user finds it (``output/about/index.html``)."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f" line {self.line}:" if self.line else ""
        return f"{self.path}:{where} {self.message}"


def shown_path(output: Path, file: Path, label: str = "output") -> str:
    """``output/about/index.html`` for ``<output>/about/index.html``, whatever the
    output folder is really called, so messages read the same everywhere."""
    return f"{label}/{file.relative_to(output).as_posix()}"


def drop_ignored(problems: list[Problem], patterns: tuple[str, ...]) -> list[Problem]:
    """Leave out problems whose text matches one of ``patterns`` (regexes from
    the PUBLISH_CHECK_IGNORE setting: third-party embeds you cannot fix)."""
    if not patterns:
        return problems
    compiled = [re.compile(p) for p in patterns]
    return [p for p in problems if not any(c.search(str(p)) for c in compiled)]


def site_files(output: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Files under ``output`` with one of ``suffixes``, skipping hidden folders
    (a retained ``.git``) and hidden files, in a stable order."""
    found = []
    for path in sorted(output.rglob("*")):
        parts = path.relative_to(output).parts
        if any(part.startswith(".") for part in parts):
            continue
        if path.is_file() and path.suffix.lower() in suffixes:
            found.append(path)
    return found
