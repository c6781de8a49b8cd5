"""The growth-rates report page: its sections (findings, tables, charts, sources) from the growth analysis."""
from __future__ import annotations

import pandas as pd

from analysis.analyses.growth import (growth_comparison, growth_conflicts, growth_paths, implied_prior_levels,
                                      implied_target_levels, reported_growth)
from analysis.present.charts import growth_by_indicator, growth_paths_chart
from analysis.present.citations import sources_table
from analysis.present.findings import (REAL_ON_NOMINAL, bullets, conflicts_section, growth_findings,
                                       growth_rate)
from analysis.present.labels import (basis_label, bounded_derived, derived_interval, format_interval, implied_target_label,
                                     qualifier_label, unit_places)
from analysis.present.style import style_table
from analysis.reconciled.report import Report


def growth_results(report: Report) -> dict[str, pd.DataFrame]:
    """The growth analysis of a report, for the page."""
    return {"rates": reported_growth(report), "priors": implied_prior_levels(report),
            "targets": implied_target_levels(report), "comparison": growth_comparison(report),
            "history": growth_paths(report), "conflicts": growth_conflicts(report)}


def heading(report: Report) -> str:
    return (f"## {report.region_en} ({report.region}), {report.report_year} work report\n\n"
            f"Review year {report.review_year}, plan year {report.plan_year}.")


def key_findings(report: Report, r: dict) -> str:
    return bullets(growth_findings(report, r["rates"], r["priors"], r["targets"], r["comparison"], r["conflicts"]))


def conflicts(r: dict) -> list:
    return conflicts_section(r["conflicts"], "Conflicting sources: the value used and the others")


def reported_rates(report: Report, r: dict) -> object:
    """Table 1: the review year's growth rates with rounding interval, price basis and source."""
    rates, review_year = r["rates"], report.review_year
    if rates.empty:
        return f"No growth rates for {review_year}: not reported."
    shown = pd.DataFrame({
        "Indicator": rates["title_en"], "中文": rates["name_zh"],
        f"Growth {review_year}": [growth_rate(row) for _, row in rates.iterrows()],
        "Rounding interval (%)": [format_interval(lo, hi) for lo, hi in zip(rates["growth_low"], rates["growth_high"])],
        "Price basis": rates["growth_basis"].map(basis_label),
        "Source": rates["quote"].fillna(rates["source_url"]).fillna(rates["doc"]),
    })
    return style_table(shown, caption=f"Table 1. Growth rates for {review_year} in the "
                                      f"{report.report_year} work report, {report.region_en}")


def growth_chart(report: Report, r: dict) -> list | str:
    """Figure 1: growth by indicator, actual, target and outcome, with its caption."""
    if r["comparison"].empty:
        return "No growth rates or growth targets in the data: nothing to chart."
    return [growth_by_indicator(r["comparison"]),
            f"*Figure 1. Growth by indicator, {report.region_en}: {report.review_year} actual and "
            f"{report.plan_year} target from the {report.report_year} work report; {report.plan_year} outcome "
            "where a later source gives it (preliminary figures are marked as such in the tables). Real and "
            "nominal rates are shown together: see the price basis in Table 1.*"]


