"""Livelihood (民生) statements: whether a figure states the livelihood share, amount or growth, and of what total."""
from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.text.normalise import halfwidth, simplify

# What a share can be of, as data: id -> (English label, whether it is spending). Only a spending total makes a
# livelihood-spending share; a share of investment, of a named fund or of GDP is kept apart.
DENOMINATORS: dict[str, tuple[str, bool]] = {
    "general_budget_expenditure": ("general public budget expenditure", True),  # 一般公共预算支出; 公共财政支出 before 2014
    "fiscal_expenditure": ("fiscal expenditure, budget not named", True),      # 财政支出
    "fiscal_funds": ("fiscal funds or resources", True),                       # 财政资金, 财力
    "not_named": ("expenditure, total not named", True),                       # 民生支出占比, 财政用于民生的比例
    "investment": ("investment", False),                                       # 社会事业投资占44%, 民生类政府投资比重
    "fund": ("a named fund", False),                                           # 新增债券资金的60%用于民生
    "gdp": ("GDP", False),                                                     # 民生支出占地区生产总值比重
    "other": ("another total", False),                                         # any other total named after 占
}
SPENDING = frozenset(d for d, (_, spending) in DENOMINATORS.items() if spending)

# 民 ending another word (人民生活, 居民生活, 国民生产, 人民生命) is no livelihood; 民生实事 are projects counted, not money.
_LIVELIHOOD = re.compile(r"民生(?![活命产存育])(?!实事)")
_MONEY = re.compile(r"支出|投入|资金|财力|财政|投资|经费|预算")
_INVESTMENT = re.compile(r"投资")
# A share of the livelihood total (教育支出占民生支出的20%, 民生支出中教育占比): livelihood is the denominator.
_OF_LIVELIHOOD = re.compile(r"占[^，,；;。|]{0,4}民生|民生(?:领域)?(?:支出|投入|资金)中")
# Totals in the order they are tried; the first that the words name is the denominator.
_TOTALS = [
    ("general_budget_expenditure", re.compile(r"一般公共预算支出|公共财政预算支出|公共财政支出|一般预算支出")),
    ("fiscal_expenditure", re.compile(r"财政(?:总)?支出")),
    ("gdp", re.compile(r"生产总值|GDP")),
    # A named fund, or only the new money of a year (新增财力): a share of it is not a share of all spending.
    ("fund", re.compile(r"[\u4e00-\u9fff]{0,8}?(?:基金|专项资金|债券资金|专项债券?|出让收入|出让收益|公益金)"
                        r"|新增(?:可用)?(?:财力|财政资金)|增量财力")),
    ("fiscal_funds", re.compile(r"财政资金|可用财力|财力")),
    ("investment", _INVESTMENT),
]
# The total a share is of, after 占: 占一般公共预算支出的比重, 占公共财政支出的.
_AFTER_ZHAN = re.compile(r"占(?!比)(?:全[国省市区县])?(?P<total>[^，,；;。、]{1,16}?)(?:的)?(?:比重|比例|比)?(?:已|均|始终|持续)?(?:为|达到|达|是|提高到|提高至|提升到|提升至|上升到|上升至|保持在|稳定在|保持|稳定|超过|突破)?$")
_SPENT_ON_LIVELIHOOD = re.compile(r"(?:用于|投向|投入|投放)(?:到)?民生")
_CLAUSE_BREAK = re.compile(r"[，,；;。：:！？!?]")
# An amount whose money the clause before names (宁夏: 每年将75%以上的财力用于民生，5年累计投入6200多亿元).
_BARE_OUTLAY = re.compile(r"^(?:\d+年|[两三四五六七八九十]年|五年来|这五年)?(?:来)?(?:累计|共)?投入(?:资金)?$")
_SPENT_CLAUSE_END = re.compile(r"(?:用于|投向|投入)民生(?:领域|事业)?$")
_QUALIFIER_AFTER = re.compile(r"以上|左右|多|以内|以下")
_QUALIFIER_BEFORE = re.compile(r"(?:近|超过|突破|超|逾|约|接近|不足)$")


@dataclass(frozen=True)
class Reading:
    """What a figure says about livelihood spending: its `measure` (share, change_pp, amount, growth), the
    `denominator` of a share (a DENOMINATORS id, None for an amount or growth) and the total as written
    (`denominator_zh`), whether it is spending (`spending`: a share of a spending total, or an amount or growth of
    spending), the clause as written (`wording`) and the figure as written with its qualifier words (`written`)."""

    measure: str
    denominator: str | None
    denominator_zh: str | None
    spending: bool
    wording: str
    written: str


