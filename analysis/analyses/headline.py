"""Regions of one level side by side on their headline targets of one year, and how each stands to the nation's.

Headline targets are the main expected targets every report states: GDP growth, budget revenue growth,
fixed-asset investment growth, retail sales growth, new urban jobs, the surveyed unemployment rate and
CPI. A target keeps its kind of promise (its qualifier): about (左右), at least (以上), at most (以内), a
range, or exact. The excess over the nation's target compares promises as intervals under the stated rule
(`promises.interval_excess`, as page 05's chain does): ≥5% accepts 5 and ≈5% accepts 4.5, so ≥5% over ≈5%
is +0.5 pp; a pair that cannot be set on one end, or a nation's target of another year, gets no excess
(`comparable` False).
"""
from __future__ import annotations

import pandas as pd

from analysis.analyses.picks import qualifier_of
from analysis.analyses.promises import accepted_interval, direction_of, interval_excess
from analysis.staging.absences import NO_TARGET

# (indicator, measure) of the headline targets, in the order reports state them.
HEADLINE = [("gdp", "growth"), ("general_budget_revenue", "growth"), ("fixed_asset_investment", "growth"),
            ("retail_sales", "growth"), ("new_urban_jobs", "level"), ("surveyed_unemployment_rate", "share"),
            ("cpi", "growth")]
EXACT = "exact"
KINDS = ("at_least", "about", "range", "at_most", EXACT)   # kinds of promise, in the order tables show them
TARGET_COLUMNS = ["region", "region_en", "level", "indicator", "measure", "unit", "period", "value", "value_high",
                  "kind", "sense", "doc", "quote"]


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


def excess_over_nation(targets: pd.DataFrame, nation: pd.Series | None, nation_year: int | None,
                       about_tolerance_pp: float = 0.5) -> pd.DataFrame:
    """Each region's target beside the nation's (same indicator and measure), with `promise` naming both
    kinds ('at_least vs about') and `excess_pp`, how much stricter the region's promise is as an interval
    (`promises.interval_excess`: for floors the lowest outcome each accepts). No excess (`comparable`
    False) where the two cannot be set on one end, or where the nation's target is of another year."""
    columns = ["region", "region_en", "indicator", "measure", "unit", "value", "value_high", "kind",
               "nation_year", "nation_value", "nation_value_high", "nation_kind", "promise", "comparable", "excess_pp"]
    if nation is None or targets.empty:
        return pd.DataFrame(columns=columns)
    out = targets.copy()
    out["nation_year"] = nation_year
    out["nation_value"] = float(nation["value"])
    out["nation_value_high"] = float(nation["value_high"]) if pd.notna(nation.get("value_high")) else float("nan")
    out["nation_kind"] = kind_of(nation.get("qualifier"))
    out["promise"] = out["kind"] + " vs " + out["nation_kind"]
    out["excess_pp"] = [_excess(row, nation, about_tolerance_pp) if row["period"] == nation_year else float("nan")
                        for _, row in out.iterrows()]
    out["comparable"] = out["excess_pp"].notna()
    return out.reindex(columns=columns).reset_index(drop=True)


def _excess(row: pd.Series, nation: pd.Series, tolerance: float) -> float:
    direction = direction_of(row["indicator"], row.get("sense"))
    mine = accepted_interval(row["value"], _qualifier(row["kind"]), direction, row.get("value_high"), tolerance)
    theirs = accepted_interval(nation["value"], qualifier_of(nation.get("qualifier")), direction,
                               nation.get("value_high"), tolerance)
    return interval_excess(mine, theirs, direction)


def _qualifier(kind: str) -> str | None:
    return None if kind == EXACT else kind


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
