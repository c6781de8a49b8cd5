"""The key findings of each report page, and its 'Conflicting sources' section, as Markdown text."""
from __future__ import annotations

import math

import pandas as pd

from analysis.analyses.targets import ranked_steps
from analysis.present.citations import conflicts_by_figure, conflicts_note, conflicts_shown
from analysis.present.labels import (INPUT_LABELS, QUALIFIER_SYMBOLS, QUANTITY_LABELS, basis_word,
                                     derived_interval, figure_label,
                                     implied_target_label, qualifier_label, bounded_derived,
                                     format_derived, format_interval, indicator_names, outward)
from analysis.present.style import style_table
from analysis.reconciled.report import Report

REAL_ON_NOMINAL = "real growth applied to a nominal level: ignores price changes"


def bullets(findings: list[str], *, spaced: bool = False) -> str:
    """Findings as a Markdown list (`spaced`: a blank line between items)."""
    return ("\n\n" if spaced else "\n").join(f"- {text}" for text in findings)


def named(row: pd.Series) -> str:
    """'Gross domestic product (地区生产总值)' from a result row's title_en and name_zh."""
    return f"{row['title_en']} ({row['name_zh']})"


def conflicts_finding(conflicts: pd.DataFrame, *, with_figure: bool = True,
                      years: tuple[int, ...] | None = None) -> str | None:
    """The finding that points to the Conflicting sources section; None when no source disagrees.
    `conflicts`: conflict rows (`reconcile.conflict_summary`), worded by `citations.conflicts_by_figure`.
    `years`: the periods the key findings speak of; conflicts of other years are counted, not listed."""
    if conflicts.empty:
        return None
    here = conflicts if years is None else conflicts[conflicts["period"].isin(years)]
    others = conflicts.drop(index=here.index)
    count = len(conflicts_by_figure(others)) if len(others) else 0
    more = (f"{count} figure{'s' if count > 1 else ''} of other years "
            f"({', '.join(str(int(y)) for y in sorted(set(others['period'])))})") if count else ""
    if here.empty:
        return f"Sources disagree on {more} — see Conflicting sources below."
    figure = (lambda r: f" {r['figure']}") if with_figure else (lambda r: "")
    return "Sources disagree on " + "; ".join(
        f"{named(r)}{figure(r)}: {r['used']} used, {r['other']}" for _, r in conflicts_by_figure(here).iterrows()
    ) + (f"; and on {more}" if more else "") + " — see Conflicting sources below."


def conflicts_section(conflicts: pd.DataFrame, caption: str) -> list:
    """Heading, rule and table of the 'Conflicting sources' section; nothing when no source disagrees."""
    if conflicts.empty:
        return []
    return ["## Conflicting sources\n\n" + conflicts_note(conflicts),
            style_table(conflicts_shown(conflicts), caption=caption)]


def growth_rate(row: pd.Series, value: str = "growth", high: str = "value_high") -> str:
    """A growth rate of a result row with its qualifier: '≈6%', '6–6.5%'."""
    return figure_label(row[value], row["qualifier"], "%", row.get(high))


