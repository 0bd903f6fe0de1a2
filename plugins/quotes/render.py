"""Pre-rendered pieces of quote and callout markup (the icons)."""

from __future__ import annotations

from markupsafe import Markup

from plugins._shared.render import render


def render_icon(kind: str) -> Markup:
    """The decorative inline SVG for a callout kind (hidden from assistive tech:
    the visible title already says what the icon shows)."""
    return render("quotes/icon.html", kind=kind)
