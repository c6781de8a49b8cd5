"""What a number measures (level, growth, share, change in points), its qualifier and its price or coverage basis."""
from __future__ import annotations

import re

from analysis.extract.numerals import ARABIC_NUMBER

# Growth verbs directly before the number, with the words that may stand between them and it
# (增长超15%, 增长近20%, 增长达到6%).
_GROWTH_BEFORE = re.compile(
    r"(?P<verb>增长|增速|增幅|涨幅|降幅|上涨|提高|提升|上升|下降|降低|减少|下滑|回落|收窄|增|降|减)"
    r"(?:了|为|达到|达|约|超过|首超|超出|超|逾|突破|接近|将近|近|不低于|不超过|在|保持在|控制在)?$")
_DECLINE = frozenset({"下降", "降低", "降幅", "减少", "下滑", "回落", "收窄", "降", "减"})
# A rate of growth named before its number, with the target words between: 经济增长预期目标为, 增速回落到.
_GROWTH_NAMED = re.compile(r"(?:增长|增速|增幅|涨幅|增长率|增长速度)(?:的)?(?:预期)?(?:目标|预期目标|调控目标)?"
                           r"(?:定为|定在|确定为|设定为|拟定为|为|是|在|回落到|回落至|降到|降至|控制在|保持在|稳定在|达到|达|到)?$")
# …or after it: 7%左右的增长目标, 8%左右的速度.
_GROWTH_AFTER = re.compile(r"\s{0,2}(?:左右|以上)?的[^，,。；;\d]{0,10}?(?:增长|增速|速度)")
# Earlier values of a list before this one (增长69%和, 9.8%、): the verb before them governs this value too.
_LIST_BEFORE = re.compile(rf"(?:{ARABIC_NUMBER}\s{{0,2}}(?:%|个百分点)?(?:左右|以上)?\s{{0,2}}[和、及与]\s{{0,2}})+$")
_COMPARISON_AT_END = re.compile(r"(?:同比|比上年|年均|分别)$")
_ABOUT_BEFORE = re.compile(r"(?:约|大约|大概)$")
# 超/首超/突破/逾 (more than) bound a figure from below; 近/接近/不足 (nearly, short of) from above.
# A milestone passed (跨越5000亿元大关, 跃上1.4万亿斤, 连跨两个万亿元台阶) is a floor too.
_AT_LEAST_BEFORE = re.compile(r"(?:不低于|不少于|突破|(?<!不)超过|(?<!不)超出|首超|(?<![不超])超|逾|(?<!不)高于|跨越|跨过|跨上|"
                              r"连跨|跃上|迈上|跃升至|跃升到)$")
_AT_MOST_BEFORE = re.compile(r"(?:不超过|不高于|控制在|低于|最多|接近|将近|(?<![最附])近|不足|不到)$")
AFTER_QUALIFIER = re.compile(r"\s{0,2}(?P<q>左右|以上|及以上|以内|以下|之内)")
FLIPPED = {"at_least": "at_most", "at_most": "at_least"}

# Price or coverage basis of a growth figure, as the text states it. The short words count only directly
# before the growth verb (实际增长), so 实际利用外资 stays an indicator's name; the 按…计算 phrases may
# stand anywhere between the previous figure and this one. 同比 / 比上年 name the comparison period,
# which every growth figure has: they are not a basis.
_BASIS_WORDS = {"实际": "real", "按可比价格计算": "real", "按可比价计算": "real", "按不变价格计算": "real",
                "可比价": "real", "名义": "nominal", "按现价计算": "nominal", "按当年价格计算": "nominal",
                "同口径": "same_scope", "可比口径": "same_scope", "按可比口径计算": "same_scope", "可比": "comparable"}
_BASIS_PHRASE = re.compile(r"按(?:可比价格|可比价|不变价格|现价|当年价格|可比口径)计算")
_BASIS_BEFORE_VERB = re.compile(r"(?P<w>按可比口径计算|可比口径|同口径|可比价|可比|实际|名义)[，,]?(?:同比|比上年)?"
                                r"(?:增长|增速|增幅|下降|提高|减少|增|降)")
_LAST_NUMBER = re.compile(rf"{ARABIC_NUMBER}")
_LIST_ITEM = rf"\s{{0,2}}[、和及]\s{{0,2}}{ARABIC_NUMBER}\s{{0,2}}(?:%|个百分点|[^\d、和及，,；;。：:（(左以之]{{0,4}})"


def measure_of(clause: str, unit: str, percent_units: frozenset[str], after: str = "") -> tuple[str, int]:
    """Measure and sign: decline verbs make growth negative; a percentage without a growth verb is a share,
    unless the clause names a rate of growth (经济增长预期目标为7%左右, 涨幅回落到2.6%) or the words after
    the number do (7%左右的增长目标)."""
    stripped = _LIST_BEFORE.sub("", _COMPARISON_AT_END.sub("", clause.rstrip()))  # 增长69%和67%: 67 grows too
    growth = _GROWTH_BEFORE.search(stripped)
    sign = -1 if growth and growth.group("verb") in _DECLINE else 1
    if unit in ("个百分点", "百分点"):
        return "change_pp", sign
    if unit in percent_units:
        named = _GROWTH_NAMED.search(stripped) or _GROWTH_AFTER.match(after)
        return ("growth", sign) if growth or named else ("share", 1)
    return "level", 1


def qualifier_of(s: str, end: int, clause: str, approx: bool) -> str | None:
    """about / at_least / at_most from the words after the number (左右, 以上) or before it (约, 超过, 近)."""
    after = AFTER_QUALIFIER.match(s, end)
    if after:
        word = after.group("q")
        return "about" if word == "左右" else "at_least" if word in ("以上", "及以上") else "at_most"
    if approx:
        return "at_least"
    if _ABOUT_BEFORE.search(clause):
        return "about"
    if _AT_LEAST_BEFORE.search(clause):
        return "at_least"
    if _AT_MOST_BEFORE.search(clause) or kept_within(clause):
        return "at_most"
    return None


def kept_within(clause: str) -> bool:
    """Whether the number is what something was kept within (控制在…): a ceiling for a target, the value for
    an outcome."""
    return bool(re.search(r"控制在[^，,；;]{0,6}$", clause))


def list_qualifier(s: str, end: int) -> str | None:
    """The qualifier written after the last value of a 分别 list that continues after `end`.

    Rule: in 'X、Y分别增长a%和b%左右' a qualifier after the last value covers every value of the list
    that has none of its own; a value with its own (a%以上和b%左右) keeps it.
    """
    tail = re.compile(f"(?:{_LIST_ITEM})+").match(s, end)
    if not tail:
        return None
    return qualifier_of(s, tail.end(), "", False)


def basis_of(before: str) -> str | None:
    """The basis stated between the previous number of the sentence and this one, else None."""
    numbers = list(_LAST_NUMBER.finditer(before))
    segment = before[numbers[-1].end():] if numbers else before
    phrase = _BASIS_PHRASE.search(segment)
    if phrase:
        return _BASIS_WORDS[phrase.group()]
    word = None
    for word in _BASIS_BEFORE_VERB.finditer(segment):
        pass
    return _BASIS_WORDS[word.group("w")] if word else None
