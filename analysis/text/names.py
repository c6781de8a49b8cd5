"""English names and ASCII document ids of regions, from their Chinese names (pinyin by pypinyin).

Province-level names follow the conventional English forms where pinyin alone would mislead (陕西 is
Shaanxi, not Shanxi like 山西; 内蒙古 is Inner Mongolia); below that, a name is its pinyin with the
kind of division in English: 'Shizhong District, Zaozhuang, Shandong', 'Tengzhou City, Zaozhuang, Shandong'.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from analysis.text.gazetteer import Division, short_name

# Conventional English short names of the province-level divisions whose pinyin is not the usual form.
_PROVINCE_EN = {"陕西": "Shaanxi", "内蒙古": "Inner Mongolia", "西藏": "Tibet", "香港": "Hong Kong", "澳门": "Macao"}
_PROVINCE_KIND = (("维吾尔自治区", "Uygur Autonomous Region"), ("壮族自治区", "Zhuang Autonomous Region"),
                  ("回族自治区", "Hui Autonomous Region"), ("自治区", "Autonomous Region"),
                  ("特别行政区", "Special Administrative Region"), ("省", "Province"))
_PROVINCE_SHORT = re.compile(r"(维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市)$")
# The kind of a division below the province, by the end of its name (longest first).
_KINDS = (("自治县", "Autonomous County"), ("自治旗", "Autonomous Banner"), ("自治州", "Autonomous Prefecture"),
          ("林区", "Forestry District"), ("特区", "Special District"), ("地区", "Prefecture"), ("新区", "New Area"),
          ("区", "District"), ("县", "County"), ("旗", "Banner"), ("盟", "League"), ("市", "City"))


@lru_cache(maxsize=8192)
def pinyin(chinese: str) -> str:
    """'Zaozhuang' for 枣庄: the syllables joined, capitalised once; ü as u; other characters kept if ASCII."""
    syllables = lazy_pinyin(chinese, style=Style.NORMAL, errors=lambda chars: [c for c in chars if c.isascii()])
    word = "".join(syllables).replace("v", "u").replace("ü", "u")
    return word[:1].upper() + word[1:]


def province_short_en(name: str) -> str:
    """Shandong for 山东省, Inner Mongolia for 内蒙古自治区, Tianjin for 天津市."""
    short = _PROVINCE_SHORT.sub("", name) or name
    for kind in ("维吾尔", "壮族", "回族"):
        short = short.removesuffix(kind)
    return _PROVINCE_EN.get(short, pinyin(short))


def province_en(name: str) -> str:
    """'Shandong Province', 'Xinjiang Uygur Autonomous Region', 'Tianjin' (a municipality: its name alone)."""
    short = province_short_en(name)
    kind = next((english for suffix, english in _PROVINCE_KIND if name.endswith(suffix)), "")
    return f"{short} {kind}".strip()


def local_en(name: str, short: str = "") -> str:
    """'Shizhong District' for 市中区, 'Zaozhuang' for a city 枣庄市 (a city is named without 'City')."""
    for suffix, english in _KINDS:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = short or name[: -len(suffix)]
            return pinyin(stem) if suffix == "市" and english == "City" and not short else f"{pinyin(stem)} {english}"
    return pinyin(short or name)


def english_name(division: Division) -> str:
    """The region's English name, from itself up to its province: 'Shizhong District, Zaozhuang, Shandong'."""
    if division.level == "nation":
        return "China"
    if division.level == "province":
        return province_en(division.name)
    parts = []
    if division.level == "city":
        parts.append(pinyin(_stem(division.name, division.short)) if division.name.endswith("市")
                     else local_en(division.name, _stem(division.name, division.short)))
    else:
        parts.append(local_en(division.name, _stem(division.name, division.short)))
        if division.city:
            city_short = _stem(division.city, short_name(division.city))
            parts.append(pinyin(city_short) if division.city.endswith("市") else local_en(division.city, city_short))
    parts.append(province_short_en(division.province))
    return ", ".join(parts)


def _stem(name: str, short: str) -> str:
    """The part of a name before its kind: the gazetteer's short name when it is a prefix, else the name less its kind."""
    if short and name.startswith(short) and short != name:
        return short
    for suffix, _ in _KINDS:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by '-'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def doc_id(division: Division, year: int) -> str:
    """A stable ASCII document id from the region and the report year: china-2025, shandong-2026,
    shandong-zaozhuang-2023, shandong-zaozhuang-shizhong-2023, chongqing-yuzhong-2024."""
    if division.level == "nation":
        return f"china-{year}"
    parts = [province_short_en(division.province or division.name)]
    if division.level == "city":
        parts.append(pinyin(_stem(division.name, division.short)))
    elif division.level in ("district", "county"):
        if division.city:
            parts.append(pinyin(_stem(division.city, short_name(division.city))))
        parts.append(pinyin(_stem(division.name, division.short)))
    return f"{slug('-'.join(parts))}-{year}"


def unknown_doc_id(region: str, year: int) -> str:
    """The id of a region the gazetteer does not know: the pinyin of its name and the year (laiwushi-2020)."""
    return f"{slug(pinyin(region)) or 'region'}-{year}"
