"""Were the targets met: each target against the outcome reported for its year, by the qualifier's rule."""
from __future__ import annotations

import pandas as pd

from analysis.analyses.picks import PERCENT_MEASURES, conflict_of, pick, qualifier_of, scale_factor
from analysis.reconciled.intervals import figure_interval
from analysis.reconciled.report import Report
from analysis.staging.absences import NO_TARGET

# Indicators where lower is better: an exact or 'about' target is a ceiling, not a floor.
CEILING_INDICATORS = frozenset({"cpi", "surveyed_unemployment_rate"})


def attained(outcome: float, target: float, qualifier: object = None, target_high: float | None = None, *,
             about_tolerance_pp: float = 0.5, ceiling: bool = False, relative: bool = False) -> str:
    """'met' or 'missed' under the rule for the target's qualifier.

    at_least: outcome ≥ target. at_most: outcome ≤ target. range: low ≤ outcome ≤ high.
    exact: outcome ≥ target, because growth and count targets are floors in practice.
    about: outcome ≥ target − about_tolerance_pp ('about 6%' is met by 5.5%). With `relative` (level
    and count targets) the tolerance is that many percent of the target instead of points.
    `ceiling` (CPI, unemployment: lower is better) turns exact and about into upper limits.
    """
    q = qualifier_of(qualifier)
    tolerance = target * about_tolerance_pp / 100 if relative else about_tolerance_pp
    if q == "range":
        met = target <= outcome <= target_high
    elif q == "at_most" or (ceiling and q is None):
        met = outcome <= target
    elif q == "about":
        met = outcome <= target + tolerance if ceiling else outcome >= target - tolerance
    elif q in (None, "at_least"):
        met = outcome >= target
    else:
        raise ValueError(f"unknown qualifier {qualifier!r}")
    return "met" if met else "missed"


def attainment_degree(outcome: float, target: float, measure: str, qualifier: object = None,
                      target_high: float | None = None, *, ceiling: bool = False) -> dict[str, float | None]:
    """How far the outcome is from the target, not only met or missed.

    Level and count targets: `ratio` = outcome / target (6782 万美元 against ≥ 8000 万美元: 0.84775).
    Percentage targets (growth, share, pp): `gap_pp` = outcome − target (for a range, the distance
    outside it, 0 inside). `margin_pp` is the gap signed so that positive means beyond the target in the
    direction the rule asks for (for CPI and unemployment, below it); None where it does not apply.
    """
    if measure not in PERCENT_MEASURES:
        return {"ratio": outcome / target if target else None, "gap_pp": None, "margin_pp": None}
    if qualifier_of(qualifier) == "range":
        gap = outcome - target if outcome < target else max(0.0, outcome - target_high)
    else:
        gap = outcome - target
    margin = -gap if (ceiling or qualifier_of(qualifier) == "at_most") else gap
    return {"ratio": None, "gap_pp": gap, "margin_pp": margin}


def judge(target: pd.Series, outcome: pd.Series | None, *, about_tolerance_pp: float = 0.5,
          ceilings: frozenset[str] = CEILING_INDICATORS) -> dict:
    """One target (a resolved row) against its outcome row: status, borderline, ratio, gap_pp, margin_pp.

    status: 'met' or 'missed' by `attained`; 'no target set' for a stated absence; 'not comparable'
    when there is no outcome. The outcome is converted to the target's unit (人 → 万人).
    """
    empty = {"outcome": pd.NA, "status": "not comparable", "borderline": False, "ratio": None, "gap_pp": None,
             "margin_pp": None}
    if qualifier_of(target.get("qualifier")) == NO_TARGET:
        return {**empty, "status": "no target set"}
    if outcome is None:
        return empty
    factor = scale_factor(outcome["unit"]) / scale_factor(target["unit"])
    value = outcome["value"] * factor
    ceiling = target["indicator"] in ceilings
    status = attained(value, target["value"], target.get("qualifier"), target.get("value_high"),
                      about_tolerance_pp=about_tolerance_pp, ceiling=ceiling,
                      relative=target["measure"] not in PERCENT_MEASURES)
    low, high = (end * factor for end in figure_interval(outcome["value"], int(outcome["decimals"]), outcome["unit"]))
    degree = attainment_degree(value, target["value"], target["measure"], target.get("qualifier"),
                               target.get("value_high"), ceiling=ceiling)
    # a zero-width interval (an exact count) is never borderline
    return {"outcome": value, "status": status, "borderline": bool(low <= target["value"] < high), **degree}


