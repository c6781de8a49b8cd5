"""Whether a figure is an outcome or a target, which year it is for and how many years it spans: from the
part of the report it stands in, overridden by what its own sentence names (到2030年, 五年来, 年均, 累计)."""
from __future__ import annotations

import re

from analysis.extract import parts as p

ANNUAL, CUMULATIVE, AVERAGE, PLAN_PERIOD, RATIO_TO_PLAN = "annual", "cumulative", "average", "plan_period", "ratio_to_plan"

# A year the figure is for; not a base year (比2020年, 较2020年, 与2020年相比), not a span's start (2020年以来).
_YEAR = re.compile(r"(?<![比较与同])(?<!相比)(19[5-9]\d|20\d\d)年(?!内|度?以来|起|以后|前后|相比|的水平|水平)")
_OF_ANOTHER = re.compile(r"的?[\d.]+")
_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})年(?!内|度?以来|起)")
_CN_DIGITS = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {"零": "0"}
# A goal for a year after this one: 到2030年, 2030年前, 2035年基本实现.
_BY_YEAR = re.compile(r"(?:到|至|在|于)(20\d\d)年(?:底|末)?|(20\d\d)年(?:前|底前|以前)")
_WITHIN_YEARS = re.compile(r"(\d|[两三四五])年内")
_SMALL = {"两": 2, "三": 3, "四": 4, "五": 5}
_AVERAGE = re.compile(r"年均|平均每年|每年平均|年平均")
# A level held through several years: 稳定在, 保持在 (in a review of the plan period), 连年, 每年, 连续9年.
_HELD = re.compile(r"稳定在|保持在|持续保持|始终保持|连年|每年|连续\d+年|连续[两三四五六七八九十]+年")
_HELD_ANYWHERE = re.compile(r"连年|每年|连续\d+年|连续[两三四五六七八九十]+年")
# Over several years: 五年累计, 比2020年增长, 比五年前, 5年提高, 十四五以来, 十年增加.
_SPAN = re.compile(r"累计|以来|期间|时期")
# A change over several years by its own words: 比2020年增长, 较五年前下降, 5年提高.
_MULTI_YEAR_CHANGE = re.compile(r"(?:比|较|与)(?:19|20)\d\d年|(?:比|较)[五十两三四]年前|(?:\d+|[两三四五六七八九十]+)年(?:来|间|中)?"
                                r"(?:累计|共|新增|增加|增长|提高|提升|下降|减少|压减)")
_FLOW_SPAN_WORDS = re.compile(r"五年|十年|[两三四五六七八九十]年来|\d+年来|“?十[一二三四五六七八九]?五”?|以来|期间|时期|多年")
# A level reached at the end of the period (a stock), not a flow over it.
_STOCK = re.compile(r"(?:达到|达|突破|首超|超过|超|增加到|增长到|增至|提高到|提高至|提升到|提升至|上升到|上升至|扩大到|扩大至|"
                    r"降至|降到|下降到|下降至|减少到|减少至|缩小至|缩小到|跃升至|跨越|跨上|迈上|总量|规模|余额|保有量|总数|存量|"
                    r"总产|总额|为|占)[^，,；;。]{0,6}$")
# Totals over the period by their own words (累计完成3.7万亿元, 五年增量超1.36万亿元).
_YEARS_NAMED = re.compile(r"(?:五|十|[两三四])年(?:总体|平均|合计)")
_TOTAL = re.compile(r"累计|增量|五年共|合计")
_BASE_YEAR_BEFORE = re.compile(r"与(?:19|20)\d\d年相比|同(?:19|20)\d\d年相比")
_YEARS_TOTAL = re.compile(r"(?:\d+|[两三四五六七八九十])年(?:来)?累计")
# What happens over a period, not a level reached: 新增, 新建, 改造, 培训 … (a count of such things is a total).
_FLOW = re.compile(r"新增|新建|新开工|新设|新培育|新认定|新获批|建成|建设|改造|改建|扩建|完成|实施|减少|净增|净减少|增加(?!到|至)|"
                   r"增长(?!到|至)|提高(?!到|至)|"
                   r"培育|引进|治理|修复|造林|开挖|疏浚|筹集|设立|获批|认定|出台|办理|发布|召开|审议|制定|修订|开行|发射|转移|"
                   r"脱贫|摘帽|减税|降费|退税|帮助|带动|惠及|扩招|培训|取消|下放|投入|发放|解决|安置|吸引|签约|招引|落地|开工|"
                   r"压减|提供|支持|救助|资助|整治|创建|打造|组建|举办|连续|增产")
