"""Commit an output folder to the gh-pages branch with ghp-import, and push it.

ghp-import writes the branch with ``git fast-import`` straight from the folder:
no checkout, so the author's branch, index and working tree are never touched.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Used only when git has no identity configured (a fresh CI runner, a container):
# ghp-import would otherwise commit with an empty name and address.
FALLBACK_NAME = "buildlog"
FALLBACK_EMAIL = "buildlog@users.noreply.github.com"


class DeployError(Exception):
    """A reason not to deploy (or a failed push), fit to show the user."""


def git(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=False, env=env
    )


def head_commit(root: Path) -> str:
    ran = git(root, "rev-parse", "--verify", "--quiet", "HEAD")
    return ran.stdout.strip()


def preflight(root: Path, remote: str, branch: str) -> bool:
    """Refuse early (DeployError) when a deploy cannot work; True when ``branch``
    already exists on ``remote`` (then it is fetched, so the new commit goes on top)."""
    if git(root, "rev-parse", "--git-dir").returncode != 0:
        raise DeployError(f"{root} is not a git repository")
    if not head_commit(root):
        raise DeployError("the repository has no commit yet: commit your site first")
    if git(root, "remote", "get-url", remote).returncode != 0:
        known = git(root, "remote").stdout.split()
        raise DeployError(
            f"no git remote named '{remote}' (remotes: {', '.join(known) or 'none'}); "
            f"add one with: git remote add {remote} <url>"
        )
    current = git(root, "symbolic-ref", "--quiet", "--short", "HEAD").stdout.strip()
    if current == branch:
        raise DeployError(f"you are on the '{branch}' branch: deploy from your source branch")
    listed = git(root, "ls-remote", "--exit-code", "--heads", remote, branch)
    if listed.returncode not in (0, 2):  # 2: reachable, but no such branch yet
        raise DeployError(
            f"cannot reach remote '{remote}' ({remote_url(root, remote)}): "
            f"{_one_line(listed.stderr)}"
        )
    if listed.returncode == 0:
        fetched = git(
            root, "fetch", "--quiet", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}"
        )
        if fetched.returncode != 0:
            raise DeployError(f"cannot fetch {remote}/{branch}: {_one_line(fetched.stderr)}")
    return listed.returncode == 0


def commit_env(root: Path) -> dict:
    """The environment for ghp-import, with a committer identity if git has none."""
    env = dict(os.environ)
    if not (env.get("GIT_COMMITTER_NAME") or git(root, "config", "user.name").stdout.strip()):
        env["GIT_COMMITTER_NAME"] = FALLBACK_NAME
    if not (env.get("GIT_COMMITTER_EMAIL") or git(root, "config", "user.email").stdout.strip()):
        env["GIT_COMMITTER_EMAIL"] = FALLBACK_EMAIL
    return env


def publish(
    root: Path, output: Path, *, remote: str, branch: str, cname: str = "", message: str = ""
) -> str:
    """Commit ``output`` (plus ``.nojekyll``, and ``CNAME`` when set) as the next
    commit of ``branch`` and push it to ``remote``; return the new commit's sha."""
    message = message or f"Publish site from {head_commit(root)[:12]}"
    command = [
        sys.executable,
        "-m",
        "ghp_import",
        "--no-jekyll",
        "--push",
        "--remote",
        remote,
        "--branch",
        branch,
        "--message",
        message,
    ]
    if cname:
        command += ["--cname", cname]
    ran = subprocess.run(
        [*command, str(output)],
        cwd=root,
        env=commit_env(root),
        capture_output=True,
        text=True,
        check=False,
    )
    if ran.returncode != 0 or "Failed to process commit" in ran.stdout:
        raise DeployError(f"ghp-import failed: {_one_line(ran.stderr or ran.stdout)}")
    return git(root, "rev-parse", f"refs/heads/{branch}").stdout.strip()


def remote_url(root: Path, remote: str) -> str:
    return git(root, "remote", "get-url", remote).stdout.strip()


def _one_line(text: str) -> str:
    """All of git's message on one line (its last line alone reads "and the
    repository exists."), without the repeated "fatal: " prefixes."""
    lines = [
        line.strip().removeprefix("fatal: ").removeprefix("error: ")
        for line in text.splitlines()
        if line.strip()
    ]
    return " ".join(lines) or "no details"
