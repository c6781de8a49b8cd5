"""Find the numeric facts of a work report: value, unit, qualifier, kind, period, subject and source span."""
from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

import pandas as pd

from analysis.extract import numerals, structure as context
from analysis.extract.catalog import alias_table, load_catalog, match_indicator
from analysis.text.layout import Sentence, sentences
from analysis.extract.units import PERCENT_UNITS, SCALES, UNITS, decimals_of, to_base
from analysis.extract.numerals import ARABIC_NUMBER
from analysis.extract.subjects import LOOKBACK, paired, subject_of
from analysis.text.normalise import simplify

COLUMNS = ["indicator", "subject", "kind", "period", "measure", "value", "value_high", "decimals", "unit",
           "qualifier", "value_base", "base_unit", "estimated", "start", "end", "quote_start", "quote"]
SKIPPED_COLUMNS = ["start", "end", "text", "reason", "quote"]

_NUM = ARABIC_NUMBER
_CN_NUM = f"[{numerals.CHARS}]+"
_BASE_UNITS = sorted({u for u in UNITS if not any(u.startswith(s) and u[len(s):] in UNITS for s in SCALES)},
                     key=len, reverse=True)
_UNIT = "|".join(map(re.escape, _BASE_UNITS))
_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))
# An Arabic number, optionally a range, then scale, 余/多 ("more than") and a unit. Every part is
# bounded or anchored on a distinct character class, so matching is linear.
_ARABIC = re.compile(
    rf"(?P<num>{_NUM})(?:\s{{0,2}}(?P<unit1>%|个百分点)?\s{{0,2}}(?P<dash>[-—–~～]{{1,2}}|至|到)\s{{0,2}}(?P<high>{_NUM}))?"
    rf"\s{{0,2}}(?P<scale>{_SCALE})?(?P<approx>余|多)?(?P<unit>{_UNIT})")
_CHINESE = re.compile(rf"(?P<num>{_CN_NUM})(?P<approx>余|多)?(?P<unit>所|家|个|项|名|条|件|座|处|户|村|人|台|套|部|辆)")
_ANY_NUMBER = re.compile(rf"{_NUM}|[零〇一二两三四五六七八九十百千]+")
_ARABIC_ONLY = re.compile(_NUM)
_QUOTED = re.compile(r"“[^“”]{0,40}”|《[^《》]{0,60}》|「[^「」]{0,40}」")
_CLAUSE_START = re.compile(r"[，,；;、：:（(]")

_GROWTH_BEFORE = re.compile(
    r"(?P<verb>增长|增速|增幅|涨幅|上涨|提高|提升|上升|下降|降低|减少|下滑|回落|收窄|增|降|减)"
    r"(?:了|为|达到|达|约|超过|不低于|不超过|在|保持在|控制在)?$")
_DECLINE = frozenset({"下降", "降低", "减少", "下滑", "回落", "收窄", "降", "减"})
_SHARE_CUE = re.compile(r"占|比重|占比|比例|率")
_ABOUT_BEFORE = re.compile(r"(?:约|大约|大概)$")
_AT_LEAST_BEFORE = re.compile(r"(?:不低于|不少于|突破|(?<!不)超过|逾|(?<!不)高于)$")
_AT_MOST_BEFORE = re.compile(r"(?:不超过|不高于|控制在|低于|最多)$")
_AFTER_QUALIFIER = re.compile(r"\s{0,2}(?P<q>左右|以上|及以上|以内|以下|之内)")
_THRESHOLD_AFTER = re.compile(r"行列|级")
_STRUCTURE_AFTER = re.compile(r"方面|部分|层面|环节|阶段|篇|步")
_HORIZON = re.compile(r"(\d|[一二三四五])年内")
_ESTIMATE = re.compile(r"预计|初步|预测")
_FLIPPED = {"at_least": "at_most", "at_most": "at_least"}


