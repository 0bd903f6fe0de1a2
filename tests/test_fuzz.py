"""Generated input through the real reader and plugins (Hypothesis): front matter,
build files, benchmark JSON in every tool's shape, PCPartPicker tables and post bodies
with our tags. The only outcomes allowed are success and a ContentError that says
where. Anything else (a KeyError, an OverflowError...) is a bug this finds.

Examples per test: ``BUILDLOG_FUZZ_EXAMPLES`` (default 60, a few hundred in all, a
few seconds); set it to thousands for a deeper search.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from conftest import REPO, write_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugins._shared.context import build_context
from plugins._shared.errors import ContentError
from plugins._shared.sitebuild import load_settings
from plugins.benchmarks import render_tag
from plugins.parts.cli import to_yaml
from plugins.parts.model import summarize
from plugins.parts.parse import InvalidBuild, parse_build
from plugins.parts.pcpartpicker import parse_export
from plugins.parts.render import build_csv, jsonld, render_summary, render_table

FUZZ = settings(
    max_examples=int(os.environ.get("BUILDLOG_FUZZ_EXAMPLES", "60")),
    deadline=3000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
BUILD = "name: Rig\nparts:\n  - type: CPU\n    name: Ryzen 7 3700X\n    price: 329\n"
BENCH = json.dumps(
    {
        "systems": {"a": {}},
        "benchmarks": [
            {"name": "Train", "unit": "images/s", "better": "higher", "results": {"a": 1}}
        ],
    }
)
_names = itertools.count()

# --- values a person (or an editor gone wrong) puts in YAML ----------------------------

TRICKY = st.sampled_from(
    [
        "",
        " ",
        "2020-02-30",
        "25:61",
        "1:30",
        "not-a-date",
        "2020-07-15 18:30",
        "/",
        "//x",
        "/index.html",
        "/categories/",
        "../x",
        "nosuch",
        "article",
        "page",
        "Europe/Paris",
        "Mars/Olympus",
        "x\x07y",
        "<a href='x'>Ada</a>",
        "true",
        "yes",
        "maybe",
        "draft",
        "hidden",
        "published",
        "skip",
        "en",
        "pt-BR",
        "e n",
        "https://example.com/x.png",
        "/images/missing.jpg",
        "rig",
        "nosuch-build",
        "1e+26",
        "-1",
        "{{ site.baseurl }}/x.png",
    ]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | TRICKY
    | st.dates()
    | st.datetimes(min_value=dt.datetime(1, 1, 2))
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
FRONT_KEYS = st.sampled_from(
    [
        "title",
        "description",
        "summary",
        "date",
        "modified_date",
        "modified",
        "categories",
        "category",
        "tags",
        "author",
        "authors",
        "toc",
        "hide",
        "search_exclude",
        "comments",
        "badges",
        "sticky_rank",
        "permalink",
        "slug",
        "status",
        "template",
        "lang",
        "translation",
        "save_as",
        "url",
        "timezone",
        "date_format",
        "image",
        "build",
        "layout",
        "settings",
        "content",
        "_private",
        "metadata",
        "toc_html",
        "is_valid",
        "series_order",
    ]
) | st.text(alphabet="abcdefghij_", min_size=1, max_size=8)


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# --- a reader as a build uses it, made once --------------------------------------------


@dataclass
class Reader:
    """Pelican's own read_file with our plugins set up, for one file at a time."""

    root: Path
    generator: object

    def read(self, text: str | bytes):
        from pelican.contents import Article

        name = f"2020-01-{next(_names) % 28 + 1:02d}-fuzz-{next(_names)}.md"
        path = self.root / "content" / "posts" / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        try:
            article = self.generator.readers.read_file(
                base_path=str(self.root / "content"),
                path=f"posts/{name}",
                content_class=Article,
                context=self.generator.context,
            )
            article.is_valid()
            return article.save_as, article.url, article.title
        finally:
            path.unlink()


