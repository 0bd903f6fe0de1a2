"""The invoke tasks, run as a user runs them: in a copy of the kit, as subprocesses."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import copy_kit
from invoke import Exit

from plugins._shared.buildinfo import MARKER
from plugins._shared.cli import new_post, rebuild_quietly, serve

INVOKE = [sys.executable, "-m", "invoke"]
KIT = ["plugins", "theme", "pelicanconf.py", "publishconf.py", "tasks.py"]


@pytest.fixture
def kit(tmp_path) -> Path:
    """A fresh copy of the kit with a one-post content folder."""
    copy_kit(tmp_path, KIT)
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (tmp_path / "content" / "pages").mkdir()
    (posts / "2020-01-01-hello.md").write_text("---\ntitle: Hello\ndescription: d\n---\n\nHi.\n")
    return tmp_path


def run(kit: Path, *args: str, timeout: int = 120, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        INVOKE + list(args),
        cwd=kit,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **env},
    )


def test_build_strict_passes_then_fails_on_a_broken_post(kit):
    ok = run(kit, "build", "--strict")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert (kit / "output/2020/01/hello/index.html").exists()
    (kit / "content/posts/2020-01-02-broken.md").write_text("---\ntitle: [oops\n---\n")
    broken = run(kit, "build", "--strict")
    out = broken.stdout + broken.stderr
    assert broken.returncode != 0
    assert "content/posts/2020-01-02-broken.md:2: front matter is not valid YAML" in out
    assert "Traceback" not in out


def test_plain_build_fails_on_errors_but_not_on_warnings(kit):
    (kit / "content/posts/2020-01-03-dup.md").write_text("---\ntitle: A\ntitle: B\n---\n\nx\n")
    warned = run(kit, "build")
    assert warned.returncode == 0 and "duplicate front matter key" in warned.stdout + warned.stderr
    assert run(kit, "build", "--strict").returncode != 0


def test_new_post_writes_front_matter_and_refuses_to_overwrite(tmp_path):
    path = new_post(
        "Fitting the GPU: part 2!",
        categories="Workstation Setup, GPU",
        today=dt.date(2021, 5, 6),
        content=tmp_path,
    )
    assert path.name == "2021-05-06-fitting-the-gpu-part-2.md"
    text = path.read_text()
    assert text.startswith("---\ntitle: 'Fitting the GPU: part 2!'\n")
    assert "categories:\n- Workstation Setup\n- GPU\n" in text
    with pytest.raises(Exit, match="already exists"):
        new_post("Fitting the GPU: part 2!", today=dt.date(2021, 5, 6), content=tmp_path)
    assert path.read_text() == text


def test_new_post_task_creates_a_post_that_builds(kit):
    made = run(kit, "new-post", "Wiring the fans", "--categories", "Cooling")
    assert made.returncode == 0, made.stderr
    created = list((kit / "content/posts").glob("*-wiring-the-fans.md"))
    assert len(created) == 1
    again = run(kit, "new-post", "Wiring the fans")
    assert again.returncode != 0 and "already exists" in again.stderr + again.stdout
    assert run(kit, "build", "--strict").returncode == 0


def test_rebuild_reports_a_broken_post_and_recovers_when_fixed(kit, monkeypatch):
    monkeypatch.chdir(kit)
    settings = str(kit / "pelicanconf.py")
    post = kit / "content/posts/2020-01-01-hello.md"
    post.write_text("---\ntitle: [Hello\n---\n\nHi.\n")
    broken = rebuild_quietly(settings)
    assert any("2020-01-01-hello.md:2: front matter is not valid YAML" in e for e in broken.errors)
    post.write_text("---\ntitle: Hello again\n---\n\nHi.\n")
    fixed = rebuild_quietly(settings)
    assert fixed.clean, fixed.errors + fixed.warnings
    assert "Hello again" in (kit / "output/2020/01/hello/index.html").read_text()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except urllib.error.HTTPError as error:
        return error.read().decode()


def _wait_for(predicate, seconds: float = 30.0, every: float = 0.1):
    """Poll ``predicate`` until it is true or the deadline passes (no fixed sleeps)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(every)
    return predicate()


class Server:
    """``invoke TASK --port N`` as a subprocess, its output read as it comes. The port
    is free when picked; should another process take it before the server binds it,
    the server says so and is started again on another port."""

    def __init__(self, kit: Path, task: str, ready_path: str, ready_text: str):
        for _attempt in range(5):
            self.port = _free_port()
            self.lines: list[str] = []
            self.process = subprocess.Popen(
                INVOKE + [task, "--port", str(self.port)],
                cwd=kit,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                env={**os.environ, "COLUMNS": "250"},
            )
            self.reader = threading.Thread(target=self._read, daemon=True)
            self.reader.start()
            up = _wait_for(
                lambda: ready_text in _get(self.url(ready_path)) or self.process.poll() is not None
            )
            if self.process.poll() is None or "already in use" not in self.output():
                assert up and self.process.poll() is None, self.output()
                return
            self.reader.join(timeout=10)
        raise AssertionError(f"no free port for {task}: {self.output()}")

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def output(self) -> str:
        return "".join(self.lines)

    def stop(self) -> str:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.reader.join(timeout=10)
        return self.output()


