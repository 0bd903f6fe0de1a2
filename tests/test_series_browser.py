"""series: the demo build's series box, previous/next and related posts in real
headless Chromium, light and dark, at 320 px to desktop: axe-core finds nothing, no
page scrolls sideways, text stays at 12 px or more, and the links work by keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import ARTIFACTS, axe_violations, describe, screenshot

PAGE = "/2020/08/prometheus-fan-curves/"
BOXES = ".series, .post-nav, .related"
INSIDE = ".series *, .post-nav *, .related *"


def _open(browser, demo_url, width: int, scheme: str):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, reduced_motion="reduce"
    )
    page = context.new_page()
    page.goto(demo_url + PAGE)
    return page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_series_box_is_accessible_and_fits_every_screen(browser, demo_url, scheme):
    page = _open(browser, demo_url, 1280, scheme)
    try:
        for width in (320, 375, 768, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            facts = page.evaluate(
                """([boxes, inside]) => ({
                scroll: document.documentElement.scrollWidth,
                right: Math.max(...[...document.querySelectorAll(boxes)].map(
                    e => e.getBoundingClientRect().right)),
                smallest: Math.min(...[...document.querySelectorAll(inside)]
                    .filter(e => e.textContent.trim())
                    .map(e => parseFloat(getComputedStyle(e).fontSize))),
            })""",
                [BOXES, INSIDE],
            )
            assert facts["scroll"] <= width and facts["right"] <= width, (width, facts)
            assert facts["smallest"] >= 12, (width, facts)
            page.locator(".series").screenshot(path=str(_shot_path(f"series-box-{width}-{scheme}")))
            if width in (375, 1280):
                page.locator(".post-nav").scroll_into_view_if_needed()
                screenshot(page, f"series-end-{width}-{scheme}", full_page=False)
                violations = axe_violations(page)
                assert violations == [], describe(violations)
    finally:
        page.context.close()


def _shot_path(name: str) -> Path:
    path = ARTIFACTS / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def test_series_landmark_and_keyboard(browser, demo_url):
    page = _open(browser, demo_url, 1280, "light")
    try:
        nav = page.get_by_role("navigation", name="Prometheus build log Part 2 of 4")
        links = nav.get_by_role("link")
        assert links.count() == 5  # the build page and four parts (part 4: a notebook)
        current = nav.locator("[aria-current=page]")
        assert current.inner_text() == "Prometheus, part 2: taming the fan curves"
        nav.get_by_role("link", name="Prometheus", exact=True).focus()
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_url("**/2020/07/prometheus-build/")
        assert page.get_by_role("navigation", name="Prometheus build log Part 1 of 4").count() == 1
        page.get_by_role("navigation", name="Previous and next part").get_by_role(
            "link", name="Next part"
        ).focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**" + PAGE)
    finally:
        page.context.close()
