"""cards: real Pelican builds make a social card for each post without an image, name
it in the page head, cache it by what it shows, and keep text inside the card."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from conftest import build, write_files
from photo_files import photo
from PIL import Image

from plugins.cards.draw import BAR, HEIGHT, PAD_X, WIDTH

BACKGROUND = (0x16, 0x20, 0x2A)  # CardSettings.background
BUILD = """
name: Rig
parts:
  - type: Video Card
    name: NVIDIA GeForce RTX 3060
  - type: CPU
    name: AMD Ryzen 5 5600X
  - type: Memory
    name: 2 x 16 GB kit
    specs: {Capacity: 32 GB}
"""
LONG = (
    "An extremely long title about building a deep learning workstation from scratch, "
    "with every mistake I made along the way, what each one cost, and a "
    "Supercalifragilisticexpialidociouslylongpartnumberthatneverendsatall " * 2
).strip()


def post(title: str, body: str = "Some text.", extra: str = "") -> str:
    return f'---\ntitle: "{title}"\ncategories: [Homelab, GPU]\n{extra}---\n\n{body}\n'


FILES = {
    "content/builds/rig.yaml": BUILD,
    "content/images/desk.jpg": photo(1600, 1000, seed=3),
    "content/posts/2021-01-01-plain.md": post("Plain card", extra="build: rig\n"),
    "content/posts/2021-01-02-with-photo.md": post(
        "Photo card",
        "Text first.\n\n`![not this](/images/nope.jpg)`\n\n"
        '![A desk](/images/desk.jpg "The desk")\n',
    ),
    "content/posts/2021-01-03-has-image.md": post(
        "Has an image", extra="image: /images/desk.jpg\n"
    ),
    "content/posts/2021-01-04-long.md": post(LONG),
    "content/posts/2021-01-05-greek.md": post("Η κατασκευή · Сборка сервера"),
    "content/posts/2021-01-06-cjk.md": post("GPU 日本語 test"),
    "content/posts/2021-01-07-all-cjk.md": post("日本語"),
}


def card_of(site, page: str) -> Path | None:
    meta = site.html(page).find("meta", property="og:image")
    if meta is None or "/images/_cards/" not in meta["content"]:
        return None
    return site.output / meta["content"].split("/images/_cards/")[1].join(["images/_cards/", ""])


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("cards")
    write_files(root, FILES)
    return build(root)


def test_a_post_without_image_gets_a_1200x630_png_card_in_its_head(site):
    page = site.html("2021/01/plain/")
    card = card_of(site, "2021/01/plain/")
    with Image.open(card) as im:
        assert (im.format, im.size) == ("PNG", (1200, 630))
    assert stat.S_IMODE(card.stat().st_mode) == 0o644
    meta = {
        m.get("property") or m.get("name"): m["content"]
        for m in page.find_all("meta")
        if m.get("property") or m.get("name")
    }
    assert meta["og:image:width"] == "1200" and meta["og:image:height"] == "630"
    assert meta["og:image:type"] == "image/png"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == meta["og:image"]
    alt = meta["og:image:alt"]
    assert alt.startswith("Plain card. Rig · ") and "1 January 2021 · Homelab · GPU" in alt
    assert alt == meta["twitter:image:alt"]


def test_a_post_with_an_image_keeps_it_and_gets_no_card(site):
    assert card_of(site, "2021/01/has-image/") is None
    page = site.html("2021/01/has-image/")
    # The post's own photo (a 1200 px variant made by the photos plugin) is the preview.
    assert "images/_v/desk." in page.find("meta", property="og:image")["content"]
    assert page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    names = [p.name for p in (site.output / "images/_cards").iterdir()]
    assert not [n for n in names if n.startswith("has-image")]


def _pixels(path: Path, box) -> set:
    with Image.open(path) as im:
        return {colour for _, colour in im.convert("RGB").crop(box).getcolors(1 << 24)}


def test_the_first_photo_is_the_darkened_background(site):
    plain = card_of(site, "2021/01/plain/")
    photo_card = card_of(site, "2021/01/with-photo/")
    empty_area = (BAR + PAD_X, 400, WIDTH - PAD_X, 470)  # between title and footer
    assert _pixels(plain, empty_area) == {BACKGROUND}
    colours = _pixels(photo_card, empty_area)
    assert len(colours) > 50  # a picture, not a flat colour
    assert max(max(c) for c in colours) <= 0.4 * 255 + 1  # darkened: white text stays legible


def test_a_very_long_title_wraps_and_shrinks_inside_the_card(site):
    card = card_of(site, "2021/01/long/")
    right_margin = (WIDTH - PAD_X + 4, 0, WIDTH, HEIGHT)
    assert _pixels(card, right_margin) == {BACKGROUND}
    text_rows = _pixels(card, (BAR + PAD_X, 150, WIDTH - PAD_X, 420))
    assert len(text_rows) > 10  # the title was drawn


def test_non_latin_text_greek_and_cyrillic_draw_cjk_is_left_out_with_a_warning(site):
    assert card_of(site, "2021/01/greek/") is not None
    assert not [m for m in site.messages() if "greek" in m]
    cjk = [m for m in site.messages() if "posts/2021-01-06-cjk.md:2: " in m]
    assert len(cjk) == 1 and "cannot draw 日 本 語" in cjk[0] and "CARDS_TITLE_FONT" in cjk[0]
    assert card_of(site, "2021/01/cjk/") is not None
    none = [m for m in site.messages() if "posts/2021-01-07-all-cjk.md:2: " in m]
    assert len(none) == 1 and "no social card: the card font (Inter) cannot draw" in none[0]
    page = site.html("2021/01/all-cjk/")
    assert page.find("meta", property="og:image") is None
    assert page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"


def test_cards_are_byte_identical_across_two_clean_builds(tmp_path):
    outputs = []
    for name in ("one", "two"):
        write_files(tmp_path / name, FILES)
        built = build(tmp_path / name)
        folder = built.output / "images/_cards"
        outputs.append({p.name: p.read_bytes() for p in sorted(folder.iterdir())})
    assert len(outputs[0]) == 5  # every post but the one with an image and the all-CJK one
    assert outputs[0] == outputs[1]


def _cards(site) -> dict[str, int]:
    """Published card name -> mtime of its cache file."""
    cache = site.root / "cache" / "cards"
    return {
        p.name: (cache / (p.name.rsplit("-", 1)[1])).stat().st_mtime_ns
        for p in (site.output / "images/_cards").iterdir()
    }


def test_a_card_is_remade_only_when_what_it_shows_changes(tmp_path):
    files = {k: v for k, v in FILES.items() if "cjk" not in k and "long" not in k}
    write_files(tmp_path, files)
    first = _cards(build(tmp_path))
    plain = next(n for n in first if n.startswith("plain-"))
    write_files(
        tmp_path,
        {
            "content/posts/2021-01-01-plain.md": post(
                "Plain card", "Other words entirely.", extra="build: rig\n"
            )
        },
    )
    assert _cards(build(tmp_path)) == first  # body text is not on the card
    write_files(
        tmp_path,
        {"content/posts/2021-01-01-plain.md": post("Plain card, renamed", extra="build: rig\n")},
    )
    renamed = _cards(build(tmp_path))
    assert plain not in renamed  # the old card is gone from the output and the cache
    assert not (tmp_path / "cache/cards" / plain.rsplit("-", 1)[1]).exists()
    new = [n for n in renamed if n.startswith("plain-")]
    assert len(new) == 1 and {k: v for k, v in renamed.items() if k not in new} == {
        k: v for k, v in first.items() if k != plain
    }
    write_files(tmp_path, {"content/images/desk.jpg": photo(1600, 1000, seed=4)})
    photo_changed = _cards(build(tmp_path))
    assert [n for n in photo_changed if n not in renamed] == [
        n for n in photo_changed if n.startswith("with-photo-")
    ]


def test_a_bad_setting_turns_cards_off_and_says_why(tmp_path):
    write_files(tmp_path, {"content/posts/2021-01-01-plain.md": post("Plain card")})
    site = build(tmp_path, CARDS_BACKGROUND="dark-ish")
    assert (
        "pelicanconf.py: CARDS_BACKGROUND must be a colour such as '#16202a', got "
        "'dark-ish'; the site is built without social cards" in site.result.errors
    )
    assert site.html("2021/01/plain/").find("meta", property="og:image") is None
    assert site.html("2021/01/plain/").find("h1").get_text() == "Plain card"


def test_a_file_that_is_not_a_font_turns_cards_off_and_says_why(tmp_path):
    write_files(
        tmp_path,
        {"content/posts/2021-01-01-plain.md": post("Plain card"), "fonts/mine.ttf": "not a font"},
    )
    site = build(tmp_path, CARDS_TITLE_FONT="fonts/mine.ttf")
    assert [e for e in site.result.errors if "social cards" in e] == [
        f"pelicanconf.py: CARDS_TITLE_FONT: {tmp_path / 'fonts/mine.ttf'} is not a TrueType "
        "or OpenType font file (.ttf, .otf); the site is built without social cards"
    ]
    missing = build(tmp_path, CARDS_TEXT_FONT="fonts/none.otf")
    assert any(
        e.startswith("pelicanconf.py: CARDS_TEXT_FONT: cannot read font") and "none.otf" in e
        for e in missing.result.errors
    )
