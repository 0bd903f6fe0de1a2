"""benchmarks: what a chart shows, checked numerically (scale, whiskers, outliers,
labels, grouping), and the markup that carries it."""

from __future__ import annotations

import json
import random

import pytest
from bs4 import BeautifulSoup

from plugins.benchmarks.chart import EDGE, build_chart, choose_scale, relative_text
from plugins.benchmarks.labels import common_prefix, middle_ellipsis, shorten
from plugins.benchmarks.parse import parse_data
from plugins.benchmarks.render import build_charts, render_benchmarks
from plugins.benchmarks.stats import RAW_RUNS_CAP, Result

DOC = {
    "title": "Prometheus vs the cloud",
    "systems": {
        "prometheus": {"label": "Prometheus", "specs": {"GPU": "RTX 2070 Super"}},
        "colab-t4": {"label": "Colab Pro (T4)"},
        "laptop": {"label": "A laptop with a very long name indeed"},
    },
    "baseline": "colab-t4",
    "benchmarks": [
        {
            "name": "ResNet-50 training",
            "unit": "images/s",
            "better": "higher",
            "results": {"prometheus": [412.1, 409.8, 420.0], "colab-t4": 251.3, "laptop": 100},
        },
        {
            "name": "Epoch time",
            "unit": "s",
            "better": "lower",
            "results": {"prometheus": 60, "colab-t4": 90},
        },
    ],
}


def parse(data: dict):
    text = json.dumps(data)
    return parse_data(json.loads(text), text, "x.json")


@pytest.fixture(scope="module")
def doc():
    return parse(DOC)


def plain(text: str) -> str:
    return text.replace("\u00a0", " ")


def test_bars_proportional_to_medians_on_a_scale_ending_at_the_longest_whisker(doc):
    chart = build_chart(doc.benchmarks[0], doc)
    prom, colab, laptop = chart.rows
    assert not chart.scale.log and chart.scale.high == 420.0  # three runs: whiskers min-max
    usable = 100 - EDGE
    assert prom.mark == pytest.approx(usable * 412.1 / 420, abs=0.01)
    assert colab.mark / laptop.mark == pytest.approx(251.3 / 100, rel=1e-3)
    assert prom.whisker == (pytest.approx(usable * 409.8 / 420, abs=0.01), usable)
    assert colab.whisker is None and laptop.whisker is None


def test_labels_units_and_baseline(doc):
    prom, colab, laptop = build_chart(doc.benchmarks[0], doc).rows
    assert plain(prom.value_text) == "412 images/s" and plain(prom.range_text) == "410–420 images/s"
    assert (
        plain(prom.relative) == "1.64× faster" and colab.relative == "baseline" and colab.baseline
    )
    assert plain(laptop.relative) == "60% slower"
    assert "\u00a0" in prom.value_text  # a number never wraps away from its unit
    assert [r.colour for r in build_chart(doc.benchmarks[0], doc).rows] == [0, 1, 2]


def test_lower_is_better_relative(doc):
    chart = build_chart(doc.benchmarks[1], doc)
    assert (
        plain(chart.rows[0].relative) == "1.50× faster" and chart.better_text == "Lower is better"
    )
    assert plain(relative_text(120, 100, "lower", "s")) == "17% slower"
    assert plain(relative_text(2, 1, "higher", "points")) == "2.00× better"


def test_tukey_whiskers_count_outliers_and_keep_them_off_the_scale():
    rng = random.Random(3)
    runs = [8.4e-6 * rng.uniform(0.95, 1.05) for _ in range(2000)] + [8e-3, 0.236]
    result = Result.of(runs)
    assert result.tukey and result.outliers == 2
    low, high = result.whiskers
    assert high < 9e-6 and low > 7.9e-6 and result.high == 0.236
    scale = choose_scale([result, Result.of([7.9e-5] * 5)], "s")
    assert not scale.log and scale.high < 1e-4  # the 236 ms outlier does not set the scale


def test_few_runs_whiskers_span_every_run():
    result = Result.of([3.0, 1.0, 2.0])
    assert not result.tukey and result.whiskers == (1.0, 3.0) and result.outliers is None


