"""Load and validate the indicator table: extracted figures and hand-entered reference figures."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from analysis.catalog import load_catalog
from analysis.config import data_paths
from analysis.errors import DataError
from analysis.numbers import UNITS, decimals_of, to_base
from analysis.sources import LEVELS

KINDS = ("actual", "target")
MEASURES = ("level", "growth", "share", "change_pp")
QUALIFIERS = ("about", "at_least", "at_most", "range")
PROVENANCE = ["doc", "region", "region_en", "level", "report_year"]
FIGURE = ["indicator", "subject", "kind", "period", "measure", "value", "value_high", "decimals", "unit",
          "qualifier", "value_base", "base_unit", "estimated"]
SPAN = ["start", "end", "quote_start", "quote"]
TABLE_COLUMNS = [*PROVENANCE, "source", *FIGURE, *SPAN, "source_url", "source_note"]
HAND_ENTERED_COLUMNS = [*PROVENANCE, "indicator", "subject", "kind", "period", "measure", "value", "value_high",
                        "unit", "qualifier", "estimated", "source_url", "source_note"]
_INTEGER = {"report_year", "period", "decimals", "start", "end", "quote_start"}
_FLOAT = {"value", "value_high", "value_base"}
_OPTIONAL = {"indicator", "value_high", "qualifier", "start", "end", "quote_start", "quote", "source_url",
             "source_note"}


def _schema(indicator_ids: list[str]) -> pa.DataFrameSchema:
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
            "value": pa.Column(float),
            "value_high": pa.Column(float, nullable=True),
            "decimals": pa.Column("Int64", pa.Check.in_range(0, 6)),
            "unit": pa.Column(str, pa.Check.isin(sorted(UNITS))),
            "qualifier": pa.Column(str, pa.Check.isin(QUALIFIERS), nullable=True),
            "value_base": pa.Column(float),
            "base_unit": text,
            "estimated": pa.Column(bool),
            "start": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "end": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "quote_start": pa.Column("Int64", pa.Check.ge(0), nullable=True),
            "quote": pa.Column(str, nullable=True),
            "source_url": pa.Column(str, nullable=True),
            "source_note": pa.Column(str, nullable=True),
        },
        checks=[
            pa.Check(lambda df: ~(df["measure"].eq("share")) | df["value"].between(0, 100),
                     name="a share lies between 0 and 100", element_wise=False),
            pa.Check(lambda df: df["qualifier"].ne("range").fillna(True) | df["value_high"].ge(df["value"]).fillna(False),
                     name="a range has value_high at or above value", element_wise=False),
        ],
        strict=True, ordered=False,
    )


def read_csv_strict(path: Path, columns: list[str]) -> pd.DataFrame:
    """A CSV read as text, with the expected header; empty cells are missing values."""
    if not path.exists():
        raise DataError(path, "file not found")
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise DataError(path, f"not a readable UTF-8 CSV: {err}") from err
    missing = [c for c in columns if c not in frame.columns]
    unknown = [c for c in frame.columns if c not in columns]
    if missing or unknown:
        raise DataError(path, f"header must be {','.join(columns)}; missing {missing or 'none'}, unknown {unknown or 'none'}",
                        line=1)
    return frame[columns].replace("", pd.NA)


def _typed(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Convert text cells to their types, naming the row and column of the first bad cell."""
    for column in frame.columns:
        cells = frame[column]
        if column in _INTEGER | _FLOAT:
            numbers = pd.to_numeric(cells, errors="coerce")
            bad = cells.notna() & numbers.isna()
            if column in _INTEGER:
                bad |= numbers.notna() & (numbers != numbers.round())
            _raise_first(bad, frame, path, column, "expected a number, found {cell!r}")
            frame[column] = numbers.astype("Int64" if column in _INTEGER else float)
        elif column == "estimated":
            lowered = cells.fillna("false").str.lower()
            _raise_first(~lowered.isin(["true", "false"]), frame, path, column, "expected true or false, found {cell!r}")
            frame[column] = lowered.eq("true")
    for column in set(frame.columns) - _OPTIONAL - _FLOAT - _INTEGER - {"estimated"}:
        _raise_first(frame[column].isna(), frame, path, column, "required value is empty")
    return frame


