"""Feeds readers can show: each entry's HTML is cleaned as ``clean.py`` says.

Pelican builds a feed's entries from the post HTML that the pages use; this reshapes
them on ``feed_generated``, after the entries exist and before the file is written.
The pages themselves are untouched. Cleaning parses each entry (BeautifulSoup), the
largest cost of a rebuild where nothing changed, so results are kept by the entry's
HTML (``memo.py``).
"""

from __future__ import annotations

from pelican import signals

from plugins._shared.context import CONTEXT_KEY, build_context
from plugins._shared.guard import connect

from .clean import clean_feed_html
from .memo import SERVICE, CleanedEntries


def start(pelican) -> None:
    build_context(pelican.settings).services[SERVICE] = CleanedEntries.for_build(pelican.settings)


def clean_feed(context, feed) -> None:
    build = context.get(CONTEXT_KEY)
    memo = build.services.get(SERVICE) if build is not None else None
    clean = memo.clean if memo is not None else clean_feed_html
    for item in feed.items:
        for key in ("content", "description"):
            if item.get(key):
                item[key] = clean(item[key])


def finish(pelican) -> None:
    memo = build_context(pelican.settings).services.get(SERVICE)
    if memo is not None:
        memo.save()


def register() -> None:
    connect(signals.initialized, start)
    signals.feed_generated.connect(clean_feed)
    connect(signals.finalized, finish)
