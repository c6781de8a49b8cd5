"""Raw documents and their provenance sidecars (data/raw/NAME.txt + NAME.meta.yml)."""
from __future__ import annotations

from pathlib import Path

import yaml

from analysis.errors import DataError

SIDECAR_SUFFIX = ".meta.yml"
REQUIRED_FIELDS = ("doc", "region", "region_en", "level", "report_year", "publisher", "encoding")
LEVELS = ("nation", "province", "city", "district")


def sidecar_path(text_path: Path) -> Path:
    """The provenance sidecar that belongs beside a raw text file."""
    return text_path.with_name(text_path.stem + SIDECAR_SUFFIX)


def raw_documents(raw_dir: Path) -> list[Path]:
    """Raw text files in `raw_dir`, sorted by name so extraction order is stable."""
    return sorted(path for path in raw_dir.glob("*.txt") if path.is_file())


def read_sidecar(text_path: Path) -> dict:
    """The sidecar of `text_path`, checked for the required fields and vocabularies."""
    path = sidecar_path(text_path)
    if not path.exists():
        raise DataError(text_path, f"no provenance sidecar: expected {path.name} beside it")
    try:
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        line = getattr(getattr(err, "problem_mark", None), "line", None)
        raise DataError(path, f"not valid YAML: {getattr(err, 'problem', err)}",
                        line=None if line is None else line + 1) from err
    if not isinstance(meta, dict):
        raise DataError(path, "expected a mapping of provenance fields")
    missing = [field for field in REQUIRED_FIELDS if meta.get(field) in (None, "")]
    if missing:
        raise DataError(path, f"missing required field(s): {', '.join(missing)}")
    if meta["level"] not in LEVELS:
        raise DataError(path, f"level must be one of {', '.join(LEVELS)}, found '{meta['level']}'")
    if not isinstance(meta["report_year"], int) or not 1949 <= meta["report_year"] <= 2100:
        raise DataError(path, f"report_year must be a year such as 2023, found '{meta['report_year']}'")
    if meta["doc"] != text_path.stem:
        raise DataError(path, f"doc '{meta['doc']}' does not match the file name '{text_path.stem}'")
    return meta


def read_text(text_path: Path, encoding: str = "utf-8") -> str:
    """The document's text, decoded strictly; an undecodable byte is reported with its offset."""
    data = text_path.read_bytes()
    if not data.strip():
        raise DataError(text_path, "the file is empty")
    nul_offset = data.find(b"\x00", 0, 4096)
    if nul_offset >= 0 and not encoding.lower().startswith("utf-16"):
        raise DataError(text_path, f"looks like a binary file (NUL byte at offset {nul_offset}), not report text")
    try:
        text = data.decode("utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding)
    except UnicodeDecodeError as err:
        raise DataError(text_path, f"cannot decode as {encoding}: byte offset {err.start} "
                                   f"({data[err.start:err.start + 4]!r}); set 'encoding' in the sidecar") from err
    except LookupError as err:
        raise DataError(sidecar_path(text_path), f"unknown encoding '{encoding}'") from err
    return text
