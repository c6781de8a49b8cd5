"""The indicator catalog (data/indicators.yml): loading, checking, and matching subjects to ids."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from analysis.config import data_paths
from analysis.errors import DataError
from analysis.extract.units import units_beside
from analysis.text.normalise import simplify

REQUIRED_FIELDS = ("id", "name_zh", "aliases", "title_en", "unit", "growth_basis", "category", "description")
GROWTH_BASES = ("real", "nominal", "none")
# The price or coverage basis a report states for one growth figure (实际 real, 名义 nominal, 同口径 same
# scope, 可比 comparable): the extracted table's `basis` column; empty when the text states none.
STATED_BASES = ("real", "nominal", "same_scope", "comparable")


def load_catalog(path: str | Path | None = None) -> pd.DataFrame:
    """The catalog as a DataFrame indexed by id; raises DataError naming the entry and the field."""
    path = Path(path) if path else data_paths().catalog
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise DataError(path, f"cannot read the indicator catalog: {err}") from err
    if not isinstance(entries, list):
        raise DataError(path, "expected a list of indicator entries")
    seen: set[str] = set()
    units = units_beside(path).units  # the vocabulary of the catalog's data directory
    for number, entry in enumerate(entries, start=1):
        _check_entry(path, number, entry, seen, units)
    catalog = pd.DataFrame(entries).set_index("id", drop=False)
    catalog["aliases"] = [[simplify(a) for a in [name, *aliases]] for name, aliases in
                          zip(catalog["name_zh"], catalog["aliases"])]
    return catalog


def _check_entry(path: Path, number: int, entry: object, seen: set[str], units: frozenset[str]) -> None:
    if not isinstance(entry, dict):
        raise DataError(path, f"entry {number} is not a mapping")
    missing = [field for field in REQUIRED_FIELDS if not entry.get(field)]
    if missing:
        raise DataError(path, f"entry {number} ({entry.get('id', '?')}) lacks {', '.join(missing)}")
    if entry["id"] in seen:
        raise DataError(path, f"entry {number}: duplicate id '{entry['id']}'")
    seen.add(entry["id"])
    if entry["growth_basis"] not in GROWTH_BASES:
        raise DataError(path, f"entry {number} ({entry['id']}): growth_basis must be one of "
                              f"{GROWTH_BASES}, found '{entry['growth_basis']}'")
    if entry["unit"] not in units:
        raise DataError(path, f"entry {number} ({entry['id']}): unit '{entry['unit']}' is not a known unit")
    if not isinstance(entry["aliases"], list):
        raise DataError(path, f"entry {number} ({entry['id']}): aliases must be a list")


def alias_table(catalog: pd.DataFrame) -> list[tuple[str, str]]:
    """(alias, id) pairs, longest alias first, so the most specific name wins."""
    pairs = [(alias, ind) for ind, aliases in catalog["aliases"].items() for alias in aliases]
    return sorted(set(pairs), key=lambda pair: (-len(pair[0]), pair[0]))


def match_indicator(subject: str, aliases: list[tuple[str, str]]) -> str | None:
    """Catalog id whose alias ends `subject` (allowing a doubled tail such as 企业企业), else None.

    Requiring the alias at the end keeps 高新技术企业产值占比 from matching 高新技术企业.
    """
    subject = simplify(subject).rstrip("的")
    for alias, indicator in aliases:
        position = subject.rfind(alias)
        if position < 0:
            continue
        tail = subject[position + len(alias):]
        if tail == "" or alias.endswith(tail):
            return indicator
    return None


class Matcher:
    """Subject -> catalog id, remembered per subject (reports repeat their subjects)."""

    MEMORY = 200_000  # subjects remembered; a corpus of many reports stays within bounded memory

    def __init__(self, aliases: tuple[tuple[str, str], ...]) -> None:
        self.aliases = list(aliases)
        self.known: dict[str, str | None] = {}

    def __call__(self, subject: str) -> str | None:
        if subject not in self.known:
            if len(self.known) >= self.MEMORY:
                self.known.clear()
            self.known[subject] = match_indicator(subject, self.aliases)
        return self.known[subject]


def matcher_for(catalog: pd.DataFrame | None = None) -> Matcher:
    """The matcher of `catalog` (default: the shipped catalog), built once per process and catalog.

    Reading and checking indicators.yml on every call made a corpus of small reports five times slower
    per megabyte than one large text.
    """
    if catalog is None:
        path = data_paths().catalog
        return _matcher(_catalog_aliases(path, path.stat().st_mtime_ns))
    return _matcher(tuple(alias_table(catalog)))


@lru_cache(maxsize=4)
def _catalog_aliases(path: Path, stamp: int) -> tuple[tuple[str, str], ...]:
    return tuple(alias_table(load_catalog(path)))


@lru_cache(maxsize=8)
def _matcher(aliases: tuple[tuple[str, str], ...]) -> Matcher:
    return Matcher(aliases)
