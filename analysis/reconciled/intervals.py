"""Rounding intervals: the true values a printed figure stands for, and the precision a derived one supports."""
from __future__ import annotations

import math
from decimal import Decimal

from analysis.extract.units import COUNT_UNITS


def rounding_interval(value: float, decimals: int) -> tuple[float, float]:
    """Half-open interval [low, high) of true values that round to `value` shown with `decimals` places."""
    half = Decimal(1).scaleb(-int(decimals)) / 2
    exact = Decimal(str(value))
    return float(exact - half), float(exact + half)


def figure_interval(value: float, decimals: int, unit: str | None) -> tuple[float, float]:
    """True values a printed figure stands for: [value, value] for a plain count (67家 is exact),
    else the rounding interval [low, high) of `rounding_interval`."""
    if isinstance(unit, str) and unit in COUNT_UNITS:
        return float(value), float(value)
    return rounding_interval(value, decimals)


def display_decimals(low: float, high: float, max_decimals: int = 2, value: float | None = None) -> int:
    """Decimal places a derived figure supports: none finer than the leading digit of its
    half-width (±17 -> -1, i.e. tens; ±0.19 -> 1). With `value`, an interval open on one side
    (a floor) uses the distance from value to its finite end. Otherwise open or zero-width
    intervals get `max_decimals`."""
    half = (high - low) / 2
    if value is not None and math.isinf(half):
        finite = [abs(value - end) for end in (low, high) if math.isfinite(end)]
        half = finite[0] if finite else half
    if not math.isfinite(half) or half <= 0:
        return max_decimals
    return min(max_decimals, -math.floor(math.log10(half)))


def positive_bound(low: float, high: float) -> str | None:
    """Which side of a positive quantity's interval is open (an input given only as a bound: 突破5万亿元):
    'at_least' (no upper end), 'at_most' (no lower end but 0), 'unbounded' (neither), None when closed."""
    open_low, open_high = low <= 0, math.isinf(high)
    if open_low and open_high:
        return "unbounded"
    return "at_least" if open_high else "at_most" if open_low else None
