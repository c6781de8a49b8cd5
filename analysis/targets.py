"""Target ambition: targets against the prior year, escalation across levels, attainment, growth checks."""
from __future__ import annotations

import pandas as pd

from analysis.catalog import load_catalog
from analysis.numbers import figure_interval, split_unit
from analysis.reconcile import conflict_summary, interval_base, resolve_figures

LEVEL_ORDER = ["nation", "province", "city", "district"]
# Measures whose values are percentages, so a difference is in percentage points.
PERCENT_MEASURES = ("growth", "share", "change_pp")
# Indicators where lower is better: an exact or 'about' target is a ceiling, not a floor.
CEILING_INDICATORS = frozenset({"cpi", "urban_unemployment_rate"})

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
    return QUALIFIER_RULES.get((_q(target_q), _q(prior_q)), "undetermined")


def implied_growth(target: float, prior: float, prior_decimals: int,
                   prior_unit: str | None = None) -> tuple[float, float, float]:
    """Growth in % from prior to target, with its bounds; the target is a stated number, not rounded.

    The prior's interval is its rounding interval, or none for a plain count (67家 is exact)."""
    low, high = figure_interval(prior, prior_decimals, prior_unit)
    return 100 * (target / prior - 1), 100 * (target / high - 1), 100 * (target / low - 1)


def gap_pp(target: float, prior: float, prior_decimals: int,
           prior_unit: str | None = None) -> tuple[float, float, float]:
    """Target minus prior in percentage points, with bounds from the prior's rounding."""
    low, high = figure_interval(prior, prior_decimals, prior_unit)
    return target - prior, target - high, target - low


def pair_targets(table: pd.DataFrame, region: str, plan_year: int) -> pd.DataFrame:
    """Every target of `region` for `plan_year` with the prior-year actual it builds on, or why none.

    Growth, share and pp targets are compared by the gap in percentage points with the prior figure
    of the same measure; level and count targets by the growth they imply over the prior level.
    Where sources disagree, `reconcile.resolve_figures` decides which value is used (the plan
    year's report first); `conflict` and `conflict_note` say so.
    """
    table = resolve_figures(table, plan_year)
    targets = table[(table["region"] == region) & (table["kind"] == "target") & (table["period"] == plan_year)]
    rows = [_pair_one(t, table) for _, t in targets.iterrows()]
    # Explicit dtypes so an empty result still filters and sorts like a full one.
    pairs = pd.DataFrame(rows, columns=PAIR_COLUMNS).astype({"paired": bool, "change": float, "conflict": bool})
    assert pairs["paired"].sum() + (pairs["reason"].notna() & ~pairs["paired"]).sum() == len(targets), \
        "every target must be paired or carry a reason"
    return pairs


PAIR_COLUMNS = ["indicator", "subject", "measure", "unit", "target", "target_high", "target_qualifier",
                "target_doc", "target_quote", "target_source_url", "prior", "prior_decimals", "prior_unit",
                "prior_qualifier", "prior_period", "prior_doc", "prior_estimated", "comparison", "change",
                "change_min", "change_max", "change_qualifier", "paired", "reason", "conflict",
                "conflict_note"]


def _pair_one(t: pd.Series, table: pd.DataFrame) -> dict:
    row = {"indicator": t["indicator"], "subject": t["subject"], "measure": t["measure"], "unit": t["unit"],
           "target": t["value"], "target_high": t.get("value_high"), "target_qualifier": _q(t.get("qualifier")),
           "target_doc": t["doc"], "target_quote": t.get("quote"), "target_source_url": t.get("source_url"),
           "paired": False, "reason": None, **_conflict_of({"target": t})}
    if pd.isna(t["indicator"]):
        return {**row, "reason": f"'{t['subject']}' is not in the indicator catalog, so no prior figure can be matched"}
    prior = _pick(table, t["region"], t["indicator"], "actual", t["period"] - 1, t["measure"], t["report_year"])
    if prior is None:
        return {**row, "reason": f"no {t['measure']} figure for {t['period'] - 1} in the data"}
    row.update(prior=prior["value"], prior_decimals=int(prior["decimals"]), prior_unit=prior["unit"],
               prior_qualifier=_q(prior.get("qualifier")), prior_period=int(prior["period"]),
               prior_doc=prior["doc"], prior_estimated=bool(prior.get("estimated", False)),
               change_qualifier=propagate_qualifier(t.get("qualifier"), prior.get("qualifier")), paired=True)
    unit = prior["unit"]
    if t["measure"] in PERCENT_MEASURES:
        change, low, _ = gap_pp(t["value"], prior["value"], prior["decimals"], unit)
        high = gap_pp(_upper(t), prior["value"], prior["decimals"], unit)[2]
        row["comparison"] = "gap_pp"
    else:
        factor = _factor(t["unit"]) / _factor(prior["unit"])
        change, low, _ = implied_growth(t["value"] * factor, prior["value"], prior["decimals"], unit)
        high = implied_growth(_upper(t) * factor, prior["value"], prior["decimals"], unit)[2]
        row["comparison"] = "implied_growth"
    row.update(_conflict_of({"target": t, "prior": prior}))
    return {**row, "change": change, "change_min": low, "change_max": high}