@pytest.fixture(scope="module")
def reader(tmp_path_factory) -> Reader:
    from pelican import Pelican
    from pelican.generators import ArticlesGenerator

    root = tmp_path_factory.mktemp("fuzz")
    write_files(
        root,
        {
            "content/builds/rig.yaml": BUILD,
            "content/benchmarks/good.json": BENCH,
            "content/posts/.keep": "",
        },
    )
    pelican_settings = load_settings(
        REPO / "pelicanconf.py",
        {
            "PATH": str(root / "content"),
            "OUTPUT_PATH": str(root / "output"),
            "CACHE_PATH": str(root / "cache"),
            "BUILDLOG_CACHE_PATH": str(root / "cache"),
        },
    )
    Pelican(pelican_settings)  # registers the plugins; `initialized` sets them up
    context = {
        **pelican_settings,
        "generated_content": {},
        "static_links": set(),
        "static_content": {},
        "localsiteurl": "",
    }
    generator = ArticlesGenerator(
        context=context,
        settings=pelican_settings,
        path=pelican_settings["PATH"],
        theme=pelican_settings["THEME"],
        output_path=pelican_settings["OUTPUT_PATH"],
    )
    return Reader(root, generator)


def located(error: ContentError) -> None:
    """A ContentError fit for the author: it says where."""
    assert error.line is not None, error.located()
    assert error.message and "\n" not in error.message, error.message


def read_or_located(reader: Reader, text) -> None:
    try:
        reader.read(text)
    except ContentError as error:
        located(error)


# --- the properties -------------------------------------------------------------------


@FUZZ
@given(front=st.dictionaries(FRONT_KEYS, VALUES, max_size=6), body=st.text(max_size=80))
def test_front_matter(reader, front, body):
    read_or_located(reader, f"---\n{dump(front)}---\n\n{body}\n")


@FUZZ
@given(
    lines=st.lists(
        st.sampled_from(
            [
                "title: x",
                "title: [x",
                "title: 'x",
                "- a",
                "a: b: c",
                "  indented: 1",
                "tags: [a, b",
                "x: &a [1]",
                "y: *a",
                "z: *nope",
                "date: 2020-02-30",
                "? complex",
                "\t tab: 1",
                "---",
                "...",
                "%YAML 1.1",
                "key: |",
                "  block",
            ]
        ),
        max_size=8,
    ),
    header=st.booleans(),
)
def test_broken_front_matter_text(reader, lines, header):
    text = "\n".join(lines)
    read_or_located(reader, (f"---\n{text}\n---\n\nBody.\n" if header else f"{text}\n\nBody.\n"))


@FUZZ
@given(data=st.binary(max_size=60))
def test_bytes(reader, data):
    read_or_located(reader, b"---\ntitle: x\n---\n\n" + data)


BODY_LINES = st.sampled_from(
    [
        "{% parts rig %}",
        "{% parts rig summary %}",
        "{% parts nosuch %}",
        "{% parts %}",
        "{% parts rig extra words %}",
        "{% benchmarks good %}",
        '{% benchmarks good "Train" %}',
        '{% benchmarks good "Nope" %}',
        "{% benchmarks %}",
        "{% benchmarks a b c %}",
        "{% benchmarks missing %}",
        '{% include note.html content="Hi" %}',
        "{% include alert.html %}",
        '{% include info.html text="<script>x</script>" %}',
        "> A quote",
        "> — Ada",
        "— Ada",
        "> [!NOTE]",
        "> **Warning:** careful",
        ">",
        "```",
        "~~~",
        "    indented code",
        "`{% parts rig %}`",
        "![alt](/images/missing.jpg)",
        '![](/images/missing.jpg "Caption")',
        "![a](https://example.com/x.png)",
        "{% beforeafter Fans %}",
        "{% endbeforeafter %}",
        "<script>x</script>",
        "<!-->",
        "# Heading",
        "## Section",
        "- item",
        "1. item",
        "",
        "{{ site.baseurl }}",
        "<center>x</center>",
        "{% twitter https://twitter.com/x/status/1 %}",
        "[^1]",
        "[^1]: note",
        "|a|b|",
        "|-|-|",
    ]
)


@FUZZ
@given(lines=st.lists(BODY_LINES | st.text(max_size=20), max_size=14))
def test_post_bodies_with_our_tags(reader, lines):
    read_or_located(reader, "---\ntitle: Tags\n---\n\n" + "\n".join(lines) + "\n")


