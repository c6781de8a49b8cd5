"""Numbers as reports write them: units and their scales, exact scaling, rounding intervals."""
from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

# Scale prefixes that stand before a base unit (亿元 = 1e8 元). Order matters: longest first.
SCALES: dict[str, int] = {"万亿": 10**12, "亿": 10**8, "千万": 10**7, "百万": 10**6, "万": 10**4, "千": 10**3, "百": 10**2}

# Base units that take a scale prefix: money, people, physical quantities.
SCALABLE_UNITS = ("美元", "元", "人次", "人", "户", "斤", "吨", "亩", "平方米", "千瓦时", "千瓦", "标箱", "辆")
# Units that stand alone (counts by measure word, lengths, rates).
PLAIN_UNITS = ("个百分点", "百分点", "%", "‰", "家", "个", "项", "件", "所", "名", "条", "处", "座", "村",
               "套", "台", "张", "间", "公里", "千米", "米", "倍", "场", "批", "种", "支", "只", "头", "部")

UNITS: frozenset[str] = frozenset(
    [*PLAIN_UNITS, *SCALABLE_UNITS]
    + [scale + unit for scale in SCALES for unit in SCALABLE_UNITS]
    + [scale + unit for scale in ("万",) for unit in ("家", "个", "件", "套", "台", "辆", "条")]
)
PERCENT_UNITS = frozenset({"%", "个百分点", "百分点", "‰"})


def split_unit(unit: str) -> tuple[int, str]:
    """Scale factor and base unit of a normalised unit: '亿元' -> (10**8, '元'), '%' -> (1, '%')."""
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}")
    if unit in PLAIN_UNITS or unit in SCALABLE_UNITS:
        return 1, unit
    for scale, factor in SCALES.items():
        if unit.startswith(scale) and unit[len(scale):] in UNITS:
            return factor, unit[len(scale):]
    raise ValueError(f"unknown unit {unit!r}")  # pragma: no cover - UNITS is built from the same parts


def to_base(value: str | Decimal | float, unit: str) -> tuple[float, str]:
    """Value in its base unit, scaled exactly: ('311.7', '亿元') -> (31170000000.0, '元')."""
    factor, base_unit = split_unit(unit)
    return float(Decimal(str(value)) * factor), base_unit


def decimals_of(number_text: str) -> int:
    """Decimal places shown in a number as written: '311.7' -> 1, '36836' -> 0."""
    text = number_text.replace(",", "")
    return len(text.split(".", 1)[1]) if "." in text else 0


def rounding_interval(value: float, decimals: int) -> tuple[float, float]:
    """Half-open interval [low, high) of true values that round to `value` shown with `decimals` places."""
    half = Decimal(1).scaleb(-int(decimals)) / 2
    exact = Decimal(str(value))
    return float(exact - half), float(exact + half)


# Measure words of things counted one by one: 67家 is 67 firms, not 66.5 to 67.5. With a scale prefix
# (1.1万家) the figure is rounded again and keeps its rounding interval.
COUNT_UNITS = frozenset({"家", "个", "项", "件", "所", "名", "条", "处", "座", "村", "户", "人", "人次", "套",
                         "台", "张", "间", "场", "种", "支", "只", "头", "部", "辆"})


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


def format_derived(value: float, low: float, high: float, unit: str = "", max_decimals: int = 2) -> str:
    """A derived figure rounded to what its interval supports: 34816.64 in [34799.9, 34833.5) ->
    '34,820'; the unit follows unspaced, as Chinese units do."""
    places = display_decimals(low, high, max_decimals, value)
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{max(places, 0)}f}{unit}"
