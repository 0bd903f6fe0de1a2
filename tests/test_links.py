"""Empty links ``[text]()``: a build warning at their file:line (code stays code),
and a problem for `invoke check` (see test_publish_check)."""

from __future__ import annotations

import markdown

from plugins.links import EmptyLinkExtension

POST = """---
title: Links
description: d
---

A [placeholder]() to fill in, a [good one](https://example.com/),
and an ![image]() which is not a link.

Code keeps `[text]()` and so does this:

```
[in a fence]()
```

A [**bold** one]( ) and [one](<>) more.[^1]

[^1]: A footnote with [a note link]().
"""


def test_each_empty_link_is_a_warning_at_its_line(make_site, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    site = make_site({"content/posts/2020-01-01-links.md": POST})
    path = "content/posts/2020-01-01-links.md"
    fix = "add the address between the parentheses, or remove the brackets"
    assert site.result.warnings == [
        f"{path}:6: empty link [placeholder](): {fix}",
        f"{path}:15: empty link [bold one](): {fix}",
        f"{path}:15: empty link [one](): {fix}",
        f"{path}:17: empty link [a note link](): {fix}",
    ]
    body = site.html("2020/01/links/").select_one(".post-body")
    assert body.find("a", string="placeholder")["href"] == ""  # kept as written
    assert body.find("code", string="[text]()") is not None


def test_the_extension_works_on_its_own():
    md = markdown.Markdown(extensions=[EmptyLinkExtension()])
    assert md.convert("[x]()") == '<p><a href="">x</a></p>'
    assert md.convert("[x](https://a.test/)") == '<p><a href="https://a.test/">x</a></p>'
