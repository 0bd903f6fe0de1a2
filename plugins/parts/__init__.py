"""Parts lists: ``content/builds/<build>.yaml`` rendered by ``{% parts build %}`` as a
spec table (or ``{% parts build summary %}`` as one line: a paragraph of its own, or
a link inside a sentence), plus a page per build.

Hooks: ``initialized`` loads and validates every build into this build's context, adds
the Markdown extension and the front-matter key ``build``; ``get_generators`` adds the
generator that writes ``builds/<build>/`` pages and CSVs.
"""

from __future__ import annotations

import re

from markdown.preprocessors import Preprocessor
from pelican import signals

from plugins._shared.context import PostContext, build_context, post_of
from plugins._shared.errors import ContentError, quoted, report
from plugins._shared.guard import connect
from plugins._shared.markdown import (
    BuildlogExtension,
    code_map,
    install_extension,
    priority,
    store_block,
)

from .pages import BuildPagesGenerator
from .registry import PartsSettings, Registry, load_registry
from .render import (
    BUILDS_URL,
    render_inline_error,
    render_inline_summary,
    render_summary,
    render_table,
)

SERVICE = "parts"
_TAG = re.compile(r"^\s*\{%\s*parts\b(?P<args>.*?)%\}\s*$")
_INLINE = re.compile(r"\{%\s*parts\b(?P<args>[^%\n]*?)%\}")
_ARGS = re.compile(r"^(?P<slug>[\w-]+)(?:\s+(?P<mode>summary))?$")


def read_tag(args: str, line: int | None, registry: Registry):
    """(build, mode) of ``{% parts ARGS %}``; ContentError when it names no build."""
    found = _ARGS.match(args.strip())
    if not found:
        raise ContentError(
            f"cannot read {{% parts {args.strip()} %}}: expected "
            "{% parts NAME %} or {% parts NAME summary %}",
            line=line,
        )
    return registry.lookup(found["slug"], line=line), found["mode"] or "table"


class PartsPreprocessor(Preprocessor):
    """``{% parts NAME %}`` on a line of its own becomes the table; ``{% parts NAME
    summary %}`` as a paragraph of its own becomes the summary box, and inside a
    sentence a link whose text is the summary. Tags in code stay text; a bad tag
    becomes an error (a box, or a marker inside the sentence) naming its line."""

    def __init__(self, md, registry: Registry):
        super().__init__(md)
        self.registry = registry

    def run(self, lines: list[str]) -> list[str]:
        out, code = list(lines), code_map(self.md, lines)
        post = post_of(self.md)
        for index, line in code.text_lines(lines):
            if "{%" not in line:
                continue
            match = _TAG.match(line)
            alone = match and all(
                not (0 <= i < len(lines)) or code.in_code(i) or not lines[i].strip()
                for i in (index - 1, index + 1)
            )
            if match and (alone or "summary" not in match["args"]):
                out[index] = store_block(self.md, self.render_tag(post, match["args"], index + 1))
            else:
                out[index] = self.inline_tags(post, code, index, line)
        return out

    def read_tag(self, post: PostContext, args: str, line: int):
        """``read_tag``, declaring the build's file as the post's dependency."""
        build, mode = read_tag(args, line, self.registry)
        post.depends_on(self.registry.files[build.slug])
        return build, mode

    def render_tag(self, post: PostContext, args: str, line: int):
        try:
            build, mode = self.read_tag(post, args, line)
        except ContentError as error:
            return post.templates.error(post.report(error))
        # The same build's table in many posts is rendered once per build (the
        # build's parsed data held in the memo, so its id stays its own).
        memo, key = post.build.memo("parts"), (id(build), mode)
        if key in memo and memo[key][0] is build:
            return memo[key][1]
        settings, templates = self.registry.settings, post.templates
        try:
            if mode == "summary":
                html = render_summary(build, settings.siteurl, templates=templates)
            else:
                html = render_table(
                    build, settings.siteurl, warn_load=settings.load_warning, templates=templates
                )
        except Exception as error:  # a bug of ours costs this table, not the post
            return post.templates.error(post.internal(error, line))
        memo[key] = (build, html)
        return html

    def inline_tags(self, post: PostContext, code, index: int, line: str) -> str:
        """``line`` with each tag in its running text (not in a code span) replaced,
        right to left so the columns of the ones before stay true."""
        for m in reversed(list(_INLINE.finditer(line))):
            if not code.in_code(index, m.start()):
                html = self.render_inline(post, m["args"], index + 1)
                line = line[: m.start()] + self.md.htmlStash.store(html) + line[m.end() :]
        return line

    def render_inline(self, post: PostContext, args: str, line: int):
        templates = post.templates
        try:
            build, mode = self.read_tag(post, args, line)
            if mode != "summary":
                raise ContentError(
                    f"{{% parts {args.strip()} %}} shows a table: put it on a "
                    "line of its own (inside a sentence, use "
                    f"{{% parts {build.slug} summary %}})",
                    line=line,
                )
        except ContentError as error:
            return render_inline_error(post.report(error), templates=templates)
        return render_inline_summary(build, self.registry.settings.siteurl, templates=templates)


class PartsExtension(BuildlogExtension):
    def __init__(self, registry: Registry, **kwargs):
        self.registry = registry
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        md.preprocessors.register(
            PartsPreprocessor(md, self.registry), "buildlog_parts", priority("buildlog_parts")
        )


def setup(pelican) -> None:
    context = build_context(pelican.settings)
    registry = load_registry(pelican.settings["PATH"], PartsSettings.from_pelican(pelican.settings))
    for build in registry.builds.values():
        for warning in build.warnings:
            report(warning, level=30)
    context.services[SERVICE] = registry
    context.need_stylesheet("parts")
    reserve_pages(context, registry)
    context.front_matter_keys["build"] = lambda value, line, post: post_build(
        registry, value, line, post
    )
    install_extension(pelican.settings, PartsExtension(registry))


def post_build(registry: Registry, value, line: int | None, post: PostContext) -> dict:
    """Front matter ``build:``: a build's name. A bad one is reported at its line and
    the post is still published, without the build's box."""
    try:
        if not isinstance(value, str):
            raise ContentError(
                f"'build' must be a build's name such as prometheus, got {quoted(value)}", line=line
            )
        return {"build": value, "build_info": registry.lookup(value, line=line)}
    except ContentError as error:
        post.report(error)
        return {"build": value if isinstance(value, str) else None}


def reserve_pages(context, registry: Registry) -> None:
    """Tell the collision check which files the build pages will be."""
    context.reserve(f"{BUILDS_URL}index.html", "the builds page")
    for slug, build in registry.builds.items():
        context.reserve(f"{BUILDS_URL}{slug}/index.html", f"the build page of {build.path}")
        context.reserve(f"{BUILDS_URL}{slug}/parts.csv", f"the parts CSV of {build.path}")


def registry_of(settings: dict) -> Registry | None:
    return build_context(settings).services.get(SERVICE)


def get_generators(pelican):
    return BuildPagesGenerator


def register() -> None:
    connect(signals.initialized, setup)
    connect(signals.get_generators, get_generators)
