"""Photos to HTML through Jinja templates (autoescaped: alt text and captions are text)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from plugins._shared.render import Templates

from .parse import ImageRef


@dataclass(frozen=True)
class Picture:
    """One image as the templates need it. ``webp``/``fallback`` are srcsets (empty
    for a remote or passed-through image); ``src``/``width``/``height`` are the
    fallback ``<img>``'s; ``full`` is what a gallery thumbnail links to."""

    alt: str
    caption: str
    src: str
    full: str
    width: int = 0
    height: int = 0
    webp: str = ""
    fallback: str = ""
    lazy: bool = True


def alt_text(ref: ImageRef) -> str:
    """Alt, else the title; else words from the file name (the author is warned)."""
    if ref.alt or ref.title:
        return ref.alt or ref.title
    stem = ref.src.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return "Photo: " + (stem.replace("-", " ").replace("_", " ").strip() or "untitled")


def render_figure(templates: Templates, p: Picture, sizes: str, script: str = "") -> Markup:
    return templates.render("photos/figure.html", p=p, sizes=sizes, script=script)


def render_gallery(
    templates: Templates, pictures: list[Picture], sizes: str, label: str = "", script: str = ""
) -> Markup:
    return templates.render(
        "photos/gallery.html", pictures=pictures, sizes=sizes, label=label, script=script
    )


def render_compare(
    templates: Templates,
    pairs: list[tuple[Picture, Picture]],
    title: str,
    sizes: str,
    script: str = "",
) -> Markup:
    return templates.render(
        "photos/beforeafter.html", pairs=pairs, title=title, sizes=sizes, script=script
    )


def render_inline(templates: Templates, p: Picture, sizes: str) -> Markup:
    return templates.render("photos/inline.html", p=p, sizes=sizes)


def render_inline_error(templates: Templates, message: str) -> Markup:
    """The build-error box as phrasing content (it sits inside a paragraph)."""
    return templates.render("photos/inline_error.html", message=message)
