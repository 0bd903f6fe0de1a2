"""``invoke livereload`` with a real browser: every save reaches the page, quick saves
are never dropped, and the last one wins (plugins/_shared/live.py); a body edit's page
goes out before the whole rebuild (plugins/_shared/quickpage.py)."""

from __future__ import annotations

import os
import subprocess
import time

from playwright.sync_api import Error as PlaywrightError
from test_tasks import INVOKE, _free_port, _get, _wait_for, kit  # noqa: F401 (kit: fixture)

POST = "content/posts/2020-01-01-hello.md"


def _save(root, words: str) -> None:
    (root / POST).write_text(f"---\ntitle: Hello\ndescription: d\n---\n\n{words}\n")


def _shows(page, words: str, seconds: float = 30.0) -> bool:
    """Whether the browser shows ``words`` before the deadline (the page reloads under
    us, so each look may meet a page half-way through loading)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if words in page.inner_text("body", timeout=1000):
                return True
        except PlaywrightError:
            pass
        page.wait_for_timeout(25)
    return False


def _search_finds(browser, base: str, word: str) -> bool:
    """Pagefind, as the search box runs it, in a fresh page (it keeps its index)."""
    page = browser.new_page()
    try:
        page.goto(base)
        found = page.evaluate(
            "async (w) => (await (await import('/pagefind/pagefind.js')).search(w)).results.length",
            word,
        )
        return found > 0
    except PlaywrightError:
        return False
    finally:
        page.close()


def test_every_save_reloads_the_browser_and_the_last_quick_save_wins(kit, browser):  # noqa: F811
    port = _free_port()
    server = subprocess.Popen(
        INVOKE + ["livereload", "--port", str(port)],
        cwd=kit,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "COLUMNS": "250"},
    )
    url = f"http://127.0.0.1:{port}/2020/01/hello/"
    page = browser.new_page()
    try:
        assert _wait_for(lambda: "Hello" in _get(url), 90), "livereload never served the post"
        page.goto(url)
        # One after another, each as soon as the last one shows: python-livereload's
        # 3 s throttle dropped the second of these.
        for n in range(1, 5):
            _save(kit, f"Save number {n} here.")
            assert _shows(page, f"Save number {n} here."), f"save {n} never reached the browser"
        # A burst: the page ends on the last one, in the browser and over HTTP.
        for n in range(5, 10):
            _save(kit, f"Quick save {n} here.")
        assert _shows(page, "Quick save 9 here."), "the last quick save never reached the browser"
        assert "Quick save 9 here." in _get(url)
        # The search index is redone after the reload, not left behind.
        _save(kit, "A quokka appears.")
        assert _shows(page, "A quokka appears.")
        assert _wait_for(lambda: _search_finds(browser, url, "quokka"), 60), "search never found it"
    finally:
        page.close()
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "Ignore:" not in output
    assert "Traceback" not in output, output
    # The saved page went out before each whole rebuild (plugins/_shared/quickpage.py).
    assert output.count("2020/01/hello/ written in") >= 4, output
