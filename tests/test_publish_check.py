"""`invoke check` on real builds: the demo site passes, a broken one fails with each
problem named. Two Nu validator runs in all (Java start-up is ~3 s each)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import REPO, build, write_files

from plugins.publish.cli import PublishSettings, run_checks

SITEURL = "https://example.test/blog"
needs_java = pytest.mark.skipif(shutil.which("java") is None and os.environ.get("CI") != "true",
                                reason="the Nu HTML validator needs Java (apt-get install "
                                       "default-jre-headless)")


@pytest.fixture(scope="module")
def publish_env():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BUILDLOG_SITEURL", SITEURL)
        mp.delenv("BUILDLOG_CNAME", raising=False)
        yield


@pytest.fixture(scope="module")
def demo_published(tmp_path_factory, publish_env):
    """The repository's own content/ built with publishconf.py, as gh-pages does."""
    root = tmp_path_factory.mktemp("demo-published")
    return build(root, "publishconf.py", PATH=str(REPO / "content"))


@needs_java
def test_demo_site_passes_every_check(demo_published):
    assert demo_published.result.clean, demo_published.messages()
    settings = PublishSettings.load(REPO / "publishconf.py", demo_published.output)
    assert settings.siteurl == SITEURL
    assert set(settings.expected_xml) == {"feeds/all.atom.xml", "sitemap.xml"}
    assert [str(p) for p in run_checks(settings)] == []


def test_publishconf_makes_absolute_urls_feeds_and_canonical_links(demo_published):
    home = demo_published.html("index.html")
    assert home.find("link", rel="canonical")["href"] == f"{SITEURL}/"
    assert home.find("link", rel="alternate")["href"] == f"{SITEURL}/feeds/all.atom.xml"
    assert all(a["href"].startswith(SITEURL) for a in home.select(".card a"))
    assert (demo_published.output / "feeds" / "all.atom.xml").is_file()


BROKEN_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Broken</title>
<script src="http://cdn.example.com/tracker.js"></script>
</head><body>
<p id="twice">one</p><p id="twice">two</p>
<a href="../no-such-post/">dead link</a>
<a href="#nowhere">dead fragment</a>
<a href="{siteurl}/about/#nobody">dead fragment on another page</a>
<a href="/about/">outside the base path</a>
<img src="../images/gone.png" alt="gone">
<img src="../theme/favicon.svg">
<img src="../theme/favicon.svg" srcset="../theme/favicon.svg 1x, ../images/big-2x.png 2x" alt="">
</body></html>
"""


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory, publish_env):
    """A real small site, then a hand-broken page, feed, sitemap and stylesheet."""
    root = tmp_path_factory.mktemp("broken-site")
    write_files(root, {"content/posts/2020-01-01-fine.md": "---\ntitle: Fine\n---\nA post.\n",
                       "content/pages/about.md": "---\ntitle: About\n---\nAbout.\n"})
    site = build(root, "publishconf.py")
    assert site.result.clean, site.messages()
    out = site.output
    write_files(out, {"broken/index.html": BROKEN_PAGE.format(siteurl=SITEURL)})
    feed = out / "feeds" / "all.atom.xml"
    feed.write_text(feed.read_text(encoding="utf-8")[:-20], encoding="utf-8")  # truncated
    sitemap = out / "sitemap.xml"
    sitemap.write_text(sitemap.read_text(encoding="utf-8").replace(
        "</urlset>", f"<url><loc>{SITEURL}/gone/</loc></url></urlset>"), encoding="utf-8")
    with open(out / "theme" / "css" / "site.css", "a", encoding="utf-8") as css:
        css.write('\nbody { background: url("http://example.com/bg.png"); }\n')
    return site


NO_ALT = '<img src="../theme/favicon.svg">'


def line_of(snippet: str) -> int:
    return next(i for i, line in enumerate(BROKEN_PAGE.splitlines(), 1) if snippet in line)


@needs_java
def test_invoke_check_reports_each_problem_and_exits_non_zero(broken_site):
    ran = subprocess.run([sys.executable, "-m", "invoke", "check", "--output",
                          str(broken_site.output)], cwd=REPO, capture_output=True, text=True,
                         env={**os.environ, "BUILDLOG_SITEURL": SITEURL}, timeout=120)
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
        f'{page}: line {line_of(NO_ALT)}: <img src="../theme/favicon.svg">: no alt '
        "attribute",
        f"{page}: line {line_of('twice')}: HTML: Duplicate ID “twice”",
        f"{page}: line {line_of(NO_ALT)}: HTML: An “img” element must have an “alt” "
        "attribute",
        "output/feeds/all.atom.xml: line 2: not well-formed XML: unclosed token",
        f"output/sitemap.xml: {SITEURL}/gone/: no such file output/gone/index.html",
        "output/theme/css/site.css: line",
    ]
    for text in expected:
        assert text in ran.stdout, f"{text!r} not in:\n{ran.stdout}"
    assert "check failed:" in ran.stderr + ran.stdout
    assert "output/posts" not in ran.stdout and "output/index.html" not in ran.stdout


def test_invoke_check_refuses_an_empty_output_folder(tmp_path):
    ran = subprocess.run([sys.executable, "-m", "invoke", "check", "--output", str(tmp_path)],
                         cwd=REPO, capture_output=True, text=True, timeout=60)
    assert ran.returncode == 2
    assert "holds no built site: run `invoke preview`" in ran.stderr
