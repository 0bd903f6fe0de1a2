"""Let fastpages/Jekyll posts build unchanged: the Liquid bits they use become Markdown.

- ``{{ site.baseurl }}`` in links disappears (our URLs are resolved by the site).
- ``<center>`` (obsolete HTML that the validator rejects) becomes ``<div class="center">``.
- ``{% twitter URL %}`` becomes a plain link to the post (no third-party script).
- ``{% raw %}`` / ``{% endraw %}`` markers are dropped, keeping what is between them.
Code fences are left exactly as written.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.preprocessors import Preprocessor
from pelican import signals

from plugins._shared.markdown import code_lines, install_extension

_BASEURL = re.compile(r"\{\{\s*site\.baseurl\s*\}\}")
_CENTER_OPEN = re.compile(r"<center(\s[^>]*)?>", re.I)
_CENTER_CLOSE = re.compile(r"</center\s*>", re.I)
_TWITTER = re.compile(r"^\s*\{%\s*twitter\s+(?P<url>https?://\S+?)\s*%\}\s*$")
_RAW = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")


def convert_line(line: str) -> str:
    """One line of Liquid-flavoured Markdown to plain Markdown/HTML."""
    if match := _TWITTER.match(line):
        url = match["url"].replace(")", "%29")
        return f"[View the post on X/Twitter]({url})"
    line = _BASEURL.sub("", line)
    line = _CENTER_OPEN.sub('<div class="center">', line)
    line = _CENTER_CLOSE.sub("</div>", line)
    return _RAW.sub("", line)


class LiquidCompatPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return [line if code else convert_line(line)
                for line, code in zip(lines, code_lines(lines))]


class FastpagesCompatExtension(Extension):
    def extendMarkdown(self, md):
        # Before fenced code (25) and raw HTML (20) see the text.
        md.preprocessors.register(LiquidCompatPreprocessor(md), "fastpages_compat", 35)


def add_extension(pelican) -> None:
    install_extension(pelican.settings, FastpagesCompatExtension())


def register() -> None:
    signals.initialized.connect(add_extension)
