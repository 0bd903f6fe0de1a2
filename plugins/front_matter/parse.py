"""Split a post into its front matter and its Markdown body. Pure: text in, data out.

Two forms, one result. Jekyll/fastpages YAML between two ``---`` lines at the top;
or Pelican's own ``Key: value`` header lines (read with Python-Markdown's ``meta``
patterns), which end at the first blank line. Either way the values come back with
the file line of every key, so any later check can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown.extensions.meta import META_MORE_RE, META_RE

from plugins._shared.errors import ContentError
from plugins._shared.markdown import find_code
from plugins._shared.yamlfile import Duplicate, load_yaml

_FENCE = re.compile(r"^---[ \t]*$")
_H1 = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t#]*$")


@dataclass(frozen=True)
class FrontMatter:
    """Front matter as written: ``values`` keyed by lower-case name, and where.

    ``body_offset`` is the number of file lines before the Markdown body, so body
    line ``n`` is file line ``n + body_offset``.
    """

    values: dict
    body: str
    body_offset: int
    duplicates: tuple[Duplicate, ...] = ()
    key_lines: dict = field(default_factory=dict)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return ``(yaml_text, body, body_offset)``; ``yaml_text`` is None without front matter."""
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\r\n")):
        return None, text, 0
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index].rstrip("\r\n")):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 1
    raise ContentError(
        "front matter opened with '---' on line 1 is never closed; "
        "add a line with only '---' after the last key",
        line=1,
    )


def _yaml_front_matter(yaml_text: str, body: str, offset: int) -> FrontMatter:
    try:
        loaded = load_yaml(yaml_text, what="front matter")
    except ContentError as error:
        error.line = (error.line or 1) + 1  # YAML starts on file line 2
        raise
    data = loaded.data if loaded.data is not None else {}
    if not isinstance(data, dict):
        raise ContentError(
            f"front matter must be 'key: value' lines, got a {type(data).__name__}", line=2
        )
    key_lines = {str(k).lower(): line + 1 for k, line in getattr(data, "key_lines", {}).items()}
    duplicates = tuple(
        Duplicate(d.key.lower(), d.line + 1, d.first_line + 1) for d in loaded.duplicates
    )
    return FrontMatter(
        {str(k).lower(): v for k, v in data.items()}, body, offset, duplicates, key_lines
    )


def _pelican_header(text: str) -> FrontMatter:
    """Pelican's ``Key: value`` lines (continued by indented lines) up to a blank line;
    no header at all is an empty one. Values stay text, as Pelican reads them."""
    lines = text.splitlines(keepends=True)
    values: dict[str, str] = {}
    key_lines: dict[str, int] = {}
    duplicates: list[Duplicate] = []
    index, key = 0, None
    while index < len(lines):
        line = lines[index].rstrip("\r\n")
        if not line.strip():
            break
        if (match := META_RE.match(line)) is not None:
            key = match["key"].lower()
            if key in key_lines:
                duplicates.append(Duplicate(key, index + 1, key_lines[key]))
            values[key], key_lines[key] = match["value"].strip(), index + 1
        elif key is not None and (more := META_MORE_RE.match(line)) is not None:
            values[key] = f"{values[key]} {more['value'].strip()}".strip()
        else:
            break
        index += 1
    if not values:
        return FrontMatter({}, text, 0)
    return FrontMatter(values, "".join(lines[index:]), index, tuple(duplicates), key_lines)


def parse_front_matter(text: str) -> FrontMatter:
    """A post's front matter (YAML or Pelican header, possibly empty) and body."""
    yaml_text, body, offset = split_front_matter(text)
    if yaml_text is None:
        return _pelican_header(text)
    return _yaml_front_matter(yaml_text, body, offset)


def take_h1_title(body: str) -> tuple[str | None, str]:
    """Find the body's first ``# Title`` outside code; return it and the body with
    that line blanked (so line numbers stay right and it is not shown twice)."""
    lines = body.splitlines(keepends=True)
    code = find_code([line.rstrip("\r\n") for line in lines])
    for index, line in code.text_lines(lines):
        if match := _H1.match(line.rstrip("\r\n")):
            lines[index] = "\n"
            return match["title"].strip(), "".join(lines)
    return None, body
