"""The number-and-unit patterns of one unit vocabulary, compiled once per vocabulary."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.extract import numerals
from analysis.extract.units import Vocabulary


@dataclass(frozen=True)
class Patterns:
    """An Arabic number with its unit, a Chinese numeral with its measure word, and the vocabulary."""

    arabic: re.Pattern
    chinese: re.Pattern
    vocabulary: Vocabulary
    bare: re.Pattern | None = None  # a scale standing for its number: 突破万亿元 (10000 亿元), 千亿斤


@lru_cache(maxsize=8)
def patterns_for(vocabulary: Vocabulary) -> Patterns:
    """Compile the patterns of `vocabulary` (cached: a corpus compiles them once)."""
    units = vocabulary.units
    scales = [s for s, _ in vocabulary.scales]
    # A unit that is a scale plus another unit (万家, 千米) is matched as scale + unit, so it is left out here.
    base = sorted({u for u in units if not any(u.startswith(s) and u[len(s):] in units for s in scales)},
                  key=len, reverse=True)
    unit = "|".join(map(re.escape, base))
    scale = "|".join(map(re.escape, scales))
    number = numerals.ARABIC_NUMBER
    # An Arabic number, optionally a range, then scale, 余/多 ("more than") and a unit. Every part is
    # bounded or anchored on a distinct character class, so matching is linear.
    arabic = re.compile(
        rf"(?P<num>{number})(?:\s{{0,2}}(?P<unit1>%|个百分点)?\s{{0,2}}(?P<dash>[-—–~～]{{1,2}}|至|到)\s{{0,2}}(?P<high>{number}))?"
        rf"\s{{0,2}}(?P<approx_before>余|多)?(?P<scale>{scale})?(?P<approx>余|多)?(?P<unit>{unit})")
    words = "|".join(map(re.escape, vocabulary.chinese_numeral))
    chinese = re.compile(rf"(?P<num>[{numerals.CHARS}]+)(?P<approx>余|多)?(?P<unit>{words})")
    scaled = "|".join(map(re.escape, sorted((u for u in units if u.startswith("亿") and u[1:] in vocabulary.scalable),
                                            key=len, reverse=True)))
    bare = re.compile(rf"(?<![\d.{numerals.CHARS}])(?P<num>[万千百])(?P<unit>{scaled})") if scaled else None
    return Patterns(arabic, chinese, vocabulary, bare)
