"""Photos in build logs: captioned figures, galleries, before/after comparisons, and a
private, cached, parallel image pipeline (responsive WebP + JPEG/PNG variants, all
metadata stripped).

- ``initialized``: build the settings and the pipeline, add the Markdown extension.
- Markdown (``PhotosPreprocessor``): photo paragraphs and ``{% beforeafter %}`` blocks
  become HTML; each image is planned (URLs and sizes are known from its header).
- ``static_generator_finalized``: JPEG/PNG/WebP files under STATIC_PATHS are taken away
  from Pelican's raw copy; we publish them stripped of metadata instead.
- ``finalized``: make what the cache lacks, in parallel, and copy it into the output.
"""

from __future__ import annotations

import logging
from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor
from pelican import signals

from plugins._shared.errors import ContentError, current_source, display_path, report
from plugins._shared.markdown import install_extension

from .block import render_block, render_image_inline
from .parse import Inline, inline_images, scan
from .preview import plan_preview
from .publish import Pipeline
from .settings import settings_from

logger = logging.getLogger(__name__)
_STRIPPED_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp"}
_state: dict = {"pipeline": None}


def current_pipeline() -> Pipeline | None:
    return _state["pipeline"]


class PhotosPreprocessor(Preprocessor):
    """Markdown lines in, lines out: each photo block becomes one stashed HTML block."""

    def run(self, lines: list[str]) -> list[str]:
        pipeline = current_pipeline()
        if pipeline is None:
            return lines
        blocks = scan(lines)
        inline = inline_images(lines, blocks)
        if not blocks and not inline:
            return lines
        source = current_source.get()
        post = Path(source.path).resolve() if source else None
        state = {"images": 0, "script": False}
        items = sorted([*blocks, *inline], key=lambda i: (i.index, i.start)
                       if isinstance(i, Inline) else (i.start, -1))
        rendered = [(item, render_image_inline(item, pipeline, post, state)
                     if isinstance(item, Inline) else render_block(item, pipeline, post, state))
                    for item in items]
        out = list(lines)
        # Inline images first, right to left: they sit on lines no block covers, so
        # the blocks' line ranges stay valid.
        for item, html in reversed([r for r in rendered if isinstance(r[0], Inline)]):
            line = out[item.index]
            out[item.index] = line[:item.start] + self.md.htmlStash.store(html) + line[item.end:]
        for block, html in reversed([r for r in rendered if not isinstance(r[0], Inline)]):
            out[block.start:block.end] = ["", self.md.htmlStash.store(html), ""]
        return out


class PhotosExtension(Extension):
    def extendMarkdown(self, md):
        # After whitespace normalisation (30) and fastpages_compat (35, which removes
        # {{ site.baseurl }}); before fenced code (25), so we skip fences ourselves.
        md.preprocessors.register(PhotosPreprocessor(md), "photos", 28)


def start(pelican) -> None:
    settings = settings_from(pelican.settings)
    _state["pipeline"] = Pipeline(settings)
    install_extension(pelican.settings, PhotosExtension())


def take_static_images(generator) -> None:
    """Publish static JPEG/PNG/WebP files ourselves, without their metadata."""
    pipeline = current_pipeline()
    if pipeline is None:
        return
    for static in list(generator.staticfiles):
        path = Path(static.source_path).resolve()
        if path.suffix.lower() not in _STRIPPED_EXTENSIONS:
            continue
        generator.staticfiles.remove(static)
        if path in pipeline.failed:
            continue
        try:
            pipeline.request(path, display_path(path), variants=False)
        except ContentError as error:
            report(ContentError(error.message, path=display_path(path)))


def plan_front_matter_image(content) -> None:
    if getattr(content, "metadata", None) and "image" in content.metadata:
        plan_preview(content, current_pipeline())


def finish(pelican) -> None:
    pipeline = current_pipeline()
    if pipeline is not None:
        pipeline.run()
        _state["pipeline"] = None


def register() -> None:
    signals.initialized.connect(start)
    signals.content_object_init.connect(plan_front_matter_image)
    signals.static_generator_finalized.connect(take_static_images)
    signals.finalized.connect(finish)

