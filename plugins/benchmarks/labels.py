"""Short labels for chart rows that stay distinct.

Commands and test names are long and often alike (``python3 -c "sum(range(10**6))"``
and ``... 10**7))"``): cutting their ends makes them identical. So, when a label is too
long: drop the start all labels share (the chart says what it was), then cut the
middle, keeping both ends, and keep more of any labels that would still collide.
The full text stays in the table and the row's tooltip.
"""

from __future__ import annotations

import os

LIMIT = 32  # characters a label may have before it is shortened
MIN_PREFIX = 6  # a shared start shorter than this is left alone
ELLIPSIS = "…"
_BREAKS = " /\\:._-,(=\"'"


def common_prefix(labels: list[str]) -> str:
    """The start every label shares, cut after a separator (a space, ``/``, ``_``,
    ``:``...) so no word is split, and leaving each label something of its own."""
    if len(labels) < 2:
        return ""
    shared = os.path.commonprefix(labels)
    cut = max((i + 1 for i, ch in enumerate(shared) if ch in _BREAKS), default=0)
    if any(len(label) <= cut for label in labels):
        cut = max((i + 1 for i, ch in enumerate(shared[: cut - 1]) if ch in _BREAKS), default=0)
    return shared[:cut] if cut >= MIN_PREFIX else ""


def middle_ellipsis(label: str, limit: int) -> str:
    """``label`` cut to ``limit`` characters by replacing its middle with "…"."""
    if len(label) <= limit:
        return label
    keep = limit - 1
    head = (keep + 1) // 2
    tail = keep - head
    return label[:head].rstrip() + ELLIPSIS + (label[-tail:].lstrip() if tail else "")


def shorten(labels: list[str], limit: int = LIMIT) -> tuple[list[str], str]:
    """(short labels, the shared start removed from them, or "")."""
    if all(len(label) <= limit for label in labels):
        return list(labels), ""
    prefix = common_prefix(labels)
    rest = [label[len(prefix) :] for label in labels]
    lead = ELLIPSIS if prefix else ""
    limits = [limit - len(lead)] * len(labels)
    while True:
        short = [lead + middle_ellipsis(r, n) for r, n in zip(rest, limits)]
        clashes = {
            i for i, s in enumerate(short) if short.count(s) > 1 and len(rest[i]) > limits[i]
        }
        if not clashes:
            return short, prefix
        for i in clashes:
            limits[i] += 4
