"""Benchmark charts and tables as HTML: geometry from chart.py, markup from templates.

One system's results (the usual hobbyist import: one machine, one tool) are grouped
into one chart per unit, so benchmarks are compared with each other instead of each
drawn as a lone full-width bar.
"""

from __future__ import annotations

from dataclasses import replace

from markupsafe import Markup

from plugins._shared.render import Templates

from .chart import Chart, build_chart
from .model import Benchmark, BenchmarkFile, System
from .parse import entry_noun
from .units import quantity, to_base


def render_benchmarks(
    doc: BenchmarkFile,
    benchmarks: tuple[Benchmark, ...] | list[Benchmark],
    id_prefix: str,
    *,
    templates: Templates | None = None,
) -> Markup:
    """Every benchmark given, as a figure (chart + data table) each, with the
    systems' specs once below them."""
    charts = build_charts(doc, list(benchmarks))
    used = {key for b in benchmarks for key, _ in b.results}
    systems = [s for s in doc.systems if s.key in used and s.specs]
    return (templates or Templates.default()).render(
        "benchmarks/block.html",
        doc=doc,
        charts=charts,
        systems=systems,
        prefix=id_prefix,
        single=len(charts) == 1,
    )


def build_charts(doc: BenchmarkFile, benchmarks: list[Benchmark]) -> list[Chart]:
    systems = {key for b in benchmarks for key, _ in b.results}
    if len(benchmarks) > 1 and len(systems) == 1 and doc.source == "buildlog":
        return [build_chart(bench, grouped) for bench, grouped in group_by_unit(doc, benchmarks)]
    return [build_chart(b, doc) for b in benchmarks]


def group_by_unit(doc: BenchmarkFile, benchmarks: list[Benchmark]):
    """(benchmark, file) pairs whose rows are the given benchmarks: one pair per
    measured quantity (the name's part before ": ", as bench-import writes it) or,
    for names without one, per base unit (``ms`` and ``s`` share a chart, in seconds)."""
    groups: dict[tuple[str, str, str], list[tuple[Benchmark, float]]] = {}
    for bench in benchmarks:
        factor, base = to_base(bench.unit)
        head = bench.name.partition(": ")[0] if ": " in bench.name else ""
        groups.setdefault((head, base, bench.better), []).append((bench, factor))
    noun = entry_noun(doc.tool) if doc.tool else "Benchmark"
    for (head, unit, better), members in groups.items():
        if len(members) == 1 and not head:
            yield members[0][0], doc
            continue
        labels = [b.name.partition(": ")[2] if head else b.name for b, _ in members]
        results = tuple((b.name, b.results[0][1].scaled(f)) for b, f in members)
        rows = tuple(System(key=b.name, label=label) for (b, _), label in zip(members, labels))
        yield (
            Benchmark(name=head or quantity(unit), unit=unit, better=better, results=results),
            replace(doc, systems=rows, baseline="", rows=noun),
        )
