"""Quotes with attribution, epigraphs and callouts from plain Markdown.

Reuses markdown-callouts for GitHub's ``> [!NOTE]`` alerts and adds what it lacks:
``> **Note:**`` labels, fastpages ``{% include note.html content="..." %}`` tags,
attributed quotes (``― Name`` as the last line) and the opening epigraph.
"""

from __future__ import annotations

from markdown import Extension
from markdown_callouts.github_callouts import GitHubCalloutsExtension
from pelican import signals

from plugins._shared.markdown import install_extension

from .blocks import IncludeCalloutPreprocessor, LabelCalloutProcessor
from .tree import CalloutTreeprocessor, QuoteTreeprocessor, UnsafeTagTreeprocessor


class QuotesExtension(Extension):
    def extendMarkdown(self, md):
        # After whitespace is normalized (30), before fenced code (25) hides code blocks
        # and raw HTML (20) stashes lines: include tags are still plain lines here.
        md.preprocessors.register(IncludeCalloutPreprocessor(md), "quotes_includes", 28)
        # `> [!NOTE]` (21.1, markdown-callouts), then `> **Note:**`; both before blockquote (20).
        GitHubCalloutsExtension().extendMarkdown(md)
        md.parser.blockprocessors.register(LabelCalloutProcessor(md.parser), "quotes_labels", 21.05)
        # Before inline (20): paragraph text is still raw Markdown, one line per source line.
        md.treeprocessors.register(QuoteTreeprocessor(md), "quotes", 26)
        md.treeprocessors.register(CalloutTreeprocessor(md), "quotes_callouts", 25)
        # After inline (20) has stashed raw tags, before prettify (10).
        md.treeprocessors.register(UnsafeTagTreeprocessor(md), "quotes_unsafe", 18)


def add_extension(pelican) -> None:
    install_extension(pelican.settings, QuotesExtension())


def register() -> None:
    signals.initialized.connect(add_extension)
