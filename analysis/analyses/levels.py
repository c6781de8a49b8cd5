"""The chain of targets across levels of government (nation → province → city → district), year by year (层层加码)."""
from __future__ import annotations

import pandas as pd

from analysis.analyses.escalation import LEVEL_ORDER
from analysis.analyses.picks import PERCENT_MEASURES, qualifier_of
from analysis.analyses.promises import CEILING_INDICATORS, accepted_interval, direction_of, interval_excess
from analysis.errors import DataError
from analysis.staging.absences import NO_TARGET
from analysis.text.sources import TIER

# Tiers of government from the nation down: a district and a county are one tier, never one above the other.
TIERS = [[level for level in LEVEL_ORDER if TIER[level] == tier] for tier in sorted(set(TIER.values()))]

CHAIN_COLUMNS = ["indicator", "measure", "unit", "period", "level", "region", "region_en", "target", "target_high",
                 "target_qualifier", "doc", "above_region", "above_level", "above_target", "above_qualifier",
                 "skipped", "excess_pp", "nation_target", "excess_over_nation_pp", "promise"]


def default_chain(table: pd.DataFrame) -> list[str]:
    """The regions of `table` from the nation down, one per level; several regions at one level need a chain given."""
    chain = []
    for levels in TIERS:
        regions = sorted(table.loc[table["level"].isin(levels), "region"].dropna().unique())
        if len(regions) > 1:
            raise DataError("(indicator table)", f"{len(regions)} regions of level {'/'.join(levels)} "
                                                 f"({', '.join(regions)}): pass the chain of regions, from the nation down")
        chain.extend(regions)
    return chain


def default_chains(table: pd.DataFrame) -> list[list[str]]:
    """Chains from the nation down for a panel of several regions per level: one per region that is alone
    at the lowest level or shares its level with others, under the regions that are alone at a higher level.

    The data does not record which city a district belongs to, so a level with several regions is never
    placed above another region: two districts under one city give two chains through that city; two
    cities give chains that skip the city level (each city is the foot of a chain of its own)."""
    by_level = {levels[0]: sorted(table.loc[table["level"].isin(levels), "region"].dropna().unique()) for levels in TIERS}
    present = [level for level in by_level if by_level[level]]
    if all(len(by_level[level]) == 1 for level in present):
        return [[by_level[level][0] for level in present]]
    chains = []
    for depth, level in enumerate(present):
        if len(by_level[level]) > 1 or depth == len(present) - 1:
            above = [by_level[lv][0] for lv in present[:depth] if len(by_level[lv]) == 1]
            chains.extend([*above, region] for region in by_level[level])
    return chains


def chains_from_parents(table: pd.DataFrame, parents: dict[str, list[str]]) -> list[list[str]]:
    """Chains from the nation down that follow who belongs to whom: each region that is no other region's
    parent ends a chain through its parents in the data (`parents`: region → the regions above it, from the
    nation down, as import-corpus writes them into sidecars from the gazetteer). Regions with no recorded
    parents fall back to `default_chains`; None of this when no region records any."""
    regions = set(table["region"].dropna())
    known = {region: [p for p in above if p in regions] for region, above in parents.items() if region in regions}
    if not known:
        return default_chains(table)
    above_someone = {p for chain in known.values() for p in chain}
    chains = [[*known[r], r] for r in sorted(known) if r not in above_someone]
    placed = set(known) | above_someone
    rest = table[~table["region"].isin(placed) | (table["level"] == "nation")]   # the nation is above everyone
    if rest["region"].isin(placed).all():
        return chains
    return chains + [c for c in default_chains(rest) if c and c[-1] not in placed]


def panel_chain(figures: pd.DataFrame, chains: list[list[str]], about_tolerance_pp: float = 0.5) -> pd.DataFrame:
    """`target_chain` of every chain, each region's targets listed once (a region above the foot of several
    chains has the same level above it in each)."""
    # A region's rows depend only on the regions above it: each chain prefix is worked once, on the
    # indicator-years of its last region (at 30 provinces the nation's rows were worked 30 times over).
    targets = figures[(figures["kind"] == "target") & figures["indicator"].notna()]
    keys = ["indicator", "measure", "period"]
    seen, parts = set(), []
    for prefix in (tuple(chain[:depth]) for chain in chains for depth in range(1, len(chain) + 1)):
        if prefix in seen:
            continue
        seen.add(prefix)
        own = targets.loc[targets["region"] == prefix[-1], keys].drop_duplicates()
        rows = target_chain(targets[targets["region"].isin(prefix)].merge(own, on=keys), list(prefix), about_tolerance_pp)
        if (rows["region"] == prefix[-1]).any():
            parts.append(rows[rows["region"] == prefix[-1]])
    out = pd.concat(parts, ignore_index=True).infer_objects() if parts else target_chain(figures.iloc[0:0], [])
    out = out.drop_duplicates(["indicator", "measure", "period", "region"])
    return out.sort_values(["indicator", "measure", "period", "level", "region"]).reset_index(drop=True)


