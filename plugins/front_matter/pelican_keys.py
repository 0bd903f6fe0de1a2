"""Front-matter keys that Pelican itself acts on, checked before it sees them.

Pelican turns every metadata key into an attribute of the post, then uses some of
them to pick a template, a language, a time zone or the file to write. A wrong type
there (``save_as: [a]``, ``translation: true``) used to stop the whole build with a
Python error far from the post; a key that shadows one of Pelican's own attributes
(``settings``, ``content``, ``is_valid``) broke it in stranger ways. Here each is
checked at its line, and the rest of the site builds without that post.
"""

from __future__ import annotations

import zoneinfo

from pelican.contents import Article, Page

from plugins._shared.errors import ContentError, quoted

from .values import Converter, as_bool, site_path, text

STATUSES = ("published", "hidden", "draft")
# Attributes Pelican keeps on a post (from its classes and its __init__), and metadata
# buildlog computes itself: a front-matter key of that name would replace them.
INTERNAL = {name for name in (*dir(Article), *dir(Page)) if not name.startswith("__")} | {
    "settings",
    "metadata",
    "translations",
    "source_path",
    "relative_source_path",
    "in_default_lang",
    "locale_date",
    "locale_modified",
    "reader",
    "override_url",
    "override_save_as",
    "front_matter_lines",
    "toc_html",
    "reading_time",
    "build_info",
    "image_picture",
}


def template(value, key, line, process) -> dict:
    name = text(value, key, line)
    if not name or "/" in name.replace("!simple/", "").replace("!theme/", ""):
        raise ContentError(
            f"'template' must be the name of a theme template such as article, got {quoted(value)}",
            line=line,
        )
    return {"template": name}  # that it exists is checked by the reader


def lang(value, key, line, process) -> dict:
    code = text(value, key, line)
    if not code or not all(c.isascii() and (c.isalnum() or c in "-_") for c in code):
        raise ContentError(
            f"'lang' must be a language code such as en or pt-BR, got {quoted(value)}", line=line
        )
    return {"lang": code}


def translation(value, key, line, process) -> dict:
    # Pelican compares the text: "true" marks a translation of a post with the same slug
    return {"translation": "true" if as_bool(value, key, line) else "false"}


def address(value, key, line, process) -> dict:
    path = site_path(value, key, line)
    if key == "save_as" and (not path or path.endswith("/")):
        raise ContentError(
            f"'save_as' must name a file such as 2020/x/index.html, got {quoted(value)}", line=line
        )
    return {key: path}


def timezone(value, key, line, process) -> dict:
    name = text(value, key, line)
    try:
        zoneinfo.ZoneInfo(name)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        raise ContentError(
            f"'timezone' must be a time zone such as Europe/Paris or UTC, got {quoted(value)}",
            line=line,
        ) from None
    return {"timezone": name}


def date_format(value, key, line, process) -> dict:
    return {"date_format": text(value, key, line)}


def status(value, key, line, process) -> dict:
    written = text(value, key, line).lower()
    if written not in STATUSES:
        raise ContentError(
            f"'status' must be one of {', '.join(STATUSES)}, got {quoted(value)}", line=line
        )
    return {"status": process("status", written)}


def image(value, key, line, process) -> dict:
    """The card picture: a path (``/images/x.jpg``) or an address; the photos plugin,
    when present, then makes its variants."""
    if not isinstance(value, str) or not value.strip():
        raise ContentError(
            f"'image' must be a path such as /images/hero.jpg or an https:// "
            f"address, got {quoted(value)}",
            line=line,
        )
    return {"image": value.strip()}


PELICAN_KEYS: dict[str, Converter] = {
    "template": template,
    "lang": lang,
    "translation": translation,
    "save_as": address,
    "url": address,
    "timezone": timezone,
    "date_format": date_format,
    "status": status,
    "image": image,
}


def reserved(key: str, line: int | None) -> None:
    """Refuse a key that would replace one of Pelican's or buildlog's own attributes."""
    if key.startswith("_") or key in INTERNAL:
        raise ContentError(
            f"{quoted(key, 40)} is a name Pelican or buildlog uses for its own data; "
            "rename this key",
            line=line,
        )
