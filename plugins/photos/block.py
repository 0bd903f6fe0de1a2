"""One photo block of a post to HTML: resolve and plan each image, report problems
at the post's file:line, and pick the template."""

from __future__ import annotations

from markupsafe import Markup

from plugins._shared.context import PostContext
from plugins._shared.errors import ContentError
from plugins._shared.urls import is_remote

from .inline import Inline
from .parse import Block, Broken, ImageRef, pairs
from .publish import Pipeline, fallback_ext
from .render import (
    Picture,
    alt_text,
    render_compare,
    render_figure,
    render_gallery,
    render_inline,
    render_inline_error,
)
from .variants import height_for

RATIO_TOLERANCE = 0.02  # before/after photos whose shapes differ more than 2% are warned about


def picture_for(ref: ImageRef, pipeline: Pipeline, post: PostContext, lazy: bool) -> Picture:
    """Plan ``ref``'s files; ContentError (with its line) when it cannot be used."""
    settings = pipeline.settings
    if not ref.alt and not ref.title:
        post.warn(
            f"image {ref.src} has neither alt text nor a title; describe it: "
            f"![what it shows]({ref.src})",
            line=ref.line,
        )
    alt, caption = alt_text(ref), ref.title
    if is_remote(ref.src):
        return Picture(alt, caption, src=ref.src, full=ref.src, lazy=lazy)
    try:
        path = pipeline.resolve(ref.src, post.source_path)
        planned, source = pipeline.request_for(post, path, ref.src, post.file_line(ref.line))
    except ContentError as error:
        raise ContentError(error.message, line=ref.line) from None
    if not planned.job.variants:  # an animation, GIF or SVG: the cleaned file itself
        url = planned.url(settings, "full")
        return Picture(
            alt, caption, src=url, full=url, width=source.width, height=source.height, lazy=lazy
        )
    widths = pipeline.picture_widths(planned)
    ext = fallback_ext(planned)
    middle = [w for w in widths if w <= 960][-1:] or widths[:1]
    return Picture(
        alt,
        caption,
        src=planned.url(settings, f"{middle[0]}.{ext}"),
        full=planned.url(settings, "full"),
        width=widths[-1],
        height=height_for(source, widths[-1]),
        webp=pipeline.srcset(planned, "webp"),
        fallback=pipeline.srcset(planned, ext),
        lazy=lazy,
    )


def _check_shapes(before: Picture, after: Picture, line: int, post: PostContext) -> None:
    if not (before.width and after.width):
        return
    a, b = before.width / before.height, after.width / after.height
    if abs(a - b) / a > RATIO_TOLERANCE:
        post.warn(
            f"before and after photos differ in shape ({before.width}x{before.height} vs "
            f"{after.width}x{after.height}); crop them alike so the slider lines up",
            line=line,
        )


def render_block(
    block: Block | Broken, pipeline: Pipeline, post: PostContext, state: dict
) -> Markup:
    """HTML for one block; on bad input, the reason is logged and shown in its place."""
    try:
        if isinstance(block, Broken):
            raise block.error
        images = pairs(block) if block.kind == "compare" else None
        pictures = []
        for ref in block.images:
            pictures.append(picture_for(ref, pipeline, post, lazy=state["images"] > 0))
            state["images"] += 1
    except ContentError as error:
        post.report(error)
        return post.templates.error(error.message)
    settings, templates = pipeline.settings, post.templates
    script = ""
    if block.kind != "figure" and not state["script"]:
        script = f"{settings.siteurl}/{settings.static_dir}/js/photos.js"
        state["script"] = True
    if block.kind == "figure":
        return render_figure(templates, pictures[0], settings.sizes)
    if block.kind == "gallery":
        return render_gallery(templates, pictures, settings.gallery_sizes, block.label, script)
    couples = [(pictures[i], pictures[i + 1]) for i in range(0, len(pictures), 2)]
    for (before, after), (ref, _) in zip(couples, images):
        _check_shapes(before, after, ref.line, post)
    return render_compare(templates, couples, block.title, settings.sizes, script)


def render_image_inline(item: Inline, pipeline: Pipeline, post: PostContext, state: dict) -> Markup:
    """HTML for an image inside running text (a ``<picture>``, no figure around it)."""
    try:
        picture = picture_for(item.image, pipeline, post, lazy=state["images"] > 0)
    except ContentError as error:
        post.report(error)
        return render_inline_error(post.templates, error.message)
    state["images"] += 1
    return render_inline(post.templates, picture, pipeline.settings.sizes)
