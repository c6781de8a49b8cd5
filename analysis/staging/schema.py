"""The indicator table's columns and vocabularies, and its pandera schema: typing and checking a table, naming
the file, row and column of the first problem."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from analysis.errors import DataError
from analysis.extract.catalog import STATED_BASES, load_catalog
from analysis.extract.units import units_beside
from analysis.staging.absences import NO_TARGET, absence_checks
from analysis.staging.csvfiles import number_problem
from analysis.staging.reference import REFERENCE_COLUMNS
from analysis.text.sources import LEVELS

KINDS = ("actual", "target")
MEASURES = ("level", "growth", "share", "change_pp")
# How many years a figure spans: one year's figure, a total or change over several years (累计, 比2020年增长),
# a yearly average over several (年均), a goal for the end of a plan period (到2030年), a completion rate
# of a plan (完成年计划的118.2%, which may pass 100). Analyses read annual figures only.
HORIZONS = ("annual", "cumulative", "average", "plan_period", "ratio_to_plan")
QUALIFIERS = ("about", "at_least", "at_most", "range")
PROVENANCE = ["doc", "region", "region_en", "level", "report_year"]
FIGURE = ["indicator", "subject", "kind", "period", "horizon", "measure", "value", "value_high", "value_from",
          "decimals", "unit", "qualifier", "value_base", "base_unit", "estimated", "basis"]
SPAN = ["start", "end", "quote_start", "quote"]
TABLE_COLUMNS = [*PROVENANCE, "source", *FIGURE, *SPAN, "source_url", "source_note"]
HAND_ENTERED_COLUMNS = [*PROVENANCE, "indicator", "subject", "kind", "period", "measure", "value", "value_high",
                        "unit", "qualifier", "estimated", "source_url", "source_note"]
# Columns a hand-entered file may leave out, with what a missing column means: a figure of one year,
# not a change written from one value to another; no basis stated; and what the figure is (the source
# type, vintage, statistic, sense and page kind of staging/reference.py) unknown.
HAND_ENTERED_OPTIONAL = {"horizon": "annual", "value_from": pd.NA, "basis": pd.NA,
                         **{column: pd.NA for column in REFERENCE_COLUMNS}}
CORRECTION_COLUMNS = ["doc", "start", "action", "column", "value", "reason"]
CORRECTABLE = ("indicator", "subject", "kind", "period", "horizon", "measure", "value", "value_high", "value_from",
               "unit", "qualifier", "estimated")
INTEGER_COLUMNS = {"report_year", "period", "decimals", "start", "end", "quote_start"}
FLOAT_COLUMNS = {"value", "value_high", "value_from", "value_base"}
OPTIONAL_COLUMNS = {"indicator", "value_high", "value_from", "qualifier", "basis", "start", "end", "quote_start", "quote", "source_url",
             "source_note", *REFERENCE_COLUMNS}


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
            "horizon": pa.Column(str, pa.Check.isin(HORIZONS)),
            "measure": pa.Column(str, pa.Check.isin(MEASURES)),
            "value": pa.Column(float, nullable=True),  # empty on a no_target row only (absence_checks)
            "value_high": pa.Column(float, nullable=True),
            "value_from": pa.Column(float, nullable=True),
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


def typed(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Convert text cells to their types, naming the row and column of the first bad cell."""
    for column in frame.columns:
        cells = frame[column]
        if column in INTEGER_COLUMNS | FLOAT_COLUMNS:
            numbers = pd.to_numeric(cells, errors="coerce")
            bad = cells.notna() & (numbers.isna() | numbers.abs().eq(float("inf")))  # 1e999 is no number
            if column in INTEGER_COLUMNS:
                bad |= numbers.notna() & (numbers != numbers.round())
            raise_first(bad, frame, path, column, number_problem)
            frame[column] = numbers.astype("Int64" if column in INTEGER_COLUMNS else float)
        elif column == "estimated":
            lowered = cells.fillna("false").str.lower()
            raise_first(~lowered.isin(["true", "false"]), frame, path, column, "expected true or false, found {cell!r}")
            frame[column] = lowered.eq("true")
    for column in set(frame.columns) - OPTIONAL_COLUMNS - FLOAT_COLUMNS - INTEGER_COLUMNS - {"estimated"}:
        raise_first(frame[column].isna(), frame, path, column, "required value is empty")
    return frame


