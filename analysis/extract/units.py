"""Units as reports write them: the unit vocabulary, scale prefixes (万/亿), exact scaling, decimals shown."""
from __future__ import annotations

from decimal import Decimal

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


# Measure words of things counted one by one: 67家 is 67 firms, not 66.5 to 67.5. With a scale prefix
# (1.1万家) the figure is rounded again and keeps its rounding interval.
COUNT_UNITS = frozenset({"家", "个", "项", "件", "所", "名", "条", "处", "座", "村", "户", "人", "人次", "套",
                         "台", "张", "间", "场", "种", "支", "只", "头", "部", "辆"})
