"""``_config.yml`` settings into pelicanconf.py and publishconf.py.

A setting is written only while the file still holds buildlog's shipped default:
what the user already changed is never overwritten (the report says it was kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SOCIAL = {
    "github": ("GitHub", "https://github.com/{}"),
    "twitter": ("X/Twitter", "https://twitter.com/{}"),
    "linkedin": ("LinkedIn", "https://www.linkedin.com/in/{}"),
    "mastodon": ("Mastodon", "{}"),
    "youtube": ("YouTube", "https://www.youtube.com/{}"),
}
DEFAULTS = {
    "SITENAME": '"buildlog"',
    "SITESUBTITLE": '"Build logs: workstations, homelabs and other machines, part by part"',
    "AUTHOR": '"Ada Builder"',
    "SOCIAL_LINKS": '(("GitHub", "https://github.com/"),)',
    "NOTEBOOK_REPOSITORY": '""',
    "SITE_ADDRESS": '"https://example.github.io/buildlog"',
}
FILES = {"SITE_ADDRESS": "publishconf.py"}


@dataclass(frozen=True)
class Change:
    file: str
    key: str
    value: object
    done: bool
    why: str = ""


def settings_from(config: dict) -> dict:
    """The buildlog settings a fastpages ``_config.yml`` implies."""
    found: dict = {}
    if config.get("title"):
        found["SITENAME"] = str(config["title"])
    if config.get("description"):
        found["SITESUBTITLE"] = " ".join(str(config["description"]).split())
    author = config.get("author")
    if isinstance(author, dict):
        author = author.get("name")
    if author:
        found["AUTHOR"] = str(author)
    minima = config.get("minima") if isinstance(config.get("minima"), dict) else {}
    handles = minima.get("social_links") or {}
    if isinstance(handles, dict):
        links = tuple(
            (SOCIAL[k][0], SOCIAL[k][1].format(v)) for k, v in handles.items() if k in SOCIAL and v
        )
        if links:
            found["SOCIAL_LINKS"] = links
    url = str(config.get("url") or "").rstrip("/")
    if url.startswith(("https://", "http://")):
        found["SITE_ADDRESS"] = url + str(config.get("baseurl") or "").rstrip("/")
    user, repo = config.get("github_username"), config.get("github_repo")
    if user and repo:
        found["NOTEBOOK_REPOSITORY"] = f"{user}/{repo}"
    return found


def apply(site: Path, settings: dict) -> list[Change]:
    """Write each setting over its shipped default, in its file."""
    changes = []
    for key, value in settings.items():
        name = FILES.get(key, "pelicanconf.py")
        path = site / name
        line = re.compile(rf"^{key} = (?P<value>.*?)(?P<comment>[ \t]+#.*)?$", re.M)
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        m = line.search(text)
        if m is None:
            changes.append(Change(name, key, value, False, f"no '{key} = ...' line in {name}"))
        elif m["value"].strip() != DEFAULTS.get(key):
            changes.append(
                Change(name, key, value, False, f"kept your {key} = {m['value'].strip()}")
            )
        else:
            text = text[: m.start("value")] + repr(value) + text[m.end("value") :]
            path.write_text(text, encoding="utf-8")
            changes.append(Change(name, key, value, True))
    return changes
