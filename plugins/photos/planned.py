"""One source's plan for this build: its job, who uses it, and the names and URLs of
the files it publishes (known before anything is encoded)."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

from .settings import PhotoSettings
from .variants import FALLBACK_EXT, Job, height_for


@dataclass(frozen=True)
class SocialImage:
    """The variant a post's ``og:image``/``twitter:image`` names, with its size."""

    url: str
    width: int
    height: int


@dataclass
class Planned:
    """A source's job and who asked for it (``places``: (post path, file line), so an
    error found later by a worker still names the post's file:line). ``full_name`` is
    where the full-size file is published, relative to the output folder."""

    job: Job
    full_name: str
    places: list[tuple[str, int | None]] = field(default_factory=list)
    social: bool = False
    # URL strings, made once per build: a gallery asks for the same ones many times.
    strings: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    def url(self, settings: PhotoSettings, name: str) -> str:
        key = ("url", name)
        if key not in self.strings:
            self.strings[key] = settings.siteurl + "/" + quote(self.output_name(settings, name))
        return self.strings[key]

    def output_name(self, settings: PhotoSettings, name: str) -> str:
        if name.startswith("full"):
            return self.full_name
        stem = self.job.source.rel.rsplit(".", 1)[0].removeprefix("images/")
        return f"{settings.variants_dir}/{stem}.{self.job.folder.name}.{name}"

    def output_names(self, settings: PhotoSettings) -> list[str]:
        return [self.output_name(settings, n) for n in self.job.files()]

    def social_image(self, settings: PhotoSettings) -> SocialImage | None:
        """The largest fallback (JPEG/PNG) variant no wider than the social width."""
        widths = [w for w in self.job.widths if w <= settings.social_width] or list(
            self.job.widths[:1]
        )
        if not (self.job.variants and widths):
            return None
        width = widths[-1]
        return SocialImage(
            self.url(settings, f"{width}.{fallback_ext(self)}"),
            width,
            height_for(self.job.source, width),
        )


def full_name(rel: str, suffix: str) -> str:
    """``images/x.heic`` published as ``images/x.jpg``; web formats keep their name."""
    stem, dot, ext = rel.rpartition(".")
    if dot and "." + ext.lower() == suffix:
        return rel
    return (stem if dot and "/" not in ext else rel) + suffix


def fallback_ext(planned: Planned) -> str:
    return FALLBACK_EXT[planned.job.fallback]
