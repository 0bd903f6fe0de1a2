"""Real headless Chromium for tests: serve a built site on loopback, open pages.

Chromium comes from Debian (``chromium``); Playwright drives it without downloading
a browser of its own. Without Chromium the browser tests skip, except under CI=true,
where a missing browser is a failure (CI must have installed it).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import threading
from pathlib import Path

from tools import require_file

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("BUILDLOG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(os.environ.get("BUILDLOG_ARTIFACTS", REPO / "artifacts"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Each new context (a window of the full browser that new headless runs) otherwise
    # starts a third renderer for the address bar's WebUI popups
    # (chrome://omnibox-popup.top-chrome/), browser UI no page test can see: with it
    # a context, page and first load cost ~3 s of CPU, without ~1.3 s; screenshots stay
    # pixel-identical. No spare renderer kept warm either: the page's first load reuses
    # the one new_page started (one renderer per context instead of two, ~0.1 s of CPU
    # each). Chromium merges this list with Playwright's own --disable-features.
    "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,SpareRendererForSitePerProcess",
]
# axe still runs every rule on every node, but details only the violations: passes and
# incomplete results keep one node each. Half the time of a full run on a long post.
AXE_OPTIONS = {"resultTypes": ["violations"]}
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


def require_browser() -> None:
    """Skip (or, under CI, fail) when Chromium or axe-core is missing."""
    require_file(Path(CHROMIUM), "apt-get install chromium chromium-driver")
    require_file(AXE, "npm ci")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@contextlib.contextmanager
def serve_folder(folder: Path):
    """Serve ``folder`` on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium():
    """A Playwright Browser on the system Chromium."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshot(page, name: str, full_page: bool = True) -> Path:
    path = ARTIFACTS / "screenshots" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page)
    return path


def axe_violations(page, *, exclude: list[str] | None = None) -> list[dict]:
    """Run axe-core in the page; returns violations as small dicts (id, help, nodes)."""
    page.add_script_tag(path=str(AXE))
    context = {"exclude": [[sel] for sel in exclude]} if exclude else None
    result = page.evaluate(
        "async ([ctx, options]) => await axe.run(ctx || document, options)", [context, AXE_OPTIONS]
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def describe(violations: list[dict]) -> str:
    return json.dumps(violations, indent=1)
