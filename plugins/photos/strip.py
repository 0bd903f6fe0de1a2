"""Remove metadata from an image without re-encoding it (lossless, fast).

Every format is a list of blocks, and we keep only the blocks we know to be pixels,
colour or animation (an allow-list: a block type we have never heard of is dropped,
so a new kind of metadata cannot slip through):

- JPEG: see ``jpeg.py``.
- PNG: pixels, palette, transparency, colour (iCCP, sRGB, gAMA, cHRM, cICP...), pixel
  size and APNG frames; never tEXt/zTXt/iTXt, eXIf, tIME, C2PA or private chunks.
- WebP: the bitstreams, alpha, animation frames and the ICC profile; never EXIF/XMP.
- GIF: frames and their timing, the loop count; never comments, XMP or other
  application blocks, nor anything after the trailer.
- ICO: each PNG inside is cleaned as above; BMP entries hold only pixels.

``exif`` (optional, already filtered to camera fields) is written back as the only
EXIF block, for a site that keeps camera fields on purpose.
"""

from __future__ import annotations

import struct
import zlib

from .jpeg import ENDS_EARLY, StripError, strip_jpeg

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_KEEP_PNG = {
    b"IHDR",
    b"PLTE",
    b"IDAT",
    b"IEND",
    b"tRNS",
    b"cHRM",
    b"gAMA",
    b"iCCP",
    b"sBIT",
    b"sRGB",
    b"cICP",
    b"mDCv",
    b"cLLi",
    b"bKGD",
    b"pHYs",
    b"acTL",
    b"fcTL",
    b"fdAT",
}
_KEEP_WEBP = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
_WEBP_EXIF_FLAG, _WEBP_XMP_FLAG, _WEBP_ALPHA_FLAG = 0x08, 0x04, 0x10
_GIF_LOOP_BLOCKS = (b"NETSCAPE2.0", b"ANIMEXTS1.0")

__all__ = ["StripError", "strip_image", "strip_jpeg", "webp_chunks"]


def strip_png(data: bytes, exif: bytes = b"") -> bytes:
    if data[:8] != _PNG_SIGNATURE:
        raise StripError("not a PNG")
    out, pos = [data[:8]], 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos : pos + 12 + length]
        if kind in _KEEP_PNG:
            out.append(chunk)
        if kind == b"IHDR" and exif:
            body = exif[6:] if exif.startswith(b"Exif\0\0") else exif
            crc = zlib.crc32(b"eXIf" + body)
            out.append(struct.pack(">I", len(body)) + b"eXIf" + body + struct.pack(">I", crc))
        pos += 12 + length
        if kind == b"IEND":
            return b"".join(out)
    raise StripError(ENDS_EARLY)


