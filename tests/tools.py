"""Outside tools some tests need (exiftool, Java, Chromium, axe-core, pandoc...).

A missing tool skips the test on a developer's machine, with the install command; under
``CI=true`` it fails the test instead, because CI must have installed it (.ci/run). A
test never passes by not running.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

INSTALL = {
    "exiftool": "apt-get install libimage-exiftool-perl",
    "java": "apt-get install default-jre-headless",
    "chromium": "apt-get install chromium chromium-driver",
    "pandoc": "apt-get install pandoc",
    "git": "apt-get install git",
}


def missing(reason: str) -> None:
    """Skip with ``reason`` here; fail with it under CI=true."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must install it: see .ci/run)")
    pytest.skip(reason)


def require_tool(name: str) -> str:
    """The path of command ``name``, or skip/fail saying how to install it."""
    found = shutil.which(name)
    if found is None:
        missing(f"needs {name}: {INSTALL.get(name, 'install it')}")
    return found


def require_file(path: Path, how: str) -> Path:
    """``path`` (a file a package installs), or skip/fail saying ``how`` to get it."""
    if not Path(path).exists():
        missing(f"needs {path}: {how}")
    return Path(path)


def relative_luminance(rgb: str) -> float:
    """WCAG relative luminance of a CSS ``rgb(r, g, b)`` / ``rgba(...)`` string."""
    channels = [float(v) for v in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]

    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = map(linear, channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two CSS colours (1 to 21)."""
    a, b = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)
