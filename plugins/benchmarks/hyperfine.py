"""hyperfine ``--export-json``: a run time per command, in seconds, lower is better."""

from __future__ import annotations

from plugins._shared.errors import ContentError

from .model import BenchmarkFile, Measure, Result, file_from_measures, finite_nonnegative
from .stats import from_summary

NAME = "hyperfine"
ENTRY = "Command"
CHART = "Run time"


def detect(data: object) -> bool:
    results = data.get("results") if isinstance(data, dict) else None
    return (
        isinstance(results, list)
        and bool(results)
        and all(isinstance(r, dict) and "command" in r and "mean" in r for r in results)
    )


def machine(data: dict) -> str:
    return ""  # hyperfine records nothing about the machine


def title(data: dict) -> str:
    commands = [str(r["command"]) for r in data["results"]]
    joined = " vs ".join(commands)
    return f"Run time: {joined}" if len(joined) <= 60 else f"Run time of {len(commands)} commands"


def measures(data: dict, shown: str) -> list[Measure]:
    out = []
    for item in data["results"]:
        times = item.get("times") or []
        if times and all(finite_nonnegative(t) for t in times):
            result = Result.of(times)
        elif all(finite_nonnegative(item.get(k)) for k in ("median", "min", "max")):
            stats = {k: item[k] for k in ("median", "min", "max", "mean") if k in item}
            result = from_summary(
                stats | ({"sd": item["stddev"]} if finite_nonnegative(item.get("stddev")) else {})
            )
        else:
            raise ContentError(
                f"hyperfine result for '{item['command']}' has no usable times", path=shown
            )
        out.append(Measure(CHART, str(item["command"]), "s", "lower", result))
    return out


def to_file(data: dict, shown: str) -> BenchmarkFile:
    return file_from_measures(measures(data, shown), title(data), NAME, ENTRY)
