"""The speed budgets, measured (``invoke perf [--quick]``): not a test, CI never runs it.

Builds synthetic sites (benchmarks/sites.py) in a temporary folder, each build in a
fresh process, buildlog and plain Pelican interleaved so both meet the same machine
load, and prints one line per budget::

    budget full-build-100: PASS measured=0.82x limit=1.00x

Times are CPU seconds (user + system) of the build process, medians of the runs
(save-to-page: wall seconds from a save under livereload to the new page being served,
``livesave.py``); a full build is a clean output folder with no converted post and no
search index, so every page is converted, rendered, written and indexed again. What is
kept is image work and compiled templates, as on every build after a site's first: the
photo and social-card caches (a photo or card is encoded once in its life; photos are
measured against vipsthumbnail by bench_photos.py) and Jinja's compiled templates.
The results are also written as a buildlog benchmarks file, so a post can chart them
with ``{% benchmarks perf %}``.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.livesave import save_to_page
from benchmarks.sites import make_site

REPO = Path(__file__).resolve().parent.parent
PLAIN_SETTINGS = """
PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
FILENAME_METADATA = r"(?P<date>\\d{4}-\\d{2}-\\d{2})-(?P<slug>.*)"
TIMEZONE = "UTC"
SITENAME = "plain"
SITEURL = ""
PLUGINS = []
"""
OURS = """
import sys
from plugins._shared.sitebuild import build_site
result = build_site({settings!r}, {overrides!r})
sys.exit(1 if result.errors else 0)
"""
# The floor (README, Speed): Python-Markdown set up as plain Pelican sets it up, one
# instance reset between posts (cheaper than Pelican's new instance a post). Setting it
# up is measured apart and taken off, so what is left is the conversions alone.
MARKDOWN_SETUP = """
import glob, sys, markdown
from pelican.settings import DEFAULT_CONFIG
config = dict(DEFAULT_CONFIG["MARKDOWN"])
md = markdown.Markdown(extensions=list(config["extension_configs"]), **config)
posts = sorted(glob.glob(glob.escape(sys.argv[1]) + "/posts/*.md"))
"""
MARKDOWN_CONVERT = (
    MARKDOWN_SETUP
    + """
for path in posts:
    md.reset()
    md.convert(open(path, encoding="utf-8").read())
