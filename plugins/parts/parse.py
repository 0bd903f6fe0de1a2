"""Validate a build YAML into a ``Build``. Pure: text in, dataclasses out.

Every problem is collected (an author fixes them all in one go) and raised together
as ``InvalidBuild``, each a ``ContentError`` naming the YAML file, the line, the field
and what is expected.
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal
from urllib.parse import urlsplit

from plugins._shared.errors import ContentError, quoted
from plugins._shared.yamlfile import Mapping, Sequence, load_yaml

from .model import PART_TYPES, POWER_SUPPLY, Build, NoteToken, Part, canonical_type

BUILD_KEYS = ("name", "description", "currency", "summary", "parts")
PART_KEYS = (
    "type",
    "name",
    "quantity",
    "price",
    "power",
    "capacity",
    "specs",
    "link",
    "note",
    "short",
)
_CURRENCY = re.compile(r"^[A-Z]{3}$")
# Largest values a build may hold: far above any real part, far below what would make a
# total, a CSV cell or a power percentage unreadable (a price of 1e26 once stopped the
# whole site with decimal.InvalidOperation).
LIMITS = {"price": Decimal("1e12"), "power": Decimal(100_000), "capacity": Decimal(100_000)}
MIN_CAPACITY = Decimal(1)  # watts: a power supply rated below that is a typo
MAX_QUANTITY = 100_000
# Inline Markdown a note may use: **strong**, *em*, `code`, [text](http...)
_NOTE = re.compile(
    r"\*\*(?P<strong>.+?)\*\*|\*(?P<em>[^*\s][^*]*?)\*|`(?P<code>[^`]+)`"
    r"|\[(?P<label>[^\]]+)\]\((?P<href>https?://[^)\s]+)\)"
)


class InvalidBuild(ContentError):
    """All the problems found in one build file; the message is the first one."""

    def __init__(self, errors: list[ContentError]):
        errors = sorted(errors, key=lambda e: e.line or 0)
        super().__init__(errors[0].message, line=errors[0].line, path=errors[0].path)
        self.errors = errors


class _Checker:
    """Collects errors with the file's path while walking the data."""

    def __init__(self, path: str):
        self.path = path
        self.errors: list[ContentError] = []

    def error(self, message: str, line: int) -> None:
        self.errors.append(ContentError(message, line=line, path=self.path))

    def unknown_keys(self, data: Mapping, allowed: tuple[str, ...], where: str) -> None:
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
                hint = (
                    f"did you mean '{close[0]}'?"
                    if close
                    else "expected one of: " + ", ".join(allowed)
                )
                self.error(
                    f"unknown key {quoted(str(key), 40)} in {where} ({hint})", data.line_of(key)
                )

    def text(self, data: Mapping, key: str, *, required: bool = False) -> str:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(f"'{key}' is required (text, e.g. {key}: ...)", data.line_of(key))
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.error(f"'{key}' must be text, got {_kind(value)}", data.line_of(key))
            return ""
        return str(value).strip()

    def number(self, data: Mapping, key: str, example: str) -> Decimal | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(
                f"'{key}' must be a number such as {example}, got {quoted(value)}",
                data.line_of(key),
            )
            return None
        number = Decimal(value) if isinstance(value, int) else Decimal(str(value))
        if not number.is_finite():
            self.error(f"'{key}' must be a finite number, got {value!r}", data.line_of(key))
            return None
        low = MIN_CAPACITY if key == "capacity" else Decimal(0)
        high = LIMITS.get(key, LIMITS["price"])
        if number < low:
            unit = " (watts)" if key == "capacity" else ""
            floor = "0 or more" if not low else f"at least {low}{unit}"
            self.error(f"'{key}' must be {floor}, got {_shown(number)}", data.line_of(key))
            return None
        if number > high:
            self.error(
                f"'{key}' must be at most {high:,f}, got {_shown(number)}", data.line_of(key)
            )
            return None
        return number


def _shown(number: Decimal | int) -> str:
    """A number as short as it can be read: ``1e+26`` or ``1e-300``, not 300 digits."""
    number = Decimal(number)
    return f"{number.normalize():f}" if number.adjusted() in range(-6, 15) else f"{number:.3g}"


def _kind(value) -> str:
    return {
        dict: "a mapping",
        Mapping: "a mapping",
        list: "a list",
        Sequence: "a list",
        bool: "true/false",
    }.get(type(value), repr(value))


def parse_note(text: str) -> tuple[NoteToken, ...]:
    """Split a note's inline Markdown into tokens a template renders safely."""
    tokens, position = [], 0
    for match in _NOTE.finditer(text):
        if match.start() > position:
            tokens.append(NoteToken("text", text[position : match.start()]))
        if match["label"]:
            tokens.append(NoteToken("link", match["label"], match["href"]))
        else:
            kind = next(k for k in ("strong", "em", "code") if match[k])
            tokens.append(NoteToken(kind, match[kind]))
        position = match.end()
    if position < len(text):
        tokens.append(NoteToken("text", text[position:]))
    return tuple(tokens)


