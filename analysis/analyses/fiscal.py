"""Livelihood (民生) spending share: implied budget expenditure, self-reliance, financing gap, GDP shares."""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from analysis.errors import DataError, require
from analysis.analyses.growth import row_interval
from analysis.reconciled.report import Report
from analysis.extract.units import split_unit
from analysis.reconciled.intervals import positive_bound
from analysis.reconciled.reconcile import conflict_summary

# The figures the analysis reads, as (indicator, measure) of the review year's actuals.
INPUTS = {
    "livelihood_spending": ("livelihood_spending", "level"),
    "livelihood_share": ("livelihood_spending", "share"),
    "budget_revenue": ("general_budget_revenue", "level"),
    "gdp": ("gdp", "level"),
}


@dataclass(frozen=True)
class Bounded:
    """A figure with the interval of true values consistent with the report's rounding."""

    value: float
    low: float
    high: float


def fiscal_inputs(report: Report) -> pd.DataFrame:
    """The review-year figures this analysis uses, one row per found input (index: input name).

    Columns: the table's columns plus the interval low, high (written unit); words for the
    input names are in `present.fiscal_page`. Inputs not reported are absent; see `missing_inputs`. Repeats that agree within
    rounding count once; where sources disagree, `reconcile.resolve_figures` picks one value by
    its RESOLUTION_RULE and the row has `conflict` True (the other sources: `fiscal_conflicts`).
    """
    resolved, report_year = report.regional(), report.report_year
    review = resolved[(resolved["report_year"] == report_year) & (resolved["kind"] == "actual")
                      & (resolved["period"] == report_year - 1)]
    found = []
    for name, (indicator, measure) in INPUTS.items():
        match = review[(review["indicator"] == indicator) & (review["measure"] == measure)]
        if len(match) > 1:  # resolve_figures keeps one row per figure; two would be a bug upstream
            raise DataError("(reconciled figures)", f"{indicator} {measure}: {len(match)} rows for one figure")
        if not match.empty:
            found.append(match.iloc[0].to_frame().T.assign(input=name))
    if not found:
        return review.iloc[0:0].assign(input=[], low=[], high=[]).set_index("input")
    inputs = pd.concat(found).set_index("input")
    bounds = [row_interval(row) for _, row in inputs.iterrows()]
    return inputs.assign(low=[b[0] for b in bounds], high=[b[1] for b in bounds])


def fiscal_conflicts(inputs: pd.DataFrame, conflicts: pd.DataFrame) -> pd.DataFrame:
    """The rows of `conflicts` (`Report.conflicts`) about the inputs, one per input and other source
    that disagrees with the value used, in INPUTS order.

    Columns: input and those of `reconcile.conflict_summary` (title_en and name_zh as the figures
    are named, until `present.fiscal_page` names the input); empty when no input conflicted.
    """
    parts = [conflict_summary(inputs.loc[[name]], conflicts).assign(input=name) for name in inputs.index]
    summary = pd.concat(parts, ignore_index=True) if parts else conflict_summary(inputs, conflicts).assign(input=[])
    return summary[["input", *summary.columns.drop("input")]]


def missing_inputs(inputs: pd.DataFrame) -> list[str]:
    """The INPUTS (names) the report does not give, in INPUTS order."""
    return [name for name in INPUTS if name not in inputs.index]


def _bounded(row: pd.Series) -> Bounded:
    low, high = row_interval(row)
    return Bounded(float(row["value"]), low, high)


def _in_yi(row: pd.Series) -> Bounded:
    """A money figure in 亿元 whatever unit it was written in (万元 and 亿元 mix in reports)."""
    scale, base_unit = split_unit(row["unit"])
    if base_unit != "元":
        raise DataError(row.get("doc", "?"), f"{row['subject']}: expected an amount in 元, "
                                              f"found unit '{row['unit']}'")
    figure = _bounded(row)
    factor = scale / 10**8
    return Bounded(figure.value * factor, figure.low * factor, figure.high * factor)


