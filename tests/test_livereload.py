"""``invoke livereload`` with a real browser: every save reaches the page, quick saves
are never dropped, and the last one wins (plugins/_shared/live.py); a body edit's page
goes out before the whole rebuild (plugins/_shared/quickpage.py)."""

from __future__ import annotations

import asyncio
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


async def _connect(port: int, page_url: str, cookie: str | None = None):
    """A /livereload socket that introduced itself as livereload.js does (hello, then
    info with the page's URL)."""
    import json

    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    headers = {"Cookie": f"buildlog_reload={cookie}"} if cookie is not None else {}
    socket = await websocket_connect(
        HTTPRequest(f"ws://127.0.0.1:{port}/livereload", headers=headers)
    )
    protocol = "http://livereload.com/protocols/official-7"
    socket.write_message(json.dumps({"command": "hello", "protocols": [protocol]}))
    await socket.read_message()  # the server's hello
    socket.write_message(json.dumps({"command": "info", "plugins": {}, "url": page_url}))
    return socket


async def _reloads(socket, seconds: float) -> int:
    """How many reloads the server sends ``socket`` within ``seconds``."""
    import asyncio
    import json

    count, deadline = 0, asyncio.get_running_loop().time() + seconds
    while (left := deadline - asyncio.get_running_loop().time()) > 0:
        try:
            message = await asyncio.wait_for(socket.read_message(), left)
        except TimeoutError:
            break
        if message is None:
            break
        count += json.loads(message)["command"] == "reload"
    return count


def _in_thread(coroutine):
    """Run ``coroutine`` in a thread of its own (Playwright runs a loop in this one)."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def _reloads_on_connect(port: int, page_url: str, cookie: str, seconds: float) -> bool:
    """Connect as a browser showing ``page_url`` with ``cookie``: whether the server
    says "reload" within ``seconds``."""

    async def talk() -> bool:
        socket = await _connect(port, page_url, cookie)
        try:
            return await _reloads(socket, seconds) > 0
        finally:
            socket.close()

    return _in_thread(talk())


def test_a_save_reloads_the_browsers_whose_page_it_changed_even_late(kit):  # noqa: F811
    """A body edit of one post leaves the About page as it was: a browser there keeps
    its place (and its scroll); a stylesheet edit reloads every page. python-livereload
    tells only the browsers connected at that moment: one still loading a page (after
    the last reload) is reloaded when it connects, if what it missed changed its page."""
    (kit / "content/pages/about.md").write_text("---\ntitle: About\n---\n\nA closet lab.\n")
    port = _free_port()
    server = _livereload(kit, port, subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    url, feed = base + "/2020/01/hello/", kit / "output/feeds/all.atom.xml"
    try:
        assert _wait_for(lambda: "A closet lab" in _get(base + "/about/"), 90), "no About page"

        async def watch(change) -> tuple[int, int]:
            post = await _connect(port, url)
            about = await _connect(port, base + "/about/")
            try:
                await asyncio.get_running_loop().run_in_executor(None, change)
                return await _reloads(post, 3), await _reloads(about, 0.5)
            finally:
                post.close()
                about.close()

        def edit_body() -> None:
            _save(kit, "Only the post changed.")
            assert _wait_for(lambda: "Only the post changed." in feed.read_text(), 60)

        post, about = _in_thread(watch(edit_body))
        assert post >= 1, "the edited post's browser never reloaded"
        assert about == 0, "a browser on a page the save left alone reloaded"

        def edit_stylesheet() -> None:
            sheet = kit / "theme/static/css/parts.css"
            sheet.write_text(sheet.read_text() + "\n/* edited */\n")
            published = kit / "output/theme/css/parts.css"
            assert _wait_for(lambda: "/* edited */" in published.read_text(), 60)

        post, about = _in_thread(watch(edit_stylesheet))
        assert post >= 1 and about >= 1, "a stylesheet edit left a page unreloaded"

        # Browsers away while a save went out, connecting after it with the old number.
        before = _reload_cookie(url)
        _save(kit, "Saved while the browser was away.")
        assert _wait_for(lambda: "Saved while the browser was away." in feed.read_text(), 60)
        assert _wait_for(lambda: _reload_cookie(url) != before, 30)
        assert _reloads_on_connect(port, url, before, 10), "a browser with an old page stayed"
        current = _reload_cookie(url)
        assert not _reloads_on_connect(port, url, current, 1), "a current page reloaded"
        about_url = base + "/about/"
        assert not _reloads_on_connect(port, about_url, before, 1), "an unchanged page reloaded"
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_a_long_session_keeps_a_bounded_reload_history(tmp_path):
    """Each reload's changed files are kept for browsers that connect late; a session
    of many saves keeps the last ``KEPT_RELOADS``, and a browser older than those is
    reloaded to be sure."""
    from plugins._shared.live import KEPT_RELOADS, Reloads

    page = tmp_path / "post" / "index.html"
    page.parent.mkdir()
    page.write_text("<p>post</p>")
    reloads = Reloads(str(tmp_path))
    reloads.socket = type("NoBrowsers", (), {"waiters": set()})  # nobody connected yet
    for _ in range(KEPT_RELOADS + 5):
        reloads.send("*", frozenset({str(tmp_path / "other" / "index.html")}))
    assert len(reloads.changes) == KEPT_RELOADS
    assert not reloads.missed(str(reloads.sent - KEPT_RELOADS), str(page))  # none was its page
    assert reloads.missed("0", str(page))  # older than the history kept
    reloads.send("*", frozenset({str(page)}))
    assert reloads.missed(str(reloads.sent - 1), str(page))
    assert not reloads.missed(str(reloads.sent), str(page))