def growth_findings(report: Report, rates: pd.DataFrame, priors: pd.DataFrame, targets: pd.DataFrame,
                    comparison: pd.DataFrame, conflicts: pd.DataFrame) -> list[str]:
    """Key findings of the growth page, from the `analyses.growth` results."""
    region, report_year, review_year, plan_year = (report.region, report.report_year, report.review_year,
                                                   report.plan_year)
    findings = []
    if rates.empty:
        findings.append(f"The {report_year} report for {region} gives no growth rates for {review_year} "
                        "in this data set: not reported.")
    else:
        listed = "; ".join(f"{named(r)} {growth_rate(r)}, {basis_word(r['growth_basis'])}"
                           for _, r in rates.iterrows())
        count = "one growth rate" if len(rates) == 1 else f"{len(rates)} growth rates"
        findings.append(f"The report gives {count} for {review_year}: {listed}.")
    for _, r in priors[priors["period"] == review_year].iterrows():
        warning = f" Caution — {REAL_ON_NOMINAL}." if r["basis_warning"] else ""
        prior = bounded_derived(r["implied_prior"], r["implied_prior_low"], r["implied_prior_high"],
                                r.get("implied_prior_qualifier"), r["unit"])
        findings.append(
            f"{named(r)}: {qualifier_label(r['level'], r.get('level_qualifier'), ' ' + r['unit'])} after growth of "
            f"{qualifier_label(r['growth'], r.get('growth_qualifier'), '%')} implies "
            f"{prior} "
            f"in {r['prior_period']} (rounding interval "
            f"{derived_interval(r['implied_prior_low'], r['implied_prior_high'], r['implied_prior'])}).{warning}")
    planned = targets[targets["target"].notna()]
    if planned.empty:
        findings.append(f"No growth targets for {plan_year} are in the data: not reported.")
    else:
        listed = "; ".join(f"{named(r)} {growth_rate(r, 'target', 'target_value_high')}"
                           for _, r in planned.iterrows())
        findings.append(f"Growth targets for {plan_year}: {listed}.")
        for _, r in planned[planned["implied_level"].notna()].iterrows():
            warning = (f"; a real target on a nominal level, so a level at {review_year} prices, not a forecast of the "
                       "current-price figure" if r["basis_warning"] else "")
            level, interval = implied_target_label(r["implied_level"], r["implied_low"], r["implied_high"],
                                                   r["qualifier"], r["unit"], r["base_decimals"])
            bounds = "no interval, since ≈ has no stated width" if interval.startswith("none") else \
                f"interval {interval}"
            findings.append(f"Applied to the {review_year} level, the {named(r)} target implies {level} in "
                            f"{plan_year} ({bounds}{warning}).")
    outcomes = comparison[comparison["series"] == f"{plan_year} outcome"]
    if not outcomes.empty:
        listed = "; ".join(f"{named(r)} {r['value']:g}%" for _, r in outcomes.iterrows())
        preliminary = " (preliminary)" if outcomes["estimated"].any() else ""
        findings.append(f"A later source gives {plan_year} outcomes{preliminary}: {listed}.")
    return findings + [f for f in [conflicts_finding(conflicts, years=(review_year, plan_year))] if f]


def input_figure(inputs: pd.DataFrame, name: str) -> str:
    """A fiscal input (`fiscal.fiscal_inputs`) as reported, with its qualifier and unit."""
    r = inputs.loc[name]
    return figure_label(r["value"], r["qualifier"], r["unit"], r["value_high"])


BOUND_NOTE = "an input is given only as a bound it passed"
BOUND_WORDS = {"at_most": "at most ", "at_least": "at least ", "unbounded": ""}


def derived_figure(summary: pd.DataFrame, name: str, decimals: int = 2) -> str:
    """A derived fiscal quantity (`fiscal.fiscal_summary`) with its interval: '297.7 亿元 (interval …)'; one
    whose input is only a bound, 'at most 7.45% (…)'."""
    r = summary.loc[name]
    unit = "%" if r["unit"] == "%" else f" {r['unit']}"
    bound = r.get("qualifier") if isinstance(r.get("qualifier"), str) else None
    if bound:
        shown = bounded_derived(r["value"], r["low"], r["high"], bound, unit, symbol=False)
        return f"{BOUND_WORDS[bound]}{shown} ({BOUND_NOTE})"
    return (f"{format_derived(r['value'], r['low'], r['high'], unit, decimals)} "
            f"(interval {format_interval(r['low'], r['high'], decimals)})")


