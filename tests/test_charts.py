"""Tests for analysis/present/style.py: the shipped CJK font, reproducible renders, qualifier labels, tables."""
from __future__ import annotations

import io
import math
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.ft2font import FT2Font  # noqa: E402

from analysis.present import labels, style as charts  # noqa: E402
from analysis.config import FONTS_DIR  # noqa: E402

CHINESE_TITLE = "地区生产总值 增长"


def gb2312(rows: range) -> list[str]:
    """Characters of the given GB2312 rows (qu 1-94), decoded cell by cell (wei 1-94)."""
    chars = []
    for row in rows:
        for cell in range(1, 95):
            try:
                chars.append(bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # unassigned cell
    return chars


GB2312_HANZI = gb2312(range(16, 88))  # rows 16-55 level 1, 56-87 level 2
GB2312_SYMBOLS = gb2312(range(1, 10))  # punctuation, numerals, full-width forms, kana, Greek, Cyrillic, pinyin, boxes


@pytest.fixture
def report_style():
    with matplotlib.rc_context():
        charts.use_style()
        yield
    plt.close("all")


@pytest.fixture(scope="module")
def cmap() -> set[int]:
    return set(FT2Font(str(charts.FONT_PATH)).get_charmap())


def chinese_figure(values: list[float]) -> plt.Figure:
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([2022, 2023, 2024], values, marker=charts.qualifier_marker("at_least"))
    ax.set_title(CHINESE_TITLE)
    ax.set_xlabel("年份")
    ax.set_ylabel("增长率（%）")
    ax.annotate(labels.qualifier_label(6.5, "at_least", "%"), (2024, values[-1]))
    return fig


def png_bytes(fig: plt.Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def test_font_ships_in_the_package_with_its_licence():
    assert charts.FONT_PATH.parent == FONTS_DIR
    assert charts.FONT_PATH.stat().st_size < 4_000_000
    licence = (FONTS_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Adobe" in licence


def test_register_font_is_idempotent():
    family = charts.register_font()
    assert charts.register_font() == family == "Noto Sans SC GB2312"
    entries = [e for e in font_manager.fontManager.ttflist if e.fname == str(charts.FONT_PATH)]
    assert len(entries) == 1


def test_report_style_puts_cjk_font_first(report_style):
    rc = matplotlib.rcParams
    assert rc["font.sans-serif"][:2] == ["Noto Sans SC GB2312", "DejaVu Sans"]
    assert rc["axes.unicode_minus"] is False
    assert rc["figure.dpi"] == rc["savefig.dpi"] == 110


def test_default_font_for_chinese_is_the_shipped_one(report_style, cmap):
    family_font = font_manager.findfont(font_manager.FontProperties(family="Noto Sans SC GB2312"),
                                        fallback_to_default=False)
    default_font = font_manager.findfont(font_manager.FontProperties(family=matplotlib.rcParams["font.family"]))
    assert family_font == default_font == str(charts.FONT_PATH)
    assert all(ord(c) in cmap for c in CHINESE_TITLE.replace(" ", ""))


def test_without_the_shipped_font_chinese_warns():
    # The control for the next test: DejaVu alone lacks hanzi, and matplotlib says so.
    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"]}):
        fig, ax = plt.subplots()
        ax.set_title(CHINESE_TITLE)
        with pytest.warns(UserWarning, match="missing from font"):
            png_bytes(fig)
        plt.close(fig)


def test_chinese_figure_renders_without_warnings(report_style):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = png_bytes(chinese_figure([5.2, -2.1, 6.5]))
    assert [str(w.message) for w in caught] == []
    assert data.startswith(b"\x89PNG")


def test_png_renders_are_byte_identical(report_style):
    first = png_bytes(chinese_figure([5.2, -2.1, 6.5]))
    second = png_bytes(chinese_figure([5.2, -2.1, 6.5]))
    assert first == second
    assert png_bytes(chinese_figure([5.2, -2.1, 6.6])) != first


def test_svg_renders_are_identical_without_date(report_style):
    def svg() -> bytes:
        buffer = io.BytesIO()
        chinese_figure([1.0, 2.0, 3.0]).savefig(buffer, format="svg", metadata={"Date": None})
        return buffer.getvalue()

    assert svg() == svg()


def test_every_gb2312_character_is_in_the_font(cmap):
    assert len(GB2312_HANZI) == 6763
    missing = [c for c in GB2312_HANZI + GB2312_SYMBOLS if ord(c) not in cmap]
    assert missing == []


def test_latin_and_label_symbols_are_in_the_font(cmap):
    printable_ascii = [chr(c) for c in range(0x20, 0x7F)]
    latin1 = [chr(c) for c in range(0xA0, 0x100)]
    used = list("≈≥≤–—‰℃（）％，。、：；")
    missing = [c for c in printable_ascii + latin1 + used if ord(c) not in cmap]
    assert missing == []


@pytest.mark.parametrize(("value", "qualifier", "unit", "high", "expected"), [
    (10.0, None, "%", None, "10%"),
    (10.0, math.nan, "%", None, "10%"),
    (10.0, pd.NA, "%", None, "10%"),
    (6.0, "about", "%", None, "≈6%"),
    (6.5, "at_least", "%", None, "≥6.5%"),
    (5.5, "at_most", "%", None, "≤5.5%"),
    (6.0, "range", "%", 6.5, "6–6.5%"),
    (311.7, None, "亿元", None, "311.7亿元"),
    (-2.1, "about", "%", None, "≈-2.1%"),
    (0.5, "at_least", "个百分点", None, "≥0.5个百分点"),
])
def test_qualifier_label(value, qualifier, unit, high, expected):
    assert labels.qualifier_label(value, qualifier, unit, high) == expected


@pytest.mark.parametrize("value", [3.14159265, 1234567.0, 0.1 + 0.2, 1e-05, 2.5e16, 36836.0])
def test_qualifier_label_never_changes_the_number(value):
    label = labels.qualifier_label(value, "about", "元")
    assert float(label.removeprefix("≈").removesuffix("元")) == value
    assert "e" not in label.lower()


@pytest.mark.parametrize(("args", "message"), [
    ((6.0, "range", "%"), "needs value_high"),
    ((6.5, "range", "%", 6.0), "below value"),
    ((6.0, "about", "%", 7.0), "only 'range'"),
    ((6.0, "approximately", "%"), "unknown qualifier 'approximately'"),
    ((math.nan, None, "%"), "non-finite"),
])
def test_qualifier_label_rejects_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        labels.qualifier_label(*args)


def test_each_qualifier_has_its_own_marker():
    assert set(charts.QUALIFIER_MARKERS) == {None, "about", "at_least", "at_most", "range"}
    assert len(set(charts.QUALIFIER_MARKERS.values())) == 5
    assert charts.qualifier_marker(math.nan) == charts.QUALIFIER_MARKERS[None] == "o"
    assert charts.qualifier_marker("at_least") == "^"


def test_style_table_escapes_html_and_sets_font_stack():
    df = pd.DataFrame({"指标": ["<script>alert(1)</script>", "地区生产总值"], "值": [6.5, math.nan]})
    html = charts.style_table(df, caption="表<1>").to_html()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert charts.CSS_FONT_STACK in html
    assert "表&lt;1&gt;" in html
    assert ">6.5<" in html and "6.500000" not in html
    assert "地区生产总值" in html


def test_style_table_escapes_column_names_and_is_reproducible():
    df = pd.DataFrame({"<b>列</b>": [1, 2]})
    html = charts.style_table(df).to_html()
    assert "&lt;b&gt;列&lt;/b&gt;" in html
    assert html == charts.style_table(df).to_html()
    assert 'class="row_heading' not in html  # index hidden by default
    assert 'class="row_heading' in charts.style_table(df, hide_index=False).to_html()


def test_short_chinese_names_stay_on_one_line_and_sentences_wrap() -> None:
    import pandas as pd

    from analysis.present.style import style_table

    table = pd.DataFrame({"indicator": ["GDP"], "中文": ["地区生产总值"],
                          "quote": ["全区地方生产总值完成311.7亿元，增长4.7%；一般公共预算收入达到27.6亿元。"]})
    page = style_table(table).to_html()
    assert "td:nth-child(2)" in page and "nowrap" in page.split("td:nth-child(2)", 1)[1].split("}", 1)[0]
    assert page.count("nowrap") == 1


def test_qualifier_legend_reads_as_words() -> None:
    from analysis.present.labels import qualifier_legend

    assert [qualifier_legend(q) for q in (None, float("nan"), "about", "at_least", "at_most", "range")] == [
        "exact", "exact", "≈ about", "≥ at least", "≤ at most", "range"]
    with pytest.raises(ValueError, match="unknown qualifier"):
        qualifier_legend("roughly")


def test_table_cells_carry_no_class_and_a_long_table_folds() -> None:
    from analysis.present.style import FOLD_ROWS, style_table

    short = pd.DataFrame({"year": [2022, 2023], "value": [4.7, 6.5]})
    html = style_table(short, caption="GDP").to_html()
    assert "<td>2022</td>" in html and 'class="data' not in html
    # the numeric columns are right-aligned by position: the first and the second cell of each row
    assert "td:nth-child(1)" in html and "td:nth-child(2)" in html
    assert style_table(short, caption="GDP")._repr_html_() == html  # short: not folded
    long = pd.DataFrame({"n": range(FOLD_ROWS + 1)})
    shown = style_table(long, caption="Every <number>")._repr_html_()
    assert shown.startswith('<details class="gwr-table"><summary>Every &lt;number&gt; — 31 rows (click to show)')
    assert shown.endswith("</details>") and "<td>30</td>" in shown
    # with the index shown, a row starts with its th: data column 0 is the second cell
    assert "td:nth-child(2)" in style_table(short, hide_index=False).to_html()
