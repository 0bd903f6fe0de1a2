"""Links to run a notebook post elsewhere: Colab, GitHub, Binder (fastpages' badges).

Shown when the post says ``badges: true`` and the site names its repository
(``NOTEBOOK_REPOSITORY = "you/your-blog"``, branch ``NOTEBOOK_BRANCH``, default
``main``; a post's ``branch:`` wins, as in fastpages). ``hide_colab_badge: true``
(and ``hide_github_badge``, ``hide_binder_badge``) leave one out.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

_REPOSITORY = re.compile(r"^[\w.-]+/[\w.-]+$")
BADGES = (
    (
        "colab",
        "Open in Colab",
        "https://colab.research.google.com/github/{repo}/blob/{branch}/{path}",
    ),
    ("github", "View on GitHub", "https://github.com/{repo}/blob/{branch}/{path}"),
    ("binder", "Launch Binder", "https://mybinder.org/v2/gh/{repo}/{branch}?labpath={path}"),
)


def badge_links(settings: dict, source: Path, values: dict) -> list[tuple[str, str]]:
    """(label, URL) for each badge this post shows; [] when badges are off."""
    repo = str(settings.get("NOTEBOOK_REPOSITORY") or "").strip().strip("/")
    if values.get("badges") is not True or not _REPOSITORY.match(repo):
        return []
    root = Path(settings["PATH"]).resolve().parent  # the repository: content/'s parent
    try:
        path = source.resolve().relative_to(root).as_posix()
    except ValueError:
        return []
    branch = str(values.get("branch") or settings.get("NOTEBOOK_BRANCH") or "main")
    fields = {"repo": repo, "branch": quote(branch), "path": quote(path)}
    return [
        (label, url.format(**fields))
        for key, label, url in BADGES
        if values.get(f"hide_{key}_badge") is not True
    ]
