"""`invoke gh-pages` end to end: a copy of the project as a real git repository,
a local bare repository as the remote, and no git identity configured."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO, write_files

SITEURL = "https://example.test/blog"
CNAME = "blog.example.test"
POST = "---\ntitle: First light\ncategories: [Notes]\n---\nIt boots. See the [about page](../../../about/).\n"
ABOUT = "---\ntitle: About\n---\nWho builds what.\n"

pytestmark = pytest.mark.skipif(shutil.which("java") is None and os.environ.get("CI") != "true",
                                reason="the checks before a deploy need Java")


def git(cwd: Path, *args: str) -> str:
    ran = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return ran.stdout.strip()


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "-c", "user.name=Author", "-c", "user.email=author@example.test",
        "commit", "-q", "-m", message)


@pytest.fixture(scope="module")
def isolated_git(tmp_path_factory):
    """No global or system git config: no identity, as on a fresh runner."""
    empty = tmp_path_factory.mktemp("gitconfig") / "empty"
    empty.write_text("", encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GIT_CONFIG_GLOBAL", str(empty))
        mp.setenv("GIT_CONFIG_NOSYSTEM", "1")
        for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                     "GIT_COMMITTER_EMAIL", "BUILDLOG_CNAME"):
            mp.delenv(name, raising=False)
        mp.setenv("BUILDLOG_SITEURL", SITEURL)
        yield mp


def make_project(base: Path, posts: dict[str, str]) -> Path:
    """The kit's code and settings plus ``posts``, committed on main, remote ``origin``."""
    root = base / "site"
    root.mkdir()
    for name in ("pelicanconf.py", "publishconf.py", "tasks.py", ".gitignore"):
        shutil.copy(REPO / name, root / name)
    shutil.copytree(REPO / "theme", root / "theme")
    shutil.copytree(REPO / "plugins", root / "plugins",
                    ignore=shutil.ignore_patterns("__pycache__"))
    write_files(root, {"content/pages/about.md": ABOUT, **posts})
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "My site")
    git(base, "init", "-q", "--bare", "remote.git")
    git(root, "remote", "add", "origin", str(base / "remote.git"))
    return root


def gh_pages(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "invoke", "gh-pages", *args], cwd=root,
                          capture_output=True, text=True, timeout=180,
                          env={**os.environ, **env})


@dataclass
class SourceState:
    head: str
    branch: str
    status: str

    @classmethod
    def of(cls, root: Path) -> SourceState:
        return cls(git(root, "rev-parse", "HEAD"), git(root, "symbolic-ref", "--short", "HEAD"),
                   git(root, "status", "--porcelain", "--untracked-files=all"))


@dataclass
class Deploys:
    root: Path
    remote: Path
    before: SourceState
    after: SourceState
    runs: list[subprocess.CompletedProcess]
    shas: list[str]  # the remote's gh-pages after each deploy


@pytest.fixture(scope="module")
def deploys(tmp_path_factory, isolated_git) -> Deploys:
    base = tmp_path_factory.mktemp("deploy")
    root = make_project(base, {"content/posts/2020-01-01-first-light.md": POST})
    before = SourceState.of(root)
    runs, shas = [], []
    for extra in ({}, {"BUILDLOG_CNAME": CNAME, "BUILDLOG_SITEURL": ""}):
        if runs:  # deploy again as from a fresh clone: no local trace of gh-pages
            git(root, "branch", "-q", "-D", "gh-pages")
            git(root, "update-ref", "-d", "refs/remotes/origin/gh-pages")
        runs.append(gh_pages(root, **extra))
        assert runs[-1].returncode == 0, runs[-1].stdout + runs[-1].stderr
        shas.append(git(base / "remote.git", "rev-parse", "gh-pages"))
    return Deploys(root, base / "remote.git", before, SourceState.of(root), runs, shas)


def files_at(remote: Path, rev: str) -> set[str]:
    return set(git(remote, "ls-tree", "-r", "--name-only", rev).splitlines())


