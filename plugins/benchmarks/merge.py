"""Merge measurements (a tool's output, or bench-collect's) into a buildlog file,
so several machines' results sit side by side in one chart per benchmark.

A result keeps its runs when there are few (up to stats.RAW_RUNS_CAP), else a summary
(n, min, quartiles, median, max, mean, sd, whiskers, outliers): 94,000 pytest rounds
would otherwise put megabytes into content/.
"""

from __future__ import annotations

import json
from pathlib import Path

from plugins._shared.errors import ContentError, display_path
from plugins._shared.files import write_atomic

from .model import Measure, import_name
from .parse import load_json, parse_data

# Specs that a second import for the same system adds to instead of replacing:
# pytest-benchmark then Google Benchmark on one machine imported from both.
ACCUMULATED = ("Imported from", "Machine")


def merge_specs(old: dict, new: dict) -> dict:
    """``old`` with ``new``'s values; an ACCUMULATED key lists each distinct value once."""
    out = dict(old)
    for key, value in new.items():
        before = str(out.get(key) or "")
        if key in ACCUMULATED and before and value not in before.split("; "):
            out[key] = f"{before}; {value}"
        else:
            out[key] = value
    return out


def merge(
    doc: dict | None,
    system: str,
    measures: list[Measure],
    *,
    label: str = "",
    specs: dict | None = None,
    title: str = "",
    tool: str = "",
    shown: str = "",
) -> dict:
    """``doc`` (a buildlog file's JSON, or None for a new one) with ``system`` and its
    results added; an existing result of the same system is replaced. ``tool`` names
    where the results came from ("" for bench-collect): a file fed by one tool keeps
    it, so its charts can call their rows commands, tests or jobs."""
    if doc is None:
        doc = {"title": title, **({"tool": tool} if tool else {}), "systems": {}, "benchmarks": []}
    if not isinstance(doc, dict) or not isinstance(doc.get("systems"), dict):
        raise ContentError(
            'not a buildlog benchmark file (it has no "systems"): import into a new name instead',
            path=shown,
        )
    if title and not doc.get("title"):
        doc["title"] = title
    if doc.get("tool") != tool:
        doc.pop("tool", None)  # results from several sources: rows are just benchmarks
    entry = doc["systems"].setdefault(system, {})
    if label or "label" not in entry:
        entry["label"] = label or system
    if specs:
        entry["specs"] = merge_specs(entry.get("specs") or {}, specs)
    benchmarks = doc.setdefault("benchmarks", [])
    by_name = {b.get("name"): b for b in benchmarks if isinstance(b, dict)}
    for measure in measures:
        name = import_name(measure)
        bench = by_name.get(name)
        if bench is None:
            bench = {"name": name, "unit": measure.unit, "better": measure.better, "results": {}}
            benchmarks.append(bench)
            by_name[name] = bench
        elif bench.get("unit") != measure.unit:
            raise ContentError(
                f"benchmark '{name}' is in {bench.get('unit')!r} there, but the new "
                f"results are in {measure.unit!r}",
                path=shown,
            )
        bench.setdefault("results", {})[system] = measure.result.stored()
    return doc


def merge_into_file(path: Path, system: str, measures: list[Measure], **kwargs) -> Path:
    """Merge into ``path`` (created if missing), validating the result before an
    atomic write (mode 0644): an interrupted or failed merge leaves the old file as it was."""
    shown = display_path(path)
    doc = load_json(path, shown)[0] if path.exists() else None
    doc = merge(doc, system, measures, shown=shown, **kwargs)
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    parse_data(json.loads(text), text, shown)  # never write a file the site cannot read
    write_atomic(path, text)
    return path
