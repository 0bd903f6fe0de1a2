"""``invoke import-fastpages``: a fastpages repository of our own making, and the two
real ones in ../shared/samples, imported into a copy of the kit and built --strict."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, copy_kit
from notebook_files import (
    b64,
    fastpages_front,
    image_output,
    new_code_cell,
    new_markdown_cell,
    notebook,
    png_bytes,
)
from photo_files import photo
from PIL import Image
from tools import missing, require_tool

from plugins._shared.sitebuild import build_site

# ../shared/samples beside the repository (as CI lays it out); BUILDLOG_SAMPLES may
# point elsewhere (a git worktree has no shared/ beside it).
SAMPLES = Path(os.environ.get("BUILDLOG_SAMPLES") or REPO.parent / "shared" / "samples")
KIT = ["plugins", "theme", "pelicanconf.py", "publishconf.py", "tasks.py"]
# Warnings the samples really earn, and why each is right to report:
JUSTIFIED = {
    # fastai-template: the codespaces post writes `hide:` twice in its front matter;
    "fastai-template": (
        "duplicate front matter key 'hide'",
        # screenshots and Word images that have neither alt text nor a title
        # (fastpages could not carry alt text from Word at all).
        "has neither alt text nor a title",
    ),
    # wesbarnett-blog: hc.html is the blog's own include, not in the repository: we
    # cannot know what it drew, so it shows as text and is reported.
    "wesbarnett-blog": ("unknown include hc.html",),
}


def make_kit(root: Path) -> Path:
    copy_kit(root, KIT)
    (root / "content" / "posts").mkdir(parents=True)
    return root


def invoke(kit: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=kit,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_COLOR": "1"},
    )


def build_kit(kit: Path):
    return build_site(
        kit / "pelicanconf.py",
        {
            "OUTPUT_PATH": str(kit / "output"),
            "CACHE_PATH": str(kit / "cache"),
            "BUILDLOG_CACHE_PATH": str(kit / ".buildlog-cache"),
        },
    )  # the kit's own cache


def html(kit: Path, relpath: str) -> BeautifulSoup:
    path = kit / "output" / relpath
    path = path / "index.html" if path.is_dir() else path
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def write_repo(root: Path) -> Path:
    """A small fastpages repository: every folder the importer reads."""
    files = {
        "_config.yml": "title: Ada's Lab\ndescription: Notes from the bench\nurl: "
        "https://ada.example\nbaseurl: /lab\ngithub_username: ada\n"
        "github_repo: lab\nminima:\n  social_links:\n    twitter: adalab\n",
        "_posts/2020-03-01-my-build.md": "---\ntitle: My build\ndescription: Parts.\n"
        "categories: [Hardware, gpu]\n---\n\nSee "
        '![]({{ site.baseurl }}/images/desk.jpg "My desk,\n'
        'before")\n\n{% include note.html content="Hi." %}\n',
        "_pages/about.md": "---\ntitle: About\npermalink: /about/\n---\nAbout me.\n",
        "_pages/search.html": "---\nlayout: search\n---\n",
        "_notebooks/2020-04-01-bench.ipynb": notebook(
            new_markdown_cell(
                fastpages_front("Benchmarks", "Timings.", ["categories: [bench]", "badges: true"])
            ),
            new_code_cell("#hide\nimport secrets"),
            new_markdown_cell("![The chip](my_icons/chip.png)"),
            new_code_cell("plot()", outputs=[image_output("image/png", b64(png_bytes()))]),
        ),
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    (root / "_notebooks" / "my_icons").mkdir()
    (root / "_notebooks" / "my_icons" / "chip.png").write_bytes(png_bytes((300, 300)))
    (root / "images").mkdir()
    (root / "images" / "desk.jpg").write_bytes(photo(1600, 1200))
    (root / "images" / "copied_from_nb").mkdir()
    (root / "images" / "copied_from_nb" / "old.png").write_bytes(png_bytes((10, 10)))
    return root


def test_import_our_own_fastpages_repository(tmp_path):
    pandoc = shutil.which("pandoc")
    repo = write_repo(tmp_path / "repo")
    if pandoc:  # a real .docx, made by pandoc itself
        (repo / "_word").mkdir()
        subprocess.run(
            [pandoc, "-o", str(repo / "_word" / "2020-05-01-Word-Post.docx")],
            input="# Heading\n\nWritten in Word.\n",
            text=True,
            check=True,
        )
    kit = make_kit(tmp_path / "kit")
    done = invoke(kit, "import-fastpages", str(repo))
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    posts = kit / "content" / "posts"
    assert (
        'permalink: "/hardware/gpu/2020/03/01/my-build.html"'
        in (posts / "2020-03-01-my-build.md").read_text()
    )
    assert (
        "- permalink: /bench/2020/04/01/bench.html"
        in (posts / "2020-04-01-bench.ipynb").read_text()
    )
    assert (posts / "my_icons" / "chip.png").is_file()
    assert (kit / "content/images/desk.jpg").is_file()
    assert not (kit / "content/images/copied_from_nb").exists()
    assert "_pages/search.html: not Markdown" in out
    assert 'SITENAME = "Ada\'s Lab"' in (kit / "pelicanconf.py").read_text()
    assert "NOTEBOOK_REPOSITORY = 'ada/lab'" in (kit / "pelicanconf.py").read_text()
    assert "SITE_ADDRESS = 'https://ada.example/lab'" in (kit / "publishconf.py").read_text()
    if pandoc:
        word = (posts / "2020-05-01-Word-Post.md").read_text()
        assert 'title: "Word Post"' in word and "Written in Word." in word
    else:
        assert "_word" not in out or "pandoc is not installed" in out
    result = build_kit(kit)
    assert result.clean, result.warnings + result.errors
    page = html(kit, "hardware/gpu/2020/03/01/my-build.html")
    assert page.find("h1").get_text() == "My build"
    desk = page.find("img", alt="My desk, before")  # a title over two lines, in running text
    assert desk and desk.find_parent("picture").find("source", type="image/webp")
    assert page.select_one("aside.callout.note")
    bench = html(kit, "bench/2020/04/01/bench.html")
    assert "import secrets" not in bench.get_text() and bench.find("img", alt="The chip")
    assert [a.get_text() for a in bench.select(".nb-badges a")][0] == "Open in Colab"
    assert html(kit, "about").find("h1").get_text() == "About"
    again = invoke(kit, "import-fastpages", str(repo))
    assert "converted (0)" in again.stdout and "already exists (never overwritten)" in again.stdout
    assert "SITENAME not set (kept your SITENAME" in again.stdout


def test_import_refuses_a_folder_that_is_not_fastpages(tmp_path):
    kit = make_kit(tmp_path / "kit")
    done = invoke(kit, "import-fastpages", str(tmp_path))
    assert done.returncode == 2 and "is not a fastpages repository" in done.stdout + done.stderr


@pytest.fixture(scope="module", params=["fastai-template", "wesbarnett-blog"])
def imported(request, tmp_path_factory):
    source = SAMPLES / "fastpages-site" / request.param
    if not source.is_dir():
        missing(f"no samples at {source} (set BUILDLOG_SAMPLES to ../shared/samples)")
    require_tool("pandoc")
    kit = make_kit(tmp_path_factory.mktemp(request.param))
    done = invoke(kit, "import-fastpages", str(source))
    assert done.returncode == 0, done.stdout + done.stderr
    return request.param, kit, done.stdout, build_kit(kit)


def test_samples_build_strict_but_for_justified_warnings(imported):
    name, kit, report, result = imported
    assert result.errors == []
    unexplained = [w for w in result.warnings if not any(j in w for j in JUSTIFIED[name])]
    assert unexplained == []
    assert "converted with warnings" in report and "Traceback" not in report


def test_samples_keep_titles_descriptions_categories_and_addresses(imported):
    name, kit, _, _ = imported
    cases = {
        "fastai-template": [
            (
                "fastpages/jupyter/2020/02/21/introducing-fastpages.html",
                "Introducing fastpages",
                ["fastpages", "jupyter"],
            ),
            ("fastcore", "fastcore: An Underrated Python Library", ["fastcore", "fastai"]),
            (
                "markdown/2020/01/14/test-markdown-post.html",
                "An Example Markdown Post",
                ["markdown"],
            ),
            (
                "codespaces",
                "nbdev + GitHub Codespaces: A New Literate Programming Environment",
                ["codespaces", "nbdev"],
            ),
            ("2020/01/01/Microsoft-Word-Example-Post.html", "Microsoft Word Example Post", []),
        ],
        "wesbarnett-blog": [
            (
                "deeplearning/2020/02/02/deep-learning-box.html",
                "Building a deep learning box",
                ["deeplearning"],
            ),
            ("linux/2020/05/24/arch-install.html", "Arch Linux Installation", ["linux"]),
            (
                "machinelearning/2019/05/14/decision-trees.html",
                "Classification Decision Trees & Entropy",
                ["machinelearning"],
            ),
            (
                "performance/2018/08/27/fortran-speed.html",
                "Speed comparisons with Python, Numba, Fortran",
                ["performance"],
            ),
        ],
    }[name]
    for path, title, categories in cases:
        page = html(kit, path)
        assert page.find("h1").get_text() == title, path
        assert page.find("meta", attrs={"name": "description"})["content"], path
        if categories:
            assert [a.get_text() for a in page.select(".post-header .chips a")] == categories
        body = page.select_one(".post-body")
        text = body.get_text(" ")
        for leftover in ("{% include", "{% twitter", "{{ site", "{:", "fndetail", "{% raw"):
            if not (name == "wesbarnett-blog" and leftover == "{% include"):  # hc.html
                assert leftover not in _outside_code(body), (path, leftover)
        assert "\x1b[" not in text


def _outside_code(body) -> str:
    copy = BeautifulSoup(str(body), "html.parser")
    for code in copy.select("pre, code"):
        code.decompose()
    return copy.get_text(" ")


def test_samples_notebook_cells_and_output_images(imported):
    name, kit, _, _ = imported
    if name == "fastai-template":
        body = html(kit, "fastpages/jupyter/2020/02/21/introducing-fastpages.html")
        text = body.select_one(".post-body").get_text()
        assert "pip install pandas altair" not in text  # #hide
        folds = body.select("details.nb-fold")
        assert [d.get("open") is not None for d in folds] == [False, True]  # hide, show
        assert body.select_one("table.dataframe") and body.select_one("figure.nb-chart")
        assert [a.get_text() for a in body.select(".nb-badges a")] == [
            "Open in Colab",
            "View on GitHub",
            "Launch Binder",
        ]
        return
    body = html(kit, "machinelearning/2019/05/14/decision-trees.html")
    picture = body.select_one(".nb-outputs picture")
    assert picture.find("source", type="image/webp")["srcset"]
    published = kit / "output" / picture.find("img")["src"].lstrip("/")
    with Image.open(published) as image:
        assert not image.info.get("Software") and image.width > 0
    svg = body.select_one(".nb-outputs img[src$='.svg']")
    assert svg["width"] and "<metadata" not in (kit / "output" / svg["src"].lstrip("/")).read_text()
    photos = html(kit, "deeplearning/2020/02/02/deep-learning-box.html").select("figure.photo")
    assert len(photos) == 6 and all(f.find("source", type="image/webp") for f in photos)
    captions = [f.figcaption.get_text(" ", strip=True) for f in photos]
    assert (
        "Motherboard, processor, and fan installed. Should have turned the fan around." in captions
    )
    assert all(f.find("img")["alt"] for f in photos)
