"""The livelihood (民生) spending share over the years of one region, and across the regions of one level: which
totals the shares are of, and where they differ."""
from __future__ import annotations

import pandas as pd

from analysis.errors import require
from analysis.extract.units import split_unit
from analysis.reconciled.intervals import figure_interval
from analysis.reconciled.livelihood import panel_shares

TREND_COLUMNS = ["period", "share_pct", "share_low", "share_high", "qualifier", "horizon", "denominator",
                 "denominator_en", "denominator_zh", "written", "unit", "doc", "amount_yi", "amount_written",
                 "implied_expenditure_yi", "implied_low_yi", "implied_high_yi"]
# Totals a spending amount can be divided by to imply the expenditure it is part of.
EXPENDITURE_TOTALS = ("general_budget_expenditure", "fiscal_expenditure", "not_named")


def share_trend(history: pd.DataFrame) -> pd.DataFrame:
    """A region's livelihood-spending share by year, from its statements over every report (`Report.livelihood_history`):
    one row per year, chosen as the panel chooses (`reconciled.livelihood.panel_shares`: the year's own figure
    before a level held through a plan period), oldest first (TREND_COLUMNS).

    Where the same year also has an annual amount of livelihood spending and both are exact (no 以上, 左右, 近),
    `implied_expenditure_yi` = amount ÷ share, in 亿元, with the interval the rounding of both allows; a qualified
    figure implies no number (a floor of 80% only bounds the expenditure from one side)."""
    shares = panel_shares(history, None, None)
    require(shares.empty or shares["share_pct"].between(0, 100).all(), "(livelihood statements)",
            "a livelihood share outside 0–100%")
    amounts = _annual_amounts(history)
    rows = []
    for _, share in shares.sort_values("period").iterrows():
        row = {column: share.get(column) for column in TREND_COLUMNS if column in share.index}
        amount = amounts.get(int(share["period"]))
        if amount is not None:
            row.update(amount_yi=amount["yi"], amount_written=amount["written"])
            if _implies(share, amount):
                row.update(implied_expenditure_yi=amount["yi"] / (share["share_pct"] / 100),
                           implied_low_yi=amount["low"] / (share["share_high"] / 100),
                           implied_high_yi=amount["high"] / (share["share_low"] / 100))
        rows.append(row)
    out = pd.DataFrame(rows, columns=TREND_COLUMNS)
    floats = ["share_pct", "share_low", "share_high", "amount_yi", "implied_expenditure_yi", "implied_low_yi",
              "implied_high_yi"]
    return out.astype({column: float for column in floats}).reset_index(drop=True)


def denominators_used(shares: pd.DataFrame) -> pd.DataFrame:
    """The totals the shares of `shares` (rows of `Panel.livelihood`) are of: one row per denominator, with the
    regions that use it and the totals as they write them, most used first. More than one row means the shares
    are not of the same total and a comparison must say so."""
    if shares.empty:
        return pd.DataFrame(columns=["denominator", "denominator_en", "written", "regions", "count"])
    groups = []
    for denominator, rows in shares.groupby("denominator", sort=False):
        written = sorted({w for w in rows["denominator_zh"] if isinstance(w, str)})
        groups.append({"denominator": denominator, "denominator_en": rows["denominator_en"].iloc[0],
                       "written": written, "regions": list(rows["region"]), "count": len(rows)})
    return pd.DataFrame(groups).sort_values("count", ascending=False, kind="stable").reset_index(drop=True)


def horizons_used(shares: pd.DataFrame) -> dict[str, list[str]]:
    """The regions of `shares` by horizon (annual, plan_period, cumulative, average): a year's own share and a
    level held through five years are different statements, compared only with that said."""
    return {str(h): list(rows["region"]) for h, rows in shares.groupby("horizon", sort=False)}


def _annual_amounts(history: pd.DataFrame) -> dict[int, dict]:
    """The annual amount of livelihood spending (kind actual, spending, in 元) of each year, in 亿元 with its
    rounding interval; a qualified amount (突破万亿元) is kept only as written."""
    rows = history[(history["measure"] == "amount") & history["spending"] & (history["kind"] == "actual")
                   & (history["horizon"] == "annual")] if not history.empty else history
    found: dict[int, dict] = {}
    for _, row in rows.iterrows():
        scale, base = split_unit(str(row["unit"]))
        if base != "元" or int(row["period"]) in found:
            continue
        factor = scale / 10**8
        low, high = figure_interval(float(row["value"]), int(row["decimals"]), None)
        found[int(row["period"])] = {"yi": float(row["value"]) * factor, "low": low * factor, "high": high * factor,
                                     "written": row["written"], "qualifier": row["qualifier"]}
    return found


def _implies(share: pd.Series, amount: dict) -> bool:
    exact = not isinstance(share["qualifier"], str) and not isinstance(amount["qualifier"], str)
    return exact and share["horizon"] == "annual" and share["denominator"] in EXPENDITURE_TOTALS
