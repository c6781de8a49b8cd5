"""House style for report charts and tables: the shipped CJK font, seaborn theme, qualifier labels."""
from __future__ import annotations

import hashlib
import html
import math
import re
from pathlib import Path
from typing import Any

import matplotlib
import pandas as pd
import seaborn as sns
from matplotlib import font_manager
from pandas.io.formats.style import Styler

from analysis.config import FONTS_DIR
from analysis.present.labels import number_text, qualifier_key

# A GB2312 subset of Noto Sans CJK SC (OFL), shipped because a fresh machine has no CJK font
# and matplotlib would draw boxes; tools/subset_font.py rebuilds it, fonts/README.md says how.
FONT_PATH = FONTS_DIR / "NotoSansSC-GB2312-Regular.otf"
# Second in line for any character the subset lacks; matplotlib always has it.
FALLBACK_FAMILY = "DejaVu Sans"
# Sharp enough in an HTML page without making PNGs heavy.
FIGURE_DPI = 110

# Browsers pick the first font the reader has; the shipped subset is for matplotlib only.
CSS_FONT_STACK = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'

# Marker per qualifier, so a target's looseness shows without reading the label: a floor
# points up, a ceiling down, an approximate value is a diamond, a range a bar-like square.
QUALIFIER_MARKERS: dict[str | None, str] = {
    None: "o",
    "about": "D",
    "at_least": "^",
    "at_most": "v",
    "range": "s",
}


def register_font() -> str:
    """Make the shipped font known to matplotlib (once per process) and return its family name."""
    if not FONT_PATH.is_file():
        raise FileNotFoundError(f"{FONT_PATH}: the shipped CJK font is missing; "
                                "run `.venv/bin/python -m tools.subset_font` (see analysis/fonts/README.md)")
    # addfont appends on every call; checking first keeps the font list from growing.
    if not any(Path(entry.fname) == FONT_PATH for entry in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(FONT_PATH)
    return font_manager.get_font(FONT_PATH).family_name


def use_style() -> None:
    """Seaborn's theme with the shipped CJK font, fixed dpi and reproducible output.

    PNG output is byte-for-byte reproducible as it is: Agg writes no timestamp and its only
    metadata ('Software') names the pinned matplotlib version. SVG and PDF embed a date:
    pass `metadata={"Date": None}` to savefig (or set SOURCE_DATE_EPOCH) when saving those.
    """
    family = register_font()
    sns.set_theme(context="notebook", style="whitegrid")
    # After set_theme, because set_theme resets font.sans-serif to Arial/DejaVu Sans.
    matplotlib.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [family, FALLBACK_FAMILY],
        # ASCII '-' in tick labels, the same character as in tables and CSV files.
        "axes.unicode_minus": False,
        "figure.dpi": FIGURE_DPI,
        "savefig.dpi": FIGURE_DPI,
        # SVG element ids are random unless salted; glyphs as paths need no font on the reader's side.
        "svg.hashsalt": "gwr-analysis",
        "svg.fonttype": "path",
        # Type 3 (the default) on purpose: Type 42 would put the font's CFF outlines in a
        # TrueType slot, which poppler flags as a mismatch. Type 3 text stays searchable.
        "pdf.fonttype": 3,
    })


def qualifier_marker(qualifier: str | None) -> str:
    """The matplotlib marker for a qualifier (None/NaN = exact)."""
    return QUALIFIER_MARKERS[qualifier_key(qualifier)]


def _cell_text(value: Any) -> str:
    # Floats as stored (6.5, not Styler's default 6.500000); strings arrive already escaped.
    if isinstance(value, float) and math.isfinite(value):
        return number_text(value)
    return str(value)


SHORT_NAME = 12  # characters: a Chinese indicator name, not a quoted sentence


def _short_name_columns(df: pd.DataFrame) -> list[int]:
    """Columns of short Chinese names, kept on one line: browsers break CJK text between any two characters,
    which squeezed 地区生产总值 into a column one character wide."""
    return [i for i, column in enumerate(df.columns) if _is_short_chinese(df[column])]


