"""Target ambition: each target against the prior-year figure it builds on, with qualifiers carried through."""
from __future__ import annotations

import math
import os
import re

import pandas as pd

from analysis.analyses.picks import PERCENT_MEASURES, conflict_of, pick, qualifier_of, scale_factor, upper
from analysis.reconciled.intervals import figure_interval
from analysis.errors import DataError
from analysis.reconciled.reconcile import conflict_summary
from analysis.reconciled.report import Report
from analysis.staging.absences import NO_TARGET


# Qualifier of a derived change (gap in pp or implied growth) from (target, prior) qualifiers; None = exact.
# The change is what it takes to go from the prior figure to the target's number. An exact prior lets
# the target's own qualifier through. A prior that is a floor (突破500亿元: true value ≥ 500) makes the
# true base larger, so the change needed is at most the computed one; a ceiling prior, at least.
QUALIFIER_RULES: dict[tuple[str | None, str | None], str | None] = {
    (None, None): None, ("about", None): "about", ("at_least", None): "at_least",
    ("at_most", None): "at_most", ("range", None): "range",
    (None, "about"): "about", ("about", "about"): "about", ("at_least", "about"): "about",
    ("at_most", "about"): "about", ("range", "about"): "about",
    (None, "at_least"): "at_most", ("about", "at_least"): "at_most", ("at_least", "at_least"): "at_most",
    ("at_most", "at_least"): "at_most", ("range", "at_least"): "undetermined",
    (None, "at_most"): "at_least", ("about", "at_most"): "at_least", ("at_least", "at_most"): "at_least",
    ("at_most", "at_most"): "undetermined", ("range", "at_most"): "undetermined",
}


def propagate_qualifier(target_q: object, prior_q: object) -> str | None:
    """Qualifier of the change from a prior figure to a target (see QUALIFIER_RULES); None = exact."""
    return QUALIFIER_RULES.get((qualifier_of(target_q), qualifier_of(prior_q)), "undetermined")


def prior_interval(prior: float, decimals: int, unit: str | None = None,
                   qualifier: object = None) -> tuple[float, float]:
    """True values a prior figure stands for. A threshold is not a rounded number: 突破500亿元 (at
    least) says only "over 500", so [500, inf); 不足 (at most) gives (-inf, value]. Otherwise the
    rounding interval, or none for a plain count (67家 is exact)."""
    q = qualifier_of(qualifier)
    if q == "at_least":
        return float(prior), math.inf
    if q == "at_most":
        return -math.inf, float(prior)
    return figure_interval(prior, decimals, unit)


def implied_growth(target: float, prior: float, prior_decimals: int, prior_unit: str | None = None,
                   prior_qualifier: object = None) -> tuple[float, float, float]:
    """Growth in % from prior to target, with its bounds; the target is a stated number, not rounded.

    The prior's interval is `prior_interval`: a floor prior (突破500) leaves the growth with no
    lower bound but -100%; a ceiling prior leaves it with no upper bound."""
    low, high = prior_interval(prior, prior_decimals, prior_unit, prior_qualifier)
    def growth(base: float) -> float:
        return math.inf if base <= 0 else 100 * (target / base - 1)
    return growth(prior), growth(high), growth(low)


def gap_pp(target: float, prior: float, prior_decimals: int, prior_unit: str | None = None,
           prior_qualifier: object = None) -> tuple[float, float, float]:
    """Target minus prior in percentage points, with bounds from the prior's interval (`prior_interval`)."""
    low, high = prior_interval(prior, prior_decimals, prior_unit, prior_qualifier)
    return target - prior, target - high, target - low


def pair_targets(report: Report) -> pd.DataFrame:
    """Every target of `region` for `plan_year` with the prior-year actual it builds on, or why none.

    `horizon` keeps annual targets apart from the report's multi-year and plan-period targets
    (`multi_year_targets`, as the extractor marked them); those are never paired and are not counted as
    the year's targets.

    Growth, share and pp targets are compared by the gap in percentage points with the prior figure
    of the same measure; level and count targets by the growth they imply over the prior level.
    `step` puts growth and level targets on one measure (growth asked for minus prior growth, pp).
    Where sources disagree, `reconcile.resolve_figures` decides which value is used (the plan
    year's report first); `conflict` says so (the other sources are rows of `report.conflicts`). The
    prior year is the figure as first published (`Report.known`: the report's own words first), the one
    known when the target was set, not a later revision.
    """
    table, region, plan_year = report.figures, report.region, report.plan_year
    targets = table[(table["region"] == region) & (table["kind"] == "target") & (table["period"] == plan_year)]
    known = report.known
    rows = [{**_pair_one(t, table, known), "growth_basis": report.catalog["growth_basis"].get(t["indicator"])}
            for _, t in targets.iterrows()] + [_multi_year(t) for _, t in multi_year_targets(report).iterrows()]
    # Explicit dtypes so an empty result still filters and sorts like a full one.
    pairs = pd.DataFrame(rows, columns=PAIR_COLUMNS).astype(
        {"paired": bool, "change": float, "step": float, "conflict": bool})
    if pairs["paired"].sum() + (pairs["reason"].notna() & ~pairs["paired"]).sum() != len(rows):
        raise DataError("(reconciled figures)", "a target was neither paired nor given a reason")
    return pairs