_EARLIER_VALUES = re.compile(r"(?:[\d.]+\s{0,2}%?\s{0,2}[、和])+$")
_RATIO_TO_PLAN = re.compile(r"(?:完成(?:了)?|占)(?:年度|全年|年)?(?:计划|目标|任务)(?:的)?$|完成率(?:达到|达|为)?$|"
                            r"(?:计划|目标)完成率(?:达到|达|为)?$")
# Goals beyond this year without a year named: 今后一个时期, 今后五年, a new round (新一轮) of a programme (placed at
# the end of five years).
_AHEAD = re.compile(r"今后一个时期|今后一段时期|今后几年|今后五年|未来五年|未来几年")
# A share of money spent on something (74%以上用于民生, 近八成投向民生领域, 用于民生的比例): in a review of the plan
# period it is the share of the period's total spending, not the last year's.
_ALLOCATED_AFTER = re.compile(r"^(?:%|成)?(?:以上|左右|多)?的?[\u4e00-\u9fff]{0,6}?(?:用于|投向|投入)")
_ALLOCATED_BEFORE = re.compile(r"(?:用于|投向|投入)[^，,；;。]{1,10}的(?:比例|比重|占比)")
_PAST_IN_PLAN = re.compile(r"(?<![比较])(?:去年|上年)|过去一年|过去五年|五年来|“?十四五”?(?:时期|期间)")


def place(part: str | None, year: int | None, before: str, clause: str, measure: str,
          after: str = "") -> tuple[str, int | None, str]:
    """(kind, period, horizon) of a figure in `part` of a report of `year`; `before` is its sentence up to
    the number, `clause` the clause it ends, `after` the words after the number (its unit first)."""
    if year is None:
        return ("target" if part in p.PLANS else "actual"), None, ANNUAL
    if _RATIO_TO_PLAN.search(_EARLIER_VALUES.sub("", clause)):  # 完成年计划的118.2%、248.57%: both
        return "actual", year - 1, RATIO_TO_PLAN
    by_year = _BY_YEAR.search(clause) or (_BY_YEAR.search(before) if part in p.PLANS | {p.PLAN_PERIOD} else None)
    if by_year and int(by_year.group(1) or by_year.group(2)) > year:
        return "target", int(by_year.group(1) or by_year.group(2)), _goal_horizon(clause, measure)
    named = _named_year(before, year)
    if named is not None and named != year:
        if named < year:
            review = p.REVIEW_YEAR if named == year - 1 else p.REVIEW_PLAN
            return "actual", named, _review_horizon(review, clause, before, measure, after)
        return "target", named, PLAN_PERIOD
    if part == p.PLAN_PERIOD:
        return "target", _plan_end(before, year), _goal_horizon(clause, measure)
    if part in p.PLANS:
        return _plan_year_place(year, before, clause, measure)
    review = part if part in p.REVIEWS else p.REVIEW_YEAR
    return "actual", year - 1, _review_horizon(review, clause, before, measure, after)


def _named_year(before: str, year: int) -> int | None:
    """The last year the sentence names before the figure, when it is near the report's year."""
    # A year that names another figure's period (从2020年的3.68万亿元) is not this figure's.
    years = [(m.start(), int(m.group(1))) for m in _YEAR.finditer(before) if not _OF_ANOTHER.match(before, m.end())]
    years += [(m.start(), int("".join(_CN_DIGITS[c] for c in m.group(1)))) for m in _CN_YEAR.finditer(before)]
    if not years:
        return None
    named = max(years)[1]
    return named if abs(named - year) <= 5 else None


