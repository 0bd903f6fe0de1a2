"""What templates read: a post's place in its build, and its neighbours."""

from __future__ import annotations

from dataclasses import dataclass

from plugins._shared.context import PostContext, front_matter_line
from plugins._shared.errors import ContentError, display_path, quoted, warn


@dataclass(frozen=True)
class Series:
    """The posts of one build in reading order; ``number`` is this post's place."""

    name: str
    url: str
    parts: tuple
    number: int

    @property
    def total(self) -> int:
        return len(self.parts)


@dataclass(frozen=True)
class PostNav:
    """Previous and next post; ``kind`` is "part" within a build, else "post"."""

    previous: object | None
    next: object | None
    kind: str


def read_series_order(value, line: int | None, post: PostContext) -> dict:
    """Front matter ``series_order:`` (a whole number from 1), checked as the post is
    read so a bad value is reported at its line; the post is then placed by date."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        post.report(
            ContentError(
                "'series_order' must be a whole number from 1 (the part's "
                f"place in its build), got {quoted(value)}",
                line=line,
            )
        )
        return {}
    return {"series_order": value}


def series_place(article) -> int | None:
    """The place a post of a build asked for; a ``series_order`` on a post without
    ``build:`` does nothing, and says so."""
    value = article.metadata.get("series_order")
    if value is not None and not isinstance(getattr(article, "build", None), str):
        warn(
            "'series_order' has no effect without 'build:' (the build this post is a part of)",
            path=display_path(article.source_path),
            line=front_matter_line(article, "series_order"),
        )
        return None
    return value
