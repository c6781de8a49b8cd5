"""Find the numeric facts of a work report: value, unit, qualifier, kind, period, subject and source span."""
from __future__ import annotations

import gc
import re
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

import pandas as pd

from analysis.extract import changes, horizons, measures, numerals, parts as report_parts, structure as context
from analysis.extract.catalog import Matcher, matcher_for
from analysis.extract.numerals import ARABIC_NUMBER
from analysis.extract.patterns import Patterns, patterns_for
from analysis.extract.subjects import LOOKBACK, growth_target_subject, paired, subject_of
from analysis.extract.units import Vocabulary, decimals_of, load_units
from analysis.text.layout import Sentence, sentences
from analysis.text.normalise import simplify

COLUMNS = ["indicator", "subject", "kind", "period", "horizon", "measure", "value", "value_high", "value_from",
           "decimals", "unit", "qualifier", "value_base", "base_unit", "estimated", "basis", "start", "end",
           "quote_start", "quote"]
SKIPPED_COLUMNS = ["start", "end", "text", "reason", "quote"]

_ANY_NUMBER = re.compile(rf"{ARABIC_NUMBER}|[零〇一二两三四五六七八九十百千]+")
_ARABIC_ONLY = re.compile(ARABIC_NUMBER)
_QUOTED = re.compile(r"“[^“”]{0,40}”|《[^《》]{0,60}》|「[^「」]{0,40}」")
_CLAUSE_START = re.compile(r"[，,；;、：:（(]")
# A list item of one character (中 of 中、小学); a numeral before 、 is a heading (一、), not an item.
_ONE_CHARACTER_ITEM = re.compile(r"[\u4e00-\u9fff](?<![零〇一二两三四五六七八九十百千])")
_LEVELS = frozenset("省市区县乡镇村")
_THRESHOLD_AFTER = re.compile(r"行列|级")
_STRUCTURE_AFTER = re.compile(r"方面|部分|层面|环节|阶段|篇|步")
# 两个月, 12个月, 3个工作日: a count of 个 that is a length of time.
_DURATION_AFTER = re.compile(r"月|小时|工作日|星期|钟头|季度|年头")
_SESSION_AFTER = re.compile(r"会议|全会|全体会议|常委会")
_ESTIMATE = re.compile(r"预计|初步|预测")
# N大 counts the noun after it (6大国有集团: six groups) unless it names a party congress (党的二十大,
# 20大精神), begins a word (大型, 大学), or stands after a year or a code (2022大事记).
_CONGRESS_BEFORE = re.compile(r"(?:党的|中共|党)$")
_CONGRESS_AFTER = re.compile(r"精神|报告|以来|代表|召开|胜利|期间|前后|之后|会议|开幕|闭幕|作出|提出|强调|部署|决策")
_DA_WORD = re.compile(r"大(?:型|中|小|幅|力|于|约|概|会|关|学|专|厦|道|街|桥|棚|户|厅|病|宗|豆|蒜|米|众|事|数据|健康)")
_SMALL_WHOLE = re.compile(r"\d{1,3}")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Verbs that make what N大 counts (打造3大产业集群): only then is a plan part's N大 a target; otherwise
# it names a set the plan works on (支持6大国有企业), which exists already.
_MAKING = re.compile(r"(?:打造|建设|建成|培育|形成|组建|新建|新增|创建|重组|整合|重整)(?:成|为)?$")
# What may follow a number as an unknown unit: letters or Chinese characters that are not a date,
# a duration or an ordinal (those have their own reasons).
_UNKNOWN_UNIT = re.compile(r"[A-Za-z\u4e00-\u9fff]{1,3}")


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
    matches = sorted([*patterns.arabic.finditer(s), *patterns.chinese.finditer(s)], key=lambda m: m.start())
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
        reason = _not_a_fact(s, match, quoted, section, patterns)
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
                            "reason": _unitless_reason(s, m, patterns.vocabulary)})


def _unitless_reason(s: str, m: re.Match, vocabulary: Vocabulary) -> str:
    after = s[m.end():m.end() + 2]
    before = s[max(0, m.start() - 1):m.start()]
    if after.startswith("年"):
        return "a year or duration"
    if after[:1] in ("月", "日", "时", "点", "号") or (after[:1] in ("分", "秒") and before in ("时", "点", "分", ":")):
        return "a date or time"
    if after[:1] in ("天", "周") or after.startswith(("个月", "小时", "个工作日")):
        return "a duration"
    if after[:1] in ("届", "次", "版") or before == "第":
        return "an ordinal, session or edition number"
    word = _UNKNOWN_UNIT.match(s, m.end())
    if word:
        return f"'{word.group()}…' follows: not a unit in the unit vocabulary ({vocabulary.path.name})"
    return "no unit follows: not a quantity"


