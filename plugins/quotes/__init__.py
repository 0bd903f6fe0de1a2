"""Quotes with attribution, epigraphs and callouts from plain Markdown.

Reuses markdown-callouts for GitHub's ``> [!NOTE]`` alerts and adds what it lacks:
``> **Note:**`` labels, fastpages ``{% include note.html content="..." %}`` tags,
attributed quotes (``― Name`` as the last line) and the opening epigraph.
"""

from __future__ import annotations

from markdown.inlinepatterns import HTML_RE
from pelican import signals

from plugins._shared.context import build_context
from plugins._shared.guard import connect
from plugins._shared.markdown import BuildlogExtension, install_extension, priority

from .blocks import GitHubCalloutProcessor, IncludeCalloutPreprocessor, LabelCalloutProcessor
from .tree import (
    CalloutTreeprocessor,
    QuoteTreeprocessor,
    RawHtmlInlineProcessor,
    UnsafeTagTreeprocessor,
    raw_html_of,
)


class QuotesExtension(BuildlogExtension):
    """Priorities, and why each runs where it does: plugins/_shared/markdown.py."""

    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        md.preprocessors.register(
            IncludeCalloutPreprocessor(md), "quotes_includes", priority("quotes_includes")
        )
        md.parser.blockprocessors.register(
            GitHubCalloutProcessor(md.parser), "github-callouts", priority("github-callouts")
        )
        md.parser.blockprocessors.register(
            LabelCalloutProcessor(md.parser), "quotes_labels", priority("quotes_labels")
        )
        md.treeprocessors.register(QuoteTreeprocessor(md), "quotes", priority("quotes"))
        md.treeprocessors.register(
            CalloutTreeprocessor(md), "quotes_callouts", priority("quotes_callouts")
        )
        md.treeprocessors.register(
            UnsafeTagTreeprocessor(md), "quotes_unsafe", priority("quotes_unsafe")
        )
        md.inlinePatterns.register(RawHtmlInlineProcessor(HTML_RE, md), "html", priority("html"))
        raw_html_of(md).clear()


def add_extension(pelican) -> None:
    build_context(pelican.settings).need_stylesheet("quotes")
    install_extension(pelican.settings, QuotesExtension())


def register() -> None:
    connect(signals.initialized, add_extension)
