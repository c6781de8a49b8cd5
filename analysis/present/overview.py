"""What the data overview shows: sources with provenance, coverage, and numbers left out with reasons."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.config import data_paths
from analysis.present.labels import qualifier_label
from analysis.extract.facts import skipped_numbers
from analysis.text.sources import raw_documents, read_sidecar, read_text

SOURCE_FIELDS = ["doc", "title", "publisher", "region", "region_en", "level", "report_year", "meeting",
                 "meeting_date", "speaker", "url", "date_published", "date_accessed", "encoding"]


def document_sources(data_dir: str | Path | None = None) -> pd.DataFrame:
    """One row per raw document with its provenance fields (missing optional fields are blank)."""
    raw_dir = data_paths(data_dir).raw
    rows = [{field: read_sidecar(path).get(field) for field in SOURCE_FIELDS} for path in raw_documents(raw_dir)]
    return pd.DataFrame(rows, columns=SOURCE_FIELDS)


def reference_sources(table: pd.DataFrame) -> pd.DataFrame:
    """Hand-entered sources: one row per source document and URL, with how many figures it gave."""
    hand = table[table["source"].eq("hand_entered")]
    grouped = hand.groupby(["doc", "region", "level", "report_year", "source_url"], dropna=False)
    return grouped.size().rename("figures").reset_index()


def coverage(table: pd.DataFrame) -> pd.DataFrame:
    """Figures per source, kind and measure, and how many of them matched a catalog indicator."""
    counted = table.assign(catalogued=table["indicator"].notna())
    summary = counted.groupby(["doc", "kind", "measure"]).agg(figures=("value", "size"),
                                                               catalogued=("catalogued", "sum"))
    return summary.reset_index()


def left_out(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Numbers in each raw document that were not taken as facts, with the reason and a short context:
    those the extractor passed over, and figures it read that the table could not hold (set aside)."""
    paths = data_paths(data_dir)
    refused = pd.read_csv(paths.set_aside, dtype={"doc": str, "text": str, "reason": str}) if paths.set_aside.exists() else None
    frames = []
    for path in raw_documents(paths.raw):
        meta = read_sidecar(path)
        text = read_text(path, meta["encoding"])
        skipped = skipped_numbers(text, meta["report_year"])
        if refused is not None:
            skipped = pd.concat([skipped, refused[refused["doc"].eq(meta["doc"])].drop(columns="doc")],
                                ignore_index=True).sort_values("start", kind="stable")
        skipped["context"] = [_context(text, start, end) for start, end in zip(skipped["start"], skipped["end"])]
        frames.append(skipped.assign(doc=meta["doc"]).drop(columns="quote"))
    if not frames:
        return pd.DataFrame(columns=["doc", "start", "end", "text", "reason", "context"])
    return pd.concat(frames, ignore_index=True)[["doc", "start", "end", "text", "reason", "context"]]


def _context(text: str, start: int, end: int, width: int = 12) -> str:
    """The number with a few characters either side, on one line."""
    snippet = text[max(0, start - width):start] + "【" + text[start:end] + "】" + text[end:end + width]
    return " ".join(snippet.split())


def reasons_count(skipped: pd.DataFrame) -> pd.DataFrame:
    """How many numbers were left out for each reason."""
    return skipped.groupby("reason").size().rename("numbers").sort_values(ascending=False).reset_index()


def figure_listing(table: pd.DataFrame, catalog: pd.DataFrame) -> pd.DataFrame:
    """The figures as a reader sees them: names in English and Chinese, value with qualifier, source."""

    names = catalog[["title_en", "name_zh"]]
    listed = table.join(names, on="indicator")
    value_text = [qualifier_label(v, q, u, h if isinstance(q, str) and q == "range" else None) for v, q, u, h in
                  zip(listed["value"], listed["qualifier"], listed["unit"], listed["value_high"])]
    source = [_source_text(row) for row in listed.itertuples()]
    spans = listed["horizon"] if "horizon" in listed else pd.Series("annual", index=listed.index)
    starts = listed["value_from"] if "value_from" in listed else pd.Series(float("nan"), index=listed.index)
    return pd.DataFrame({
        "indicator": listed["title_en"].fillna("(not in catalog)"),
        "名称": listed["name_zh"].fillna(listed["subject"]),
        "subject as written": listed["subject"],
        "kind": listed["kind"], "year": listed["period"], "span": spans.fillna("annual").map(SPAN_LABELS),
        "measure": listed["measure"],
        "value": [v if pd.isna(f) else f"{v} (from {f:g})" for v, f in zip(value_text, starts)],
        "preliminary": listed["estimated"].map({True: "yes", False: ""}),
        "source": source,
    })


# How many years a figure spans, as the listing says it (the table's `horizon`).
SPAN_LABELS = {"annual": "", "cumulative": "total over several years", "average": "yearly average",
               "plan_period": "whole plan period", "ratio_to_plan": "share of a plan"}


