"""Real phone photos (../shared/samples/fastpages-site/wesbarnett-blog: an iPhone's
GPS-tagged JPEGs, two of them rotated, one Display P3) build with no error and leave
nothing private in the output. They are copied into a temporary site, never into the
project."""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import REPO, build
from photo_files import EXIFTOOL, leaks
from PIL import Image

# shared/ sits beside the clone (CI) or beside the worktrees' folder (a worktree)
SHARED = next(
    (p / "shared" for p in (REPO.parent, REPO.parent.parent) if (p / "shared").is_dir()),
    REPO.parent / "shared",
)
BLOG = SHARED / "samples" / "fastpages-site" / "wesbarnett-blog"
POST = "2020-02-02-deep-learning-box.md"


@pytest.fixture(scope="module")
def phone_site(tmp_path_factory):
    if not BLOG.is_dir() or not EXIFTOOL:
        if os.environ.get("CI") == "true":
            pytest.fail(f"needs the samples at {BLOG} and exiftool")
        pytest.skip(f"needs the samples at {BLOG} and exiftool")
    root = tmp_path_factory.mktemp("phone")
    (root / "content/posts").mkdir(parents=True)
    shutil.copy(BLOG / "_posts" / POST, root / "content/posts" / POST)
    shutil.copytree(BLOG / "images", root / "content/images")
    return build(root)


def test_real_phone_photos_build_without_errors(phone_site):
    assert phone_site.result.errors == []


def test_nothing_private_is_left(phone_site):
    sources = sorted((phone_site.root / "content/images").rglob("*.jpg"))
    assert len(leaks(sources)) == len(sources) == 8  # each one has GPS
    published = sorted(p for p in (phone_site.output / "images").rglob("*") if p.is_file())
    assert len(published) > 20 and leaks(published) == {}


def test_rotated_and_wide_gamut_photos(phone_site):
    soup = phone_site.html("2020/02/deep-learning-box/")
    parts = soup.find("img", alt="The parts!")
    assert (parts["width"], parts["height"]) == ("1600", "1200")
    with Image.open(phone_site.output / "images/deep-learning-box/fan-installed.jpg") as im:
        assert im.size == (3024, 4032)  # re-encoded upright (EXIF said: rotate 90)
    with Image.open(phone_site.output / "images/deep-learning-box/IMG_0969.jpg") as im:
        assert b"Display P3" in im.info["icc_profile"]  # lossless: its colour profile kept
