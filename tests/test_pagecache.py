"""The page cache (plugins/_shared/pagecache.py), on real builds: a page is rendered
again only when something it shows changed, and a site built bit by bit is the same,
byte for byte, as one built from nothing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import REPO, build, write_files
from photo_files import photo

POSTS = {
    # With a description: listing cards show it, not the body.
    "content/posts/2020-01-01-rig.md": """
        ---
        title: The rig
        description: Parts and a photo
        tags: [gpu, parts]
        ---

        {% parts rig %}

        ![The fan](/images/fan.jpg)

        The body of the rig post.
        """,
    # Without one: cards show the start of the body (its summary).
    "content/posts/2020-01-02-noise.md": """
        ---
        title: Noise
        tags: [fans]
        ---

        Fans are loud at idle, says the start of this post.

        More words at the end.
        """,
    "content/posts/2020-01-03-third.md": "---\ntitle: Third\ndescription: d\n---\n\nThird.\n",
    "content/pages/about.md": "---\ntitle: About\n---\n\nAbout this site.\n",
    "content/builds/rig.yaml": """
        name: Rig
        currency: USD
        parts:
          - {type: CPU, name: Ryzen 7 3700X, price: 329.99}
        """,
}


def edit(root: Path, relpath: str, old: str, new: str) -> None:
    path = root / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text, (relpath, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def site(tmp_path):
    write_files(tmp_path, POSTS)
    (tmp_path / "content/images").mkdir()
    (tmp_path / "content/images/fan.jpg").write_bytes(photo(800, 600))
    shutil.copytree(REPO / "theme", tmp_path / "theme")  # a copy: a test edits it
    return tmp_path


def built(root: Path, **settings):
    """The incremental build: output/ and cache/ kept from build to build."""
    site = build(root, THEME=str(root / "theme"), **settings)
    assert site.result.clean, site.messages()
    return site.result


def from_nothing(root: Path, **settings) -> Path:
    """The same content built into an empty folder with an empty cache."""
    for name in ("ref-output", "ref-cache"):
        shutil.rmtree(root / name, ignore_errors=True)
    site = build(
        root,
        THEME=str(root / "theme"),
        OUTPUT_PATH=str(root / "ref-output"),
        CACHE_PATH=str(root / "ref-cache"),
        BUILDLOG_CACHE_PATH=str(root / "ref-cache"),
        **settings,
    )
    assert site.result.clean, site.messages()
    return root / "ref-output"


def assert_same_site(root: Path, **settings) -> None:
    """Every file a build from nothing writes, the incremental output holds the same.
    Pagefind's word index numbers pages in the order it meets them on disk, which
    differs between two folders; its fragments (one per page, named by their text's
    hash) are compared instead."""
    reference = from_nothing(root, **settings)
    fragments = [
        sorted(p.name for p in (r / "pagefind/fragment").iterdir())
        for r in (reference, root / "output")
    ]
    assert fragments[0] == fragments[1]
    for path in sorted(reference.rglob("*")):
        if path.is_file() and path.relative_to(reference).parts[0] != "pagefind":
            rel = path.relative_to(reference)
            mine = root / "output" / rel
            assert mine.is_file(), f"{rel} missing"
            assert mine.read_bytes() == path.read_bytes(), f"{rel} differs"


def test_unchanged_pages_are_not_rendered_and_edits_render_what_shows_them(site):
    first = built(site)
    assert first.pages_rendered > 10 and first.pages_reused == 0
    total = first.pages_rendered

    again = built(site)
    assert (again.pages_rendered, again.pages_reused) == (0, total)

    # The end of a post with a description: only what shows its body, its own page and
    # the feeds that carry it.
    edit(site, "content/posts/2020-01-01-rig.md", "The body", "The edited body")
    one = built(site)
    feeds = [f for f in (site / "output/feeds").iterdir() if "The edited body" in f.read_text()]
    assert feeds and one.pages_rendered == 1 + len(feeds), one
    assert "The edited body" in (site / "output/2020/01/rig/index.html").read_text()
    assert_same_site(site)

    # The start of a post without one: its page and the listings showing its summary.
    edit(site, "content/posts/2020-01-02-noise.md", "Fans are loud", "Fans hum")
    summary = built(site)
    assert 1 < summary.pages_rendered < total, summary
    assert "Fans hum" in (site / "output/index.html").read_text()
    assert_same_site(site)


@pytest.mark.parametrize(
    "change",
    [
        "title",
        "new post",
        "deleted post",
        "theme template",
        "setting",
        "build yaml",
        "photo",
        "output edited by hand",
        "output edited by hand, size and mtime kept",
    ],
)
def test_every_kind_of_change_gives_the_site_a_build_from_nothing_gives(site, change):
    settings = {}
    built(site)
    if change == "title":
        edit(site, "content/posts/2020-01-03-third.md", "title: Third", "title: Renamed")
    elif change == "new post":
        write_files(site, {"content/posts/2020-01-04-new.md": "---\ntitle: New\n---\n\nNew.\n"})
    elif change == "deleted post":
        (site / "content/posts/2020-01-03-third.md").unlink()
    elif change == "theme template":
        edit(site, "theme/templates/base.html", "</footer>", "<p>Theme edited.</p></footer>")
    elif change == "setting":
        settings = {"SITENAME": "Another name"}
    elif change == "build yaml":
        edit(site, "content/builds/rig.yaml", "Ryzen 7 3700X", "Ryzen 9 3900X")
    elif change == "photo":
        (site / "content/images/fan.jpg").write_bytes(photo(640, 640))
    elif change == "output edited by hand":
        (site / "output/2020/01/noise/index.html").write_text("edited by hand")
    elif change == "output edited by hand, size and mtime kept":  # cp -p, rsync -t...
        page = site / "output/2020/01/noise/index.html"
        before = page.stat()
        page.write_text(page.read_text().replace("Noise", "N0ise"))
        os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert page.stat().st_size == before.st_size
    result = built(site, **settings)
    assert result.pages_rendered > 0
    assert_same_site(site, **settings)
    if change == "deleted post":  # gone from output/ (and so from search), linked nowhere
        assert not (site / "output/2020/01/third").exists()
        assert "2020/01/third" not in (site / "output/index.html").read_text()


def test_a_template_folder_of_the_settings_is_part_of_every_page(site):
    """THEME_TEMPLATES_OVERRIDES: templates outside the theme, edited between builds."""
    overrides = site / "my-templates"
    write_files(site, {"my-templates/_search.html": "<p>Search, first words.</p>\n"})
    settings = {"THEME_TEMPLATES_OVERRIDES": [str(overrides)]}
    built(site, **settings)
    assert "Search, first words." in (site / "output/index.html").read_text()
    write_files(site, {"my-templates/_search.html": "<p>Search, second words.</p>\n"})
    again = built(site, **settings)
    assert again.pages_rendered > 0
    assert "Search, second words." in (site / "output/index.html").read_text()
    assert_same_site(site, **settings)


@pytest.mark.parametrize("with_it", ["setting", "theme template"])
def test_a_deleted_post_leaves_output_when_the_theme_or_a_setting_changed_too(site, with_it):
    """Nothing is reused after such a change, yet the last build's pages are still
    known: a post deleted in the same step (a `git pull`, several saves before one
    build) must not stay in output/, reachable and in the search index."""
    built(site)
    assert (site / "output/2020/01/third/index.html").is_file()
    (site / "content/posts/2020-01-03-third.md").unlink()
    settings = {}
    if with_it == "setting":
        settings = {"SITENAME": "Another name"}
    else:
        edit(site, "theme/templates/base.html", "</footer>", "<p>Theme edited.</p></footer>")
    result = built(site, **settings)
    assert result.pages_reused == 0
    assert not (site / "output/2020/01/third").exists()
    assert_same_site(site, **settings)
