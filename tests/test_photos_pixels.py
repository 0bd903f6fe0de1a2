"""Right pixels: 16-bit and palette PNGs, CMYK and wide-gamut photos converted to sRGB,
animations kept animated, lossless WebP kept lossless, HEIC rotated. Each case builds
for real and compares sampled pixels of what was published against the source."""

from __future__ import annotations

import io

import numpy as np
import pytest
from conftest import build, write_files
from photo_files import animation, cmyk_profile, wide_gamut_profile
from PIL import Image, ImageCms

from plugins.photos.strip import webp_chunks

SRGB = ImageCms.createProfile("sRGB")

POST = (
    "---\ntitle: Pixels\n---\n\n"
    + "\n\n".join(
        f"![{name}](/images/{name})"
        for name in (
            "gray16.png",
            "palette.png",
            "palette-alpha.png",
            "cmyk.jpg",
            "wide.jpg",
            "anim.gif",
            "anim.webp",
            "lossless.webp",
            "turned.heic",
        )
    )
    + "\n"
)


def _save(im: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    im.save(buffer, fmt, **options)
    return buffer.getvalue()


def _halves(mode: str, left, right, size=(400, 200)) -> Image.Image:
    im = Image.new(mode, size, left)
    im.paste(right, (size[0] // 2, 0, size[0], size[1]))
    return im


def _fixtures() -> dict[str, bytes]:
    gray = np.tile(np.linspace(0, 65535, 400).astype(np.uint16), (100, 1))
    palette = _halves("RGB", (200, 30, 40), (20, 90, 200)).quantize(4)
    wide_pixels = ImageCms.profileToProfile(
        _halves("RGB", (200, 100, 50), (40, 160, 90)),
        SRGB,
        ImageCms.ImageCmsProfile(io.BytesIO(wide_gamut_profile())),
        outputMode="RGB",
    )
    turned = _halves("RGB", (230, 30, 30), (30, 30, 230), (400, 300))
    turned.paste((30, 200, 30), (0, 0, 400, 60))  # a green band along the stored top
    exif = Image.Exif()
    exif[0x0112] = 6
    return {
        "content/posts/2020-01-01-pixels.md": POST,
        "content/images/gray16.png": _save(Image.fromarray(gray), "PNG"),
        "content/images/palette.png": _save(palette, "PNG"),
        "content/images/palette-alpha.png": _save(palette, "PNG", transparency=0),
        "content/images/cmyk.jpg": _save(
            _halves("CMYK", (0, 255, 255, 0), (255, 0, 0, 0)),
            "JPEG",
            quality=95,
            icc_profile=cmyk_profile(),
        ),
        "content/images/wide.jpg": _save(
            wide_pixels, "JPEG", quality=95, icc_profile=wide_gamut_profile()
        ),
        "content/images/anim.gif": animation("GIF"),
        "content/images/anim.webp": animation("WEBP"),
        "content/images/lossless.webp": _save(
            _halves("RGB", (10, 20, 30), (250, 240, 230)), "WEBP", lossless=True
        ),
        "content/images/turned.heic": _save(turned, "HEIF", quality=90, exif=exif.tobytes()),
    }


@pytest.fixture(scope="module")
def pixel_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("pixels")
    write_files(root, _fixtures())
    site = build(root)
    assert site.result.clean, site.messages()
    return site


def _img(site, alt: str):
    return site.html("2020/01/pixels/").find("img", alt=alt)


def _variants(site, alt: str) -> list[Image.Image]:
    """Every variant (WebP and fallback) of the image with this alt text."""
    img = _img(site, alt)
    urls = img["srcset"].split(", ") + img.parent.find("source")["srcset"].split(", ")
    return [Image.open(site.output / u.split()[0].lstrip("/")) for u in urls]


def _at(im: Image.Image, fx: float, fy: float) -> tuple:
    return im.convert("RGBA").getpixel((int(im.width * fx), int(im.height * fy)))


def _close(a, b, tolerance: int) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


def test_16_bit_grey_keeps_its_gradient(pixel_site):
    for im in _variants(pixel_site, "gray16.png"):
        for fx in (0.1, 0.5, 0.9):
            want = round(65535 * int(400 * fx) / 399 / 257)
            assert _close(_at(im, fx, 0.5)[:3], (want,) * 3, 6), (im.size, fx, _at(im, fx, 0.5))
    with Image.open(pixel_site.output / "images/gray16.png") as full:
        assert full.mode.startswith("I")  # the full size is the lossless 16-bit original


@pytest.mark.parametrize("name", ["palette.png", "palette-alpha.png"])
def test_palette_pngs_keep_colours_and_transparency(pixel_site, name):
    with Image.open(pixel_site.root / "content/images" / name) as source:
        samples = [(fx, _at(source, fx, 0.5)) for fx in (0.25, 0.75)]
    assert [a for _, (*_, a) in samples].count(0) == (name == "palette-alpha.png")
    for im in _variants(pixel_site, name):
        for fx, want in samples:
            got = _at(im, fx, 0.5)
            assert got[3] == 0 if want[3] == 0 else _close(got, want, 4), (im.size, got, want)


def test_cmyk_is_converted_through_its_profile(pixel_site):
    with Image.open(pixel_site.root / "content/images/cmyk.jpg") as source:
        source.load()
        expected = ImageCms.profileToProfile(
            source, ImageCms.ImageCmsProfile(io.BytesIO(cmyk_profile())), SRGB, outputMode="RGB"
        )
        naive = source.convert("RGB")
    want, plain = _at(expected, 0.25, 0.5)[:3], _at(naive, 0.25, 0.5)[:3]
    assert _close(want, (236, 38, 31), 4) and not _close(want, plain, 15)
    with Image.open(pixel_site.output / "images/cmyk.jpg") as full:
        published = [full.copy()] + _variants(pixel_site, "cmyk.jpg")
    for im in published:
        assert im.mode == "RGB" and not im.info.get("icc_profile"), im.size
        assert _close(_at(im, 0.25, 0.5)[:3], want, 8), (im.size, _at(im, 0.25, 0.5))
        assert _close(_at(im, 0.75, 0.5)[:3], _at(expected, 0.75, 0.5)[:3], 8)


def test_wide_gamut_variants_are_srgb_and_the_full_size_keeps_its_profile(pixel_site):
    for im in _variants(pixel_site, "wide.jpg"):
        assert not im.info.get("icc_profile")
        assert _close(_at(im, 0.25, 0.5)[:3], (200, 100, 50), 5), _at(im, 0.25, 0.5)
        assert _close(_at(im, 0.75, 0.5)[:3], (40, 160, 90), 5)
    with (
        Image.open(pixel_site.output / "images/wide.jpg") as full,
        Image.open(pixel_site.root / "content/images/wide.jpg") as source,
    ):
        assert full.info["icc_profile"] == wide_gamut_profile()
        assert full.tobytes() == source.tobytes()  # published losslessly


@pytest.mark.parametrize("name", ["anim.gif", "anim.webp"])
def test_animations_are_published_animated(pixel_site, name):
    img = _img(pixel_site, name)
    assert img.parent.name != "picture" and img["src"] == f"/images/{name}"
    assert (img["width"], img["height"]) == ("120", "80")
    with (
        Image.open(pixel_site.output / "images" / name) as im,
        Image.open(pixel_site.root / "content/images" / name) as source,
    ):
        assert im.n_frames == source.n_frames == 4
        for frame in range(4):
            im.seek(frame)
            source.seek(frame)
            im.load()
            assert im.info.get("duration") == 100
            assert _at(im, 0.5, 0.5)[:3] == _at(source, 0.5, 0.5)[:3]


def test_lossless_webp_stays_lossless(pixel_site):
    full = (pixel_site.output / "images/lossless.webp").read_bytes()
    source = pixel_site.root / "content/images/lossless.webp"
    assert [k for k, _ in webp_chunks(full)] == [b"VP8L"]
    with Image.open(io.BytesIO(full)) as im, Image.open(source) as original:
        assert im.tobytes() == original.tobytes()
    img = _img(pixel_site, "lossless.webp")
    assert img["src"].endswith(".png")  # the fallback of a lossless source is PNG
    for url in img.parent.find("source")["srcset"].split(", "):
        data = (pixel_site.output / url.split()[0].lstrip("/")).read_bytes()
        assert b"VP8L" in data[12:16]
        with Image.open(io.BytesIO(data)) as im:
            assert _at(im, 0.25, 0.5)[:3] == (10, 20, 30)


def test_heic_is_turned_upright_and_published_as_jpeg(pixel_site):
    img = _img(pixel_site, "turned.heic")
    assert (img["width"], img["height"]) == ("300", "400")
    for im in _variants(pixel_site, "turned.heic"):
        assert im.width < im.height
        # stored top (green) is on the right after a 90-degree clockwise turn
        assert _close(_at(im, 0.95, 0.5)[:3], (30, 200, 30), 20), _at(im, 0.95, 0.5)
        assert _close(_at(im, 0.4, 0.1)[:3], (230, 30, 30), 20), _at(im, 0.4, 0.1)
        assert _close(_at(im, 0.4, 0.9)[:3], (30, 30, 230), 20), _at(im, 0.4, 0.9)
    with Image.open(pixel_site.output / "images/turned.jpg") as full:
        assert full.format == "JPEG" and full.size == (300, 400)
