"""Shared test fixtures: a factory for indicator-table rows written as in the text."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from analysis.numbers import decimals_of

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
