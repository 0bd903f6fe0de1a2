"""benchmarks in real headless Chromium: screenshots in light and dark, axe clean."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from conftest import ARTIFACTS, REPO, build

CHROMIUM = Path("/usr/bin/chromium")
AXE = next((p for p in (REPO / "node_modules" / "axe-core" / "axe.min.js",
                        Path("/work/main/node_modules/axe-core/axe.min.js")) if p.is_file()), None)
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic"]

if not CHROMIUM.exists() and os.environ.get("CI") != "true":
    pytest.skip("needs /usr/bin/chromium (Debian package chromium)", allow_module_level=True)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("bench-browser")
    site = build(root, PATH=str(REPO / "content"))
    assert site.result.clean, site.messages()
    handler = functools.partial(_Quiet, directory=str(site.output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_charts_in_light_and_dark(browser, base_url, scheme):
    page = browser.new_page(color_scheme=scheme, viewport={"width": 900, "height": 900})
    page.goto(f"{base_url}/2020/07/prometheus-build/")
    chart = page.locator("figure.bench-chart").first
    chart.scroll_into_view_if_needed()
    bars = page.locator("figure.bench-chart").first.locator("rect.bench-bar")
    fills = [bars.nth(i).evaluate("e => getComputedStyle(e).fill") for i in range(bars.count())]
    assert len(set(fills)) == len(fills) >= 2  # one colour per system, from the CSS
    expected = {"light": "rgb(0, 114, 178)", "dark": "rgb(86, 180, 233)"}[scheme]
    assert fills[0] == expected
    ink = page.locator("text.bench-value").first.evaluate("e => getComputedStyle(e).fill")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert ink != background
    out = ARTIFACTS / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    page.locator(".bench").first.screenshot(path=str(out / f"benchmarks-{scheme}.png"))
    page.close()


@pytest.mark.skipif(AXE is None, reason="axe-core not installed (npm ci)")
def test_axe_finds_no_violations(browser, base_url):
    page = browser.new_page()
    page.goto(f"{base_url}/2020/07/prometheus-build/")
    page.evaluate("() => document.querySelectorAll('details.bench-data').forEach(d => d.open = true)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document.querySelector('.bench'))")
    assert result["violations"] == [], [(v["id"], v["nodes"][0]["html"]) for v in result["violations"]]
    page.close()
