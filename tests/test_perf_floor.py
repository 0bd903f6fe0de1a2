"""``invoke perf``'s floor (benchmarks/perf.py): the work any build that keeps
Python-Markdown and Pagefind does. It must index the pages our search indexes and
convert the posts, or the line it prints says nothing."""

import json

from conftest import REPO

from benchmarks.perf import measure_floor


def test_the_floor_indexes_the_pages_the_site_search_holds(demo_site):
    floor = measure_floor(REPO / "content", demo_site.output)
    entry = json.loads((demo_site.output / "pagefind" / "pagefind-entry.json").read_text())
    indexed = sum(language["page_count"] for language in entry["languages"].values())
    assert floor.pages == indexed > 0
    assert floor.posts == len(list((REPO / "content" / "posts").glob("*.md"))) > 0
    assert floor.start > 0 and floor.search > 0 and floor.markdown >= 0
    assert floor.cpu == floor.start + floor.markdown + floor.search