def target_chain(figures: pd.DataFrame, chain: list[str] | None = None, about_tolerance_pp: float = 0.5) -> pd.DataFrame:
    """Each target of the regions in `chain` beside the target of the nearest higher level for the same
    indicator, measure and year (`figures` resolved once by `revisions.resolved`).

    `above_level`/`above_region`: the level compared with. Promises are compared as intervals under the
    stated rule (`promises.accepted_interval`, `about_tolerance_pp`), never subtracted as if alike:
    `excess_pp` is how much higher the lowest outcome the target accepts lies than the one the higher
    level's target accepts (for ceilings, the highest), `excess_over_nation_pp` the same against the
    nation, in percentage points, for percentage measures only (a district's 万人 and a province's are
    not on one scale); NaN where the two cannot be set on one end. A district's 6%左右 (5.5% accepted)
    is +0.5 pp over a province's 5%以上, and ≥5% is +0.5 pp over ≈5%. `promise` names both kinds.
    A region's stated absence (no target set) is listed, with no excess; a higher level's absence,
    or a level of the chain with no target in the data, is skipped in favour of the next level up, and
    `skipped` names the regions passed over that have no row ('枣庄市': the district is compared with
    the province).
    """
    chain = default_chain(figures) if chain is None else chain
    _check_one_region_per_level(figures, chain)
    targets = figures[(figures["kind"] == "target") & figures["indicator"].notna() & figures["region"].isin(chain)]
    targets = targets.assign(_rank=targets["region"].map({r: i for i, r in enumerate(chain)}))
    rows = []
    for (indicator, measure, period), group in targets.groupby(["indicator", "measure", "period"], sort=True):
        group = group.sort_values("_rank")
        stated = group[group["qualifier"].ne(NO_TARGET).fillna(True)]
        nation = stated[stated["level"] == "nation"]
        for _, t in group.iterrows():
            above = stated[stated["_rank"] < t["_rank"]].tail(1)
            link = _link(t, above.iloc[0] if len(above) else None, nation.iloc[0] if len(nation) else None,
                         about_tolerance_pp)
            if len(above):  # a level that stated "no target set" has a row of its own, not a gap
                between = chain[int(above.iloc[0]["_rank"]) + 1:int(t["_rank"])]
                link["skipped"] = "、".join(r for r in between if r not in set(group["region"])) or None
            rows.append(link)
    out = pd.DataFrame(rows, columns=CHAIN_COLUMNS)
    for column in ["target", "target_high", "above_target", "excess_pp", "nation_target", "excess_over_nation_pp"]:
        out[column] = pd.to_numeric(out[column], errors="coerce").astype(float)
    out["level"] = pd.Categorical(out["level"], categories=LEVEL_ORDER, ordered=True)
    return out.sort_values(["indicator", "measure", "period", "level"]).reset_index(drop=True)


def _check_one_region_per_level(figures: pd.DataFrame, chain: list[str]) -> None:
    """A chain passes each level once: a peer of the same level is not a level above (and not one passed over)."""
    levels = figures[figures["region"].isin(chain)].groupby("region")["level"].first()
    shared = levels[levels.map(TIER).duplicated(keep=False)]
    if len(shared):
        raise DataError("(chain of regions)", f"{', '.join(sorted(shared.index))} share the level "
                                              f"{shared.iloc[0]}: a chain has one region per level")


def _accepted(row: pd.Series, tolerance: float) -> tuple[float, float] | None:
    direction = direction_of(row["indicator"], row.get("sense"), CEILING_INDICATORS)
    return accepted_interval(row["value"], qualifier_of(row.get("qualifier")), direction, row.get("value_high"),
                             tolerance)


def _link(t: pd.Series, above: pd.Series | None, nation: pd.Series | None, tolerance: float) -> dict:
    qualifier = qualifier_of(t.get("qualifier"))
    direction = direction_of(t["indicator"], t.get("sense"), CEILING_INDICATORS)
    row = {"indicator": t["indicator"], "measure": t["measure"], "unit": t["unit"], "period": int(t["period"]),
           "level": t["level"], "region": t["region"], "region_en": t.get("region_en"), "target": t["value"],
           "target_high": t.get("value_high"), "target_qualifier": qualifier, "doc": t["doc"]}
    comparable = t["measure"] in PERCENT_MEASURES and qualifier != NO_TARGET
    if above is not None:
        above_q = qualifier_of(above.get("qualifier"))
        row.update(above_region=above["region"], above_level=above["level"], above_target=above["value"],
                   above_qualifier=above_q,
                   promise=f"{qualifier or 'exact'} vs {above_q or 'exact'}")
        if comparable:
            row["excess_pp"] = interval_excess(_accepted(t, tolerance), _accepted(above, tolerance), direction)
    if nation is not None and comparable:
        row.update(nation_target=nation["value"],
                   excess_over_nation_pp=interval_excess(_accepted(t, tolerance), _accepted(nation, tolerance),
                                                         direction))
    return row


def excess_summary(chain: pd.DataFrame) -> pd.DataFrame:
    """Per level, level compared with, indicator, measure, kind of promise ('about vs at_least': an
    expectation and a floor are kept apart) and the regions of the chain passed over for want of a
    target (`skipped`, '' for none): years compared, mean, smallest and largest excess in pp, the years."""
    compared = chain[chain["excess_pp"].notna()].assign(
        skipped=lambda c: c["skipped"].fillna(""),
        above_level=lambda c: pd.Categorical(c["above_level"], categories=LEVEL_ORDER, ordered=True))
    keys = ["level", "above_level", "indicator", "measure", "promise", "skipped"]
    grouped = compared.groupby(keys, observed=True, sort=True, dropna=False)
    out = grouped.agg(years=("period", "nunique"), mean_excess_pp=("excess_pp", "mean"),
                      min_excess_pp=("excess_pp", "min"), max_excess_pp=("excess_pp", "max"),
                      periods=("period", lambda s: ", ".join(str(int(p)) for p in sorted(set(s)))))
    return out.reset_index()
