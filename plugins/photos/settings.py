"""The photos plugin's settings: one frozen dataclass built once per build."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, fields
from pathlib import Path

# Camera and exposure fields a user may choose to keep (PHOTOS_KEEP_CAMERA_EXIF); never
# GPS, dates, serial numbers, owner names or maker notes.
CAMERA_TAGS = {0x010F: "Make", 0x0110: "Model"}
EXPOSURE_TAGS = {
    0x829A: "ExposureTime",
    0x829D: "FNumber",
    0x8827: "ISOSpeedRatings",
    0x920A: "FocalLength",
    0xA434: "LensModel",
    0x9209: "Flash",
}


@dataclass(frozen=True)
class PhotoSettings:
    """``PHOTOS_*`` settings. ``widths`` are the variant widths in CSS pixels (never
    upscaled); ``sizes`` is the ``sizes`` attribute for figures and comparisons."""

    content: Path
    output: Path
    cache: Path
    siteurl: str = ""
    static_dir: str = "theme"
    widths: tuple[int, ...] = (480, 960, 1600)
    webp_quality: int = 80
    jpeg_quality: int = 82
    full_quality: int = 90  # a full-size photo re-encoded (only when EXIF rotated it)
    keep_camera_exif: bool = False
    workers: int = 0  # 0: one per CPU core
    variants_dir: str = "images/_v"
    social_width: int = 1200  # og:image / twitter:image of a post's front-matter image
    publish_as_is: tuple[str, ...] = ()  # STATIC_PUBLISH_AS_IS: globs under content/
    sizes: str = "(min-width: 48rem) 45rem, 100vw"
    gallery_sizes: str = "(min-width: 48rem) 15rem, 50vw"

    @property
    def fingerprint(self) -> str:
        """What changes the bytes of a variant: a change here remakes every variant."""
        keys = ("widths", "webp_quality", "jpeg_quality", "full_quality", "keep_camera_exif")
        text = repr([getattr(self, k) for k in keys]) + "v2"  # v2: sRGB, allow-list cleaning
        return hashlib.sha256(text.encode()).hexdigest()[:8]

    @property
    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1


def settings_from(pelican_settings: dict) -> PhotoSettings:
    """Build from Pelican settings; ``PHOTOS_CACHE_PATH`` falls back to
    ``BUILDLOG_CACHE_PATH``/photos, then ``.buildlog-cache/photos`` (relative paths are
    taken from the working directory, where ``invoke`` runs)."""
    cache = pelican_settings.get("PHOTOS_CACHE_PATH")
    if not cache:
        base = pelican_settings.get("BUILDLOG_CACHE_PATH") or ".buildlog-cache"
        cache = Path(base) / "photos"
    values = {
        "content": Path(pelican_settings["PATH"]).resolve(),
        "output": Path(pelican_settings["OUTPUT_PATH"]).resolve(),
        "cache": Path(cache).resolve(),
        "siteurl": (pelican_settings.get("SITEURL") or "").rstrip("/"),
        "static_dir": pelican_settings.get("THEME_STATIC_DIR", "theme"),
    }
    as_is = pelican_settings.get("STATIC_PUBLISH_AS_IS") or ()
    values["publish_as_is"] = (as_is,) if isinstance(as_is, str) else tuple(map(str, as_is))
    for f in fields(PhotoSettings):
        key = "PHOTOS_" + f.name.upper()
        if key in pelican_settings and f.name not in (
            "content",
            "output",
            "cache",
            "publish_as_is",
        ):
            value = pelican_settings[key]
            values[f.name] = tuple(sorted(int(w) for w in value)) if f.name == "widths" else value
    return PhotoSettings(**values)
