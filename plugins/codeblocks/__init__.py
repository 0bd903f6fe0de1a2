"""Code blocks: line numbers, highlighted lines and captions from the fence's info
string, configured through Python-Markdown's own fenced_code + codehilite.

| processor             | kind         | priority | why                                        |
|-----------------------|--------------|----------|--------------------------------------------|
| ``codeblocks_fences`` | preprocessor | 29.8     | see ``plugins/_shared/markdown.py``: after |
|                       |              |          | whitespace normalisation (30), before the  |
|                       |              |          | shared code finder (29.5) and fenced_code  |

The copy button is theme JavaScript (theme/static/js/code.js): it needs no markup
from here, and is absent without JavaScript. Its styles (code.css) are asked for here.
"""

from __future__ import annotations

import logging

from markdown.preprocessors import Preprocessor
from pelican import signals

from plugins._shared.context import build_context, post_of
from plugins._shared.guard import connect
from plugins._shared.markdown import BuildlogExtension, install_extension, priority

from .fences import rewrite_fences


class FenceOptionsPreprocessor(Preprocessor):
    """Rewrite opening fences with options to the attribute-list form (fences.py);
    one line for one, so every later line number stays true."""

    def run(self, lines: list[str]) -> list[str]:
        if not any(line.startswith(("```", "~~~")) and "=" in line for line in lines):
            return lines
        result = rewrite_fences(lines)
        post = post_of(self.md)
        for error in result.errors:
            post.report(error)
        for warning in result.warnings:
            post.report(warning, logging.WARNING)
        return result.lines


class CodeBlocksExtension(BuildlogExtension):
    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        md.preprocessors.register(
            FenceOptionsPreprocessor(md), "codeblocks_fences", priority("codeblocks_fences")
        )


def start(pelican) -> None:
    install_extension(pelican.settings, CodeBlocksExtension())
    build_context(pelican.settings).need_stylesheet("code")


def register() -> None:
    connect(signals.initialized, start)
