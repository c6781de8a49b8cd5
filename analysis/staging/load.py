"""Load and validate the indicator table: extracted figures and hand-entered reference figures."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.config import data_paths
from analysis.errors import DataError
from analysis.staging.csvfiles import number_problem, read_csv_strict
from analysis.extract.units import UNITS, decimals_of, to_base
from analysis.staging.absences import check_absences
from analysis.staging.reference import REFERENCE_COLUMNS, check_reference_columns, with_reference_columns
from analysis.staging.schema import (CORRECTABLE, CORRECTION_COLUMNS, HAND_ENTERED_COLUMNS, HAND_ENTERED_OPTIONAL, SPAN,
                                     TABLE_COLUMNS, FLOAT_COLUMNS, INTEGER_COLUMNS, raise_first, typed, validate)
from analysis.staging.spans import check_spans

__all__ = ["TABLE_COLUMNS", "HAND_ENTERED_COLUMNS", "load_extracted", "load_hand_entered", "load_indicators"]

def _check_unique(frame: pd.DataFrame, path: Path, key: list[str]) -> None:
    duplicated = frame.duplicated(subset=key, keep="first")
    if duplicated.any():
        index = duplicated[duplicated].index[0]
        values = ", ".join(f"{k}={frame.at[index, k]}" for k in key)
        raise DataError(path, f"duplicate key ({values}) already given on an earlier row", row=int(index) + 2)


def load_extracted(path: str | Path | None = None, catalog_path: Path | None = None) -> pd.DataFrame:
    """The extracted figures (processed/indicators.csv), typed and validated against the catalog of the
    same data directory (DATA/processed/indicators.csv -> DATA/indicators.yml) unless one is given."""
    path = Path(path) if path else data_paths().extracted
    catalog_path = catalog_path or path.resolve().parent.parent / "indicators.yml"
    frame = typed(read_csv_strict(path, [c for c in TABLE_COLUMNS]), path)
    frame = validate(frame, path, catalog_path)
    _check_unique(frame, path, ["doc", "start", "end"])
    return frame


def load_hand_entered(path: str | Path | None = None, catalog_path: Path | None = None) -> pd.DataFrame:
    """Hand-entered reference figures: decimals come from the value as typed, base values are derived.

    Checked against the catalog of the same data directory (DATA/reference/hand_entered.csv ->
    DATA/indicators.yml) unless one is given."""
    path = Path(path) if path else data_paths().hand_entered
    catalog_path = catalog_path or path.resolve().parent.parent / "indicators.yml"
    raw = read_csv_strict(path, HAND_ENTERED_COLUMNS, optional=HAND_ENTERED_OPTIONAL)
    unknown_units = raw["unit"].notna() & ~raw["unit"].isin(UNITS)
    raise_first(unknown_units, raw, path, "unit", "unit {cell!r} is not in the unit vocabulary (data/units.yml)")
    frame = check_reference_columns(check_absences(typed(raw.copy(), path), path), path)
    frame["decimals"] = raw["value"].map(lambda v: decimals_of(v) if isinstance(v, str) else 0).astype("Int64")
    based = [to_base(v if isinstance(v, str) else "NaN", u) for v, u in zip(raw["value"], raw["unit"])]  # NaN: no_target
    frame["value_base"] = [float(b[0]) for b in based]
    frame["base_unit"] = [b[1] for b in based]
    frame["source"] = "hand_entered"
    for column in SPAN:  # hand-entered rows have no span; the basis is the page's, where the file gives one
        frame[column] = pd.NA
    frame = frame.astype({"start": "Int64", "end": "Int64", "quote_start": "Int64"})
    checked = validate(frame[TABLE_COLUMNS], path, catalog_path)
    # one page may give a rate twice, as an annual average and at the year's end
    _check_unique(checked.assign(statistic=frame["statistic"]), path,
                  ["doc", "indicator", "kind", "period", "measure", "statistic"])
    return checked.assign(**{c: frame[c] for c in REFERENCE_COLUMNS})


def load_indicators(data_dir: str | Path | None = None, extracted_path: Path | None = None) -> pd.DataFrame:
    """Every figure of a data directory, validated: extracted rows (quotes and spans checked against the
    raw texts, corrections applied), then hand-entered rows. The one loader analyses use.

    Columns: TABLE_COLUMNS plus `correction` (the reason, on rows a correction changed) and the
    REFERENCE_COLUMNS of staging/reference.py (source_type, vintage, statistic, sense, page_kind).
    `extracted_path` reads the extracted figures from another file (a fresh extraction not yet installed).
    """
    paths = data_paths(data_dir)
    extracted_file = extracted_path or paths.extracted
    extracted = load_extracted(extracted_file, paths.catalog)
    check_spans(extracted, paths.raw, extracted_file)
    if paths.corrections.exists():
        extracted = apply_corrections(extracted, paths.corrections, paths.catalog)
    else:
        extracted["correction"] = pd.Series(pd.NA, index=extracted.index, dtype="str")
    parts = [extracted]
    if paths.hand_entered.exists():
        hand = load_hand_entered(paths.hand_entered, paths.catalog)
        parts.append(hand.assign(correction=pd.Series(pd.NA, index=hand.index, dtype="str")))
    parts = [p for p in parts if not p.empty]
    columns = [*TABLE_COLUMNS, "correction", *REFERENCE_COLUMNS]
    if not parts:
        return pd.DataFrame(columns=columns)
    return with_reference_columns(pd.concat(parts, ignore_index=True))[columns]


def read_corrections(path: Path) -> pd.DataFrame:
    """The corrections file, each row checked: which figure (doc, start), fix or drop, and why."""
    corrections = read_csv_strict(path, CORRECTION_COLUMNS)
    for index, row in corrections.iterrows():
        line = int(index) + 2
        if row.isna()[["doc", "start", "action", "reason"]].any():
            raise DataError(path, "doc, start, action and reason are required", row=line)
        if row["action"] not in ("fix", "drop"):
            raise DataError(path, f"action must be fix or drop, found {row['action']!r}", row=line, column="action")
        if row["action"] == "fix" and row["column"] not in CORRECTABLE:
            raise DataError(path, f"column must be one of {', '.join(CORRECTABLE)}, found {row['column']!r}",
                            row=line, column="column")
        if not str(row["start"]).isdigit():
            raise DataError(path, f"start must be a character offset, found {row['start']!r}", row=line, column="start")
        _check_not_twice(path, corrections.loc[:index], line)
    return corrections


def _check_not_twice(path: Path, rows: pd.DataFrame, line: int) -> None:
    """The last of `rows` must not touch what an earlier row already fixes or drops: which would win?"""
    last, earlier = rows.iloc[-1], rows.iloc[:-1]
    same = earlier[earlier["doc"].eq(last["doc"]) & earlier["start"].astype(int).eq(int(last["start"]))]
    clash = same[same["action"].eq("drop") | same["column"].eq(last["column"]).fillna(False) | (last["action"] == "drop")]
    if len(clash):
        what = "drops" if "drop" in (last["action"], clash.iloc[0]["action"]) else f"fixes column {last['column']!r} of"
        raise DataError(path, f"{what} the figure of '{last['doc']}' at offset {last['start']} that row "
                              f"{int(clash.index[0]) + 2} already corrects; keep one correction per figure and "
                              f"column (delete one of the two rows)", row=line)


def apply_corrections(extracted: pd.DataFrame, path: Path, catalog_path: Path) -> pd.DataFrame:
    """Extracted figures with each correction applied and its reason kept in `correction`."""
    table = extracted.copy()
    table["correction"] = pd.Series(pd.NA, index=table.index, dtype="str")
    dropped = []
    for index, fix in read_corrections(path).iterrows():
        hits = table.index[table["doc"].eq(fix["doc"]) & table["start"].eq(int(fix["start"]))]
        if len(hits) == 0:
            raise DataError(path, f"no extracted figure of '{fix['doc']}' starts at offset {fix['start']}",
                            row=int(index) + 2)
        if fix["action"] == "drop":
            dropped.extend(hits)
            continue
        for hit in hits:
            table.at[hit, fix["column"]] = _cast(fix["column"], fix["value"], path, int(index) + 2)
            table.at[hit, "correction"] = f"{fix['column']} set to {fix['value']}: {fix['reason']}"
        _check_corrected(table.loc[hits], path, int(index) + 2, catalog_path)
    table = table.drop(index=dropped)
    based = [to_base(repr_decimal(v), u) for v, u in zip(table["value"].abs(), table["unit"])] if len(table) else []
    table["value_base"] = [b[0] * (1 if v >= 0 else -1) for b, v in zip(based, table["value"])]
    table["base_unit"] = [b[1] for b in based]
    checked = validate(table.drop(columns="correction"), path, catalog_path)
    return checked.assign(correction=table["correction"])


def _check_corrected(rows: pd.DataFrame, path: Path, line: int, catalog_path: Path) -> None:
    """A corrected figure must still pass the schema; the error names the corrections file's row."""
    try:
        validate(rows.drop(columns="correction").reset_index(drop=True), path, catalog_path)
    except DataError as err:
        problem = re.sub(r"row \d+, ", "", err.problem)
        raise DataError(path, f"the corrected figure would be invalid: {problem}", row=line,
                        column=err.column) from None


def _cast(column: str, text: object, path: Path, row: int) -> object:
    if column in FLOAT_COLUMNS | INTEGER_COLUMNS:
        try:
            number = float(str(text))
        except ValueError:
            raise DataError(path, number_problem(text), row=row, column="value") from None
        return int(number) if column in INTEGER_COLUMNS else number
    if column == "estimated":
        return str(text).lower() == "true"
    return pd.NA if pd.isna(text) else str(text)


def repr_decimal(value: float) -> str:
    """The shortest text of a float, for exact Decimal scaling (0.1 -> '0.1', not 0.1000000000000000055)."""
    return repr(float(value))
