"""Every fastpages Markdown construct builds: includes, tweets, raw, kramdown
attributes, emoji, footnotes; leftover Liquid is a warning at file:line."""

from __future__ import annotations

import pytest
from conftest import text_of
from photo_files import photo

from plugins._shared.errors import ContentError
from plugins.fastpages_compat.liquid import include_end, parse_include, tweet_author, youtube_id

POST = """---
title: Constructs
---
{% include image.html file="/images/case.jpg" alt="The case" caption="Fractal Define 7" %}

{% include image.html file="/images/case.jpg" alt="Linked" url="https://example.com/case" %}

{% include youtube.html content="https://youtu.be/Ll50l3fsoYs?t=42" %}

{% include video.html url="https://example.com/demo.mp4" %}

{% include video.html url="/images/clip.mp4" %}

<center>{% twitter https://twitter.com/someone/status/123 %}</center>

{% raw %}
Literal {{ site.title }} and {% foo %} stay as written.
{% endraw %}

A [link](https://example.com){:target="_blank"} and :rocket: but `:rocket:` in code.

Lift-off :tada: on a line of its own.

<center>Centred alone</center>

Lead paragraph.
{: .lead}

See the note{% fn 1 %}.

{{ "Footnote from fastpages." | fndetail: 1 }}

![]({{ site.baseurl }}/images/case.jpg "Motherboard,
processor, and fan installed.")

{% include tip.html content="One-liners:<br>
<pre># sgdisk -o
# sgdisk -n 1</pre>
Done." %}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from conftest import build, write_files

    root = tmp_path_factory.mktemp("fastpages-compat")
    write_files(
        root,
        {
            "content/posts/2021-05-01-constructs.md": POST,
            "content/images/case.jpg": photo(1600, 1200),
            "content/images/clip.mp4": b"\x00\x00\x00\x18ftypmp42",
            "content/pages/about.md": "---\ntitle: About\n---\nHi.\n",
        },
    )
    # A video is published only once its author has cleaned it (photos' statics rule).
    return build(root, STATIC_PUBLISH_AS_IS=["images/clip.mp4"])


def test_builds_clean(site):
    assert site.result.clean, site.messages()


def test_image_include_goes_through_the_photo_pipeline(site):
    body = site.html("2021/05/constructs/").select_one(".post-body")
    figure = body.select("figure.photo")[0]
    assert figure.find("img")["alt"] == "The case"
    assert figure.figcaption.get_text(strip=True) == "Fractal Define 7"
    assert figure.find("source", type="image/webp")
    linked = body.find("a", href="https://example.com/case")
    assert linked.find("img", alt="Linked")


def test_videos_load_nothing_until_asked(site):
    body = site.html("2021/05/constructs/").select_one(".post-body")
    assert not body.find("iframe")
    play = body.select_one("a.embed-play")
    assert play["href"] == "https://www.youtube.com/watch?v=Ll50l3fsoYs&t=42s"
    assert play["data-embed"].startswith("https://www.youtube-nocookie.com/embed/Ll50l3fsoYs")
    assert body.find("script", src=lambda s: s and s.endswith("/js/embeds.js"))
    videos = body.select("video")
    assert [v["src"] for v in videos] == ["https://example.com/demo.mp4", "/images/clip.mp4"]
    assert all(v.has_attr("controls") and v["preload"] == "none" for v in videos)


def test_tweets_raw_kramdown_emoji_and_footnotes(site):
    body = site.html("2021/05/constructs/").select_one(".post-body")
    center = body.select_one("div.center")
    assert (
        center.find("a", href="https://twitter.com/someone/status/123").get_text()
        == "A post by @someone on X/Twitter"
    )
    assert "Literal {{ site.title }} and {% foo %} stay as written." in text_of(body)
    assert body.find("a", href="https://example.com")["target"] == "_blank"
    assert body.find("p", class_="lead").get_text() == "Lead paragraph."
    assert "🚀" in text_of(body) and body.find("code", string=":rocket:")
    # lines whose only trigger is an emoji's ":" or a "<center>"
    assert "Lift-off 🎉 on a line of its own." in text_of(body)
    assert [d.get_text() for d in body.select("div.center")][-1] == "Centred alone"
    assert text_of(body.select_one(".footnote li")).startswith("Footnote from fastpages.")
    text = text_of(body)
    assert "{:" not in text and "{%" not in text.replace("{% foo %}", "")
    assert "site.baseurl" not in str(body)


def test_multi_line_image_title_and_callout(site):
    body = site.html("2021/05/constructs/").select_one(".post-body")
    figure = [f for f in body.select("figure.photo") if "Motherboard" in f.get_text()][0]
    caption = "Motherboard, processor, and fan installed."
    assert figure.figcaption.get_text(strip=True) == caption
    assert figure.find("img")["alt"] == caption and figure.find("source", type="image/webp")
    tip = body.select_one("aside.callout.tip")
    assert tip.select_one("pre").get_text() == "# sgdisk -o\n# sgdisk -n 1"
    assert "Done." in tip.get_text()


def test_unknown_liquid_is_a_warning_at_its_line(make_site):
    site = make_site(
        {
            "content/posts/2021-05-02-x.md": (
                "---\ntitle: X\n---\nText {% highlight ruby %} here.\n\n{{ page.title }}\n\n"
                '{% include hc.html header="/etc/hosts" body="127.0.0.1\n::1" %}\n\n'
                "`{% in code %}` is fine.\n"
            )
        }
    )
    warnings = site.result.warnings
    assert any("2021-05-02-x.md:4: unknown Liquid tag {% highlight %}" in w for w in warnings)
    assert any(
        "2021-05-02-x.md:6: Liquid output {{ page.title }} is not supported" in w for w in warnings
    )
    assert any("2021-05-02-x.md:8: unknown include hc.html" in w for w in warnings)
    assert len(warnings) == 3, warnings
    assert "{% highlight ruby %}" in text_of(site.html("2021/05/x/").select_one(".post-body"))


def test_bad_includes_are_errors_at_their_line(make_site):
    site = make_site(
        {
            "content/posts/2021-05-03-y.md": (
                '---\ntitle: Y\n---\n{% include youtube.html content="https://example.com/v" %}\n\n'
                '{% include video.html url="/images/missing.mp4" %}\n\n'
                '{% include image.html alt="no file" %}\n'
            )
        }
    )
    errors = "\n".join(site.result.errors)
    assert "2021-05-03-y.md:4: {% include youtube.html %}: cannot find a YouTube video" in errors
    assert "2021-05-03-y.md:6: video not found: /images/missing.mp4" in errors
    assert "2021-05-03-y.md:8: {% include image.html %} needs file=" in errors
    assert len(site.html("2021/05/y/").select(".build-error")) == 3


@pytest.mark.parametrize(
    "content, expected",
    [
        ("https://youtu.be/Ll50l3fsoYs", ("Ll50l3fsoYs", 0)),
        ("https://www.youtube.com/watch?v=XfoYk_Z5AkI&t=90", ("XfoYk_Z5AkI", 90)),
        ("https://www.youtube.com/embed/XfoYk_Z5AkI", ("XfoYk_Z5AkI", 0)),
        ('<a href="https://youtu.be/Ll50l3fsoYs">video</a>', ("Ll50l3fsoYs", 0)),
        ("<code>Ll50l3fsoYs</code>", ("Ll50l3fsoYs", 0)),
    ],
)
def test_youtube_ids(content, expected):
    assert youtube_id(content, 1) == expected


def test_includes_parse_over_lines_and_quotes():
    lines = ['{% include note.html content="a %} inside', 'quotes" %}', "after"]
    assert include_end(lines, 0) == 1
    assert include_end(['{% include note.html content="never closed'], 0) is None
    include = parse_include("\n".join(lines[:2]), 1)
    assert include.name == "note" and include.args == {"content": "a %} inside\nquotes"}
    with pytest.raises(ContentError, match="cannot read") as error:
        parse_include('{% include image.html file=" %}', 7)
    assert error.value.line == 7
    assert tweet_author("https://x.com/ada/status/1") == "@ada"
