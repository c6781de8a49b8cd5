"""The shapes a corpus of reports arrives in, read into one list of entries for `import-corpus`.

- a folder of .txt files (searched recursively), with or without a `manifest.csv` whose `file` column names
  each text by its path in the folder (columns: file, region, level, report_year, title, published,
  source_url, and optionally region_en and doc);
- a CSV or Excel file with one report per row and a full-text column (full_text, content, text, 全文, 正文
  or 内容), the shape scraping projects publish (province, year, title, source_url, publish_date, full_text);
- a JSON-lines file, one report per line (title, year, content, url …).

Metadata a row gives (region, year, level, title, URL, date) overrides what the text says about itself.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from analysis.errors import DataError
from analysis.text.encoding import read_user_text
from analysis.text.sources import detect_encoding, read_text

MANIFEST = "manifest.csv"
TEXT_COLUMNS = ("full_text", "fulltext", "content", "text", "body", "全文", "正文", "内容", "报告全文")
# The project's field ← the names corpora use for it (first found wins).
FIELD_COLUMNS = {
    "region": ("region", "province", "city", "county", "地区", "省份", "行政区"),
    "region_en": ("region_en",),
    "level": ("level", "层级"),
    "report_year": ("report_year", "year", "年份", "年度"),
    "title": ("title", "标题"),
    "url": ("source_url", "url", "link", "链接", "来源链接"),
    "published": ("published", "publish_date", "date", "pub_date", "发布日期", "发布时间"),
    "doc": ("doc",),
}
TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm", ".xls")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")


@dataclass
class Entry:
    """One report to import: where it came from, its text (and bytes, kept as they were for a file), and the
    metadata its manifest row or table columns give; `problem` when it cannot even be read."""

    label: str                     # 'provinces-2026/山东省.txt', 'reports.csv row 7', 'reports.jsonl line 3'
    text: str = ""
    data: bytes = b""
    encoding: str = "utf-8"
    fields: dict = field(default_factory=dict)
    problem: str | None = None


def read_entries(path: Path) -> list[Entry]:
    """Every report of `path` (a folder, a CSV/Excel file or a JSON-lines file), in a stable order."""
    if path.is_dir():
        return _folder(path)
    if not path.is_file():
        raise DataError(path, "not found: give a folder of .txt files, a CSV or Excel file, or a JSON-lines file")
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        return _table(path)
    if suffix in JSONL_SUFFIXES:
        return _jsonl(path)
    if suffix == ".txt":
        return [_text_file(path, path.name, {})]
    raise DataError(path, f"cannot read a corpus from a {suffix or 'suffix-less'} file: give a folder of .txt "
                          f"files, a CSV or Excel file ({', '.join(TABLE_SUFFIXES)}) or JSON lines (.jsonl)")


def _fields(record: dict) -> dict:
    """The project's fields from a row, by the column names corpora use; empty cells are left out."""
    lowered = {str(key).strip().lower(): value for key, value in record.items() if key is not None}
    out = {}
    for name, columns in FIELD_COLUMNS.items():
        for column in columns:
            value = lowered.get(column)
            if value is not None and str(value).strip() not in ("", "nan", "NaT", "None"):
                out[name] = str(value).strip()
                break
    if "report_year" in out:
        year = out["report_year"].removesuffix(".0").removesuffix("年")
        out["report_year"] = int(year) if year.isdigit() else out["report_year"]
    return out


def _folder(root: Path) -> list[Entry]:
    manifest = _manifest(root / MANIFEST) if (root / MANIFEST).is_file() else {}
    entries = []
    for path in sorted(p for p in root.rglob("*.txt") if p.is_file() and not p.name.startswith(".")):
        label = path.relative_to(root).as_posix()
        entries.append(_text_file(path, label, manifest.pop(label, {})))
    for label in manifest:  # a manifest row whose file is not there
        entries.append(Entry(label, problem=f"named in {MANIFEST} but not found in {root}"))
    return entries


def _manifest(path: Path) -> dict[str, dict]:
    rows = list(csv.DictReader(io.StringIO(read_user_text(path)[0], newline="")))
    if rows and "file" not in rows[0]:
        raise DataError(path, f"has no 'file' column (found {', '.join(rows[0])}); it names each text by its path "
                              f"in the folder, as in provinces-2026/山东省.txt", line=1)
    return {row["file"].strip().replace("\\", "/"): _fields(row) for row in rows if (row.get("file") or "").strip()}


def _text_file(path: Path, label: str, fields: dict) -> Entry:
    try:
        encoding = detect_encoding(path)  # empty, binary or undecodable files stop here, with the reason
        return Entry(label, read_text(path, encoding), path.read_bytes(), encoding, fields)
    except DataError as err:
        return Entry(label, fields=fields, problem=err.problem)


def _table(path: Path) -> list[Entry]:
    import pandas as pd  # only a table needs pandas (and an Excel file openpyxl)
    try:
        if path.suffix.lower() in (".csv", ".tsv"):
            text = read_user_text(path)[0]
            frame = pd.read_csv(io.StringIO(text), dtype=str, sep="\t" if path.suffix.lower() == ".tsv" else ",",
                                keep_default_na=False)
        else:
            frame = pd.read_excel(path, dtype=str, keep_default_na=False)
    except (ValueError, pd.errors.ParserError, OSError) as err:
        raise DataError(path, f"cannot be read as a table: {err}") from err
    column = _text_column(path, list(frame.columns))
    first = 2 if path.suffix.lower() in (".csv", ".tsv") else 2  # the header is line/row 1
    unit = "line" if path.suffix.lower() in (".csv", ".tsv") else "row"
    entries = []
    for index, record in enumerate(frame.to_dict("records")):
        entries.append(_row_entry(f"{path.name} {unit} {index + first}", record, column))
    return entries


def _jsonl(path: Path) -> list[Entry]:
    entries = []
    for number, line in enumerate(read_user_text(path)[0].splitlines(), start=1):
        if not line.strip():
            continue
        label = f"{path.name} line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            entries.append(Entry(label, problem=f"not a JSON object ({err.msg} at column {err.colno})"))
            continue
        if not isinstance(record, dict):
            entries.append(Entry(label, problem="not a JSON object"))
            continue
        column = next((key for key in record if str(key).strip().lower() in TEXT_COLUMNS), None)
        if column is None:
            entries.append(Entry(label, problem=f"no full-text key (one of {', '.join(TEXT_COLUMNS)}); "
                                                f"found {', '.join(map(str, record)) or 'none'}"))
            continue
        entries.append(_row_entry(label, record, column))
    return entries


def _text_column(path: Path, columns: list) -> str:
    for column in columns:
        if str(column).strip().lower() in TEXT_COLUMNS:
            return column
    raise DataError(path, f"no full-text column: expected one named {', '.join(TEXT_COLUMNS)}; the columns are "
                          f"{', '.join(map(str, columns))}", line=1)


def _row_entry(label: str, record: dict, column: str) -> Entry:
    text = str(record.get(column) or "")
    fields = _fields({key: value for key, value in record.items() if key != column})
    if not text.strip():
        return Entry(label, fields=fields, problem=f"the {column} cell is empty")
    return Entry(label, text, text.encode("utf-8"), "utf-8", fields)
