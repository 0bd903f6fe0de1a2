"""Which raw HTML written inside a quote or callout may stay HTML.

People quote text that holds markup (a forum post, a shell session), so inside quotes
and callouts only harmless inline HTML stays HTML: formatting tags, links to web
addresses, images, ``<!-- comments -->``. Anything else, ``<script>``, ``<style>``, ``<iframe>``,
``<base>``, ``<meta>``, an ``onerror=`` attribute, a ``javascript:`` link, is shown as
the text it is.

Python-Markdown hands us each piece of raw HTML separately (one tag, one comment,
one CDATA section). Whether a piece is harmless is decided by parsing it the way a
browser does, with html5lib (the WHATWG parsing algorithm), then looking at what came
out: so ``<!--><script>`` is an empty comment followed by a live script, exactly as
Chromium reads it. No pattern matching on markup.
"""

from __future__ import annotations

from functools import lru_cache
from xml.etree import ElementTree

_INLINE = {
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "br",
    "cite",
    "code",
    "del",
    "dfn",
    "em",
    "i",
    "img",
    "ins",
    "kbd",
    "mark",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
    "var",
    "wbr",
}
_GLOBAL_ATTRIBUTES = {"title", "lang", "dir"}
_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "time": {"datetime"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "q": {"cite"},
}
_URL_ATTRIBUTES = {"href", "src", "cite"}
_SCHEMES = {"http", "https", "mailto"}
_URL_STRIP = "".join(chr(c) for c in range(0x21))  # C0 controls and space, per the URL spec


def safe_url(value: str) -> bool:
    """A relative address or one of _SCHEMES, read as a browser reads it (tabs and
    newlines inside are ignored, so ``java&#9;script:`` is still javascript:)."""
    cleaned = "".join(c for c in value if c not in "\t\n\r").strip(_URL_STRIP)
    scheme, colon, _ = cleaned.partition(":")
    if not colon or any(c in scheme for c in "/?#"):
        return True  # no scheme: a path on this site
    return scheme.lower() in _SCHEMES


def _element_ok(node: ElementTree.Element) -> bool:
    if node.tag not in _INLINE:
        return False
    allowed = _GLOBAL_ATTRIBUTES | _ATTRIBUTES.get(node.tag, set())
    for name, value in node.attrib.items():
        if name not in allowed or (name in _URL_ATTRIBUTES and not safe_url(value)):
            return False
    return True


@lru_cache(maxsize=1024)
def harmless(raw: str) -> bool:
    """Whether the raw HTML ``raw`` holds only allowed elements, attributes and
    comments once parsed as a browser parses it. An end tag (which a parser drops
    when nothing is open) is judged as the start tag it closes."""
    import html5lib  # here: most builds have no raw HTML in a quote

    if raw.startswith("</"):
        raw = "<" + raw[2:]
    fragment = html5lib.parseFragment(raw, treebuilder="etree", namespaceHTMLElements=False)
    for node in fragment.iter():
        if node is fragment:
            continue
        if node.tag is ElementTree.Comment:
            if raw.startswith("<!--"):
                continue
            return False  # a CDATA section or <?...?>: a "bogus comment" to a browser
        if not isinstance(node.tag, str) or not _element_ok(node):
            return False
    return True
