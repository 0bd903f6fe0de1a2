"""Photos to HTML through Jinja templates (autoescaped: alt text and captions are text)."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from plugins._shared.render import environment, render

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


_RENDERED: dict = {}  # (template, arguments) -> HTML, for rebuilds in one process


def _render_once(name: str, **context) -> Markup:
    """``render`` remembered: livereload rebuilds every post on each save, and the
    same photo markup is asked for again. The key holds the Template object, which
    Jinja replaces when its file changes, so a template edit is never served stale."""
    template = environment().get_template(name)
    key = (template, tuple(sorted(context.items())))
    html = _RENDERED.get(key)
    if html is None:
        if len(_RENDERED) > 4096:
            _RENDERED.clear()
        html = _RENDERED[key] = Markup(template.render(**context).strip())
    return html


def render_figure(p: Picture, sizes: str, script: str = "") -> Markup:
    return _render_once("photos/figure.html", p=p, sizes=sizes, script=script)


def render_gallery(pictures: list[Picture], sizes: str, label: str = "",
                   script: str = "") -> Markup:
    return _render_once("photos/gallery.html", pictures=tuple(pictures), sizes=sizes,
                        label=label, script=script)


def render_compare(pairs: list[tuple[Picture, Picture]], title: str, sizes: str,
                   script: str = "") -> Markup:
    return _render_once("photos/beforeafter.html", pairs=tuple(map(tuple, pairs)),
                        title=title, sizes=sizes, script=script)


def render_inline(p: Picture, sizes: str) -> Markup:
    return _render_once("photos/inline.html", p=p, sizes=sizes)


def render_inline_error(message: str) -> Markup:
    """The build-error box as phrasing content (it sits inside a paragraph)."""
    return render("photos/inline_error.html", message=message)
