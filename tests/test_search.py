"""Site search at build time: which pages Pagefind indexes, the cached index, and a
build that goes on without Pagefind."""

from __future__ import annotations

import json
import logging
import stat

import pytest
from search_site import FILES, bundle_urls, part_folders, part_urls

from plugins.search.index import build_index, find_pagefind, run_pagefind
from plugins.search.settings import SearchSettings

SEARCHABLE = ["2021/03/desiccant/index.html", "2021/03/fans/index.html", "about/index.html"]
NEVER = ["2021/03/hidden/index.html", "2021/03/excluded/index.html", "private-page/index.html"]


@pytest.fixture
def search_log(caplog):
    caplog.set_level(logging.INFO, logger="plugins.search")
    return caplog


def _statuses(caplog) -> list[str]:
    return [
        r.getMessage().split()[1]
        for r in caplog.records
        if r.name == "plugins.search" and r.getMessage().startswith("search: ")
    ]


def _page_count(site) -> int:
    count = 0
    for folder in part_folders(site.output):
        entry = json.loads((folder / "pagefind-entry.json").read_text())
        count += sum(language["page_count"] for language in entry["languages"].values())
    return count


def test_only_published_posts_and_pages_are_indexed(make_site):
    site = make_site(FILES)
    assert site.result.clean, site.messages()
    for page in SEARCHABLE:
        assert site.html(page).select("[data-pagefind-body]"), page
    for page in NEVER:
        assert (site.output / page).is_file()
        assert not site.html(page).select("[data-pagefind-body]"), page
    drafts = list((site.output / "drafts").rglob("*.html"))
    assert drafts and all("data-pagefind-body" not in p.read_text() for p in drafts)
    assert _page_count(site) == len(SEARCHABLE)
    # The date travels with each result; the byline, TOC and "#" links stay out of the text.
    meta = site.html(SEARCHABLE[0]).select_one("[data-pagefind-meta]")["data-pagefind-meta"]
    assert meta.startswith("date, datetime:2021-03-04")
    (text,) = [part["/2021/03/desiccant/"] for part in part_urls(site.output) if part]
    assert "zeolite beads" in text and "Checking the humidity" in text
    for left_out in ("min read", "Homelab", "#"):  # byline, category chips, heading links
        assert left_out not in text, left_out


def test_every_published_search_file_is_world_readable(make_site):
    site = make_site(FILES)
    files = [p for p in (site.output / "pagefind").rglob("*") if p.is_file()]
    assert len(files) > 5
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o644}


def test_unchanged_rebuild_reuses_the_index_and_an_edit_remakes_it(make_site, search_log, tmp_path):
    make_site(FILES)
    entry = tmp_path / "output" / "pagefind" / "pagefind-entry.json"
    first = entry.stat().st_mtime_ns
    make_site({})  # nothing changed
    assert entry.stat().st_mtime_ns == first
    # A hidden post is not indexed: editing it changes nothing Pagefind reads.
    hidden = tmp_path / "content/posts/2021-03-12-hidden.md"
    hidden.write_text(hidden.read_text() + "\nOne more hidden line.\n")
    make_site({})
    edited = tmp_path / "content/posts/2021-03-10-fans.md"
    edited.write_text(edited.read_text() + "\nNow with a fan hub.\n")
    site = make_site({})
    assert _statuses(search_log) == ["indexed", "cached", "cached", "indexed"]
    assert site.result.clean


def test_a_wiped_output_folder_gets_the_cached_index_back(make_site, search_log):
    make_site(FILES, "publishconf.py", SITEURL="https://example.test/blog")
    # publishconf.py deletes output/ before each build: the index comes from the cache.
    site = make_site({}, "publishconf.py", SITEURL="https://example.test/blog")
    assert _statuses(search_log) == ["indexed", "cached"]
    assert _page_count(site) == len(SEARCHABLE)


