"""A notebook's front matter, from wherever its author put it. Pure.

First match wins, and the notebook's metadata fills in what is still missing:

- a raw first cell holding YAML between ``---`` lines (Quarto, Pelican users);
- the fastpages/nbdev first markdown cell::

      # Title
      > One-line description
      - toc: true
      - categories: [fastpages, jupyter]

- notebook metadata: ``title``, ``description``, ``categories``, ``tags``, ``date``,
  ``authors`` (``[{"name": ...}]``, as JupyterLab writes it).

Every key keeps the file line it was written on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plugins._shared.errors import ContentError
from plugins._shared.yamlfile import Duplicate, load_yaml
from plugins.front_matter.parse import parse_front_matter

from .parse import Cell

_TITLE = re.compile(r"^#\s+(?P<text>.+?)\s*$")
_DESCRIPTION = re.compile(r"^>\s*(?P<text>.*?)\s*$")
_KEY = re.compile(r"^\s*-\s+(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")
METADATA_KEYS = ("title", "description", "categories", "tags", "date", "author")


@dataclass(frozen=True)
class NotebookFront:
    """``values`` and ``key_lines`` (file lines) as the front_matter reader takes
    them; ``cell``/``used`` say which cell held them and how many of its source
    lines they took (the rest of that cell is body)."""

    values: dict
    key_lines: dict
    duplicates: tuple[Duplicate, ...] = ()
    cell: int = 0
    used: int = 0


def notebook_front(cells: tuple[Cell, ...], metadata: dict) -> NotebookFront:
    first = cells[0] if cells else None
    front = NotebookFront({}, {})
    if first is not None and first.kind == "raw" and first.source.lstrip().startswith("---"):
        front = _raw_front(first)
    elif first is not None and first.kind == "markdown":
        front = _fastpages_front(first)
    for key, value in _metadata_values(metadata).items():
        front.values.setdefault(key, value)
    return front


def _raw_front(cell: Cell) -> NotebookFront:
    try:
        parsed = parse_front_matter(cell.source)
    except ContentError as error:
        raise ContentError(error.message, line=cell.line((error.line or 1) - 1)) from None
    lines = {k: cell.line(n - 1) for k, n in parsed.key_lines.items()}
    duplicates = tuple(
        Duplicate(d.key, cell.line(d.line - 1), cell.line(d.first_line - 1))
        for d in parsed.duplicates
    )
    return NotebookFront(
        dict(parsed.values), lines, duplicates, cell.number, len(cell.source.splitlines())
    )


def _fastpages_front(cell: Cell) -> NotebookFront:
    """``# Title``, ``> description`` and ``- key: value`` lines at the top of the
    cell; they end at the first line that is none of these (blank lines aside)."""
    lines = cell.source.splitlines()
    values, key_lines = {}, {}
    yaml_lines = [""] * len(lines)
    used = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if "title" not in values and not key_lines and (m := _TITLE.match(line)):
            values["title"], key_lines["title"] = _unquote(m["text"]), cell.line(index)
        elif "title" in values and (m := _DESCRIPTION.match(line)) and not any(yaml_lines):
            values["description"] = _unquote(m["text"])
            key_lines["description"] = cell.line(index)
        elif m := _KEY.match(line):
            yaml_lines[index] = f"{m['key']}: {m['value']}"
        else:
            break
        used = index + 1
    if "title" not in values:
        return NotebookFront({}, {})
    try:  # one YAML document, each key on its cell line: errors carry true lines
        loaded = load_yaml("\n".join(yaml_lines) + "\n", what="front matter")
    except ContentError as error:
        raise ContentError(error.message, line=cell.line((error.line or 1) - 1)) from None
    data = loaded.data or {}
    for key, value in data.items():
        values[str(key).lower()] = value
        key_lines[str(key).lower()] = cell.line(data.key_lines[key] - 1)
    duplicates = tuple(
        Duplicate(d.key.lower(), cell.line(d.line - 1), cell.line(d.first_line - 1))
        for d in loaded.duplicates
    )
    return NotebookFront(values, key_lines, duplicates, cell.number, used)


def _unquote(text: str) -> str:
    """fastpages wrote ``# "Title: with colon"``: the quotes are YAML's, not the title's."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1].strip()
    return text


def _metadata_values(metadata: dict) -> dict:
    values = {k: metadata[k] for k in METADATA_KEYS if metadata.get(k) not in (None, "", [])}
    authors = metadata.get("authors")
    if "author" not in values and isinstance(authors, list):
        names = [a.get("name") for a in authors if isinstance(a, dict) and a.get("name")]
        if names:
            values["author"] = names
    return values
