"""What a chart shows, computed here so tests can check the numbers; the template
only places what it is given. Positions are percentages of the plot's width, so a
chart is drawn for whatever width it is shown at and its text is never scaled.

    This machine            6.19 GB/s · 2.32× faster      (narrow: label, value,
    ██████████████████├──┤                                  then the bar)
    This machine | ████████████├──┤        | 6.19 GB/s · 2.32× faster   (wide)

Linear scale: bars from zero to the median, whiskers from chart.stats, the longest
whisker ends the plot. Log scale (chosen when medians span more than LOG_RATIO):
a dot at the median on a decade grid, since bar length means nothing there.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .labels import shorten
from .model import Benchmark, BenchmarkFile, Result
from .units import format_value, is_rate, is_time

PALETTE = 6  # CSS classes bench-c0 .. bench-c5 (Okabe-Ito colours)
EDGE = 2.0  # percent kept free at the ends, so caps and dots are not cut
LOG_RATIO = 100  # largest / smallest median beyond which the axis is logarithmic
MAX_TICK_LABELS = 5  # what fits under a 288 px plot (a 320 px phone)


@dataclass(frozen=True)
class Tick:
    pos: float  # percent of the plot width
    text: str  # "" for a gridline without a label
    anchor: str  # SVG text-anchor, so edge labels stay inside the plot


@dataclass(frozen=True)
class Scale:
    log: bool
    low: float
    high: float
    ticks: tuple[Tick, ...] = ()

    def pos(self, value: float) -> float:
        if self.log:
            span = math.log10(self.high) - math.log10(self.low)
            share = (math.log10(max(value, self.low)) - math.log10(self.low)) / span
        else:
            share = value / self.high if self.high > 0 else 0.0
        share = min(max(share, 0.0), 1.0)
        start = EDGE if self.log else 0.0  # bars start at the axis; dots need room
        return round(start + share * (100 - EDGE - start), 2)


@dataclass(frozen=True)
class Row:
    key: str
    label: str  # full text (table, tooltip, screen readers)
    short: str  # what the chart shows
    mark: float  # percent: where the bar ends, or the dot sits
    whisker: tuple[float, float] | None
    value_text: str
    relative: str  # "1.64× faster", "39% slower", "baseline" or ""
    range_text: str
    mean_text: str
    runs_text: str
    colour: int
    baseline: bool
    result: Result


@dataclass(frozen=True)
class Chart:
    name: str
    unit: str
    better_text: str
    rows: tuple[Row, ...]
    scale: Scale
    baseline_label: str
    row_noun: str  # the table's first column: System, Command, Test...
    prefix: str  # the start every label shared, removed from the chart
    note: str  # how whiskers are drawn, and the outliers left out


def relative_text(value: float, base: float, better: str, unit: str) -> str:
    """How ``value`` compares with the baseline's ``base``: ``1.64× faster``."""
    if value == base:
        return "same as baseline"
    if value == 0 or base == 0:
        return ""
    ratio = value / base if better == "higher" else base / value
    good, bad = ("faster", "slower") if is_time(unit) or is_rate(unit) else ("better", "worse")
    if ratio >= 1:
        return f"{ratio:.{1 if ratio >= 10 else 2}f}×\u00a0{good}"
    return f"{(1 - ratio) * 100:.0f}%\u00a0{bad}"


def value_text(value: float, unit: str) -> str:
    """``6.19 GB/s`` with a no-break space: a number never wraps apart from its unit."""
    return format_value(value, unit).replace(" ", "\u00a0")


def range_text(low: float, high: float, unit: str) -> str:
    """``410–412 images/s``; both units written when they differ (``980 µs – 1.2 ms``)."""
    if not high > low:
        return ""
    low_text, high_text = value_text(low, unit), value_text(high, unit)
    low_num, _, low_unit = low_text.partition("\u00a0")
    if low_unit == high_text.partition("\u00a0")[2]:
        return f"{low_num}–{high_text}"
    return f"{low_text} – {high_text}"


