"""Panel tables and findings for readers: targets, outcomes, degree of attainment and levels, in words and labels."""
from __future__ import annotations

import pandas as pd

from analysis.analyses.attainment import STATISTIC_WORDS, margin_column
from analysis.analyses.promises import MARGIN_KINDS
from analysis.present.citations import other_sources, used_and_others
from analysis.reconciled.reconcile import FIGURE_KEY, conflicts_of
from analysis.reconciled.rule import TIE_CODES
from analysis.present.labels import (QUALIFIER_SYMBOLS, basis_label, indicator_names, number_text,
                                     qualifier_label)

BASIS_NOTE = ("GDP and industrial value-added growth are real (constant prices); revenue, investment, retail, trade "
              "and income growth are nominal (current prices), CPI is a price change, unemployment a rate: rates of "
              "different bases shown together are not on one scale, and margins are averaged only within one kind.")
# Words for a figure's vintage, as a table labels the value it shows.
VINTAGE_WORDS = {"expected": "preliminary (预计)", "first": "first published", "revised": "revised (初步核实)",
                 "final": "final (最终核实)"}
MIRROR_MARK = "†"


def is_mirror(page_kind: object) -> bool:
    """Whether a figure was seen only on a mirror page (`page_kind`; missing: not known to be one)."""
    return isinstance(page_kind, str) and page_kind == "mirror"


def any_mirror(page_kinds: pd.Series) -> bool:
    """Whether any figure of a column was seen only on a mirror page."""
    return any(is_mirror(k) for k in page_kinds)
MIRROR_NOTE = (f"{MIRROR_MARK} seen only on a mirror page (a copy on a site unrelated to its publisher): "
               "low authority, cite with care.")


def display_names(catalog: pd.DataFrame, indicator: str, level: object = None) -> tuple[str, str]:
    """(English, Chinese) names, the Chinese as `level`'s reports write it; an uncatalogued id stands for both."""
    if indicator in catalog.index:
        return indicator_names(indicator, catalog, level=level)
    return indicator, indicator


def target_text(row: pd.Series) -> str:
    """'≈5%', '6–6.5%', 'no target set' (the report says so) or '—' (none in the data)."""
    if row["target_set"] == "no target set":
        return "no target set"
    if row["target_set"] != "target":
        return "—"
    high = row["target_high"] if row["target_qualifier"] == "range" else None
    return qualifier_label(row["target"], row["target_qualifier"], row["unit"], high)


def degree_text(row: pd.Series) -> str:
    """'84.8% of the target' for levels and counts, '+0.2 pp' for percentages, '' when not judged."""
    if pd.notna(row.get("ratio")):
        return f"{100 * row['ratio']:.1f}% of the target"
    if pd.notna(row.get("gap_pp")):
        return f"{row['gap_pp']:+.1f} pp"
    return ""


def value_text(value: float, unit: str) -> str:
    """'6782万美元', '6.5%'; '—' when missing."""
    return "—" if pd.isna(value) else f"{number_text(round(float(value), 4))}{unit}"


def ambition_text(row: pd.Series) -> str:
    """'Target vs prior' with the qualifier carried through: '≈+1.3 pp', '≤+10.0 %' over a threshold,
    '-0.4 to +0.1 pp' for a range target; '' where not compared."""
    if pd.isna(row.get("ambition")):
        return ""
    unit = row["ambition_unit"]
    if pd.notna(row.get("ambition_high")):
        return f"{row['ambition']:+.1f} to {row['ambition_high']:+.1f} {unit}"
    q = row.get("ambition_qualifier")
    symbol = "?" if q == "undetermined" else QUALIFIER_SYMBOLS.get(q if isinstance(q, str) else None, "")
    return f"{symbol}{row['ambition']:+.1f} {unit}"


