"""The parts of a whole work report, from its headings and the paragraphs that open them: the review of last
year and of the plan period, the new plan period's goals, this year's targets and tasks, the government's own
work (一、2025年工作回顾 / （一）… / "十五五"时期主要目标任务 / 2026年重点工作)."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from analysis.extract.flat import HEADING_MAX, NUMERAL as _NUMERAL, TARGET_CUE, flat_heading, text_lines

OPENING, REVIEW, REVIEW_YEAR, REVIEW_PLAN = "opening", "review", "review_year", "review_plan"
PLAN_PERIOD, PLAN_YEAR, TASKS, GOVERNMENT = "plan_period", "plan_year", "tasks", "government"
REVIEWS = frozenset({REVIEW, REVIEW_YEAR, REVIEW_PLAN})
PLANS = frozenset({PLAN_PERIOD, PLAN_YEAR, TASKS, GOVERNMENT})

# A numbered top-level heading (一、…, 第一部分 …) on a line of its own.
_NUMBERED = re.compile(rf"^(?:第([{_NUMERAL}]{{1,3}})部分[:：、，,\s]*|([{_NUMERAL}]{{1,3}})、\s*)(?P<title>.*)$")
_SUBHEADING = re.compile(rf"^[（(][{_NUMERAL}]{{1,3}}[）)]")
_QUOTE = "[“”\"「」『』]?"
# Five-year plans by their number: the k-th plan (k ≥ 3) runs from 1966 + 5(k - 3).
_PLAN_NAME = re.compile(r"[“”\"「」『』](十)?([一二三四五六七八九])?五[“”\"「」『』]|(?<![\d一二三四五六七八九十])(十)?([一二三四五六七八九])?五"
                        r"(?=时期|期间|计划|规划|末|以来)|第(十)?([一二三四五六七八九])?个五年")
_YEAR = re.compile(r"(\d{4})年")
_REVIEW_WORDS = re.compile(r"回顾|总结|成就|工作情况|发展历程|过去(?:的)?一年|过去五年|一年来|五年来|去年工作|新进展|新成就")
_PLAN_WORDS = re.compile(r"目标|任务|部署|要求|建议|安排|取向|考虑|工作|规划|方针")
_GOVERNMENT_WORDS = re.compile(r"政府自身|自身建设|政府建设|政风|作风|政府治理|服务型政府|从严治政|党的全面领导贯穿政府")
_TERM_WORDS = re.compile(r"五年|十年|本届|任期")
# Paragraphs that switch a review between last year and the plan period ("刚刚过去的2025年" / "五年来").
_ADDRESS = r"^(?:各位代表[！!，,：:]?\s*)?"
_OPENS_YEAR = re.compile(_ADDRESS + r"(?:刚刚)?(?:过去(?:的)?一年|一年来|去年|过去的(\d{4})年|(\d{4})年[，,是]|\d{4}年以来)")
_OPENS_TERM = re.compile(_ADDRESS + rf"(?:过去(?:的)?五年|五年来|这五年|五年历程|本届政府|{_QUOTE}十[一二三四五六七八九]?五{_QUOTE}(?:时期|期间|以来))"
                         rf"|{_ADDRESS}.{{0,24}}?(?:回望|标志着){_QUOTE}十[一二三四五六七八九]?五")
_TERM_SOON = re.compile(r"五年来|过去五年|这五年|回望")
# The paragraph after a review that weighs what is still wrong: it belongs to neither year nor term.
_OPENS_PROBLEMS = re.compile(_ADDRESS + r"(?:同时|在看到成绩的同时|在肯定成绩的同时|在总结成绩和经验的同时|成绩固然可喜|"
                             r"我们也清醒(?:地)?(?:看到|认识到)|.{0,20}?我们也清醒(?:地)?(?:看到|认识到))")
# In a plan part, an address that turns to the government's own conduct.
_OPENS_GOVERNMENT = re.compile(_ADDRESS[:-1] + r"[^。]{0,40}?(?:政府自身建设|人民满意的政府|各级政府|政府工作提出)")
_OPENS_PLAN_YEAR = re.compile(r"^(?:各位代表[！!，,]?)?(?:今年|(\d{4})年)(?:是|经济社会发展|政府工作|的?主要预期目标|发展的?主要预期目标)")


@dataclass(frozen=True)
class Part:
    """Where a part of the report starts (an offset of the text) and what it is."""

    start: int
    name: str
    heading: str


def plan_years(number: int) -> tuple[int, int]:
    """First and last year of the `number`-th five-year plan (15 -> 2026, 2030)."""
    first = 1966 + 5 * (number - 3)
    return first, first + 4


def named_plan(text: str) -> tuple[int, int] | None:
    """The years of the first five-year plan `text` names ("十四五" -> 2021, 2025), else None."""
    found = _PLAN_NAME.search(text)
    if not found:
        return None
    groups = found.groups()
    for ten, digit in (groups[0:2], groups[2:4], groups[4:6]):
        if ten or digit:
            return plan_years((10 if ten else 0) + ("一二三四五六七八九".index(digit) + 1 if digit else 0))
    return None


def report_parts(view: str, report_year: int | None) -> list[Part]:
    """The parts of a report in order; empty when the text has no headings a part can be told from (a news
    summary): its sentences are then placed by their cue words instead."""
    lines, flat = text_lines(view)
    headings = _headings(lines, report_year, flat)
    if not headings:
        return []
    parts = [Part(0, OPENING, "")] if headings[0][0] > 0 else []
    for number, (start, name, title) in enumerate(headings):
        parts.append(Part(start, name, title))
        end = headings[number + 1][0] if number + 1 < len(headings) else len(view)
        parts.extend(_switches(lines, start, end, name, report_year, flat))
    return parts


def part_at(parts: list[Part], offset: int) -> Part | None:
    """The part the text at `offset` belongs to, or None for a text without parts."""
    index = bisect_right([p.start for p in parts], offset) - 1
    return parts[index] if index >= 0 else None


def _headings(lines: tuple[tuple[int, str], ...], year: int | None, flat: bool = False) -> list[tuple[int, str, str]]:
    """(offset, part, title) of each top-level heading: numbered ones in sequence from 一, or short lines
    that name a part by themselves ("十四五"时期工作回顾, 2026年重点工作). In a `flat` text (`text_lines`) a
    numbered heading may run on into its paragraph: its number in sequence is enough, its first
    HEADING_MAX characters its title."""
    found: list[tuple[int, str, str]] = []
    expected = 1
    turned = False  # a plan-period part has turned to this year (今年是"十五五"开局之年…): its next heading is a task
    # The title, meeting and source lines before the salutation (各位代表：) are no part's heading.
    body = next((i for i, (_, line) in enumerate(lines) if line.startswith("各位代表")), 0)
    for index in range(body, len(lines)):
        start, line = lines[index]
        following = lines[index + 1][1] if index + 1 < len(lines) else ""
        numbered = _NUMBERED.match(line)
        previous = lines[index - 1][1] if index > body else "。"
        if numbered and (flat_heading(line, previous) if flat else len(line) <= HEADING_MAX and "。" not in line[:-1]):
            number = _numeral(numbered.group(1) or numbered.group(2))
            if number == expected:
                expected += 1
                title = numbered.group("title")[:HEADING_MAX]
                found.append((start, _kind(title, following, year, found, turned), line[:HEADING_MAX]))
                turned = False
                continue
        after_sentence = index == body or lines[index - 1][1][-1] in "。！!？?：:；;…”\"）)】》"
        if after_sentence and len(line) <= 30 and not re.search(r"[，,。；;！!：:]|报告(?!\d{4}年)", line):
            name = _unnumbered_kind(line, year, found)
            if name:
                found.append((start, name, line))
                turned = False
                continue
        opens = _OPENS_PLAN_YEAR.match(line)
        if found and found[-1][1] == PLAN_PERIOD and opens and (not opens.group(1) or int(opens.group(1)) == year) \
                and (not flat or TARGET_CUE.search(line)):
            turned = True
    return found


def _numeral(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _NUMERAL.index(text[1]) + 1
    return _NUMERAL.index(text[0]) + 1 + (10 if len(text) > 1 else 0)


def _kind(title: str, following: str, year: int | None, before: list[tuple[int, str, str]],
          turned: bool = False) -> str:
    """What a numbered heading's part is. A heading no word places (a slogan: 一张蓝图绘到底) is placed by
    the paragraph after it, then by the parts before it: the first part of a report is its review; a
    heading after the plan is a task."""
    named = _unnumbered_kind(title, year, before)
    if named:
        return named
    if _GOVERNMENT_WORDS.search(title):
        return GOVERNMENT
    if not before:
        return REVIEW
    opens = _OPENS_PLAN_YEAR.match(following)
    if before[-1][1] == PLAN_PERIOD and not opens:
        # a plan report's chapters after its goals are the plan period's tasks; after a turn to this year
        # (内蒙古 2026: "十五五"时期主要目标和2026年重点工作 …今年是…, then 一、…) this year's
        return TASKS if turned else PLAN_PERIOD
    if before[-1][1] in REVIEWS | {PLAN_PERIOD} and opens and (not opens.group(1) or int(opens.group(1)) == year):
        return PLAN_YEAR
    plan = named_plan(following[:40])
    if before[-1][1] in REVIEWS and plan is not None and year is not None and plan[0] >= year:
        return PLAN_PERIOD
    return TASKS if before[-1][1] in PLANS else PLAN_YEAR


def _unnumbered_kind(title: str, year: int | None, before: list[tuple[int, str, str]]) -> str | None:
    """The part a heading names by its words, or None."""
    if _GOVERNMENT_WORDS.search(title) and not _REVIEW_WORDS.search(title):
        return GOVERNMENT
    plan = named_plan(title)
    years = [int(y) for y in _YEAR.findall(title)]
    past_year = any(year is not None and y < year for y in years) or re.search(r"过去(?:的)?一年|一年来|去年", title)
    if _REVIEW_WORDS.search(title) or re.match(r"首先报告", title):
        ending = plan is not None and year is not None and plan[1] < year or _TERM_WORDS.search(title)
        if ending and past_year:
            return REVIEW
        return REVIEW_PLAN if ending else REVIEW_YEAR
    if not _PLAN_WORDS.search(title):
        return None
    if plan is not None and year is not None and plan[0] >= year:
        return PLAN_PERIOD
    if re.search(r"今后五年|未来五年", title):
        return PLAN_PERIOD
    if any(y == year for y in years) or "今年" in title or "明年" in title:
        return PLAN_YEAR  # its tasks begin at its first numbered sub-heading
    return None


def _switches(lines: tuple[tuple[int, str], ...], start: int, end: int, name: str, year: int | None,
              flat: bool = False) -> list[Part]:
    """Sub-parts inside one part: a review that moves between last year and the plan period, a plan-period
    part that turns to this year, a plan that reaches its numbered tasks ((一) …)."""
    found: list[Part] = []
    current = name
    for offset, line in lines:
        if not start < offset < end:
            continue
        switch = None
        opens_plan = _OPENS_PLAN_YEAR.match(line)
        if current in REVIEWS and opens_plan and year is not None and (opens_plan.group(1) or "") in ("", str(year)):
            switch = PLAN_YEAR  # 2000年是世纪交替之年…: the review has turned to this year
        elif current in REVIEWS:
            opens_year = _OPENS_YEAR.match(line)
            named = opens_year and (opens_year.group(1) or opens_year.group(2))
            if _OPENS_PROBLEMS.match(line):
                switch = REVIEW
            elif _OPENS_TERM.match(line) or (named and _TERM_SOON.search(line[:40]) and "一年来" not in line[:40]):
                switch = REVIEW_PLAN  # 2025年是"十四五"收官之年。五年来…: the year opens a review of the term
            elif opens_year and (not named or year is None or int(named) == year - 1):
                switch = REVIEW_YEAR
        elif current == PLAN_PERIOD:
            opens = _OPENS_PLAN_YEAR.match(line)
            if opens and (not opens.group(1) or year is None or int(opens.group(1)) == year) and \
                    (not flat or TARGET_CUE.search(line)):
                switch = PLAN_YEAR
        if current == PLAN_YEAR and _SUBHEADING.match(line):
            switch = TASKS
        plan = named_plan(line[:30]) if _SUBHEADING.match(line) and current in (PLAN_PERIOD, REVIEW_PLAN) else None
        if plan is not None and year is not None:  # a plan report's (二)"十五"期间…主要情况 reviews the ending plan
            switch = REVIEW_PLAN if plan[1] < year else PLAN_PERIOD
        if current == TASKS and line.startswith("各位代表") and _OPENS_GOVERNMENT.match(line):
            switch = GOVERNMENT
        if switch and switch != current:
            found.append(Part(offset, switch, line[:24]))
            current = switch
    return found
