"""Front matter: parsing units on plain strings, then each bad input through a real build."""

from __future__ import annotations

import datetime as dt

import pytest

from plugins._shared.errors import ContentError
from plugins.front_matter.metadata import permalink_to_url, to_pelican_metadata
from plugins.front_matter.parse import parse_front_matter, split_front_matter, take_h1_title

FASTPAGES = """---
toc: true
layout: post
description: An RTX 2070 Super/ Ryzen 7 3700X/ 32 Gb workstation.
categories: [Workstation Setup]
title: Introducing Prometheus, my very own deep learning arsenal.
---

Body line one.
"""


def identity(name, value):
    return value


def test_fastpages_front_matter_is_read_as_written():
    front = parse_front_matter(FASTPAGES)
    assert front.values["title"] == "Introducing Prometheus, my very own deep learning arsenal."
    assert front.values["toc"] is True
    assert front.values["categories"] == ["Workstation Setup"]
    assert front.body_offset == 7
    assert front.body.strip() == "Body line one."
    assert front.key_lines["categories"] == 5


def test_pelican_headers_are_front_matter_too():
    front = parse_front_matter("Title: x\nTags: a, b\n    c\nSlug: s\n\nbody")
    assert front.values == {"title": "x", "tags": "a, b c", "slug": "s"}
    assert front.key_lines == {"title": 1, "tags": 2, "slug": 4}
    assert (front.body, front.body_offset) == ("\nbody", 4)


def test_no_front_matter_at_all_is_an_empty_one():
    front = parse_front_matter("# Just a heading\n\nbody")
    assert (front.values, front.body_offset) == ({}, 0)
    assert split_front_matter("just text") == (None, "just text", 0)


def test_broken_yaml_names_the_file_line():
    text = "---\ntitle: ok\ncategories: [a, b\ntoc: true\n---\nbody\n"
    with pytest.raises(ContentError) as caught:
        parse_front_matter(text)
    assert caught.value.line == 3  # where the unclosed '[' opened
    assert "not valid YAML" in caught.value.message
    assert "closing bracket or quote missing" in caught.value.message


def test_yaml_error_in_the_middle_points_at_the_bad_line():
    with pytest.raises(ContentError) as caught:
        parse_front_matter("---\ntitle: ok\ntoc: true\n  bad: indent\ndescription: x\n---\n")
    assert caught.value.line == 4


def test_unclosed_front_matter_is_an_error_on_line_1():
    with pytest.raises(ContentError, match="never closed") as caught:
        parse_front_matter("---\ntitle: x\n\nbody\n")
    assert caught.value.line == 1


def test_front_matter_must_be_a_mapping():
    with pytest.raises(ContentError, match="must be 'key: value'") as caught:
        parse_front_matter("---\n- a\n- b\n---\n")
    assert caught.value.line == 2


def test_yaml_is_loaded_safely():
    with pytest.raises(ContentError, match="not valid YAML"):
        parse_front_matter("---\ntitle: !!python/object/apply:os.system ['true']\n---\n")


def test_duplicate_keys_are_reported_with_their_line():
    front = parse_front_matter("---\nhide: false\ntoc: true\nhide: true\n---\n")
    assert [(d.key, d.line, d.first_line) for d in front.duplicates] == [("hide", 4, 2)]
    assert front.values["hide"] is True


def test_title_from_first_h1_outside_code_is_taken_once():
    body = "```\n# not this\n```\n\n# The Title\n\nText\n"
    title, rest = take_h1_title(body)
    assert title == "The Title"
    assert "# The Title" not in rest and "# not this" in rest
    assert rest.count("\n") == body.count("\n")  # line numbers unchanged


@pytest.mark.parametrize(
    "value, expected",
    [
        ("/codespaces", ("codespaces/", "codespaces/index.html")),
        ("/a/b/", ("a/b/", "a/b/index.html")),
        ("/2020/x.html", ("2020/x.html", "2020/x.html")),
    ],
)
def test_permalink_becomes_url_and_save_as(value, expected):
    assert permalink_to_url(value, 3) == expected


@pytest.mark.parametrize(
    "value", ["/../etc/passwd", "https://evil.example/x", "//evil.example/x", 5]
)
def test_unsafe_permalink_is_refused(value):
    with pytest.raises(ContentError, match="permalink") as caught:
        permalink_to_url(value, 3)
    assert caught.value.line == 3


