"""Shared by the target analyses: one figure picked from the resolved table, qualifier and unit helpers."""
from __future__ import annotations

import pandas as pd

from analysis.extract.units import split_unit

# Measures whose values are percentages, so a difference is in percentage points.
PERCENT_MEASURES = ("growth", "share", "change_pp")


def pick(table: pd.DataFrame, region: str, indicator: str, kind: str, period: int, measure: str,
          report_year: int | None) -> pd.Series | None:
    """The row for one figure: from `report_year` if it has one, else from the newest report."""
    rows = table[(table["region"] == region) & (table["indicator"] == indicator) & (table["kind"] == kind)
                 & (table["period"] == period) & (table["measure"] == measure)]
    if rows.empty:
        return None
    same = rows[rows["report_year"] == report_year]
    return (same if not same.empty else rows.sort_values("report_year", ascending=False, kind="stable")).iloc[0]


def flag(value: object) -> bool:
    return bool(value) if value is not None and not pd.isna(value) else False


def upper(row: pd.Series) -> float:
    return row["value_high"] if pd.notna(row.get("value_high")) else row["value"]


def scale_factor(unit: str) -> int:
    try:
        return split_unit(unit)[0]
    except ValueError:
        return 1


def qualifier_of(qualifier: object) -> str | None:
    return None if qualifier is None or pd.isna(qualifier) or qualifier == "" else str(qualifier)


def conflict_of(figures: dict[str, pd.Series]) -> dict:
    """`conflict` of a result built from resolved rows ({label: row}): True when a source disagrees
    with any of them (the sources are rows of `Report.conflicts`)."""
    return {"conflict": any(flag(row.get("conflict")) for row in figures.values())}
