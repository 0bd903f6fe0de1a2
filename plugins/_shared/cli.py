"""What the invoke tasks do, kept out of tasks.py so each task stays one line."""

from __future__ import annotations

import datetime as dt
import errno
import functools
import http.server
import logging
import shutil
import socket
from pathlib import Path

import yaml
from invoke import Exit

from .buildinfo import read_build_info
from .contentcache import FOLDER
from .logs import use_console
from .pagecache import FOLDER as PAGES
from .sitebuild import BuildResult, build_site, load_settings
from .uptodate import FOLDER as UPTODATE

ROOT = Path(__file__).resolve().parents[2]
# What ``invoke clean`` removes under the cache folder; photo variants stay.
CACHES = (FOLDER, PAGES, UPTODATE)


def _init_logging(level: int = logging.WARNING) -> None:
    """Problems print as ``path:line: message``, one line each, terminal or not."""
    from pelican.log import init

    if not getattr(_init_logging, "done", False):
        init(level=level)
        use_console(level)
        _init_logging.done = True


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def _summary(result: BuildResult) -> str:
    if result.up_to_date:
        notes = [f"note: {note}" for note in result.notes]
        return "\n".join(
            [*notes, f"nothing changed since the last build: {result.output_path} is up to date"]
        )
    kept = f"; {result.output_path} kept from the last good build" if result.kept_previous else ""
    lines = [f"note: {note}" for note in result.notes]
    lines.append(
        f"{_count(len(result.errors), 'error')}, "
        f"{_count(len(result.warnings), 'warning')} "
        f"in {result.seconds:.1f} s -> {result.output_path}{kept}"
    )
    return "\n".join(lines)


def future_overrides(future: bool) -> dict:
    """``--future``: publish posts dated in the future now, not as drafts."""
    return {"WITH_FUTURE_DATES": True} if future else {}


def build(
    settings_file: str = "pelicanconf.py",
    *,
    strict: bool = False,
    overrides: dict | None = None,
    future: bool = False,
) -> BuildResult:
    """Build; with ``strict`` any warning or error ends the task non-zero (CI). Each
    problem was printed as it was found; the failure repeats them, one line each."""
    _init_logging()
    result = build_site(ROOT / settings_file, {**future_overrides(future), **(overrides or {})})
    print(_summary(result), flush=True)
    if result.errors or (strict and result.warnings):
        problems = result.errors + (result.warnings if strict else [])
        raise Exit("build failed:\n  " + "\n  ".join(problems), code=1)
    return result


def clean() -> None:
    """Remove the site, the converted posts and the page and up-to-date records (the
    next build does everything again); photo variants stay: they are keyed by each
    photo's bytes."""
    settings = load_settings(ROOT / "pelicanconf.py")
    cache = Path(settings.get("BUILDLOG_CACHE_PATH") or ROOT / ".buildlog-cache")
    for folder in (Path(settings["OUTPUT_PATH"]), *(cache / name for name in CACHES)):
        if folder.is_dir():
            shutil.rmtree(folder)
            print(f"removed {folder}")


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, with the site's own 404 page."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


def check_port(port: int, bind: str) -> None:
    """Exit with one line naming ``--port`` when ``port`` is taken (checked before a
    build, so nobody waits for a server that cannot start)."""
    with socket.socket(socket.AF_INET6 if ":" in bind else socket.AF_INET) as probe:
        try:
            probe.bind((bind, port))
        except OSError as error:
            raise _port_exit(port, bind, error) from None


def _port_exit(port: int, bind: str, error: OSError) -> Exit:
    if error.errno == errno.EADDRINUSE:
        why = f"port {port} is already in use (another `invoke serve` or `livereload`?)"
    elif error.errno == errno.EACCES:
        why = f"port {port} needs administrator rights"
    else:
        why = f"cannot listen on {bind}:{port}: {error.strerror or error}"
    return Exit(f"{why}: pick another with --port, e.g. --port {_free_port(bind, port)}", code=1)


def _free_port(bind: str, after: int) -> int:
    for candidate in range(max(after, 1024) + 1, max(after, 1024) + 50):
        with socket.socket(socket.AF_INET6 if ":" in bind else socket.AF_INET) as probe:
            try:
                probe.bind((bind, candidate))
                return candidate
            except OSError:
                continue
    return 8080


