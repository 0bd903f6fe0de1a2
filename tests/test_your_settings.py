"""Every setting README calls yours shows in the built site, and DEFAULT_CATEGORY
files posts that name no category."""

from __future__ import annotations

from conftest import text_of

PLAIN = {
    "content/posts/2020-01-01-plain.md": "---\ntitle: Plain\ndescription: d\n---\nNo "
    "categories, no tags.\n"
}


def test_name_subtitle_author_and_social_links_show(make_site):
    site = make_site(
        PLAIN,
        SITENAME="Sam's rack",
        SITESUBTITLE="Racks, part by part",
        AUTHOR="Sam Doe",
        SOCIAL_LINKS=(("GitHub", "https://github.com/sam"), ("Mail", "mailto:sam@example.com")),
    )
    assert site.result.clean, site.messages()
    home = site.html("index.html")
    assert home.title.get_text() == "Sam's rack"
    assert text_of(home.select_one(".lede")) == "Racks, part by part"
    links = home.select("footer .social-links a")
    assert [(a.get_text(), a["href"], a["rel"]) for a in links] == [
        ("GitHub", "https://github.com/sam", ["me"]),
        ("Mail", "mailto:sam@example.com", ["me"]),
    ]
    assert home.select_one("footer .social-links")["aria-label"] == "Sam Doe elsewhere"
    assert "© Sam Doe" in text_of(home.select_one("footer"))
    post = site.html("2020/01/plain/")
    assert "By Sam Doe" in text_of(post.select_one(".post-meta"))  # AUTHOR is the default byline


def test_no_social_links_no_list(make_site):
    site = make_site(PLAIN, SOCIAL_LINKS=())
    assert site.html("index.html").select_one(".social-links") is None


def test_default_category_not_the_folder_name(make_site):
    site = make_site(PLAIN)
    post = site.html("2020/01/plain/")
    assert [a.get_text() for a in post.select(".post-header .chips a")] == ["Notes"]
    assert (site.output / "categories/notes/index.html").is_file()
    assert not (site.output / "categories/posts").exists()


def test_tags_in_the_navigation_once_a_post_has_tags(make_site, tmp_path):
    site = make_site(PLAIN)
    nav = [a.get_text() for a in site.html("index.html").select(".site-nav a")]
    assert "Tags" not in nav
    tagged = make_site(
        {"content/posts/2020-01-02-tagged.md": "---\ntitle: Tagged\ntags: [gpu]\n---\nTagged.\n"}
    )
    nav = {a.get_text(): a["href"] for a in tagged.html("index.html").select(".site-nav a")}
    assert nav["Tags"] == "/tags/"
    assert (tagged.output / "tags/index.html").is_file()
