"""Check what the user typed for ``invoke setup``; each parser returns the clean
value or raises ValueError with what to type instead."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from plugins.publish.guards import github_repository

_REPO = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
_HOST = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def parse_text(text: str, what: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise ValueError(f"{what} cannot be empty")
    return text


def parse_repository(text: str) -> str:
    """``user/repo`` from ``user/repo`` or a GitHub URL; "" clears it."""
    text = text.strip()
    if not text:
        return ""
    repo = github_repository(text) or text.strip("/").removesuffix(".git")
    if not _REPO.match(repo):
        raise ValueError(
            f"{text!r} is not a GitHub repository: write it as user/repository, e.g. ada/buildlog"
        )
    return repo


def site_address(repo: str) -> str:
    """Where GitHub Pages serves ``repo``: ``https://user.github.io/repo``, or the
    root for the special ``user/user.github.io`` repository."""
    user, name = repo.split("/")
    host = f"{user.lower()}.github.io"
    return f"https://{host}" if name.lower() == host else f"https://{host}/{name}"


def parse_domain(text: str) -> str:
    """A custom domain (``blog.example.com``), from a bare name or a URL; "" for none."""
    text = text.strip()
    if not text:
        return ""
    host = (urlsplit(text if "//" in text else f"//{text}").hostname or "").lower()
    if not _HOST.match(host):
        raise ValueError(f"{text!r} is not a domain name: write it as blog.example.com")
    if host.endswith(".github.io"):
        raise ValueError(
            f"{host} is GitHub's own address, not a custom domain: give the "
            "repository instead and leave the domain empty"
        )
    return host


def parse_social(text: str) -> tuple[str, str]:
    """``Name=URL`` or ``Name URL`` -> (name, url); the URL is http(s) or mailto."""
    name, sep, url = text.strip().partition("=")
    if not sep or not _is_link(url.strip()):
        name, _, url = text.strip().rpartition(" ")
    name, url = " ".join(name.split()), url.strip()
    if not name or not _is_link(url):
        raise ValueError(
            f"{text!r}: write a link as Name=URL, e.g. "
            "GitHub=https://github.com/ada (http, https or mailto)"
        )
    return name, url


def _is_link(url: str) -> bool:
    parts = urlsplit(url)
    return (parts.scheme in ("http", "https") and bool(parts.netloc)) or (
        parts.scheme == "mailto" and "@" in parts.path
    )
