"""Quotes, epigraphs and callouts: golden cases through one real Pelican build, and
the error path of a bad fastpages include (message and file:line)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build, text_of, write_files
from golden import assert_golden, post_body

CASES = Path(__file__).parent / "cases" / "quotes"
NAMES = sorted(p.stem for p in CASES.glob("*.md"))
FRONT = "---\ntitle: {name}\n---\n"


@pytest.fixture(scope="module")
def cases_site(tmp_path_factory):
    """Every case as a post of one site, built once."""
    root = tmp_path_factory.mktemp("quotes-cases")
    files = {
        f"content/posts/2020-01-01-{name}.md": FRONT.format(name=name)
        + (CASES / f"{name}.md").read_text(encoding="utf-8")
        for name in NAMES
    }
    write_files(root, files)
    return build(root)


def test_cases_build_clean(cases_site):
    assert cases_site.messages() == []


@pytest.mark.parametrize("name", NAMES)
def test_golden(cases_site, name):
    assert_golden(post_body(cases_site, f"2020/01/{name}"), CASES / f"{name}.html")


def test_every_callout_kind_is_one_shape(cases_site):
    kinds = []
    for name in ("callout-labels", "callout-github", "callout-fastpages"):
        for aside in cases_site.html(f"2020/01/{name}").select("aside.callout"):
            title = aside.select_one(".callout__title")
            assert aside["role"] == "note"
            assert aside["aria-labelledby"] == title["id"]
            assert title.select_one("svg")["aria-hidden"] == "true"
            kinds.append(aside["class"][1])
    assert kinds == ["note", "tip", "important", "warning", "caution"] * 2 + [
        "note",
        "tip",
        "warning",
        "important",
        "warning",
        "note",
    ]


def test_script_in_quotes_is_text(cases_site):
    page = cases_site.html("2020/01/escaping")
    assert page.select_one(".post-body script") is None
    assert page.select_one(".post-body style") is None
    assert "<script>alert(1)</script>" in text_of(page.select_one("figure.quote blockquote"))
    assert "<script>alert(2)</script>" in text_of(page.select_one("figure.quote cite"))


def test_bad_include_reports_file_and_line(make_site):
    site = make_site(
        {
            "content/posts/2020-02-02-bad.md": """\
        ---
        title: Bad includes
        ---
        Intro.

        {% include note.html %}

        {% include alert.html content="alert takes text=" %}

        {% include tip.html content="unterminated %}

        After the errors.
        """
        }
    )
    errors = [e.replace(f"{site.root}/", "") for e in site.result.errors]
    assert errors == [
        'content/posts/2020-02-02-bad.md:6: {% include note.html %} needs content="..."',
        'content/posts/2020-02-02-bad.md:8: {% include alert.html %} needs text="..."',
        "content/posts/2020-02-02-bad.md:10: {% include tip.html %}: cannot read "
        '\'content="unterminated\' (write content="...")',
    ]
    page = site.html("2020/02/bad")
    assert len(page.select(".build-error")) == 3
    assert "After the errors." in text_of(page.select_one(".post-body"))
