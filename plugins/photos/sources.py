"""Where an image an author wrote lives under content/, and what it is.

``inspect`` reads only the file's header (size, format, EXIF orientation) and the
hash of its bytes; the answer is remembered in the cache keyed by path, mtime and
size, so an unchanged rebuild reads no image at all.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from plugins._shared.errors import ContentError, display_path
from plugins._shared.files import write_atomic
from plugins._shared.urls import content_relative

from .formats import CONVERTED_FORMATS, STILL_ONLY, SVG_SUFFIXES, WEB_FORMATS, register_openers
from .strip import StripError, strip_image, webp_chunks
from .svg import clean_svg

_ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
_INDEX_VERSION = 2  # bump when Source changes: older entries are inspected again


@dataclass(frozen=True)
class Source:
    """An image file under content/. ``width``/``height`` are as displayed (after EXIF
    orientation); ``rel`` is its path relative to content/, in URL form. ``animated``
    (several frames), ``lossless`` (a VP8L WebP) and ``cmyk`` decide how it is made."""

    rel: str
    digest: str
    format: str
    width: int
    height: int
    orientation: int
    alpha: bool
    animated: bool = False
    lossless: bool = False
    cmyk: bool = False

    @property
    def still(self) -> bool:
        """Whether it gets resized variants (animations, GIFs, icons and SVGs do not)."""
        return not self.animated and self.format not in STILL_ONLY

    @property
    def full_suffix(self) -> str:
        """The published full-size file's suffix: its own, or .jpg/.png when converted."""
        if self.format in CONVERTED_FORMATS:
            return ".png" if self.alpha else ".jpg"
        return "." + self.rel.rsplit(".", 1)[-1].lower() if "." in self.rel else ""


def resolve(src: str, post: Path | None, content: Path) -> Path:
    """The file an author's image path names. ``/x``, ``{static}/x`` and
    ``{{ site.baseurl }}/x`` are relative to content/; anything else to the post."""
    rooted = src.strip().startswith(("/", "{static}/", "{attach}/", "{filename}/", "{{"))
    rel = content_relative(src).split("#")[0].split("?")[0]
    if not rooted and post is not None:
        folder = post.parent.resolve()
        if not folder.is_relative_to(content):
            raise ContentError(
                f"image path {src} is relative to a post outside the content "
                "folder; write it from the site root: /images/..."
            )
        rel = posixpath.join(folder.relative_to(content).as_posix(), rel)
    rel = posixpath.normpath(rel)
    if rel.startswith("../") or rel == ".." or posixpath.isabs(rel):
        raise ContentError(f"image path {src} points outside the content folder")
    return content / rel


def _lossless_webp(data: bytes) -> bool:
    kinds = [k for k, _ in webp_chunks(data) if k in (b"VP8 ", b"VP8L", b"ANMF")]
    return kinds[:1] == [b"VP8L"]


