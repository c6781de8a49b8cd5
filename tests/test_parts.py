"""The parts of a whole report (issue 17) and where each figure's kind, period and horizon come from, on a
report written for these tests in the genre's style."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.extract.facts import extract_mentions
from analysis.extract.horizons import place
from analysis.extract.parts import named_plan, plan_years, report_parts

REPORT = """2026年东川省政府工作报告
——2026年1月20日在东川省第十四届人民代表大会第五次会议上
东川省人民政府省长 王某
各位代表：
现在，我代表省人民政府，向大会报告工作，请予审议。
一、2025年和“十四五”时期工作回顾
刚刚过去的2025年，全省地区生产总值增长5.4%，城镇新增就业52万人。
五年来，全省地区生产总值年均增长5.6%，累计新增城镇就业260万人，民生支出占比稳定在78%左右，高速公路里程达到8000公里。
我们也清醒认识到，发展中还存在不少困难和问题。
二、“十五五”时期主要目标任务
到2030年，全省地区生产总值年均增长5%左右，城镇新增就业250万人以上。
三、2026年重点工作
今年经济社会发展的主要预期目标是：地区生产总值增长5%以上，城镇新增就业50万人以上，城镇调查失业率5.5%左右。
（一）扩大有效投资。全年实施重点项目500个，3年内建成新型储能电站10座。
四、全面加强政府自身建设
各位代表！让我们开拓进取，奋力谱写东川新篇章！
"""


def test_parts_follow_the_headings_and_the_paragraphs_that_switch_them() -> None:
    found = [(part.name, REPORT[part.start:part.start + 5]) for part in report_parts(REPORT, 2026)]
    assert found == [
        ("opening", "2026年"),
        ("review", "一、202"),
        ("review_year", "刚刚过去的"),
        ("review_plan", "五年来，全"),
        ("review", "我们也清醒"),
        ("plan_period", "二、“十五"),
        ("plan_year", "三、202"),
        ("tasks", "（一）扩大"),
        ("government", "四、全面加"),
    ]


def test_each_figure_takes_kind_period_and_horizon_from_its_part_and_its_words() -> None:
    facts = extract_mentions(REPORT, 2026)
    rows = [(r.value, r.kind, r.period, r.horizon, None if pd.isna(r.qualifier) else r.qualifier)
            for r in facts.itertuples()]
    assert rows == [
        (5.4, "actual", 2025, "annual", None),           # last year's growth
        (52.0, "actual", 2025, "annual", None),
        (5.6, "actual", 2025, "average", None),          # 五年来…年均
        (260.0, "actual", 2025, "cumulative", None),     # 累计新增 over the five years
        (78.0, "actual", 2025, "plan_period", "about"),  # held through the five years
        (8000.0, "actual", 2025, "annual", None),        # a level reached at the end
        (5.0, "target", 2030, "average", "about"),       # a 十五五 goal
        (250.0, "target", 2030, "cumulative", "at_least"),
        (5.0, "target", 2026, "annual", "at_least"),     # this year's main targets
        (50.0, "target", 2026, "annual", "at_least"),
        (5.5, "target", 2026, "annual", "about"),
        (500.0, "target", 2026, "annual", None),
        (10.0, "target", 2028, "plan_period", None),     # 3年内: by 2028
    ]


def test_a_text_without_headings_has_no_parts() -> None:
    assert report_parts("区长在报告中说，过去一年全区生产总值增长5%。今年全区生产总值增长6%左右。", 2023) == []


@pytest.mark.parametrize(("title", "years"), [("“十四五”时期", (2021, 2025)), ("“十五五”规划", (2026, 2030)),
                                              ("“九五”时期", (1996, 2000)), ("第十一个五年规划纲要", (2006, 2010)),
                                              ("十五个项目", None)])
def test_plans_are_told_by_their_number(title: str, years: tuple[int, int] | None) -> None:
    assert named_plan(title) == years
    assert plan_years(15) == (2026, 2030)


@pytest.mark.parametrize(("part", "before", "clause", "measure", "expected"), [
    ("review_year", "全年生产总值", "全年生产总值增长", "growth", ("actual", 2025, "annual")),
    ("review_year", "全省生产总值比2020年", "全省生产总值比2020年增长", "growth", ("actual", 2025, "cumulative")),
    ("review_plan", "五年来，新建学校", "新建学校", "level", ("actual", 2025, "cumulative")),
    ("review_plan", "五年来，城镇化率达到", "城镇化率达到", "share", ("actual", 2025, "annual")),
    ("tasks", "到2030年，森林覆盖率达到", "到2030年", "share", ("target", 2030, "plan_period")),
    ("tasks", "去年全省生产总值", "去年全省生产总值增长", "growth", ("actual", 2025, "annual")),
    ("tasks", "城镇新增就业、新增创业贷款分别完成年计划的", "分别完成年计划的", "share", ("actual", 2025, "ratio_to_plan")),
    ("plan_period", "“十五五”时期，居民收入年均", "居民收入年均增长", "growth", ("target", 2030, "average")),
    # a rate over the five years as a whole, against shares the five years reached or held
    ("review_plan", "五年总体赤字率控制在", "五年总体赤字率控制在", "share", ("actual", 2025, "average")),
    ("review_plan", "常住人口城镇化率五年来提高到", "常住人口城镇化率五年来提高到", "share", ("actual", 2025, "annual")),
    ("review_plan", "优良天数比例连续五年保持在", "优良天数比例连续五年保持在", "share", ("actual", 2025, "plan_period")),
])
def test_place_reads_the_part_and_the_words(part: str, before: str, clause: str, measure: str,
                                            expected: tuple) -> None:
    assert place(part, 2026, before, clause, measure) == expected


def test_a_share_of_money_spent_over_the_plan_period_is_a_share_of_its_total() -> None:
    # 74%以上用于民生 after the five years' 一般公共预算支出 is a share of five years' spending (cumulative), not the
    # last year's; a level held (稳定在, 每年) is plan_period; the same words in the review of the year are annual.
    text = ("一、2025年和“十四五”时期工作回顾\n刚刚过去的2025年，八成以上财政资金用于民生。\n"
            "五年来，一般公共预算支出3.4万亿元，74%以上用于民生，财政支出近八成投向民生领域，"
            "每年70%以上的财政支出投入民生领域，城镇化率达到65%。\n")
    facts = extract_mentions(text, 2026)
    shares = [(r.value, r.unit, r.horizon) for r in facts.itertuples() if r.measure == "share"]
    assert shares == [(8.0, "成", "annual"), (74.0, "%", "cumulative"), (8.0, "成", "cumulative"),
                      (70.0, "%", "plan_period"), (65.0, "%", "annual")]


def test_a_report_without_line_breaks_is_read_by_its_sentences() -> None:
    # A scraped CSV cell often holds a report as one line: headings run into their paragraphs
    # (一、2025年和"十四五"时期工作回顾刚刚过去的2025年，…). The parts and every figure's kind, period and
    # horizon are the same as in the text with its line breaks.
    flat = "".join(REPORT.splitlines())
    assert [p.name for p in report_parts(flat, 2026)] == [p.name for p in report_parts(REPORT, 2026)]
    def labels(text: str) -> list[tuple]:
        return [(r.value, r.kind, r.period, r.horizon) for r in extract_mentions(text, 2026).itertuples()]
    assert labels(flat) == labels(REPORT)


def test_a_heading_run_into_its_paragraph_is_cut_at_its_last_heading_word() -> None:
    from analysis.extract.flat import text_lines
    text = ("各位代表：现在我代表县人民政府向大会报告工作，请予审议。" + "全县上下团结奋进。" * 60 +
            "一、2025年工作回顾过去一年，全县地区生产总值增长6.1%。二、2026年主要目标任务今年是关键之年，"
            "全县地区生产总值增长6%左右。（一）做强工业经济。新增规上企业30家。")
    lines, flat = text_lines(text)
    assert flat and ("一、2025年工作回顾" in [line for _, line in lines])
    assert "二、2026年主要目标任务" in [line for _, line in lines]    # not 主要目标任务今年是…
    names = [(p.name, p.heading[:6]) for p in report_parts(text, 2026)]
    assert names == [("opening", ""), ("review_year", "一、2025"), ("plan_year", "二、2026"), ("tasks", "（一）做强工")]


# Written for these tests: a county's report of a new term, with the traps a flat reading falls into: a list
# that goes on after ； with 二、三产业, a title standing alone before its first sub-heading, a paragraph that
# says 今年是… inside the five-year goals, chapters named by slogans, and no salutation before the headings.
TERM_REPORT = """2022年白河县人民政府工作报告
——2022年1月6日在白河县第十九届人民代表大会第一次会议上
一、过去五年工作回顾
（一）综合实力跃上新台阶。五年来，全县地区生产总值年均增长7.1%；二、三产业增加值年均分别增长8.2%和7.6%。
2021年，全县地区生产总值增长8.2%，固定资产投资增长11.3%。
二、今后五年的目标任务
今后五年，全县地区生产总值年均增长7%左右，到2026年突破260亿元。今年是本届政府的开局之年，我们将一张蓝图绘到底。
三、坚持工业强县，构建现代产业体系
到2026年，规上工业企业达到300家，新建农村公路500公里。
四、2022年重点工作
2022年全县经济社会发展的主要预期目标是：地区生产总值增长7.5%左右，固定资产投资增长12%。
（一）全力抓好项目建设。全年实施重点项目100个。
五、全面加强政府自身建设
让我们团结奋斗，共创白河更加美好的明天！
"""


def _padded(report: str) -> str:
    # long enough paragraphs for the text without its breaks to read as flat (over 400 characters a line)
    return report.replace("我们将一张蓝图绘到底。", "我们将一张蓝图绘到底。" + "全县上下团结一心、实干争先。" * 30)


def test_a_flat_term_report_keeps_every_figure_where_its_lines_put_it() -> None:
    text = _padded(TERM_REPORT)
    flat = "".join(text.splitlines())
    def labels(t: str) -> list[tuple]:
        return [(r.value, r.kind, r.period, r.horizon) for r in extract_mentions(t, 2022).itertuples()]
    by_lines = labels(text)
    assert by_lines == [
        (7.1, "actual", 2021, "average"), (8.2, "actual", 2021, "average"), (7.6, "actual", 2021, "average"),
        (8.2, "actual", 2021, "annual"), (11.3, "actual", 2021, "annual"),
        (7.0, "target", 2026, "average"), (260.0, "target", 2026, "plan_period"),
        (300.0, "target", 2026, "plan_period"), (500.0, "target", 2026, "cumulative"),  # 新建…: built over the years
        (7.5, "target", 2022, "annual"), (12.0, "target", 2022, "annual"), (100.0, "target", 2022, "annual")]
    assert labels(flat) == by_lines
    names = [p.name for p in report_parts(flat, 2022)]
    assert "plan_year" not in names[:names.index("plan_period") + 2]   # neither 二、三产业 nor 今年是… turns a part


def test_a_flat_heading_neither_lends_its_words_to_a_subject_nor_loses_its_last_word() -> None:
    from analysis.extract.flat import text_lines
    text = ("各位代表：" + "全县上下团结奋进。" * 60 + "一、2023年工作回顾（一）工业经济稳中有进。"
            "二、2024年主要目标任务今年全县地区生产总值增长6%左右。")
    lines = [line for _, line in text_lines(text)[0]]
    assert "一、2023年工作回顾" in lines and "二、2024年主要目标任务" in lines
    facts = extract_mentions(text, 2024)
    assert list(zip(facts["subject"], facts["kind"])) == [("地区生产总值", "target")]


def _hard_wrapped(text: str, width: int) -> str:
    # as a PDF's text comes: every paragraph cut into lines of `width` characters, its first line indented
    lines = []
    for paragraph in text.splitlines():
        body = "\u3000\u3000" + paragraph if paragraph and not paragraph.startswith(("一", "二", "三", "四", "五")) else paragraph
        lines.extend(body[i:i + width] for i in range(0, len(body), width)) if body else lines.append("")
    return "\n".join(lines)


def test_a_hard_wrapped_report_keeps_every_figure_where_its_paragraphs_put_it() -> None:
    # a line of the wrap width that ends mid-sentence goes on in the next, even mid-number (…年均增长7|.1%)
    text = _padded(TERM_REPORT)
    wrapped = _hard_wrapped(text, 16)
    lines = wrapped.splitlines()
    assert any(a[-1:].isdigit() and b[:1] in tuple("0123456789.%") for a, b in zip(lines, lines[1:]))  # a number cut
    def labels(t: str) -> list[tuple]:
        return [(r.value, r.kind, r.period, r.horizon) for r in extract_mentions(t, 2022).itertuples()]
    assert labels(wrapped) == labels(text)
    assert [p.name for p in report_parts(wrapped, 2022)] == [p.name for p in report_parts(text, 2022)]


def test_the_wrap_width_is_told_from_the_lines_and_a_text_with_paragraphs_has_none() -> None:
    from analysis.text.layout import sentences, wrap_width
    lines = ["全县新集聚青年人才和高技能人才100万", "人左右。"] * 12
    assert wrap_width(lines) == len("全县新集聚青年人才和高技能人才100万")
    assert wrap_width(TERM_REPORT.splitlines()) is None
    found, _ = sentences("\n".join(lines))
    assert found[0].text == "全县新集聚青年人才和高技能人才100万人左右。"   # the short ending is no caption


def test_a_page_number_between_a_pdf_s_lines_is_left_out() -> None:
    # — 2 — stands between a line and the line it goes on in (…增长|— 2 —|6.5%…); a subscript on its own line
    # (广义货币M|2|增长…) is no page number
    from analysis.text.layout import PAGE_NUMBER
    lines = ["全县规模以上工业增加值比上年增长", "6.5%，一般公共预算收入增长7%。"] * 12
    lines.insert(13, "— 2 —")
    facts = extract_mentions("\n".join(lines), 2024)
    assert list(facts["value"]) == [6.5, 7.0] * 12
    assert PAGE_NUMBER.match("— 2 —") and PAGE_NUMBER.match("第3页 共20页") and not PAGE_NUMBER.match("2")


def test_a_wrapped_line_ending_in_a_quote_or_a_full_stop_goes_on_unless_the_next_opens_a_paragraph() -> None:
    # 为实现“十五五”| and …取得了很大成绩。|国内生产总值增长… are each one paragraph; an indented line opens the next
    from analysis.text.layout import goes_on
    assert goes_on("全年主要预期目标是一个整体，都服务于为实现“十五五”", 26)   # 26 characters, the width
    assert goes_on("过去一年，我们的各项工作取得了很大成绩。", 20)
    assert not goes_on("过去一年，我们的各项工作取得了很大成绩。", 20, next_indented=True)
    assert goes_on("过去一年全县经济稳中有进发展质量稳步提升", 22, indented=True)   # 20 + its indent of 2
    assert not goes_on("短的一行。", 24)


def test_equal_headings_of_a_text_with_its_paragraphs_are_no_wrap() -> None:
    # a news digest: every sub-heading 11 characters long, every paragraph one line
    from analysis.text.layout import wrap_width
    headings = [f"（{n}）扩大有效需求见效" for n in "一二三四五六七八九十"] + ["扩大有效需求见效明显"] * 6
    lines = [line for h in headings for line in (h, "全年实施重大项目420个，完成投资1280亿元。")]
    assert wrap_width(lines) is None


def test_a_hard_wrapped_masthead_leaves_its_page_numbers_out() -> None:
    # lines of 20 characters, a page number between the meeting line's two halves (…第一|— 1 —|次会议上)
    from analysis.text.layout import unwrapped
    meeting = "——2023年3月5日在第十四届全国人民代表大会第一次会议上"
    body = "全国各族人民团结奋斗，经济社会发展取得新成就。" * 12
    lines = [meeting[:20], "— 1 —", meeting[20:]] + [body[i:i + 20] for i in range(0, len(body), 20)]
    assert unwrapped("\n".join(lines)).splitlines()[0].startswith(meeting)
