"""Read a Jupyter notebook into cells a post can be made of. Pure: text in, data out.

nbformat does the reading (any nbformat version, upgraded to 4) and the schema check;
we add what it cannot know: the file line of every source line (so a problem in a
markdown cell is reported where an editor shows it, with the cell number a Jupyter
user sees), and the fastpages/nbdev cell flags (``#hide``, ``#collapse-show``...).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from plugins._shared.errors import ContentError

_CELL_TYPE = re.compile(r'^(?P<indent>\s*)"cell_type":\s*"\w+",?\s*$')
# Cell flags are whole-line comments: "#hide", "# collapse-show", "#collapse_output".
_FLAG = re.compile(r"^\s*#\s*(?P<flag>[a-z][a-z_-]*)\s*$", re.I)
# Quarto-style cell options, "#| fig-alt: A bar chart of ...".
_OPTION = re.compile(r"^\s*#\|\s*(?P<key>fig-alt|fig-cap)\s*:\s*(?P<value>.*?)\s*$")
FLAGS = {
    "hide": "hide",
    "hide_input": "hide_input",
    "hide_output": "hide_output",
    "collapse": "collapse_hide",
    "collapse_hide": "collapse_hide",
    "collapse_input": "collapse_hide",
    "collapse_show": "collapse_show",
    "collapse_output": "collapse_output",
}


@dataclass(frozen=True)
class Cell:
    """One cell. ``number`` counts every cell from 1, as a reader of the notebook
    would; ``lines[i]`` is the file line of source line ``i`` (None if unknown)."""

    number: int
    kind: str
    source: str
    lines: tuple[int | None, ...]
    outputs: tuple = ()
    flags: frozenset[str] = frozenset()
    options: dict = field(default_factory=dict)
    attachments: dict = field(default_factory=dict)
    raw_format: str = ""

    def line(self, index: int) -> int | None:
        """File line of source line ``index`` (0-based), clamped to the cell."""
        if not self.lines:
            return None
        return self.lines[min(max(index, 0), len(self.lines) - 1)]


@dataclass(frozen=True)
class Notebook:
    cells: tuple[Cell, ...]
    metadata: dict
    language: str


def load_notebook(text: str) -> Notebook:
    """Parse and check a notebook; ContentError names the line or the cell."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ContentError(
            f"not a readable notebook: {error.msg} (is the file cut short or edited by hand?)",
            line=error.lineno,
            column=error.colno,
        ) from None
    if not isinstance(data, dict) or "cells" not in data and "worksheets" not in data:
        raise ContentError("not a Jupyter notebook: no 'cells' list at the top", line=1)
    # Imported here: nbformat (and jsonschema) cost every build a quarter of a second
    # and ~10 MB, and most sites have no notebook.
    import nbformat
    import nbformat.reader
    from nbformat.validator import iter_validate

    try:
        nb = nbformat.reader.reads(text)  # joins source lists, any version
        if nb.get("nbformat", 4) != 4:
            nb = nbformat.convert(nb, 4)
    except Exception as error:  # nbformat's converters raise whatever they meet
        raise ContentError(f"not a readable notebook: {error}", line=1) from None
    problem = next(iter_validate(nb, relax_add_props=True), None)
    cells = nb.get("cells") or []
    lines = cell_lines(text, len(cells))
    if problem is not None:
        raise _schema_error(problem, lines)
    return Notebook(
        tuple(_cell(i, c, lines[i]) for i, c in enumerate(cells)),
        dict(nb.get("metadata") or {}),
        _language(nb.get("metadata") or {}),
    )


def _schema_error(problem, lines) -> ContentError:
    path = list(problem.absolute_path)
    where = ""
    line = 1
    if len(path) >= 2 and path[0] == "cells" and isinstance(path[1], int):
        where = f"cell {path[1] + 1}: "
        line = next((n for n in lines[path[1]] if n), None) if path[1] < len(lines) else None
    at = "/".join(str(p) for p in path[2:]) or "the cell"
    return ContentError(f"{where}not a valid notebook ({at}: {problem.message})", line=line)


def _cell(index: int, cell, lines: tuple[int | None, ...]) -> Cell:
    source = cell.get("source") or ""
    flags, options = frozenset(), {}
    if cell.get("cell_type") == "code":
        flags, options = read_flags(source)
    metadata = cell.get("metadata") or {}
    return Cell(
        index + 1,
        cell.get("cell_type", ""),
        source,
        lines,
        tuple(cell.get("outputs") or ()),
        flags,
        options,
        dict(cell.get("attachments") or {}),
        str(metadata.get("format") or metadata.get("raw_mimetype") or ""),
    )


def read_flags(source: str) -> tuple[frozenset[str], dict]:
    """The fastpages flags and Quarto options written as comment lines of a code cell."""
    flags, options = set(), {}
    for line in source.splitlines():
        if m := _FLAG.match(line):
            name = FLAGS.get(m["flag"].lower().replace("-", "_"))
            if name:
                flags.add(name)
        elif m := _OPTION.match(line):
            options[m["key"]] = m["value"].strip("\"'")
    return frozenset(flags), options


def strip_flags(source: str) -> str:
    """The code without its flag and option lines (readers need not see them)."""
    kept = [
        line
        for line in source.splitlines()
        if not _OPTION.match(line)
        and not ((m := _FLAG.match(line)) and m["flag"].lower().replace("-", "_") in FLAGS)
    ]
    return "\n".join(kept).strip("\n")


def _language(metadata: dict) -> str:
    info = metadata.get("language_info") or {}
    kernel = metadata.get("kernelspec") or {}
    return str(info.get("name") or kernel.get("language") or "python")


def cell_lines(text: str, count: int) -> list[tuple[int | None, ...]]:
    """For each cell, the file line of each source line, as nbformat writes files
    (one JSON string per source line). Unknown lines are None: a hand-written or
    minified notebook still builds, its problems named by cell only."""
    lines = text.splitlines()
    starts = [(i, m["indent"]) for i, line in enumerate(lines) if (m := _CELL_TYPE.match(line))]
    if len(starts) != count:
        return [()] * count
    found = []
    for n, (start, indent) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        found.append(_source_lines(lines, start, end, indent))
    return found


def _source_lines(lines: list[str], start: int, end: int, indent: str):
    key = indent + '"source": '
    at = next((i for i in range(start, end) if lines[i].startswith(key)), None)
    if at is None:
        return ()
    rest = lines[at][len(key) :].strip()
    if not rest.startswith("["):  # one string: every source line is on this line
        value = _loads(rest.rstrip(","))
        return (at + 1,) * (value.count("\n") + 1 if isinstance(value, str) else 1)
    if rest.startswith("[]"):
        return ()
    result = []
    for i in range(at + 1, end):
        value = _loads(lines[i].strip().rstrip(","))
        if not isinstance(value, str):
            break
        result.extend([i + 1] * max(1, value.count("\n") + (not value.endswith("\n"))))
    return tuple(result)


def _loads(text: str):
    try:
        return json.loads(text)
    except ValueError:
        return None