def outcome_text(row: pd.Series, conflicts: pd.DataFrame | None = None) -> str:
    """The outcome of a record row as a table shows it: the value with the statistic it is ('5.6%, annual
    average') and the mirror mark; where no rule decides between sources, every value ('5.3% or 5.2%')."""
    if pd.isna(row["outcome"]):
        return "—"
    q = row.get("outcome_qualifier") if isinstance(row.get("outcome_qualifier"), str) else None
    value = value_text(row["outcome"], row["unit"]) if q is None else qualifier_label(
        round(float(row["outcome"]), 4), q, row["unit"], row.get("outcome_high") if q == "range" else None)
    if row.get("outcome_undecided") is True and conflicts is not None:
        others = used_and_others(conflicts, (row["region"], row["indicator"], "actual", row["period"], row["measure"]))
        value = " or ".join(dict.fromkeys([value, *others])) + " (sources disagree)"
    statistic = row.get("outcome_statistic")
    if isinstance(statistic, str):
        value += f", {STATISTIC_WORDS[statistic]}"
    return value + (MIRROR_MARK if is_mirror(row.get("outcome_page_kind")) else "")


def prior_text(row: pd.Series) -> str:
    """The prior year as first published, with its qualifier and statistic ('≥500亿元', '4.9%, year-end')."""
    if pd.isna(row["prior"]):
        return "—"
    q = row.get("prior_qualifier")
    text = f"{QUALIFIER_SYMBOLS.get(q if isinstance(q, str) else None, '')}{value_text(row['prior'], row['unit'])}"
    statistic = row.get("prior_statistic")
    return text + (f", {STATISTIC_WORDS[statistic]}" if isinstance(statistic, str) else "")


def trend_notes(r: pd.Series, conflicts: pd.DataFrame) -> list[str]:
    """The notes of one record row: preliminary, the vintage shown and the first value where revised, why
    not judged or not compared, the sources of its own year that disagree."""
    notes = ["preliminary (预计)"] if r.get("preliminary") is True else []
    if r.get("revised") is True:
        first = VINTAGE_WORDS.get(r.get("first_vintage"), "first published")
        notes.append(f"revised: outcome shown is the {VINTAGE_WORDS.get(r.get('outcome_vintage'), 'latest')} figure; "
                     f"{first} {value_text(r.get('first_outcome'), r['unit'])} ({r.get('first_doc')})")
    for note in (r.get("note"), r.get("ambition_note")):
        if isinstance(note, str) and note:
            notes.append(note)
    key = (r["region"], r["indicator"], "actual", r["period"], r["measure"])
    return notes + same_vintage_notes(conflicts, key)


def same_vintage_notes(conflicts: pd.DataFrame, key: tuple) -> list[str]:
    """Sources of the same vintage that give a figure otherwise ('other source: …'): a
    revision is named once, by `trend_notes`, not again as another source."""
    rows = conflicts_of(conflicts, pd.DataFrame([key], columns=FIGURE_KEY))
    if "other_vintage" in rows:
        rows = rows[rows["other_vintage"].astype(object).fillna("") == rows["used_vintage"].astype(object).fillna("")]
    if rows.empty:
        return []
    tie = " (no rule decides between them: neither is judged)" if rows["not_chosen"].isin(TIE_CODES).any() else ""
    return ["other source: " + other_sources(rows) + tie]


TREND_TABLE = ["Indicator", "中文", "Measure", "Year", "Target", "Outcome (latest official figure)", "Status", "Degree",
               "Prior year (as first published)", "Target vs prior", "Notes"]


def trend_shown(record: pd.DataFrame, catalog: pd.DataFrame, conflicts: pd.DataFrame) -> pd.DataFrame:
    """`trends.target_record` with reader columns, one row per indicator, measure and year. The outcome is
    the latest official figure (attainment is judged on it); the prior year the figure first published
    (the target was set against it); the notes name the first value where a later figure revised it, and
    the sources of its own year that disagree (`conflicts`: `Report.history_conflicts`)."""
    rows = []
    for _, r in record.iterrows():
        english, chinese = display_names(catalog, r["indicator"], r.get("level"))
        rows.append(dict(zip(TREND_TABLE, [english, chinese, r["measure"], int(r["period"]), target_text(r),
                                           outcome_text(r, conflicts), r["status"], degree_text(r), prior_text(r),
                                           ambition_text(r), "; ".join(trend_notes(r, conflicts))])))
    return pd.DataFrame(rows, columns=TREND_TABLE)