def attainment_summary(judged: pd.DataFrame) -> pd.DataFrame:
    """Per region and year: targets judged (met or missed), met, share met, mean margin in pp, mean ratio.

    `judged` has region, period, status, margin_pp and ratio (from `judge`, e.g. `trends.target_record`).
    Targets not judged (no outcome, no target set) are not counted. Share met is met / judged.
    """
    rows = judged[judged["status"].isin(["met", "missed"])]
    out = rows.groupby(["region", "period"], sort=True).agg(
        judged=("status", "size"), met=("status", lambda s: int((s == "met").sum())),
        mean_margin_pp=("margin_pp", lambda s: pd.to_numeric(s, errors="coerce").mean()),
        mean_ratio=("ratio", lambda s: pd.to_numeric(s, errors="coerce").mean())).reset_index()
    out = out.astype({"judged": int, "met": int, "mean_margin_pp": float, "mean_ratio": float})
    out["share_met"] = out["met"] / out["judged"]
    return out[["region", "period", "judged", "met", "share_met", "mean_margin_pp", "mean_ratio"]]


def assess_attainment(report: Report, *, about_tolerance_pp: float = 0.5,
                      ceilings: frozenset[str] = CEILING_INDICATORS) -> pd.DataFrame:
    """Each target of `region` for `plan_year` against the outcome reported for that year.

    One outcome per figure, by `reconcile.resolve_figures`; `conflict` says when sources disagreed
    on the target or the outcome (the other sources are rows of `report.conflicts`).
    """
    table, region, plan_year = report.figures, report.region, report.plan_year
    targets = table[(table["region"] == region) & (table["kind"] == "target") & (table["period"] == plan_year)]
    rows = []
    for _, t in targets.iterrows():
        row = {"indicator": t["indicator"], "subject": t["subject"], "measure": t["measure"], "unit": t["unit"],
               "target": t["value"], "target_high": t.get("value_high"), "target_qualifier": qualifier_of(t.get("qualifier")),
               "outcome_doc": pd.NA, "preliminary": pd.NA, "reason": None, **conflict_of({"target": t}),
               "horizon": "annual"}  # report.figures holds annual figures only (reconcile.annual)
        outcome = None if pd.isna(t["indicator"]) else pick(
            table, region, t["indicator"], "actual", plan_year, t["measure"], None)
        verdict = judge(t, outcome, about_tolerance_pp=about_tolerance_pp, ceilings=ceilings)
        if verdict["status"] == "no target set":
            row["reason"] = "the report states that it sets no target"
        elif outcome is None:
            row["reason"] = ("not in the indicator catalog" if pd.isna(t["indicator"])
                             else f"no {plan_year} {t['measure']} figure in the data")
        else:
            row.update(conflict_of({"target": t, "outcome": outcome}), outcome_doc=outcome["doc"],
                       preliminary=bool(outcome.get("estimated", False)))
        rows.append({**row, **verdict})
    return pd.DataFrame(rows, columns=ATTAINMENT_COLUMNS).astype(
        {"borderline": bool, "conflict": bool, "ratio": float, "gap_pp": float, "margin_pp": float})


ATTAINMENT_COLUMNS = ["indicator", "subject", "measure", "unit", "target", "target_high", "target_qualifier",
                      "outcome", "outcome_doc", "preliminary", "status", "borderline", "ratio", "gap_pp", "margin_pp",
                      "reason", "conflict", "horizon"]


