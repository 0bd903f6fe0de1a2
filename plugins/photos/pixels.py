"""Decoded pixels to what a browser should show: upright, 8 bits a channel, sRGB.

Browsers treat an image without a colour profile as sRGB, so every image we re-encode
is converted to sRGB with LittleCMS and published without a profile: a CMYK photo, a
Display P3 or Adobe RGB photo, a grey image with a dot-gain profile all keep their
colours. Alpha is carried across untouched.
"""

from __future__ import annotations

import io

from PIL import Image, ImageCms, ImageOps

FINAL_MODES = ("RGB", "RGBA", "L", "LA")
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
_SIXTEEN_BIT = ("I;16", "I;16L", "I;16B", "I;16N")


def _eight_bit(im: Image.Image) -> Image.Image:
    """16-bit and 32-bit grey scaled to 8 bits (Pillow's convert("L") would clip it
    to white)."""
    if im.mode in _SIXTEEN_BIT:
        return im.convert("I").point(lambda v: v / 257).convert("L")
    if im.mode == "I":
        high = im.getextrema()[1]
        return (im.point(lambda v: v / 257) if high > 255 else im).convert("L")
    if im.mode == "F":
        high = im.getextrema()[1]
        return im.point(lambda v: v * (255 if high <= 1 else 1)).convert("L")
    return im


def _profile(icc: bytes | None) -> ImageCms.ImageCmsProfile | None:
    """The embedded profile, or None when there is none, it is sRGB already, or it is
    unreadable (a browser would ignore it too and show the pixels as sRGB)."""
    if not icc:
        return None
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if "srgb" in (ImageCms.getProfileDescription(profile) or "").lower():
            return None
        return profile
    except (OSError, ImageCms.PyCMSError):
        return None


def _to_srgb(im: Image.Image, profile: ImageCms.ImageCmsProfile | None) -> Image.Image:
    if profile is None:
        return im if im.mode in FINAL_MODES else im.convert("RGB")
    alpha = im.getchannel("A") if im.mode in ("RGBA", "LA") else None
    colour = im.convert({"RGBA": "RGB", "LA": "L"}[im.mode]) if alpha else im
    try:
        out = ImageCms.profileToProfile(colour, profile, _SRGB, outputMode="RGB")
    except ImageCms.PyCMSError:  # a profile that does not fit the pixels: ignore it
        out = colour.convert("RGB")
    if colour.mode == "L":
        out = out.convert("L")
    if alpha is not None:
        out.putalpha(alpha)
    return out


def display_pixels(im: Image.Image, alpha: bool) -> Image.Image:
    """``im`` (loaded) upright, 8-bit, sRGB, in one of FINAL_MODES, with an empty
    ``info`` so that no encoder copies a comment, EXIF or profile into the output."""
    icc = im.info.get("icc_profile")
    im = _eight_bit(ImageOps.exif_transpose(im))
    if im.mode in ("1", "P", "PA") or im.mode not in FINAL_MODES + ("CMYK",):
        im = im.convert("RGBA" if alpha else ("L" if im.mode == "1" else "RGB"))
    im = _to_srgb(im, _profile(icc))  # CMYK without a usable profile: Pillow's formula
    im.info = {}
    return im
