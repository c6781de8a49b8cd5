"""What a report cites, ready to display: the documents behind its figures, and the sources that disagree."""
from __future__ import annotations

import pandas as pd

from analysis.analyses.growth import cited_sources
from analysis.reconciled.reconcile import RESOLUTION_RULE

SOURCE_COLUMNS = ["Document", "Title", "Publisher", "Published", "Report year", "How entered", "URL",
                  "Figures"]
NO_URL = "no URL: see the provenance sidecar in data/raw"
HOW_ENTERED = {"extracted": "extracted from the report text", "hand_entered": "hand-entered (reference CSV)"}


def sources_table(table: pd.DataFrame, regions: str | list[str], report_year: int | None = None,
                  sidecars: list[dict] | None = None, *, include_next: bool = True) -> pd.DataFrame:
    """Documents behind the figures of `regions` (the report of `report_year` and, with
    `include_next`, the next one, which gives its outcomes), one row per document.

    A report text is titled from its provenance sidecar; a hand-entered source has no sidecar, so its
    title is built from its region, report year and doc id (never from one row's note), and its URL
    is the rows' source_url. Columns: SOURCE_COLUMNS.
    """
    regions = [regions] if isinstance(regions, str) else list(regions)
    parts = [cited_sources(table, r, report_year) for r in regions]
    found = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    if found.empty:
        return pd.DataFrame(columns=SOURCE_COLUMNS)
    found = found.drop_duplicates(subset=["doc", "source"])
    if report_year is not None and not include_next:
        found = found[found["report_year"] == report_year]
    meta = {str(m.get("doc")): m for m in sidecars or []}
    rows = [_display_row(r, meta.get(str(r["doc"]))) for _, r in found.iterrows()]
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS).reset_index(drop=True)


def source_title(doc: str, source: str, region: str, region_en: object, report_year: int,
                 sidecar: dict | None = None) -> str:
    """A reader's title for a document: the sidecar's title for a report text; for a hand-entered
    source 'Hand-entered reference figures, <region_en> (<region>), <year> report [<doc>]'."""
    if sidecar and _text(sidecar.get("title")):
        return _text(sidecar["title"])
    place = f"{region_en} ({region})" if _text(region_en) else str(region)
    if source == "hand_entered":
        return f"Hand-entered reference figures, {place}, {int(report_year)} report [{doc}]"
    missing = "no title in its provenance sidecar" if sidecar else "no provenance sidecar"
    return f"{place}, {int(report_year)} work report [{doc}] ({missing})"


def _display_row(row: pd.Series, sidecar: dict | None) -> dict:
    url = _text(row.get("source_url")) or _text((sidecar or {}).get("url")) or NO_URL
    return {
        "Document": row["doc"],
        "Title": source_title(row["doc"], row["source"], row["region"], row.get("region_en"),
                              row["report_year"], sidecar),
        "Publisher": _text((sidecar or {}).get("publisher")) or "—",
        "Published": _text((sidecar or {}).get("date_published")) or "—",
        "Report year": str(int(row["report_year"])),
        "How entered": HOW_ENTERED.get(row["source"], str(row["source"])),
        "URL": url,
        "Figures": int(row["figures"]),
    }


def _text(value: object) -> str:
    """A sidecar or table value as text; missing (None, NaN, '') is ''."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


CONFLICT_COLUMNS = ["Indicator", "中文", "Figure", "Value used", "Used from", "Other source(s)"]


def conflicts_shown(summary: pd.DataFrame) -> pd.DataFrame:
    """`reconcile.conflict_summary` (or `fiscal.fiscal_conflicts`) output with reader column names."""
    return pd.DataFrame({
        "Indicator": list(summary["title_en"]), "中文": list(summary["name_zh"]),
        "Figure": list(summary["figure"]), "Value used": list(summary["used"]),
        "Used from": list(summary["used_source"]), "Other source(s)": list(summary["other"]),
    }, columns=CONFLICT_COLUMNS)


def conflicts_note(summary: pd.DataFrame) -> str:
    """The paragraph above a 'Conflicting sources' table: how many figures, and the rule applied."""
    n = len(summary)
    figures = "one figure this report uses is" if n == 1 else f"{n} figures this report uses are"
    return (f"**Conflicting sources.** {figures} given differently by two sources, beyond rounding. "
            f"{RESOLUTION_RULE} Check the sources, or record a correction in data/corrections.csv.")
