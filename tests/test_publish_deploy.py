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
DRAFT = "content/posts/2020-01-02-not-committed.md"
DRAFT_POST = "---\ntitle: Not committed yet\n---\nWritten, never committed.\n"

pytestmark = pytest.mark.skipif(
    shutil.which("java") is None and os.environ.get("CI") != "true",
    reason="the checks before a deploy need Java",
)


def git(cwd: Path, *args: str) -> str:
    ran = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return ran.stdout.strip()


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(
        root,
        "-c",
        "user.name=Author",
        "-c",
        "user.email=author@example.test",
        "commit",
        "-q",
        "-m",
        message,
    )


@pytest.fixture(scope="module")
def isolated_git(tmp_path_factory):
    """No global or system git config: no identity, as on a fresh runner."""
    empty = tmp_path_factory.mktemp("gitconfig") / "empty"
    empty.write_text("", encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GIT_CONFIG_GLOBAL", str(empty))
        mp.setenv("GIT_CONFIG_NOSYSTEM", "1")
        for name in (
            "GIT_AUTHOR_NAME",
            "GIT_AUTHOR_EMAIL",
            "GIT_COMMITTER_NAME",
            "GIT_COMMITTER_EMAIL",
            "BUILDLOG_CNAME",
        ):
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
    shutil.copytree(
        REPO / "plugins", root / "plugins", ignore=shutil.ignore_patterns("__pycache__")
    )
    (root / "node_modules").symlink_to(REPO / "node_modules")  # vnu-jar, as `npm ci` left it
    write_files(root, {"content/pages/about.md": ABOUT, **posts})
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "My site")
    git(base, "init", "-q", "--bare", "remote.git")
    git(root, "remote", "add", "origin", str(base / "remote.git"))
    return root


def gh_pages(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "invoke", "gh-pages", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **env},
    )


@dataclass
class SourceState:
    head: str
    branch: str
    status: str

    @classmethod
    def of(cls, root: Path) -> SourceState:
        return cls(
            git(root, "rev-parse", "HEAD"),
            git(root, "symbolic-ref", "--short", "HEAD"),
            git(root, "status", "--porcelain", "--untracked-files=all"),
        )


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
    """Two deploys: the first from a clean tree; the second as from a fresh clone, for a
    custom domain, with an uncommitted post let through by --allow-dirty."""
    base = tmp_path_factory.mktemp("deploy")
    root = make_project(base, {"content/posts/2020-01-01-first-light.md": POST})
    before = SourceState.of(root)
    runs, shas = [], []
    for extra, args in (
        ({}, ()),
        ({"BUILDLOG_CNAME": CNAME, "BUILDLOG_SITEURL": ""}, ("--allow-dirty",)),
    ):
        if runs:  # deploy again as from a fresh clone: no local trace of gh-pages
            git(root, "branch", "-q", "-D", "gh-pages")
            git(root, "update-ref", "-d", "refs/remotes/origin/gh-pages")
            write_files(root, {DRAFT: DRAFT_POST})
        runs.append(gh_pages(root, *args, **extra))
        assert runs[-1].returncode == 0, runs[-1].stdout + runs[-1].stderr
        shas.append(git(base / "remote.git", "rev-parse", "gh-pages"))
    (root / DRAFT).unlink()
    return Deploys(root, base / "remote.git", before, SourceState.of(root), runs, shas)


def files_at(remote: Path, rev: str) -> set[str]:
    return set(git(remote, "ls-tree", "-r", "--name-only", rev).splitlines())


def test_gh_pages_branch_holds_the_site_and_nojekyll(deploys):
    files = files_at(deploys.remote, deploys.shas[0])
    assert {
        ".nojekyll",
        "index.html",
        "about/index.html",
        "2020/01/first-light/index.html",
        "feeds/all.atom.xml",
        "sitemap.xml",
        "theme/css/site.css",
    } <= files
    assert "CNAME" not in files
    assert not any(f.startswith(("content/", "plugins/", ".git/")) for f in files)
    home = git(deploys.remote, "show", f"{deploys.shas[0]}:index.html")
    assert f'href="{SITEURL}/2020/01/first-light/"' in home
    assert ".buildlog-build.json" not in files  # the build marker stays home


def test_deploy_names_the_remote_and_address_before_and_after(deploys):
    remote = deploys.remote
    out = deploys.runs[0].stdout
    assert out.startswith(f"publishing {SITEURL}/ to remote 'origin' ({remote}), branch gh-pages\n")
    assert f"published {deploys.shas[0][:12]} to origin gh-pages: {SITEURL}/\n" in out
    assert (deploys.root / "output" / ".buildlog-build.json").is_file()  # put back after


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
    log = git(deploys.remote, "log", "-1", "--format=%cn <%ce>|%B", deploys.shas[0])
    assert log == (
        f"buildlog <buildlog@users.noreply.github.com>|Publish site from {deploys.before.head[:12]}"
    )


