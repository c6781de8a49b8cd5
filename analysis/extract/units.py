"""Units as reports write them: the unit vocabulary (data/units.yml), scale prefixes (万/亿), exact scaling, decimals shown."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml

from analysis.config import data_paths
from analysis.errors import DataError

_LISTS = ("scalable", "scalable_by_wan", "plain", "chinese_numeral", "counted", "percent")


@dataclass(frozen=True)
class Vocabulary:
    """One unit vocabulary file: scales and units, and every unit they combine into."""

    path: Path
    scales: tuple[tuple[str, int], ...]   # longest prefix first
    scalable: tuple[str, ...]
    plain: tuple[str, ...]
    chinese_numeral: tuple[str, ...]
    counted: frozenset[str]
    percent: frozenset[str]
    units: frozenset[str]
    labels: tuple[str, ...] = ()  # nouns that make a count a name: 八项规定, 两个大局 (optional in the file)
    idioms: tuple[str, ...] = ()  # set phrases whose numerals count nothing: 千家万户

    def split(self, unit: str) -> tuple[int, str]:
        """Scale factor and base unit: '亿元' -> (10**8, '元'), '%' -> (1, '%')."""
        if unit not in self.units:
            raise ValueError(f"unknown unit {unit!r} (not in {self.path})")
        if unit in self.plain or unit in self.scalable:
            return 1, unit
        for scale, factor in self.scales:
            if unit.startswith(scale) and unit[len(scale):] in self.units:
                return factor, unit[len(scale):]
        raise ValueError(f"unknown unit {unit!r}")  # pragma: no cover - units is built from the same parts


def load_units(path: str | Path | None = None) -> Vocabulary:
    """The unit vocabulary at `path` (default: the shipped data/units.yml), read once per file version."""
    path = Path(path) if path else data_paths().units
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as err:
        raise DataError(path, f"cannot read the unit vocabulary: {err}") from err
    return _load(path.resolve(), stamp)


def units_beside(catalog_path: str | Path | None) -> Vocabulary:
    """The unit vocabulary of the data directory that holds `catalog_path` (the shipped one for None)."""
    return load_units(data_paths(Path(catalog_path).parent if catalog_path else None).units)


@lru_cache(maxsize=8)
def _load(path: Path, stamp: int) -> Vocabulary:
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise DataError(path, f"cannot read the unit vocabulary: {err}") from err
    if not isinstance(entries, dict) or not isinstance(entries.get("scales"), dict):
        raise DataError(path, "expected a mapping with 'scales' (prefix: factor) and the unit lists " + ", ".join(_LISTS))
    for key in _LISTS:
        if not isinstance(entries.get(key), list) or not all(isinstance(u, str) and u for u in entries[key]):
            raise DataError(path, f"'{key}' must be a list of units, found {entries.get(key)!r}")
    scales = tuple(sorted(((str(s), int(f)) for s, f in entries["scales"].items()), key=lambda p: -len(p[0])))
    scalable, by_wan, plain = (tuple(entries[k]) for k in ("scalable", "scalable_by_wan", "plain"))
    units = frozenset([*plain, *scalable] + [s + u for s, _ in scales for u in scalable] + ["万" + u for u in by_wan])
    for key in ("labels", "idioms"):
        if not isinstance(entries.get(key, []), list) or not all(isinstance(u, str) and u for u in entries.get(key, [])):
            raise DataError(path, f"'{key}' (optional) must be a list of words, found {entries.get(key)!r}")
    return Vocabulary(path, scales, scalable, plain, tuple(entries["chinese_numeral"]),
                      frozenset(entries["counted"]), frozenset(entries["percent"]), units,
                      tuple(entries.get("labels", [])), tuple(entries.get("idioms", [])))


SHIPPED = load_units(data_paths().units)
# The shipped vocabulary under the names the rest of the package uses.
SCALES: dict[str, int] = dict(SHIPPED.scales)
SCALABLE_UNITS = SHIPPED.scalable
PLAIN_UNITS = SHIPPED.plain
UNITS: frozenset[str] = SHIPPED.units
PERCENT_UNITS = SHIPPED.percent
# Measure words of things counted one by one: 67家 is 67 firms, not 66.5 to 67.5. With a scale prefix
# (1.1万家) the figure is rounded again and keeps its rounding interval.
COUNT_UNITS = SHIPPED.counted


def split_unit(unit: str, vocabulary: Vocabulary = SHIPPED) -> tuple[int, str]:
    """Scale factor and base unit of a normalised unit: '亿元' -> (10**8, '元'), '%' -> (1, '%')."""
    return vocabulary.split(unit)


def to_base(value: str | Decimal | float, unit: str, vocabulary: Vocabulary = SHIPPED) -> tuple[float, str]:
    """Value in its base unit, scaled exactly: ('311.7', '亿元') -> (31170000000.0, '元')."""
    factor, base_unit = vocabulary.split(unit)
    return float(Decimal(str(value)) * factor), base_unit


def decimals_of(number_text: str) -> int:
    """Decimal places shown in a number as written: '311.7' -> 1, '36836' -> 0."""
    text = number_text.replace(",", "")
    return len(text.split(".", 1)[1]) if "." in text else 0
