"""The golden-file helper itself: it never passes while rewriting."""

from __future__ import annotations

import pytest
from golden import assert_golden, pretty


def test_a_run_with_update_golden_set_fails_and_rewrites(tmp_path, monkeypatch):
    golden = tmp_path / "case.html"
    golden.write_text(pretty("<p>old</p>"), encoding="utf-8")
    monkeypatch.setenv("UPDATE_GOLDEN", "1")
    with pytest.raises(pytest.fail.Exception, match="rewritten"):
        assert_golden("<p>new</p>", golden)
    assert "new" in golden.read_text(encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match="unchanged"):
        assert_golden("<p>new</p>", golden)


def test_a_missing_golden_file_fails_and_is_not_written(tmp_path, monkeypatch):
    monkeypatch.delenv("UPDATE_GOLDEN", raising=False)
    with pytest.raises(AssertionError, match="no golden file"):
        assert_golden("<p>x</p>", tmp_path / "missing.html")
    assert not (tmp_path / "missing.html").exists()


def test_a_difference_fails(tmp_path, monkeypatch):
    monkeypatch.delenv("UPDATE_GOLDEN", raising=False)
    golden = tmp_path / "case.html"
    golden.write_text("<p>a</p>", encoding="utf-8")
    with pytest.raises(AssertionError):
        assert_golden("<p>b</p>", golden)
