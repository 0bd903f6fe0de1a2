"""A notebook as one Markdown body: markdown cells as written, each code cell a
stashed HTML block on a line of its own. Every body line remembers its cell and
file line, so a problem found by any Markdown plugin is reported where it is."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from plugins._shared.markdown import find_code
from plugins.front_matter import block_token

from .front import NotebookFront
from .parse import Cell, Notebook
from .safe_html import clean_html

# nbdev/fastpages notebook-only Markdown, rewritten to what our plugins read.
_CALLOUT = re.compile(r"^(?P<lead>\s*>\s*)(?P<kind>Note|Tip|Warning|Important):\s*", re.I)
_TWITTER = re.compile(r"^\s*>\s*twitter:\s*(?P<url>https?://\S+)\s*$", re.I)
_YOUTUBE = re.compile(r"^\s*>\s*youtube:\s*(?P<url>https?://\S+)\s*$", re.I)
_ATTACHMENT = re.compile(r"\]\(\s*attachment:(?P<name>[^\s)]+)")
MARKDOWN_RAW = {"text/markdown", "text/x-markdown", "markdown"}
HTML_RAW = {"text/html", "html"}


@dataclass
class Body:
    """``lines[i]`` is (cell number, file line) of body line ``i + 1``."""

    lines: list[str] = field(default_factory=list)
    where: list[tuple[int, int | None]] = field(default_factory=list)
    blocks: list[Markup] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def add(self, line: str, cell: int = 0, file_line: int | None = None) -> None:
        self.lines.append(line)
        self.where.append((cell, file_line))

    def add_block(self, html: Markup, cell: Cell | None = None) -> None:
        """``html`` as a paragraph of its own (blank lines around its placeholder)."""
        self.blocks.append(html)
        where = (cell.number, cell.line(0)) if cell else (0, None)
        for line in ("", block_token(len(self.blocks) - 1), ""):
            self.add(line, *where)


def notebook_markdown(lines: list[str]) -> list[str]:
    """``> Note: x``, ``> twitter: URL``, ``> youtube: URL`` (nbdev) as the tags and
    labels our plugins read; one line for one line, code left alone."""
    code = find_code(lines)
    out = list(lines)
    for index, line in code.text_lines(lines):
        if m := _TWITTER.match(line):
            out[index] = f"{{% twitter {m['url']} %}}"
        elif m := _YOUTUBE.match(line):
            out[index] = f'{{% include youtube.html content="{m["url"]}" %}}'
        elif m := _CALLOUT.match(line):
            out[index] = f"{m['lead']}**{m['kind'].capitalize()}:** {line[m.end() :]}"
    return out


def assemble(
    body: Body,
    nb: Notebook,
    front: NotebookFront,
    render: Callable[[Cell], Markup | None],
    attach: Callable[[Cell, str], str],
) -> None:
    """Add ``nb``'s cells to ``body``: ``render`` makes a code cell's HTML, ``attach``
    publishes a markdown cell's attachment and returns its site path."""
    for cell in nb.cells:
        skip = front.used if cell.number == front.cell else 0
        if cell.kind == "markdown" or (cell.kind == "raw" and cell.raw_format in MARKDOWN_RAW):
            lines = cell.source.splitlines()
            converted = notebook_markdown(lines)
            for index in range(skip, len(lines)):
                line = converted[index]
                if "attachment:" in line:
                    line = _ATTACHMENT.sub(lambda m, c=cell: "](" + attach(c, m["name"]), line)
                body.add(line, cell.number, cell.line(index))
            body.add("", cell.number, cell.line(len(lines) - 1))
        elif cell.kind == "code":
            html = render(cell)
            if html is not None:
                body.add_block(html, cell)
        elif cell.kind == "raw" and cell.raw_format in HTML_RAW and not skip:
            body.add_block(Markup(clean_html(cell.source)), cell)