def test_livereload_keeps_serving_through_a_broken_post(kit):
    post = kit / "content/posts/2020-01-01-hello.md"
    error = "2020-01-01-hello.md:2: front matter is not valid YAML"
    server = Server(kit, "livereload", "2020/01/hello/", "Hello")
    page = server.url("2020/01/hello/")
    try:
        # Saved again until a rebuild reports it: a save in the watcher's first second
        # may fall before its first look at the files.
        def broken_and_reported():
            post.write_text("---\ntitle: [broken\n---\n\nHi.\n")
            return error in server.output()

        assert _wait_for(broken_and_reported, every=1.0), "the broken post was never rebuilt"
        assert server.process.poll() is None, "livereload died on a broken post"
        assert "Hello" in _get(page)  # last good page still served
        post.write_text("---\ntitle: Fixed title\n---\n\nHi.\n")
        assert _wait_for(lambda: "Fixed title" in _get(page)), "did not recover after the fix"
    finally:
        output = server.stop()
    assert error in output, output
    assert "Traceback" not in output
    # livereload's own lines, each once (they used to be echoed by Pelican's handler too)
    for line in (f"Serving on http://127.0.0.1:{server.port}", "Start watching changes"):
        assert output.count(line) == 1, output


def test_serve_serves_the_site_and_its_404_page(kit):
    assert run(kit, "build").returncode == 0
    server = Server(kit, "serve", "2020/01/hello/", "Hello")
    try:
        assert "Page not found" in _get(server.url("nope/"))
    finally:
        server.stop()


def test_build_leaves_a_marker_naming_its_settings(make_site):
    site = make_site({"content/posts/2020-01-01-x.md": "---\ntitle: X\n---\nx\n"})
    marker = json.loads((site.output / MARKER).read_text(encoding="utf-8"))
    assert (marker["settings"], marker["siteurl"]) == ("pelicanconf.py", "")
    site = make_site({}, "publishconf.py", SITEURL="https://me.example")
    marker = json.loads((site.output / MARKER).read_text(encoding="utf-8"))
    assert (marker["settings"], marker["siteurl"]) == ("publishconf.py", "https://me.example")
    assert marker["expected_xml"] == ["feeds/all.atom.xml", "sitemap.xml"]


def test_a_busy_port_is_one_line_naming_the_fix(kit):
    """livereload checks before its first build; serve when it opens the port."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        ran = run(kit, "livereload", "--port", str(port), timeout=60)
        with pytest.raises(Exit) as served:
            serve(port=port)
    fix = (
        f"port {port} is already in use (another `invoke serve` or `livereload`?): pick "
        "another with --port, e.g. --port "
    )
    assert ran.returncode == 1 and ran.stdout == ""
    assert len(ran.stderr.splitlines()) == 1 and ran.stderr.startswith(fix), ran.stderr
    assert not (kit / "output").exists()  # refused before building
    assert served.value.code == 1 and served.value.message.startswith(fix)


@pytest.mark.parametrize(
    "title, build, message",
    [
        (
            "!!!",
            "",
            "the title '!!!' has no letters or digits to make the post's URL from: add "
            "some, or give one with --slug, e.g. --slug first-post",
        ),
        ("Fans", "nosuch", "unknown build 'nosuch' (builds: none yet): write"),
    ],
)
def test_new_post_refuses_what_would_break(tmp_path, title, build, message):
    with pytest.raises(Exit) as refused:
        new_post(title, build=build, content=tmp_path / "posts", builds=tmp_path / "builds")
    assert refused.value.code == 2 and refused.value.message.startswith(message)
    assert not (tmp_path / "posts").exists()


def test_new_post_with_a_slug_and_a_known_build(tmp_path):
    builds = tmp_path / "builds"
    builds.mkdir()
    (builds / "rig.yaml").write_text("name: Rig\n")
    path = new_post(
        "¡¿!",
        slug="first post",
        build="rig",
        today=dt.date(2021, 5, 6),
        content=tmp_path / "posts",
        builds=builds,
    )
    assert path.name == "2021-05-06-first-post.md"
    assert "build: rig\n" in path.read_text()
    with pytest.raises(Exit, match=r"unknown build 'rgi' \(builds: rig\)"):
        new_post("Other", build="rgi", content=tmp_path / "posts", builds=builds)
