"""What a report's own text says about it: title, meeting, speaker's office, date, report year and region.

Read from the lines a work report opens with, as published or scraped:

    2026年山东省政府工作报告                                       title line: year and region
    ——2026年1月27日在山东省第十四届人民代表大会第四次会议上          meeting line: date, region, session
    山东省省长 周乃翔                                              speaker: office (省长 → province)

and, where a text has none of these (the State Council's reports as often reprinted), from its body:
我代表国务院 (the nation), the session it is delivered to (第十届全国人民代表大会第一次会议: 2003), and its
headings (一、2014年工作回顾 → a 2015 report; 二、2015年工作总体部署 → 2015; 首先报告2001年的工作 → 2002).
Every clue keeps the line it was read from, so an import can say where region and year came from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.text.layout import is_flat, unwrapped, without_debris
from analysis.text.normalise import simplify
from analysis.text.sources import headed_year

_DIGITS = "〇一二三四五六七八九"
_CN_YEAR = r"(?:\d{4}|[〇零○一二三四五六七八九]{4})"
_CN_NUM = r"[一二三四五六七八九十]+"
HEAD_LINES = 60  # the masthead: title, meeting and speaker lines come before the first paragraphs
# 2026年山东省政府工作报告, 2000年中华人民共和国国务院政府工作报告, 2026年政府工作报告
_TITLE = re.compile(rf"^[\s《]*(?P<year>{_CN_YEAR})\s*年\s*(?P<region>[^\s，。、:：（(]{{0,24}}?)\s*(?:人民)?政府工作报告")
# ——2026年1月27日在山东省第十四届人民代表大会第四次会议上; （2026年1月27日在贵州省…）; 在区十三届人大二次会议上
_MEETING = re.compile(
    rf"(?:(?P<date>(?P<year>{_CN_YEAR})\s*年\s*(?P<month>\d{{1,2}}|{_CN_NUM})\s*月\s*(?P<day>\d{{1,2}}|{_CN_NUM})\s*日)\s*)?"
    rf"在(?P<region>[^\s，。、第]{{0,24}}?)(?:第)?(?P<term>{_CN_NUM}|\d+)\s*届\s*(?:人民代表大会|人大)(?:常务委员会)?"
    rf"(?:第)?(?P<session>{_CN_NUM}|\d+)\s*次(?:全体)?会议")
# 山东省省长 周乃翔; 自治区人民政府主席 包钢; 重庆市人民政府市长 胡衡华; 省长　王予波; 国务院总理 李强
OFFICES = {"国务院总理": "nation", "总理": "nation", "省长": "province", "自治区主席": "province",
           "自治区人民政府主席": "province", "市长": "city", "州长": "city", "盟长": "city", "专员": "city",
           "区长": "district", "县长": "county", "旗长": "county"}
_OFFICE = "|".join(sorted(map(re.escape, OFFICES), key=len, reverse=True))
# The name may be spaced out (县长 王 丽) or stand on the next line (伊川县人民政府县长⏎王某某).
_SPEAKER = re.compile(rf"^\s*(?P<region>[^\s，。、:：]{{0,20}}?)(?:人民政府)?(?P<office>{_OFFICE})[\s\u3000]*"
                      rf"(?P<name>[\u4e00-\u9fff·](?:[ \u3000]?[\u4e00-\u9fff·]){{1,9}})?\s*$")
# A bare level word (县政府工作报告, 在县第十五届…) names no region.
_NO_REGION = frozenset({"省", "市", "区", "县", "旗", "州", "盟", "自治区", "国务院"})
# 省长毛伟明作政府工作报告 (a caption naming the speaker when the speaker line has the name only); in 代市长正在作政府
# 工作报告 the name stood before the office, and 正在 is none.
_SPEAKER_CAPTION = re.compile(rf"(?P<office>{_OFFICE})(?!正在)(?P<name>[\u4e00-\u9fff·]{{2,10}}?)(?:首先|代表[^\s，。]{{2,12}})?[，,]?\s*"
                              r"(?:向大会)?作政府工作报告")
# A name alone on its line (2–4 characters, maybe spaced), not the salutation that follows a masthead.
_NAME_LINE = re.compile(r"(?!各位)[\u4e00-\u9fff·](?:[ \u3000]?[\u4e00-\u9fff·]){1,3}")
# 市中区第十三届人民代表大会第二次会议, 鄂城区十届人大二次会议 (a news report's account of the meeting, without 在)
_SESSION_NAMED = re.compile(rf"(?P<region>[\u4e00-\u9fff]{{2,24}}?)第?(?:{_CN_NUM}|\d+)届(?:人民代表大会|人大)"
                            rf"第?(?:{_CN_NUM}|\d+)次(?:全体)?会议")
_ON_BEHALF = re.compile(r"我代表(?P<gov>国务院|[^\s，。]{0,20}?人民政府)")
_PUBLISHED = re.compile(r"(?:时间|发布时间|发表时间|日期)[:：]?\s*\n?\s*(?P<date>\d{4}-\d{2}-\d{2})")
_SOURCE = re.compile(r"^\s*来源[:：]\s*(?P<source>\S{2,20})\s*$", re.MULTILINE)
# Body cues of the year (see the module's docstring); 'plan' cues name the report year, 'review' cues the year before.
_PLAN_CUES = re.compile(
    rf"^[\s\u3000]*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分[:：、]?)?\s*(?P<year>{_CN_YEAR})\s*年\s*"
    r"(?:主要任务|工作总体部署|政府工作任务|的工作|重点工作|经济社会发展总体要求|经济社会发展的总体要求|政府工作安排|工作安排)",
    re.MULTILINE)
_REVIEW_CUES = re.compile(
    rf"(?:^[\s\u3000]*(?:[一二三四五六七八九十]+、)?\s*(?P<year>{_CN_YEAR})\s*年\s*(?:国内)?工作(?:的)?回顾)"
    rf"|(?:首先报告\s*(?P<year2>{_CN_YEAR})\s*年的工作)", re.MULTILINE)
# 2006年国民经济和社会发展的主要预期目标; a news report puts the region between (2023年，鄂城区经济社会发展主要预期目标).
_TARGET_CUE = re.compile(rf"(?P<year>{_CN_YEAR})\s*年[，,]?\s*(?:全[省市区县旗]|[\u4e00-\u9fff]{{2,12}}?[省市区县旗])?"
                         r"(?:国民经济和社会发展|经济社会发展)的?主要预期目标")
_NPC = re.compile(rf"(?P<to>向|在)?第(?P<term>{_CN_NUM})届全国人民代表大会第(?P<session>{_CN_NUM})次会议(?P<since>以来)?")
_FIVE_YEAR_REVIEW = re.compile(r"^[\s\u3000]*(?:[一二三四五六七八九十]+、)?\s*[“\"]?(?P<plan>[一二三四五六七八九十]+)五[”\"]?"
                               r"(?:时期|期间)[^\n]{0,20}?回顾", re.MULTILINE)


@dataclass
class Masthead:
    """Clues a text gives about itself; each clue is (value, the line it came from) or None."""

    title: tuple[str, str] | None = None
    region: tuple[str, str] | None = None       # the region as the text names it (山东省, 全国, 市中区)
    office: tuple[str, str] | None = None       # the speaker's office (省长)
    speaker: str | None = None                  # office and name as written (山东省省长 周乃翔)
    meeting: str | None = None                  # the meeting as written
    date: str | None = None                     # ISO date of delivery (from the meeting line)
    published: str | None = None                # ISO date of publication (时间：2026-02-12)
    publisher: str | None = None                # the page's source line (来源：大众日报)
    year: tuple[int, str] | None = None         # report year and the clue it came from
    levels: list[tuple[str, str]] = field(default_factory=list)  # (level, clue) from office and 我代表…人民政府

    @property
    def level(self) -> str | None:
        """The level the office or the government named says, when they agree."""
        found = {level for level, _ in self.levels}
        return found.pop() if len(found) == 1 else None


def cn_number(text: str) -> int:
    """An Arabic or Chinese-numeral number: 14, 十四, 二〇二六 (digit by digit), 二十七."""
    text = text.strip().replace("零", "〇").replace("○", "〇")
    if text.isdigit():
        return int(text)
    if all(ch in _DIGITS for ch in text):
        return int("".join(str(_DIGITS.index(ch)) for ch in text))
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_DIGITS.index(tens) if tens else 1) * 10 + (_DIGITS.index(units) if units else 0)
    return _DIGITS.index(text)


def npc_year(term: int, session: int) -> int:
    """The year of the `session`th session of the `term`th National People's Congress (5th: 1978, every five years)."""
    return 1978 + 5 * (term - 5) + session - 1


