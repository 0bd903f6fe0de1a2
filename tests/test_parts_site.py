"""parts: real Pelican builds -- tags in posts, build pages, CSV, and the errors
an author sees (with the post's or the YAML's file:line)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from conftest import build as build_site_at
from conftest import text_of, write_files

BUILD = """
name: Bench <One>
description: Test rig
parts:
  - type: CPU
    name: AMD Ryzen 5 3600
    price: 199.99
    power: 65
  - type: GPU
    name: NVIDIA GeForce GTX 1660 Super
    price: 229.99
    power: 125
  - type: Memory
    name: 16 GB kit
    specs: {Capacity: 16 GB}
  - type: Power Supply
    name: 550 W unit
    capacity: 550
"""


def post(slug: str, date: str, body: str, build: str = "bench", extra: str = "") -> str:
    return f"""---
title: {slug.title()}
date: {date}
{extra}build: {build}
---

{body}
"""


FILES = {
    "content/builds/bench.yaml": BUILD,
    "content/builds/broken.yaml": "name: Broken\nparts:\n  - type: CPU\n    name: x\n    price: -3\n",
    "content/posts/2020-01-01-first.md": post(
        "first", "2020-01-01", "Intro.\n\n{% parts bench summary %}\n\n{% parts bench %}\n"
    ),
    "content/posts/2020-03-01-third.md": post(
        "third", "2020-03-01", "Later.\n\n```\n{% parts bench %}\n```\n"
    ),
    "content/posts/2020-02-01-second.md": post(
        "second",
        "2020-02-01",
        "Text.\n\nMore text.\n\n{% parts nope %}\n\n{% parts bench sideways %}\n\n{% parts broken %}\n",
    ),
    "content/posts/2020-04-01-wrong.md": post(
        "wrong", "2020-04-01", "Body.", build="foo", extra="tags: [a]\n"
    ),
    "content/posts/2020-05-01-none.md": "---\ntitle: Unrelated\n---\n\nNo build here.\n",
    "content/posts/2020-06-01-inline.md": "---\ntitle: Inline\n---\n\n"
    "In one line: {% parts bench summary %}, not `{% parts bench summary %}`.\n"
    "A table {% parts bench %} in a sentence, and {% parts nope summary %}.\n"
    "Text right above\n{% parts bench %}\n\n- In a list: {% parts bench summary %}\n",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("parts-site")
    write_files(root, FILES)
    return build_site_at(root)


def test_table_and_summary_in_post(site):
    page = site.html("2020/01/first/")
    table = page.select_one(".post-body table.parts-table")
    assert table.caption.get_text(" ", strip=True) == "Bench <One> Test rig"
    assert [td.get_text(strip=True) for td in table.select("tbody td.parts-table__type")] == [
        "CPU",
        "Memory",
        "GPU",
        "Power Supply",
    ]
    assert "Total $429.98" in text_of(table.select_one("tfoot"))
    assert "190 W / 550 W (35%)" in text_of(table.select_one("tfoot"))
    assert text_of(page.select_one(".parts-summary")).startswith(
        "Bench <One>: GTX 1660 Super / Ryzen 5 3600 / 16 GB"
    )
    assert page.select_one('script[type="application/ld+json"]')


def test_summary_inside_a_sentence_is_a_link(site):
    body = site.html("2020/06/inline/").select_one(".post-body")
    first = body.select_one("p")
    link = first.select_one("a.parts-inline")
    assert text_of(link) == "GTX 1660 Super / Ryzen 5 3600 / 16 GB"
    assert link["href"].endswith("builds/bench/")
    assert first.select_one("code").get_text() == "{% parts bench summary %}"  # code stays code
    assert len(first.select(".build-error--inline")) == 2  # table in a sentence, unknown build
    assert body.select_one("li a.parts-inline")
    # A table tag right under a line of text is its own block, never inside a <p>.
    assert body.select_one("div.parts").parent is body
    assert not body.select("p div, p table")


def test_tag_inside_code_fence_is_left_alone(site):
    assert "{% parts bench %}" in site.html("2020/03/third/").select_one("pre").get_text()


def test_build_page_lists_posts_newest_first(site):
    page = site.html("builds/bench/")
    assert page.select_one("h1").get_text(" ", strip=True) == "Build Bench <One>"
    assert page.select_one("table.parts-table")
    titles = [a.get_text(strip=True) for a in page.select(".card__title a")]
    assert titles == ["Third", "Second", "First"]  # "wrong" names another build
    csv_link = page.select_one(".parts__actions a")["href"]
    assert csv_link == "/builds/bench/parts.csv"
    assert (site.output / csv_link.lstrip("/")).is_file()


def test_csv_written_next_to_build_page(site):
    text = (site.output / "builds/bench/parts.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][:2] == ["CPU", "AMD Ryzen 5 3600"] and rows[-1][4] == "429.98"


def test_csv_is_rewritten_only_when_the_build_changes(make_site, tmp_path):
    files = {
        "content/builds/bench.yaml": BUILD,
        "content/posts/2020-01-01-first.md": FILES["content/posts/2020-01-01-first.md"],
    }
    site = make_site(files)
    csv_file = site.output / "builds/bench/parts.csv"
    first = csv_file.stat()
    make_site(
        {
            "content/posts/2020-01-01-first.md": files["content/posts/2020-01-01-first.md"]
            + "\nMore.\n"
        }
    )
    again = csv_file.stat()
    assert (again.st_ino, again.st_ctime_ns) == (first.st_ino, first.st_ctime_ns)  # untouched
    site = make_site({"content/builds/bench.yaml": BUILD.replace("199.99", "189.99")})
    assert "189.99" in csv_file.read_text(encoding="utf-8-sig")
    assert site.result.clean, site.messages()


def test_builds_index_lists_valid_builds(site):
    page = site.html("builds/")
    assert [a.get_text(strip=True) for a in page.select(".build-list a")] == ["Bench <One>"]
    assert not (site.output / "builds/broken").exists()


def test_errors_name_the_file_and_line(site):
    errors = site.result.errors
    assert any(
        e.endswith("content/builds/broken.yaml:5: 'price' must be 0 or more, got -3")
        for e in errors
    )
    # body line 5 + 6 front-matter lines -> file line 11
    assert any(
        e.endswith(
            "content/posts/2020-02-01-second.md:11: unknown build 'nope' (builds: bench, broken)"
        )
        for e in errors
    )
    assert any(
        e.endswith(
            "content/posts/2020-02-01-second.md:13: cannot read {% parts bench sideways %}: "
            "expected {% parts NAME %} or {% parts NAME summary %}"
        )
        for e in errors
    )
    assert any(
        re.search(
            r"content/posts/2020-02-01-second.md:15: build 'broken' has errors: "
            r"fix \S*content/builds/broken.yaml first$",
            e,
        )
        for e in errors
    )
    assert any(
        e.endswith(
            "content/posts/2020-04-01-wrong.md:5: unknown build 'foo' (builds: bench, broken)"
        )
        for e in errors
    )
    assert any(
        e.endswith(
            "content/posts/2020-06-01-inline.md:6: {% parts bench %} shows a table: "
            "put it on a line of its own (inside a sentence, use "
            "{% parts bench summary %})"
        )
        for e in errors
    ), errors
    assert any(
        e.endswith(
            "content/posts/2020-06-01-inline.md:6: unknown build 'nope' (builds: bench, broken)"
        )
        for e in errors
    ), errors
    assert len(errors) == 7, errors
    assert not site.result.warnings


def test_failed_tags_leave_the_rest_of_the_post(site):
    page = site.html("2020/02/second/")
    assert "More text." in text_of(page.select_one(".post-body"))
    assert len(page.select(".post-body .build-error, .post-body [class*=error]")) >= 3


def test_demo_site_builds_clean_with_build_page(demo_site):
    assert demo_site.result.clean, demo_site.messages()
    post = demo_site.html("2020/07/prometheus-build/")
    assert text_of(post.select_one(".post-body p:has(> a.parts-inline)")).startswith(
        "In one line: RTX 2070 Super / Ryzen 7 3700X / 32 GB . Every part"
    )
    assert post.select_one("table.parts-table")
    page = demo_site.html("builds/prometheus/")
    assert [a.get_text(strip=True) for a in page.select(".card__title a")] == [
        "Prometheus, part 4: the first benchmark run",  # a notebook post
        "Prometheus, part 3: a software stack that survives upgrades",
        "Prometheus, part 2: taming the fan curves",
        "Introducing Prometheus, my very own deep learning arsenal",
    ]
    assert (demo_site.output / "builds/prometheus/parts.csv").is_file()


def test_first_card_image_is_not_lazy_on_listing_pages(make_site, tmp_path):
    """The first card is above the fold: a lazy image there delays the largest paint
    (Lighthouse's lcp-lazy-loaded). Later cards stay lazy."""
    from PIL import Image

    (tmp_path / "content" / "images").mkdir(parents=True)
    for name in ("a", "b"):
        Image.new("RGB", (640, 360), (90, 120, 160)).save(
            tmp_path / "content" / "images" / f"{name}.jpg"
        )
    post = (
        "---\ntitle: {n}\ncategories: [Rig]\ntags: [gpu]\nbuild: bench\n"
        "image: /images/{n}.jpg\n---\n\nText.\n"
    )
    site = make_site(
        {
            "content/builds/bench.yaml": BUILD,
            "content/posts/2020-01-01-a.md": post.format(n="a"),
            "content/posts/2020-01-02-b.md": post.format(n="b"),
        }
    )
    assert site.result.clean, site.messages()
    for page in ("categories/rig/", "tags/gpu/", "builds/bench/", ""):
        images = site.html(page).select("img.card__image")
        assert [i.get("loading") for i in images] == [None, "lazy"], page