def raise_first(bad: pd.Series, frame: pd.DataFrame, path: Path, column: str,
                problem: str | Callable[[object], str]) -> None:
    """A DataError for the first bad cell; `problem` is a format with {cell}, or words the cell itself."""
    if bad.any():
        index = bad[bad].index[0]
        cell = plain(frame.at[index, column])
        raise DataError(path, problem(cell) if callable(problem) else problem.format(cell=cell), row=int(index) + 2,
                        column=column)


def plain(cell: object) -> object:
    """A cell as a reader wrote it: 175.3, not np.float64(175.3)."""
    if isinstance(cell, bool) or cell is None or isinstance(cell, str):
        return cell
    try:
        return float(cell) if not float(cell).is_integer() else int(cell)
    except (TypeError, ValueError):
        return cell


def validate(frame: pd.DataFrame, path: Path, catalog_path: Path) -> pd.DataFrame:
    schema = _schema(list(load_catalog(catalog_path).index), units_beside(catalog_path).units)
    try:
        checked = schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        raise DataError(path, _describe(err.failure_cases)) from err
    _check_rows(checked, path)
    return checked


def _row_checks(frame: pd.DataFrame) -> list[tuple[pd.Series, str, str]]:
    """Checks across columns, as (rows that fail, column, problem): a share within 0-100, a range with an
    upper end."""
    share = frame["measure"].eq("share") & frame["horizon"].ne("ratio_to_plan")  # 完成年计划的118.2% passes 100
    ranged = frame["qualifier"].eq("range").fillna(False)
    return [(share & frame["value"].notna() & ~frame["value"].between(0, 100), "value",
             "a share must lie between 0 and 100, found {cell!r}"),
            (ranged & ~frame["value_high"].ge(frame["value"]).fillna(False), "value_high",
             "a range needs value_high at or above value, found {cell!r}")]


def _check_rows(frame: pd.DataFrame, path: Path) -> None:
    """The row checks, reported like the schema's: the first failing row, its column and value."""
    for bad, column, problem in _row_checks(frame):
        raise_first(bad, frame, path, column, problem)


def set_aside(frame: pd.DataFrame, catalog_path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows the table can hold, rows it cannot with `reason`): the same checks `validate` applies, row by
    row, so that one odd extracted figure is set aside instead of stopping every report's build.

    A failure no single row explains (a column of the wrong type) is still raised: that is a bug."""
    schema = _schema(list(load_catalog(catalog_path).index), units_beside(catalog_path).units)
    reasons: dict[object, str] = {}
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
        if cases["index"].isna().any():
            raise DataError(catalog_path, _describe(cases[cases["index"].isna()])) from err
        for case in cases.itertuples():
            reasons.setdefault(case.index, f"column '{case.column}': {_check_words(str(case.check))}, found "
                                           f"{plain(case.failure_case)!r}")
    held = frame.drop(index=list(reasons))
    for bad, column, problem in _row_checks(held):
        for index in bad[bad].index:
            reasons.setdefault(index, f"column '{column}': " + problem.format(cell=plain(frame.at[index, column])))
    kept = frame.drop(index=list(reasons))
    refused = frame.loc[list(reasons)].assign(reason=[reasons[i] for i in reasons])
    return kept, refused


def _describe(failures: pd.DataFrame) -> str:
    """The first few schema failures as 'row N, column C: check failed for value V'."""
    lines = []
    for failure in failures.head(5).itertuples():
        row = "?" if pd.isna(failure.index) else int(failure.index) + 2
        column = failure.column if isinstance(failure.column, str) else "(whole row)"
        lines.append(f"row {row}, column '{column}': {_check_words(str(failure.check))}, "
                     f"found {plain(failure.failure_case)!r}")
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
