"""Shared fixtures: real Pelican builds into temp folders, parsed with BeautifulSoup."""

from __future__ import annotations

import os
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from plugins._shared.sitebuild import BuildResult, build_site, reset_log_dedup

REPO = Path(__file__).resolve().parent.parent  # on sys.path by pyproject.toml

ARTIFACTS = Path(os.environ.get("BUILDLOG_ARTIFACTS", REPO / "artifacts"))


@pytest.fixture(autouse=True)
def _fresh_pelican_logging():
    """Pelican drops repeated identical warnings for the whole process."""
    reset_log_dedup()
    yield


@dataclass
class Site:
    root: Path
    result: BuildResult

    @property
    def output(self) -> Path:
        return self.root / "output"

    def html(self, relpath: str) -> BeautifulSoup:
        path = self.output / relpath
        if path.is_dir():
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def messages(self) -> list[str]:
        return self.result.errors + self.result.warnings


def build(root: Path, settings: str = "pelicanconf.py", **overrides) -> Site:
    """Build the content under ``root/content`` with the repository's settings and theme."""
    base = {"PATH": str(root / "content"), "OUTPUT_PATH": str(root / "output"),
            "CACHE_PATH": str(root / "cache"), "BUILDLOG_CACHE_PATH": str(root / "cache")}
    base.update(overrides)
    return Site(root, build_site(REPO / settings, base))


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for relpath, text in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


@pytest.fixture
def make_site(tmp_path):
    """``make_site({"content/posts/2020-01-01-x.md": "..."}, **settings)`` -> built Site."""

    def _make(files: dict[str, str | bytes], settings: str = "pelicanconf.py", **overrides) -> Site:
        (tmp_path / "content" / "posts").mkdir(parents=True, exist_ok=True)
        write_files(tmp_path, files)
        return build(tmp_path, settings, **overrides)

    return _make


@pytest.fixture(scope="session")
def test_site(tmp_path_factory) -> Site:
    """tests/site built once per run with the production settings."""
    root = tmp_path_factory.mktemp("test-site")
    shutil.copytree(REPO / "tests" / "site" / "content", root / "content")
    return build(root, "publishconf.py", SITEURL="https://example.test/blog")


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory, demo_cache) -> Site:
    """The repository's own content/ (the showcase) built once per run."""
    root = tmp_path_factory.mktemp("demo-site")
    return build(root, PATH=str(REPO / "content"), BUILDLOG_CACHE_PATH=str(demo_cache))


@pytest.fixture(scope="session")
def demo_cache(tmp_path_factory) -> Path:
    """One photo-variant cache for every build of the demo in this run (local and
    production): its photos are encoded once, as in a user's own repeated builds."""
    return tmp_path_factory.mktemp("demo-cache")


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


@pytest.fixture(scope="session")
def browser():
    """One real headless Chromium for the whole run (see tests/browser.py)."""
    from browser import chromium

    with chromium() as instance:
        yield instance


@pytest.fixture(scope="session")
def demo_url(demo_site):
    """Base URL of the demo site, served on loopback."""
    from browser import serve_folder

    assert demo_site.result.clean, demo_site.messages()
    with serve_folder(demo_site.output) as base:
        yield base
