"""From raw documents to the processed indicator table, written atomically, and its checks."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from functools import partial

from analysis.extract.catalog import load_catalog
from analysis.config import DataPaths, data_paths
from analysis.errors import DataError
from analysis.extract.facts import extract_mentions
from analysis.extract.units import Vocabulary, load_units
from analysis.staging.corpus import extract_documents
from analysis.staging.extract_cache import cached_extraction, commit
from analysis.staging.load import TABLE_COLUMNS, load_extracted, load_hand_entered, load_indicators
from analysis.staging.schema import set_aside
from analysis.staging.set_aside import SET_ASIDE_COLUMNS
from analysis.text.sources import check_report_year, raw_documents, read_sidecar, read_text, verify_checksum


def extract_document(text_path: Path, catalog: pd.DataFrame | None = None, units: Vocabulary | None = None) -> pd.DataFrame:
    """The facts of one raw document with its provenance columns (doc, region, level, report_year)."""
    meta = read_sidecar(text_path)
    text = read_text(text_path, meta["encoding"])  # empty, binary or undecodable: the more specific message
    verify_checksum(text_path, meta)
    check_report_year(text_path, text, meta["report_year"])
    facts = extract_mentions(text, meta["report_year"], catalog, units=units)
    if facts["period"].isna().any():
        raise DataError(text_path, "could not tell which year some figures are for; set report_year in the sidecar")
    for column in ("doc", "region", "region_en", "level", "report_year"):
        facts[column] = meta[column]
    facts["source"] = "extracted"
    facts["source_url"] = meta.get("url") or pd.NA
    facts["source_note"] = pd.NA
    return facts[TABLE_COLUMNS]


def extract_all(data_dir: str | Path | None = None, jobs: int | None = None,
                keep: dict[Path, bytes] | None = None) -> pd.DataFrame:
    """Facts of every raw document of a data directory, in file-name order (on `jobs` cores, default all);
    documents unchanged since their last installed extraction come from `extract_cache` (new entries into
    `keep`, for `extract_cache.commit`)."""
    paths = data_paths(data_dir)
    if not paths.raw.is_dir():
        raise DataError(paths.raw, "raw-document directory not found")
    catalog = load_catalog(paths.catalog)  # a broken catalog is reported before any extraction
    extract = partial(extract_document, catalog=catalog, units=load_units(paths.units))
    frames = cached_extraction(paths, raw_documents(paths.raw), lambda docs: extract_documents(extract, docs, jobs),
                               keep)
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=TABLE_COLUMNS)


def held_and_set_aside(table: pd.DataFrame, paths: DataPaths) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The extracted rows the table can hold, and the others as numbers left out (SET_ASIDE_COLUMNS) with
    the check each fails: one odd figure never stops the other reports' build."""
    held, refused = set_aside(table.reset_index(drop=True), paths.catalog)
    numbers = [quote[start - quote_start:end - quote_start] for quote, start, end, quote_start in
               zip(refused["quote"], refused["start"], refused["end"], refused["quote_start"])]
    refused = refused.assign(text=numbers, reason=[f"set aside: the table cannot hold it ({reason})" for reason in refused["reason"]])
    return held.reset_index(drop=True), refused[SET_ASIDE_COLUMNS].reset_index(drop=True)


def to_csv_text(table: pd.DataFrame) -> str:
    """The table as the CSV text we commit (stable float formatting, LF line ends)."""
    return table.to_csv(index=False, lineterminator="\n", float_format="%.10g")


def write_extracted(data_dir: str | Path | None = None) -> tuple[Path, int]:
    """Re-extract and replace processed/indicators.csv atomically: a failure leaves the old file intact."""
    count, _ = _install_extraction(data_dir, check_everything=False)
    return data_paths(data_dir).extracted, count


def refresh_data(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Re-extract, check everything a build reads against the new extraction, and only then install it.

    What `build` runs before executing notebooks; returns the full checked table."""
    _, checked = _install_extraction(data_dir, check_everything=True)
    return checked


def validate_data(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Check every data file and that processed/indicators.csv is what the raw texts give today.

    Reads only: a stale extraction is reported (with the command that refreshes it), never rewritten."""
    paths = data_paths(data_dir)
    table = load_indicators(data_dir)
    held, refused = held_and_set_aside(extract_all(data_dir), paths)
    stale = not paths.extracted.exists() or paths.extracted.read_text(encoding="utf-8") != to_csv_text(held)
    listed = paths.set_aside.read_text(encoding="utf-8") if paths.set_aside.exists() else to_csv_text(refused[:0])
    if stale or listed != to_csv_text(refused):
        raise DataError(paths.extracted, "is out of date: the raw texts (or the catalog) give other figures "
                                         "today. Run `python -m analysis extract"
                                         + (f" --data-dir {paths.root}" if data_dir else "") + "` to refresh it.")
    return table


def _install_extraction(data_dir: str | Path | None, check_everything: bool) -> tuple[int, pd.DataFrame | None]:
    """Extract into a temporary file, check it (and, if asked, every other data file against it), then
    move it into place; any failure leaves the processed file as it was. Returns the number of figures
    extracted and, when every file was checked, the full checked table."""
    paths = data_paths(data_dir)
    keep: dict[Path, bytes] = {}
    table, refused = held_and_set_aside(extract_all(data_dir, keep=keep), paths)
    paths.processed.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(dir=paths.processed, prefix=".indicators.", suffix=".csv")
    tmp_path = Path(tmp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(to_csv_text(table))
        try:
            load_extracted(tmp_path, paths.catalog)  # never install a file the loader would reject
        except DataError as err:
            raise DataError(paths.extracted, f"the extractor produced a table the loader rejects, so the old "
                                             f"file was kept ({err.problem}; row {err.row}). This is a bug in "
                                             f"analysis/extract/facts.py: please report it with the raw text.") from err
        checked = None
        if check_everything:
            checked = load_indicators(data_dir, extracted_path=tmp_path)
            check_hand_entered_provenance(paths)
        _write_atomically(paths.set_aside, to_csv_text(refused))
        os.replace(tmp_path, paths.extracted)
        commit(paths, keep, raw_documents(paths.raw))
    finally:
        tmp_path.unlink(missing_ok=True)
    return len(table), checked


def _write_atomically(path: Path, text: str) -> None:
    handle, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=path.suffix)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(tmp_name, path)
    finally:
        Path(tmp_name).unlink(missing_ok=True)


def check_hand_entered_provenance(paths: DataPaths) -> None:
    """A hand-entered row naming a report text of raw/ as its doc must not contradict that text's sidecar."""
    if not paths.hand_entered.exists():
        return
    hand = load_hand_entered(paths.hand_entered, paths.catalog)
    for doc, rows in hand[hand["doc"].isin([p.stem for p in raw_documents(paths.raw)])].groupby("doc", sort=False):
        meta = read_sidecar(paths.raw / f"{doc}.txt")
        for column in ("region", "region_en", "level", "report_year"):
            differs = rows[rows[column].ne(meta[column])]
            if len(differs):
                raise DataError(paths.hand_entered, f"doc '{doc}' is the report text raw/{doc}.txt, whose sidecar "
                                                    f"gives {column} {meta[column]!r}, but this row gives "
                                                    f"{differs.iloc[0][column]!r}; a figure typed in from that "
                                                    f"report carries its provenance, and a figure from another "
                                                    f"source needs a doc name of its own (e.g. {doc}-ref)",
                                row=int(differs.index[0]) + 2, column=column)
