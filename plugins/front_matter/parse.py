"""Split and load Jekyll/fastpages front matter. Pure: text in, data out.

Front matter is YAML between two ``---`` lines at the very top of the file. It is
loaded with a SafeLoader subclass that records duplicate keys (fastpages posts have
them) instead of silently keeping the last one, and that keeps YAML's own line
number when the YAML is broken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from plugins._shared.errors import ContentError
from plugins._shared.markdown import code_lines

_FENCE = re.compile(r"^---[ \t]*$")
_H1 = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t#]*$")


@dataclass(frozen=True)
class FrontMatter:
    """Front matter as written: ``values`` keyed by name, and where it was.

    ``body_offset`` is the number of file lines before the Markdown body, so a body
    line ``n`` is file line ``n + body_offset``.
    """

    values: dict
    body: str
    body_offset: int
    duplicates: tuple[tuple[str, int], ...] = field(default=())
    key_lines: dict = field(default_factory=dict)


class _DuplicateKeyLoader(yaml.SafeLoader):
    """SafeLoader that remembers duplicate keys and the line of every top-level key."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicates: list[tuple[str, int]] = []
        self.key_lines: dict[str, int] = {}

    def construct_mapping(self, node, deep=False):
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if isinstance(key, str):
                if key in seen:
                    self.duplicates.append((key, line))
                seen.add(key)
            if isinstance(key, str) and key_node.start_mark.column == 0:
                self.key_lines.setdefault(key, line)
        return super().construct_mapping(node, deep=deep)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return ``(yaml_text, body, body_offset)``; ``yaml_text`` is None without front matter."""
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\r\n")):
        return None, text, 0
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index].rstrip("\r\n")):
            return "".join(lines[1:index]), "".join(lines[index + 1:]), index + 1
    raise ContentError("front matter opened with '---' on line 1 is never closed; "
                       "add a line with only '---' after the last key", line=1)


def load_yaml(yaml_text: str, *, first_line: int = 2) -> tuple[dict, list, dict]:
    """Load a YAML mapping safely; errors carry the file line (``first_line`` is the
    file line of the YAML's first line)."""
    loader = _DuplicateKeyLoader(yaml_text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        message, line = _describe_yaml_error(error, yaml_text, first_line)
        raise ContentError(message, line=line) from None
    except yaml.YAMLError as error:
        raise ContentError(f"front matter is not valid YAML: {error}", line=first_line) from None
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ContentError("front matter must be 'key: value' lines, got "
                           f"a {type(data).__name__}", line=first_line)
    shift = first_line - 1
    duplicates = [(key, line + shift) for key, line in loader.duplicates]
    key_lines = {key: line + shift for key, line in loader.key_lines.items()}
    return data, duplicates, key_lines


def _describe_yaml_error(error: yaml.MarkedYAMLError, text: str, first_line: int):
    """YAML's reason, placed where the author should look: a problem found only at
    the end of the text (an unclosed bracket or quote) is placed where it opened."""
    problem, context = error.problem_mark, error.context_mark
    at_end = problem is not None and problem.index >= len(text.rstrip())
    # An unclosed [..], {..} or quote is reported where YAML gave up; point at its start.
    unclosed = bool(error.context) and ("flow" in error.context or "quoted" in error.context)
    mark = context if context is not None and (at_end or unclosed or problem is None) else problem
    reason = error.problem or "unreadable YAML"
    if error.context:
        reason = f"{error.context}: {reason}"
    if at_end or unclosed:
        reason += " (is a closing bracket or quote missing?)"
    line = mark.line + first_line if mark is not None else first_line
    return f"front matter is not valid YAML: {reason}", line


def parse_front_matter(text: str) -> FrontMatter | None:
    """Parse a post's text; None when it has no ``---`` front matter (Pelican style)."""
    yaml_text, body, offset = split_front_matter(text)
    if yaml_text is None:
        return None
    values, duplicates, key_lines = load_yaml(yaml_text, first_line=2)
    return FrontMatter({str(k).lower(): v for k, v in values.items()}, body, offset,
                       tuple(duplicates), key_lines)


def take_h1_title(body: str) -> tuple[str | None, str]:
    """Find the body's first ``# Title`` outside code fences; return it and the body
    with that line blanked (so line numbers stay right and it is not shown twice)."""
    lines = body.splitlines(keepends=True)
    for index, (line, code) in enumerate(zip(lines, code_lines(lines))):
        if not code and (match := _H1.match(line.rstrip("\r\n"))):
            lines[index] = "\n"
            return match["title"].strip(), "".join(lines)
    return None, body