def _quantity(check: _Checker, data: Mapping) -> int:
    value = data.get("quantity", 1)
    if isinstance(value, bool) or not isinstance(value, int):
        check.error(
            f"'quantity' must be a whole number of 1 or more, got {quoted(value)}",
            data.line_of("quantity"),
        )
        return 1
    if value < 1:
        check.error(f"'quantity' must be 1 or more, got {_shown(value)}", data.line_of("quantity"))
        return 1
    if value > MAX_QUANTITY:
        check.error(
            f"'quantity' must be at most {MAX_QUANTITY:,}, got {_shown(value)}",
            data.line_of("quantity"),
        )
        return 1
    return value


def _link(check: _Checker, data: Mapping) -> str | None:
    link = check.text(data, "link")
    if not link:
        return None
    parts = urlsplit(link)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in link):
        check.error(
            f"'link' must be an http:// or https:// address, got {quoted(link)}",
            data.line_of("link"),
        )
        return None
    return link


def _specs(check: _Checker, data: Mapping) -> tuple[tuple[str, str], ...]:
    specs = data.get("specs")
    if specs is None:
        return ()
    if not isinstance(specs, dict):
        check.error(
            "'specs' must be a mapping of label: value, such as {Cores: 8, Threads: 16}, "
            f"got {_kind(specs)}",
            data.line_of("specs"),
        )
        return ()
    pairs = []
    for label, value in specs.items():
        if isinstance(value, (dict, list)) or value is None:
            check.error(
                f"spec {quoted(str(label), 40)} must be a single value such as 8 or '3.6 GHz', "
                f"got {_kind(value)}",
                specs.line_of(label),
            )
            continue
        shown = ("yes" if value else "no") if isinstance(value, bool) else str(value)
        pairs.append((str(label), shown))
    return tuple(pairs)


def _part_type(check: _Checker, data: Mapping) -> tuple[str, str]:
    written = check.text(data, "type", required=True)
    if not written:
        return "", "Other"
    category = canonical_type(written)
    if category is None:
        names = PART_TYPES + ("GPU", "PSU", "RAM", "SSD")
        close = difflib.get_close_matches(written, names, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        check.error(
            f"unknown part type {quoted(written, 40)} ({hint}expected one of: "
            f"{', '.join(PART_TYPES)})",
            data.line_of("type"),
        )
        return written, "Other"
    return written, category


def _part(check: _Checker, data, line: int) -> Part | None:
    if not isinstance(data, Mapping):
        check.error(f"each part must be a mapping with 'type' and 'name', got {_kind(data)}", line)
        return None
    check.unknown_keys(data, PART_KEYS, "a part")
    written, category = _part_type(check, data)
    capacity = check.number(data, "capacity", "750")
    if capacity is not None and category != POWER_SUPPLY:
        check.error(
            f"'capacity' is for power supplies (type: {POWER_SUPPLY}); use 'power' "
            "for this part's draw",
            data.line_of("capacity"),
        )
    note = check.text(data, "note")
    return Part(
        type=written,
        category=category,
        name=check.text(data, "name", required=True),
        quantity=_quantity(check, data),
        price=check.number(data, "price", "329.00"),
        power=check.number(data, "power", "65"),
        capacity=capacity,
        specs=_specs(check, data),
        link=_link(check, data),
        note=parse_note(note),
        note_text=note,
        short=check.text(data, "short"),
        line=line,
    )


def parse_build(text: str, *, slug: str, path: str, default_currency: str = "USD") -> Build:
    """Validate one build file's text; raise ``InvalidBuild`` listing every problem."""
    try:
        loaded = load_yaml(text, what="build file")
    except ContentError as error:
        error.path = path
        raise
    data = loaded.data
    check = _Checker(path)
    if not isinstance(data, Mapping):
        raise InvalidBuild(
            [
                ContentError(
                    "a build file must be a mapping with 'name' and 'parts'", line=1, path=path
                )
            ]
        )
    check.unknown_keys(data, BUILD_KEYS, "the build")
    name = check.text(data, "name", required=True)
    currency = check.text(data, "currency") or default_currency
    if not _CURRENCY.match(currency):
        check.error(
            f"'currency' must be an ISO 4217 code such as USD, EUR or GBP, got {quoted(currency)}",
            data.line_of("currency"),
        )
    raw_parts = data.get("parts")
    parts: list[Part] = []
    if not isinstance(raw_parts, Sequence) or not raw_parts:
        check.error(
            "'parts' must be a non-empty list of parts (- type: CPU, name: ...)",
            data.line_of("parts"),
        )
    else:
        for item, line in zip(raw_parts, raw_parts.item_lines):
            if (part := _part(check, item, line)) is not None:
                parts.append(part)
    if check.errors:
        raise InvalidBuild(check.errors)
    order = {t: i for i, t in enumerate(PART_TYPES)}
    parts.sort(key=lambda p: order[p.category])  # stable: written order within a type
    return Build(
        slug=slug,
        name=name,
        parts=tuple(parts),
        currency=currency,
        description=check.text(data, "description"),
        summary_text=check.text(data, "summary"),
        path=path,
        warnings=tuple(
            ContentError(
                f"duplicate key '{d.key}' (first on line {d.first_line}); the last value is used",
                line=d.line,
                path=path,
            )
            for d in loaded.duplicates
        ),
    )
