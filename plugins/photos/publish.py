"""Collect the photos posts use, make what is missing in parallel, and publish.

During reading, each post asks ``Pipeline.request`` for a source: it gets back the
URLs its HTML will use (known before anything is encoded, because a variant's size
follows from the source's size). After all output is written, ``Pipeline.run``
makes the missing cache entries across all cores and copies them into the output.
"""

from __future__ import annotations

import re
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from plugins._shared.errors import ContentError, display_path, report
from plugins._shared.files import copy_atomic

from .settings import PhotoSettings
from .sources import Source, SourceIndex, resolve
from .state import last_state, published_state, remember_state
from .variants import FALLBACK_EXT, Job, height_for, make_variants, plan_widths

PROGRESS_OVER = 5  # show progress when more jobs than this are made
_CACHE_KEY = re.compile(r"^[0-9a-f]{14}$")  # a cache folder's name (see Pipeline.request)


@dataclass
class Planned:
    """A source's job and who asked for it (``places``: (post path, file line), so an
    error found later by a worker still names the post's file:line)."""

    job: Job
    places: list[tuple[str, int | None]] = field(default_factory=list)
    # URL strings, made once per build: a gallery asks for the same ones many times.
    strings: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    def url(self, settings: PhotoSettings, name: str) -> str:
        key = ("url", name)
        if key not in self.strings:
            self.strings[key] = settings.siteurl + "/" + quote(self.output_name(settings, name))
        return self.strings[key]

    def output_name(self, settings: PhotoSettings, name: str) -> str:
        if name.startswith("full"):
            return self.job.source.rel
        stem = self.job.source.rel.rsplit(".", 1)[0].removeprefix("images/")
        return f"{settings.variants_dir}/{stem}.{self.job.folder.name}.{name}"


class Pipeline:
    def __init__(self, settings: PhotoSettings):
        self.settings = settings
        self.index = SourceIndex(settings.cache, settings.content)
        self.planned: dict[str, Planned] = {}
        self.failed: set[Path] = set()  # reported once, where a post first used them
        self.resolved: dict[tuple[str, Path | None], Path] = {}

    def resolve(self, src: str, post: Path | None) -> Path:
        """``sources.resolve``, remembered for this build (galleries repeat paths)."""
        key = (src, post.parent if post else None)
        found = self.resolved.get(key)
        if found is None:
            found = self.resolved[key] = resolve(src, post, self.settings.content)
        return found

    def request(self, path: Path, written_as: str, *, variants: bool = True,
                place: tuple[str, int | None] | None = None) -> tuple[Planned, Source]:
        """Plan ``path``'s files; ContentError if it is missing or unreadable."""
        try:
            source = self.index.get(path, written_as)
        except ContentError:
            self.failed.add(path)
            raise
        s = self.settings
        key = f"{source.digest[:10]}{s.fingerprint[:4]}"
        planned = self.planned.get(source.rel)
        if planned is None or (variants and not planned.job.variants):
            job = Job(path, source, s.cache / "files" / key, plan_widths(source.width, s.widths),
                      variants, s.webp_quality, s.jpeg_quality, s.full_quality,
                      s.keep_camera_exif)
            planned = self.planned[source.rel] = Planned(job, planned.places if planned else [])
        if place:
            planned.places.append(place)
        return planned, source

    def srcset(self, planned: Planned, ext: str) -> str:
        key = ("srcset", ext)
        if key not in planned.strings:
            planned.strings[key] = ", ".join(
                f"{planned.url(self.settings, f'{w}.{ext}')} {w}w" for w in planned.job.widths)
        return planned.strings[key]

    def run(self) -> None:
        """Make missing cache entries in parallel, copy everything into the output,
        then prune cache folders and output variants this build did not use."""
        self.index.save()
        state = published_state(self.settings, self.planned.values())
        if state is not None and state == last_state(self.settings):
            return  # same photos, and no folder they live in has changed since
        todo = [p for p in self.planned.values()
                if not all((p.job.folder / n).is_file() for n in p.job.files())]
        failed = self._make(todo)
        published: set[Path] = set()
        for planned in self.planned.values():
            if planned.job.source.rel in failed:
                stale = self.settings.output / planned.output_name(self.settings, "full")
                stale.unlink(missing_ok=True)  # an older version of it, from a past build
            else:
                published |= self._publish(planned)
        self._prune({p.job.folder.name for p in self.planned.values()}, published)
        if not failed:
            remember_state(self.settings, published_state(self.settings, self.planned.values()))

    def _make(self, todo: list[Planned]) -> set[str]:
        if not todo:
            return set()
        workers = min(self.settings.worker_count, len(todo))
        show = len(todo) > PROGRESS_OVER
        jobs = [p.job for p in todo]
        if workers > 1:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                return self._collect(todo, pool.map(make_variants, jobs), show)
        return self._collect(todo, map(make_variants, jobs), show)

    def _collect(self, todo: list[Planned], results, show: bool) -> set[str]:
        """Report each job's problem at every post line that uses its photo."""
        failed = set()
        live = show and sys.stderr.isatty()
        total = sum(len(p.job.files()) for p in todo)
        made, broken = 0, ""
        for planned in todo:
            try:
                problem = broken or next(results)
            except BrokenProcessPool:  # a worker died (out of memory?): the rest fail too
                problem = broken = "could not be processed: a worker process stopped unexpectedly"
            made += len(planned.job.files())
            if live or (show and made == total):
                print(f"\rphotos: {made}/{total} variants", end="", file=sys.stderr, flush=True)
            if problem:
                failed.add(planned.job.source.rel)
                name = display_path(planned.job.path)
                for path, line in planned.places or [(name, None)]:
                    report(ContentError(f"image {name} {problem}", path=path, line=line))
        if show:
            print(file=sys.stderr)
        return failed

    def _prune(self, used: set[str], published: set[Path]) -> None:
        """Remove cache folders no photo of this build uses (an edited photo's old
        variants) and old variants in the output; nothing outside those two folders."""
        files = self.settings.cache / "files"
        for folder in files.iterdir() if files.is_dir() else ():
            if folder.is_dir() and _CACHE_KEY.match(folder.name) and folder.name not in used:
                shutil.rmtree(folder)
        variants = self.settings.output / self.settings.variants_dir
        for path in variants.rglob("*") if variants.is_dir() else ():
            if path.is_file() and path not in published:
                path.unlink()

    def _publish(self, planned: Planned) -> set[Path]:
        """Copy ``planned``'s cache files into the output (unless already there);
        return the output paths."""
        targets = set()
        for name in planned.job.files():
            cached = planned.job.folder / name
            target = self.settings.output / planned.output_name(self.settings, name)
            targets.add(target)
            try:
                have, want = target.stat(), cached.stat()
                if have.st_size == want.st_size and have.st_mtime_ns == want.st_mtime_ns:
                    continue  # copied by an earlier build (copy2 kept the mtime)
            except OSError:
                pass
            copy_atomic(cached, target)
        return targets


def fallback_ext(planned: Planned) -> str:
    return FALLBACK_EXT[planned.job.fallback]


__all__ = ["Pipeline", "Planned", "fallback_ext", "height_for"]
