"""benchmarks: chart geometry checked numerically, and the SVG that carries it."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from plugins.benchmarks import chart as C
from plugins.benchmarks.chart import build_chart, relative_text
from plugins.benchmarks.parse import parse_data
from plugins.benchmarks.render import render_benchmarks

DOC = {
    "title": "Prometheus vs the cloud",
    "systems": {"prometheus": {"label": "Prometheus", "specs": {"GPU": "RTX 2070 Super"}},
                "colab-t4": {"label": "Colab Pro (T4)"},
                "laptop": {"label": "A laptop with a very long name indeed"}},
    "baseline": "colab-t4",
    "benchmarks": [
        {"name": "ResNet-50 training", "unit": "images/s", "better": "higher",
         "results": {"prometheus": [412.1, 409.8, 420.0], "colab-t4": 251.3, "laptop": 100}},
        {"name": "Epoch time", "unit": "s", "better": "lower",
         "results": {"prometheus": 60, "colab-t4": 90}},
    ],
}


@pytest.fixture(scope="module")
def doc():
    text = json.dumps(DOC)
    return parse_data(json.loads(text), text, "x.json")


def test_bars_proportional_to_values_with_whiskers(doc):
    chart = build_chart(doc.benchmarks[0], doc)
    prom, colab, laptop = chart.bars
    top = 420.0  # the longest whisker ends the plot
    assert prom.width == pytest.approx(C.PLOT_W * 412.1 / top, abs=0.01)
    assert colab.width / laptop.width == pytest.approx(251.3 / 100, rel=1e-3)
    assert prom.whisker == (pytest.approx(C.PLOT_X + C.PLOT_W * 409.8 / top, abs=0.01),
                            C.PLOT_X + C.PLOT_W)
    assert colab.whisker is None and laptop.whisker is None
    assert prom.text_x == C.PLOT_X + C.PLOT_W + 8  # value text after the whisker
    assert colab.text_x == pytest.approx(C.PLOT_X + colab.width + 8)
    assert [b.y for b in chart.bars] == [C.TOP, C.TOP + C.BAR_H + C.GAP, C.TOP + 2 * (C.BAR_H + C.GAP)]
    assert chart.height == 2 * C.TOP + 3 * C.BAR_H + 2 * C.GAP


def test_labels_units_and_baseline(doc):
    chart = build_chart(doc.benchmarks[0], doc)
    prom, colab, laptop = chart.bars
    assert (prom.value_text, prom.range_text) == ("412 images/s", "410–420 images/s")
    assert prom.relative == "1.64× faster" and colab.relative == "baseline" and colab.baseline
    assert laptop.relative == "60% slower"
    assert laptop.short == "A laptop with a very lo…" and len(laptop.short) == C.MAX_LABEL
    assert chart.better_text == "Higher is better" and chart.baseline_label == "Colab Pro (T4)"
    assert [b.colour for b in chart.bars] == [0, 1, 2]
    assert chart.description.startswith("ResNet-50 training, higher is better. Prometheus: "
                                        "412 images/s (1.64× faster)")


def test_lower_is_better_relative(doc):
    chart = build_chart(doc.benchmarks[1], doc)
    assert chart.bars[0].relative == "1.50× faster" and chart.better_text == "Lower is better"
    assert relative_text(120, 100, "lower", "s") == "17% slower"
    assert relative_text(2, 1, "higher", "points") == "2.00× better"


def test_svg_markup(doc):
    html = render_benchmarks(doc, doc.benchmarks, "bench-x-1")
    soup = BeautifulSoup(html, "html.parser")
    svgs = soup.select("svg.bench-svg")
    assert len(svgs) == 2
    svg = svgs[0]
    assert svg["role"] == "img" and svg["aria-labelledby"] == "bench-x-1-1-title bench-x-1-1-desc"
    assert svg.find("title", id="bench-x-1-1-title").text == "ResNet-50 training (higher is better)"
    assert "Colab Pro (T4): 251 images/s (baseline)" in svg.find("desc").text
    rects = svg.select("rect.bench-bar")
    assert [r["class"][1] for r in rects] == ["bench-c0", "bench-c1", "bench-c2"]
    assert float(rects[0]["width"]) == build_chart(doc.benchmarks[0], doc).bars[0].width
    assert svg.select_one(".bench-row--baseline rect.bench-hatch")["fill"] == "url(#bench-x-1-1-hatch)"
    assert len(svg.select("path.bench-whisker")) == 1
    assert [t.text for t in svg.select("text.bench-value")] == [
        "412 images/s · 1.64× faster", "251 images/s · baseline", "100 images/s · 60% slower"]
    assert not svg.find(attrs={"style": True})
    rows = soup.select("table.bench-table")[0].select("tbody tr")
    assert [c.text for c in rows[0].find_all(["th", "td"])] == [
        "Prometheus", "412 images/s", "410–420 images/s", "414 images/s ± 5.35 images/s", "3",
        "1.64× faster"]
    assert soup.select_one(".bench-systems dt").text == "Prometheus"


def test_user_text_is_escaped():
    data = {"systems": {"a": {"label": "<script>alert(1)</script>"}},
            "benchmarks": [{"name": "<b>x</b>", "unit": "u<i>", "better": "higher",
                            "results": {"a": 1}}]}
    doc = parse_data(data, json.dumps(data), "x.json")
    html = str(render_benchmarks(doc, doc.benchmarks, "b"))
    assert "<script>" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;" in html
