"""Figures of every report resolved by the written rule for panels across years and regions, revisions marked."""
from __future__ import annotations

import pandas as pd

from analysis.reconciled.reconcile import FIGURE_KEY, Resolution, figures_agree, resolve, source_text


def resolved(table: pd.DataFrame) -> pd.DataFrame:
    """The figures of `resolve_history`: one row per figure of every report, revisions marked."""
    return resolve_history(table).figures


def resolve_history(table: pd.DataFrame) -> Resolution:
    """One row per figure of every report in `table` (the validated table, repeats included), and
    the sources that disagree with it (`reconcile.resolve`'s conflicts).

    The value used follows `reconcile.RESOLUTION_RULE` with no report being analysed, so the newest
    report that gives a figure wins (a statistical bulletin or a final verification over the first
    estimate). `revised` is True where a report of another year gives a value beyond rounding, and
    `revision_note` names it ('first reported 8.7 % in china-2010-report (hand-entered, 2010 report)').
    `conflict` still marks every figure a source disagrees with, whatever its year, and the
    conflicts table lists them.
    """
    out, conflicts = resolve(table)
    out["revised"] = False
    out["revision_note"] = ""
    keyed = table[table["indicator"].notna()]
    for _, group in keyed.groupby(FIGURE_KEY, sort=False, dropna=False):
        used = out.index.intersection(group.index)
        if group["report_year"].nunique() < 2 or len(used) != 1:
            continue
        chosen = out.loc[used[0]]
        others = group[group["report_year"] != chosen["report_year"]].sort_values("report_year", kind="stable")
        differ = [row for _, row in others.iterrows() if not figures_agree(chosen, row)[0]]
        if differ:
            out.at[used[0], "revised"] = True
            out.at[used[0], "revision_note"] = "; ".join(
                f"{'first reported' if row['report_year'] < chosen['report_year'] else 'later given as'} "
                f"{_value_text(row)} in {source_text(row)}" for row in differ)
    return Resolution(out, conflicts)


def _value_text(row: pd.Series) -> str:
    if pd.isna(row["value"]):
        return "no target set"
    high = f"–{row['value_high']:g}" if pd.notna(row.get("value_high")) else ""
    return f"{row['value']:g}{high} {row['unit']}"
