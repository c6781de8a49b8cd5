"""The subject of a figure: the phrase it is about, as written, with 分别 lists and carried-over subjects."""
from __future__ import annotations

import re
from functools import lru_cache

from analysis.extract.numerals import ARABIC_NUMBER

# How far back a subject or a 分别 list is looked for: bounded, so long sentences stay linear.
LOOKBACK = 40
LIST_START = re.compile(r"[，,；;：:（(]")
VERBS_AFTER = re.compile(r"实现|建成|投入|完成|迈入|签约|开工|落地|通车|建设|重整|改造|提升|发展|达到|增长")
# Verbs, qualifier words (超, 近) and basis words (实际, 同口径, 按可比价格计算) between a subject and its
# number: none of them is part of the subject.
_BASIS_WORDS = r"实际|名义|按可比价格计算|按可比价计算|按不变价格计算|按现价计算|按可比口径计算|可比口径|同口径|可比价|可比"
TRAILING_VERBS = re.compile(
    rf"(?:{_BASIS_WORDS}|同比|比上年|年均|分别|共|累计|新增了|预计)*(?:增长|增加到|增至|增加|提高到|提高至|提高|提升到|提升至|提升|"
    r"上升到|上升至|上升|上涨|下降到|下降至|下降|降低|降到|降至|回落到|回落至|回落|减少|完成|达到|达|实现|首次突破|突破|超过|首超|"
    r"超出|超|接近|将近|近|不低于|不少于|不超过|低于|高于|不高于|控制在|保持在|稳定在|发展到|发展|分别为|拟安排|安排|拟按|按|拟|"
    r"合计|定为|定在|确定为|预期目标|调控目标|目标|预期|全年|平均|均值|预算|稳定|保持|稳步|翻番|由上升转为|转为|增产|累计|"
    r"连跨|跨越|跨过|跨上|迈上|跃上|跃升至|跃升到|增长到|增长至|年均|五年|十年|[两三四五六七八九十]年|(?<!\d)\d{1,2}年|"
    r"连年|连续|首次|最高年产|平均每年|每年|降幅|增幅|增速|[一二两三四五六七八九十]个|"
    r"在|要|为|是|约|逾|了)+$|(?:预计|初步)$")
# Leading words that frame a figure: a year, a span of years (5年来, 三年来), the area, 其中, 力争 …
LEADING_FILLERS = re.compile(r"^(?:(?:\d{4}|[〇零一二三四五六七八九]{4})年度?[，,]?|(?:\d{1,2}|[一二两三四五六七八九十]{1,3})(?:年来|个月内|个月来)[，,]?|"
                             r"全区|全市|全县|全省|全国|全年|其中|累计|年内|力争|预计|初步|今年的|今年|同时|并且|并|共|将|加快|推进|推动|"
                             r"完成|实现|中央提出|提出|确定|确保|把|的|(?:五年|十年|[两三四五六七八九十]年|\d{1,2}年)(?!内)|平均每年|每年|年均|去年|又|再|稳步|"
                             r"考虑价格(?:下降)?因素|扣除价格因素|按可比价格计算|比上年|同比|[较比]“十[一二三四五六七八九]?五”|[较比]\d{4}年)+")
# Words after a number that are never its subject: qualifiers and connectors (左右, 同比, 比上年).
NOT_A_NOUN = re.compile(r"^(?:左右|及以上|以上|以内|以下|之内|约|同比|比上年|分别|和|及)+")
# 'A、B达到X、Y' without 分别: a list of subjects before the verb, as many values after it.
_IMPLICIT_LIST = re.compile(r"(?P<items>[^、]{1,24}(?:、[^、]{1,24})+?)(?P<verb>分别为|达到|达|为|完成|实现)(?P<values>[^、]*(?:、[^、]*)*)$")
_NOT_A_NOUN_START = frozenset("并且居位列占比较")
# Units bound to the noun after them: 6大国有集团 counts 国有集团, whatever the clause before says.
NOUN_AFTER = frozenset({"大"})
# A completion rate written as a share of the plan (占计划的100%, 占年计划的105.6%): of the subject before it.
OF_PLAN = re.compile(r"^占(?:年度|全年|年)?(?:计划|目标|任务)的?$")
GENERIC = ("总数", "总量", "总额", "增加值", "营业收入", "主营业务收入", "总产值", "产值", "增速", "占比", "比重")
# The first value after a verb; a year (比1995年增长69%) is not one.
FIRST_NUMBER = re.compile(rf"{ARABIC_NUMBER}(?!年)|(?<![“\"])[零〇一二两三四五六七八九十百千]+(?=[^零〇一二两三四五六七八九十百千年”\"])")


