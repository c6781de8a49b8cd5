"""The parts of a whole work report, from its headings and the paragraphs that open them: the review of last
year and of the plan period, the new plan period's goals, this year's targets and tasks, the government's own
work (一、2025年工作回顾 / （一）… / "十五五"时期主要目标任务 / 2026年重点工作)."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

OPENING, REVIEW, REVIEW_YEAR, REVIEW_PLAN = "opening", "review", "review_year", "review_plan"
PLAN_PERIOD, PLAN_YEAR, TASKS, GOVERNMENT = "plan_period", "plan_year", "tasks", "government"
REVIEWS = frozenset({REVIEW, REVIEW_YEAR, REVIEW_PLAN})
PLANS = frozenset({PLAN_PERIOD, PLAN_YEAR, TASKS, GOVERNMENT})

_NUMERAL = "一二三四五六七八九十"
# A numbered top-level heading (一、…, 第一部分 …) on a line of its own.
_NUMBERED = re.compile(rf"^(?:第([{_NUMERAL}]{{1,3}})部分[:：、，,\s]*|([{_NUMERAL}]{{1,3}})、\s*)(?P<title>.*)$")
_SUBHEADING = re.compile(rf"^[（(][{_NUMERAL}]{{1,3}}[）)]")
HEADING_MAX = 48  # a heading line is short; a body paragraph that happens to start with 一、 is not
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
        parts.extend(_switches(lines, start, end, name, report_year))
    return parts


# A text whose lines run longer than this on average has lost its paragraph breaks (a scraped CSV cell, a
# page copied as one line): its sentences stand in for its paragraphs.
FLAT_LINE = 400
_SENTENCE = re.compile(r"[^。！!？?；;\n]+[。！!？?；;]*[”’」』]*")
# A numbered heading at a sentence's start (…请予审议。一、2025年工作回顾过去一年，…), and a sub-heading run on
# after its part's heading (…2026年重点工作（一）扩大…), where a piece is cut.
_HEADING_AT = re.compile(rf"第[{_NUMERAL}]{{1,3}}部分|(?<![{_NUMERAL}])[{_NUMERAL}]{{1,3}}、|[（(][{_NUMERAL}]{{1,3}}[）)]")
# An unnumbered title names its year or period (2026年重点工作, "十四五"时期工作回顾); 法治政府建设 is a phrase.
_DATED = re.compile(r"\d{4}年|十[一二三四五六七八九]?五|今年|今后五年|未来五年|过去五年|过去一年")
# …but a clause is no title (把做好今年工作和实现"十一五"规划目标…; 2026年政府工作主要是围绕…).
_CLAUSE_WORDS = re.compile(r"把|(?<![主重需纲概])要(?![求点素])|是|将|我们|必须|确保|为了")
_NUMBERED_AT = re.compile(rf"(?<![{_NUMERAL}第])[{_NUMERAL}]{{1,3}}、")
_SUBHEADING_AT = re.compile(rf"[（(][{_NUMERAL}]{{1,3}}[）)]")
# The end of a heading's title run into its first paragraph: the last heading word before the first comma.
_TITLE_END = re.compile(r"回顾|成就|工作|目标任务|目标|任务|要求|建设|安排|取向|部署|考虑|建议")
_SALUTATION = re.compile(r"各位代表[：:，,！!]")
_CLAUSE_END = re.compile(r"[，,：:。；;！!？?]")


def text_lines(view: str) -> tuple[list[tuple[int, str]], bool]:
    """(offset, text) of each non-blank line, and False; for a text without paragraph breaks (FLAT_LINE),
    of each sentence, with a heading run into the text split off as a line of its own, and True."""
    lines = [(m.start() + len(m.group()) - len(m.group().lstrip()), m.group().strip())
             for m in re.finditer(r"[^\n]+", view) if m.group().strip()]
    if not lines or len(view) / len(lines) <= FLAT_LINE:
        return lines, False
    found: list[tuple[int, str]] = []
    for sentence in _SENTENCE.finditer(view):
        inside = range(sentence.start() + 1, sentence.end())
        cuts = [sentence.start()] + sorted(
            [m.start() for m in _SUBHEADING_AT.finditer(view, inside.start, inside.stop)
             if view[m.start() - 1] not in "，,、；;和及与"] +
            [m.start() for m in _NUMBERED_AT.finditer(view, inside.start, inside.stop)  # …提出意见一、2011年工作回顾
             if view[m.start() - 1] not in "，,、；;：:和及与" and _dated_title(view[m.start():inside.stop])] +
            [m.start() for m in _SALUTATION.finditer(view, inside.start, inside.stop)])
        cuts.append(sentence.end())
        for start, end in zip(cuts, cuts[1:]):
            piece = view[start:end]
            # a title run into its paragraph ("十四五"时期工作回顾五年来，…) is cut off; `_headings` then judges it
            end_of_title = _title_end(piece)
            if end_of_title is not None and (_HEADING_AT.match(piece) or end_of_title <= 30 and _dated_title(piece)):
                found.append((start, piece[:end_of_title]))
                start, piece = start + end_of_title, piece[end_of_title:]
            if piece.strip():
                found.append((start + len(piece) - len(piece.lstrip()), piece.strip()))
    return found, True


def _dated_title(piece: str) -> bool:
    """Whether a piece opens with a title that names its year or period (`_title_end`, _DATED)."""
    end = _title_end(piece)
    return end is not None and bool(_DATED.search(piece, 0, end))


def _title_end(piece: str) -> int | None:
    """Where a heading's title ends in a piece that runs on into its first paragraph (一、2025年工作回顾过去一年，
    …: after 回顾), or None when the piece's first clause is all heading (一、聚焦工业发展加力提速，…。)."""
    clause = _CLAUSE_END.search(piece)
    first = clause.start() if clause else len(piece)
    ends = [m.end() for m in _TITLE_END.finditer(piece, 0, min(first, HEADING_MAX)) if m.end() < first]
    # the longest title that is no clause ("十五五"时期的主要目标任务 of …任务"十五五"时期是我国…)
    titles = [end for end in ends if not _CLAUSE_WORDS.search(piece, 0, end)]
    return titles[-1] if titles else None


def part_at(parts: list[Part], offset: int) -> Part | None:
    """The part the text at `offset` belongs to, or None for a text without parts."""
    index = bisect_right([p.start for p in parts], offset) - 1
    return parts[index] if index >= 0 else None


def _headings(lines: list[tuple[int, str]], year: int | None, flat: bool = False) -> list[tuple[int, str, str]]:
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
        if numbered and (flat or len(line) <= HEADING_MAX and "。" not in line[:-1]):
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
        if found and found[-1][1] == PLAN_PERIOD and opens and (not opens.group(1) or int(opens.group(1)) == year):
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


def _switches(lines: list[tuple[int, str]], start: int, end: int, name: str, year: int | None) -> list[Part]:
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
            if opens and (not opens.group(1) or year is None or int(opens.group(1)) == year):
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
