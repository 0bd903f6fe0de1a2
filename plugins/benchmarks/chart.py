"""Geometry of a horizontal bar chart, computed here so tests can check the numbers
and the template only places what it is given.

    label column | bars from x=PLOT_X ... PLOT_X+PLOT_W | value text
    Prometheus   |██████████████████├──┤ 411 images/s · 1.64× faster
    Colab (T4)   |███████████▒▒▒▒  251 images/s (baseline)
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Benchmark, BenchmarkFile, Result
from .units import format_value, is_rate, is_time

WIDTH = 720
LABEL_W = 170      # system names, right-aligned before the bars
PLOT_X = LABEL_W + 10
PLOT_W = 330       # longest bar (or whisker) ends here; value text follows
BAR_H = 24
GAP = 12
TOP = 8
PALETTE = 6        # CSS classes bench-c0 .. bench-c5 (Okabe-Ito colours)
MAX_LABEL = 24     # characters before a system name is shortened in the SVG


@dataclass(frozen=True)
class Bar:
    key: str
    label: str        # full name (table, tooltip)
    short: str        # what fits in the label column
    y: float
    width: float
    whisker: tuple[float, float] | None  # x of min and max, when runs vary
    value_text: str
    range_text: str
    relative: str     # "1.64× faster", "39% slower", "baseline" or ""
    mean_text: str    # "10.9 ms ± 760 µs" when there are several runs
    text_x: float
    colour: int
    baseline: bool
    result: Result


@dataclass(frozen=True)
class Chart:
    name: str
    unit: str
    better_text: str
    width: int
    height: int
    bar_height: int
    plot_x: int
    plot_w: int
    bars: tuple[Bar, ...]
    baseline_label: str
    description: str


def relative_text(value: float, base: float, better: str, unit: str) -> str:
    """How ``value`` compares with the baseline's ``base``: ``1.64× faster``."""
    if value == base:
        return "same as baseline"
    if value == 0 or base == 0:
        return ""
    ratio = value / base if better == "higher" else base / value
    good, bad = ("faster", "slower") if is_time(unit) or is_rate(unit) else ("better", "worse")
    if ratio >= 1:
        return f"{ratio:.{1 if ratio >= 10 else 2}f}× {good}"
    return f"{(1 - ratio) * 100:.0f}% {bad}"


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[:MAX_LABEL - 1] + "…"


def range_text(result: Result, unit: str) -> str:
    """``410–412 images/s``; both units written when they differ (``980 µs – 1.2 ms``)."""
    if not result.spread:
        return ""
    low, high = format_value(result.low, unit), format_value(result.high, unit)
    low_num, _, low_unit = low.partition(" ")
    high_num, _, high_unit = high.partition(" ")
    if low_unit == high_unit:
        return f"{low_num}–{high}"
    return f"{low} – {high}"


def _mean_text(result: Result, unit: str) -> str:
    if result.mean is None:
        return ""
    return f"{format_value(result.mean, unit)} ± {format_value(result.stdev, unit)}"


def _x(value: float, top: float) -> float:
    return round(PLOT_W * value / top, 2) if top > 0 else 0.0


def build_chart(bench: Benchmark, doc: BenchmarkFile) -> Chart:
    """Bars proportional to each system's median, on a scale from zero to the largest
    value shown (a max whisker included), so lengths compare honestly."""
    order = [s.key for s in doc.systems]
    top = max(r.high for _, r in bench.results)
    results = dict(bench.results)
    base = results.get(doc.baseline) if doc.baseline else None
    bars = []
    for i, (key, result) in enumerate(bench.results):
        is_base = base is not None and key == doc.baseline
        label = doc.system(key).label
        whisker = (PLOT_X + _x(result.low, top), PLOT_X + _x(result.high, top)) \
            if result.spread else None
        width = _x(result.value, top)
        end = whisker[1] if whisker else PLOT_X + width
        relative = "baseline" if is_base else (
            relative_text(result.value, base.value, bench.better, bench.unit) if base else "")
        bars.append(Bar(
            key=key, label=label, short=_short(label), y=TOP + i * (BAR_H + GAP), width=width,
            whisker=whisker, value_text=format_value(result.value, bench.unit),
            range_text=range_text(result, bench.unit),
            relative=relative, mean_text=_mean_text(result, bench.unit),
            text_x=round(end + 8, 2), colour=order.index(key) % PALETTE,
            baseline=is_base, result=result))
    better_text = f"{bench.better.capitalize()} is better"
    base_label = doc.system(doc.baseline).label if base is not None else ""
    return Chart(name=bench.name, unit=bench.unit, better_text=better_text, width=WIDTH,
                 height=TOP * 2 + len(bars) * (BAR_H + GAP) - GAP, bar_height=BAR_H,
                 plot_x=PLOT_X, plot_w=PLOT_W, bars=tuple(bars), baseline_label=base_label,
                 description=describe(bench.name, better_text, bars))


def describe(name: str, better_text: str, bars: list[Bar]) -> str:
    """The chart in words, for the SVG's <desc> (screen readers)."""
    parts = [f"{b.label}: {b.value_text}" + (f" ({b.relative})" if b.relative else "")
             for b in bars]
    return f"{name}, {better_text.lower()}. " + "; ".join(parts) + "."
