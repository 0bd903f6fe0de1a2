"""Photos: a photo corrupt in the middle (found by a worker), images inside running
text, and pruning of variants no build uses any more. Real builds, real files."""

from __future__ import annotations

import io
import json

import pytest
from conftest import build, write_files
from photo_files import EXIFTOOL, add_gps_and_camera, corrupt_jpeg, photo, private_tags
from PIL import Image, ImageFile
from tools import require_tool

from plugins.photos.inline import inline_images
from plugins.photos.parse import scan

POST_A = "content/posts/2020-01-01-a.md"
POST_B = "content/posts/2020-01-02-b.md"


def shown(root, messages: list[str]) -> list[str]:
    return [m.replace(f"{root}/", "") for m in messages]


def every_file(folder) -> list:
    return [p for p in folder.rglob("*") if p.is_file()]


# ---- a photo corrupt in the middle -------------------------------------------------


def test_corrupt_fixture_fails_a_full_decode_only():
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    data = corrupt_jpeg()
    assert data.endswith(b"\xff\xd9")  # the quick end-of-file check cannot see it
    for draft in (None, (400, 300), (100, 75)):
        with Image.open(io.BytesIO(data)) as im:
            assert im.size == (800, 600)  # the header reads fine
            if draft:
                im.draft("RGB", draft)
            with pytest.raises(OSError):
                im.load()


@pytest.fixture(scope="module")
def corrupt_site(tmp_path_factory):
    """Built once with a good broken.jpg, then again after it was damaged (and a new
    photo added, so two workers run)."""
    root = tmp_path_factory.mktemp("photos-corrupt")
    write_files(
        root,
        {
            POST_A: '---\ntitle: A\n---\n\nIntro.\n\n![Broken](/images/broken.jpg "Cap")\n\n'
            "Again ![Broken](/images/broken.jpg) inline.\n\n![Fine](/images/ok.jpg)\n",
            POST_B: "---\ntitle: B\n---\n\n![Fine too](/images/ok.jpg)\n",
            "content/images/broken.jpg": photo(800, 600, seed=7),
            "content/images/ok.jpg": photo(640, 480, seed=8),
        },
    )
    first = build(root)
    assert first.result.clean and (root / "output/images/broken.jpg").is_file()
    write_files(
        root,
        {
            "content/images/broken.jpg": corrupt_jpeg(800, 600, seed=7),
            "content/images/new.jpg": photo(700, 500, seed=9),
            POST_B: "---\ntitle: B\n---\n\n![Fine too](/images/ok.jpg)\n\n"
            "![New](/images/new.jpg)\n",
        },
    )
    return build(root, PHOTOS_WORKERS=2)


def test_corrupt_photo_is_an_error_at_each_use(corrupt_site):
    reason = (
        "image content/images/broken.jpg is corrupt or cannot be decoded (OSError: "
        "broken data stream when reading image file); open it in an image editor "
        "and export it again"
    )
    assert shown(corrupt_site.root, corrupt_site.result.errors) == [
        f"{POST_A}:7: {reason}",
        f"{POST_A}:9: {reason}",
    ]
    assert corrupt_site.result.warnings == []


def test_rest_of_the_build_goes_on(corrupt_site):
    soup = corrupt_site.html("2020/01/b/")
    for alt in ("Fine too", "New"):
        for entry in soup.find("img", alt=alt)["srcset"].split(", "):
            assert (corrupt_site.output / entry.split()[0].lstrip("/")).is_file()
    assert corrupt_site.html("2020/01/a/").find("img", alt="Fine")


def test_nothing_half_written_or_stale_is_left(corrupt_site):
    out = [p.relative_to(corrupt_site.output).as_posix() for p in every_file(corrupt_site.output)]
    assert [p for p in out if "broken" in p] == []  # not even the good version's files
    assert [p for p in out if "/.tmp" in p or p.startswith(".tmp")] == []
    cache = every_file(corrupt_site.root / "cache/photos/files")
    assert [p for p in cache if p.name.startswith(".tmp")] == []
    digests = json.loads((corrupt_site.root / "cache/photos/sources.json").read_text())["files"]
    broken = digests[str(corrupt_site.root / "content/images/broken.jpg")]["source"]["digest"]
    assert not [p for p in cache if p.parent.name.startswith(broken[:10])]


# ---- images inside running text ----------------------------------------------------

INLINE = """\
---
title: Inline
---

Some text ![Desk](/images/x.jpg) more text.

Missing ![Gone](/images/gone.jpg "Title") here, and ![Again](x.jpg) relative.

`![code](/images/nope.jpg)` and ![Remote](https://example.com/r.png) stay as written.

```
![fenced](/images/nope.jpg)
```
"""


def test_inline_images_are_found_outside_code():
    lines = INLINE.split("\n")[4:]
    found = [(i.image.line, i.image.src) for i in inline_images(lines, scan(lines))]
    assert found == [(1, "/images/x.jpg"), (3, "/images/gone.jpg"), (3, "x.jpg")]


