"""Quotes and callouts in real headless Chromium: screenshots in light and dark, and
axe-core on them. Skips without Chromium (fails under CI=true)."""

from __future__ import annotations

import pytest
from browser import AXE, AXE_OPTIONS
from conftest import ARTIFACTS

POST = "2020/07/prometheus-build/"
OURS = [[".epigraph"], ["figure.quote"], [".callout"]]


@pytest.fixture(scope="module")
def quotes_page(browser, demo_url):
    return browser, demo_url + "/"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_quotes_and_callouts_render_and_pass_axe(quotes_page, scheme):
    chromium, base = quotes_page
    page = chromium.new_page(color_scheme=scheme, viewport={"width": 1000, "height": 900})
    page.goto(base + POST)
    blocks = page.locator(
        ".post-body > .epigraph, .post-body > figure.quote, .post-body > .callout"
    )
    assert blocks.count() == 7
    boxes = [blocks.nth(i).bounding_box() for i in (0, blocks.count() - 1)]
    _shot(page, f"quotes-epigraph-{scheme}", boxes[0])
    first_callout = page.locator(".post-body > figure.quote:not(.epigraph)").bounding_box()
    _shot(page, f"quotes-callouts-{scheme}", first_callout, boxes[1])
    titles = page.eval_on_selector_all(
        ".callout__title", "els => els.map(e => getComputedStyle(e).color)"
    )
    assert len(set(titles)) == 5, "each callout kind has its own colour"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("([ctx, o]) => axe.run({include: ctx}, o)", [OURS, AXE_OPTIONS])
    assert [v["id"] for v in result["violations"]] == []
    page.close()


def _shot(page, name: str, top: dict, bottom: dict | None = None) -> None:
    bottom = bottom or top
    clip = {
        "x": top["x"] - 16,
        "y": top["y"] - 16,
        "width": top["width"] + 32,
        "height": bottom["y"] + bottom["height"] - top["y"] + 32,
    }
    path = ARTIFACTS / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), clip=clip, full_page=True)
