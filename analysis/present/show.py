"""Show a report section in a notebook: Markdown text, tables and charts (with their alt text), in order."""
from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure


def show(*items: Any) -> None:
    """Display each item: a str as Markdown, a Figure with its `alt_text` in the output's image/png
    metadata (where the report export reads it for <img alt>), anything else as it is; lists are
    flattened and None is skipped."""
    from IPython.core.pylabtools import print_figure
    from IPython.display import Markdown, display

    for item in items:
        if item is None:
            continue
        if isinstance(item, list | tuple):
            show(*item)
        elif isinstance(item, str):
            display(Markdown(item))
        elif isinstance(item, Figure):
            # Rendered as the inline backend renders a pyplot figure; a Figure made outside pyplot
            # has no formatter until pyplot draws one.
            data = {"image/png": print_figure(item, "png", bbox_inches="tight", base64=True),
                    "text/plain": repr(item)}
            display(data, raw=True, metadata={"image/png": {"alt": getattr(item, "alt_text", "")}})
        else:
            display(item)
