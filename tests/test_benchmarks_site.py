"""benchmarks in a real Pelican build: the tag, its errors, bench-import and
bench-collect end to end (quick mode, real measurements)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from conftest import REPO, build, text_of, write_files

from plugins.benchmarks import cli

CASES = REPO / "tests" / "cases" / "benchmarks"
DEMO = {
    "title": "Prometheus vs the cloud",
    "systems": {
        "prometheus": {"label": "Prometheus", "specs": {"GPU": "RTX 2070 Super"}},
        "colab-t4": {"label": "Colab Pro (T4)"},
    },
    "baseline": "colab-t4",
    "benchmarks": [
        {
            "name": "ResNet-50 training",
            "unit": "images/s",
            "better": "higher",
            "results": {"prometheus": [412.1, 409.8, 411.0], "colab-t4": 251.3},
        },
        {
            "name": "Epoch time",
            "unit": "s",
            "better": "lower",
            "results": {"prometheus": 61, "colab-t4": 99},
        },
    ],
}
POST = "---\ntitle: {title}\n---\n\n{body}\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("bench-site")
    bad = '{\n  "systems": {\n    "a": {"label": "A"}\n  },\n  "benchmarks": [\n    {"name": "x",}\n  ]\n}\n'
    files = {
        "content/benchmarks/demo.json": json.dumps(DEMO, indent=2),
        "content/benchmarks/bad.json": bad,
        "content/posts/2020-01-01-all.md": POST.format(
            title="All", body="Intro.\n\n{% benchmarks demo %}\n\n```\n{% benchmarks demo %}\n```"
        ),
        "content/posts/2020-01-02-one.md": POST.format(
            title="One", body='{% benchmarks demo "Epoch time" %}'
        ),
        "content/posts/2020-01-03-missing.md": POST.format(
            title="Missing", body="Text.\n\n{% benchmarks nope %}\n\nAfter."
        ),
        "content/posts/2020-01-04-noname.md": POST.format(
            title="No name", body='{% benchmarks demo "Inference" %}'
        ),
        "content/posts/2020-01-05-bad.md": POST.format(title="Bad", body="{% benchmarks bad %}"),
    }
    for name in ("hyperfine", "fio", "google_benchmark", "pytest_benchmark"):
        shutil.copy(CASES / f"{name}.json", root / f"{name}.json")
        files[f"content/posts/2020-02-01-{name}.md"] = POST.format(
            title=name, body=f"{{% benchmarks {name} %}}"
        )
    write_files(root, files)
    for name in ("hyperfine", "fio", "google_benchmark", "pytest_benchmark"):
        shutil.copy(root / f"{name}.json", root / "content" / "benchmarks" / f"{name}.json")
    return build(root)


def test_all_benchmarks_of_a_file(site):
    page = site.html("2020/01/all/")
    figures = page.select(".post-body figure.bench-chart")
    assert [text_of(f.select_one(".bench-chart__name")) for f in figures] == [
        "ResNet-50 training",
        "Epoch time",
    ]
    assert page.select_one(".bench-row svg")["aria-hidden"] == "true"
    assert "{% benchmarks demo %}" in page.select_one(".post-body pre").text  # fences untouched


def test_one_named_benchmark(site):
    figures = site.html("2020/01/one/").select("figure.bench-chart")
    assert len(figures) == 1
    row = figures[0].select_one(".bench-row")
    assert row.get_text(" ", strip=True).replace("\xa0", " ") == "Prometheus 61 s · 1.62× faster"


@pytest.mark.parametrize(
    "name, unit",
    [("hyperfine", "ms"), ("fio", "MB/s"), ("google_benchmark", "ns"), ("pytest_benchmark", "µs")],
)
def test_tool_output_renders_unconverted(site, name, unit):
    page = site.html(f"2020/02/{name}/")
    values = [t.text for t in page.select(".bench-row__value")]
    assert values and any(unit in v for v in values)
    noun = {
        "hyperfine": "Command",
        "fio": "Job",
        "google_benchmark": "Benchmark",
        "pytest_benchmark": "Test",
    }[name]
    assert page.select_one(".bench-table thead th").text == noun


def test_errors_name_the_place(site):
    errors = site.result.errors
    assert any(
        e.endswith(
            "posts/2020-01-03-missing.md:7: no benchmark file 'nope' (looked for "
            "benchmarks/nope.json in the content folder)"
        )
        for e in errors
    ), errors
    assert any(
        e.endswith(
            "posts/2020-01-04-noname.md:5: no benchmark 'Inference' in demo.json "
            "(it has: 'ResNet-50 training', 'Epoch time')"
        )
        for e in errors
    ), errors
    assert any(
        e.endswith(
            "benchmarks/bad.json:6:18: malformed JSON: Expecting property name "
            "enclosed in double quotes"
        )
        for e in errors
    ), errors
    assert len(errors) == 3 and not site.result.warnings
    page = site.html("2020/01/missing/")
    assert "no benchmark file 'nope'" in page.select_one(".build-error").text
    assert "After." in page.select_one(".post-body").text  # the rest of the post still built


def test_import_then_collect_quick_end_to_end(tmp_path):
    folder = tmp_path / "content" / "benchmarks"
    cli.import_results(
        str(CASES / "hyperfine.json"), "vm", "machines", label="This VM", folder=folder
    )
    cli.collect("vm", "machines", quick=True, folder=folder, disk_dir=str(tmp_path))
    cli.collect(
        "quick2", "machines", quick=True, label="Second run", folder=folder, disk_dir=str(tmp_path)
    )
    assert not list(tmp_path.glob("buildlog-bench-*")) and not list(folder.glob(".*"))
    data = json.loads((folder / "machines.json").read_text())
    assert data["systems"]["vm"]["label"] == "This VM"
    assert data["systems"]["vm"]["specs"]["CPU"] and "Python" in data["systems"]["quick2"]["specs"]
    names = [b["name"] for b in data["benchmarks"]]
    assert names[:2] == ["Run time: python3 -c pass", "Run time: python3 -S -c pass"]
    for wanted in (
        "Memory copy",
        "Disk sequential write",
        "Disk sequential read",
        "NumPy matmul (float32)",
        "NumPy matmul (float64)",
    ):
        bench = data["benchmarks"][names.index(wanted)]
        assert set(bench["results"]) == {"vm", "quick2"} and len(bench["results"]["vm"]) == 3
    write_files(
        tmp_path,
        {
            "content/posts/2020-01-01-m.md": POST.format(
                title="M", body='{% benchmarks machines "NumPy matmul (float64)" %}'
            )
        },
    )
    built = build(tmp_path)
    assert built.result.clean, built.messages()
    labels = [t.text for t in built.html("2020/01/m/").select(".bench-row__label")]
    assert labels == ["This VM", "Second run"]
    assert data["title"] == "Run time: python3 -c pass vs python3 -S -c pass"
    assert "tool" not in data  # hyperfine, then bench-collect: rows are plain benchmarks


def test_import_keeps_summaries_not_rounds_and_merges_specs(tmp_path):
    """pytest-benchmark keeps every round: thousands become a summary per run set;
    the file gets a real title, the tool, both tools' specs, and mode 0644."""
    data = json.loads((CASES / "pytest_benchmark.json").read_text())
    stats = data["benchmarks"][0]["stats"]
    stats["data"] = [stats["median"]] * 5000 + [stats["max"] * 1000] * 3
    (tmp_path / "many.json").write_text(json.dumps(data))
    folder = tmp_path / "content" / "benchmarks"
    cli.import_results(str(tmp_path / "many.json"), "desk", "desk", label="Desk", folder=folder)
    cli.import_results(str(CASES / "google_benchmark.json"), "desk", "desk", folder=folder)
    target = folder / "desk.json"
    assert target.stat().st_mode & 0o777 == 0o644
    saved = json.loads(target.read_text())
    assert saved["title"] == "pytest-benchmark: pb" and "tool" not in saved
    specs = saved["systems"]["desk"]["specs"]
    assert specs["Imported from"] == "pytest-benchmark; Google Benchmark"
    assert specs["Machine"].count("; ") == 1
    result = saved["benchmarks"][0]["results"]["desk"]
    assert result["n"] == 5003 and result["outliers"] == 3 and "data" not in json.dumps(result)
    assert target.stat().st_size < 10_000
    write_files(
        tmp_path,
        {"content/posts/2020-01-01-d.md": POST.format(title="D", body="{% benchmarks desk %}")},
    )
    built = build(tmp_path)
    assert built.result.clean, built.messages()
    page = built.html("2020/01/d/")
    names = [text_of(n) for n in page.select(".bench-chart__name")]
    assert names == [
        "Time per call (sort)",
        "Time per call (join)",
        "Time per iteration",
        "Bytes per second",
    ]  # one chart per measured quantity, not per test
    assert "3 outliers" in page.select_one(".bench-chart__note").text