def five_year_plan_end(number: int) -> int:
    """The last year of the `number`th five-year plan: 九五 2000, 十四五 2025."""
    return 1955 + 5 * number


_BREAK_AFTER = re.compile(r"(?<=[。！？!?])|(?<=会议上)")
_BREAK_BEFORE = re.compile(r"(?=——\s*\d{4}年|——\s*[二〇零一]{4}年|各位代表[：:，,！!]|[一二三四五六七八九十]、)")


def with_line_breaks(text: str) -> str:
    """`text` in the lines a masthead's clues are looked for in: a hard-wrapped text's lines joined
    (`layout.unwrapped`); a text without line breaks (`layout.is_flat`) broken after each sentence and the
    meeting line (——2023年3月5日在…会议上), and before that line, the salutation and a numbered heading."""
    if not is_flat(text):
        return unwrapped(text)  # a PDF's hard wrap taken out: …第一次会|议上 is one meeting line
    return _BREAK_BEFORE.sub("\n", _BREAK_AFTER.sub("\n", text))


def read_masthead(text: str) -> Masthead:
    """The clues of `text` (see the module docstring); missing ones are None."""
    # Matched on the simplified view (a traditional-character repost: 縣政府工作報告, 人民代表大會), so the
    # clues read as the words the patterns know; lines keep their places, the view being of the same length.
    # The clues keep the lines as written.
    text = with_line_breaks(text)
    written = [line.strip() for line in text.splitlines()[:HEAD_LINES]]
    text = without_debris(simplify(text))
    head = "\n".join(text.splitlines()[:HEAD_LINES])
    found = Masthead()
    years: list[tuple[int, str]] = []
    lines = [line.strip() for line in head.splitlines()]
    for number, line in enumerate(lines):
        after = (lines[number + 1], written[number + 1]) if number + 1 < len(lines) else ("", "")
        shown = written[number]
        if found.title is None and (match := _TITLE.match(line)):
            found.title = (shown, shown)
            years.append((cn_number(match["year"]), f"title line '{shown}'"))
            region = match["region"].removeprefix("中华人民共和国")
            if region and region not in _NO_REGION:
                found.region = found.region or (region, f"title line '{shown}'")
        if found.meeting is None:
            _meeting(found, (line, shown), after, years)
        if found.office is None and (match := _SPEAKER.match(line)):
            _speaker(found, match, shown, after[1])
    if found.office is None and (match := _SPEAKER_CAPTION.search(head)):
        _speaker(found, match, match.group(0))
    if found.region is None:
        named = [m for m in _SESSION_NAMED.finditer(head) if m["region"] != "全国"]
        if named:
            best = max(named, key=lambda m: len(m["region"]))  # 枣庄市市中区 over 市中区
            found.region = (best["region"], f"'{best.group(0)}'")
    if match := _ON_BEHALF.search(text[:3000]):
        gov = match["gov"]
        level = "nation" if gov == "国务院" else _government_level(gov)
        if level:
            found.levels.append((level, f"'{match.group(0)}'"))
        if gov == "国务院":
            found.region = found.region or ("全国", f"'{match.group(0)}'")
    if match := _PUBLISHED.search(head):
        found.published = match["date"]
    if match := _SOURCE.search(head):
        found.publisher = match["source"]
    found.year = years[0] if years else _body_year(text)
    return found


