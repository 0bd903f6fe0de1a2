"""Google Benchmark JSON (``--benchmark_format=json`` or ``--benchmark_out``).

Time per iteration (its ``time_unit``, lower is better) and every counter such as
``bytes_per_second`` (higher is better). With ``--benchmark_repetitions`` each
repetition is a run, so the chart shows their median and spread.
"""

from __future__ import annotations

from plugins._shared.errors import ContentError

from .model import BenchmarkFile, Measure, Result, file_from_measures, finite_nonnegative

NAME = "Google Benchmark"
ENTRY = "Benchmark"
TIME_UNITS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
STANDARD = {
    "name",
    "family_index",
    "per_family_instance_index",
    "run_name",
    "run_type",
    "repetitions",
    "repetition_index",
    "threads",
    "iterations",
    "real_time",
    "cpu_time",
    "time_unit",
    "aggregate_name",
    "aggregate_unit",
    "label",
    "error_occurred",
    "error_message",
    "big_o",
    "rms",
}
COUNTERS = {
    "bytes_per_second": ("Bytes per second", "B/s"),
    "items_per_second": ("Items per second", "items/s"),
}


def detect(data: object) -> bool:
    items = data.get("benchmarks") if isinstance(data, dict) else None
    return (
        isinstance(items, list)
        and isinstance(data.get("context"), dict)
        and all(isinstance(b, dict) and "real_time" in b for b in items)
    )


def machine(data: dict) -> str:
    ctx = data["context"]
    return ", ".join(
        str(p)
        for p in (
            ctx.get("host_name"),
            f"{ctx.get('num_cpus')} CPUs" if ctx.get("num_cpus") else "",
        )
        if p
    )


def title(data: dict) -> str:
    executable = str(data["context"].get("executable") or "").rsplit("/", 1)[-1]
    return f"Google Benchmark: {executable}" if executable else "Google Benchmark"


def _runs(rows: list[dict]) -> list[dict]:
    """The rows to chart for one benchmark: its repetitions, or else the median (or
    mean) aggregate when only aggregates were reported."""
    plain = [r for r in rows if r.get("run_type", "iteration") == "iteration"]
    if plain:
        return plain
    for wanted in ("median", "mean"):
        picked = [r for r in rows if r.get("aggregate_name") == wanted]
        if picked:
            return picked
    return []


def _values(rows: list[dict], key: str) -> list[float] | None:
    values = [r.get(key) for r in rows]
    return values if values and all(finite_nonnegative(v) for v in values) else None


def measures(data: dict, shown: str) -> list[Measure]:
    grouped: dict[str, list[dict]] = {}
    for row in data["benchmarks"]:
        if not row.get("error_occurred"):
            grouped.setdefault(str(row.get("run_name") or row.get("name")), []).append(row)
    out = []
    for name, rows in grouped.items():
        rows = _runs(rows)
        scale = TIME_UNITS.get(rows[0].get("time_unit", "ns")) if rows else None
        times = _values(rows, "real_time")
        if scale is None or times is None:
            raise ContentError(
                f"Google Benchmark entry '{name}' has no usable real_time/time_unit", path=shown
            )
        out.append(
            Measure("Time per iteration", name, "s", "lower", Result.of([t * scale for t in times]))
        )
        counters = [k for k in rows[0] if k not in STANDARD and _values(rows, k)]
        for key in counters:
            chart, unit = COUNTERS.get(key, (key, key))
            out.append(Measure(chart, name, unit, "higher", Result.of(_values(rows, key))))
    return out


def to_file(data: dict, shown: str) -> BenchmarkFile:
    return file_from_measures(measures(data, shown), title(data), NAME, ENTRY)
