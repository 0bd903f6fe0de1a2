"""Code fence options (line numbers, highlighted lines, captions) and what a post
built with them contains."""

from __future__ import annotations

import pytest

from plugins._shared.errors import ContentError
from plugins.codeblocks.fences import canonical, parse_hl_lines, parse_info, rewrite_fences


def _rewrite(text: str):
    return rewrite_fences(text.strip("\n").split("\n"))


@pytest.mark.parametrize(
    "opening, expected",
    [
        (
            '```py linenums="5" hl_lines="2-3" title="train.py"',
            '```{ .py linenos="inline" linenostart="5" hl_lines="2 3" filename="train.py" }',
        ),
        ('```py hl_lines="1 3"', '```{ .py hl_lines="1 3" }'),
        ('```{ .py linenums="true" }', '```{ .py linenos="inline" linenostart="1" }'),
        ('```{ .sh #install .wide hl_lines="2,3" }', '```{ .sh #install .wide hl_lines="2 3" }'),
        ('~~~ python linenums="false"', "~~~{ .python }"),
        ("```py title='say \"hi\".py'", "```{ .py filename='say \"hi\".py' }"),
        ('```php startinline="true"', '```{ .php startinline="true" }'),
    ],
)
def test_options_are_rewritten_for_codehilite(opening, expected):
    result = _rewrite(f"{opening}\na\nb\nc\n{opening[:3]}")
    assert result.lines[0] == expected
    assert result.errors == result.warnings == []


@pytest.mark.parametrize("opening", ["```", "```py", "``` python", "```{ .py }", "~~~~"])
def test_fences_without_options_are_left_as_written(opening):
    assert _rewrite(f"{opening}\nx\n{opening.split()[0][:4].rstrip('{')}").lines[0] == opening


def test_a_fence_inside_a_longer_fence_is_code():
    text = '````md\n```py hl_lines="1"\nx\n```\n````\n```py hl_lines="1"\ny\n```'
    lines = _rewrite(text).lines
    assert lines[1] == '```py hl_lines="1"'  # shown as written, inside the md sample
    assert lines[5] == '```{ .py hl_lines="1" }'


def test_an_unclosed_fence_is_left_alone():
    assert _rewrite('```py hl_lines="1"\nx').lines[0] == '```py hl_lines="1"'


def test_hl_lines_ranges_and_errors():
    assert parse_hl_lines("4-6 2, 5", 1) == [2, 4, 5, 6]
    for bad in ("x", "0", "5-3", "2-"):
        with pytest.raises(ContentError, match="hl_lines must be line numbers") as caught:
            parse_hl_lines(bad, 7)
        assert caught.value.line == 7


def test_bad_options_are_errors_at_their_line_and_the_code_still_shows():
    result = _rewrite('text\n\n```py hl_lines="two"\nx\n```\n```sh linenums="maybe"\ny\n```')
    assert [(e.line, e.message) for e in result.errors] == [
        (3, "hl_lines must be line numbers or ranges such as \"2 4-6\", got 'two'"),
        (6, "linenums must be true, false or the first line's number, got 'maybe'"),
    ]
    assert result.lines[2] == "```py" and result.lines[5] == "```sh"


def test_ignored_options_are_warnings():
    result = _rewrite('```py hl_lines="2 9" colour="red"\na\nb\n```')
    assert [(w.line, w.message) for w in result.warnings] == [
        (1, "hl_lines 9 past the end of this 2-line code block"),
        (1, "unknown code block option 'colour' (known: hl_lines, linenums, linenostart, title)"),
    ]
    assert result.lines[0] == '```{ .py hl_lines="2" }'


def test_unreadable_option_text_is_an_error():
    with pytest.raises(ContentError, match="cannot read the code fence options"):
        parse_info('py hl_lines="1" }', 4)


def test_canonical_keeps_linenostart_alone():
    fence = parse_info('py linenostart="10"', 1)
    assert canonical(fence, 3) == ('{ .py linenostart="10" }', [])


POST = """\
---
title: Code
---

Install it:

```sh hl_lines="2"
apt update
apt install nvidia-driver-440
```

```python title="check.py" linenums="3" hl_lines="2"
import torch
print(torch.cuda.is_available())
```

```py linenums="1"
after = "the fence above closed properly"
```
"""


def test_a_post_gets_line_numbers_highlights_and_captions(make_site):
    site = make_site({"content/posts/2021-01-01-code.md": POST})
    assert site.result.clean, site.messages()
    body = site.html("2021/01/code/").select_one(".post-body")
    blocks = body.select("div.highlight")
    assert len(blocks) == 3
    first, second, third = blocks
    assert [s.get_text() for s in first.select(".hll")] == ["apt install nvidia-driver-440\n"]
    assert first.select(".linenos") == []
    assert second.select_one(".filename").get_text() == "check.py"
    assert [s.get_text().strip() for s in second.select(".linenos")] == ["3", "4"]
    assert second.select_one(".hll").get_text().startswith("4print")
    assert "the fence above closed properly" in third.get_text()
    # No copy button in the HTML: JavaScript adds it, so it is absent without JavaScript.
    assert body.select("button") == []


def test_bad_options_name_the_post_and_line_and_the_site_builds(make_site):
    text = POST.replace('hl_lines="2"\napt', 'hl_lines="two"\napt').replace(
        'linenums="1"', 'linenums="1" colour="red"'
    )
    site = make_site({"content/posts/2021-01-01-code.md": text})
    assert len(site.result.errors) == 1
    assert site.result.errors[0].endswith(
        "2021-01-01-code.md:7: hl_lines must be line numbers or ranges such as \"2 4-6\", got 'two'"
    )
    assert len(site.result.warnings) == 1
    assert site.result.warnings[0].endswith(
        "2021-01-01-code.md:17: unknown code block option 'colour' "
        "(known: hl_lines, linenums, linenostart, title)"
    )
    assert site.html("2021/01/code/").select(".highlight")


def test_tags_inside_a_fence_with_options_stay_code(make_site):
    """The options are rewritten before the shared code finder runs, so the other
    plugins see this fence as code and leave the tag in it alone."""
    post = (
        '---\ntitle: Tags\n---\n\n```md linenums="1" title="note.md"\n'
        '{% include note.html content="Stay as text" %}\n```\n'
    )
    site = make_site({"content/posts/2021-01-01-tags.md": post})
    assert site.result.clean, site.messages()
    body = site.html("2021/01/tags/").select_one(".post-body")
    assert body.select("aside.callout") == []
    assert '{% include note.html content="Stay as text" %}' in body.select_one("pre").get_text()
