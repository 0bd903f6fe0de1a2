"""Merge measurements (a tool's output, or bench-collect's) into a buildlog file,
so several machines' results sit side by side in one chart per benchmark."""

from __future__ import annotations

import json
from pathlib import Path

from plugins._shared.errors import ContentError, display_path
from plugins._shared.files import write_atomic

from .model import Measure, import_name
from .parse import load_json, parse_data


def _stored(measure: Measure) -> float | list[float]:
    value = measure.result.stored()
    if isinstance(value, list):
        return [float(f"{v:.6g}") for v in value]
    return float(f"{value:.6g}")


def merge(doc: dict | None, system: str, measures: list[Measure], *, label: str = "",
          specs: dict | None = None, shown: str = "") -> dict:
    """``doc`` (a buildlog file's JSON, or None for a new one) with ``system`` and its
    results added; an existing result of the same system is replaced."""
    doc = doc if doc is not None else {"title": "", "systems": {}, "benchmarks": []}
    if not isinstance(doc, dict) or not isinstance(doc.get("systems"), dict):
        raise ContentError("not a buildlog benchmark file (it has no \"systems\"): "
                           "import into a new name instead", path=shown)
    entry = doc["systems"].setdefault(system, {})
    if label or "label" not in entry:
        entry["label"] = label or system
    if specs:
        entry["specs"] = {**entry.get("specs", {}), **specs}
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
            raise ContentError(f"benchmark '{name}' is in {bench.get('unit')!r} there, but the new "
                               f"results are in {measure.unit!r}", path=shown)
        bench.setdefault("results", {})[system] = _stored(measure)
    return doc


def merge_into_file(path: Path, system: str, measures: list[Measure], **kwargs) -> Path:
    """Merge into ``path`` (created if missing), validating the result before an
    atomic write: an interrupted or failed merge leaves the old file as it was."""
    shown = display_path(path)
    doc = load_json(path, shown)[0] if path.exists() else None
    doc = merge(doc, system, measures, shown=shown, **kwargs)
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    parse_data(json.loads(text), text, shown)  # never write a file the site cannot read
    write_atomic(path, text)
    return path
