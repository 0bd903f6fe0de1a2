"""Every page of the demo site and of a site made from real imports, in real headless
Chromium at 320, 375 and 768 px (mobile emulation): nothing scrolls sideways, no text
under 12 px (chart text included), prices and totals in view. Screenshots of the
parts table and each kind of chart at 375 and 1280 px, light and dark.

The second site is built the way a new user builds one (tests/sample_site.py): our
PCPartPicker and benchmark fixtures, plus ../shared/samples when present.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from browser import axe_violations, describe, serve_folder
from conftest import ARTIFACTS, build
from layout import check_width, problems, total_is_uncovered
from sample_site import SAMPLES, make_content

WIDTHS = (320, 375, 768)
SHOTS = ARTIFACTS / "screenshots"


@pytest.fixture(scope="module")
def samples_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("samples-site")
    samples = SAMPLES if (SAMPLES / "pcpartpicker").is_dir() else None
    if samples is None:
        # Not a skip: the site is still made from our own fixtures, and says so.
        warnings.warn(
            f"no samples at {SAMPLES} (set BUILDLOG_SAMPLES): checked our own fixtures only",
            stacklevel=1,
        )
    used = make_content(root, samples)
    site = build(root)
    assert site.result.clean, site.messages()
    return site, used


@pytest.fixture(scope="module")
def samples_url(samples_site):
    with serve_folder(samples_site[0].output) as base:
        yield base


def pages_of(output: Path) -> list[str]:
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*.html"))


def check_every_page(browser, base: str, output: Path) -> list[str]:
    """Each page loaded once, at the narrowest width, then checked at every width in
    turn: the viewport resized in place, as a phone turned sideways is. The site's CSS
    and its scripts (matchMedia listeners) follow a resize, and the probe opens every
    <details> itself, so a resized page lays out as one loaded at that width."""
    context = browser.new_context(
        viewport={"width": WIDTHS[0], "height": 800},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=1,
    )
    page = context.new_page()
    found = []
    try:
        for path in pages_of(output):
            page.set_viewport_size({"width": WIDTHS[0], "height": 800})
            page.goto(f"{base}/{path}")
            for width in WIDTHS:
                resized = width != WIDTHS[0]
                if resized:
                    page.set_viewport_size({"width": width, "height": 800})
                seen = check_width(page, width, resized)
                assert seen["screen"] == width, path
                found += [f"{path} at {width} px: {p}" for p in seen["problems"]]
                if seen["totals"]:
                    found += [f"{path} at {width} px: {p}" for p in total_is_uncovered(page)]
    finally:
        context.close()
    return found


def test_every_demo_page_reads_on_a_phone(browser, demo_url, demo_site):
    assert len(pages_of(demo_site.output)) >= 10
    found = check_every_page(browser, demo_url, demo_site.output)
    assert found == [], "\n".join(found)


def test_every_imported_page_reads_on_a_phone(browser, samples_site, samples_url):
    site, used = samples_site
    assert any("many-rounds" in u for u in used) and any(".md" in u for u in used)
    found = check_every_page(browser, samples_url, site.output)
    assert found == [], "\n".join(found)


def test_the_probe_finds_what_it_looks_for(browser):
    """The checks can fail: a wide box, 10 px text, a chart shrunk to fit, a price
    cut off in a scroller are each reported."""
    page = browser.new_page(viewport={"width": 375, "height": 600})
    page.set_content("""<meta name=viewport content="width=device-width">
        <div style="width:500px">wide</div><p style="font-size:10px">tiny</p>
        <svg viewBox="0 0 720 40" style="width:300px"><text x="0" y="20" font-size="14">shrunk</text></svg>
        <div style="overflow:hidden;width:100px"><table><tr><td style="white-space:nowrap">
        xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx</td><td class="parts-table__price">$9.99</td></tr></table></div>""")
    found = "\n".join(problems(page, 375))
    page.close()
    assert "px wide at 375 px" in found and 'text at 10.0 px: "tiny"' in found
    assert (
        'text at 5.8 px: "shrunk"' in found
        and 'not in view without scrolling sideways: "$9.99"' in found
    )


def test_each_width_is_checked_after_the_resize(browser, tmp_path):
    """A page too wide only at 320 px and text too small only from 700 px up are both
    found: every width is really laid out, not just the one the page loaded at."""
    (tmp_path / "a.html").write_text(
        '<meta name=viewport content="width=device-width"><style>div { width: 350px }'
        " @media (min-width: 700px) { p { font-size: 10px } }</style><div>x</div><p>tablet</p>"
    )
    with serve_folder(tmp_path) as base:
        found = check_every_page(browser, base, tmp_path)
    assert found == [
        "a.html at 320 px: page is 358 px wide at 320 px",
        'a.html at 768 px: text at 10.0 px: "tablet" (<p class="">)',
    ], found


# One page of each kind: imported parts, and each tool's charts (tool file, one
# machine grouped per unit, two machines compared).
AXE_PAGES = [
    "builds/desk-build/",
    "2021/01/build-desk-build/",
    "2021/01/bench-long-commands/",
    "2021/01/bench-many-rounds/",
    "2021/01/bench-ns-to-ms/",
    "2021/01/bench-fio/",
]


def test_imported_pages_have_no_axe_violations(browser, samples_url):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    found = {}
    for path in AXE_PAGES:
        assert page.goto(f"{samples_url}/{path}").ok, path
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        if violations := axe_violations(page):
            found[path] = violations
    page.close()
    assert found == {}, describe(list(found.items()))


# (name, page, figure or table to shoot): the parts table and each kind of chart.
SHOT_TARGETS = [
    ("parts-demo", "demo", "2020/07/prometheus-build/", ".parts"),
    ("parts-imported", "samples", "builds/desk-build/", ".parts"),
    (
        "chart-baseline",
        "demo",
        "2020/07/prometheus-build/",
        "figure.bench-chart:has(.bench-row--baseline)",
    ),
    (
        "chart-tool-file",
        "demo",
        "2020/07/prometheus-build/",
        "figure.bench-chart:has-text('invoke build')",
    ),
    (
        "chart-log-axis",
        "demo",
        "2020/07/prometheus-build/",
        "figure.bench-chart:has(.bench-plot--log)",
    ),
    (
        "chart-outliers",
        "samples",
        "2021/01/bench-many-rounds/",
        "figure.bench-chart:has-text('outliers beyond')",
    ),
    (
        "chart-short-labels",
        "samples",
        "2021/01/bench-long-commands/",
        "figure.bench-chart:has(.bench-chart__note code)",
    ),
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_of_tables_and_charts(browser, demo_url, samples_url, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    SHOTS.mkdir(parents=True, exist_ok=True)
    shown = None
    try:
        for name, which, path, selector in SHOT_TARGETS:
            url = f"{demo_url if which == 'demo' else samples_url}/{path}"
            if url != shown:  # targets on the same page are shot in one visit
                assert page.goto(url).ok, path
                page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
                shown = url
            target = page.locator(selector).first
            assert target.count(), f"no {selector} on {path}"
            target.scroll_into_view_if_needed()
            shot = SHOTS / f"{name}-{width}-{scheme}.png"
            target.screenshot(path=str(shot))
            assert shot.stat().st_size > 2000
            assert target.evaluate("e => e.getBoundingClientRect().right") <= width
    finally:
        context.close()
