"""Small accessibility fixes to what Python-Markdown writes, applied to every post."""

from __future__ import annotations

import re

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from plugins._shared.markdown import priority

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class HeadingLinkLabels(Treeprocessor):
    """Give ``a.heading-link`` (visible text "#") an aria-label naming its section."""

    def run(self, root):
        for heading in [e for e in root.iter() if e.tag in HEADINGS]:
            link = next((a for a in heading.iter("a") if a.get("class") == "heading-link"), None)
            if link is None:
                continue
            title = "".join(heading.itertext()).removesuffix(link.text or "").strip()
            link.set("aria-label", f"Link to section: {title}")
            link.attrib.pop("title", None)


class FocusableCodeBlocks(Postprocessor):
    """Code blocks and Markdown tables scroll sideways on phones, and what scrolls
    must be reachable by keyboard (WCAG 2.1.1). codehilite's output is stashed
    HTML, so this works on the final text. Plugin tables bring their own wrappers."""

    PRE = re.compile(r"<pre(?=[\s>])(?![^>]*\btabindex=)")
    MARKDOWN_TABLE = re.compile(r"<table>")

    def run(self, text: str) -> str:
        text = self.PRE.sub('<pre tabindex="0"', text)
        return self.MARKDOWN_TABLE.sub('<table tabindex="0">', text)


class AccessibleMarkdownExtension(Extension):
    def extendMarkdown(self, md):
        # Priorities and why: plugins/_shared/markdown.py.
        md.treeprocessors.register(
            HeadingLinkLabels(md), "heading_link_labels", priority("heading_link_labels")
        )
        md.postprocessors.register(
            FocusableCodeBlocks(md), "focusable_code", priority("focusable_code")
        )