@pytest.fixture(scope="module")
def inline_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("photos-inline")
    write_files(
        root,
        {
            "content/posts/2020-01-03-inline.md": INLINE,
            "content/images/x.jpg": photo(1200, 900, seed=3),
            "content/posts/x.jpg": photo(500, 400, seed=4),
        },
    )
    if EXIFTOOL:
        add_gps_and_camera(root / "content/images/x.jpg")
    return build(root)


def test_missing_inline_image_names_file_line_and_path(inline_site):
    assert shown(inline_site.root, inline_site.messages()) == [
        "content/posts/2020-01-03-inline.md:7: image not found: /images/gone.jpg "
        "(looked for content/images/gone.jpg)"
    ]
    error = inline_site.html("2020/01/inline/").select_one("p .build-error")
    assert "/images/gone.jpg" in error.get_text() and "and" in error.parent.get_text()


def test_inline_images_are_responsive_and_sized(inline_site):
    soup = inline_site.html("2020/01/inline/")
    desk, again = soup.find("img", alt="Desk"), soup.find("img", alt="Again")
    assert (desk["width"], desk["height"]) == ("1200", "900")
    assert (again["width"], again["height"]) == ("500", "400")
    assert "loading" not in desk.attrs and again["loading"] == "lazy"
    for img in (desk, again):
        assert img.parent.name == "picture" and img.find_parent("p")
        webp = img.parent.find("source", type="image/webp")["srcset"]
        for entry in (webp + ", " + img["srcset"]).split(", "):
            assert (inline_site.output / entry.split()[0].lstrip("/")).is_file()
    assert "1200w" in desk["srcset"] and "960w" in desk["srcset"]


def test_remote_and_code_images_stay_as_written(inline_site):
    soup = inline_site.html("2020/01/inline/")
    remote = soup.find("img", alt="Remote")
    assert remote.attrs == {"alt": "Remote", "src": "https://example.com/r.png"}
    codes = [c.get_text() for c in soup.select(".post-body p > code, .post-body pre code")]
    assert codes == ["![code](/images/nope.jpg)", "![fenced](/images/nope.jpg)\n"]


def test_inline_image_files_carry_no_metadata(inline_site):
    require_tool("exiftool")
    published = [p for p in every_file(inline_site.output) if "x." in p.name]
    assert len(published) >= 7 and private_tags(inline_site.root / "content/images/x.jpg")
    assert {p.name: private_tags(p) for p in published if private_tags(p)} == {}


# ---- old variants are pruned -------------------------------------------------------


def test_changed_photo_leaves_no_old_variants(tmp_path):
    post = "---\ntitle: T\n---\n\n![A](/images/a.jpg)\n"
    write_files(tmp_path, {POST_A: post, "content/images/a.jpg": photo(800, 600)})
    cache, variants = tmp_path / "cache/photos/files", tmp_path / "output/images/_v"
    assert build(tmp_path).result.clean
    old_cache, old_out = set(every_file(cache)), set(every_file(variants))
    foreign = [cache / "notes.txt", cache / "mine/keep.txt", tmp_path / "cache/photos/x.bin"]
    write_files(tmp_path, {str(p.relative_to(tmp_path)): "not ours" for p in foreign})

    write_files(tmp_path, {"content/images/a.jpg": photo(800, 600, seed=5)})
    assert build(tmp_path).result.clean
    new_cache, new_out = set(every_file(cache)) - set(foreign), set(every_file(variants))
    assert len(new_cache) == len(old_cache) and not new_cache & old_cache
    assert len(new_out) == len(old_out) and not new_out & old_out
    assert all(p.is_file() for p in foreign)  # only our own cache folders are removed

    write_files(tmp_path, {POST_A: "---\ntitle: T\n---\n\nNo photo now.\n"})
    (tmp_path / "content/images/a.jpg").unlink()
    assert build(tmp_path).result.clean
    assert set(every_file(cache)) == set(foreign[:2]) and every_file(variants) == []
    assert json.loads((tmp_path / "cache/photos/sources.json").read_text())["files"] == {}


def test_unchanged_rebuild_skips_work_but_restores_a_deleted_output_file(tmp_path):
    post = "---\ntitle: T\n---\n\n![A](/images/a.jpg)\n\n![B](/images/b.jpg)\n"
    write_files(
        tmp_path,
        {
            POST_A: post,
            "content/images/a.jpg": photo(800, 600),
            "content/images/b.jpg": photo(600, 800, seed=3),
        },
    )
    variants = tmp_path / "output/images/_v"
    assert build(tmp_path).result.clean
    published = sorted(every_file(variants))
    stamps = {p: p.stat().st_mtime_ns for p in published}
    assert build(tmp_path).result.clean  # unchanged: nothing copied again
    assert {p: p.stat().st_mtime_ns for p in published} == stamps
    gone = published[0]
    gone.unlink()  # a reader of output/ deleted a file: the next build must notice
    assert build(tmp_path).result.clean
    assert sorted(every_file(variants)) == published
    assert gone.read_bytes()


