"""``COMMENTS`` in pelicanconf.py: which service shows comments, checked once per build.

    COMMENTS = {"provider": "giscus", "repo": "you/blog", "repo_id": "R_kgDO...",
                "category": "Comments", "category_id": "DIC_kwDO..."}
    COMMENTS = {"provider": "utterances", "repo": "you/blog"}

The result is what the theme needs to load the service's script after a click: its
address, the attributes the script reads, and a link to the discussions for readers
without JavaScript.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_REPO = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+")


class CommentsConfigError(ValueError):
    """A COMMENTS setting that cannot work; the message says what to fix."""


@dataclass(frozen=True)
class CommentsEmbed:
    provider: str  # "giscus" or "utterances"
    name: str  # shown to readers: "giscus (GitHub Discussions)"
    script: str  # loaded only after the reader clicks
    origin: str  # the third party contacted
    attrs: dict = field(default_factory=dict)
    discussions_url: str = ""


_GISCUS_REQUIRED = ("repo", "repo_id", "category", "category_id")
_GISCUS_OPTIONAL = {
    "mapping": "pathname",
    "strict": "0",
    "reactions": "1",
    "input_position": "bottom",
    "lang": "en",
}
_UTTERANCES_OPTIONAL = {"issue_term": "pathname", "label": ""}


def _check_keys(config: dict, allowed: set[str], provider: str) -> None:
    unknown = sorted(set(config) - allowed - {"provider"})
    if unknown:
        raise CommentsConfigError(
            f"unknown key(s) for {provider}: {', '.join(unknown)} "
            f"(known: {', '.join(sorted(allowed))})"
        )


def _repo(config: dict) -> str:
    repo = str(config.get("repo", "")).strip()
    if not _REPO.fullmatch(repo):
        raise CommentsConfigError(f"'repo' must be owner/name on GitHub, got {repo!r}")
    return repo


def _giscus(config: dict) -> CommentsEmbed:
    _check_keys(config, set(_GISCUS_REQUIRED) | set(_GISCUS_OPTIONAL), "giscus")
    missing = [k for k in _GISCUS_REQUIRED if not str(config.get(k, "")).strip()]
    if missing:
        raise CommentsConfigError(
            f"giscus needs {', '.join(missing)} "
            "(copy them from the snippet giscus.app makes for your repository)"
        )
    repo = _repo(config)
    values = {**_GISCUS_OPTIONAL, **{k: str(v) for k, v in config.items() if k in _GISCUS_OPTIONAL}}
    attrs = {
        "data-repo": repo,
        "data-repo-id": str(config["repo_id"]),
        "data-category": str(config["category"]),
        "data-category-id": str(config["category_id"]),
        "data-mapping": values["mapping"],
        "data-strict": values["strict"],
        "data-reactions-enabled": values["reactions"],
        "data-emit-metadata": "0",
        "data-input-position": values["input_position"],
        "data-lang": values["lang"],
    }
    return CommentsEmbed(
        "giscus",
        "giscus (GitHub Discussions)",
        "https://giscus.app/client.js",
        "giscus.app",
        attrs,
        f"https://github.com/{repo}/discussions",
    )


def _utterances(config: dict) -> CommentsEmbed:
    _check_keys(config, {"repo", *_UTTERANCES_OPTIONAL}, "utterances")
    repo = _repo(config)
    attrs = {"repo": repo, "issue-term": str(config.get("issue_term") or "pathname")}
    if config.get("label"):
        attrs["label"] = str(config["label"])
    return CommentsEmbed(
        "utterances",
        "utterances (GitHub Issues)",
        "https://utteranc.es/client.js",
        "utteranc.es",
        attrs,
        f"https://github.com/{repo}/issues",
    )


def parse_comments(config) -> CommentsEmbed | None:
    """None when comments are off (no setting, or an empty one)."""
    if not config:
        return None
    if not isinstance(config, dict):
        raise CommentsConfigError(
            f"must be a dict such as {{'provider': 'giscus', ...}}, got {type(config).__name__}"
        )
    provider = str(config.get("provider", "")).strip().lower()
    if provider == "giscus":
        return _giscus(config)
    if provider == "utterances":
        return _utterances(config)
    raise CommentsConfigError(f"'provider' must be 'giscus' or 'utterances', got {provider!r}")
