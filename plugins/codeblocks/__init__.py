"""Code blocks: line numbers, highlighted lines and captions from the fence's info
string, configured through Python-Markdown's own fenced_code + codehilite.

| processor               | kind         | priority | why                                                      |
|-------------------------|--------------|----------|----------------------------------------------------------|
| ``codeblocks_fences``   | preprocessor | 36       | first, while the lines are still the post's own lines    |
|                         |              |          | (messages name the right line; later preprocessors may   |
|                         |              |          | replace a block by fewer lines). The rewritten fence     |
|                         |              |          | still opens with its backticks, so the other             |
|                         |              |          | preprocessors (35-28) still skip the code, and           |
|                         |              |          | fenced_code (25) reads the options.                      |

The copy button is theme JavaScript (theme/static/js/code.js): it needs no markup
from here, and is absent without JavaScript.
"""

from __future__ import annotations

import logging

from markdown import Extension
from markdown.preprocessors import Preprocessor
from pelican import signals

from plugins._shared.errors import report
from plugins._shared.markdown import install_extension

from .fences import rewrite_fences

logger = logging.getLogger(__name__)


class FenceOptionsPreprocessor(Preprocessor):
    """Rewrite opening fences with options to the attribute-list form (fences.py)."""

    def run(self, lines: list[str]) -> list[str]:
        if not any(line.startswith(("```", "~~~")) and "=" in line for line in lines):
            return lines
        result = rewrite_fences(lines)
        for error in result.errors:
            report(error)
        for warning in result.warnings:
            report(warning, level=logging.WARNING)
        return result.lines


class CodeBlocksExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(FenceOptionsPreprocessor(md), "codeblocks_fences", 36)


def add_extension(pelican) -> None:
    install_extension(pelican.settings, CodeBlocksExtension())


def register() -> None:
    signals.initialized.connect(add_extension)
