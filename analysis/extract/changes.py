"""Changes written from → to (制造业贷款余额从16.3万亿元增加到27.4万亿元): one figure, the end value, whose
subject is what stands before 从 and whose starting value is kept beside it, not a figure of its own."""
from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.extract.units import Vocabulary

# 从 or 由 before the starting value, with at most a year or a few words between (从2020年的, 从月销售额).
_FROM = re.compile(r"(?:从|由)(?:\d{4}年(?:的|末|底)?|[^，,。；;：:、\d从由]{0,8})$")
# Between the two values: the verb and 到/至, maybe a year and a qualifier (增长到2025年的, 提高到近).
_TO = re.compile(r"^(?:多|余)?[^，,。；;：:、\d]{0,10}?(?:到|至)(?:(?:\d{4}年|去年|上年|今年)(?:的|末|底)?)?(?:近|约|超过|超)?\s{0,2}$")
_CLAUSE_BREAK = re.compile(r"[，,；;：:（(。]")


@dataclass(frozen=True)
class Change:
    """The starting value's match and the words that make the end value's clause: head (before 从) and
    verb (between the values: 增加到)."""

    start: re.Match
    head: str
    verb: str
    opens_at: int  # where 从/由 stands in the sentence
    to_words: str  # the words between the values as written, a year included (降到去年的, 增长到2025年的)


def find_changes(s: str, matches: list[re.Match]) -> dict[int, Change]:
    """The changes of a sentence, keyed by the start of each end value's match."""
    found: dict[int, Change] = {}
    kept: list[re.Match] = []
    for match in matches:  # a numeral inside another match (the 万 of 2552万辆) is no value of its own
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    for first, second in zip(kept, kept[1:]):
        between = s[first.end():second.start()]
        before = s[max(0, first.start() - 40):first.start()]
        opener = _FROM.search(before)
        if not opener or not _TO.match(between) or first.groupdict().get("high"):
            continue
        breaks = [m for m in _CLAUSE_BREAK.finditer(before, 0, opener.start())]
        head = before[breaks[-1].end() if breaks else 0:opener.start()]
        if not head.strip() and breaks:  # 城镇居民人均可支配收入，由5160元增加到7703元: the subject is the clause before
            head = before[breaks[-2].end() if len(breaks) > 1 else 0:breaks[-1].start()]
        verb = re.sub(r"(?:\d{4}年|去年|上年|今年)(?:的|末|底)?", "", between.lstrip("多余"))  # 增加到2002年的: 增加到
        opens_at = first.start() - len(before) + opener.start()
        found[second.start()] = Change(first, head, verb, opens_at, between)
    return found


def starting_value(change: Change, unit: str, vocabulary: Vocabulary) -> float:
    """The starting value in the end value's unit (4500多公里 → 近1万公里: 0.45 万公里); NaN when the two
    units do not convert (a share from a count)."""
    first_unit = (change.start.group("scale") or "") + change.start.group("unit")
    try:
        first = float(change.start.group("num").replace(",", ""))
    except ValueError:  # a Chinese numeral
        return float("nan")
    try:
        first_factor, first_base = vocabulary.split(first_unit)
        factor, base = vocabulary.split(unit)
    except ValueError:
        return float("nan")
    if first_base != base:
        return float("nan")
    return round(first * first_factor / factor, 10)
