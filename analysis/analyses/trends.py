"""Trends of one region across its reports: each year's target (or 'no target set') beside the outcome and the prior year."""
from __future__ import annotations

import pandas as pd

from analysis.analyses.attainment import CEILING_INDICATORS, STATISTIC_WORDS, judge
from analysis.analyses.picks import PERCENT_MEASURES, flag, pick, qualifier_of, scale_factor, upper
from analysis.analyses.promises import kinds_of
from analysis.analyses.targets import propagate_qualifier
from analysis.reconciled.rule import preferred_statistic
from analysis.staging.absences import NO_TARGET

TREND_COLUMNS = ["region", "region_en", "level", "indicator", "measure", "unit", "period", "target_set", "target",
                 "target_high", "target_qualifier", "target_doc", "outcome", "outcome_unit", "outcome_doc",
                 "outcome_qualifier", "outcome_high", "outcome_vintage", "outcome_statistic", "outcome_undecided",
                 "outcome_page_kind", "preliminary", "revised",
                 "first_outcome", "first_doc", "first_vintage", "prior", "prior_doc", "prior_qualifier",
                 "prior_statistic", "ambition", "ambition_high", "ambition_qualifier", "ambition_unit", "ambition_note",
                 "status", "note", "borderline", "ratio", "gap_pp", "margin_pp", "margin_kind"]


