"""The Jinja environment plugins render their markup with.

Templates live in ``theme/templates/plugins/`` (so a user restyles everything in one
place) with a fallback to each plugin's own ``templates/`` folder. Autoescape is on:
whatever a user wrote reaches the page as text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

PLUGINS_DIR = Path(__file__).resolve().parent.parent
THEME_PLUGIN_TEMPLATES = PLUGINS_DIR.parent / "theme" / "templates" / "plugins"


@cache
def environment() -> Environment:
    search = [str(THEME_PLUGIN_TEMPLATES)]
    search += sorted(str(p) for p in PLUGINS_DIR.glob("*/templates") if p.is_dir())
    env = Environment(
        loader=FileSystemLoader(search),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    return env


def render(template: str, **context) -> Markup:
    """Render ``template`` (a name such as ``"parts/table.html"``) to safe HTML."""
    return Markup(environment().get_template(template).render(**context).strip())


def render_error(message: str) -> Markup:
    """A visible in-page box for a tag that could not render, so the post keeps
    everything else while the author fixes the input (the log says the same)."""
    return render("build_error.html", message=message)