def _conflict_of(figures: dict[str, pd.Series]) -> dict:
    """`conflict` and `conflict_note` of a result built from resolved rows ({label: row})."""
    notes = [f"{label}: {row['conflict_note']}" for label, row in figures.items()
             if _flag(row.get("conflict"))]
    return {"conflict": bool(notes), "conflict_note": "; ".join(notes)}


def escalation(table: pd.DataFrame, region: str, plan_year: int) -> pd.DataFrame:
    """Targets of `region` beside higher-level targets for the same indicator, measure and period.

    Only percentage measures are compared: a district's level target and a province's are not on one
    scale. `excess_pp` is the region's target minus each level's (0 on the region's own row).
    """
    table = resolve_figures(table, plan_year)
    targets = table[(table["kind"] == "target") & (table["period"] == plan_year)
                    & table["measure"].isin(PERCENT_MEASURES) & table["indicator"].notna()]
    own = targets[targets["region"] == region]
    rows = []
    for _, local in own.iterrows():
        same = targets[(targets["indicator"] == local["indicator"]) & (targets["measure"] == local["measure"])]
        if same["region"].nunique() < 2:
            continue
        for _, other in same.iterrows():
            rows.append({"indicator": local["indicator"], "measure": local["measure"], "unit": local["unit"],
                         "level": other["level"], "region": other["region"], "region_en": other["region_en"],
                         "doc": other["doc"], "source_url": other.get("source_url"), "value": other["value"],
                         "qualifier": _q(other.get("qualifier")), "local_value": local["value"],
                         "local_qualifier": _q(local.get("qualifier")),
                         "excess_pp": local["value"] - other["value"]})
    out = pd.DataFrame(rows, columns=ESCALATION_COLUMNS).astype({"excess_pp": float})
    out["level"] = pd.Categorical(out["level"], categories=LEVEL_ORDER, ordered=True)
    return out.sort_values(["indicator", "measure", "level"]).reset_index(drop=True)


ESCALATION_COLUMNS = ["indicator", "measure", "unit", "level", "region", "region_en", "doc", "source_url",
                      "value", "qualifier", "local_value", "local_qualifier", "excess_pp"]


def attained(outcome: float, target: float, qualifier: object = None, target_high: float | None = None, *,
             about_tolerance_pp: float = 0.5, ceiling: bool = False, relative: bool = False) -> str:
    """'met' or 'missed' under the rule for the target's qualifier.

    at_least: outcome ≥ target. at_most: outcome ≤ target. range: low ≤ outcome ≤ high.
    exact: outcome ≥ target, because growth and count targets are floors in practice.
    about: outcome ≥ target − about_tolerance_pp ('about 6%' is met by 5.5%). With `relative` (level
    and count targets) the tolerance is that many percent of the target instead of points.
    `ceiling` (CPI, unemployment: lower is better) turns exact and about into upper limits.
    """
    q = _q(qualifier)
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


