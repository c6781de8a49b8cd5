"""What a report cites, ready to display: the documents behind its figures, and the sources that disagree."""
from __future__ import annotations

from urllib.parse import unquote

import pandas as pd

from analysis.analyses.growth import cited_sources
from analysis.present.labels import number_text
from analysis.reconciled.reconcile import CONFLICT_SIDE, FIGURE_KEY, RESOLUTION_RULE, conflicts_of, source_text
from analysis.reconciled.rule import TIE_CODES

SOURCE_COLUMNS = ["Document", "Issuer", "Title", "Meeting", "Published", "Kind", "Report year", "Seen at", "Figures"]
NO_URL = "no URL: see the provenance sidecar in data/raw"
HOW_ENTERED = {"extracted": "extracted from the report text", "hand_entered": "hand-entered (reference CSV)"}
# What a document is (the `source_type` of its figures), and what the page it was seen on is (`page_kind`).
KINDS = {"report": "work report", "bulletin": "statistical bulletin", "release": "official release",
         "news": "news page"}
PAGE_KINDS = {"official": "official site", "state_media": "state media", "wikisource": "Wikisource transcription",
              "press": "press", "mirror": "MIRROR: a copy on an unrelated site, low authority"}


def sources_table(table: pd.DataFrame, regions: str | list[str], report_year: int | None = None,
                  sidecars: list[dict] | None = None, documents: pd.DataFrame | None = None, *,
                  include_next: bool = True) -> pd.DataFrame:
    """Documents behind the figures of `regions` (the report of `report_year` and, with
    `include_next`, the next one, which gives its outcomes), one row per document, cited as a document
    (issuer, title, meeting, date) with the pages it was seen on beside it.

    A report text is described by its provenance sidecar; a hand-entered source by its row of
    `documents` (data/reference/documents.csv), else a title built from its region, report year and
    doc id (never from one row's note). 'Seen at' lists each URL its figures give, with what the page
    is (a mirror is marked as such). Columns: SOURCE_COLUMNS.
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
    cited = {} if documents is None else {str(d["doc"]): d for d in documents.to_dict("records")}
    rows = [_display_row(r, meta.get(str(r["doc"])), cited.get(str(r["doc"]))) for _, r in found.iterrows()]
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


def seen_at(pages: object, fallback: str) -> str:
    """The pages a document was seen on, each with what it is: 'https://… (Wikisource transcription)'."""
    # addresses as a reader types them (…/wiki/2008年…政府工作报告), not percent-encoded
    listed = [f"{unquote(url)} ({PAGE_KINDS[kind]})" if kind in PAGE_KINDS else unquote(url)
              for url, kind in (pages if isinstance(pages, list) else [])]
    return "; ".join(listed) or fallback


def _display_row(row: pd.Series, sidecar: dict | None, document: dict | None) -> dict:
    side, doc = sidecar or {}, document or {}
    url = _text(side.get("url")) or NO_URL
    kind = KINDS.get(_text(row.get("source_type")), "")
    return {
        "Document": row["doc"],
        "Issuer": _text(doc.get("issuer")) or _text(side.get("publisher")) or "—",
        "Title": _text(doc.get("title")) or source_title(row["doc"], row["source"], row["region"], row.get("region_en"),
                                                         row["report_year"], sidecar),
        "Meeting": _text(doc.get("meeting")) or _text(side.get("meeting")) or "—",
        "Published": _text(doc.get("published")) or _text(side.get("date_published")) or "—",
        "Kind": "; ".join(k for k in (kind, HOW_ENTERED.get(row["source"], str(row["source"]))) if k),
        "Report year": str(int(row["report_year"])),
        "Seen at": seen_at(row.get("seen_at"), url),
        "Figures": int(row["figures"]),
    }


def _text(value: object) -> str:
    """A sidecar or table value as text; missing (None, NaN, '') is ''."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value).strip()


CONFLICT_COLUMNS = ["Indicator", "中文", "Figure", "Value used", "Used from", "Other source(s)", "Why this value"]
# The step of RESOLUTION_RULE that put the value used before another source's (`not_chosen`), in words.
WHY_USED = {"other_statistic": "the statistic the target is judged on (an annual average, not a year-end rate)",
            "analysed_report": "it is the report analysed", "later_vintage": "a later vintage (revised or final)",
            "earlier_vintage": "first published, as known when the next target was set",
            "report_words": "the report's own words before a bulletin, a release or a news page",
            "newer_report": "the newer report", "older_report": "the older report",
            "stated_value": "a stated value, not a bound it passed",
            "extracted_first": "the report text before a hand-entered page",
            "more_decimals": "no rule decides (more decimals): neither is judged",
            "earlier_in_text": "no rule decides (earlier in the text): neither is judged",
            "document_id": "no rule decides (document id order): neither is judged",
            "earlier_row": "no rule decides (row order): neither is judged"}
TIES = TIE_CODES  # the rule's last steps: an order to list values in, not a reason
QUALIFIER_WORDS = {"about": "about ", "at_least": "at least ", "at_most": "at most "}


def _high_places(side: pd.Series, places: int) -> int:
    """Decimals of a range's upper end: the stored number's own (5–5.3: 'decimals' counts the 5 only)."""
    text = number_text(float(side["value_high"]))
    return max(places, len(text.split(".")[1]) if "." in text else 0)


