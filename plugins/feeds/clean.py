"""Post HTML reshaped for feed readers, which run no scripts and apply no styles.

- ``<script>`` (photos.js, JSON-LD), ``<style>``, ``<template>``, ``<button>`` and
  ``<input>`` are dropped: without the page around them they do nothing or show junk.
- Inline ``<svg>`` is dropped: unstyled, a chart renders black on black or huge, and
  many readers strip it anyway. Charts keep their data table (the numbers), decorative
  icons go.
- ``<details>`` opens up (``<div>``, its ``<summary>`` a bold line), so the data table
  folded inside shows in readers that do not support it.
- ``<noscript>`` gives way to its content: a feed reader is the reader without scripts.

One pass of the standard library's HTML tokenizer: everything not named above is
copied as it was written, byte for byte (no tree is built and written back, which cost
a 100-post build seconds). HTML without any of these tags is returned as it is.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

DROPPED = frozenset(("script", "style", "template", "button", "input", "svg"))
VOID = frozenset(("input",))  # of DROPPED: no end tag, nothing inside to skip
# A cheap look before tokenizing: can ``html`` hold a tag this module changes?
_TOUCHED = re.compile(r"<(?:script|style|template|button|input|svg|details|summary|noscript)\b",
                      re.IGNORECASE)


def clean_feed_html(html: str) -> str:
    """``html`` without scripts, inline SVG or folded blocks (see the module doc)."""
    if not html or not _TOUCHED.search(html):
        return html
    cleaner = _Cleaner()
    cleaner.feed(html)
    cleaner.close()
    return "".join(cleaner.out)


class _Cleaner(HTMLParser):
    """Copies the source through, except the tags the module doc names. While inside
    a dropped element (``skipping`` its name, ``depth`` its nesting) nothing is kept."""

    def __init__(self):
        super().__init__(convert_charrefs=False)  # entities stay as written
        self.out: list[str] = []
        self.skipping: str | None = None
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if self.skipping is not None:
            self.depth += tag == self.skipping
        elif tag in DROPPED:
            if tag not in VOID:
                self.skipping, self.depth = tag, 1
        elif tag == "details":
            kept = "".join(f' {name}="{escape(value or "", quote=True)}"' if value is not None
                           else f" {name}" for name, value in attrs if name != "open")
            self.out.append(f"<div{kept}>")
        elif tag == "summary":
            self.out.append("<p><strong>")
        elif tag != "noscript":
            self.out.append(self.get_starttag_text())

    def handle_startendtag(self, tag, attrs):
        if self.skipping is None and tag not in DROPPED:
            self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self.skipping is not None:
            if tag == self.skipping:
                self.depth -= 1
                if self.depth == 0:
                    self.skipping = None
        elif tag in ("details", "summary"):
            self.out.append("</div>" if tag == "details" else "</strong></p>")
        elif tag not in DROPPED and tag != "noscript":
            self.out.append(f"</{tag}>")

    def _keep(self, text: str) -> None:
        if self.skipping is None:
            self.out.append(text)

    def handle_data(self, data):
        self._keep(data)

    def handle_entityref(self, name):
        self._keep(f"&{name};")

    def handle_charref(self, name):
        self._keep(f"&#{name};")

    def handle_comment(self, data):
        self._keep(f"<!--{data}-->")

    def handle_decl(self, decl):
        self._keep(f"<!{decl}>")

    def handle_pi(self, data):
        self._keep(f"<?{data}>")

    def unknown_decl(self, data):  # <![CDATA[x]]> arrives as "CDATA[x"
        self._keep(f"<![{data}]]>")
