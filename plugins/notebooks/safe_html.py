"""HTML outputs made safe and valid for a static page, with nh3 (the ammonia sanitizer).

A notebook's HTML output (a pandas DataFrame, a styled table) is kept as markup, minus
what could run or break the page: scripts, inline styles, ``<style>`` blocks (invalid
in ``<body>``), event handlers, and obsolete attributes such as ``border="1"``.
"""

from __future__ import annotations

TAGS = {
    "a",
    "abbr",
    "b",
    "br",
    "caption",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
    "var",
}
ATTRIBUTES = {
    "*": {"class", "title", "lang"},
    "a": {"href"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start"},
}


def clean_html(html: str) -> str:
    """``html`` with only harmless, valid markup left (links get rel=noopener)."""
    import nh3  # here: only a notebook's HTML outputs need it (~1.5 MB)

    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        clean_content_tags={"script", "style"},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