def fiscal_findings(report: Report, inputs: pd.DataFrame, summary: pd.DataFrame, missing: list[str],
                    conflicts: pd.DataFrame) -> list[str]:
    """Key findings of the livelihood-spending page, from the `analyses.fiscal` results (`missing`:
    input names, `conflicts`: named by `fiscal_page.named_conflicts`)."""
    review_year = report.review_year
    findings = []
    if "expenditure" in summary.index:
        findings.append(
            f"In {review_year} livelihood spending (民生支出) was {input_figure(inputs, 'livelihood_spending')}, "
            f"{input_figure(inputs, 'livelihood_share')} of public expenditure (公共财政支出). That implies general "
            f"public budget expenditure of {derived_figure(summary, 'expenditure')}, of which "
            f"{derived_figure(summary, 'non_livelihood')} went to everything else.")
    else:
        findings.append(f"The report does not give both the amount and the share of livelihood "
                        f"spending for {review_year}, so expenditure cannot be implied: not reported.")
    if "self_reliance" in summary.index:
        findings.append(
            f"Own general budget revenue of {input_figure(inputs, 'budget_revenue')} covers "
            f"{derived_figure(summary, 'self_reliance', 1)} of that expenditure (fiscal self-reliance). The rest, "
            f"{derived_figure(summary, 'financing_gap')}, was covered by other sources the report does not "
            "break down: possibly transfers from higher levels of government, borrowing, funds moved in from "
            "other budget accounts (调入资金), the budget stabilisation fund and balances carried over.")
    for name in ("livelihood_gdp", "revenue_gdp", "expenditure_gdp"):
        if name in summary.index:
            findings.append(f"{QUANTITY_LABELS[name][0]}: {derived_figure(summary, name)}.")
    if missing:
        findings.append("Not reported for this region and year: "
                        + ", ".join(INPUT_LABELS[name][0] for name in missing) + ".")
    return findings + [f for f in [conflicts_finding(conflicts, with_figure=False)] if f]


def change_text(row: pd.Series) -> str:
    """A target's change over its prior figure with its qualifier and range, through the one rule for
    derived figures (`labels.format_derived`, `labels.format_interval`, ends rounded outward):
    '≥+1.3 pp (+1.25 to +1.35)'; over a threshold prior (突破500亿元: any value over 500) the change
    has an open side, and no bracket pretends otherwise: '≤+10.0% (no lower bound: …)'."""
    unit = " pp" if row["comparison"] == "gap_pp" else "%"
    q = "?" if row["change_qualifier"] == "undetermined" else QUALIFIER_SYMBOLS.get(row["change_qualifier"], "")
    lo, hi = row["change_min"], row["change_max"]
    if row["comparison"] != "gap_pp" and lo <= -100:  # growth cannot fall below -100%: that end is open
        lo = -math.inf
    value = format_derived(row["change"], lo, hi, max_decimals=1, signed=True)
    if math.isinf(lo) or math.isinf(hi):
        side = "lower" if math.isinf(lo) else "upper"
        return f"{q}{value}{unit} (no {side} bound: the prior figure is a threshold, not a rounded number)"
    low, high = outward(lo, hi, 2)
    return f"{q}{value}{unit} ({low:+.2f} to {high:+.2f})"


def step_text(row: pd.Series, plan_year: int) -> str:
    """How a target's step comes about: '≥8000万美元 implies ≥+22.9% after +7.8% in 2022: ≥+15.1 pp'."""
    q = "?" if row["change_qualifier"] == "undetermined" else QUALIFIER_SYMBOLS.get(row["change_qualifier"], "")
    step = format_derived(row["step"], row["step_min"], row["step_max"], max_decimals=1, signed=True)
    target = figure_label(row["target"], row["target_qualifier"], row["unit"], row["target_high"])
    if row["comparison"] == "gap_pp":
        return f"{target} after {row['prior']:g}% in {plan_year - 1}, {q}{step} pp"
    implied = format_derived(row["change"], row["change_min"], row["change_max"], max_decimals=1, signed=True)
    return (f"{target} implies {q}{implied}% after {row['prior_growth']:+g}% in {plan_year - 1}, "
            f"{q}{step} pp")


