"""Save-to-served-page under ``invoke livereload`` (a budget of ``invoke perf``): the
wall time from writing a post to the server answering with its new text.

The server runs as a user runs it (``cli.livereload`` in its own process, watching the
synthetic site). Each save waits until the build it started has finished (the build
marker is newer than the save), so one measurement never pays for the last one.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from plugins._shared.buildinfo import MARKER

CODE = """
from plugins._shared.cli import livereload
livereload(port={port}, overrides={overrides!r})
"""
POLL_S = 0.01


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except (OSError, urllib.error.URLError):
        return ""


def _until(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(POLL_S)
    return False


def _marker_after(output: Path, since_ns: int) -> bool:
    return _newer(output / MARKER, since_ns)


def _newer(path: Path, since_ns: int) -> bool:
    try:
        return path.stat().st_mtime_ns > since_ns
    except OSError:
        return False


def save_to_page(root: Path, overrides: dict, saves: int, repo: Path) -> float:
    """Median seconds from a post's save to its new text being served."""
    port, output = _free_port(), Path(overrides["OUTPUT_PATH"])
    env = {**os.environ, "PYTHONPATH": str(repo)}
    server = subprocess.Popen(
        [sys.executable, "-c", CODE.format(port=port, overrides=overrides)],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    post = sorted((Path(overrides["PATH"]) / "posts").glob("*.md"))[3]
    day, slug = post.stem[:10], post.stem[11:]
    url = f"http://127.0.0.1:{port}/{day[:4]}/{day[5:7]}/{slug}/"
    times = []
    try:
        if not _until(lambda: "<html" in _get(url), 900):
            raise SystemExit(f"livereload never served {url}")
        for n in range(saves):
            words = f"Saved for the {n}th time at {time.time_ns()}."
            text = post.read_text(encoding="utf-8") + f"\n{words}\n"
            saved = time.time_ns()
            started = time.perf_counter()
            post.write_text(text, encoding="utf-8")
            if not _until(lambda w=words: w in _get(url), 120):
                raise SystemExit(f"save {n} never reached {url}")
            times.append(time.perf_counter() - started)
            _until(lambda s=saved: _marker_after(output, s), 120)  # that build is done
            # ... and the search index it redoes once browsers have reloaded.
            _until(lambda s=saved: _newer(output / "pagefind/pagefind-entry.json", s), 30)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return statistics.median(times)
