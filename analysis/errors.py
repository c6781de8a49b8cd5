"""The one exception type for bad input, worded for the person who has to fix the file."""
from __future__ import annotations

from pathlib import Path


class DataError(Exception):
    """Bad input data: says which file, which line or row, what was expected and what was found."""

    def __init__(self, path: str | Path, problem: str, *, line: int | None = None,
                 row: int | None = None, column: str | None = None) -> None:
        self.path, self.problem, self.line, self.row, self.column = Path(path), problem, line, row, column
        where = [str(path)]
        if line is not None:
            where.append(f"line {line}")
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(f"{', '.join(where)}: {problem}")


def require(condition: object, source: str | Path, problem: str) -> None:
    """A sanity check on the data that, unlike `assert`, still runs under `python -O`."""
    if not condition:
        raise DataError(source, problem)
