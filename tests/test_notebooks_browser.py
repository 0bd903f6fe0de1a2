"""The demo notebook post and a fastpages video embed in real headless Chromium."""

from __future__ import annotations

import pytest
from browser import DESKTOP, PHONE, axe_violations, describe, screenshot, serve_folder

POST = "/2020/09/prometheus-first-benchmarks/"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "name, viewport",
    [
        ("phone", PHONE),
        ("narrow", {"width": 320, "height": 640}),
        ("tablet", {"width": 768, "height": 1024}),
        ("desktop", DESKTOP),
    ],
)
def test_notebook_post_fits_and_has_no_axe_violations(browser, demo_url, scheme, name, viewport):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    page.goto(demo_url + POST)
    screenshot(page, f"notebook-post-{name}-{scheme}")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    smallest = page.evaluate("""() => Math.min(...[...document.querySelectorAll(
        '.nb-cell *')].filter(e => e.textContent.trim() && e.offsetParent)
        .map(e => parseFloat(getComputedStyle(e).fontSize)))""")
    assert smallest >= 12
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    context.close()


def test_folded_cells_open_from_the_keyboard(browser, demo_url):
    page = browser.new_page(viewport=PHONE)
    page.goto(demo_url + POST)
    folds = page.locator("details.nb-fold")
    assert folds.count() == 2  # #collapse-hide (code), #collapse_output
    first = folds.nth(0)
    assert not first.evaluate("d => d.open")
    assert not page.get_by_text("def time_matmul").is_visible()
    first.locator("summary").focus()
    page.keyboard.press("Enter")
    assert first.evaluate("d => d.open") and page.get_by_text("def time_matmul").is_visible()
    assert page.locator("pre.nb-error").is_visible()
    page.close()


def test_video_loads_nothing_from_youtube_until_play(browser, make_site):
    site = make_site(
        {
            "content/posts/2021-06-01-video.md": (
                '---\ntitle: Video\n---\n{% include youtube.html content="https://youtu.be/Ll50l3fsoYs" %}\n'
            )
        }
    )
    assert site.result.clean, site.messages()
    with serve_folder(site.output) as base:
        page = browser.new_page(viewport=PHONE)
        outside = []
        page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(base)
                else (outside.append(route.request.url), route.abort())
            ),
        )
        page.goto(base + "/2021/06/video/")
        page.wait_for_load_state("networkidle")
        assert outside == []
        screenshot(page, "youtube-facade-phone", full_page=False)
        violations = axe_violations(page)
        assert violations == [], describe(violations)
        page.locator("a.embed-play").click()
        frame = page.locator("iframe.embed-frame")
        frame.wait_for()
        assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
        assert frame.get_attribute("title")
        page.close()
