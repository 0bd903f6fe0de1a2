"""Reading a build from part 1 to part N: a "Part N of M" box on every post of a build
(``build:``), previous/next links (within the build, else by date), and related posts
(shared categories and tags) at the end of each post.

Hooks: ``initialized`` asks for ``series.css`` and checks the front-matter key
``series_order`` as each post is read; ``get_generators`` adds ``SeriesGenerator``,
which runs after the articles are read and before any page is written: it sets
``article.series``, ``article.post_nav`` and ``article.related_posts`` for
``theme/templates/_series.html``.

Settings: ``SERIES_RELATED_COUNT`` (default 3; 0 turns related posts off).
"""

from __future__ import annotations

from pelican import signals

from plugins._shared.context import build_context
from plugins._shared.guard import connect

from .generator import SeriesGenerator
from .model import read_series_order


def setup(pelican) -> None:
    context = build_context(pelican.settings)
    context.need_stylesheet("series")
    context.front_matter_keys["series_order"] = read_series_order


def get_generators(pelican):
    return SeriesGenerator


def register() -> None:
    connect(signals.initialized, setup)
    connect(signals.get_generators, get_generators)
