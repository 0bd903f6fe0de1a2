"""Golden HTML cases: rendered HTML compared with a reviewed file, after
BeautifulSoup's prettify() so only real markup differences count.

``UPDATE_GOLDEN=1 python -m pytest tests/test_x.py`` rewrites the files; review the
diff before committing. A missing golden file is a failure, never written silently.
"""

from __future__ import annotations

import os
from pathlib import Path

from bs4 import BeautifulSoup


def pretty(html: str) -> str:
    return BeautifulSoup(html, "html.parser").prettify()


def post_body(site, path: str) -> str:
    """The inner HTML of a built post's ``.post-body``."""
    return site.html(path).select_one(".post-body").decode_contents()


def assert_golden(html: str, expected_file: Path) -> None:
    actual = pretty(html)
    if os.environ.get("UPDATE_GOLDEN"):
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.is_file(), f"no golden file {expected_file}: run with UPDATE_GOLDEN=1"
    assert actual == pretty(expected_file.read_text(encoding="utf-8"))