NUMBER = (
    st.integers(-5, 10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([0, 1, 65, 650, 1.0e26, 1e-300, 0.5, 1e12, 100001])
)
PART = st.fixed_dictionaries(
    {},
    optional={
        "type": st.sampled_from(["CPU", "GPU", "PSU", "Power Supply", "Memory", "gpuu", "", 5]),
        "name": st.text(max_size=15) | VALUES,
        "quantity": NUMBER | VALUES,
        "price": NUMBER | VALUES,
        "power": NUMBER,
        "capacity": NUMBER,
        "specs": VALUES,
        "link": TRICKY | VALUES,
        "note": st.text(max_size=30) | VALUES,
        "short": VALUES,
        "prise": NUMBER,
    },
)
BUILD_DATA = st.fixed_dictionaries(
    {},
    optional={
        "name": st.text(max_size=10) | VALUES,
        "currency": st.sampled_from(["USD", "EUR", "JPY", "usd", "XX", 5]),
        "summary": VALUES,
        "description": VALUES,
        "parts": st.lists(PART, max_size=4) | VALUES,
    },
)


@FUZZ
@given(data=BUILD_DATA)
def test_build_files(data):
    try:
        build = parse_build(dump(data), slug="rig", path="content/builds/rig.yaml")
    except InvalidBuild as invalid:
        for error in invalid.errors:
            located(error)
        return
    except ContentError as error:
        located(error)
        return
    render_table(build), render_summary(build), build_csv(build), summarize(build)
    json.dumps(jsonld(build, "https://example.com/builds/rig/"))


SUMMARY_KEYS = ("n", "min", "q1", "median", "q3", "max", "mean", "sd", "outliers", "p95")
SUMMARY = st.fixed_dictionaries(
    {},
    optional=dict.fromkeys(SUMMARY_KEYS, NUMBER | VALUES)
    | {"whiskers": st.lists(NUMBER, max_size=3)},
)
RUNS = st.lists(NUMBER, max_size=4) | NUMBER | VALUES | SUMMARY
TOOL_JSON = st.one_of(
    st.fixed_dictionaries(
        {
            "results": st.lists(
                st.fixed_dictionaries(
                    {"command": st.text(max_size=8) | VALUES, "mean": NUMBER},
                    optional={
                        "times": RUNS,
                        "median": NUMBER,
                        "min": NUMBER,
                        "max": NUMBER,
                        "stddev": NUMBER | VALUES,
                    },
                ),
                max_size=3,
            )
        }
    ),
    st.fixed_dictionaries(
        {
            "machine_info": VALUES,
            "benchmarks": st.lists(
                st.fixed_dictionaries(
                    {
                        "stats": st.fixed_dictionaries(
                            {},
                            optional={
                                "data": RUNS,
                                "median": NUMBER,
                                "min": NUMBER,
                                "max": NUMBER,
                                "mean": NUMBER,
                                "rounds": NUMBER | VALUES,
                                "ld15iqr": NUMBER,
                                "hd15iqr": NUMBER,
                                "iqr_outliers": NUMBER | VALUES,
                            },
                        )
                    },
                    optional={"name": VALUES, "group": VALUES},
                ),
                max_size=3,
            ),
        }
    ),
    st.fixed_dictionaries(
        {
            "context": st.dictionaries(st.text(max_size=5), VALUES, max_size=2),
            "benchmarks": st.lists(
                st.fixed_dictionaries(
                    {"real_time": NUMBER | VALUES},
                    optional={
                        "name": VALUES,
                        "run_name": VALUES,
                        "time_unit": st.sampled_from(["ns", "us", "ms", "s", "h", 5, ["ns"]]),
                        "run_type": VALUES,
                        "aggregate_name": VALUES,
                        "error_occurred": st.booleans(),
                        "bytes_per_second": NUMBER | VALUES,
                        "cpu_time": NUMBER | VALUES,
                    },
                ),
                max_size=3,
            ),
        }
    ),
    st.fixed_dictionaries(
        {
            "fio version": VALUES,
            "jobs": st.lists(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "jobname": VALUES,
                        "read": st.fixed_dictionaries(
                            {},
                            optional={
                                "io_bytes": NUMBER,
                                "bw_bytes": NUMBER | VALUES,
                                "iops": NUMBER,
                                "bw": NUMBER | VALUES,
                                "clat": VALUES,
                                "clat_ns": VALUES
                                | st.fixed_dictionaries(
                                    {
                                        "percentile": st.dictionaries(
                                            st.sampled_from(["50.000000", "99.000000"]),
                                            NUMBER | VALUES,
                                        )
                                    }
                                ),
                            },
                        ),
                    },
                )
                | VALUES,
                max_size=3,
            ),
        }
    ),
    st.fixed_dictionaries(
        {
            "systems": st.dictionaries(st.sampled_from(["a", "b"]), VALUES, max_size=2),
            "benchmarks": st.lists(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "name": st.sampled_from(["Train", "Infer"]) | VALUES,
                        "unit": st.sampled_from(["s", "images/s", "B/s", ""]) | VALUES,
                        "better": st.sampled_from(["higher", "lower", "faster"]),
                        "results": st.dictionaries(
                            st.sampled_from(["a", "b", "c"]), RUNS, max_size=3
                        ),
                    },
                ),
                max_size=3,
            )
            | VALUES,
        },
        optional={
            "baseline": st.sampled_from(["a", "b", "z"]) | VALUES,
            "title": VALUES,
            "tool": VALUES,
        },
    ),
)