def webp_chunks(data: bytes):
    """Yield ``(fourcc, chunk bytes including header and padding)`` of a WebP file."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise StripError("not a WebP")
    pos, end = 12, min(len(data), 8 + struct.unpack("<I", data[4:8])[0])
    while pos + 8 <= end:
        kind, size = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        stop = pos + 8 + size + (size & 1)
        if pos + 8 + size > len(data):
            raise StripError(ENDS_EARLY)
        yield kind, data[pos:stop]
        pos = stop


def _vp8x_for(chunks: list[tuple[bytes, bytes]]) -> bytes:
    """A VP8X header for a simple (VP8/VP8L-only) WebP, so an EXIF chunk may follow."""
    kind, chunk = chunks[0]
    if kind == b"VP8L":
        bits = struct.unpack("<I", chunk[9:13])[0]
        width, height, alpha = (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, bits >> 28 & 1
    elif kind == b"VP8 ":
        width, height = (struct.unpack("<HH", chunk[14:18])[i] & 0x3FFF for i in (0, 1))
        alpha = 0
    else:
        raise StripError("WebP has no image data")
    flags = _WEBP_ALPHA_FLAG if alpha else 0
    body = (
        bytes([flags, 0, 0, 0])
        + (width - 1).to_bytes(3, "little")
        + (height - 1).to_bytes(3, "little")
    )
    return b"VP8X" + struct.pack("<I", len(body)) + body


def strip_webp(data: bytes, exif: bytes = b"") -> bytes:
    exif = exif.removeprefix(b"Exif\0\0")  # WebP's EXIF chunk holds the TIFF data alone
    chunks = [(k, c) for k, c in webp_chunks(data) if k in _KEEP_WEBP]
    if not chunks:
        raise StripError("WebP has no image data")
    if exif and chunks[0][0] != b"VP8X":
        chunks.insert(0, (b"VP8X", _vp8x_for(chunks)))
    if chunks[0][0] == b"VP8X":
        header = bytearray(chunks[0][1])
        header[8] &= ~(_WEBP_EXIF_FLAG | _WEBP_XMP_FLAG) & 0xFF
        header[8] |= _WEBP_EXIF_FLAG if exif else 0
        chunks[0] = (b"VP8X", bytes(header))
    body = b"".join(c for _, c in chunks)
    if exif:
        body += b"EXIF" + struct.pack("<I", len(exif)) + exif + b"\0" * (len(exif) & 1)
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + body


def _sub_blocks_end(data: bytes, pos: int) -> int:
    """Where a GIF run of data sub-blocks (length byte, bytes; 0 ends) starting at pos ends."""
    while True:
        if pos >= len(data):
            raise StripError(ENDS_EARLY)
        length = data[pos]
        pos += 1 + length
        if length == 0:
            return pos


def strip_gif(data: bytes) -> bytes:
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        raise StripError("not a GIF")
    packed = data[10]
    pos = 13 + (3 << ((packed & 7) + 1) if packed & 0x80 else 0)
    out = [data[:pos]]
    while pos < len(data):
        kind = data[pos]
        if kind == 0x3B:  # trailer: the end, whatever follows
            out.append(b"\x3b")
            return b"".join(out)
        if kind == 0x2C:  # image: descriptor, local colour table, LZW data
            local = data[pos + 9] if pos + 9 < len(data) else 0
            start = pos + 10 + (3 << ((local & 7) + 1) if local & 0x80 else 0) + 1
            end = _sub_blocks_end(data, start)
            out.append(data[pos:end])
        elif kind == 0x21 and pos + 1 < len(data):
            label = data[pos + 1]
            end = _sub_blocks_end(data, pos + 2)
            app = data[pos + 3 : pos + 14] if label == 0xFF else b""
            if label == 0xF9 or app in _GIF_LOOP_BLOCKS:  # frame timing, loop count
                out.append(data[pos:end])
        else:
            raise StripError(f"bad GIF block at byte {pos}")
        pos = end
    return b"".join(out) + b"\x3b"  # no trailer, but whole blocks: as browsers read it


def strip_ico(data: bytes) -> bytes:
    """An icon file with each PNG image inside it cleaned (BMP images carry no text)."""
    if len(data) < 6 or data[:4] not in (b"\0\0\1\0", b"\0\0\2\0"):
        raise StripError("not an ICO file")
    count = struct.unpack("<H", data[4:6])[0]
    entries, images = [], []
    offset = 6 + 16 * count
    for i in range(count):
        entry = data[6 + 16 * i : 6 + 16 * (i + 1)]
        size, start = struct.unpack("<II", entry[8:16])
        image = data[start : start + size]
        if len(entry) < 16 or len(image) < size:
            raise StripError(ENDS_EARLY)
        if image.startswith(_PNG_SIGNATURE):
            image = strip_png(image)
        entries.append(entry[:8] + struct.pack("<II", len(image), offset))
        images.append(image)
        offset += len(image)
    return data[:6] + b"".join(entries) + b"".join(images)


def strip_image(data: bytes, fmt: str, exif: bytes = b"") -> bytes:
    """``data`` (a Pillow format name ``fmt``) without metadata; StripError if it is
    not well formed or not a format we clean losslessly."""
    strippers = {"JPEG": strip_jpeg, "PNG": strip_png, "WEBP": strip_webp}
    if fmt in strippers:
        return strippers[fmt](data, exif)
    if fmt == "GIF":
        return strip_gif(data)
    if fmt == "ICO":
        return strip_ico(data)
    raise StripError(f"no lossless cleaner for {fmt}")
