"""When things go wrong: a full disk, a build killed with SIGKILL, a post whose front
matter breaks. Real builds; the disk is a real, tiny tmpfs in a private mount namespace."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from conftest import REPO, build, write_files
from photo_files import photo
from PIL import Image

POST = "content/posts/2020-01-01-a.md"
TEMP = ".tmp-buildlog-"


def _can_mount() -> bool:
    if not shutil.which("unshare") or os.geteuid() != 0:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"], capture_output=True
    )
    return probe.returncode == 0


needs_mount = pytest.mark.skipif(
    not _can_mount() and os.environ.get("CI") != "true",
    reason="needs root and unshare to mount a small tmpfs",
)

BUILD_AND_LOOK = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    from plugins._shared.sitebuild import build_site
    root = Path(sys.argv[2])
    result = build_site(Path(sys.argv[1]) / "pelicanconf.py", {
        "PATH": str(root / "content"), "OUTPUT_PATH": str(root / "output"),
        "CACHE_PATH": str(root / "cache"), "BUILDLOG_CACHE_PATH": str(root / "cache"),
        "PHOTOS_WORKERS": 1})
    temps = [str(p) for p in root.rglob("*") if p.name.startswith(".tmp-buildlog-")]
    print(json.dumps({"errors": result.errors, "temps": temps}))
""")


def _site(root) -> None:
    write_files(
        root,
        {
            POST: "---\ntitle: A\n---\n\n![Desk](/images/desk.png)\n",
            "content/images/desk.png": photo(1200, 900, fmt="PNG"),
        },
    )


