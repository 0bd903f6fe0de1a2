"""The card fonts: which characters each can draw, and a fingerprint of their bytes.

A character a font lacks would be drawn as an empty box. We read the font's
character map (fontTools) once per build, so the plugin can say which characters of a
title it cannot draw instead of publishing boxes.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from plugins._shared.files import write_atomic

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
TITLE_FONT = FONTS_DIR / "Inter-Bold.otf"
TEXT_FONT = FONTS_DIR / "Inter-Regular.otf"
_INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn"}  # controls, joiners, spaces, marks


class FontError(Exception):
    """A configured font file that cannot be used (missing, not a font)."""


@dataclass(frozen=True)
class CardFont:
    path: Path
    name: str
    digest: str
    chars: frozenset[int]

    def missing(self, text: str) -> list[str]:
        """Characters of ``text`` this font cannot draw, in order, each once.
        Spaces, joiners and combining marks are not counted: they draw nothing
        themselves, and text is NFC-normalised before it is drawn."""
        seen: list[str] = []
        for char in unicodedata.normalize("NFC", text):
            if (
                ord(char) not in self.chars
                and char not in seen
                and unicodedata.category(char) not in _INVISIBLE
            ):
                seen.append(char)
        return seen

    def drawable(self, text: str) -> str:
        """``text`` (NFC) without the characters this font lacks, spaces tidied."""
        text = unicodedata.normalize("NFC", text)
        return " ".join("".join(c for c in text if ord(c) in self.chars or c.isspace()).split())


def load_font(path: str | Path, cache: Path | None = None) -> CardFont:
    """``read_font``, remembered in ``cache/fonts.json`` by path, mtime and size:
    parsing a character map costs more than the rest of an unchanged rebuild."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as error:
        raise FontError(f"cannot read font {path}: {error.strerror or error}") from None
    stamp = [stat.st_mtime_ns, stat.st_size]
    index = cache / "fonts.json" if cache else None
    try:
        known = json.loads(index.read_text(encoding="utf-8")) if index else {}
    except (OSError, ValueError):
        known = {}
    entry = known.get(str(path))
    if isinstance(entry, dict) and entry.get("stamp") == stamp:
        return CardFont(path, entry["name"], entry["digest"], frozenset(entry["chars"]))
    font = read_font(path)
    if index:
        known[str(path)] = {
            "stamp": stamp,
            "name": font.name,
            "digest": font.digest,
            "chars": sorted(font.chars),
        }
        write_atomic(index, json.dumps(known))
    return font


def read_font(path: str | Path) -> CardFont:
    """Read ``path``'s family name and character map; FontError says what is wrong."""
    from fontTools.ttLib import TTFont, TTLibError  # here: an unchanged font is never read

    path = Path(path)
    try:
        data = path.read_bytes()
        with TTFont(path, lazy=True, fontNumber=0) as font:
            chars = frozenset(font.getBestCmap() or {})
            name = font["name"].getBestFamilyName() or path.stem
    except OSError as error:
        raise FontError(f"cannot read font {path}: {error.strerror or error}") from None
    except (TTLibError, KeyError, AssertionError, ValueError):
        raise FontError(f"{path} is not a TrueType or OpenType font file (.ttf, .otf)") from None
    if not chars:
        raise FontError(f"{path} has no Unicode character map")
    return CardFont(path, name, hashlib.sha256(data).hexdigest(), chars)
