"""The site's builds, loaded once per Pelican run from ``content/builds/*.yaml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from plugins._shared.errors import ContentError, display_path, internal_error, quoted, report

from .model import Build
from .parse import InvalidBuild, parse_build


@dataclass(frozen=True)
class PartsSettings:
    """``PARTS_*`` Pelican settings, with their defaults."""

    currency: str = "USD"  # PARTS_CURRENCY: when a build names none
    builds_dir: str = "builds"  # PARTS_BUILDS_DIR: under PATH (content/)
    load_warning: int = 80  # PARTS_LOAD_WARNING: percent of PSU rating
    siteurl: str = ""

    @classmethod
    def from_pelican(cls, settings: dict) -> PartsSettings:
        return cls(
            currency=settings.get("PARTS_CURRENCY", cls.currency),
            builds_dir=settings.get("PARTS_BUILDS_DIR", cls.builds_dir),
            load_warning=int(settings.get("PARTS_LOAD_WARNING", cls.load_warning)),
            siteurl=settings.get("SITEURL", "").rstrip("/"),
        )


@dataclass
class Registry:
    """Valid builds by slug, and the slugs whose file has errors (already reported)."""

    settings: PartsSettings
    builds: dict[str, Build] = field(default_factory=dict)
    broken: dict[str, str] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)  # slug -> its YAML file

    def names(self) -> str:
        return ", ".join(sorted(set(self.builds) | set(self.broken))) or "none yet"

    def lookup(self, slug: str, line: int | None = None, path: str | None = None) -> Build:
        """The build called ``slug``; a ContentError that lists the builds otherwise."""
        if slug in self.builds:
            return self.builds[slug]
        if slug in self.broken:
            raise ContentError(
                f"build {quoted(slug, 40)} has errors: fix {self.broken[slug]} first",
                line=line,
                path=path,
            )
        raise ContentError(
            f"unknown build {quoted(slug, 40)} (builds: {self.names()})", line=line, path=path
        )


def load_registry(content_path: str | Path, settings: PartsSettings) -> Registry:
    """Read and validate every build file, reporting each problem with file:line."""
    registry = Registry(settings)
    folder = Path(content_path) / settings.builds_dir
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
        shown = display_path(path)
        registry.files[path.stem] = path
        try:
            text = path.read_text(encoding="utf-8")
            registry.builds[path.stem] = parse_build(
                text, slug=path.stem, path=shown, default_currency=settings.currency
            )
        except InvalidBuild as invalid:
            for error in invalid.errors:
                report(error)
            registry.broken[path.stem] = shown
        except ContentError as error:
            report(error)
            registry.broken[path.stem] = shown
        except (OSError, UnicodeDecodeError) as error:
            report(ContentError(f"cannot read build file: {error}", path=shown))
            registry.broken[path.stem] = shown
        except Exception as error:  # a bug of ours: this file only, and said so
            internal_error(shown, error, plugin="parts")
            registry.broken[path.stem] = shown
    return registry
