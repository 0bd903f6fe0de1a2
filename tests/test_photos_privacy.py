"""Nothing private is published: a site full of GPS-tagged files in every format we
accept, most of them used by no post, built for real and read back with exiftool."""

from __future__ import annotations

import io
import os
import stat

import pytest
from conftest import build, write_files
from photo_files import (
    EXIFTOOL,
    SECRET,
    add_secrets,
    animation,
    ico_with_png_text,
    jpeg_with_trailer,
    leaks,
    photo,
    progressive_with_late_app1,
    secret_exif,
)
from PIL import Image

needs_exiftool = pytest.mark.skipif(
    not EXIFTOOL and os.environ.get("CI") != "true",
    reason="needs exiftool (Debian libimage-exiftool-perl)",
)

POST = """\
---
title: Everything
image: /images/a.jpg
---

![Plain](/images/a.jpg)

![Rotated, with a comment](/images/rot.jpg)

![Phone photo with a gain map](/images/trailer.jpg)

![Progressive](/images/prog.jpg)

![iPhone](/images/h.heic)

![Animated](/images/anim.gif)

![Drawing](/images/d.svg)
"""

SVG = f"""<?xml version="1.0"?>
<!-- {SECRET}: drawn at home -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
     width="40" height="20" sodipodi:docname="{SECRET}.svg"
     inkscape:export-filename="/home/{SECRET}/x.png">
  <metadata><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF
    xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    xmlns:exif="http://ns.adobe.com/exif/1.0/"><rdf:Description
    exif:GPSLatitude="48,51.5N" exif:GPSLongitude="2,17.7E"/></rdf:RDF></x:xmpmeta></metadata>
  <sodipodi:namedview inkscape:zoom="2"/>
  <title>A box</title>
  <rect width="40" height="20" fill="#2a6" inkscape:label="{SECRET} layer"/>
  <image width="4" height="4" xlink:href="data:image/jpeg;base64,EMBEDDED"/>
</svg>
"""


