"""The data every benchmark source becomes: frozen, validated, ready to chart."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

BETTER = ("higher", "lower")


@dataclass(frozen=True)
class Result:
    """One system's result: the median of its runs with their spread.

    Tools that report only statistics (fio, pytest-benchmark without raw data) fill
    ``value``/``low``/``high`` directly and leave ``runs`` empty."""

    value: float
    low: float
    high: float
    count: int = 1
    runs: tuple[float, ...] = ()

    @classmethod
    def of(cls, runs: list[float] | tuple[float, ...]) -> Result:
        runs = tuple(float(r) for r in runs)
        return cls(statistics.median(runs), min(runs), max(runs), len(runs), runs)

    @property
    def spread(self) -> bool:
        return self.high > self.low

    @property
    def mean(self) -> float | None:
        return statistics.fmean(self.runs) if len(self.runs) > 1 else None

    @property
    def stdev(self) -> float | None:
        return statistics.stdev(self.runs) if len(self.runs) > 1 else None

    def stored(self) -> float | list[float]:
        """What a buildlog file keeps: the runs when known, else the value."""
        return list(self.runs) if len(self.runs) > 1 else self.value


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


def finite_nonnegative(value: object) -> bool:
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value) and value >= 0)


def file_from_measures(measures: list[Measure], title: str, source: str) -> BenchmarkFile:
    """A tool's output as charts of its entries: one chart per measured quantity."""
    charts: dict[str, list[Measure]] = {}
    for m in measures:
        charts.setdefault(m.chart, []).append(m)
    entries = list(dict.fromkeys(m.entry for m in measures))
    systems = tuple(System(key=e, label=e) for e in entries)
    benchmarks = tuple(
        Benchmark(name=chart, unit=ms[0].unit, better=ms[0].better,
                  results=tuple((m.entry, m.result) for m in ms))
        for chart, ms in charts.items())
    return BenchmarkFile(title=title, systems=systems, benchmarks=benchmarks, source=source)


def import_name(measure: Measure) -> str:
    """The benchmark name a measure gets in a buildlog file."""
    return f"{measure.chart}: {measure.entry}" if measure.entry else measure.chart
