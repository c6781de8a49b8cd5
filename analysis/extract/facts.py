"""Find the numeric facts of a work report: value, unit, qualifier, kind, period, subject and source span."""
from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

import pandas as pd

from analysis.extract import changes, exclusions, horizons, measures, numerals, structure as context
from analysis.extract.flat import heading_breaks
from analysis.extract.catalog import Matcher, matcher_for
from analysis.extract.numerals import ARABIC_NUMBER
from analysis.extract.patterns import Patterns, patterns_for
from analysis.extract.subjects import LOOKBACK, clean_subject, growth_target_subject, paired, subject_of
from analysis.extract.units import Vocabulary, decimals_of, load_units
from analysis.text.layout import Sentence, sentences, split_at
from analysis.text.normalise import simplify

COLUMNS = ["indicator", "subject", "kind", "period", "horizon", "measure", "value", "value_high", "value_from",
           "decimals", "unit", "qualifier", "value_base", "base_unit", "estimated", "basis", "start", "end",
           "quote_start", "quote"]
SKIPPED_COLUMNS = ["start", "end", "text", "reason", "quote"]

_ANY_NUMBER = re.compile(rf"{ARABIC_NUMBER}|[零〇一二两三四五六七八九十百千]+")
_ARABIC_ONLY = re.compile(ARABIC_NUMBER)
_QUOTED = re.compile(r"“[^“”]{0,40}”|《[^《》]{0,60}》|「[^「」]{0,40}」")
_CLAUSE_START = re.compile(r"[，,；;、：:（(]")
# An aside closed before the number (地区生产总值（GDP）增长6%, 同比（下同）增长4.5%, 城镇调查失业率（年均）5.5%): it
# glosses the subject, so it neither starts the clause nor stays in it.
_ASIDE = re.compile(r"[（(][^（()）]{1,16}[)）]")
_LIST_CLAUSE = re.compile(r"[，,；;：:（(]")
# A list item of one character (中 of 中、小学); a numeral before 、 is a heading (一、), not an item.
_ONE_CHARACTER_ITEM = re.compile(r"[\u4e00-\u9fff](?<![零〇一二两三四五六七八九十百千])")
_LEVELS = frozenset("省市区县乡镇村")
_ESTIMATE = re.compile(r"预计|初步|预测")


def extract_mentions(text: str, report_year: int | None = None, catalog: pd.DataFrame | None = None, *,
                     units: Vocabulary | None = None, matcher: Matcher | None = None) -> pd.DataFrame:
    """One row per numeric fact in `text` (columns: COLUMNS); spans index the original `text`.

    Subjects are matched to the ids of `catalog` (default: the shipped data/indicators.yml), or by a
    `matcher` built once for many documents; `units` is the unit vocabulary (default: data/units.yml).
    """
    with _no_cyclic_gc():
        facts, _ = _scan(text, report_year, matcher or matcher_for(catalog), patterns_for(units or load_units()),
                         want_skipped=False)
        # Column by column: a frame from a list of row dicts costs ~1 ms per document, which dominated
        # the time of a corpus of small reports.
        return pd.DataFrame({column: [row[column] for row in facts] for column in COLUMNS}, columns=COLUMNS)


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


def skipped_numbers(text: str, report_year: int | None = None, *, units: Vocabulary | None = None) -> pd.DataFrame:
    """Numbers in `text` that are not facts, each with the reason (labels, years, captions, framing text)."""
    _, skipped = _scan(text, report_year, matcher_for(None), patterns_for(units or load_units()))
    return pd.DataFrame(skipped, columns=SKIPPED_COLUMNS)


def _scan(text: str, report_year: int | None, matcher: Matcher, patterns: Patterns,
          want_skipped: bool = True) -> tuple[list[dict], list[dict]]:
    """Facts and, if `want_skipped`, the numbers left out (extraction alone does not need their reasons)."""
    view = simplify(text)
    found, captions = sentences(view)
    # a heading run into its paragraph in a flat text (一、2023年工作回顾过去一年，…) ends a sentence: neither its
    # part nor its words belong to the figures after it
    found = split_at(found, heading_breaks(view))
    year = report_year if report_year is not None else context.detect_report_year(found)
    placer = context.Placer(view, found, year)
    facts: list[dict] = []
    skipped: list[dict] = []
    for caption in captions if want_skipped else ():
        skipped.extend(_skip_all(caption.text, caption.start, text, "photo caption inside a sentence"))
    for sentence in found:
        section = placer.section(sentence)
        _scan_sentence(sentence, section, year, text, facts, skipped if want_skipped else None, matcher, patterns)
    return facts, skipped


