"""Where Jekyll published a post, so an imported post can keep its address. Pure.

Jekyll's default (what fastpages used) is ``/:categories/:year/:month/:day/:title.html``,
categories lower-cased and joined by ``/``; ``_config.yml`` may name another style or
pattern in ``permalink:``.
"""

from __future__ import annotations

import datetime as dt
import json
import re

STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_NAME = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})-(?P<slug>.+?)(?:\.[A-Za-z]+)?$")
_FENCE = re.compile(r"^---[ \t]*\r?$")


def post_url(filename: str, front: dict, pattern: str | None = None) -> str | None:
    """The URL Jekyll gave the post ``filename`` (``YYYY-MM-DD-slug.ext``) with front
    matter ``front``; None for a name Jekyll would not have published."""
    if isinstance(front.get("permalink"), str) and front["permalink"].strip():
        return None  # the post already says where it lives
    m = _NAME.match(filename)
    if not m:
        return None
    date = dt.date.fromisoformat(m["date"])
    if (written := str(front.get("date") or "")[:10]) and re.match(r"\d{4}-\d{2}-\d{2}$", written):
        date = dt.date.fromisoformat(written)
    categories = front.get("categories") or front.get("category") or []
    if isinstance(categories, str):
        categories = categories.split()
    values = {
        "categories": "/".join(str(c).lower() for c in categories),
        "year": f"{date:%Y}",
        "month": f"{date:%m}",
        "day": f"{date:%d}",
        "i_month": str(date.month),
        "i_day": str(date.day),
        "short_year": f"{date:%y}",
        "y_day": f"{date.timetuple().tm_yday:03d}",
        "title": str(front.get("slug") or m["slug"]),
        "slug": str(front.get("slug") or m["slug"]),
        "output_ext": ".html",
    }
    template = STYLES.get(pattern or "date", pattern or STYLES["date"])
    url = re.sub(r":(\w+)", lambda p: values.get(p[1], p[0]), template)
    return re.sub(r"/{2,}", "/", "/" + url.lstrip("/"))


def add_permalink(text: str, url: str) -> str | None:
    """A Markdown post with ``permalink: url`` as its first front-matter key; None
    when it has no YAML front matter to add it to."""
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0]):
        return None
    return lines[0] + f"permalink: {json.dumps(url)}\n" + "".join(lines[1:])


def add_notebook_permalink(source: str, url: str) -> str | None:
    """A fastpages front-matter cell (``# Title``, ``> ...``, ``- key: value``) with
    ``- permalink: url`` after its last such line; None if it is not one."""
    lines = source.split("\n")
    if not lines or not lines[0].lstrip().startswith("# "):
        return None
    last = 0
    for index, line in enumerate(lines[1:], start=1):
        stripped = line.strip()
        if stripped.startswith(("- ", ">")) or not stripped:
            last = index if stripped else last
        else:
            break
    lines.insert(last + 1, f"- permalink: {url}")
    return "\n".join(lines)
