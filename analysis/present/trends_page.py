"""The region-trends report page: its sections (findings, chart, every target, attainment, paths, shares, sources)."""
from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from analysis.analyses.attainment import attainment_rules, attainment_summary, degree_rules
from analysis.analyses.growth import growth_paths
from analysis.analyses.trends import headline_indicator, outcome_record, target_record
from analysis.present.charts import described_figure
from analysis.present.citations import sources_table
from analysis.present.findings import bullets
from analysis.present.labels import indicator_names
from analysis.present.panel_charts import targets_vs_outcomes
from analysis.present.livelihood_sections import trend_section
from analysis.present.panel_tables import (BASIS_NOTE, MIRROR_NOTE, any_mirror, degree_example, growth_paths_shown,
                                           outcome_findings, outcomes_shown, summary_shown, target_text, trend_findings,
                                           trend_shown, value_text)
from analysis.present.style import style_table
from analysis.reconciled.report import Report


def trends_results(report: Report, about_tolerance_pp: float = 0.5) -> dict:
    """The region's record of targets and outcomes over every report, and what the page derives from it."""
    record = target_record(report.history, report.region, about_tolerance_pp=about_tolerance_pp,
                           priors=report.history_known, catalog=report.catalog)
    return {"record": record, "summary": attainment_summary(record), "headline": headline_indicator(record),
            "outcomes": outcome_record(report.history, report.region), "about_tolerance_pp": about_tolerance_pp}


def heading(report: Report, r: dict) -> str:
    record = r["record"]
    if record.empty:
        return f"**{report.region_en} ({report.region})**: {_without_targets(report)}."
    return (f"**{report.region_en} ({report.region})**: {record['period'].nunique()} years, "
            f"{int((record['target_set'] == 'target').sum())} targets in the data.")


def _without_targets(report: Report) -> str:
    """What the data holds for a region with no target of a catalogued indicator (the record is empty)."""
    own = report.history[(report.history["region"] == report.region) & report.history["indicator"].notna()]
    actual = own[own["kind"] == "actual"]
    years = sorted(int(p) for p in actual["period"].unique())
    span = "" if not years else str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    figures = f"{len(actual)} outcome figure{'' if len(actual) == 1 else 's'}"
    outcomes = f"{figures} for {span}, tabled by year below" if years else "no outcome figures either"
    return f"no targets of catalogued indicators in the data; {outcomes}"


def key_findings(report: Report, r: dict) -> str:
    """The region's record of targets; for a region without targets, the outcomes it has instead."""
    found = trend_findings(r["record"], r["summary"], report.catalog)
    if r["record"].empty:
        found += outcome_findings(r["outcomes"], report.catalog, report.level)
    return bullets(found)


def targets_chart(report: Report, r: dict) -> Figure | str:
    """The headline indicator's targets against its outcomes over the years, with alt text listing each year."""
    if r["headline"] is None:
        return ("No targets in the data for this region, so no chart of targets against outcomes: its outcomes "
                "are tabled in the next section." if r["record"].empty else
                "No indicator has both targets and outcomes in this data set.")
    indicator, measure = r["headline"]
    english, chinese = indicator_names(indicator, report.catalog, level=report.level)
    title = f"{report.region_en}: {english} ({chinese}), {measure}"
    rows = r["record"][(r["record"]["indicator"] == indicator) & (r["record"]["measure"] == measure)]
    years = [f"{int(row['period'])}: target {_said(target_text(row))}, outcome {_said(value_text(row['outcome'], row['unit']))}"
             + (f" (revised; first published {value_text(row['first_outcome'], row['unit'])})" if row["revised"] else "")
             for _, row in rows.sort_values("period").iterrows()]
    alt = f"Chart: {title}, targets (marker by qualifier) against outcomes by year. " + "; ".join(years) + "."
    fig, ax = described_figure(9, 4.2, alt)
    targets_vs_outcomes(r["record"], indicator, measure, ax=ax, title=title)
    fig.tight_layout()
    return fig


def _said(text: str) -> str:
    return "none in the data" if text == "—" else text  # a screen reader reads '—' as nothing


def every_target(report: Report, r: dict) -> object:
    """Every target with its outcome and prior year; for a region without targets, every outcome by year."""
    if r["record"].empty:
        note = f"No targets of catalogued indicators for {report.region_en} ({report.region}) in the data; its outcomes:"
        if r["outcomes"].empty:
            return note.replace("; its outcomes:", ", and no outcomes either.")
        table = style_table(outcomes_shown(r["outcomes"], report.catalog, report.level),
                            caption=f"{report.region_en}: every outcome in the data, by year (* preliminary, 预计)")
        return [note, table, MIRROR_NOTE] if any_mirror(r["outcomes"]["page_kind"]) else [note, table]
    shown = trend_shown(r["record"], report.catalog, report.history_conflicts)
    table = style_table(shown, caption=f"{report.region_en}: targets, outcomes and prior years")
    if any_mirror(r["record"]["outcome_page_kind"]):
        return [table, MIRROR_NOTE]
    return table


def attainment(report: Report, r: dict) -> list | str:
    """Targets judged and met by year, the qualifier rules, and how the distance to a target is measured
    (with a worked example from this region's own record when it has one)."""
    summary, tolerance = r["summary"], r["about_tolerance_pp"]
    if r["record"].empty:
        return "Nothing to judge: the data holds no targets for this region."
    return [style_table(summary_shown(summary), caption="Targets judged and met, by year") if len(summary)
            else "No target can be judged yet.",
            style_table(attainment_rules(tolerance), caption=f"Rules (about_tolerance_pp = {tolerance:g})"),
            style_table(degree_rules(), caption="How far from the target"),
            degree_example(r["record"], report.catalog)]


def paths(report: Report) -> list:
    found = growth_paths(report)
    shown = growth_paths_shown(found, report.catalog, report.level)
    if not len(shown):
        return [BASIS_NOTE, "No indicator has reported growth for two or more years."]
    marks = ["Each rate as written: ≈ about, ≥ at least, a range as low–high; (预计) a preliminary figure."]
    if any_mirror(found["page_kind"]):
        marks.append(MIRROR_NOTE)
    return [BASIS_NOTE, style_table(shown, caption="Reported growth by year"), " ".join(marks)]


def livelihood(report: Report) -> list:
    """The livelihood-spending share by year, each with its total and period (`livelihood_sections.trend_section`)."""
    return trend_section(report)


def sources(report: Report) -> object:
    found: pd.DataFrame = sources_table(report.table, [report.region], None, report.sidecars, report.documents)
    return style_table(found, caption=f"Documents behind the figures of {report.region_en} ({report.region})")
