"""What a post's card shows, decided before anything is drawn: its texts, its
background photo, and the cache key that changes exactly when one of those does.

``first_photo`` reads the post's Markdown (not the HTML the photos plugin made, whose
URLs are variants): the first local JPEG, PNG or WebP written as ``![...](...)`` or
``<img src=...>`` outside code.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import PIL

from plugins._shared.markdown import find_code
from plugins._shared.urls import content_relative, is_remote

RENDERER = "cards-1"  # bump when draw.py changes what it draws
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?((?:\{\{\s*site\.baseurl\s*\}\})?[^)\s>]+)")
_HTML_IMAGE = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)""", re.I)
_BASEURL = re.compile(r"\{\{\s*site\.baseurl\s*\}\}")  # fastpages: the site root
_ROOTED = ("/", "{static}/", "{attach}/", "{filename}/", "{{")


@dataclass(frozen=True)
class CardText:
    """The words on a card; ``build`` and ``meta`` may be empty."""

    site: str
    title: str
    build: str
    meta: str

    @property
    def alt(self) -> str:
        """What the card says, for og:image:alt and twitter:image:alt."""
        return ". ".join(t for t in (self.title, self.build, self.meta, self.site) if t)


def first_photo(markdown: str) -> str | None:
    """The first local photo path written in ``markdown`` outside code, as written
    (``{{ site.baseurl }}`` dropped, as fastpages means it)."""
    if "![" not in markdown and "<img" not in markdown.lower():
        return None  # no image at all: no need to find the code
    lines = markdown.splitlines()
    code = find_code(lines)
    for index, line in code.text_lines(lines):
        if "![" not in line and "<img" not in line.lower():
            continue
        found = sorted(
            [*_MD_IMAGE.finditer(line), *_HTML_IMAGE.finditer(line)], key=lambda m: m.start()
        )
        for match in found:
            src = _BASEURL.sub("", match[1]).split("#")[0].split("?")[0]
            if (
                not code.in_code(index, match.start())
                and not is_remote(src)
                and src.lower().endswith(PHOTO_SUFFIXES)
            ):
                return _BASEURL.sub("", match[1])
    return None


def resolve_photo(src: str, post: Path, content: Path) -> Path | None:
    """The file ``src`` names (rooted paths from content/, others from the post's
    folder, as the photos plugin reads them); None if outside content/."""
    rel = content_relative(src).split("#")[0].split("?")[0]
    if not src.strip().startswith(_ROOTED):
        try:
            rel = posixpath.join(post.parent.resolve().relative_to(content).as_posix(), rel)
        except ValueError:
            return None
    rel = posixpath.normpath(rel)
    if rel == ".." or rel.startswith("../") or posixpath.isabs(rel):
        return None
    return content / rel


def card_text(
    site: str,
    title: str,
    date: str,
    categories: list[str],
    build_name: str = "",
    build_summary: str = "",
) -> CardText:
    build = build_name
    if build_summary and build_summary != build_name:
        build = f"{build_name} · {build_summary}" if build_name else build_summary
    meta = " · ".join([date, *categories])
    return CardText(site, title, build, meta)


def card_key(text: CardText, photo_digest: str, style: list[str]) -> str:
    """16 hex digits of a hash over everything that changes the card's pixels."""
    payload = [
        RENDERER,
        PIL.__version__,
        *style,
        text.site,
        text.title,
        text.build,
        text.meta,
        photo_digest,
    ]
    return hashlib.sha256(json.dumps(payload).encode()).hexdigest()[:16]
