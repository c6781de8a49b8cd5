"""Load and validate the indicator table: extracted figures and hand-entered reference figures."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from analysis.extract.catalog import STATED_BASES, load_catalog
from analysis.config import data_paths
from analysis.errors import DataError
from analysis.staging.csvfiles import number_problem, read_csv_strict
from analysis.extract.units import UNITS, decimals_of, to_base, units_beside
from analysis.staging.absences import NO_TARGET, absence_checks, check_absences
from analysis.staging.spans import check_spans
from analysis.text.sources import LEVELS

KINDS = ("actual", "target")
MEASURES = ("level", "growth", "share", "change_pp")
QUALIFIERS = ("about", "at_least", "at_most", "range")
PROVENANCE = ["doc", "region", "region_en", "level", "report_year"]
FIGURE = ["indicator", "subject", "kind", "period", "measure", "value", "value_high", "decimals", "unit",
          "qualifier", "value_base", "base_unit", "estimated", "basis"]
SPAN = ["start", "end", "quote_start", "quote"]
TABLE_COLUMNS = [*PROVENANCE, "source", *FIGURE, *SPAN, "source_url", "source_note"]
HAND_ENTERED_COLUMNS = [*PROVENANCE, "indicator", "subject", "kind", "period", "measure", "value", "value_high",
                        "unit", "qualifier", "estimated", "source_url", "source_note"]
CORRECTION_COLUMNS = ["doc", "start", "action", "column", "value", "reason"]
CORRECTABLE = ("indicator", "subject", "kind", "period", "measure", "value", "value_high", "unit", "qualifier",
               "estimated")
_INTEGER = {"report_year", "period", "decimals", "start", "end", "quote_start"}
_FLOAT = {"value", "value_high", "value_base"}
_OPTIONAL = {"indicator", "value_high", "qualifier", "basis", "start", "end", "quote_start", "quote", "source_url",
             "source_note"}


def _schema(indicator_ids: list[str], units: frozenset[str]) -> pa.DataFrameSchema:
    text = pa.Column(str, pa.Check.str_length(min_value=1))
    return pa.DataFrameSchema(
        {
            "doc": text, "region": text, "region_en": text,
            "level": pa.Column(str, pa.Check.isin(LEVELS)),
            "report_year": pa.Column("Int64", pa.Check.in_range(1949, 2100)),
            "source": pa.Column(str, pa.Check.isin(["extracted", "hand_entered"])),
            "indicator": pa.Column(str, pa.Check.isin(indicator_ids), nullable=True),
            "subject": pa.Column(str),
            "kind": pa.Column(str, pa.Check.isin(KINDS)),
            "period": pa.Column("Int64", pa.Check.in_range(1949, 2100)),
            "measure": pa.Column(str, pa.Check.isin(MEASURES)),
            "value": pa.Column(float, nullable=True),  # empty on a no_target row only (absence_checks)
            "value_high": pa.Column(float, nullable=True),
            "decimals": pa.Column("Int64", pa.Check.in_range(0, 6)),
            "unit": pa.Column(str, pa.Check.isin(sorted(units))),
            "qualifier": pa.Column(str, pa.Check.isin([*QUALIFIERS, NO_TARGET]), nullable=True),
            "value_base": pa.Column(float, nullable=True),
            "base_unit": text,
            "estimated": pa.Column(bool), "basis": pa.Column(str, pa.Check.isin(STATED_BASES), nullable=True),
            "start": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "end": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "quote_start": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "quote": pa.Column(str, nullable=True),
            "source_url": pa.Column(str, nullable=True),
            "source_note": pa.Column(str, nullable=True),
        },
        strict=True, ordered=False, checks=absence_checks(),
    )


def _typed(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Convert text cells to their types, naming the row and column of the first bad cell."""
    for column in frame.columns:
        cells = frame[column]
        if column in _INTEGER | _FLOAT:
            numbers = pd.to_numeric(cells, errors="coerce")
            bad = cells.notna() & (numbers.isna() | numbers.abs().eq(float("inf")))  # 1e999 is no number
            if column in _INTEGER:
                bad |= numbers.notna() & (numbers != numbers.round())
            _raise_first(bad, frame, path, column, number_problem)
            frame[column] = numbers.astype("Int64" if column in _INTEGER else float)
        elif column == "estimated":
            lowered = cells.fillna("false").str.lower()
            _raise_first(~lowered.isin(["true", "false"]), frame, path, column, "expected true or false, found {cell!r}")
            frame[column] = lowered.eq("true")
    for column in set(frame.columns) - _OPTIONAL - _FLOAT - _INTEGER - {"estimated"}:
        _raise_first(frame[column].isna(), frame, path, column, "required value is empty")
    return frame


def _raise_first(bad: pd.Series, frame: pd.DataFrame, path: Path, column: str, problem: str | Callable) -> None:
    if bad.any():  # `problem`: a format with {cell}, or a function of the cell that words it
        cell, index = _plain(frame.at[bad[bad].index[0], column]), bad[bad].index[0]
        raise DataError(path, problem(cell) if callable(problem) else problem.format(cell=cell), row=int(index) + 2, column=column)


def _plain(cell: object) -> object:
    """A cell as a reader wrote it: 175.3, not np.float64(175.3)."""
    if isinstance(cell, bool) or cell is None or isinstance(cell, str):
        return cell
    try:
        return float(cell) if not float(cell).is_integer() else int(cell)
    except (TypeError, ValueError):
        return cell


