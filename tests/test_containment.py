"""Failures that are ours, not the author's, and what they may cost: a block, a page,
never the site; the production build never leaves output/ emptier than it was."""

from __future__ import annotations

import io
import logging
import textwrap

import pytest
from conftest import build, write_files

import plugins.benchmarks
import plugins.parts
from plugins._shared.errors import ContentError, blame, display_path, internal_error
from plugins._shared.logs import OneLineFormatter

GOOD = "---\ntitle: Good\n---\n\nGood post.\n"


def errors(site) -> list[str]:
    """The site's errors with paths as a user in the site's folder sees them."""
    return [e.replace(f"{site.root}/", "") for e in site.result.errors]


BUILD = "name: Rig\nparts:\n  - type: CPU\n    name: Ryzen 7 3700X\n    price: 329\n"
TAGGED = "---\ntitle: Tagged\n---\n\nBefore.\n\n{% parts rig %}\n\nAfter.\n"


def test_a_bug_in_a_plugin_costs_its_block_and_names_the_plugin(make_site, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(plugins.parts, "render_table", broken)
    site = make_site(
        {
            "content/builds/rig.yaml": BUILD,
            "content/posts/2020-01-01-good.md": GOOD,
            "content/posts/2020-01-02-tagged.md": TAGGED,
        }
    )
    assert errors(site) == [
        "content/posts/2020-01-02-tagged.md:7: internal error in parts (please report): "
        "RuntimeError: boom (BUILDLOG_DEBUG=1 shows the traceback)"
    ]
    body = site.html("2020/01/tagged/").select_one(".post-body")
    assert body.select_one(".build-error") and "Before." in body.text and "After." in body.text
    assert (site.output / "2020/01/good/index.html").is_file()


def _raise_in(module_file: str):
    """An exception whose innermost frame is in ``module_file``."""
    code = compile("def fail():\n    raise ValueError('bad')\n", module_file, "exec")
    scope: dict = {}
    exec(code, scope)
    try:
        scope["fail"]()
    except ValueError as error:
        return error


@pytest.mark.parametrize(
    "where, plugin",
    [
        (plugins.parts.__file__, "parts"),
        (plugins.benchmarks.__file__, "benchmarks"),
        ("/somewhere/theme/templates/_macros.html", "theme"),
        ("/usr/lib/python3/json.py", "buildlog"),
    ],
)
def test_internal_errors_name_the_plugin_whose_code_raised(where, plugin):
    assert blame(_raise_in(where)) == plugin


def test_the_traceback_only_with_buildlog_debug(monkeypatch):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(OneLineFormatter())
    logger = logging.getLogger("buildlog")
    logger.addHandler(handler)
    try:
        error = _raise_in(plugins.parts.__file__)
        monkeypatch.delenv("BUILDLOG_DEBUG", raising=False)
        internal_error("content/posts/x.md", error, line=4)
        monkeypatch.setenv("BUILDLOG_DEBUG", "1")
        internal_error("content/posts/x.md", error, line=4)
    finally:
        logger.removeHandler(handler)
    quiet, loud = stream.getvalue().split("content/posts/x.md:4: ")[1:]
    assert quiet == (
        "internal error in parts (please report): ValueError: bad "
        "(BUILDLOG_DEBUG=1 shows the traceback)\n"
    )
    assert loud.startswith(
        "internal error in parts (please report): ValueError: bad\n"
        "Traceback (most recent call last):"
    )


def test_a_page_whose_template_fails_costs_that_page(make_site, tmp_path):
    templates = tmp_path / "templates"
    write_files(
        tmp_path,
        {
            "templates/broken.html": "{% extends 'article.html' %}"
            "{% block content %}{{ 1 // 0 }}{% endblock %}"
        },
    )
    site = make_site(
        {
            "content/posts/2020-01-01-good.md": GOOD,
            "content/posts/2020-01-02-x.md": "---\ntitle: X\ntemplate: broken\n---\n\nx\n",
        },
        THEME_TEMPLATES_OVERRIDES=[str(templates)],
    )
    assert errors(site) == [
        "content/posts/2020-01-02-x.md: internal error in theme (please report): "
        "ZeroDivisionError: integer division or modulo by zero (BUILDLOG_DEBUG=1 shows the "
        "traceback)"
    ]
    assert not (site.output / "2020/01/x/index.html").exists()
    for page in ("2020/01/good/index.html", "index.html", "categories/index.html"):
        assert (site.output / page).is_file(), page


def test_one_line_even_for_pelicans_own_multiline_messages():
    record = logging.LogRecord(
        "pelican.utils",
        logging.WARNING,
        __file__,
        1,
        "There are %s things:\n%s\n%s",
        (2, "/a.md", "/b.md"),
        None,
    )
    assert OneLineFormatter().format(record) == "warning: There are 2 things: /a.md /b.md"
    ours = logging.LogRecord("buildlog", logging.WARNING, __file__, 1, "%s", ("x",), None)
    ours.buildlog_place, ours.buildlog_problem = "content/x.md:3", "duplicate key"
    assert OneLineFormatter().format(ours) == "content/x.md:3: warning: duplicate key"


# --- collisions the corpus does not show ----------------------------------------------


def test_a_page_on_the_builds_address_and_a_static_file_over_a_generated_one(make_site):
    site = make_site(
        {
            "content/builds/rig.yaml": BUILD,
            "content/posts/2020-01-01-good.md": GOOD,
            "content/pages/kit.md": "---\ntitle: Kit\npermalink: /builds/rig/\n---\n\nMine.\n",
            "content/extra/robots.txt": "User-agent: evil\n",
        },
        EXTRA_PATH_METADATA={"extra/robots.txt": {"path": "robots.txt"}},
    )
    assert sorted(errors(site)) == [
        "content/extra/robots.txt: address /robots.txt is already that of the robots.txt "
        "page; this file was not copied: rename or move it",
        "content/pages/kit.md:3: address /builds/rig/ is already that of the build page of "
        "content/builds/rig.yaml; this page was not written: change its permalink",
    ]
    assert "Mine." not in (site.output / "builds/rig/index.html").read_text(encoding="utf-8")
    assert "evil" not in (site.output / "robots.txt").read_text(encoding="utf-8")


def test_same_slug_in_different_months_is_fine(make_site):
    site = make_site(
        {
            "content/posts/2020-01-01-update.md": "---\ntitle: Jan\n---\n\nx\n",
            "content/posts/2020-02-01-update.md": "---\ntitle: Feb\n---\n\nx\n",
        }
    )
    assert site.result.clean, site.messages()
    assert (site.output / "2020/01/update/index.html").is_file()
    assert (site.output / "2020/02/update/index.html").is_file()


def test_a_page_can_be_the_home_page_when_the_index_is_not_generated(make_site):
    site = make_site(
        {
            "content/posts/2020-01-01-good.md": GOOD,
            "content/pages/home.md": "---\ntitle: Home\npermalink: /\n---\n\nHello.\n",
        },
        DIRECT_TEMPLATES=["categories", "tags", "archives", "404"],
    )
    assert site.result.clean, site.messages()
    assert "Hello." in (site.output / "index.html").read_text(encoding="utf-8")


# --- invoke preview: never emptier than before -----------------------------------------


def _preview(root, **overrides):
    return build(root, "publishconf.py", SITEURL="https://example.test", **overrides)


def test_a_failed_production_build_keeps_the_last_good_site(tmp_path):
    write_files(tmp_path, {"content/posts/2020-01-01-good.md": GOOD})
    first = _preview(tmp_path)
    assert first.result.clean and not first.result.kept_previous, first.messages()
    before = sorted(p.relative_to(first.output) for p in first.output.rglob("*"))
    assert (first.output / "2020/01/good/index.html").is_file()
    write_files(
        tmp_path,
        {
            "content/posts/2020-01-02-broken.md": "---\ntitle: [oops\n---\n",
            "content/posts/2020-01-03-new.md": "---\ntitle: New\n---\n\nx\n",
        },
    )
    failed = _preview(tmp_path)
    assert failed.result.errors and failed.result.kept_previous
    assert sorted(p.relative_to(failed.output) for p in failed.output.rglob("*")) == before
    assert not (tmp_path / ".output.building").exists()
    (tmp_path / "content/posts/2020-01-02-broken.md").unlink()
    fixed = _preview(tmp_path)
    assert fixed.result.clean and (fixed.output / "2020/01/new/index.html").is_file()
    assert not list(tmp_path.glob(".output.*"))


def test_a_first_production_build_with_errors_still_shows_the_good_pages(tmp_path):
    write_files(
        tmp_path,
        {
            "content/posts/2020-01-01-good.md": GOOD,
            "content/posts/2020-01-02-broken.md": "---\ntitle: [oops\n---\n",
        },
    )
    site = _preview(tmp_path)
    assert site.result.errors and not site.result.kept_previous
    assert (site.output / "2020/01/good/index.html").is_file()


def test_output_retention_survives_the_swap(tmp_path):
    write_files(tmp_path, {"content/posts/2020-01-01-good.md": GOOD})
    _preview(tmp_path, OUTPUT_RETENTION=[".git"])
    (tmp_path / "output/.git").mkdir()
    (tmp_path / "output/.git/HEAD").write_text("ref: refs/heads/gh-pages\n")
    site = _preview(tmp_path, OUTPUT_RETENTION=[".git"])
    assert site.result.clean
    assert (site.output / ".git/HEAD").read_text() == "ref: refs/heads/gh-pages\n"


def test_a_broken_settings_file_is_one_line_at_its_line(tmp_path):
    from plugins._shared.sitebuild import build_site

    settings = tmp_path / "pelicanconf.py"
    settings.write_text(
        textwrap.dedent("""\
        SITENAME = "x"
        PLUGINS = [
    """)
    )
    result = build_site(settings)
    assert len(result.errors) == 1 and result.errors[0].startswith(f"{display_path(settings)}:2"), (
        result.errors
    )
    assert "invalid Python" in result.errors[0]
    import sys  # the half-run module is not left for `from pelicanconf import *` to find

    assert getattr(sys.modules.get("pelicanconf"), "__file__", None) != str(settings)


def test_content_errors_render_their_place():
    assert ContentError("x", path="a.md", line=3, column=4).located() == "a.md:3:4: x"


# --- single mistakes from the issue, each at its line ----------------------------------


def test_a_control_character_never_reaches_the_feed(tmp_path):
    write_files(
        tmp_path,
        {
            "content/posts/2020-01-01-good.md": GOOD,
            "content/posts/2020-01-02-bell.md": '---\ntitle: "Bell\\x07"\n---\n\nx\n',
        },
    )
    site = _preview(tmp_path)
    assert errors(site) == [
        "content/posts/2020-01-02-bell.md:2: 'title' holds the control character U+0007: remove it"
    ]
    feed = (site.output / "feeds/all.atom.xml").read_text(encoding="utf-8")
    assert "Good" in feed and "Bell" not in feed


@pytest.mark.parametrize(
    "line, message",
    [
        ("quantity: 1:30", "'quantity' must be a whole number of 1 or more, got '1:30'"),
        ("quantity: 1000000", "'quantity' must be at most 100,000, got 1000000"),
        ("price: .nan", "'price' must be a finite number, got nan"),
        ("power: 1.0e+999", "'power' must be a finite number, got inf"),
        ("power: 1e999", "'power' must be a number such as 65, got '1e999'"),  # YAML 1.1: text
        ("capacity: 0", "'capacity' must be at least 1 (watts), got 0"),
    ],
)
def test_part_numbers_are_checked_at_their_line(line, message):
    from plugins.parts.parse import InvalidBuild, parse_build

    text = f"name: Rig\nparts:\n  - type: CPU\n    name: X\n    {line}\n"
    with pytest.raises(InvalidBuild) as caught:
        parse_build(text, slug="rig", path="content/builds/rig.yaml")
    assert [e.located() for e in caught.value.errors] == [f"content/builds/rig.yaml:5: {message}"]


def test_capacity_percentages_stay_readable():
    from plugins.parts.parse import parse_build

    text = (
        "name: Rig\nparts:\n  - type: Power Supply\n    name: P\n    capacity: 1\n"
        "  - type: CPU\n    name: X\n    power: 100000\n    quantity: 100000\n"
    )
    build = parse_build(text, slug="rig", path="content/builds/rig.yaml")
    assert build.power.load_percent == 1_000_000_000_000


def test_a_plugin_generator_that_fails_costs_its_own_pages(make_site, monkeypatch):
    from plugins.parts.pages import BuildPagesGenerator

    def broken(self, writer):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(BuildPagesGenerator, "generate_output", broken)
    site = make_site({"content/builds/rig.yaml": BUILD, "content/posts/2020-01-01-good.md": GOOD})
    assert errors(site) == [
        "plugins/parts: internal error in parts (please report): "
        "RuntimeError: disk on fire (BUILDLOG_DEBUG=1 shows the traceback)"
    ]
    assert not (site.output / "builds/index.html").exists()
    for page in (
        "2020/01/good/index.html",
        "index.html",
        "sitemap.xml",
        "theme/css/site.css",
    ):  # the theme is copied after the plugins wrote
        assert (site.output / page).is_file(), page


@pytest.mark.parametrize(
    "stats, problem",
    [
        ({"data": [1.5, 2.5, "... omitted"], "median": 2.0, "min": 1.5, "max": 2.5}, None),
        ({"data": ["... omitted"]}, "pytest-benchmark: 't' has neither runs nor median, min, max"),
        (
            {"data": [1.0, 1.7e308]},
            "pytest-benchmark: each of 'data' of 't' must be at most 1e+18, not 1.7e+308",
        ),
        ({"data": 5}, "pytest-benchmark: 'data' of 't' must be a list of numbers, not 5"),
    ],
)
def test_trimmed_tool_output_uses_its_summary(tmp_path, stats, problem):
    import json

    from plugins.benchmarks.parse import load_file

    path = tmp_path / "b.json"
    path.write_text(
        json.dumps({"machine_info": {}, "benchmarks": [{"name": "t", "stats": stats}]}, indent=1)
    )
    if problem is None:
        result = load_file(path).benchmarks[0].results[0][1]
        assert result.value == 2.0
        return
    with pytest.raises(ContentError) as caught:
        load_file(path)
    assert caught.value.message == problem and caught.value.line is not None
