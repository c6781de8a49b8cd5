"""Hand-edited CSV files read as Excel, WPS and Notepad save them, or refused naming the line."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from analysis.errors import DataError
from analysis.text.encoding import read_user_text

_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
# What people type into a number cell that a number cannot hold, and how to write it instead.
_NUMBER_FIXES = [
    (re.compile(r"^[-+]?\d{1,3}([,，]\d{3})+(\.\d+)?$"), "remove the thousands separator (1,733 → 1733)"),
    (re.compile(r"[%％]"), "remove the % sign: the unit column says %, the value is the number alone (4.0% → 4.0)"),
    (re.compile(r"[０-９．]"), "type the digits half-width (１２ → 12)"),
    (re.compile(r"左右|以上|以下|以内|超过?|突破|约|近"), "put the number alone in the value and the word in the "
                                               "qualifier column (about, at_least, at_most)"),
    (re.compile(r"\d\s*[-–~～至到]\s*\d"), "a range goes in two cells: its low end in value, its high end in "
                                        "value_high, and qualifier range"),
    (re.compile(r"[万亿千百元人个家]"), "put the number alone in the value and the unit (万元, 亿元, 万人) in the unit column"),
    (re.compile(r"^\s|\s$|\d\s+\d"), "remove the spaces"),
]


def number_problem(cell: object) -> str:
    """'expected a number, found …' and, where the cell shows what went wrong, how to fix it."""
    text = str(cell)
    fixes = [fix for pattern, fix in _NUMBER_FIXES if pattern.search(text)]
    return f"expected a number, found {cell!r}" + (f": {'; '.join(fixes)}" if fixes else "")


def read_csv_strict(path: Path, columns: list[str], optional: dict[str, object] | None = None) -> pd.DataFrame:
    """A CSV read as text, with the expected header; empty cells are missing values.

    `optional` names columns the file may leave out, each with the value a missing column means (an
    empty cell of a column that is there stays missing); they follow `columns` in the result.

    Any encoding `read_user_text` accepts; comma-separated, or tab-separated as Excel's "Unicode
    Text" writes it. Header names are trimmed; rows whose every cell is empty (cleared in Excel,
    which keeps their commas) are skipped.
    """
    if not path.is_file():
        raise DataError(path, "file not found" if not path.exists() else "is a directory, not a CSV file")
    text, _ = read_user_text(path)
    if not text.strip():
        raise DataError(path, f"the file is empty; it needs at least the header line {','.join(columns)}", line=1)
    first = text.lstrip("\r\n").splitlines()[0]
    separator = "\t" if "\t" in first and "," not in first else ","
    header = [name.strip() for name in next(csv.reader([first], delimiter=separator))]
    twice = sorted({name for name in header if header.count(name) > 1 and name})
    if twice:
        raise DataError(path, f"column {', '.join(map(repr, twice))} appears more than once in the header; "
                              f"keep one", line=1)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, sep=separator)
    except pd.errors.ParserError as err:
        counts = _FIELDS.search(str(err))
        if not counts:
            raise DataError(path, f"not a readable CSV file ({err}); save it again as CSV") from None
        expected, line, found = counts.groups()
        raise DataError(path, f"has {found} fields where the header has {expected}; a value that contains a "
                              f"comma must be in double quotes (Excel and WPS quote it when saving as CSV)",
                        line=int(line)) from None
    frame.columns = [str(name).strip() for name in frame.columns]
    optional = optional or {}
    missing = [c for c in columns if c not in frame.columns]
    unknown = [c for c in frame.columns if c not in columns and c not in optional]
    if missing or unknown:
        may = f" (and may have {','.join(optional)})" if optional else ""
        raise DataError(path, f"header must be {','.join(columns)}{may}; missing {missing or 'none'}, "
                              f"unknown {unknown or 'none'}", line=1)
    frame = frame[frame.ne("").any(axis=1)].replace("", pd.NA)
    for column, default in optional.items():
        if column not in frame.columns:
            frame[column] = default
    return frame[[*columns, *optional]]
