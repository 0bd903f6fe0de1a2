"""HTML a reader makes before Markdown runs (a notebook's code cells), put in its place.

The reader stores each block in the Markdown stash and writes ``block_token(i)`` on a
line of its own. The token cannot be the stash placeholder itself: Python-Markdown's
first step strips the placeholder's control characters from the source (so no author
can forge one). This preprocessor, right after that step, turns the token into the
placeholder; Markdown then puts the block back as it does any raw HTML.
"""

from __future__ import annotations

import re

from markdown import Extension, util
from markdown.preprocessors import Preprocessor

from plugins._shared.markdown import priority

_TOKEN = re.compile("^\x1abuildlog-block:(\\d+)\x1a$")


def block_token(index: int) -> str:
    """The line a reader writes where block ``index`` goes."""
    return f"\x1abuildlog-block:{index}\x1a"


class BlockTokenPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        count = getattr(self.md, "buildlog_blocks", 0)
        if not count:
            return lines
        return [
            util.HTML_PLACEHOLDER % int(m[1])
            if (m := _TOKEN.match(line)) and int(m[1]) < count
            else line
            for line in lines
        ]


class PostBlocksExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(
            BlockTokenPreprocessor(md), "buildlog_blocks", priority("buildlog_blocks")
        )