def test_front_matter_image_gets_variants_on_the_index_card(tmp_path):
    post = "---\ntitle: T\ndescription: d\nimage: /images/hero.jpg\n---\n\nText.\n"
    write_files(tmp_path, {POST_A: post, "content/images/hero.jpg": photo(1200, 800)})
    site = build(tmp_path)
    assert site.result.clean, site.messages()
    card = site.html("index.html").select_one(".card picture")
    assert card.source["type"] == "image/webp" and " 960w" in card.source["srcset"]
    img = card.img
    assert img["alt"] == "" and img["width"] == "1200" and img["height"] == "800"
    assert "loading" not in img.attrs  # the first card is not lazy
    for url in [img["src"]] + [c.split()[0] for c in card.source["srcset"].split(",")]:
        assert (tmp_path / "output" / url.lstrip("/")).is_file(), url


def test_missing_front_matter_image_is_an_error_at_its_line(tmp_path):
    post = "---\ntitle: T\ndescription: d\n\nimage: /images/nope.jpg\n---\n\nText.\n"
    write_files(tmp_path, {POST_A: post})
    site = build(tmp_path)
    assert any(
        m.endswith(
            f"{POST_A}:5: front matter 'image': image not found: /images/nope.jpg "
            f"(looked for content/images/nope.jpg)"
        )
        or f"{POST_A}:5: front matter 'image': image not found: /images/nope.jpg" in m
        for m in shown(tmp_path, site.result.errors)
    ), site.result.errors
    assert (tmp_path / "output/index.html").is_file()  # the rest still builds


def test_front_matter_image_without_a_slash_is_from_the_site_root(tmp_path):
    """fastpages writes ``image: images/x.png`` and means content/images/x.png."""
    post = "---\ntitle: T\ndescription: d\nimage: images/hero.png\n---\n\nText.\n"
    write_files(tmp_path, {POST_A: post, "content/images/hero.png": photo(640, 480, fmt="PNG")})
    site = build(tmp_path)
    assert site.result.clean, site.messages()
    assert site.html("index.html").select_one(".card picture source")["srcset"]


@pytest.mark.parametrize(
    "width, height, social", [(4032, 3024, (1200, 900)), (1000, 800, (1000, 800))]
)
def test_social_preview_uses_a_1200_px_variant(tmp_path, width, height, social):
    post = (
        "---\ntitle: T\ndescription: d\nimage: /images/hero.jpg\n---\n\n![Hero](/images/hero.jpg)\n"
    )
    write_files(tmp_path, {POST_A: post, "content/images/hero.jpg": photo(width, height)})
    site = build(tmp_path, "publishconf.py", SITEURL="https://example.test/blog")
    assert site.result.clean, site.messages()
    head = site.html("2020/01/a/")
    meta = {
        m.get("property") or m.get("name"): m["content"]
        for m in head.find_all("meta")
        if m.get("content")
    }
    url = meta["og:image"]
    assert url.startswith("https://example.test/blog/images/_v/hero.") and url.endswith(
        f".{social[0]}.jpg"
    )
    assert meta["twitter:image"] == url
    assert (meta["og:image:width"], meta["og:image:height"]) == tuple(map(str, social))
    with Image.open(site.output / url.removeprefix("https://example.test/blog/")) as im:
        assert im.size == social
    for entry in head.find("img", alt="Hero")["srcset"].split(", "):  # all still published
        assert (site.output / entry.split()[0].removeprefix("https://example.test/blog/")).is_file()


def test_a_pictures_widths_do_not_depend_on_which_post_is_read_first(tmp_path):
    """A photo that one post names as its front-matter image (its og:image is made at
    the social width, which joins the photo's plan then) and shows, as two others do:
    Pelican reads posts in directory order, and a post's front matter comes before its
    body. Every picture of the photo offers PHOTOS_WIDTHS, whatever the order (the
    rig's own picture offered the social width too, and so did any post read after
    it); the social variant is published for og:image only."""
    shows = "---\ntitle: {}\n---\n\n![Hero](/images/hero.jpg)\n"
    write_files(
        tmp_path,
        {
            "content/posts/2020-01-01-a.md": shows.format("A"),
            "content/posts/2020-01-02-rig.md": (
                "---\ntitle: Rig\ndescription: d\nimage: /images/hero.jpg\n---\n\n"
                "![Hero](/images/hero.jpg)\n"
            ),
            "content/posts/2020-01-03-c.md": shows.format("C"),
            "content/images/hero.jpg": photo(2400, 1600),
        },
    )
    site = build(tmp_path)
    assert site.result.clean, site.messages()
    srcsets = {
        post: site.html(f"2020/01/{post}/").find("img", alt="Hero")["srcset"]
        for post in ("a", "rig", "c")
    }
    assert srcsets["a"] == srcsets["rig"] == srcsets["c"]
    assert [entry.split()[1] for entry in srcsets["a"].split(", ")] == ["480w", "960w", "1600w"]
    og = site.html("2020/01/rig/").find("meta", property="og:image")["content"]
    assert og.endswith(".1200.jpg") and (site.output / og.lstrip("/")).is_file()
