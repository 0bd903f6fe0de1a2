"""Table of contents from Python-Markdown's ``toc`` tokens.

``toc`` already gives every heading a unique id from its text and a self-link; we
render the TOC ourselves: an ordered list, without toc's wrapper div.
"""

from __future__ import annotations

from markupsafe import Markup

from plugins._shared.render import Templates


def render_toc(tokens: list[dict], templates: Templates | None = None) -> Markup:
    """Nested ``<ol>`` of links; token names come from toc already escaped."""
    if not tokens:
        return Markup("")
    return (templates or Templates.default()).render("front_matter/toc.html", tokens=tokens)
