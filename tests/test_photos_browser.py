"""Photos in a real browser: the demo post's slider, lightbox, layout at 375 and
1280 px, accessibility (axe-core), and the page with JavaScript off."""

from __future__ import annotations

import pytest
from browser import AXE, AXE_OPTIONS
from conftest import ARTIFACTS

PAGE = "/2020/07/prometheus-build/"


@pytest.fixture(scope="module")
def served(demo_url):
    return demo_url


def _page(browser, served, width, js=True):
    # Reduced motion: the theme scrolls smoothly otherwise, and a box measured
    # mid-scroll sends the mouse to the wrong place.
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=js, reduced_motion="reduce"
    )
    page = context.new_page()
    page.goto(served + PAGE)
    page.wait_for_load_state("load")
    return page


def _shot(page, name):
    page.wait_for_function(
        "[...document.images].filter(i => {const r = i.getBoundingClientRect();"
        " return r.bottom > 0 && r.top < innerHeight && r.width > 0;})"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"photos-{name}.png"), full_page=False)


@pytest.mark.parametrize("width", [375, 1280])
def test_layout_and_axe(browser, served, width):
    page = _page(browser, served, width)
    gallery = page.locator(".gallery").first
    gallery.scroll_into_view_if_needed()
    _shot(page, f"gallery-{width}")
    page.locator(".compare").first.scroll_into_view_if_needed()
    _shot(page, f"slider-{width}")
    # No photo block wider than the viewport (code blocks are the theme's business).
    widest = page.evaluate(
        "Math.max(...[...document.querySelectorAll("
        "'.photo, .gallery, .compare, .photo img, .gallery img')]"
        ".map(e => e.getBoundingClientRect().right))"
    )
    assert widest <= width
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "o => axe.run({...o, runOnly: ['wcag2a', 'wcag2aa', 'best-practice']})", AXE_OPTIONS
    )
    assert [v["id"] for v in result["violations"]] == []
    page.context.close()


def test_slider_keyboard_and_mouse(browser, served):
    page = _page(browser, served, 1280)
    box = page.locator(".compare--slider").first
    slider = box.get_by_role(
        "slider", name="Before and after: Cable management behind the motherboard tray"
    )
    slider.focus()
    page.keyboard.press("Home")
    assert slider.get_attribute("aria-valuetext") == "Before 0%, after 100%"
    page.keyboard.press("ArrowRight")
    assert box.evaluate("b => b.style.getPropertyValue('--pos')") == "1%"
    page.keyboard.press("End")
    assert slider.input_value() == "100"
    _shot(page, "slider-keyboard")
    # Mouse: click a quarter of the way in, then drag to three quarters.
    bounds = box.bounding_box()
    y = bounds["y"] + bounds["height"] / 2
    page.mouse.click(bounds["x"] + bounds["width"] * 0.25, y)
    assert abs(int(slider.input_value()) - 25) <= 2
    page.mouse.down()
    page.mouse.move(bounds["x"] + bounds["width"] * 0.75, y, steps=8)
    page.mouse.up()
    assert abs(int(slider.input_value()) - 75) <= 2
    labels = box.locator(".compare__label")
    assert labels.all_inner_texts() == ["BEFORE", "AFTER"] or [
        t.lower() for t in labels.all_inner_texts()
    ] == ["before", "after"]
    page.context.close()


def test_lightbox_by_keyboard(browser, served):
    page = _page(browser, served, 1280)
    links = page.locator(".gallery__link")
    links.nth(0).focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Photo viewer")
    assert dialog.is_visible()
    assert page.locator(".lightbox__count").inner_text() == "1 / 4"
    page.keyboard.press("ArrowRight")
    assert page.locator(".lightbox__count").inner_text() == "2 / 4"
    assert "motherboard" in page.locator(".lightbox img").get_attribute("src")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert page.locator(".lightbox__count").inner_text() == "4 / 4"
    page.wait_for_function("document.querySelector('.lightbox img').complete")
    _shot(page, "lightbox")
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert links.nth(0).evaluate("a => a === document.activeElement")
    page.context.close()


def test_without_javascript(browser, served):
    page = _page(browser, served, 1280, js=False)
    assert page.locator(".compare--slider").count() == 0
    sides = page.locator(".compare__side")
    before, after = sides.nth(0).bounding_box(), sides.nth(1).bounding_box()
    assert before["x"] + before["width"] <= after["x"]  # side by side
    assert page.locator(".compare__label").all_inner_texts()[:2] in (
        ["BEFORE", "AFTER"],
        ["Before", "After"],
    )
    href = page.locator(".gallery__link").first.get_attribute("href")
    assert href == "/images/prometheus/parts-on-desk.jpg"
    assert page.request.get(served + href).status == 200
    page.locator(".compare").first.scroll_into_view_if_needed()
    page.wait_for_timeout(800)  # no page scripts: let the images paint before the shot
    _shot(page, "no-js")
    page.context.close()
