"""ruff keeps the style, lint and layout (settings in pyproject.toml); CI runs both
through these tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _ruff() -> list[str]:
    found = shutil.which("ruff", path=str(Path(sys.executable).parent))
    assert found, "ruff is missing: pip install -r requirements-dev.txt"
    return [found]


def test_ruff_check_is_clean():
    ran = subprocess.run(
        [*_ruff(), "check", "--output-format", "concise", "."],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr


def test_ruff_format_is_applied():
    """`ruff format .` writes the layout; here it only checks that it was run."""
    ran = subprocess.run(
        [*_ruff(), "format", "--check", "."],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.returncode == 0, "run `ruff format .`:\n" + ran.stdout + ran.stderr
