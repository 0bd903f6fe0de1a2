"""What a build is once validated: frozen dataclasses and the sums a table shows.

Pure: no Pelican, no I/O. ``parse.py`` builds these from YAML; ``render.py`` and the
CSV/JSON-LD writers only read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# Table order: the parts a build is about first, peripherals last. Names follow
# PCPartPicker's, so imported lists sort the same way.
PART_TYPES: tuple[str, ...] = (
    "CPU",
    "CPU Cooler",
    "Motherboard",
    "Memory",
    "Storage",
    "Video Card",
    "Case",
    "Power Supply",
    "Case Fan",
    "Fan Controller",
    "Thermal Compound",
    "Optical Drive",
    "Sound Card",
    "Wired Network Adapter",
    "Wireless Network Adapter",
    "Operating System",
    "Software",
    "Monitor",
    "Keyboard",
    "Mouse",
    "Headphones",
    "Speakers",
    "Webcam",
    "UPS",
    "External Storage",
    "Case Accessory",
    "Custom",
    "Other",
)
TYPE_ALIASES: dict[str, str] = {
    "processor": "CPU",
    "cooler": "CPU Cooler",
    "mainboard": "Motherboard",
    "board": "Motherboard",
    "ram": "Memory",
    "ssd": "Storage",
    "hdd": "Storage",
    "nvme": "Storage",
    "disk": "Storage",
    "gpu": "Video Card",
    "graphics card": "Video Card",
    "psu": "Power Supply",
    "fan": "Case Fan",
    "os": "Operating System",
}
POWER_SUPPLY = "Power Supply"


def canonical_type(name: str) -> str | None:
    """``"gpu"`` -> ``"Video Card"``; None when the type is not one we know."""
    key = name.strip().lower()
    for known in PART_TYPES:
        if known.lower() == key:
            return known
    return TYPE_ALIASES.get(key)


@dataclass(frozen=True)
class NoteToken:
    """A piece of a part's note: ``kind`` is text, strong, em, code or link."""

    kind: str
    text: str
    href: str = ""


@dataclass(frozen=True)
class Part:
    type: str  # as written ("GPU")
    category: str  # canonical ("Video Card"), for order and rules
    name: str
    quantity: int = 1
    price: Decimal | None = None  # per unit
    power: Decimal | None = None  # estimated draw, watts, per unit
    capacity: Decimal | None = None  # power supplies: rated watts
    specs: tuple[tuple[str, str], ...] = ()
    link: str | None = None
    note: tuple[NoteToken, ...] = ()
    note_text: str = ""
    short: str = ""
    line: int = 0

    @property
    def line_total(self) -> Decimal | None:
        return None if self.price is None else self.price * self.quantity


@dataclass(frozen=True)
class PowerBudget:
    draw: Decimal
    capacity: Decimal | None

    @property
    def load_percent(self) -> int | None:
        if not self.capacity:
            return None
        return int((self.draw * 100 / self.capacity).to_integral_value())


@dataclass(frozen=True)
class Build:
    slug: str
    name: str
    parts: tuple[Part, ...]
    currency: str = "USD"
    description: str = ""
    summary_text: str = ""
    path: str = ""
    # Problems that did not stop the build from being read (duplicate keys), placed.
    warnings: tuple = ()

    @property
    def total(self) -> Decimal:
        return sum((p.line_total for p in self.parts if p.line_total is not None), Decimal(0))

    @property
    def has_prices(self) -> bool:
        return any(p.price is not None for p in self.parts)

    @property
    def power(self) -> PowerBudget | None:
        """Estimated draw against the largest power supply's rating (a redundant
        pair carries the load on one unit); None when no part says its draw."""
        drawing = [p for p in self.parts if p.power is not None]
        if not drawing:
            return None
        draw = sum((p.power * p.quantity for p in drawing), Decimal(0))
        ratings = [p.capacity for p in self.parts if p.capacity is not None]
        return PowerBudget(draw, max(ratings) if ratings else None)


_GPU = re.compile(
    r"\b((?:RTX|GTX|GT|RX|Arc|Titan|Quadro)\s+[A-Z]?\d{3,4}\w*"
    r"(?:\s+(?:Ti|Super|XT|XTX|GRE))?)\b",
    re.I,
)
_CPU = re.compile(
    r"\b((?:Ryzen(?:\s+Threadripper)?(?:\s+\d)?|Core\s+(?:Ultra\s+)?i?\d|"
    r"Xeon|EPYC|Athlon|Pentium|Celeron)[\s-]+[\w-]*\d[\w-]*)",
    re.I,
)
_GB = re.compile(r"(\d+(?:\.\d+)?)\s*([GT])B\b", re.I)


def short_name(part: Part) -> str:
    """A few words a reader recognises: ``short:`` if given, else the model number
    found in the name (``RTX 2070 Super``, ``Ryzen 7 3700X``), else the name."""
    if part.short:
        return part.short
    pattern = {"Video Card": _GPU, "CPU": _CPU}.get(part.category)
    match = pattern.search(part.name) if pattern else None
    name = match[1] if match else part.name
    return f"{part.quantity}\u00d7 {name}" if part.quantity > 1 else name


def memory_total(parts: tuple[Part, ...]) -> str | None:
    """``32 GB`` from the memory parts' ``Capacity`` spec or name, times quantity."""
    total = Decimal(0)
    for part in parts:
        if part.category != "Memory":
            continue
        source = dict(part.specs).get("Capacity") or part.name
        match = _GB.search(source)
        if not match:
            return None
        size = Decimal(match[1]) * (1024 if match[2].upper() == "T" else 1)
        total += size * part.quantity
    return f"{total.normalize():f} GB" if total else None


def summarize(build: Build) -> str:
    """``RTX 2070 Super / Ryzen 7 3700X / 32 GB``: GPU(s), CPU, memory."""
    if build.summary_text:
        return build.summary_text
    pieces = [short_name(p) for p in build.parts if p.category == "Video Card"]
    pieces += [short_name(p) for p in build.parts if p.category == "CPU"]
    memory = memory_total(build.parts)
    if memory:
        pieces.append(memory)
    return " / ".join(pieces) or build.name
