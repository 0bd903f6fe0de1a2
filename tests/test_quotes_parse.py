"""The pure helpers of the quotes plugin, on plain strings."""

from __future__ import annotations

import pytest

from plugins._shared.errors import ContentError
from plugins.quotes.parse import Include, match_label, parse_include, split_attribution


@pytest.mark.parametrize(
    "text, expected",
    [
        ("“Q.”\n― James Clear", ("“Q.”", "James Clear")),
        ("— Ada Lovelace, *Notes*", ("", "Ada Lovelace, *Notes*")),
        ("Q.\n– A, Source", ("Q.", "A, Source")),
        ("Q.\n--[Knuth](https://example.com)", ("Q.", "[Knuth](https://example.com)")),
    ],
)
def test_split_attribution(text, expected):
    assert split_attribution(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The fans — all six — spin.",
        "Q.\n--- three dashes",
        "Q.\n—",
        "Q.\n- a list-like dash",
        "Q.\n— " + "a very long line of dialogue " * 8,
    ],
)
def test_not_an_attribution(text):
    assert split_attribution(text) is None


@pytest.mark.parametrize(
    "text, kind",
    [
        ("**Note:** x", "note"),
        ("**TIP**: x", "tip"),
        ("**important** x", "important"),
        ("**Warning:**", "warning"),
        ("**caution**:\tx", "caution"),
    ],
)
def test_match_label(text, kind):
    assert match_label(text).kind == kind


@pytest.mark.parametrize("text", ["**Note that** x", "**Notes:** x", "Note: x", "**Info:** x"])
def test_not_a_label(text):
    assert match_label(text) is None


def test_parse_include():
    assert parse_include('  {%- include info.html text="Hi  there" -%}', 3) == Include(
        "note", "Hi there", "  "
    )
    assert parse_include("{% include youtube.html content='x' %}", 1) is None
    assert parse_include('Text {% include note.html content="x" %}', 1) is None


@pytest.mark.parametrize(
    "line, message",
    [
        ('{% include tip.html content="" %}', "{% include tip.html %}: content= is empty"),
        ('{% include info.html content="x" %}', '{% include info.html %} needs text="..."'),
        (
            "{% include note.html content=x %}",
            "{% include note.html %}: cannot read 'content=x' (write content=\"...\")",
        ),
    ],
)
def test_parse_include_errors(line, message):
    with pytest.raises(ContentError) as caught:
        parse_include(line, 7)
    assert (caught.value.message, caught.value.line) == (message, 7)
