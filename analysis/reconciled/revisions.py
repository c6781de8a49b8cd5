"""Figures of every report resolved by the written rule for panels across years and regions, revisions marked."""
from __future__ import annotations

import pandas as pd

from analysis.reconciled.reconcile import Resolution, figure_keys, figures_agree, resolve

FIRST_COLUMNS = ["first_value", "first_value_high", "first_qualifier", "first_doc", "first_vintage"]


def resolved(table: pd.DataFrame) -> pd.DataFrame:
    """The figures of `resolve_history`: one row per figure of every report, revisions marked."""
    return resolve_history(table).figures


def resolve_history(table: pd.DataFrame) -> Resolution:
    """One row per figure of every report in `table` (the validated table, repeats included), and
    the sources that disagree with it (`reconcile.resolve`'s conflicts).

    The value used follows `reconcile.RESOLUTION_RULE` with no report being analysed: the latest
    vintage (a final verification over a revision over the figure first published). `revised` is True
    where the figure first published (`first_resolution`) differs from it beyond rounding, whichever
    report or page gave either: one count of revisions. The first value is kept beside it
    (FIRST_COLUMNS). `conflict` marks every figure a source disagrees with.
    """
    out, conflicts = resolve(table)
    earliest = first_figures(table)
    first = {key: row for key, (_, row) in zip(figure_keys(earliest), earliest.iterrows())}
    revised, firsts = [], []
    for key, (_, row) in zip(figure_keys(out), out.iterrows()):
        earlier = first.get(key)
        differs = earlier is not None and row.get("kind") == "actual" and not figures_agree(row, earlier)[0]
        revised.append(differs)
        firsts.append([earlier.get(c.removeprefix("first_"), pd.NA) if differs else pd.NA for c in FIRST_COLUMNS])
    out["revised"] = revised
    out[FIRST_COLUMNS] = pd.DataFrame(firsts, index=out.index, columns=FIRST_COLUMNS, dtype=object)
    return Resolution(out, conflicts)


def first_figures(table: pd.DataFrame) -> pd.DataFrame:
    """One row per figure, the value first published (`reconcile.resolve` in mode 'first'): for a year's
    outcome, the figure known when the next year's target was set, which 'Target vs prior' compares with."""
    return first_resolution(table).figures


def first_resolution(table: pd.DataFrame) -> Resolution:
    """`reconcile.resolve` of `table` in mode 'first' (no report being analysed)."""
    return resolve(table, mode="first")