def figure_text(side: pd.Series) -> str:
    """A figure as the source writes it: '350 亿元', 'at least 5 %', '6–6.5 %' (from value, value_high,
    decimals, qualifier and unit)."""
    places = 0 if pd.isna(side["decimals"]) else int(side["decimals"])
    value = f"{float(side['value']):,.{places}f}"
    if pd.notna(side.get("value_high")):
        value += "–" + f"{float(side['value_high']):,.{_high_places(side, places)}f}"
    word = QUALIFIER_WORDS.get(side.get("qualifier"), "") if isinstance(side.get("qualifier"), str) else ""
    return f"{word}{value} {side['unit']}"


def value_as_written(side: pd.Series) -> str:
    """A figure compactly, with its qualifier's symbol, as tables show values: '≈8%', '≥900万人', '6–6.5%'."""
    places = 0 if pd.isna(side["decimals"]) else int(side["decimals"])
    value = f"{float(side['value']):,.{places}f}"
    if pd.notna(side.get("value_high")):
        value += "–" + f"{float(side['value_high']):,.{_high_places(side, places)}f}"
    qualifier = side.get("qualifier")
    return f"{SYMBOLS.get(qualifier, '') if isinstance(qualifier, str) else ''}{value}{side['unit']}"


SYMBOLS = {"about": "≈", "at_least": "≥", "at_most": "≤"}


def used_and_others(conflicts: pd.DataFrame, key: tuple) -> list[str]:
    """The values sources give for one figure (a FIGURE_KEY tuple), as written: the value used first."""
    rows = conflicts_of(conflicts, pd.DataFrame([key], columns=FIGURE_KEY))
    if rows.empty:
        return []
    return list(dict.fromkeys([value_as_written(conflict_side(rows.iloc[0], "used")),
                               *(value_as_written(conflict_side(r, "other")) for _, r in rows.iterrows())]))


def conflict_side(row: pd.Series, prefix: str) -> pd.Series:
    """The `used` or `other` side of a conflict row (`reconcile.resolve`) under the table's column names."""
    return pd.Series({c: row[f"{prefix}_{c}"] for c in CONFLICT_SIDE})


def other_sources(rows: pd.DataFrame) -> str:
    """The other sources of conflict rows, in words: '331 亿元 in ref (hand-entered, 2024 report); 340 亿元
    in ref2 (hand-entered, 2024 report)'. Every page words a conflict through this."""
    return "; ".join(f"{figure_text(other)} in {source_text(other)}"
                     for other in (conflict_side(r, "other") for _, r in rows.iterrows()))


def conflict_note(conflicts: pd.DataFrame, figures: dict[str | None, tuple]) -> str:
    """The other sources of the figures a result row uses ({label: FIGURE_KEY values}), in words:
    'prior: other source: 4.9 % in ref (hand-entered, 2023 report)' ('' when none; no label, no prefix)."""
    notes = []
    for label, key in figures.items():
        rows = conflicts_of(conflicts, pd.DataFrame([key], columns=FIGURE_KEY))
        if len(rows):
            notes.append(("" if label is None else f"{label}: ") + "other source: " + other_sources(rows))
    return "; ".join(notes)


def conflicts_by_figure(conflicts: pd.DataFrame) -> pd.DataFrame:
    """Conflict rows (`reconcile.conflict_summary`, `fiscal.fiscal_conflicts`) as one row per figure, in
    words. Columns: title_en, name_zh, figure ('actual 2023, level'), used (value as written with unit),
    used_source, other (the sources and values not used), why (the rule's deciding step, `why_used`)."""
    rows = []
    for _, group in conflicts.groupby(FIGURE_KEY, sort=False, dropna=False):
        first = group.iloc[0]
        used = conflict_side(first, "used")
        rows.append({"title_en": first["title_en"], "name_zh": first["name_zh"],
                     "figure": f"{first['kind']} {int(first['period'])}, {first['measure']}",
                     "used": figure_text(used), "used_source": source_text(used), "other": other_sources(group),
                     "why": why_used(group)})
    return pd.DataFrame(rows, columns=["title_en", "name_zh", "figure", "used", "used_source", "other", "why"])


def why_used(rows: pd.DataFrame) -> str:
    """Why the value used was chosen over each other source of one figure: 'over ref: the report text
    before a hand-entered page; over bulletin: it is the report analysed'."""
    return "; ".join(f"over {r['other_doc']}: {WHY_USED.get(r['not_chosen'], r['not_chosen'])}"
                     for _, r in rows.iterrows())


def conflicts_shown(conflicts: pd.DataFrame) -> pd.DataFrame:
    """Conflict rows (`reconcile.conflict_summary`, `fiscal.fiscal_conflicts`) as a reader's table, one
    row per figure (`conflicts_by_figure`)."""
    summary = conflicts_by_figure(conflicts)
    return pd.DataFrame({
        "Indicator": list(summary["title_en"]), "中文": list(summary["name_zh"]),
        "Figure": list(summary["figure"]), "Value used": list(summary["used"]),
        "Used from": list(summary["used_source"]), "Other source(s)": list(summary["other"]),
        "Why this value": list(summary["why"]),
    }, columns=CONFLICT_COLUMNS)


def conflicts_note(conflicts: pd.DataFrame) -> str:
    """The paragraph above a 'Conflicting sources' table: how many figures, and the rule applied."""
    n = len(conflicts_by_figure(conflicts))
    figures = "one figure this report uses is" if n == 1 else f"{n} figures this report uses are"
    return (f"**Conflicting sources.** {figures} given differently by two sources, beyond rounding. "
            f"{RESOLUTION_RULE} Check the sources, or record a correction in data/corrections.csv.")