def _meeting(found: Masthead, line: tuple[str, str], following: tuple[str, str], years: list[tuple[int, str]]) -> None:
    """Read the meeting line, (simplified, as written); one broken after 届 (在陵川县第十七届⏎人民代表大会第七次会议上)
    is read joined to the next."""
    (view, line), match = line, _MEETING.search(line[0])
    if match is None and "在" in view and following[0]:
        view, line = view + following[0], line + following[1]
        match = _MEETING.search(view)
    if match is None:
        return
    found.meeting = line.strip("—-（）() ")
    if "全国人民代表大会" in view:
        found.region = found.region or ("全国", f"meeting line '{line}'")
    elif match["region"] and match["region"] not in _NO_REGION:
        found.region = found.region or (match["region"], f"meeting line '{line}'")
    if match["date"]:
        year = cn_number(match["year"])
        found.date = f"{year:04d}-{cn_number(match['month']):02d}-{cn_number(match['day']):02d}"
        years.append((year, f"meeting line '{line}'"))


def _speaker(found: Masthead, match: re.Match, line: str, following: str = "") -> None:
    office = match["office"]
    found.office = (office, line.strip())
    name = match.groupdict().get("name") or (following if _NAME_LINE.fullmatch(following) else "")
    found.speaker = f"{office} {''.join(name.split())}".strip()
    found.levels.append((OFFICES[office], f"speaker's office {office} in '{line.strip()}'"))
    region = match.groupdict().get("region") or ""
    region = region.removesuffix("人民政府")
    if region and region not in ("省", "市", "区", "县", "自治区", "国务院") and found.region is None:
        found.region = (region, f"speaker line '{line.strip()}'")
    if office in ("国务院总理", "总理") and found.region is None:
        found.region = ("全国", f"speaker line '{line.strip()}'")


