"""benchmarks: each format read from real tool output, and every bad input named."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest

from plugins._shared.errors import ContentError
from plugins.benchmarks.parse import detect, load_file, parse_data
from plugins.benchmarks.units import format_value

CASES = Path(__file__).parent / "cases" / "benchmarks"


def raw(name: str) -> dict:
    return json.loads((CASES / name).read_text())


def test_hyperfine_one_bar_per_command_in_seconds():
    doc = load_file(CASES / "hyperfine.json")
    data = raw("hyperfine.json")["results"]
    assert doc.source == "hyperfine"
    (bench,) = doc.benchmarks
    assert (bench.name, bench.unit, bench.better) == ("Run time", "s", "lower")
    for (key, result), item in zip(bench.results, data):
        assert key == item["command"]
        assert result.value == pytest.approx(item["median"])
        assert (result.low, result.high) == (item["min"], item["max"])
        assert result.count == len(item["times"])
        assert result.mean == pytest.approx(item["mean"])
        assert result.stdev == pytest.approx(item["stddev"])


def test_pytest_benchmark_stats_without_raw_data_keep_tukey_whiskers_and_outliers():
    data = raw("pytest_benchmark.json")
    stats = data["benchmarks"][0]["stats"]
    del stats["data"]
    doc = parse_data(data, json.dumps(data), "x.json")
    result = dict(doc.find("Time per call (sort)").results)["test_sorted"]
    assert (result.count, result.q1, result.q3) == (stats["rounds"], stats["q1"], stats["q3"])
    assert result.whiskers == (stats["ld15iqr"], stats["hd15iqr"])
    assert result.outliers == stats["iqr_outliers"] and result.tukey


def test_fio_2_reports_kib_and_microseconds():
    """fio 2.x (still in old benchmark archives) writes ``bw`` in KiB/s and ``clat`` in µs."""
    job = {
        "jobname": "seq",
        "read": {
            "io_bytes": 1024,
            "bw": 2000,
            "iops": 500.0,
            "clat": {"percentile": {"50.000000": 300, "99.000000": 900}},
        },
    }
    data = {"fio version": "fio-2.17", "jobs": [job]}
    doc = parse_data(data, json.dumps(data), "x.json")
    assert dict(doc.find("Read bandwidth").results)["seq"].value == 2000 * 1024
    assert dict(doc.find("Read completion latency p99").results)["seq"].value == pytest.approx(9e-4)
    assert doc.title == "fio: seq" and doc.rows == "Job"


def test_pytest_benchmark_one_chart_per_group():
    doc = load_file(CASES / "pytest_benchmark.json")
    names = [b.name for b in doc.benchmarks]
    assert names == ["Time per call (sort)", "Time per call (join)"]
    sort = doc.find("Time per call (sort)")
    assert [k for k, _ in sort.results] == ["test_sorted", "test_list_sort"]
    stats = raw("pytest_benchmark.json")["benchmarks"][0]["stats"]
    result = dict(sort.results)["test_sorted"]
    assert result.value == pytest.approx(stats["median"])
    assert (result.low, result.high) == (pytest.approx(stats["min"]), pytest.approx(stats["max"]))
    assert sort.better == "lower" and sort.unit == "s"


def test_google_benchmark_time_unit_and_counters():
    doc = load_file(CASES / "google_benchmark.json")
    time = doc.find("Time per iteration")
    results = dict(time.results)
    assert results["BM_memcpy/4096"].value == pytest.approx(98.780763524795745e-9)
    assert results["BM_vector_push"].value == pytest.approx(1.0086163768846514e-6)  # "us"
    counters = doc.find("Bytes per second")
    assert counters.better == "higher" and counters.unit == "B/s"
    assert [k for k, _ in counters.results] == ["BM_memcpy/4096", "BM_memcpy/1048576"]


def test_google_benchmark_repetitions_give_median_and_spread():
    doc = load_file(CASES / "google_benchmark_repetitions.json")
    rows = raw("google_benchmark_repetitions.json")["benchmarks"]
    runs = [
        r["real_time"] * 1e-9
        for r in rows
        if r["run_name"] == "BM_memcpy/4096" and r["run_type"] == "iteration"
    ]
    median = next(r["real_time"] for r in rows if r["name"] == "BM_memcpy/4096_median")
    result = dict(doc.find("Time per iteration").results)["BM_memcpy/4096"]
    assert result.count == 3 == len(runs)
    assert result.value == pytest.approx(median * 1e-9)
    assert (result.low, result.high) == (pytest.approx(min(runs)), pytest.approx(max(runs)))


def test_fio_bandwidth_iops_and_latency_percentiles():
    doc = load_file(CASES / "fio.json")
    jobs = raw("fio.json")["jobs"]
    write = dict(doc.find("Write bandwidth").results)["seqwrite"]
    assert write.value == jobs[0]["write"]["bw_bytes"]
    iops = doc.find("Read IOPS")
    assert (
        iops.better == "higher" and dict(iops.results)["randread"].value == jobs[1]["read"]["iops"]
    )
    p99 = doc.find("Read completion latency p99")
    assert p99.better == "lower" and p99.unit == "s"
    assert dict(p99.results)["randread"].value == pytest.approx(
        jobs[1]["read"]["clat_ns"]["percentile"]["99.000000"] * 1e-9
    )
    assert doc.find("Read bandwidth") and not doc.find("Trim bandwidth")


@pytest.mark.parametrize(
    "name, kind",
    [
        ("hyperfine.json", "hyperfine"),
        ("pytest_benchmark.json", "pytest-benchmark"),
        ("google_benchmark.json", "Google Benchmark"),
        ("fio.json", "fio"),
    ],
)
def test_detect_by_shape(name, kind):
    assert detect(raw(name)) == kind


GOOD = {
    "title": "T",
    "systems": {"a": {"label": "A", "specs": {"GPU": "X"}}, "b": {}},
    "baseline": "b",
    "benchmarks": [
        {
            "name": "Train",
            "unit": "images/s",
            "better": "higher",
            "results": {"a": [3, 1, 2], "b": 1.5},
        }
    ],
}


def test_buildlog_format():
    text = json.dumps(GOOD, indent=2)
    doc = parse_data(json.loads(text), text, "content/benchmarks/x.json")
    assert doc.baseline == "b" and doc.system("a").specs == (("GPU", "X"),)
    assert doc.system("b").label == "b"
    result = dict(doc.benchmarks[0].results)["a"]
    assert (result.value, result.low, result.high, result.count) == (2, 1, 3, 3)


def test_buildlog_summary_results():
    data = json.loads(json.dumps(GOOD))
    data["tool"] = "pytest-benchmark"
    data["benchmarks"][0]["results"]["a"] = {
        "n": 94527,
        "min": 1.0,
        "q1": 2.0,
        "median": 2.5,
        "q3": 3.0,
        "max": 236.0,
        "mean": 3.1,
        "sd": 9.0,
        "whiskers": [1.0, 4.5],
        "outliers": 1204,
    }
    text = json.dumps(data)
    doc = parse_data(data, text, "x.json")
    result = dict(doc.benchmarks[0].results)["a"]
    assert (result.value, result.count, result.outliers) == (2.5, 94527, 1204)
    assert result.whiskers == (1.0, 4.5) and (result.low, result.high) == (1.0, 236.0)
    assert doc.tool == "pytest-benchmark"


def _bad(mutate) -> ContentError:
    data = json.loads(json.dumps(GOOD))
    mutate(data)
    text = json.dumps(data, indent=2, allow_nan=True)
    with pytest.raises(ContentError) as caught:
        parse_data(json.loads(text), text, "content/benchmarks/x.json")
    return caught.value


def _set(path, value):
    def mutate(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


@pytest.mark.parametrize(
    "path, value, message, line",
    [
        (
            ("benchmarks", 0, "results", "zz"),
            1,
            "unknown system 'zz' in the results of 'Train' (systems: a, b)",
            25,
        ),
        (
            ("benchmarks", 0, "results", "a"),
            "fast",
            "result of 'a' in 'Train' must be a number >= 0, "
            'a non-empty list of them or a summary such as {"n": 200, "median": 1.5}, not "fast"',
            19,
        ),
        (
            ("benchmarks", 0, "results", "a"),
            {"n": 5},
            "the result of 'a' in 'Train' is a summary without \"median\"",
            19,
        ),
        (
            ("benchmarks", 0, "results", "a"),
            {"median": 2, "p95": 3},
            "unknown key 'p95' in the result "
            "of 'a' in 'Train' (a summary has: n, min, q1, median, q3, max, mean, sd, whiskers, outliers)",
            19,
        ),
        (
            ("benchmarks", 0, "results", "a"),
            {"median": 2, "min": 3},
            "the result of 'a' in 'Train' must have min <= q1 <= median <= q3 <= max",
            19,
        ),
        (
            ("benchmarks", 0, "results", "a"),
            {"median": 2, "n": 1.5},
            "\"n\" in the result of 'a' in 'Train' must be a whole number >= 1",
            19,
        ),
        (
            ("benchmarks", 0, "results", "a"),
            {"median": 2, "whiskers": [3, 1]},
            "\"whiskers\" in the result of 'a' in 'Train' must be [low, high], two numbers >= 0",
            19,
        ),
        (
            ("benchmarks", 0, "results", "a"),
            {"median": -1},
            "\"median\" in the result of 'a' in 'Train' must be a number >= 0, not -1",
            19,
        ),
        (("tool",), 3, "'tool' must be text", 28),  # added last: the file's last key
        (("benchmarks", 0, "results", "a"), [1, -2], "not -2", 19),
        (("benchmarks", 0, "results", "a"), float("nan"), "not NaN", 19),
        (("benchmarks", 0, "results", "a"), [], 'not "[]"', 19),
        (("benchmarks", 0, "unit"), "", "benchmark 'Train' has no unit", 15),
        (
            ("benchmarks", 0, "better"),
            "faster",
            '"better" must be "higher" or "lower", not "faster"',
            15,
        ),
        (("baseline",), "c", "baseline 'c' is not one of the systems (a, b)", 12),
    ],
)
def test_bad_buildlog_input_names_file_and_line(path, value, message, line):
    error = _bad(_set(path, value))
    assert message in error.message
    assert error.path == "content/benchmarks/x.json" and error.line == line


def test_missing_unit_and_unknown_format():
    error = _bad(lambda d: d["benchmarks"][0].pop("unit"))
    assert "has no unit" in str(error) and str(error).startswith("content/benchmarks/x.json:15:")
    with pytest.raises(
        ContentError,
        match="unrecognised benchmark format .expected one of: "
        "buildlog, hyperfine, pytest-benchmark, Google Benchmark, fio",
    ):
        parse_data({"rows": []}, "{}", "content/benchmarks/x.json")


def test_malformed_json_names_line_and_column(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{\n  "title": "x",\n  "systems": {"a": {},}\n}\n')
    with pytest.raises(ContentError) as caught:
        load_file(path)
    assert caught.value.line == 3 and caught.value.column == 23
    assert str(caught.value).endswith(
        "x.json:3:23: malformed JSON: Expecting property name enclosed in double quotes"
    )


@pytest.mark.parametrize(
    "value, unit, text",
    [
        (0.0109, "s", "10.9 ms"),
        (8.5e-6, "s", "8.5 µs"),
        (2.2e-7, "s", "220 ns"),
        (98.7, "ns", "98.7 ns"),
        (1500, "ms", "1.5 s"),
        (4.15e10, "B/s", "41.5 GB/s"),
        (2.33e8, "B/s", "233 MB/s"),
        (1.5, "GB/s", "1.5 GB/s"),
        (850, "MB/s", "850 MB/s"),
        (1777.7, "IOPS", "1,778 IOPS"),
        (250000, "IOPS", "250k IOPS"),
        (412.1, "images/s", "412 images/s"),
        (12345678, "items/s", "12.3M items/s"),
        (0, "s", "0 s"),
        (2048, "KiB", "2.1 MB"),
    ],
)
def test_units_read_well(value, unit, text):
    assert format_value(value, unit) == text


def test_median_of_runs():
    doc = load_file(CASES / "hyperfine.json")
    result = doc.benchmarks[0].results[0][1]
    assert result.value == statistics.median(result.runs)
