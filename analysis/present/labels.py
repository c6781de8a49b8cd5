"""Labels for readers: figures with their qualifier, derived values to the digits their interval supports."""
from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from analysis.extract.catalog import chinese_name
from analysis.reconciled.intervals import display_decimals
from analysis.staging.absences import NO_TARGET

# The qualifier codes of the table (None = exact).
QUALIFIER_KEYS = (None, "about", "at_least", "at_most", "range")
QUALIFIER_SYMBOLS: dict[str | None, str] = {None: "", "about": "≈", "at_least": "≥", "at_most": "≤", "range": ""}

def format_derived(value: float, low: float, high: float, unit: str = "", max_decimals: int = 2,
                   places: int | None = None, signed: bool = False) -> str:
    """A derived figure rounded to what its interval supports: 34816.64 in [34799.9, 34833.5) ->
    '34,820'; the unit follows unspaced, as Chinese units do. `places` fixes the decimals (one
    count for a whole table, see `table_places`); `signed` writes '+' before a positive value."""
    if places is None:
        places = display_decimals(low, high, max_decimals, value)
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{rounded:{'+' if signed else ''},.{max(places, 0)}f}{unit}"


def table_places(lows: list[float], highs: list[float], values: list[float], max_decimals: int = 2) -> int:
    """One number of decimals for a column of derived figures: the fewest any of them supports, so
    no figure shows more digits than its interval allows."""
    return min((display_decimals(lo, hi, max_decimals, v) for lo, hi, v in zip(lows, highs, values)),
               default=max_decimals)


def outward(low: float, high: float, decimals: int) -> tuple[Decimal, Decimal]:
    """Interval ends rounded outward to `decimals` places (low down, high up), so the interval shown
    contains every value of the true one: [34799.7, 34833.5) at 0 places -> (34799, 34834)."""
    step = Decimal(1).scaleb(-decimals)
    # Round off float noise first (10 - 8.65 is 1.3499999999999996), so an end that is exact in
    # decimal is not pushed out by a step.
    return (Decimal(repr(round(float(low), 9))).quantize(step, rounding=ROUND_FLOOR),
            Decimal(repr(round(float(high), 9))).quantize(step, rounding=ROUND_CEILING))


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
    """Bounds for a reader, rounded outward (`outward`): '[297.51, 297.91]'; an open side reads
    'no upper/lower bound' (a growth rate's floor of -100% counts as open)."""
    if math.isinf(high) and (math.isinf(low) or low <= -100):
        return "unbounded"
    places = max(decimals, 0)
    lo, hi = outward(low if math.isfinite(low) else 0.0, high if math.isfinite(high) else 0.0, places)
    if math.isinf(high):
        return f"≥ {lo:,.{places}f} (no upper bound)"
    if math.isinf(low) or low <= -100:
        return f"≤ {hi:,.{places}f} (no lower bound)"
    return f"[{lo:,.{places}f}, {hi:,.{places}f}]"


BOUND_SYMBOLS = {"at_most": "≤", "at_least": "≥"}


def bounded_derived(value: float, low: float, high: float, qualifier: object, unit: str = "",
                    places: int | None = None, symbol: bool = True) -> str:
    """A derived figure one of whose inputs is only a bound (`intervals.positive_bound`): '≤7.45%' with the
    digits its closed side supports (the open one would round it to nothing), 'no bound' when both are open;
    without its symbol (`symbol` False) for a sentence that words it ('at most 7.45%')."""
    if qualifier == "unbounded":
        return "no bound"
    closed = (value, high) if qualifier == "at_most" else (low, value) if qualifier == "at_least" else (low, high)
    return (BOUND_SYMBOLS.get(qualifier, "") if symbol else "") + format_derived(value, *closed, unit, places=places)


def bounded_interval(low: float, high: float, qualifier: object, decimals: int) -> str:
    """The interval of `bounded_derived`: '[0, 7.4468]' over a floor, else `format_interval`."""
    if qualifier == "at_most":
        return f"[0, {outward(0.0, high, decimals)[1]:,.{decimals}f}]"
    return format_interval(low, high, decimals)


