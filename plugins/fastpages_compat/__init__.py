"""Let fastpages/Jekyll posts build unchanged: the Liquid and kramdown they use
becomes Markdown and HTML our other plugins read.

- ``{{ site.baseurl }}`` disappears; ``<center>`` becomes ``<div class="center">``.
- ``{% include image.html %}`` becomes a Markdown image (so the photo pipeline takes it);
  ``youtube.html`` a player that loads nothing until clicked; ``video.html`` a
  ``<video controls>``; a callout include spanning lines, a callout block.
- ``{% twitter URL %}`` (anywhere on a line) a link; ``{% fn 1 %}`` and
  ``{{ "..." | fndetail: 1 }}`` footnotes; ``:rocket:`` an emoji (GitHub's names).
- ``{% raw %}`` regions stay literal. Whatever Liquid is left when every plugin has
  had its turn is a warning at its line, shown as text (``LiquidLeftoverPreprocessor``).

One output line per input line, so every later line number stays true; code is left
exactly as written.
"""

from __future__ import annotations

import re

from markdown.preprocessors import Preprocessor
from markupsafe import Markup
from pelican import signals

from plugins._shared.context import build_context, post_of
from plugins._shared.errors import ContentError
from plugins._shared.guard import connect
from plugins._shared.markdown import (
    BuildlogExtension,
    code_map,
    find_code,
    install_extension,
    priority,
    store_block,
)
from plugins._shared.urls import BASEURL

from .embeds import render_include
from .liquid import (
    FOOTNOTE_DETAIL,
    FOOTNOTE_REF,
    INCLUDE_OPEN,
    LEFTOVER,
    RAW_CLOSE,
    RAW_OPEN,
    TWITTER,
    include_end,
    tweet_author,
)

_CENTER_OPEN = re.compile(r"<center(\s[^>]*)?>", re.I)
_CENTER_CLOSE = re.compile(r"</center\s*>", re.I)
_EMOJI = re.compile(r":[\w+-]+:")


def convert_text(text: str, templates=None) -> str:
    """The inline Liquid and kramdown-era bits of ``text`` (no whole-line tags)."""
    if "{" in text:
        text = BASEURL.sub("", text)
        text = FOOTNOTE_REF.sub(lambda m: f"[^{m['n']}]", text)
        if templates is not None:
            text = TWITTER.sub(
                lambda m: templates.render(
                    "fastpages/tweet.html", url=m["url"], author=tweet_author(m["url"])
                ),
                text,
            )
    if "<" in text:
        text = _CENTER_OPEN.sub('<div class="center">', text)
        text = _CENTER_CLOSE.sub("</div>", text)
    if ":" in text and _EMOJI.search(text):
        import emoji  # here: its name table is ~5 MB, and most posts have no :emoji:

        text = emoji.emojize(text, language="alias")
    return text


def may_convert(line: str) -> bool:
    """Whether any step of the line-by-line pass could change ``line``: raw, include
    and footnote tags and ``convert_text``'s Liquid need a ``{``, its ``<center>`` a
    ``<``, its emoji a ``:``. Most lines have none (a step added above adds its own)."""
    return "{" in line or "<" in line or ":" in line


class LiquidCompatPreprocessor(Preprocessor):
    """Each line outside code, one for one; code spans inside a line are kept."""

    def run(self, lines: list[str]) -> list[str]:
        code = code_map(self.md, lines)
        post = post_of(self.md)
        out, raw, in_raw, index = list(lines), set(), False, 0
        state = {"script": False}
        while index < len(lines):
            line = lines[index]
            if code.in_code(index) or not (in_raw or may_convert(line)):
                index += 1
                continue
            if in_raw or RAW_OPEN.search(line):  # literal: only the markers go
                raw.add(index)
                last_open = max((m.end() for m in RAW_OPEN.finditer(line)), default=0)
                in_raw = not RAW_CLOSE.search(line, last_open)
                out[index] = RAW_CLOSE.sub("", RAW_OPEN.sub("", line))
                index += 1
                continue
            end = include_end(lines, index) if INCLUDE_OPEN.search(line) else None
            if end is not None:
                html = self.include(lines, index, end, post, state)
                if html is not None:
                    out[index : end + 1] = [html] + [""] * (end - index)
                    index = end + 1
                    continue
            if m := FOOTNOTE_DETAIL.match(line):
                out[index] = f"[^{m['n']}]: {m['dq'] if m['dq'] is not None else m['sq']}"
            else:
                out[index] = code.outside_spans(
                    index, line, lambda text: convert_text(text, post.templates)
                )
            index += 1
        self.md.buildlog_liquid_raw = raw
        return out

    def include(self, lines, start, end, post, state) -> str | None:
        """What the include on lines ``start..end`` becomes (None: leave it)."""
        try:
            made = render_include(
                "\n".join(lines[start : end + 1]),
                start + 1,
                multiline=end > start,
                post=post,
                state=state,
            )
        except ContentError as error:
            return store_block(self.md, post.templates.error(post.report(error)))
        if isinstance(made, Markup):
            return store_block(self.md, made)
        return made


class LiquidLeftoverPreprocessor(Preprocessor):
    """After every tag plugin: Liquid nobody understood is a warning at its line and
    stays in the page as text (Jekyll would have run it; we cannot)."""

    def run(self, lines: list[str]) -> list[str]:
        if not any("{%" in line or "{{" in line for line in lines):
            return lines
        # Found afresh: the tag plugins before us put placeholders into lines, so the
        # columns of code spans in the shared map no longer hold.
        code = find_code(lines)
        raw = getattr(self.md, "buildlog_liquid_raw", set())
        post = post_of(self.md)
        for index, line in code.text_lines(lines):
            if index in raw or ("{%" not in line and "{{" not in line):
                continue
            for m in LEFTOVER.finditer(line):
                if code.in_code(index, m.start()):
                    continue
                if m["tag"]:
                    what = f"unknown Liquid tag {{% {m['tag']} %}}"
                    if m["tag"] == "include":
                        what = (
                            f"unknown include {m['rest'].split()[0] if m['rest'].split() else ''}"
                        )
                else:
                    what = f"Liquid output {{{{{m['expr']}}}}} is not supported"
                post.warn(
                    f"{what}: shown as text (buildlog does not run Liquid); remove it "
                    "or put it in `code`",
                    line=index + 1,
                )
        return lines


class FastpagesCompatExtension(BuildlogExtension):
    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        md.preprocessors.register(
            LiquidCompatPreprocessor(md), "fastpages_compat", priority("fastpages_compat")
        )
        md.preprocessors.register(
            LiquidLeftoverPreprocessor(md), "liquid_leftovers", priority("liquid_leftovers")
        )


def add_extension(pelican) -> None:
    build_context(pelican.settings).need_stylesheet("embeds")
    install_extension(pelican.settings, FastpagesCompatExtension())


def register() -> None:
    connect(signals.initialized, add_extension)
