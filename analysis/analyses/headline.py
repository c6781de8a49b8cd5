"""Regions of one level side by side on their headline targets of one year, and how each stands to the nation's.

Headline targets are the main expected targets every report states: GDP growth, budget revenue growth,
fixed-asset investment growth, retail sales growth, new urban jobs, the surveyed unemployment rate and
CPI. A target keeps its kind of promise (its qualifier): about (左右), at least (以上), at most (以内), a
range, or exact. Differences with the nation's target are taken only between promises of one kind
(about with about, at least with at least …); a floor and an expectation are different promises, so
such a pair is listed without a difference (`comparable` False), never subtracted as if alike.
"""
from __future__ import annotations

import pandas as pd

from analysis.analyses.picks import qualifier_of
from analysis.staging.absences import NO_TARGET

# (indicator, measure) of the headline targets, in the order reports state them.
HEADLINE = [("gdp", "growth"), ("general_budget_revenue", "growth"), ("fixed_asset_investment", "growth"),
            ("retail_sales", "growth"), ("new_urban_jobs", "level"), ("surveyed_unemployment_rate", "share"),
            ("cpi", "growth")]
EXACT = "exact"
KINDS = ("at_least", "about", "range", "at_most", EXACT)   # kinds of promise, in the order tables show them
TARGET_COLUMNS = ["region", "region_en", "level", "indicator", "measure", "unit", "period", "value", "value_high",
                  "kind", "doc", "quote"]


def kind_of(qualifier: object) -> str:
    """The kind of promise of a qualifier: at_least, about, range, at_most, or exact (none)."""
    return qualifier_of(qualifier) or EXACT


def targets_of(figures: pd.DataFrame, level: str, year: int, pairs: list[tuple[str, str]] | None = None) -> pd.DataFrame:
    """One row per region of `level` and headline (indicator, measure): its target for `year`, stated
    (a stated absence is left out). Where a report states one target twice, the first in its text counts."""
    pairs = HEADLINE if pairs is None else pairs
    wanted = pd.MultiIndex.from_tuples(pairs, names=["indicator", "measure"])
    rows = figures[(figures["kind"] == "target") & (figures["level"] == level) & (figures["period"] == year)]
    rows = rows[pd.MultiIndex.from_frame(rows[["indicator", "measure"]]).isin(wanted)]
    rows = rows[rows["qualifier"].ne(NO_TARGET).fillna(True)]
    order = ["region", "indicator", "measure"] + (["start"] if "start" in rows else [])
    rows = rows.sort_values(order, kind="stable").drop_duplicates(["region", "indicator", "measure"])
    out = rows.assign(kind=rows["qualifier"].map(kind_of))
    return out.reindex(columns=TARGET_COLUMNS).reset_index(drop=True)


def busiest_level_year(figures: pd.DataFrame) -> tuple[str, int] | None:
    """The level and year with the most regions stating a GDP growth target (ties: the later year, the
    higher level); None when no region below the nation states one."""
    gdp = figures[(figures["kind"] == "target") & (figures["indicator"] == "gdp") & (figures["measure"] == "growth")
                  & (figures["level"] != "nation") & figures["qualifier"].ne(NO_TARGET).fillna(True)]
    counts = gdp.groupby(["level", "period"])["region"].nunique()
    if counts.empty:
        return None
    levels = ["province", "city", "district", "county"]
    best = max(counts.index, key=lambda key: (counts[key], key[1], -levels.index(key[0]) if key[0] in levels else -9))
    return str(best[0]), int(best[1])


def nation_target(figures: pd.DataFrame, indicator: str, measure: str, year: int) -> tuple[pd.Series | None, int | None]:
    """The nation's stated target for `year`, or, when the data has none for that year, its latest
    earlier one; with the year it is for (None, None when the data has no national target at all)."""
    rows = figures[(figures["kind"] == "target") & (figures["level"] == "nation") & (figures["indicator"] == indicator)
                   & (figures["measure"] == measure) & (figures["period"] <= year)
                   & figures["qualifier"].ne(NO_TARGET).fillna(True)]
    if rows.empty:
        return None, None
    latest = rows[rows["period"] == rows["period"].max()]
    row = latest.sort_values("start", kind="stable").iloc[0] if "start" in latest else latest.iloc[0]
    return row, int(row["period"])


