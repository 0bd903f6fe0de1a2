"""End to end: tests/site built with real Pelican and production settings, read back
with BeautifulSoup."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from conftest import text_of

POST = "2021/03/first-boot/"


def test_test_site_builds_without_any_warning(test_site):
    assert test_site.result.clean, test_site.messages()


def test_title_description_and_social_meta(test_site):
    page = test_site.html(POST)
    assert page.find("h1").get_text() == "First boot of the test rig"
    assert page.title.get_text().startswith("First boot of the test rig")
    description = "The first boot of the test machine & what went wrong."
    assert page.find("meta", attrs={"name": "description"})["content"] == description
    assert page.find("meta", property="og:description")["content"] == description
    assert page.find("meta", property="og:url")["content"] == "https://example.test/blog/" + POST
    assert page.find("link", rel="canonical")["href"] == "https://example.test/blog/" + POST


def test_date_and_slug_come_from_the_file_name(test_site):
    page = test_site.html(POST)
    published = page.select_one(".post-meta time")
    assert published["datetime"].startswith("2021-03-04")
    assert "updated" in text_of(page.select_one(".post-meta"))
    assert page.select(".post-meta time")[1]["datetime"].startswith("2021-03-10")


def test_each_category_has_a_page_and_the_post_links_to_all(test_site):
    page = test_site.html(POST)
    links = [a["href"] for a in page.select(".post-header .chips a")]
    assert links == [
        "https://example.test/blog/categories/workstation-setup/",
        "https://example.test/blog/categories/linux/",
    ]
    for slug in ("workstation-setup", "linux", "homelab", "networking", "notes"):
        listing = test_site.html(f"categories/{slug}/")
        assert listing.select(".card"), slug
    linux = test_site.html("categories/linux/")
    assert [a.get_text() for a in linux.select(".card__title a")] == ["First boot of the test rig"]


def test_toc_links_every_h2_and_h3_to_an_existing_unique_id(test_site):
    page = test_site.html(POST)
    toc_links = [a["href"] for a in page.select(".toc a")]
    headings = page.select(".post-body h2, .post-body h3")
    assert len(headings) == 4
    assert toc_links == ["#" + h["id"] for h in headings]
    ids = [h["id"] for h in headings]
    assert len(set(ids)) == len(ids)
    for heading in headings:
        link = heading.select_one("a.heading-link")
        assert link["href"] == "#" + heading["id"]
        assert link["aria-label"].startswith("Link to section: ")


def test_no_toc_without_toc_true(test_site):
    assert test_site.html("homelab/2021/old-address.html").select(".toc") == []


def test_hidden_post_is_built_but_absent_from_index_feed_and_categories(test_site):
    assert (test_site.output / "2021/02/secret-draft-notes/index.html").exists()
    index = test_site.html("index.html")
    assert "Hidden notes" not in index.get_text()
    assert "Hidden notes" not in test_site.html("categories/workstation-setup/").get_text()
    feed = (test_site.output / "feeds/all.atom.xml").read_text()
    assert "Hidden notes" not in feed and "First boot of the test rig" in feed
    assert "secret-draft-notes" not in (test_site.output / "sitemap.xml").read_text()


def test_permalink_is_the_page_url(test_site):
    page = test_site.html("homelab/2021/old-address.html")
    assert page.find("h1").get_text() == "A post with a permalink"
    index = test_site.html("index.html")
    assert index.find("a", href="https://example.test/blog/homelab/2021/old-address.html")


def test_title_from_h1_is_shown_once_and_sticky_post_is_first(test_site):
    page = test_site.html("2020/12/no-title-key/")
    assert [h.get_text() for h in page.find_all("h1")] == ["Title from the heading"]
    cards = test_site.html("index.html").select(".card__title a")
    assert cards[0].get_text() == "Title from the heading"
    assert "card--pinned" in test_site.html("index.html").select(".card")[0]["class"]


def test_pelican_style_header_takes_the_same_path_as_front_matter(test_site):
    page = test_site.html("2020/11/pelican-style/")
    assert page.find("h1").get_text() == "A Pelican-style post"
    assert page.select_one(".post-description") is None
    assert [a.get_text() for a in page.select(".toc a")] == ["First part", "Second part"]
    link = page.select_one("h2 a.heading-link")
    assert link["aria-label"] == "Link to section: First part"  # the a11y extension ran
    assert page.select_one(".post-body pre")["tabindex"] == "0"
    assert (
        page.find("meta", attrs={"name": "description"})["content"]
        == "Written with Pelican's own header."
    )


def test_markdown_features(test_site):
    body = test_site.html(POST).select_one(".post-body")
    assert body.select("table td")[0].get_text() == "3700X"
    assert body.select_one(".footnote") is not None
    assert body.select_one("div.highlight pre")["tabindex"] == "0"
    assert "“Curly quotes” and ‘single ones’" in body.get_text()
    assert (
        body.find("center") is None and body.select_one("div.center").get_text() == "Centred text"
    )
    assert body.find("a", string="a link")["href"] == "https://example.com/"


def test_authors_reading_time_and_tags(test_site):
    page = test_site.html(POST)
    meta = text_of(page.select_one(".post-meta"))
    assert "By Ada Builder, Grace Tester" in meta and "min read" in meta
    assert [a.get_text() for a in page.select(".post-footer .chips a")] == ["#boot", "#bios"]
    assert (test_site.output / "tags/bios/index.html").exists()


def test_feed_sitemap_robots_404_and_favicon(test_site):
    ET.parse(test_site.output / "feeds/all.atom.xml")
    sitemap = ET.parse(test_site.output / "sitemap.xml").getroot()
    locs = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "https://example.test/blog/" + POST in locs
    assert (
        "Sitemap: https://example.test/blog/sitemap.xml"
        in (test_site.output / "robots.txt").read_text()
    )
    assert test_site.html("404.html").find("h1").get_text() == "Page not found"
    assert (test_site.output / "theme/favicon.svg").exists()


def test_pages_have_landmarks_and_a_skip_link(test_site):
    page = test_site.html(POST)
    assert page.select_one("a.skip-link")["href"] == "#main"
    assert page.find("main", id="main") and page.find("header") and page.find("footer")
    assert page.find("nav", attrs={"aria-label": "Site"})
    assert page.find("html")["lang"] == "en"