def serve(*, port: int = 8000, bind: str = "127.0.0.1") -> None:
    output = Path(load_settings(ROOT / "pelicanconf.py")["OUTPUT_PATH"])
    handler = functools.partial(_SiteHandler, directory=str(output))
    try:
        server = http.server.ThreadingHTTPServer((bind, port), handler)
    except OSError as error:
        raise _port_exit(port, bind, error) from None
    with server:
        print(
            f"Serving {output} at http://{'localhost' if bind == '127.0.0.1' else bind}:{port}/ "
            "(Ctrl-C to stop)"
        )
        info = read_build_info(output)
        if info is not None and info.is_production:
            print(
                f"note: this is a production build: its links lead to {info.siteurl}/; "
                "run `invoke build` to look at it here"
            )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("stopped")


def rebuild_quietly(
    settings_file: str = "pelicanconf.py", *, future: bool = False, overrides: dict | None = None
) -> BuildResult | None:
    """One rebuild for livereload: problems are printed, never raised, so the
    server keeps running and the next save can fix them."""
    try:
        result = build_site(ROOT / settings_file, {**future_overrides(future), **(overrides or {})})
    except Exception as error:  # settings file broken mid-edit
        print(f"rebuild failed: {type(error).__name__}: {error}")
        return None
    print(_summary(result), flush=True)
    return result


def livereload(
    *,
    port: int = 8000,
    bind: str = "127.0.0.1",
    future: bool = False,
    overrides: dict | None = None,
) -> None:
    """Build, then serve and rebuild after every save (``live.py``)."""
    from .live import serve_live
    from .quickpage import QuickPages

    _init_logging()
    check_port(port, bind)
    # Browsers reload before the search index is redone (live.py runs it after).
    live = {**(overrides or {}), "SEARCH_AFTER_BUILD": True}
    quick = QuickPages()

    def rebuild() -> BuildResult | None:
        with quick.during() as usable:  # the next save's page may start from this build
            result = rebuild_quietly(future=future, overrides=live)
            usable(result is not None and result.ok)
        return result

    for task in getattr(rebuild(), "after_build", ()):
        task()
    settings = load_settings(ROOT / "pelicanconf.py", overrides)
    watched = [
        settings["PATH"],
        settings["THEME"],
        str(ROOT / "plugins"),
        str(ROOT / "pelicanconf.py"),
    ]
    try:
        serve_live(
            rebuild,
            watched,
            root=settings["OUTPUT_PATH"],
            port=port,
            bind=bind,
            quick=quick.show,
            theme_dir=settings["THEME_STATIC_DIR"],
        )
    except OSError as error:  # taken between the check and now
        raise _port_exit(port, bind, error) from None


def new_post(
    title: str,
    *,
    categories: str = "",
    build: str = "",
    slug: str = "",
    today: dt.date | None = None,
    content: Path | None = None,
    builds: Path | None = None,
) -> Path:
    """Write a new post with front matter; refuse to overwrite an existing file."""
    title = title.strip()
    if not title:
        raise Exit('new-post needs a title, e.g. invoke new-post "Fitting the GPU"', code=2)
    slug = make_slug(slug or title)
    if not slug.strip("_"):
        raise Exit(
            f"the title {title!r} has no letters or digits to make the post's URL from: "
            "add some, or give one with --slug, e.g. --slug first-post",
            code=2,
        )
    if build:
        _known_build(build, builds or ROOT / "content" / "builds")
    day = today or dt.date.today()
    folder = content or ROOT / "content" / "posts"
    path = folder / f"{day.isoformat()}-{slug}.md"
    if path.exists():
        raise Exit(f"{path} already exists; pick another title or edit that file", code=1)
    front = {
        "title": title,
        "description": "",
        "toc": True,
        "layout": "post",
        "categories": [c.strip() for c in categories.split(",") if c.strip()],
    }
    if build:
        front["build"] = build
    text = "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n\n"
    text += "Write the first paragraph here.\n\n## First section\n"
    folder.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": never clobber a post
        handle.write(text)
    print(f"created {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return path


def make_slug(text: str) -> str:
    """The URL slug Pelican would make: lower case words joined by ``-``."""
    from pelican.utils import slugify

    return slugify(
        text,
        regex_subs=[(r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")],
    ).strip("-")


def _known_build(name: str, builds: Path) -> None:
    if (builds / f"{name}.yaml").is_file():
        return
    known = sorted(p.stem for p in builds.glob("*.yaml")) if builds.is_dir() else []
    shown = builds.relative_to(ROOT) if builds.is_relative_to(ROOT) else builds
    raise Exit(
        f"unknown build {name!r} (builds: {', '.join(known) or 'none yet'}): write "
        f"{shown}/{name}.yaml first (invoke parts-import can), or leave out --build",
        code=2,
    )
