"""Were the targets met: each target against the outcome reported for its year, by the qualifier's rule."""
from __future__ import annotations

import pandas as pd

from analysis.analyses.picks import PERCENT_MEASURES, conflict_of, flag, pick, qualifier_of, scale_factor
from analysis.analyses.promises import (CEILING_INDICATORS, MARGIN_KINDS, STATED_SENSE_INDICATORS, accepted_interval,
                                        direction_of)
from analysis.reconciled.intervals import figure_interval
from analysis.reconciled.report import Report
from analysis.reconciled.rule import preferred_statistic
from analysis.staging.absences import NO_TARGET


def attained(outcome: float, target: float, qualifier: object = None, target_high: float | None = None, *,
             about_tolerance_pp: float = 0.5, ceiling: bool = False, relative: bool = False,
             direction: str | None = "") -> str:
    """'met' or 'missed': whether the outcome lies in the target's `promises.accepted_interval`.

    at_least: outcome ≥ target. at_most: outcome ≤ target. range: low ≤ outcome ≤ high.
    exact: outcome ≥ target, because growth and count targets are floors in practice.
    about: outcome ≥ target − about_tolerance_pp ('about 6%' is met by 5.5%). With `relative` (level
    and count targets) the tolerance is that many percent of the target instead of points.
    `ceiling` (unemployment: lower is better) turns exact and about into upper limits; `direction`
    'level' (a level to reach, as a CPI target can be) makes about mean within the tolerance either way.
    """
    q = qualifier_of(qualifier)
    if q not in (None, "about", "at_least", "at_most", "range"):
        raise ValueError(f"unknown qualifier {qualifier!r}")
    tolerance = target * about_tolerance_pp / 100 if relative else about_tolerance_pp
    way = direction if direction else ("ceiling" if ceiling else "floor")
    low, high = accepted_interval(target, q, way, target_high, tolerance)
    return "met" if low <= outcome <= high else "missed"


def attainment_degree(outcome: float, target: float, measure: str, qualifier: object = None,
                      target_high: float | None = None, *, ceiling: bool = False,
                      direction: str | None = "") -> dict[str, float | None]:
    """How far the outcome is from the target, not only met or missed.

    Level and count targets: `ratio` = outcome / target (6782 万美元 against ≥ 8000 万美元: 0.84775).
    Percentage targets (growth, share, pp): `gap_pp` = outcome − target (for a range, the distance
    outside it, 0 inside). `margin_pp` is the gap signed so that positive means beyond the target in the
    direction the rule asks for (for ceilings, below it); None where it does not apply, and for a level
    to reach or a target whose direction is not stated (neither side of it is 'beyond').
    """
    if measure not in PERCENT_MEASURES:
        return {"ratio": outcome / target if target else None, "gap_pp": None, "margin_pp": None}
    if qualifier_of(qualifier) == "range":
        gap = outcome - target if outcome < target else max(0.0, outcome - target_high)
    else:
        gap = outcome - target
    way = direction if direction else ("ceiling" if ceiling else "floor")
    if way in ("level", None) and qualifier_of(qualifier) not in ("at_least", "at_most", "range"):
        return {"ratio": None, "gap_pp": gap, "margin_pp": None}
    margin = -gap if (way == "ceiling" or qualifier_of(qualifier) == "at_most") else gap
    return {"ratio": None, "gap_pp": gap, "margin_pp": margin}


def judge(target: pd.Series, outcome: pd.Series | None, *, about_tolerance_pp: float = 0.5,
          ceilings: frozenset[str] = CEILING_INDICATORS) -> dict:
    """One target (a resolved row) against its outcome row: status, note, borderline, ratio, gap_pp, margin_pp.

    status: 'met' or 'missed' by `attained`; 'no target set' for a stated absence; 'not comparable'
    when there is no outcome; 'not judged' (`note` says why, `unjudged`) when the sources disagree and
    no rule decides, when the outcome is another statistic or basis than the target's, when the report
    does not say whether a CPI target is a ceiling or a level to reach, or for deflation against a
    price ceiling (a fall in prices is not a price target beaten). The outcome is converted to the
    target's unit (人 → 万人).
    """
    empty = {"outcome": pd.NA, "status": "not comparable", "note": None, "borderline": False, "ratio": None,
             "gap_pp": None, "margin_pp": None}
    if qualifier_of(target.get("qualifier")) == NO_TARGET:
        return {**empty, "status": "no target set"}
    if outcome is None:
        return empty
    factor = scale_factor(outcome["unit"]) / scale_factor(target["unit"])
    value = outcome["value"] * factor
    direction = direction_of(target["indicator"], target.get("sense"), ceilings)
    relative = target["measure"] not in PERCENT_MEASURES
    status = attained(value, target["value"], target.get("qualifier"), target.get("value_high"),
                      about_tolerance_pp=about_tolerance_pp, relative=relative, direction=direction or "floor")
    low, high = (end * factor for end in figure_interval(outcome["value"], int(outcome["decimals"]), outcome["unit"]))
    degree = attainment_degree(value, target["value"], target["measure"], target.get("qualifier"),
                               target.get("value_high"), direction=direction)
    note = unjudged(target, outcome, value, direction)
    bounded = monthly_verdict(target, outcome, factor, direction, about_tolerance_pp) if note else None
    if bounded is not None:
        status, note = bounded
    # a zero-width interval (an exact count) is never borderline
    return {"outcome": value, "status": "not judged" if note and bounded is None else status, "note": note,
            "borderline": bool(low <= target["value"] < high) and not note, **degree}


