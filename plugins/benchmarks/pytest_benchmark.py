"""pytest-benchmark ``--benchmark-json``: seconds per call, one chart per group."""

from __future__ import annotations

from plugins._shared.errors import ContentError

from .model import BenchmarkFile, Measure, Result, file_from_measures, finite_nonnegative

NAME = "pytest-benchmark"


def detect(data: object) -> bool:
    items = data.get("benchmarks") if isinstance(data, dict) else None
    return (isinstance(items, list) and "machine_info" in data
            and all(isinstance(b, dict) and isinstance(b.get("stats"), dict) for b in items))


def machine(data: dict) -> str:
    info = data.get("machine_info") or {}
    cpu = (info.get("cpu") or {}).get("brand_raw") or info.get("processor") or ""
    return ", ".join(str(p) for p in (info.get("node"), cpu, info.get("python_version")) if p)


def _result(stats: dict) -> Result | None:
    data = stats.get("data")
    if isinstance(data, list) and data and all(finite_nonnegative(d) for d in data):
        return Result.of(data)
    if all(finite_nonnegative(stats.get(k)) for k in ("median", "min", "max")):
        return Result(stats["median"], stats["min"], stats["max"], int(stats.get("rounds") or 1))
    return None


def measures(data: dict, shown: str) -> list[Measure]:
    out = []
    for item in data["benchmarks"]:
        name = str(item.get("name") or item.get("fullname") or "?")
        result = _result(item["stats"])
        if result is None:
            raise ContentError(f"pytest-benchmark stats for '{name}' have no median/min/max",
                               path=shown)
        group = item.get("group") or "pytest-benchmark"
        out.append(Measure(f"Time per call ({group})", name, "s", "lower", result))
    return out


def to_file(data: dict, shown: str) -> BenchmarkFile:
    return file_from_measures(measures(data, shown), "pytest-benchmark", NAME)
