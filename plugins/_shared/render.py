"""The Jinja environment plugins render their markup with, one per build.

Templates are looked up in the theme's ``templates/plugins/`` folder first (so a user
restyles everything in one place), then in each plugin's own ``templates/`` folder.
Autoescape is on: whatever a user wrote reaches the page as text.

Compiled templates are kept in the theme's bytecode cache folder (JINJA_ENVIRONMENT's
``bytecode_cache``, in a ``plugins`` folder of its own): compiling them was a tenth of
a 100-post build. A changed template is compiled again (the cache checks its source).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    select_autoescape,
)
from markupsafe import Markup

PLUGINS_DIR = Path(__file__).resolve().parent.parent


class Templates:
    """Plugin templates for one build (``theme``: the site's THEME folder, if any)."""

    def __init__(self, theme: Path | None = None, theme_cache: BytecodeCache | None = None):
        search = [str(theme / "templates" / "plugins")] if theme else []
        search += sorted(str(p) for p in PLUGINS_DIR.glob("*/templates") if p.is_dir())
        # One environment per build: templates cannot change under it, so it never
        # looks at their files again (auto_reload off).
        self.environment = Environment(
            loader=FileSystemLoader(search),
            auto_reload=False,
            bytecode_cache=_own_folder(theme_cache),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )

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


def _own_folder(theme_cache: BytecodeCache | None) -> BytecodeCache | None:
    """A cache beside the theme's, in a folder of its own (the theme's environment
    compiles with other options, so their entries must never meet)."""
    if not isinstance(theme_cache, FileSystemBytecodeCache):
        return None
    folder = Path(theme_cache.directory) / "plugins"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only checkout: compile every build, as before
        return None
    return FileSystemBytecodeCache(str(folder))