# A growth target named without its subject: 把增长预期目标定在7.5%左右, 确定4.5%左右的增长目标, 7%左右的速度,
# 提出8%左右的国内生产总值增长目标. In a work report the growth target is the economy's.
_GROWTH_TARGET_BEFORE = re.compile(r"(?:^|把|将|的|今年)增长(?:预期)?目标(?:定为|定在|确定为|为|是)?$")
_GROWTH_TARGET_AFTER = re.compile(r"\s{0,2}(?:左右|以上)?的(?P<noun>[^，,。；;\d]{0,10}?)(?:增长|增速|速度)(?:预期)?(?:目标)?")


def growth_target_subject(clause: str, after: str) -> str | None:
    """The subject of a growth target whose clause names no indicator: the noun after the number (的国内生产总值
    增长目标), else the economy's growth; None when the words are not those of a growth target."""
    found = _GROWTH_TARGET_AFTER.match(after)
    if found and not clean_subject(clause):
        return found.group("noun") or "经济增长"
    if _GROWTH_TARGET_BEFORE.search(clause.strip()):
        return "经济增长"
    return None


def subject_of(s: str, match: re.Match, clause: str, state: dict, pair_subject: str | None) -> str:
    """The phrase the number is about, as written; carried from the previous fact when the clause has none."""
    if pair_subject:
        state["subject"] = pair_subject
        state.setdefault("recent", []).append(pair_subject)
        return pair_subject
    subject = clean_subject(clause)
    if match.groupdict().get("unit") in NOUN_AFTER:
        subject = following_noun(s, match.end()) or subject
    elif subject.endswith("等"):
        list_start = max((m.end() for m in LIST_START.finditer(s, max(0, match.start() - LOOKBACK), match.start())),
                         default=max(0, match.start() - LOOKBACK))
        subject = clean_subject(s[list_start:match.start()]) + following_noun(s, match.end())
    elif OF_PLAN.match(subject):
        subject = state["subject"]  # 产值540亿元，占计划的100%，同比下降2%: the plan is no subject of the next figure
    elif subject.startswith("占") or subject in GENERIC:
        head = state["subject"]
        for generic in GENERIC:
            head = head.removesuffix(generic)
        subject = re.sub(r"^新增", "", head) + subject.rstrip("的")
    elif not subject or subject in ("其",) or subject.endswith("的"):
        subject = following_noun(s, match.end()) or state["subject"]
    subject = subject or clause.strip() or "(no subject in the text)"
    state["subject"] = subject
    recent = state.setdefault("recent", [])
    if not recent or recent[-1] != subject:
        recent.append(subject)
    return subject


# The base of a comparison inside a clause (较“十三五”末的9323.1亿元增加…): no part of a subject.
_COMPARED_BASE = re.compile(r"[较比](?:“[^”]{0,6}”)?[^，,。；;“”\d]{0,8}?的?[\d.]+(?![\d.年])[万亿千百]*[元人户吨斤个项]?")


@lru_cache(maxsize=4096)
def clean_subject(phrase: str) -> str:
    phrase = _COMPARED_BASE.sub("", phrase.strip())
    for _ in range(3):  # verbs and fillers stack ("累计完成", "同比增长达到")
        phrase = TRAILING_VERBS.sub("", phrase)
        phrase = LEADING_FILLERS.sub("", phrase)
    return re.sub(r"\d+年内$|\d{4}年(?:的|末|底)?$", "", phrase).strip()


