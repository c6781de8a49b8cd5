"""Trends of one region across its reports: each year's target (or 'no target set') beside the outcome and the prior year."""
from __future__ import annotations

import pandas as pd

from analysis.analyses.attainment import CEILING_INDICATORS, judge
from analysis.analyses.picks import PERCENT_MEASURES, pick, qualifier_of, scale_factor
from analysis.errors import require
from analysis.staging.absences import NO_TARGET

TREND_COLUMNS = ["region", "region_en", "level", "indicator", "measure", "unit", "period", "target_set", "target",
                 "target_high", "target_qualifier", "target_doc", "outcome", "outcome_unit", "outcome_doc",
                 "preliminary", "revised", "prior", "prior_doc", "ambition", "ambition_unit",
                 "status", "borderline", "ratio", "gap_pp", "margin_pp"]


def target_record(figures: pd.DataFrame, region: str | None = None, *, about_tolerance_pp: float = 0.5,
                  ceilings: frozenset[str] = CEILING_INDICATORS) -> pd.DataFrame:
    """For each indicator, measure and year with a target or an outcome: the target, the outcome, the prior year.

    `figures` are resolved once by `revisions.resolved` (`Report.history`, `Panel.figures`: the newest
    source; `revised` says when a later report restated the outcome, and the history's conflict rows name the first value). Only indicators and measures the region ever set a target for are listed, so each
    year without a target row reads 'none in the data', and a stated absence reads 'no target set'.
    `target_set`: 'target', 'no target set' or 'none in the data'. `outcome` is in the target's unit
    when there is a target. `ambition` is the target against the prior-year actual: the gap in pp for
    percentage measures, the implied growth in % for levels and counts. `status`, `ratio`, `gap_pp`,
    `margin_pp` are `attainment.judge`'s (None region: every region).
    """
    figures = figures[figures["indicator"].notna()]
    if region is not None:
        figures = figures[figures["region"] == region]
    targets = figures[figures["kind"] == "target"]
    keys = targets[["region", "indicator", "measure"]].drop_duplicates()
    actual = figures[figures["kind"] == "actual"].merge(keys, on=["region", "indicator", "measure"])
    cells = pd.concat([targets, actual])[["region", "indicator", "measure", "period"]].drop_duplicates()
    rows = [_record(figures, *cell, about_tolerance_pp=about_tolerance_pp, ceilings=ceilings)
            for cell in cells.itertuples(index=False)]
    out = pd.DataFrame(rows, columns=TREND_COLUMNS)
    for column in ["target", "target_high", "outcome", "prior", "ambition", "ratio", "gap_pp", "margin_pp"]:
        out[column] = pd.to_numeric(out[column], errors="coerce").astype(float)
    out = out.astype({"revised": bool, "borderline": bool})
    return out.sort_values(["region", "indicator", "measure", "period"]).reset_index(drop=True)


