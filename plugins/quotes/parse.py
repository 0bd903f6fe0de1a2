"""Pure text helpers: which callout kind a label names, where an attribution line is,
and what a fastpages ``{% include note.html content="..." %}`` tag asks for."""

from __future__ import annotations

import re
from dataclasses import dataclass

from plugins._shared.errors import ContentError

# The five kinds GitHub alerts know; every other spelling maps onto one of them.
KINDS: dict[str, str] = {
    "note": "Note",
    "tip": "Tip",
    "important": "Important",
    "warning": "Warning",
    "caution": "Caution",
}
# markdown-callouts writes GitHub's CAUTION with the class "danger"; the `!!! danger`
# admonition means the same.
KIND_ALIASES: dict[str, str] = {**{k: k for k in KINDS}, "danger": "caution"}

# fastpages' _includes: file name -> (our kind, the parameter holding the text).
INCLUDES: dict[str, tuple[str, str]] = {
    "note": ("note", "content"),
    "tip": ("tip", "content"),
    "warning": ("warning", "content"),
    "important": ("important", "content"),
    "alert": ("warning", "text"),
    "info": ("note", "text"),
}

_LABEL = re.compile(
    r"\*\*(?P<kind>note|tip|important|warning|caution)(?::\*\*|\*\*:?)(?=\s|$)[ \t]*", re.I
)
_ATTRIBUTION = re.compile(r"^[ \t]*(?:\u2015|\u2014|\u2013|--(?!-))[ \t]*(?P<who>\S.*?)[ \t]*$")
_INCLUDE = re.compile(
    r"^(?P<indent>[ \t]*)\{%-?\s*include\s+(?P<name>[\w-]+)\.html\b(?P<args>.*?)-?%\}[ \t]*$"
)
_ARG = re.compile(r"""\s*(?P<key>\w+)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')""")
# An attribution is a name and perhaps a source, not a sentence of dialogue.
MAX_ATTRIBUTION = 160


@dataclass(frozen=True)
class Label:
    kind: str  # one of KINDS
    end: int  # where the text after the label starts


@dataclass(frozen=True)
class Include:
    kind: str
    text: str
    indent: str


def match_label(text: str) -> Label | None:
    """``**Note:** rest`` (any case, colon inside, outside or absent) -> Label."""
    if m := _LABEL.match(text):
        return Label(m["kind"].lower(), m.end())
    return None


def split_attribution(text: str) -> tuple[str, str] | None:
    """Split a paragraph's raw Markdown into (quote, who) when its last line is an
    attribution (``― Name``, ``— Name, *Book*``, ``-- [Name](url)``); else None.

    ``quote`` is empty when the whole paragraph is the attribution."""
    head, _, last = text.rstrip().rpartition("\n")
    m = _ATTRIBUTION.match(last)
    if not m or len(m["who"]) > MAX_ATTRIBUTION:
        return None
    return head.rstrip(), m["who"]


def parse_include(line: str, lineno: int) -> Include | None:
    """A line holding only a fastpages callout include -> Include; other lines and
    other includes (youtube.html, ...) -> None. Bad arguments raise ContentError."""
    m = _INCLUDE.match(line)
    if not m or m["name"] not in INCLUDES:
        return None
    kind, param = INCLUDES[m["name"]]
    tag = f"{{% include {m['name']}.html %}}"
    args, rest = {}, m["args"].strip()
    while rest:
        arg = _ARG.match(rest)
        if not arg:
            raise ContentError(f"{tag}: cannot read '{rest}' (write {param}=\"...\")", line=lineno)
        args[arg["key"]] = arg["dq"] if arg["dq"] is not None else arg["sq"]
        rest = rest[arg.end() :].strip()
    if param not in args:
        raise ContentError(f'{tag} needs {param}="..."', line=lineno)
    text = " ".join(args[param].split())
    if not text:
        raise ContentError(f"{tag}: {param}= is empty", line=lineno)
    return Include(kind, text, m["indent"])