def test_log_axis_when_medians_span_more_than_100x():
    results = [Result.single(6.88e-7), Result.single(8.41e-5), Result.single(7.65e-4)]
    scale = choose_scale(results, "s")
    assert scale.log and (scale.low, scale.high) == (pytest.approx(1e-7), pytest.approx(1e-3))
    assert [t.text.replace("\u00a0", " ") for t in scale.ticks] == [
        "100 ns",
        "1 µs",
        "10 µs",
        "100 µs",
        "1 ms",
    ]
    assert [t.anchor for t in scale.ticks] == ["start", "middle", "middle", "middle", "end"]
    assert scale.pos(1e-5) == pytest.approx(50.0)
    assert not choose_scale([Result.single(1.0), Result.single(99.0)], "s").log


def test_many_decades_label_every_other_tick():
    scale = choose_scale([Result.single(1e-9), Result.single(1.0)], "s")
    labelled = [t for t in scale.ticks if t.text]
    assert len(scale.ticks) == 10 and len(labelled) <= 5 and scale.ticks[-1].text


def test_stored_results_keep_few_runs_and_summarise_many():
    few = Result.of([1.0, 2.0, 3.0])
    assert few.stored() == [1.0, 2.0, 3.0]
    many = Result.of([1.0 + i / 1000 for i in range(RAW_RUNS_CAP + 1)] + [50.0])
    summary = many.stored()
    assert set(summary) == {
        "n",
        "min",
        "q1",
        "median",
        "q3",
        "max",
        "mean",
        "sd",
        "whiskers",
        "outliers",
    }
    assert summary["n"] == RAW_RUNS_CAP + 2 and summary["outliers"] == 1 and summary["max"] == 50.0
    again = parse(
        {
            "systems": {"a": {}},
            "benchmarks": [
                {"name": "x", "unit": "s", "better": "lower", "results": {"a": summary}}
            ],
        }
    )
    back = again.benchmarks[0].results[0][1]
    assert (back.count, back.outliers, back.whiskers) == (
        many.count,
        1,
        pytest.approx(many.whiskers),
    )
    assert Result.single(4.0).stored() == 4.0


@pytest.mark.parametrize(
    "labels, expected, prefix",
    [
        (
            [
                'python3 -c "sum(range(10**6)); print(1234567)"',
                'python3 -c "sum(range(10**7)); print(1234567)"',
            ],
            ['…10**6)); print(1234567)"', '…10**7)); print(1234567)"'],
            'python3 -c "sum(range(',
        ),
        (["a", "b"], ["a", "b"], ""),
        (
            [
                "tests/test_parse.py::test_parse_large_file_with_many_rows[1000]",
                "tests/test_parse.py::test_parse_large_file_with_many_rows[100000]",
            ],
            ["…rows[1000]", "…rows[100000]"],
            "tests/test_parse.py::test_parse_large_file_with_many_",
        ),
        (
            [
                "tests/test_parse.py::test_parse_large_file_with_many_rows[1000]",
                "tests/test_io.py::t",
            ],
            ["…parse.py::test_…many_rows[1000]", "…io.py::t"],
            "tests/test_",
        ),
    ],
)
def test_short_labels_stay_distinct(labels, expected, prefix):
    short, removed = shorten(labels)
    assert (short, removed) == (expected, prefix)
    assert len(set(short)) == len(set(labels))


def test_label_helpers():
    assert middle_ellipsis("abcdefghij", 5) == "ab…ij"
    assert common_prefix(["test_fib_10", "test_fib_20"]) == "test_fib_"
    assert common_prefix(["test_a", "test_b"]) == ""  # too short to be worth a note
    assert common_prefix(["only one"]) == ""


def test_one_system_is_one_chart_per_unit():
    data = {
        "title": "T",
        "tool": "pytest-benchmark",
        "systems": {"desk": {"label": "Desk"}},
        "benchmarks": [
            {
                "name": "Time per call: test_a",
                "unit": "s",
                "better": "lower",
                "results": {"desk": 0.002},
            },
            {
                "name": "Time per call: test_b",
                "unit": "ms",
                "better": "lower",
                "results": {"desk": 3},
            },
            {"name": "Copy", "unit": "GB/s", "better": "higher", "results": {"desk": 2}},
            {"name": "Disk write", "unit": "MB/s", "better": "higher", "results": {"desk": 900}},
            {"name": "Score", "unit": "points", "better": "higher", "results": {"desk": 7}},
        ],
    }
    doc = parse(data)
    charts = build_charts(doc, list(doc.benchmarks))
    assert [(c.name, c.unit, c.row_noun) for c in charts] == [
        ("Time per call", "s", "Test"),
        ("Throughput", "B/s", "Test"),
        ("Score", "points", "System"),
    ]
    assert [r.label for r in charts[2].rows] == ["Desk"]  # alone in its unit: as written
    time, throughput, _ = charts
    assert [r.label for r in time.rows] == ["test_a", "test_b"]
    assert [plain(r.value_text) for r in time.rows] == ["2 ms", "3 ms"]  # ms became seconds
    assert [plain(r.value_text) for r in throughput.rows] == ["2 GB/s", "900 MB/s"]
    assert {r.colour for r in time.rows} == {0}  # rows are benchmarks, not systems


