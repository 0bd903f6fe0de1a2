"""``invoke livereload``: rebuild on every save and reload every browser; the last
save always wins.

python-livereload serves the site and injects its script; three of its habits are
replaced. It polls for changes every 800 ms: here ``watchfiles`` (inotify) hears a
save at once. It reloads browsers at most once per 3 s and drops saves inside that
window ("Ignore: x.md"): here every build that follows a save reloads them. And it
tells only the browsers connected at that moment: a browser still loading the page
from the last reload missed the next one; here it is reloaded when it connects
(``Reloads``).

Builds run one at a time in a thread of their own while the server goes on serving
the last good site. When a save changed one post's body and nothing else, its page is
written and browsers reload before the whole rebuild (``quickpage.py``), and again
after it. Browsers reload as soon as the pages are written; the search index
(Pagefind, the slowest step of a small rebuild) is brought up to date after. Saves
made during a build are collected by watchfiles meanwhile and start the next build as
soon as this one ends, so the page shown is always built from the newest text.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import watchfiles

logger = logging.getLogger(__name__)

STEP_MS = 20  # quiet time that ends a burst of events (an editor's temp + rename)
DEBOUNCE_MS = 200  # the longest a burst is gathered before building


class SaveWatcher:
    """The watcher interface python-livereload's server calls (``watch``, ``start``,
    ``examine``), driven by watchfiles instead of polling."""

    def __init__(
        self,
        rebuild: Callable[[], object],
        notify: Callable[[str], None],
        quick: Callable[[list[str]], str | None] | None = None,
    ):
        self.rebuild, self.notify, self.quick = rebuild, notify, quick
        self._tasks: dict[str, object] = {}  # read by the server: "anything watched?"
        self._changes: list = []  # the server queues a start-up reload here
        self.filepath: str | None = None
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None

    def watch(self, path, func=None, delay=None, ignore=None) -> None:
        self._tasks[str(path)] = func

    def examine(self):
        return None, None  # never polled: ``start`` returns True

    def start(self, callback) -> bool:
        """Begin watching in a thread; True tells the server not to poll."""
        self.thread = threading.Thread(target=self.run, name="buildlog-watch", daemon=True)
        self.thread.start()
        return True

    def run(self) -> None:
        paths = [p for p in self._tasks if Path(p).exists()]
        for changes in watchfiles.watch(
            *paths, stop_event=self.stop, step=STEP_MS, debounce=DEBOUNCE_MS, raise_interrupt=False
        ):
            self.build_after(changed_paths(changes))

    def build_after(self, changed: list[str]) -> None:
        if not changed:
            return
        self.filepath = changed[-1]
        logger.info("rebuilding after a change to %s", ", ".join(changed))
        if self.quick is not None:  # the saved page first (quickpage.py)
            started = time.perf_counter()
            if (url := self.quick(changed)) is not None:
                self.notify(self.filepath)
                print(f"{url} written in {time.perf_counter() - started:.2f} s", flush=True)
        result = None
        try:
            result = self.rebuild()
        finally:  # even a failed build reloads: the page shows the last good site
            self.notify(self.filepath if len(changed) == 1 else "*")
        for task in getattr(result, "after_build", ()):  # the search index, after reload
            task()


def changed_paths(changes: Iterable[tuple]) -> list[str]:
    """The files a batch of watchfiles events touched, each once, sorted."""
    return sorted({str(path) for _, path in changes})


def serve_live(
    rebuild: Callable[[], object],
    watched: list[str],
    *,
    root: str,
    port: int,
    bind: str,
    quick: Callable[[list[str]], str | None] | None = None,
) -> None:
    """Serve ``root`` at ``bind:port`` and rebuild (then reload) after each save
    under ``watched``; ``quick`` may write the saved page before the rebuild.
    Returns when the server is stopped (Ctrl-C)."""
    import livereload.server
    from livereload import Server
    from tornado.ioloop import IOLoop

    loop = IOLoop.current()
    reloads = Reloads()

    def notify(path: str) -> None:  # from the build thread: hand it to the server's loop
        loop.add_callback(reloads.send, path)

    watcher = SaveWatcher(rebuild, notify, quick)
    server = Server(watcher=watcher)
    server.SFH = reloads.page_handler(server.SFH)
    for path in watched:
        server.watch(path)
    # livereload prints through a handler of its own: passing the same records on
    # to Pelican's handler on the root logger printed every line twice.
    for name in ("livereload", "tornado"):
        logging.getLogger(name).propagate = False
    # The /livereload socket's handler is named in livereload.server, not passed in.
    library_handler = livereload.server.LiveReloadHandler
    livereload.server.LiveReloadHandler = reloads.socket_handler(library_handler)
    try:
        server.serve(root=root, port=port, host=bind, open_url_delay=None)
    finally:
        livereload.server.LiveReloadHandler = library_handler
        watcher.stop.set()


class Reloads:
    """Reloads no browser misses. python-livereload sends a reload to the browsers
    connected at that moment; a browser still loading the page (from the last reload)
    is not connected yet, misses it, and shows an old page until the next save. So
    every reload is numbered, each page served carries the number in a cookie, and a
    browser that connects with an older number than the last sent is reloaded then."""

    COOKIE = "buildlog_reload"

    def __init__(self) -> None:
        self.sent = 0
        self.socket: type | None = None  # the /livereload handler (``socket_handler``)

    def send(self, path: str) -> None:
        """On the server's loop: reload every browser connected."""
        self.sent += 1
        self.socket.reload_waiters(path)

    def page_handler(self, base: type) -> type:
        reloads = self

        class PageHandler(base):
            def set_extra_headers(self, path):
                super().set_extra_headers(path)
                if path.endswith((".html", "/")) or not os.path.splitext(path)[1]:
                    self.set_cookie(reloads.COOKIE, str(reloads.sent), path="/")

        return PageHandler

    def socket_handler(self, base: type) -> type:
        reloads = self

        class SocketHandler(base):
            def on_message(self, message):
                super().on_message(message)
                if json.loads(message).get("command") != "info" or self not in base.waiters:
                    return
                seen = self.get_cookie(reloads.COOKIE)
                if seen is not None and seen != str(reloads.sent):
                    logger.info("reloading a browser that missed a reload")
                    self.send_message(
                        {"command": "reload", "path": "*", "liveCSS": True, "liveImg": True}
                    )

        self.socket = SocketHandler
        return SocketHandler