def ranking(targets: pd.DataFrame, indicator: str = "gdp", measure: str = "growth") -> pd.DataFrame:
    """The regions' targets for one indicator, highest first (a range by its low end, then its high end)."""
    rows = targets[(targets["indicator"] == indicator) & (targets["measure"] == measure)]
    rows = rows.assign(_high=rows["value_high"].fillna(rows["value"]))
    rows = rows.sort_values(["value", "_high", "region"], ascending=[False, False, True], kind="stable")
    return rows.drop(columns="_high").reset_index(drop=True)


def excess_over_nation(targets: pd.DataFrame, nation: pd.Series | None, nation_year: int | None) -> pd.DataFrame:
    """Each region's target beside the nation's (same indicator and measure), with `promise` naming both
    kinds ('about vs about') and the excess in percentage points only where the kinds are alike:
    `excess_pp` (for a range, of the low ends) and `excess_high_pp` (a range's high ends)."""
    columns = ["region", "region_en", "indicator", "measure", "unit", "value", "value_high", "kind",
               "nation_year", "nation_value", "nation_value_high", "nation_kind", "promise", "comparable",
               "excess_pp", "excess_high_pp"]
    if nation is None or targets.empty:
        return pd.DataFrame(columns=columns)
    out = targets.copy()
    nation_kind = kind_of(nation.get("qualifier"))
    out["nation_year"] = nation_year
    out["nation_value"] = float(nation["value"])
    out["nation_value_high"] = float(nation["value_high"]) if pd.notna(nation.get("value_high")) else float("nan")
    out["nation_kind"] = nation_kind
    out["promise"] = out["kind"] + " vs " + nation_kind
    out["comparable"] = out["kind"].eq(nation_kind)
    out["excess_pp"] = (out["value"] - out["nation_value"]).where(out["comparable"])
    out["excess_high_pp"] = (out["value_high"] - out["nation_value_high"]).where(out["comparable"] & out["kind"].eq("range"))
    return out.reindex(columns=columns).reset_index(drop=True)


def excess_by_promise(excess: pd.DataFrame) -> pd.DataFrame:
    """Per pair of kinds of promise: how many regions, and for like kinds the mean, smallest and largest
    excess in pp; the regions, highest target first."""
    columns = ["promise", "comparable", "regions", "mean_excess_pp", "min_excess_pp", "max_excess_pp", "names"]
    if excess.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for promise, group in excess.groupby("promise", sort=False):
        group = group.sort_values("value", ascending=False, kind="stable")
        rows.append({"promise": promise, "comparable": bool(group["comparable"].iloc[0]), "regions": len(group),
                     "mean_excess_pp": group["excess_pp"].mean(), "min_excess_pp": group["excess_pp"].min(),
                     "max_excess_pp": group["excess_pp"].max(), "names": "、".join(group["region"])})
    out = pd.DataFrame(rows, columns=columns)
    out["_order"] = out["promise"].str.split(" vs ").str[0].map({k: i for i, k in enumerate(KINDS)})
    return out.sort_values(["comparable", "_order"], ascending=[False, True]).drop(columns="_order").reset_index(drop=True)


def kind_counts(targets: pd.DataFrame) -> pd.DataFrame:
    """Per headline (indicator, measure): how many regions stated it, and how many as each kind of promise."""
    rows = []
    for indicator, measure in HEADLINE:
        stated = targets[(targets["indicator"] == indicator) & (targets["measure"] == measure)]
        counts = stated["kind"].value_counts()
        rows.append({"indicator": indicator, "measure": measure, "regions": len(stated),
                     **{kind: int(counts.get(kind, 0)) for kind in KINDS}})
    return pd.DataFrame(rows, columns=["indicator", "measure", "regions", *KINDS])