def attainment_rules(about_tolerance_pp: float = 0.5) -> pd.DataFrame:
    """The rule `attained` applies for each qualifier, in words, for a report's methods section."""
    return pd.DataFrame([
        ("exact (增长10%)", "met if outcome ≥ target: growth and count targets are floors in practice"),
        ("about (左右)", f"met if outcome ≥ target − {about_tolerance_pp:g} pp (level targets: − {about_tolerance_pp:g}% of the target)"),
        ("at least (以上, 突破)", "met if outcome ≥ target"),
        ("at most (以内, 以下)", "met if outcome ≤ target"),
        ("range", "met if low ≤ outcome ≤ high"),
        ("CPI, unemployment", f"lower is better: exact means outcome ≤ target, about means ≤ target + {about_tolerance_pp:g} pp"),
    ], columns=["qualifier", "rule"])


def rule_applied(qualifier: object, indicator: object, about_tolerance_pp: float = 0.5,
                 ceilings: frozenset[str] = CEILING_INDICATORS) -> str:
    """The row of `attainment_rules` that `judge` applies to a target, as 'qualifier: rule' (the same words
    as the page's rules table): 'about (左右): met if outcome ≥ target − 0.5 pp (…)'."""
    q = qualifier_of(qualifier)
    key = ("CPI, unemployment" if indicator in ceilings and q in (None, "about") else
           {None: "exact", "about": "about", "at_least": "at least", "at_most": "at most", "range": "range"}[q])
    rules = attainment_rules(about_tolerance_pp)
    row = rules[rules["qualifier"].str.startswith(key)].iloc[0]
    return f"{row['qualifier']}: {row['rule']}"


def degree_rules() -> pd.DataFrame:
    """How `attainment_degree` measures the distance to a target, in words, beside `attainment_rules`."""
    return pd.DataFrame([
        ("level and count targets", "ratio = outcome ÷ target, as a percentage"),
        ("percentage targets (growth, share)", "gap = outcome − target in pp; for a range, the distance outside it (0 inside)"),
        ("margin", "the gap signed so that positive is on the side the rule asks for (below the target for CPI and "
                   "unemployment and for ≤ targets)"),
        ("no target set", "the report states that it sets no target: nothing to judge, shown as such, not as missing"),
    ], columns=["target", "degree"])


def trajectory(pairs: pd.DataFrame, attainment: pd.DataFrame) -> pd.DataFrame:
    """Long table prior → target → outcome per paired catalogued indicator, for a dumbbell chart.

    Percentage targets stay in % ('growth, %'); level and count targets are indexed to the prior
    year = 100 so that 亿元, 万美元 and 家 share one axis.
    """
    outcomes = attainment.dropna(subset=["indicator"]).set_index(["indicator", "measure"])
    rows = []
    for _, p in pairs[pairs["paired"] & pairs["indicator"].notna()].iterrows():  # charted by indicator
        percent = p["measure"] in PERCENT_MEASURES
        # Target and outcome are in the target's unit; the prior may be written in another scale.
        scale = 1.0 if percent else 100 * scale_factor(p["unit"]) / (p["prior"] * scale_factor(p["prior_unit"]))
        panel = f"{p['measure']}, %" if percent else "level, prior year = 100"
        stages = [("prior", p["prior"] if percent else 100.0, p["prior_qualifier"]),
                  ("target", p["target"] * scale, p["target_qualifier"])]
        key = (p["indicator"], p["measure"])
        if key in outcomes.index and pd.notna(outcomes.at[key, "outcome"]):
            stages.append(("outcome", float(outcomes.at[key, "outcome"]) * scale, None))
        rows += [{"indicator": p["indicator"], "panel": panel, "stage": s, "value": v, "qualifier": qualifier_of(q)}
                 for s, v, q in stages]
    return pd.DataFrame(rows, columns=["indicator", "panel", "stage", "value", "qualifier"]).astype({"value": float})