PAIR_COLUMNS = ["indicator", "subject", "measure", "unit", "target", "target_high", "target_qualifier",
                "target_doc", "target_quote", "target_source_url", "prior", "prior_decimals", "prior_unit",
                "prior_qualifier", "prior_period", "prior_doc", "prior_estimated", "comparison", "change",
                "change_min", "change_max", "change_qualifier", "prior_growth", "step", "step_min", "step_max",
                "paired", "reason", "note", "horizon", "conflict", "growth_basis"]


def wording_note(prior_subject: object, target_subject: object, prior_period: int, target_period: int) -> str | None:
    """A note when a target and its prior name different measures: neither subject ends with the
    other (主营业务收入 in 2022, 营业收入 in 2023); None when one is the other with words in front
    or behind (地方生产总值 and 生产总值, 高新技术企业企业 and 高新技术企业 name one thing)."""
    a, b = str(prior_subject or ""), str(target_subject or "")
    if not a or not b or a.endswith(b) or b.endswith(a) or a.startswith(b) or b.startswith(a):
        return None
    common = len(os.path.commonprefix([a, b]))
    return (f"the two figures name different measures ({a[common:]} in {prior_period}, {b[common:]} in "
            f"{target_period}): the change compares them as one")


def multi_year_targets(report: Report) -> pd.DataFrame:
    """The report's own targets that span several years (a total investment, a goal for 2030, a 3-year
    goal): the extractor's `horizon` marks them, and they are shown apart, never paired or counted."""
    table = report.table
    if "horizon" not in table.columns:
        return table.iloc[0:0]
    return table[table["region"].eq(report.region) & table["kind"].eq("target")
                 & table["report_year"].eq(report.report_year) & table["horizon"].fillna("annual").ne("annual")]


def _target_row(t: pd.Series) -> dict:
    return {"indicator": t["indicator"], "subject": t["subject"], "measure": t["measure"], "unit": t["unit"],
            "target": t["value"], "target_high": t.get("value_high"), "target_qualifier": qualifier_of(t.get("qualifier")),
            "target_doc": t["doc"], "target_quote": t.get("quote"), "target_source_url": t.get("source_url"),
            "paired": False, "reason": None, "note": None, **conflict_of({"target": t}), "horizon": "annual"}


def _multi_year(t: pd.Series) -> dict:
    spans = {"cumulative": "a total over several years", "average": "a yearly average over several years",
             "plan_period": f"a goal for {t['period']}", "ratio_to_plan": "a completion rate of a plan"}
    return {**_target_row(t), "horizon": "multi_year",
            "reason": f"{spans.get(t['horizon'], 'a multi-year figure')}, not a {t['report_year']} target: {t.get('quote')}"}


def _pair_one(t: pd.Series, table: pd.DataFrame, known: pd.DataFrame) -> dict:
    row = _target_row(t)
    if pd.isna(t["indicator"]):
        prior = threshold_prior(t, table)
        if prior is None:
            return {**row, "reason": f"'{t['subject']}' is not in the indicator catalog, so no prior figure can be matched"}
    elif row["target_qualifier"] == NO_TARGET:
        return {**row, "reason": "no target set: the report states that it sets none"}
    else:
        prior = pick(known, t["region"], t["indicator"], "actual", t["period"] - 1, t["measure"], t["report_year"])
    if prior is None:
        return {**row, "reason": f"no {t['measure']} figure for {t['period'] - 1} in the data"}
    row.update(prior=prior["value"], prior_decimals=int(prior["decimals"]), prior_unit=prior["unit"],
               prior_qualifier=qualifier_of(prior.get("qualifier")), prior_period=int(prior["period"]),
               prior_doc=prior["doc"], prior_estimated=bool(prior.get("estimated", False)),
               change_qualifier=propagate_qualifier(t.get("qualifier"), prior.get("qualifier")), paired=True)
    base = (prior["value"], prior["decimals"], prior["unit"], prior.get("qualifier"))
    if t["measure"] in PERCENT_MEASURES:
        change, low, _ = gap_pp(t["value"], *base)
        high = gap_pp(upper(t), *base)[2]
        row["comparison"] = "gap_pp"
    else:
        factor = scale_factor(t["unit"]) / scale_factor(prior["unit"])
        change, low, _ = implied_growth(t["value"] * factor, *base)
        high = implied_growth(upper(t) * factor, *base)[2]
        row["comparison"] = "implied_growth"
    notes = [wording_note(prior["subject"], t["subject"], int(prior["period"]), int(t["period"])),
             part_of_note(prior, t, table) if pd.isna(t["indicator"]) else None]  # counts paired by label
    row["note"] = "; ".join(n for n in notes if n) or None
    row.update(conflict_of({"target": t, "prior": prior}))
    row.update(change=change, change_min=low, change_max=high)
    return {**row, **_step(row, t, known)}