def test_import_rejects_unknown_tool_output(tmp_path):
    (tmp_path / "x.json").write_text('{"rows": []}')
    with pytest.raises(Exception, match="x.json: not the output of a known tool"):
        cli.import_results(str(tmp_path / "x.json"), "vm", "m", folder=tmp_path)
    assert not (tmp_path / "m.json").exists()


def test_ctrl_c_leaves_no_temporary_files(tmp_path):
    # Ctrl-C as in a terminal: a test run started in the background by a script
    # (`cmd &`) ignores SIGINT, and the child would inherit that and never stop.
    code = (
        "import signal, sys; from pathlib import Path; "
        "from plugins.benchmarks import cli; from invoke import Exit\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        f"try: cli.collect('vm', 'x', folder=Path({str(tmp_path / 'out')!r}), "
        f"disk_dir={str(tmp_path)!r})\n"
        "except Exit as e: sys.exit(e.message)  # what invoke does with it"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    deadline = time.time() + 20
    while not list(tmp_path.glob("buildlog-bench-*")) and time.time() < deadline:
        time.sleep(0.01)  # wait until the disk test has its file
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert "interrupted: nothing written, temporary files removed" in err
    assert "Traceback" not in err and proc.returncode == 1
    assert not list(tmp_path.glob("buildlog-bench-*")) and not (tmp_path / "out").exists()


def test_site_builds_without_numpy_path(tmp_path):
    """NumPy and PyTorch stay optional: the plugin never imports them to build."""
    code = (
        "import sys, plugins.benchmarks, plugins.benchmarks.cli; "
        "print(sorted(m for m in sys.modules if m in ('numpy', 'torch')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=True,
    ).stdout
    assert out.strip() == "[]"
