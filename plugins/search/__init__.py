"""Site search with Pagefind: a static index built after the site is written.

- ``initialized``: ``SEARCH_ENABLED`` defaults to True, so templates can show the box.
- ``finalized``: index the pages marked ``data-pagefind-body`` (posts and pages that
  are neither ``hide: true`` nor ``search_exclude: true``) into ``output/pagefind/``,
  in parts of ``SEARCH_SHARD_PAGES`` pages, reusing each part whose pages did not
  change (see index.py). Under
  ``invoke livereload`` (``SEARCH_AFTER_BUILD``) that is left to run once browsers
  have reloaded: Pagefind takes longer than the rest of a one-post rebuild.

The search box (theme/templates/_search.html, theme/static/js/search.js) is Pagefind's
own Component UI, styled with the theme's colours; without JavaScript, or when the
index is missing, it is a link to the archive.
"""

from __future__ import annotations

import logging

from pelican import signals

from plugins._shared.context import build_context
from plugins._shared.guard import connect

from .index import SearchError, build_index
from .settings import SearchSettings, settings_from

logger = logging.getLogger(__name__)


def set_defaults(pelican) -> None:
    pelican.settings.setdefault("SEARCH_ENABLED", True)
    if pelican.settings["SEARCH_ENABLED"]:
        build_context(pelican.settings).need_stylesheet("search")


def index_site(pelican) -> None:
    settings = settings_from(pelican.settings)
    if not settings.enabled:
        return
    if pelican.settings.get("SEARCH_AFTER_BUILD"):  # livereload: reload first, index next
        build_context(pelican.settings).after_build.append(lambda: index(settings))
        return
    index(settings)


def index(settings: SearchSettings) -> None:
    """Index the output now; problems are warnings, the site stays as built."""
    try:
        result = build_index(settings)
    except SearchError as error:
        logger.warning(
            "search: %s; the site is built without search (the search box links to the archive)",
            error,
        )
        return
    except OSError as error:  # an unwritable cache or output: say which, keep the site
        logger.warning("search: could not write the index: %s", error)
        return
    if result.status == "empty":
        logger.info("search: no page to index (every post is hidden or excluded)")
    else:
        parts = (
            f" ({result.indexed} of {result.parts} parts made again)" if result.parts > 1 else ""
        )
        logger.info(
            "search: %s %d pages in %.2f s%s", result.status, result.pages, result.seconds, parts
        )


def register() -> None:
    connect(signals.initialized, set_defaults)
    connect(signals.finalized, index_site)
