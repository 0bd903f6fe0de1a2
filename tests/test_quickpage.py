"""The saved page first under livereload (plugins/_shared/quickpage.py), on real builds:
a body edit writes that page at once, exactly as the whole build then writes it;
anything else is left to the whole build, and nothing is reported twice."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from conftest import REPO, write_files
from photo_files import photo

from plugins._shared.quickpage import QuickPages
from plugins._shared.sitebuild import build_site

POSTS = {
    # A front-matter photo (card, og:image), a body photo, a parts table, a TOC, and
    # a series with a neighbour: everything a post's page shows besides its body.
    "content/posts/2020-01-01-rig.md": """
        ---
        title: The rig
        description: Parts and a photo
        tags: [gpu, parts]
        image: /images/hero.jpg
        series: Rig
        toc: true
        ---

        [TOC]

        ## Parts

        {% parts rig %}

        ![The fan](/images/fan.jpg)

        The body of the rig post.
        """,
    # No description: its summary, on the listings, is the start of its body.
    "content/posts/2020-01-02-noise.md": """
        ---
        title: Noise
        tags: [fans]
        series: Rig
        ---

        Fans are loud at idle, says the start of this post.
        """,
    "content/pages/about.md": "---\ntitle: About\n---\n\nAbout this site.\n",
    "content/builds/rig.yaml": """
        name: Rig
        currency: USD
        parts:
          - {type: CPU, name: Ryzen 7 3700X, price: 329.99}
        """,
}
RIG, NOISE, ABOUT = (
    "content/posts/2020-01-01-rig.md",
    "content/posts/2020-01-02-noise.md",
    "content/pages/about.md",
)


class Live:
    """A livereload session's builds, in this process: each whole build through
    ``QuickPages.during``, as ``invoke livereload`` makes them."""

    def __init__(self, root: Path):
        self.root, self.quick = root, QuickPages()
        self.overrides = {
            "PATH": str(root / "content"),
            "OUTPUT_PATH": str(root / "output"),
            "CACHE_PATH": str(root / "cache"),
            "BUILDLOG_CACHE_PATH": str(root / "cache"),
            "SEARCH_AFTER_BUILD": True,
        }

    def build(self):
        with self.quick.during() as usable:
            result = build_site(REPO / "pelicanconf.py", self.overrides)
            usable(result.ok)
        return result

    def show(self, *relpaths: str) -> str | None:
        return self.quick.show([str(self.root / p) for p in relpaths])

    def page(self, url: str) -> bytes:
        return (self.root / "output" / url / "index.html").read_bytes()

    def append(self, relpath: str, text: str) -> None:
        path = self.root / relpath
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture
def live(tmp_path):
    write_files(tmp_path, POSTS)
    (tmp_path / "content/images").mkdir()
    (tmp_path / "content/images/fan.jpg").write_bytes(photo(800, 600))
    (tmp_path / "content/images/hero.jpg").write_bytes(photo(1600, 1000, seed=2))
    (tmp_path / "content/images/new.jpg").write_bytes(photo(640, 480, seed=3))
    session = Live(tmp_path)
    assert session.build().clean
    return session


@pytest.mark.parametrize(
    ("relpath", "url"), [(RIG, "2020/01/rig/"), (NOISE, "2020/01/noise/"), (ABOUT, "about/")]
)
def test_a_body_edit_writes_its_page_first_as_the_whole_build_writes_it(live, relpath, url):
    live.append(relpath, "\nA sentence saved under livereload.\n\n## A new heading\n")
    assert live.show(relpath) == url
    quick = live.page(url)
    assert b"A sentence saved under livereload." in quick
    assert live.build().clean
    assert live.page(url) == quick  # byte for byte: the whole build wrote the same page


def test_the_whole_build_then_writes_what_else_the_body_reaches(live):
    """The page first; the listings showing the post's summary come with the build."""
    text = (live.root / NOISE).read_text(encoding="utf-8")
    (live.root / NOISE).write_text(text.replace("Fans are loud", "Fans hum"), encoding="utf-8")
    assert live.show(NOISE) == "2020/01/noise/"
    assert b"Fans hum" in live.page("2020/01/noise/")
    assert b"Fans hum" not in live.page("")  # the index: not yet
    assert live.build().clean
    assert b"Fans hum" in live.page("")