def monthly_verdict(target: pd.Series, outcome: pd.Series, factor: float, direction: str | None,
                    tolerance: float) -> tuple[str, str] | None:
    """A verdict on an annual-average target from the monthly rates, where they decide it: an average lies
    within the range of the months, so 'every month between 4.8% and 5.1%' (or 'below 5.3%') meets a
    ceiling of 5.5% whatever the average was. None where the months do not bound it or do not decide."""
    given = outcome.get("statistic")  # NA where no hand-entered row says what the outcome is
    if not (isinstance(given, str) and given == "months") or preferred_statistic(target.get("statistic")) != "annual_average":
        return None
    q = qualifier_of(outcome.get("qualifier"))
    if q not in ("range", "at_most", "at_least") or direction is None:
        return None
    low, high = accepted_interval(outcome["value"] * factor, q, "floor", outcome.get("value_high") * factor
                                  if q == "range" else None, 0.0)
    accepted = accepted_interval(target["value"], qualifier_of(target.get("qualifier")), direction,
                                 target.get("value_high"), tolerance)
    months = f"every month of the year {'between' if q == 'range' else {'at_most': 'at or below', 'at_least': 'at or above'}[q]} " \
             + (f"{low:g}% and {high:g}%" if q == "range" else f"{low if q == 'at_least' else high:g}%")
    if accepted[0] <= low and high <= accepted[1]:
        return "met", f"judged on the monthly rates: {months}, so the annual average meets the target"
    if high < accepted[0] or low > accepted[1]:
        return "missed", f"judged on the monthly rates: {months}, so the annual average misses the target"
    return None


def unjudged(target: pd.Series, outcome: pd.Series, value: float, direction: str | None) -> str | None:
    """Why a target and its outcome cannot be judged against each other (None when they can)."""
    undecided = [label for label, row in (("target", target), ("outcome", outcome)) if flag(row.get("undecided"))]
    if undecided:
        return f"the sources of the {' and '.join(undecided)} disagree and no rule decides between them"
    wanted, given = preferred_statistic(target.get("statistic")), outcome.get("statistic")
    if isinstance(given, str) and given != wanted:
        said = ("describes the monthly rates, which do not fix the annual average" if given == "months" else
                f"is the {STATISTIC_WORDS[given]} rate")
        return f"the outcome in the data {said}; the target is judged on the {STATISTIC_WORDS[wanted]}"
    if outcome.get("basis") == "same_scope" and target.get("basis") != "same_scope":
        return ("the outcome is growth on a same-scope basis (同口径); the target states no such basis, and the "
                "headline growth is not in the data")
    if direction is None:
        return ("the report does not say whether this target is a ceiling (控制在) or a level to reach, so "
                "neither side of it is a success")
    if direction == "ceiling" and target["indicator"] in STATED_SENSE_INDICATORS and value < 0:
        return "prices fell (deflation): a fall below zero is not a price ceiling kept"
    return None


STATISTIC_WORDS = {"annual_average": "annual average", "year_end": "year-end", "months": "monthly"}


def margin_column(kind: str) -> str:
    """The summary column of the mean margin of one of `promises.MARGIN_KINDS`: 'margin_real_growth_pp'."""
    return f"margin_{kind.replace(' ', '_')}_pp"


SUMMARY_COLUMNS = ["region", "period", "judged", "met", "share_met", "mean_ratio",
                   *[margin_column(k) for k in MARGIN_KINDS]]


