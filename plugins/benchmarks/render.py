"""Benchmark charts and tables as HTML: geometry from chart.py, markup from templates."""

from __future__ import annotations

from markupsafe import Markup

from plugins._shared.render import Templates

from .chart import build_chart
from .model import Benchmark, BenchmarkFile


def render_benchmarks(doc: BenchmarkFile, benchmarks: tuple[Benchmark, ...] | list[Benchmark],
                      id_prefix: str, *, templates: Templates | None = None) -> Markup:
    """Every benchmark given, as a figure (inline SVG chart + data table) each, with
    the systems' specs once below them."""
    charts = [build_chart(b, doc) for b in benchmarks]
    used = {key for b in benchmarks for key, _ in b.results}
    systems = [s for s in doc.systems if s.key in used and s.specs]
    return (templates or Templates.default()).render("benchmarks/block.html", doc=doc, charts=charts, systems=systems,
                  prefix=id_prefix, single=len(charts) == 1)
