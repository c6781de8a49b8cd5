"""Tests for analysis/extract/livelihood.py: which figures state the livelihood (民生) share, amount or growth, and
of what total, on sentences written as the reports write them (the expected readings are the sentences' words)."""
from __future__ import annotations

import pytest

from analysis.extract.facts import extract_mentions
from analysis.extract.livelihood import DENOMINATORS, SPENDING, read_livelihood


def readings(sentence: str, year: int = 2026) -> list[tuple]:
    """(value, unit, reading) of every figure the extractor finds in a sentence of last year's review."""
    facts = extract_mentions("一、2025年工作回顾\n" + sentence, year)
    out = []
    for r in facts.itertuples():
        offset = r.quote_start
        out.append((r.value, r.unit, read_livelihood(r.quote, r.start - offset, r.end - offset, r.measure, r.unit,
                                                     r.subject)))
    return out


def only(sentence: str, measure: str = "share"):
    """The one figure of `measure` a sentence states about livelihood."""
    found = [(value, unit, r) for value, unit, r in readings(sentence) if r is not None and r.measure == measure]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("sentence", "value", "denominator", "total"), [
    # Each total is the words the sentence uses after 占, before 用于民生 or in 中…的比例.
    ("财政民生支出占一般公共预算支出比重73.8%。", 73.8, "general_budget_expenditure", "一般公共预算支出"),
    ("民生支出占一般公共预算支出77.9%，高质量完成20件民生实事。", 77.9, "general_budget_expenditure", "一般公共预算支出"),
    ("累计民生支出26.6亿元,占公共财政支出的\n\n75.3%。", 75.3, "general_budget_expenditure", "公共财政支出"),
    ("全国财政支出70%以上用于民生。", 70.0, "fiscal_expenditure", "财政支出"),
    ("每年70%左右财政支出用于民生事业。", 70.0, "fiscal_expenditure", "财政支出"),
    ("每年将75%以上的财力用于民生。", 75.0, "fiscal_funds", "财力"),
    ("八成以上财政资金用于民生。", 8.0, "fiscal_funds", "财政资金"),
    ("民生支出占比持续保持在70%以上。", 70.0, "not_named", None),
    ("但财政用于民生的比例达到70%以上。", 70.0, "not_named", None),
    ("公共财政支出中用于民生的比例达到72%。", 72.0, "general_budget_expenditure", "公共财政支出"),
    ("民生领域支出占财政支出比重达到80%。", 80.0, "fiscal_expenditure", "财政支出"),
])
def test_a_spending_share_names_its_total(sentence: str, value: float, denominator: str, total: str | None) -> None:
    found, _, reading = only(sentence)
    assert (found, reading.measure, reading.denominator, reading.denominator_zh) == (value, "share", denominator, total)
    assert reading.spending


def test_the_total_of_a_bare_share_is_the_expenditure_of_the_clause_before() -> None:
    # 云南: 一般公共预算支出3.4万亿元，74%以上用于民生: 74% of that expenditure; the 3.4万亿元 itself states no share.
    value, _, reading = only("一般公共预算支出3.4万亿元，74%以上用于民生。")
    assert (value, reading.denominator, reading.written) == (74.0, "general_budget_expenditure", "74%以上")


@pytest.mark.parametrize(("sentence", "value", "denominator", "total"), [
    # national 2010: a share of the central government's public investment, not of spending
    ("2009年中央政府公共投资9243亿元，其中，保障性住房、农村民生工程、社会事业投资占44%，自主创新、结构调整、节能减排和生态建设占16%。",
     44.0, "investment", "投资"),
    ("提高民生类政府投资比重，民生类政府投资比重达到40%。", 40.0, "investment", "投资"),
    ("新增债券资金的60%用于民生领域。", 60.0, "fund", "新增债券资金"),
    ("坚持把80%以上的新增财力用于民生。", 80.0, "fund", "新增财力"),  # the year's new money only, not all of it
    ("民生支出占地区生产总值比重12%。", 12.0, "gdp", "生产总值"),
])
def test_a_share_of_investment_a_fund_or_gdp_is_not_spending(sentence, value, denominator, total) -> None:
    found, _, reading = only(sentence)
    assert (found, reading.denominator, reading.denominator_zh, reading.spending) == (value, denominator, total, False)


def test_amounts_and_their_growth_are_statements_too() -> None:
    found = [(v, u, r.measure, r.written, r.spending) for v, u, r in readings("全年民生支出86.3亿元、增长5.2%，占一般公共预算支出的80.1%。")]
    assert found == [(86.3, "亿元", "amount", "86.3亿元", True), (5.2, "%", "growth", "5.2%", True),
                     (80.1, "%", "share", "80.1%", True)]


def test_a_bare_scale_and_its_share_in_one_clause() -> None:
    # 山东: 财政民生支出突破万亿元、占比稳定在80%左右: an amount of at least 10000 亿元 and a share, total not named.
    found = [(v, u, r) for v, u, r in readings("每年实施20项重点民生实事，财政民生支出突破万亿元、占比稳定在80%左右，"
                                                 "居民人均可支配收入增长34.3%。") if r is not None]
    assert [(v, u, r.measure, r.denominator, r.written) for v, u, r in found] == [
        (10000.0, "亿元", "amount", None, "突破万亿元"), (80.0, "%", "share", "not_named", "80%左右")]


@pytest.mark.parametrize("sentence", [
    "高质量完成20件民生实事。",                            # a count of projects, not spending
    "连续部署推进“十大重点民生实事”、近五年累计投入资金2562亿元。",  # the projects' money, not all livelihood spending
    "人民生活水平不断提高，居民人均可支配收入增长5%。",        # 人民生活: 民 ends another word
    "建设城市一刻钟便民生活圈232个。",
    "民生支出中教育支出占比20%。",                          # a share of the livelihood total
    "基本民生保障标准提高到每月800元。",                     # a standard, not money spent
])
def test_figures_that_are_not_livelihood_statements(sentence: str) -> None:
    assert [r for _, _, r in readings(sentence) if r is not None] == []


def test_money_put_in_after_a_share_spent_on_livelihood_is_its_amount() -> None:
    found = [(v, r.measure, r.written) for v, _, r in readings("每年将75%以上的财力用于民生，5年累计投入6200多亿元。") if r]
    assert found == [(75.0, "share", "75%以上"), (6200.0, "amount", "6200多亿元")]


def test_written_keeps_the_qualifier_words() -> None:
    assert only("财政支出近八成投向民生领域。")[2].written == "近八成"
    assert only("八成以上财政资金用于民生。")[2].written == "八成以上"


def test_denominators_are_data_with_a_spending_flag() -> None:
    assert SPENDING == {"general_budget_expenditure", "fiscal_expenditure", "fiscal_funds", "not_named"}
    assert all(isinstance(english, str) and english for english, _ in DENOMINATORS.values())
