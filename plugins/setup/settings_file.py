"""Read and rewrite the ``NAME = value`` lines of pelicanconf.py and publishconf.py.

The files stay the user's: only the assignments asked for change, in place, with
their trailing comments; everything else (comments, order, other settings) is kept
byte for byte. Values are written as Python literals and read back to prove it.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

ONE_LINE = 80  # a tuple longer than this is written one pair a line


class SettingsFileError(Exception):
    """A settings file we cannot safely rewrite, with the reason."""


def _assignments(tree: ast.Module) -> dict[str, ast.Assign]:
    found = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ):
            found[node.targets[0].id] = node
    return found


def read_values(path: Path, names: tuple[str, ...]) -> dict[str, object]:
    """The literal values of ``names`` in ``path`` (names set by code are left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    values = {}
    for name, node in _assignments(tree).items():
        if name in names:
            try:
                values[name] = ast.literal_eval(node.value)
            except ValueError:
                pass
    return values


def format_value(value: object) -> str:
    """A Python literal for a str, bool or a tuple of (name, url) pairs."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a valid Python string literal
    if isinstance(value, bool):
        return repr(value)
    if isinstance(value, tuple):
        pairs = [f"({format_value(a)}, {format_value(b)})," for a, b in value]
        one_line = "(" + "".join(pairs) + ")" if len(pairs) == 1 else "(" + " ".join(pairs) + ")"
        if len(one_line) <= ONE_LINE:  # as the kit ships it: a line other tools can read
            return one_line if pairs else "()"
        return "(\n" + "".join(f"    {pair}\n" for pair in pairs) + ")"
    raise TypeError(f"cannot write {value!r} to a settings file")


def rewritten(path: Path, values: dict[str, object]) -> str:
    """The text of ``path`` with each ``NAME = value`` of ``values`` set, the rest kept."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    nodes = _assignments(ast.parse(text, str(path)))
    missing = [name for name in values if name not in nodes]
    if missing:
        raise SettingsFileError(
            f"{path.name}: no line '{missing[0]} = ...' to change; "
            f'add one (e.g. {missing[0]} = "") and run setup again'
        )
    for name in sorted(values, key=lambda n: nodes[n].lineno, reverse=True):
        node = nodes[name]
        first, last = node.lineno - 1, node.end_lineno - 1
        tail = lines[last].encode()[node.end_col_offset :].decode()  # a comment, a newline
        lines[first : last + 1] = [f"{name} = {format_value(values[name])}{tail or chr(10)}"]
    new_text = "".join(lines)
    if read_values_from_text(new_text, tuple(values)) != values:
        raise SettingsFileError(f"{path.name}: the rewritten values do not read back")
    return new_text


def read_values_from_text(text: str, names: tuple[str, ...]) -> dict[str, object]:
    tree = ast.parse(text)
    return {
        name: ast.literal_eval(node.value)
        for name, node in _assignments(tree).items()
        if name in names
    }