def test_markup(doc):
    soup = BeautifulSoup(render_benchmarks(doc, doc.benchmarks, "bench-x-1"), "html.parser")
    figure = soup.select("figure.bench-chart")[0]
    rows = figure.select(".bench-row")
    assert [r.select_one(".bench-row__label").get_text() for r in rows][:2] == [
        "Prometheus",
        "Colab Pro (T4)",
    ]
    bars = figure.select("rect.bench-bar")
    assert [b["class"][1] for b in bars] == ["bench-c0", "bench-c1", "bench-c2"]
    assert bars[0]["width"] == f"{build_chart(doc.benchmarks[0], doc).rows[0].mark}%"
    assert (
        figure.select_one(".bench-row--baseline rect.bench-hatch")["fill"]
        == "url(#bench-x-1-1-hatch)"
    )
    assert len(figure.select("line.bench-whisker")) == 3  # one row varies: bar and two caps
    assert all(
        svg["aria-hidden"] == "true" and "viewbox" not in svg.attrs for svg in figure.select("svg")
    )  # never scaled: text keeps its CSS size
    assert not soup.find(attrs={"style": True})
    table = figure.select_one("table.bench-table")
    assert [th.get_text() for th in table.select("thead th")] == [
        "System",
        "Median",
        "Min – max",
        "Mean ± sd",
        "Runs",
        "vs baseline",
    ]
    assert plain(table.select("tbody tr")[0].get_text("|")) == (
        "Prometheus|412 images/s|410–420 images/s|414 images/s ± 5.35 images/s|3|1.64× faster"
    )
    second = soup.select("figure.bench-chart")[1].select_one("table.bench-table")
    assert [th.get_text() for th in second.select("thead th")] == [
        "System",
        "Result",
        "vs baseline",
    ]  # columns with nothing in them are left out
    assert soup.select_one(".bench-systems dt").text == "Prometheus"


def test_long_labels_shortened_in_the_chart_full_in_the_table():
    long = {
        f"c{i}": {"label": f'python3 -c "sum(range(10**{i}))" && echo done and more'}
        for i in (6, 7)
    }
    doc = parse(
        {
            "systems": long,
            "benchmarks": [
                {"name": "Run", "unit": "s", "better": "lower", "results": {"c6": 0.02, "c7": 0.2}}
            ],
        }
    )
    soup = BeautifulSoup(render_benchmarks(doc, doc.benchmarks, "b"), "html.parser")
    shown = [r.select_one('[aria-hidden="true"]').get_text() for r in soup.select(".bench-row")]
    assert len(set(shown)) == 2 and all(len(s) <= 32 for s in shown)
    assert [r.select_one(".visually-hidden").get_text() for r in soup.select(".bench-row")] == [
        s["label"] for s in long.values()
    ]
    assert [th.get_text() for th in soup.select("tbody th")] == [s["label"] for s in long.values()]
    assert "Every name starts with" in soup.select_one(".bench-chart__note").get_text()


def test_log_chart_markup():
    doc = parse(
        {
            "systems": {"a": {}, "b": {}},
            "benchmarks": [
                {
                    "name": "Iteration",
                    "unit": "ns",
                    "better": "lower",
                    "results": {"a": 688, "b": 765000},
                }
            ],
        }
    )
    soup = BeautifulSoup(render_benchmarks(doc, doc.benchmarks, "b"), "html.parser")
    assert "log scale" in soup.select_one(".bench-chart__better").get_text()
    assert len(soup.select("circle.bench-dot")) == 2 and not soup.select("rect.bench-bar")
    assert [t.get_text() for t in soup.select("svg.bench-axis text")][-1] == "1 ms"


def test_user_text_is_escaped():
    data = {
        "systems": {"a": {"label": "<script>alert(1)</script>"}},
        "benchmarks": [
            {"name": "<b>x</b>", "unit": "u<i>", "better": "higher", "results": {"a": 1}}
        ],
    }
    html = str(render_benchmarks(parse(data), parse(data).benchmarks, "b"))
    assert "<script>" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;" in html
