"""Plan a card for every post without an ``image`` (after the articles are read, so
``build:`` is resolved) and make, publish and prune them when output is written."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from pelican.generators import Generator

from plugins._shared.context import front_matter_line
from plugins._shared.errors import ContentError, display_path, report, warn

from .draw import HEIGHT, WIDTH, CardJob
from .fonts import CardFont, FontError, load_font
from .plan import CardText, card_key, card_text, first_photo, resolve_photo
from .settings import CardSettings, SettingsError, settings_from
from .store import PhotoDigests, make_missing, prune_cache, prune_output, publish

logger = logging.getLogger(__name__)
FONT_HINT = "set CARDS_TITLE_FONT/CARDS_TEXT_FONT to a font that has them (see README)"


@dataclass(frozen=True)
class Card:
    """What templates read as ``article.social_card``: ``path`` is relative to the
    site root (templates put ``SITEURL`` in front, as for every other link)."""

    name: str
    path: str
    alt: str
    width: int = WIDTH
    height: int = HEIGHT
    type: str = "image/png"


def _font(key: str, path: Path, cache: Path) -> CardFont:
    try:
        return load_font(path, cache)
    except FontError as error:
        raise SettingsError(f"{key}: {error}") from None


def _build_line(article) -> tuple[str, str]:
    build = getattr(article, "build_info", None)
    if build is None:
        return "", ""
    from plugins.parts.model import summarize

    return build.name, summarize(build)


class CardsGenerator(Generator):
    """One per build: holds this build's settings, fonts and planned cards. Cards are
    drawn into the cache here, before any page is written, so a post whose card
    could not be made never links to it; they are copied into the output later."""

    def generate_context(self) -> None:
        self.jobs: dict[str, CardJob] = {}  # output name -> job
        self.made: dict[str, str] = {}  # output name -> its file in the cache, once drawn
        self.cards: CardSettings | None = None
        try:
            cards = settings_from(self.settings)
            if not cards.enabled:
                return
            self.fonts = (
                _font("CARDS_TITLE_FONT", cards.title_font, cards.cache),
                _font("CARDS_TEXT_FONT", cards.text_font, cards.cache),
            )
        except SettingsError as error:
            logger.error("pelicanconf.py: %s; the site is built without social cards", error)
            return
        self.cards, self.digests = cards, PhotoDigests(cards.cache)
        self._warn_missing(cards.sitename, self.fonts[0], "pelicanconf.py (SITENAME)", None)
        posts = [
            a
            for a in self.context.get("articles", []) + self.context.get("hidden_articles", [])
            if not str(getattr(a, "image", "") or "").strip()
        ]
        for article in posts:
            self.plan(article)
        failed = dict(make_missing(list(self.jobs.values()), cards.worker_count))
        for article in posts:
            card = getattr(article, "social_card", None)
            if card is not None and self.jobs[card.name] in failed:
                report(
                    ContentError(
                        f"social card not made: {failed[self.jobs[card.name]]}",
                        path=display_path(article.source_path),
                    )
                )
                del article.social_card
        # What is left to do is publishing: keep each card's cache file name, not its
        # job (the texts and paths of every card: 2 MiB at 1,000 posts, held to the end).
        self.made = {name: job.target.name for name, job in self.jobs.items()}
        self.jobs = {}
        self.digests.save()

    def plan(self, article) -> None:
        """Set ``article.social_card`` and queue its drawing.
        Characters the fonts cannot draw are left out (with a warning); no title
        left, no card."""
        s, shown = self.cards, display_path(article.source_path)
        text = self._text(article, shown)
        if not text.title:
            return
        photo = self._photo(article)
        digest = self.digests.digest(photo) if photo else None
        style = [self.fonts[0].digest, self.fonts[1].digest, s.background, s.accent]
        key = card_key(text, digest or "", style)
        slug = re.sub(r"[^a-z0-9-]+", "-", str(article.slug).lower()).strip("-") or "post"
        name = f"{slug}-{key}.png"
        self.jobs[name] = CardJob(
            s.cache / f"{key}.png",
            text.site,
            text.title,
            text.build,
            text.meta,
            photo if digest else None,
            self.fonts[0].path,
            self.fonts[1].path,
            s.background,
            s.accent,
        )
        article.social_card = Card(name, f"{s.folder}/{quote(name)}", text.alt)

    def _text(self, article, shown: str) -> CardText:
        title_font, text_font = self.fonts
        names = [c.name for c in getattr(article, "categories", None) or [article.category]]
        raw = card_text(
            self.cards.sitename,
            article.title,
            article.date.strftime("%-d %B %Y"),
            names,
            *_build_line(article),
        )
        text = CardText(
            title_font.drawable(raw.site),
            title_font.drawable(raw.title),
            text_font.drawable(raw.build),
            text_font.drawable(raw.meta),
        )
        line = front_matter_line(article, "title")
        if not text.title:
            warn(
                f"no social card: the card font ({title_font.name}) cannot draw any character "
                f"of the title; {FONT_HINT}",
                path=shown,
                line=line,
            )
            return text
        self._warn_missing(raw.title, title_font, shown, line)
        self._warn_missing(raw.build, text_font, shown, front_matter_line(article, "build"))
        self._warn_missing(raw.meta, text_font, shown, front_matter_line(article, "categories"))
        return text

    @staticmethod
    def _warn_missing(value: str, font: CardFont, shown: str, line: int | None) -> None:
        missing = font.missing(value)
        if missing:
            listed = " ".join(missing[:12]) + (" ..." if len(missing) > 12 else "")
            warn(
                f"the social card font ({font.name}) cannot draw {listed}: left out of the "
                f"card; {FONT_HINT}",
                path=shown,
                line=line,
            )

    def _photo(self, article) -> Path | None:
        """The post's first local photo, when there is one and it exists."""
        source = Path(article.source_path)
        try:
            src = first_photo(source.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            return None
        path = resolve_photo(src, source, self.cards.content) if src else None
        return path if path is not None and path.is_file() else None

    def generate_output(self, writer) -> None:
        """Publish this build's cards; remove cards and cache entries it did not use."""
        if self.cards is None:
            return
        folder = self.cards.output / self.cards.folder
        published = set()
        for name, cached in self.made.items():
            if (self.cards.cache / cached).is_file():
                publish(self.cards.cache / cached, folder / name)
                published.add(name)
        prune_output(folder, published)
        prune_cache(self.cards.cache, set(self.made.values()))
