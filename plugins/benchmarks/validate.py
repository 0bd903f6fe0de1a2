"""Check a tool's JSON before it is converted: every field a tool module reads has
the type it expects and a value a chart can draw, or a ContentError names the field
and its line.

The tool modules (``hyperfine.py``...) read the fields they know and trust them; what
they get here is what they read. Numbers are bounded: 1.7e308 is finite, but its mean
overflows and its bar would be ``x="inf"``.
"""

from __future__ import annotations

import json
import math

from plugins._shared.errors import quoted

MAX_VALUE = 1e18  # a bound no real measurement reaches (exa-anything)
MIN_POSITIVE = 1e-18  # nor this: ratios between results stay finite
TIME_UNITS = ("ns", "us", "ms", "s")
FIO_DIRECTIONS = ("read", "write", "trim")


def number_problem(value: object) -> str | None:
    """Why ``value`` cannot be charted, or None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"must be a number, not {quoted(value)}"
    try:
        value = float(value)
    except OverflowError:
        return f"must be at most {MAX_VALUE:g}"
    if not math.isfinite(value) or value < 0:
        return f"must be a number >= 0, not {json.dumps(value)}"
    if value > MAX_VALUE:
        return f"must be at most {MAX_VALUE:g}, not {value:g}"
    if 0 < value < MIN_POSITIVE:
        return f"must be 0 or at least {MIN_POSITIVE:g}, not {value:g}"
    return None


class Checker:
    """Raises ContentError at the line of the field it is looking at."""

    def __init__(self, place, tool: str):
        self.place, self.tool = place, tool

    def fail(self, message: str, *needles: str):
        raise self.place.error(f"{self.tool}: {message}", *needles)

    def number(self, value, what: str, *needles: str) -> None:
        if (problem := number_problem(value)) is not None:
            self.fail(f"{what} {problem}", *needles)

    def optional_number(self, mapping: dict, key: str, what: str, *needles: str) -> None:
        if mapping.get(key) is not None:
            self.number(mapping[key], f"'{key}' of {what}", *needles, key)

    def runs(self, mapping: dict, key: str, what: str, *needles: str) -> bool:
        """Whether ``mapping[key]`` is a list of runs the tool module will chart (each
        then in range). A list holding anything but numbers is passed over for the
        summary, as the tool modules do: trimmed exports say "... omitted" there."""
        values = mapping.get(key)
        if values is None or values == []:
            return False
        if not isinstance(values, list):
            self.fail(
                f"{key!r} of {what} must be a list of numbers, not {quoted(values)}", *needles, key
            )
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            return False
        for value in values:
            self.number(value, f"each of {key!r} of {what}", *needles, key)
        return True

    def summary(self, mapping: dict, what: str, *needles: str) -> None:
        """Without the runs, a result needs its median, min and max."""
        missing = [k for k in ("median", "min", "max") if mapping.get(k) is None]
        if missing:
            self.fail(f"{what} has neither runs nor {', '.join(missing)}", *needles)

    def text(self, mapping: dict, key: str, what: str, *needles: str) -> None:
        if mapping.get(key) is not None and not isinstance(mapping[key], str):
            self.fail(f"'{key}' of {what} must be text, not {quoted(mapping[key])}", *needles, key)

    def mapping(self, value, what: str, *needles: str) -> dict:
        if not isinstance(value, dict):
            self.fail(f"{what} must be an object {{...}}, not {quoted(value)}", *needles)
        return value

    def items(self, data: dict, key: str) -> list:
        items = data.get(key)
        if not isinstance(items, list) or not items:
            self.fail(f"'{key}' holds no results (is the output empty?)", key)
        return items


def hyperfine(data: dict, check: Checker) -> None:
    for item in check.items(data, "results"):
        check.text(item, "command", "a result", "results")
        command = str(item.get("command"))
        what = quoted(command, 40)
        for key in ("mean", "stddev", "median", "min", "max", "user", "system"):
            check.optional_number(item, key, what, "results", command)
        if not check.runs(item, "times", what, "results", command):
            check.summary(item, what, "results", command)


def pytest_benchmark(data: dict, check: Checker) -> None:
    for item in check.items(data, "benchmarks"):
        for key in ("name", "fullname", "group"):
            check.text(item, key, "a benchmark", "benchmarks")
        name = str(item.get("name") or item.get("fullname") or "?")
        what = quoted(name, 40)
        stats = check.mapping(item.get("stats"), f"'stats' of {what}", "benchmarks", name)
        for key in (
            "min",
            "max",
            "mean",
            "stddev",
            "median",
            "iqr",
            "q1",
            "q3",
            "ops",
            "ld15iqr",
            "hd15iqr",
        ):
            check.optional_number(stats, key, what, "benchmarks", name)
        if not check.runs(stats, "data", what, "benchmarks", name):
            check.summary(stats, what, "benchmarks", name)
        rounds = stats.get("rounds")
        if rounds is not None and (
            isinstance(rounds, bool) or not isinstance(rounds, int) or not 1 <= rounds <= MAX_VALUE
        ):
            check.fail(
                f"'rounds' of {what} must be a whole number of 1 or more, not {quoted(rounds)}",
                "benchmarks",
                name,
                "rounds",
            )


def google_benchmark(data: dict, check: Checker) -> None:
    rows = check.items(data, "benchmarks")
    for row in rows:
        check.mapping(row, "each benchmark", "benchmarks")
        for key in ("name", "run_name", "run_type", "aggregate_name", "label"):
            check.text(row, key, "a benchmark", "benchmarks")
        name = str(row.get("run_name") or row.get("name"))
        what = quoted(name, 40)
        unit = row.get("time_unit", "ns")
        if unit not in TIME_UNITS:
            check.fail(
                f"'time_unit' of {what} must be one of {', '.join(TIME_UNITS)}, not {quoted(unit)}",
                "benchmarks",
                name,
                "time_unit",
            )
        if row.get("run_type", "iteration") not in ("iteration", "aggregate"):
            check.fail(
                f"'run_type' of {what} must be iteration or aggregate, not "
                f"{quoted(row.get('run_type'))}",
                "benchmarks",
                name,
                "run_type",
            )
        if row.get("error_occurred"):
            continue
        for key, value in row.items():  # times and counters alike
            if key in ("real_time", "cpu_time") or (
                isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0
            ):
                check.number(value, f"{quoted(key, 40)} of {what}", "benchmarks", name, key)
    if all(row.get("error_occurred") for row in rows):
        check.fail("every benchmark reported an error; there is nothing to chart", "benchmarks")
    _google_benchmark_groups(rows, check)


def _google_benchmark_groups(rows: list[dict], check: Checker) -> None:
    """Each benchmark name needs its repetitions, or a median or mean aggregate."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        if not row.get("error_occurred"):
            groups.setdefault(str(row.get("run_name") or row.get("name")), []).append(row)
    for name, group in groups.items():  # what google_benchmark.py charts for each name
        if not any(
            r.get("run_type", "iteration") == "iteration"
            or r.get("aggregate_name") in ("median", "mean")
            for r in group
        ):
            check.fail(
                f"{quoted(name, 40)} has neither runs nor a median or mean aggregate",
                "benchmarks",
                name,
            )