def assess_attainment(table: pd.DataFrame, region: str, plan_year: int, *, about_tolerance_pp: float = 0.5,
                      ceilings: frozenset[str] = CEILING_INDICATORS) -> pd.DataFrame:
    """Each target of `region` for `plan_year` against the outcome reported for that year.

    One outcome per figure, by `reconcile.resolve_figures`; `conflict`/`conflict_note` say when
    sources disagreed on the target or the outcome.
    """
    table = resolve_figures(table, plan_year)
    targets = table[(table["region"] == region) & (table["kind"] == "target") & (table["period"] == plan_year)]
    rows = []
    for _, t in targets.iterrows():
        row = {"indicator": t["indicator"], "subject": t["subject"], "measure": t["measure"], "unit": t["unit"],
               "target": t["value"], "target_high": t.get("value_high"), "target_qualifier": _q(t.get("qualifier")),
               "outcome": pd.NA, "outcome_doc": pd.NA, "preliminary": pd.NA, "status": "not comparable",
               "borderline": False, "reason": None, **_conflict_of({"target": t})}
        outcome = None if pd.isna(t["indicator"]) else _pick(
            table, region, t["indicator"], "actual", plan_year, t["measure"], None)
        if outcome is None:
            why = ("not in the indicator catalog" if pd.isna(t["indicator"])
                   else f"no {plan_year} {t['measure']} figure in the data")
            rows.append({**row, "reason": why})
            continue
        factor = _factor(outcome["unit"]) / _factor(t["unit"])
        value = outcome["value"] * factor
        status = attained(value, t["value"], t.get("qualifier"), t.get("value_high"),
                          about_tolerance_pp=about_tolerance_pp, ceiling=t["indicator"] in ceilings,
                          relative=t["measure"] not in PERCENT_MEASURES)
        low, high = (end * factor for end in figure_interval(outcome["value"], int(outcome["decimals"]),
                                                             outcome["unit"]))
        row.update(_conflict_of({"target": t, "outcome": outcome}))
        rows.append({**row, "outcome": value, "outcome_doc": outcome["doc"],
                     "preliminary": bool(outcome.get("estimated", False)), "status": status,
                     # a zero-width interval (an exact count) is never borderline
                     "borderline": low <= t["value"] < high})
    return pd.DataFrame(rows, columns=ATTAINMENT_COLUMNS).astype({"borderline": bool, "conflict": bool})


ATTAINMENT_COLUMNS = ["indicator", "subject", "measure", "unit", "target", "target_high", "target_qualifier",
                      "outcome", "outcome_doc", "preliminary", "status", "borderline", "reason", "conflict",
                      "conflict_note"]


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
    """Long table prior → target → outcome per paired indicator, for a dumbbell chart.

    Percentage targets stay in % ('growth, %'); level and count targets are indexed to the prior
    year = 100 so that 亿元, 万美元 and 家 share one axis.
    """
    outcomes = attainment.dropna(subset=["indicator"]).set_index(["indicator", "measure"])
    rows = []
    for _, p in pairs[pairs["paired"]].iterrows():
        percent = p["measure"] in PERCENT_MEASURES
        # Target and outcome are in the target's unit; the prior may be written in another scale.
        scale = 1.0 if percent else 100 * _factor(p["unit"]) / (p["prior"] * _factor(p["prior_unit"]))
        panel = f"{p['measure']}, %" if percent else "level, prior year = 100"
        stages = [("prior", p["prior"] if percent else 100.0, p["prior_qualifier"]),
                  ("target", p["target"] * scale, p["target_qualifier"])]
        key = (p["indicator"], p["measure"])
        if key in outcomes.index and pd.notna(outcomes.at[key, "outcome"]):
            stages.append(("outcome", float(outcomes.at[key, "outcome"]) * scale, None))
        rows += [{"indicator": p["indicator"], "panel": panel, "stage": s, "value": v, "qualifier": _q(q)}
                 for s, v, q in stages]
    return pd.DataFrame(rows, columns=["indicator", "panel", "stage", "value", "qualifier"]).astype({"value": float})


