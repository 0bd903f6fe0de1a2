"""Give every published post its series box, previous/next links and related posts.

Only published posts take part: a hidden (``hide: true``) post or a draft is never
listed, linked as previous/next or suggested, and gets none of these itself.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from pelican.generators import Generator

from plugins._shared.context import front_matter_line
from plugins._shared.errors import display_path, warn
from plugins.parts.render import BUILDS_URL  # where build pages are written

from .model import PostNav, Series, series_place
from .order import neighbours, reading_order, related

RELATED_COUNT = 3
logger = logging.getLogger(__name__)


def _build_of(article) -> str | None:
    build = getattr(article, "build", None)
    return build if isinstance(build, str) else None


def _terms(article) -> list:
    categories = getattr(article, "categories", None) or [article.category]
    return [("category", c.name) for c in categories] + [
        ("tag", t.name) for t in getattr(article, "tags", None) or []
    ]


class SeriesGenerator(Generator):
    def generate_context(self) -> None:
        posts = list(self.context.get("articles", []))
        by_build = defaultdict(list)
        for article in posts:
            article.series_place = series_place(article)
            if _build_of(article):
                by_build[_build_of(article)].append(article)
        for slug, members in by_build.items():
            if len(members) > 1:  # one post is not a series: it gets plain neighbours
                self.set_series(slug, members)
        by_date = sorted(posts, key=lambda a: a.date)
        for article in posts:
            if getattr(article, "series", None) is None:
                older, newer = neighbours(by_date, article)
                article.post_nav = PostNav(older, newer, "post")
        count = self.settings.get("SERIES_RELATED_COUNT", RELATED_COUNT)
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            logger.error(
                "pelicanconf.py: SERIES_RELATED_COUNT must be a whole number (0: no "
                "related posts), got %r; using %d",
                count,
                RELATED_COUNT,
            )
            count = RELATED_COUNT
        for article, others in related(posts, _terms, lambda a: a.date, _build_of, count).items():
            article.related_posts = others

    def set_series(self, slug: str, members: list) -> None:
        ordered, clashes = reading_order(members, lambda a: a.series_place, lambda a: a.date)
        for post, earlier in clashes:
            warn(
                f"'series_order: {post.series_place}' is also given to "
                f"{display_path(earlier.source_path)}; the two keep their date order",
                path=display_path(post.source_path),
                line=front_matter_line(post, "series_order"),
            )
        info = getattr(ordered[0], "build_info", None)
        name = info.name if info is not None else slug
        url = f"{BUILDS_URL}{slug}/" if info is not None else ""
        members = tuple(ordered)  # one tuple for all: the page cache hashes it once
        for number, article in enumerate(ordered, start=1):
            article.series = Series(name, url, members, number)
            previous, following = neighbours(ordered, article)
            article.post_nav = PostNav(previous, following, "part")
