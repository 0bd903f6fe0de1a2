"""parts: the demo table in real headless Chromium at 375 and 1280 px: screenshots,
the Part column kept in view while the table scrolls, and zero axe-core violations."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import AXE
from conftest import ARTIFACTS


def _visit(browser, url: str, width: int, shot: Path) -> dict:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(url)
        table = page.locator(".parts").first
        table.scroll_into_view_if_needed()
        table.screenshot(path=str(shot))
        facts = page.evaluate("""() => {
            const scroller = document.querySelector('.parts__scroll');
            const cell = document.querySelector('tbody .parts-table__part');
            const before = cell.getBoundingClientRect().left;
            scroller.scrollLeft = scroller.scrollWidth;
            const after = cell.getBoundingClientRect().left;
            return {partsRight: document.querySelector('.parts').getBoundingClientRect().right,
                    scrollable: scroller.scrollWidth > scroller.clientWidth,
                    partLeftBefore: before, partLeftAfter: after,
                    scrollerLeft: scroller.getBoundingClientRect().left};
        }""")
        page.evaluate("document.querySelector('.parts__scroll').scrollLeft = 0")
        page.add_script_tag(path=str(AXE))
        facts["violations"] = page.evaluate(
            "async () => (await axe.run(document)).violations.map(v => v.id + ': ' + v.nodes.length)")
        return facts
    finally:
        page.close()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", ["2020/07/prometheus-build/", "builds/prometheus/"])
def test_parts_table_in_browser(browser, demo_url, path, width):
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    name = "post" if path.startswith("2020") else "build-page"
    facts = _visit(browser, f"{demo_url}/{path}", width, folder / f"parts-{name}-{width}.png")
    assert facts["partsRight"] <= width  # the table scrolls in its own box
    if facts["scrollable"]:  # the Part column stays in view while scrolled
        assert facts["partLeftAfter"] >= facts["scrollerLeft"] - 1
    assert facts["violations"] == []
