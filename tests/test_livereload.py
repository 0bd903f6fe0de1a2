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


def _livereload(root, port: int, stdout) -> subprocess.Popen:
    """``invoke livereload`` in ``root``, its output (both streams) to ``stdout``."""
    return subprocess.Popen(
        INVOKE + ["livereload", "--port", str(port)],
        cwd=root,
        stdout=stdout,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "COLUMNS": "250"},
    )


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
    server = _livereload(kit, port, subprocess.PIPE)
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


def _reload_cookie(url: str) -> str:
    """The reload number the server gave the page it served."""
    import urllib.request
    from http.cookies import SimpleCookie

    with urllib.request.urlopen(url, timeout=5) as response:
        cookie = SimpleCookie(response.headers.get("Set-Cookie", ""))
    return cookie["buildlog_reload"].value


def _reloads_on_connect(port: int, cookie: str, seconds: float) -> bool:
    """Connect to /livereload as livereload.js does (hello, then info) with ``cookie``;
    whether the server says "reload" within ``seconds``."""
    import asyncio
    import json
    from concurrent.futures import ThreadPoolExecutor

    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    async def talk() -> bool:
        request = HTTPRequest(
            f"ws://127.0.0.1:{port}/livereload", headers={"Cookie": f"buildlog_reload={cookie}"}
        )
        socket = await websocket_connect(request)
        try:
            protocol = "http://livereload.com/protocols/official-7"
            socket.write_message(json.dumps({"command": "hello", "protocols": [protocol]}))
            await socket.read_message()  # the server's hello
            info = {"command": "info", "plugins": {}, "url": f"http://127.0.0.1:{port}/"}
            socket.write_message(json.dumps(info))
            try:
                message = await asyncio.wait_for(socket.read_message(), seconds)
            except TimeoutError:
                return False
            return message is not None and json.loads(message)["command"] == "reload"
        finally:
            socket.close()

    with ThreadPoolExecutor(1) as thread:  # Playwright runs a loop in this one
        return thread.submit(asyncio.run, talk()).result()


def test_a_browser_that_missed_a_reload_is_reloaded_when_it_connects(kit):  # noqa: F811
    """python-livereload tells only the browsers connected at that moment; one still
    loading a page (after the last reload) missed it and kept showing an old page."""
    port = _free_port()
    server = _livereload(kit, port, subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/2020/01/hello/"
    try:
        assert _wait_for(lambda: "Hello" in _get(url), 90), "livereload never served the post"
        before = _reload_cookie(url)
        _save(kit, "Saved while the browser was away.")
        assert _wait_for(lambda: "Saved while the browser was away." in _get(url), 30)
        assert _wait_for(lambda: _reload_cookie(url) != before, 30)
        assert _reloads_on_connect(port, before, 10), "a browser with an old page stayed"
        assert not _reloads_on_connect(port, _reload_cookie(url), 1), "a current page reloaded"
    finally:
        server.terminate()
        server.wait(timeout=20)
