"""``invoke livereload``: rebuild on every save and reload the browsers whose page it
changed; the last save always wins.

python-livereload serves the site and injects its script; four of its habits are
replaced. It polls for changes every 800 ms: here ``watchfiles`` (inotify) hears a
save at once. It reloads browsers at most once per 3 s and drops saves inside that
window ("Ignore: x.md"): here every build that follows a save reaches the browsers. It
reloads every browser: here only those whose page the build changed. And it tells only
the browsers connected at that moment: a browser still loading the page from the last
reload missed the next one; here it is reloaded when it connects (``Reloads``).

Builds run one at a time in a thread of their own while the server goes on serving
the last good site. When a save changed one post's body and nothing else, its page is
written and the browsers showing it reload before the whole rebuild (``quickpage.py``).
A browser reloads only when the build changed what it shows: its page's own file, or
any stylesheet, script, image or font (a file the build made, removed, or changed in
size or mtime; the theme's files by their bytes); a browser on a page the save left
alone keeps its place. Browsers reload as soon as the pages are written; the search
index (Pagefind, the slowest step of a small rebuild) is brought up to date after.
Saves made during a build are collected by watchfiles meanwhile and start the next
build as soon as this one ends, so the page shown is always built from the newest text.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
import urllib.parse
from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path

import watchfiles

logger = logging.getLogger(__name__)

STEP_MS = 20  # quiet time that ends a burst of events (an editor's temp + rename)
DEBOUNCE_MS = 200  # the longest a burst is gathered before building
# What a page shows besides its own HTML: a change to any of these reloads every page.
PAGE_ASSETS = (".css", ".js", ".mjs", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")
PAGE_ASSETS += (".svg", ".ico", ".woff", ".woff2", ".ttf")
KEPT_RELOADS = 50  # a browser that missed more reloads than this is reloaded anyway


class SaveWatcher:
    """The watcher interface python-livereload's server calls (``watch``, ``start``,
    ``examine``), driven by watchfiles instead of polling."""

    def __init__(
        self,
        rebuild: Callable[[], object],
        notify: Callable[[str, frozenset[str] | None], None],
        quick: Callable[[list[str]], str | None] | None = None,
        output: str | None = None,
        theme_dir: str | None = None,
    ):
        """``notify(path, changed)`` reloads the browsers whose page ``changed`` (the
        output files written; None: any) touches; ``output`` is the served folder,
        ``theme_dir`` the theme's folder in it."""
        self.rebuild, self.notify, self.quick = rebuild, notify, quick
        self.output, self.theme_dir = output, theme_dir
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
                page = page_file(self.output, url) if self.output else None
                self.notify(self.filepath, frozenset({page}) if page else None)
                print(f"{url} written in {time.perf_counter() - started:.2f} s", flush=True)
        before = files_in(self.output, self.theme_dir) if self.output else None
        result = None
        try:
            result = self.rebuild()
        finally:  # even a failed build tells the browsers whose page it changed
            written = None
            if before is not None:
                after = files_in(self.output, self.theme_dir)
                written = frozenset(
                    path
                    for path in before.keys() | after.keys()
                    if before.get(path) != after.get(path)
                )
            self.notify(self.filepath if len(changed) == 1 else "*", written)
        for task in getattr(result, "after_build", ()):  # the search index, after reload
            task()


def page_file(root: str, url: str) -> str:
    """The file under ``root`` that serves ``url`` (a whole URL or a path):
    ``/2020/01/hello/`` is ``2020/01/hello/index.html``."""
    rel = urllib.parse.urlsplit(url).path.lstrip("/")
    if not rel or rel.endswith("/"):
        rel += "index.html"
    elif not os.path.splitext(rel)[1]:
        rel += "/index.html"
    return os.path.normpath(os.path.join(root, rel))


