"""Turn front matter values (YAML or Pelican header) into Pelican metadata.

``CONVERTERS`` is a table: key -> a small function that checks the value's type (so
the error can name the key's line) and returns the metadata it makes. Unknown keys
pass through untouched for templates to use; plugins add their own keys (``build``,
``image``) through the build context.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from collections.abc import Callable

from markupsafe import escape
from pelican.readers import _DISCARD

from plugins._shared.errors import ContentError, quoted

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


def _text(value, key: str, line: int | None) -> str:
    if value is None or isinstance(value, (dict, list, bool)):
        raise ContentError(f"'{key}' must be text, got {quoted(value)}", line=line)
    return plain_text(value)


def _as_list(value, key: str, line: int | None) -> list[str]:
    """A YAML list or a comma-separated string, as a list of non-empty strings."""
    if value is None:
        return []
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        raise ContentError(f"'{key}' must be a list such as [A, B] or a comma-separated "
                           f"string, got {type(value).__name__}", line=line)
    result = []
    for item in items:
        if isinstance(item, (dict, list)) or item is None:
            raise ContentError(f"'{key}' items must be plain text, got {quoted(item)}", line=line)
        text = plain_text(item)
        if text and text not in result:
            result.append(text)
    return result


def _as_date_text(value, key: str, line: int | None) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise ContentError(f"'{key}' must be a date such as 2020-07-15, got {quoted(value)}",
                       line=line)


def as_bool(value, key: str, line: int | None) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise ContentError(f"'{key}' must be true or false, got {quoted(value)}", line=line)


def permalink_to_url(permalink, line: int | None) -> tuple[str, str]:
    """``/a/b/`` -> (``a/b/``, ``a/b/index.html``); ``/a.html`` -> (``a.html``, ``a.html``)."""
    if not isinstance(permalink, str) or "://" in permalink or not permalink.strip("/ "):
        raise ContentError("'permalink' must be a site path such as /2020/my-post/, "
                           f"got {quoted(permalink)}", line=line)
    path = permalink.strip()
    parts = [p for p in path.split("/") if p]
    if any(p in {".", ".."} for p in parts) or "\\" in path:
        raise ContentError(f"'permalink' may not contain '.' or '..' segments: {quoted(permalink)}",
                           line=line)
    clean = "/".join(parts)
    if path.endswith("/") or not posixpath.splitext(clean)[1]:
        return clean + "/", clean + "/index.html"
    return clean, clean


# --- one converter per key ------------------------------------------------------------

def title(value, key, line, process) -> dict:
    return {"title": _text(value, key, line)}


def description(value, key, line, process) -> dict:
    if value is None:
        return {}
    text = _text(value, key, line)
    # A summary from front matter spares Pelican a second Markdown pass.
    return {"description": text, "summary": str(escape(text))}


def summary(value, key, line, process) -> dict:
    return {"summary": str(escape(_text(value, key, line)))}


def date(value, key, line, process) -> dict:
    return {"date": process("date", _as_date_text(value, key, line))}


def modified(value, key, line, process) -> dict:
    return {"modified": process("modified", _as_date_text(value, key, line))}


def categories(value, key, line, process) -> dict:
    names = _as_list(value, key, line)
    if not names:
        return {}
    made = [process("category", name) for name in names]
    return {"categories": made, "category": made[0]}


def tags(value, key, line, process) -> dict:
    names = _as_list(value, key, line)
    return {"tags": process("tags", names)} if names else {}


def authors(value, key, line, process) -> dict:
    names = _as_list(value, key, line)
    if not names:
        return {}
    made = process("authors", names)
    return {"authors": made, "author": made[0]}


def boolean(value, key, line, process) -> dict:
    flag = as_bool(value, key, line)
    return {key: flag, "status": "hidden"} if key == "hide" and flag else {key: flag}


def sticky_rank(value, key, line, process) -> dict:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ContentError(f"'sticky_rank' must be a whole number such as 1, got {quoted(value)}",
                           line=line)
    return {"sticky_rank": value}


def permalink(value, key, line, process) -> dict:
    url, save_as = permalink_to_url(value, line)
    return {"url": url, "save_as": save_as}


def slug(value, key, line, process) -> dict:
    return {"slug": process("slug", _text(value, key, line))}


def status(value, key, line, process) -> dict:
    return {"status": process("status", _text(value, key, line))}


CONVERTERS: dict[str, Converter] = {
    "title": title, "description": description, "summary": summary,
    "date": date, "modified_date": modified, "modified": modified,
    "categories": categories, "category": categories, "tags": tags,
    "author": authors, "authors": authors,
    "toc": boolean, "hide": boolean, "search_exclude": boolean,
    "comments": boolean, "badges": boolean,
    "sticky_rank": sticky_rank, "permalink": permalink, "slug": slug, "status": status,
}


def to_pelican_metadata(values: dict, key_lines: dict, process: Process) -> dict:
    """Map front matter ``values`` to Pelican metadata, validating known keys."""
    meta: dict = {}
    for key, value in values.items():
        convert, line = CONVERTERS.get(key), key_lines.get(key)
        if convert is None:
            meta[key] = value
            continue
        try:
            made = convert(value, key, line, process)
        except (ValueError, TypeError, OverflowError) as error:  # Pelican's date parser
            raise ContentError(f"'{key}': cannot read {quoted(value)} ({error})", line=line) from None
        meta.update({k: v for k, v in made.items() if v is not _DISCARD})
    return meta