def degree_example(record: pd.DataFrame, catalog: pd.DataFrame) -> str | None:
    """The degree rules worked on this region's own first judged targets: one ratio, one gap (None if none)."""
    judged = record[record["status"].isin(["met", "missed"])].sort_values(["period", "indicator"], kind="stable")
    examples = []
    for column in ("ratio", "gap_pp"):
        # a range's gap is its distance outside the range, which 'outcome − target' would misstate
        hit = judged[judged[column].notna() & judged["target_qualifier"].ne("range")]
        if len(hit):
            r = hit.iloc[0]
            english, chinese = display_names(catalog, r["indicator"], r.get("level"))
            outcome, target = number_text(round(float(r["outcome"]), 4)), number_text(round(float(r["target"]), 4))
            worked = (f"{outcome} ÷ {target} = {100 * r['ratio']:.1f}%" if column == "ratio"
                      else f"{outcome} − {target} = {r['gap_pp']:+.1f} pp")
            examples.append(f"{english} ({chinese}) {int(r['period'])}, outcome {value_text(r['outcome'], r['unit'])} "
                            f"against a target of {target_text(r)}: {worked}")
    return ("Worked on this region's figures: " + "; ".join(examples) + ".") if examples else None


def margins_text(row: pd.Series) -> str:
    """The mean margins of one summary row, one per kind of measure and never across kinds:
    'real growth +0.20; price change +1.00'; '—' when none."""
    parts = [f"{kind} {row[margin_column(kind)]:+.2f}" for kind in MARGIN_KINDS
             if margin_column(kind) in row and pd.notna(row[margin_column(kind)])]
    return "; ".join(parts) or "—"


def summary_shown(summary: pd.DataFrame) -> pd.DataFrame:
    """`attainment.attainment_summary` with reader columns."""
    return pd.DataFrame({
        "Region": summary["region"], "Year": summary["period"], "Targets judged": summary["judged"],
        "Met": summary["met"], "Share met": [f"{100 * s:.0f}%" for s in summary["share_met"]],
        "Mean margin by kind of measure (pp)": [margins_text(r) for _, r in summary.iterrows()],
        "Mean outcome ÷ target": ["—" if pd.isna(m) else f"{100 * m:.1f}%" for m in summary["mean_ratio"]],
    })


def trend_findings(record: pd.DataFrame, summary: pd.DataFrame, catalog: pd.DataFrame) -> list[str]:
    """Key findings of a region's trends, as sentences: attainment overall, the biggest miss, absences, revisions."""
    judged = record[record["status"].isin(["met", "missed"])]
    found = []
    if len(judged):
        first, last = int(judged["period"].min()), int(judged["period"].max())
        years = str(first) if first == last else f"{first}–{last}"
        found.append(f"Of {len(judged)} targets that could be judged against an outcome ({years}), "
                     f"{int((judged['status'] == 'met').sum())} were met ({100 * (judged['status'] == 'met').mean():.0f}%).")
        missed = judged[judged["status"] == "missed"]
        for _, r in missed.iterrows():
            english, chinese = display_names(catalog, r["indicator"], r.get("level"))
            found.append(f"Missed in {int(r['period'])}: {english} ({chinese}), target {target_text(r)}, outcome "
                         f"{value_text(r['outcome'], r['unit'])} — {degree_text(r)}.")
    elif record.empty:
        found.append("The data holds no targets of catalogued indicators for this region, so no outcome can be judged.")
    else:
        found.append("No target in this data set can yet be judged against an outcome reported for its year.")
    for _, r in record[record["target_set"] == "no target set"].iterrows():
        english, chinese = display_names(catalog, r["indicator"], r.get("level"))
        found.append(f"{int(r['period'])}: the report states that it sets no {english} ({chinese}) target; the "
                     f"outcome that year was {value_text(r['outcome'], r['unit'])}.")
    unjudged = record[record["status"].eq("not judged")]
    if len(unjudged):
        found.append(f"{len(unjudged)} target{'s are' if len(unjudged) > 1 else ' is'} not judged ("
                     + ", ".join(str(int(p)) for p in sorted(unjudged["period"].unique())) + "): the notes say why.")
    revised = record[record["revised"]]
    if len(revised):
        years = ", ".join(str(int(p)) for p in sorted(revised["period"]))
        found.append(f"{len(revised)} outcome{'s were' if len(revised) > 1 else ' was'} revised after first "
                     f"publication ({years}): targets are judged on the latest official figure, and compared with "
                     "the prior year as first published; the notes name both.")
    return found


