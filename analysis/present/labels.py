"""Labels for readers: figures with their qualifier, derived values to the digits their interval supports."""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from analysis.reconciled.intervals import display_decimals
from analysis.staging.absences import NO_TARGET

# The qualifier codes of the table (None = exact).
QUALIFIER_KEYS = (None, "about", "at_least", "at_most", "range")
QUALIFIER_SYMBOLS: dict[str | None, str] = {None: "", "about": "≈", "at_least": "≥", "at_most": "≤", "range": ""}

def format_derived(value: float, low: float, high: float, unit: str = "", max_decimals: int = 2) -> str:
    """A derived figure rounded to what its interval supports: 34816.64 in [34799.9, 34833.5) ->
    '34,820'; the unit follows unspaced, as Chinese units do."""
    places = display_decimals(low, high, max_decimals, value)
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{max(places, 0)}f}{unit}"


def number_text(value: float) -> str:
    """The shortest text that reads back as `value`, without exponent or trailing zeros: 6.0 -> '6'."""
    if not math.isfinite(value):
        raise ValueError(f"cannot label a non-finite value: {value!r}")
    text = format(Decimal(repr(float(value))).normalize(), "f")
    return "0" if text == "-0" else text


def qualifier_key(qualifier: Any) -> str | None:
    # Missing qualifiers arrive as None, NaN or pd.NA from a DataFrame: all mean exact.
    if qualifier is None or (not isinstance(qualifier, str) and pd.isna(qualifier)):
        return None
    if qualifier not in QUALIFIER_KEYS:
        known = ", ".join(repr(q) for q in QUALIFIER_KEYS)
        raise ValueError(f"unknown qualifier {qualifier!r}; expected one of {known}")
    return qualifier


# Qualifiers in words for chart legends, with the symbols of QUALIFIER_SYMBOLS.
QUALIFIER_LEGEND = {None: "exact", "about": "≈ about", "at_least": "≥ at least", "at_most": "≤ at most",
                    "range": "range"}


def qualifier_legend(qualifier: Any) -> str:
    """A qualifier code as a chart legend shows it: 'at_least' -> '≥ at least'; missing -> 'exact'."""
    return QUALIFIER_LEGEND[qualifier_key(qualifier)]


def qualifier_label(value: float, qualifier: str | None, unit: str,
                    value_high: float | None = None) -> str:
    """Short label for a figure with its qualifier: '≈6%', '≥6.5%', '≤5.5%', '6–6.5%', '10%'.

    The number is printed exactly as stored (never rounded); `unit` follows it unspaced,
    as Chinese units do ('311.7亿元').
    """
    if isinstance(qualifier, str) and qualifier == NO_TARGET:  # a stated absence (staging/absences.py): no number to print
        return "no target set"
    key = qualifier_key(qualifier)
    if key == "range":
        if value_high is None or pd.isna(value_high):
            raise ValueError(f"qualifier 'range' needs value_high; got value={value!r}, value_high={value_high!r}")
        if value_high < value:
            raise ValueError(f"range {value!r}–{value_high!r}: value_high is below value")
        return f"{number_text(value)}–{number_text(value_high)}{unit}"
    if value_high is not None and not pd.isna(value_high):
        raise ValueError(f"value_high={value_high!r} given with qualifier {qualifier!r}; only 'range' has one")
    return f"{QUALIFIER_SYMBOLS[key]}{number_text(value)}{unit}"


def format_interval(low: float, high: float, decimals: int = 2) -> str:
    """Bounds for a reader: '[297.52, 297.90)'; an open side reads 'no upper/lower bound'."""
    if math.isinf(high) and math.isinf(low):
        return "unbounded"
    if math.isinf(high):
        return f"≥ {low:,.{decimals}f} (no upper bound)"
    if math.isinf(low) or low <= -100:
        return f"< {high:,.{decimals}f} (no lower bound)"
    return f"[{low:,.{decimals}f}, {high:,.{decimals}f})"


def derived_label(value: float, low: float, high: float, qualifier: object, unit: str) -> str:
    """A derived level for a reader: the qualifier's symbol, the value rounded to what its interval
    supports (`numbers.format_derived`) and the unit: ('≥', 34816.64 ± 17, '元') -> '≥34,820元'."""
    legend = qualifier_legend(None if qualifier == "range" else qualifier)
    symbol = legend.split(" ")[0] if " " in legend else ""
    return f"{symbol}{format_derived(value, low, high, unit)}"
