"""Tasks for writing, previewing, checking and publishing a buildlog site.

Run ``invoke --list`` for the list. Settings are read inside each task, never at
import, so a broken pelicanconf.py still lets ``invoke --list`` work.
"""

from __future__ import annotations

from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent  # invoke puts this folder on sys.path itself


def _cli():
    from plugins._shared import cli  # imported late: keeps `invoke --list` instant

    return cli


@task(
    iterable=["social"],
    help={
        "name": "the site's name (SITENAME)",
        "subtitle": "one line under the name",
        "author": "your name, for bylines",
        "repo": "your GitHub repository, user/repository",
        "domain": "a custom domain such as blog.example.com (else user.github.io/repository)",
        "social": "a link for the footer, Name=URL (repeat it for more)",
        "remove_demo": "delete the demo build log (posts, builds, benchmarks, photos)",
        "keep_demo": "keep the demo without asking",
    },
)
def setup(
    c,
    name=None,
    subtitle=None,
    author=None,
    repo=None,
    domain=None,
    social=None,
    remove_demo=False,
    keep_demo=False,
):
    """Make the site yours: names, address and links into the settings; drop the demo."""
    from plugins.setup import cli

    cli.setup(
        options={
            "name": name,
            "subtitle": subtitle,
            "author": author,
            "repo": repo,
            "domain": domain,
            "social": social,
        },
        remove_demo=True if remove_demo else (False if keep_demo else None),
    )


@task
def clean(c):
    """Remove the generated site (output/) and the converted posts (.buildlog-cache/content)."""
    _cli().clean()


FUTURE = "publish posts dated in the future now (else they are drafts until their date)"


@task(help={"strict": "exit non-zero on any warning or error (what CI uses)", "future": FUTURE})
def build(c, strict=False, future=False):
    """Build the site into output/ with pelicanconf.py."""
    _cli().build("pelicanconf.py", strict=strict, future=future)


@task(help={"strict": "exit non-zero on any warning or error", "future": FUTURE})
def rebuild(c, strict=False, future=False):
    """Clean, then build."""
    _cli().clean()
    _cli().build("pelicanconf.py", strict=strict, future=future)


@task(help={"port": "port to listen on (default 8000)", "bind": "address (default 127.0.0.1)"})
def serve(c, port=8000, bind="127.0.0.1"):
    """Serve output/ at http://localhost:8000."""
    _cli().serve(port=int(port), bind=bind)


@task(
    help={
        "port": "port to listen on (default 8000)",
        "bind": "address (default 127.0.0.1)",
        "future": FUTURE,
    }
)
def livereload(c, port=8000, bind="127.0.0.1", future=False):
    """Build, serve, rebuild on every save and reload the browser."""
    _cli().livereload(port=int(port), bind=bind, future=future)


@task(help={"strict": "exit non-zero on any warning or error", "future": FUTURE})
def preview(c, strict=False, future=False):
    """Build with publishconf.py (production settings) into output/."""
    _cli().build("publishconf.py", strict=strict, future=future)


@task(
    help={
        "title": "the post's title",
        "categories": "comma-separated categories",
        "build": "the build (content/builds/<name>.yaml) the post belongs to",
        "slug": "the post's URL name (default: from the title)",
    }
)
def new_post(c, title, categories="", build="", slug=""):
    """Start content/posts/YYYY-MM-DD-slug.md with front matter (never overwrites)."""
    _cli().new_post(title, categories=categories, build=build, slug=slug)


def _publish():
    from plugins.publish import cli  # imported late, like _cli()

    return cli


@task
def update_golden(c):
    """Rewrite the golden HTML files of the render tests (review `git diff` after)."""
    c.run(
        "python -m pytest -q -p no:xdist tests/test_parts_render.py tests/test_quotes.py "
        "tests/test_photos_golden.py",
        env={"UPDATE_GOLDEN": "1"},
        warn=True,
    )
    print("golden files rewritten where they differed: review `git diff tests/cases`")


@task(
    help={
        "output": "folder to check (default: OUTPUT_PATH, output/)",
        "settings": "refuse unless it was built with this file (e.g. publishconf.py)",
    }
)
def check(c, output=None, settings=None):
    """Check the built site with the settings that built it: HTML, CSS, links, feeds."""
    _publish().check(output, settings_file=settings)


@task(
    help={
        "remote": "git remote to push to (default origin)",
        "branch": "branch GitHub Pages serves (default gh-pages)",
        "allow_dirty": "publish uncommitted changes too (the commit message says so)",
    }
)
def gh_pages(c, remote="origin", branch="gh-pages", allow_dirty=False):
    """Build with publishconf.py --strict, check, commit output/ to gh-pages and push."""
    _publish().gh_pages(remote=remote, branch=branch, allow_dirty=allow_dirty)


def _bench():
    from plugins.benchmarks import cli  # late import, as _cli()

    return cli


@task(
    help={
        "file": "JSON from hyperfine, pytest-benchmark, Google Benchmark or fio",
        "system": "the machine these results are from (a key, e.g. prometheus)",
        "into": "content/benchmarks/<into>.json to merge into (created if missing)",
        "label": "the system's display name (default: its key)",
        "title": "the file's title, when it is new (default: what the tool measured)",
    }
)
def bench_import(c, file, system, into, label="", title=""):
    """Merge a benchmark tool's JSON output into content/benchmarks/<into>.json."""
    _bench().import_results(file, system, into, label=label, title=title)


@task(
    help={
        "system": "this machine's key, e.g. prometheus",
        "into": "content/benchmarks/<into>.json (default: <system>.json)",
        "label": "the system's display name",
        "quick": "tiny sizes, ~3 s (tests)",
    }
)
def bench_collect(c, system, into="", label="", quick=False):
    """Measure this machine (CPU, memory, disk, GPU) into content/benchmarks/."""
    _bench().collect(system, into, quick=quick, label=label)


@task(
    help={
        "quick": "100 posts only, 3 repetitions (~2 min); default 100 and 1,000 posts, 5",
        "into": "also write the results as a benchmarks file, e.g. content/benchmarks/speed.json",
    }
)
def perf(c, quick=False, into=""):
    """Measure the speed budgets against plain Pelican on synthetic sites (not a test)."""
    from benchmarks import perf as measured

    budgets = measured.run(quick=quick, into=Path(into) if into else None)
    if not all(b.ok for b in budgets):
        raise SystemExit(1)


@task(
    help={
        "file": "a PCPartPicker export: the Reddit markdown table or the HTML table",
        "name": "the build's name: writes content/builds/<name>.yaml",
        "title": "the build's display name (default: from --name)",
        "currency": "ISO 4217 code when the export's symbol is ambiguous, e.g. CAD",
    }
)
def parts_import(c, file, name, title="", currency=""):
    """Convert a PCPartPicker part list into content/builds/<name>.yaml (never overwrites)."""
    from plugins.parts import cli

    cli.parts_import(file, name, title=title, currency=currency)


@task(help={"path": "a fastpages blog: a clone of its repository"})
def import_fastpages(c, path):
    """Bring a fastpages blog (posts, notebooks, Word, images, pages, settings) in; never overwrites."""
    from plugins.fastpages_import import cli

    cli.import_fastpages(path)
