"""Photos: golden HTML cases (figure, gallery, before/after both ways, remote and
inline images) through one real Pelican build. The fixture photos are committed
files, so the content hashes in variant URLs never change. Regenerate the expected
HTML with ``invoke update-golden``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import build, write_files
from golden import assert_golden, post_body

CASES = Path(__file__).parent / "cases" / "photos"
NAMES = sorted(p.stem for p in CASES.glob("*.md"))
FRONT = "---\ntitle: {name}\n---\n"


@pytest.fixture(scope="module")
def cases_site(tmp_path_factory):
    """Every case as a post of one site, built once."""
    root = tmp_path_factory.mktemp("photos-cases")
    write_files(
        root,
        {
            f"content/posts/2020-01-01-{name}.md": FRONT.format(name=name)
            + (CASES / f"{name}.md").read_text(encoding="utf-8")
            for name in NAMES
        },
    )
    shutil.copytree(CASES / "images", root / "content/images")
    return build(root)


def test_cases_build_clean(cases_site):
    assert cases_site.messages() == []


@pytest.mark.parametrize("name", NAMES)
def test_golden(cases_site, name):
    assert_golden(post_body(cases_site, f"2020/01/{name}"), CASES / f"{name}.html")


def test_every_variant_in_the_golden_html_is_published(cases_site):
    """The URLs the golden files pin down are files the build really wrote."""
    for name in NAMES:
        soup = cases_site.html(f"2020/01/{name}")
        for tag in soup.select(".post-body img, .post-body source"):
            for entry in (tag.get("srcset") or tag["src"]).split(","):
                url = entry.split()[0]
                if url.startswith("/"):
                    assert (cases_site.output / url.lstrip("/")).is_file(), (name, url)
