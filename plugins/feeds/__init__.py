"""Feeds readers can show: each entry's HTML is cleaned as ``clean.py`` says.

Pelican builds a feed's entries from the post HTML that the pages use; this reshapes
them on ``feed_generated``, after the entries exist and before the file is written.
The pages themselves are untouched. Cleaning is one regular-expression pass (a
fraction of a millisecond an entry), and a feed is written again only when one of
its entries changed (``plugins/_shared/pagecache.py``), so nothing is kept between
builds: keeping cleaned entries cost more memory and JSON than cleaning them again.
"""

from __future__ import annotations

from pelican import signals

from .clean import clean_feed_html


def clean_feed(context, feed) -> None:
    for item in feed.items:
        for key in ("content", "description"):
            if item.get(key):
                item[key] = clean_feed_html(item[key])


def register() -> None:
    signals.feed_generated.connect(clean_feed)
