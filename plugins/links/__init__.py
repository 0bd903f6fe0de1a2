"""Empty links: ``[text]()`` in a post is a build warning with its file:line.

Python-Markdown turns ``[text]()`` into ``<a href="">``, a link back to the same page
that readers click in vain (fastpages posts have them as placeholders). The link
stays as written (nothing is silently replaced); the warning says where it is, and
``invoke check`` reports any empty ``href`` left in the built site.

Self-contained on purpose: one extension, two processors.

| processor | kind | priority | why |
|---|---|---|---|
| ``empty_links_source`` | Preprocessor | 1000 | first: keeps the body's lines as written, to find each link's line |
| ``empty_links`` | Treeprocessor | 1 | after inline parsing (20) made the ``<a>`` elements |
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from pelican import signals

from plugins._shared.errors import warn
from plugins._shared.markdown import code_lines, install_extension

# ``[text]()``, ``[text]( )``, ``[text](<>)``: the text, then an address of nothing.
_EMPTY = re.compile(r"(?<!!)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\(\s*(?:<\s*>)?\s*\)")
_MARKUP = re.compile(r"[*_`~]")


def empty_link_lines(lines: list[str]) -> list[tuple[int, str]]:
    """``(line, text)`` of each ``[text]()`` outside fenced code, 1-based, in order."""
    found = []
    for number, (line, code) in enumerate(zip(lines, code_lines(lines)), 1):
        if not code:
            found += [(number, _MARKUP.sub("", m["text"]).strip()) for m in _EMPTY.finditer(line)]
    return found


class _KeepSource(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        self.md.empty_link_candidates = empty_link_lines(lines)
        return lines


class _ReportEmptyLinks(Treeprocessor):
    def run(self, root) -> None:
        candidates = list(getattr(self.md, "empty_link_candidates", []))
        for link in root.iter("a"):
            href = link.get("href")
            if href is None or href.strip():
                continue
            text = " ".join("".join(link.itertext()).split())
            line = _take_line(candidates, text)
            warn(f"empty link [{text}](): add the address between the parentheses, "
                 "or remove the brackets", line=line)


def _take_line(candidates: list[tuple[int, str]], text: str) -> int | None:
    """The line of the first unclaimed ``[text]()`` with this text (else the first
    unclaimed one: Markdown inside the brackets may read differently), claimed."""
    match = next((c for c in candidates if c[1] == text), None) or next(iter(candidates), None)
    if match is None:
        return None
    candidates.remove(match)
    return match[0]


class EmptyLinkExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.empty_link_candidates = []
        md.preprocessors.register(_KeepSource(md), "empty_links_source", 1000)
        md.treeprocessors.register(_ReportEmptyLinks(md), "empty_links", 1)


def add_extension(pelican) -> None:
    install_extension(pelican.settings, EmptyLinkExtension())


def register() -> None:
    signals.initialized.connect(add_extension)