def target_findings(report: Report, pairs: pd.DataFrame, ladder: pd.DataFrame, attainment: pd.DataFrame,
                    consistency: pd.DataFrame, conflicts: pd.DataFrame, about_tolerance_pp: float = 0.5) -> list[str]:
    """Key findings of the target-ambition page, from the `analyses` target results."""
    region, plan_year, catalog = report.region, report.plan_year, report.catalog

    def name(indicator: str, both: bool = True) -> str:
        english, chinese = indicator_names(indicator, catalog, level=report.level)
        return f"{english} ({chinese})" if both else english

    paired = pairs[pairs["paired"]]
    annual = pairs[pairs["horizon"].ne("multi_year")]
    multi = len(pairs) - len(annual)
    findings = [f"**{report.region_en} ({region})**, work report of {report.report_year}: {len(annual)} quantitative "
                f"annual targets for {plan_year}, {int(annual['indicator'].notna().sum())} of them for indicators in "
                f"the catalog; {len(paired)} could be set against a {plan_year - 1} figure, "
                f"{len(annual) - len(paired)} are listed as unpaired."
                + (f" {multi} further figure{'s' if multi > 1 else ''} of the plan part {'are' if multi > 1 else 'is'} "
                   "multi-year or plan-period (a project list's total investment, a goal within several years) "
                   "and not counted as targets of the year." if multi else "")]
    bases = [b for b in ("real", "nominal") if not ranked_steps(pairs, b).empty]
    if bases:
        parts = []
        for basis in bases:
            ranked = ranked_steps(pairs, basis)
            top, low = ranked.iloc[0], ranked.iloc[-1]
            text = f"among {basis}-growth targets the most demanding is {name(top['indicator'])}: {step_text(top, plan_year)}"
            if len(ranked) > 1:
                text += f"; the least demanding is {name(low['indicator'])}: {step_text(low, plan_year)}"
            parts.append(text)
        steps = sum(len(ranked_steps(pairs, b)) for b in bases)
        findings.append(f"Ranked on the step each target asks for (the growth it states, or implies over the "
                        f"{plan_year - 1} level, minus the growth of {plan_year - 1}, in pp; {steps} of {len(paired)} "
                        "paired targets have one), within one price basis, since a real step and a nominal one are "
                        "not on one scale: " + ". In the same way, ".join(parts) + ".")
    level_pairs = paired[paired["comparison"] == "implied_growth"]
    if not level_pairs.empty:
        parts = [f"{name(r['indicator'], False) if pd.notna(r['indicator']) else r['subject']} {change_text(r)}"
                 for _, r in level_pairs.iterrows()]
        findings.append("Level and count targets imply growth of: " + "; ".join(parts) + ".")
    higher = ladder[ladder["region"] != region]
    compared = higher[higher["excess_pp"].notna()]
    if not compared.empty:
        skipped = sorted({s for s in higher["skipped"].dropna() for s in s.split("、")})
        findings.append(f"Compared as intervals under the stated rule (the lowest outcome each target accepts: "
                        f"≈ accepts {about_tolerance_pp:g} pp below its number, ≥ none), the district's targets ask between "
                        f"{compared['excess_pp'].min():+.1f} and {compared['excess_pp'].max():+.1f} pp more than the "
                        f"higher levels' ({compared['indicator'].nunique()} indicators compared)"
                        + (f"; {'、'.join(skipped)} {'have' if len(skipped) > 1 else 'has'} no such target in the "
                           "data, so the chain skips it" if skipped else "") + ".")
    comparable = attainment[attainment["status"].isin(["met", "missed"])]
    unjudged = attainment[attainment["status"].eq("not judged")]
    if not comparable.empty:
        met, missed = comparable[comparable["status"] == "met"], comparable[comparable["status"] == "missed"]
        text = f"Against the {plan_year} outcomes, {len(met)} of {len(comparable)} comparable targets were met"
        if not missed.empty:
            text += "; missed: " + ", ".join(name(i, False) for i in missed["indicator"])
        if not unjudged.empty:
            text += (f"; {len(unjudged)} not judged (" + ", ".join(name(i, False) for i in unjudged["indicator"])
                     + ": the table says why)")
        prelim = " The outcomes are preliminary (预计) figures." if comparable["preliminary"].fillna(False).any() else ""
        findings.append(text + "." + prelim)
    for _, f in consistency[consistency["fits"].eq("no") & consistency["growth_basis"].eq("nominal")].iterrows():
        findings.append(f"{name(f['indicator'], False)}: the levels {f['prior_level']:g} → {f['level']:g} {f['unit']} "
                        f"imply {f['implied_growth']:+.1f}%, but {f['reported_growth']:g}% is reported. The figures "
                        f"cannot tell why: a revised {plan_year - 1} base, a change in coverage and a preliminary "
                        "base are all possible.")
    return findings + [f for f in [conflicts_finding(conflicts)] if f]
