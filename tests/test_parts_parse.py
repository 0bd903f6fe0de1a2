"""parts: YAML validation (every error with its file:line), model sums, summaries."""

from __future__ import annotations

import textwrap
from decimal import Decimal

import pytest

from plugins._shared.errors import ContentError
from plugins.parts.model import summarize
from plugins.parts.money import format_price
from plugins.parts.parse import InvalidBuild, parse_build, parse_note

PATH = "content/builds/x.yaml"


def build(text: str, **kwargs):
    return parse_build(textwrap.dedent(text).lstrip("\n"), slug="x", path=PATH, **kwargs)


def errors(text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        build(text)
    found = getattr(caught.value, "errors", [caught.value])
    return [e.located() for e in found]


GOOD = """
name: Prometheus
parts:
  - type: GPU
    name: NVIDIA GeForce RTX 2070 Super
    price: 499.99
    power: 215
  - type: CPU
    name: AMD Ryzen 7 3700X
    price: 329.00
    power: 65
    specs: {Cores: 8, Threads: 16, SMT: true}
  - type: Memory
    name: Corsair Vengeance LPX 32 GB (2 x 16 GB)
    quantity: 2
    price: 70
  - type: PSU
    name: Corsair RM650
    capacity: 650
"""


def test_valid_build_sorted_with_sums():
    b = build(GOOD)
    assert [p.category for p in b.parts] == ["CPU", "Memory", "Video Card", "Power Supply"]
    assert [p.type for p in b.parts][-2:] == ["GPU", "PSU"]  # shown as written
    assert b.currency == "USD"
    assert b.total == Decimal("968.99")
    assert b.power.draw == 280 and b.power.capacity == 650 and b.power.load_percent == 43
    assert b.parts[0].specs == (("Cores", "8"), ("Threads", "16"), ("SMT", "yes"))
    assert b.parts[0].line == 7


def test_summary_names_gpu_cpu_and_memory():
    assert summarize(build(GOOD)) == "RTX 2070 Super / Ryzen 7 3700X / 64 GB"
    override = build(GOOD.replace("name: Prometheus", "name: P\nsummary: My own words"))
    assert summarize(override) == "My own words"


def test_default_currency_from_setting():
    assert build(GOOD, default_currency="EUR").currency == "EUR"


@pytest.mark.parametrize(
    "yaml_text, expected",
    [
        (
            "name: x\ncolour: red\nparts: [{type: CPU, name: a}]\n",
            "content/builds/x.yaml:2: unknown key 'colour' in the build (expected one of",
        ),
        (
            "name: x\nparts:\n  - type: CPU\n    name: a\n    prise: 3\n",
            "content/builds/x.yaml:5: unknown key 'prise' in a part (did you mean 'price'?)",
        ),
        (
            "name: x\nparts:\n  - type: GPUU\n    name: a\n",
            "content/builds/x.yaml:3: unknown part type 'GPUU' (did you mean 'GPU'?",
        ),
        (
            "name: x\nparts:\n  - type: CPU\n    name: a\n    quantity: 1.5\n",
            "content/builds/x.yaml:5: 'quantity' must be a whole number of 1 or more, got 1.5",
        ),
        (
            "name: x\nparts:\n  - type: CPU\n    name: a\n    quantity: 0\n",
            "content/builds/x.yaml:5: 'quantity' must be 1 or more, got 0",
        ),
        (
            "name: x\nparts:\n  - type: CPU\n    name: a\n    price: -5\n",
            "content/builds/x.yaml:5: 'price' must be 0 or more, got -5",
        ),
        (
            "name: x\nparts:\n  - type: CPU\n    name: a\n    price: $329\n",
            "content/builds/x.yaml:5: 'price' must be a number such as 329.00, got '$329'",
        ),
        (
            "name: x\nparts:\n  - type: CPU\n    name: a\n    power: .nan\n",
            "content/builds/x.yaml:5: 'power' must be a finite number",
        ),
        (
            "name: x\nparts:\n  - type: CPU\n    name: a\n    link: javascript:alert(1)\n",
            "content/builds/x.yaml:5: 'link' must be an http:// or https:// address, got 'javascript:alert(1)'",
        ),
        (
            "name: x\nparts:\n  - type: CPU\n    name: a\n    link: ftp://x.org/a\n",
            "content/builds/x.yaml:5: 'link' must be an http:// or https:// address",
        ),
        (
            "name: x\nparts: []\n",
            "content/builds/x.yaml:2: 'parts' must be a non-empty list of parts",
        ),
        ("name: x\n", "content/builds/x.yaml:1: 'parts' must be a non-empty list of parts"),
        ("parts: [{type: CPU, name: a}]\n", "content/builds/x.yaml:1: 'name' is required"),
        ("name: x\nparts:\n  - type: CPU\n", "content/builds/x.yaml:3: 'name' is required"),
        (
            "name: [a]\nparts: [{type: CPU, name: a}]\n",
            "content/builds/x.yaml:1: 'name' must be text, got a list",
        ),
        (
            "name: x\ncurrency: dollars\nparts: [{type: CPU, name: a}]\n",
            "content/builds/x.yaml:2: 'currency' must be an ISO 4217 code such as USD, EUR or GBP",
        ),
        (
            "name: x\nparts:\n  - type: CPU\n    name: a\n    capacity: 500\n",
            "content/builds/x.yaml:5: 'capacity' is for power supplies",
        ),
        (
            "name: x\nparts:\n  - type: CPU\n    name: a\n    specs: [8 cores]\n",
            "content/builds/x.yaml:5: 'specs' must be a mapping of label: value",
        ),
        (
            "name: x\nparts:\n  - type: CPU\n    name: a\n    specs:\n      Cores: [8]\n",
            "content/builds/x.yaml:6: spec 'Cores' must be a single value",
        ),
        (
            "name: x\nparts:\n  - just a string\n",
            "content/builds/x.yaml:3: each part must be a mapping with 'type' and 'name'",
        ),
        (
            "name: x\nparts:\n  - type: CPU\n    name: [unclosed\n",
            "content/builds/x.yaml:4: build file is not valid YAML",
        ),
        ("- a list\n", "content/builds/x.yaml:1: a build file must be a mapping"),
    ],
)
def test_each_error_names_file_line_and_field(yaml_text, expected):
    found = errors(yaml_text)
    assert any(message.startswith(expected) for message in found), found


def test_a_duplicate_key_is_a_warning_and_the_last_value_wins():
    parsed = build("name: x\nname: y\nparts: [{type: CPU, name: a}]\n")
    assert parsed.name == "y"
    assert [w.located() for w in parsed.warnings] == [
        "content/builds/x.yaml:2: duplicate key 'name' (first on line 1); the last value is used"
    ]


def test_every_problem_is_reported_at_once_in_line_order():
    found = errors("""
        name: x
        parts:
          - type: CPU
            name: a
            price: -1
          - type: GPU
            name: b
            quantity: two
        """)
    assert [m.split(": ")[0] for m in found] == [
        "content/builds/x.yaml:5",
        "content/builds/x.yaml:8",
    ]


def test_invalid_build_message_is_first_error():
    with pytest.raises(InvalidBuild) as caught:
        build("name: x\nparts: []\n")
    assert str(caught.value).startswith("content/builds/x.yaml:2:")


def test_note_inline_markdown_tokens():
    tokens = parse_note("Needs **BIOS** update, *maybe*, `v1.2`, see [list](https://e.com/a?b=1)")
    assert [(t.kind, t.text) for t in tokens if t.kind != "text"] == [
        ("strong", "BIOS"),
        ("em", "maybe"),
        ("code", "v1.2"),
        ("link", "list"),
    ]
    assert tokens[-1].href == "https://e.com/a?b=1"
    assert [t.kind for t in parse_note("[x](javascript:alert(1))")] == ["text"]


@pytest.mark.parametrize(
    "amount, currency, shown",
    [
        ("1234.5", "USD", "$1,234.50"),
        ("328.99", "EUR", "€328.99"),
        ("5", "GBP", "£5.00"),
        ("12000", "JPY", "¥12,000"),
        ("99.5", "SEK", "99.50 SEK"),
    ],
)
def test_prices_formatted_for_currency(amount, currency, shown):
    assert format_price(Decimal(amount), currency) == shown
