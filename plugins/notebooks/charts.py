"""Interactive charts from notebooks (Altair/Vega-Lite, Plotly) as static data tables.

A chart library's output needs its JavaScript, fetched from a CDN: no page of ours
loads third-party scripts. So a chart becomes what it is made of, a table of its
data (readable by everyone, screen readers included, and offline), shown under its
static image when the notebook saved one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

MAX_ROWS = 50  # a chart of 5,000 points is not a table to read: the first rows, and a count


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: int  # rows in the data (``rows`` holds at most MAX_ROWS)


@dataclass(frozen=True)
class Chart:
    library: str  # "Vega-Lite" or "Plotly"
    title: str
    tables: tuple[Table, ...]
    source: str = ""  # where the data lives when the spec only links to it


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    return "" if value is None else str(value)


def _records_table(title: str, records: list) -> Table | None:
    records = [r for r in records if isinstance(r, dict)]
    if not records:
        return None
    columns: list[str] = []
    for record in records:
        columns += [k for k in record if k not in columns]
    rows = tuple(tuple(_cell(r.get(c)) for c in columns) for r in records[:MAX_ROWS])
    return Table(title, tuple(columns), rows, len(records))


def _title(value) -> str:
    if isinstance(value, dict):
        value = value.get("text", "")
    if isinstance(value, list):
        value = " ".join(map(str, value))
    return str(value or "")


def vega_chart(spec: dict) -> Chart:
    """A Vega-Lite spec (as Altair writes it): inline ``values`` and ``datasets``."""
    tables = []
    datasets = spec.get("datasets") or {}
    for name, values in datasets.items():
        if table := _records_table("" if len(datasets) == 1 else name, values or []):
            tables.append(table)
    data = spec.get("data") or {}
    values = data.get("values") if isinstance(data, dict) else None
    if isinstance(values, list) and (table := _records_table("", values)):
        tables.append(table)
    source = str(data.get("url", "")) if isinstance(data, dict) else ""
    source = source if source.startswith(("https://", "http://")) else ""
    title = _title(spec.get("title")) or _title(spec.get("description"))
    return Chart("Vega-Lite", title, tuple(tables), source)


def plotly_chart(figure: dict) -> Chart:
    """A Plotly figure: each trace's x/y (and text) columns as a table."""
    tables = []
    for n, trace in enumerate(figure.get("data") or [], start=1):
        if not isinstance(trace, dict):
            continue
        columns = [k for k in ("x", "y", "z", "text") if isinstance(trace.get(k), list)]
        if not columns:
            continue
        length = max(len(trace[c]) for c in columns)
        records = [
            {c: trace[c][i] if i < len(trace[c]) else None for c in columns} for i in range(length)
        ]
        if table := _records_table(str(trace.get("name") or f"Trace {n}"), records):
            tables.append(table)
    layout = figure.get("layout") or {}
    return Chart("Plotly", _title(layout.get("title")), tuple(tables))


def chart_from_html(html: str) -> Chart | None:
    """Altair's HTML output embeds its spec as the argument of a function call,
    ``(function(spec, embedOpt){...})({...}, {"mode": "vega-lite"})``."""
    if "vega" not in html:
        return None
    at = html.find("})({")
    if at < 0:
        return None
    try:
        spec, _ = json.JSONDecoder().raw_decode(html, at + 3)
    except ValueError:
        return None
    return vega_chart(spec) if isinstance(spec, dict) else None
