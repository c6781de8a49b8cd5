"""The target-ambition report page: its sections (findings, tables, charts, sources) from the target analyses."""
from __future__ import annotations

from functools import partial

import pandas as pd

from analysis.analyses.api import Report
from analysis.analyses.attainment import attainment_rules, trajectory
from analysis.analyses.consistency import growth_consistency
from analysis.analyses.escalation import escalation
from analysis.analyses.targets import target_conflicts
from analysis.present.charts import target_trajectory, targets_by_level
from analysis.present.chain_tables import promise_words
from analysis.present.citations import conflict_note, sources_table
from analysis.present.overview import consistency_sentence, side_text
from analysis.present.findings import bullets, change_text, conflicts_section, target_findings
from analysis.present.labels import (QUALIFIER_SYMBOLS, derived_change, derived_interval, derived_label, figure_label,
                                     format_derived, indicator_label, indicator_names)
from analysis.present.style import style_table
from analysis.reconciled.reconcile import find_conflicts

FITS = {"yes": "yes", "no": "no", "untestable": "n/a: real vs nominal"}


def target_results(report: Report, about_tolerance_pp: float) -> dict[str, pd.DataFrame]:
    """The target analyses of a report, for the page: `pairs` holds the year's targets (`Report.targets`) and
    the plan part's multi-year figures, kept apart by their `horizon`."""
    pairs = pd.concat([report.targets(), report.targets(multi_year=True)], ignore_index=True)
    attainment = report.attainment(about_tolerance_pp)
    return {"pairs": pairs, "ladder": escalation(report, about_tolerance_pp), "attainment": attainment,
            "path": trajectory(pairs, attainment), "consistency": growth_consistency(report),
            "checks": find_conflicts(report.table), "conflicts": target_conflicts(report),
            "about_tolerance_pp": about_tolerance_pp}


def _english(report: Report, indicator: object) -> str:
    return indicator_names(indicator, report.catalog, level=report.level)[0]


def _label(report: Report, indicator: object) -> str:
    return indicator_label(indicator, report.catalog, level=report.level)


def _chinese(report: Report, indicator: object, subject: object = "") -> str:
    return indicator_names(indicator, report.catalog, subject, report.level)[1]


def used_conflicts(report: Report, x: pd.Series, used: dict[str, tuple[str, object]]) -> str:
    """The other sources of the figures a target's row uses ({label: (kind, period)} of the region's
    figures of x's indicator and measure), in words ('' when none disagrees)."""
    return conflict_note(report.conflicts, {label: (report.region, x["indicator"], kind, period, x["measure"])
                                            for label, (kind, period) in used.items()})


def key_findings(report: Report, r: dict) -> str:
    return bullets(target_findings(report, r["pairs"], r["ladder"], r["attainment"], r["consistency"],
                                   r["conflicts"], r.get("about_tolerance_pp", 0.5)), spaced=True)


def conflicts(r: dict) -> list:
    return conflicts_section(r["conflicts"], "Conflicting sources: the value used and the others")


def paired_targets(report: Report, r: dict) -> object:
    """Targets paired with the prior-year figure they build on, and the change between them."""
    paired, plan_year = r["pairs"][r["pairs"]["paired"]], report.plan_year
    if paired.empty:
        return f"No {plan_year} target could be paired with a {plan_year - 1} figure in this data set."
    shown = pd.DataFrame({
        "Indicator": [_english(report, i) for i in paired["indicator"]],
        "中文": [_chinese(report, i, s) for i, s in zip(paired["indicator"], paired["subject"])],
        f"Target {plan_year}": [figure_label(x["target"], x["target_qualifier"], x["unit"], x["target_high"])
                                for _, x in paired.iterrows()],
        f"Actual {plan_year - 1}": [figure_label(x["prior"], x["prior_qualifier"], x["prior_unit"])
                                    for _, x in paired.iterrows()],
        "Change (rounding range)": [change_text(x) for _, x in paired.iterrows()],
        f"Step over {plan_year - 1} growth (pp)": [step_cell(x) for _, x in paired.iterrows()],
        "Sources": ["; ".join(dict.fromkeys([x["target_doc"], x["prior_doc"]])) for _, x in paired.iterrows()],
    }, index=paired.index)
    if paired["note"].notna().any():
        shown["Note"] = paired["note"].fillna("").tolist()
    if paired["conflict"].any():
        shown["Conflicting sources"] = [used_conflicts(report, x, {"target": ("target", plan_year),
                                                                  "prior": ("actual", x["prior_period"])})
                                        for _, x in paired.iterrows()]
    return style_table(shown, caption=f"{plan_year} targets and the {plan_year - 1} figures they build on")


def step_cell(x: pd.Series) -> str:
    """The step of a paired target (`targets.ranked_steps`), or why it has none."""
    if pd.isna(x["step"]):
        return "— (no prior growth rate)" if x["measure"] == "level" else "— (not a growth measure)"
    q = "?" if x["change_qualifier"] == "undetermined" else QUALIFIER_SYMBOLS.get(x["change_qualifier"], "")
    return q + format_derived(x["step"], x["step_min"], x["step_max"], max_decimals=1, signed=True)