def extract_mentions(text: str, report_year: int | None = None, catalog: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per numeric fact in `text` (columns: COLUMNS); spans index the original `text`.

    Subjects are matched to the ids of `catalog` (default: the shipped data/indicators.yml).
    """
    with _no_cyclic_gc():
        facts, _ = _scan(text, report_year, _Matcher(catalog))
        return pd.DataFrame(facts, columns=COLUMNS)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic collector: its full passes over millions of live row objects made large
    corpora superlinear, and extraction creates no reference cycles worth collecting."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def skipped_numbers(text: str, report_year: int | None = None) -> pd.DataFrame:
    """Numbers in `text` that are not facts, each with the reason (labels, years, captions, framing text)."""
    _, skipped = _scan(text, report_year, _Matcher(None))
    return pd.DataFrame(skipped, columns=SKIPPED_COLUMNS)


class _Matcher:
    """Subject -> catalog id, remembered per subject (reports repeat their subjects)."""

    def __init__(self, catalog: pd.DataFrame | None) -> None:
        self.aliases = alias_table(catalog if catalog is not None else load_catalog())
        self.known: dict[str, str | None] = {}

    def __call__(self, subject: str) -> str | None:
        if subject not in self.known:
            self.known[subject] = match_indicator(subject, self.aliases)
        return self.known[subject]


def _scan(text: str, report_year: int | None, matcher: _Matcher) -> tuple[list[dict], list[dict]]:
    view = simplify(text)
    found, captions = sentences(view)
    year = report_year if report_year is not None else context.detect_report_year(found)
    tracker = context.SectionTracker(year, has_cues=context.has_section_cues(found))
    facts: list[dict] = []
    skipped: list[dict] = []
    for caption in captions:
        skipped.extend(_skip_all(caption.text, caption.start, text, "photo caption inside a sentence"))
    for sentence in found:
        section = tracker.update(sentence.text)
        _scan_sentence(sentence, section, year, text, facts, skipped, matcher)
    return facts, skipped


def _skip_all(segment: str, offset: int, text: str, reason: str) -> list[dict]:
    return [{"start": offset + m.start(), "end": offset + m.end(), "text": text[offset + m.start():offset + m.end()],
             "reason": reason, "quote": segment} for m in _ANY_NUMBER.finditer(segment)]


def _scan_sentence(sentence: Sentence, section: str | None, year: int | None, text: str,
                   facts: list[dict], skipped: list[dict], matcher: _Matcher) -> None:
    s = sentence.text
    quote_start, quote_end = sentence.orig_span(0, len(s))
    quote = text[quote_start:quote_end]
    quoted = [m.span() for m in _QUOTED.finditer(s)]
    claimed: list[tuple[int, int]] = []
    state = {"subject": "", "estimated": bool(_ESTIMATE.search(s[:LOOKBACK])), "match": matcher}
    matches = sorted([*_ARABIC.finditer(s), *_CHINESE.finditer(s)], key=lambda m: m.start())
    for match in matches:
        if claimed and match.start() < claimed[-1][1]:  # matches are sorted: overlap only with the last
            continue
        reason = _not_a_fact(s, match, quoted, section)
        start, end = sentence.orig_span(match.start("num"), match.end("high") if match.groupdict().get("high") else match.end("num"))
        if reason:
            skipped.append({"start": start, "end": end, "text": text[start:end], "reason": reason, "quote": quote})
            claimed.append(match.span())
            continue
        claimed.append(match.span())
        row = _fact(s, match, section, year, state)
        row.update(start=start, end=end, quote_start=quote_start, quote=quote)
        facts.append(row)
    claimed_starts = [a for a, _ in claimed]
    for m in _ARABIC_ONLY.finditer(s):
        # Only Arabic numbers are reported as skipped: a lone 一 or 十 is a word far more often than a number.
        at = bisect_right(claimed_starts, m.start()) - 1
        if at < 0 or m.start() >= claimed[at][1]:
            start, end = sentence.orig_span(*m.span())
            skipped.append({"start": start, "end": end, "text": text[start:end], "quote": quote,
                            "reason": _unitless_reason(s, m)})


def _unitless_reason(s: str, m: re.Match) -> str:
    after = s[m.end():m.end() + 2]
    if after.startswith("年"):
        return "a year or duration"
    if after[:1] in ("月", "日", "时", "点"):
        return "a date or time"
    if after[:1] in ("届", "次", "大", "版") or s[max(0, m.start() - 1):m.start()] == "第":
        return "an ordinal, session or edition number"
    return "no unit follows: not a quantity"


def _not_a_fact(s: str, match: re.Match, quoted: list[tuple[int, int]], section: str | None) -> str | None:
    start, end = match.start(), match.end()
    before = s[max(0, start - 2):start]
    after = s[end:end + 4]
    if any(a <= start < b for a, b in quoted):
        return "part of a quoted label"
    if before.endswith("第"):
        return "an ordinal"
    if before.endswith("过") and not before.endswith(("超过", "通过", "经过", "不过", "度过")):
        return "threshold that labels a noun (过…)"
    qualifier = _AFTER_QUALIFIER.match(s, end)
    if qualifier and qualifier.group("q") in ("以上", "及以上", "以下") and _labels_noun(s, qualifier.end()):
        return "threshold that labels a noun (…以上)"
    if _THRESHOLD_AFTER.match(after):
        return "threshold that labels a noun"
    if _STRUCTURE_AFTER.match(after):
        return "structure of the text (…方面, …部分), not a quantity"
    if match.re is _ARABIC and (match.group("scale") or "") + match.group("unit") not in UNITS:
        return "scale and unit do not combine (百家): not a quantity"
    if match.re is _CHINESE:
        if match.group("num") == "一":
            return "idiomatic 一 (一个, 一批), not a count"
        try:
            numerals.parse_chinese_int(match.group("num"))
        except ValueError:
            return "not a well-formed Chinese numeral (万家, 千百)"
    if section is None:
        return "outside the report's review and plan parts"
    return None


def _labels_noun(s: str, position: int) -> bool:
    nxt = s[position:position + 1]
    return bool(nxt) and bool(re.match(r"[\u4e00-\u9fff]", nxt)) and nxt not in "和及与的"


def _fact(s: str, match: re.Match, section: str, year: int | None, state: dict) -> dict:
    groups = match.groupdict()
    number_text = groups["num"]
    unit = (groups.get("scale") or "") + groups["unit"]
    if match.re is _CHINESE:
        value, decimals = Decimal(numerals.parse_chinese_int(number_text)), 0
    else:
        value, decimals = Decimal(number_text.replace(",", "")), decimals_of(number_text)
    high = Decimal(groups["high"].replace(",", "")) if groups.get("high") else None
    before = s[max(0, match.start() - LOOKBACK):match.start()]
    clause = _clause(before)
    pair = paired(s, match, state)
    # In 'A、B分别增长X、Y' the verb after 分别 governs every value of the list.
    measure, sign = _measure(pair[1] if pair else clause, unit)
    qualifier = "range" if high is not None else _qualifier(s, match, clause)
    if sign < 0 and qualifier in _FLIPPED:
        # The value is signed: "下降3%以上" (a fall of at least 3%) is a change of at most -3%.
        qualifier = _FLIPPED[qualifier]
    kind, period = context.kind_and_period(section, year, s[:match.start()], clause)
    subject = subject_of(s, match, clause, state, pair[0] if pair else None)
    share_subject = subject.split("占")[0] if measure == "share" and "占" in subject else subject
    value_base, base_unit = to_base(value, unit)
    return {
        "indicator": state["match"](share_subject) or pd.NA,
        "subject": subject, "kind": kind, "period": period, "measure": measure,
        "value": float(sign * value), "value_high": float(sign * high) if high is not None else float("nan"),
        "decimals": decimals, "unit": unit, "qualifier": qualifier or pd.NA,
        "value_base": sign * value_base, "base_unit": base_unit, "estimated": state["estimated"],
    }


def _clause(before: str) -> str:
    cut = max((m.end() for m in _CLAUSE_START.finditer(before)), default=0)
    return before[cut:]


def _measure(clause: str, unit: str) -> tuple[str, int]:
    """Measure and sign: decline verbs make growth negative."""
    stripped = _strip_qualifier_words(clause)
    growth = _GROWTH_BEFORE.search(stripped)
    sign = -1 if growth and growth.group("verb") in _DECLINE else 1
    if unit in ("个百分点", "百分点"):
        return "change_pp", sign
    if unit in PERCENT_UNITS:
        if growth:
            return "growth", sign
        return "share", 1
    return "level", 1


def _strip_qualifier_words(clause: str) -> str:
    return re.sub(r"(?:同比|比上年|年均|分别)$", "", clause.rstrip())


def _qualifier(s: str, match: re.Match, clause: str) -> str | None:
    after = _AFTER_QUALIFIER.match(s, match.end())
    if after:
        word = after.group("q")
        return "about" if word == "左右" else "at_least" if word in ("以上", "及以上") else "at_most"
    if match.groupdict().get("approx"):
        return "at_least"
    if _ABOUT_BEFORE.search(clause):
        return "about"
    if _AT_LEAST_BEFORE.search(clause):
        return "at_least"
    if _AT_MOST_BEFORE.search(clause) or re.search(r"控制在[^，,；;]{0,6}$", clause):
        return "at_most"
    return None
