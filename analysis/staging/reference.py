"""What a hand-entered figure is, beyond its number: the kind of document, the vintage, the statistic, the
sense of a target, the page it was seen on; and the documents themselves (data/reference/documents.csv)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.errors import DataError
from analysis.staging.csvfiles import read_csv_strict

# Columns a hand_entered.csv may carry beside the figure (all optional: a file without them loads, the
# cells read as unknown). Each has a closed vocabulary, checked with the row and column of a bad cell.
SOURCE_TYPES = ("report", "bulletin", "release", "news")
VINTAGES = ("expected", "first", "revised", "final")
STATISTICS = ("annual_average", "year_end", "months")
SENSES = ("ceiling", "level")
PAGE_KINDS = ("official", "state_media", "wikisource", "press", "mirror")
VOCABULARIES = {"source_type": SOURCE_TYPES, "vintage": VINTAGES, "statistic": STATISTICS, "sense": SENSES,
                "page_kind": PAGE_KINDS}
REFERENCE_COLUMNS = list(VOCABULARIES)
DOCUMENT_COLUMNS = ["doc", "issuer", "title", "meeting", "published", "note"]
_DOCUMENT_REQUIRED = ("doc", "issuer", "title")


def check_reference_columns(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """The typed hand-entered rows with every REFERENCE_COLUMNS column (missing ones added empty), each
    cell in its vocabulary; a vintage only on an actual figure, a sense only on a target."""
    out = frame.copy()
    for column, allowed in VOCABULARIES.items():
        if column not in out:
            out[column] = pd.Series(pd.NA, index=out.index, dtype="object")
            continue
        bad = out[column].notna() & ~out[column].isin(allowed)
        _raise_first(bad, out, path, column, f"expected one of {', '.join(allowed)} (or empty), found {{cell!r}}")
    _raise_first(out["vintage"].notna() & out["kind"].ne("actual"), out, path, "vintage",
                 "a vintage (first published, revised, final) belongs to an actual figure, not a target; found {cell!r}")
    _raise_first(out["sense"].notna() & out["kind"].ne("target"), out, path, "sense",
                 "a sense (ceiling, or a level to reach) belongs to a target, not an actual figure; found {cell!r}")
    expected = out["estimated"].astype(bool)
    _raise_first(expected & out["vintage"].notna() & out["vintage"].ne("expected"), out, path, "vintage",
                 "a row marked estimated (预计) is the vintage 'expected', found {cell!r}")
    return out


def _raise_first(bad: pd.Series, frame: pd.DataFrame, path: Path, column: str, problem: str) -> None:
    if bad.any():
        index = bad[bad].index[0]
        raise DataError(path, problem.format(cell=frame.at[index, column]), row=int(index) + 2, column=column)


def vintage_of(frame: pd.DataFrame) -> pd.Series:
    """Each row's vintage: as entered; else 'expected' for a preliminary (预计) actual, 'first' for another
    actual (the first figure published), none for a target."""
    given = frame["vintage"] if "vintage" in frame else pd.Series(pd.NA, index=frame.index, dtype="object")
    estimated = frame["estimated"].astype("boolean").fillna(False).astype(bool) if "estimated" in frame else False
    default = pd.Series("first", index=frame.index, dtype="object").where(~pd.Series(estimated, index=frame.index),
                                                                          "expected")
    default = default.where(frame["kind"].eq("actual"), pd.NA)
    return given.where(given.notna(), default)


def with_reference_columns(table: pd.DataFrame) -> pd.DataFrame:
    """The table with REFERENCE_COLUMNS filled for every row: an extracted figure is a report's own words
    (source_type 'report'), its vintage `vintage_of`; hand-entered cells as entered."""
    out = table.copy()
    for column in REFERENCE_COLUMNS:
        if column not in out:
            out[column] = pd.Series(pd.NA, index=out.index, dtype="object")
    extracted = out["source"].eq("extracted") if "source" in out else pd.Series(False, index=out.index)
    out["source_type"] = out["source_type"].where(~extracted | out["source_type"].notna(), "report")
    out["vintage"] = vintage_of(out)
    # An extracted rate of the year's end (年末城镇调查失业率降到5.5%) says so in its subject: the rule then
    # prefers an annual average to it, and pages mark it.
    if {"subject", "indicator"} <= set(out.columns):
        year_end = extracted & out["statistic"].isna() & out["subject"].astype(str).str.startswith("年末") & \
            out["indicator"].isin(["surveyed_unemployment_rate", "registered_unemployment_rate"])
        out["statistic"] = out["statistic"].where(~year_end, "year_end")
    for column in [*REFERENCE_COLUMNS, "basis"]:
        if column in out:  # None, not pd.NA, where a cell is unknown: `cell == "months"` must be False, not an error
            out[column] = out[column].astype(object).where(out[column].notna(), None)
    return out


def load_documents(path: Path) -> pd.DataFrame:
    """The documents hand-entered figures cite (doc, issuer, title, meeting, published, note), one row per doc;
    an empty table when the file does not exist (a data directory without one cites its pages only)."""
    if not path.exists():
        return pd.DataFrame(columns=DOCUMENT_COLUMNS)
    frame = read_csv_strict(path, DOCUMENT_COLUMNS)
    for column in _DOCUMENT_REQUIRED:
        if frame[column].isna().any():
            index = frame.index[frame[column].isna()][0]
            raise DataError(path, "required value is empty", row=int(index) + 2, column=column)
    twice = frame["doc"].duplicated()
    _raise_first(twice, frame, path, "doc", "doc {cell!r} is described twice; keep one row per document")
    return frame.reset_index(drop=True)


def undescribed_docs(hand: pd.DataFrame, documents: pd.DataFrame, raw_dir: Path) -> list[str]:
    """Docs of hand-entered rows that documents.csv does not describe (a report text of raw/ is described by
    its provenance sidecar instead): their pages cite them by region, year and doc id only."""
    described = set(documents["doc"]) | {p.stem for p in raw_dir.glob("*.txt")} if raw_dir.is_dir() else set(documents["doc"])
    return sorted(set(hand["doc"]) - described)
