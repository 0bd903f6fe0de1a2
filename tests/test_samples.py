"""Real fastpages posts (../shared/samples) build unchanged."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import REPO, build
from PIL import Image

SAMPLES = REPO.parent / "shared" / "samples" / "fastpages-posts"
IMAGE_REF = re.compile(r"\]\((?:\{\{\s*site\.baseurl\s*\}\})?/(images/[^\s)\"]+)"
                       r"|^image:\s*/?(images/\S+)\s*$", re.M)


@pytest.fixture(scope="module")
def samples_site(tmp_path_factory):
    if not SAMPLES.is_dir():
        pytest.skip(f"no samples at {SAMPLES}")
    root = tmp_path_factory.mktemp("samples")
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    (root / "content" / "pages").mkdir()
    for post in SAMPLES.glob("*.md"):
        shutil.copy(post, posts / post.name)
        # A fastpages user moving over brings their images along; make stand-ins.
        for found in IMAGE_REF.findall(post.read_text(encoding="utf-8")):
            relpath = found[0] or found[1]
            target = root / "content" / relpath
            target.parent.mkdir(parents=True, exist_ok=True)
            Image.new("RGB", (640, 360), (90, 120, 160)).save(target)
    return build(root)


def test_samples_build_without_errors(samples_site):
    assert samples_site.result.errors == []
    # The warnings the samples earn are real: a duplicate key, and images with
    # neither alt text nor a title (named by file:line).
    expected = ("duplicate front matter key", "has neither alt text nor a title")
    assert all(any(e in w for e in expected) for w in samples_site.result.warnings), \
        samples_site.result.warnings


@pytest.mark.parametrize("path, title, categories, has_toc", [
    ("2020/01/test-markdown-post/", "An Example Markdown Post", ["markdown"], True),
    ("2020/03/fastpages-actions/", "GitHub Actions: Providing Data Scientists With New Superpowers",
     ["actions", "markdown"], True),
    ("codespaces/", "nbdev + GitHub Codespaces: A New Literate Programming Environment",
     ["codespaces", "nbdev"], False),
])
def test_sample_shows_title_description_categories_and_toc(samples_site, path, title,
                                                           categories, has_toc):
    page = samples_site.html(path)
    assert page.find("h1").get_text() == title
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert description and "<a" not in description
    assert [a.get_text() for a in page.select(".post-header .chips a")] == categories
    assert bool(page.select(".toc a")) is has_toc
