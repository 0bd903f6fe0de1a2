"""Reasons not to publish yet, each with its fix: the kit's placeholder address,
a remote that is not the user's repository, and work that is not committed."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

# The address publishconf.py ships with; `invoke setup` replaces it.
PLACEHOLDER_HOSTS = {"example.github.io", "example.com", "www.example.com"}
_GITHUB_REMOTE = re.compile(
    r"^(?:https?://(?:[^@/]+@)?github\.com/|ssh://git@github\.com/|git@github\.com:)"
    r"(?P<repo>[^/\s]+/[^/\s]+?)(?:\.git)?/?$",
    re.I,
)


def placeholder_problem(siteurl: str) -> str | None:
    """Why ``siteurl`` cannot be published to, or None."""
    if not siteurl.startswith(("http://", "https://")):
        return f"the site's address {siteurl!r} is not an http(s) address"
    if (urlsplit(siteurl).hostname or "").lower() in PLACEHOLDER_HOSTS:
        return (
            f"the site's address is still the kit's placeholder {siteurl}: every canonical "
            "link, feed and the sitemap would point there. Run `invoke setup`, or set "
            "SITE_ADDRESS (or CUSTOM_DOMAIN) in publishconf.py"
        )
    return None


def github_repository(url: str) -> str | None:
    """``user/repo`` for a GitHub remote URL (https, ssh or scp-like), else None."""
    match = _GITHUB_REMOTE.match(url.strip())
    return match["repo"] if match else None


def repository_problem(remote: str, url: str, expected: str) -> str | None:
    """Why pushing to ``remote`` (at ``url``) would publish somewhere other than the
    user's own GitHub repository ``expected`` (GITHUB_REPOSITORY), or None."""
    found = github_repository(url)
    if not expected or found is None or found.lower() == expected.strip("/").lower():
        return None
    return (
        f"remote '{remote}' is {url}, the GitHub repository {found}, but your site's "
        f"repository is {expected} (GITHUB_REPOSITORY in publishconf.py). Push to yours: "
        f"git remote add mine https://github.com/{expected}.git && "
        "invoke gh-pages --remote mine (or fix GITHUB_REPOSITORY)"
    )


def build_inputs(root: Path, settings: dict) -> list[str]:
    """What the site is built from, as pathspecs relative to ``root``."""
    inputs = ["plugins", "pelicanconf.py", "publishconf.py"]
    for key in ("PATH", "THEME"):
        folder = Path(settings.get(key) or "")
        folder = folder if folder.is_absolute() else root / folder
        try:
            inputs.append(folder.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            pass  # outside the repository: git cannot vouch for it either way
    return inputs


def uncommitted(root: Path, pathspecs: list[str]) -> list[str]:
    """``git status`` lines (``M content/x.md``, ``?? content/y.md``) of changed or
    untracked files among ``pathspecs``; ignored files (output/, caches) are not."""
    ran = subprocess.run(
        [
            "git",
            "-C",
            str(root),
            "status",
            "--porcelain=v1",
            "--untracked-files=all",
            "--",
            *pathspecs,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return [line.strip() for line in ran.stdout.splitlines() if line.strip()]


def dirty_problem(lines: list[str]) -> str:
    listed = "\n  ".join(lines)
    return (
        f"{len(lines)} file(s) the site is built from are not committed, so the "
        f"published site would match no commit:\n  {listed}\n"
        "Commit them (git add -A && git commit), or publish anyway with "
        "`invoke gh-pages --allow-dirty` (the gh-pages commit then says so)"
    )