def files_in(root: str, copied: str | None = None) -> dict[str, tuple[int, object]]:
    """Every file under ``root`` with its size and mtime: a page the writer found
    unchanged keeps both. Files under ``copied`` (the theme's folder in the output)
    come with a digest of their bytes instead: Pelican copies the theme's files again
    on every build, each with a new mtime."""
    found, folders = {}, [root]
    copied = os.path.normpath(os.path.join(root, copied)) + os.sep if copied else None
    while folders:
        try:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
                        continue
                    path, status = os.path.normpath(entry.path), entry.stat(follow_symlinks=False)
                    if copied and path.startswith(copied):
                        with open(path, "rb") as handle:
                            found[path] = (
                                status.st_size,
                                hashlib.file_digest(handle, "sha256").digest(),
                            )
                    else:
                        found[path] = (status.st_size, status.st_mtime_ns)
        except OSError:  # removed while we looked: the next build sees it
            continue
    return found


def shows_change(changed: frozenset[str] | None, page: str | None) -> bool:
    """Whether a browser showing ``page`` (its file; None: not known yet) must reload
    after a build that wrote ``changed`` (None: anything)."""
    if changed is None or page is None or page in changed or not os.path.isfile(page):
        return True
    return any(path.endswith(PAGE_ASSETS) for path in changed)


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
    theme_dir: str | None = None,
) -> None:
    """Serve ``root`` at ``bind:port`` and rebuild (then reload) after each save
    under ``watched``; ``quick`` may write the saved page before the rebuild;
    ``theme_dir``: the theme's folder under ``root``. Returns when the server is
    stopped (Ctrl-C)."""
    import livereload.server
    from livereload import Server
    from tornado.ioloop import IOLoop

    loop = IOLoop.current()
    reloads = Reloads(root)

    def notify(path: str, changed: frozenset[str] | None) -> None:  # from the build thread
        loop.add_callback(reloads.send, path, changed)

    watcher = SaveWatcher(rebuild, notify, quick, root, theme_dir)
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
    """Reloads no browser misses, and only the browsers whose page changed.
    python-livereload sends a reload to every browser connected at that moment. Here
    each browser's page is known from livereload.js's ``info`` message, and a reload
    goes to the browsers whose page the build changed (``shows_change``). A browser
    still loading a page (from the last reload) is not connected yet and would miss a
    reload: every reload is numbered, each page served carries the number in a cookie,
    and a browser that connects with an older number is reloaded then if a reload it
    missed concerned its page."""

    COOKIE = "buildlog_reload"

    def __init__(self, root: str = "") -> None:
        self.root = root
        self.sent = 0
        # What the last reloads were for: a session of many saves keeps only these.
        self.changes: deque[frozenset[str] | None] = deque(maxlen=KEPT_RELOADS)
        self.socket: type | None = None  # the /livereload handler (``socket_handler``)

    def send(self, path: str, changed: frozenset[str] | None = None) -> None:
        """On the server's loop: reload the browsers connected whose page ``changed``
        (the files the build wrote; None: every browser) touches."""
        self.sent += 1
        self.changes.append(changed)
        for waiter in list(self.socket.waiters):
            if shows_change(changed, getattr(waiter, "page", None)):
                waiter.send_message(_reload_message(path))

    def missed(self, seen: str | None, page: str | None) -> bool:
        """Whether a reload sent after the one numbered ``seen`` concerned ``page``."""
        if seen is None or not seen.isdigit() or int(seen) >= self.sent:
            return False
        missed = self.sent - int(seen)
        if missed > len(self.changes):  # older than what is kept: reload to be sure
            return True
        return any(shows_change(changed, page) for changed in list(self.changes)[-missed:])

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
            page: str | None = None

            def on_message(self, message):
                data = json.loads(message)
                if data.get("command") == "info" and isinstance(data.get("url"), str):
                    self.page = page_file(reloads.root, data["url"])
                super().on_message(message)
                if data.get("command") != "info" or self not in base.waiters:
                    return
                if reloads.missed(self.get_cookie(reloads.COOKIE), self.page):
                    logger.info("reloading a browser that missed a reload")
                    self.send_message(_reload_message("*"))

        self.socket = SocketHandler
        return SocketHandler


def _reload_message(path: str) -> dict:
    return {"command": "reload", "path": path, "liveCSS": True, "liveImg": True}
