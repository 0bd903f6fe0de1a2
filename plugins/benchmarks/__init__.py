"""``{% benchmarks NAME ["Benchmark name"] %}``: charts and tables from
``content/benchmarks/NAME.json`` (buildlog's format, or unconverted hyperfine,
pytest-benchmark, Google Benchmark or fio output).

The tag must stand on its own line. A bad tag or file logs ``file:line: reason`` and
leaves a visible error box in its place; the rest of the post still builds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown.preprocessors import Preprocessor
from pelican import signals

from plugins._shared.context import PostContext, build_context, post_of
from plugins._shared.errors import ContentError
from plugins._shared.guard import connect
from plugins._shared.markdown import (
    BuildlogExtension,
    code_map,
    install_extension,
    priority,
    store_block,
)
from plugins._shared.render import Templates

from .model import BenchmarkFile
from .parse import load_file, parse_tag
from .render import render_benchmarks

_ID_UNSAFE = re.compile(r"[^\w-]")
_TAG = re.compile(r"^\s*\{%\s*benchmarks\b(?P<args>.*?)%\}\s*$")


@dataclass(frozen=True)
class BenchmarksSettings:
    content: Path = Path("content")
    folder: str = "benchmarks"  # BENCHMARKS_DIR: under the content folder

    @classmethod
    def from_pelican(cls, settings: dict) -> BenchmarksSettings:
        return cls(
            Path(settings.get("PATH", "content")), settings.get("BENCHMARKS_DIR", cls.folder)
        )

    @property
    def directory(self) -> Path:
        return self.content / self.folder


class BenchmarkFiles:
    """The benchmark files of one build, each read once (and again if it changes)."""

    def __init__(self, settings: BenchmarksSettings):
        self.settings = settings
        self.loaded: dict[Path, tuple[int, BenchmarkFile]] = {}

    def get(self, name: str, line: int) -> BenchmarkFile:
        path = self.settings.directory / f"{name}.json"
        if not re.fullmatch(r"[\w.-]+", name) or not path.is_file():
            raise ContentError(
                f"no benchmark file '{name}' (looked for "
                f"{self.settings.folder}/{name}.json in the content folder)",
                line=line,
            )
        stamp = path.stat().st_mtime_ns
        known = self.loaded.get(path)
        if known is None or known[0] != stamp:
            known = self.loaded[path] = (stamp, load_file(path))
        return known[1]


def render_tag(
    files: BenchmarkFiles,
    name: str,
    bench: str | None,
    line: int,
    id_prefix: str,
    templates: Templates | None = None,
    memo: dict | None = None,
):
    """The HTML for one tag; ContentError for a missing file or benchmark. With
    ``memo`` (the build's), a tag met again with the same file (the same parsed
    document), benchmark and ids is rendered once: charts cost ~40 ms each."""
    doc = files.get(name, line)
    key = (id(doc), bench, id_prefix)
    if memo is not None and key in memo and memo[key][0] is doc:
        return memo[key][1]
    html = _render_doc(doc, name, bench, line, id_prefix, templates)
    if memo is not None:
        memo[key] = (doc, html)  # holding doc: its id cannot be reused meanwhile
    return html


def _render_doc(
    doc: BenchmarkFile,
    name: str,
    bench: str | None,
    line: int,
    id_prefix: str,
    templates: Templates | None,
):
    chosen = doc.benchmarks
    if bench is not None:
        found = doc.find(bench)
        if found is None:
            names = ", ".join(f"'{b.name}'" for b in doc.benchmarks)
            raise ContentError(
                f"no benchmark '{bench}' in {name}.json (it has: {names})", line=line
            )
        chosen = (found,)
    return render_benchmarks(doc, chosen, id_prefix, templates=templates)


class BenchmarksPreprocessor(Preprocessor):
    def __init__(self, md, files: BenchmarkFiles):
        super().__init__(md)
        self.files = files

    def run(self, lines: list[str]) -> list[str]:
        out, count = list(lines), 0
        for index, line in code_map(self.md, lines).text_lines(lines):
            match = _TAG.match(line) if "{%" in line else None
            if match is None:
                continue
            count += 1
            out[index] = store_block(
                self.md, self.render(post_of(self.md), match["args"], index + 1, count)
            )
        return out

    def render(self, post: PostContext, args: str, line: int, count: int):
        try:
            name, bench = parse_tag(args, line)
            post.depends_on(self.files.settings.directory / f"{name}.json")
            return render_tag(
                self.files,
                name,
                bench,
                line,
                f"bench-{_ID_UNSAFE.sub('-', name)}-{count}",
                templates=post.templates,
                memo=post.build.memo("benchmarks"),
            )
        except ContentError as error:
            return post.templates.error(post.report(error))
        except Exception as error:  # a bug of ours costs this chart, not the post
            return post.templates.error(post.internal(error, line))


class BenchmarksExtension(BuildlogExtension):
    def __init__(self, files: BenchmarkFiles, **kwargs):
        self.files = files
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        md.preprocessors.register(
            BenchmarksPreprocessor(md, self.files), "benchmarks", priority("benchmarks")
        )


def add_extension(pelican) -> None:
    build_context(pelican.settings).need_stylesheet("benchmarks")
    files = BenchmarkFiles(BenchmarksSettings.from_pelican(pelican.settings))
    install_extension(pelican.settings, BenchmarksExtension(files))


def register() -> None:
    connect(signals.initialized, add_extension)
