"""Panel charts: one region's targets against outcomes over the years, and targets down the levels of government."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import blended_transform_factory

from analysis.present.labels import qualifier_legend
from analysis.present.style import qualifier_marker

TARGET_COLOUR, OUTCOME_COLOUR, ABSENT_COLOUR = "#1f6fb4", "#e07b00", "#7a7a7a"
LEVEL_COLOURS = {"nation": "#5b5b5b", "province": "#4c956c", "city": "#9c6ade", "district": "#1f6fb4",
                 "county": "#c26d1a"}
NO_TARGET_LABEL = "no target set"


def targets_vs_outcomes(record: pd.DataFrame, indicator: str, measure: str = "growth", *,
                        ax: Axes | None = None, title: str | None = None) -> Axes:
    """Targets of one indicator over the years (marker by qualifier, a range as a bar) against the outcomes
    (a line of the latest official figures; a ring on every outcome revised after first publication, and
    a small cross at the value first published). A year whose report states that it sets no target gets a
    dotted line and the words 'no target set' at the top, clear of the outcome. `record`:
    `trends.target_record` output."""
    rows = record[(record["indicator"] == indicator) & (record["measure"] == measure)].sort_values("period")
    if ax is None:
        ax = plt.subplots(figsize=(9, 4.2))[1]
    outcomes = rows[rows["outcome"].notna()]
    ax.plot(outcomes["period"], outcomes["outcome"], color=OUTCOME_COLOUR, marker="o", ms=4, lw=1.6,
            label="outcome (reported for that year)", zorder=2)
    revised = outcomes[outcomes["revised"]]
    if len(revised):
        ax.scatter(revised["period"], revised["outcome"], s=110, facecolors="none", edgecolors=OUTCOME_COLOUR,
                   label="outcome revised after first publication", zorder=3)
        first = revised[revised["first_outcome"].notna()] if "first_outcome" in revised else revised.iloc[0:0]
        if len(first):
            ax.vlines(first["period"], first["first_outcome"], first["outcome"], color=OUTCOME_COLOUR, lw=0.8,
                      ls=":", zorder=2)
            ax.scatter(first["period"], first["first_outcome"], marker="x", s=30, color=OUTCOME_COLOUR,
                       label="outcome as first published", zorder=3)
    targets = rows[rows["target_set"] == "target"]
    ranged = targets[targets["target_qualifier"] == "range"]
    if len(ranged):
        ax.vlines(ranged["period"], ranged["target"], ranged["target_high"], color=TARGET_COLOUR, lw=5, alpha=0.7,
                  label="target, range", zorder=3)
    point = targets[targets["target_qualifier"] != "range"]
    for qualifier, group in point.groupby(point["target_qualifier"].fillna("exact"), sort=True):
        q = None if qualifier == "exact" else qualifier
        ax.scatter(group["period"], group["target"], marker=qualifier_marker(q), s=55, color=TARGET_COLOUR,
                   label=f"target, {qualifier_legend(q)}", zorder=4)
    mark = blended_transform_factory(ax.transData, ax.transAxes)
    for period in rows.loc[rows["target_set"] == "no target set", "period"]:
        ax.axvline(period, color=ABSENT_COLOUR, ls=":", lw=1.2, zorder=1)
        # at the top, with no box: the outcome of that year stays visible
        ax.text(period, 0.97, f"{NO_TARGET_LABEL} ", transform=mark, rotation=90, va="top", ha="right",
                fontsize="small", color=ABSENT_COLOUR, zorder=1)
    unit = rows["unit"].iloc[0] if len(rows) else ""
    ax.set_xlabel("year")
    ax.set_ylabel(f"{measure}, {unit}" if measure != "level" else unit)
    if len(rows):
        ax.set_xticks(sorted(rows["period"].unique())[::max(1, len(rows["period"].unique()) // 10)])
    ax.legend(fontsize="x-small", loc="best")
    ax.set_title(title or f"{indicator}: targets against outcomes", fontsize="medium")
    return ax


def chain_over_years(chain: pd.DataFrame, indicator: str, measure: str = "growth", *,
                     ax: Axes | None = None, title: str | None = None) -> Axes:
    """Targets of one indicator by level of government over the years: colour by level, marker by qualifier,
    a range as a bar. A level's stated absence (no target set) is a dotted line with the words, so that the
    year is not a plain gap. `chain`: `levels.target_chain` output."""
    shown = chain[(chain["indicator"] == indicator) & (chain["measure"] == measure)]
    absent = shown[shown["target_qualifier"].eq("no_target").fillna(False)]
    rows = shown[shown["target_qualifier"].ne("no_target").fillna(True)]
    if ax is None:
        ax = plt.subplots(figsize=(9, 4.2))[1]
    levels = [lv for lv in LEVEL_COLOURS if lv in set(rows["level"].astype(str))]
    offsets = {lv: (i - (len(levels) - 1) / 2) * 0.12 for i, lv in enumerate(levels)}
    for _, r in rows.iterrows():
        lv = str(r["level"])
        x = r["period"] + offsets[lv]
        if r["target_qualifier"] == "range":
            ax.vlines(x, r["target"], r["target_high"], color=LEVEL_COLOURS[lv], lw=4)
        else:
            ax.scatter(x, r["target"], marker=qualifier_marker(r["target_qualifier"]), s=50, color=LEVEL_COLOURS[lv])
    mark = blended_transform_factory(ax.transData, ax.transAxes)
    for _, r in absent.iterrows():
        colour = LEVEL_COLOURS.get(str(r["level"]), ABSENT_COLOUR)
        ax.axvline(r["period"], color=colour, ls=":", lw=1.2, zorder=1)
        ax.text(r["period"], 0.97, f"{NO_TARGET_LABEL} ({r['level']}) ", transform=mark, rotation=90, va="top",
                ha="right", fontsize="small", color=colour, zorder=1)
    handles = [Line2D([], [], ls="", marker="o", color=LEVEL_COLOURS[lv], label=lv) for lv in levels]
    handles += [Line2D([], [], ls="", marker=qualifier_marker(q), color="black", label=qualifier_legend(q))
                for q in (None, "about", "at_least", "at_most")]
    ax.legend(handles=handles, fontsize="x-small", loc="center left", bbox_to_anchor=(1.01, 0.5))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # years, not 2017.5
    ax.set_xlabel("year")
    ax.set_ylabel(f"target, {rows['unit'].iloc[0] if len(rows) else '%'}")
    ax.set_title(title or f"{indicator}: targets by level of government", fontsize="medium")
    return ax
