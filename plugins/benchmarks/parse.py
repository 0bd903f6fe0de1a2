"""Read a benchmark JSON file: buildlog's own format or a tool's, told apart by shape.

Pure apart from reading the file. Every problem is a ``ContentError`` naming the
file (and the line when it can be found), never a traceback.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from plugins._shared.errors import ContentError, display_path, quoted

from . import fio, google_benchmark, hyperfine, pytest_benchmark
from .model import BETTER, Benchmark, BenchmarkFile, Result, System
from .stats import SUMMARY_KEYS, from_summary
from .validate import check_tool, number_problem

TOOLS = (hyperfine, pytest_benchmark, google_benchmark, fio)
MAX_DEPTH = 200  # nesting levels a benchmark file may have (json recurses per level)
_TAG_ARGS = re.compile(r'(?P<name>[^\s%"]+)(?:\s+"(?P<bench>[^"]*)")?')
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')  # strings (skipped) and brackets
FORMATS = "buildlog, " + ", ".join(t.NAME for t in TOOLS)


def _name(value: object) -> str:
    """A name from the file, quoted and cut: it may hold anything, newlines included."""
    return quoted(str(value), 40)


class _Place:
    """Finds roughly where a key or value sits in the JSON text, for error lines."""

    def __init__(self, text: str, path: str):
        self.text, self.path = text, path

    def line(self, *needles: str) -> int | None:
        """The line of the last needle found in order (each searched after the one
        before, as written by a tool or with \\u escapes); None if not even the first."""
        pos = found_any = None
        for needle in needles:
            start = pos or 0
            spots = [
                self.text.find(json.dumps(needle, ensure_ascii=ascii), start)
                for ascii in (False, True)
            ]
            spots = [spot for spot in spots if spot >= 0]
            if not spots:
                break
            pos = found_any = min(spots)
        return None if found_any is None else self.text.count("\n", 0, pos) + 1

    def error(self, message: str, *needles: str) -> ContentError:
        return ContentError(message, path=self.path, line=self.line(*needles) if needles else None)


def load_json(path: Path, shown: str | None = None) -> tuple[object, str]:
    """The decoded JSON and its text; malformed JSON names file:line:column."""
    shown = shown or display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(f"cannot read benchmark file: {error}", path=shown) from None
    if (deep := too_deep(text)) is not None:
        raise ContentError(
            f"nested more than {MAX_DEPTH} levels deep: is this a benchmark file?",
            path=shown,
            line=deep[0],
            column=deep[1],
        )
    try:
        return json.loads(text), text
    except json.JSONDecodeError as error:
        raise ContentError(
            f"malformed JSON: {error.msg}", path=shown, line=error.lineno, column=error.colno
        ) from None
    except (ValueError, RecursionError) as error:  # a 5,000-digit integer, say
        raise ContentError(f"unreadable JSON: {error}", path=shown) from None


def too_deep(text: str) -> tuple[int, int] | None:
    """Line and column where ``[``/``{`` nesting passes MAX_DEPTH (strings skipped),
    found before ``json`` recurses that deep."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for token in _JSON_TOKENS.finditer(text):
        if token[0] in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                index = token.start()
                return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)
        elif token[0] in "]}":
            depth -= 1
    return None


def load_file(path: Path) -> BenchmarkFile:
    shown = display_path(path)
    data, text = load_json(path, shown)
    return parse_data(data, text, shown)


def detect(data: object) -> str:
    """``"buildlog"`` or the name of the tool that wrote ``data``; "" if unknown."""
    if isinstance(data, dict) and isinstance(data.get("systems"), dict):
        return "buildlog"
    return next((t.NAME for t in TOOLS if t.detect(data)), "")


def parse_data(data: object, text: str, shown: str) -> BenchmarkFile:
    kind = detect(data)
    if kind == "buildlog":
        return parse_buildlog(data, _Place(text, shown))
    for tool in TOOLS:
        if kind == tool.NAME:
            check_tool(tool.NAME, data, _Place(text, shown))
            return tool.to_file(data, shown)
    raise ContentError(f"unrecognised benchmark format (expected one of: {FORMATS})", path=shown)


def tool_measures(data: object, shown: str, text: str = ""):
    """(tool module, machine description, title, measures) of a tool's JSON, for importing."""
    kind = detect(data)
    tool = next((t for t in TOOLS if kind == t.NAME), None)
    if tool is None:
        raise ContentError(
            f"not the output of a known tool (expected one of: "
            f"{FORMATS.removeprefix('buildlog, ')})",
            path=shown,
        )
    check_tool(tool.NAME, data, _Place(text, shown))
    return tool, tool.machine(data), tool.title(data), tool.measures(data, shown)


def entry_noun(tool_name: str) -> str:
    """What one tool's entries are (``Command``, ``Test``...); ``Benchmark`` if unknown."""
    return next((t.ENTRY for t in TOOLS if tool_name == t.NAME), "Benchmark")


def parse_buildlog(data: dict, place: _Place) -> BenchmarkFile:
    systems = tuple(_system(key, value, place) for key, value in data["systems"].items())
    if not systems:
        raise place.error("'systems' is empty: name at least one system", "systems")
    keys = [s.key for s in systems]
    baseline = data.get("baseline") or ""
    if baseline and baseline not in keys:
        raise place.error(
            f"baseline {_name(baseline)} is not one of the systems ({', '.join(keys)})", "baseline"
        )
    items = data.get("benchmarks")
    if not isinstance(items, list) or not items:
        raise place.error("'benchmarks' must be a non-empty list", "benchmarks")
    benchmarks = [_benchmark(i, item, keys, place) for i, item in enumerate(items, 1)]
    names = [b.name for b in benchmarks]
    if dup := next((n for n in names if names.count(n) > 1), None):
        raise place.error(f"benchmark {_name(dup)} appears twice", "benchmarks", dup, dup)
    title, tool = data.get("title", ""), data.get("tool", "")
    if not isinstance(title, str):
        raise place.error("'title' must be text", "title")
    if not isinstance(tool, str):
        raise place.error("'tool' must be text, such as \"hyperfine\"", "tool")
    return BenchmarkFile(
        title=title, systems=systems, benchmarks=tuple(benchmarks), baseline=baseline, tool=tool
    )


def _system(key: str, value: object, place: _Place) -> System:
    if not isinstance(value, dict):
        raise place.error(
            f'system {_name(key)} must be an object such as {{"label": "..."}}', "systems", key
        )
    specs = value.get("specs", {})
    if not isinstance(specs, dict):
        raise place.error(f"'specs' of system {_name(key)} must be an object", "systems", key)
    return System(
        key=key,
        label=str(value.get("label") or key),
        build=str(value.get("build", "")),
        specs=tuple((str(k), str(v)) for k, v in specs.items()),
    )


def _benchmark(index: int, item: object, systems: list[str], place: _Place) -> Benchmark:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"]:
        raise place.error(f'benchmark #{index} needs a "name"', "benchmarks")
    name = item["name"]
    where = ("benchmarks", name)
    unit = item.get("unit")
    if not isinstance(unit, str) or not unit.strip():
        raise place.error(
            f'benchmark {_name(name)} has no unit (add "unit": "images/s" or similar)', *where
        )
    if item.get("better") not in BETTER:
        raise place.error(
            f'benchmark {_name(name)}: "better" must be "higher" or "lower", '
            f"not {json.dumps(item.get('better'))}",
            *where,
        )
    raw = item.get("results")
    if not isinstance(raw, dict) or not raw:
        raise place.error(f"benchmark {_name(name)} has no results", *where)
    results = []
    for key, value in raw.items():
        if key not in systems:
            raise place.error(
                f"unknown system {_name(key)} in the results of {_name(name)} "
                f"(systems: {', '.join(systems)})",
                *where,
                key,
            )
        results.append(
            (
                key,
                _result(
                    value,
                    f"result of {_name(key)} in {_name(name)}",
                    lambda msg, k=key: place.error(msg, *where, k),
                ),
            )
        )
    return Benchmark(name=name, unit=unit.strip(), better=item["better"], results=tuple(results))


def _too_far(value: object) -> bool:
    """A finite number >= 0 that is still no result: beyond what a chart can draw."""
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and value == value
        and value > 0
        and number_problem(value) is not None
    )


