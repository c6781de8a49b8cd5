"""The list of extracted figures set aside because the table cannot hold them (processed/set_aside.csv)."""
from __future__ import annotations

import csv
from pathlib import Path

from analysis.config import data_paths

SET_ASIDE_COLUMNS = ["doc", "start", "end", "text", "reason", "quote"]


def set_aside_counts(data_dir: str | Path | None = None) -> tuple[int, int]:
    """(figures set aside, reports they are in) of the last extraction; read without pandas, for a build's
    closing line."""
    path = data_paths(data_dir).set_aside
    if not path.exists():
        return 0, 0
    with path.open(encoding="utf-8", newline="") as handle:
        docs = [row["doc"] for row in csv.DictReader(handle)]
    return len(docs), len(set(docs))