def _inspect(path: Path) -> tuple[str, int, int, int, bool, bool, bool]:
    """Format, size, orientation, alpha, animated, CMYK, from the header (and, for a
    GIF, a walk over its frames); ContentError when Pillow cannot read it safely."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            register_openers()
            with Image.open(path) as im:
                fmt, (width, height) = im.format, im.size
                orientation = int(im.getexif().get(0x0112, 1) or 1) if fmt != "HEIF" else 1
                alpha = im.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in im.info
                return (
                    fmt,
                    width,
                    height,
                    orientation if orientation in range(1, 9) else 1,
                    alpha,
                    bool(getattr(im, "is_animated", False)),
                    im.mode == "CMYK",
                )
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ContentError(
                f"is too large to process safely (over Pillow's limit of "
                f"{Image.MAX_IMAGE_PIXELS:,} pixels: a decompression bomb?)"
            ) from None
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
            if path.suffix.lower() in (".heic", ".heif", ".hif") and not register_openers():
                raise ContentError(
                    "is a HEIC photo, and reading HEIC needs pillow-heif: "
                    "pip install -r requirements.txt"
                ) from None
            raise ContentError(
                "is not an image buildlog can read (a corrupt file, or an "
                "unsupported format: use JPEG, PNG, WebP, GIF or HEIC)"
            ) from None


def read_source(path: Path, content: Path, rel: str | None = None) -> Source:
    """Inspect one image; ContentError (without a place) says what is wrong with it.
    ``rel`` is where a file made during the build (outside content/) is published."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ContentError(f"cannot be read ({error.strerror or error})") from None
    rel, digest = rel or path.relative_to(content).as_posix(), hashlib.sha256(data).hexdigest()[:16]
    if path.suffix.lower() in SVG_SUFFIXES:
        try:
            clean_svg(data)
        except StripError as error:
            raise ContentError(f"{error}; open it in a drawing program and save it again") from None
        return Source(rel, digest, "SVG", 0, 0, 1, False)
    fmt, width, height, orientation, alpha, animated, cmyk = _inspect(path)
    if fmt not in WEB_FORMATS | CONVERTED_FORMATS:
        raise ContentError(f"is in an unsupported format ({fmt}): use JPEG, PNG, WebP, GIF or HEIC")
    try:
        if fmt in WEB_FORMATS:
            strip_image(data, fmt)  # a truncated upload fails here, at the post's line
        lossless = fmt == "WEBP" and _lossless_webp(data)
    except StripError as error:
        raise ContentError(f"is truncated or corrupt ({error}); export it again") from None
    if orientation in _ROTATED:
        width, height = height, width
    return Source(rel, digest, fmt, width, height, orientation, alpha, animated, lossless, cmyk)


class SourceIndex:
    """``read_source`` remembered across builds in ``<cache>/sources.json``."""

    def __init__(self, cache: Path, content: Path):
        self.file = cache / "sources.json"
        self.content = content
        self.dirty = False
        self.used: set[str] = set()
        self.this_build: dict[Path, Source] = {}
        try:
            saved = json.loads(self.file.read_text(encoding="utf-8"))
            self.known = saved["files"] if saved.get("version") == _INDEX_VERSION else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.known = {}

    def get(self, path: Path, written_as: str, rel: str | None = None) -> Source:
        """The Source for ``path``; ContentError names the path on any problem.
        Looked at once per build: a gallery photo shown in several posts is one stat."""
        seen = self.this_build.get(path)
        if seen is not None:
            return seen
        self.this_build[path] = source = self._get(path, written_as, rel)
        return source

    def _get(self, path: Path, written_as: str, rel: str | None) -> Source:
        real = path.resolve()
        if rel is None and not real.is_relative_to(self.content):
            raise ContentError(
                f"image {display_path(path)} is a link to {real}, outside the "
                "content folder; copy the file into content/ instead"
            )
        try:
            stat = path.stat()
        except OSError:
            raise ContentError(
                f"image not found: {written_as} (looked for {display_path(path)})"
            ) from None
        stamp = [stat.st_mtime_ns, stat.st_size]
        self.used.add(str(path))
        entry = self.known.get(str(path))
        if entry and entry["stamp"] == stamp and rel in (None, entry["source"]["rel"]):
            return Source(**entry["source"])
        try:
            source = read_source(path, self.content, rel)
        except ContentError as error:
            raise ContentError(f"image {display_path(path)} {error.message}") from None
        self.known[str(path)] = {"stamp": stamp, "source": asdict(source)}
        self.dirty = True
        return source

    def save(self) -> None:
        """Write what changed, forgetting files this build did not use."""
        unused = self.known.keys() - self.used
        for key in unused:
            del self.known[key]
        if not (self.dirty or unused):
            return
        write_atomic(self.file, json.dumps({"version": _INDEX_VERSION, "files": self.known}))
        self.dirty = False
