"""benchmarks in real headless Chromium: colours from the CSS in light and dark,
the layout chosen by the width the chart is shown at, axe clean."""

from __future__ import annotations

import pytest
from browser import AXE, AXE_OPTIONS, require_browser
from conftest import ARTIFACTS
from tools import contrast_ratio


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_charts_in_light_and_dark(browser, demo_url, scheme):
    page = browser.new_page(color_scheme=scheme, viewport={"width": 900, "height": 900})
    page.goto(f"{demo_url}/2020/07/prometheus-build/")
    chart = page.locator("figure.bench-chart").first
    chart.scroll_into_view_if_needed()
    bars = chart.locator("rect.bench-bar")
    fills = [bars.nth(i).evaluate("e => getComputedStyle(e).fill") for i in range(bars.count())]
    assert len(set(fills)) == len(fills) >= 2  # one colour per system, from the CSS
    expected = {"light": "rgb(0, 114, 178)", "dark": "rgb(86, 180, 233)"}[scheme]
    assert fills[0] == expected
    ink = page.locator(".bench-row__value").first.evaluate("e => getComputedStyle(e).color")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert contrast_ratio(ink, background) >= 4.5, (ink, background)  # WCAG AA text
    out = ARTIFACTS / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    page.locator(".bench").first.screenshot(path=str(out / f"benchmarks-{scheme}.png"))
    page.close()


@pytest.mark.parametrize("width, beside", [(375, False), (1280, True)])
def test_label_beside_the_bar_only_when_there_is_room(browser, demo_url, width, beside):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{demo_url}/2020/07/prometheus-build/")
    geometry = page.locator(".bench-row").first.evaluate("""row => {
        const label = row.querySelector('.bench-row__label').getBoundingClientRect();
        const track = row.querySelector('.bench-row__track').getBoundingClientRect();
        return {beside: track.left > label.right - 1 && Math.abs(track.top - label.top) < 20,
                below: track.top >= label.bottom - 1, trackWidth: track.width,
                figure: row.closest('figure').getBoundingClientRect().width};
    }""")
    page.close()
    assert geometry["beside"] is beside and geometry["below"] is not beside
    # The bar gets most of a phone's width; on a desktop, what the label and value leave.
    assert geometry["trackWidth"] > (0.9 if not beside else 0.3) * geometry["figure"]


def test_axe_finds_no_violations(browser, demo_url):
    require_browser()
    page = browser.new_page()
    page.goto(f"{demo_url}/2020/07/prometheus-build/")
    page.evaluate(
        "() => document.querySelectorAll('details.bench-data').forEach(d => d.open = true)"
    )
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("o => axe.run(document.querySelector('.bench'), o)", AXE_OPTIONS)
    assert result["violations"] == [], [
        (v["id"], v["nodes"][0]["html"]) for v in result["violations"]
    ]
    page.close()
