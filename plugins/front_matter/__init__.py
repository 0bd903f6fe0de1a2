"""Read Markdown posts with front matter as fastpages/Jekyll (YAML) or Pelican
(``Key: value``) write it, through one conversion path.

Registers ``YamlFrontMatterReader`` for ``.md`` files and, after articles are read,
files each post under every one of its ``categories`` (Pelican itself keeps one).
As the plugin every site has, it also keeps the site whole: no two sources may write
one file (``collisions``), and Pelican's writer is ``SafeWriter`` (a page that fails
costs that page only).
"""

from __future__ import annotations

from collections import defaultdict

from pelican import signals

from plugins._shared.contentcache import SERVICE as CONTENT_CACHE
from plugins._shared.context import ERRORS_KEY, build_context
from plugins._shared.guard import SafeWriter, connect

from . import collisions
from .blocks import block_token
from .reader import GENERATOR, YamlFrontMatterReader

__all__ = ["YamlFrontMatterReader", "block_token", "register"]


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
    generator.categories = sorted(
        by_category.items(),
        key=lambda item: item[0].name.lower(),
        reverse=bool(generator.settings.get("REVERSE_CATEGORY_ORDER")),
    )
    generator.context["categories"] = generator.categories


def settle_urls(generators) -> None:
    """Give each post and page its URL once, now that nothing that makes it (slug,
    date, category, language) changes any more. Pelican formats ``ARTICLE_URL`` again
    on every read, and a date in it (``{date:%Y}``) goes through Pelican's slow
    ``strftime``; templates read a post's URL on every listing, tag page, feed, series
    box and neighbour that shows it (~7% of a full build at 1,000 posts). Stored where
    Pelican itself looks first (``override_url``, as a ``url:`` in front matter is);
    ``save_as`` is left alone: an override there also lets a page overwrite another."""
    for generator in generators:
        for name in dict.fromkeys(collisions.ARTICLE_LISTS + collisions.PAGE_LISTS):
            for content in getattr(generator, name, None) or ():
                content.override_url = content.url


def start(pelican) -> None:
    build_context(pelican.settings)


def remember_generator(generator) -> None:
    """Keep a generator of this build: the reader checks ``template:`` against the
    templates Pelican will look in."""
    if hasattr(generator, "get_template"):
        build_context(generator.settings).services.setdefault(GENERATOR, generator)


def prune_content_cache(pelican) -> None:
    """Entries of posts this build did not read go (``contentcache.py``)."""
    cache = build_context(pelican.settings).services.get(CONTENT_CACHE)
    if cache is not None:
        cache.prune()


def save_page_cache(pelican) -> None:
    """Keep what each page was rendered from, for the next build, and remove the pages
    the last build wrote and this one did not (``pagecache.py``)."""
    pages = build_context(pelican.settings).services.get("pages")
    if pages is not None:
        pages.remove_stale(build_failed=bool(pelican.settings.get(ERRORS_KEY)))
        pages.save()


def safe_writer(pelican):
    return SafeWriter


def register() -> None:
    connect(signals.initialized, start)
    connect(signals.readers_init, add_reader)
    connect(signals.generator_init, remember_generator)
    connect(signals.article_generator_pretaxonomy, collisions.check_articles)
    connect(signals.article_generator_finalized, file_under_every_category)
    connect(signals.page_generator_finalized, collisions.check_pages)
    connect(signals.static_generator_finalized, collisions.check_statics)
    connect(signals.all_generators_finalized, settle_urls)
    connect(signals.get_writer, safe_writer)
    connect(signals.finalized, prune_content_cache)
    connect(signals.finalized, save_page_cache)
