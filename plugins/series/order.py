"""Put the posts of one build in reading order, and find a post's related posts.

Pure: items in, items out. A post's ``series_order: N`` asks for place N; the posts
without one fill the free places in date order. Two posts asking for the same place
keep their date order and the later one is reported.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")


def reading_order(
    posts: Sequence[T], wanted: Callable[[T], int | None], date: Callable[[T], object]
) -> tuple[list[T], list[tuple[T, T]]]:
    """``posts`` in reading order, and (post, earlier post) pairs that asked for the
    same place. Place N goes to the post that asked for N when there is one; a post
    asking for a place past the end comes last."""
    asked = sorted((p for p in posts if wanted(p) is not None), key=lambda p: (wanted(p), date(p)))
    rest = sorted((p for p in posts if wanted(p) is None), key=date)
    clashes = [(b, a) for a, b in zip(asked, asked[1:]) if wanted(a) == wanted(b)]
    ordered: list[T] = []
    for place in range(1, len(posts) + 1):
        if asked and (wanted(asked[0]) <= place or not rest):
            ordered.append(asked.pop(0))
        else:
            ordered.append(rest.pop(0))
    return ordered, clashes


def neighbours(ordered: Sequence[T], item: T) -> tuple[T | None, T | None]:
    """The items before and after ``item`` in ``ordered``."""
    index = ordered.index(item)
    before = ordered[index - 1] if index > 0 else None
    after = ordered[index + 1] if index + 1 < len(ordered) else None
    return before, after


def related(
    posts: Iterable[T],
    terms: Callable[[T], Iterable[Hashable]],
    date: Callable[[T], object],
    group: Callable[[T], Hashable | None],
    count: int,
) -> dict[T, list[T]]:
    """For each post, up to ``count`` others sharing the most terms (categories and
    tags), newest first among equals; posts of the same ``group`` (not None: the same
    build, already in the series box) are left out. Each post's terms, date and group
    are read once: a category shared by hundreds of posts made this quadratic in calls."""
    posts = list(posts)
    own = {id(p): set(terms(p)) for p in posts}
    newest = {id(p): _newest_first(date(p)) for p in posts}
    groups = {id(p): group(p) for p in posts}
    by_term: dict[Hashable, list[T]] = defaultdict(list)
    for post in posts:
        for term in own[id(post)]:
            by_term[term].append(post)
    result = {}
    for post in posts:
        mine = groups[id(post)]
        shared: Counter = Counter()
        for term in own[id(post)]:
            shared.update(
                o
                for o in by_term[term]
                if o is not post and (mine is None or groups[id(o)] != mine)
            )
        # heapq.nsmallest is sorted(...)[:count], ties in the same order, without
        # sorting every candidate.
        result[post] = heapq.nsmallest(count, shared, key=lambda o: (-shared[o], newest[id(o)]))
    return result


def _newest_first(value) -> float:
    stamp = getattr(value, "timestamp", None)
    return -stamp() if callable(stamp) else 0.0
