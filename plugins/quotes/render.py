"""Pre-rendered pieces of quote and callout markup (the icons)."""

from __future__ import annotations

from markupsafe import Markup

from plugins._shared.render import Templates


def render_icon(kind: str, templates: Templates | None = None) -> Markup:
    """The decorative inline SVG for a callout kind (hidden from assistive tech:
    the visible title already says what the icon shows)."""
    return (templates or Templates.default()).render("quotes/icon.html", kind=kind)
