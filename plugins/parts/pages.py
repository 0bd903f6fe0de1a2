"""Write ``builds/<build>/index.html`` (table + every post of that build, newest
first), ``builds/<build>/parts.csv`` and the ``builds/index.html`` listing."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from plugins._shared.context import build_context
from plugins._shared.errors import internal_error
from plugins._shared.files import write_changed

from .model import summarize
from .render import BUILDS_URL, build_csv, render_table


class BuildPagesGenerator(Generator):
    """Runs after the articles generator, so every post's ``build`` is known."""

    def generate_context(self) -> None:
        from . import registry_of  # the registry of this build (set at `initialized`)

        registry = registry_of(self.settings)
        self.builds = list(registry.builds.values()) if registry else []
        self.load_warning = registry.settings.load_warning if registry else 80
        self.posts_by_build: dict[str, list] = {b.slug: [] for b in self.builds}
        for article in self.context.get("articles", []):
            if (
                isinstance(getattr(article, "build", None), str)
                and article.build in self.posts_by_build
            ):
                self.posts_by_build[article.build].append(article)
        for posts in self.posts_by_build.values():
            posts.sort(key=lambda a: a.date, reverse=True)
        self.context["builds"] = self.builds

    def generate_output(self, writer) -> None:
        relative = self.settings.get("RELATIVE_URLS", False)
        for build in self.builds:
            try:
                self._write_build(writer, build, relative)
            except Exception as error:  # one build's page, not the site
                internal_error(build.path, error, plugin="parts")
        writer.write_file(
            BUILDS_URL + "index.html",
            self.get_template("builds"),
            self.context,
            relative_urls=relative,
            url=BUILDS_URL,
            page_name=BUILDS_URL,
            build_entries=[(b, summarize(b), self.posts_by_build[b.slug]) for b in self.builds],
        )

    def _write_build(self, writer, build, relative: bool) -> None:
        folder = f"{BUILDS_URL}{build.slug}/"
        writer.write_file(
            folder + "index.html",
            self.get_template("build"),
            self.context,
            relative_urls=relative,
            url=folder,
            build=build,
            summary=summarize(build),
            build_articles=self.posts_by_build[build.slug],
            page_name=folder,
            parts_table=lambda b, siteurl: render_table(
                b,
                siteurl,
                warn_load=self.load_warning,
                page_link=False,
                templates=build_context(self.settings).templates,
            ),
        )
        self._write_csv(folder + "parts.csv", build_csv(build))

    def _write_csv(self, relpath: str, text: str) -> None:
        # utf-8-sig: spreadsheet programs then read € and ü correctly.
        write_changed(Path(self.output_path) / relpath, text.encode("utf-8-sig"))
