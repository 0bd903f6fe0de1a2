"""parts: the demo table in real headless Chromium at 375 and 1280 px: a table when
there is room, a list of parts on a phone, nothing wider than the screen, and zero
axe-core violations. (Every page at every width: test_phone_layout.py.)"""

from __future__ import annotations

import pytest
from browser import AXE, AXE_OPTIONS
from conftest import ARTIFACTS


def _facts(page) -> dict:
    return page.evaluate("""() => {
        const row = document.querySelector('.parts-table tbody tr');
        const cells = [...row.children].map(c => c.getBoundingClientRect());
        const price = row.querySelector('.parts-table__price').getBoundingClientRect();
        const name = row.querySelector('.parts-table__part').getBoundingClientRect();
        const total = document.querySelector('.parts-table__total .parts-table__sum').getBoundingClientRect();
        return {display: getComputedStyle(row).display,
                headerShown: document.querySelector('.parts-table thead').getBoundingClientRect().width > 1,
                oneLine: Math.max(...cells.map(c => c.top)) - Math.min(...cells.map(c => c.top)) < 2,
                priceBesideName: Math.abs(price.top - name.top) < 2 && price.left > name.right,
                partsRight: document.querySelector('.parts').getBoundingClientRect().right,
                totalRight: total.right};
    }""")


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", ["2020/07/prometheus-build/", "builds/prometheus/"])
def test_parts_table_in_browser(browser, demo_url, path, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(f"{demo_url}/{path}")
        parts = page.locator(".parts").first
        parts.scroll_into_view_if_needed()
        folder = ARTIFACTS / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        name = "post" if path.startswith("2020") else "build-page"
        parts.screenshot(path=str(folder / f"parts-{name}-{width}.png"))
        facts = _facts(page)
        assert facts["partsRight"] <= width and facts["totalRight"] <= width
        if width == 1280:  # a table: a row's cells side by side, with a header
            assert facts["display"] == "table-row" and facts["oneLine"] and facts["headerShown"]
        else:  # a list: type, then the name with its price beside it
            assert facts["display"] == "grid" and not facts["headerShown"]
            assert facts["priceBesideName"]
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            "async (options) => (await axe.run(document, options)).violations"
            ".map(v => v.id + ': ' + v.nodes.length)",
            AXE_OPTIONS,
        )
        assert violations == []
    finally:
        page.close()
