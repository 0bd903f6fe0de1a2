"""One bad file never stops the site: a corpus of broken files (tests/cases/broken-site)
built with `invoke build` as a user runs it, output piped (no terminal).

Every broken file is reported once, on one line, ``path:line[:col]: message``; every
good page is written; the build exits 1; no traceback and no logger noise."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, copy_kit

CORPUS = REPO / "tests" / "cases" / "broken-site"
KIT = ["plugins", "theme", "pelicanconf.py", "publishconf.py", "tasks.py"]
P = "content/posts/"

# (file, line, column, what the message says): one row per problem, in no order.
EXPECTED = [
    (
        P + "2020-02-01-bad-yaml.md",
        2,
        None,
        "front matter is not valid YAML: while parsing a "
        "flow sequence: did not find expected ',' or ']' (is a closing bracket or quote missing?)",
    ),
    (
        P + "2020-02-02-image-mapping.md",
        3,
        None,
        "'image' must be a path such as /images/hero.jpg or an https:// address, got {'a': 1}",
    ),
    (P + "2020-02-03-template.md", 3, None, "no template 'nosuch' in the theme (templates: "),
    (P + "2020-02-04-translation.md", 3, None, "'translation' must be true or false, got 'maybe'"),
    (
        P + "2020-02-05-save-as.md",
        3,
        None,
        "'save_as' must be a site path such as /2020/my-post/, got ['a']",
    ),
    (
        P + "2020-02-30-bad-date.md",
        None,
        None,
        "the date in the file name, 2020-02-30, is not "
        "a real date: rename the file (or set 'date:' in the front matter)",
    ),
    (
        P + "2020-02-07-date.md",
        3,
        None,
        "'date' must be a date such as 2020-07-15 or 2020-07-15 18:30, got '25:61'",
    ),
    (
        P + "2020-02-08-windows-1252.md",
        2,
        11,
        "not UTF-8 text (byte 0xe9): save the file as "
        "UTF-8 (it looks like Windows-1252 or Latin-1)",
    ),
    (P + "2020-02-09-nul.md", 5, 9, "a NUL byte: is this a binary or UTF-16 file?"),
    (P + "2020-02-10-control.md", 2, None, "'title' holds the control character U+0007: remove it"),
    (
        P + "2020-02-11-empty.md",
        1,
        None,
        "the file is empty: write front matter and a body, or delete it",
    ),
    (
        P + "notes.md",
        1,
        None,
        "no date: name the file YYYY-MM-DD-slug.md (as fastpages does) "
        "or add 'date: 2020-07-15' to the front matter",
    ),
    (
        P + "2020-02-13-alias-bomb.md",
        2,
        None,
        "front matter expands to more than 100,000 "
        "values through aliases (*name); write the values out instead",
    ),
    (
        P + "2020-02-14-permalink-root.md",
        3,
        None,
        "address / is already that of the index "
        "page; this post was not written: change its permalink (to make a page the home page, "
        "remove 'index' from DIRECT_TEMPLATES)",
    ),
    (
        P + "2020-02-15-permalink-taken.md",
        3,
        None,
        "address /2020/01/first-light/ is already "
        "that of content/posts/2020-01-10-first-light.md:1; this post was not written",
    ),
    (
        P + "other/2020-01-10-first-light.md",
        1,
        None,
        "address /2020/01/first-light/ is "
        "already that of content/posts/2020-01-10-first-light.md:1; this post was not written",
    ),
    (
        P + "2020-02-17-reserved.md",
        3,
        None,
        "'settings' is a name Pelican or buildlog uses for its own data; rename this key",
    ),
    (
        P + "2020-02-18-categories.md",
        3,
        None,
        "address /categories/ is already that of the "
        "categories page; this post was not written: change its permalink",
    ),
    (
        "content/pages/home.md",
        3,
        None,
        "address / is already that of the index page; this "
        "page was not written: change its save_as",
    ),
    ("content/builds/huge.yaml", 5, None, "'price' must be at most 1,000,000,000,000, got 1e+26"),
    ("content/builds/huge.yaml", 8, None, "'capacity' must be at least 1 (watts), got 1e-300"),
    (
        P + "2020-02-19-broken-build.md",
        7,
        None,
        "build 'huge' has errors: fix content/builds/huge.yaml first",
    ),
    (
        P + "2020-02-20-broken-charts.md",
        7,
        None,
        "cannot read {% benchmarks %}: expected "
        '{% benchmarks NAME %} or {% benchmarks NAME "Benchmark" %}',
    ),
    (
        "content/benchmarks/hf.json",
        6,
        None,
        "hyperfine: 'times' of 'make -j8' must be a list of numbers, not 5",
    ),
    (
        "content/benchmarks/deep.json",
        1,
        201,
        "nested more than 200 levels deep: is this a benchmark file?",
    ),
]
GOOD_PAGES = [
    "index.html",
    "2020/01/first-light/index.html",
    "2020/01/second-post/index.html",
    "about/index.html",
    "categories/index.html",
    "tags/boot/index.html",
    "builds/good/index.html",
    "builds/index.html",
    "archives/index.html",
    "404.html",
    "2020/02/broken-build/index.html",
    "2020/02/broken-charts/index.html",
]
_PROBLEM = re.compile(
    r"^(?P<path>content/[^:]+?)(?::(?P<line>\d+)(?::(?P<column>\d+))?)?: "
    r"(?P<message>.+)$"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The kit plus the corpus, built once with `invoke build`, output piped."""
    root = tmp_path_factory.mktemp("broken-site")
    copy_kit(root, KIT)
    shutil.copytree(CORPUS / "content", root / "content")
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "BUILDLOG_DEBUG")}
    ran = subprocess.run(
        [sys.executable, "-m", "invoke", "build"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return root, ran


def live_lines(ran) -> list[str]:
    """The problems as printed while building (the failure message repeats them)."""
    lines = ran.stderr.splitlines()
    return lines[: lines.index("build failed:")] if "build failed:" in lines else lines


def test_exit_code_and_no_traceback(built):
    _, ran = built
    assert ran.returncode == 1, ran.stdout + ran.stderr
    for noise in ("Traceback", "errors.py", "Could not process", "Skipping", "ERROR", "WARNING"):
        assert noise not in ran.stdout + ran.stderr, noise
    assert re.search(rf"^{len(EXPECTED)} errors, 0 warnings in ", ran.stdout, re.M), ran.stdout


def test_every_problem_once_on_one_line_with_its_place(built):
    _, ran = built
    printed = [_PROBLEM.match(line) for line in live_lines(ran) if not line.startswith("photos:")]
    assert all(printed), [line for line, m in zip(live_lines(ran), printed) if not m]
    found = [
        (m["path"], m["line"] and int(m["line"]), m["column"] and int(m["column"]), m["message"])
        for m in printed
    ]
    for path, line, column, message in EXPECTED:
        matches = [f for f in found if f[:3] == (path, line, column) and f[3].startswith(message)]
        assert len(matches) == 1, (path, line, column, message, found)
    assert len(found) == len(EXPECTED), found


def test_every_good_page_is_written(built):
    root, _ = built
    output = root / "output"
    for page in GOOD_PAGES:
        assert (output / page).is_file(), page


def _page(root: Path, relpath: str) -> BeautifulSoup:
    return BeautifulSoup((root / "output" / relpath).read_text(encoding="utf-8"), "html.parser")


def test_nothing_was_replaced_by_a_colliding_source(built):
    root, _ = built
    index = _page(root, "index.html")
    assert "My home page." not in index.get_text() and index.select(".post-list, article, li")
    first = _page(root, "2020/01/first-light/index.html")
    assert first.select_one("h1").get_text(strip=True) == "First light"
    categories = _page(root, "categories/index.html").get_text()
    assert "Category grab" not in categories and "Workstation Setup" in categories
    listed = index.get_text() + _page(root, "archives/index.html").get_text()
    for dropped in (
        "Home grab",
        "Taken",
        "Same slug, other folder",
        "Category grab",
        "Image as a mapping",
        "Undated notes",
    ):
        assert dropped not in listed, dropped


def test_a_broken_block_costs_that_block_only(built):
    root, _ = built
    charts = _page(root, "2020/02/broken-charts/index.html").select_one(".post-body")
    assert len(charts.select(".build-error")) == 3
    assert "Intro." in charts.get_text() and "Outro." in charts.get_text()
    build = _page(root, "2020/02/broken-build/index.html").select_one(".post-body")
    assert len(build.select(".build-error")) == 1 and "Outro." in build.get_text()
    good = _page(root, "2020/01/first-light/index.html").select_one(".post-body")
    assert not good.select(".build-error") and good.select("table") and good.select("svg")
