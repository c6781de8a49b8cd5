"""The indicator catalog (data/indicators.yml): loading, checking, and matching subjects to ids."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from analysis.config import data_paths
from analysis.errors import DataError
from analysis.extract.units import SHIPPED as SHIPPED_UNITS, units_beside
from analysis.text.encoding import read_user_text
from analysis.text.normalise import simplify
from analysis.text.sources import LEVELS

REQUIRED_FIELDS = ("id", "name_zh", "aliases", "title_en", "unit", "growth_basis", "category", "description")
GROWTH_BASES = ("real", "nominal", "price", "none")
# The price or coverage basis a report states for one growth figure (实际 real, 名义 nominal, 同口径 same
# scope, 可比 comparable): the extracted table's `basis` column; empty when the text states none.
STATED_BASES = ("real", "nominal", "same_scope", "comparable")


def load_catalog(path: str | Path | None = None) -> pd.DataFrame:
    """The catalog as a DataFrame indexed by id; raises DataError naming the entry and the field."""
    path = Path(path) if path else data_paths().catalog
    if not path.is_file():
        raise DataError(path, "the indicator catalog is missing; copy data/indicators.yml into the data directory")
    try:
        entries = yaml.safe_load(read_user_text(path)[0])
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise DataError(path, f"not valid YAML: {getattr(err, 'problem', None) or err}",
                        line=None if mark is None else mark.line + 1) from None
    if not isinstance(entries, list) or not entries:
        found = "an empty file" if entries is None else f"a {type(entries).__name__}"
        raise DataError(path, f"expected a list of indicator entries ('- id: gdp' …), found {found}")
    seen: set[str] = set()
    units = units_beside(path).units  # the vocabulary of the catalog's data directory
    for number, entry in enumerate(entries, start=1):
        _check_entry(path, number, entry, seen, units)
    _check_aliases(path, entries)
    catalog = pd.DataFrame(entries).set_index("id", drop=False)
    catalog["aliases"] = [[simplify(a) for a in [name, *aliases]] for name, aliases in
                          zip(catalog["name_zh"], catalog["aliases"])]
    catalog["name_zh_by_level"] = [entry.get("name_zh_by_level") or {} for entry in entries]
    catalog["exact_aliases"] = [[simplify(a) for a in entry.get("exact_aliases") or []] for entry in entries]
    return catalog


def chinese_name(catalog: pd.DataFrame, indicator: str, level: object = None) -> str:
    """The indicator's Chinese name as a report of `level` writes it (the nation's 国内生产总值 where a
    province or district writes 地区生产总值); `name_zh` when the catalog gives no name for the level."""
    by_level = catalog.at[indicator, "name_zh_by_level"] if "name_zh_by_level" in catalog else None
    name = by_level.get(level) if isinstance(by_level, dict) and isinstance(level, str) else None
    return str(name or catalog.at[indicator, "name_zh"])


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
    for field in ("aliases", "exact_aliases"):
        if field in entry and not isinstance(entry[field], list):
            raise DataError(path, f"entry {number} ({entry['id']}): {field} must be a list")
    _check_level_names(path, number, entry)
    names = [entry["name_zh"], *entry["aliases"], *(entry.get("exact_aliases") or [])]
    if not all(isinstance(name, str) and name.strip() for name in names):
        odd = next(name for name in names if not (isinstance(name, str) and name.strip()))
        raise DataError(path, f"entry {number} ({entry['id']}): name_zh and every alias must be a non-empty "
                              f"name in quotes if need be, found {odd!r}")


def _check_level_names(path: Path, number: int, entry: dict) -> None:
    """`name_zh_by_level` (optional) maps levels of government to the name their reports use."""
    by_level = entry.get("name_zh_by_level")
    if by_level is None:
        return
    if not isinstance(by_level, dict) or not all(isinstance(n, str) and n.strip() for n in by_level.values()):
        raise DataError(path, f"entry {number} ({entry['id']}): name_zh_by_level must map levels to names, "
                              f"e.g. '{{nation: 国内生产总值}}', found {by_level!r}")
    unknown = [level for level in by_level if level not in LEVELS]
    if unknown:
        raise DataError(path, f"entry {number} ({entry['id']}): name_zh_by_level names unknown level(s) "
                              f"{', '.join(map(str, unknown))}; levels are {', '.join(LEVELS)}")


def _check_aliases(path: Path, entries: list[dict]) -> None:
    """Which indicator a subject gets must not depend on the order of the file: no alias (as simplified)
    belongs to two ids, and no two aliases of the same length both end one subject."""
    owner: dict[str, tuple[str, int]] = {}
    for number, entry in enumerate(entries, start=1):
        for alias in {simplify(name) for name in [entry["name_zh"], *entry["aliases"], *(entry.get("exact_aliases") or [])]}:
            other = owner.setdefault(alias, (entry["id"], number))
            if other[0] != entry["id"]:
                raise DataError(path, f"alias '{alias}' is given to two indicators, '{other[0]}' (entry {other[1]}) "
                                      f"and '{entry['id']}' (entry {number}), so which one a figure gets would "
                                      f"depend on the order of the file; keep it under one of them")
    by_length: dict[int, list[str]] = {}
    for alias in owner:
        by_length.setdefault(len(alias), []).append(alias)
    for aliases in by_length.values():
        for first in aliases:
            for second in aliases:
                subject = next((first + first[cut:] for cut in range(1, len(first))
                                if _ends_with(first + first[cut:], second)), None)
                if owner[first][0] != owner[second][0] and subject:
                    raise DataError(path, f"aliases '{first}' ({owner[first][0]}) and '{second}' "
                                          f"({owner[second][0]}) are equally long and both end the subject "
                                          f"'{subject}', so the longest-suffix rule cannot choose; rename one "
                                          f"or add a longer alias that settles it")


def alias_table(catalog: pd.DataFrame) -> list[tuple[str, str]]:
    """(alias, id) pairs, longest alias first, so the most specific name wins. An exact alias (a name
    that is the indicator only as a whole subject: 经济 in 经济增长5%左右, not in 数字经济) is marked
    with a leading '='."""
    pairs = [(alias, ind) for ind, aliases in catalog["aliases"].items() for alias in aliases]
    exact = catalog["exact_aliases"] if "exact_aliases" in catalog else pd.Series(dtype=object)
    pairs += [("=" + alias, ind) for ind, aliases in exact.items() for alias in aliases]
    return sorted(set(pairs), key=lambda pair: (-len(pair[0]), pair[0]))


def match_indicator(subject: str, aliases: list[tuple[str, str]]) -> str | None:
    """Catalog id whose alias ends `subject` (allowing a doubled tail such as 企业企业), else None.

    Requiring the alias at the end keeps 高新技术企业产值占比 from matching 高新技术企业.
    """
    subject = simplify(subject).rstrip("的")
    exact = next((indicator for alias, indicator in aliases if alias == "=" + subject), None)
    return exact or next((indicator for alias, indicator in aliases
                          if not alias.startswith("=") and _ends_with(subject, alias)), None)


def _ends_with(subject: str, alias: str) -> bool:
    """`alias` ends `subject`, or ends it but for a repeat of its own tail (企业企业)."""
    position = subject.rfind(alias)
    return position >= 0 and alias.endswith(subject[position + len(alias):])


class Matcher:
    """Subject -> catalog id, remembered per subject (reports repeat their subjects)."""

    MEMORY = 200_000  # subjects remembered; a corpus of many reports stays within bounded memory

    def __init__(self, aliases: tuple[tuple[str, str], ...], bases: tuple[tuple[str, str], ...] = ()) -> None:
        self.aliases = list(aliases)
        self.bases = dict(bases)  # id -> what its unit measures (元, 人, 吨 …), for topic()
        self.known: dict[str, str | None] = {}

    def fits(self, indicator: str, base_unit: str) -> bool:
        """Whether a level in `base_unit` can be a value of `indicator` (`measures_alike`)."""
        return indicator not in self.bases or measures_alike(self.bases[indicator], base_unit)

    def share_of(self, subject: str) -> str | None:
        """The id whose alias names a whole share (财政赤字占国内生产总值比重: the deficit ratio) and ends
        `subject`; None when no alias with 占 does, so the part before 占 is matched instead."""
        key = "占" + subject
        if key not in self.known:
            share_aliases = [(alias, ind) for alias, ind in self.aliases if "占" in alias]
            self.known[key] = match_indicator(subject, share_aliases) if share_aliases else None
        return self.known[key]

    def topic(self, text: str, base_unit: str | None) -> str | None:
        """The id of the catalog name that stands last in `text` (the sentence before a figure whose own
        clause names nothing: 粮食产量屡创新高，去年达到1.09万亿斤) and measures what `base_unit` does (None: a
        growth rate, which any indicator may have), or None."""
        best: tuple[int, int, str] | None = None
        wanted = None if base_unit is None else dimension(base_unit)
        for alias, indicator in self.aliases:
            if alias.startswith("=") or len(alias) < 2 or (
                    wanted is not None and dimension(self.bases.get(indicator, "")) != wanted):
                continue
            at = text.rfind(alias)
            if at >= 0 and (best is None or (at + len(alias), len(alias)) > best[:2]):
                best = (at + len(alias), len(alias), indicator)
        return best[2] if best else None

    def __call__(self, subject: str) -> str | None:
        if subject not in self.known:
            if len(self.known) >= self.MEMORY:
                self.known.clear()
            self.known[subject] = match_indicator(subject, self.aliases)
        return self.known[subject]


def dimension(base_unit: str) -> str:
    """What a base unit measures, so that 亿斤 and 万吨 of grain compare: mass, money, or the unit itself."""
    return {"斤": "mass", "吨": "mass", "元": "money", "美元": "money"}.get(base_unit, base_unit)


def measures_alike(indicator_base: str, figure_base: str) -> bool:
    """Whether a level in `figure_base` can be a value of an indicator in `indicator_base`: an amount of money
    or a mass only of one measured so (地区生产总值 is never 2个); counts of one thing or another pass."""
    kinds = {dimension(indicator_base), dimension(figure_base)}
    return len(kinds) == 1 or not kinds & {"money", "mass"}


def unit_bases(catalog: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    """(id, base unit of its catalog unit) pairs; a unit the shipped vocabulary cannot split stands for itself."""
    pairs = []
    for indicator, unit in catalog["unit"].items():
        try:
            pairs.append((indicator, SHIPPED_UNITS.split(unit)[1]))
        except ValueError:
            pairs.append((indicator, unit))
    return tuple(pairs)


def matcher_for(catalog: pd.DataFrame | None = None) -> Matcher:
    """The matcher of `catalog` (default: the shipped catalog), built once per process and catalog.

    Reading and checking indicators.yml on every call made a corpus of small reports five times slower
    per megabyte than one large text.
    """
    if catalog is None:
        path = data_paths().catalog
        return _matcher(*_catalog_aliases(path, path.stat().st_mtime_ns))
    return _matcher(tuple(alias_table(catalog)), unit_bases(catalog))


@lru_cache(maxsize=4)
def _catalog_aliases(path: Path, stamp: int) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    catalog = load_catalog(path)
    return tuple(alias_table(catalog)), unit_bases(catalog)


@lru_cache(maxsize=8)
def _matcher(aliases: tuple[tuple[str, str], ...], bases: tuple[tuple[str, str], ...] = ()) -> Matcher:
    return Matcher(aliases, bases)