def unpaired_targets(report: Report, r: dict) -> object:
    pairs, plan_year = r["pairs"], report.plan_year
    unpaired = pairs[~pairs["paired"] & pairs["horizon"].ne("multi_year")]
    if pairs.empty:
        return f"This data set has no {plan_year} targets for {report.region}."
    if unpaired.empty:
        return "Every target was paired with a prior-year figure."
    shown = pd.DataFrame({
        "Indicator": [_english(report, i) if pd.notna(i) else "—" for i in unpaired["indicator"]],
        "中文 (as written)": unpaired["subject"],
        f"Target {plan_year}": [figure_label(x["target"], x["target_qualifier"], x["unit"], x["target_high"])
                                for _, x in unpaired.iterrows()],
        "Why unpaired": unpaired["reason"],
        "Source": unpaired["target_doc"],
    }, index=unpaired.index)
    return style_table(shown, caption=f"Unpaired targets: no {plan_year - 1} figure to compare with ({len(unpaired)})")


def multi_year_figures(report: Report, r: dict) -> object:
    """Figures of the plan part that are multi-year or plan-period, kept apart from the year's targets."""
    multi = r["pairs"][r["pairs"]["horizon"].eq("multi_year")]
    if multi.empty:
        return "No multi-year or plan-period figures in the plan part."
    shown = pd.DataFrame({
        "中文 (as written)": multi["subject"],
        "Figure": [figure_label(x["target"], x["target_qualifier"], x["unit"], x["target_high"])
                   for _, x in multi.iterrows()],
        "Sentence": multi["target_quote"], "Source": multi["target_doc"],
    }, index=multi.index)
    return style_table(shown, caption=f"Multi-year and plan-period figures, not counted as {report.plan_year} "
                                      f"targets ({len(multi)})")


def trajectory_chart(report: Report, r: dict) -> object:
    if r["path"].empty:
        return "Nothing to draw: no paired targets."
    names = partial(indicator_label, catalog=report.catalog, sep="\n")
    return target_trajectory(r["path"], names, report.plan_year, report.region_en)


def escalation_section(report: Report, r: dict) -> list | str:
    """Targets by level of government: the table and its chart."""
    ladder, plan_year, region = r["ladder"], report.plan_year, report.region
    if ladder[ladder["region"] != region].empty:
        return "No higher-level targets for the same indicators in this data set."
    shown = pd.DataFrame({
        "Indicator": [_english(report, i) for i in ladder["indicator"]],
        "中文": [_chinese(report, i) for i in ladder["indicator"]],
        "Level": ladder["level"].astype(str), "Region": ladder["region_en"] + " (" + ladder["region"] + ")",
        f"Target {plan_year}": [figure_label(x["value"], x["qualifier"], x["unit"]) for _, x in ladder.iterrows()],
        "District excess (pp)": ["—" if g == region else "kept apart" if pd.isna(v) else f"{v:+.1f}"
                                 for v, g in zip(ladder["excess_pp"], ladder["region"])],
        "Promises compared": [promise_words(p) if g != region else "—" for p, g in zip(ladder["promise"], ladder["region"])],
        "Source": ladder["doc"],
    })
    names = partial(indicator_label, catalog=report.catalog, sep="\n")
    return [style_table(shown, caption=f"{plan_year} targets by level of government"), *skipped_note(ladder, region),
            targets_by_level(ladder, names, plan_year)]


def skipped_note(ladder: pd.DataFrame, region: str) -> list[str]:
    """What the chain passes over: the regions of the levels in between that set no such target in the data."""
    skipped = sorted({s for s in ladder.loc[ladder["region"] != region, "skipped"].dropna() for s in s.split("、")})
    if not skipped:
        return []
    verb = "have" if len(skipped) > 1 else "has"
    return [f"{'、'.join(skipped)} {verb} no target for these indicators and this year in the data: the district is "
            "compared with the levels above directly, and the chain has a gap there."]


