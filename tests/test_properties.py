"""Property tests: the extractor never crashes, its spans slice back to numbers, and it scales linearly."""
from __future__ import annotations

import string

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.extract.facts import extract_mentions
from analysis.extract.numerals import parse_chinese_int
from analysis.text.normalise import halfwidth

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


def _numbers_in(span_text: str) -> set[float]:
    """The span's first number and, for a range, its last: a range of declines (降8%—10%) is stored from
    its larger decline, -10 to -8, so the value may be written second."""
    numbers = {_number_in(span_text)}
    cleaned = "".join(halfwidth(span_text).split()).replace(",", "").rstrip("%")
    for separator in "—-~～至到–":
        if separator in cleaned[1:]:
            numbers.add(_number_in(cleaned[1:].split(separator)[-1]))
    return numbers


@pytest.mark.slow  # seconds of generated examples
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.one_of(st.none(), st.integers(min_value=1990, max_value=2030)))
def test_never_crashes_and_spans_hold_their_numbers(text: str, year: int | None) -> None:
    facts = extract_mentions(text, year)
    for row in facts.itertuples():
        assert 0 <= row.quote_start <= row.start < row.end <= row.quote_start + len(row.quote) <= len(text)
        assert text[row.quote_start:row.quote_start + len(row.quote)] == row.quote
        assert abs(row.value) in _numbers_in(text[row.start:row.end])
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


@pytest.mark.slow  # seconds of generated examples
@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("零一二两三四五六七八九十百千万亿家个人所项年月日第过以上，。%0123456789.")),
               max_size=60))
def test_runs_of_numeral_characters_never_crash(text: str) -> None:
    for row in extract_mentions(text, 2023).itertuples():
        assert abs(row.value) in _numbers_in(text[row.start:row.end])


HAND_COLUMNS = ["doc", "region", "region_en", "level", "report_year", "indicator", "subject", "kind", "period",
                "measure", "value", "value_high", "unit", "qualifier", "estimated", "source_url", "source_note"]
CELL = st.one_of(st.sampled_from(["", "gdp", "gpd", "亿元", "%", "万英镑", "share", "growth", "level", "target",
                                  "actual", "range", "about", "true", "false", "nation", "district", "2023", "5",
                                  "130", "-2.5", "1e999", "nan", "five", "<script>", "\"", ",", "\n"]),
                  st.text(max_size=6))


@pytest.mark.slow  # seconds of generated examples
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.fixed_dictionaries({c: CELL for c in HAND_COLUMNS}), min_size=1, max_size=4))
def test_loader_accepts_valid_rows_or_names_the_problem(tmp_path_factory, rows: list[dict]) -> None:
    """Any hand-entered CSV either loads with the declared types or raises a DataError naming the file."""
    import csv

    from analysis.config import DATA_DIR
    from analysis.errors import DataError
    from analysis.staging.load import load_hand_entered

    path = tmp_path_factory.mktemp("fuzz") / "hand_entered.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, HAND_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    try:
        table = load_hand_entered(path, DATA_DIR / "indicators.yml")
    except DataError as err:
        assert str(path) in str(err)
        return
    assert table["value"].dtype == float and str(table["period"].dtype) == "Int64"
    shares = table[table["measure"] == "share"]
    assert shares["value"].between(0, 100).all()
    assert set(table["kind"]) <= {"actual", "target"}


VALID_ROW = st.fixed_dictionaries({
    "doc": st.just("ref"), "region": st.sampled_from(["全国", "山东省"]), "region_en": st.just("x"),
    "level": st.sampled_from(["nation", "province"]), "report_year": st.integers(2000, 2030).map(str),
    "indicator": st.sampled_from(["gdp", "cpi", "trade_total", ""]), "subject": st.just("s"),
    "kind": st.sampled_from(["actual", "target"]), "period": st.integers(2000, 2030).map(str),
    "measure": st.sampled_from(["level", "growth"]),
    "value": st.decimals(min_value=-50, max_value=10**6, places=2, allow_nan=False, allow_infinity=False).map(str),
    "value_high": st.just(""), "unit": st.sampled_from(["亿元", "万美元", "%", "万人"]),
    "qualifier": st.sampled_from(["", "about", "at_least", "at_most"]), "estimated": st.sampled_from(["true", "false"]),
    "source_url": st.just("http://example.org"), "source_note": st.just("p"),
})


@pytest.mark.slow  # seconds of generated examples
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(VALID_ROW)
def test_loader_keeps_valid_values_exactly(tmp_path_factory, row: dict) -> None:
    import csv
    from decimal import Decimal

    from analysis.config import DATA_DIR
    from analysis.staging.load import load_hand_entered
    from analysis.extract.units import split_unit

    path = tmp_path_factory.mktemp("fuzz") / "hand_entered.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, HAND_COLUMNS)
        writer.writeheader()
        writer.writerow(row)
    loaded = load_hand_entered(path, DATA_DIR / "indicators.yml").iloc[0]
    assert loaded["value"] == float(row["value"])
    factor, base = split_unit(row["unit"])
    assert (loaded["value_base"], loaded["base_unit"]) == (float(Decimal(row["value"]) * factor), base)
    written_decimals = len(row["value"].split(".")[1]) if "." in row["value"] else 0
    assert loaded["decimals"] == written_decimals
