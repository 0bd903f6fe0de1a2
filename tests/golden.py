"""Golden HTML cases: rendered HTML compared with a reviewed file, after
BeautifulSoup's prettify() so only real markup differences count.

Golden files are written only on request: ``invoke update-golden`` runs the golden
tests with ``UPDATE_GOLDEN=1``, which rewrites each file that differs and FAILS that
test, so a run with the variable set can never pass by accident. Review the diff,
then run the tests again without it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup


def pretty(html: str) -> str:
    return BeautifulSoup(html, "html.parser").prettify()


def post_body(site, path: str) -> str:
    """The inner HTML of a built post's ``.post-body``."""
    return site.html(path).select_one(".post-body").decode_contents()


def assert_golden(html: str, expected_file: Path) -> None:
    actual = pretty(html)
    expected = (
        pretty(expected_file.read_text(encoding="utf-8")) if expected_file.is_file() else None
    )
    if os.environ.get("UPDATE_GOLDEN"):
        if actual != expected:
            expected_file.write_text(actual, encoding="utf-8")
        pytest.fail(
            f"UPDATE_GOLDEN is set: {expected_file.name} "
            f"{'rewritten' if actual != expected else 'unchanged'}; review "
            "`git diff`, then run the tests without UPDATE_GOLDEN"
        )
    assert expected is not None, f"no golden file {expected_file}: run `invoke update-golden`"
    assert actual == expected