def fiscal_summary(inputs: pd.DataFrame) -> pd.DataFrame:
    """Derived fiscal quantities with rounding intervals, from `fiscal_inputs`.

    Rows (index: quantity) only for what the inputs allow: livelihood and revenue (as reported),
    expenditure, non_livelihood, self_reliance, financing_gap, livelihood_gdp, revenue_gdp,
    expenditure_gdp. Columns: value, low, high, unit, qualifier. Amounts in 亿元, ratios in %. A quantity
    one of whose inputs is only a bound (GDP 突破5万亿元) is open on a side: its qualifier says which
    (`intervals.positive_bound`: a ratio over a GDP floor is 'at_most', its value the bound); a closed
    one's qualifier is missing (NA). The quantities' names and formulas in words are in
    `present.fiscal_page`.
    """
    rows: dict[str, tuple[Bounded, str]] = {}
    have = set(inputs.index)
    # The reported amounts too, in 亿元 whatever unit the report used, so charts need no conversion.
    if "livelihood_spending" in have:
        rows["livelihood"] = (_in_yi(inputs.loc["livelihood_spending"]), "亿元")
    if "budget_revenue" in have:
        rows["revenue"] = (_in_yi(inputs.loc["budget_revenue"]), "亿元")
    if {"livelihood_spending", "livelihood_share"} <= have:
        spend = _in_yi(inputs.loc["livelihood_spending"])
        share = _bounded(inputs.loc["livelihood_share"])
        require(0 < share.value <= 100, "(reconciled figures)", f"livelihood share {share.value}% is not within (0, 100]")
        expenditure = implied_expenditure(spend, share)
        require(expenditure.low >= spend.low, "(reconciled figures)", "implied expenditure below livelihood spending")
        rows["expenditure"] = (expenditure, "亿元")
        rows["non_livelihood"] = (non_livelihood(spend, share), "亿元")
        if "budget_revenue" in have:
            revenue = _in_yi(inputs.loc["budget_revenue"])
            rows["self_reliance"] = (self_reliance(revenue, spend, share), "%")
            rows["financing_gap"] = (financing_gap(revenue, expenditure), "亿元")
    if "gdp" in have:
        gdp = _in_yi(inputs.loc["gdp"])
        for name, source in (("livelihood_gdp", "livelihood_spending"), ("revenue_gdp", "budget_revenue")):
            if source in have:
                rows[name] = (percent_of(_in_yi(inputs.loc[source]), gdp), "%")
        if "expenditure" in rows:
            rows["expenditure_gdp"] = (percent_of(rows["expenditure"][0], gdp), "%")
    out = pd.DataFrame([{"quantity": name, "value": b.value, "low": b.low, "high": b.high, "unit": unit,
                         "qualifier": positive_bound(b.low, b.high)}
                        for name, (b, unit) in rows.items()],
                       columns=["quantity", "value", "low", "high", "unit", "qualifier"])
    require(((out["low"] <= out["value"]) & (out["value"] <= out["high"])).all(), "(reconciled figures)", "bounds inverted")
    return out.set_index("quantity")


def implied_expenditure(spend: Bounded, share_pct: Bounded) -> Bounded:
    """Expenditure = livelihood spending / share; largest with the most spending and smallest share."""
    return Bounded(spend.value / (share_pct.value / 100), spend.low / (share_pct.high / 100),
                   spend.high / (share_pct.low / 100))


def non_livelihood(spend: Bounded, share_pct: Bounded) -> Bounded:
    """Expenditure − livelihood spending, written as L(1 − s)/s so both uses of L and s move together
    (subtracting two intervals would double-count their rounding)."""
    def other(level: float, share: float) -> float:
        return level * (1 - share / 100) / (share / 100)
    return Bounded(other(spend.value, share_pct.value), other(spend.low, share_pct.high),
                   other(spend.high, share_pct.low))


def self_reliance(revenue: Bounded, spend: Bounded, share_pct: Bounded) -> Bounded:
    """Revenue / expenditure in %, as R·s/L so each input's rounding counts once."""
    def ratio(r: float, level: float, share: float) -> float:
        return 100 * r * (share / 100) / level
    return Bounded(ratio(revenue.value, spend.value, share_pct.value),
                   ratio(revenue.low, spend.high, share_pct.low),
                   ratio(revenue.high, spend.low, share_pct.high))


def financing_gap(revenue: Bounded, expenditure: Bounded) -> Bounded:
    """Expenditure − own revenue: what other sources cover (transfers, borrowing, 调入资金, the budget
    stabilisation fund, carry-overs; the report does not say which)."""
    return Bounded(expenditure.value - revenue.value, expenditure.low - revenue.high,
                   expenditure.high - revenue.low)


def percent_of(part: Bounded, whole: Bounded) -> Bounded:
    """part / whole in % with interval bounds (both positive). A whole stated as a floor (生产总值突破5万亿元:
    [5, ∞)) leaves the ratio no lower bound but 0: at most part / 5万亿."""
    require(whole.low > 0, "(reconciled figures)", "denominator must be a positive amount")
    if math.isinf(whole.high):  # the value is then the bound itself, at most part / floor
        return Bounded(100 * part.value / whole.low, 0.0, 100 * part.high / whole.low)
    return Bounded(100 * part.value / whole.value, 100 * part.low / whole.high, 100 * part.high / whole.low)
