"""The livelihood-spending report page: its sections (findings, tables, charts, limitations) from the fiscal analysis."""
from __future__ import annotations

import pandas as pd

from analysis.analyses.fiscal import INPUTS, fiscal_conflicts, fiscal_inputs, fiscal_summary, missing_inputs
from analysis.present.charts import expenditure_composition, revenue_and_expenditure
from analysis.present.citations import sources_table
from analysis.present.findings import BOUND_NOTE, bullets, conflicts_section, fiscal_findings, input_figure
from analysis.present.conventions import conventions
from analysis.present.labels import (QUANTITY_LABELS, bounded_derived, bounded_interval, format_interval, input_names,
                                     table_places)
from analysis.present.style import style_table
from analysis.reconciled.report import Report

DEFINITION_NOTE = (
    "民生支出 (livelihood spending) has no single statutory definition: each government decides "
    "which budget functions it counts (education, health, social security and employment, housing, "
    "and often more), and the denominator of the share varies between reports (公共财政支出, "
    "一般公共预算支出, or total spending). Figures and shares are therefore comparable only within "
    "one report, not across regions or years."
)
PRICE_NOTE = ("All fiscal figures are nominal (current prices); the GDP shares divide a nominal "
              "amount by nominal GDP, so they are current-price ratios and need no deflator.")

def fiscal_results(report: Report) -> dict[str, object]:
    """The fiscal analysis of a report, for the page: inputs, summary, missing inputs, conflicts."""
    inputs = fiscal_inputs(report)
    return {"inputs": inputs, "summary": fiscal_summary(inputs), "missing": missing_inputs(inputs),
            "conflicts": named_conflicts(fiscal_conflicts(inputs, report.conflicts), report)}


def names_of(inputs: pd.Index | pd.Series, report: Report) -> list[tuple[str, str]]:
    """(English, Chinese) of each fiscal input, the Chinese as the report's level writes it."""
    return [input_names(name, INPUTS[name][0], report.catalog, report.level) for name in inputs]


def named_conflicts(conflicts: pd.DataFrame, report: Report) -> pd.DataFrame:
    """`fiscal.fiscal_conflicts` with each input's English and Chinese label."""
    names = names_of(conflicts["input"], report)
    return conflicts.assign(title_en=[en for en, _ in names], name_zh=[zh for _, zh in names])


def heading(report: Report) -> str:
    return (f"## {report.region_en} ({report.region}), {report.report_year} work report\n\n"
            f"Fiscal figures for the review year {report.review_year}, in current prices.")


def key_findings(report: Report, results: dict) -> str:
    findings = fiscal_findings(report, results["inputs"], results["summary"], results["missing"],
                               results["conflicts"])
    return bullets(findings)


def conflicts(results: dict) -> list:
    return conflicts_section(results["conflicts"], "Conflicting inputs: the value used and the others")


def reported_figures(report: Report, results: dict) -> object:
    """Table 1: the inputs as reported, with their rounding intervals and sources."""
    inputs = results["inputs"]
    if inputs.empty:
        return f"No fiscal figures for {report.region}, {report.review_year}: not reported."
    names = names_of(inputs.index, report)
    shown = pd.DataFrame({
        "Figure": [en for en, _ in names],
        "中文": [zh for _, zh in names],
        str(report.review_year): [input_figure(inputs, name) for name in inputs.index],
        "Rounding interval": [format_interval(lo, hi, int(d) + 1) for lo, hi, d in
                              zip(inputs["low"], inputs["high"], inputs["decimals"])],
        "Source": inputs["quote"].fillna(inputs["source_url"]).fillna(inputs["doc"]),
    }, index=inputs.index)
    return style_table(shown, caption=f"Table 1. Fiscal figures reported for {report.review_year}")


def derived_quantities(report: Report, results: dict) -> object:
    """Table 2: the derived quantities with their intervals and formulas."""
    summary = results["summary"]
    if summary.empty:
        return "Nothing can be derived from the figures in this data set."
    # One number of decimals for the whole table: the fewest any row supports (see CONVENTIONS). A quantity
    # whose input is only a bound is open on a side: its digits come from its closed side.
    bounds = summary["qualifier"].where(summary["qualifier"].notna(), None)
    lows = [v if q == "at_most" else lo for v, lo, q in zip(summary["value"], summary["low"], bounds)]
    highs = [v if q == "at_least" else hi for v, hi, q in zip(summary["value"], summary["high"], bounds)]
    places = table_places([lo for lo, q in zip(lows, bounds) if q != "unbounded"] or [0.0],
                          [hi for hi, q in zip(highs, bounds) if q != "unbounded"] or [0.0],
                          [v for v, q in zip(summary["value"], bounds) if q != "unbounded"] or [0.0])
    shown = pd.DataFrame({
        "Quantity": [QUANTITY_LABELS[q][0] for q in summary.index],
        "中文": [QUANTITY_LABELS[q][1] for q in summary.index],
        "Value": [bounded_derived(v, lo, hi, q, places=places) for v, lo, hi, q in
                  zip(summary["value"], summary["low"], summary["high"], bounds)],
        "Interval": [bounded_interval(lo, hi, q, places + 1) + (f": {BOUND_NOTE}" if q else "")
                     for lo, hi, q in zip(summary["low"], summary["high"], bounds)],
        "Unit": summary["unit"], "How": [QUANTITY_LABELS[q][2] for q in summary.index],
    }, index=summary.index)
    return style_table(shown, caption=f"Table 2. Derived fiscal quantities, {report.review_year}; the "
                                      "interval holds every value consistent with the rounding "
                                      "of the printed figures")


def composition(report: Report, results: dict) -> list | str:
    """Figure 1: implied expenditure split into livelihood and other spending, with its caption."""
    summary = results["summary"]
    if "expenditure" not in summary.index:
        return "Expenditure cannot be implied from this data set: no chart."
    return [expenditure_composition(summary, report.review_year),
            f"*Figure 1. General public budget expenditure of {report.region_en} in {report.review_year}, "
            f"implied from livelihood spending and its share ({input_figure(results['inputs'], 'livelihood_share')}); "
            "the other part is the remainder, not a reported figure.*"]


def revenue_expenditure(report: Report, results: dict) -> list | str:
    """Figure 2: own revenue against implied expenditure, with its caption."""
    summary = results["summary"]
    if "financing_gap" not in summary.index:
        return "Budget revenue or implied expenditure is missing: no chart."
    return [revenue_and_expenditure(summary),
            f"*Figure 2. Own budget revenue against implied expenditure, {report.region_en}, {report.review_year}. "
            f"Revenue covers {summary.loc['self_reliance', 'value']:.1f}% of expenditure; the gap is "
            "covered by other sources, which the report does not break down (see Limitations).*"]


def limitations() -> str:
    return "\n".join([
        f"- **What counts as 民生支出.** {DEFINITION_NOTE}",
        f"- **Prices.** {PRICE_NOTE}",
        "- **Rounding only.** The intervals cover the rounding of the printed figures, not revisions "
        "in the final accounts (决算), which can differ from the figures in a work report.",
        "- **Expenditure is implied, not reported.** If the share's denominator is not general public "
        "budget expenditure (for example if it includes government-fund spending), the implied "
        "expenditure, self-reliance and financing gap change with it.",
        conventions("rounding", "other_sources"),
    ])


def sources(report: Report) -> object:
    found = sources_table(report.table, report.region, report.report_year, report.sidecars, report.documents,
                          include_next=False)
    if found.empty:
        return f"No figures for {report.region} in this data set."
    return style_table(found, caption="Sources of the figures above")