@pytest.mark.parametrize(
    ("relpath", "change"),
    [
        pytest.param(
            RIG, lambda root: _replace(root, RIG, "title: The rig", "title: A rig"), id="title"
        ),
        pytest.param(NOISE, lambda root: _replace(root, NOISE, "series: Rig\n", ""), id="series"),
        pytest.param(
            RIG,
            lambda root: _append(root, RIG, "\n![A new photo](/images/new.jpg)\n"),
            id="new-photo",
        ),
        pytest.param(
            NOISE,
            lambda root: _append(root, NOISE, "\n![The fan again](/images/fan.jpg)\n"),
            id="photo-first-shown-here",
        ),
    ],
)
def test_anything_but_the_body_is_left_to_the_whole_build(live, relpath, change):
    before = live.page("2020/01/rig/"), live.page("2020/01/noise/")
    change(live.root)
    assert live.show(relpath) is None
    assert (live.page("2020/01/rig/"), live.page("2020/01/noise/")) == before


def _replace(root: Path, relpath: str, old: str, new: str) -> None:
    text = (root / relpath).read_text(encoding="utf-8")
    assert old in text
    (root / relpath).write_text(text.replace(old, new, 1), encoding="utf-8")


def _append(root: Path, relpath: str, text: str) -> None:
    (root / relpath).write_text((root / relpath).read_text(encoding="utf-8") + text)


def test_two_files_a_new_file_or_a_data_file_go_to_the_whole_build(live):
    live.append(RIG, "\nOne.\n")
    live.append(NOISE, "\nTwo.\n")
    assert live.show(RIG, NOISE) is None
    write_files(live.root, {"content/posts/2020-02-01-new.md": "---\ntitle: New\n---\n\nNew.\n"})
    assert live.show("content/posts/2020-02-01-new.md") is None
    live.append("content/builds/rig.yaml", "  - {type: GPU, name: RTX 3090, price: 1499}\n")
    assert live.show("content/builds/rig.yaml") is None


def test_a_problem_in_the_saved_file_is_left_to_the_whole_build_and_said_once(live, caplog):
    """A new warning or error: no quick page, nothing logged by it; the whole build
    reports it, once."""
    good = live.page("2020/01/rig/")
    live.append(RIG, "\n{% parts nosuchbuild %}\n")
    caplog.clear()
    with caplog.at_level(logging.INFO):
        assert live.show(RIG) is None
    assert caplog.records == []
    assert live.page("2020/01/rig/") == good
    result = live.build()
    assert [e for e in result.errors if "nosuchbuild" in e] and len(result.errors) == 1
    # ... and after a build with an error nothing is quick, even a clean body edit.
    live.append(NOISE, "\nMore noise.\n")
    assert live.show(NOISE) is None


def test_a_post_with_a_warning_is_never_quick(live, caplog):
    _replace(live.root, NOISE, "tags: [fans]\n", "tags: [fans]\ntags: [noise]\n")
    assert live.build().warnings  # the duplicate key, reported by the whole build
    live.append(NOISE, "\nMore.\n")
    caplog.clear()
    with caplog.at_level(logging.INFO):
        assert live.show(NOISE) is None
    assert caplog.records == []  # said by the whole build only, not twice


@pytest.mark.parametrize(
    ("first", "saved"),
    [
        pytest.param("The early post.", "![The hero](/images/hero.jpg)", id="newly-shown"),
        pytest.param("", "The early post.\n\n![The hero](/images/hero.jpg)", id="shown-already"),
    ],
)
def test_a_photo_another_post_has_reads_the_same_out_of_order(live, tmp_path, first, saved):
    """The rig's front-matter photo in the body of a post read before the rig: the
    rig adds the social width to the photo's plan after that post was read. Read
    again on its own, after everything, the post must still offer what a build from
    nothing gives it (pictures offer PHOTOS_WIDTHS only): the quick page, and the
    incremental site, are the ones a build from nothing makes. A photo newly shown is
    a new request: left to the whole build."""
    early = "content/posts/2019-12-31-early.md"
    page = "2019/12/early/index.html"
    write_files(live.root, {early: f"---\ntitle: Early\n---\n\n{first or saved}\n"})
    assert live.build().clean
    live.append(early, f"\n{saved if first else 'More about it.'}\n")
    shown = live.show(early)
    assert shown == (None if first else "2019/12/early/")
    quick = (live.root / "output" / page).read_bytes()
    assert live.build().clean
    fresh = Live(live.root)
    fresh.overrides.update(
        OUTPUT_PATH=str(tmp_path / "fresh-output"),
        CACHE_PATH=str(tmp_path / "fresh"),
        BUILDLOG_CACHE_PATH=str(tmp_path / "fresh"),
    )
    assert fresh.build().clean
    from_nothing = (tmp_path / "fresh-output" / page).read_bytes()
    assert (live.root / "output" / page).read_bytes() == from_nothing
    print(
        "QUICK1200",
        b"1200w" in quick,
        "FRESH1200",
        b"1200w" in from_nothing,
        "LIVE1200",
        b"1200w" in (live.root / "output" / page).read_bytes(),
    )
    if shown:
        assert quick == from_nothing
        assert b"hero" in quick and b"More about it." in quick
