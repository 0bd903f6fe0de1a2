"""Code blocks in real headless Chromium: the copy button by keyboard (clipboard and
live region), no button without JavaScript, highlighted lines readable in both themes."""

from __future__ import annotations

import pytest
from browser import ARTIFACTS, AXE, AXE_OPTIONS, DESKTOP, PHONE, describe

POST = "/2020/07/prometheus-build/"
CHECK_GPU = (
    "import torch\n\nprint(torch.cuda.get_device_name(0))  # GeForce RTX 2070 SUPER\n"
    'x = torch.randn(4096, 4096, device="cuda", dtype=torch.float16)\n'
    "print((x @ x).float().abs().mean().item())"
)


def _open(browser, url, **options):
    context = browser.new_context(
        viewport=options.pop("viewport", DESKTOP), reduced_motion="reduce", **options
    )
    page = context.new_page()
    page.goto(url)
    return page


def test_copy_by_keyboard_copies_the_code_without_line_numbers(browser, demo_url):
    page = _open(browser, demo_url + POST)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    block = page.locator(".highlight", has=page.locator(".filename"))
    # Start from the paragraph before the block: the next Tab lands on its button.
    block.evaluate("b => { const p = b.previousElementSibling; p.tabIndex = -1; p.focus(); }")
    page.keyboard.press("Tab")
    button = block.locator(".code-copy")
    assert page.evaluate("document.activeElement.classList.contains('code-copy')")
    assert button.evaluate("b => b === document.activeElement")
    assert button.get_attribute("type") == "button"
    assert button.text_content() == "Copy code"  # visible "Copy" + hidden " code"
    page.keyboard.press("Enter")
    status = page.locator(".code-copy-status")
    page.wait_for_function(
        "() => document.querySelector('.code-copy-status').textContent === 'Copied'"
    )
    assert (
        status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    )
    assert button.inner_text() == "Copied"
    assert page.evaluate("navigator.clipboard.readText()") == CHECK_GPU
    # Space works too, on another block, and announces again.
    other = page.locator(".highlight").first.locator(".code-copy")
    other.focus()
    page.keyboard.press("Space")
    page.wait_for_function(
        "() => navigator.clipboard.readText().then(t => t.startsWith('sudo apt'))"
    )
    page.wait_for_function(
        "() => document.querySelector('.code-copy-status').textContent === 'Copied'"
    )
    page.context.close()


def test_without_javascript_there_is_no_copy_button(browser, demo_url):
    page = _open(browser, demo_url + POST, java_script_enabled=False)
    assert page.locator(".highlight").count() >= 2
    assert page.locator(".code-copy").count() == 0
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name, viewport", [("phone", PHONE), ("desktop", DESKTOP)])
def test_highlighted_lines_and_buttons_pass_axe(browser, demo_url, scheme, name, viewport):
    page = _open(browser, demo_url + POST, viewport=viewport, color_scheme=scheme)
    block = page.locator(".highlight", has=page.locator(".filename"))
    block.scroll_into_view_if_needed()
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    block.screenshot(path=str(ARTIFACTS / "screenshots" / f"code-{name}-{scheme}.png"))
    assert block.locator(".hll").count() == 2
    # The highlighted line differs from the block by colour and by its left bar.
    hll = block.locator(".hll").first.evaluate(
        "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).boxShadow]"
    )
    pre = block.locator("pre").evaluate("e => getComputedStyle(e).backgroundColor")
    assert hll[0] != pre and "inset" in hll[1]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    # axe on the code blocks only (the whole post is checked in test_browser_site.py).
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("o => axe.run({include: [['.post-body .highlight']]}, o)", AXE_OPTIONS)
    violations = [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]
    ]
    assert violations == [], describe(violations)
    assert "color-contrast" in [p["id"] for p in result["passes"]], "axe checked no text colours"
    page.context.close()
