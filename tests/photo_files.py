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
import pillow_heif
from PIL import Image

pillow_heif.register_heif_opener()  # the fixtures include HEIC photos, as iPhones save them

EXIFTOOL = shutil.which("exiftool")


def photo(
    width: int = 1200,
    height: int = 900,
    *,
    fmt: str = "JPEG",
    orientation: int = 1,
    alpha: bool = False,
    seed: int = 1,
) -> bytes:
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
    subprocess.run(
        [
            EXIFTOOL,
            "-q",
            "-overwrite_original",
            "-GPSLatitude=48.8584",
            "-GPSLatitudeRef=N",
            "-GPSLongitude=2.2945",
            "-GPSLongitudeRef=E",
            "-Make=TestCam",
            "-Model=TC-1",
            "-FNumber=2.8",
            "-Artist=Secret Person",
            "-XMP-dc:Creator=Secret Person",
            "-IPTC:City=Paris",
            str(path),
        ],
        check=True,
    )


def metadata(path: Path) -> dict:
    """exiftool's tags for ``path``, grouped (``EXIF:GPSLatitude``...)."""
    out = subprocess.run(
        [EXIFTOOL, "-j", "-G", "-a", str(path)], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out)[0]


def private_tags(path: Path) -> list[str]:
    """Tags in EXIF, GPS, XMP, IPTC or MakerNotes groups (what must never be published)."""
    groups = ("EXIF:", "GPS:", "XMP", "IPTC:", "MakerNotes:", "Composite:GPS")
    return [k for k in metadata(path) if k.startswith(groups)]


