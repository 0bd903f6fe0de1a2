"""The search plugin's settings: one frozen dataclass built once per build."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Parts of an indexed page that are not what a reader searches for, and would crowd
# the excerpts: the "#" self-links on headings, the table of contents (it repeats the
# headings), the category chips, the byline and reading time, and a parts table's
# column headings and links (Pagefind read them as "TypePartSpecs Download CSV"). The
# date stays available to results as metadata (data-pagefind-meta is read even inside
# an excluded element).
DEFAULT_EXCLUDE = (
    ".heading-link",
    ".toc",
    ".post-header .chips",
    ".post-meta",
    ".parts-table thead",
    ".parts__actions",
)
# Pages in one part of the index: Pagefind takes about 5 ms a page and cannot add one
# page to an index, so an edit costs one part; a reader's search opens every part.
DEFAULT_SHARD_PAGES = 200


@dataclass(frozen=True)
class SearchSettings:
    """``SEARCH_*`` settings. ``bundle_dir`` is where the index is published, under
    the output folder; the search box loads Pagefind's scripts from there.
    ``shard_pages``: how many pages make one part of the index (index.py)."""

    output: Path
    cache: Path
    enabled: bool = True
    bundle_dir: str = "pagefind"
    exclude_selectors: tuple[str, ...] = DEFAULT_EXCLUDE
    shard_pages: int = DEFAULT_SHARD_PAGES

    @property
    def bundle(self) -> Path:
        return self.output / self.bundle_dir


def settings_from(pelican_settings: dict) -> SearchSettings:
    """Build from Pelican settings; the cache falls back to ``BUILDLOG_CACHE_PATH``/search,
    then ``.buildlog-cache/search`` (relative to the working directory, as photos do)."""
    cache = pelican_settings.get("SEARCH_CACHE_PATH")
    if not cache:
        cache = Path(pelican_settings.get("BUILDLOG_CACHE_PATH") or ".buildlog-cache") / "search"
    return SearchSettings(
        output=Path(pelican_settings["OUTPUT_PATH"]).resolve(),
        cache=Path(cache).resolve(),
        enabled=bool(pelican_settings.get("SEARCH_ENABLED", True)),
        exclude_selectors=tuple(pelican_settings.get("SEARCH_EXCLUDE_SELECTORS", DEFAULT_EXCLUDE)),
        shard_pages=pelican_settings.get("SEARCH_SHARD_PAGES", DEFAULT_SHARD_PAGES),
    )
