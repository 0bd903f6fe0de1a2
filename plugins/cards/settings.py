"""``CARDS_*`` settings: one frozen dataclass per build, checked once."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageColor

from .fonts import TEXT_FONT, TITLE_FONT


class SettingsError(Exception):
    """A ``CARDS_*`` setting that cannot work; the message names the setting."""


@dataclass(frozen=True)
class CardSettings:
    """``enabled``: CARDS_ENABLED; fonts: CARDS_TITLE_FONT / CARDS_TEXT_FONT (files);
    colours: CARDS_BACKGROUND (no photo) and CARDS_ACCENT (bar, site name)."""

    cache: Path
    output: Path
    content: Path
    sitename: str = ""
    enabled: bool = True
    title_font: Path = TITLE_FONT
    text_font: Path = TEXT_FONT
    background: str = "#16202a"
    accent: str = "#7cc0ee"
    workers: int = 0  # 0: one per core
    folder: str = "images/_cards"  # under OUTPUT_PATH

    @property
    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1


def _colour(settings: dict, key: str, default: str) -> str:
    value = settings.get(key, default)
    try:
        ImageColor.getrgb(value)
    except (ValueError, AttributeError, TypeError):
        raise SettingsError(f"{key} must be a colour such as '#16202a', got {value!r}") from None
    return value


def _font_path(settings: dict, key: str, default: Path, base: Path) -> Path:
    value = settings.get(key) or default
    path = Path(value)
    return path if path.is_absolute() else base / path


def settings_from(pelican: dict) -> CardSettings:
    """Build from Pelican settings. Relative font paths are from the folder holding
    the content folder (the project); the cache defaults to BUILDLOG_CACHE_PATH/cards."""
    content = Path(pelican["PATH"]).resolve()
    cache = (
        pelican.get("CARDS_CACHE_PATH")
        or Path(pelican.get("BUILDLOG_CACHE_PATH") or ".buildlog-cache") / "cards"
    )
    workers = pelican.get("CARDS_WORKERS", 0)
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 0:
        raise SettingsError(
            f"CARDS_WORKERS must be a whole number (0: one per core), got {workers!r}"
        )
    return CardSettings(
        cache=Path(cache).resolve(),
        output=Path(pelican["OUTPUT_PATH"]).resolve(),
        content=content,
        sitename=str(pelican.get("SITENAME") or ""),
        enabled=bool(pelican.get("CARDS_ENABLED", True)),
        title_font=_font_path(pelican, "CARDS_TITLE_FONT", TITLE_FONT, content.parent),
        text_font=_font_path(pelican, "CARDS_TEXT_FONT", TEXT_FONT, content.parent),
        background=_colour(pelican, "CARDS_BACKGROUND", CardSettings.background),
        accent=_colour(pelican, "CARDS_ACCENT", CardSettings.accent),
        workers=workers,
    )