def test_allow_dirty_publishes_and_says_so_in_the_commit(deploys):
    message = git(deploys.remote, "log", "-1", "--format=%B", deploys.shas[1])
    assert message == (
        f"Publish site from {deploys.before.head[:12]} plus 1 uncommitted "
        f"file(s) (--allow-dirty)\n\n?? {DRAFT}"
    )
    assert "2020/01/not-committed/index.html" in files_at(deploys.remote, deploys.shas[1])


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
    assert re.search(
        r"content/posts/2020-01-02-broken\.md:\d+: front matter is not valid YAML", ran.stderr
    ), ran.stderr
    assert SourceState.of(root) == before
    assert git(root, "branch", "--list", "gh-pages") == ""


def test_failed_checks_refuse_and_push_nothing(tmp_path, isolated_git):
    dead = POST.replace("../../../about/", "../../../no-such-page/")
    root = make_project(tmp_path, {"content/posts/2020-01-01-first-light.md": dead})
    ran = gh_pages(root)
    assert_refused(
        ran,
        tmp_path / "remote.git",
        "1 problem(s) found by the checks",
        "output/2020/01/first-light/index.html: line ",
        '<a href="../../../no-such-page/">: no such file output/no-such-page/index.html',
    )


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


def test_placeholder_address_refuses_before_building(tmp_path, isolated_git):
    root = make_project(tmp_path, {"content/posts/2020-01-01-first-light.md": POST})
    ran = gh_pages(root, BUILDLOG_SITEURL="")
    assert_refused(
        ran,
        tmp_path / "remote.git",
        "the site's address is still the kit's placeholder "
        "https://example.github.io/buildlog: every canonical link, feed and the "
        "sitemap would point there. Run `invoke setup`",
    )
    assert not (root / "output").exists()


def test_uncommitted_and_untracked_content_refuses_and_lists_it(tmp_path, isolated_git):
    root = make_project(tmp_path, {"content/posts/2020-01-01-first-light.md": POST})
    write_files(
        root,
        {
            "content/posts/2020-01-01-first-light.md": POST + "More.\n",
            DRAFT: DRAFT_POST,
            "notes.txt": "not part of the site\n",
        },
    )
    ran = gh_pages(root)
    assert_refused(
        ran,
        tmp_path / "remote.git",
        "2 file(s) the site is built from are not committed, so the published site "
        "would match no commit:\n  M content/posts/2020-01-01-first-light.md\n"
        f"  ?? {DRAFT}\nCommit them (git add -A && git commit), or publish anyway "
        "with `invoke gh-pages --allow-dirty`",
    )
    assert "notes.txt" not in ran.stderr  # not something the site is built from
    assert not (root / "output").exists()


def test_unreachable_remote_gives_gits_whole_message(tmp_path, isolated_git):
    root = make_project(tmp_path, {"content/posts/2020-01-01-first-light.md": POST})
    ghost = tmp_path / "no-such-remote.git"
    git(root, "remote", "add", "ghost", str(ghost))
    ran = gh_pages(root, "--remote", "ghost")
    assert_refused(
        ran,
        tmp_path / "remote.git",
        f"cannot reach remote 'ghost' ({ghost}): '{ghost}' does not appear to be a "
        "git repository Could not read from remote repository. Please make sure you "
        "have the correct access rights and the repository exists.",
    )


def test_a_remote_that_is_not_your_repository_refuses(tmp_path, isolated_git):
    root = make_project(tmp_path, {"content/posts/2020-01-01-first-light.md": POST})
    conf = root / "publishconf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace(
            'GITHUB_REPOSITORY = ""', 'GITHUB_REPOSITORY = "sam/homelab"'
        ),
        encoding="utf-8",
    )
    commit_all(root, "My repository")
    git(root, "remote", "add", "kit", "https://github.com/buildlog-kit/buildlog.git")
    ran = gh_pages(root, "--remote", "kit")
    assert_refused(
        ran,
        tmp_path / "remote.git",
        "remote 'kit' is https://github.com/buildlog-kit/buildlog.git, the GitHub "
        "repository buildlog-kit/buildlog, but your site's repository is sam/homelab "
        "(GITHUB_REPOSITORY in publishconf.py). Push to yours: git remote add mine "
        "https://github.com/sam/homelab.git && invoke gh-pages --remote mine",
    )
