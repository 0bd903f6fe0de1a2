"""The link checker on hand-written output folders (no Pelican, no Java: fast)."""

from __future__ import annotations

import pytest
from conftest import write_files

from plugins.publish.feeds import check_xml
from plugins.publish.linkcheck import SiteAddress, check_links, site_path, srcset_urls
from plugins.publish.problem import Problem, drop_ignored

BLOG = SiteAddress.from_siteurl("https://me.github.io/blog")


@pytest.mark.parametrize(
    "srcset, urls",
    [
        ("a.jpg 480w, b.jpg 800w", ["a.jpg", "b.jpg"]),
        ("a.jpg", ["a.jpg"]),
        ("a.jpg 1x,b,c.jpg 2x", ["a.jpg"]),  # "b,c.jpg" is one URL: commas need a space after
        ("  x/y%20z.webp  2x , /w.png 1.5x ", ["x/y%20z.webp", "/w.png"]),
        ("", []),
    ],
)
def test_srcset_urls(srcset, urls):
    assert srcset_urls(srcset) == urls


@pytest.mark.parametrize(
    "url, page, expected",
    [
        ("https://me.github.io/blog/about/", "index.html", ("about/index.html", "")),
        ("https://me.github.io/blog", "x/index.html", ("index.html", "")),
        ("//me.github.io/blog/a.css", "index.html", ("a.css", "")),
        ("/blog/about/", "x/index.html", ("about/index.html", "")),
        ("../about/#team", "x/index.html", ("about/index.html", "")),
        ("#top", "x/index.html", ("x/index.html", "")),
        ("img/a%20b.png?v=2", "x/index.html", ("x/img/a b.png", "")),
        ("https://github.com/", "index.html", (None, "")),
        (
            "https://me.github.io/other/",
            "index.html",
            (None, ""),
        ),  # same host, other project: external
        ("mailto:me@example.com", "index.html", (None, "")),
        ("../../../etc/passwd", "x/index.html", (None, "points outside the output folder")),
    ],
)
def test_site_path(url, page, expected):
    assert site_path(url, page, BLOG) == expected


def test_root_relative_url_outside_base_path_is_a_problem():
    target, problem = site_path("/about/", "index.html", BLOG)
    assert target is None and "outside the site's base path /blog/" in problem
    assert site_path("/about/", "index.html", SiteAddress()) == ("about/index.html", "")


GOOD = """<!doctype html><html lang="en"><head><title>t</title>
<link rel="stylesheet" href="https://me.github.io/blog/site.css">
<link rel="canonical" href="http://me.github.io/blog/">
</head><body id="top"><h2 id="parts">Parts</h2>
<a href="#parts">x</a> <a href="about/#team">t</a> <a href="/blog/about">a</a>
<a href="https://example.com/http-is-fine-for-a-link">e</a> <a href="http://example.com/">e</a>
<img src="a.png" srcset="a.png 1x, a.png 2x" alt="">
<picture><source srcset="a.png 1x"><img src="a.png" alt="A photo"></picture>
<a name="legacy"></a><a href="#legacy">l</a>
</body></html>"""


def test_a_clean_folder_has_no_problems(tmp_path):
    write_files(
        tmp_path,
        {
            "index.html": GOOD,
            "a.png": b"png",
            "site.css": "p{}",
            "about/index.html": '<p id="team">Team</p>',
            ".git/ignored.html": '<a href="nope">hidden folders are skipped</a>',
        },
    )
    assert check_links(tmp_path, "https://me.github.io/blog") == []


BROKEN = """<!doctype html><html><body>
<a href="missing/">1</a>
<a href="#nowhere">2</a>
<a href="about/#nobody">3</a>
<img src="a.png">
<img src="a.png" srcset="a.png 1x, gone-2x.png 2x" alt="">
<script src="http://cdn.example.com/x.js"></script>
<a href="/about/">7</a>
<link rel="icon" href="http://me.github.io/blog/a.png">
</body></html>"""


def test_each_problem_names_file_line_and_url(tmp_path):
    write_files(
        tmp_path,
        {
            "index.html": BROKEN,
            "a.png": b"png",
            "about/index.html": '<p id="team">Team</p>',
            "theme/site.css": 'p{}\nbody{background:url("http://x.test/bg.png")}',
        },
    )
    got = [str(p) for p in check_links(tmp_path, "https://me.github.io/blog")]
    assert got == [
        'output/index.html: line 2: <a href="missing/">: no such file output/missing/index.html',
        'output/index.html: line 3: <a href="#nowhere">: no element with id="nowhere" in output/index.html',
        'output/index.html: line 4: <a href="about/#nobody">: no element with id="nobody" in '
        "output/about/index.html",
        'output/index.html: line 6: <img srcset="gone-2x.png">: no such file output/gone-2x.png',
        'output/index.html: line 7: <script src="http://cdn.example.com/x.js">: insecure http:// '
        "subresource (browsers block it on an https:// page)",
        'output/index.html: line 8: <a href="/about/">: root-relative URL outside the site\'s base '
        "path /blog/ (write it with {{ SITEURL }} or relative to the page)",
        'output/index.html: line 9: <link href="http://me.github.io/blog/a.png">: insecure http:// '
        "subresource (browsers block it on an https:// page)",
        'output/index.html: line 5: <img src="a.png">: no alt attribute (describe the image, '
        'or alt="" if it is decoration)',
        "output/theme/site.css: line 2: http://x.test/bg.png: insecure http:// subresource",
    ]


def test_feeds_and_sitemap(tmp_path):
    write_files(
        tmp_path,
        {
            "index.html": "<p>home</p>",
            "sitemap.xml": '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            "<url><loc>https://me.github.io/blog/</loc></url>"
            "<url><loc>https://me.github.io/blog/gone/</loc></url></urlset>",
            "feeds/all.atom.xml": '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
            "<entry><title>x</entry></feed>",
        },
    )
    got = [
        str(p)
        for p in check_xml(
            tmp_path,
            "https://me.github.io/blog",
            ("sitemap.xml", "feeds/all.atom.xml", "feeds/rss.xml"),
        )
    ]
    assert got == [
        "output/feeds/rss.xml: missing (the settings ask for it)",
        "output/feeds/all.atom.xml: line 3: not well-formed XML: mismatched tag: line 3, column 17",
        "output/sitemap.xml: https://me.github.io/blog/gone/: no such file output/gone/index.html",
    ]


def test_ignore_patterns_drop_matching_problems():
    problems = [
        Problem("output/a.html", 1, "HTML: Bad value for attribute x"),
        Problem("output/b.html", 2, '<a href="#x">: no element'),
    ]
    assert drop_ignored(problems, (r"Bad value",)) == problems[1:]
    assert drop_ignored(problems, ()) == problems
