"""Figures of every report resolved by the written rule for panels across years and regions, revisions marked."""
from __future__ import annotations

import pandas as pd

from analysis.reconciled.reconcile import Resolution, figure_keys, resolve


def resolved(table: pd.DataFrame) -> pd.DataFrame:
    """The figures of `resolve_history`: one row per figure of every report, revisions marked."""
    return resolve_history(table).figures


def resolve_history(table: pd.DataFrame) -> Resolution:
    """One row per figure of every report in `table` (the validated table, repeats included), and
    the sources that disagree with it (`reconcile.resolve`'s conflicts).

    The value used follows `reconcile.RESOLUTION_RULE` with no report being analysed, so the newest
    report that gives a figure wins (a statistical bulletin or a final verification over the first
    estimate). `revised` is True where a report of another year gives a value beyond rounding: its
    conflict rows (`revisions_of`) name the first value. `conflict` marks every figure a source
    disagrees with, whatever its year.
    """
    out, conflicts = resolve(table)
    revised = set(figure_keys(revisions_of(conflicts)))
    out["revised"] = [key in revised for key in figure_keys(out)]
    return Resolution(out, conflicts)


def revisions_of(conflicts: pd.DataFrame) -> pd.DataFrame:
    """The conflict rows where the other source is a report of another year: the figure was restated."""
    return conflicts[conflicts["other_report_year"].astype(float) != conflicts["used_report_year"].astype(float)]