def target_record(figures: pd.DataFrame, region: str | None = None, *, about_tolerance_pp: float = 0.5,
                  ceilings: frozenset[str] = CEILING_INDICATORS, priors: pd.DataFrame | None = None,
                  catalog: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each indicator, measure and year with a target or an outcome: the target, the outcome, the prior year.

    `figures` are resolved once by `revisions.resolved` (`Report.history`, `Panel.figures`: the latest
    vintage, the latest official figure, which attainment uses; `revised` says when the figure first
    published differs, kept as `first_outcome`). `priors`: the figures as first published
    (`Report.history_known`, `Panel.known`), so that a target is compared with the prior year as known
    when it was set; default `figures`. Only indicators and measures the region ever set a target for
    are listed, so each year without a target row reads 'none in the data', and a stated absence reads
    'no target set'. `target_set`: 'target', 'no target set' or 'none in the data'. `outcome` is in the
    target's unit when there is a target. `ambition` is the target against the prior-year actual: the
    gap in pp for percentage measures, the implied growth in % for levels and counts, with the qualifier
    that carries through (`targets.propagate_qualifier`) and, for a range target, its upper end
    (`ambition_high`). `status`, `note`, `ratio`, `gap_pp`, `margin_pp` are `attainment.judge`'s;
    `margin_kind` the kind of measure (`promises.margin_kind`, with a `catalog`). None region: every region.
    """
    priors = figures if priors is None else priors[priors["indicator"].notna()]
    figures = figures[figures["indicator"].notna()]
    if region is not None:
        figures = figures[figures["region"] == region]
    targets = figures[figures["kind"] == "target"]
    keys = targets[["region", "indicator", "measure"]].drop_duplicates()
    actual = figures[figures["kind"] == "actual"].merge(keys, on=["region", "indicator", "measure"])
    cells = pd.concat([targets, actual])[["region", "indicator", "measure", "period"]].drop_duplicates()
    # each cell reads only its region's rows of its indicator and measure: grouped once, not filtered per cell
    # (at 30 regions filtering the whole table per cell took seconds); `picks.pick` still chooses within a group
    groups = _by_series(figures.merge(keys, on=["region", "indicator", "measure"]))
    prior_groups = _by_series(priors.merge(keys, on=["region", "indicator", "measure"]))
    empty = figures.iloc[0:0]
    rows = [_record(groups.get(tuple(cell[:3]), empty), prior_groups.get(tuple(cell[:3]), empty), *cell,
                    about_tolerance_pp=about_tolerance_pp, ceilings=ceilings)
            for cell in cells.itertuples(index=False)]
    out = pd.DataFrame(rows, columns=TREND_COLUMNS)
    for column in ["target", "target_high", "outcome", "outcome_high", "first_outcome", "prior", "ambition",
                   "ambition_high", "ratio", "gap_pp", "margin_pp"]:
        out[column] = pd.to_numeric(out[column], errors="coerce").astype(float)
    out = out.astype({"revised": bool, "borderline": bool, "outcome_undecided": bool})
    if catalog is not None:
        out["margin_kind"] = kinds_of(out, catalog)
    return out.sort_values(["region", "indicator", "measure", "period"]).reset_index(drop=True)


def _by_series(table: pd.DataFrame) -> dict[tuple, pd.DataFrame]:
    """The rows of each region, indicator and measure, keyed by the three."""
    return {key: rows for key, rows in table.groupby(["region", "indicator", "measure"], sort=False)}


def _record(figures: pd.DataFrame, priors: pd.DataFrame, region: str, indicator: str, measure: str, period: int, *,
            about_tolerance_pp: float, ceilings: frozenset[str]) -> dict:
    target = pick(figures, region, indicator, "target", period, measure, None)
    outcome = pick(figures, region, indicator, "actual", period, measure, None)
    prior = pick(priors, region, indicator, "actual", period - 1, measure, None)
    anchor = next(r for r in (target, outcome) if r is not None)
    row = {"region": region, "region_en": anchor.get("region_en"), "level": anchor.get("level"),
           "indicator": indicator, "measure": measure, "unit": anchor["unit"], "period": int(period),
           "target_set": "none in the data", "revised": False, "borderline": False, "outcome_undecided": False,
           "status": "no target in the data"}
    if outcome is not None:
        row.update(outcome=outcome["value"], outcome_unit=outcome["unit"], outcome_doc=outcome["doc"],
                   outcome_qualifier=qualifier_of(outcome.get("qualifier")), outcome_vintage=outcome.get("vintage"),
                   outcome_high=outcome.get("value_high") if qualifier_of(outcome.get("qualifier")) == "range" else None,
                   outcome_statistic=outcome.get("statistic"),
                   outcome_undecided=flag(outcome.get("undecided")), outcome_page_kind=outcome.get("page_kind"),
                   preliminary=bool(outcome.get("estimated", False)), revised=bool(outcome.get("revised", False)))
        if row["revised"]:
            row.update(first_outcome=outcome.get("first_value"), first_doc=outcome.get("first_doc"),
                       first_vintage=outcome.get("first_vintage"))
    if prior is not None:
        row.update(prior=prior["value"] * scale_factor(prior["unit"]) / scale_factor(anchor["unit"]),
                   prior_doc=prior["doc"], prior_qualifier=qualifier_of(prior.get("qualifier")),
                   prior_statistic=prior.get("statistic"))
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
        row.update(_ambition(target, prior, row["prior"], measure))
    return row


def _ambition(target: pd.Series, prior: pd.Series, base: float, measure: str) -> dict:
    """The target against the prior year (as first published), its qualifier carried (`propagate_qualifier`):
    ≥550 over 突破500 is at most +10%; a range gives both ends. None where the prior is another statistic
    than the target's (a year-end rate is not the prior of an annual-average target)."""
    wanted, given = preferred_statistic(target.get("statistic")), prior.get("statistic")
    if isinstance(given, str) and given != wanted:
        return {"ambition_note": f"target vs prior not compared: the prior year in the data is the "
                                 f"{STATISTIC_WORDS[given]} rate, the target the {STATISTIC_WORDS[wanted]}"}
    if flag(prior.get("undecided")):
        return {"ambition_note": "target vs prior not compared: the sources of the prior year disagree and no rule decides"}
    if (prior.get("basis") == "same_scope") != (target.get("basis") == "same_scope"):
        return {"ambition_note": "target vs prior not compared: the prior year is growth on a same-scope basis (同口径), "
                                 "the target is not"}
    percent = measure in PERCENT_MEASURES

    def change(value: float) -> float:
        return value - base if percent else 100 * (value / base - 1)
    qualifier = propagate_qualifier(target.get("qualifier"), prior.get("qualifier"))
    high = change(upper(target)) if qualifier_of(target.get("qualifier")) == "range" else None
    return {"ambition": change(target["value"]), "ambition_high": high, "ambition_qualifier": qualifier,
            "ambition_unit": "pp" if percent else "%"}


OUTCOME_COLUMNS = ["indicator", "measure", "period", "value", "value_high", "qualifier", "unit", "estimated",
                   "revised", "doc", "page_kind"]


def outcome_record(figures: pd.DataFrame, region: str) -> pd.DataFrame:
    """Every outcome of a catalogued indicator the region reported, one row per indicator, measure and year
    (`figures` as for `target_record`: the newest source, `revised` when a later report restated it), by
    indicator id, measure and year: what a region's page shows when it has no targets."""
    mine = figures[(figures["region"] == region) & (figures["kind"] == "actual") & figures["indicator"].notna()]
    out = mine.reindex(columns=OUTCOME_COLUMNS).assign(revised=lambda f: f["revised"].fillna(False).astype(bool))
    return out.sort_values(["indicator", "measure", "period"], kind="stable").reset_index(drop=True)


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