def test_gh_pages_branch_holds_the_site_and_nojekyll(deploys):
    files = files_at(deploys.remote, deploys.shas[0])
    assert {".nojekyll", "index.html", "about/index.html", "2020/01/first-light/index.html",
            "feeds/all.atom.xml", "sitemap.xml", "theme/css/site.css"} <= files
    assert "CNAME" not in files
    assert not any(f.startswith(("content/", "plugins/", ".git/")) for f in files)
    home = git(deploys.remote, "show", f"{deploys.shas[0]}:index.html")
    assert f'href="{SITEURL}/2020/01/first-light/"' in home
    assert f"published {deploys.shas[0][:12]} to origin gh-pages" in deploys.runs[0].stdout


def test_custom_domain_writes_cname_and_sets_siteurl(deploys):
    assert git(deploys.remote, "show", f"{deploys.shas[1]}:CNAME") == CNAME
    home = git(deploys.remote, "show", f"{deploys.shas[1]}:index.html")
    assert f'<link rel="canonical" href="https://{CNAME}/">' in home
    assert f"(custom domain {CNAME})" in deploys.runs[1].stdout


def test_second_deploy_adds_one_commit(deploys):
    assert git(deploys.remote, "rev-list", "--count", deploys.shas[0]) == "1"
    assert git(deploys.remote, "rev-list", "--count", deploys.shas[1]) == "2"
    assert git(deploys.remote, "rev-parse", f"{deploys.shas[1]}^") == deploys.shas[0]


def test_source_branch_and_working_tree_unchanged(deploys):
    assert deploys.after == deploys.before
    assert deploys.before.status == "" and deploys.before.branch == "main"
    assert git(deploys.remote, "branch", "--list", "main") == ""  # only gh-pages was pushed


def test_commit_has_an_identity_and_names_the_source_commit(deploys):
    log = git(deploys.remote, "log", "-1", "--format=%cn <%ce>|%s", deploys.shas[1])
    assert log == (f"buildlog <buildlog@users.noreply.github.com>|"
                   f"Publish site from {deploys.before.head[:12]}")


def assert_refused(ran: subprocess.CompletedProcess, remote: Path, *reasons: str) -> None:
    assert ran.returncode == 1, ran.stdout + ran.stderr
    assert "gh-pages: nothing was published: " in ran.stderr
    for reason in reasons:
        assert reason in ran.stderr, ran.stderr
    assert git(remote, "for-each-ref") == ""  # nothing pushed


def test_broken_post_refuses_and_pushes_nothing(tmp_path, isolated_git):
    root = make_project(tmp_path, {"content/posts/2020-01-01-first-light.md": POST})
    write_files(root, {"content/posts/2020-01-02-broken.md": "---\ntitle: [oops\n---\nBody.\n"})
    commit_all(root, "A broken post")
    before = SourceState.of(root)
    ran = gh_pages(root)
    assert_refused(ran, tmp_path / "remote.git", "build failed:")
    # file:line from the front matter reader (its line choice is that plugin's business)
    assert re.search(r"content/posts/2020-01-02-broken\.md:\d+: front matter is not valid YAML",
                     ran.stderr), ran.stderr
    assert SourceState.of(root) == before
    assert git(root, "branch", "--list", "gh-pages") == ""


def test_failed_checks_refuse_and_push_nothing(tmp_path, isolated_git):
    dead = POST.replace("../../../about/", "../../../no-such-page/")
    root = make_project(tmp_path, {"content/posts/2020-01-01-first-light.md": dead})
    ran = gh_pages(root)
    assert_refused(ran, tmp_path / "remote.git", "1 problem(s) found by the checks",
                   'output/2020/01/first-light/index.html: line ',
                   '<a href="../../../no-such-page/">: no such file output/no-such-page/index.html')


def test_missing_remote_refuses_before_building(tmp_path, isolated_git):
    root = make_project(tmp_path, {"content/posts/2020-01-01-first-light.md": POST})
    ran = gh_pages(root, "--remote", "upstream")
    assert_refused(ran, tmp_path / "remote.git", "no git remote named 'upstream' (remotes: origin)")
    assert not (root / "output").exists()


def test_refuses_on_the_pages_branch_itself(tmp_path, isolated_git):
    root = make_project(tmp_path, {"content/posts/2020-01-01-first-light.md": POST})
    git(root, "checkout", "-q", "-b", "gh-pages")
    ran = gh_pages(root)
    assert_refused(ran, tmp_path / "remote.git", "you are on the 'gh-pages' branch")
