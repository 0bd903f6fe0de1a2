"""The two places quotes and callouts are found while the text is still Markdown:
fastpages include lines (a preprocessor, so their line is known) and blockquotes that
open with a bold label such as ``> **Note:**`` (a block processor)."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import util
from markdown.blockprocessors import BlockQuoteProcessor
from markdown.preprocessors import Preprocessor
from markdown_callouts.github_callouts import _GitHubCalloutsBlockProcessor

from plugins._shared.context import post_of
from plugins._shared.errors import ContentError
from plugins._shared.markdown import code_map

from .parse import KINDS, match_label, parse_include


class IncludeCalloutPreprocessor(Preprocessor):
    """``{% include note.html content="X" %}`` -> ``> **Note:** X``: one line for one
    line, so the line numbers other plugins compute later stay right. From there the
    label processor below makes it a callout like any other."""

    def run(self, lines: list[str]) -> list[str]:
        out = list(lines)
        for index, line in code_map(self.md, lines).text_lines(lines):
            if "{%" in line:
                out[index] = self.convert(line, index + 1)
        return out

    def convert(self, line: str, lineno: int) -> str:
        try:
            include = parse_include(line, lineno)
        except ContentError as error:
            post = post_of(self.md)
            return self.md.htmlStash.store(post.templates.error(post.report(error)))
        if include is None:
            return line
        return f"{include.indent}> **{KINDS[include.kind]}:** {include.text}"


class GitHubCalloutProcessor(_GitHubCalloutsBlockProcessor):
    """markdown-callouts' ``> [!NOTE]`` processor (its extension registers nothing
    else), asked only about blocks that hold ``[!``: its expression tries every line
    start of every block, 1.4% of a whole build."""

    def test(self, parent: etree.Element, block: str) -> bool:
        return "[!" in block and super().test(parent, block)


class LabelCalloutProcessor(BlockQuoteProcessor):
    """A blockquote whose first line starts with a bold label becomes a callout.

        > **Warning:** Unplug it first.      <div class="admonition warning">
        > More text.                    ->     <p class="admonition-title">Warning</p>
                                               <p>Unplug it first.\\nMore text.</p>
                                             </div>

    The same shape markdown-callouts gives GitHub's ``> [!WARNING]``, so one
    tree processor turns both into the final markup."""

    def _match(self, block: str):
        m = self.RE.search(block)
        return (m, match_label(m[2])) if m else (None, None)

    def test(self, parent: etree.Element, block: str) -> bool:
        if ">" not in block:  # every block passes here; the pattern needs a ">"
            return False
        m, label = self._match(block)
        return (
            label is not None
            and not self.parser.state.isstate("blockquote")
            and not util.nearing_recursion_limit()
        )

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        block = blocks.pop(0)
        m, label = self._match(block)
        self.parser.parseBlocks(parent, [block[: m.start()]])
        lines = [self.clean(line) for line in block[m.start() :].split("\n")]
        lines[0] = lines[0][label.end :]
        callout = etree.SubElement(parent, "div", {"class": f"admonition {label.kind}"})
        title = etree.SubElement(callout, "p", {"class": "admonition-title"})
        title.text = KINDS[label.kind]
        self.parser.state.set("blockquote")
        self.parser.parseChunk(callout, "\n".join(lines).strip("\n"))
        self.parser.state.reset()