def _raise_first(bad: pd.Series, frame: pd.DataFrame, path: Path, column: str, problem: str) -> None:
    if bad.any():
        index = bad[bad].index[0]
        raise DataError(path, problem.format(cell=frame.at[index, column]), row=int(index) + 2, column=column)


def _validate(frame: pd.DataFrame, path: Path, catalog_path: Path | None = None) -> pd.DataFrame:
    schema = _schema(list(load_catalog(catalog_path).index))
    try:
        return schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        raise DataError(path, _describe(err.failure_cases)) from err


def _describe(failures: pd.DataFrame) -> str:
    """The first few schema failures as 'row N, column C: check failed for value V'."""
    lines = []
    for failure in failures.head(5).itertuples():
        row = "?" if pd.isna(failure.index) else int(failure.index) + 2
        column = failure.column if isinstance(failure.column, str) else "(whole row)"
        lines.append(f"row {row}, column '{column}': {failure.check} failed for {failure.failure_case!r}")
    more = len(failures) - 5
    return "; ".join(lines) + (f"; and {more} more" if more > 0 else "")


def _check_unique(frame: pd.DataFrame, path: Path, key: list[str]) -> None:
    duplicated = frame.duplicated(subset=key, keep="first")
    if duplicated.any():
        index = duplicated[duplicated].index[0]
        values = ", ".join(f"{k}={frame.at[index, k]}" for k in key)
        raise DataError(path, f"duplicate key ({values}) already given on an earlier row", row=int(index) + 2)


def load_extracted(path: str | Path | None = None, catalog_path: Path | None = None) -> pd.DataFrame:
    """The extracted figures (processed/indicators.csv), typed and validated."""
    path = Path(path) if path else data_paths().extracted
    frame = _typed(read_csv_strict(path, [c for c in TABLE_COLUMNS]), path)
    frame = _validate(frame, path, catalog_path)
    _check_unique(frame, path, ["doc", "start", "end"])
    return frame


def load_hand_entered(path: str | Path | None = None, catalog_path: Path | None = None) -> pd.DataFrame:
    """Hand-entered reference figures: decimals come from the value as typed, base values are derived."""
    path = Path(path) if path else data_paths().hand_entered
    raw = read_csv_strict(path, HAND_ENTERED_COLUMNS)
    unknown_units = raw["unit"].notna() & ~raw["unit"].isin(UNITS)
    _raise_first(unknown_units, raw, path, "unit", "unit {cell!r} is not in the unit vocabulary (analysis/numbers.py)")
    frame = _typed(raw.copy(), path)
    frame["decimals"] = raw["value"].map(lambda v: decimals_of(v) if isinstance(v, str) else 0).astype("Int64")
    based = [to_base(v, u) for v, u in zip(raw["value"], raw["unit"])]
    frame["value_base"] = [float(b[0]) for b in based]
    frame["base_unit"] = [b[1] for b in based]
    frame["source"] = "hand_entered"
    for column in SPAN:
        frame[column] = pd.NA
    frame = frame.astype({"start": "Int64", "end": "Int64", "quote_start": "Int64"})
    frame = _validate(frame[TABLE_COLUMNS], path, catalog_path)
    _check_unique(frame, path, ["doc", "indicator", "kind", "period", "measure"])
    return frame


def load_table(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Every figure of a data directory: extracted rows, then hand-entered rows (columns TABLE_COLUMNS)."""
    paths = data_paths(data_dir)
    parts = [load_extracted(paths.extracted, paths.catalog)]
    if paths.hand_entered.exists():
        parts.append(load_hand_entered(paths.hand_entered, paths.catalog))
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    return pd.concat(parts, ignore_index=True)[TABLE_COLUMNS]


def load_indicators(path: str | Path | None = None) -> pd.DataFrame:
    """The extracted table at `path`, validated, with every quote and span checked against its raw text."""
    from analysis.pipeline import check_spans  # late import: pipeline imports this module

    path = Path(path) if path else data_paths().extracted
    data_dir = path.resolve().parent.parent
    frame = load_extracted(path, data_paths(data_dir).catalog)
    check_spans(frame, data_paths(data_dir).raw, path)
    return frame


NUMBER_IN_SPAN = re.compile(r"[+-]?[\d,]+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿]+")
