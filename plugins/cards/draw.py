"""Draw one 1200x630 social card with Pillow and write it to the cache as PNG.

Runs in worker processes: a ``CardJob`` holds only plain values. Text is laid out
by FreeType's basic engine (never Raqm, whose presence varies between machines), with
the fonts shipped in ``fonts/``: the same inputs give the same bytes anywhere the
pinned Pillow runs. Pillow's drawing modules are imported where a card is drawn:
a build whose cards are all cached never loads them (~2 MB).

    +--+------------------------------------------------------------------+
    |  | Site name (accent colour; white on a photo)                       |
    |  | Title, bold, as large as fits (76 px down to 44 px), wrapped,    |
    |  | cut with an ellipsis only if it still overflows at 44 px         |
    |  |                                                                  |
    |  | Build name · summary line                                        |
    |  | 15 July 2020 · Category · Category                               |
    +--+------------------------------------------------------------------+
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from plugins._shared.files import write_atomic

from .layout import Fitted, fit, one_line

if TYPE_CHECKING:
    from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
BAR, PAD_X, PAD_Y = 16, 80, 68
TITLE_SIZES = tuple(range(76, 43, -4))
SITE_SIZE, META_SIZE, META_LEADING = 32, 28, 44
TEXT_COLOUR, META_COLOUR = "#ffffff", "#e4e2dd"
DARKEN = 0.4  # photo brightness kept: white text stays at 5.7:1 or more on any photo


@dataclass(frozen=True)
class CardJob:
    """What one card shows, and where the cache keeps it."""

    target: Path
    site: str
    title: str
    build: str
    meta: str
    background: Path | None
    title_font: Path
    text_font: Path
    colour: str
    accent: str


@lru_cache(maxsize=64)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


def _measure(path: Path):
    return lambda text, size: _font(path, size).getlength(text)


def _photo(path: Path, colour: str) -> Image.Image | None:
    """The photo cover-cropped to the card, blurred a little and darkened; None
    when it cannot be read (the photos plugin reports that at the post's line)."""
    from PIL import Image, ImageFilter, ImageOps

    try:
        with Image.open(path) as im:
            turned = im.getexif().get(0x0112, 1) in (5, 6, 7, 8)  # EXIF: shown rotated
            im.draft("RGB", (HEIGHT, WIDTH) if turned else (WIDTH, HEIGHT))  # JPEG: 1/2, 1/4..
            im = ImageOps.exif_transpose(im)
            if im.mode in ("RGBA", "LA", "PA", "P"):
                im = im.convert("RGBA")
                flat = Image.new("RGBA", im.size, colour)
                im = Image.alpha_composite(flat, im)
            # Bicubic is plenty: the photo is blurred and darkened next.
            im = ImageOps.fit(im.convert("RGB"), (WIDTH, HEIGHT), Image.Resampling.BICUBIC)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    im = im.filter(ImageFilter.GaussianBlur(2))
    return im.point(lambda v: int(v * DARKEN))


def _base(job: CardJob) -> tuple[Image.Image, bool]:
    """The background (photo or plain colour) with the accent bar; whether a photo."""
    from PIL import Image, ImageDraw

    photo = _photo(job.background, job.colour) if job.background else None
    card = photo or Image.new("RGB", (WIDTH, HEIGHT), job.colour)
    ImageDraw.Draw(card).rectangle((0, 0, BAR - 1, HEIGHT), fill=job.accent)
    return card, photo is not None


def _lines(
    draw: ImageDraw.ImageDraw, fitted: Fitted, font: Path, top: float, leading: float, fill: str
) -> None:
    for number, line in enumerate(fitted.lines):
        draw.text(
            (BAR + PAD_X, top + number * leading),
            line,
            font=_font(font, fitted.size),
            fill=fill,
            anchor="la",
        )


def render_card(job: CardJob) -> Image.Image:
    """The card as an RGB image."""
    from PIL import ImageDraw

    card, photo = _base(job)
    draw = ImageDraw.Draw(card)
    width = WIDTH - BAR - 2 * PAD_X
    measure_text = _measure(job.text_font)
    site = one_line(job.site, width, SITE_SIZE, _measure(job.title_font))
    # On a photo the accent colour could fall under 3:1 against a bright patch.
    _lines(draw, site, job.title_font, PAD_Y, SITE_SIZE, TEXT_COLOUR if photo else job.accent)
    footer = [one_line(t, width, META_SIZE, measure_text) for t in (job.build, job.meta) if t]
    footer_top = HEIGHT - PAD_Y - META_SIZE - (len(footer) - 1) * META_LEADING
    for number, fitted in enumerate(footer):
        _lines(draw, fitted, job.text_font, footer_top + number * META_LEADING, 0, META_COLOUR)
    title_top = PAD_Y + SITE_SIZE + 40
    title = fit(
        job.title, width, footer_top - 48 - title_top, TITLE_SIZES, _measure(job.title_font)
    )
    _lines(draw, title, job.title_font, title_top, title.size * 1.15, TEXT_COLOUR)
    return card


def card_png(job: CardJob) -> bytes:
    buffer = io.BytesIO()
    render_card(job).save(buffer, "PNG", optimize=False, compress_level=6)
    return buffer.getvalue()


def make_card(job: CardJob) -> str:
    """Worker entry point: draw ``job`` into its cache file; '' or what went wrong."""
    try:
        write_atomic(job.target, card_png(job))
    except OSError as error:
        return str(error)
    return ""