def attainment_summary(judged: pd.DataFrame) -> pd.DataFrame:
    """Per region and year: targets judged (met or missed), met, share met, mean ratio, and the mean margin
    in pp of each kind of measure (real growth, nominal growth, price change, rate, pp change): margins of
    unlike measures are never averaged together.

    `judged` has region, period, status, margin_pp, ratio (from `judge`, e.g. `trends.target_record`) and
    `margin_kind` (`promises.margin_kind`; without it no margin is averaged). Targets not judged (no
    outcome, no target set, not judged) are not counted. Share met is met / judged.
    """
    rows = judged[judged["status"].isin(["met", "missed"])]
    kinds = rows["margin_kind"] if "margin_kind" in rows else pd.Series(None, index=rows.index, dtype=object)
    rows = rows.assign(**{margin_column(k): pd.to_numeric(rows["margin_pp"], errors="coerce").where(kinds.eq(k))
                          for k in MARGIN_KINDS})
    out = rows.groupby(["region", "period"], sort=True).agg(
        judged=("status", "size"), met=("status", lambda s: int((s == "met").sum())),
        mean_ratio=("ratio", lambda s: pd.to_numeric(s, errors="coerce").mean()),
        **{margin_column(k): (margin_column(k), "mean") for k in MARGIN_KINDS}).reset_index()
    out = out.astype({"judged": int, "met": int, "mean_ratio": float,
                      **{margin_column(k): float for k in MARGIN_KINDS}})
    out["share_met"] = out["met"] / out["judged"]
    return out[SUMMARY_COLUMNS]


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
        note = verdict.pop("note")
        if verdict["status"] == "no target set":
            row["reason"] = "the report states that it sets no target"
        elif outcome is None:
            row["reason"] = ("not in the indicator catalog" if pd.isna(t["indicator"])
                             else f"no {plan_year} {t['measure']} figure in the data")
        else:
            row.update(conflict_of({"target": t, "outcome": outcome}), outcome_doc=outcome["doc"],
                       preliminary=bool(outcome.get("estimated", False)), reason=note)
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
        ("unemployment", f"lower is better: exact means outcome ≤ target, about means ≤ target + {about_tolerance_pp:g} pp; "
                         "judged on the annual average unless the target names another measure"),
        ("CPI", f"as the report words it: a ceiling where it says 控制在 or 以内 (about: ≤ target + {about_tolerance_pp:g} pp; "
                "a fall in prices is not judged as a ceiling kept), a level to reach where it says so (about: "
                f"within ± {about_tolerance_pp:g} pp); not judged where the report does not say which"),
        ("not judged", "sources that disagree with no step of the rule to decide; an outcome of another statistic "
                       "(year-end, not annual average) or basis (同口径) than the target's"),
    ], columns=["qualifier", "rule"])


def rule_applied(qualifier: object, indicator: object, about_tolerance_pp: float = 0.5,
                 ceilings: frozenset[str] = CEILING_INDICATORS) -> str:
    """The row of `attainment_rules` that `judge` applies to a target, as 'qualifier: rule' (the same words
    as the page's rules table): 'about (左右): met if outcome ≥ target − 0.5 pp (…)'. An exact or 'about'
    target of a ceiling indicator (unemployment) or of one whose direction its report's words give (CPI)
    takes that indicator's row."""
    q = qualifier_of(qualifier)
    key = ("unemployment" if indicator in ceilings and q in (None, "about") else
           "CPI" if indicator in STATED_SENSE_INDICATORS and q in (None, "about") else
           {None: "exact", "about": "about", "at_least": "at least", "at_most": "at most", "range": "range"}[q])
    rules = attainment_rules(about_tolerance_pp)
    row = rules[rules["qualifier"].str.startswith(key)].iloc[0]
    return f"{row['qualifier']}: {row['rule']}"


def degree_rules() -> pd.DataFrame:
    """How `attainment_degree` measures the distance to a target, in words, beside `attainment_rules`."""
    return pd.DataFrame([
        ("level and count targets", "ratio = outcome ÷ target, as a percentage"),
        ("percentage targets (growth, share)", "gap = outcome − target in pp; for a range, the distance outside it (0 inside)"),
        ("margin", "the gap signed so that positive is on the side the rule asks for (below the target for ceilings "
                   "and ≤ targets); none for a level to reach. Mean margins are taken per kind of measure (real "
                   "growth, nominal growth, price change, rate), never across kinds"),
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