def derived_label(value: float, low: float, high: float, qualifier: object, unit: str,
                  places: int | None = None) -> str:
    """A derived level for a reader: the qualifier's symbol, the value rounded to what its interval
    supports (`numbers.format_derived`; `places` fixes the decimals, as `table_places` gives them for a
    column) and the unit: ('≥', 34816.64 ± 17, '元') -> '≥34,820元'."""
    legend = qualifier_legend(None if qualifier == "range" else qualifier)
    symbol = legend.split(" ")[0] if " " in legend else ""
    return f"{symbol}{format_derived(value, low, high, unit, places=places)}"


def implied_target_label(value: float, low: float, high: float, qualifier: object, unit: str,
                         base_decimals: object) -> tuple[str, str]:
    """A level a growth target implies, and its interval, for a reader: an 'about' target has no stated
    width, so its level is shown to the digits of the base it is applied to, with no interval (the base's
    rounding alone would claim a precision the target never had): ('≈330.4亿元', 'none: ≈ has no stated
    width'). Other qualifiers as `derived_label` and `derived_interval`."""
    if qualifier == "about":
        places = 0 if base_decimals is None or pd.isna(base_decimals) else int(base_decimals)
        return f"≈{format_derived(value, low, high, unit, places=places)}", "none: ≈ (about) has no stated width"
    return derived_label(value, low, high, qualifier, unit), derived_interval(low, high, value)


def derived_change(value: float, low: float, high: float, unit: str = "%", max_decimals: int = 2) -> str:
    """A derived change with its interval, by the same rule as levels (`format_derived`, ends rounded
    outward one digit finer): 21.95 in [21.04, 22.86] -> '+22% (+21.0 to +22.9)'."""
    places = display_decimals(low, high, max_decimals, value)
    lo, hi = outward(low, high, max(places + 1, 0))
    shown = format_derived(value, low, high, unit, max_decimals, places=places, signed=True)
    return f"{shown} ({lo:+f} to {hi:+f})"


def figure_label(value: float, qualifier: object, unit: str, value_high: float | None = None) -> str:
    """A figure with its qualifier, as `qualifier_label`, taking value_high only for a range (other
    rows carry a stray value_high as NaN or as the value itself). A derived change whose direction
    the qualifiers do not fix ('undetermined', see `targets.QUALIFIER_RULES`) says so."""
    if qualifier == "undetermined":
        return f"{value:.1f}{unit} (direction not determined)"
    return qualifier_label(value, qualifier, unit, value_high if qualifier == "range" else None)


NOT_IN_CATALOG = "(not in catalog)"


def indicator_names(indicator: object, catalog: pd.DataFrame, subject: object = "",
                    level: object = None) -> tuple[str, str]:
    """(English title, Chinese name as `level`'s reports write it) of an indicator from the catalog;
    uncatalogued: ('(not in catalog)', the subject as written)."""
    if isinstance(indicator, str) and indicator in catalog.index:
        return str(catalog.at[indicator, "title_en"]), chinese_name(catalog, indicator, level)
    return NOT_IN_CATALOG, "" if subject is None or pd.isna(subject) else str(subject)


def indicator_label(indicator: object, catalog: pd.DataFrame, subject: object = "", sep: str = " ",
                    level: object = None) -> str:
    """'Gross domestic product (地区生产总值)' (sep ' '), or title and name on two lines (sep '\\n'); the
    Chinese name as `level`'s reports write it (the nation's 国内生产总值)."""
    english, chinese = indicator_names(indicator, catalog, subject, level)
    return f"{english} ({chinese})" if sep == " " else f"{english}{sep}{chinese}"


def derived_interval(low: float, high: float, value: float, places: int | None = None) -> str:
    """The interval of a derived figure, with one digit more than the value it qualifies is shown with
    (`places`: the decimals of that value, when a table fixes them)."""
    shown = display_decimals(low, high, value=value) if places is None else places
    return format_interval(low, high, max(shown + 1, 0))


