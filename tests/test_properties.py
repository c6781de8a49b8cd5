"""Property tests: the extractor never crashes, its spans slice back to numbers, and it scales linearly."""
from __future__ import annotations

import string

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.extract import extract_mentions
from analysis.numerals import parse_chinese_int
from analysis.textnorm import halfwidth

GENRE = list("生产总值增长亿元万美元家个以上左右约突破不低于控制在以内分别和、，。；：\n\n过第年月日“”占比下降百分点")
NUMBERS = st.one_of(
    st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False).map(str),
    st.integers(min_value=0, max_value=10**7).map(lambda n: f"{n:,}"),
    st.integers(min_value=0, max_value=9999).map(lambda n: "".join(chr(0xFF10 + int(d)) for d in str(n))),
    st.sampled_from(["三", "一百二十", "两", "十五", "8%—10%", "6%-6.5%", "-2.6"]),
)
TEXT = st.lists(st.one_of(st.sampled_from(GENRE), NUMBERS, st.text(max_size=3)), max_size=40).map("".join)


def _number_in(span_text: str) -> float:
    cleaned = "".join(halfwidth(span_text).split()).replace(",", "")
    head = cleaned.split("%")[0].split("—")[0]
    for separator in "-~～至到–":
        if separator in head[1:]:
            head = head[0] + head[1:].split(separator)[0]
    try:
        return abs(float(head))
    except ValueError:
        return float(parse_chinese_int(head))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.one_of(st.none(), st.integers(min_value=1990, max_value=2030)))
def test_never_crashes_and_spans_hold_their_numbers(text: str, year: int | None) -> None:
    facts = extract_mentions(text, year)
    for row in facts.itertuples():
        assert 0 <= row.quote_start <= row.start < row.end <= row.quote_start + len(row.quote) <= len(text)
        assert text[row.quote_start:row.quote_start + len(row.quote)] == row.quote
        assert _number_in(text[row.start:row.end]) == abs(row.value)
        assert row.kind in ("actual", "target")
        assert row.measure in ("level", "growth", "share", "change_pp")


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_arbitrary_unicode_never_crashes(text: str) -> None:
    assert isinstance(extract_mentions(text, 2023), pd.DataFrame)


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["亿元", "万美元", "家", "%", "个百分点"]))
def test_a_planted_figure_is_found_with_its_value(number: int, unit: str) -> None:
    text = f"主要预期目标是：某指标达到{number}{unit}。"
    facts = extract_mentions(text, 2023)
    assert facts["value"].abs().tolist() == [number]
    assert text[facts["start"][0]:facts["end"][0]] == str(number)


def test_text_without_punctuation_is_handled_in_bounded_pieces() -> None:
    # 200 000 characters without a single sentence mark: must finish quickly (linear) and not explode quotes.
    text = ("发展" + "".join(string.digits) + "个") * 20_000
    facts = extract_mentions(text, 2023)
    assert facts["quote"].str.len().max() <= 600


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("零一二两三四五六七八九十百千万亿家个人所项年月日第过以上，。%0123456789.")),
               max_size=60))
def test_runs_of_numeral_characters_never_crash(text: str) -> None:
    for row in extract_mentions(text, 2023).itertuples():
        assert _number_in(text[row.start:row.end]) == abs(row.value)
