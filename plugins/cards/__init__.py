"""Social preview cards: a 1200x630 PNG for every post without an ``image``, drawn at
build time with Pillow and the Inter font shipped in ``fonts/`` (SIL OFL 1.1).

A card shows the site name, the title (wrapped, shrunk to fit), the build's summary
line for a post with ``build:``, the date and categories, over the post's first photo
(darkened) or a plain colour. Cards are cached by a hash of what they show
(``.buildlog-cache/cards``), published to ``images/_cards/``, and named in the page
head by ``theme/templates/_social_card.html``.

Hook: ``get_generators`` adds ``CardsGenerator``, which runs after the articles are
read (so ``build:`` is resolved) and before any page is written.
"""

from __future__ import annotations

from pelican import signals

from plugins._shared.guard import connect

from .generator import Card, CardsGenerator


def get_generators(pelican):
    return CardsGenerator


def register() -> None:
    connect(signals.get_generators, get_generators)


__all__ = ["Card", "CardsGenerator", "register"]