def _skip_all(segment: str, offset: int, text: str, reason: str) -> list[dict]:
    return [{"start": offset + m.start(), "end": offset + m.end(), "text": text[offset + m.start():offset + m.end()],
             "reason": reason, "quote": segment} for m in _ANY_NUMBER.finditer(segment)]


def _scan_sentence(sentence: Sentence, section: str | None, year: int | None, text: str,
                   facts: list[dict], skipped: list[dict] | None, matcher: Matcher, patterns: Patterns) -> None:
    s = sentence.text
    bare = patterns.bare.finditer(s) if patterns.bare is not None and "亿" in s else ()
    matches = sorted([*patterns.arabic.finditer(s), *patterns.chinese.finditer(s), *bare], key=lambda m: m.start())
    if not matches and skipped is None:
        return
    quote_start, quote_end = sentence.orig_span(0, len(s))
    quote = text[quote_start:quote_end]
    quoted = [m.span() for m in _QUOTED.finditer(s)] if "“" in s or "《" in s or "「" in s else []
    claimed: list[tuple[int, int]] = []
    state = {"subject": "", "estimated": bool(_ESTIMATE.search(s[:LOOKBACK])), "match": matcher}
    found_changes = changes.find_changes(s, matches) if "从" in s or "由" in s else {}
    starts = {change.start.start() for change in found_changes.values()}
    for match in matches:
        if claimed and match.start() < claimed[-1][1]:  # matches are sorted: overlap only with the last
            continue
        reason = exclusions.not_a_fact(s, match, quoted, section, patterns)
        if reason is None and match.start() in starts:
            reason = "the starting value of a change written from → to: kept as value_from of its end value"
        start, end = sentence.orig_span(match.start("num"), match.end("high") if match.groupdict().get("high") else match.end("num"))
        if reason:
            if skipped is not None:
                skipped.append({"start": start, "end": end, "text": text[start:end], "reason": reason, "quote": quote})
            claimed.append(match.span())
            continue
        claimed.append(match.span())
        row = _fact(s, match, section, year, state, patterns, found_changes.get(match.start()))
        row.update(start=start, end=end, quote_start=quote_start, quote=quote)
        facts.append(row)
    if skipped is None:
        return
    claimed_starts = [a for a, _ in claimed]
    for m in _ARABIC_ONLY.finditer(s):
        # Only Arabic numbers are reported as skipped: a lone 一 or 十 is a word far more often than a number.
        at = bisect_right(claimed_starts, m.start()) - 1
        if at < 0 or m.start() >= claimed[at][1]:
            start, end = sentence.orig_span(*m.span())
            skipped.append({"start": start, "end": end, "text": text[start:end], "quote": quote,
                            "reason": exclusions.unitless_reason(s, m, patterns.vocabulary)})