def _government_level(gov: str) -> str | None:
    """The level of 'X人民政府' by its last character before 人民政府 (自治区 → province, 市 → city …)."""
    name = gov.removesuffix("人民政府")
    for suffix, level in (("自治区", "province"), ("自治州", "city"), ("省", "province"), ("市", "city"),
                          ("区", "district"), ("县", "county"), ("旗", "county"), ("州", "city"), ("盟", "city")):
        if name.endswith(suffix):
            return level
    return None


def _body_year(text: str) -> tuple[int, str] | None:
    """The report year from the body when the masthead names none (see the module docstring)."""
    headed = headed_year(text)
    if headed:
        return headed[0], f"heading '{headed[1]}' on line {headed[2]}"
    if match := _NPC.search(text):
        year = npc_year(cn_number(match["term"]), cn_number(match["session"]))
        if match["since"]:
            return year + 5, f"'{match.group(0)}' (five years since that session)"
        if match["to"]:
            return year, f"'{match.group(0)}'"
    cues = []
    for match in _PLAN_CUES.finditer(text):
        cues.append((match.start(), cn_number(match["year"]), f"heading '{match.group(0).strip()}'"))
    for match in _REVIEW_CUES.finditer(text):
        digits = match["year"] or match["year2"]
        cues.append((match.start(), cn_number(digits) + 1, f"'{match.group(0).strip()}' (the year reviewed)"))
    for match in _TARGET_CUE.finditer(text):
        cues.append((match.start(), cn_number(match["year"]), f"'{match.group(0)}'"))
    for match in _FIVE_YEAR_REVIEW.finditer(text):
        number = cn_number(match["plan"])
        if 6 <= number <= 20:
            cues.append((match.start(), five_year_plan_end(number) + 1,
                         f"heading '{match.group(0).strip()}' (the five-year plan reviewed)"))
    if not cues:
        return None
    _, year, clue = min(cues)
    return year, clue
