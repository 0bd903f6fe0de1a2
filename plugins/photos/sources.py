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

PROCESSED = {"JPEG", "PNG", "WEBP"}  # made into variants; anything else is an error
PASSED_THROUGH = {".svg", ".gif"}  # published as written, no variants
_ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height


@dataclass(frozen=True)
class Source:
    """An image file under content/. ``width``/``height`` are as displayed (after EXIF
    orientation); ``rel`` is its path relative to content/, in URL form."""

    rel: str
    digest: str
    format: str
    width: int
    height: int
    orientation: int
    alpha: bool


def resolve(src: str, post: Path | None, content: Path) -> Path:
    """The file an author's image path names. ``/x``, ``{static}/x`` and
    ``{{ site.baseurl }}/x`` are relative to content/; anything else to the post."""
    rooted = src.strip().startswith(("/", "{static}/", "{attach}/", "{filename}/", "{{"))
    rel = content_relative(src).split("#")[0].split("?")[0]
    if not rooted and post is not None:
        folder = post.parent.resolve()
        if not folder.is_relative_to(content):
            raise ContentError(f"image path {src} is relative to a post outside the content "
                               "folder; write it from the site root: /images/...")
        rel = posixpath.join(folder.relative_to(content).as_posix(), rel)
    rel = posixpath.normpath(rel)
    if rel.startswith("../") or rel == ".." or posixpath.isabs(rel):
        raise ContentError(f"image path {src} points outside the content folder")
    return content / rel


def _check_complete(data: bytes, fmt: str) -> None:
    """Cheap end-of-file checks: a truncated upload fails here, at the post's line,
    rather than later in a worker."""
    tail = data.rstrip(b"\0")
    ok = {"JPEG": tail.endswith(b"\xff\xd9"), "PNG": tail.endswith(b"IEND\xaeB`\x82"),
          "WEBP": len(data) >= 12 and int.from_bytes(data[4:8], "little") + 8 <= len(data)}
    if not ok.get(fmt, True):
        raise ContentError("is truncated or corrupt (the file ends early); export it again")


def read_source(path: Path, content: Path) -> Source:
    """Inspect one image; ContentError (without a place) says what is wrong with it."""
    data = path.read_bytes()
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as im:
                fmt, (width, height) = im.format, im.size
                orientation = int(im.getexif().get(0x0112, 1) or 1) if fmt in PROCESSED else 1
                alpha = im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ContentError(f"is too large to process safely (over Pillow's limit of "
                               f"{Image.MAX_IMAGE_PIXELS:,} pixels: a decompression bomb?)") from None
        except UnidentifiedImageError:
            raise ContentError("is not an image buildlog can read (a corrupt file, or an "
                               "unsupported format: use JPEG, PNG or WebP)") from None
    if fmt not in PROCESSED:
        raise ContentError(f"is in an unsupported format ({fmt}): use JPEG, PNG or WebP")
    _check_complete(data, fmt)
    if orientation in _ROTATED:
        width, height = height, width
    return Source(path.relative_to(content).as_posix(), hashlib.sha256(data).hexdigest()[:16],
                  fmt, width, height, orientation, alpha)


class SourceIndex:
    """``read_source`` remembered across builds in ``<cache>/sources.json``."""

    def __init__(self, cache: Path, content: Path):
        self.file = cache / "sources.json"
        self.content = content
        self.dirty = False
        self.used: set[str] = set()
        self.this_build: dict[Path, Source] = {}
        try:
            self.known = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.known = {}

    def get(self, path: Path, written_as: str) -> Source:
        """The Source for ``path``; ContentError names the path on any problem.
        Looked at once per build: a gallery photo shown in several posts is one stat."""
        seen = self.this_build.get(path)
        if seen is not None:
            return seen
        self.this_build[path] = source = self._get(path, written_as)
        return source

    def _get(self, path: Path, written_as: str) -> Source:
        try:
            stat = path.stat()
        except OSError:
            raise ContentError(f"image not found: {written_as} (looked for "
                               f"{display_path(path)})") from None
        stamp = [stat.st_mtime_ns, stat.st_size]
        self.used.add(str(path))
        entry = self.known.get(str(path))
        if entry and entry["stamp"] == stamp:
            return Source(**entry["source"])
        try:
            source = read_source(path, self.content)
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
        write_atomic(self.file, json.dumps(self.known))
        self.dirty = False
