"""What a target promises: its direction (a floor, a ceiling, a level to reach) and the outcomes that meet it
under the stated rule, so that promises of different kinds are compared as intervals, never subtracted."""
from __future__ import annotations

import math

import pandas as pd

# Indicators where lower is better: an exact or 'about' target is a ceiling, not a floor.
CEILING_INDICATORS = frozenset({"surveyed_unemployment_rate", "registered_unemployment_rate"})
# Indicators whose direction only the report's words can give: a CPI target of 3%左右 is a ceiling where the
# report says 控制在 (keep within), a level to reach where it says so (2025: 使价格总水平处在合理区间); the
# `sense` column of the data records which. Without it the target is not judged.
STATED_SENSE_INDICATORS = frozenset({"cpi"})
DIRECTIONS = ("floor", "ceiling", "level")
# Kinds of measure whose margins (pp) may be averaged together: never across kinds.
MARGIN_KINDS = ("real growth", "nominal growth", "price change", "rate", "pp change")


def direction_of(indicator: object, sense: object = None, ceilings: frozenset[str] = CEILING_INDICATORS) -> str | None:
    """'floor', 'ceiling' or 'level' (a level to reach) for a target: the `sense` its report states, else
    the indicator's (CEILING_INDICATORS are ceilings, others floors); None for a STATED_SENSE_INDICATORS
    target whose report does not say."""
    if isinstance(sense, str) and sense in ("ceiling", "level"):
        return sense
    if indicator in ceilings:
        return "ceiling"
    if indicator in STATED_SENSE_INDICATORS:
        return None
    return "floor"


def accepted_interval(value: float, qualifier: str | None, direction: str | None, value_high: float | None = None,
                      tolerance: float = 0.5) -> tuple[float, float] | None:
    """The outcomes that meet a target under the stated rule, as [low, high] (ends may be infinite).

    at least: [v, ∞); at most: (−∞, v]; range: [v, high]. About: v − tolerance upwards for a floor, up to
    v + tolerance for a ceiling, v ± tolerance for a level to reach. Exact: a floor [v, ∞), a ceiling
    (−∞, v], a level to reach [v, ∞). None when the direction is not stated (about or exact only).
    `tolerance` is in the target's unit (pp, or a share of the target for levels: the caller's).
    """
    if qualifier == "range":
        return float(value), float(value_high)
    if qualifier == "at_least":
        return float(value), math.inf
    if qualifier == "at_most":
        return -math.inf, float(value)
    if direction is None:
        return None
    slack = tolerance if qualifier == "about" else 0.0
    if direction == "ceiling":
        return -math.inf, value + slack
    if direction == "level" and qualifier == "about":
        return value - slack, value + slack
    return value - slack, math.inf


def interval_excess(mine: tuple[float, float] | None, other: tuple[float, float] | None,
                    direction: str | None) -> float:
    """How much stricter one promise is than another, in the target's unit: for floors the lowest outcome
    each accepts (≥5% accepts 5, ≈5% accepts 4.5: +0.5), for ceilings the highest. NaN where the two cannot
    be set on one end (a floor against a ceiling, a level to reach, an unstated direction)."""
    if mine is None or other is None or direction not in ("floor", "ceiling"):
        return math.nan
    end = 0 if direction == "floor" else 1
    if not (math.isfinite(mine[end]) and math.isfinite(other[end])):
        return math.nan
    return mine[end] - other[end]


def margin_kind(measure: object, growth_basis: object) -> str | None:
    """The kind of a percentage margin (MARGIN_KINDS): real, nominal or price growth, a rate or share, a
    change in pp; None for levels and counts (judged by ratio) and growth of unknown basis."""
    if measure == "growth":
        return {"real": "real growth", "nominal": "nominal growth", "price": "price change"}.get(growth_basis)
    return {"share": "rate", "change_pp": "pp change"}.get(measure)


def kinds_of(frame: pd.DataFrame, catalog: pd.DataFrame) -> pd.Series:
    """`margin_kind` of each row of a frame with indicator and measure, the basis from the catalog."""
    basis = frame["indicator"].map(catalog["growth_basis"]) if len(frame) else pd.Series(dtype=object)
    return pd.Series([margin_kind(m, b) for m, b in zip(frame["measure"], basis)], index=frame.index, dtype=object)