def bomb_png(width: int = 30000, height: int = 30000) -> bytes:
    """A PNG header claiming ``width`` x ``height`` pixels (a decompression bomb)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def corrupt_jpeg(width: int = 800, height: int = 600, seed: int = 1) -> bytes:
    """A progressive JPEG damaged in the middle: a scan header halfway through the
    file claims 9 components. Its header and end marker are intact (so a quick look
    finds nothing wrong), but a full decode fails at any draft scale."""
    buffer = io.BytesIO()
    Image.open(io.BytesIO(photo(width, height, seed=seed))).save(
        buffer, "JPEG", progressive=True, quality=85
    )
    data = bytearray(buffer.getvalue())
    scans = [i for i in range(len(data) - 1) if data[i : i + 2] == b"\xff\xda"]
    data[scans[len(scans) // 2] + 4] = 9  # Ns, the scan's component count
    return bytes(data)


# ---- private data written by exiftool, and how to find it again --------------------

SECRET = "Secret"  # in every text field we write; no published byte may contain it
SECRET_TAGS = [
    "-GPSLatitude=48.8584",
    "-GPSLatitudeRef=N",
    "-GPSLongitude=2.2945",
    "-GPSLongitudeRef=E",
    f"-Artist={SECRET} Person",
    f"-SerialNumber={SECRET}SN42",
    f"-OwnerName={SECRET} Owner",
    f"-XMP-dc:Creator={SECRET} Creator",
    f"-IPTC:City={SECRET}City",
    f"-Comment={SECRET} comment",
    "-Make=TestCam",
]


def add_secrets(*paths: Path) -> None:
    """GPS, serial, owner, XMP, IPTC and a comment: whatever each format can hold."""
    subprocess.run(
        [EXIFTOOL, "-q", "-q", "-m", "-overwrite_original", *SECRET_TAGS, *map(str, paths)],
        check=True,
    )


def secret_exif() -> bytes:
    """An EXIF block (APP1 body) with GPS and a secret artist, made by Pillow."""
    exif = Image.Exif()
    exif[0x013B] = f"{SECRET} Person"
    exif.get_ifd(0x8825).update({1: "N", 2: (48.0, 51.0, 30.0)})
    return exif.tobytes()


def leaks(paths: list[Path]) -> dict[str, list[str]]:
    """For each file: exiftool tags that are private (GPS, EXIF, XMP, IPTC, maker notes,
    comments) or hold a secret value. One exiftool run for all files."""
    if not paths:
        return {}
    out = subprocess.run(
        [EXIFTOOL, "-j", "-G", "-a", "-ee", *map(str, paths)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = {}
    for tags in json.loads(out):
        bad = [
            k
            for k, v in tags.items()
            if k.startswith(PRIVATE_GROUPS)
            or k.endswith((":Comment", "GPSPosition", "GPSLatitude", "GPSLongitude"))
            or SECRET.lower() in str(v).lower()
        ]
        if bad:
            found[tags["SourceFile"]] = bad
    return found


PRIVATE_GROUPS = ("EXIF:", "GPS:", "XMP", "IPTC:", "MakerNotes:", "Composite:GPS")


# ---- colour profiles (none ship with the system): an ICC v2 writer -----------------

D50 = (0.9642, 1.0, 0.8249)
# Display P3 primaries, adapted to D50 (as in Apple's profile), with a 2.2 gamma.
P3_COLORANTS = [(0.5151, 0.2412, -0.0011), (0.2920, 0.6922, 0.0419), (0.1571, 0.0666, 0.7841)]
# Printing inks as sRGB fractions: magenta over yellow prints (236, 38, 31), where
# Pillow's profile-less formula would say (255, 0, 0).
INKS = [(0.0, 0.68, 0.94), (0.925, 0.16, 0.55), (1.0, 0.95, 0.235), (0.14, 0.12, 0.13)]
_SRGB_TO_XYZ = [[0.4361, 0.3851, 0.1431], [0.2225, 0.7169, 0.0606], [0.0139, 0.0971, 0.7141]]


def _s15(v: float) -> bytes:
    return struct.pack(">i", round(v * 65536))


def _xyz(x: float, y: float, z: float) -> bytes:
    return b"XYZ \0\0\0\0" + _s15(x) + _s15(y) + _s15(z)


def _desc(text: str) -> bytes:
    ascii_ = text.encode("ascii") + b"\0"
    return b"desc\0\0\0\0" + struct.pack(">I", len(ascii_)) + ascii_ + b"\0" * 78


def _profile(device: bytes, space: bytes, tags: list[tuple[bytes, bytes]]) -> bytes:
    start = 128 + 4 + 12 * len(tags)
    table, body = [], b""
    for sig, data in tags:
        body += b"\0" * (-(start + len(body)) % 4)
        table.append(struct.pack(">4sII", sig, start + len(body), len(data)))
        body += data
    header = (
        struct.pack(">I", start + len(body))
        + b"\0" * 4
        + struct.pack(">I", 0x02100000)
        + device
        + space
        + b"XYZ "
        + b"\0" * 12
        + b"acsp"
        + b"\0" * 28
        + b"".join(_s15(v) for v in D50)
        + b"\0" * 48
    )
    return header + struct.pack(">I", len(tags)) + b"".join(table) + body


def wide_gamut_profile() -> bytes:
    """A Display-P3-like RGB profile (matrix and curves)."""
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, round(2.2 * 256))
    tags = [
        (b"desc", _desc("Test wide gamut")),
        (b"cprt", b"text\0\0\0\0none\0"),
        (b"wtpt", _xyz(*D50)),
        (b"rXYZ", _xyz(*P3_COLORANTS[0])),
        (b"gXYZ", _xyz(*P3_COLORANTS[1])),
        (b"bXYZ", _xyz(*P3_COLORANTS[2])),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    return _profile(b"mntr", b"RGB ", tags)


def cmyk_profile() -> bytes:
    """A CMYK printer profile: a 2x2x2x2 table from ink overprints to XYZ."""

    def linear(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    table = b""
    for corner in np.ndindex(2, 2, 2, 2):
        rgb = np.prod([INKS[i] for i, on in enumerate(corner) if on] or [(1.0, 1.0, 1.0)], axis=0)
        xyz = np.array(_SRGB_TO_XYZ) @ [linear(v) for v in rgb]
        table += b"".join(struct.pack(">H", min(65535, round(v * 32768))) for v in xyz)
    ramp = struct.pack(">HH", 0, 65535)
    identity = b"".join(_s15(v) for v in (1, 0, 0, 0, 1, 0, 0, 0, 1))
    lut = (
        b"mft2\0\0\0\0"
        + bytes([4, 3, 2, 0])
        + identity
        + struct.pack(">HH", 2, 2)
        + ramp * 4
        + table
        + ramp * 3
    )
    tags = [
        (b"desc", _desc("Test CMYK")),
        (b"cprt", b"text\0\0\0\0none\0"),
        (b"wtpt", _xyz(*D50)),
        (b"A2B0", lut),
    ]
    return _profile(b"prtr", b"CMYK", tags)


# ---- JPEGs laid out as phones and editors write them --------------------------------


def jpeg_with_trailer(main: bytes, trailer: bytes) -> bytes:
    """A JPEG followed by more bytes after its end (MPF / gain map / Samsung layout)."""
    return main + trailer


def progressive_with_late_app1(data: bytes, app1_body: bytes) -> bytes:
    """A progressive JPEG with an APP1 segment between its first and second scans."""
    buffer = io.BytesIO()
    Image.open(io.BytesIO(data)).save(buffer, "JPEG", progressive=True, quality=90)
    out = buffer.getvalue()
    first_scan = out.index(b"\xff\xda")
    second = out.index(b"\xff\xda", first_scan + 2)
    # the marker before the second scan (a DHT usually) starts the late segments
    cut = (
        out.rindex(b"\xff\xc4", first_scan, second)
        if b"\xff\xc4" in out[first_scan:second]
        else second
    )
    segment = b"\xff\xe1" + struct.pack(">H", len(app1_body) + 2) + app1_body
    return out[:cut] + segment + out[cut:]


def animation(fmt: str, frames: int = 4, size: tuple[int, int] = (120, 80)) -> bytes:
    """An animated GIF or WebP whose frames are flat colours, 100 ms each."""
    colours = [(220, 40, 40), (40, 200, 60), (40, 60, 220), (230, 200, 30)]
    images = [Image.new("RGB", size, colours[i % 4]) for i in range(frames)]
    buffer = io.BytesIO()
    images[0].save(
        buffer,
        fmt,
        save_all=True,
        append_images=images[1:],
        duration=100,
        loop=0,
        **({"lossless": True} if fmt == "WEBP" else {}),
    )
    return buffer.getvalue()


def ico_with_png_text(png: bytes) -> bytes:
    """An ICO holding one PNG image as it is (text chunks included)."""
    with Image.open(io.BytesIO(png)) as im:
        width, height = im.size
    entry = struct.pack("<BBBBHHII", width % 256, height % 256, 0, 0, 1, 32, len(png), 22)
    return struct.pack("<HHH", 0, 1, 1) + entry + png
