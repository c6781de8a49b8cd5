"""Each document's extraction kept beside the processed table, so a build after adding one report to a corpus
extracts that report only.

A document's figures depend on its text, its sidecar, the catalog, the unit vocabulary and the package's
code: the key hashes all five, and an entry with another key is extracted again. Entries are dotfiles in
processed/ (`.extract-DOC.pkl`): the build's per-page digests skip dotfiles, so a cache entry never makes
a page stale; entries of documents no longer in raw/ are removed.
"""
from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.config import PACKAGE_DIR, DataPaths
from analysis.text.sources import sidecar_path

PREFIX, SUFFIX = ".extract-", ".pkl"


@lru_cache(maxsize=1)
def _code_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(f"{path.relative_to(PACKAGE_DIR).as_posix()}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def _key(text: Path, paths: DataPaths) -> str:
    digest = hashlib.sha256(_code_digest().encode())
    for part in (text, sidecar_path(text), paths.catalog, paths.units):
        digest.update(part.read_bytes() if part.is_file() else b"(none)")
        digest.update(b"\0")
    return digest.hexdigest()


def _entry(paths: DataPaths, text: Path) -> Path:
    return paths.processed / f"{PREFIX}{text.stem}{SUFFIX}"


def cached_extraction(paths: DataPaths, documents: list[Path],
                      extract_many: Callable[[list[Path]], list[pd.DataFrame]],
                      keep: dict[Path, bytes] | None = None) -> list[pd.DataFrame]:
    """The frames of `documents`, in order: from the cache where the key matches, else from `extract_many`
    (called once, on the documents to extract). New entries go into `keep` (file → bytes) for the caller
    to `commit` once the extraction is installed: a read-only check, or a failed one, writes nothing."""
    keys = {text: _key(text, paths) for text in documents}
    found: dict[Path, pd.DataFrame] = {}
    for text in documents:
        entry = _entry(paths, text)
        if entry.is_file():
            try:
                key, frame = pickle.loads(entry.read_bytes())
            except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
                continue  # an entry a crash cut short, or of another pandas: extracted again
            if key == keys[text]:
                found[text] = frame
    missing = [text for text in documents if text not in found]
    for text, frame in zip(missing, extract_many(missing) if missing else []):
        found[text] = frame
        if keep is not None:
            keep[_entry(paths, text)] = pickle.dumps((keys[text], frame), protocol=pickle.HIGHEST_PROTOCOL)
    return [found[text] for text in documents]


def commit(paths: DataPaths, keep: dict[Path, bytes], documents: list[Path]) -> None:
    """Write the new entries (each atomically) and remove those of documents no longer in raw/."""
    for entry, data in keep.items():
        tmp = entry.with_name(entry.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(entry)
    wanted = {_entry(paths, text).name for text in documents}
    for stale in paths.processed.glob(f"{PREFIX}*{SUFFIX}"):
        if stale.name not in wanted:
            stale.unlink(missing_ok=True)
