"""Tables that stay usable at thirty rows and more, one rule on every page, offline.

A table of fewer than `style.FOLD_ROWS` (30) rows is a plain styled table. A longer one never runs down
the page; it is shown in one of two ways, by what the reader does with it:
- a table of regions or levels compared side by side (page 05's chain, regions and headline targets,
  made here by `long_table`) is an itables DataTable in its offline mode, sortable and searchable and
  scrolling inside its own box: the DataTables bundle is embedded in the page once (inline, no network
  request), and a static copy of the table is shown until it loads (and where scripts do not run);
- a listing to look things up in (every figure, the numbers left out, the documents behind the figures;
  `style.style_table`) is folded under its caption and row count (<details>), and opened, scrolls inside
  a box of the same height.
The bundle weighs ~1 MB (base64, JS and CSS); listings on every report page would carry it for tables
nobody sorts (page 00 went from 393 KB to 247 KB when its tables were folded and slimmed).
"""
from __future__ import annotations

import html

import pandas as pd

from analysis.present.style import FOLD_ROWS, style_table

INTERACTIVE_FROM = FOLD_ROWS  # rows: the same threshold as a folded listing


class LongTable:
    """An interactive table's HTML for IPython's display (`_repr_html_`), with the bundle loader first."""

    def __init__(self, frame: pd.DataFrame, caption: str) -> None:
        self.frame, self.caption = frame, caption

    def _repr_html_(self) -> str:
        from itables import javascript, options

        loader = javascript.generate_init_offline_itables_html(options.dt_bundle) if _first_on_page() else ""
        table = javascript.to_html_datatable(self.frame, caption=html.escape(self.caption), connected=False,
                                             display_logo_when_loading=False, paging=False, scrollY="32em",
                                             scrollCollapse=True, classes="display compact")
        return loader + table


def _first_on_page() -> bool:
    """Whether no interactive table was shown yet in this notebook run (the bundle, ~1 MB, goes in once a page).
    Kept in the IPython namespace, which a kept kernel resets between pages; outside IPython, always."""
    try:
        from IPython import get_ipython
    except ImportError:
        return True
    shell = get_ipython()
    if shell is None:
        return True
    first = not shell.user_ns.get("__gwr_itables_loaded__", False)
    shell.user_ns["__gwr_itables_loaded__"] = True
    return first


def long_table(frame: pd.DataFrame, caption: str) -> object:
    """`frame` as a report table: styled when short, sortable and searchable offline when long."""
    if len(frame) < INTERACTIVE_FROM:
        return style_table(frame, caption=caption)
    return LongTable(frame.reset_index(drop=True), caption)
