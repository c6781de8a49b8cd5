"""Livelihood-share sections of the report pages: a report's statements (page 02), a region over the years (04),
the regions of one level side by side with their totals and periods (05)."""
from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from analysis.analyses.livelihood import denominators_used, horizons_used, share_trend
from analysis.present.charts import described_figure
from analysis.present.labels import QUALIFIER_SYMBOLS, format_derived, format_interval, number_text, qualifier_key
from analysis.present.livelihood_charts import (HORIZON_WORDS, denominator_text, period_text, share_over_years,
                                                shares_across_regions)
from analysis.present.style import style_table
from analysis.reconciled.intervals import display_decimals
from analysis.reconciled.livelihood import kept_apart, share_years
from analysis.reconciled.report import Panel, Report

MEASURE_WORDS = {"share": "share", "change_pp": "change of the share (pp)", "amount": "amount",
                 "growth": "growth of the amount"}
DEFINITION = ("民生支出 has no single statutory definition and reports divide it by different totals "
              "(一般公共预算支出, 财政支出, 财力, or a total they do not name), so a share is comparable across "
              "governments only with its total and its period beside it.")


def share_text(row: pd.Series) -> str:
    """A share for a reader, its qualifier kept: '≥80%', '73.8%'; a share written in tenths says so: '≤80% (近八成)'."""
    if pd.isna(row.get("share_pct")):
        return "—"
    text = f"{QUALIFIER_SYMBOLS[qualifier_key(row['qualifier'])]}{number_text(float(row['share_pct']))}%"
    return f"{text} ({row['written']})" if row["unit"] == "成" else text


def region_text(row: pd.Series) -> str:
    english = row.get("region_en")
    return f"{row['region']} ({english})" if isinstance(english, str) and english != row["region"] else str(row["region"])


def statements_shown(statements: pd.DataFrame, *, with_region: bool = False) -> pd.DataFrame:
    """Statements (`reconciled.livelihood`) with reader columns: what is stated, as written, the share in %, the
    total it is of, the period, whether it counts as livelihood spending, the clause and the source."""
    shown = pd.DataFrame({
        "Region": [region_text(r) for _, r in statements.iterrows()],
        "What": statements["measure"].map(MEASURE_WORDS),
        "As written": statements["written"],
        "Share": [share_text(r) if r["measure"] == "share" else "" for _, r in statements.iterrows()],
        "Of": [denominator_text(r) if isinstance(r["denominator"], str) else "" for _, r in statements.iterrows()],
        "For": [period_text(r) for _, r in statements.iterrows()],
        "Livelihood spending?": ["yes" if s else "no: kept apart" for s in statements["spending"]],
        "Wording": [" ".join(str(w).split()) for w in statements["wording"]],
        "Source": statements["doc"],
    })
    return shown if with_region else shown.drop(columns="Region")


# Page 02 -------------------------------------------------------------------------------------------------------

def report_statements(report: Report) -> object:
    """Every statement of the livelihood share, amount or growth in this report, with its total and period."""
    statements = report.livelihood
    if statements.empty:
        return f"The {report.report_year} report of {report.region} states no livelihood (民生) share or amount."
    return style_table(statements_shown(statements), caption=f"Livelihood statements of the {report.report_year} "
                                                             "report, as written, with the total each share is of")


def statement_findings(report: Report) -> str | None:
    """One sentence per livelihood-spending share the report states: value, total and period; None without any."""
    shares = report.livelihood[(report.livelihood["measure"] == "share")]
    if shares.empty:
        return None
    lines = []
    for _, row in shares.iterrows():
        counted = "" if row["spending"] else " (not spending: kept apart from the livelihood-spending share)"
        lines.append(f"- Livelihood share stated: {share_text(row)} of {denominator_text(row)}, for "
                     f"{period_text(row)} ({HORIZON_WORDS.get(row['horizon'], row['horizon'])}){counted}.")
    return "\n".join(lines)


# Page 04 -------------------------------------------------------------------------------------------------------

def trend_section(report: Report) -> list:
    """The region's livelihood-spending share over the years: a chart, the table, and a note where the totals or
    the periods differ from year to year."""
    trend = share_trend(report.livelihood_history)
    if trend.empty:
        return ["No livelihood-spending share is reported for this region."]
    title = f"{region_text(pd.Series({'region': report.region, 'region_en': report.region_en}))}: livelihood spending share by year"
    shown = pd.DataFrame({
        "Year": trend["period"].astype(int), "Share": [share_text(r) for _, r in trend.iterrows()],
        "Of": [denominator_text(r) for _, r in trend.iterrows()], "For": [period_text(r) for _, r in trend.iterrows()],
        "Livelihood spending": [w if isinstance(w, str) else "—" for w in trend["amount_written"]],
        "Implied expenditure (亿元)": [_implied(r) for _, r in trend.iterrows()],
        "Source": trend["doc"]})
    note = _denominator_note(trend.assign(region=trend["period"].astype(int).astype(str)), "years")
    return [trend_chart(trend, title), style_table(shown, caption="Livelihood spending share by year"), note]


