"""What ``invoke bench-import`` and ``invoke bench-collect`` do."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from invoke import Exit

from plugins._shared.errors import ContentError, display_path

from .collector import DEFAULT, QUICK
from .collector import collect as run_collect
from .merge import merge_into_file
from .parse import load_json, tool_measures

ROOT = Path(__file__).resolve().parents[2]


def benchmarks_dir() -> Path:
    from plugins._shared.sitebuild import load_settings

    settings = load_settings(ROOT / "pelicanconf.py")
    return Path(settings["PATH"]) / settings.get("BENCHMARKS_DIR", "benchmarks")


def _target(into: str, folder: Path | None) -> Path:
    if not re.fullmatch(r"[\w.-]+", into):
        raise Exit(
            f"--into takes a name such as 'prometheus' (for content/benchmarks/"
            f"prometheus.json), not {into!r}",
            code=2,
        )
    return (folder or benchmarks_dir()) / f"{into}.json"


def _check_system(system: str) -> None:
    if not system.strip():
        raise Exit("--system needs a name, e.g. --system prometheus", code=2)


def import_results(
    file: str,
    system: str,
    into: str,
    *,
    label: str = "",
    title: str = "",
    folder: Path | None = None,
) -> Path:
    """Merge a tool's JSON (hyperfine, pytest-benchmark, Google Benchmark, fio) into
    ``<folder>/<into>.json`` as ``system``'s results. A new file is titled ``title``,
    or after what the tool measured."""
    _check_system(system)
    target = _target(into, folder)
    try:
        shown = display_path(file)
        data, text = load_json(Path(file), shown)
        tool, machine, default_title, measures = tool_measures(data, shown, text)
        specs = {"Imported from": tool.NAME} | ({"Machine": machine} if machine else {})
        merge_into_file(
            target,
            system,
            measures,
            label=label,
            specs=specs,
            title=title or default_title,
            tool=tool.NAME,
        )
    except ContentError as error:
        raise Exit(str(error), code=1) from None
    print(f"{tool.NAME}: {len(measures)} result(s) for '{system}' -> {display_path(target)}")
    return target


def collect(
    system: str,
    into: str = "",
    *,
    quick: bool = False,
    label: str = "",
    folder: Path | None = None,
    disk_dir: str | None = None,
) -> Path:
    """Measure this machine and merge the results into ``<into or system>.json``."""
    from .sysinfo import system_specs

    _check_system(system)
    target = _target(into or system, folder)
    specs = system_specs()
    specs["Measured"] = f"{dt.date.today().isoformat()} with bench-collect" + (
        " --quick" if quick else ""
    )
    try:
        measures = run_collect(QUICK if quick else DEFAULT, disk_dir=disk_dir)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        raise Exit("interrupted: nothing written, temporary files removed", code=130) from None
    try:
        merge_into_file(
            target,
            system,
            measures,
            label=label,
            specs=specs,
            title=f"{label or system}: measured by bench-collect",
        )
    except ContentError as error:
        raise Exit(str(error), code=1) from None
    for m in measures:
        print(f"  {m.chart}: {m.result.value:.4g} {m.unit}")
    print(f"{len(measures)} result(s) for '{system}' -> {display_path(target)}")
    return target