def _is_short_chinese(cells: pd.Series) -> bool:
    texts = [v for v in cells if isinstance(v, str)]
    has_cjk = any("\u4e00" <= ch <= "\u9fff" for v in texts for ch in v)
    return has_cjk and max(len(v) for v in texts) <= SHORT_NAME


# A table of this many rows or more never runs down the page (present/long_tables.py states the rule for
# every page): a listing is folded (<details>) under its caption and row count, and opened, scrolls inside
# its own box; the reader opens the ones they want, and a page of several such tables stays a page to
# scroll through, not 50,000 px of rows.
FOLD_ROWS = 30
_CELL = re.compile(r'<td class="data row\d+ col\d+" ?>')
_INDENT = re.compile(r"\n +<")


class ReportTable(Styler):
    """A Styler whose HTML carries no class on each cell and no indentation (the style addresses columns by
    position instead: a long table was a third class attributes), and which a notebook shows folded when long."""

    def to_html(self, *args: Any, **kwargs: Any) -> str:  # type: ignore[override]
        return _INDENT.sub("\n<", _CELL.sub("<td>", super().to_html(*args, **kwargs)))

    def _repr_html_(self) -> str:
        table = self.to_html()
        if len(self.data) < FOLD_ROWS:
            return table
        caption = self.caption if isinstance(self.caption, str) and self.caption else "Table"  # escaped: style_table
        return (f'<details class="gwr-table"><summary>{caption} — {len(self.data)} rows '
                f'(click to show)</summary>\n<div class="gwr-scroll">{table}</div></details>')


def style_table(df: pd.DataFrame, caption: str | None = None, *, hide_index: bool = True) -> ReportTable:
    """A report table: CJK font stack, light rules, numbers right-aligned, all text HTML-escaped; folded
    in the page from FOLD_ROWS rows."""
    # A uuid derived from the content keeps the HTML identical from one build to the next.
    digest = hashlib.sha1(f"{caption}\n{df.to_csv()}".encode("utf-8")).hexdigest()[:12]
    styler = (
        ReportTable(df, uuid=digest, cell_ids=False)
        .format(_cell_text, escape="html", na_rep="—")
        .format_index(escape="html", axis=0)
        .format_index(escape="html", axis=1)
    )
    numeric = [i for i, dtype in enumerate(df.dtypes) if pd.api.types.is_numeric_dtype(dtype)]
    shift = 0 if hide_index else df.index.nlevels  # a shown index comes first in each row, as th cells
    styler.set_table_styles([
        {"selector": "", "props": [("font-family", CSS_FONT_STACK), ("border-collapse", "collapse"),
                                   ("font-size", "0.9em")]},
        {"selector": "caption", "props": [("caption-side", "top"), ("text-align", "left"),
                                          ("font-weight", "bold"), ("padding-bottom", "0.4em")]},
        {"selector": "th", "props": [("text-align", "left"), ("border-bottom", "1px solid #555"),
                                     ("padding", "0.3em 0.8em")]},
        {"selector": "td", "props": [("padding", "0.3em 0.8em"), ("border-bottom", "1px solid #ddd")]},
        *({"selector": _column(i, shift), "props": [("text-align", "right"), ("font-variant-numeric", "tabular-nums")]}
          for i in numeric),
        *({"selector": _column(i, shift), "props": [("white-space", "nowrap")]} for i in _short_name_columns(df)),
    ])
    if caption is not None:
        # Styler inserts the caption as raw HTML.
        styler.set_caption(html.escape(caption))
    if hide_index:
        styler.hide(axis="index")
    return styler


def _column(i: int, shift: int) -> str:
    """The CSS selector of the data cells of column `i` (the cells carry no class: `ReportTable`)."""
    return f"td:nth-child({i + 1 + shift})"
