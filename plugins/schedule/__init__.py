"""Posts dated in the future: drafts until their date, as Jekyll and fastpages do.

Pelican does the work (``WITH_FUTURE_DATES = False`` makes such a post a draft); this
says so after each build, so a post never goes missing without a word:

    content/posts/2031-01-01-x.md: dated 2031-01-01, in the future: a draft until then ...

It is a note, not a warning: a scheduled post is not a problem, and ``--strict``
builds (CI, ``invoke gh-pages``) must still pass.
"""

from __future__ import annotations

import datetime as dt
import logging

from pelican import signals

from plugins._shared.context import build_context
from plugins._shared.errors import display_path

notes = logging.getLogger("buildlog.notes")


def scheduled(article, now: dt.datetime) -> bool:
    """A draft only because of its date (not ``status: draft``)."""
    date = article.date
    today = now if date.tzinfo else now.replace(tzinfo=None)
    return article.metadata.get("status") != "draft" and date > today


def note_scheduled_posts(generator) -> None:
    now = dt.datetime.now(dt.UTC)
    build = build_context(generator.settings)
    for draft in generator.drafts + generator.drafts_translations:
        if not scheduled(draft, now):
            continue
        date = draft.date if draft.date.tzinfo else draft.date.replace(tzinfo=dt.UTC)
        # "Nothing changed" ends on its day (a day early: Pelican may compare naive
        # dates in local time).
        build.stale_at(date.timestamp() - 86400)
        where = f"preview it at /{draft.url}" if draft.save_as else "not published until then"
        notes.info(
            "%s: dated %s, in the future: a draft until then (%s); "
            "build with --future to publish it now",
            display_path(draft.source_path),
            draft.date.strftime("%Y-%m-%d"),
            where,
        )


def register() -> None:
    signals.article_generator_finalized.connect(note_scheduled_posts)