def _source_text(row) -> str:
    if row.source == "extracted":
        return f"{row.doc} [{row.start}:{row.end}]: " + " ".join(str(row.quote).split())
    return f"{row.doc}: {row.source_url} ({row.source_note})"


def corrections_listing(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The user's corrections (data/corrections.csv) beside the extracted figure each one changes."""
    from analysis.staging.load import load_extracted, read_corrections  # late import: load imports pandera

    paths = data_paths(data_dir)
    if not paths.corrections.exists():
        return pd.DataFrame(columns=["doc", "start", "action", "column", "value", "reason", "as extracted"])
    corrections = read_corrections(paths.corrections)
    extracted = load_extracted(paths.extracted, paths.catalog)
    before = {(d, int(s)): f"{subj} = {v:g} {u}" for d, s, subj, v, u in
              zip(extracted["doc"], extracted["start"], extracted["subject"], extracted["value"], extracted["unit"])}
    corrections["as extracted"] = [before.get((d, int(s)), "(not found)") for d, s in
                                   zip(corrections["doc"], corrections["start"])]
    return corrections


STATUS_TEXT = {"agree": "agrees within rounding", "conflict": "CONFLICT"}


def repeated_figures(checks: pd.DataFrame, catalog: pd.DataFrame) -> pd.DataFrame:
    """`find_conflicts` output as a reader sees it: names, both sources' values as written, status in words.

    Columns beyond the ones read here (notes added to `find_conflicts` later) are ignored; a status
    other than agree/conflict is shown as it is.
    """
    names = catalog[["title_en", "name_zh"]]
    listed = checks.join(names, on="indicator")
    return pd.DataFrame({
        "region": listed["region"],
        "indicator": listed["title_en"].fillna(listed["indicator"]),
        "名称": listed["name_zh"].fillna(""),
        "kind": listed["kind"], "year": listed["period"], "measure": listed["measure"],
        "first source": [side_text(row, "a") for _, row in listed.iterrows()],
        "second source": [side_text(row, "b") for _, row in listed.iterrows()],
        "revision": ["yes" if _is_true(r) else "" for r in listed["revision"]],
        "status": [STATUS_TEXT.get(s, s) for s in listed["status"]],
        "reason": listed["reason"],
    }, index=checks.index)


def side_text(row: pd.Series, side: str) -> str:
    """One side of a `find_conflicts` pair as the source writes it, qualifier kept: 'shizhong-2023: ≈6%',
    with ' (preliminary)' for an estimated figure and the statistic of a rate ('(year end)')."""
    qualifier = row[f"qualifier_{side}"]
    # as in figure_listing: only a range has an upper end (qualifier may be NaN or pd.NA, hence isinstance)
    high = row.get(f"value_high_{side}") if isinstance(qualifier, str) and qualifier == "range" else None
    text = f"{row[f'doc_{side}']}: {qualifier_label(row[f'value_{side}'], qualifier, row[f'unit_{side}'], high)}"
    statistic = row.get(f"statistic_{side}")
    text += f" ({str(statistic).replace('_', ' ')})" if isinstance(statistic, str) else ""
    return text + (" (preliminary)" if _is_true(row.get(f"estimated_{side}")) else "")


def _is_true(flag: object) -> bool:
    # bool, numpy bool or nullable boolean from a DataFrame; missing means no
    return flag is not None and not pd.isna(flag) and bool(flag)


def consistency_sentence(checks: pd.DataFrame, link: str | None = "Consistency-checks") -> str:
    """The sentence on repeated figures, counting figures and pairs of rows apart (one figure given by
    three sources is three pairs), naming the conflicts when there are any; `link` the section to see."""
    from analysis.reconciled.reconcile import FIGURE_KEY

    if checks.empty:
        return "No figure is reported more than once."
    repeated = len(checks[FIGURE_KEY].drop_duplicates())
    conflicts = checks[checks["status"].eq("conflict")]
    conflicting = len(conflicts[FIGURE_KEY].drop_duplicates())
    said = f"{repeated} figure(s) are reported more than once ({len(checks)} pair(s) of rows compared)"
    if not conflicting:
        return said + ": all agree within rounding."
    see = f": see [Consistency checks](#{link})" if link else ""
    return said + f". **{conflicting} figure(s) conflict between sources ({len(conflicts)} pair(s)){see}.**"


def provenance_card(documents: pd.DataFrame) -> pd.DataFrame:
    """Provenance one field a row and one column per document: readable even with many fields."""
    if documents.empty:
        return pd.DataFrame(columns=["field"])
    card = documents.set_index("doc").T
    card = card.loc[card.notna().any(axis=1)]  # fields no sidecar fills are left out
    return card.rename_axis("field").reset_index().rename_axis(None, axis=1)
