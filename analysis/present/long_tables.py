"""Tables that stay usable at thirty rows and more: sortable and searchable in the page, offline.

A table of fewer than `INTERACTIVE_FROM` rows is a plain styled table. A longer one is an itables
DataTable in its offline mode: the DataTables bundle is embedded in the page once (inline, no
network request), and a static copy of the table is shown until it loads (and where scripts do not run).
"""
from __future__ import annotations

import html

import pandas as pd

from analysis.present.style import style_table

INTERACTIVE_FROM = 30  # rows


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
