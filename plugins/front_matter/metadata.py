"""Turn front matter values (YAML or Pelican header) into Pelican metadata.

``CONVERTERS`` is a table: key -> a small function that checks the value's type (so
the error can name the key's line) and returns the metadata it makes. Unknown keys
pass through untouched for templates to use; plugins add their own keys (``build``,
``image``) through the build context.
"""

from __future__ import annotations

from markupsafe import escape
from pelican.readers import _DISCARD

from plugins._shared.errors import ContentError, quoted

from .pelican_keys import PELICAN_KEYS, reserved
from .values import Converter, Process, as_bool, permalink_to_url, plain_text, printable
from .values import as_date_text as _as_date_text
from .values import as_list as _as_list
from .values import text as _text

__all__ = ["CONVERTERS", "as_bool", "permalink_to_url", "plain_text", "to_pelican_metadata"]

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


def _date(value, key, line, process, name: str):
    written = _as_date_text(value, key, line)
    try:
        return process(name, written)
    except (ValueError, TypeError, OverflowError):  # Pelican's date parser
        raise ContentError(
            f"'{key}' must be a date such as 2020-07-15 or 2020-07-15 18:30, got {quoted(value)}",
            line=line,
        ) from None


def date(value, key, line, process) -> dict:
    return {"date": _date(value, key, line, process, "date")}


def modified(value, key, line, process) -> dict:
    return {"modified": _date(value, key, line, process, "modified")}


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
        raise ContentError(
            f"'sticky_rank' must be a whole number such as 1, got {quoted(value)}", line=line
        )
    return {"sticky_rank": value}


def permalink(value, key, line, process) -> dict:
    url, save_as = permalink_to_url(value, line)
    return {"url": url, "save_as": save_as}


def slug(value, key, line, process) -> dict:
    return {"slug": process("slug", _text(value, key, line))}


CONVERTERS: dict[str, Converter] = {
    "title": title,
    "description": description,
    "summary": summary,
    "date": date,
    "modified_date": modified,
    "modified": modified,
    "categories": categories,
    "category": categories,
    "tags": tags,
    "author": authors,
    "authors": authors,
    "toc": boolean,
    "hide": boolean,
    "search_exclude": boolean,
    "comments": boolean,
    "badges": boolean,
    "sticky_rank": sticky_rank,
    "permalink": permalink,
    "slug": slug,
    **PELICAN_KEYS,
}


def to_pelican_metadata(values: dict, key_lines: dict, process: Process) -> dict:
    """Map front matter ``values`` to Pelican metadata, validating known keys."""
    meta: dict = {}
    for key, value in values.items():
        convert, line = CONVERTERS.get(key), key_lines.get(key)
        printable(value, key, line)
        if convert is None:
            reserved(key, line)
            meta[key] = value
            continue
        try:
            made = convert(value, key, line, process)
        except (ValueError, TypeError, OverflowError) as error:  # Pelican's date parser
            raise ContentError(
                f"'{key}': cannot read {quoted(value)} ({error})", line=line
            ) from None
        meta.update({k: v for k, v in made.items() if v is not _DISCARD})
    return meta
