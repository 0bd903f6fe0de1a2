"""pytest-benchmark ``--benchmark-json``: seconds per call, one chart per group."""

from __future__ import annotations

from plugins._shared.errors import ContentError

from .model import BenchmarkFile, Measure, Result, file_from_measures, finite_nonnegative
from .stats import TUKEY_MIN_RUNS, from_summary

NAME = "pytest-benchmark"
ENTRY = "Test"
# pytest-benchmark's stats -> our summary keys. ld15iqr/hd15iqr are Tukey's whisker
# ends and iqr_outliers the runs beyond them: the same rule the charts use.
_STATS = {
    "min": "min",
    "q1": "q1",
    "median": "median",
    "q3": "q3",
    "max": "max",
    "mean": "mean",
    "stddev": "sd",
}


def detect(data: object) -> bool:
    items = data.get("benchmarks") if isinstance(data, dict) else None
    return (
        isinstance(items, list)
        and "machine_info" in data
        and all(isinstance(b, dict) and isinstance(b.get("stats"), dict) for b in items)
    )


def machine(data: dict) -> str:
    info = data.get("machine_info") or {}
    cpu = (info.get("cpu") or {}).get("brand_raw") or info.get("processor") or ""
    return ", ".join(str(p) for p in (info.get("node"), cpu, info.get("python_version")) if p)


def title(data: dict) -> str:
    project = (data.get("commit_info") or {}).get("project")
    return (
        f"pytest-benchmark: {project}"
        if project
        else f"pytest-benchmark: {len(data['benchmarks'])} tests"
    )


def _result(stats: dict) -> Result | None:
    data = stats.get("data")
    if isinstance(data, list) and data and all(finite_nonnegative(d) for d in data):
        return Result.of(data)
    if not all(finite_nonnegative(stats.get(k)) for k in ("median", "min", "max")):
        return None
    summary = {
        ours: stats[theirs]
        for theirs, ours in _STATS.items()
        if finite_nonnegative(stats.get(theirs))
    }
    rounds = stats.get("rounds")
    summary["n"] = rounds if isinstance(rounds, int) and rounds > 0 else 1
    ends = (stats.get("ld15iqr"), stats.get("hd15iqr"))
    if summary["n"] >= TUKEY_MIN_RUNS and all(finite_nonnegative(e) for e in ends):
        summary["whiskers"] = list(ends)
        if isinstance(stats.get("iqr_outliers"), int):
            summary["outliers"] = stats["iqr_outliers"]
    return from_summary(summary)


def measures(data: dict, shown: str) -> list[Measure]:
    out = []
    for item in data["benchmarks"]:
        name = str(item.get("name") or item.get("fullname") or "?")
        result = _result(item["stats"])
        if result is None:
            raise ContentError(
                f"pytest-benchmark stats for '{name}' have no median/min/max", path=shown
            )
        group = item.get("group")
        out.append(
            Measure(
                f"Time per call ({group})" if group else "Time per call", name, "s", "lower", result
            )
        )
    return out


def to_file(data: dict, shown: str) -> BenchmarkFile:
    return file_from_measures(measures(data, shown), title(data), NAME, ENTRY)
