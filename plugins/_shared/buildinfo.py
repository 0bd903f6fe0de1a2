"""Which settings built an output folder, written by every build for ``invoke check``.

A local build (pelicanconf.py, links from ``/``) and a production build
(publishconf.py, links from ``https://you.github.io/repo/``) fill the same folder, and
each must be checked against its own address: checking one with the other's settings
reports every link as broken. The build leaves ``output/.buildlog-build.json``; the
check reads it instead of guessing. It holds only what the pages already show (the
settings file's name, the address, the feeds), so publishing it leaks nothing, and
``invoke gh-pages`` leaves it out all the same.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from .files import write_atomic

MARKER = ".buildlog-build.json"


@dataclass(frozen=True)
class BuildInfo:
    settings: str  # the settings file's name: "pelicanconf.py" or "publishconf.py"
    siteurl: str = ""
    cname: str = ""
    expected_xml: tuple[str, ...] = ()  # feeds and sitemap the settings promise
    ignore: tuple[str, ...] = ()  # PUBLISH_CHECK_IGNORE
    future: bool = False  # built with --future (WITH_FUTURE_DATES)

    @property
    def is_production(self) -> bool:
        return self.siteurl.startswith(("http://", "https://"))

    @classmethod
    def from_settings(cls, settings_file: str | Path, settings: dict) -> BuildInfo:
        expected = [settings.get("FEED_ALL_ATOM"), settings.get("FEED_ALL_RSS")]
        expected += [
            v for v in (settings.get("TEMPLATE_PAGES") or {}).values() if v.endswith(".xml")
        ]
        return cls(
            settings=Path(settings_file).name,
            siteurl=(settings.get("SITEURL") or "").rstrip("/"),
            cname=(settings.get("CNAME") or "").strip(),
            expected_xml=tuple(e for e in expected if e),
            ignore=tuple(settings.get("PUBLISH_CHECK_IGNORE") or ()),
            future=bool(settings.get("WITH_FUTURE_DATES")),
        )


def write_build_info(output: Path, info: BuildInfo) -> None:
    write_atomic(output / MARKER, json.dumps(asdict(info), indent=1) + "\n")


def forget_build_info(output: Path) -> None:
    (output / MARKER).unlink(missing_ok=True)


def read_build_info(output: Path) -> BuildInfo | None:
    """The marker of ``output``, or None when there is none or it is unreadable."""
    try:
        data = json.loads((output / MARKER).read_text(encoding="utf-8"))
        return BuildInfo(
            settings=str(data["settings"]),
            siteurl=str(data.get("siteurl", "")),
            cname=str(data.get("cname", "")),
            expected_xml=tuple(data.get("expected_xml", ())),
            ignore=tuple(data.get("ignore", ())),
            future=bool(data.get("future", False)),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
