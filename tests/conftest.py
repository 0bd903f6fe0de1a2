"""Shared fixtures: real Pelican builds into temp folders, parsed with BeautifulSoup."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pickle
import shutil
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from plugins._shared.sitebuild import BuildResult, build_site, reset_log_dedup

REPO = Path(__file__).resolve().parent.parent  # on sys.path by pyproject.toml

ARTIFACTS = Path(os.environ.get("BUILDLOG_ARTIFACTS", REPO / "artifacts"))


def pytest_configure(config):
    """Byte-code for the kit's Python before any worker or build starts (see
    ``compile_kit``), and temporary files in memory where a tmpfs is there (Linux: /dev/shm), unless
    TMPDIR or --basetemp says otherwise. Every build writes each file with fsync
    (plugins/_shared/files.py): on a busy disk that is most of a test's time, on a
    tmpfs nothing. Subprocesses (invoke, Java, Chromium's profile) inherit it."""
    if not hasattr(config, "workerinput"):  # once, in the process that starts workers
        compile_kit()
    shm = Path("/dev/shm")
    if (
        "TMPDIR" in os.environ
        or config.option.basetemp
        or not shm.is_dir()
        or not os.access(shm, os.W_OK | os.X_OK)
    ):
        return
    os.environ["TMPDIR"] = str(shm)
    tempfile.tempdir = None  # read TMPDIR again


def compile_kit() -> None:
    """Write the plugins' .pyc files now. Where PYTHONDONTWRITEBYTECODE is set (CI
    images often set it) every build process, and the suite starts dozens, would
    compile the plugins again (half a second of CPU each); libraries installed by pip
    come compiled. A user's Python writes them on the first build."""
    import compileall

    for folder in ("plugins", "benchmarks"):
        compileall.compile_dir(REPO / folder, quiet=1)
    compileall.compile_file(REPO / "tasks.py", quiet=1)


def pytest_collection_modifyitems(items):
    from order import slowest_files_first

    slowest_files_first(items)


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
    base = {
        "PATH": str(root / "content"),
        "OUTPUT_PATH": str(root / "output"),
        "CACHE_PATH": str(root / "cache"),
        "BUILDLOG_CACHE_PATH": str(root / "cache"),
    }
    base.update(overrides)
    return Site(root, build_site(REPO / settings, base))


KIT_CODE = ("plugins", "theme", "pelicanconf.py", "publishconf.py", "tasks.py")


def copy_kit(root: Path, names=KIT_CODE) -> Path:
    """Copy the kit's ``names`` (folders and files of the repository) into ``root``, as a
    user's clone holds them, without Python's byte-code caches."""
    for name in names:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, root / name)
    return root


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


def run_folder(tmp_path_factory) -> Path:
    """The temp folder every xdist worker of this run shares (each worker's own
    basetemp lies inside it); the basetemp itself without xdist."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def run_lock(tmp_path_factory, name: str):
    """Held by one worker of this run at a time."""
    with open(run_folder(tmp_path_factory) / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def built_once(tmp_path_factory, name: str, make) -> Site:
    """``make(root)`` run by the first worker that asks; the others wait for it and
    share the result. For sites that tests only read (copy one to change it)."""
    root = run_folder(tmp_path_factory) / name
    saved = root / "build-result.pickle"
    with run_lock(tmp_path_factory, name):
        if saved.is_file():
            return Site(root, pickle.loads(saved.read_bytes()))
        root.mkdir()
        site = make(root)
        saved.write_bytes(pickle.dumps(site.result))
        return site


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory, demo_cache) -> Site:
    """The repository's own content/ (the showcase), built once per run and shared by
    every worker: tests only read it."""
    return built_once(
        tmp_path_factory,
        "demo-site",
        lambda root: build(root, PATH=str(REPO / "content"), BUILDLOG_CACHE_PATH=str(demo_cache)),
    )


@pytest.fixture(scope="session")
def demo_cache(tmp_path_factory) -> Path:
    """One photo-variant cache for every build of the demo in this run (local and
    production, all workers): its photos are encoded once, as in a user's own
    repeated builds."""
    cache = run_folder(tmp_path_factory) / "demo-cache"
    cache.mkdir(exist_ok=True)
    return cache


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
