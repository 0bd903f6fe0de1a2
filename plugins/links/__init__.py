"""Empty links: ``[text]()`` in a post is a build warning with its file:line.

Python-Markdown turns ``[text]()`` into ``<a href="">``, a link back to the same page
that readers click in vain (fastpages posts keep them as placeholders). The link
stays as written (nothing is silently replaced); the warning says where it is, and
``invoke check`` reports any empty ``href`` left in the built site.

Processors (see the table in ``plugins/_shared/markdown.py``):

    empty_links_source  preprocessor   25.4  remembers where ``[text]()`` is written
                                             (outside code), as Markdown will read it
    empty_links         treeprocessor  17    after inline parsing (20) made the links:
                                             each ``<a href="">`` is reported at its line
"""

from __future__ import annotations

import re

from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from pelican import signals

from plugins._shared.context import post_of
from plugins._shared.markdown import (
    BuildlogExtension,
    CodeMap,
    code_map,
    install_extension,
    priority,
)

# ``[text]()``, ``[text]( )``, ``[text](<>)``: link text, then an address of nothing.
_EMPTY = re.compile(r"(?<!!)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\(\s*(?:<\s*>)?\s*\)")
_MARKUP = re.compile(r"[*_`~]")


def empty_link_lines(lines: list[str], code: CodeMap) -> list[tuple[int, str]]:
    """``(line, text)`` of each ``[text]()`` outside code, 1-based, in order."""
    found = []
    for index, line in code.text_lines(lines):
        if "](" not in line:  # the pattern needs it; most lines have none
            continue
        for match in _EMPTY.finditer(line):
            if not code.in_code(index, match.start()):
                found.append((index + 1, " ".join(_MARKUP.sub("", match["text"]).split())))
    return found


class _EmptyLinkSource(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        self.md.empty_link_candidates = empty_link_lines(lines, code_map(self.md, lines))
        return lines


class _ReportEmptyLinks(Treeprocessor):
    def run(self, root) -> None:
        candidates = list(getattr(self.md, "empty_link_candidates", []))
        for link in root.iter("a"):
            href = link.get("href")
            if href is None or href.strip():
                continue
            text = " ".join("".join(link.itertext()).split())
            post_of(self.md).warn(
                f"empty link [{text}](): add the address between the "
                "parentheses, or remove the brackets",
                line=_take_line(candidates, text),
            )


def _take_line(candidates: list[tuple[int, str]], text: str) -> int | None:
    """The line of the first unclaimed ``[text]()`` with this text (else of the
    first unclaimed one: Markdown inside the brackets may read differently)."""
    match = next((c for c in candidates if c[1] == text), None) or next(iter(candidates), None)
    if match is None:
        return None
    candidates.remove(match)
    return match[0]


class EmptyLinkExtension(BuildlogExtension):
    def extendMarkdown(self, md) -> None:
        super().extendMarkdown(md)
        md.empty_link_candidates = []
        md.preprocessors.register(
            _EmptyLinkSource(md), "empty_links_source", priority("empty_links_source")
        )
        md.treeprocessors.register(_ReportEmptyLinks(md), "empty_links", priority("empty_links"))


def add_extension(pelican) -> None:
    install_extension(pelican.settings, EmptyLinkExtension())


def register() -> None:
    signals.initialized.connect(add_extension)
