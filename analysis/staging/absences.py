"""Stated absences: a hand-entered target row recording that a report set no target (the nation's GDP in 2020)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from analysis.errors import DataError

# The qualifier of such a row. Its value and value_high are empty, so the absence is data (a row that
# says "no target set", with its source), not a row that is merely missing.
NO_TARGET = "no_target"
RULE = (f"value is empty exactly on a row with qualifier {NO_TARGET} (no target set), which must be a "
        "hand-entered target without value_high")


def is_absence(frame: pd.DataFrame) -> pd.Series:
    """Rows that state that no target was set (True) rather than give a figure."""
    return frame["qualifier"].eq(NO_TARGET).fillna(False).astype(bool)


def consistent(frame: pd.DataFrame) -> pd.Series:
    """Per row: a figure with a value, or a no_target row as RULE describes."""
    absent = is_absence(frame)
    empty = frame["value"].isna() & frame["value_high"].isna()
    target = frame["kind"].eq("target") & frame.get("source", pd.Series("hand_entered", frame.index)).eq("hand_entered")
    return (~absent & frame["value"].notna()) | (absent & empty & target)


def check_absences(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """The typed hand-entered rows, unchanged, or a DataError naming the first row that breaks RULE."""
    bad = ~consistent(frame)
    if bad.any():
        index = bad[bad].index[0]
        found = frame.at[index, "value"]
        raise DataError(path, f"{RULE}; found value {'empty' if pd.isna(found) else repr(float(found))} with "
                              f"qualifier {frame.at[index, 'qualifier']!r} and kind {frame.at[index, 'kind']!r}",
                        row=int(index) + 2, column="value")
    return frame


def absence_checks() -> list[pa.Check]:
    """The same rule as a schema check, for every table the schema validates (extracted rows included)."""
    # Reported on `kind`, which is never empty: pandera drops failures whose cell is empty (the value).
    return [pa.Check(lambda f: pd.DataFrame(True, index=f.index, columns=f.columns).assign(kind=consistent(f)),
                     ignore_na=False, name=RULE)]