def attainment_section(report: Report, r: dict, about_tolerance_pp: float) -> list:
    """The rules applied, and each catalogued target against its outcome."""
    attainment, plan_year = r["attainment"], report.plan_year
    items: list = [style_table(attainment_rules(about_tolerance_pp),
                               caption=f"Rules applied (about_tolerance_pp = {about_tolerance_pp:g}, a notebook parameter)")]
    judged = attainment[attainment["indicator"].notna()]
    if judged.empty:
        return items + ["No catalogued targets to judge."]

    def outcome_text(x: pd.Series) -> str:
        if pd.isna(x["outcome"]):
            return "—"
        return figure_label(float(x["outcome"]), None, x["unit"]) + (" (preliminary)" if x["preliminary"] else "")
    # The outcome is a figure the judgement used only where it names its source.
    conflict_notes = [used_conflicts(report, x, {"target": ("target", plan_year)} | (
        {"outcome": ("actual", plan_year)} if pd.notna(x["outcome_doc"]) else {})) for _, x in judged.iterrows()]
    shown = pd.DataFrame({
        "Indicator": [_english(report, i) for i in judged["indicator"]],
        "中文": [_chinese(report, i) for i in judged["indicator"]],
        f"Target {plan_year}": [figure_label(x["target"], x["target_qualifier"], x["unit"], x["target_high"])
                                for _, x in judged.iterrows()],
        f"Outcome {plan_year}": [outcome_text(x) for _, x in judged.iterrows()],
        "Status": judged["status"],
        "Note": ["; ".join(n for n in [
                     "outcome rounds to the target: the true value may lie on either side" if b else (why or ""),
                     note] if isinstance(n, str) and n)
                 for b, why, note in zip(judged["borderline"], judged["reason"], conflict_notes)],
        "Outcome source": judged["outcome_doc"].fillna("—"),
    })
    items.append(style_table(shown, caption=f"Attainment of the {plan_year} targets"))
    n_uncat = int((attainment["indicator"].isna() & attainment["horizon"].ne("multi_year")).sum())
    if n_uncat:
        items.append(f"{n_uncat} further annual targets name things outside the indicator catalog (projects, firms, "
                     "talent); no outcome is matched for them.")
    return items


def consistency_section(report: Report, r: dict) -> list | str:
    """Reported growth against the growth two levels imply, with a note or flag per misfit."""
    consistency, plan_year = r["consistency"], report.plan_year
    if consistency.empty:
        return f"No indicator has levels for both {plan_year - 1} and {plan_year} and a reported growth rate."
    shown = pd.DataFrame({
        "Indicator": [_english(report, i) for i in consistency["indicator"]],
        "中文": [_chinese(report, i) for i in consistency["indicator"]],
        f"Level {plan_year - 1}": [f"{v:g}{u}" for v, u in zip(consistency["prior_level"], consistency["unit"])],
        f"Level {plan_year}": [f"{v:g}{u}" for v, u in zip(consistency["level"], consistency["unit"])],
        "Implied growth (nominal)": [derived_change(g, lo, hi) for g, lo, hi in
                                     zip(consistency["implied_growth"], consistency["implied_min"], consistency["implied_max"])],
        "Reported growth": [f"{g:g}% ({b})" for g, b in zip(consistency["reported_growth"], consistency["growth_basis"])],
        "Fits": consistency["fits"].map(FITS),
        "Note": consistency["note"],
        "Sources": consistency["prior_doc"] + "; " + consistency["level_doc"],
    })
    items: list = [style_table(shown, caption=f"Reported {plan_year} growth against the growth implied by the levels")]
    flags = consistency[~consistency["consistent"]]
    for _, f in flags[flags["growth_basis"] == "real"].iterrows():
        items.append(
            f"**Note — {_label(report, f['indicator'])}.** {f['prior_level']:g} → {f['level']:g} {f['unit']} "
            f"is {f['implied_growth']:+.1f}% at current prices; the reported {f['reported_growth']:g}% is at constant prices. "
            "The two measure different things, so the difference need not be a data error.")
    for _, f in flags[flags["growth_basis"] != "real"].iterrows():
        items.append(
            f"**Flag — {_label(report, f['indicator'])}.** {f['prior_level']:g} → {f['level']:g} {f['unit']} "
            f"is {derived_change(f['implied_growth'], f['implied_min'], f['implied_max'])} given rounding, "
            f"but {f['reported_growth']:g}% is reported; that rate implies a {plan_year - 1} base of "
            f"{derived_label(f['implied_prior_level'], f['implied_prior_min'], f['implied_prior_max'], None, f['unit'])}"
            f" (interval {derived_interval(f['implied_prior_min'], f['implied_prior_max'], f['implied_prior_level'])}), "
            f"not {f['prior_level']:g}. {f['note'].capitalize()}.")
    return items


def cross_source_check(report: Report, r: dict) -> list | str:
    checks = r["checks"]
    if checks.empty:
        return "No figure appears in more than one place in this data set."
    shown = pd.DataFrame({
        "Indicator": [_english(report, i) for i in checks["indicator"]], "Region": checks["region"],
        "Figure": checks["kind"] + " " + checks["period"].astype(str) + ", " + checks["measure"],
        "Value A": [side_text(x, "a") for _, x in checks.iterrows()],
        "Value B": [side_text(x, "b") for _, x in checks.iterrows()],
        "Revision": checks["revision"].map({True: "yes", False: "no"}),
        "Status": checks["status"], "Reason": checks["reason"],
    })
    return [consistency_sentence(checks, link=None), style_table(shown, caption="Figures reported twice, pair by pair")]


def sources(report: Report, r: dict) -> object:
    higher = r["ladder"][r["ladder"]["region"] != report.region]
    regions = [report.region, *[g for g in dict.fromkeys(higher["region"]) if g != report.region]]
    return style_table(sources_table(report.table, regions, report.report_year, report.sidecars, report.documents),
                       caption="Documents behind the figures in this report")
