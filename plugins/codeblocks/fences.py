"""Fence info strings: the options a reader of other tools' docs will write.

Python-Markdown's fenced_code + codehilite already highlight lines and number them,
but only from ``py hl_lines="2 3"`` or the attribute-list form
``{ .py linenums="true" hl_lines="2 3" }``. A fence such as ``py linenums="1"``
(MkDocs, pymdownx) does not match fenced_code's pattern at all: the fence is taken as
text and every later fence in the post pairs up wrongly. So opening fences with
options are rewritten to the attribute-list form codehilite reads, before fenced_code
sees them:

    ```py linenums="5" hl_lines="2-3" title="train.py"
    ->
    ```{ .py linenos="inline" linenostart="5" hl_lines="2 3" filename="train.py" }

Line numbers are Pygments' ``inline`` kind (one scrolling ``<pre>``; the copy button
leaves them out); ``title`` is Pygments' ``filename`` caption. ``hl_lines`` count from
the block's first line (1), whatever number the line numbers start at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown.extensions.attr_list import get_attrs_and_remainder

from plugins._shared.errors import ContentError

# Python-Markdown only recognises fences at the start of a line.
OPENING = re.compile(r"^(?P<fence>`{3,}|~{3,})[ ]*(?P<info>[^`\n]*?)[ ]*$")
KNOWN = ("hl_lines", "linenums", "linenostart", "title")
# Passed through to Pygments unchanged (documented lexer/formatter options).
PASS_THROUGH = ("filename", "startinline", "use_pygments")
_TRUE, _FALSE = {"true", "yes", "on"}, {"false", "no", "off", "0"}


@dataclass
class Fence:
    """One opening fence's options, as written (``line`` is 1-based in the text)."""

    line: int
    lang: str = ""
    ident: str = ""
    classes: list[str] = field(default_factory=list)
    options: dict[str, str] = field(default_factory=dict)


def parse_info(info: str, line: int) -> Fence | None:
    """The options of one info string, or None when it has none (left as written)."""
    if "=" not in info:
        return None
    fence = Fence(line)
    text = info.strip()
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1]
    else:
        first, _, rest = text.partition(" ")
        if "=" not in first:
            fence.lang, text = first.lstrip("."), rest
    attrs, remainder = get_attrs_and_remainder(text)
    if remainder.strip():
        raise ContentError(
            f'cannot read the code fence options {info!r} (write them as key="value" pairs)',
            line=line,
        )
    for key, value in attrs:
        if key == ".":
            if fence.lang:
                fence.classes.append(value)
            else:
                fence.lang = value
        elif key == "id":
            fence.ident = value
        else:
            fence.options[key] = "true" if value is None else value
    return fence


def parse_hl_lines(value: str, line: int) -> list[int]:
    """``"2 3"``, ``"2-4 7"`` or ``"2,3"`` -> [2, 3, ...]; anything else is an error."""
    numbers: list[int] = []
    for part in value.replace(",", " ").split():
        match = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        first, last = (int(match[1]), int(match[2] or match[1])) if match else (0, 0)
        if not match or first < 1 or last < first:
            raise ContentError(
                f'hl_lines must be line numbers or ranges such as "2 4-6", got {value!r}', line=line
            )
        numbers.extend(range(first, last + 1))
    return sorted(set(numbers))


def _linenums(value: str, line: int) -> int | None:
    """The first line's number, or None for no numbers."""
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return 1
    if lowered in _FALSE:
        return None
    if lowered.isdigit():
        return int(lowered)
    raise ContentError(
        f"linenums must be true, false or the first line's number, got {value!r}", line=line
    )


def _quote(value: str) -> str:
    return f"'{value}'" if '"' in value else f'"{value}"'


def canonical(fence: Fence, length: int) -> tuple[str, list[ContentError]]:
    """The attribute-list info string codehilite reads, and warnings for options that
    are ignored (unknown keys, highlighted lines past the block's ``length``)."""
    warnings: list[ContentError] = []
    opts = dict(fence.options)
    out: dict[str, str] = {}
    if "linenums" in opts:
        start = _linenums(opts.pop("linenums"), fence.line)
        if start is not None:
            out["linenos"] = "inline"
            out["linenostart"] = str(start)
    if "linenostart" in opts:
        value = opts.pop("linenostart")
        if not value.isdigit():
            raise ContentError(
                f"linenostart must be a whole number, got {value!r}", line=fence.line
            )
        out["linenostart"] = value
    if "hl_lines" in opts:
        lines = parse_hl_lines(opts.pop("hl_lines"), fence.line)
        past = [n for n in lines if n > length]
        if past:
            warnings.append(
                ContentError(
                    f"hl_lines {' '.join(map(str, past))} past the end of this {length}-line code block",
                    line=fence.line,
                )
            )
        out["hl_lines"] = " ".join(str(n) for n in lines if n <= length)
    if "title" in opts:
        out["filename"] = opts.pop("title")
    for key, value in opts.items():
        if key in PASS_THROUGH:
            out[key] = value
        else:
            warnings.append(
                ContentError(
                    f"unknown code block option '{key}' (known: {', '.join(KNOWN)})",
                    line=fence.line,
                )
            )
    parts = [f".{fence.lang}"] if fence.lang else []
    parts += [f"#{fence.ident}"] if fence.ident else []
    parts += [f".{c}" for c in fence.classes]
    parts += [f"{key}={_quote(value)}" for key, value in out.items() if value != ""]
    return "{ " + " ".join(parts) + " }", warnings


@dataclass
class Rewritten:
    lines: list[str]
    errors: list[ContentError] = field(default_factory=list)  # options we could not read
    warnings: list[ContentError] = field(default_factory=list)  # options we ignored


def rewrite_fences(lines: list[str]) -> Rewritten:
    """Lines with each opening fence's options in attribute-list form. Fences inside
    another fence are code and stay as written; so does a fence with no options."""
    result = Rewritten(list(lines))
    index = 0
    while index < len(lines):
        match = OPENING.match(lines[index])
        if not match:
            index += 1
            continue
        fence = match["fence"]
        end = next((i for i in range(index + 1, len(lines)) if lines[i].rstrip() == fence), None)
        if end is None:  # never closed: fenced_code leaves it alone, so do we
            index += 1
            continue
        try:
            parsed = parse_info(match["info"], index + 1)
            if parsed is not None:
                info, warnings = canonical(parsed, end - index - 1)
                result.lines[index] = fence + info
                result.warnings += warnings
        except ContentError as error:
            # The code still shows, highlighted in its language; the error says why.
            first = match["info"].strip().lstrip("{").split(" ")[0].lstrip(".")
            result.lines[index] = fence + ("" if "=" in first else first)
            result.errors.append(error)
        index = end + 1
    return result
