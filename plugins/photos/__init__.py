"""Photos in build logs: captioned figures, galleries, before/after comparisons, and a
private, cached, parallel image pipeline (responsive WebP + JPEG/PNG variants, all
metadata stripped).

- ``initialized``: build the settings and this build's pipeline, add the Markdown
  extension and the front-matter key ``image``; lend the theme our templates.
- Markdown (``PhotosPreprocessor``): photo paragraphs and ``{% beforeafter %}`` blocks
  become HTML; each image is planned (URLs and sizes are known from its header).
- ``static_generator_finalized``: every file under STATIC_PATHS is taken away from
  Pelican's raw copy; we publish it cleaned, or refuse it (``statics.py``).
- ``content_object_init``: which posts and pages were read (a post that failed keeps
  the photos its last good page shows, ``state.py``).
- ``finalized``: make what the cache lacks, in parallel, copy it into the output, and
  make every published file 0644 (folders 0755).
"""

from __future__ import annotations

import os
from pathlib import Path

from markdown.preprocessors import Preprocessor
from pelican import signals
from pelican.contents import Static

from plugins._shared.context import build_context, post_of
from plugins._shared.files import fix_modes, remove_stale_temp_files
from plugins._shared.guard import connect
from plugins._shared.markdown import BuildlogExtension, code_map, install_extension, priority

from .block import render_block, render_image_inline
from .inline import Inline, inline_images
from .parse import scan
from .preview import plan_preview
from .publish import Pipeline
from .settings import settings_from
from .statics import take_static_files

SERVICE = "photos"
TEMPLATES = Path(__file__).resolve().parent / "templates"


def pipeline_of(settings: dict) -> Pipeline | None:
    return build_context(settings).services.get(SERVICE)


class PhotosPreprocessor(Preprocessor):
    """Markdown lines in, lines out: each photo block becomes one stashed HTML block."""

    def __init__(self, md, pipeline: Pipeline):
        super().__init__(md)
        self.pipeline = pipeline

    def run(self, lines: list[str]) -> list[str]:
        if not any("![" in line or "{%" in line for line in lines):
            return lines
        code = code_map(self.md, lines)
        blocks = scan(lines, code)
        inline = inline_images(lines, blocks, code)
        if not blocks and not inline:
            return lines
        post = post_of(self.md)
        state = {"images": 0, "script": False}
        items = sorted(
            [*blocks, *inline],
            key=lambda i: (i.index, i.start) if isinstance(i, Inline) else (i.start, -1),
        )
        rendered = [
            (
                item,
                render_image_inline(item, self.pipeline, post, state)
                if isinstance(item, Inline)
                else render_block(item, self.pipeline, post, state),
            )
            for item in items
        ]
        out = list(lines)
        # Inline images first, right to left: they sit on lines no block covers.
        for item, html in reversed([r for r in rendered if isinstance(r[0], Inline)]):
            self.replace_inline(out, item, self.md.htmlStash.store(html))
        # A block's first line becomes its placeholder, the rest blank: line numbers
        # of everything after it stay true.
        for block, html in reversed([r for r in rendered if not isinstance(r[0], Inline)]):
            placeholder = "\n" + self.md.htmlStash.store(html) + "\n"
            out[block.start : block.end] = [placeholder] + [""] * (block.end - block.start - 1)
        return out

    def replace_inline(self, out: list[str], item: Inline, placeholder: str) -> None:
        """Put ``placeholder`` where ``item`` was. The lines a title ran over keep a
        stashed nothing, so the paragraph (and every line number) holds together."""
        last = item.end_index
        if last == item.index:
            line = out[item.index]
            out[item.index] = line[: item.start] + placeholder + line[item.end :]
            return
        nothing = self.md.htmlStash.store("")
        out[item.index] = out[item.index][: item.start] + placeholder
        for index in range(item.index + 1, last):
            out[index] = nothing
        out[last] = out[last][item.end :] or nothing


class PhotosExtension(BuildlogExtension):
    def __init__(self, pipeline: Pipeline, **kwargs):
        self.pipeline = pipeline
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        md.preprocessors.register(
            PhotosPreprocessor(md, self.pipeline), "photos", priority("photos")
        )


def start(pelican) -> None:
    context = build_context(pelican.settings)
    settings = settings_from(pelican.settings)
    for folder in (settings.output, settings.cache):
        remove_stale_temp_files(folder)  # left by a build that was killed mid-write
    pipeline = context.services[SERVICE] = Pipeline(settings)
    context.replayers[SERVICE] = pipeline.replay
    context.settled[SERVICE] = pipeline.settled
    context.need_stylesheet("photos")
    context.front_matter_keys["image"] = lambda value, line, post: plan_preview(
        value, line, post, pipeline
    )
    # The theme's cards show pictures with our macro (photos/_picture.html).
    overrides = pelican.settings.setdefault("THEME_TEMPLATES_OVERRIDES", [])
    if str(TEMPLATES) not in overrides:
        overrides.append(str(TEMPLATES))
    install_extension(pelican.settings, PhotosExtension(pipeline))


def take_static_images(generator) -> None:
    """Publish every static file ourselves: cleaned of metadata, or refused."""
    pipeline = pipeline_of(generator.settings)
    if pipeline is not None:
        take_static_files(generator, pipeline)


def note_built(content) -> None:
    """Remember each post and page read without error (see ``state.py``)."""
    pipeline = pipeline_of(content.settings)
    if pipeline is not None and not isinstance(content, Static):
        pipeline.built.add(os.path.abspath(content.source_path))


def finish(pelican) -> None:
    pipeline = pipeline_of(pelican.settings)
    if pipeline is not None:
        pipeline.run(build_context(pelican.settings).written)
        fix_modes(pipeline.settings.output)


def register() -> None:
    connect(signals.initialized, start)
    connect(signals.content_object_init, note_built)
    connect(signals.static_generator_finalized, take_static_images)
    connect(signals.finalized, finish)
