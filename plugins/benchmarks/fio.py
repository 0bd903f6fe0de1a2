"""fio ``--output-format=json``: per job and direction, bandwidth and IOPS (higher is
better) and completion-latency percentiles (lower is better)."""

from __future__ import annotations

from plugins._shared.errors import ContentError

from .model import BenchmarkFile, Measure, Result, file_from_measures, finite_nonnegative

NAME = "fio"
DIRECTIONS = ("read", "write", "trim")
PERCENTILES = ("50.000000", "99.000000")


def detect(data: object) -> bool:
    return isinstance(data, dict) and "fio version" in data and isinstance(data.get("jobs"), list)


def machine(data: dict) -> str:
    return str(data.get("fio version", ""))


def _single(value: float) -> Result:
    return Result(float(value), float(value), float(value))


def _job(job: dict, shown: str) -> list[Measure]:
    name = str(job.get("jobname", "?"))
    out = []
    for direction in DIRECTIONS:
        stats = job.get(direction)
        if not isinstance(stats, dict) or not stats.get("io_bytes"):
            continue  # this job did no I/O that way
        bw, iops = stats.get("bw_bytes"), stats.get("iops")
        if not (finite_nonnegative(bw) and finite_nonnegative(iops)):
            raise ContentError(f"fio job '{name}' has no {direction} bw_bytes/iops", path=shown)
        label = direction.capitalize()
        out.append(Measure(f"{label} bandwidth", name, "B/s", "higher", _single(bw)))
        out.append(Measure(f"{label} IOPS", name, "IOPS", "higher", _single(iops)))
        percentiles = (stats.get("clat_ns") or {}).get("percentile") or {}
        for key in PERCENTILES:
            if finite_nonnegative(percentiles.get(key)):
                p = key.split(".")[0]
                out.append(Measure(f"{label} completion latency p{p}", name, "s", "lower",
                                   _single(percentiles[key] * 1e-9)))
    return out


def measures(data: dict, shown: str) -> list[Measure]:
    out = [m for job in data["jobs"] if isinstance(job, dict) for m in _job(job, shown)]
    if not out:
        raise ContentError("fio output has no job with any I/O", path=shown)
    return out


def to_file(data: dict, shown: str) -> BenchmarkFile:
    return file_from_measures(measures(data, shown), "fio", NAME)
