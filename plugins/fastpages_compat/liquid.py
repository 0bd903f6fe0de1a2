"""The Liquid that fastpages posts use, read as data. Pure: text in, dataclasses out.

    {% include youtube.html content="https://youtu.be/ID" %}    -> Include
    {% include image.html file="/images/x.png" caption="A" %}   -> Include
    {% twitter https://twitter.com/user/status/1 %}              -> TWITTER (anywhere on a line)
    {% fn 1 %} / {{ "text" | fndetail: 1 }}                     -> footnotes
    {% raw %} ... {% endraw %}                                   -> literal text

An include may span lines (its ``content="..."`` holding line breaks): ``include_end``
finds where it closes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

from plugins._shared.errors import ContentError

INCLUDE_OPEN = re.compile(r"\{%-?\s*include\s+(?P<name>[\w.-]+?)(?:\.html)?(?=[\s%-])")
_INCLUDE_LINE = re.compile(
    r"^(?P<indent>[ \t]*)\{%-?\s*include\s+(?P<name>[\w.-]+?)(?:\.html)?"
    r"(?P<args>\s.*?)?\s*-?%\}[ \t]*$",
    re.S,
)
_ARG = re.compile(
    r"""\s*(?P<key>[\w-]+)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"']+))"""
)
TWITTER = re.compile(r"\{%-?\s*twitter\s+(?P<url>https?://[^\s%]+?)\s*-?%\}")
FOOTNOTE_REF = re.compile(r"\{%-?\s*fn\s+(?P<n>\w+)\s*-?%\}")
FOOTNOTE_DETAIL = re.compile(
    r"""^\s*\{\{\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')\s*\|\s*fndetail:\s*(?P<n>\w+)\s*\}\}\s*$"""
)
RAW_OPEN = re.compile(r"\{%-?\s*raw\s*-?%\}")
RAW_CLOSE = re.compile(r"\{%-?\s*endraw\s*-?%\}")
# Left after every plugin had its turn: a tag or an output nothing here understands.
LEFTOVER = re.compile(r"\{%-?\s*(?P<tag>[\w.-]+)(?P<rest>.*?)(?:-?%\}|$)|\{\{(?P<expr>.*?)\}\}")
_YOUTUBE_ID = re.compile(r"^[\w-]{6,20}$")
MAX_INCLUDE_LINES = 60  # an include that never closes stops being one after this


@dataclass(frozen=True)
class Include:
    name: str
    args: dict
    indent: str = ""


def parse_include(text: str, line: int) -> Include | None:
    """A whole tag (one line, or lines joined) -> Include; not an include -> None."""
    m = _INCLUDE_LINE.match(text)
    if not m:
        return None
    args, rest = {}, (m["args"] or "").strip()
    while rest:
        arg = _ARG.match(rest)
        if not arg:
            raise ContentError(
                f"{{% include {m['name']}.html %}}: cannot read '{rest[:60]}' "
                '(arguments look like name="value")',
                line=line,
            )
        args[arg["key"]] = next(v for v in (arg["dq"], arg["sq"], arg["bare"]) if v is not None)
        rest = rest[arg.end() :].strip()
    return Include(m["name"], args, m["indent"])


def include_end(lines: list[str], start: int) -> int | None:
    """Index of the line where the include opened on ``lines[start]`` closes (the
    first ``%}`` outside its quoted arguments), or None."""
    text, quote = "", ""
    for index in range(start, min(len(lines), start + MAX_INCLUDE_LINES)):
        line = lines[index]
        position = line.find("{%") + 2 if index == start else 0
        while position < len(line):
            char = line[position]
            if quote:
                quote = "" if char == quote else quote
            elif char in "\"'":
                quote = char
            elif line.startswith("%}", position):
                return index
            position += 1
        text += line
    return None


def youtube_id(content: str, line: int) -> tuple[str, int]:
    """(video id, start second) from what fastpages' youtube.html takes: a URL, a bare
    id, or HTML holding one (``<a href=...>`` or ``<code>...</code>``)."""
    href = re.search(r"""href=["']([^"']+)""", content)
    text = href[1] if href else re.sub(r"<[^>]+>", "", content).strip()
    url = urlparse(text if "//" in text else "https://youtu.be/" + text)
    query = parse_qs(url.query)
    if url.netloc.endswith("youtu.be"):
        video = url.path.strip("/")
    elif "v" in query:
        video = query["v"][0]
    else:
        video = url.path.rstrip("/").rsplit("/", 1)[-1]
    if not _YOUTUBE_ID.match(video or ""):
        raise ContentError(
            f"{{% include youtube.html %}}: cannot find a YouTube video in '{content[:80]}'",
            line=line,
        )
    start = (query.get("t") or query.get("start") or ["0"])[0].rstrip("s")
    return video, int(start) if start.isdigit() else 0


def tweet_author(url: str) -> str:
    """``@user`` from a twitter.com / x.com status address, else ""."""
    parts = urlparse(url).path.strip("/").split("/")
    return "@" + parts[0] if len(parts) >= 3 and parts[1] == "status" else ""
