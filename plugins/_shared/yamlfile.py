"""The one YAML loader: front matter and build files alike.

Safe (no Python objects), fast (libyaml's parser when PyYAML has it), and exact about
places: mappings and lists come back as ``Mapping``/``Sequence`` (a dict and a list
that know the line of every key and item), so a check anywhere can say
``content/builds/x.yaml:14: 'price' must be ...``. It also refuses what would hurt
the build: alias bombs (``&a [*b, *b, ...]`` nested until the expansion is billions of
values), and it reads ``1:30`` as text, not YAML 1.1's sexagesimal 90.

Duplicate keys are not errors (fastpages posts have them, and Jekyll keeps the last
value); they are returned so the caller can warn at both lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .errors import ContentError, quoted

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_VALUES = 100_000  # values a document may expand to through aliases


class Mapping(dict):
    """A YAML mapping: ``line`` where it starts, ``key_lines[key]`` where each key is."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class Sequence(list):
    """A YAML list: ``line`` where it starts, ``item_lines[i]`` where item i is."""

    line: int = 0
    item_lines: list


@dataclass(frozen=True)
class Duplicate:
    key: str
    line: int
    first_line: int


@dataclass
class Loaded:
    """What a document held, and the duplicate keys found on the way."""

    data: object
    duplicates: list[Duplicate] = field(default_factory=list)


class _Loader(_Base):
    """The safe loader with places recorded and YAML 1.1's surprises removed."""

    def __init__(self, stream):
        super().__init__(stream)
        self.duplicates: list[Duplicate] = []

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep=deep)
        except ContentError:
            raise
        except (ValueError, OverflowError, TypeError) as error:  # 2020-02-30, 1e999999
            raise ContentError(
                f"cannot read {quoted(node.value)}: {error}", line=node.start_mark.line + 1
            ) from None


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Mapping:
    loader.flatten_mapping(node)
    result = Mapping()
    result.line, result.key_lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if isinstance(key, (dict, list)):
            raise ContentError("a key must be plain text, not a list or mapping", line=line)
        if key in result.key_lines:
            loader.duplicates.append(Duplicate(str(key), line, result.key_lines[key]))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> Sequence:
    result = Sequence(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_number(kind: str):
    """int/float, except YAML 1.1 base-60 (``1:30`` -> 90): that stays text."""
    plain = _Base.yaml_constructors[f"tag:yaml.org,2002:{kind}"]

    def construct(loader: _Loader, node: yaml.ScalarNode):
        if ":" in node.value:
            return node.value
        return plain(loader, node)

    return construct


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_number("int"))
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_number("float"))


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many values ``node`` becomes once aliases are expanded, without expanding
    them: each node's size is computed once (aliases share node objects)."""
    known = sizes.get(id(node))
    if known is not None:
        return known
    sizes[id(node)] = 1  # a recursive alias counts once instead of looping
    children = []
    if isinstance(node, yaml.MappingNode):
        children = [n for pair in node.value for n in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
    total = 1
    for child in children:
        total += _expanded_size(child, sizes)
        if total > MAX_VALUES:
            break
    sizes[id(node)] = total
    return total


def describe_yaml_error(error: yaml.MarkedYAMLError, text: str) -> tuple[str, int | None]:
    """YAML's reason, placed where the author should look: an unclosed bracket or
    quote (found only at the end of the text) is placed where it opened."""
    problem, context = error.problem_mark, error.context_mark
    at_end = problem is not None and problem.index >= len(text.rstrip())
    unclosed = bool(error.context) and ("flow" in error.context or "quoted" in error.context)
    mark = context if context is not None and (at_end or unclosed or problem is None) else problem
    reason = error.problem or "unreadable YAML"
    if error.context:
        reason = f"{error.context}: {reason}"
    if at_end or unclosed:
        reason += " (is a closing bracket or quote missing?)"
    return reason, (mark.line + 1 if mark is not None else None)


def load_yaml(text: str, *, what: str = "YAML") -> Loaded:
    """Load one YAML document; ContentError (line relative to ``text``) if it is not
    valid YAML, too large once expanded, or holds a value that cannot be read."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Loaded(None)
        if _expanded_size(node, {}) > MAX_VALUES:
            raise ContentError(
                f"{what} expands to more than {MAX_VALUES:,} values through "
                "aliases (*name); write the values out instead",
                line=node.start_mark.line + 1,
            )
        return Loaded(loader.construct_document(node), loader.duplicates)
    except yaml.MarkedYAMLError as error:
        reason, line = describe_yaml_error(error, text)
        raise ContentError(f"{what} is not valid YAML: {reason}", line=line) from None
    except yaml.YAMLError as error:
        raise ContentError(f"{what} is not valid YAML: {error}") from None
    except RecursionError:
        raise ContentError(f"{what} is nested too deeply to read") from None
    finally:
        loader.dispose()
