"""Where a sentence stands in a work report: review part (actuals) or plan part (targets), and which year."""
from __future__ import annotations

import re
from collections import Counter

from analysis.extract import parts as report_parts
from analysis.text.layout import Sentence

REVIEW = "review"
PLAN = "plan"
# Headings and openers that start the review of the past year ("第一部分：2022年工作回顾",
# "一、过去一年工作回顾", "过去一年，…", "韩耀辉说，过去一年，…").
_REVIEW_CUE = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|.{0,8}?(?:说|指出|表示|报告)[，,:：])?"
    r"[^，,。]{0,12}?(?:工作回顾|过去一年|过去的一年|过去五年|一年来|回顾)"
    r"|报告总结了?(?:过去|去年|一年|上年)")
# Plan part: headings on this year's work and the statement of the main targets.
_PLAN_CUE = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)?[^，,。]{0,10}?(?:\d{4}年|今年)?(?:政府)?工作(?:安排|任务|建议|总体要求)"
    r"|主要预期目标|主要目标是|预期目标是|发展目标是"
    # Summaries without headings: "展望新的一年", "报告提出今年…的主要目标", "今年全县发展的目标是".
    r"|展望(?:新的一年|今年|明年|\d{4}年)|新的一年[，,]|报告提出[^。]{0,30}?(?:今年|目标|任务)"
    r"|今年[^。]{0,20}?目标(?:是|为|：|:)")
# A speaker's summary that opens on a year: "区长在报告中说，2021年全区经济运行稳中向好" (review if the
# year is before the report's, plan if it is the report's year).
_SPEAKER_YEAR = re.compile(r"^.{0,12}?(?:说|指出|表示|提出)[，,:：]?(?:在)?(\d{4})年")
# The article continues on another page, or a new article begins: context is unknown again.
_RESET_CUE = re.compile(r"[（(]?(?:下转|上接|转第?)[一二三四五六七八九十\d]+版")
_LOOKS_BACK = re.compile(r"^\s*(?:各位代表[！!，,]?)?(?:过去一年|过去的一年|去年|上年|一年来)[，,]")
_TARGET_WORDS = re.compile(r"力争|目标|预期|计划|确保|争取|(?<![主重需])要")
# Words that say a figure is an outcome, for sentences no heading or cue places (预计完成, 实现).
_ACTUAL_WORDS = re.compile(r"预计|完成|实现|达到|累计|同比|比上年|增长|下降")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)年(?!内|度?以来|起)")
_PLAN_YEAR = re.compile(r"(\d{4})年(?:政府)?工作(?:安排|任务|建议)")
_REVIEW_YEAR = re.compile(r"(\d{4})年(?:工作)?回顾")


def has_section_cues(found: list[Sentence]) -> bool:
    """Whether the text marks its review and plan parts at all."""
    return any(_REVIEW_CUE.search(s.text) or _PLAN_CUE.search(s.text) or _SPEAKER_YEAR.search(s.text) for s in found)


def detect_report_year(found: list[Sentence]) -> int | None:
    """The report's year from its headings ('2023年政府工作安排', '2022年工作回顾' + 1), else None."""
    for s in found:
        plan = _PLAN_YEAR.search(s.text)
        if plan:
            return int(plan.group(1))
        review = _REVIEW_YEAR.search(s.text)
        if review:
            return int(review.group(1)) + 1
    years = Counter(int(m.group(1)) for s in found for m in _YEAR.finditer(s.text))
    return max(years) if years else None


class SectionTracker:
    """Follows the report's parts sentence by sentence."""

    def __init__(self, report_year: int | None, has_cues: bool) -> None:
        self.report_year, self.has_cues, self.section = report_year, has_cues, None

    def update(self, sentence: str) -> str | None:
        """Section of this sentence; a reset marker ends the current one after the sentence."""
        speaker = _SPEAKER_YEAR.search(sentence)
        if _PLAN_CUE.search(sentence):
            self.section = PLAN
        elif _REVIEW_CUE.search(sentence):
            self.section = REVIEW
        elif speaker and self.report_year is not None:
            self.section = REVIEW if int(speaker.group(1)) < self.report_year else PLAN
        current = self.section
        if _RESET_CUE.search(sentence):
            self.section = None
            if sentence.lstrip("（(").startswith(("下转", "上接", "转")):
                current = None
        if current is None:
            return self._by_words(sentence)
        return current

    def _by_words(self, sentence: str) -> str | None:
        """No heading or cue places the sentence: its own words decide (力争, 目标 -> plan; 完成, 实现 ->
        review). In a text with cues, a sentence with neither (meeting logistics: 应出席代表256名) is left out."""
        if _TARGET_WORDS.search(sentence):
            return PLAN
        if not self.has_cues or _ACTUAL_WORDS.search(sentence):
            return REVIEW
        return None


class Placer:
    """The part each sentence stands in: from the report's headings when it has them, else from the cue
    words a SectionTracker follows. A page break of a newspaper (下转十五版) ends the headed report: what
    follows is another article (a sidebar), placed by its own cues."""

    def __init__(self, view: str, found: list[Sentence], report_year: int | None) -> None:
        self.parts = report_parts.report_parts(view, report_year)
        self.tracker = SectionTracker(report_year, has_cues=has_section_cues(found))
        self.headed = bool(self.parts)
        self.paragraph_starts = {m.start() for m in re.finditer(r"(?m)^[ \t]*\S", view)} | \
            {m.end() - 1 for m in re.finditer(r"(?m)^[ \t]*\S", view)}
        self.looking_back = False

    def section(self, sentence: Sentence) -> str | None:
        """A part name of analysis.extract.parts, or None: outside the review and plan (title, meeting)."""
        if not self.headed:
            return {REVIEW: report_parts.REVIEW, PLAN: report_parts.PLAN_YEAR}.get(self.tracker.update(sentence.text))
        part = report_parts.part_at(self.parts, sentence.to_orig(0))
        if _RESET_CUE.search(sentence.text):
            self.headed, self.tracker.section = False, None
            if sentence.text.lstrip("（(").startswith(("下转", "上接", "转")):
                return None
        if part is None or part.name == report_parts.OPENING:
            return None
        if part.name in report_parts.PLANS and self._looks_back(sentence):
            return report_parts.REVIEW_YEAR
        return part.name

    def _looks_back(self, sentence: Sentence) -> bool:
        """Whether a sentence of the plan recounts last year (过去一年，…。国内生产总值增长10.3%，…): from
        such an opening to the next sentence with plan words (今年, 目标, 要) or the paragraph's end."""
        if sentence.to_orig(0) in self.paragraph_starts:
            self.looking_back = False
        if _LOOKS_BACK.match(sentence.text):
            self.looking_back = True
        elif _TARGET_WORDS.search(sentence.text) or "今年" in sentence.text:
            self.looking_back = False
        return self.looking_back
