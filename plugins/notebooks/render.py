"""A code cell to HTML: highlighted input, outputs, and the fastpages flags as
``<details>`` (no JavaScript). Output images go through the photo pipeline."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace

import markdown
from markdown.extensions.codehilite import CodeHilite
from markupsafe import Markup

from plugins._shared.context import PostContext
from plugins._shared.errors import ContentError
from plugins.photos.block import picture_for
from plugins.photos.parse import ImageRef
from plugins.photos.render import Picture, render_figure, render_inline

from .files import NotebookFiles
from .outputs import Output, read_outputs
from .parse import Cell, strip_flags
from .safe_html import clean_html

_SVG_METADATA = re.compile(r"<metadata\b.*?</metadata>", re.S | re.I)
_SVG_SIZE = re.compile(r'\b(width|height)="([\d.]+)(pt|px)?"')
# Reprs that say nothing about a picture: "<Figure size 432x288 with 1 Axes>",
# "<graphviz.files.Source at 0x7ff1c0576940>".
GENERIC_REPR = re.compile(r"^<(?:Figure\b|.*\bat 0x[0-9a-f]+>$)", re.I)


@dataclass
class CellRenderer:
    """What rendering one notebook's cells needs, made once per notebook."""

    post: PostContext
    slug: str
    language: str
    pipeline: object | None  # the photos Pipeline, when the photos plugin is on
    files: NotebookFiles
    highlight: dict = field(default_factory=dict)  # codehilite's settings

    def render(self, cell: Cell) -> Markup | None:
        """The cell's HTML, or None when ``#hide`` leaves nothing to show."""
        flags = cell.flags
        if "hide" in flags:
            return None
        source = strip_flags(cell.source)
        code = None if "hide_input" in flags or not source.strip() else self.code(source)
        outputs = [] if "hide_output" in flags else self.outputs(cell)
        if code is None and not outputs:
            return None
        fold = "open" if "collapse_show" in flags else "closed" if "collapse_hide" in flags else ""
        return self.post.templates.render(
            "notebooks/cell.html",
            code=code,
            outputs=outputs,
            fold=fold,
            fold_output="collapse_output" in flags,
            number=cell.number,
        )

    def outputs(self, cell: Cell) -> list[Markup]:
        try:
            found = read_outputs(cell.outputs)
        except ContentError as error:  # one bad output costs its cell's outputs only
            error.line = error.line or cell.line(0)
            return [self.post.templates.error(self.post.report(error))]
        return [self.output(output, cell, n) for n, output in enumerate(found, 1)]

    def code(self, source: str) -> Markup:
        options = {k: v for k, v in self.highlight.items() if k in ("css_class", "noclasses")}
        return Markup(CodeHilite(source, lang=self.language, guess_lang=False, **options).hilite())

    def output(self, output: Output, cell: Cell, number: int) -> Markup:
        if output.kind == "image":
            return self.image(output, cell, number)
        fallback = [self.image(i, cell, number) for i in output.fallback]
        html = ""
        if output.kind == "html":
            html = Markup(output.text)  # sanitized by clean_html in outputs.py
        elif output.kind == "markdown":
            html = Markup(
                clean_html(markdown.markdown(output.text, extensions=["extra", "sane_lists"]))
            )
        return self.post.templates.render(
            "notebooks/output.html", o=output, html=html, fallback=fallback, number=cell.number
        )

    def publish(self, output: Output) -> str:
        """Publish an image under images/notebooks/<slug>/, named by its bytes (an
        unchanged plot keeps its URL); return its site path. PNG and JPEG go to the
        photo pipeline (variants, metadata stripped); anything else is written as is."""
        digest = hashlib.sha256(output.data).hexdigest()[:16]
        rel = f"images/notebooks/{self.slug}/{digest}.{output.ext}"
        if self.pipeline is None:  # photos plugin off: the file as is, less SVG metadata
            self.files.written[rel] = _without_metadata(output)
            return "/" + rel
        path = self.files.cached(f"{digest}.{output.ext}", output.data)
        return self.pipeline.add_generated(rel, path)

    def image(self, output: Output, cell: Cell, number: int) -> Markup:
        """An output image as a picture (a figure when ``#| fig-cap:`` gives a caption)."""
        alt, caption = image_text(cell, number)
        src = self.publish(output)
        if self.pipeline is None:
            return self.passed_through(output, src, alt, caption)
        ref = ImageRef(alt, src, caption, cell.line(0))
        try:
            picture = picture_for(ref, self.pipeline, self.post, lazy=True)
        except ContentError as error:
            self.post.report(error)
            return self.post.templates.error(error.message)
        if output.ext == "svg" and not picture.width:  # a drawing: its size from its root
            width, height = svg_size(output.data.decode("utf-8", "replace"))
            picture = replace(picture, width=width, height=height)
        sizes = self.pipeline.settings.sizes
        if caption:
            return render_figure(self.post.templates, picture, sizes)
        return render_inline(self.post.templates, picture, sizes)

    def passed_through(self, output: Output, src: str, alt: str, caption: str) -> Markup:
        """An image as published when the photos plugin is off."""
        width, height = (
            svg_size(output.data.decode("utf-8", "replace")) if output.ext == "svg" else (0, 0)
        )
        url = self.post.build.settings.get("SITEURL", "").rstrip("/") + src
        picture = Picture(alt, caption, src=url, full=url, width=width, height=height)
        render = render_figure if caption else render_inline
        return render(self.post.templates, picture, "100vw")


def _without_metadata(output: Output) -> bytes:
    """SVG without its ``<metadata>`` block (matplotlib writes its version and a date)."""
    if output.ext != "svg":
        return output.data
    return _SVG_METADATA.sub("", output.data.decode("utf-8", "replace")).encode("utf-8")


def svg_size(text: str) -> tuple[int, int]:
    """The root element's width and height in CSS pixels (1pt = 4/3 px), or (0, 0)."""
    root = text[text.find("<svg") : text.find(">", text.find("<svg")) + 1]
    sizes = {}
    for name, value, unit in _SVG_SIZE.findall(root):
        sizes[name] = round(float(value) * (4 / 3 if unit == "pt" else 1))
    return sizes.get("width", 0), sizes.get("height", 0)


def image_text(cell: Cell, number: int) -> tuple[str, str]:
    """Alt text and caption: Quarto's ``#| fig-alt:`` / ``#| fig-cap:`` cell options,
    else the output's own text when it says something, else where it came from."""
    caption = cell.options.get("fig-cap", "")
    alt = cell.options.get("fig-alt") or caption
    if not alt:
        for output in cell.outputs:
            text = "".join((output.get("data") or {}).get("text/plain") or "").strip()
            if text and not GENERIC_REPR.match(text) and len(text) < 200:
                alt = text
                break
    return alt or f"Figure {number} made by notebook cell {cell.number}", caption
