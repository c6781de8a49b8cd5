"""The data-overview report page: its sections (key facts, sources, figures, checks, left out, corrections)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.present.overview import (consistency_sentence, corrections_listing, coverage, document_sources,
                                       figure_listing, left_out, provenance_card, reasons_count,
                                       reference_sources, repeated_figures)
from analysis.present.style import style_table
from analysis.reconciled.reconcile import find_conflicts
from analysis.reconciled.report import Report


def overview_results(report: Report, data_dir: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """What the overview page shows, read once: documents, references, checks, numbers left out, corrections."""
    return {"documents": document_sources(data_dir), "references": reference_sources(report.table),
            "checks": find_conflicts(report.table), "skipped": left_out(data_dir),
            "corrections": corrections_listing(data_dir)}


def key_facts(report: Report, r: dict) -> str:
    """The opening paragraph: how many figures came from where, what matched, agreed and was left out."""
    table = report.table
    extracted = table[table["source"].eq("extracted")]
    return (f"**Key facts.** {len(extracted)} figures were extracted from {len(r['documents'])} report text(s) "
            f"and {len(table) - len(extracted)} figures were entered by hand from "
            f"{r['references']['doc'].nunique()} reference source(s). "
            f"{int(extracted['indicator'].notna().sum())} extracted figures matched an indicator of the catalog. "
            f"{consistency_sentence(r['checks'])} {len(r['skipped'])} numbers in the text were left out on "
            "purpose (dates, labels, thresholds, framing text); they are listed at the end, with what the list "
            f"covers. {len(r['corrections'])} correction(s) from `data/corrections.csv` are applied.")


def report_texts(r: dict) -> object:
    return style_table(provenance_card(r["documents"]), caption="Report texts and their provenance")


def references(r: dict) -> object:
    return style_table(r["references"], caption="Hand-entered reference sources")


def figures(report: Report) -> list:
    """Coverage per source, then every figure with its source."""
    return [style_table(coverage(report.table), caption="Figures per source, kind and measure"),
            style_table(figure_listing(report.table, report.catalog), caption="Every figure with its source")]


def repeated(report: Report, r: dict) -> object:
    shown = repeated_figures(r["checks"], report.catalog)
    return style_table(shown, caption="Figures reported more than once") if len(shown) else \
        "No figure is reported more than once."


def numbers_left_out(r: dict) -> list:
    skipped = r["skipped"]
    return [style_table(reasons_count(skipped), caption="Numbers left out, by reason"),
            style_table(skipped[["doc", "text", "reason", "context"]], caption="Every number left out, in context")]


def corrections(r: dict) -> object:
    if not len(r["corrections"]):
        return "No corrections: every figure is shown as extracted."
    return style_table(r["corrections"], caption="Corrections applied")
