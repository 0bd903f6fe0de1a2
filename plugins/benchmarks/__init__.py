"""``{% benchmarks NAME ["Benchmark name"] %}``: charts and tables from
``content/benchmarks/NAME.json`` (buildlog's format, or unconverted hyperfine,
pytest-benchmark, Google Benchmark or fio output).

The tag must stand on its own line. A bad tag or file logs ``file:line: reason`` and
leaves a visible error box in its place; the rest of the post still builds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor
from pelican import signals

from plugins._shared.errors import ContentError, report
from plugins._shared.markdown import code_lines, install_extension
from plugins._shared.render import render_error

from .model import BenchmarkFile
from .parse import load_file
from .render import render_benchmarks

_ID_UNSAFE = re.compile(r"[^\w-]")
_TAG = re.compile(r"^\s*\{%\s*benchmarks\s+(?P<name>[^\s%\"]+)"
                  r"(?:\s+\"(?P<bench>[^\"]*)\")?\s*%\}\s*$")


@dataclass(frozen=True)
class BenchmarksSettings:
    content: Path = Path("content")
    folder: str = "benchmarks"  # BENCHMARKS_DIR: under the content folder

    @classmethod
    def from_pelican(cls, settings: dict) -> BenchmarksSettings:
        return cls(Path(settings.get("PATH", "content")),
                   settings.get("BENCHMARKS_DIR", cls.folder))

    @property
    def directory(self) -> Path:
        return self.content / self.folder


@lru_cache(maxsize=64)
def _load(path: Path, mtime_ns: int) -> BenchmarkFile:  # mtime: reload after an edit
    return load_file(path)


def render_tag(name: str, bench: str | None, settings: BenchmarksSettings, line: int,
               id_prefix: str):
    """The HTML for one tag; ContentError for a missing file or benchmark."""
    path = settings.directory / f"{name}.json"
    if not re.fullmatch(r"[\w.-]+", name) or not path.is_file():
        raise ContentError(f"no benchmark file '{name}' (looked for "
                           f"{settings.folder}/{name}.json in the content folder)", line=line)
    doc = _load(path, path.stat().st_mtime_ns)
    chosen = doc.benchmarks
    if bench is not None:
        found = doc.find(bench)
        if found is None:
            names = ", ".join(f"'{b.name}'" for b in doc.benchmarks)
            raise ContentError(f"no benchmark '{bench}' in {name}.json (it has: {names})",
                               line=line)
        chosen = (found,)
    return render_benchmarks(doc, chosen, id_prefix)


class BenchmarksPreprocessor(Preprocessor):
    def __init__(self, md, settings: BenchmarksSettings):
        super().__init__(md)
        self.settings = settings

    def run(self, lines: list[str]) -> list[str]:
        out, count = [], 0
        for index, (line, code) in enumerate(zip(lines, code_lines(lines))):
            match = None if code else _TAG.match(line)
            if match is None:
                out.append(line)
                continue
            count += 1
            try:
                html = render_tag(match["name"], match["bench"], self.settings, index + 1,
                                  f"bench-{_ID_UNSAFE.sub('-', match['name'])}-{count}")
            except ContentError as error:
                html = render_error(report(error))
            # Blank lines around the placeholder so Markdown treats it as its own block.
            out.extend(["", self.md.htmlStash.store(html), ""])
        return out


class BenchmarksExtension(Extension):
    def __init__(self, settings: BenchmarksSettings, **kwargs):
        self.settings = settings
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # Before fenced code (25) and raw HTML (20), after fastpages_compat (35).
        md.preprocessors.register(BenchmarksPreprocessor(md, self.settings), "benchmarks", 30)


def add_extension(pelican) -> None:
    install_extension(pelican.settings,
                      BenchmarksExtension(BenchmarksSettings.from_pelican(pelican.settings)))


def register() -> None:
    signals.initialized.connect(add_extension)