def _mean_text(result: Result, unit: str) -> str:
    if result.mean is None or result.stdev is None:
        return ""
    return f"{value_text(result.mean, unit)} ± {value_text(result.stdev, unit)}"


def _runs_text(result: Result) -> str:
    runs = f"{result.count:,}"
    return f"{runs} ({result.outliers:,} outliers)" if result.outliers else runs


def choose_scale(results: list[Result], unit: str) -> Scale:
    """Linear from zero to the longest whisker, or log when medians span > LOG_RATIO."""
    medians = [r.value for r in results]
    ends = [e for r in results for e in r.whiskers] + medians
    if min(medians) > 0 and max(medians) / min(medians) > LOG_RATIO:
        first = math.floor(math.log10(min(ends)))
        last = math.ceil(math.log10(max(ends)))
        return _log_scale(first, max(last, first + 1), unit)
    return Scale(False, 0.0, max(ends) or 1.0)


def _log_scale(first: int, last: int, unit: str) -> Scale:
    decades = last - first
    step = math.ceil((decades + 1) / MAX_TICK_LABELS)
    ticks = []
    for i in range(decades + 1):
        pos = round(EDGE + (100 - 2 * EDGE) * i / decades, 2)
        anchor = "start" if i == 0 else "end" if i == decades else "middle"
        text = format_value(10.0 ** (first + i), unit) if (decades - i) % step == 0 else ""
        ticks.append(Tick(pos, text, anchor))
    return Scale(True, 10.0**first, 10.0**last, tuple(ticks))


def _note(results: list[Result], log: bool) -> str:
    """How to read the marks: what the whiskers span and what they leave out."""
    spread = [r for r in results if r.spread]
    if not spread:
        return ""
    tukey = [r for r in spread if r.tukey]
    if tukey and len(tukey) < len(spread):
        rule = "the runs within 1.5 × IQR of the quartiles (all runs where there are fewer than 5)"
    elif tukey:
        rule = "the runs within 1.5 × IQR of the quartiles"
    else:
        rule = "every run, fastest to slowest"
    outliers = sum(r.outliers or 0 for r in tukey)
    left_out = (
        f" {outliers:,} outlier{'s' if outliers != 1 else ''} beyond them "
        f"{'are' if outliers != 1 else 'is'} counted in the numbers, not drawn."
        if outliers
        else ""
    )
    mark = "Dots" if log else "Bars"
    return f"{mark} show the median; whiskers span {rule}.{left_out}"


def build_chart(bench: Benchmark, doc: BenchmarkFile) -> Chart:
    """One chart: a row per result, on a scale that fits the robust whiskers."""
    results = [r for _, r in bench.results]
    scale = choose_scale(results, bench.unit)
    base = dict(bench.results).get(doc.baseline) if doc.baseline else None
    labels = [doc.system(key).label for key, _ in bench.results]
    shorts, prefix = shorten(labels)
    by_system = doc.rows == "System"
    order = [s.key for s in doc.systems]
    rows = []
    for (key, result), label, short in zip(bench.results, labels, shorts):
        is_base = base is not None and key == doc.baseline
        low, high = result.whiskers
        rows.append(
            Row(
                key=key,
                label=label,
                short=short,
                mark=scale.pos(result.value),
                whisker=(scale.pos(low), scale.pos(high)) if high > low else None,
                value_text=value_text(result.value, bench.unit),
                relative="baseline"
                if is_base
                else (
                    relative_text(result.value, base.value, bench.better, bench.unit)
                    if base
                    else ""
                ),
                range_text=range_text(result.low, result.high, bench.unit),
                mean_text=_mean_text(result, bench.unit),
                runs_text=_runs_text(result),
                colour=order.index(key) % PALETTE if by_system else 0,
                baseline=is_base,
                result=result,
            )
        )
    return Chart(
        name=bench.name,
        unit=bench.unit,
        better_text=f"{bench.better.capitalize()} is better",
        rows=tuple(rows),
        scale=scale,
        baseline_label=doc.system(doc.baseline).label if base else "",
        row_noun=doc.rows,
        prefix=prefix,
        note=_note(results, scale.log),
    )