"""
)


@dataclass(frozen=True)
class Run:
    cpu: float  # user + system seconds of the build process
    wall: float
    rss_mib: float  # peak resident memory


@dataclass
class Budget:
    name: str
    measured: float
    limit: float
    unit: str = "x"

    @property
    def ok(self) -> bool:
        return self.measured <= self.limit

    def line(self) -> str:
        return (
            f"budget {self.name}: {'PASS' if self.ok else 'FAIL'} "
            f"measured={self.measured:.2f}{self.unit} limit={self.limit:.2f}{self.unit}"
        )


@dataclass
class Site:
    """One synthetic site and how to build it both ways."""

    root: Path
    runs: dict[str, list[Run]] = field(default_factory=dict)

    def overrides(self, output: str = "out-ours") -> dict:
        return {
            "PATH": str(self.root / "content"),
            "OUTPUT_PATH": str(self.root / output),
            "CACHE_PATH": str(self.root / "cache"),
            "BUILDLOG_CACHE_PATH": str(self.root / "cache"),
        }

    def ours(self, output: str = "out-ours") -> Run:
        code = OURS.format(settings=str(REPO / "pelicanconf.py"), overrides=self.overrides(output))
        return measure([sys.executable, "-c", code], self.root)

    def plain(self) -> Run:
        settings = self.root / "plain.py"
        if not settings.exists():
            settings.write_text(PLAIN_SETTINGS, encoding="utf-8")
        return measure(
            [sys.executable, "-m", "pelican", "content", "-s", "plain.py", "-o", "out-plain", "-q"],
            self.root,
        )

    def clean(self, *names: str) -> None:
        for name in names:
            shutil.rmtree(self.root / name, ignore_errors=True)


def measure(command: list[str], cwd: Path) -> Run:
    """Run ``command``; its CPU time and peak memory from the kernel (wait4)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    proc = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed in {cwd}: {stderr.decode(errors='replace')[-2000:]}")
    return Run(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


@dataclass(frozen=True)
class Floor:
    """CPU seconds of the work any build that keeps Python-Markdown and Pagefind does,
    whatever else it leaves out: the floor under a full build."""

    start: float  # Python started and Pelican imported
    markdown: float  # every post converted, as plain Pelican configures Python-Markdown
    search: float  # Pagefind indexing the pages our build gives it
    posts: int
    pages: int

    @property
    def cpu(self) -> float:
        return self.start + self.markdown + self.search


def measure_floor(content: Path, output: Path) -> Floor:
    """The floor for the posts in ``content`` and the pages our build wrote to ``output``."""
    posts = len(list(content.glob("posts/*.md")))
    start = measure([sys.executable, "-c", "import pelican.__main__"], content).cpu
    setup = measure([sys.executable, "-c", MARKDOWN_SETUP, str(content)], content).cpu
    converted = measure([sys.executable, "-c", MARKDOWN_CONVERT, str(content)], content).cpu
    search, pages = pagefind_cpu(output)
    return Floor(start, max(0.0, converted - setup), search, posts, pages)


def pagefind_cpu(output: Path) -> tuple[float, int]:
    """CPU seconds of one Pagefind over the pages our search plugin indexes in
    ``output`` (one part: no part's start-up counted twice), and how many pages."""
    from plugins.search.index import find_pagefind, indexed_pages, run_pagefind
    from plugins.search.settings import SearchSettings

    with tempfile.TemporaryDirectory(prefix="buildlog-floor-") as scratch:
        settings = SearchSettings(output=output.resolve(), cache=Path(scratch))
        pages = indexed_pages(settings)
        before = os.times()
        run_pagefind(settings, find_pagefind(), Path(scratch) / "bundle", pages)
        after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return cpu, len(pages)


def floor_line(name: str, floors: list[Floor], plain: list[Run]) -> str:
    part = {
        k: statistics.median(getattr(f, k) for f in floors) for k in ("start", "markdown", "search")
    }
    total = statistics.median(f.cpu for f in floors)
    return (
        f"floor {name}: {total / median(plain):.2f}x plain Pelican's build (not a budget: "
        f"starting Python and importing Pelican {part['start']:.2f} s + Python-Markdown "
        f"converting the posts {part['markdown']:.2f} s + Pagefind indexing the pages "
        f"{part['search']:.2f} s; no build that keeps both goes under it)"
    )


def median(runs: list[Run], attr: str = "cpu") -> float:
    return statistics.median(getattr(r, attr) for r in runs)


def full_builds(site: Site, repeats: int) -> tuple[list[Run], list[Run], list[Floor]]:
    """Clean builds, interleaved (the order alternates so neither side always goes
    first); the photo and card caches are warmed by one build beforehand, the
    content cache and the search index are removed before each build. Each round
    ends with the floor, measured on the pages that round's build wrote."""
    site.ours()
    ours, plain, floors = [], [], []
    for i in range(repeats):
        pair = [("ours", site.ours), ("plain", site.plain)]
        for name, build in pair if i % 2 == 0 else pair[::-1]:
            if name == "ours":
                site.clean("out-ours", "cache/content", "cache/search", "cache/pages")
                ours.append(build())
            else:
                site.clean("out-plain")
                plain.append(build())
        floors.append(measure_floor(site.root / "content", site.root / "out-ours"))
    return ours, plain, floors


def rebuilds(site: Site, repeats: int) -> tuple[list[Run], list[Run]]:
    """Unchanged rebuilds, and rebuilds after editing one post."""
    site.clean("out-ours")
    site.ours()
    unchanged = [site.ours() for _ in range(repeats)]
    posts = sorted((site.root / "content" / "posts").glob("*.md"))
    edited = []
    for i in range(repeats):
        post = posts[i * 7 % len(posts)]
        post.write_text(post.read_text(encoding="utf-8") + f"\nEdited {i}.\n", encoding="utf-8")
        edited.append(site.ours())
    return unchanged, edited


def compile_kit() -> None:
    """Byte-code for our Python first, as pip left it for Pelican's: with
    PYTHONDONTWRITEBYTECODE set (this project's machines set it) each build process
    would compile the plugins again, half a second that no user's build pays twice."""
    import compileall

    for folder in ("plugins", "benchmarks"):
        compileall.compile_dir(REPO / folder, quiet=1)


def run(quick: bool = False, into: Path | None = None) -> list[Budget]:
    compile_kit()
    sizes = (100,) if quick else (100, 1000)
    repeats = 3 if quick else 5
    budgets: list[Budget] = []
    floors: list[str] = []
    results: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory(prefix="buildlog-perf-") as tmp:
        fulls = {}
        for n in sizes:
            site = Site(Path(tmp) / f"site{n}")
            print(f"site of {n} posts, {n * 3 // (10 if n > 100 else 1)} photos...", flush=True)
            make_site(site.root, n, min(300, n * 3))
            ours, plain, floor = full_builds(site, repeats)
            floors.append(floor_line(f"full-build-{n}", floor, plain))
            fulls[n] = median(ours)
            budgets.append(Budget(f"full-build-{n}", median(ours) / median(plain), 1.0))
            budgets.append(
                Budget(f"peak-memory-{n}", median(ours, "rss_mib") / median(plain, "rss_mib"), 1.3)
            )
            unchanged, edited = rebuilds(site, repeats)
            budgets.append(Budget(f"unchanged-rebuild-{n}", median(unchanged) / median(ours), 0.3))
            budgets.append(Budget(f"one-post-edit-{n}", median(edited) / median(ours), 0.35))
            saved = save_to_page(site.root, site.overrides("out-live"), repeats * 2, REPO)
            budgets.append(Budget(f"save-to-page-{n}", saved, 0.5 if n <= 100 else 1.5, "s"))
            results[f"Full build, {n} posts"] = {
                "buildlog": [r.cpu for r in ours],
                "pelican": [r.cpu for r in plain],
                "floor": [f.cpu for f in floor],
            }
            results[f"Unchanged rebuild, {n} posts"] = {"buildlog": [r.cpu for r in unchanged]}
            results[f"One post edited, {n} posts"] = {"buildlog": [r.cpu for r in edited]}
        if len(fulls) == 2:
            budgets.append(Budget("linear-1000-vs-100", fulls[1000] / fulls[100], 11.0))
    for budget in budgets:
        print(budget.line())
    for line in floors:
        print(line)
    if into is not None:
        write_results(into, results)
    return budgets


def write_results(path: Path, results: dict[str, dict[str, list[float]]]) -> None:
    """The CPU times as a buildlog benchmarks file (``{% benchmarks NAME %}``)."""
    from plugins._shared.files import write_atomic

    doc = {
        "title": "Build speed: buildlog and plain Pelican (CPU seconds)",
        "systems": {
            "buildlog": {"label": "buildlog"},
            "pelican": {"label": "Plain Pelican"},
            "floor": {"label": "Floor: Markdown + Pagefind"},
        },
        "baseline": "pelican",
        "benchmarks": [
            {"name": name, "unit": "s", "better": "lower", "results": runs}
            for name, runs in results.items()
        ],
    }
    write_atomic(path, json.dumps(doc, indent=2) + "\n")
    print(f"results written to {path}")
