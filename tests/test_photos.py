"""Photos: parsing, the image pipeline (widths, formats, orientation, privacy, cache)
and the HTML, through real Pelican builds of small sites."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import build, write_files
from photo_files import EXIFTOOL, add_gps_and_camera, bomb_png, photo, private_tags
from PIL import Image
from tools import require_tool

from plugins._shared.errors import ContentError
from plugins.photos.parse import Broken, pairs, parse_image, scan
from plugins.photos.variants import plan_widths

POST = "content/posts/2020-01-01-photos.md"
PAGE = "2020/01/photos/"
BODY = """\
---
title: Photos
---

Intro text.

![](/images/a.jpg "Case on the desk")

![Two](/images/b.jpg "B")
![Rotated phone photo]({static}/images/rot.jpg)

{% beforeafter Cables %}
![Before](/images/a.jpg "Messy")
![After](/images/c.png "Tidy")
{% endbeforeafter %}

![](local.jpg)

![Remote](https://example.com/x.jpg "Elsewhere")
"""


# ---- parse -------------------------------------------------------------------------


def test_parse_image_line():
    ref = parse_image('![Alt \\] text](/images/x.jpg "Cap")', 3)
    assert (ref.alt, ref.src, ref.title, ref.line) == ("Alt ] text", "/images/x.jpg", "Cap", 3)
    assert parse_image("text ![a](b.jpg)", 1) is None


def test_scan_shapes_and_labels():
    lines = [
        "## Before",
        "",
        "![](a.jpg)",
        "",
        "## After",
        "",
        "![](b.jpg)",
        "![](c.jpg)",
        "",
        "```",
        "![](d.jpg)",
        "```",
        "",
        "![](e.jpg)",
    ]
    kinds = [(b.kind, b.label, len(b.images)) for b in scan(lines)]
    assert kinds == [("gallery", "Before", 1), ("gallery", "After", 2), ("figure", "", 1)]


def test_odd_pair_count_names_the_line():
    blocks = scan(
        ["{% beforeafter X %}", "![](a.jpg)", "![](b.jpg)", "![](c.jpg)", "{% endbeforeafter %}"]
    )
    with pytest.raises(ContentError) as info:
        pairs(blocks[0])
    assert "pairs, got 3" in info.value.message and info.value.line == 4


def test_unclosed_and_stray_text():
    broken = scan(["", "{% beforeafter %}", "![](a.jpg)"])[0]
    assert isinstance(broken, Broken) and broken.error.line == 2
    assert "never closed" in broken.error.message
    [stray] = scan(["{% beforeafter %}", "words", "{% endbeforeafter %}"])[:1]
    assert isinstance(stray, Broken) and stray.error.line == 2


def test_widths_never_upscale():
    assert plan_widths(4000, (480, 960, 1600)) == (480, 960, 1600)
    assert plan_widths(1200, (480, 960, 1600)) == (480, 960, 1200)
    assert plan_widths(300, (480, 960, 1600)) == (300,)


# ---- a whole site ------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("photos")
    write_files(
        root,
        {
            POST: BODY,
            "content/images/a.jpg": photo(1200, 900),
            "content/images/b.jpg": photo(2000, 1500, seed=2),
            "content/images/rot.jpg": photo(1200, 900, orientation=6, seed=3),
            "content/images/c.png": photo(1200, 800, fmt="PNG", alpha=True, seed=4),
            "content/images/unused.jpg": photo(640, 480, seed=5),
            "content/posts/local.jpg": photo(500, 400, seed=6),
        },
    )
    if EXIFTOOL:
        add_gps_and_camera(root / "content/images/a.jpg")
        add_gps_and_camera(root / "content/images/unused.jpg")
    return build(root)


def shown(site, messages: list[str]) -> list[str]:
    """Messages with the temp folder taken off (tests run outside the site folder)."""
    return [m.replace(f"{site.root}/", "") for m in messages]


def test_messages_name_file_and_line(site):
    assert site.result.errors == []
    assert shown(site, site.result.warnings) == [
        f"{POST}:13: before and after photos differ in shape (1200x900 vs 1200x800); "
        "crop them alike so the slider lines up",
        f"{POST}:17: image local.jpg has neither alt text nor a title; describe it: "
        "![what it shows](local.jpg)",
    ]


def test_figure_alt_from_title_and_caption(site):
    figure = site.html(PAGE).find("figure", class_="photo")
    img = figure.find("img")
    assert img["alt"] == "Case on the desk"
    assert figure.figcaption.get_text() == "Case on the desk"


def test_every_local_img_has_size_srcset_and_laziness(site):
    soup = site.html(PAGE)
    imgs = soup.select(".post-body img") or soup.select("img")
    local = [i for i in imgs if not i["src"].startswith("https://")]
    assert len(local) == 6
    for img in local:
        assert int(img["width"]) > 0 and int(img["height"]) > 0
        assert img.find_parent("picture").find("source", type="image/webp")["srcset"]
    assert "loading" not in local[0].attrs and "decoding" not in local[0].attrs
    assert all(i["loading"] == "lazy" and i["decoding"] == "async" for i in imgs[1:])
    remote = soup.find("img", src="https://example.com/x.jpg")
    assert remote["alt"] == "Remote" and remote.find_parent("figure").figcaption.text == "Elsewhere"


def test_variants_widths_and_formats(site):
    soup = site.html(PAGE)
    srcset = soup.find("img", alt="Two")["srcset"]
    widths = [int(w) for w in re.findall(r" (\d+)w", srcset)]
    assert widths == [480, 960, 1600]
    for url in re.findall(r"(\S+) \d+w", srcset):
        path = site.output / url.lstrip("/")
        assert path.is_file() and path.with_suffix(".webp").is_file()
        with Image.open(path) as im, Image.open(path.with_suffix(".webp")) as webp:
            assert im.format == "JPEG" and webp.format == "WEBP" and im.size == webp.size
            assert im.width == int(re.search(r"\.(\d+)\.jpg$", url)[1])
    png = soup.find("img", alt="After")["srcset"]  # alpha PNG: PNG fallback
    assert ".png 480w" in png


def test_exif_orientation_applied(site):
    img = site.html(PAGE).find("img", alt="Rotated phone photo")
    assert (img["width"], img["height"]) == ("900", "1200")
    path = site.output / img["src"].lstrip("/")
    with Image.open(path) as im:
        assert im.height > im.width
    with Image.open(site.output / "images/rot.jpg") as full:
        assert full.size == (900, 1200) and 0x0112 not in full.getexif()


def test_no_metadata_in_any_published_image(site):
    require_tool("exiftool")
    published = [p for p in (site.output / "images").rglob("*") if p.is_file()]
    assert len(published) > 20
    assert (site.output / "images/unused.jpg").is_file()  # static, unreferenced: stripped too
    assert (site.output / "posts/local.jpg").is_file()  # next to its post
    leaks = {p.name: private_tags(p) for p in published if private_tags(p)}
    assert leaks == {}
    # The sources really had them (so the test proves something).
    assert any("GPS" in t for t in private_tags(site.root / "content/images/a.jpg"))


def test_full_size_jpeg_is_lossless(site):
    """No re-encoding for an upright JPEG: the pixels are the author's."""
    with (
        Image.open(site.root / "content/images/a.jpg") as a,
        Image.open(site.output / "images/a.jpg") as b,
    ):
        assert a.tobytes() == b.tobytes()


def test_gallery_links_to_full_image(site):
    soup = site.html(PAGE)
    link = soup.select_one(".gallery .gallery__link")
    assert link["href"] == "/images/b.jpg"
    assert len(soup.find_all("script", src=re.compile("photos.js"))) == 1


def test_compare_markup(site):
    box = site.html(PAGE).select_one(".beforeafter .compare")
    labels = [s.get_text() for s in box.select(".compare__label")]
    assert labels == ["Before", "After"]
    assert box["data-title"] == "Cables"


# ---- cache -------------------------------------------------------------------------


def _cache_state(root: Path) -> dict:
    return {p: p.stat().st_mtime_ns for p in (root / "cache/photos/files").rglob("*")}


def test_cache_hits_text_edits_and_settings(tmp_path):
    write_files(
        tmp_path,
        {
            POST: "---\ntitle: T\n---\n\n![A](/images/a.jpg)\n",
            "content/images/a.jpg": photo(800, 600),
        },
    )
    first = build(tmp_path)
    assert first.result.clean
    made = _cache_state(tmp_path)
    out = tmp_path / "output/images/a.jpg"
    out_stamp = out.stat().st_mtime_ns
    write_files(tmp_path, {POST: "---\ntitle: T\n---\n\nNew words.\n\n![A](/images/a.jpg)\n"})
    assert build(tmp_path).result.clean
    assert _cache_state(tmp_path) == made and out.stat().st_mtime_ns == out_stamp
    build(tmp_path, PHOTOS_WEBP_QUALITY=60)
    remade = _cache_state(tmp_path)
    assert len(remade) == len(made) and not remade.keys() & made.keys()  # new key, old pruned
    write_files(tmp_path, {"content/images/a.jpg": photo(800, 600, seed=9)})
    build(tmp_path)
    assert len(_cache_state(tmp_path)) == len(made)


def test_keep_camera_fields_setting(tmp_path):
    require_tool("exiftool")
    write_files(
        tmp_path,
        {
            POST: "---\ntitle: T\n---\n\n![A](/images/a.jpg)\n",
            "content/images/a.jpg": photo(800, 600),
        },
    )
    add_gps_and_camera(tmp_path / "content/images/a.jpg")
    site = build(tmp_path, PHOTOS_KEEP_CAMERA_EXIF=True)
    assert site.result.clean
    for path in (tmp_path / "output/images").rglob("*.jpg"):
        tags = private_tags(path)
        assert "EXIF:Make" in tags and "EXIF:FNumber" in tags, path
        assert not [t for t in tags if "GPS" in t or "Artist" in t or t.startswith(("XMP", "IPTC"))]


# ---- bad input ---------------------------------------------------------------------

BAD = """\
---
title: Bad
---

![Missing](/images/nope.jpg)

![Truncated](/images/trunc.jpg)

![Bomb](/images/bomb.png)

![Text](/images/text.jpg)

![Pcx](/images/pic.pcx)

![Fine](/images/ok.jpg "Still here")

{% beforeafter %}
![](/images/ok.jpg "one")
{% endbeforeafter %}

![Outside](../../secret.jpg)
"""


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("photos-bad")
    good = photo(640, 480)
    pcx = io.BytesIO()
    Image.open(io.BytesIO(good)).save(pcx, "PCX")
    write_files(
        root,
        {
            "content/posts/2020-01-02-bad.md": BAD,
            "content/images/trunc.jpg": good[: len(good) // 2],
            "content/images/bomb.png": bomb_png(),
            "content/images/text.jpg": b"hello, not a photo\n",
            "content/images/pic.pcx": pcx.getvalue(),
            "content/images/ok.jpg": good,
        },
    )
    return build(root)


def test_bad_inputs_are_errors_with_file_line(bad_site):
    post = "content/posts/2020-01-02-bad.md"
    errors = shown(bad_site, bad_site.result.errors)
    assert len(errors) == 7
    expected = [
        f"{post}:5: image not found: /images/nope.jpg (looked for ",
        f"{post}:7: image content/images/trunc.jpg is truncated or corrupt",
        f"{post}:9: image content/images/bomb.png is too large to process safely",
        f"{post}:11: image content/images/text.jpg is not an image buildlog can read",
        f"{post}:13: image content/images/pic.pcx is in an unsupported format (PCX)",
        f"{post}:18: {{% beforeafter %}} needs images in (before, after) pairs, got 1",
        f"{post}:21: image path ../../secret.jpg points outside the content folder",
    ]
    for prefix in expected:
        assert [e for e in errors if e.startswith(prefix)], (prefix, errors)
    assert "content/images/nope.jpg" in errors[0]


def test_bad_inputs_leave_nothing_half_written(bad_site):
    soup = bad_site.html("2020/01/bad/")
    assert len(soup.select(".build-error")) == 7
    assert soup.find("img", alt="Fine")  # the rest of the post is there
    names = {p.name for p in bad_site.output.rglob("*") if p.is_file()}
    assert not [n for n in names if n.startswith((".tmp", "trunc", "bomb", "text"))]
    assert "ok.jpg" in names