def growth_consistency(table: pd.DataFrame, region: str, period: int,
                       catalog: pd.DataFrame | None = None) -> pd.DataFrame:
    """Reported growth for `period` against the growth implied by the levels of `period`-1 and `period`."""
    catalog = load_catalog() if catalog is None else catalog
    table = resolve_figures(table, period)
    actual = table[(table["region"] == region) & (table["kind"] == "actual") & table["indicator"].notna()]
    rows = []
    for indicator in actual.loc[actual["period"] == period, "indicator"].unique():
        level = _pick(actual, region, indicator, "actual", period, "level", None)
        prior = _pick(actual, region, indicator, "actual", period - 1, "level", period)
        growth = _pick(actual, region, indicator, "actual", period, "growth", None)
        if level is None or prior is None or growth is None or _q(prior.get("qualifier")) or _q(level.get("qualifier")):
            continue
        lo, hi = interval_base(level["value"], level["decimals"], level["unit"])
        plo, phi = interval_base(prior["value"], prior["decimals"], prior["unit"])
        ratio = _factor(level["unit"]) / _factor(prior["unit"])
        implied = 100 * (level["value"] * ratio / prior["value"] - 1)
        imin, imax = 100 * (lo / phi - 1), 100 * (hi / plo - 1)
        glo, ghi = figure_interval(growth["value"], int(growth["decimals"]), growth["unit"])
        basis = catalog.at[indicator, "growth_basis"] if indicator in catalog.index else "unknown"
        consistent = imin < ghi and glo < imax
        rows.append({"indicator": indicator, "prior_period": period - 1, "prior_level": prior["value"],
                     "prior_doc": prior["doc"], "level": level["value"], "level_doc": level["doc"],
                     "unit": level["unit"], "implied_growth": implied, "implied_min": imin, "implied_max": imax,
                     "reported_growth": growth["value"], "growth_doc": growth["doc"], "growth_basis": basis,
                     "implied_prior_level": level["value"] / (1 + growth["value"] / 100),
                     "consistent": consistent, "note": _consistency_note(basis, consistent)})
    return pd.DataFrame(rows, columns=CONSISTENCY_COLUMNS).astype({"consistent": bool, "implied_growth": float})


CONSISTENCY_COLUMNS = ["indicator", "prior_period", "prior_level", "prior_doc", "level", "level_doc", "unit",
                       "implied_growth", "implied_min", "implied_max", "reported_growth", "growth_doc",
                       "growth_basis", "implied_prior_level", "consistent", "note"]


def _consistency_note(basis: str, consistent: bool) -> str:
    if basis == "real":
        return ("reported growth is real (constant prices) but the level-implied growth is nominal (current "
                "prices): a gap mixes price changes with any base revision")
    if consistent:
        return "agrees within rounding (both nominal)"
    return ("both nominal: a gap beyond rounding points to a revised prior-year base or changed coverage "
            "(the statistics office compares with the revised base)")


def _pick(table: pd.DataFrame, region: str, indicator: str, kind: str, period: int, measure: str,
          report_year: int | None) -> pd.Series | None:
    """The row for one figure: from `report_year` if it has one, else from the newest report."""
    rows = table[(table["region"] == region) & (table["indicator"] == indicator) & (table["kind"] == kind)
                 & (table["period"] == period) & (table["measure"] == measure)]
    if rows.empty:
        return None
    same = rows[rows["report_year"] == report_year]
    return (same if not same.empty else rows.sort_values("report_year", ascending=False, kind="stable")).iloc[0]


def _flag(value: object) -> bool:
    return bool(value) if value is not None and not pd.isna(value) else False


def _upper(row: pd.Series) -> float:
    return row["value_high"] if pd.notna(row.get("value_high")) else row["value"]


def _factor(unit: str) -> int:
    try:
        return split_unit(unit)[0]
    except ValueError:
        return 1


def _q(qualifier: object) -> str | None:
    return None if qualifier is None or pd.isna(qualifier) or qualifier == "" else str(qualifier)


def target_conflicts(table: pd.DataFrame, region: str, plan_year: int,
                     catalog: pd.DataFrame | None = None) -> pd.DataFrame:
    """Figures this analysis uses whose sources disagree (see `reconcile.conflict_summary`): the
    region's figures for plan_year - 1 and plan_year, and every region's targets for plan_year."""
    rows = resolve_figures(table, plan_year)
    used = ((rows["region"] == region) & rows["period"].isin([plan_year - 1, plan_year])) | (
        (rows["kind"] == "target") & (rows["period"] == plan_year))
    return conflict_summary(rows[used & rows["indicator"].notna()], catalog)