def following_noun(s: str, position: int) -> str:
    if s[position:position + 1] in _NOT_A_NOUN_START:  # 突破40万亿元并连续多年居世界首位: no noun follows
        return ""
    tail = s[position:position + 16]
    tail = NOT_A_NOUN.sub("", re.split(r"[，,。；;、：:（(]", tail, maxsplit=1)[0])
    verb = VERBS_AFTER.search(tail)
    return tail[:verb.start()] if verb else tail


def paired(s: str, match: re.Match, state: dict) -> tuple[str | None, str] | None:
    """For 'A、B分别…X和Y': this value's subject (A for X, B for Y) and the verb after 分别.

    A later '分别增长5%和6.5%' with no list of its own pairs with the sentence's previous list; with no
    list at all, the verb still governs every value (subject None: the caller carries it over).
    'A、B达到X、Y' (as many values as subjects, no 分别) pairs the same way.
    """
    window_start = max(0, match.start() - 2 * LOOKBACK)
    head = s[window_start:match.start()]
    at = head.rfind("分别")
    if at < 0 or LIST_START.search(head, at):
        return _implicit_pair(s, match, head, state) or _value_list_pair(s, match, head, state)
    starts = [m.end() for m in LIST_START.finditer(head, 0, at)]
    clause_start = starts[-1] if starts else 0
    subjects = [p for p in re.split(r"[、和及与]", clean_subject(head[clause_start:at])) if p]
    if len(subjects) == 1 and subjects[0].startswith("城乡"):  # 城乡居民收入分别增长5%、6.5%: urban, then rural
        subjects = ["城镇" + subjects[0][2:], "农村" + subjects[0][2:]]
    after = head[at + 2:]
    first_value = FIRST_NUMBER.search(after)
    values_before = len(FIRST_NUMBER.findall(after))
    if len(subjects) < 2:
        subjects = state.get("pair_items", [])
    before_clause = head[starts[-2] if len(starts) > 1 else 0:starts[-1] - 1] if starts else ""
    if len(subjects) < 2 and not subjects and before_clause and not FIRST_NUMBER.search(before_clause):
        # 城镇…和农村…收入，2000年分别达到: the list is the clause before, which holds no figure
        subjects = [p for p in re.split(r"[、和及与]", clean_subject(before_clause)) if p]
    if len(subjects) < 2:
        # 城镇居民收入达到10493元，农村居民收入达到3255元，分别增长9.6%和6.2%: the list is the figures before it.
        count = values_before + len(FIRST_NUMBER.findall(re.split(r"[，,；;。]", s[match.start():])[0]))
        recent = state.get("recent", [])
        subjects = recent[-count:] if 2 <= count <= len(recent) else []
    verb = after[:first_value.start()] if first_value else after
    if len(subjects) < 2 or values_before >= len(subjects):
        return None, verb
    state["pair_items"] = subjects
    return complete_pair(subjects, values_before), verb


def _implicit_pair(s: str, match: re.Match, head: str, state: dict) -> tuple[str, str] | None:
    clause_start = max((m.end() for m in LIST_START.finditer(head)), default=0)
    found = _IMPLICIT_LIST.match(head, clause_start)
    if not found or "分别" in found.group("items"):
        return None
    values_before = len(FIRST_NUMBER.findall(found.group("values")))
    subjects = [p for p in re.split(r"[、和及与]", clean_subject(found.group("items"))) if p]
    values = FIRST_NUMBER.findall(found.group("values") + s[match.start():match.start() + LOOKBACK].split("，")[0]
                                  .split(",")[0].split("；")[0])
    if len(subjects) < 2 or len(values) != len(subjects) or values_before >= len(subjects):
        return None
    state["pair_items"] = subjects
    return complete_pair(subjects, values_before), found.group("verb")


