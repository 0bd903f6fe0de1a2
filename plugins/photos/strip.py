"""Remove metadata from a JPEG or PNG without re-encoding it (lossless, fast).

A JPEG is a list of marker segments: we keep the image data, JFIF (APP0), the colour
profile (APP2 ICC_PROFILE) and Adobe's colour transform (APP14), and drop EXIF and XMP
(APP1), IPTC (APP13), comments and every other APPn. A PNG is a list of chunks: we
drop the text, EXIF and time chunks. ``exif`` (optional) is written back as the only
APP1, for a site that keeps camera fields on purpose.
"""

from __future__ import annotations

import struct
import zlib

_KEEP_APP = {0xE0: b"JFIF", 0xE2: b"ICC_PROFILE", 0xEE: b"Adobe"}
_DROP_PNG = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}


class StripError(ValueError):
    """The bytes are not the well-formed JPEG/PNG they claim to be."""


def strip_jpeg(data: bytes, exif: bytes = b"") -> bytes:
    if data[:2] != b"\xff\xd8":
        raise StripError("not a JPEG")
    out, pos = [b"\xff\xd8"], 2
    if exif:
        out.append(b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif)
    while pos < len(data):
        if data[pos] != 0xFF:
            raise StripError(f"bad JPEG marker at byte {pos}")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is image data
            out.append(data[pos:])
            return b"".join(out)
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        segment = data[pos:pos + 2 + length]
        keep = not (0xE0 <= marker <= 0xEF or marker == 0xFE)
        if 0xE0 <= marker <= 0xEF:
            keep = segment[4:].startswith(_KEEP_APP.get(marker, b"\0\0"))
        if keep:
            out.append(segment)
        pos += 2 + length
    raise StripError("JPEG has no image data")


def strip_png(data: bytes, exif: bytes = b"") -> bytes:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise StripError("not a PNG")
    out, pos = [data[:8]], 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos:pos + 12 + length]
        if kind not in _DROP_PNG:
            out.append(chunk)
        if kind == b"IHDR" and exif:
            body = exif[6:] if exif.startswith(b"Exif\0\0") else exif
            crc = zlib.crc32(b"eXIf" + body)
            out.append(struct.pack(">I", len(body)) + b"eXIf" + body + struct.pack(">I", crc))
        pos += 12 + length
        if kind == b"IEND":
            return b"".join(out)
    raise StripError("PNG has no IEND chunk")
