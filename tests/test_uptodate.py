"""Nothing changed since the last clean build: the next build does nothing
(plugins/_shared/uptodate.py), and any change to what a build reads makes it run."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest
from conftest import build, write_files

from plugins._shared import uptodate

FILES = {
    "content/posts/2020-01-01-rig.md": "---\ntitle: The rig\ndescription: d\n---\n\nFirst words.\n",
    "content/posts/2020-01-02-other.md": "---\ntitle: Other\ndescription: d\n---\n\nPlain.\n",
}
PAGE = "2020/01/rig/index.html"


def settle() -> None:
    """Let the files written so far leave the racy window, so a clean build stamps."""
    time.sleep(uptodate.RACY_NS / 1e9 + 0.05)


def stamped_build(root: Path, **settings):
    """A clean build after which a stamp exists (inputs settled first: it either
    records one or finds the last one still good)."""
    settle()
    built = build(root, **settings)
    assert built.result.clean, built.messages()
    return built


def outputs(root: Path) -> dict[str, int]:
    out = root / "output"
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}


@pytest.fixture
def site(tmp_path):
    write_files(tmp_path, FILES)
    theme = tmp_path / "theme"
    theme.symlink_to(uptodate.PLUGINS.parent / "theme")  # read-only use of the real theme
    return tmp_path


def test_an_unchanged_build_does_nothing_and_any_change_runs_it(site):
    stamped_build(site)
    before = outputs(site)
    again = build(site)
    assert again.result.up_to_date and again.result.clean
    assert outputs(site) == before  # not a file written

    # A post edited: the build runs and the page shows it.
    post = site / "content/posts/2020-01-01-rig.md"
    post.write_text(post.read_text() + "\nAn edit.\n")
    edited = build(site)
    assert not edited.result.up_to_date
    assert "An edit." in (site / "output" / PAGE).read_text()

    # A new file anywhere under content/ (here an image nobody links yet).
    stamped_build(site)
    (site / "content/images").mkdir()
    (site / "content/images/x.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    assert not build(site).result.up_to_date
    assert (site / "output/images/x.svg").is_file()

    # An output file deleted or edited by hand: rebuilt, put back as the build writes it.
    stamped_build(site)
    page = site / "output" / PAGE
    written = page.read_text()
    page.write_text("edited by hand")
    assert not build(site).result.up_to_date
    assert page.read_text() == written
    stamped_build(site)
    page.unlink()
    assert not build(site).result.up_to_date
    assert page.read_text() == written


def test_settings_overrides_and_environment_are_inputs(site, monkeypatch):
    stamped_build(site)
    assert build(site).result.up_to_date
    other = build(site, SITENAME="Another name")
    assert not other.result.up_to_date
    assert "Another name" in (site / "output/index.html").read_text()
    stamped_build(site)
    monkeypatch.setenv("BUILDLOG_ANYTHING", "1")
    assert not build(site).result.up_to_date


def test_a_build_with_a_problem_is_never_skipped(site):
    write_files(site, {"content/posts/2020-01-03-bad.md": "---\ntitle: Bad\n---\n\n[a link]()\n"})
    settle()
    first = build(site)
    assert first.result.warnings and not first.result.up_to_date
    second = build(site)
    assert not second.result.up_to_date
    assert second.result.warnings == first.result.warnings  # said again, every build


def test_a_scheduled_post_ends_the_stamp_on_its_day(site):
    """A post due within a day: the output goes stale by the clock alone, so the next
    build runs (and says again that the post waits); one due later keeps the stamp."""
    soon = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=12)).strftime("%Y-%m-%d %H:%M")
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(days=30)).strftime("%Y-%m-%d")
    write_files(
        site, {"content/posts/2020-01-04-soon.md": f"---\ntitle: Soon\ndate: {soon}\n---\n\nx\n"}
    )
    first = stamped_build(site)
    assert any("in the future" in note for note in first.result.notes)
    assert not build(site).result.up_to_date

    (site / "content/posts/2020-01-04-soon.md").write_text(
        f"---\ntitle: Later\ndate: {later}\n---\n\nx\n"
    )
    stamped_build(site)
    skipped = build(site)
    assert skipped.result.up_to_date
    assert any("in the future" in note for note in skipped.result.notes)  # still said


def test_invoke_build_says_nothing_changed(site):
    from plugins._shared import cli

    stamped_build(site)
    result = build(site).result
    assert "nothing changed since the last build" in cli._summary(result)
    assert os.fspath(result.output_path) == os.fspath(site / "output")


def test_a_data_folder_outside_content_is_an_input(site):
    """``PARTS_BUILDS_DIR = "../builds"`` works for the build; an edit there must not
    leave the site "up to date" with the old parts list."""
    write_files(
        site,
        {
            "builds/rig.yaml": "name: Rig\nparts:\n  - {type: CPU, name: Ryzen 7 3700X}\n",
            "content/posts/2020-01-03-parts.md": "---\ntitle: Parts\n---\n\n{% parts rig %}\n",
        },
    )
    outside = {"PARTS_BUILDS_DIR": "../builds"}
    stamped_build(site, **outside)
    page = site / "output/2020/01/parts/index.html"
    assert "Ryzen 7 3700X" in page.read_text()
    assert build(site, **outside).result.up_to_date

    (site / "builds/rig.yaml").write_text(
        "name: Rig\nparts:\n  - {type: CPU, name: Ryzen 9 3900X}\n", encoding="utf-8"
    )
    settle()
    edited = build(site, **outside)
    assert not edited.result.up_to_date and edited.result.clean, edited.messages()
    assert "Ryzen 9 3900X" in page.read_text()


def test_broken_cache_files_cost_a_full_build_and_nothing_else(site):
    """A stamp or page record cut short (a full disk, a killed build) is no stamp and
    no record: the build runs whole, writes the same site and records them again."""
    stamped_build(site)
    reference = (site / "output" / PAGE).read_bytes()
    for folder in ("uptodate", "pages"):
        for record in (site / "cache" / folder).glob("*.json"):
            record.write_text('{"key": "trunc')
    rebuilt = build(site)
    assert rebuilt.result.clean and not rebuilt.result.up_to_date
    assert rebuilt.result.pages_rendered > 0 and rebuilt.result.pages_reused == 0
    assert (site / "output" / PAGE).read_bytes() == reference
    assert stamped_build(site).result.clean
    assert build(site).result.up_to_date
