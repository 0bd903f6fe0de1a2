"""Parts lists: ``content/builds/<build>.yaml`` rendered by ``{% parts build %}`` as a
spec table (or ``{% parts build summary %}`` as one line), plus a page per build.

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
from plugins._shared.markdown import (
    BuildlogExtension,
    code_map,
    install_extension,
    priority,
    store_block,
)

from .pages import BuildPagesGenerator
from .registry import PartsSettings, Registry, load_registry
from .render import render_summary, render_table

SERVICE = "parts"
_TAG = re.compile(r"^\s*\{%\s*parts\b(?P<args>.*?)%\}\s*$")
_ARGS = re.compile(r"^(?P<slug>[\w-]+)(?:\s+(?P<mode>summary))?$")


class PartsPreprocessor(Preprocessor):
    """Replace each ``{% parts NAME [summary] %}`` line (outside code) with the
    rendered table or summary, or with an error box naming the line."""

    def __init__(self, md, registry: Registry):
        super().__init__(md)
        self.registry = registry

    def run(self, lines: list[str]) -> list[str]:
        out = list(lines)
        for index, line in code_map(self.md, lines).text_lines(lines):
            if "{%" in line and (match := _TAG.match(line)):
                html = self.render_tag(post_of(self.md), match["args"].strip(), index + 1)
                out[index] = store_block(self.md, html)
        return out

    def render_tag(self, post: PostContext, args: str, line: int):
        try:
            found = _ARGS.match(args)
            if not found:
                raise ContentError(f"cannot read {{% parts {args} %}}: expected "
                                   "{% parts NAME %} or {% parts NAME summary %}", line=line)
            build = self.registry.lookup(found["slug"], line=line)
        except ContentError as error:
            return post.templates.error(post.report(error))
        settings, templates = self.registry.settings, post.templates
        if found["mode"] == "summary":
            return render_summary(build, settings.siteurl, templates=templates)
        return render_table(build, settings.siteurl, warn_load=settings.load_warning,
                            templates=templates)


class PartsExtension(BuildlogExtension):
    def __init__(self, registry: Registry, **kwargs):
        self.registry = registry
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        md.preprocessors.register(PartsPreprocessor(md, self.registry), "buildlog_parts",
                                  priority("buildlog_parts"))


def setup(pelican) -> None:
    context = build_context(pelican.settings)
    registry = load_registry(pelican.settings["PATH"], PartsSettings.from_pelican(pelican.settings))
    for build in registry.builds.values():
        for warning in build.warnings:
            report(warning, level=30)
    context.services[SERVICE] = registry
    context.need_stylesheet("parts")
    context.front_matter_keys["build"] = lambda value, line, post: post_build(
        registry, value, line, post)
    install_extension(pelican.settings, PartsExtension(registry))


def post_build(registry: Registry, value, line: int | None, post: PostContext) -> dict:
    """Front matter ``build:``: a build's name. A bad one is reported at its line and
    the post is still published, without the build's box."""
    try:
        if not isinstance(value, str):
            raise ContentError(f"'build' must be a build's name such as prometheus, got "
                               f"{quoted(value)}", line=line)
        return {"build": value, "build_info": registry.lookup(value, line=line)}
    except ContentError as error:
        post.report(error)
        return {"build": value if isinstance(value, str) else None}


def registry_of(settings: dict) -> Registry | None:
    return build_context(settings).services.get(SERVICE)


def get_generators(pelican):
    return BuildPagesGenerator


def register() -> None:
    signals.initialized.connect(setup)
    signals.get_generators.connect(get_generators)
