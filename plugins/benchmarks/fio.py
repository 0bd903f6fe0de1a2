"""fio ``--output-format=json``: per job and direction, bandwidth and IOPS (higher is
better) and completion-latency percentiles (lower is better). fio 3 and fio 2 output
(``bw`` in KiB/s, ``clat`` in µs) both read."""

from __future__ import annotations

from plugins._shared.errors import ContentError

from .model import BenchmarkFile, Measure, Result, file_from_measures, finite_nonnegative

NAME = "fio"
ENTRY = "Job"
DIRECTIONS = ("read", "write", "trim")
PERCENTILES = ("50.000000", "99.000000")


def detect(data: object) -> bool:
    return isinstance(data, dict) and "fio version" in data and isinstance(data.get("jobs"), list)


def machine(data: dict) -> str:
    return str(data.get("fio version", ""))


def _single(value: float) -> Result:
    return Result.single(value)


def title(data: dict) -> str:
    jobs = [str(j.get("jobname", "?")) for j in data["jobs"] if isinstance(j, dict)]
    joined = ", ".join(jobs)
    return f"fio: {joined}" if len(joined) <= 60 else f"fio: {len(jobs)} jobs"


def _bandwidth(stats: dict) -> float | None:
    """Bytes per second: fio 3's ``bw_bytes``, or fio 2's ``bw`` (KiB/s)."""
    if finite_nonnegative(stats.get("bw_bytes")):
        return float(stats["bw_bytes"])
    return stats["bw"] * 1024.0 if finite_nonnegative(stats.get("bw")) else None


def _latency_percentiles(stats: dict) -> tuple[dict, float]:
    """(percentiles, seconds per unit): fio 3's ``clat_ns``, or fio 2's ``clat`` (µs)."""
    if isinstance(stats.get("clat_ns"), dict):
        return stats["clat_ns"].get("percentile") or {}, 1e-9
    if isinstance(stats.get("clat"), dict):
        return stats["clat"].get("percentile") or {}, 1e-6
    return {}, 1.0


def _job(job: dict, shown: str) -> list[Measure]:
    name = str(job.get("jobname", "?"))
    out = []
    for direction in DIRECTIONS:
        stats = job.get(direction)
        if not isinstance(stats, dict) or not stats.get("io_bytes"):
            continue  # this job did no I/O that way
        bw, iops = _bandwidth(stats), stats.get("iops")
        if bw is None or not finite_nonnegative(iops):
            raise ContentError(
                f"fio job '{name}' has no {direction} bandwidth (bw_bytes or bw) or iops",
                path=shown,
            )
        label = direction.capitalize()
        out.append(Measure(f"{label} bandwidth", name, "B/s", "higher", _single(bw)))
        out.append(Measure(f"{label} IOPS", name, "IOPS", "higher", _single(iops)))
        percentiles, seconds = _latency_percentiles(stats)
        for key in PERCENTILES:
            if finite_nonnegative(percentiles.get(key)):
                p = key.split(".")[0]
                out.append(
                    Measure(
                        f"{label} completion latency p{p}",
                        name,
                        "s",
                        "lower",
                        _single(percentiles[key] * seconds),
                    )
                )
    return out


def measures(data: dict, shown: str) -> list[Measure]:
    out = [m for job in data["jobs"] if isinstance(job, dict) for m in _job(job, shown)]
    if not out:
        raise ContentError("fio output has no job with any I/O", path=shown)
    return out


def to_file(data: dict, shown: str) -> BenchmarkFile:
    return file_from_measures(measures(data, shown), title(data), NAME, ENTRY)