@pytest.mark.parametrize(
    "values, message",
    [
        ({"toc": "maybe"}, "'toc' must be true or false"),
        ({"categories": {"a": 1}}, "'categories' must be a list"),
        ({"sticky_rank": "first"}, "'sticky_rank' must be a whole number"),
        ({"title": ["a"]}, "'title' must be text"),
        ({"date": 5}, "'date' must be a date"),
    ],
)
def test_wrong_types_name_the_key_and_line(values, message):
    key = next(iter(values))
    with pytest.raises(ContentError, match=message) as caught:
        to_pelican_metadata(values, {key: 6}, identity)
    assert caught.value.line == 6


def test_categories_accept_a_comma_string_and_unknown_keys_are_kept():
    meta = to_pelican_metadata(
        {
            "categories": "Homelab, Networking",
            "badges": True,
            "my_key": [1, 2],
            "date": dt.date(2020, 1, 2),
        },
        {},
        identity,
    )
    assert meta["categories"] == ["Homelab", "Networking"]
    assert meta["badges"] is True and meta["my_key"] == [1, 2]
    assert meta["date"] == "2020-01-02"


# --- the same problems through a real build -----------------------------------------

GOOD = "---\ntitle: Fine\ndescription: d\n---\n\nText.\n"


def test_broken_yaml_logs_file_line_and_the_rest_of_the_site_builds(make_site):
    site = make_site(
        {
            "content/posts/2020-01-01-good.md": GOOD,
            "content/posts/2020-01-02-x.md": "---\ntitle: Broken\ncategories: [a, b\ntoc: true\n---\n",
        }
    )
    assert any(
        "content/posts/2020-01-02-x.md:3: front matter is not valid YAML" in m
        for m in site.result.errors
    ), site.result.errors
    assert (site.output / "2020/01/good/index.html").exists()
    assert not site.result.ok


def test_missing_title_and_h1_is_an_error(make_site):
    site = make_site(
        {"content/posts/2020-01-01-untitled.md": "---\ndescription: d\n---\n\nNo heading.\n"}
    )
    assert any("2020-01-01-untitled.md:1: no title" in m for m in site.result.errors), (
        site.result.errors
    )


def test_duplicate_key_is_a_warning_with_line(make_site):
    site = make_site({"content/posts/2020-01-01-dup.md": "---\ntitle: A\ntitle: B\n---\n\nx\n"})
    assert site.result.ok
    assert any(
        "2020-01-01-dup.md:3: duplicate front matter key 'title'" in m for m in site.result.warnings
    ), site.result.warnings
    assert site.html("2020/01/dup/").find("h1").get_text() == "B"


def test_wrong_type_in_a_post_names_file_and_line(make_site):
    site = make_site({"content/posts/2020-01-01-t.md": "---\ntitle: A\n\ntoc: perhaps\n---\n\nx\n"})
    assert any("2020-01-01-t.md:4: 'toc' must be true or false" in m for m in site.result.errors)


def test_user_text_in_front_matter_is_escaped(make_site):
    site = make_site(
        {
            "content/posts/2020-01-01-xss.md": '---\ntitle: "<script>alert(1)</script> & co"\n'
            'description: "<img src=x onerror=alert(1)>"\n---\n\nx\n'
        }
    )
    page = site.html("2020/01/xss/")
    assert page.find("script", string=lambda s: s and "alert(1)" in s) is None
    assert page.find("img", src="x") is None
    # Inline HTML in front matter is reduced to its text (fastpages posts put links
    # there), and what is left is escaped.
    assert page.find("h1").get_text() == "alert(1) & co"
    assert (
        page.find("meta", attrs={"name": "description"}) is None
        or "<img" not in page.find("meta", attrs={"name": "description"})["content"]
    )


def test_angle_brackets_that_are_not_tags_are_escaped_text(make_site):
    site = make_site(
        {
            "content/posts/2020-01-01-lt.md": '---\ntitle: "5 < 6 & 7 > 3"\ndescription: "a <= b"\n---\n\nx\n'
        }
    )
    page = site.html("2020/01/lt/")
    assert page.find("h1").get_text() == "5 < 6 & 7 > 3"
    assert "5 &lt; 6 &amp; 7 &gt; 3" in (site.output / "2020/01/lt/index.html").read_text()
