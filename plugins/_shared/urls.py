"""Resolve the image paths authors write to URLs, the same way everywhere."""

from __future__ import annotations

import re

_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
_STATIC = re.compile(r"^\{(?:static|attach|filename)\}")
# Jekyll's ``{{ site.baseurl }}``: fastpages posts start every image path with it.
BASEURL = re.compile(r"\{\{\s*site\.baseurl\s*\}\}")


def is_remote(path: str) -> bool:
    return bool(_REMOTE.match(path.strip()))


def content_relative(path: str) -> str:
    """``/images/x.jpg``, ``{static}/images/x.jpg`` and
    ``{{ site.baseurl }}/images/x.jpg`` -> ``images/x.jpg`` (relative to content/)."""
    path = _STATIC.sub("", path.strip())
    path = BASEURL.sub("", path, count=1) if path.startswith("{{") else path
    return path.lstrip("/")


def image_url(path: str, siteurl: str = "") -> str:
    """Jinja filter: a front-matter image path as a URL on the built site."""
    if not path:
        return ""
    if is_remote(path):
        return path
    return f"{siteurl}/{content_relative(path)}"