def _validate(frame: pd.DataFrame, path: Path, catalog_path: Path) -> pd.DataFrame:
    schema = _schema(list(load_catalog(catalog_path).index), units_beside(catalog_path).units)
    try:
        checked = schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        raise DataError(path, _describe(err.failure_cases)) from err
    _check_rows(checked, path)
    return checked


def _check_rows(frame: pd.DataFrame, path: Path) -> None:
    """Checks across columns, reported like the schema's: a share within 0-100, a range with an upper end."""
    share = frame["measure"].eq("share")
    _raise_first(share & frame["value"].notna() & ~frame["value"].between(0, 100), frame, path, "value",
                 "a share must lie between 0 and 100, found {cell!r}")
    ranged = frame["qualifier"].eq("range").fillna(False)
    _raise_first(ranged & ~frame["value_high"].ge(frame["value"]).fillna(False), frame, path, "value_high",
                 "a range needs value_high at or above value, found {cell!r}")


def _describe(failures: pd.DataFrame) -> str:
    """The first few schema failures as 'row N, column C: check failed for value V'."""
    lines = []
    for failure in failures.head(5).itertuples():
        row = "?" if pd.isna(failure.index) else int(failure.index) + 2
        column = failure.column if isinstance(failure.column, str) else "(whole row)"
        lines.append(f"row {row}, column '{column}': {_check_words(str(failure.check))}, "
                     f"found {_plain(failure.failure_case)!r}")
    more = len(failures) - 5
    return "; ".join(lines) + (f"; and {more} more" if more > 0 else "")


def _check_words(check: str) -> str:
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
    frame = _typed(read_csv_strict(path, [c for c in TABLE_COLUMNS]), path)
    frame = _validate(frame, path, catalog_path)
    _check_unique(frame, path, ["doc", "start", "end"])
    return frame


def load_hand_entered(path: str | Path | None = None, catalog_path: Path | None = None) -> pd.DataFrame:
    """Hand-entered reference figures: decimals come from the value as typed, base values are derived.

    Checked against the catalog of the same data directory (DATA/reference/hand_entered.csv ->
    DATA/indicators.yml) unless one is given."""
    path = Path(path) if path else data_paths().hand_entered
    catalog_path = catalog_path or path.resolve().parent.parent / "indicators.yml"
    raw = read_csv_strict(path, HAND_ENTERED_COLUMNS)
    unknown_units = raw["unit"].notna() & ~raw["unit"].isin(UNITS)
    _raise_first(unknown_units, raw, path, "unit", "unit {cell!r} is not in the unit vocabulary (data/units.yml)")
    frame = check_absences(_typed(raw.copy(), path), path)
    frame["decimals"] = raw["value"].map(lambda v: decimals_of(v) if isinstance(v, str) else 0).astype("Int64")
    based = [to_base(v if isinstance(v, str) else "NaN", u) for v, u in zip(raw["value"], raw["unit"])]  # NaN: no_target
    frame["value_base"] = [float(b[0]) for b in based]
    frame["base_unit"] = [b[1] for b in based]
    frame["source"] = "hand_entered"
    for column in [*SPAN, "basis"]:  # hand-entered rows have no span and state no basis
        frame[column] = pd.NA
    frame = frame.astype({"start": "Int64", "end": "Int64", "quote_start": "Int64"})
    frame = _validate(frame[TABLE_COLUMNS], path, catalog_path)
    _check_unique(frame, path, ["doc", "indicator", "kind", "period", "measure"])
    return frame


def load_indicators(data_dir: str | Path | None = None, extracted_path: Path | None = None) -> pd.DataFrame:
    """Every figure of a data directory, validated: extracted rows (quotes and spans checked against the
    raw texts, corrections applied), then hand-entered rows. The one loader analyses use.

    Columns: TABLE_COLUMNS plus `correction` (the reason, on rows a correction changed).
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
    if not parts:
        return pd.DataFrame(columns=[*TABLE_COLUMNS, "correction"])
    return pd.concat(parts, ignore_index=True)[[*TABLE_COLUMNS, "correction"]]


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
    checked = _validate(table.drop(columns="correction"), path, catalog_path)
    return checked.assign(correction=table["correction"])


def _check_corrected(rows: pd.DataFrame, path: Path, line: int, catalog_path: Path) -> None:
    """A corrected figure must still pass the schema; the error names the corrections file's row."""
    try:
        _validate(rows.drop(columns="correction").reset_index(drop=True), path, catalog_path)
    except DataError as err:
        problem = re.sub(r"row \d+, ", "", err.problem)
        raise DataError(path, f"the corrected figure would be invalid: {problem}", row=line,
                        column=err.column) from None


def _cast(column: str, text: object, path: Path, row: int) -> object:
    if column in _FLOAT | _INTEGER:
        try:
            number = float(str(text))
        except ValueError:
            raise DataError(path, number_problem(text), row=row, column="value") from None
        return int(number) if column in _INTEGER else number
    if column == "estimated":
        return str(text).lower() == "true"
    return pd.NA if pd.isna(text) else str(text)


def repr_decimal(value: float) -> str:
    """The shortest text of a float, for exact Decimal scaling (0.1 -> '0.1', not 0.1000000000000000055)."""
    return repr(float(value))