def fio(data: dict, check: Checker) -> None:
    jobs = check.items(data, "jobs")
    if not any(
        isinstance(job, dict) and isinstance(job.get(d), dict) and job[d].get("io_bytes")
        for job in jobs
        for d in FIO_DIRECTIONS
    ):
        check.fail("no job did any I/O (every io_bytes is 0 or missing)", "jobs")
    for job in jobs:
        check.mapping(job, "each job", "jobs")
        check.text(job, "jobname", "a job", "jobs")
        name = str(job.get("jobname", "?"))
        what = f"job {quoted(name, 40)}"
        for direction in FIO_DIRECTIONS:
            stats = job.get(direction)
            if stats is None:
                continue
            check.mapping(stats, f"'{direction}' of {what}", "jobs", name, direction)
            for key in ("io_bytes", "bw_bytes", "bw", "iops"):
                check.optional_number(stats, key, what, "jobs", name, direction)
            bandwidth = stats.get("bw_bytes", stats.get("bw"))  # fio < 3 gives KiB/s in bw
            if stats.get("io_bytes") and (bandwidth is None or stats.get("iops") is None):
                check.fail(
                    f"{what} did {direction} I/O but has no bw_bytes/iops", "jobs", name, direction
                )
            for key in ("clat_ns", "clat"):  # clat: fio < 3, in µs
                if stats.get(key) is not None:
                    _fio_latency(stats[key], check, f"{key!r} of {what}", name, direction, key)


def _fio_latency(latency, check: Checker, what: str, *needles: str) -> None:
    check.mapping(latency, what, "jobs", *needles)
    percentiles = latency.get("percentile")
    if percentiles is not None:
        check.mapping(percentiles, f"'percentile' of {what}", "jobs", *needles, "percentile")
        for key, value in percentiles.items():
            check.number(value, f"percentile {quoted(key, 20)} of {what}", "jobs", *needles, key)


CHECKS = {
    "hyperfine": hyperfine,
    "pytest-benchmark": pytest_benchmark,
    "Google Benchmark": google_benchmark,
    "fio": fio,
}


def check_tool(name: str, data: dict, place) -> None:
    """ContentError at the line of the first field the ``name`` tool module could
    not use; nothing when the data is fit to convert."""
    check = CHECKS.get(name)
    if check is not None:
        check(data, Checker(place, name))
