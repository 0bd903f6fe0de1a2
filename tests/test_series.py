"""series: a fixture build of three posts (one placed by ``series_order``) built with
real Pelican; the "Part N of M" box, previous/next and related posts read back."""

from __future__ import annotations

import pytest
from conftest import build, text_of, write_files

from plugins.series.order import reading_order, related

BUILD = "name: Rig <One>\nparts:\n  - type: CPU\n    name: AMD Ryzen 5 5600X\n"


def post(
    title: str, *, build: str | None = "rig", categories: str = "Homelab", extra: str = ""
) -> str:
    front = f"title: {title}\ncategories: [{categories}]\n"
    front += f"build: {build}\n" if build else ""
    return f"---\n{front}{extra}---\n\nBody of {title}.\n"


FILES = {
    "content/builds/rig.yaml": BUILD,
    "content/posts/2021-01-01-unboxing.md": post("Unboxing", categories="Homelab, GPU"),
    "content/posts/2021-02-01-assembly.md": post("Assembly"),
    # Written last, read first: series_order beats the date.
    "content/posts/2021-03-01-why.md": post("Why build a rig", extra="series_order: 1\n"),
    "content/posts/2021-02-20-hidden.md": post("Hidden part", extra="hide: true\n"),
    "content/posts/2021-01-15-gpu-notes.md": post(
        "GPU notes", build=None, categories="GPU", extra="tags: [nvidia]\n"
    ),
    "content/posts/2021-02-15-more-gpu.md": post(
        "More GPU", build=None, categories="GPU", extra="tags: [nvidia]\n"
    ),
    "content/posts/2021-02-16-cooking.md": post("Cooking", build=None, categories="Kitchen"),
}
ORDER = ["2021/03/why/", "2021/01/unboxing/", "2021/02/assembly/"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("series")
    write_files(root, FILES)
    return build(root)


def test_fixture_builds_clean(site):
    assert site.result.clean, site.messages()


@pytest.mark.parametrize("number, page", list(enumerate(ORDER, start=1)))
def test_every_part_lists_the_build_in_reading_order(site, number, page):
    html = site.html(page)
    box = html.select_one("nav.series")
    label = html.find(id=box["aria-labelledby"])
    assert label in box.find_all()
    assert text_of(label) == f"Rig <One> build log Part {number} of 3"
    assert label.find("a")["href"] == "/builds/rig/"
    links = box.select("ol.series__parts a")
    assert [a["href"].removeprefix("/") for a in links] == ORDER
    assert [a.get("aria-current") for a in links] == [
        "page" if i == number else None for i in (1, 2, 3)
    ]
    assert [text_of(a) for a in links] == ["Why build a rig", "Unboxing", "Assembly"]


def test_previous_and_next_stay_within_the_build(site):
    nav = site.html("2021/01/unboxing/").select_one("nav.post-nav")
    assert nav["aria-label"] == "Previous and next part"
    assert nav.select_one("a[rel=prev]")["href"] == "/2021/03/why/"
    assert nav.select_one("a[rel=next]")["href"] == "/2021/02/assembly/"
    assert "Previous part" in text_of(nav.select_one("a[rel=prev]"))
    first = site.html("2021/03/why/").select_one("nav.post-nav")
    assert first.select_one("a[rel=prev]") is None
    assert text_of(first.select_one("a[rel=next]")) == "Next part → Unboxing"
    last = site.html("2021/02/assembly/").select_one("nav.post-nav")
    assert last.select_one("a[rel=next]") is None


def test_other_posts_get_plain_previous_and_next_by_date(site):
    nav = site.html("2021/01/gpu-notes/").select_one("nav.post-nav")
    assert nav["aria-label"] == "Previous and next post"
    assert nav.select_one("a[rel=prev]")["href"] == "/2021/01/unboxing/"
    assert nav.select_one("a[rel=next]")["href"] == "/2021/02/assembly/"
    assert "Previous post" in text_of(nav)
    assert site.html("2021/01/gpu-notes/").select_one("nav.series") is None


def test_related_posts_share_categories_or_tags(site):
    def related_of(page):
        section = site.html(page).select_one("section.related")
        return [text_of(a) for a in section.select("a")] if section else []

    # More GPU shares a category and a tag; Unboxing only the category.
    assert related_of("2021/01/gpu-notes/") == ["More GPU", "Unboxing"]
    # Posts of the same build are in the series box already, not "related".
    assert related_of("2021/01/unboxing/") == ["More GPU", "GPU notes"]
    assert related_of("2021/02/cooking/") == []  # no shared category or tag


def test_a_hidden_post_is_never_part_of_the_series(site):
    assert "Hidden part" not in site.html("2021/02/assembly/").get_text()
    hidden = site.html("2021/02/hidden/")
    assert hidden.select_one("nav.series") is None and hidden.select_one("nav.post-nav") is None


def test_reading_order_places_asked_for_parts_and_fills_the_rest_by_date():
    posts = [("a", 1, None), ("b", 2, 3), ("c", 3, None), ("d", 4, 1), ("e", 5, 9)]
    ordered, clashes = reading_order(posts, lambda p: p[2], lambda p: p[1])
    assert [p[0] for p in ordered] == ["d", "a", "b", "c", "e"]
    assert clashes == []
    twice = [("a", 1, 2), ("b", 2, 2), ("c", 3, None)]
    ordered, clashes = reading_order(twice, lambda p: p[2], lambda p: p[1])
    assert [p[0] for p in ordered] == ["c", "a", "b"] and clashes == [(twice[1], twice[0])]


def test_related_ranks_by_shared_terms_then_newest():
    terms = {"a": {1, 2}, "b": {1, 2}, "c": {1}, "d": {1}, "e": {3}}
    dates = {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}

    class Day(int):
        def timestamp(self):
            return float(self)

    result = related(terms, terms.get, lambda p: Day(dates[p]), lambda p: None, 2)
    assert result["a"] == ["b", "d"] and result["e"] == []
    # Posts of one group (the same build: already in the series box) are not related.
    groups = {"a": "rig", "b": "rig", "c": None, "d": None, "e": None}
    result = related(terms, terms.get, lambda p: Day(dates[p]), groups.get, 2)
    assert result["a"] == ["d", "c"] and result["b"] == ["d", "c"] and result["c"] == ["d", "b"]


def test_bad_series_order_is_reported_at_its_line(tmp_path):
    write_files(
        tmp_path,
        {
            "content/builds/rig.yaml": BUILD,
            "content/posts/2021-01-01-a.md": post("A", extra="series_order: first\n"),
            "content/posts/2021-01-02-b.md": post("B", extra="series_order: 2\n"),
            "content/posts/2021-01-03-c.md": post("C", extra="series_order: 2\n"),
            "content/posts/2021-01-04-d.md": post("D", build=None, extra="series_order: 1\n"),
        },
    )
    site = build(tmp_path)
    errors = [e for e in site.result.errors if "2021-01-01-a.md:5: " in e]
    assert errors and "'series_order' must be a whole number from 1" in errors[0]
    assert "got 'first'" in errors[0]
    clash = [w for w in site.result.warnings if "2021-01-03-c.md:5: " in w]
    assert clash and "'series_order: 2' is also given to" in clash[0]
    assert "2021-01-02-b.md" in clash[0]
    alone = [w for w in site.result.warnings if "2021-01-04-d.md:4: " in w]
    assert alone and "has no effect without 'build:'" in alone[0]
    # The post with the bad value still builds, placed by its date.
    links = site.html("2021/01/a/").select("nav.series a[aria-current]")
    assert [text_of(a) for a in links] == ["A"]
    order = [text_of(a) for a in site.html("2021/01/a/").select("ol.series__parts a")]
    assert order == ["A", "B", "C"]


def test_related_count_setting(tmp_path):
    write_files(tmp_path, FILES)
    none = build(tmp_path, SERIES_RELATED_COUNT=0)
    assert none.html("2021/01/gpu-notes/").select_one("section.related") is None
    bad = build(tmp_path, SERIES_RELATED_COUNT="three")
    assert (
        "pelicanconf.py: SERIES_RELATED_COUNT must be a whole number (0: no related "
        "posts), got 'three'; using 3" in bad.result.errors
    )
    assert len(bad.html("2021/01/gpu-notes/").select("section.related a")) == 2