def _record(figures: pd.DataFrame, region: str, indicator: str, measure: str, period: int, *,
            about_tolerance_pp: float, ceilings: frozenset[str]) -> dict:
    target = pick(figures, region, indicator, "target", period, measure, None)
    outcome = pick(figures, region, indicator, "actual", period, measure, None)
    prior = pick(figures, region, indicator, "actual", period - 1, measure, None)
    anchor = next(r for r in (target, outcome) if r is not None)
    row = {"region": region, "region_en": anchor.get("region_en"), "level": anchor.get("level"),
           "indicator": indicator, "measure": measure, "unit": anchor["unit"], "period": int(period),
           "target_set": "none in the data", "revised": False, "borderline": False, "status": "no target in the data"}
    if outcome is not None:
        row.update(outcome=outcome["value"], outcome_unit=outcome["unit"], outcome_doc=outcome["doc"],
                   preliminary=bool(outcome.get("estimated", False)), revised=bool(outcome.get("revised", False)))
    if prior is not None:
        row.update(prior=prior["value"] * scale_factor(prior["unit"]) / scale_factor(anchor["unit"]),
                   prior_doc=prior["doc"])
    if target is None:
        return row
    absent = qualifier_of(target.get("qualifier")) == NO_TARGET
    verdict = judge(target, outcome, about_tolerance_pp=about_tolerance_pp, ceilings=ceilings)
    if outcome is not None and not absent:  # judged: the outcome as converted to the target's unit
        row["outcome_unit"] = target["unit"]
    else:
        verdict.pop("outcome")
    row.update(target_set="no target set" if absent else "target", target=target["value"],
               target_high=target.get("value_high"), target_qualifier=qualifier_of(target.get("qualifier")),
               target_doc=target["doc"], **verdict)
    if outcome is None and not absent:
        row["status"] = "no outcome in the data"
    if prior is not None and not absent:
        percent = measure in PERCENT_MEASURES
        row["ambition"] = target["value"] - row["prior"] if percent else 100 * (target["value"] / row["prior"] - 1)
        row["ambition_unit"] = "pp" if percent else "%"
    return row


OUTCOME_COLUMNS = ["indicator", "measure", "period", "value", "value_high", "qualifier", "unit", "estimated",
                   "revised", "doc"]


def outcome_record(figures: pd.DataFrame, region: str) -> pd.DataFrame:
    """Every outcome of a catalogued indicator the region reported, one row per indicator, measure and year
    (`figures` as for `target_record`: the newest source, `revised` when a later report restated it), by
    indicator id, measure and year: what a region's page shows when it has no targets."""
    mine = figures[(figures["region"] == region) & (figures["kind"] == "actual") & figures["indicator"].notna()]
    out = mine.reindex(columns=OUTCOME_COLUMNS).assign(revised=lambda f: f["revised"].fillna(False).astype(bool))
    return out.sort_values(["indicator", "measure", "period"], kind="stable").reset_index(drop=True)


def livelihood_trend(figures: pd.DataFrame, region: str) -> pd.DataFrame:
    """The livelihood (民生) spending share of one region by year, with the spending and the expenditure it implies.

    implied_expenditure = spending ÷ (share / 100), in the spending's unit; empty where either is missing.
    `figures` as for `target_record`. Columns: period, share, spending, unit, implied_expenditure,
    share_doc, spending_doc.
    """
    mine = figures[(figures["region"] == region) & (figures["indicator"] == "livelihood_spending")
                   & (figures["kind"] == "actual")]
    share = mine[mine["measure"] == "share"].set_index("period")
    level = mine[mine["measure"] == "level"].set_index("period")
    out = pd.DataFrame({"share": share["value"], "share_doc": share["doc"]}).join(
        pd.DataFrame({"spending": level["value"], "unit": level["unit"], "spending_doc": level["doc"]}), how="outer")
    if not out.empty:
        require(out["share"].dropna().between(0, 100).all(), "(reconciled figures)", "a livelihood share outside 0–100")
    out["implied_expenditure"] = out["spending"] / (out["share"] / 100)
    out.index.name = "period"
    columns = ["period", "share", "spending", "unit", "implied_expenditure", "share_doc", "spending_doc"]
    return out.reset_index().reindex(columns=columns).astype({"share": float, "spending": float,
                                                             "implied_expenditure": float})


def headline_indicator(record: pd.DataFrame) -> tuple[str, str] | None:
    """The (indicator, measure) to chart first: GDP growth when the region set a target for it, else the
    indicator with the most years that have both a target and an outcome; None when nothing has both."""
    stated = record[record["target_set"] != "none in the data"]
    if ((stated["indicator"] == "gdp") & (stated["measure"] == "growth")).any():
        return "gdp", "growth"
    both = stated[stated["outcome"].notna()]
    if both.empty:
        return None
    counts = both.groupby(["indicator", "measure"]).size().sort_values(ascending=False, kind="stable")
    return tuple(counts.index[0])
