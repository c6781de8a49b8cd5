"""Shared test fixtures: indicator-table rows written as in the text, a copy of the data, file snapshots."""
from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from analysis.config import DATA_DIR
from analysis.extract.catalog import load_catalog
from analysis.extract.units import decimals_of
from analysis.reconciled.reconcile import resolve_figures
from analysis.reconciled.report import Report, named
from analysis.reconciled.scope import Scope

TableFactory = Callable[..., pd.DataFrame]


def report_of(table: pd.DataFrame, region: str | None = None, report_year: int | None = None,
              catalog: pd.DataFrame | None = None) -> Report:
    """A Report over a table written in a test (the shipped catalog unless one is given)."""
    return Report.from_table(table, load_catalog() if catalog is None else catalog, region, report_year)


def bare_report(table: pd.DataFrame, region: str, report_year: int, catalog: pd.DataFrame | None = None) -> Report:
    """A Report for a region or year the table may not hold, to test what analyses do with no figures
    (open_report refuses such a report; a filtered table can still be empty)."""
    catalog = load_catalog() if catalog is None else catalog
    figures = named(resolve_figures(table, report_year), catalog) if len(table) else table
    return Report(table, figures, catalog, Scope(region, region, report_year))


def indicator_table(defaults: dict, *rows: dict) -> pd.DataFrame:
    """Indicator-table rows: each row overrides `defaults`; `value` is given as written (a string)
    so that `decimals` comes from the text, as the extractor would record it."""
    records = []
    for row in rows:
        record = {**defaults, **row}
        record["decimals"] = decimals_of(str(record["value"]))
        record["value"] = float(record["value"])
        records.append(record)
    return pd.DataFrame(records)


@pytest.fixture
def make_table() -> TableFactory:
    """`make_table(DEFAULTS, *rows)`: see `indicator_table`; each test module keeps its DEFAULTS."""
    return indicator_table


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A throw-away copy of the shipped data directory."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def snapshot_files(root: Path) -> dict[str, bytes]:
    """Every file under `root` with its bytes, to assert that a failed command changed nothing."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def snapshot() -> Callable[[Path], dict[str, bytes]]:
    """`snapshot(root)`: see `snapshot_files`."""
    return snapshot_files
