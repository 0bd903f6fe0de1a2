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
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image, ImageOps

from plugins._shared.files import write_atomic

from .settings import CAMERA_TAGS, EXPOSURE_TAGS
from .sources import Source
from .strip import StripError, strip_jpeg, strip_png

_EXIF_IFD = 0x8769
FALLBACK_EXT = {"jpeg": "jpg", "png": "png"}


@dataclass(frozen=True)
class Job:
    """Everything a worker needs for one source. ``folder`` is its cache folder."""

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
        return "png" if self.source.alpha or self.source.format == "PNG" else "jpeg"

    def files(self) -> list[str]:
        """Names this job leaves in ``folder``: ``480.webp``, ``480.jpg``..., ``full.jpg``."""
        names = [f"{w}.{ext}" for w in self.widths if self.variants
                 for ext in ("webp", FALLBACK_EXT[self.fallback])]
        return names + ["full" + Path(self.source.rel).suffix.lower()]


def plan_widths(width: int, wanted: tuple[int, ...]) -> tuple[int, ...]:
    """The widths to make for a photo ``width`` pixels wide: never upscaled; a photo
    narrower than the largest wanted width gets its own width as the largest."""
    below = [w for w in sorted(set(wanted)) if w < width]
    top = min(width, max(wanted))
    return tuple(w for w in below if w != top) + (top,)


def height_for(source: Source, width: int) -> int:
    return max(1, round(width * source.height / source.width))


def _kept_exif(im: Image.Image, keep: bool) -> bytes:
    """A fresh EXIF block with only camera and exposure fields, or nothing."""
    if not keep:
        return b""
    old, new = im.getexif(), Image.Exif()
    for tag in CAMERA_TAGS:
        if tag in old:
            new[tag] = old[tag]
    old_ifd = old.get_ifd(_EXIF_IFD)
    kept = {tag: old_ifd[tag] for tag in EXPOSURE_TAGS if tag in old_ifd}
    if kept:
        new.get_ifd(_EXIF_IFD).update(kept)
    return new.tobytes() if len(new) or kept else b""


def _encode(im: Image.Image, fmt: str, job: Job, icc: bytes | None, exif: bytes) -> bytes:
    buffer = io.BytesIO()
    options: dict = {"icc_profile": icc} if icc else {}
    if exif:
        options["exif"] = exif
    if fmt == "webp":
        im.save(buffer, "WEBP", quality=job.webp_quality, method=4, **options)
    elif fmt == "jpeg":
        im = im if im.mode in ("RGB", "L") else im.convert("RGB")
        im.save(buffer, "JPEG", quality=job.jpeg_quality, optimize=True, progressive=True,
                **options)
    else:
        im.save(buffer, "PNG", **options)
    return buffer.getvalue()


def _decode(job: Job, largest: int) -> Image.Image:
    """Open once, at the smallest JPEG draft scale that still covers ``largest``."""
    im = Image.open(job.path)
    if im.format == "JPEG":
        scale = largest / job.source.width
        im.draft(im.mode if im.mode in ("RGB", "L") else None,
                 (math.ceil(im.size[0] * scale), math.ceil(im.size[1] * scale)))
    im.load()
    upright = ImageOps.exif_transpose(im)
    if im.mode == "P" or im.mode not in ("RGB", "RGBA", "L", "LA"):
        upright = upright.convert("RGBA" if job.source.alpha else "RGB")
    upright.info = {"icc_profile": im.info.get("icc_profile")}
    return upright


def _full(job: Job, exif: bytes) -> bytes:
    """The full-size photo without metadata: lossless when it needs no rotation."""
    data = job.path.read_bytes()
    try:
        if job.source.orientation == 1 and job.source.format == "JPEG":
            return strip_jpeg(data, exif)
        if job.source.orientation == 1 and job.source.format == "PNG":
            return strip_png(data, exif)
    except StripError:
        pass  # odd but decodable: re-encode below
    with Image.open(job.path) as im:
        upright = ImageOps.exif_transpose(im)
        icc = im.info.get("icc_profile")
        fmt = {"JPEG": "jpeg", "PNG": "png"}.get(job.source.format, "webp")
        if fmt == "webp":
            buffer = io.BytesIO()
            upright.save(buffer, "WEBP", quality=job.full_quality, icc_profile=icc, exif=exif)
            return buffer.getvalue()
        quality_job = replace(job, jpeg_quality=job.full_quality)
        return _encode(upright, fmt, quality_job, icc, exif)


def make_variants(job: Job) -> str | None:
    """Make every file of ``job`` in its cache folder; return None, or the reason it
    failed (a message for the author). On failure the files this job already wrote
    are removed, so a half-made set is never cached nor published."""
    try:
        with Image.open(job.path) as probe:
            exif = _kept_exif(probe, job.keep_camera_exif)
        if job.variants:
            im = _decode(job, max(job.widths))
            icc = im.info.get("icc_profile")
            for width in sorted(job.widths, reverse=True):
                size = (width, height_for(job.source, width))
                if im.size != size:
                    im = im.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
                for fmt in ("webp", job.fallback):
                    data = _encode(im, fmt, job, icc, exif)
                    write_atomic(job.folder / f"{width}.{FALLBACK_EXT.get(fmt, fmt)}", data)
        write_atomic(job.folder / job.files()[-1], _full(job, exif))
    except (OSError, ValueError, SyntaxError, EOFError, struct.error,
            Image.DecompressionBombError) as error:
        for name in job.files():
            (job.folder / name).unlink(missing_ok=True)
        return (f"is corrupt or cannot be decoded ({type(error).__name__}: {error}); "
                "open it in an image editor and export it again")
    return None
