"""fastpages posts build unchanged: posts of our own in fastpages' format (always),
and the real ones in ../shared/samples when this checkout has them beside it.

Our fixtures exercise what the real posts use: fastpages front matter (quoted titles,
inline HTML in description and author, a duplicate key, ``permalink``, ``toc``,
``image`` without a leading slash), a ``# Title`` body heading, ``{% include
alert.html %}`` / ``info.html``, ``{% twitter %}``, ``<center>``, ``{{ site.baseurl }}``
image paths, footnotes.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO, build, write_files
from PIL import Image

IMAGE_REF = re.compile(
    r"\]\((?:\{\{\s*site\.baseurl\s*\}\})?/?(images/[^\s)\"]+)"
    r"|^image:\s*/?(images/\S+)\s*$",
    re.M,
)

OWN_POSTS = {
    "2020-01-14-markdown-tour.md": """\
        ---
        toc: true
        layout: post
        description: Every bit of Markdown a fastpages post uses, in one place.
        categories: [markdown]
        title: A Tour of Markdown
        ---
        # A Tour of Markdown

        ## Formatting

        *Italics*, **bold**, `code` and [a link](https://example.com/). A note.[^1]

        {% include alert.html text="Alert boxes still work" %}

        {% include info.html text="So do info boxes" %}

        ## Images

        ![]({{ site.baseurl }}/images/tour/logo.png "The logo, with a title")

        {% twitter https://twitter.com/someone/status/1204765621767901185?s=20 %}

        [^1]: The footnote.
        """,
    "2020-03-06-actions.md": """\
        ---
        title: "Actions: Builds That Run Themselves"
        description: Why <a href="https://github.com/features/actions">Actions</a> suit builds
        toc: true
        comments: true
        layout: post
        categories: [actions, markdown]
        image: images/actions/logo.png
        author: Sam Doe & Ada Builder
        ---

        # Why

        A workflow rebuilds the site on every push.

        <center>{% twitter https://twitter.com/someone/status/1232059428238581760?s=20 %}</center>

        ## How

        ![](/images/actions/run.png)
        """,
    "2020-12-10-literate.md": """\
        ---
        title: "Notebooks + Codespaces: Literate Builds"
        description: A build log written next to the code it explains.
        comments: true
        hide: false
        toc: false
        layout: post
        hide: false
        categories: [codespaces, nbdev]
        image: images/literate/cover.png
        author: "<a href='https://example.com/sam'>Sam Doe</a> & <a href='https://example.com/ada'>Ada Builder</a>"
        permalink: /literate
        ---

        **It all starts here.** Literate programming mixes prose and code.[^1]

        ## Introduction

        > Programs are meant to be read by humans.

        [^1]: A footnote.
        """,
}

# (source, path, title, categories, has_toc)
EXPECTED = {
    "own": [
        ("2020/01/markdown-tour/", "A Tour of Markdown", ["markdown"], True),
        ("2020/03/actions/", "Actions: Builds That Run Themselves", ["actions", "markdown"], True),
        ("literate/", "Notebooks + Codespaces: Literate Builds", ["codespaces", "nbdev"], False),
    ],
    "shared": [
        ("2020/01/test-markdown-post/", "An Example Markdown Post", ["markdown"], True),
        (
            "2020/03/fastpages-actions/",
            "GitHub Actions: Providing Data Scientists With New Superpowers",
            ["actions", "markdown"],
            True,
        ),
        (
            "codespaces/",
            "nbdev + GitHub Codespaces: A New Literate Programming Environment",
            ["codespaces", "nbdev"],
            False,
        ),
    ],
}


def shared_samples() -> Path | None:
    """``shared/samples/fastpages-posts`` beside this checkout or above it (a worktree
    lives deeper), or where BUILDLOG_SAMPLES points."""
    chosen = os.environ.get("BUILDLOG_SAMPLES")
    candidates = [Path(chosen)] if chosen else [p / "shared" / "samples" for p in REPO.parents]
    return next(
        (c / "fastpages-posts" for c in candidates if (c / "fastpages-posts").is_dir()), None
    )


def add_stand_in_images(root: Path, text: str) -> None:
    """A fastpages user moving over brings their images along; make stand-ins."""
    for found in IMAGE_REF.findall(text):
        target = root / "content" / (found[0] or found[1])
        target.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (640, 360), (90, 120, 160)).save(target)


@pytest.fixture(scope="module", params=["own", "shared"])
def samples_site(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(f"samples-{request.param}")
    if request.param == "own":
        write_files(root, {f"content/posts/{name}": text for name, text in OWN_POSTS.items()})
    else:
        found = shared_samples()
        if found is None:  # GitHub Actions: no shared/ beside the clone; "own" covers it
            pytest.skip("no shared/samples beside this checkout (the 'own' fixtures ran)")
        (root / "content" / "posts").mkdir(parents=True)
        for post in found.glob("*.md"):
            shutil.copy(post, root / "content" / "posts" / post.name)
    (root / "content" / "pages").mkdir(exist_ok=True)
    for post in (root / "content" / "posts").glob("*.md"):
        add_stand_in_images(root, post.read_text(encoding="utf-8"))
    return request.param, build(root)


def test_samples_build_without_errors(samples_site):
    source, site = samples_site
    assert site.result.errors == []
    # The warnings the posts earn are real: a duplicate key, and images with neither
    # alt text nor a title (named by file:line).
    expected = ("duplicate front matter key", "has neither alt text nor a title")
    assert site.result.warnings, "the duplicate 'hide' key must be reported"
    assert all(any(e in w for e in expected) for w in site.result.warnings), site.result.warnings


@pytest.mark.parametrize("index", [0, 1, 2])
def test_sample_shows_title_description_categories_and_toc(samples_site, index):
    source, site = samples_site
    path, title, categories, has_toc = EXPECTED[source][index]
    page = site.html(path)
    assert page.find("h1").get_text() == title
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert description and "<a" not in description
    assert [a.get_text() for a in page.select(".post-header .chips a")] == categories
    assert bool(page.select(".toc a")) is has_toc


@pytest.mark.parametrize("samples_site", ["own"], indirect=True)
def test_own_samples_use_the_fastpages_features(samples_site):
    _, site = samples_site
    tour = site.html("2020/01/markdown-tour/").select_one(".post-body")
    assert len(tour.select("aside.callout")) == 2 and tour.select_one(".footnote")
    assert "{%" not in tour.get_text() and "site.baseurl" not in str(tour)
    literate = site.html("literate/")
    byline = " ".join(literate.select_one(".post-meta").get_text().split())
    assert byline.startswith("By Sam Doe & Ada Builder ·")  # the links reduced to their text
