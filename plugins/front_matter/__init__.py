"""Read Markdown posts with YAML front matter as fastpages/Jekyll write it.

Registers ``YamlFrontMatterReader`` for ``.md`` files and, after articles are read,
files each post under every one of its ``categories`` (Pelican itself keeps one).
"""

from __future__ import annotations

import logging
import math
import re
from collections import defaultdict

from markdown import Markdown
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from plugins._shared.errors import (
    ContentError,
    SourceContext,
    current_source,
    display_path,
    report,
    warn,
)

from .a11y import AccessibleMarkdownExtension
from .metadata import to_pelican_metadata
from .parse import parse_front_matter, take_h1_title
from .toc import render_toc

logger = logging.getLogger(__name__)

WORDS_PER_MINUTE = 230
_WORD = re.compile(r"\w+")


class YamlFrontMatterReader(MarkdownReader):
    """MarkdownReader that understands ``---`` YAML front matter and logs every
    problem as ``path:line: reason`` (Pelican alone logs only "Could not process")."""

    def read(self, source_path):
        shown = display_path(source_path)
        token = current_source.set(SourceContext(shown, 0))
        try:
            return self._read(source_path, shown)
        except ContentError as error:
            report(error)
            raise
        except Exception as error:  # a plugin bug: still say which file and why
            logger.error("%s: could not be converted: %s: %s", shown, type(error).__name__,
                         error, exc_info=logger.isEnabledFor(logging.DEBUG))
            raise
        finally:
            current_source.reset(token)

    def _read(self, source_path, shown):
        with pelican_open(source_path) as text:
            front = parse_front_matter(text)
        if front is None:  # Pelican's own "Key: value" header
            content, metadata = super().read(source_path)
            metadata.setdefault("reading_time", _reading_minutes(text))
            return content, metadata
        for key, line in front.duplicates:
            warn(f"duplicate front matter key '{key}'; the last value is used", line=line)
        metadata = to_pelican_metadata(front.values, front.key_lines, self.process_metadata)
        # Where each key was written, so later checks (e.g. an unknown `build:`) can
        # point at the line: {"build": 9, ...}, file lines.
        metadata["front_matter_lines"] = dict(front.key_lines)
        body = front.body
        if not metadata.get("title"):
            title, body = take_h1_title(body)
            if not title:
                raise ContentError("no title: add 'title: ...' to the front matter "
                                   "or start the post with a '# Heading'", line=1)
            metadata["title"] = title
        # From here on, plugin errors carry body lines: shift them to file lines.
        current_source.set(SourceContext(shown, front.body_offset))
        self._source_path = source_path
        self._md = Markdown(**self._markdown_settings())
        content = self._md.convert(body)
        metadata["toc"] = metadata.get("toc", False)
        tokens = getattr(self._md, "toc_tokens", [])
        metadata["toc_html"] = render_toc(tokens) if metadata["toc"] else ""
        metadata["reading_time"] = _reading_minutes(body)
        return content, metadata

    def _markdown_settings(self) -> dict:
        """Pelican's MARKDOWN settings without the ``meta`` extension: the front
        matter is already gone, and ``meta`` would eat a first line with a colon."""
        settings = dict(self.settings["MARKDOWN"])
        settings["extensions"] = [e for e in settings.get("extensions", [])
                                  if e != "markdown.extensions.meta"] + [AccessibleMarkdownExtension()]
        return settings


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


def register() -> None:
    signals.readers_init.connect(add_reader)
    signals.article_generator_finalized.connect(file_under_every_category)
