"""The Jinja environment plugins render their markup with, one per build.

Templates are looked up in the theme's ``templates/plugins/`` folder first (so a user
restyles everything in one place), then in each plugin's own ``templates/`` folder.
Autoescape is on: whatever a user wrote reaches the page as text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

PLUGINS_DIR = Path(__file__).resolve().parent.parent


class Templates:
    """Plugin templates for one build (``theme``: the site's THEME folder, if any)."""

    def __init__(self, theme: Path | None = None):
        search = [str(theme / "templates" / "plugins")] if theme else []
        search += sorted(str(p) for p in PLUGINS_DIR.glob("*/templates") if p.is_dir())
        self.environment = Environment(
            loader=FileSystemLoader(search),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)

    @staticmethod
    @cache
    def default() -> Templates:
        """The plugins' own templates, for rendering outside a build (unit tests,
        command-line tools); builds use their context's instance."""
        return Templates()

    def render(self, template: str, **context) -> Markup:
        """Render ``template`` (a name such as ``"parts/table.html"``) to safe HTML."""
        return Markup(self.environment.get_template(template).render(**context).strip())

    def error(self, message: str) -> Markup:
        """A visible in-page box for a tag that could not render, so the post keeps
        everything else while the author fixes the input (the log says the same)."""
        return self.render("build_error.html", message=message)
