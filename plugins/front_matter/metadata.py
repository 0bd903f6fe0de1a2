"""Turn fastpages/Jekyll front matter values into Pelican metadata.

Each known key is checked for its type here (so the error can name the key's line);
unknown keys pass through untouched for templates to use.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from collections.abc import Callable

from markupsafe import escape

from plugins._shared.errors import ContentError

Process = Callable[[str, object], object]

BOOL_KEYS = ("toc", "hide", "search_exclude", "comments", "badges")


_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


def plain_text(value) -> str:
    """Text without tags: fastpages front matter often holds inline HTML
    (``<a href=...>Name</a>``); we keep the words and drop the markup, which is then
    escaped like any other text. ``5 < 6`` is not a tag and stays."""
    text = str(value)
    if _TAG.search(text):
        text = html.unescape(_TAG.sub("", text))
    return " ".join(text.split())


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
        if isinstance(item, (dict, list)):
            raise ContentError(f"'{key}' items must be plain text, got {item!r}", line=line)
        text = plain_text(item)
        if text and text not in result:
            result.append(text)
    return result


def _as_date_text(value, key: str, line: int | None) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise ContentError(f"'{key}' must be a date such as 2020-07-15, got {value!r}", line=line)


def _as_bool(value, key: str, line: int | None) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "yes", "on", "false", "no", "off"}:
        return value.strip().lower() in {"true", "yes", "on"}
    raise ContentError(f"'{key}' must be true or false, got {value!r}", line=line)


def permalink_to_url(permalink: str, line: int | None) -> tuple[str, str]:
    """``/a/b/`` -> (``a/b/``, ``a/b/index.html``); ``/a.html`` -> (``a.html``, ``a.html``)."""
    if not isinstance(permalink, str) or "://" in permalink or not permalink.strip("/ "):
        raise ContentError("'permalink' must be a site path such as /2020/my-post/, "
                           f"got {permalink!r}", line=line)
    path = permalink.strip()
    parts = [p for p in path.split("/") if p]
    if any(p in {".", ".."} for p in parts) or "\\" in path:
        raise ContentError(f"'permalink' may not contain '.' or '..' segments: {permalink!r}",
                           line=line)
    clean = "/".join(parts)
    if path.endswith("/") or not posixpath.splitext(clean)[1]:
        return clean + "/", clean + "/index.html"
    return clean, clean


def to_pelican_metadata(values: dict, key_lines: dict, process: Process) -> dict:
    """Map front matter ``values`` to Pelican metadata, validating known keys."""
    meta: dict = {}
    for key, value in values.items():
        line = key_lines.get(key)
        if key == "title":
            if value is None or isinstance(value, (dict, list)):
                raise ContentError(f"'title' must be text, got {value!r}", line=line)
            meta["title"] = plain_text(value)
        elif key == "description":
            if value is None:
                continue
            if isinstance(value, (dict, list)):
                raise ContentError(f"'description' must be text, got {value!r}", line=line)
            meta["description"] = plain_text(value)
            # A summary from front matter spares Pelican a second Markdown pass.
            meta["summary"] = str(escape(meta["description"]))
        elif key in ("date", "modified_date", "modified"):
            name = "date" if key == "date" else "modified"
            meta[name] = process(name, _as_date_text(value, key, line))
        elif key in ("categories", "category"):
            names = _as_list(value, key, line)
            if names:
                meta["categories"] = [process("category", name) for name in names]
                meta["category"] = meta["categories"][0]
        elif key == "tags":
            tags = _as_list(value, key, line)
            if tags:
                meta["tags"] = process("tags", tags)
        elif key in ("author", "authors"):
            names = _as_list(value, key, line)
            if names:
                meta["authors"] = process("authors", names)
                meta["author"] = meta["authors"][0]
        elif key in BOOL_KEYS:
            meta[key] = _as_bool(value, key, line)
            if key == "hide" and meta[key]:
                meta["status"] = "hidden"
        elif key == "sticky_rank":
            if isinstance(value, bool) or not isinstance(value, int):
                raise ContentError(f"'sticky_rank' must be a whole number such as 1, got {value!r}",
                                   line=line)
            meta["sticky_rank"] = value
        elif key == "permalink":
            meta["url"], meta["save_as"] = permalink_to_url(value, line)
        elif key == "slug":
            meta["slug"] = process("slug", str(value))
        elif key == "status":
            meta["status"] = process("status", str(value))
        else:
            meta[key] = value
    return meta
