"""Post HTML reshaped for feed readers, which run no scripts and apply no styles.

- ``<script>`` (photos.js, JSON-LD), ``<style>``, ``<template>``, ``<button>`` and
  ``<input>`` are dropped: without the page around them they do nothing or show junk.
- Inline ``<svg>`` is dropped: unstyled, a chart renders black on black or huge, and
  many readers strip it anyway. Charts keep their data table (the numbers), decorative
  icons go.
- ``<details>`` opens up (``<div>``, its ``<summary>`` a bold line), so the data table
  folded inside shows in readers that do not support it.
- ``<noscript>`` gives way to its content: a feed reader is the reader without scripts.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

DROPPED = ("script", "style", "template", "button", "input", "svg")


def clean_feed_html(html: str) -> str:
    """``html`` without scripts, inline SVG or folded blocks (see the module doc)."""
    if not html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(DROPPED):
        element.decompose()
    for summary in soup.find_all("summary"):
        summary.name, summary.attrs = "strong", {}
        summary.wrap(soup.new_tag("p"))
    for details in soup.find_all("details"):
        details.name = "div"
        details.attrs.pop("open", None)
    for noscript in soup.find_all("noscript"):
        noscript.unwrap()
    return str(soup)
