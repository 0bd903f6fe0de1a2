"""Numbers as people read them: 412 images/s, 9.87 ms, 1.23 GB/s, 250k IOPS."""

from __future__ import annotations

import math
import re

_TIME = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "sec": 1.0}
_TIME_STEPS = ((1.0, "s"), (1e-3, "ms"), (1e-6, "µs"), (1e-9, "ns"))
_BYTE_PREFIX = {
    "": 1,
    "k": 1e3,
    "K": 1e3,
    "M": 1e6,
    "G": 1e9,
    "T": 1e12,
    "Ki": 2**10,
    "Mi": 2**20,
    "Gi": 2**30,
    "Ti": 2**40,
}
_BYTES = re.compile(r"^(?P<prefix>[kKMGT]i?)?(?:B|bytes?)(?P<rate>/s)?$")
_SI_STEPS = ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"))


def significant(value: float, digits: int = 3) -> str:
    """``412``, ``41.2``, ``4.12``, ``0.0412``; thousands grouped, never an exponent."""
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    if abs(value) >= 10 ** (digits - 1):
        return f"{value:,.0f}"
    decimals = digits - 1 - math.floor(math.log10(abs(value)))
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def is_time(unit: str) -> bool:
    return unit in _TIME


def is_rate(unit: str) -> bool:
    return unit.endswith("/s") or unit in ("IOPS", "FLOPS")


def _time(seconds: float) -> str:
    if seconds == 0:
        return "0 s"
    for scale, name in _TIME_STEPS:
        if seconds >= scale:
            return f"{significant(seconds / scale)} {name}"
    return f"{significant(seconds / 1e-9)} ns"


def _bytes(count: float, rate: bool) -> str:
    suffix = "B/s" if rate else "B"
    for scale, prefix in _SI_STEPS:
        if count >= scale:
            return f"{significant(count / scale)} {prefix}{suffix}"
    return f"{significant(count)} {suffix}"


def _si(value: float, unit: str) -> str:
    """SI prefix on the number for large counts of other units: ``250k IOPS``."""
    if value >= 1e4:
        for scale, prefix in _SI_STEPS:
            if value >= scale:
                return f"{significant(value / scale)}{prefix} {unit}".rstrip()
    return f"{significant(value)} {unit}".rstrip()


def format_value(value: float, unit: str) -> str:
    """``value`` in ``unit`` written for a reader, switching to a better-sized unit
    for times (ns..s) and bytes (B, kB, MB, GB; per second too)."""
    unit = unit.strip()
    if unit in _TIME:
        return _time(value * _TIME[unit])
    if m := _BYTES.match(unit):
        return _bytes(value * _BYTE_PREFIX[m["prefix"] or ""], bool(m["rate"]))
    if unit == "%":
        return f"{significant(value)}%"
    return _si(value, unit)


def to_base(unit: str) -> tuple[float, str]:
    """(factor, base unit): ``ms`` -> (0.001, ``s``), ``GB/s`` -> (1e9, ``B/s``); other
    units are their own base. Values in one base unit can share a chart."""
    unit = unit.strip()
    if unit in _TIME:
        return _TIME[unit], "s"
    if m := _BYTES.match(unit):
        return _BYTE_PREFIX[m["prefix"] or ""], "B/s" if m["rate"] else "B"
    return 1.0, unit


def quantity(unit: str) -> str:
    """What a unit measures, for naming a chart of mixed benchmarks: ``Time``..."""
    base = to_base(unit)[1]
    return {"s": "Time", "B/s": "Throughput", "B": "Size"}.get(base, f"Results in {unit}")
