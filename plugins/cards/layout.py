"""Fit text into boxes: wrap at spaces, break words that are wider than a line, shrink
the title until it fits, and cut with an ellipsis only when the smallest size still
overflows. Pure: text and a ``measure(text, size) -> width`` function in, lines out,
so the rules are tested without drawing anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

Measure = Callable[[str, int], float]
ELLIPSIS = "…"


@dataclass(frozen=True)
class Fitted:
    """Lines of one text block at one font ``size``; ``cut`` when text was left out."""

    size: int
    lines: tuple[str, ...]
    cut: bool = False


def _break_word(word: str, width: float, size: int, measure: Measure) -> list[str]:
    """A word wider than the line (a URL, a long part number) split between
    characters, so it never runs off the card."""
    pieces, current = [], ""
    for char in word:
        if current and measure(current + char, size) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    return pieces + [current] if current else pieces


def wrap(text: str, width: float, size: int, measure: Measure) -> list[str]:
    """Greedy word wrap; every returned line measures at most ``width``."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if measure(candidate, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        pieces = [word] if measure(word, size) <= width else _break_word(word, width, size, measure)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        lines.append(current)
    return lines


def ellipsize(line: str, width: float, size: int, measure: Measure) -> str:
    """``line`` shortened at the end until it and an ellipsis fit ``width``."""
    text = line.rstrip()
    while text and measure(text + ELLIPSIS, size) > width:
        text = text[:-1].rstrip()
    return text + ELLIPSIS


def fit(
    text: str,
    width: float,
    height: float,
    sizes: Iterable[int],
    measure: Measure,
    leading: float = 1.15,
) -> Fitted:
    """The largest size in ``sizes`` (tried in order) at which ``text`` wraps into the
    box; at the last size, the lines that fit with the last one ellipsized."""
    size, lines = 0, []
    for size in sizes:
        lines = wrap(text, width, size, measure)
        if len(lines) * size * leading <= height:
            return Fitted(size, tuple(lines))
    room = max(1, int(height // (size * leading)))
    if len(lines) <= room:
        return Fitted(size, tuple(lines))
    kept = lines[:room]
    kept[-1] = ellipsize(kept[-1] + " " + lines[room], width, size, measure)
    return Fitted(size, tuple(kept), cut=True)


def one_line(text: str, width: float, size: int, measure: Measure) -> Fitted:
    """``text`` on a single line, ellipsized when it is too wide."""
    text = " ".join(text.split())
    if measure(text, size) <= width:
        return Fitted(size, (text,))
    return Fitted(size, (ellipsize(text, width, size, measure),), cut=True)
