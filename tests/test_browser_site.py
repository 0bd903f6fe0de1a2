"""The demo post in real headless Chromium: layouts, TOC, theme toggle, axe-core."""

from __future__ import annotations

import pytest
from browser import DESKTOP, PHONE, axe_violations, describe, screenshot

POST = "/2020/07/prometheus-build/"


@pytest.fixture(scope="module")
def browser_and_base(browser, demo_url):
    return browser, demo_url


def assert_heading_reaches_top(page, target: str) -> None:
    """The heading ends near the top of the viewport (smooth scrolling takes a moment)."""
    page.wait_for_function(
        "(id) => { const r = document.querySelector(id).getBoundingClientRect();"
        " return r.top >= 0 && r.top < 120; }",
        arg=target,
        timeout=5000,
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name, viewport", [("phone", PHONE), ("desktop", DESKTOP)])
def test_demo_post_layout_and_accessibility(browser_and_base, scheme, name, viewport):
    browser, base = browser_and_base
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    page.goto(base + POST)
    screenshot(page, f"site-post-{name}-{scheme}", full_page=False)
    screenshot(page, f"site-post-{name}-{scheme}-full")
    # No sideways scrolling of the page itself at 375 px.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    toc = page.locator("details.toc")
    # Sidebar (open) on desktop, folded block on phones.
    assert toc.evaluate("el => el.open") is (name == "desktop")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (background == "rgb(18, 19, 23)") is (scheme == "dark")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    context.close()


def test_toc_link_scrolls_to_its_heading(browser_and_base):
    browser, base = browser_and_base
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base + POST)
    link = page.locator(".toc a").nth(3)
    target = link.get_attribute("href")
    link.click()
    page.wait_for_function("() => location.hash.length > 1")
    assert page.evaluate("location.hash") == target
    assert_heading_reaches_top(page, target)
    page.close()


def test_toc_on_phone_opens_and_its_link_moves_to_the_heading(browser_and_base):
    browser, base = browser_and_base
    page = browser.new_page(viewport=PHONE)
    page.goto(base + POST)
    page.locator(".toc summary").click()
    link = page.locator(".toc a").first
    target = link.get_attribute("href")
    link.click()
    page.wait_for_function("() => location.hash.length > 1")
    assert_heading_reaches_top(page, target)
    page.close()


def test_theme_toggle_is_remembered_across_pages(browser_and_base):
    browser, base = browser_and_base
    context = browser.new_context(viewport=DESKTOP, color_scheme="light")
    page = context.new_page()
    page.goto(base + POST)
    toggle = page.locator(".theme-toggle")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.focus()
    page.keyboard.press("Enter")  # keyboard works, not only the mouse
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert toggle.get_attribute("aria-pressed") == "true"
    page.goto(base + "/")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(18, 19, 23)"
    screenshot(page, "site-index-dark-by-toggle", full_page=False)
    context.close()


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(browser_and_base):
    browser, base = browser_and_base
    page = browser.new_page(viewport=DESKTOP)
    page.goto(base + POST)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.close()


def test_pages_read_without_javascript(browser_and_base):
    browser, base = browser_and_base
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base + POST)
    assert page.locator("details.toc").evaluate("el => el.open")  # open: nothing hidden
    assert page.locator(".theme-toggle").is_hidden()  # no dead button
    assert page.locator(".post-body h2").count() >= 4
    screenshot(page, "site-post-phone-nojs", full_page=False)
    context.close()


@pytest.mark.parametrize("path", ["/", "/categories/", "/archives/", "/about/", "/404.html"])
def test_other_pages_have_no_axe_violations(browser_and_base, path):
    browser, base = browser_and_base
    page = browser.new_page(viewport=PHONE)
    page.goto(base + path)
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    page.close()
