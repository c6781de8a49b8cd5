"""Shared test fixtures: indicator-table rows written as in the text, a copy of the data, file snapshots."""
from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from analysis.config import DATA_DIR
from analysis.extract.units import decimals_of

TableFactory = Callable[..., pd.DataFrame]


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
