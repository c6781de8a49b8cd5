"""Why a number in a report is not a fact: a year, a date, an ordinal, a label or slogan, a threshold that names
a class, a set phrase, text outside the report's parts; each reason is shown among the numbers left out."""
from __future__ import annotations

import re

from analysis.extract import measures, numerals, parts as report_parts
from analysis.extract.numerals import ARABIC_NUMBER
from analysis.extract.patterns import Patterns
from analysis.extract.units import Vocabulary

_ARABIC_ONLY = re.compile(ARABIC_NUMBER)
# 较“十三五”末的9323.1亿元, 比2020年的…: a value named only to compare another with.
_BASE_OF_COMPARISON = re.compile(r"[较比](?:“[^”]{0,6}”)?[^，,。；;“”\d]{0,8}?的$")
_COUNTED_BEFORE = re.compile(r"[一二两三四五六七八九十\d]+个$")
# 成 counts tenths only from 一 to 十 (八成以上) and not where it begins a word (百亿成势, 一成不变 aside).
_TENTHS = frozenset("一二两三四五六七八九十")
_WORD_WITH_CHENG = re.compile(r"[功为立果本效熟势就员交型长片批套]")

_THRESHOLD_AFTER = re.compile(r"行列|级")
_STRUCTURE_AFTER = re.compile(r"方面|部分|层面|环节|阶段|篇|步")
# 两个月, 12个月, 3个工作日: a count of 个 that is a length of time.
_DURATION_AFTER = re.compile(r"月|小时|工作日|星期|钟头|季度|年头")
_SESSION_AFTER = re.compile(r"会议|全会|全体会议|常委会")
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


def unitless_reason(s: str, m: re.Match, vocabulary: Vocabulary) -> str:
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


def not_a_fact(s: str, match: re.Match, quoted: list[tuple[int, int]], section: str | None,
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
    share = (match.group("unit") or "") in patterns.vocabulary.percent  # 八成以上财政资金: a share of the funds
    if not share and qualifier and qualifier.group("q") in ("以上", "及以上", "以下", "及以下") and _labels_noun(s, qualifier.end()):
        return "threshold that labels a noun (…以上)"
    if not share and qualifier and qualifier.group("q") in ("以上", "及以上") and _LABELS_ENTITY.match(s, qualifier.end()):
        return "threshold that labels a noun (投资2000万元以上的技改项目)"
    if s.startswith("及以下", end) and _labels_noun(s, end + 3):
        return "threshold that labels a noun (…及以下)"
    if match.group("unit") == "大":
        reason = _da_reason(s, match, section)
        if reason:
            return reason
    if _THRESHOLD_AFTER.match(after):
        return "threshold that labels a noun"
    if _STRUCTURE_AFTER.match(after):
        return "structure of the text (…方面, …部分), not a quantity"
    vocabulary = patterns.vocabulary
    if _in_set_phrase(s, start, end, vocabulary.idioms):
        return "part of a set phrase (千家万户, 千人口): not a quantity"
    if vocabulary.labels and (s.startswith(vocabulary.labels, end) or s.startswith(vocabulary.labels, match.start("unit"))):
        return "a numbered label or slogan (八项规定, 两个大局), not a quantity"
    if match.group("unit") == "个" and _DURATION_AFTER.match(after):
        return "a duration (两个月), not a count"
    if match.group("unit") == "次" and _SESSION_AFTER.match(after):
        return "a session number (二次会议)"
    if match.re is patterns.arabic and (match.group("scale") or "") + match.group("unit") not in patterns.vocabulary.units:
        return "scale and unit do not combine (百家): not a quantity"
    if _BASE_OF_COMPARISON.search(s, max(0, start - 16), start):
        return "the base of a comparison (较“十三五”末的9323.1亿元): not a figure of its own"
    if patterns.bare is not None and match.re is patterns.bare and _COUNTED_BEFORE.search(s, max(0, start - 4), start):
        return "a count of thresholds (连跨两个万亿元台阶): not an amount"
    if match.re is patterns.arabic and match.group("unit") == "成":
        return "an Arabic number before 成 (AR-E3000成功): tenths are written in Chinese numerals (八成)"
    if match.re is patterns.chinese:
        if match.group("unit") == "成" and (_WORD_WITH_CHENG.match(s, end) or match.group("num") not in _TENTHS):
            return "成 begins a word (成功, 成势) or counts no tenths: not a share"
        if match.group("num") == "一":
            return "idiomatic 一 (一个, 一批), not a count"
        if match.group("num") in ("零", "〇"):
            return "a lone 零 begins a word (零部件, 零件): reports write no count of zero"
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


def _in_set_phrase(s: str, start: int, end: int, idioms: tuple[str, ...]) -> bool:
    """Whether the number at [start, end) of `s` lies inside one of `idioms`."""
    for idiom in idioms:
        at = s.find(idiom, max(0, start - len(idiom)), end + len(idiom))
        if 0 <= at < end and at + len(idiom) > start:
            return True
    return False


# …以上的 before the things counted (投资2000万元以上的技改项目3000个); 以上的水平 or 以上的目标 still states the figure.
_LABELS_ENTITY = re.compile(r"的[\u4e00-\u9fff]{0,6}?(?:项目|企业|工程|园区|集群|商户|市场主体)")


def _labels_noun(s: str, position: int) -> bool:
    """Whether a noun follows (过10亿元以上项目): not a verb or a connective (74%以上用于民生)."""
    nxt = s[position:position + 1]
    return bool(nxt) and bool(re.match(r"[\u4e00-\u9fff]", nxt)) and nxt not in "和及与的用投来通达实是为占"
