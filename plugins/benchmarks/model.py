"""The data every benchmark source becomes: frozen, validated, ready to chart."""

from __future__ import annotations

from dataclasses import dataclass

from .stats import Result, finite_nonnegative

__all__ = [
    "BETTER",
    "Benchmark",
    "BenchmarkFile",
    "Measure",
    "Result",
    "System",
    "file_from_measures",
    "finite_nonnegative",
    "import_name",
]
BETTER = ("higher", "lower")


@dataclass(frozen=True)
class System:
    key: str
    label: str
    build: str = ""
    specs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Benchmark:
    name: str
    unit: str
    better: str
    results: tuple[tuple[str, Result], ...]  # (system key, result), in file order


@dataclass(frozen=True)
class BenchmarkFile:
    title: str
    systems: tuple[System, ...]
    benchmarks: tuple[Benchmark, ...]
    baseline: str = ""
    source: str = "buildlog"  # or the tool whose JSON this was
    rows: str = "System"  # what the systems are: "Command" for hyperfine's, ...
    tool: str = ""  # a buildlog file: the tool its results were imported from

    def system(self, key: str) -> System:
        return next(s for s in self.systems if s.key == key)

    def find(self, name: str) -> Benchmark | None:
        return next((b for b in self.benchmarks if b.name == name), None)


@dataclass(frozen=True)
class Measure:
    """One number a tool reported: ``entry`` (a command, a test, a job) within
    ``chart`` (what was measured). A tool file read directly charts entries side by
    side; imported, each measure becomes a benchmark compared across machines."""

    chart: str
    entry: str
    unit: str
    better: str
    result: Result


def file_from_measures(
    measures: list[Measure], title: str, source: str, rows: str
) -> BenchmarkFile:
    """A tool's output as charts of its entries: one chart per measured quantity."""
    charts: dict[str, list[Measure]] = {}
    for m in measures:
        charts.setdefault(m.chart, []).append(m)
    entries = list(dict.fromkeys(m.entry for m in measures))
    systems = tuple(System(key=e, label=e) for e in entries)
    benchmarks = tuple(
        Benchmark(
            name=chart,
            unit=ms[0].unit,
            better=ms[0].better,
            results=tuple((m.entry, m.result) for m in ms),
        )
        for chart, ms in charts.items()
    )
    return BenchmarkFile(
        title=title, systems=systems, benchmarks=benchmarks, source=source, rows=rows
    )


def import_name(measure: Measure) -> str:
    """The benchmark name a measure gets in a buildlog file."""
    return f"{measure.chart}: {measure.entry}" if measure.entry else measure.chart
