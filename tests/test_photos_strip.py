"""The lossless cleaners on real files made here: what they keep, what they drop, and
that a file that merely carries a trailer is not called truncated."""

from __future__ import annotations

import io
import struct

import pytest
from photo_files import (
    SECRET,
    animation,
    ico_with_png_text,
    jpeg_with_trailer,
    photo,
    progressive_with_late_app1,
    secret_exif,
)
from PIL import Image, PngImagePlugin

from plugins.photos.strip import StripError, strip_image, webp_chunks
from plugins.photos.svg import clean_svg


def _pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as im:
        return im.convert("RGBA").tobytes()


def test_jpeg_trailer_is_dropped_not_truncated():
    main, trailer = photo(300, 200), photo(100, 80, seed=2) + b"SEFT" + SECRET.encode()
    clean = strip_image(jpeg_with_trailer(main, trailer), "JPEG")
    assert clean.endswith(b"\xff\xd9") and SECRET.encode() not in clean
    assert clean == strip_image(main, "JPEG") and _pixels(clean) == _pixels(main)


@pytest.mark.parametrize("cut", [0.5, 0.9, 0.999])
def test_truly_truncated_jpeg_is_an_error(cut):
    data = photo(300, 200)
    with pytest.raises(StripError, match="the file ends before the image does"):
        strip_image(data[: int(len(data) * cut)], "JPEG")


def test_exif_between_progressive_scans_is_dropped():
    data = progressive_with_late_app1(photo(300, 200), secret_exif())
    clean = strip_image(data, "JPEG")
    assert SECRET.encode() in data and SECRET.encode() not in clean
    assert _pixels(clean) == _pixels(data)


def test_jpeg_keeps_profile_and_adobe_drops_comment_and_stray_bytes():
    buffer = io.BytesIO()
    Image.open(io.BytesIO(photo(64, 48))).save(
        buffer, "JPEG", icc_profile=b"ICCDATA" * 4, comment=SECRET.encode()
    )
    data = buffer.getvalue()
    sos = data.index(b"\xff\xda")
    data = data[:sos] + b"\0\0junk" + data[sos:]  # stray bytes before a marker
    clean = strip_image(data, "JPEG", exif=b"Exif\0\0MM\0*\0\0\0\x08\0\0")
    assert b"ICC_PROFILE\0" in clean and SECRET.encode() not in clean and b"junk" not in clean
    assert clean.count(b"\xff\xe1") == 1  # only the EXIF the site chose to keep


def test_png_allow_list():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SECRET)
    info.add_itxt("XML:com.adobe.xmp", SECRET)
    buffer = io.BytesIO()
    Image.open(io.BytesIO(photo(64, 48, fmt="PNG"))).save(
        buffer, "PNG", pnginfo=info, exif=secret_exif(), dpi=(144, 144)
    )
    data = buffer.getvalue()
    chunk = struct.pack(">I", 6) + b"prVt" + SECRET.encode()[:6] + b"\0\0\0\0"
    private = data[:-12] + chunk + data[-12:]  # a private chunk before IEND
    clean = strip_image(private, "PNG")
    assert SECRET.encode()[:6] not in clean and b"pHYs" in clean
    assert _pixels(clean) == _pixels(data)


def test_webp_drops_exif_and_xmp_and_fixes_its_header():
    buffer = io.BytesIO()
    Image.open(io.BytesIO(photo(64, 48))).save(
        buffer, "WEBP", exif=secret_exif(), xmp=SECRET.encode()
    )
    data = buffer.getvalue()
    clean = strip_image(data, "WEBP")
    kinds = [k for k, _ in webp_chunks(clean)]
    assert kinds == [b"VP8X", b"VP8 "] and SECRET.encode() not in clean
    assert clean[20] & 0x0C == 0  # the VP8X EXIF and XMP flags are cleared
    assert struct.unpack("<I", clean[4:8])[0] == len(clean) - 8
    assert _pixels(clean) == _pixels(data)
    kept = strip_image(strip_image(data, "WEBP"), "WEBP", exif=b"Exif\0\0MM\0*\0\0\0\x08\0\0")
    with Image.open(io.BytesIO(kept)) as im:
        assert im.info["exif"].endswith(b"MM\0*\0\0\0\x08\0\0")


def test_gif_keeps_frames_drops_comments_and_xmp():
    data = animation("GIF")
    comment = b"\x21\xfe" + bytes([len(SECRET)]) + SECRET.encode() + b"\0"
    xmp = b"\x21\xff\x0bXMP DataXMP" + bytes([len(SECRET)]) + SECRET.encode() + b"\0"
    data = data[:-1] + comment + xmp + b"\x3b" + b"after the end " + SECRET.encode()
    clean = strip_image(data, "GIF")
    assert SECRET.encode() not in clean and b"NETSCAPE2.0" in clean
    with Image.open(io.BytesIO(clean)) as im:
        assert im.n_frames == 4 and im.info["loop"] == 0


def test_ico_cleans_png_inside():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", SECRET)
    buffer = io.BytesIO()
    Image.new("RGBA", (32, 32), (10, 20, 30, 255)).save(buffer, "PNG", pnginfo=info)
    data = ico_with_png_text(buffer.getvalue())
    clean = strip_image(data, "ICO")
    assert SECRET.encode() in data and SECRET.encode() not in clean
    with Image.open(io.BytesIO(clean)) as im:
        assert im.size == (32, 32) and im.convert("RGBA").getpixel((5, 5)) == (10, 20, 30, 255)


def test_svg_cleaner():
    svg = f"""<?xml version="1.0"?><!DOCTYPE svg><!-- {SECRET} -->
<?xpacket begin="" {SECRET}?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:i="http://ns.adobe.com/AdobeIllustrator/10.0/"
 xml:space="preserve" viewBox="0 0 10 10" i:foo="{SECRET}"><metadata>{SECRET}</metadata>
<i:pgf>{SECRET}</i:pgf><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">Hi</div>
</foreignObject><circle r="4" data-name="c"/></svg>""".encode()
    clean = clean_svg(svg).decode()
    assert SECRET not in clean and "xmlns:i" not in clean
    assert '<circle r="4" data-name="c"/>' in clean and "<div" in clean and "xml:space" in clean
    with pytest.raises(StripError, match="not well-formed"):
        clean_svg(b"<svg><g></svg>")
    with pytest.raises(StripError, match="cannot clean"):
        clean_svg(b'<svg xmlns="http://www.w3.org/2000/svg"><image href="data:text/html,x"/></svg>')
