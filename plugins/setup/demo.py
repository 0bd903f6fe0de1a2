"""The demo build log that ships with the kit, and taking it out.

Every file of the demo is listed here, so that removing it leaves nothing of it to
publish; tests/test_setup.py fails when content/ holds a file this list misses.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from plugins._shared.files import write_atomic

# Paths relative to the project; a folder stands for everything under it.
DEMO = (
    "content/posts/2020-07-15-prometheus-build.md",
    "content/posts/2020-08-09-prometheus-fan-curves.md",
    "content/posts/2020-09-20-prometheus-software-stack.md",
    "content/posts/2020-09-27-prometheus-first-benchmarks.ipynb",
    "content/posts/2020-10-04-reading-nvidia-smi.md",
    "content/pages/about.md",
    "content/builds/prometheus.yaml",
    "content/benchmarks/prometheus.json",
    "content/benchmarks/build-times.json",
    "content/benchmarks/memcpy.json",
    "content/images/prometheus",
)
DEMO_AUTHOR = "Ada Builder"  # the demo's About page names her; yours names you
ABOUT = "content/pages/about.md"

ABOUT_TEXT = """---
title: About
description: Who writes this build log.
---

This is the build log of **{author}**: the machines I build, part by part, with the
parts lists, photos and numbers behind each decision.
{links}"""


@dataclass(frozen=True)
class DemoFiles:
    files: tuple[Path, ...]

    @property
    def size(self) -> int:
        return sum(f.stat().st_size for f in self.files)

    def describe(self, root: Path) -> str:
        folders = sorted({f.relative_to(root).parts[1] for f in self.files})
        return (
            f"{len(self.files)} file(s) in content/{{{','.join(folders)}}}, "
            f"{self.size / 1e6:.1f} MB"
        )


def demo_files(root: Path) -> DemoFiles:
    """The demo's files still present under ``root``."""
    found = []
    for entry in DEMO:
        path = root / entry
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file())
        elif path.is_file():
            found.append(path)
    return DemoFiles(tuple(found))


def remove_demo(root: Path) -> list[Path]:
    """Delete the demo's files (and folders it leaves empty); returns what went."""
    gone = list(demo_files(root).files)
    for path in gone:
        path.unlink()
    for entry in DEMO:
        folder = root / entry
        if folder.is_dir():
            shutil.rmtree(folder)
    return gone


def is_demo_about(root: Path) -> bool:
    path = root / ABOUT
    return path.is_file() and DEMO_AUTHOR in path.read_text(encoding="utf-8")


def write_about(root: Path, author: str, links: tuple[tuple[str, str], ...]) -> Path:
    """A starter About page in the author's name, listing their links."""
    listed = "".join(f"\n- [{name}]({url})" for name, url in links)
    text = ABOUT_TEXT.format(
        author=author, links=("\nFind me elsewhere:\n" + listed + "\n") if links else ""
    )
    path = root / ABOUT
    write_atomic(path, text)
    return path