def trend_chart(trend: pd.DataFrame, title: str) -> Figure | None:
    """The shares by year as a chart, when there are two years or more to set side by side."""
    if len(trend) < 2:
        return None
    points = "; ".join(f"{int(r['period'])}: {share_text(r)} of {denominator_text(r)}, {period_text(r)}"
                       for _, r in trend.iterrows())
    fig, ax = described_figure(10, 3.8, f"Chart: {title}. {points}.")
    share_over_years(trend, ax=ax, title=title)
    fig.tight_layout()
    return fig


def _implied(row: pd.Series) -> str:
    if pd.isna(row["implied_expenditure_yi"]):
        return "—"
    low, high, value = row["implied_low_yi"], row["implied_high_yi"], row["implied_expenditure_yi"]
    places = display_decimals(low, high, 2, value)  # the digits the interval supports, its ends one finer
    return f"≈{format_derived(value, low, high, places=places)} {format_interval(low, high, places + 1)}"


# Page 05 -------------------------------------------------------------------------------------------------------

def panel_sections(panel: Panel) -> list:
    """For each level of government: the newest year's shares of its regions as a chart (two regions or more) and
    a table, with what their totals and periods are; then the earlier years; then shares kept apart."""
    resolved = panel.livelihood_statements
    out: list = []
    known = ["nation", "province", "city", "district", "county"]
    present = {lv for lv in resolved.get("level", pd.Series(dtype=object)) if isinstance(lv, str)}
    levels = [lv for lv in known + sorted(present - set(known)) if lv in present and share_years(resolved, lv)]
    if not levels:
        return ["No report in the data states a livelihood-spending share."]
    for level in levels:
        years = share_years(resolved, level)
        out += [f"### {level.capitalize()}, {years[0]}", *level_year(panel, level, years[0])]
        earlier = pd.concat([panel.livelihood(level, y) for y in years[1:]]) if len(years) > 1 else None
        if earlier is not None:
            out.append(style_table(statements_shown(earlier, with_region=True),
                                   caption=f"Level {level}, earlier years ({', '.join(map(str, years[1:]))})"))
    apart = kept_apart(resolved, None, None)
    if not apart.empty:
        out += ["### Shares kept apart", "Livelihood shares of a total that is not spending (investment, a named "
                "fund, GDP): stated by the reports, never counted as the livelihood-spending share.",
                style_table(statements_shown(apart, with_region=True), caption="Livelihood shares of other totals")]
    return out


def level_year(panel: Panel, level: str, year: int) -> list:
    """The shares of the regions of `level` for `year` (`Panel.livelihood`): chart, notes beside it, table."""
    rows = panel.livelihood(level, year)
    out: list = []
    if len(rows) >= 2:
        out.append(shares_chart(rows, f"Livelihood spending share, regions of level {level}, {year}"))
    else:
        row = rows.iloc[0]
        out.append(f"Only one region of level {level} states a share for {year}: {region_text(row)}, "
                   f"{share_text(row)} of {denominator_text(row)}, for {period_text(row)}.")
    out += [note for note in (_denominator_note(rows, "regions"), _horizon_note(rows)) if note]
    out.append(style_table(statements_shown(rows, with_region=True),
                           caption=f"Level {level}, {year}: the livelihood-spending share of each region, largest first"))
    return out


def shares_chart(rows: pd.DataFrame, title: str) -> Figure:
    described = "; ".join(f"{region_text(r)} {share_text(r)} of {denominator_text(r)}, {period_text(r)}"
                          for _, r in rows.iterrows())
    fig, ax = described_figure(10, 0.45 * len(rows) + 2.2, f"Chart: {title}, largest first. {described}.")
    shares_across_regions(rows, ax=ax, title=title)
    fig.subplots_adjust(left=0.2, right=0.62, bottom=0.3)
    return fig


def _denominator_note(rows: pd.DataFrame, what: str) -> str | None:
    """Said beside a comparison whose shares are of different totals; None when they share one."""
    groups = denominators_used(rows)
    if len(groups) < 2:
        return None
    parts = "; ".join(f"{denominator_text(pd.Series({'denominator_en': g['denominator_en'], 'denominator_zh': '、'.join(g['written'])}))}"
                      f": {', '.join(g['regions'])}" for _, g in groups.iterrows())
    return (f"**The totals differ between these {what}.** {parts}. A share of a larger total is a smaller share of "
            f"the same spending: compare within one total, and read differences across totals as partly ones of "
            f"definition. {DEFINITION}")


def _horizon_note(rows: pd.DataFrame) -> str | None:
    groups = horizons_used(rows)
    if len(groups) < 2:
        return None
    parts = "; ".join(f"{HORIZON_WORDS.get(h, h)}: {', '.join(regions)}" for h, regions in groups.items())
    return (f"**The periods differ.** {parts}. A level held through five years (稳定在80%左右) or a share of five "
            "years' spending is not the last year's share; the chart draws those hollow.")
