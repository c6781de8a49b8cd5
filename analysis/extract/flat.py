"""Reading a report that has lost its line breaks (a scraped CSV cell, a page copied as one line): its sentences
stand in for its paragraphs, and a heading run into its paragraph (一、2025年工作回顾过去一年，…) is cut off."""
from __future__ import annotations

import re
from functools import lru_cache

from analysis.text.layout import is_flat, paragraphs, runs_of_lines

NUMERAL = "一二三四五六七八九十"
HEADING_MAX = 48  # a heading line is short; a body paragraph that happens to start with 一、 is not

_SENTENCE = re.compile(r"[^。！!？?；;\n]+[。！!？?；;]*[”’」』]*")
# A numbered heading at a sentence's start (…请予审议。一、2025年工作回顾过去一年，…), and a sub-heading run on
# after its part's heading (…2026年重点工作（一）扩大…), where a piece is cut.
_HEADING_AT = re.compile(rf"第[{NUMERAL}]{{1,3}}部分|(?<![{NUMERAL}])[{NUMERAL}]{{1,3}}、|[（(][{NUMERAL}]{{1,3}}[）)]")
# An unnumbered title names its year or period (2026年重点工作, "十四五"时期工作回顾); 法治政府建设 is a phrase.
_DATED = re.compile(r"\d{4}年|十[一二三四五六七八九]?五|今年|今后五年|未来五年|过去五年|过去一年")
# …but a clause is no title (把做好今年工作和实现"十一五"规划目标…; 2026年政府工作主要是围绕…).
_CLAUSE_WORDS = re.compile(r"把|(?<![主重需纲概])要(?![求点素])|是|将|我们|必须|确保|为了")
_NUMBERED_AT = re.compile(rf"(?<![{NUMERAL}第])[{NUMERAL}]{{1,3}}、")
_SUBHEADING_AT = re.compile(rf"[（(][{NUMERAL}]{{1,3}}[）)]")
# The end of a heading's title run into its first paragraph: the last heading word before the first comma.
_TITLE_END = re.compile(r"回顾|成就|工作|目标任务|目标|任务|要求|建设|安排|取向|部署|考虑|建议")
# An unnumbered title ends in a part's own name (2026年重点工作, 主要预期目标), not in a verb that a sentence
# uses too (今年中央财政赤字拟安排2450亿元).
_PART_TITLE_END = re.compile(r"回顾|成就|(?:重点|主要|政府|年的)工作|工作安排|(?:总体|工作)部署|总体要求|目标任务|主要任务|"
                             r"(?:主要|预期)目标|政策取向")
# A title never runs straight into an amount (…安排2450亿元; a year may open the paragraph: 2006年，是…), and
# an unnumbered one not into the verb of its sentence (中央提出今年经济增长预期目标为8%左右).
_AMOUNT_NEXT = re.compile(r"\d+(?:\.\d+)?(?!\d*年)")
_VERB_NEXT = re.compile(r"为|是|定为|达到|要|将|在|拟")
_SALUTATION = re.compile(r"各位代表[：:，,！!]")
_CLAUSE_END = re.compile(r"[，,：:。；;！!？?]")


@lru_cache(maxsize=4)  # the parts and the sentence breaks of one text read the same lines
def text_lines(view: str) -> tuple[tuple[tuple[int, str], ...], bool]:
    """(offset, text) of each non-blank line, and False; for a text without paragraph breaks (`is_flat`), of
    each sentence, with a heading run into the text split off as a line of its own, and True."""
    if not is_flat(view):  # a hard-wrapped text's lines joined into its paragraphs, page numbers left out
        return tuple((run[0].start, "".join(p.text for p in run)) for run in runs_of_lines(paragraphs(view))), False
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
            numbered = _HEADING_AT.match(piece)
            end_of_title = _title_end(piece, _TITLE_END if numbered else _PART_TITLE_END)
            runs_on = end_of_title is not None and piece[end_of_title:].strip("。；;，,：: ")
            if runs_on and (numbered or end_of_title <= 30 and _dated_title(piece, end_of_title)):
                found.append((start, piece[:end_of_title]))
                start, piece = start + end_of_title, piece[end_of_title:]
            if piece.strip():
                found.append((start + len(piece) - len(piece.lstrip()), piece.strip()))
    return tuple(found), True


def heading_breaks(view: str) -> set[int]:
    """Offsets where `text_lines` cut a flat text inside a sentence (a heading's title run into its paragraph,
    a sub-heading run on): a sentence ends there too. Empty for a text with its line breaks."""
    lines, flat = text_lines(view)
    if not flat:
        return set()
    return {start for start, _ in lines} - {m.start() for m in _SENTENCE.finditer(view)}


def _dated_title(piece: str, end: int | None = None) -> bool:
    """Whether a piece opens with a title that names its year or period (_DATED); `end`: where the title ends,
    when the caller has it from `_title_end` with _PART_TITLE_END."""
    end = end if end is not None else _title_end(piece, _PART_TITLE_END)
    return end is not None and bool(_DATED.search(piece, 0, end))


def _title_end(piece: str, words: re.Pattern = _TITLE_END) -> int | None:
    """Where a heading's title ends in a piece that runs on into its first paragraph (一、2025年工作回顾过去一年，
    …: after 回顾), or None when the piece's first clause is all heading (一、聚焦工业发展加力提速，…。)."""
    clause = _CLAUSE_END.search(piece)
    first = clause.start() if clause else len(piece)
    # a title may end where its clause does (一、2023年工作回顾。), never before 报告 (…人民政府工作报告 is the
    # report's own title line, not a part's)
    ends = [m.end() for m in words.finditer(piece, 0, min(first, HEADING_MAX))
            if (m.end() < first or piece[first:first + 1] in ("", "。")) and not piece.startswith("报告", m.end())
            and not _AMOUNT_NEXT.match(piece, m.end()) and not (words is _PART_TITLE_END and _VERB_NEXT.match(piece, m.end()))]
    # the longest title that is no clause ("十五五"时期的主要目标任务 of …任务"十五五"时期是我国…)
    titles = [end for end in ends if not _CLAUSE_WORDS.search(piece, 0, end)]
    return titles[-1] if titles else None


# In a flat text a numbered heading opens a sentence after a full stop (not after ；, where a list goes on:
# …；二、三产业增加值…) or is a title cut from its paragraph, and a series of numerals is no heading.
_SERIES = re.compile(rf"^[{NUMERAL}]{{1,3}}、[{NUMERAL}]{{1,3}}(?:、|产|类|级|次|批|个|是)")
# …and every sentence, not a paragraph, opens with 今年是…: only one that states the targets turns a part.
TARGET_CUE = re.compile(r"目标")


def flat_heading(line: str, previous: str) -> bool:
    """Whether a numbered piece of a flat text is a heading (see _SERIES)."""
    if _SERIES.match(line):
        return False
    title = len(line) <= HEADING_MAX and not _CLAUSE_END.search(line)
    return title or previous[-1] in "。！!？?：:…”\"）)】》"
