"""Feeds in local and production builds, linked from every page's head, with
entries a feed reader can show: no scripts, no inline SVG, charts as their tables."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from plugins.feeds.clean import clean_feed_html

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(output) -> dict[str, BeautifulSoup]:
    """Each entry's content by its link."""
    feed = ET.parse(output / "feeds/all.atom.xml").getroot()
    return {
        e.find(f"{ATOM}link").get("href"): BeautifulSoup(
            e.findtext(f"{ATOM}content") or "", "html.parser"
        )
        for e in feed.iter(f"{ATOM}entry")
    }


def test_local_build_has_a_feed_linked_from_the_head(demo_site):
    head = demo_site.html("index.html").head
    link = head.find("link", rel="alternate", type="application/atom+xml")
    assert link["href"] == "/feeds/all.atom.xml"
    assert (demo_site.output / "feeds/all.atom.xml").is_file()
    post = demo_site.html("2020/07/prometheus-build/").head
    assert post.find("link", rel="alternate")["href"] == "/feeds/all.atom.xml"


def test_production_feed_link_is_absolute(test_site):
    link = test_site.html("index.html").head.find("link", rel="alternate")
    assert link["href"] == "https://example.test/blog/feeds/all.atom.xml"


def test_demo_feed_entries_carry_no_scripts_and_keep_the_chart_numbers(demo_site):
    page = demo_site.html("2020/07/prometheus-build/").select_one(".post-body")
    assert page.find("script") is not None and page.find("svg") is not None  # the page has them
    feed = entries(demo_site.output)
    entry = feed["/2020/07/prometheus-build/"]
    for html in feed.values():
        assert html.find(["script", "svg", "style", "template", "button", "details"]) is None
    tables = entry.select("table.bench-table")
    assert len(tables) == len(page.select("table.bench-table")) > 0
    assert "Numbers" in [s.get_text() for s in entry.select("p > strong")]
    assert entry.select("picture img[alt]")  # photos stay


@pytest.mark.parametrize(
    "html, expected",
    [
        (
            '<p>a</p><script src="/x.js"></script><script type="application/ld+json">{}</script>',
            "<p>a</p>",
        ),
        (
            '<figure><svg role="img"><title>t</title></svg><figcaption>c</figcaption></figure>',
            "<figure><figcaption>c</figcaption></figure>",
        ),
        ('<aside><svg aria-hidden="true"></svg><p>Note</p></aside>', "<aside><p>Note</p></aside>"),
        (
            '<details class="bench-data"><summary>Numbers</summary><table><tr><td>1</td></tr></table>'
            "</details>",
            '<div class="bench-data"><p><strong>Numbers</strong></p><table><tr><td>1</td></tr></table>'
            "</div>",
        ),
        ("<noscript><img src=a.jpg alt=a></noscript>", "<img src=a.jpg alt=a>"),
        # Everything else is copied as written: entities, void tags, comments, case.
        (
            "<p>A&nbsp;&#8217;b<br /><!-- <script>x</script> --></p><svg><svg></svg><p>x</p></svg>",
            "<p>A&nbsp;&#8217;b<br /><!-- <script>x</script> --></p>",
        ),
        (
            "<DIV Class=x><SCRIPT>if (a < b) {}</SCRIPT><input type=checkbox>ok</DIV>",
            "<DIV Class=x>ok</DIV>",
        ),
        # A tag inside a comment, CDATA or a quoted attribute is text; nested SVG is skipped whole.
        (
            '<p title="<svg>">t</p><![CDATA[<button>]]><svg><g><svg/></g><svg></svg></svg>x<svg',
            '<p title="<svg>">t</p><![CDATA[<button>]]>x<svg',
        ),
        (
            "<details class='x' data-open=\"open\" open=open>a</details>",
            "<div class='x' data-open=\"open\">a</div>",
        ),
        (
            '<details open class="a&amp;b"><summary class=s>Sum</summary>x</details>',
            '<div class="a&amp;b"><p><strong>Sum</strong></p>x</div>',
        ),
        (
            '<p>keep <a href="/x/">links</a> &amp; text</p>',
            '<p>keep <a href="/x/">links</a> &amp; text</p>',
        ),
        ("", ""),
    ],
)
def test_clean_feed_html(html, expected):
    assert clean_feed_html(html) == expected


def test_a_feed_holds_the_newest_posts_only(make_site):
    """FEED_MAX_ITEMS: readers poll feeds; one with every post ever only grows."""
    posts = {
        f"content/posts/2020-01-{day:02d}-p{day}.md": f"---\ntitle: Post {day}\n---\n\nText {day}.\n"
        for day in range(1, 26)
    }
    site = make_site(posts)
    links = list(entries(site.output))
    assert len(links) == 20
    assert links[0] == "/2020/01/p25/" and "/2020/01/p5/" not in links  # newest first
    assert "/2020/01/p6/" in links
