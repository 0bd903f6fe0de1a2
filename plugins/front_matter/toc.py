"""Table of contents from Python-Markdown's ``toc`` tokens.

``toc`` already gives every heading a unique id from its text and a self-link; we
render the TOC ourselves: an ordered list, without toc's wrapper div.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.extensions.toc import TocExtension, TocTreeprocessor
from markupsafe import Markup

from plugins._shared.render import Templates

TOC_NAMES = ("markdown.extensions.toc", "toc")  # how MARKDOWN settings may name it


def render_toc(tokens: list[dict], templates: Templates | None = None) -> Markup:
    """Nested ``<ol>`` of links; token names come from toc already escaped."""
    if not tokens:
        return Markup("")
    return (templates or Templates.default()).render("front_matter/toc.html", tokens=tokens)


class TokensTocTreeprocessor(TocTreeprocessor):
    """toc as we use it: heading ids, self-links and ``toc_tokens``. toc also builds,
    prettifies and serialises its own TOC ``<div>`` for ``md.toc`` on every post (a
    third of its time), which we never show: that div is built only when the post
    writes toc's ``[TOC]`` marker, whose paragraph it still replaces. Otherwise
    ``md.toc`` is an empty ``<div></div>``."""

    marked = False

    def run(self, doc: etree.Element) -> None:
        # replace_marker replaces only an element whose text is the marker.
        self.marked = bool(self.marker) and any(
            el.text and self.marker in el.text for el in doc.iter()
        )
        super().run(doc)

    def build_toc_div(self, toc_list: list) -> etree.Element:
        return super().build_toc_div(toc_list) if self.marked else etree.Element("div")

    def replace_marker(self, root: etree.Element, elem: etree.Element) -> None:
        if self.marked:
            super().replace_marker(root, elem)


class TokensTocExtension(TocExtension):
    TreeProcessorClass = TokensTocTreeprocessor


def tokens_toc(settings: dict) -> list:
    """MARKDOWN's extension list with toc (configured as in ``extension_configs``)
    swapped for ``TokensTocExtension``."""
    configs = settings.get("extension_configs", {})
    return [
        TokensTocExtension(**configs.get(e, {})) if isinstance(e, str) and e in TOC_NAMES else e
        for e in settings.get("extensions", [])
    ]
