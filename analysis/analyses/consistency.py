"""Do reported growth rates fit the levels they come with: the growth two levels imply against the rate printed."""
from __future__ import annotations

import pandas as pd

from analysis.analyses.picks import pick, qualifier_of, scale_factor
from analysis.reconciled.intervals import figure_interval
from analysis.reconciled.reconcile import interval_base
from analysis.reconciled.report import Report


def growth_consistency(report: Report) -> pd.DataFrame:
    """Reported growth for `period` against the growth implied by the levels of `period`-1 and `period`."""
    table, region, period, catalog = report.figures, report.region, report.report_year, report.catalog
    actual = table[(table["region"] == region) & (table["kind"] == "actual") & table["indicator"].notna()]
    rows = []
    for indicator in actual.loc[actual["period"] == period, "indicator"].unique():
        level = pick(actual, region, indicator, "actual", period, "level", None)
        prior = pick(actual, region, indicator, "actual", period - 1, "level", period)
        growth = pick(actual, region, indicator, "actual", period, "growth", None)
        if level is None or prior is None or growth is None or qualifier_of(prior.get("qualifier")) or qualifier_of(level.get("qualifier")):
            continue
        lo, hi = interval_base(level["value"], level["decimals"], level["unit"])
        plo, phi = interval_base(prior["value"], prior["decimals"], prior["unit"])
        ratio = scale_factor(level["unit"]) / scale_factor(prior["unit"])
        implied = 100 * (level["value"] * ratio / prior["value"] - 1)
        imin, imax = 100 * (lo / phi - 1), 100 * (hi / plo - 1)
        glo, ghi = figure_interval(growth["value"], int(growth["decimals"]), growth["unit"])
        written_lo, written_hi = figure_interval(level["value"], int(level["decimals"]), level["unit"])
        basis = catalog.at[indicator, "growth_basis"] if indicator in catalog.index else "unknown"
        consistent = imin < ghi and glo < imax
        rows.append({"indicator": indicator, "prior_period": period - 1, "prior_level": prior["value"],
                     "prior_doc": prior["doc"], "level": level["value"], "level_doc": level["doc"],
                     "unit": level["unit"], "implied_growth": implied, "implied_min": imin, "implied_max": imax,
                     "reported_growth": growth["value"], "growth_doc": growth["doc"], "growth_basis": basis,
                     "implied_prior_level": level["value"] / (1 + growth["value"] / 100),
                     "implied_prior_min": written_lo / (1 + ghi / 100),
                     "implied_prior_max": written_hi / (1 + glo / 100),
                     "consistent": consistent, "fits": fits(basis, consistent),
                     "note": _consistency_note(basis, consistent)})
    return pd.DataFrame(rows, columns=CONSISTENCY_COLUMNS).astype({"consistent": bool, "implied_growth": float})


CONSISTENCY_COLUMNS = ["indicator", "prior_period", "prior_level", "prior_doc", "level", "level_doc", "unit",
                       "implied_growth", "implied_min", "implied_max", "reported_growth", "growth_doc",
                       "growth_basis", "implied_prior_level", "implied_prior_min", "implied_prior_max", "consistent",
                       "fits", "note"]


def fits(basis: object, consistent: bool) -> str:
    """Verdict on a reported rate against its levels: 'yes' or 'no' (within rounding or not), or
    'untestable' for a real rate, which nominal levels cannot confirm or refute."""
    if basis == "real":
        return "untestable"
    return "yes" if consistent else "no"


def _consistency_note(basis: str, consistent: bool) -> str:
    if basis == "real":
        return ("reported growth is real (constant prices) but the level-implied growth is nominal (current "
                "prices): a gap mixes price changes with any base revision")
    if consistent:
        return "agrees within rounding (both nominal)"
    return ("both nominal, and the gap is beyond rounding: possible causes are a revised prior-year base, "
            "a change in coverage or a preliminary base; the figures cannot tell which")
