"""Raw HTML inside quotes and callouts: what stays HTML is decided by parsing it as a
browser does (html5lib), against an allow-list; everything else is shown as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build, write_files

from plugins.quotes.sanitize import harmless, safe_url

PAYLOADS = Path(__file__).parent / "cases" / "unsafe" / "payloads.md"


@pytest.mark.parametrize(
    "raw",
    [
        "<!--><script>alert(1)</script>-->",  # <!--> is an empty comment to a browser
        "<!-- x --!><script>alert(6)</script> -->",  # so is --!>
        "<![CDATA[ ><script>alert(3)</script> ]]>",  # CDATA is a bogus comment in HTML
        "<![CDATA[x]]>",
        "<?php echo 1 ?>",  # bogus comments: shown, not hidden
        "<script>",
        "</script>",
        "<style>",
        "<iframe srcdoc='x'>",
        "<textarea>",
        "<plaintext>",
        "<base href='https://evil.example/'>",
        "<meta http-equiv=refresh content=0>",
        "<img src=x onerror=alert(5)>",
        "<svg onload=alert(8)>",
        "<math>",
        "<details ontoggle=x>",
        "<a href='java&#x09;script:alert(7)'>",
        "<a href=' javascript:x'>",
        "<a href='data:x'>",
        "<span style='position:fixed'>",
        "<kbd id='main'>",
        "</blockquote>",
    ],
)
def test_unsafe_raw_html(raw):
    assert not harmless(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "<kbd>",
        "</kbd>",
        "<code>",
        "<i>",
        "<b>",
        "<sub>",
        "<sup>",
        "<br>",
        "<br/>",
        "<a href='https://example.com/'>",
        "<a href='/about/'>",
        "<a href='#x'>",
        "<a href='mailto:a@example.com'>",
        "<abbr title='Graphics card'>",
        "<!-- a note -->",
        "<img src='/images/a.jpg' alt='A'>",
        "<span lang='de'>",
    ],
)
def test_harmless_raw_html(raw):
    assert harmless(raw)


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://x", True),
        ("/a:b", True),
        ("a/b:c", True),
        ("?q=a:b", True),
        ("javascript:x", False),
        ("JaVaScRiPt:x", False),
        (" \x01javascript:x", False),
        ("java\tscript:x", False),
        ("vbscript:x", False),
        ("data:text/html,x", False),
    ],
)
def test_urls_are_read_as_a_browser_reads_them(url, ok):
    assert safe_url(url) is ok


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("unsafe")
    write_files(
        root,
        {
            "content/posts/2020-01-01-payloads.md": "---\ntitle: Payloads\n---\n\n"
            + PAYLOADS.read_text(encoding="utf-8")
        },
    )
    return build(root)


def test_nothing_dangerous_survives_in_the_html(payload_site):
    assert payload_site.messages() == []
    body = payload_site.html("2020/01/payloads/").select_one(".post-body")
    for selector in (
        "script",
        "style",
        "base",
        "meta",
        "iframe",
        "svg[onload]",
        "img",
        "details",
        "a[href^=java]",
    ):
        assert not body.select(selector), selector
    text = body.get_text(" ")
    for shown in (
        "<script>alert(1)</script>",
        '<base href="https://evil.example/">',
        "<img src=x onerror=alert(5)>",
        "<style>body{display:none}</style>",
    ):
        assert shown in text, shown


def test_harmless_markup_stays_markup(payload_site):
    body = payload_site.html("2020/01/payloads/").select_one(".post-body")
    assert [k.get_text() for k in body.select("kbd")] == ["Ctrl", "C"]
    assert body.select_one('a[href="https://example.com/"]').get_text() == "this"
    assert "a note to myself" not in body.get_text()