# A class named by a threshold (过10亿元项目: projects over 1 billion yuan), at the end of a subject.
THRESHOLD_LABEL = re.compile(r"过[\d.]+[万亿]?元(?:项目|企业)$")


def threshold_prior(t: pd.Series, table: pd.DataFrame) -> pd.Series | None:
    """The prior-year count of an uncatalogued target under the same threshold label (招引过100亿元项目
    ≥2 pairs with 过100亿元项目 2 of the year before), in the same unit; None when there is none or
    more than one."""
    label = THRESHOLD_LABEL.search(str(t["subject"]))
    if label is None:
        return None
    rows = table[(table["region"] == t["region"]) & (table["kind"] == "actual") & (table["period"] == t["period"] - 1)
                 & (table["measure"] == t["measure"]) & (table["unit"] == t["unit"]) & table["indicator"].isna()
                 & table["subject"].astype(str).str.endswith(label.group())]
    same = rows[rows["report_year"] == t["report_year"]]
    return same.iloc[0] if len(same) == 1 else None


def parent_of(figure: pd.Series, table: pd.DataFrame) -> pd.Series | None:
    """The figure a count is part of: in "签约项目93个,其中过100亿元项目2个" the 93 before 其中 is the
    parent of the 2. None when no 其中 heads the list the figure is in (a clause after a comma is not
    in it) or no figure in the same unit comes before (投资50亿元,其中…3个 counts projects, not yuan)."""
    quote, start, quote_start = figure.get("quote"), figure.get("start"), figure.get("quote_start")
    if not isinstance(quote, str) or pd.isna(start) or pd.isna(quote_start):
        return None
    among = quote.rfind("其中", 0, int(start) - int(quote_start))
    # 其中 covers a list (…16个、…2个), not the clauses after it (…;开工项目50个)
    if among < 0 or re.search(r"[,，;；。]", quote[among:int(start) - int(quote_start)]):
        return None
    before = table[(table["doc"] == figure["doc"]) & (table["quote_start"] == quote_start)
                   & (table["end"] <= int(quote_start) + among) & (table["unit"] == figure["unit"])]
    return before.sort_values("end").iloc[-1] if len(before) else None


def part_of_note(prior: pd.Series, target: pd.Series, table: pd.DataFrame) -> str | None:
    """A note when the prior count is part of a larger one (其中) that the target's sentence does not
    name: the 2022 projects over 10亿元 were among those signed (成功签约项目), the 2023 target
    counts projects attracted (招引), which need not be the same count."""
    parent = parent_of(prior, table)
    quote = target.get("quote")
    if parent is None or str(parent["subject"]) in (quote if isinstance(quote, str) else str(target["subject"])):
        return None
    return (f"the {int(prior['period'])} figure counts {prior['subject']} among {parent['subject']} (其中); "
            f"the {int(target['period'])} target's sentence does not name {parent['subject']}, so the two "
            f"may count different things")


def _step(row: dict, t: pd.Series, table: pd.DataFrame) -> dict:
    """The step a target asks for, in pp: the growth it states (a growth target) or implies (a level
    target over its prior level) minus the growth of the prior year. Share and pp targets, and level
    targets without a prior growth rate, have none."""
    if t["measure"] == "growth":
        return {"step": row["change"], "step_min": row["change_min"], "step_max": row["change_max"]}
    if row["comparison"] != "implied_growth":
        return {}
    growth = pick(table, t["region"], t["indicator"], "actual", t["period"] - 1, "growth", t["report_year"])
    if growth is None:
        return {}
    g_low, g_high = figure_interval(growth["value"], int(growth["decimals"]), growth["unit"])
    return {"prior_growth": growth["value"], "step": row["change"] - growth["value"],
            "step_min": row["change_min"] - g_high, "step_max": row["change_max"] - g_low}


def target_conflicts(report: Report) -> pd.DataFrame:
    """Figures this analysis uses whose sources disagree (see `reconcile.conflict_summary`): the
    region's figures for plan_year - 1 and plan_year, and every region's targets for plan_year."""
    rows, region, plan_year = report.figures, report.region, report.plan_year
    used = ((rows["region"] == region) & rows["period"].isin([plan_year - 1, plan_year])) | (
        (rows["kind"] == "target") & (rows["period"] == plan_year))
    return conflict_summary(rows[used & rows["indicator"].notna()], report.conflicts)


def ranked_steps(pairs: pd.DataFrame, basis: str | None = None) -> pd.DataFrame:
    """Paired targets whose step (see `_step`: growth asked for minus the prior year's growth, in pp)
    can be computed, most demanding first; with `basis` ('real', 'nominal'), only targets of that price
    basis: a real step and a nominal one are not on one scale, so rankings are made within a basis."""
    ranked = pairs[pairs["paired"] & pairs["step"].notna()]
    if basis is not None:
        ranked = ranked[ranked["growth_basis"].eq(basis)]
    return ranked.sort_values("step", ascending=False, kind="stable")


