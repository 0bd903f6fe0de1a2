"""cards: which photo a card shows, and what its key depends on, on plain strings."""

from __future__ import annotations

from plugins.cards.plan import card_key, card_text, first_photo, resolve_photo


def test_first_photo_is_the_first_local_jpeg_png_or_webp_outside_code():
    text = "\n".join(
        [
            "Intro with `![in code](/images/code.jpg)` and a ![remote](https://x.test/a.jpg).",
            "```",
            "![fenced](/images/fenced.jpg)",
            "```",
            "",
            "    ![indented code](/images/indented.jpg)",
            "",
            'A diagram ![svg](/images/d.svg) then ![fastpages]({{ site.baseurl }}/images/logo.png "t")',
            "![later](/images/later.jpg)",
        ]
    )
    assert first_photo(text) == "/images/logo.png"
    assert first_photo('<p><img alt="" src="pics/board.webp"></p>') == "pics/board.webp"
    assert first_photo("No pictures at all.") is None


def test_photo_paths_resolve_like_the_photos_plugin(tmp_path):
    content = tmp_path / "content"
    post = content / "posts" / "2021-01-01-x.md"
    assert resolve_photo("/images/a.jpg", post, content) == content / "images/a.jpg"
    assert resolve_photo("{static}/images/a.jpg", post, content) == content / "images/a.jpg"
    assert resolve_photo("pics/b.png", post, content) == content / "posts/pics/b.png"
    assert resolve_photo("../../../etc/c.jpg", post, content) is None


def test_the_key_follows_what_the_card_shows_and_nothing_else():
    text = card_text("site", "Title", "1 May 2021", ["A", "B"], "Rig", "RTX 3060 / 32 GB")
    assert text.build == "Rig · RTX 3060 / 32 GB" and text.meta == "1 May 2021 · A · B"
    assert text.alt == "Title. Rig · RTX 3060 / 32 GB. 1 May 2021 · A · B. site"
    key = card_key(text, "photo1", ["font", "#000"])
    assert key == card_key(text, "photo1", ["font", "#000"])
    renamed = card_text("site", "Title 2", "1 May 2021", ["A", "B"], "Rig", "RTX 3060 / 32 GB")
    assert (
        len(
            {
                key,
                card_key(renamed, "photo1", ["font", "#000"]),
                card_key(text, "photo2", ["font", "#000"]),
                card_key(text, "photo1", ["font", "#fff"]),
            }
        )
        == 4
    )
    assert card_text("s", "t", "d", [], "Rig", "Rig").build == "Rig"  # no "Rig · Rig"
