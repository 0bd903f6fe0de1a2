"""Make small real image files for the photos tests (gradients and shapes, so JPEG
and WebP encoders do real work), and read their metadata back with exiftool."""

from __future__ import annotations

import io
import json
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import numpy as np
from PIL import Image

EXIFTOOL = shutil.which("exiftool")


def photo(width: int = 1200, height: int = 900, *, fmt: str = "JPEG", orientation: int = 1,
          alpha: bool = False, seed: int = 1) -> bytes:
    """A photo-like picture; ``orientation`` is written as EXIF (stored pixels are
    left as they are, as a phone does)."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width]
    red = (x * 255 // width).astype(np.uint8)
    green = (y * 255 // height).astype(np.uint8)
    blue = rng.integers(0, 40, (height, width), dtype=np.uint8) + 100
    array = np.dstack([red, green, blue])
    if alpha:
        array = np.dstack([array, np.full((height, width), 200, np.uint8)])
    im = Image.fromarray(array, "RGBA" if alpha else "RGB")
    exif = Image.Exif()
    if orientation != 1:
        exif[0x0112] = orientation
    buffer = io.BytesIO()
    im.save(buffer, fmt, exif=exif.tobytes() if orientation != 1 else b"")
    return buffer.getvalue()


def add_gps_and_camera(path: Path) -> None:
    subprocess.run([EXIFTOOL, "-q", "-overwrite_original", "-GPSLatitude=48.8584",
                    "-GPSLatitudeRef=N", "-GPSLongitude=2.2945", "-GPSLongitudeRef=E",
                    "-Make=TestCam", "-Model=TC-1", "-FNumber=2.8", "-Artist=Secret Person",
                    "-XMP-dc:Creator=Secret Person", "-IPTC:City=Paris", str(path)], check=True)


def metadata(path: Path) -> dict:
    """exiftool's tags for ``path``, grouped (``EXIF:GPSLatitude``...)."""
    out = subprocess.run([EXIFTOOL, "-j", "-G", "-a", str(path)], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)[0]


def private_tags(path: Path) -> list[str]:
    """Tags in EXIF, GPS, XMP, IPTC or MakerNotes groups (what must never be published)."""
    groups = ("EXIF:", "GPS:", "XMP", "IPTC:", "MakerNotes:", "Composite:GPS")
    return [k for k in metadata(path) if k.startswith(groups)]


def bomb_png(width: int = 30000, height: int = 30000) -> bytes:
    """A PNG header claiming ``width`` x ``height`` pixels (a decompression bomb)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
            + chunk(b"IEND", b""))


def corrupt_jpeg(width: int = 800, height: int = 600, seed: int = 1) -> bytes:
    """A progressive JPEG damaged in the middle: a scan header halfway through the
    file claims 9 components. Its header and end marker are intact (so a quick look
    finds nothing wrong), but a full decode fails at any draft scale."""
    buffer = io.BytesIO()
    Image.open(io.BytesIO(photo(width, height, seed=seed))).save(
        buffer, "JPEG", progressive=True, quality=85)
    data = bytearray(buffer.getvalue())
    scans = [i for i in range(len(data) - 1) if data[i:i + 2] == b"\xff\xda"]
    data[scans[len(scans) // 2] + 4] = 9  # Ns, the scan's component count
    return bytes(data)
