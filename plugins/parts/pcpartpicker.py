"""Read a PCPartPicker part list export: the Reddit markdown table or the HTML
``table.pcpp-part-list``. Pure: text in, ``ImportedList`` out.

Real exports get mangled on their way to us (blank lines between rows, padding, a
lost ``[``), so rows are read one line at a time and every row that cannot be read
is reported with its line instead of stopping the import.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from .model import canonical_type
from .parse import LIMITS
from .pcpp_html import FOOTER, html_rows

_SYMBOLS = {
    "$": "USD",
    "US$": "USD",
    "€": "EUR",
    "£": "GBP",
    "₹": "INR",
    "¥": "JPY",
    "CA$": "CAD",
    "C$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "R$": "BRL",
    "kr": "SEK",
    "CHF": "CHF",
    "zł": "PLN",
}
# A list's address says its region, which settles "$" and "kr".
_REGIONS = {
    "ca": "CAD",
    "au": "AUD",
    "nz": "NZD",
    "uk": "GBP",
    "in": "INR",
    "se": "SEK",
    "dk": "DKK",
    "no": "NOK",
    "ie": "EUR",
    "be": "EUR",
    "de": "EUR",
    "fr": "EUR",
    "es": "EUR",
    "it": "EUR",
    "nl": "EUR",
    "fi": "EUR",
    "at": "EUR",
    "pt": "EUR",
}
_REGION = re.compile(r"https?://([a-z]{2})\.pcpartpicker\.com", re.I)
_NO_PRICE = re.compile(r"^(?:-+|—|–|n/?a|no prices? available)?$", re.I)
_PRICE = re.compile(
    r"^(?P<purchased>purchased for\s*)?(?P<pre>[^\d\s.,-]{0,3})\s*"
    r"(?P<number>\d[\d.,\s]*?)\s*(?P<post>[^\d\s@.,]{0,3})\s*(?:@\s*.+)?$",
    re.I,
)
_ITEM = re.compile(r"^\[?(?P<name>[^\[\]]*?)\]\((?P<url>https?://[^)\s]+)\)$")
_BOLD = re.compile(r"^\*\*(?P<text>.*?)\*\*$")
_SEPARATOR = re.compile(r"^:?-{2,}:?$")
_WATTS = re.compile(r"\b(\d{3,4})\s*W\b")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")


@dataclass(frozen=True)
class ImportedPart:
    type: str
    name: str
    link: str | None = None
    price: Decimal | None = None
    currency: str | None = None
    purchased: bool = False
    quantity: int = 1
    capacity: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Problem:
    line: int
    row: str
    reason: str


@dataclass(frozen=True)
class ImportedList:
    parts: tuple[ImportedPart, ...]
    currency: str | None
    problems: tuple[Problem, ...]


def parse_amount(number: str) -> Decimal:
    """``1,234.56``, ``1.234,56`` and ``1 234,56`` -> Decimal('1234.56')."""
    digits = re.sub(r"\s", "", number)
    last_comma, last_dot = digits.rfind(","), digits.rfind(".")
    if last_comma > last_dot and len(digits) - last_comma - 1 in (1, 2):
        digits = digits.replace(".", "").replace(",", ".")  # comma is the decimal mark
    else:
        digits = digits.replace(",", "")
    if digits.count(".") > 1:
        head, _, tail = digits.rpartition(".")
        digits = head.replace(".", "") + "." + tail
    return Decimal(digits)


def read_price(text: str, region: str | None = None) -> tuple[Decimal | None, str | None, bool]:
    """``$199.99 @ Newegg`` -> (199.99, 'USD', False); ``-`` -> (None, None, False);
    raises ValueError when the cell is not a price."""
    cell = text.replace("*", "").strip()
    if _NO_PRICE.match(cell):
        return None, None, False
    match = _PRICE.match(cell)
    if not match:
        raise ValueError(f"could not read the price {text.strip()!r}")
    symbol = (match["pre"] or match["post"]).strip()
    currency = _SYMBOLS.get(
        symbol, symbol.upper() if re.fullmatch(r"[A-Za-z]{3}", symbol) else None
    )
    if region and symbol in ("$", "kr"):
        currency = region
    if currency is None:
        raise ValueError(f"could not read the currency of {text.strip()!r}")
    try:
        return parse_amount(match["number"]), currency, bool(match["purchased"])
    except InvalidOperation:
        raise ValueError(f"could not read the price {text.strip()!r}") from None


def read_item(cell: str) -> tuple[str, str | None]:
    """``[Name](url)`` (or ``Name](url)``, a lost ``[``) -> (name, url); plain text -> (text, None)."""
    cell = cell.strip()
    match = _ITEM.match(cell)
    name, url = (match["name"], match["url"]) if match else (cell, None)
    name = _ESCAPE.sub(r"\1", name).strip()
    return name.lstrip("*").strip(), url  # a leading * marks PCPartPicker's parametric pick


def _make_part(
    kind: str, item: str, price: str | None, link: str | None, region: str | None
) -> tuple[ImportedPart, str]:
    """The part, and what could not be read of it ("" when all was read)."""
    written = _ESCAPE.sub(r"\1", kind).strip()
    name, url = read_item(item)
    if not name:
        raise ValueError("the part has no name")
    issue = "" if price is not None else "the row has no price column; imported without a price"
    try:
        amount, currency, purchased = read_price(price or "", region)
    except ValueError as error:
        amount, currency, purchased = None, None, False
        issue = f"{error}; imported without a price"
    if amount is not None and amount > LIMITS["price"]:
        amount, currency, purchased = None, None, False
        issue = (
            f"the price {price.strip()!r} is more than a part can cost; imported without a price"
        )
    category = canonical_type(written)
    capacity = _WATTS.search(name) if category == "Power Supply" else None
    return ImportedPart(
        type=category or "Other",
        name=name,
        link=url or link,
        price=amount,
        currency=currency,
        purchased=purchased,
        capacity=int(capacity[1]) if capacity else None,
        note="" if category else f"PCPartPicker type: {written}",
    ), issue


def _cells(line: str) -> list[str]:
    cells = [c.strip() for c in line.split("|")]
    # A leading pipe leaves an empty first cell; a trailing one an empty last cell,
    # which is an empty price, as PCPartPicker writes it.
    return cells[1:] if not cells[0] else cells


class _PartTable:
    """Where a scan of an export is: before the first part list, in it, or past it
    (only the first list is read: a second "Type" header or the totals end it)."""

    def __init__(self):
        self.started = self.finished = False

    def row(self, line: str):
        """``(type, item, price, link)`` for a row of the list, ``(None, line, "",
        None)`` for one that only looks like it, None for anything else."""
        cells = _cells(line)
        if cells and cells[0].lower() == "type":
            self.finished, self.started = self.started, True
            return None
        if self.finished or all(_SEPARATOR.match(c) or not c for c in cells):
            return None
        if FOOTER.search(line) and not _BOLD.match(cells[0] or "x"):
            self.finished = self.started or self.finished
            return None
        bold = _BOLD.match(cells[0])
        if bold or (self.started and len(cells) >= 2):
            self.started = True
            item = cells[1] if len(cells) > 1 else ""
            price = cells[2] if len(cells) > 2 else None  # no price column at all
            return bold["text"] if bold else cells[0], item, price, None
        return (None, line, "", None) if self.started else None


def _markdown_rows(text: str):
    """Yield ``(line, type, item, price, link)`` for each row of the first part list;
    ``type`` None means a row that looked like part of the list but is not a part."""
    table = _PartTable()
    # Lines as an editor counts them (splitlines would also break at \f, \v, \x1c...)
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        line = raw.strip()
        if "|" in line and (row := table.row(line)) is not None:
            yield (number, *row)


def parse_export(text: str) -> ImportedList:
    """Read every part row; identical rows become one part with a quantity."""
    region_match = _REGION.search(text)
    region = _REGIONS.get(region_match[1].lower()) if region_match else None
    is_html = re.search(r"<table\b", text, re.I) is not None
    rows = html_rows(text) if is_html else _markdown_rows(text)
    parts: list[ImportedPart] = []
    problems: list[Problem] = []
    for line, kind, item, price, link in rows:
        if kind is None:
            problems.append(
                Problem(
                    line,
                    item,
                    "not a part row (expected **Type** | [Name](link) | price); row skipped",
                )
            )
            continue
        row = " | ".join(c for c in (kind, item, price) if c is not None)
        try:
            part, issue = _make_part(kind, item, price, link, region)
        except ValueError as error:
            problems.append(Problem(line, row, f"{error}; row skipped"))
            continue
        parts.append(part)
        if issue:
            problems.append(Problem(line, row, issue))
    return ImportedList(_merge(parts), _currency(parts, problems), tuple(problems))


def _merge(parts: list[ImportedPart]) -> tuple[ImportedPart, ...]:
    merged: dict[tuple, ImportedPart] = {}
    for part in parts:
        key = (part.type, part.name, part.link, part.price, part.purchased)
        seen = merged.get(key)
        merged[key] = replace(seen, quantity=seen.quantity + 1) if seen else part
    return tuple(merged.values())


def _currency(parts: list[ImportedPart], problems: list[Problem]) -> str | None:
    counts = Counter(p.currency for p in parts if p.currency)
    if len(counts) > 1:
        problems.append(
            Problem(
                0,
                "",
                "prices in several currencies "
                f"({', '.join(sorted(counts))}); the build uses the most common",
            )
        )
    return counts.most_common(1)[0][0] if counts else None
