"""Were the targets met: each target against the outcome reported for its year, by the qualifier's rule."""
from __future__ import annotations

import pandas as pd

from analysis.analyses.picks import PERCENT_MEASURES, conflict_of, pick, qualifier_of, scale_factor
from analysis.analyses.targets import horizon_of
from analysis.reconciled.intervals import figure_interval
from analysis.reconciled.report import Report

# Indicators where lower is better: an exact or 'about' target is a ceiling, not a floor.
CEILING_INDICATORS = frozenset({"cpi", "urban_unemployment_rate"})


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


def assess_attainment(report: Report, *, about_tolerance_pp: float = 0.5,
                      ceilings: frozenset[str] = CEILING_INDICATORS) -> pd.DataFrame:
    """Each target of `region` for `plan_year` against the outcome reported for that year.

    One outcome per figure, by `reconcile.resolve_figures`; `conflict`/`conflict_note` say when
    sources disagreed on the target or the outcome.
    """
    table, region, plan_year = report.figures, report.region, report.plan_year
    targets = table[(table["region"] == region) & (table["kind"] == "target") & (table["period"] == plan_year)]
    rows = []
    for _, t in targets.iterrows():
        row = {"indicator": t["indicator"], "subject": t["subject"], "measure": t["measure"], "unit": t["unit"],
               "target": t["value"], "target_high": t.get("value_high"), "target_qualifier": qualifier_of(t.get("qualifier")),
               "outcome": pd.NA, "outcome_doc": pd.NA, "preliminary": pd.NA, "status": "not comparable",
               "borderline": False, "reason": None, **conflict_of({"target": t}),
               "horizon": horizon_of(t["subject"], t.get("quote"))}
        outcome = None if pd.isna(t["indicator"]) else pick(
            table, region, t["indicator"], "actual", plan_year, t["measure"], None)
        if outcome is None:
            why = ("not in the indicator catalog" if pd.isna(t["indicator"])
                   else f"no {plan_year} {t['measure']} figure in the data")
            rows.append({**row, "reason": why})
            continue
        factor = scale_factor(outcome["unit"]) / scale_factor(t["unit"])
        value = outcome["value"] * factor
        status = attained(value, t["value"], t.get("qualifier"), t.get("value_high"),
                          about_tolerance_pp=about_tolerance_pp, ceiling=t["indicator"] in ceilings,
                          relative=t["measure"] not in PERCENT_MEASURES)
        low, high = (end * factor for end in figure_interval(outcome["value"], int(outcome["decimals"]),
                                                             outcome["unit"]))
        row.update(conflict_of({"target": t, "outcome": outcome}))
        rows.append({**row, "outcome": value, "outcome_doc": outcome["doc"],
                     "preliminary": bool(outcome.get("estimated", False)), "status": status,
                     # a zero-width interval (an exact count) is never borderline
                     "borderline": low <= t["value"] < high})
    return pd.DataFrame(rows, columns=ATTAINMENT_COLUMNS).astype({"borderline": bool, "conflict": bool})


ATTAINMENT_COLUMNS = ["indicator", "subject", "measure", "unit", "target", "target_high", "target_qualifier",
                      "outcome", "outcome_doc", "preliminary", "status", "borderline", "reason", "conflict",
                      "conflict_note", "horizon"]


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