def unit_places(lows: pd.Series, highs: pd.Series, values: pd.Series, units: pd.Series) -> pd.Series:
    """`table_places` for each unit of a column: derived figures of one unit in one table share one number
    of decimals (the fewest any of them supports); figures of another unit keep theirs."""
    frame = pd.DataFrame({"low": lows, "high": highs, "value": values, "unit": units})
    places = {unit: table_places(list(g["low"]), list(g["high"]), list(g["value"])) for unit, g in frame.groupby("unit")}
    return frame["unit"].map(places)


# A catalog growth_basis in words.
BASIS_LABELS = {"real": "real (constant prices)", "nominal": "nominal (current prices)",
                "price": "a price change (not a volume)", "none": "not applicable (count or rate)"}
UNKNOWN_BASIS = "unknown (not in the catalog)"
# The same in a word, for lists: 'GDP 5.2%, real'.
BASIS_WORDS = {"real": "real", "nominal": "nominal", "price": "a price change", "none": "a count or rate"}


def basis_word(basis: object) -> str:
    """A catalog growth_basis in a word or two ('price' -> 'a price change'; 'unknown' when not catalogued)."""
    return BASIS_WORDS.get(basis, "unknown") if isinstance(basis, str) else "unknown"


def basis_label(basis: object) -> str:
    """Reader-facing label of a catalog growth_basis ('real' -> 'real (constant prices)')."""
    return BASIS_LABELS.get(basis, UNKNOWN_BASIS) if isinstance(basis, str) else UNKNOWN_BASIS


# The inputs of `fiscal.INPUTS` in words (English, Chinese); None: the catalog's Chinese name for
# the report's level (a nation writes GDP 国内生产总值, a province or county 地区生产总值).
INPUT_LABELS: dict[str, tuple[str, str | None]] = {
    "livelihood_spending": ("Livelihood spending", "民生支出"),
    "livelihood_share": ("Livelihood share of public expenditure", "民生支出占公共财政支出比重"),
    "budget_revenue": ("General public budget revenue", "一般公共预算收入"),
    "gdp": ("Gross domestic product", None),
}


def input_names(name: str, indicator: str, catalog: pd.DataFrame, level: object) -> tuple[str, str]:
    """(English, Chinese) of a fiscal input `name` read from `indicator`, the Chinese as `level`'s
    reports write it where INPUT_LABELS leaves it to the catalog."""
    english, chinese = INPUT_LABELS[name]
    return english, chinese or chinese_name(catalog, indicator, level)


# The quantities of `fiscal.fiscal_summary` in words: (English, Chinese, how it is computed).
QUANTITY_LABELS = {
    "livelihood": ("Livelihood spending (reported)", "民生支出", "reported"),
    "revenue": ("General public budget revenue (reported)", "一般公共预算收入", "reported"),
    "expenditure": ("General public budget expenditure (implied)", "公共财政支出（推算）",
                    "livelihood spending ÷ livelihood share"),
    "non_livelihood": ("Other (non-livelihood) expenditure", "非民生支出",
                       "livelihood spending × (1 − share) ÷ share"),
    "self_reliance": ("Fiscal self-reliance", "财政自给率", "budget revenue ÷ implied expenditure"),
    "financing_gap": ("Gap covered by other sources", "收支缺口", "implied expenditure − budget revenue"),
    "livelihood_gdp": ("Livelihood spending, % of GDP", "民生支出占GDP比重",
                       "livelihood spending ÷ GDP (current prices)"),
    "revenue_gdp": ("Budget revenue, % of GDP", "一般公共预算收入占GDP比重",
                    "general public budget revenue ÷ GDP (current prices)"),
    "expenditure_gdp": ("Implied expenditure, % of GDP", "公共财政支出占GDP比重",
                        "implied expenditure ÷ GDP (current prices)"),
}

