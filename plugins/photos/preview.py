"""A post's front-matter ``image`` (its card and social preview) through the same
pipeline as the photos in its body: responsive variants for the index card, no
metadata, and a missing file reported at the ``image:`` line."""

from __future__ import annotations

from plugins._shared.context import PostContext
from plugins._shared.errors import ContentError
from plugins._shared.urls import is_remote

from .block import picture_for
from .parse import ImageRef
from .publish import Pipeline


def plan_preview(value, line: int | None, post: PostContext, pipeline: Pipeline) -> dict:
    """Front matter ``image:``: kept as written, plus ``image_picture`` (a Picture) and
    ``image_social`` (the ~1200 px variant ``og:image`` names) for a local file. A
    problem is reported at its line; the post is still published."""
    if not isinstance(value, str) or not value.strip() or is_remote(value):
        return {"image": value}
    src = value.strip()
    if not src.startswith(("/", "{")):
        src = "/" + src  # fastpages writes `image: images/x.png`, meaning the site root
    ref = ImageRef(alt="", src=src, title=str(post.metadata.get("title", "")), line=line or 1)
    try:
        # The social variant first: its width joins the photo's plan (made for
        # og:image; pictures offer PHOTOS_WIDTHS only, Pipeline.picture_widths).
        social = pipeline.social(
            pipeline.resolve(src, post.source_path), src, (post.path, line or 1)
        )
        picture = picture_for(ref, pipeline, post, lazy=True)
    except ContentError as error:
        post.report(
            ContentError(
                f"front matter 'image': {error.message}", line=error.line or line, path=post.path
            )
        )
        return {"image": value}
    return {"image": value, "image_picture": picture, "image_social": social}