def _result(value: object, what: str, error) -> Result:
    """A number, a list of runs, or a summary object (``n``, ``median``...)."""
    if isinstance(value, dict):
        return _summary(value, what, error)
    runs = value if isinstance(value, list) else [value]
    bad = next((r for r in runs if number_problem(r)), None) if runs else "[]"
    if _too_far(bad):
        raise error(f"{what} {number_problem(bad)}")
    if bad is not None:
        raise error(
            f"{what} must be a number >= 0, a non-empty list of them or a summary "
            f'such as {{"n": 200, "median": 1.5}}, not {json.dumps(bad)}'
        )
    return Result.of(runs)


def _summary(data: dict, what: str, error) -> Result:
    """A run set given as its statistics: every key known, every value in range, and
    the five numbers in order."""
    unknown = [k for k in data if k not in SUMMARY_KEYS]
    if unknown:
        raise error(
            f"unknown key {_name(unknown[0])} in the {what} (a summary has: "
            f"{', '.join(SUMMARY_KEYS)})"
        )
    if "median" not in data:
        raise error(f'the {what} is a summary without "median"')
    _check_summary_values(data, what, error)
    ordered = [data[k] for k in ("min", "q1", "median", "q3", "max") if k in data]
    if ordered != sorted(ordered):
        raise error(f"the {what} must have min <= q1 <= median <= q3 <= max")
    return from_summary(data)


def _check_summary_values(data: dict, what: str, error) -> None:
    for key in ("min", "q1", "median", "q3", "max", "mean", "sd"):
        if key in data and (problem := number_problem(data[key])):
            if _too_far(data[key]):
                raise error(f'"{key}" in the {what} {problem}')
            raise error(f'"{key}" in the {what} must be a number >= 0, not {json.dumps(data[key])}')
    for key, least in (("n", 1), ("outliers", 0)):
        if key in data and not (type(data[key]) is int and data[key] >= least):
            raise error(f'"{key}" in the {what} must be a whole number >= {least}')
    ends = data.get("whiskers")
    if ends is not None and not (
        isinstance(ends, list)
        and len(ends) == 2
        and not any(number_problem(e) for e in ends)
        and ends[0] <= ends[1]
    ):
        raise error(f'"whiskers" in the {what} must be [low, high], two numbers >= 0')


def parse_tag(args: str, line: int) -> tuple[str, str | None]:
    """``{% benchmarks NAME ["Benchmark name"] %}``'s arguments: the file's name and
    the benchmark's, if given; ContentError at the tag's line otherwise."""
    found = _TAG_ARGS.fullmatch(args.strip())
    if found is None:
        shown = args.strip() if len(args.strip()) <= 60 else args.strip()[:59] + "…"
        raise ContentError(
            f"cannot read {{% benchmarks{(' ' + shown) if shown else ''} "
            '%}: expected {% benchmarks NAME %} or {% benchmarks NAME "Benchmark" %}',
            line=line,
        )
    return found["name"], found["bench"]