def prior_levels(r: dict) -> list | str:
    """Table 2: prior-year levels implied by level and growth, with how the interval is built."""
    priors = r["priors"]
    if priors.empty:
        return ("No indicator has both a level and a growth rate for the same year: "
                "prior-year levels cannot be implied (not reported).")
    # a prior open on one side (a bound among the inputs) takes its digits from its closed side
    bound = priors["implied_prior_qualifier"]
    places = unit_places(priors["implied_prior_low"].where(bound.ne("at_most"), priors["implied_prior"]),
                         priors["implied_prior_high"].where(bound.ne("at_least"), priors["implied_prior"]),
                         priors["implied_prior"], priors["unit"])
    shown = pd.DataFrame({
        "Indicator": priors["title_en"], "中文": priors["name_zh"], "Year": priors["period"],
        "Level": [qualifier_label(v, q, u) for v, q, u in zip(priors["level"], priors["level_qualifier"], priors["unit"])],
        "Growth": [qualifier_label(g, q, "%") for g, q in zip(priors["growth"], priors["growth_qualifier"])],
        "Implied prior-year level": [bounded_derived(v, lo, hi, q, u, p) for v, lo, hi, q, u, p in
                                     zip(priors["implied_prior"], priors["implied_prior_low"],
                                         priors["implied_prior_high"], priors["implied_prior_qualifier"],
                                         priors["unit"], places)],
        "Rounding interval": [derived_interval(lo, hi, v, p) for lo, hi, v, p in
                              zip(priors["implied_prior_low"], priors["implied_prior_high"], priors["implied_prior"],
                                  places)],
        "Price basis": priors["growth_basis"].map(basis_label),
        "Warning": priors["basis_warning"].map({True: REAL_ON_NOMINAL, False: ""}),
        "Preliminary": priors["estimated"].map({True: "yes (预计)", False: ""}),
    })
    return [style_table(shown, caption="Table 2. Prior-year level implied by level ÷ (1 + growth), "
                                       "with the interval that the rounding of both figures allows"),
            "The interval takes the lowest level over the highest rate and the highest level over the "
            "lowest rate, so it contains every prior-year level consistent with the printed figures. "
            "Where the implied level differs from the figure the earlier report printed, possible causes "
            "are a price basis (real rates), a revised base, a change in coverage or a preliminary figure; "
            "the figures cannot tell which."]


def target_remarks(targets: pd.DataFrame, review_year: int) -> list[str]:
    """Warning and note of each implied target level: a real target on a nominal level, no base level."""
    return ["; ".join(note for note, on in [(REAL_ON_NOMINAL, warn),
                                            (f"no {review_year} level reported: unpaired", pd.isna(base))] if on)
            for warn, base in zip(targets["basis_warning"], targets["base_level"])]


def implied_cells(row: pd.Series) -> tuple[str, str]:
    """The implied level of Table 3 and its interval (`labels.implied_target_label`); dashes without a base."""
    if pd.isna(row["implied_level"]):
        return "—", "—"
    return implied_target_label(row["implied_level"], row["implied_low"], row["implied_high"], row["qualifier"],
                                row["unit"], row["base_decimals"])


def target_levels(report: Report, r: dict) -> object:
    """Table 3: plan-year levels implied by the growth targets, the qualifier carried over."""
    targets, plan_year = r["targets"], report.plan_year
    if targets.empty:
        return f"No growth targets for {plan_year}: not reported."
    shown = pd.DataFrame({
        "Indicator": targets["title_en"], "中文": targets["name_zh"],
        f"Target {plan_year}": [growth_rate(row, "target", "target_value_high") for _, row in targets.iterrows()],
        f"Base ({report.review_year})": [qualifier_label(v, None, u) if pd.notna(v) else "not reported"
                                         for v, u in zip(targets["base_level"], targets["unit"])],
        f"Implied level {plan_year}": [implied_cells(row)[0] for _, row in targets.iterrows()],
        "Interval": [implied_cells(row)[1] for _, row in targets.iterrows()],
        "Warning / note": target_remarks(targets, report.review_year),
        "Source": targets["quote"].fillna(targets["source_url"]),
    })
    return style_table(shown, caption=f"Table 3. {plan_year} levels implied by the growth targets; "
                                      "the qualifier carries over (≥ target → the level is a floor)")


def paths(report: Report, r: dict) -> list | str:
    """Figure 2: reported growth by year, with its caption."""
    history = r["history"]
    if history.empty:
        return "No indicator has growth rates for two or more years in the data: no paths (not reported)."
    estimated = sorted(history.loc[history["estimated"].astype(bool), "period"].astype(int).unique())
    note = f" Figures for {', '.join(map(str, estimated))} are preliminary (预计)." if estimated else ""
    return [growth_paths_chart(history),
            f"*Figure 2. Reported growth by year, {report.region_en}; each year's figure from the "
            f"latest report that gives it.{note} Real and nominal rates share the axis.*"]


def sources(report: Report) -> list:
    found = sources_table(report.table, report.region, report.report_year, report.sidecars, report.documents)
    return [f"No figures for {report.region} in this data set." if found.empty else
            style_table(found, caption="Sources of the figures above"),
            "Indicator names, English titles and price bases come from the project's "
            "indicator catalog (`data/indicators.yml`). Extracted figures quote the sentence "
            "they come from; hand-entered figures give their URL."]
