"""The reader for ``.md`` posts and pages: front matter to metadata, body to HTML,
and every problem logged as ``path:line: reason`` (Pelican alone logs only "Could
not process x.md")."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path

from markdown import Markdown
from markupsafe import Markup
from pelican.readers import MarkdownReader

from plugins._shared.contentcache import (
    Converted,
    content_cache,
    conversion_inputs,
    counting_problems,
)
from plugins._shared.context import KEY_LINES, PostContext, build_context
from plugins._shared.errors import ContentError, display_path, internal_error, quoted

from .a11y import AccessibleMarkdownExtension
from .blocks import PostBlocksExtension
from .metadata import CONVERTERS, to_pelican_metadata
from .parse import FrontMatter, parse_front_matter, take_h1_title
from .source import read_source
from .toc import render_toc, tokens_toc

WORDS_PER_MINUTE = 230
_WORD = re.compile(r"\w+")
GENERATOR = "front_matter.generator"  # a Pelican generator of this build: its templates


class YamlFrontMatterReader(MarkdownReader):
    """MarkdownReader that understands front matter and logs every problem as
    ``path:line: reason``. A problem costs this post only."""

    def read(self, source_path):
        post = self.new_post(source_path)
        try:
            return self.read_post(post)
        except ContentError as error:
            post.report(error)
            raise
        except Exception as error:  # our bug, not the author's: say where and whose
            internal_error(post.path, error)
            raise

    def new_post(self, source_path) -> PostContext:
        """The context problems in this file are reported through."""
        return PostContext(
            display_path(source_path), build_context(self.settings), Path(source_path)
        )

    def process_metadata(self, name, value):
        """Pelican calls this for what it takes from the file name (the date of
        ``2020-02-30-x.md``) before the post is read: say which part is wrong."""
        try:
            return super().process_metadata(name, value)
        except (ValueError, TypeError, OverflowError):
            raise ContentError(
                f"the {name} in the file name, {value}, is not a real {name}: "
                f"rename the file (or set '{name}:' in the front matter)"
            ) from None

    def read_post(self, post: PostContext) -> tuple[str, dict]:
        """Front matter to metadata, then the body through our Markdown."""
        return self.convert_post(post, parse_front_matter(read_source(post.source_path)))

    def convert_post(
        self, post: PostContext, front: FrontMatter, blocks: Sequence[Markup] = ()
    ) -> tuple[str, dict]:
        """The one conversion path every post takes, whatever its file format.

        ``blocks`` is HTML made before Markdown runs (a notebook's code cells): the
        body refers to block ``i`` by ``block_token(i)`` on a line of its own.
        """
        for duplicate in front.duplicates:
            post.warn(
                f"duplicate front matter key {quoted(duplicate.key, 40)} (first on line "
                f"{duplicate.first_line}); the last value is used",
                line=duplicate.line,
            )
        plugin_keys = post.build.front_matter_keys  # a plugin's key is its own to convert,
        ours = {
            k: v
            for k, v in front.values.items()  # unless we check its type first
            if k not in plugin_keys or k in CONVERTERS
        }
        metadata = post.metadata = to_pelican_metadata(
            ours, front.key_lines, super().process_metadata
        )
        metadata[KEY_LINES] = dict(front.key_lines)
        if "template" in metadata:
            self.check_template(metadata["template"], front.key_lines.get("template"))
        for key, convert in plugin_keys.items():  # after ours: they may read the title
            if key in front.values:
                metadata.update(convert(front.values[key], front.key_lines.get(key), post))
        body = front.body
        if not metadata.get("title"):
            title, body = take_h1_title(body)
            if not title:
                raise ContentError(
                    "no title: add 'title: ...' to the front matter "
                    "or start the post with a '# Heading'",
                    line=1,
                )
            metadata["title"] = title
        post.start_body(front.body_offset)  # from here on, problems carry body lines
        metadata["toc"] = metadata.get("toc", False)
        converted = self.convert_body(post, body, blocks, toc=bool(metadata["toc"]))
        metadata["toc_html"] = Markup(converted.toc_html)
        metadata["reading_time"] = max(1, math.ceil(converted.words / WORDS_PER_MINUTE))
        return converted.html, metadata

    def convert_body(
        self, post: PostContext, body: str, blocks: Sequence[Markup], *, toc: bool
    ) -> Converted:
        """The body through Markdown, or from the content cache when nothing it
        depends on changed (``contentcache.py``); kept only if it logged no problem."""
        cache = content_cache(post.build)
        inputs = conversion_inputs(post, body, blocks) + ("toc" if toc else "")
        converted = cache.lookup(post, inputs) if cache else None
        if converted is not None:
            return converted
        post.depends.clear()
        post.effects.clear()
        problems = len(post.problems)
        with counting_problems() as logged:
            md = self.markdown()
            for block in blocks:  # the stash is empty after reset: block i gets index i
                md.htmlStash.store(block)
            md.buildlog_blocks = len(blocks)
            md.buildlog_post = post
            html = md.convert(body)
            tokens = getattr(md, "toc_tokens", [])
            toc_html = str(render_toc(tokens, post.templates)) if toc else ""
            converted = Converted(html, toc_html, len(_WORD.findall(body)))
        if cache and not logged.count and len(post.problems) == problems:
            cache.store(post, inputs, converted)
        return converted

    def check_template(self, name: str, line: int | None) -> None:
        """``template: x`` must name a template the theme has (Pelican would stop the
        whole build when it writes the post)."""
        generator = build_context(self.settings).services.get(GENERATOR)
        if generator is None:
            return
        from pelican.generators import PelicanTemplateNotFound

        try:
            generator.get_template(name)
        except PelicanTemplateNotFound:
            names = sorted(
                {
                    t.rsplit(".", 1)[0]
                    for t in generator.env.list_templates()
                    if "/" not in t and t.endswith(".html") and not t.startswith("_")
                }
            )
            raise ContentError(
                f"no template {quoted(name)} in the theme (templates: {', '.join(names)})",
                line=line,
            ) from None

    def markdown(self) -> Markdown:
        """One Markdown per reader, reset between posts (a new one costs ~0.6 ms).
        Pelican's ``meta`` extension is left out: front matter is already gone; toc
        is ours (``toc.TokensTocExtension``)."""
        md = getattr(self, "_buildlog_md", None)
        if md is None:
            settings = dict(self.settings["MARKDOWN"])
            settings["extensions"] = [
                e for e in tokens_toc(settings) if e != "markdown.extensions.meta"
            ]
            settings["extensions"] += [AccessibleMarkdownExtension(), PostBlocksExtension()]
            md = self._buildlog_md = Markdown(**settings)
        md.reset()
        return md
