"""Parts lists: ``content/builds/<build>.yaml`` rendered by ``{% parts build %}`` as a
spec table (or ``{% parts build summary %}`` as one line), plus a page per build.

Hooks: ``initialized`` loads and validates every build and adds the Markdown
extension; ``article_generator_finalized`` checks each post's ``build:`` front matter;
``get_generators`` adds the generator that writes ``builds/<build>/`` pages and CSVs.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.preprocessors import Preprocessor
from pelican import signals

from plugins._shared.errors import ContentError, display_path, report
from plugins._shared.markdown import code_lines, install_extension
from plugins._shared.render import render_error

from .pages import BuildPagesGenerator
from .registry import PartsSettings, Registry, load_registry
from .render import render_summary, render_table

_TAG = re.compile(r"^\s*\{%\s*parts\b(?P<args>.*?)%\}\s*$")
_ARGS = re.compile(r"^(?P<slug>[\w-]+)(?:\s+(?P<mode>summary))?$")

_state: dict[str, Registry] = {}


def current_registry() -> Registry | None:
    return _state.get("registry")


class PartsPreprocessor(Preprocessor):
    """Replace each ``{% parts NAME [summary] %}`` line (outside code fences) with
    the rendered table or summary, or with an error box naming the line."""

    def __init__(self, md, registry: Registry):
        super().__init__(md)
        self.registry = registry

    def run(self, lines: list[str]) -> list[str]:
        out = []
        for number, (line, code) in enumerate(zip(lines, code_lines(lines)), start=1):
            match = None if code else _TAG.match(line)
            out.append(self.md.htmlStash.store(self.render_tag(match["args"].strip(), number))
                       if match else line)
        return out

    def render_tag(self, args: str, line: int):
        try:
            found = _ARGS.match(args)
            if not found:
                raise ContentError(f"cannot read {{% parts {args} %}}: expected "
                                   "{% parts NAME %} or {% parts NAME summary %}", line=line)
            build = self.registry.lookup(found["slug"], line=line)
        except ContentError as error:
            return render_error(report(error))
        siteurl, settings = self.registry.settings.siteurl, self.registry.settings
        if found["mode"] == "summary":
            return render_summary(build, siteurl)
        return render_table(build, siteurl, warn_load=settings.load_warning)


class PartsExtension(Extension):
    def __init__(self, registry: Registry, **kwargs):
        self.registry = registry
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # After fastpages_compat (35) and whitespace normalising (30), before fenced
        # code (25) collapses blocks: line numbers still match the file here.
        md.preprocessors.register(PartsPreprocessor(md, self.registry), "buildlog_parts", 28)


def setup(pelican) -> None:
    registry = load_registry(pelican.settings["PATH"], PartsSettings.from_pelican(pelican.settings))
    _state["registry"] = registry
    install_extension(pelican.settings, PartsExtension(registry))


def check_post_builds(generator) -> None:
    """A post's ``build:`` must name a build; the error points at that front-matter line."""
    registry = current_registry()
    posts = generator.articles + getattr(generator, "drafts", []) + getattr(generator, "hidden_articles", [])
    for article in posts:
        slug = getattr(article, "build", None)
        if slug is None or registry is None:
            continue
        line = (getattr(article, "front_matter_lines", None) or {}).get("build")
        try:
            if not isinstance(slug, str):
                raise ContentError(f"'build' must be a build's name such as prometheus, got {slug!r}",
                                   line=line)
            article.build_info = registry.lookup(slug, line=line)
        except ContentError as error:
            error.path = display_path(article.source_path)
            report(error)


def get_generators(pelican):
    return BuildPagesGenerator


def register() -> None:
    signals.initialized.connect(setup)
    signals.article_generator_finalized.connect(check_post_builds)
    signals.get_generators.connect(get_generators)
