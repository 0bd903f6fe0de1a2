"""A post's front-matter ``image`` (its card and social preview) through the same
pipeline as the photos in its body: responsive variants for the index card, no
metadata, and a missing file reported at the ``image:`` line."""

from __future__ import annotations

from pathlib import Path

from plugins._shared.errors import ContentError, SourceContext, current_source, display_path, report
from plugins._shared.urls import is_remote

from .block import picture_for
from .parse import ImageRef
from .publish import Pipeline


def plan_preview(content, pipeline: Pipeline | None) -> None:
    """Set ``content.image_picture`` (a Picture) for a local ``image:``; report problems."""
    src = content.metadata.get("image")
    if pipeline is None or not isinstance(src, str) or not src.strip() or is_remote(src):
        return
    line = (content.metadata.get("front_matter_lines") or {}).get("image", 1)
    src = src.strip()
    if not src.startswith(("/", "{")):
        src = "/" + src  # fastpages writes `image: images/x.png`, meaning the site root
    ref = ImageRef(alt="", src=src, title=str(content.metadata.get("title", "")), line=line)
    token = current_source.set(SourceContext(display_path(content.source_path), 0))
    try:
        content.image_picture = picture_for(ref, pipeline, Path(content.source_path).resolve(),
                                            lazy=True)
    except ContentError as error:
        report(ContentError(f"front matter 'image': {error.message}", line=error.line))
    finally:
        current_source.reset(token)