@needs_mount
@pytest.mark.parametrize("full", ["output/images", "cache/photos/files"])
def test_full_disk_names_the_file_and_leaves_no_temp_file(tmp_path, full):
    _site(tmp_path)
    (tmp_path / full).mkdir(parents=True)
    script = tmp_path / "look.py"
    script.write_text(BUILD_AND_LOOK)
    run = subprocess.run(
        [
            "unshare",
            "-m",
            "sh",
            "-c",
            'mount -t tmpfs -o size=64k tmpfs "$0" && exec "$@"',
            str(tmp_path / full),
            sys.executable,
            str(script),
            str(REPO),
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["temps"] == []
    assert report["errors"] and all("no space left on device" in e for e in report["errors"])
    assert all("corrupt" not in e for e in report["errors"])
    written = str(tmp_path / full)
    assert any(written in e for e in report["errors"]), report["errors"]


def test_killed_build_leaves_nothing_half_made(tmp_path):
    """SIGKILL mid-build (workers too), then build again: no temp file anywhere, and
    every published image is whole."""
    files = {
        POST: "---\ntitle: A\n---\n\n"
        + "\n\n".join(f"![Photo {i}](/images/p{i}.jpg)" for i in range(8))
        + "\n"
    }
    files.update({f"content/images/p{i}.jpg": photo(2400, 1800, seed=i) for i in range(8)})
    write_files(tmp_path, files)
    script = tmp_path / "look.py"
    script.write_text(BUILD_AND_LOOK.replace('"PHOTOS_WORKERS": 1', '"PHOTOS_WORKERS": 2'))
    process = subprocess.Popen(
        [sys.executable, str(script), str(REPO), str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    cache = tmp_path / "cache/photos/files"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any(cache.rglob("*.webp")):
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)  # the build and its workers, as the OOM killer would
    process.wait()
    assert any(cache.rglob("*.webp")), "the build finished or never started making variants"
    for planted in (cache / f"{TEMP}x.webp", tmp_path / f"output/images/_v/{TEMP}y.jpg"):
        planted.parent.mkdir(parents=True, exist_ok=True)
        planted.write_bytes(b"half")  # what SIGKILL during a write leaves
    site = build(tmp_path)
    assert site.result.clean, site.messages()
    assert list(tmp_path.rglob(TEMP + "*")) == []
    for path in (tmp_path / "output/images").rglob("*.*"):
        with Image.open(path) as im:
            im.load()  # whole, decodable


def test_state_names_a_shared_photos_files_once(tmp_path):
    """The published-photos state lists each photo's files once, and each post the
    photos it shows: a photo in many posts does not repeat its files per post (at
    1,000 posts the per-post lists made the state 1 MB, held twice at the peak)."""
    posts = {
        f"content/posts/2020-01-{day:02d}-p{day}.md": f"---\ntitle: P{day}\n---\n\n![Desk](/images/desk.jpg)\n"
        for day in range(1, 7)
    }
    write_files(tmp_path, {**posts, "content/images/desk.jpg": photo(1000, 700)})
    assert build(tmp_path).result.clean
    state = json.loads((tmp_path / "cache/photos/published.json").read_text())
    [[entry, names]] = state["photos"]
    assert entry.endswith(":images/desk.jpg:True") and "images/desk.jpg" in names
    assert len(names) > 3 and all((tmp_path / "output" / name).is_file() for name in names)
    assert state["posts"] == {str(tmp_path / path): [0] for path in posts}
    assert json.dumps(state).count("images/_v/") == len(names) - 1  # once, not six times


def test_a_photo_taken_out_goes_whichever_folder_builds_run_from(tmp_path, monkeypatch):
    """Posts are known to the published-photos state by absolute path: a build run from
    the project after one run from elsewhere (messages name posts relative to the
    working folder) took every post for one that failed to build, and kept its old
    photos published for good, a photo taken out of a post included."""
    post = "---\ntitle: A\n---\n\n![Desk](/images/desk.jpg)\n\n![Bench](/images/bench.jpg)\n"
    write_files(
        tmp_path,
        {
            POST: post,
            "content/images/desk.jpg": photo(1000, 700),
            "content/images/bench.jpg": photo(1000, 700, seed=3),
        },
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert build(tmp_path).result.clean
    variants = tmp_path / "output/images/_v"
    assert list(variants.rglob("bench.*"))
    write_files(tmp_path, {POST: post.replace("![Bench](/images/bench.jpg)", "No bench.")})
    monkeypatch.chdir(tmp_path)  # as `invoke build` runs, from the project
    assert build(tmp_path).result.clean
    assert list(variants.rglob("desk.*"))
    assert list(variants.rglob("bench.*")) == []  # taken out: no longer published


@pytest.mark.parametrize(
    "damaged",
    [
        "{not json",
        '{"version": 4, "photos": [], "posts": {"POST": [7]}}',
        '{"version": 4, "photos": [["k:x:True", 5]], "posts": {"POST": [0]}}',
        '{"version": 4, "photos": 1, "posts": []}',
        '{"version": 4, "output": "OUTPUT", "photos": [["k:x:True", 5]], "copies": 7}',
        '{"version": 4, "output": "OUTPUT", "photos": [], "copies": ["../outside.txt"]}',
        '{"version": 4, "output": "OUTPUT", "photos": {"xa": 1}, "copies": [["a"]]}',
    ],
)
def test_a_damaged_photo_state_costs_only_a_full_photo_pass(tmp_path, damaged):
    """``published.json`` is ours, but a disk, a copy or a hand can damage it: the
    build reads it as no state (every photo checked again), without an error."""
    post = "---\ntitle: A\n---\n\n![Desk](/images/desk.jpg)\n"
    write_files(tmp_path, {POST: post, "content/images/desk.jpg": photo(1000, 700)})
    assert build(tmp_path).result.clean
    state = tmp_path / "cache/photos/published.json"
    # Named as a post that exists and is not built now: its photos would be kept.
    damaged = damaged.replace("OUTPUT", str((tmp_path / "output").resolve()))
    state.write_text(damaged.replace("POST", str(tmp_path / "content/images/desk.jpg")))
    (tmp_path / "outside.txt").write_text("not the build's to remove")
    write_files(tmp_path, {POST: post + "\nMore.\n"})
    site = build(tmp_path)
    assert site.result.clean, site.messages()
    assert list((tmp_path / "output/images/_v").rglob("desk.*"))
    assert json.loads(state.read_text())["posts"] == {str(tmp_path / POST): [0]}
    assert (tmp_path / "outside.txt").is_file()


def test_files_taken_out_of_content_leave_the_output_but_a_page_there_stays(tmp_path):
    """A photo no post shows, or a text file, deleted from content/ was published by
    the last build (full size, or copied): it leaves output/ with the next build (it
    stayed until ``invoke clean``, served by ``invoke serve``), with the folders it
    leaves empty. A page that this build writes at such a file's address stays."""
    post = "---\ntitle: A\n---\n\n![Desk](/images/desk.jpg)\n"
    write_files(
        tmp_path,
        {
            POST: post,
            "content/images/desk.jpg": photo(1000, 700),
            "content/images/spare.jpg": photo(900, 600, seed=2),
            "content/extra/notes/readme.txt": "Notes.\n",
            "content/extra/notes/keep.txt": "Kept.\n",
        },
    )
    assert build(tmp_path).result.clean
    output = tmp_path / "output"
    for name in ("images/spare.jpg", "extra/notes/readme.txt", "images/desk.jpg"):
        assert (output / name).is_file(), name
    (tmp_path / "content/images/spare.jpg").unlink()
    (tmp_path / "content/extra/notes/readme.txt").unlink()
    (tmp_path / "content/extra/notes/keep.txt").unlink()
    write_files(
        tmp_path,
        {
            "content/pages/keep.md": "---\ntitle: Keep\nsave_as: extra/notes/keep.txt\n"
            "url: extra/notes/keep.txt\n---\n\nNow a page.\n"
        },
    )
    site = build(tmp_path)
    assert site.result.clean, site.messages()
    assert not (output / "images/spare.jpg").exists()
    assert not (output / "extra/notes/readme.txt").exists()
    assert "Now a page." in (output / "extra/notes/keep.txt").read_text()
    assert (output / "images/desk.jpg").is_file() and list((output / "images/_v").rglob("desk.*"))
    (tmp_path / "content/pages/keep.md").unlink()
    assert build(tmp_path).result.clean
    assert not (output / "extra").exists()  # emptied: its folders went too


def test_broken_post_keeps_its_last_published_photos(tmp_path):
    good = "---\ntitle: A\nimage: /images/hero.jpg\n---\n\n![Desk](desk.jpg)\n\n![Hero](/images/hero.jpg)\n"
    write_files(
        tmp_path,
        {
            POST: good,
            "content/posts/desk.jpg": photo(1000, 700),
            "content/images/hero.jpg": photo(1400, 900, seed=2),
            "content/posts/2020-01-02-b.md": "---\ntitle: B\n---\n\nText.\n",
        },
    )
    assert build(tmp_path).result.clean
    page = (tmp_path / "output/2020/01/a/index.html").read_text()
    published = sorted(p for p in (tmp_path / "output").rglob("*") if p.suffix in (".jpg", ".webp"))
    assert len(published) > 8

    write_files(tmp_path, {POST: good.replace("title: A", "title: [A")})  # bad YAML
    broken = build(tmp_path)
    assert any(
        e.endswith("2020-01-01-a.md:2: front matter is not valid YAML") or "2020-01-01-a.md:" in e
        for e in broken.result.errors
    ), broken.result.errors
    assert (tmp_path / "output/2020/01/a/index.html").read_text() == page  # the last good page
    for path in published:
        assert path.is_file(), path  # ...still shows its photos
    assert build(tmp_path).result.errors  # still broken on a rebuild: still kept
    assert all(p.is_file() for p in published)

    write_files(tmp_path, {POST: "---\ntitle: A\n---\n\nNo photos now.\n"})
    assert build(tmp_path).result.clean
    variants = list((tmp_path / "output/images/_v").rglob("*.*"))
    assert variants == []  # fixed without photos: now they go
