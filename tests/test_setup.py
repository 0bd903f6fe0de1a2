"""`invoke setup`: the settings it writes, the demo it removes, and the site that then
builds: nothing of the demo published, every setting the README calls yours shown."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, copy_kit

from plugins.setup import answers
from plugins.setup.demo import DEMO, demo_files
from plugins.setup.settings_file import SettingsFileError, read_values, rewritten

KIT = ("plugins", "theme", "content", "pelicanconf.py", "publishconf.py", "tasks.py")
DEMO_FILES = len(demo_files(REPO).files)


@pytest.fixture
def kit(tmp_path) -> Path:
    """A copy of the kit as cloned: code, settings and the demo content."""
    copy_kit(tmp_path, KIT)
    return tmp_path


def invoke(kit: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, **env}
    environment.pop("BUILDLOG_SITEURL", None)
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=kit,
        capture_output=True,
        text=True,
        timeout=180,
        env=environment,
        stdin=subprocess.DEVNULL,
    )


# ---- the settings file -------------------------------------------------------------

SETTINGS = '''"""Doc."""
import os
# --- yours
SITENAME = "old"  # the name
AUTHOR = 'A'
SOCIAL_LINKS = (
    ("GitHub", "https://github.com/"),  # a comment inside goes with the value
)
OTHER = os.environ.get("X", "")
'''


def test_rewrite_changes_only_the_named_assignments(tmp_path):
    path = tmp_path / "conf.py"
    path.write_text(SETTINGS, encoding="utf-8")
    text = rewritten(
        path,
        {
            "SITENAME": 'Zoë\'s "lab"',
            "SOCIAL_LINKS": (
                ("Mastodon", "https://hachyderm.io/@z"),
                ("Mail", "mailto:z@example.com"),
            ),
        },
    )
    assert text == SETTINGS.replace('SITENAME = "old"', 'SITENAME = "Zoë\'s \\"lab\\""').replace(
        """SOCIAL_LINKS = (
    ("GitHub", "https://github.com/"),  # a comment inside goes with the value
)""",
        """SOCIAL_LINKS = (("Mastodon", "https://hachyderm.io/@z"), ("Mail", "mailto:z@example.com"),)""",
    )
    path.write_text(text, encoding="utf-8")
    assert read_values(path, ("SITENAME", "AUTHOR", "SOCIAL_LINKS", "OTHER")) == {
        "SITENAME": 'Zoë\'s "lab"',
        "AUTHOR": "A",
        "SOCIAL_LINKS": (("Mastodon", "https://hachyderm.io/@z"), ("Mail", "mailto:z@example.com")),
    }


def test_many_links_are_written_one_a_line(tmp_path):
    path = tmp_path / "conf.py"
    path.write_text(SETTINGS, encoding="utf-8")
    links = tuple((f"Site {i}", f"https://example.com/{i}") for i in range(3))
    text = rewritten(path, {"SOCIAL_LINKS": links})
    assert 'SOCIAL_LINKS = (\n    ("Site 0", "https://example.com/0"),\n' in text
    assert "SOCIAL_LINKS = ()" in rewritten(path, {"SOCIAL_LINKS": ()})


def test_rewrite_refuses_a_setting_that_is_not_there(tmp_path):
    path = tmp_path / "conf.py"
    path.write_text(SETTINGS, encoding="utf-8")
    with pytest.raises(SettingsFileError, match="conf.py: no line 'SITESUBTITLE = ...' to change"):
        rewritten(path, {"SITESUBTITLE": "x"})


@pytest.mark.parametrize(
    "typed, repo",
    [
        ("sam/homelab", "sam/homelab"),
        ("https://github.com/Sam/homelab.git", "Sam/homelab"),
        ("git@github.com:sam/sam.github.io.git", "sam/sam.github.io"),
        ("", ""),
    ],
)
def test_repository_answers(typed, repo):
    assert answers.parse_repository(typed) == repo


@pytest.mark.parametrize("typed", ["homelab", "sam/home lab", "https://gitlab.com/a/b/c"])
def test_a_repository_must_read_user_slash_name(typed):
    with pytest.raises(ValueError, match="write it as user/repository"):
        answers.parse_repository(typed)


def test_site_address_follows_github_pages():
    assert answers.site_address("Sam/homelab") == "https://sam.github.io/homelab"
    assert answers.site_address("sam/Sam.github.io") == "https://sam.github.io"


@pytest.mark.parametrize(
    "typed, domain",
    [
        ("blog.example.com", "blog.example.com"),
        ("https://Blog.Example.com/", "blog.example.com"),
        ("", ""),
    ],
)
def test_domain_answers(typed, domain):
    assert answers.parse_domain(typed) == domain


@pytest.mark.parametrize(
    "typed, message",
    [("not a domain", "is not a domain name"), ("sam.github.io", "not a custom domain")],
)
def test_bad_domains(typed, message):
    with pytest.raises(ValueError, match=message):
        answers.parse_domain(typed)


@pytest.mark.parametrize(
    "typed, link",
    [
        ("GitHub=https://github.com/sam", ("GitHub", "https://github.com/sam")),
        ("My blog https://sam.example/", ("My blog", "https://sam.example/")),
        ("Mail=mailto:sam@example.com", ("Mail", "mailto:sam@example.com")),
    ],
)
def test_social_answers(typed, link):
    assert answers.parse_social(typed) == link


@pytest.mark.parametrize(
    "typed", ["GitHub", "GitHub=github.com/sam", "=https://x.test/", "Evil=javascript:alert(1)"]
)
def test_bad_social_links(typed):
    with pytest.raises(ValueError, match="write a link as Name=URL"):
        answers.parse_social(typed)


# ---- the demo ------------------------------------------------------------------------


def test_the_demo_list_covers_every_file_in_content():
    """Removing the demo must leave nothing of it: a demo file added to content/ without
    being listed in plugins/setup/demo.py fails here."""
    files = {p for p in (REPO / "content").rglob("*") if p.is_file()}
    assert files and set(demo_files(REPO).files) == files
    assert all((REPO / entry).exists() for entry in DEMO)


# ---- end to end ----------------------------------------------------------------------


def published_text(output: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace") for p in output.rglob("*") if p.is_file()
    )


def test_setup_with_options_then_a_build_publishes_nothing_of_the_demo(kit):
    ran = invoke(
        kit,
        "setup",
        "--name",
        "Homelab notes",
        "--subtitle",
        "Racks, part by part",
        "--author",
        "Sam Doe",
        "--repo",
        "sam/homelab",
        "--social",
        "GitHub=https://github.com/sam",
        "--social",
        "Mastodon=https://hachyderm.io/@sam",
        "--remove-demo",
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert ran.stdout.splitlines()[:4] == [
        "wrote pelicanconf.py: SITENAME='Homelab notes', AUTHOR='Sam Doe', 2 social link(s)",
        "wrote publishconf.py: the site will be published at https://sam.github.io/homelab/",
        f"removed the demo: {DEMO_FILES} file(s) (posts, builds, benchmarks, photos)",
        "wrote content/pages/about.md: your About page (edit it as you like)",
    ]
    assert read_values(kit / "publishconf.py", ("GITHUB_REPOSITORY", "SITE_ADDRESS")) == {
        "GITHUB_REPOSITORY": "sam/homelab",
        "SITE_ADDRESS": "https://sam.github.io/homelab",
    }
    built = invoke(kit, "preview", "--strict")
    assert built.returncode == 0, built.stdout + built.stderr
    output = kit / "output"
    text = published_text(output)
    for demo_word in ("Prometheus", "prometheus", "Ada Builder", "example.github.io"):
        assert demo_word not in text
    assert not (output / "images").exists() and not (output / "builds" / "prometheus").exists()
    home = (output / "index.html").read_text(encoding="utf-8")
    assert "<title>Homelab notes</title>" in home and "Racks, part by part" in home
    assert '<link rel="canonical" href="https://sam.github.io/homelab/">' in home
    assert '<a href="https://github.com/sam" rel="me">GitHub</a>' in home
    assert '<a href="https://hachyderm.io/@sam" rel="me">Mastodon</a>' in home
    about = (output / "about" / "index.html").read_text(encoding="utf-8")
    assert "This is the build log of <strong>Sam Doe</strong>" in about


def test_setup_keeping_the_demo_still_replaces_the_demo_about_page(kit):
    ran = invoke(kit, "setup", "--author", "Sam Doe", "--keep-demo")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert (kit / "content/posts/2020-07-15-prometheus-build.md").is_file()
    about = (kit / "content/pages/about.md").read_text(encoding="utf-8")
    assert "Sam Doe" in about and "Ada Builder" not in about
    assert "The address is still the kit's placeholder: run `invoke setup --repo" in ran.stdout
    assert read_values(kit / "pelicanconf.py", ("SITENAME",)) == {"SITENAME": "buildlog"}


def test_bad_option_changes_nothing(kit):
    before = (kit / "pelicanconf.py").read_text(encoding="utf-8")
    ran = invoke(kit, "setup", "--name", "Mine", "--repo", "not a repo")
    assert ran.returncode == 2
    assert ran.stderr.strip() == (
        "--repo: 'not a repo' is not a GitHub repository: write it as "
        "user/repository, e.g. ada/buildlog"
    )
    assert (kit / "pelicanconf.py").read_text(encoding="utf-8") == before


def _converse(kit: Path, answers_typed: list[str], timeout: float = 60) -> tuple[int, str]:
    """Run `invoke setup` on a terminal (a pty), typing each answer at each prompt."""
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "BUILDLOG_SITEURL"}
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "setup"],
        cwd=kit,
        env=env,
        stdin=follower,
        stdout=follower,
        stderr=follower,
    )
    os.close(follower)
    seen, pending, deadline = b"", list(answers_typed), time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            seen += chunk
            if pending and seen.rstrip().endswith((b":", b"]:")):
                os.write(leader, pending.pop(0).encode() + b"\n")
        elif process.poll() is not None:
            break
    process.wait(timeout=10)
    os.close(leader)
    return process.returncode, seen.decode("utf-8", "replace").replace("\r\n", "\n")


def test_setup_asks_on_a_terminal_and_asks_again_after_a_bad_answer(kit):
    code, screen = _converse(
        kit,
        [
            "Sam's builds",
            "",
            "Sam Doe",
            "sam",
            "sam/sam.github.io",
            "",
            "GitHub=https://github.com/sam",
            "",
            "y",
        ],
    )
    assert code == 0, screen
    assert "Site name [buildlog]: " in screen
    assert "'sam' is not a GitHub repository" in screen  # then asked again
    assert (
        f"Remove the demo build log ({DEMO_FILES} file(s) in content/{{benchmarks,builds,"
        "images,pages,posts}"
    ) in screen
    assert "the site will be published at https://sam.github.io/" in screen
    values = read_values(kit / "pelicanconf.py", ("SITENAME", "SITESUBTITLE", "SOCIAL_LINKS"))
    assert values["SITENAME"] == "Sam's builds"
    assert values["SITESUBTITLE"].startswith("Build logs:")  # Enter kept it
    assert values["SOCIAL_LINKS"] == (("GitHub", "https://github.com/sam"),)
    assert not (kit / "content/images/prometheus").exists()
