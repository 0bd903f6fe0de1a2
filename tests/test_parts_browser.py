"""parts: the demo table in real headless Chromium at 375 and 1280 px: screenshots,
the Part column kept in view while the table scrolls, and zero axe-core violations."""

from __future__ import annotations

import asyncio
import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from conftest import ARTIFACTS, REPO

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
AXE = next((p for p in (REPO / "node_modules/axe-core/axe.min.js",
                        Path("/work/main/node_modules/axe-core/axe.min.js")) if p.is_file()), None)

if not Path(CHROMIUM).exists():
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"{CHROMIUM} is missing: install Debian's chromium for browser tests")
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)
async_api = pytest.importorskip("playwright.async_api")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server(demo_site):
    handler = functools.partial(_QuietHandler, directory=str(demo_site.output))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


async def _visit(url: str, width: int, shot: Path) -> dict:
    async with async_api.async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = await browser.new_page(viewport={"width": width, "height": 900})
            await page.goto(url)
            table = page.locator(".parts").first
            await table.scroll_into_view_if_needed()
            await table.screenshot(path=str(shot))
            facts = await page.evaluate("""() => {
                const scroller = document.querySelector('.parts__scroll');
                const cell = document.querySelector('tbody .parts-table__part');
                const before = cell.getBoundingClientRect().left;
                scroller.scrollLeft = scroller.scrollWidth;
                const after = cell.getBoundingClientRect().left;
                return {partsRight: document.querySelector('.parts').getBoundingClientRect().right,
                        scrollable: scroller.scrollWidth > scroller.clientWidth,
                        partLeftBefore: before, partLeftAfter: after,
                        scrollerLeft: scroller.getBoundingClientRect().left};
            }""")
            await page.evaluate("document.querySelector('.parts__scroll').scrollLeft = 0")
            if AXE:
                await page.add_script_tag(path=str(AXE))
                # The build page is ours whole; in the post, only our table and summary.
                context = "document" if "builds/" in url else "{include: [['.parts'], ['.parts-summary']]}"
                facts["violations"] = await page.evaluate(
                    f"async () => (await axe.run({context})).violations.map(v => v.id + ': ' + v.nodes.length)")
            return facts
        finally:
            await browser.close()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", ["2020/07/prometheus-build/", "builds/prometheus/"])
def test_parts_table_in_browser(server, path, width):
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    name = "post" if path.startswith("2020") else "build-page"
    facts = asyncio.run(_visit(f"{server}/{path}", width, folder / f"parts-{name}-{width}.png"))
    assert facts["partsRight"] <= width  # the table scrolls in its own box
    if facts["scrollable"]:  # the Part column stays in view while scrolled
        assert facts["partLeftAfter"] >= facts["scrollerLeft"] - 1
    if AXE is None:
        pytest.skip("axe-core not installed (npm ci)")
    assert facts["violations"] == []
