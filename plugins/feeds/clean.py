"""Post HTML reshaped for feed readers, which run no scripts and apply no styles.

- ``<script>`` (photos.js, JSON-LD), ``<style>``, ``<template>``, ``<button>`` and
  ``<input>`` are dropped: without the page around them they do nothing or show junk.
- Inline ``<svg>`` is dropped: unstyled, a chart renders black on black or huge, and
  many readers strip it anyway. Charts keep their data table (the numbers), decorative
  icons go.
- ``<details>`` opens up (``<div>``, its ``<summary>`` a bold line), so the data table
  folded inside shows in readers that do not support it.
- ``<noscript>`` gives way to its content: a feed reader is the reader without scripts.

Everything else is copied as written, byte for byte: one regular-expression scan finds
the tags named above (skipping comments, CDATA and quoted attribute values, as an HTML
tokenizer does), instead of building a tree and writing it back, which cost a 100-post
build seconds. HTML without any of these tags is returned as it is.
"""

from __future__ import annotations

import re

DROPPED = frozenset(("script", "style", "template", "button", "input", "svg"))
VOID = frozenset(("input",))  # of DROPPED: no end tag, nothing inside to skip
RAW_TEXT = frozenset(("script", "style"))  # their content is text up to </name
_NAMES = "script|style|template|button|input|svg|details|summary|noscript"
_TOUCHED = re.compile(rf"<(?:{_NAMES})(?=[\s/>])", re.IGNORECASE)
_ATTRS = r"""(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*)"""
# Comments, CDATA and every other tag are matched whole (and copied), so what is
# written inside one (an attribute value "<svg>") is left alone.
_TOKEN = re.compile(
    rf"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<(?P<end>/?)(?P<tag>{_NAMES})(?=[\s/>]){_ATTRS}>"
    r"""|</?[a-zA-Z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>""",
    re.IGNORECASE | re.DOTALL,
)
_ATTR = re.compile(r"""(\s+)([^\s/>"'=]+)(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]*))?""")
_RAW_END = {name: re.compile(rf"</{name}(?=[\s/>])[^>]*>", re.IGNORECASE) for name in RAW_TEXT}


def clean_feed_html(html: str) -> str:
    """``html`` without scripts, inline SVG or folded blocks (see the module doc)."""
    if not html or not _TOUCHED.search(html):
        return html
    out, copied, position = [], 0, 0
    while (token := _TOKEN.search(html, position)) is not None:
        position = token.end()
        if token["tag"] is None:  # a comment, CDATA, another tag: part of the copied text
            continue
        out.append(html[copied : token.start()])
        tag, attrs = token["tag"].lower(), token["attrs"]
        if tag in DROPPED and not token["end"] and tag not in VOID and not attrs.endswith("/"):
            position = _element_end(html, tag, position)
        out.append(_replacement(tag, bool(token["end"]), attrs))
        copied = position
    out.append(html[copied:])
    return "".join(out)


def _replacement(tag: str, end: bool, attrs: str) -> str:
    """What a start or end tag of ``tag`` becomes (dropped ones: nothing)."""
    if tag == "details":
        return "</div>" if end else f"<div{_without_open(attrs)}>"
    if tag == "summary":
        return "</strong></p>" if end else "<p><strong>"
    return ""


def _without_open(attrs: str) -> str:
    """A tag's attribute text, each attribute as written, less ``open``."""
    return _ATTR.sub(lambda m: "" if m[2].lower() == "open" else m[0], attrs)


def _element_end(html: str, tag: str, position: int) -> int:
    """Where the ``tag`` element opened just before ``position`` ends (after its end
    tag, counting nested ones), or the end of ``html`` if it is never closed."""
    if tag in RAW_TEXT:
        end = _RAW_END[tag].search(html, position)
        return end.end() if end else len(html)
    depth = 1
    while (token := _TOKEN.search(html, position)) is not None:
        position = token.end()
        if token["tag"] is None or token["tag"].lower() != tag or token["attrs"].endswith("/"):
            continue
        depth += -1 if token["end"] else 1
        if depth == 0:
            return position
    return len(html)
