"""Collect the images posts use and every file under STATIC_PATHS, make what is missing
in parallel, and publish.

During reading, each post asks ``Pipeline.request`` for a source: it gets back the
URLs its HTML will use (known before anything is encoded, because a variant's size
follows from the source's size). After all output is written, ``Pipeline.run``
makes the missing cache entries across all cores and copies them into the output.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from plugins._shared.context import PostContext
from plugins._shared.errors import ContentError, display_path, report
from plugins._shared.files import FileWriteError, copy_atomic, link_atomic, remove_published

from .planned import Planned, SocialImage, fallback_ext, full_name
from .settings import PhotoSettings
from .sources import Source, SourceIndex, resolve
from .state import (
    is_unchanged,
    kept_for_broken_posts,
    last_published,
    last_state,
    photo_key,
    published_state,
    remember_state,
)
from .variants import Job, height_for, plan_widths
from .workers import make_all

_CACHE_KEY = re.compile(r"^[0-9a-f]{14}$")  # a cache folder's name (see Pipeline.request)


class Pipeline:
    def __init__(self, settings: PhotoSettings):
        self.settings = settings
        self.index = SourceIndex(settings.cache, settings.content)
        self.planned: dict[str, Planned] = {}
        self.failed: set[Path] = set()  # reported once, where a post first used them
        self.built: set[str] = set()  # posts and pages read without error (absolute paths)
        self.copies: dict[Path, Path] = {}  # text and vouched-for files: output <- source
        self._names: dict[str, str] = {}  # published full-size name -> source rel
        self.resolved: dict[tuple[str, Path | None], Path] = {}
        # Files made during the build (a notebook's output images), used as if they
        # were content/<rel>: content path -> the real file.
        self.generated: dict[Path, Path] = {}

    def add_generated(self, rel: str, path: Path) -> str:
        """Let posts use ``path`` as ``/<rel>`` (published there, with variants);
        returns that site path."""
        self.generated[self.settings.content / rel] = path
        return "/" + rel

    def resolve(self, src: str, post: Path | None) -> Path:
        """``sources.resolve``, remembered for this build (galleries repeat paths)."""
        key = (src, post.parent if post else None)
        found = self.resolved.get(key)
        if found is None:
            found = self.resolved[key] = resolve(src, post, self.settings.content)
        return found

    def request(
        self,
        path: Path,
        written_as: str,
        *,
        variants: bool = True,
        place: tuple[str, int | None] | None = None,
        save_as: str | None = None,
        social: bool = False,
    ) -> tuple[Planned, Source]:
        """Plan ``path``'s files; ContentError if it is missing, unreadable, or would be
        published under a name another file has."""
        real = self.generated.get(path, path)
        rel = path.relative_to(self.settings.content).as_posix() if real is not path else None
        try:
            source = self.index.get(real, written_as, rel=rel)
        except ContentError:
            self.failed.add(path)
            raise
        planned = self.planned.get(source.rel)
        variants = variants and source.still
        if (
            planned is None
            or (variants and not planned.job.variants)
            or (social and not planned.social)
        ):
            planned = self._plan(real, source, variants, social, save_as, planned)
        if place and place not in planned.places:
            planned.places.append(place)
        return planned, source

    def request_for(
        self, post: PostContext, path: Path, written_as: str, line: int | None
    ) -> tuple[Planned, Source]:
        """``request`` for a photo a post's body shows: the file is declared as the
        post's dependency and the request recorded, for the content cache."""
        post.depends_on(self.generated.get(path, path))
        planned, source = self.request(path, written_as, place=(post.path, line))
        post.replay("photos", {"path": str(path), "written_as": written_as, "line": line})
        return planned, source

    def replay(self, post: PostContext, request: dict) -> None:
        """Make again a request a post read from the content cache made."""
        self.request(
            Path(request["path"]), request["written_as"], place=(post.path, request["line"])
        )

    def settled(self, post_path: str, request: dict) -> bool:
        """Whether ``post_path``'s request is planned now as it was in its turn: the
        photo is still planned. A plan may grow later in a build (the social width
        joins when a post names the photo as its front-matter image), but a picture
        offers PHOTOS_WIDTHS only (``picture_widths``), so its HTML does not change."""
        real = self.generated.get(Path(request["path"]), Path(request["path"]))
        return any(p.job.path == real for p in self.planned.values())

    def _plan(
        self,
        path: Path,
        source: Source,
        variants: bool,
        social: bool,
        save_as: str | None,
        old: Planned | None,
    ) -> Planned:
        s = self.settings
        name = old.full_name if old else full_name(save_as or source.rel, source.full_suffix)
        owner = self._names.setdefault(name, source.rel)
        if owner != source.rel:
            self.failed.add(path)
            raise ContentError(
                f"{display_path(path)} would be published as {name}, like "
                f"content/{owner}; rename one of them"
            )
        social = social or bool(old and old.social)
        variants = variants or bool(old and old.job.variants)
        wanted = s.widths + ((s.social_width,) if social else ())
        widths = plan_widths(source.width, wanted) if source.still else ()
        key = f"{source.digest[:10]}{s.fingerprint[:4]}"
        job = Job(
            path=path,
            source=source,
            folder=s.cache / "files" / key,
            widths=widths,
            variants=variants,
            webp_quality=s.webp_quality,
            jpeg_quality=s.jpeg_quality,
            full_quality=s.full_quality,
            keep_camera_exif=s.keep_camera_exif,
        )
        planned = Planned(job, name, old.places if old else [], social)
        self.planned[source.rel] = planned
        return planned

    def social(self, path: Path, written_as: str, place: tuple[str, int]) -> SocialImage | None:
        """The social-preview variant of a post's front-matter image (made on demand)."""
        planned, _ = self.request(path, written_as, place=place, social=True)
        return planned.social_image(self.settings)

    def picture_widths(self, planned: Planned) -> tuple[int, ...]:
        """The widths a picture of ``planned`` offers: PHOTOS_WIDTHS only. The social
        width is made for ``og:image`` when a post names the photo as its front-matter
        image, and is left out of pictures, so every post's picture of a photo is the
        same whichever post Pelican reads first."""
        if not planned.job.widths:
            return ()
        return plan_widths(planned.job.source.width, self.settings.widths)

    def srcset(self, planned: Planned, ext: str) -> str:
        key = ("srcset", ext)
        if key not in planned.strings:
            planned.strings[key] = ", ".join(
                f"{planned.url(self.settings, f'{w}.{ext}')} {w}w"
                for w in self.picture_widths(planned)
            )
        return planned.strings[key]

    def run(self, written: set[str] | None = None) -> None:
        """Make missing cache entries in parallel, copy everything into the output,
        then prune cache folders and output variants this build did not use, and the
        files an earlier build published that this one does not (``written``: the
        files Pelican's writer wrote this build, left alone whatever the state says)."""
        try:
            self.index.save()
            self._copy_files()
            self._run(written or set())
        except FileWriteError as error:  # disk full, read-only output...: say so, stop
            report(ContentError(error.reason, path=error.path))

    def _run(self, written: set[str]) -> None:
        s, last = self.settings, last_state(self.settings)
        kept = kept_for_broken_posts(last, self.built)
        state = published_state(s, self.planned.values(), kept, self.copies)
        if is_unchanged(state, last):
            return  # same photos, and no folder they live in has changed since
        before = last_published(last, s)
        del state, last  # made again below, once the files are there: not held twice
        todo = [
            p
            for p in self.planned.values()
            if not all((p.job.folder / n).is_file() for n in p.job.files())
        ]
        failed = make_all(todo, s.worker_count)
        kept_photos = dict(photo for photos in kept.values() for photo in photos)
        published = {s.output / name for names in kept_photos.values() for name in names}
        for planned in self.planned.values():
            if planned.job.source.rel in failed:
                (s.output / planned.full_name).unlink(missing_ok=True)  # an older version
            else:
                published |= self._publish(planned)
        keys = {photo_key(entry) for entry in kept_photos}
        self._prune({p.job.folder.name for p in self.planned.values()} | keys, published)
        now = {path.relative_to(s.output).as_posix() for path in (*published, *self.copies)}
        self._unpublish(before - now, written)
        state = published_state(s, self.planned.values(), kept, self.copies)
        remember_state(s, state, complete=not failed)

    def _copy_files(self) -> None:
        """Text and vouched-for files, copied as they are (0644, unless up to date)."""
        for target, source in self.copies.items():
            if not _same_file(source, target):
                copy_atomic(source, target, durable=False)

    def _prune(self, used: set[str], published: set[Path]) -> None:
        """Remove cache folders no photo of this build uses (an edited photo's old
        variants) and old variants in the output; nothing outside those two folders."""
        files = self.settings.cache / "files"
        for folder in files.iterdir() if files.is_dir() else ():
            if folder.is_dir() and _CACHE_KEY.match(folder.name) and folder.name not in used:
                shutil.rmtree(folder)
        keep = {os.fspath(path) for path in published}
        for folder, _, names in os.walk(self.settings.output / self.settings.variants_dir):
            for path in (os.path.join(folder, name) for name in names):
                if path not in keep and os.path.isfile(path):
                    os.unlink(path)

    def _unpublish(self, names: set[str], written: set[str]) -> None:
        """Remove files the last build published and this one does not (a photo or
        file taken out of content/), and folders they leave empty; never a file Pelican
        wrote this build (a page now at that address)."""
        if not names:
            return
        output = self.settings.output
        pages = {os.path.realpath(path) for path in written}
        for name in sorted(names):
            path = output / name
            if path.resolve().is_relative_to(output) and os.path.realpath(path) not in pages:
                remove_published(path, output)

    def _publish(self, planned: Planned) -> set[Path]:
        """Copy ``planned``'s cache files into the output (unless already there);
        return the output paths."""
        targets = set()
        for name, output_name in zip(planned.job.files(), planned.output_names(self.settings)):
            cached, target = planned.job.folder / name, self.settings.output / output_name
            targets.add(target)
            if not _same_file(cached, target):
                link_atomic(cached, target)
        return targets


def _same_file(source: Path, target: Path) -> bool:
    """Copied (or linked) by an earlier build: same size and mtime (copy_atomic keeps
    the mtime, a link is the same file)."""
    try:
        have, want = target.stat(), source.stat()
    except OSError:
        return False
    return have.st_size == want.st_size and have.st_mtime_ns == want.st_mtime_ns


__all__ = ["Pipeline", "Planned", "fallback_ext", "height_for"]