def _default(value):
    return str(value)  # dates from VALUES: JSON has none, a tool would write text


@FUZZ
@given(data=TOOL_JSON)
def test_benchmark_files_in_every_tool_shape(reader, data):
    name = f"fuzz-{next(_names)}"
    path = reader.root / "content" / "benchmarks" / f"{name}.json"
    path.write_text(json.dumps(data, default=_default), encoding="utf-8")
    files = build_context(reader.generator.settings).services  # noqa: F841 (same build)
    from plugins.benchmarks import BenchmarkFiles, BenchmarksSettings

    bench_files = BenchmarkFiles(BenchmarksSettings.from_pelican(reader.generator.settings))
    try:
        render_tag(bench_files, name, None, 1, "bench-fuzz")
    except ContentError as error:
        assert error.path and error.path.endswith(f"{name}.json"), error.located()
        if not error.message.startswith("unrecognised benchmark format"):
            located(error)
    finally:
        path.unlink()


PRICE = st.sampled_from(
    [
        "$199.99 @ Newegg",
        "$1,234.56",
        "1.234,56 €",
        "£89.00",
        "-",
        "",
        "$99999999999999999999999",
        "$1e30",
        "€",
        "$.",
        "$1.2.3,4",
        "Purchased For $50.00",
        "₹12,000",
        "12 kr",
        "free",
    ]
) | st.text(max_size=8)
ROW = st.tuples(
    st.sampled_from(
        [
            "**CPU**",
            "**Video Card**",
            "**Power Supply**",
            "**Custom**",
            "CPU",
            "**Gpuu**",
            "",
            "**Total**",
        ]
    ),
    st.sampled_from(
        [
            "[AMD Ryzen 7 3700X](https://pcpartpicker.com/x)",
            "Corsair RM650 650 W",
            "AMD Ryzen](https://x.com/y)",
            "",
            "*Samsung 970 EVO*",
        ]
    )
    | st.text(max_size=12),
    PRICE,
)


@FUZZ
@given(rows=st.lists(ROW, max_size=6), blanks=st.booleans())
def test_pcpartpicker_tables(rows, blanks):
    lines = ["Type|Item|Price", ":----|:----|:----"]
    lines += [" | ".join(row) for row in rows]
    lines.append("*Generated by [PCPartPicker](https://pcpartpicker.com) 2020-07-15*")
    text = ("\n\n" if blanks else "\n").join(lines)
    imported = parse_export(text)
    assert all(0 <= p.line <= text.count("\n") + 1 for p in imported.problems)
    if imported.parts:  # what the importer writes must always load as a build
        parse_build(
            to_yaml(imported, "Rig", imported.currency or "USD"),
            slug="rig",
            path="content/builds/rig.yaml",
        )