_VALUE_LIST = re.compile(rf"(?P<prefix>[^，,；;：:（(。\d]*?)(?P<values>{ARABIC_NUMBER}\s{{0,2}}(?:%|个百分点|[^\d、和，,；;。]{{0,3}})"
                         rf"(?:\s{{0,2}}[、和]\s{{0,2}}{ARABIC_NUMBER}\s{{0,2}}(?:%|个百分点|[^\d、和，,；;。]{{0,3}}))+)")


def _value_list_pair(s: str, match: re.Match, head: str, state: dict) -> tuple[str, str] | None:
    """A list of values with no list of subjects (城镇…15781元，农村…4761元，实际增长8.4%和8%; 城乡居民收入年均增长
    5.3%、8.1%): its subjects are 城镇 and 农村 of a 城乡 subject, or the figures just before it."""
    clause_start = max((m.end() for m in LIST_START.finditer(head)), default=0)
    found = _VALUE_LIST.match(s, match.start() - len(head) + clause_start)
    if not found or not found.start("values") <= match.start() < found.end("values"):
        return None
    values = [m.start() for m in re.finditer(ARABIC_NUMBER, found.group("values"))]
    index = values.index(match.start() - found.start("values")) if match.start() - found.start("values") in values else -1
    cached = state.get("value_list")
    if cached and cached[0] == found.start():  # the later values of a list pair with the subjects its first found
        return (cached[1][index], found.group("prefix")) if 0 <= index < len(cached[1]) else None
    subject = clean_subject(found.group("prefix"))
    items = [item for item in re.split(r"[、和及与]", subject) if item]
    if subject.startswith("城乡") and len(values) == 2:
        subjects = ["城镇" + subject[2:], "农村" + subject[2:]]
    elif len(items) == len(values) >= 2:  # 城镇居民收入和农村居民收入实际增长8.4%和11.4%
        subjects = [complete_pair(items, index) for index in range(len(items))]
    elif not subject and len(state.get("recent", [])) >= len(values):
        subjects = state["recent"][-len(values):]
    else:
        return None
    state["value_list"] = (found.start(), subjects)
    return (subjects[index], found.group("prefix")) if index >= 0 else None


_SHORT_ITEM = 4


# Words a pair's items share from (城镇、农村|居民人均可支配收入; 基础设施、制造业|投资).
_SHARED_START = re.compile(r"常住|人均|建成|居民|农民|职工|企业|产业|行业|投资|增加值|收入|支出|消费|排放|贷款|项目|工程|人口|面积|产量|"
                           r"总额|总量|规模|比重|占比|产值|销售|营业|零售|出口|进口|利用|医院|学校")


def complete_pair(subjects: list[str], index: int) -> str:
    """Share the head noun of the last item and the prefix of the first.

    纳税过千万元、过百万元企业 -> 纳税过千万元企业, 纳税过百万元企业; 国家级、省级专精特新企业 ->
    国家级专精特新企业, 省级专精特新企业.
    """
    first, last = subjects[0], subjects[-1]
    # Only a short item before the shared noun (省级…企业, 贷款余额, 过百万元企业) takes it: in 城镇新增就业、新增发放
    # 创业担保贷款 the second item is a noun of its own, and 就业 takes nothing from 创业担保贷款.
    joint = last.find(first[-1])
    suffix = last[joint + 1:] if 0 <= joint < _SHORT_ITEM else ""
    if not suffix and len(first) <= 4 < len(last):
        # 城镇、农村居民人均可支配收入: a short modifier shares what follows the last item's modifier, from a word the
        # items share (居民…, 产业增加值); where the cut at the first item's length falls inside a word
        # (基础设施、房地产开发投资; 基建、制造业投资), from the first such word of the last item
        tail = last[len(first):]
        shared_word = _SHARED_START.search(last, 1)
        suffix = tail if _SHARED_START.match(tail) else last[shared_word.start():] if shared_word else tail
    shared = first.find(last[0])
    prefix = first[:shared] if shared > 0 else ""
    item = subjects[index]
    if prefix and not item.startswith(prefix):
        item = prefix + item
    if suffix and not item.endswith(suffix):
        item += suffix
    return item
