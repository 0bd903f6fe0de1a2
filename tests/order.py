"""Slowest test files first, so that no worker starts a long file near the end.

``--dist loadfile`` hands each xdist worker whole files, in collection order (pyproject
turns off xdist's own order, by number of tests). A long file handed out last keeps one
worker busy while the others sit idle: with the files below first, longest first, and
the rest in their usual order, the workers finish within seconds of each other.
"""

from __future__ import annotations

# Longest first: wall seconds per file, from a full run on this 2-core machine under
# load (tests-speed3, r1: 114, 72, 67, 65, 51, 42, 41, 36, 33, 32, 28, then 22 and
# below); refresh when a file grows. The second does not use the demo site, so the
# second worker starts on it while the first builds the demo for everyone
# (tests/conftest.py: built_once).
FIRST = [
    "test_phone_layout.py",
    "test_publish_deploy.py",
    "test_fastpages_import.py",
    "test_browser_site.py",
    "test_pagecache.py",
    "test_content_cache.py",
    "test_notebooks_browser.py",
    "test_tasks.py",
    "test_photos.py",
    "test_photos_failures.py",
    "test_photos_pipeline.py",
    "test_uptodate.py",
    "test_quickpage.py",  # ~25 s alone (13 small sites built twice or more)
    "test_publish_check.py",
    "test_search_browser.py",
    "test_photos_browser.py",
    "test_comments.py",
    "test_cards.py",
    "test_parts_browser.py",
    "test_codeblocks_browser.py",
    "test_benchmarks_site.py",
    "test_photos_samples.py",
    "test_series_browser.py",
    "test_livereload.py",
    "test_fuzz.py",
    "test_benchmarks_browser.py",
]
_RANK = {name: rank for rank, name in enumerate(FIRST)}


def slowest_files_first(items: list) -> None:
    """Sort ``items`` in place: the files in FIRST in that order, then the others; a
    stable sort keeps the order within each file and among the files not listed."""
    items.sort(key=lambda item: _RANK.get(item.path.name, len(FIRST)))
