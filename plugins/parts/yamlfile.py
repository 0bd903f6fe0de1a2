"""Load a build YAML safely and remember the line of every key and list item.

A SafeLoader subclass builds ``Mapping`` (a dict with ``.line`` and ``.key_lines``)
and ``Sequence`` (a list with ``.line`` and ``.item_lines``), so validation can say
``content/builds/x.yaml:14: 'price' must be ...`` for any field, however deep.
"""

from __future__ import annotations

import yaml

from plugins._shared.errors import ContentError


class Mapping(dict):
    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class Sequence(list):
    line: int = 0
    item_lines: list


class _LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings and lists carry 1-based line numbers."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> Mapping:
    loader.flatten_mapping(node)
    result = Mapping()
    result.line, result.key_lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if isinstance(key, (dict, list)):
            raise ContentError("a key must be plain text", line=line)
        if key in result:
            raise ContentError(f"duplicate key '{key}' (first on line "
                               f"{result.key_lines[key]})", line=line)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> Sequence:
    result = Sequence(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


def load_with_lines(text: str, path: str) -> object:
    """Parse YAML ``text``; a syntax error becomes a ContentError at its line."""
    loader = _LineLoader(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = " ".join(p for p in (error.context, error.problem) if p)
        raise ContentError(f"not valid YAML: {reason}", line=mark.line + 1 if mark else None,
                           path=path) from None
    except yaml.YAMLError as error:
        raise ContentError(f"not valid YAML: {error}", path=path) from None
    except ContentError as error:
        error.path = path
        raise
    finally:
        loader.dispose()