def _not_a_fact(s: str, match: re.Match, quoted: list[tuple[int, int]], section: str | None,
                patterns: Patterns) -> str | None:
    start, end = match.start(), match.end()
    before = s[max(0, start - 2):start]
    after = s[end:end + 4]
    if any(a <= start < b for a, b in quoted):
        return "part of a quoted label"
    if before.endswith("第"):
        return "an ordinal"
    if before.endswith("过") and not before.endswith(("超过", "通过", "经过", "不过", "度过")):
        return "threshold that labels a noun (过…)"
    qualifier = measures.AFTER_QUALIFIER.match(s, end)
    if qualifier and qualifier.group("q") in ("以上", "及以上", "以下") and _labels_noun(s, qualifier.end()):
        return "threshold that labels a noun (…以上)"
    if match.group("unit") == "大":
        reason = _da_reason(s, match, section)
        if reason:
            return reason
    if _THRESHOLD_AFTER.match(after):
        return "threshold that labels a noun"
    if _STRUCTURE_AFTER.match(after):
        return "structure of the text (…方面, …部分), not a quantity"
    if match.group("unit") == "个" and _DURATION_AFTER.match(after):
        return "a duration (两个月), not a count"
    if match.group("unit") == "次" and _SESSION_AFTER.match(after):
        return "a session number (二次会议)"
    if match.re is patterns.arabic and (match.group("scale") or "") + match.group("unit") not in patterns.vocabulary.units:
        return "scale and unit do not combine (百家): not a quantity"
    if match.re is patterns.chinese:
        if match.group("num") == "一":
            return "idiomatic 一 (一个, 一批), not a count"
        try:
            numerals.parse_chinese_int(match.group("num"))
        except ValueError:
            return "not a well-formed Chinese numeral (万家, 千百)"
    if section is None:
        return "outside the report's review and plan parts; no word (完成, 力争, 目标) says actual or target"
    return None


def _da_reason(s: str, match: re.Match, section: str | None) -> str | None:
    """Why a number before 大 is not a count of the noun after it, or None (6大国有集团: six groups)."""
    end = match.end()
    number = match.group("num")
    if _ARABIC_ONLY.fullmatch(number) and not _SMALL_WHOLE.fullmatch(number):
        return "four digits or a decimal before 大 (2022大事记): a year or a code, not a count"
    if _CONGRESS_BEFORE.search(s, 0, match.start()) or _CONGRESS_AFTER.match(s, end):
        return "a party congress (党的二十大, 二十大精神): an ordinal, not a count"
    if _DA_WORD.match(s, end - 1):
        return "大 begins a word (大型, 大学): not a count"
    if not _CJK.match(s, end):
        return "no noun follows …大: not a count"
    if section in report_parts.PLANS and not _MAKING.search(s, 0, match.start()):
        return "a count naming a set the plan works on (支持6大国有企业), not a target"
    return None


def _labels_noun(s: str, position: int) -> bool:
    nxt = s[position:position + 1]
    return bool(nxt) and bool(re.match(r"[\u4e00-\u9fff]", nxt)) and nxt not in "和及与的"


def _fact(s: str, match: re.Match, section: str | None, year: int | None, state: dict, patterns: Patterns,
          change: changes.Change | None = None) -> dict:
    groups = match.groupdict()
    number_text = groups["num"]
    unit = (groups.get("scale") or "") + groups["unit"]
    vocabulary = patterns.vocabulary
    if match.re is patterns.chinese:
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
    qualifier = "range" if high is not None else measures.qualifier_of(s, match.end(), clause, bool(groups.get("approx")))
    if qualifier is None and pair:
        qualifier = measures.list_qualifier(s, match.end())
    if sign < 0 and qualifier in measures.FLIPPED:
        # The value is signed: "下降3%以上" (a fall of at least 3%) is a change of at most -3%.
        qualifier = measures.FLIPPED[qualifier]
    kind, period, horizon = horizons.place(section, year, s[:match.start()], clause, measure)
    subject = (measure == "growth" and growth_target_subject(clause, s[match.end():match.end() + 16])) or \
        subject_of(s, match, clause, state, pair[0] if pair else None)
    share_subject = subject.split("占")[0] if measure == "share" and "占" in subject else subject
    factor, base_unit = vocabulary.split(unit)
    basis = measures.basis_of(before) if measure in ("growth", "change_pp") else None
    return {
        # A whole share the catalog names (财政赤字占国内生产总值比重: the deficit ratio) before its part.
        "indicator": (share_subject != subject and state["match"].share_of(subject)) or state["match"](share_subject)
        or pd.NA,
        "subject": subject, "kind": kind, "period": period, "horizon": horizon, "measure": measure,
        "value": float(sign * value), "value_high": float(sign * high) if high is not None else float("nan"),
        "value_from": float("nan") if change is None else changes.starting_value(change, unit, vocabulary),
        "decimals": decimals, "unit": unit, "qualifier": qualifier or pd.NA,
        "value_base": sign * float(value * factor), "base_unit": base_unit, "estimated": state["estimated"],
        "basis": basis or pd.NA,
    }


def _clause(before: str) -> str:
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
