"""Read Markdown posts with front matter as fastpages/Jekyll (YAML) or Pelican
(``Key: value``) write it, through one conversion path.

Registers ``YamlFrontMatterReader`` for ``.md`` files and, after articles are read,
files each post under every one of its ``categories`` (Pelican itself keeps one).
"""

from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from markdown import Markdown
from markupsafe import Markup
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from plugins._shared.context import KEY_LINES, PostContext, build_context
from plugins._shared.errors import ContentError, display_path
from plugins._shared.sitebuild import debugging

from .a11y import AccessibleMarkdownExtension
from .blocks import PostBlocksExtension, block_token
from .metadata import to_pelican_metadata
from .parse import FrontMatter, parse_front_matter, take_h1_title
from .toc import render_toc

logger = logging.getLogger(__name__)

WORDS_PER_MINUTE = 230
_WORD = re.compile(r"\w+")


class YamlFrontMatterReader(MarkdownReader):
    """MarkdownReader that understands front matter and logs every problem as
    ``path:line: reason`` (Pelican alone logs only "Could not process")."""

    def read(self, source_path):
        post = self.new_post(source_path)
        try:
            return self.read_post(post)
        except ContentError as error:
            post.report(error)
            raise
        except Exception as error:  # our bug, not the author's: say where and what
            logger.error("%s: internal error in buildlog (please report): %s: %s", post.path,
                         type(error).__name__, error, exc_info=debugging())
            raise

    def new_post(self, source_path) -> PostContext:
        """The context problems in this file are reported through."""
        return PostContext(display_path(source_path), build_context(self.settings),
                           Path(source_path))

    def read_post(self, post: PostContext) -> tuple[str, dict]:
        """Front matter to metadata, then the body through our Markdown."""
        with pelican_open(str(post.source_path)) as text:
            front = parse_front_matter(text)
        return self.convert_post(post, front)

    def convert_post(self, post: PostContext, front: FrontMatter,
                     blocks: Sequence[Markup] = ()) -> tuple[str, dict]:
        """The one conversion path every post takes, whatever its file format.

        ``blocks`` is HTML made before Markdown runs (a notebook's code cells): the
        body refers to block ``i`` by ``block_token(i)`` on a line of its own.
        """
        for duplicate in front.duplicates:
            post.warn(f"duplicate front matter key '{duplicate.key}' (first on line "
                      f"{duplicate.first_line}); the last value is used", line=duplicate.line)
        plugin_keys = post.build.front_matter_keys
        ours = {k: v for k, v in front.values.items() if k not in plugin_keys}
        metadata = post.metadata = to_pelican_metadata(ours, front.key_lines,
                                                       self.process_metadata)
        metadata[KEY_LINES] = dict(front.key_lines)
        for key, convert in plugin_keys.items():  # after ours: they may read the title
            if key in front.values:
                metadata.update(convert(front.values[key], front.key_lines.get(key), post))
        body = front.body
        if not metadata.get("title"):
            title, body = take_h1_title(body)
            if not title:
                raise ContentError("no title: add 'title: ...' to the front matter "
                                   "or start the post with a '# Heading'", line=1)
            metadata["title"] = title
        post.start_body(front.body_offset)  # from here on, problems carry body lines
        md = self.markdown()
        for block in blocks:  # the stash is empty after reset: block i gets index i
            md.htmlStash.store(block)
        md.buildlog_blocks = len(blocks)
        md.buildlog_post = post
        content = md.convert(body)
        metadata["toc"] = metadata.get("toc", False)
        tokens = getattr(md, "toc_tokens", [])
        metadata["toc_html"] = render_toc(tokens, post.templates) if metadata["toc"] else ""
        metadata["reading_time"] = _reading_minutes(body)
        return content, metadata

    def markdown(self) -> Markdown:
        """One Markdown per reader, reset between posts (a new one costs ~0.6 ms).
        Pelican's ``meta`` extension is left out: front matter is already gone."""
        md = getattr(self, "_buildlog_md", None)
        if md is None:
            settings = dict(self.settings["MARKDOWN"])
            settings["extensions"] = [e for e in settings.get("extensions", [])
                                      if e != "markdown.extensions.meta"]
            settings["extensions"] += [AccessibleMarkdownExtension(), PostBlocksExtension()]
            md = self._buildlog_md = Markdown(**settings)
        md.reset()
        return md


__all__ = ["YamlFrontMatterReader", "block_token", "register"]


def _reading_minutes(text: str) -> int:
    return max(1, math.ceil(len(_WORD.findall(text)) / WORDS_PER_MINUTE))


def add_reader(readers) -> None:
    for extension in YamlFrontMatterReader.file_extensions:
        readers.reader_classes[extension] = YamlFrontMatterReader


def file_under_every_category(generator) -> None:
    """Give each article ``categories`` and rebuild the category index from them."""
    by_category = defaultdict(list)
    for article in generator.articles:
        categories = getattr(article, "categories", None) or [article.category]
        article.categories = categories
        for category in categories:
            by_category[category].append(article)
    for article in getattr(generator, "hidden_articles", []):
        if not getattr(article, "categories", None):
            article.categories = [article.category]
    generator.categories = sorted(by_category.items(), key=lambda item: item[0].name.lower(),
                                  reverse=bool(generator.settings.get("REVERSE_CATEGORY_ORDER")))
    generator.context["categories"] = generator.categories


def start(pelican) -> None:
    build_context(pelican.settings)


def register() -> None:
    signals.initialized.connect(start)
    signals.readers_init.connect(add_reader)
    signals.article_generator_finalized.connect(file_under_every_category)
