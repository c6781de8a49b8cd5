"""Regions side by side: targets set, targets met, mean margin, GDP target against outcome, livelihood share, by year."""
from __future__ import annotations

import pandas as pd

from analysis.analyses.attainment import attainment_summary, margin_column
from analysis.analyses.promises import MARGIN_KINDS
from analysis.analyses.trends import target_record

PEER_COLUMNS = ["level", "region", "region_en", "period", "targets", "no_target", "judged", "met", "share_met",
                "mean_ratio", *[margin_column(k) for k in MARGIN_KINDS], "gdp_target", "gdp_target_high",
                "gdp_target_qualifier", "gdp_outcome", "livelihood_share"]


def peer_table(figures: pd.DataFrame, level: str | None = None, *, about_tolerance_pp: float = 0.5,
               catalog: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per region and year (regions of `level`, or every region): how many targets it set, how many
    of those were judged against an outcome and met (`attainment.attainment_summary`, with the mean margin
    of each kind of measure when a `catalog` gives the kinds), its GDP growth target and outcome, and its
    livelihood (民生) spending share. `figures` resolved once by `revisions.resolved`.
    `targets` counts stated targets; `no_target` counts stated absences.
    """
    record = target_record(figures, about_tolerance_pp=about_tolerance_pp, catalog=catalog)
    if level is not None:
        record = record[record["level"] == level]
    stated = record[record["target_set"] != "none in the data"]
    counts = stated.groupby(["level", "region", "region_en", "period"], dropna=False).agg(
        targets=("target_set", lambda s: int((s == "target").sum())),
        no_target=("target_set", lambda s: int((s == "no target set").sum()))).reset_index()
    out = counts.merge(attainment_summary(record), on=["region", "period"], how="left")
    gdp = record[(record["indicator"] == "gdp") & (record["measure"] == "growth")]
    gdp = gdp[["region", "period", "target", "target_high", "target_qualifier", "outcome"]].rename(
        columns={"target": "gdp_target", "target_high": "gdp_target_high", "target_qualifier": "gdp_target_qualifier",
                 "outcome": "gdp_outcome"})
    out = out.merge(gdp, on=["region", "period"], how="left")
    share = figures[(figures["indicator"] == "livelihood_spending") & (figures["measure"] == "share")
                    & (figures["kind"] == "actual")][["region", "period", "value"]]
    out = out.merge(share.rename(columns={"value": "livelihood_share"}), on=["region", "period"], how="left")
    for column in ["judged", "met"]:
        out[column] = pd.to_numeric(out[column], errors="coerce").fillna(0).astype(int)
    return out.reindex(columns=PEER_COLUMNS).sort_values(["level", "region", "period"]).reset_index(drop=True)
