"""One system's result in one benchmark: the runs, or a summary of them.

A chart shows the median, with whiskers that span the runs within 1.5 × IQR of the
quartiles (Tukey's rule); runs beyond them are counted as outliers, never drawn and
never allowed to set the scale. With fewer than ``TUKEY_MIN_RUNS`` runs quartiles
mean little, so the whiskers span every run (min to max).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, fields

TUKEY_MIN_RUNS = 5
RAW_RUNS_CAP = 50  # a buildlog file keeps up to this many runs; more become a summary
SUMMARY_KEYS = ("n", "min", "q1", "median", "q3", "max", "mean", "sd", "whiskers", "outliers")


@dataclass(frozen=True)
class Result:
    """``value`` is the median; ``low``/``high`` the fastest and slowest run.

    ``whisker_low``/``whisker_high`` and ``outliers`` follow the module's rule; tools
    that report only a few statistics leave the rest None."""

    value: float
    low: float
    high: float
    count: int = 1
    runs: tuple[float, ...] = ()
    q1: float | None = None
    q3: float | None = None
    mean: float | None = None
    stdev: float | None = None
    whisker_low: float | None = None
    whisker_high: float | None = None
    outliers: int | None = None

    @classmethod
    def of(cls, runs: list[float] | tuple[float, ...]) -> Result:
        runs = tuple(float(r) for r in runs)
        ordered = sorted(runs)
        many = len(runs) > 1
        q1, q3 = (
            statistics.quantiles(ordered, n=4, method="inclusive")[::2] if many else (None, None)
        )
        low, high, outliers = tukey(ordered, q1, q3)
        return cls(
            statistics.median(ordered),
            ordered[0],
            ordered[-1],
            len(runs),
            runs,
            q1,
            q3,
            statistics.fmean(runs) if many else None,
            statistics.stdev(runs) if many else None,
            low,
            high,
            outliers,
        )

    @classmethod
    def single(cls, value: float) -> Result:
        return cls(float(value), float(value), float(value))

    def scaled(self, factor: float) -> Result:
        """The same result in another unit (``ms`` -> ``s``: factor 0.001)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        for name, value in values.items():
            if isinstance(value, float):
                values[name] = value * factor
        return Result(**values | {"runs": tuple(r * factor for r in self.runs)})

    @property
    def spread(self) -> bool:
        return self.high > self.low

    @property
    def whiskers(self) -> tuple[float, float]:
        """Where the whiskers end: Tukey's when known, else the quartile fences
        clipped to min and max, else min and max."""
        if self.whisker_low is not None and self.whisker_high is not None:
            return self.whisker_low, self.whisker_high
        if self.q1 is not None and self.q3 is not None and self.count >= TUKEY_MIN_RUNS:
            iqr = self.q3 - self.q1
            return max(self.low, self.q1 - 1.5 * iqr), min(self.high, self.q3 + 1.5 * iqr)
        return self.low, self.high

    @property
    def tukey(self) -> bool:
        """Whether the whiskers follow the 1.5 × IQR rule (else they span min-max)."""
        return self.count >= TUKEY_MIN_RUNS and (
            self.q1 is not None or self.whisker_low is not None
        )

    def stored(self) -> float | list[float] | dict:
        """What a buildlog file keeps: one number, the runs (up to RAW_RUNS_CAP), or
        a summary (n, min, quartiles, median, max, mean, sd, whiskers, outliers)."""
        if self.count <= 1 and not self.spread:
            return _round(self.value)
        if self.runs and len(self.runs) <= RAW_RUNS_CAP:
            return [_round(r) for r in self.runs]
        summary = {
            "n": self.count,
            "min": self.low,
            "q1": self.q1,
            "median": self.value,
            "q3": self.q3,
            "max": self.high,
            "mean": self.mean,
            "sd": self.stdev,
            "whiskers": list(self.whiskers) if self.tukey else None,
            "outliers": self.outliers,
        }
        return {
            k: (v if k in ("n", "outliers") else _round_any(v))
            for k, v in summary.items()
            if v is not None
        }


def tukey(
    ordered: list[float], q1: float | None, q3: float | None
) -> tuple[float | None, float | None, int | None]:
    """Whisker ends (the most extreme runs within 1.5 × IQR of the quartiles) and
    how many runs lie beyond them; (None, None, None) for too few runs."""
    if q1 is None or q3 is None or len(ordered) < TUKEY_MIN_RUNS:
        return None, None, None
    iqr = q3 - q1
    inside = [r for r in ordered if q1 - 1.5 * iqr <= r <= q3 + 1.5 * iqr]
    return inside[0], inside[-1], len(ordered) - len(inside)


def _round(value: float) -> float:
    return float(f"{value:.6g}")


def _round_any(value):
    return [_round(v) for v in value] if isinstance(value, list) else _round(value)


def from_summary(data: dict) -> Result:
    """A Result from a stored summary (already validated: see parse.py)."""
    whiskers = data.get("whiskers") or (None, None)
    median = float(data["median"])
    return Result(
        median,
        float(data.get("min", median)),
        float(data.get("max", median)),
        int(data.get("n", 1)),
        (),
        _opt(data.get("q1")),
        _opt(data.get("q3")),
        _opt(data.get("mean")),
        _opt(data.get("sd")),
        _opt(whiskers[0]),
        _opt(whiskers[1]),
        data.get("outliers"),
    )


def _opt(value) -> float | None:
    return None if value is None else float(value)


def finite_nonnegative(value: object) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value >= 0
    )
