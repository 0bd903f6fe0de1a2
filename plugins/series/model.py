"""What templates read: a post's place in its build, and its neighbours."""

from __future__ import annotations

from dataclasses import dataclass

from plugins._shared.errors import ContentError, display_path, report, warn


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


def _line(article, key: str) -> int | None:
    return (getattr(article, "front_matter_lines", None) or {}).get(key)


def series_order(article) -> int | None:
    """The post's ``series_order`` (a whole number from 1), None when absent or
    wrong (reported at its front-matter line)."""
    value = article.metadata.get("series_order")
    if value is None:
        return None
    shown = display_path(article.source_path)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        report(ContentError(f"'series_order' must be a whole number from 1 (the part's place "
                            f"in its build), got {value!r}", path=shown,
                            line=_line(article, "series_order")))
        return None
    if not isinstance(getattr(article, "build", None), str):
        warn("'series_order' has no effect without 'build:' (the build this post is a part of)",
             path=shown, line=_line(article, "series_order"))
        return None
    return value