def growth_paths_shown(paths: pd.DataFrame, catalog: pd.DataFrame, level: str | None = None) -> pd.DataFrame:
    """`growth.growth_paths` as one row per indicator and one column per year (growth in %), with its basis;
    Chinese names as the reports of `level` (the region's level of government) write them."""
    if paths.empty:
        return pd.DataFrame(columns=["Indicator", "中文", "Basis"])
    labelled = paths.assign(basis_label=paths["growth_basis"].map(basis_label),
                            cell=[path_cell(r) for _, r in paths.iterrows()])
    wide = labelled.pivot_table(index=["indicator", "basis_label"], columns="period", values="cell", aggfunc="first")
    rows = []
    for (indicator, basis), values in wide.iterrows():
        english, chinese = display_names(catalog, indicator, level)
        rows.append({"Indicator": english, "中文": chinese, "Basis": basis,
                     **{str(int(p)): v if isinstance(v, str) else "—" for p, v in values.items()}})
    return pd.DataFrame(rows)


def path_cell(row: pd.Series) -> str:
    """One growth rate of a path as written, with its qualifier, the preliminary mark (预计) and the mirror
    mark: '≈5.7% (预计)', '4.5–5%', '6.4%†'."""
    qualifier = row.get("qualifier") if isinstance(row.get("qualifier"), str) else None
    high = row.get("value_high") if qualifier == "range" else None
    text = qualifier_label(row["growth"], qualifier, "%", high)
    text += " (预计)" if row.get("estimated") is True else ""
    return text + (MIRROR_MARK if is_mirror(row.get("page_kind")) else "")


def _outcome_label(row: pd.Series) -> str:
    qualifier = row["qualifier"] if isinstance(row["qualifier"], str) else None
    label = qualifier_label(row["value"], qualifier, row["unit"], row["value_high"] if qualifier == "range" else None)
    return (label + ("*" if pd.notna(row["estimated"]) and bool(row["estimated"]) else "")
            + (MIRROR_MARK if is_mirror(row.get("page_kind")) else ""))


def outcomes_shown(outcomes: pd.DataFrame, catalog: pd.DataFrame, level: str | None = None) -> pd.DataFrame:
    """`trends.outcome_record` as one row per indicator and measure and one column per year, each figure with
    its qualifier and unit (≈6%, ≥30%, 2156.74亿元), * when preliminary (预计), the mirror mark († seen only on
    a mirror page)."""
    rows = []
    for (indicator, measure), group in outcomes.groupby(["indicator", "measure"], sort=False):
        english, chinese = display_names(catalog, indicator, level)
        rows.append({"Indicator": english, "中文": chinese, "Measure": measure,
                     **{str(int(r["period"])): _outcome_label(r) for _, r in group.iterrows()}})
    years = sorted({str(int(p)) for p in outcomes["period"]})
    return pd.DataFrame(rows, columns=["Indicator", "中文", "Measure", *years]).fillna("—")


def outcome_findings(outcomes: pd.DataFrame, catalog: pd.DataFrame, level: str | None = None) -> list[str]:
    """What a region without targets has: how many outcomes for which years, and the latest of each indicator."""
    if outcomes.empty:
        return ["The data holds no outcome of a catalogued indicator for this region either."]
    years = sorted(int(p) for p in outcomes["period"].unique())
    latest = []
    for indicator, group in outcomes.groupby("indicator", sort=False):
        english, chinese = display_names(catalog, indicator, level)
        newest = group.sort_values("period").groupby("measure", sort=False).tail(1)
        latest.append(f"{english} ({chinese}) " + ", ".join(
            f"{_outcome_label(r)}{' growth' if r['measure'] == 'growth' else ''} in {int(r['period'])}"
            for _, r in newest.iterrows()))
    count = outcomes["indicator"].nunique()
    marks = ["* preliminary, 预计"] if outcomes["estimated"].fillna(False).astype(bool).any() else []
    marks += [f"{MIRROR_MARK} seen only on a mirror page"] if any_mirror(outcomes.get("page_kind", [])) else []
    return [f"It holds {len(outcomes)} outcome figures of {count} indicator{'s' if count > 1 else ''} for "
            f"{years[0]}–{years[-1]}, tabled by year below; the latest of each: " + "; ".join(latest)
            + (f" ({'; '.join(marks)})." if marks else ".")]