def test_without_pagefind_the_site_builds_and_says_why(make_site, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/nonexistent/pagefind")
    site = make_site(FILES)
    assert site.result.errors == []
    assert len(site.result.warnings) == 1
    assert (
        "search: the Pagefind binary is missing (/nonexistent/pagefind)" in site.result.warnings[0]
    )
    assert not (site.output / "pagefind").exists()
    # The header still offers the archive.
    link = site.html("index.html").select_one(".site-search__fallback")
    assert link["href"].endswith("archives/")


def test_a_site_with_nothing_to_index_publishes_no_index(make_site):
    site = make_site(
        {"content/posts/2021-01-01-only.md": FILES["content/posts/2021-03-12-hidden.md"]}
    )
    assert site.result.clean, site.messages()
    assert not (site.output / "pagefind").exists()


def test_search_can_be_turned_off(make_site):
    site = make_site(FILES, SEARCH_ENABLED=False)
    assert not (site.output / "pagefind").exists()
    assert site.html("index.html").select(".site-search") == []
    assert site.html(SEARCHABLE[0]).select("[data-pagefind-body]") == []


def test_header_search_box_without_javascript_is_a_link_to_the_archive(make_site):
    site = make_site(FILES)
    for page in ["index.html", *SEARCHABLE]:
        box = site.html(page).select_one("header .site-search")
        link = box.select_one("a.site-search__fallback")
        assert " ".join(link.get_text(" ").split()) == "Search the archive of every post"
        assert link["href"] == "/archives/"  # links from the site root (README, "One URL policy")
        assert (site.output / "archives" / "index.html").is_file()
        # The Pagefind UI waits in an inert <template> until search.js has the index.
        assert box.select_one("template") is not None


NOTES = {
    f"content/posts/2021-04-{day:02d}-note-{day}.md": f"""
        ---
        title: Fan note {day}
        ---

        Fan curve number {day} for the closet rack.
        """
    for day in range(1, 10)
}


def test_a_site_larger_than_one_part_is_indexed_in_parts_and_an_edit_remakes_one(
    make_site, search_log, tmp_path
):
    site = make_site({**FILES, **NOTES}, SEARCH_SHARD_PAGES=3)  # 12 pages: 4 parts
    assert site.result.clean, site.messages()
    expected = {"/" + page.removesuffix("index.html") for page in SEARCHABLE} | {
        f"/2021/04/note-{day}/" for day in range(1, 10)
    }
    parts = part_urls(site.output)
    assert len(parts) == 4
    assert all(parts)
    assert set().union(*parts) == expected
    assert sum(len(part) for part in parts) == len(expected) == _page_count(site)
    # Merged parts carry their index only: Pagefind's scripts come from the first.
    second = part_folders(site.output)[1]
    assert not list(second.glob("*.js")) and not list(second.glob("wasm.*"))
    search_log.clear()
    edited = tmp_path / "content/posts/2021-04-05-note-5.md"
    edited.write_text(edited.read_text() + "\nNow with a thermistor.\n")
    site = make_site({}, SEARCH_SHARD_PAGES=3)
    assert [
        r.getMessage().split("(")[1] for r in search_log.records if "search:" in r.getMessage()
    ] == ["1 of 4 parts made again)"]
    holding = [part for part in part_urls(site.output) if "/2021/04/note-5/" in part]
    assert len(holding) == 1 and "thermistor" in holding[0]["/2021/04/note-5/"]
    assert _page_count(site) == len(expected)


def test_a_bad_part_size_costs_the_search_not_the_site(make_site):
    site = make_site(FILES, SEARCH_SHARD_PAGES=0)
    assert site.result.errors == []
    assert len(site.result.warnings) == 1
    assert (
        "SEARCH_SHARD_PAGES must be a whole number of pages, 1 or more, not 0"
        in (site.result.warnings[0])
    )


def test_pages_with_glob_characters_in_their_paths_are_indexed_and_only_they(tmp_path):
    """Pagefind is given the pages to index as one glob: a path with a comma, braces,
    brackets or a star names that page alone."""
    output = tmp_path / "output"
    names = [
        "a,b/index.html",
        "x{y}/index.html",
        "p[1]/index.html",
        "q*/index.html",
        "qz/index.html",
    ]
    for number, name in enumerate([*names, "listing/index.html"]):
        body = "data-pagefind-body" if name in names else "class=listing"
        page = output / name
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            f'<!doctype html><html lang="en"><title>t</title><main {body}>'
            f"<h1>Page {number}</h1><p>Sorbent {number}.</p></main></html>"
        )
    settings = SearchSettings(output=output, cache=tmp_path / "cache")
    result = build_index(settings)
    assert (result.status, result.pages, result.parts) == ("indexed", 5, 1)
    (urls,) = part_urls(output)
    assert set(urls) == {"/a,b/", "/x{y}/", "/p[1]/", "/q*/", "/qz/"}
    # Two of them alone: "q*" read as a pattern would take qz/ too, "{y}" would take nothing.
    bundle = tmp_path / "two" / "bundle"
    run_pagefind(settings, find_pagefind(), bundle, [output / names[1], output / names[3]])
    assert set(bundle_urls(bundle)) == {"/x{y}/", "/q*/"}


def test_a_parts_tables_specs_keep_label_and_value_apart_in_the_index(make_site):
    """Pagefind runs inline elements together: "Fans included2 x 120 mm" was one word."""
    site = make_site(
        {
            "content/builds/rig.yaml": """
                name: Rig
                parts:
                  - type: Case
                    name: Mesh tower
                    specs: {Fans included: 2 x 120 mm, Form factor: ATX}
                """,
            "content/posts/2021-05-01-case.md": """
                ---
                title: The case
                build: rig
                ---

                {% parts rig %}
                """,
        }
    )
    assert site.result.clean, site.messages()
    (text,) = [part["/2021/05/case/"] for part in part_urls(site.output)]
    assert "Fans included 2 x 120 mm" in text, text
    assert "Mesh tower" in text and "Spec" not in text and "CSV" not in text, text
