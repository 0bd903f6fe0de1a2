"""Make a photo's variants: decode once, derive every width, encode WebP plus a
JPEG/PNG fallback, strip metadata. Runs in worker processes, so everything here is
picklable and touches only the cache folder (the caller copies into the output).

Speed: a JPEG is decoded once at the smallest ``draft()`` scale (1/2, 1/4, 1/8) that
still covers the largest variant, and each smaller width is resized from the one
above it, so no photo is ever decoded at full size just to make thumbnails.
"""

from __future__ import annotations

import io
import math
import struct
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from plugins._shared.files import FileWriteError, write_atomic

from .formats import WEB_FORMATS, register_openers
from .settings import CAMERA_TAGS, EXPOSURE_TAGS
from .sources import Source
from .strip import StripError, strip_image
from .svg import clean_svg

_EXIF_IFD = 0x8769
FALLBACK_EXT = {"jpeg": "jpg", "png": "png"}


@dataclass(frozen=True, kw_only=True)
class Job:
    """Everything a worker needs for one source. ``folder`` is its cache folder.
    Keywords only: nine fields in a row are too easy to misplace."""

    path: Path
    source: Source
    folder: Path
    widths: tuple[int, ...]
    variants: bool
    webp_quality: int
    jpeg_quality: int
    full_quality: int
    keep_camera_exif: bool

    @property
    def fallback(self) -> str:
        """PNG for transparent and lossless sources (screenshots), else JPEG."""
        source = self.source
        return "png" if source.alpha or source.format == "PNG" or source.lossless else "jpeg"

    def files(self) -> list[str]:
        """Names this job leaves in ``folder``: ``480.webp``, ``480.jpg``..., ``full.jpg``."""
        names = [
            f"{w}.{ext}"
            for w in self.widths
            if self.variants
            for ext in ("webp", FALLBACK_EXT[self.fallback])
        ]
        return names + ["full" + self.source.full_suffix]


def plan_widths(width: int, wanted: tuple[int, ...]) -> tuple[int, ...]:
    """The widths to make for a photo ``width`` pixels wide: never upscaled; a photo
    narrower than the largest wanted width gets its own width as the largest."""
    below = [w for w in sorted(set(wanted)) if w < width]
    top = min(width, max(wanted))
    return tuple(w for w in below if w != top) + (top,)


def height_for(source: Source, width: int) -> int:
    return max(1, round(width * source.height / source.width))


def _kept_exif(job: Job) -> bytes:
    """A fresh EXIF block with only camera and exposure fields, or nothing."""
    if not job.keep_camera_exif or job.source.format in ("SVG", "GIF", "ICO"):
        return b""
    register_openers()  # in each worker process too
    with Image.open(job.path) as im:
        old, new = im.getexif(), Image.Exif()
        old_ifd = old.get_ifd(_EXIF_IFD)
    for tag in CAMERA_TAGS:
        if tag in old:
            new[tag] = old[tag]
    kept = {tag: old_ifd[tag] for tag in EXPOSURE_TAGS if tag in old_ifd}
    if kept:
        new.get_ifd(_EXIF_IFD).update(kept)
    return new.tobytes() if len(new) or kept else b""


def _encode(im: Image.Image, fmt: str, job: Job, exif: bytes, quality: int = 0) -> bytes:
    """Encode without any metadata, then run the result through the same cleaner as a
    source file: whatever an encoder adds on its own (a comment, a profile) is dropped,
    and ``exif`` (camera fields the site keeps on purpose) is the only EXIF."""
    buffer = io.BytesIO()
    im.info = {}
    if fmt == "webp":
        options = {"lossless": True} if job.source.lossless else {}
        im.save(buffer, "WEBP", quality=quality or job.webp_quality, method=4, **options)
    elif fmt == "jpeg":
        im = im if im.mode in ("RGB", "L") else im.convert("RGB")
        im.save(
            buffer, "JPEG", quality=quality or job.jpeg_quality, optimize=True, progressive=True
        )
    else:
        im.save(buffer, "PNG")
    return strip_image(buffer.getvalue(), fmt.upper(), exif)


def _decode(job: Job, largest: int) -> Image.Image:
    """Open once, at the smallest JPEG draft scale that still covers ``largest``."""
    register_openers()  # in each worker process too
    with Image.open(job.path) as im:
        if im.format == "JPEG":
            scale = largest / job.source.width
            im.draft(
                im.mode if im.mode in ("RGB", "L") else None,
                (math.ceil(im.size[0] * scale), math.ceil(im.size[1] * scale)),
            )
        im.load()
        return _display_pixels(im, job.source.alpha)


def _display_pixels(im, alpha: bool):
    """pixels.py (colour management) is loaded by the processes that encode, not by
    every build: a build whose photos are all made never needs it."""
    from .pixels import display_pixels

    return display_pixels(im, alpha)


def _full(job: Job, data: bytes, exif: bytes) -> bytes:
    """The full-size file without metadata: the source's own bytes minus everything
    that is not pixels, colour or animation when it needs no rotation or colour
    conversion; otherwise re-encoded, upright and sRGB."""
    source = job.source
    if source.format == "SVG":
        return clean_svg(data)
    if (
        source.format in WEB_FORMATS
        and not source.cmyk
        and (source.orientation == 1 or not source.still)
    ):
        try:
            return strip_image(data, source.format, exif)
        except StripError:
            if not source.still:
                raise
            # odd but decodable: re-encode below
    with Image.open(job.path) as im:
        im.load()
        upright = _display_pixels(im, source.alpha)
    fmt = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp"}.get(
        source.format, "png" if source.alpha else "jpeg"
    )
    return _encode(upright, fmt, job, exif, quality=job.full_quality)


def _make_widths(job: Job, exif: bytes) -> None:
    im = _decode(job, max(job.widths))
    for width in sorted(job.widths, reverse=True):
        size = (width, height_for(job.source, width))
        if im.size != size:
            im = im.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        for fmt in ("webp", job.fallback):
            write_atomic(
                job.folder / f"{width}.{FALLBACK_EXT.get(fmt, fmt)}", _encode(im, fmt, job, exif)
            )


def make_variants(job: Job) -> str | None:
    """Make every file of ``job`` in its cache folder; return None, or the reason it
    failed (a message for the author). On failure the files this job already wrote
    are removed, so a half-made set is never cached nor published."""
    from PIL import ImageCms  # colour management: in the processes that encode only

    try:
        data = job.path.read_bytes()
        exif = _kept_exif(job)
        if job.variants:
            _make_widths(job, exif)
        write_atomic(job.folder / job.files()[-1], _full(job, data, exif))
    except FileWriteError as error:  # disk full, read-only...: not the photo's fault
        _remove(job)
        return f"could not be published: {error.strerror}"
    except (
        OSError,
        ValueError,
        SyntaxError,
        EOFError,
        struct.error,
        ImageCms.PyCMSError,
        Image.DecompressionBombError,
    ) as error:
        _remove(job)
        return (
            f"is corrupt or cannot be decoded ({type(error).__name__}: {error}); "
            "open it in an image editor and export it again"
        )
    return None


def _remove(job: Job) -> None:
    for name in job.files():
        (job.folder / name).unlink(missing_ok=True)
