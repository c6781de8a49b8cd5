"""Schema failures and cells in words for error messages: 'row 3, column 'unit': not one of the allowed values'."""
from __future__ import annotations

import pandas as pd


def plain(cell: object) -> object:
    """A cell as a reader wrote it: 175.3, not np.float64(175.3)."""
    if isinstance(cell, bool) or cell is None or isinstance(cell, str):
        return cell
    try:
        return float(cell) if not float(cell).is_integer() else int(cell)
    except (TypeError, ValueError):
        return cell


def describe_failures(failures: pd.DataFrame) -> str:
    """The first few schema failures as 'row N, column C: check failed for value V'."""
    lines = []
    for failure in failures.head(5).itertuples():
        row = "?" if pd.isna(failure.index) else int(failure.index) + 2
        column = failure.column if isinstance(failure.column, str) else "(whole row)"
        lines.append(f"row {row}, column '{column}': {check_words(str(failure.check))}, "
                     f"found {plain(failure.failure_case)!r}")
    more = len(failures) - 5
    return "; ".join(lines) + (f"; and {more} more" if more > 0 else "")


def check_words(check: str) -> str:
    """A pandera check name in words: 'isin([...])' -> 'not an allowed value (see the schema)'."""
    if check.startswith("isin("):
        return "not one of the allowed values"
    if check.startswith("in_range("):
        return "must be between " + check[len("in_range("):-1].replace(", ", " and ")
    if check.startswith(("str_length", "not_nullable")):
        return "must not be empty"
    if check.startswith(("dtype(", "coerce")):
        return f"has the wrong type ({check})"
    return f"fails the check {check}"