def _fact(s: str, match: re.Match, section: str | None, year: int | None, state: dict, patterns: Patterns,
          change: changes.Change | None = None) -> dict:
    groups = match.groupdict()
    number_text = groups["num"]
    unit = (groups.get("scale") or "") + groups["unit"]
    vocabulary = patterns.vocabulary
    if match.re is patterns.bare:  # 万亿元: 10000 亿元
        value, decimals = Decimal(numerals.SMALL_UNITS.get(number_text) or numerals.BIG_UNITS[number_text]), 0
    elif match.re is patterns.chinese:
        value, decimals = Decimal(numerals.parse_chinese_int(number_text)), 0
    else:
        value, decimals = Decimal(number_text.replace(",", "")), decimals_of(number_text)
    high = Decimal(groups["high"].replace(",", "")) if groups.get("high") else None
    before = s[max(0, match.start() - LOOKBACK):match.start()]
    # The end value of a change: its clause is what stands before 从 and the verb (余额 + 增加到).
    clause = _clause(before) if change is None else change.head + change.verb
    pair = paired(s, match, state)
    # In 'A、B分别增长X、Y' the verb after 分别 governs every value of the list.
    measure, sign = measures.measure_of(pair[1] if pair else clause, unit, vocabulary.percent, s[match.end():match.end() + 12])
    qualifier = "range" if high is not None else measures.qualifier_of(s, match.end(), clause,
                                                                               bool(groups.get("approx") or groups.get("approx_before")))
    if qualifier is None and pair:
        qualifier = measures.list_qualifier(s, match.end())
    if sign < 0 and high is not None:
        value, high = high, value  # 减少8%至10%: a change from -10% to -8%, low end first
    if sign < 0 and qualifier in measures.FLIPPED:
        # The value is signed: "下降3%以上" (a fall of at least 3%) is a change of at most -3%.
        qualifier = measures.FLIPPED[qualifier]
    # A list's later values take their span from the whole clause (年均分别增长4.5%、3%: 3% is a yearly average too).
    whole_clause = _LIST_CLAUSE.split(before)[-1] if pair else clause
    # A change is placed by what stands outside its starting value (从2009年的2.8%降到去年的1.5%: last year's).
    before_figure = s[:match.start()] if change is None else s[:change.opens_at] + change.to_words
    kind, period, horizon = horizons.place(section, year, before_figure, whole_clause, measure,
                                           s[match.end("num"):match.end("num") + 16])
    if kind == "actual" and measures.kept_within(clause) and not measures.AFTER_QUALIFIER.match(s, match.end()):
        qualifier = None  # an outcome 控制在3.3% was 3.3%: what happened, not a ceiling
    subject = (measure == "growth" and growth_target_subject(clause, s[match.end():match.end() + 16])) or \
        subject_of(s, match, clause, state, pair[0] if pair else None)
    share_subject = subject.split("占")[0] if measure == "share" and "占" in subject else subject
    basis = measures.basis_of(before) if measure in ("growth", "change_pp") else None
    # A whole share the catalog names (财政赤字占国内生产总值比重: the deficit ratio) before its part; else, for a
    # figure whose own clause names nothing (总产量10570亿斤, 去年达到1.09万亿斤), the sentence's last catalog name.
    factor, base_unit = vocabulary.split(unit)
    indicator = (share_subject != subject and state["match"].share_of(subject)) or state["match"](share_subject)
    if not clean_subject(clause) and _INCREMENT.search(clause) and measure == "level":
        indicator = None  # 比上年增加1500亿元, 增产74亿斤: an increase of the carried subject, not its level
    elif not indicator and pair is None and _names_nothing(clause, measure) and clean_subject(subject) in _TOPIC_HEADS:
        # …only when the subject carried over names nothing either: 财政收入6.13万亿元，增长19.5% is revenue's growth
        indicator = state["match"].topic(s[:match.start()], None if measure == "growth" else base_unit)
    if indicator and measure == "level" and not state["match"].fits(indicator, base_unit):
        indicator = None  # 地区生产总值连跨两个万亿元台阶: 2个 is no GDP
    return {
        "indicator": indicator or pd.NA,
        "subject": subject, "kind": kind, "period": period, "horizon": horizon, "measure": measure,
        "value": float(sign * value), "value_high": float(sign * high) if high is not None else float("nan"),
        "value_from": float("nan") if change is None else changes.starting_value(change, unit, vocabulary),
        "decimals": decimals, "unit": unit, "qualifier": qualifier or pd.NA,
        "value_base": sign * float(value * factor), "base_unit": base_unit, "estimated": state["estimated"],
        "basis": basis or pd.NA,
    }


_TOPIC_HEADS = frozenset({"", "产量", "总产量", "年产", "年度产量", "最高年产", "总额", "总量", "规模"})
# An increase (增产291亿斤) is no level of the topic, nor is a figure of something else the clause introduces.
_INCREMENT = re.compile(r"增产|减产|增加(?!到|至)|新增|减少|增量|增收")


def _names_nothing(clause: str, measure: str) -> bool:
    """Whether a figure's own clause names no subject of its own: a generic head or nothing (总产量, 达到)."""
    return measure != "share" and clean_subject(clause) in _TOPIC_HEADS and not _INCREMENT.search(clause)


def _clause(before: str) -> str:
    before = _ASIDE.sub("", before)
    cut = max((m.end() for m in _CLAUSE_START.finditer(before)), default=0)
    while before[cut - 1:cut] == "、" and _shares_head(before, cut - 1):
        cut = max((m.end() for m in _CLAUSE_START.finditer(before, 0, cut - 1)), default=0)
    return before[cut:]


def _shares_head(text: str, comma: int) -> bool:
    """Whether the item before the 、 at `comma` shares the head written after it (省、市长热线 is 省长热线
    and 市长热线; 县、乡、村三级), so a subject does not start after that 、: the item is one character, or
    the 、 joins two levels of government (办结省、市长热线)."""
    item_start = max((m.end() for m in _CLAUSE_START.finditer(text, 0, comma)), default=0)
    if comma - item_start == 1 and _ONE_CHARACTER_ITEM.match(text, item_start):
        return True
    return text[comma - 1:comma] in _LEVELS and text[comma + 1:comma + 2] in _LEVELS