def _encoded(fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    Image.open(io.BytesIO(photo(320, 240, seed=4))).save(buffer, fmt, **options)
    return buffer.getvalue()


def _files(root) -> dict[str, bytes]:
    import base64

    embedded = base64.b64encode(jpeg_with_trailer(photo(4, 4), b"")).decode()
    return {
        "content/posts/2020-01-01-everything.md": POST,
        "content/images/a.jpg": photo(1400, 1000),
        "content/images/b.jpeg": photo(200, 150, seed=2),
        "content/images/c.jfif": photo(200, 150, seed=3),
        "content/images/d.jpe": photo(200, 150, seed=4),
        "content/images/rot.jpg": photo(600, 400, orientation=6, seed=5),
        "content/images/trailer.jpg": jpeg_with_trailer(
            photo(800, 600, seed=6), photo(200, 150, seed=7)
        ),
        "content/images/prog.jpg": progressive_with_late_app1(
            photo(500, 400, seed=8), secret_exif()
        ),
        "content/images/p.png": photo(300, 200, fmt="PNG"),
        "content/images/alpha.png": photo(300, 200, fmt="PNG", alpha=True),
        "content/images/w.webp": photo(300, 200, fmt="WEBP"),
        "content/images/wl.webp": _encoded("WEBP", lossless=True),
        "content/images/anim.gif": animation("GIF"),
        "content/images/anim.webp": animation("WEBP"),
        "content/images/h.heic": _encoded("HEIF", quality=80),
        "content/images/t.tiff": _encoded("TIFF"),
        "content/images/i.bmp": _encoded("BMP"),
        "content/images/v.avif": _encoded("AVIF", quality=60),
        "content/images/d.svg": SVG.replace("EMBEDDED", embedded),
        "content/images/notes.pdf": b"%PDF-1.4\n% " + SECRET.encode() + b" author\n",
        "content/images/photo.jpg.orig": photo(100, 80),
        "content/images/.DS_Store": b"\0\0\0\1Bud1" + SECRET.encode(),
        "content/extra/robots.txt": "User-agent: *\n",
        "content/extra/CNAME": "blog.example.com\n",
        "content/extra/favicon.ico": b"",  # written below, after exiftool marks its PNG
    }


@pytest.fixture(scope="module")
def private_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("privacy")
    files = _files(root)
    write_files(root, files)
    images = root / "content/images"
    png_for_icon = root / "icon.png"
    png_for_icon.write_bytes(photo(32, 32, fmt="PNG"))
    marked = [p for p in images.iterdir() if p.suffix not in (".svg", ".pdf", ".orig", ".bmp", "")]
    add_secrets(*marked, png_for_icon)
    (root / "content/extra/favicon.ico").write_bytes(ico_with_png_text(png_for_icon.read_bytes()))
    outside = root / "elsewhere.txt"
    outside.write_text(f"{SECRET} passwords\n")
    (images / "link.jpg").symlink_to(outside)
    (images / "inside-link.jpg").symlink_to(images / "b.jpeg")
    site = build(root, PHOTOS_WORKERS=2)
    site.marked = marked
    return site


def _published(site) -> list:
    return sorted(p for p in site.output.rglob("*") if p.is_file() or p.is_symlink())


def test_only_the_unpublishable_files_are_errors(private_site):
    errors = [e.replace(f"{private_site.root}/", "") for e in private_site.result.errors]
    assert len(errors) == 3, errors
    by_file = {e.split(": ", 1)[0]: e.split(": ", 1)[1] for e in errors}
    assert by_file["content/images/notes.pdf"].startswith(
        "not published: buildlog cannot check .pdf files for hidden metadata"
    )
    assert "STATIC_PUBLISH_AS_IS" in by_file["content/images/notes.pdf"]
    assert by_file["content/images/photo.jpg.orig"].startswith(
        "not published: buildlog cannot check .orig files"
    )
    assert (
        by_file["content/images/link.jpg"].startswith("not published: it is a link to ")
        and "outside the content folder" in by_file["content/images/link.jpg"]
    )
    assert private_site.result.warnings == []


def test_every_accepted_file_is_published_under_a_web_name(private_site):
    names = {p.relative_to(private_site.output).as_posix() for p in _published(private_site)}
    expected = {
        "images/a.jpg",
        "images/b.jpeg",
        "images/c.jfif",
        "images/d.jpe",
        "images/rot.jpg",
        "images/trailer.jpg",
        "images/prog.jpg",
        "images/p.png",
        "images/alpha.png",
        "images/w.webp",
        "images/wl.webp",
        "images/anim.gif",
        "images/anim.webp",
        "images/h.jpg",
        "images/t.jpg",
        "images/i.jpg",
        "images/v.jpg",
        "images/d.svg",
        "images/inside-link.jpg",
        "robots.txt",
        "CNAME",
        "favicon.ico",
    }
    extra = {n for n in names if n.startswith("extra/")}
    assert expected <= names | {n.removeprefix("extra/") for n in extra}, expected - names
    for never in ("notes.pdf", "photo.jpg.orig", ".DS_Store", "link.jpg", "h.heic", "t.tiff"):
        assert not [n for n in names if n.endswith("/" + never)], never
    for name in ("images/h.jpg", "images/t.jpg", "images/i.jpg", "images/v.jpg"):
        with Image.open(private_site.output / name) as im:
            assert im.format == "JPEG" and im.size == (320, 240)


def test_no_published_byte_holds_a_secret(private_site):
    sources = [p for p in private_site.marked if SECRET.encode() in p.read_bytes()]
    assert len(sources) >= 12  # the fixture really is full of secrets
    found = [p for p in _published(private_site) if SECRET.encode() in p.read_bytes()]
    assert found == []


@needs_exiftool
def test_exiftool_finds_nothing_private(private_site):
    assert len(leaks(private_site.marked)) >= 12
    assert (
        leaks(
            [
                p
                for p in _published(private_site)
                if p.suffix not in (".html", ".css", ".js", ".xml", ".txt", "")
            ]
        )
        == {}
    )


def test_no_symlink_nothing_outside_modes_readable(private_site):
    output = private_site.output.resolve()
    for path in [private_site.output, *private_site.output.rglob("*")]:
        info = path.lstat()
        assert not stat.S_ISLNK(info.st_mode), path
        assert path.resolve().is_relative_to(output), path
        want = 0o755 if stat.S_ISDIR(info.st_mode) else 0o644
        assert stat.S_IMODE(info.st_mode) == want, (path, oct(info.st_mode))


def test_trailer_dropped_and_picture_intact(private_site):
    source = (private_site.root / "content/images/trailer.jpg").read_bytes()
    published = (private_site.output / "images/trailer.jpg").read_bytes()
    assert source.count(b"\xff\xd8") >= 2 and published.count(b"\xff\xd8") == 1
    assert published.endswith(b"\xff\xd9")
    with (
        Image.open(io.BytesIO(published)) as im,
        Image.open(private_site.root / "content/images/trailer.jpg") as original,
    ):
        assert im.tobytes() == original.tobytes()  # lossless: the same pixels


def test_svg_keeps_the_drawing_only(private_site):
    svg = (private_site.output / "images/d.svg").read_text(encoding="utf-8")
    for gone in ("metadata", "inkscape", "sodipodi", "<!--", "GPS", SECRET):
        assert gone not in svg, gone
    for kept in ("<title>A box</title>", 'fill="#2a6"', 'xlink:href="data:image/jpeg;base64,'):
        assert kept in svg


def test_umask_077_still_publishes_readable_files(tmp_path):
    write_files(
        tmp_path,
        {
            "content/posts/2020-01-01-a.md": "---\ntitle: A\n---\n\n![A](/images/a.png)\n",
            "content/images/a.png": photo(300, 200, fmt="PNG"),
            "content/extra/robots.txt": "User-agent: *\n",
        },
    )
    old = os.umask(0o077)
    try:
        site = build(tmp_path)
    finally:
        os.umask(old)
    assert site.result.clean, site.messages()
    modes = {
        p.relative_to(site.output).as_posix(): oct(stat.S_IMODE(p.stat().st_mode))
        for p in [site.output, *site.output.rglob("*")]
    }
    assert set(modes.values()) == {"0o644", "0o755"}, modes