def read_livelihood(quote: str, start: int, end: int, measure: str, unit: str, subject: str = "") -> Reading | None:
    """How the figure at `quote[start:end]` (its sentence, the number's span in it) states livelihood spending,
    or None when it does not: a count of projects (民生实事10件), 人民生活, a share of the livelihood total, any
    figure whose clause names no livelihood money. `measure` and `unit` are the extracted figure's; `subject` its
    extracted subject, which may carry words of an earlier clause (民生支出 for 占一般公共预算支出的比重78.5%)."""
    text = simplify(halfwidth(quote))
    opens = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    closes = next((m.start() for m in _CLAUSE_BREAK.finditer(text, end)), len(text))
    before, after = _squeeze(text[opens:start]), _squeeze(text[end:closes])
    subject = _squeeze(simplify(halfwidth(subject or "")))
    words = "|".join((subject, before, after))
    if not _LIVELIHOOD.search(words) or _OF_LIVELIHOOD.search(words):
        return _carried_outlay(text, opens, before, after, quote, start, end, measure, unit)
    written = _written(quote, start, end, unit)
    wording = quote[opens:closes].strip()
    if measure in ("share", "change_pp") and unit in ("%", "成", "个百分点", "百分点"):
        if not (_MONEY.search(words) or _SPENT_ON_LIVELIHOOD.search(after)):
            return None
        denominator, total = _denominator(subject, before, after, text[:opens])
        return Reading(measure, denominator, total, denominator in SPENDING, wording, written)
    if measure in ("level", "growth") and (unit.endswith("元") or measure == "growth"):
        named = subject + before + (after if _SPENT_ON_LIVELIHOOD.match(_strip_unit(after, unit)) else "")
        if not (_LIVELIHOOD.search(named) and _MONEY.search(named)) and not _SPENT_ON_LIVELIHOOD.match(_strip_unit(after, unit)):
            return None
        spending = not _INVESTMENT.search(named)
        return Reading("amount" if measure == "level" else "growth", None, None, spending, wording, written)
    return None


def _denominator(subject: str, before: str, after: str, earlier: str) -> tuple[str, str | None]:
    """(DENOMINATORS id, total as written) of a share: the total after 占, else one the clause names (财政支出的80%
    用于民生, 八成以上财政资金用于民生), else the expenditure of the clause before a bare 74%以上用于民生, else not named."""
    zhan = _AFTER_ZHAN.search(before) or _AFTER_ZHAN.search(subject)
    if zhan:
        total = zhan.group("total")
        return next(((d, m.group()) for d, rx in _TOTALS if (m := rx.search(total))), ("other", total)) \
            if not _INVESTMENT.search(zhan.string[:zhan.start()]) else ("investment", "投资")
    for denominator, pattern in _TOTALS:
        found = pattern.search(subject + "|" + before + "|" + after)
        if found:
            return denominator, found.group()
    if _SPENT_ON_LIVELIHOOD.search(after):
        previous = _squeeze(_CLAUSE_BREAK.split(earlier.rstrip("，,；;"))[-1])
        for denominator, pattern in _TOTALS[:2]:
            found = pattern.search(previous)
            if found:
                return denominator, found.group()
    return "not_named", None


def _carried_outlay(text: str, opens: int, before: str, after: str, quote: str, start: int, end: int,
                    measure: str, unit: str) -> Reading | None:
    """An amount put in whose object the clause before names: …用于民生，5年累计投入6200多亿元."""
    if measure != "level" or not unit.endswith("元") or not _BARE_OUTLAY.match(before):
        return None
    previous = _squeeze(_CLAUSE_BREAK.split(text[:opens].rstrip("，,；;"))[-1]) if opens else ""
    if not _SPENT_CLAUSE_END.search(previous):
        return None
    closes = next((m.start() for m in _CLAUSE_BREAK.finditer(text, end)), len(text))
    return Reading("amount", None, None, True, quote[opens:closes].strip(), _written(quote, start, end, unit))


def _written(quote: str, start: int, end: int, unit: str) -> str:
    """The figure as the text writes it: a qualifier word before it, the number, its unit and a qualifier after."""
    text = simplify(halfwidth(quote))
    before = _QUALIFIER_BEFORE.search(text[max(0, start - 2):start])
    begin = start - len(before.group()) if before else start
    more = end + 1 if text[end:end + 1] == "多" else end  # 6200多亿元
    finish = more + len(unit) if text[more:more + len(unit)] == unit else end
    after = _QUALIFIER_AFTER.match(text, finish)
    return _squeeze(quote[begin:after.end() if after else finish])


def _strip_unit(after: str, unit: str) -> str:
    rest = after[len(unit):] if after.startswith(unit) else after
    return rest[2:] if _QUALIFIER_AFTER.match(rest) and rest[:2] != "多" else rest.removeprefix("多")


def _squeeze(text: str) -> str:
    """Text without the white space a layout puts inside a sentence (占公共财政支出的⏎⏎75.3%)."""
    return re.sub(r"\s+", "", text)
