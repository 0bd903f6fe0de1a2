"""Let fastpages/Jekyll posts build unchanged: the Liquid bits they use become Markdown.

- ``{{ site.baseurl }}`` in links disappears (our URLs are resolved by the site).
- ``<center>`` (obsolete HTML that the validator rejects) becomes ``<div class="center">``.
- ``{% twitter URL %}`` becomes a plain link to the post (no third-party script).
- ``{% raw %}`` / ``{% endraw %}`` markers are dropped, keeping what is between them.
Code fences are left exactly as written.
"""

from __future__ import annotations

import re

from markdown.preprocessors import Preprocessor
from pelican import signals

from plugins._shared.markdown import BuildlogExtension, code_map, install_extension, priority
from plugins._shared.urls import BASEURL

_CENTER_OPEN = re.compile(r"<center(\s[^>]*)?>", re.I)
_CENTER_CLOSE = re.compile(r"</center\s*>", re.I)
_TWITTER = re.compile(r"^\s*\{%\s*twitter\s+(?P<url>https?://\S+?)\s*%\}\s*$")
_RAW = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")


def convert_line(line: str) -> str:
    """One line of Liquid-flavoured Markdown to plain Markdown/HTML."""
    if match := _TWITTER.match(line):
        url = match["url"].replace(")", "%29")
        return f"[View the post on X/Twitter]({url})"
    return convert_text(line)


def convert_text(text: str) -> str:
    """The inline Liquid bits of ``text`` (no whole-line tags)."""
    if "{" not in text and "<" not in text:
        return text
    text = BASEURL.sub("", text)
    text = _CENTER_OPEN.sub('<div class="center">', text)
    text = _CENTER_CLOSE.sub("</div>", text)
    return _RAW.sub("", text)


class LiquidCompatPreprocessor(Preprocessor):
    """Each line outside code, one for one; code spans inside a line are kept."""

    def run(self, lines: list[str]) -> list[str]:
        code = code_map(self.md, lines)
        out = list(lines)
        for index, line in code.text_lines(lines):
            if index in code.spans:
                out[index] = code.outside_spans(index, line, convert_text)
            else:
                out[index] = convert_line(line)
        return out


class FastpagesCompatExtension(BuildlogExtension):
    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        md.preprocessors.register(LiquidCompatPreprocessor(md), "fastpages_compat",
                                  priority("fastpages_compat"))


def add_extension(pelican) -> None:
    install_extension(pelican.settings, FastpagesCompatExtension())


def register() -> None:
    signals.initialized.connect(add_extension)