def _plan_end(before: str, year: int) -> int:
    """The last year of the plan period a goal is for: the plan the sentence names, else the one that
    starts this year (or began most recently)."""
    plan = p.named_plan(before)
    if plan is not None and plan[1] >= year:
        return plan[1]
    return year + 4


def _goal_horizon(clause: str, measure: str) -> str:
    if _AVERAGE.search(clause):
        return AVERAGE
    if measure == "level" and re.search(r"累计|新增|新建|新开工|完成|实施", clause) and not _STOCK.search(clause):
        return CUMULATIVE
    return PLAN_PERIOD


def _plan_year_place(year: int, before: str, clause: str, measure: str) -> tuple[str, int | None, str]:
    """A figure of this year's plan: a target of the year, unless its clause looks back (去年…) or ahead
    ("十五五"期间, 3年内)."""
    if _PAST_IN_PLAN.search(clause):
        return "actual", year - 1, ANNUAL if not _AVERAGE.search(clause) else AVERAGE
    if "总投资" in clause:
        return "target", year, CUMULATIVE  # a project list's total investment is spent over several years
    if _AHEAD.search(before) or "新一轮" in clause:
        return "target", year + 4, AVERAGE if _AVERAGE.search(clause) else PLAN_PERIOD
    plan = p.named_plan(clause)
    if plan is not None and plan[1] > year and re.search(r"期间|时期|末", clause):
        return "target", plan[1], AVERAGE if _AVERAGE.search(clause) else PLAN_PERIOD
    within = _WITHIN_YEARS.search(clause)
    if within:
        count = within.group(1)
        extra = (int(count) if count.isdigit() else _SMALL[count]) - 1
        if extra > 0:
            return "target", year + extra, PLAN_PERIOD
    return "target", year, ANNUAL


def _review_horizon(part: str, clause: str, before: str, measure: str, after: str = "") -> str:
    """How many years an outcome spans: in a review of the plan period a flow (新增, 增长) is a total over
    it, a level reached (达到, 突破, a share) is the last year's; in a review of the year, figures are the
    year's unless the sentence names a span (五年累计, 比2020年, 年均)."""
    if _AVERAGE.search(clause):
        return AVERAGE
    if re.search(r"比上年|同比|较上年", clause):
        return ANNUAL  # a change over the year before
    if measure in ("growth", "change_pp") and (_TOTAL.search(clause) or _YEARS_TOTAL.search(before)):
        return CUMULATIVE  # 能耗强度累计下降17.3%, 近三年累计，…下降10.08%: a fall over several years
    if measure == "share" and _YEARS_NAMED.search(clause):
        return AVERAGE  # 五年总体赤字率控制在3%以内: a rate over the five years as a whole
    if part == p.REVIEW_PLAN:
        if _HELD.search(clause):
            return PLAN_PERIOD
        if _TOTAL.search(clause):
            return CUMULATIVE
        if measure == "share" and (_ALLOCATED_AFTER.search(after) or _ALLOCATED_BEFORE.search(clause)):
            return CUMULATIVE  # 一般公共预算支出3.4万亿元，74%以上用于民生: of five years' spending
        if measure == "share" or _STOCK.search(clause):
            return ANNUAL
        if measure == "level" and not _FLOW.search(clause):
            return ANNUAL  # 生产总值6.66万亿元: a level the period ended at
        return CUMULATIVE
    if _HELD_ANYWHERE.search(clause) and _HELD.search(clause):
        return PLAN_PERIOD
    if _MULTI_YEAR_CHANGE.search(clause) or (_SPAN.search(clause) and _FLOW_SPAN_WORDS.search(before[-60:])):
        return CUMULATIVE
    if measure in ("growth", "change_pp") and _BASE_YEAR_BEFORE.search(before[-40:]):
        return CUMULATIVE  # 2005年与2000年相比，国内生产总值增长57.3%
    return ANNUAL
