"""Front-matter values checked for what they must be, each error at the key's line.

Pure helpers shared by the converter tables (``metadata.py`` for the keys buildlog
documents, ``pelican_keys.py`` for the ones Pelican itself reads).
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from collections.abc import Callable

from plugins._shared.errors import ContentError, quoted

from .source import forbidden_character

# Pelican's reader.process_metadata(name, value): dates, categories, tags, authors.
Process = Callable[[str, object], object]
# (value, key, line, process) -> metadata made from this key
Converter = Callable[[object, str, "int | None", Process], dict]

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_TRUE, _FALSE = {"true", "yes", "on"}, {"false", "no", "off"}


def plain_text(value) -> str:
    """Text without tags: fastpages front matter often holds inline HTML
    (``<a href=...>Name</a>``); we keep the words and drop the markup, which is then
    escaped like any other text. ``5 < 6`` is not a tag and stays."""
    text = str(value)
    if _TAG.search(text):
        text = html.unescape(_TAG.sub("", text))
    return " ".join(text.split())


def text(value, key: str, line: int | None) -> str:
    if value is None or isinstance(value, (dict, list, bool)):
        raise ContentError(f"'{key}' must be text, got {quoted(value)}", line=line)
    return plain_text(value)


def as_list(value, key: str, line: int | None) -> list[str]:
    """A YAML list or a comma-separated string, as a list of non-empty strings."""
    if value is None:
        return []
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        raise ContentError(
            f"'{key}' must be a list such as [A, B] or a comma-separated "
            f"string, got {type(value).__name__}",
            line=line,
        )
    result = []
    for item in items:
        if isinstance(item, (dict, list)) or item is None:
            raise ContentError(f"'{key}' items must be plain text, got {quoted(item)}", line=line)
        text = plain_text(item)
        if text and text not in result:
            result.append(text)
    return result


def as_date_text(value, key: str, line: int | None) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise ContentError(f"'{key}' must be a date such as 2020-07-15, got {quoted(value)}", line=line)


def as_bool(value, key: str, line: int | None) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise ContentError(f"'{key}' must be true or false, got {quoted(value)}", line=line)


def site_path(value, key: str, line: int | None) -> str:
    """A path on the site (``a/b/``, ``/a.html``), without the leading slash; never
    an address elsewhere, a backslash or a ``..`` that climbs out of the output."""
    if not isinstance(value, str) or "://" in value or not value.strip():
        raise ContentError(
            f"'{key}' must be a site path such as /2020/my-post/, got {quoted(value)}", line=line
        )
    path = value.strip()
    parts = [p for p in path.split("/") if p]
    if any(p in {".", ".."} for p in parts) or "\\" in path or path.startswith("//"):
        raise ContentError(
            f"'{key}' may not contain '.' or '..' segments: {quoted(value)}", line=line
        )
    return "/".join(parts) + ("/" if path.endswith("/") and parts else "")


def permalink_to_url(permalink, line: int | None) -> tuple[str, str]:
    """``/a/b/`` -> (``a/b/``, ``a/b/index.html``); ``/a.html`` -> (``a.html``,
    ``a.html``); ``/`` -> the site's root (``index.html``)."""
    clean = site_path(permalink, "permalink", line).rstrip("/")
    if not clean:
        return "", "index.html"
    if permalink.strip().endswith("/") or not posixpath.splitext(clean)[1]:
        return clean + "/", clean + "/index.html"
    return clean, clean


def printable(value, key: str, line: int | None) -> None:
    """No control characters anywhere in ``value`` (a YAML ``"\\x07"`` escape, say):
    HTML shows them as garbage and feeds (XML) cannot hold them at all."""
    if isinstance(value, str):
        found = forbidden_character(value)
        if found is not None:
            raise ContentError(
                f"'{key}' holds the control character {found[1]}: remove it", line=line
            )
    elif isinstance(value, dict):
        for item in (*value.keys(), *value.values()):
            printable(item, key, line)
    elif isinstance(value, (list, tuple)):
        for item in value:
            printable(item, key, line)
