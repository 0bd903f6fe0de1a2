"""Which files buildlog publishes from content/, and how: the one table behind the
README's "What is published" section.

Every file under STATIC_PATHS (and every image a post uses) is one of:

- an image: decoded by Pillow and published cleaned (``strip.py``, ``variants.py``);
- an SVG drawing or an ICO icon: cleaned (``svg.py``, ``strip.py``);
- text (CSS, JS, JSON, CSV, TXT, CNAME...): published as is. A text file has no hidden
  part: everything in it is text its author can read;
- operating-system litter (``.DS_Store``, ``Thumbs.db``, ``._*``): never published;
- anything else (PDF, video, archives, ``photo.jpg.orig``): refused with an error,
  unless STATIC_PUBLISH_AS_IS lists it (the author cleaned it and vouches for it).
"""

from __future__ import annotations

import fnmatch
from functools import cache
from pathlib import PurePosixPath

# Pillow format names. WEB: browsers show them; published in their own format,
# cleaned without re-encoding. CONVERTED: not every browser shows them; published as
# JPEG (PNG when transparent), converted to sRGB.
WEB_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "ICO"}
CONVERTED_FORMATS = {"HEIF", "AVIF", "TIFF", "BMP"}
STILL_ONLY = {"GIF", "ICO", "SVG"}  # never made into variants (see README: animations)

IMAGE_SUFFIXES = {
    ".jpg",
    ".jpeg",
    ".jpe",
    ".jfif",
    ".png",
    ".apng",
    ".webp",
    ".gif",
    ".heic",
    ".heif",
    ".hif",
    ".avif",
    ".tif",
    ".tiff",
    ".bmp",
    ".ico",
}
SVG_SUFFIXES = {".svg"}
TEXT_SUFFIXES = {
    "",
    ".txt",
    ".css",
    ".js",
    ".mjs",
    ".json",
    ".csv",
    ".tsv",
    ".xml",
    ".html",
    ".htm",
    ".md",
    ".webmanifest",
    ".map",
    ".yaml",
    ".yml",
    ".toml",
    ".vtt",
    ".srt",
    ".ics",
}
LITTER_NAMES = {".ds_store", "thumbs.db", "ehthumbs.db", "desktop.ini", "icon\r"}


def kind_of(rel: str) -> str:
    """``image``, ``svg``, ``text``, ``litter`` or ``other`` for a path under content/."""
    name = PurePosixPath(rel).name
    suffix = PurePosixPath(name).suffix.lower() if not name.startswith(".") else ""
    if name.lower() in LITTER_NAMES or name.startswith("._"):
        return "litter"
    if suffix in IMAGE_SUFFIXES:
        return "image"
    if suffix in SVG_SUFFIXES:
        return "svg"
    if suffix in TEXT_SUFFIXES and name != ".":
        return "text"
    return "other"


def is_text(data: bytes) -> bool:
    """UTF-8 without NUL bytes: what a text editor wrote, not a binary renamed .txt."""
    if b"\0" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def matches(rel: str, patterns: tuple[str, ...]) -> bool:
    """Whether ``rel`` (relative to content/) matches one of the glob ``patterns``."""
    return any(fnmatch.fnmatchcase(rel, p.strip("/")) for p in patterns)


@cache
def register_openers() -> bool:
    """Teach Pillow HEIC/HEIF (pillow-heif ships libheif); False when not installed.
    Called just before an image is opened, not at import: a build whose photos are
    all known from the cache never loads libheif (~4 MB)."""
    try:
        import pillow_heif
    except ImportError:
        return False
    pillow_heif.register_heif_opener()
    return True
