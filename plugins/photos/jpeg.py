"""Walk a JPEG's marker segments: find where the image really ends, and rebuild it
without metadata, losslessly.

A JPEG is SOI, then length-prefixed segments, then a scan (entropy-coded data that
runs until the next marker that is not a stuffed ``FF 00``, a restart marker or fill),
then maybe more segments and scans (progressive JPEGs), then EOI. Phones append data
after EOI (MPF / Ultra HDR gain maps, Samsung and motion-photo trailers): that is not
part of the image, so it is dropped, and a file with such a trailer is not truncated.
"""

from __future__ import annotations

import re
import struct

SOI, EOI, SOS = 0xD8, 0xD9, 0xDA
# APPn segments worth keeping, by marker and the name their body starts with: JFIF,
# the colour profile (ICC) and Adobe's colour transform (needed to read CMYK/YCCK).
_KEEP_APP = {0xE0: b"JFIF\0", 0xE2: b"ICC_PROFILE\0", 0xEE: b"Adobe"}
# After a scan, the first byte pair that is a marker: FF then neither 00 (stuffing),
# a restart marker (D0-D7) nor another FF (fill).
_NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


ENDS_EARLY = "the file ends before the image does"


class StripError(ValueError):
    """The bytes are not the well-formed image they claim to be."""


def _keep(marker: int, segment: bytes) -> bool:
    """Image structure is kept; APPn only if it is JFIF/ICC/Adobe; comments and the
    reserved JPGn markers never."""
    if 0xE0 <= marker <= 0xEF:
        return segment[4:].startswith(_KEEP_APP.get(marker, b"\0\0\0"))
    return 0xC0 <= marker <= 0xDF


def segments(data: bytes):
    """Yield ``(marker, start, end)`` for each segment from SOI up to and including
    EOI; a scan's entropy-coded data belongs to its SOS segment. StripError when the
    file is not a JPEG or ends before EOI (a truncated upload)."""
    if data[:2] != b"\xff\xd8":
        raise StripError("not a JPEG")
    yield SOI, 0, 2
    pos, size = 2, len(data)
    while pos < size:
        if data[pos] != 0xFF:  # stray bytes between segments: skipped, as libjpeg does
            pos = data.find(b"\xff", pos)
            if pos < 0:
                break
            continue
        marker = data[pos + 1] if pos + 1 < size else None
        if marker == 0xFF:  # fill byte before a marker
            pos += 1
            continue
        if marker == EOI:
            yield EOI, pos, pos + 2
            return
        if marker is None or pos + 4 > size:
            break
        end = pos + 2 + struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        if marker == SOS:
            found = _NEXT_MARKER.search(data, end)
            if found is None:
                break
            end = found.start()
        if end > size:
            break
        yield marker, pos, end
        pos = end
    raise StripError(ENDS_EARLY)


def strip_jpeg(data: bytes, exif: bytes = b"") -> bytes:
    """The same image without EXIF, XMP, IPTC, comments, MPF, maker APPn segments
    (anywhere, also between the scans of a progressive JPEG) or trailers. ``exif``
    (optional, already filtered) is written back as the only APP1."""
    out = []
    for marker, start, end in segments(data):
        if marker in (SOI, EOI, SOS) or _keep(marker, data[start:end]):
            out.append(data[start:end])
        if marker == SOI and exif:
            out.append(b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif)
    return b"".join(out)
