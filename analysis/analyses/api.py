"""The analyses as methods of a report and a panel: the tables the report pages show, for a notebook or a prompt.

`open_report` and `open_panel` (also `analysis.open_report`, `analysis.open_panel`) return these classes.
Each method wraps one analysis function of this stage and returns its table unchanged but for the rows
asked for, so a number here is the number on the page: page 03 reads `Report.targets` and
`Report.attainment`, page 05 `Panel.chains`, `Panel.chain` and `Panel.peers`.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.analyses.attainment import assess_attainment, rule_applied
from analysis.analyses.levels import chains_from_parents, panel_chain
from analysis.analyses.peers import peer_table
from analysis.analyses.targets import pair_targets
from analysis.reconciled import report as reconciled

ABOUT_TOLERANCE_PP = 0.5  # how far below an 'about' (左右) target an outcome may fall and still meet it


class Report(reconciled.Report):
    """One work report (region and report year) with everything its analyses read, and the analyses.

    >>> report = open_report("枣庄市市中区", 2023)
    >>> report.plan_year, len(report.targets())
    (2023, 29)
    """

    def targets(self, *, multi_year: bool = False) -> pd.DataFrame:
        """The plan year's annual targets, one row each, paired with the prior-year figure they build on.

        Columns (`targets.pair_targets`): indicator (catalog id, empty when the subject is not catalogued),
        subject as written, measure, unit, target, target_high, target_qualifier (about 左右, at_least 以上,
        at_most 以内, range; empty: exact), the prior figure (prior, prior_qualifier, prior_period, prior_doc),
        comparison and change (gap in pp for percentages, implied growth in % for levels and counts) with
        change_min/change_max from the prior's rounding and change_qualifier, step (growth asked for minus
        the prior year's growth, pp), paired and, when not paired, reason.

        `multi_year=True` gives instead the report's targets that are not the year's, as the extractor's
        `horizon` marks them (`targets.multi_year_targets`): a project list's total investment (总投资), a goal
        for the end of a period (3年内…: 2025), an average over years; `reason` says which. They are never
        counted among the year's targets.

        >>> report = open_report("枣庄市市中区", 2023)
        >>> targets = report.targets()
        >>> len(targets), int(targets["paired"].sum())  # page 03: 29 annual targets, 11 paired
        (29, 11)
        >>> gdp = targets.set_index("indicator").loc["gdp"]  # 6%左右 after 4.7% in 2022
        >>> float(gdp["target"]), gdp["target_qualifier"], float(gdp["prior"]), round(float(gdp["change"]), 2)
        (6.0, 'about', 4.7, 1.3)
        >>> len(report.targets(multi_year=True))  # 总投资398.6亿元; 3年内2个 (a goal for 2025)
        2
        """
        pairs = pair_targets(self)
        annual = pairs["horizon"].eq("annual")
        return pairs[~annual if multi_year else annual].reset_index(drop=True)

    def attainment(self, about_tolerance_pp: float = ABOUT_TOLERANCE_PP) -> pd.DataFrame:
        """Each annual target of the plan year judged against the outcome reported for that year.

        One row per target, with `status`: met or missed by the rule for its qualifier (`rule`, in the words
        of the page's rules table); 'not comparable' when no outcome is in the data (`reason` says why);
        'not judged' (`reason` says why) where the sources disagree and no rule decides, where the outcome is
        another statistic or basis than the target's, or where the report does not say whether a CPI target
        is a ceiling or a level to reach; 'no target set' where the report states that it sets none. `ratio` = outcome ÷ target for level and
        count targets, `gap_pp` = outcome − target for percentage targets, `margin_pp` the gap signed so that
        positive is on the side the rule asks for; `borderline` when the outcome's rounding straddles the
        target; `preliminary` for a 预计 outcome. An outcome 0.5 pp (`about_tolerance_pp`) below an 'about'
        target still meets it; a level target's tolerance is that many percent of the target.

        >>> report = open_report("枣庄市市中区", 2023)
        >>> judged = report.attainment().set_index("indicator")
        >>> fdi = judged.loc["fdi_utilized"]  # 实际利用外资: 6782万美元 against ≥8000万美元
        >>> fdi["status"], round(float(fdi["ratio"]), 3)
        ('missed', 0.848)
        >>> judged.loc["gdp", "status"], float(judged.loc["gdp", "gap_pp"])  # 6.5% against 6%左右
        ('met', 0.5)
        """
        judged = assess_attainment(self, about_tolerance_pp=about_tolerance_pp)
        judged = judged[judged["horizon"].eq("annual")].reset_index(drop=True)
        rules = [rule_applied(q, i, about_tolerance_pp) if s in ("met", "missed") else None
                 for q, i, s in zip(judged["target_qualifier"], judged["indicator"], judged["status"])]
        return judged.assign(rule=pd.Series(rules, index=judged.index, dtype=object))


class Panel(reconciled.Panel):
    """Every report of a data directory, across regions and levels of government, and the analyses across them.

    >>> panel = open_panel()
    >>> sorted(panel.figures["level"].unique())
    ['city', 'district', 'nation', 'province']
    """

    def chains(self) -> list[list[str]]:
        """The chains of regions from the nation down (`levels.chains_from_parents`): a region imported with
        `import-corpus` under the parents its sidecar records (from the gazetteer); the others by level.

        >>> open_panel().chains()  # the shipped data: one region a level
        [['全国', '山东省', '枣庄市', '枣庄市市中区']]
        """
        parents = {meta["region"]: list(meta["parents"]) for meta in self.sidecars
                   if meta.get("region") and isinstance(meta.get("parents"), list)}
        return chains_from_parents(self.table, parents)

    def chain(self, indicator: str | None = None, year: int | None = None, *, measure: str | None = None,
              about_tolerance_pp: float = ABOUT_TOLERANCE_PP) -> pd.DataFrame:
        """Each level's target for `indicator` and `year` (every one when None) beside the nearest higher level
        that set one: the chain nation → province → city → district or county (层层加码), one row per level,
        along each of `chains()`.

        Columns (`levels.target_chain`): indicator, measure, unit, period, level, region, region_en, target
        (the value), target_high, target_qualifier, doc; the level compared with (above_level, above_region,
        above_target, above_qualifier, and `skipped`: levels of the chain passed over for want of a target);
        excess_pp: how much higher the lowest outcome the target accepts lies than the one the target compared
        with accepts (for ceilings, the highest), in percentage points (percentage targets only), the promises
        compared as intervals under the stated rule (`promises.accepted_interval`, an 'about' target accepting
        `about_tolerance_pp` below it): 6%左右 (5.5 accepted) is +0.5 pp over 5%以上; excess_over_nation_pp the
        same against the nation; NaN where the two cannot be set on one end (a floor and a ceiling, a level to
        reach). `promise` names both qualifiers ('about vs at_least').

        >>> panel = open_panel()
        >>> gdp = panel.chain("gdp", 2023, measure="growth")
        >>> [(row.level, row.target, row.target_qualifier) for row in gdp.itertuples()]
        [('nation', 5.0, 'about'), ('province', 5.0, 'at_least'), ('district', 6.0, 'about')]
        >>> gdp["above_region"].iloc[2], gdp["skipped"].iloc[2]  # the city's 2023 target is not in the data
        ('山东省', '枣庄市')
        >>> float(gdp["excess_pp"].iloc[2]), float(gdp["excess_over_nation_pp"].iloc[2])  # 5.5 − 5; 5.5 − 4.5
        (0.5, 1.0)
        """
        chain = panel_chain(self.figures, self.chains(), about_tolerance_pp)
        keep = pd.Series(True, index=chain.index)
        for column, wanted in (("indicator", indicator), ("period", year), ("measure", measure)):
            if wanted is not None:
                keep &= chain[column].eq(wanted)
        return chain[keep].reset_index(drop=True)

    def peers(self, level: str | None = None, year: int | None = None, *,
              about_tolerance_pp: float = ABOUT_TOLERANCE_PP) -> pd.DataFrame:
        """The regions of `level` (every level when None) side by side, one row per region and year (`year`
        only when given): targets set and stated absences (no_target), targets judged and met, share_met,
        mean_ratio and the mean margin of each kind of measure, never averaged across kinds (margin_<kind>_pp:
        margin_real_growth_pp, margin_nominal_growth_pp, margin_price_change_pp, margin_rate_pp,
        margin_pp_change_pp; `attainment.attainment_summary`), the GDP growth target (gdp_target,
        gdp_target_high, gdp_target_qualifier) and outcome, and the livelihood (民生) spending share.

        >>> panel = open_panel()
        >>> peers = panel.peers(year=2023).set_index("region")
        >>> peers.loc["山东省", "gdp_target_qualifier"], float(peers.loc["山东省", "gdp_outcome"])  # ≥5%, 6.0%
        ('at_least', 6.0)
        """
        peers = peer_table(self.figures, level, about_tolerance_pp=about_tolerance_pp, catalog=self.catalog,
                           livelihood=self.livelihood(None, None))
        return (peers if year is None else peers[peers["period"].eq(year)]).reset_index(drop=True)


def open_report(region: str | None = None, report_year: int | None = None,
                data_dir: str | Path | None = None) -> Report:
    """The report of `region` and `report_year` in `data_dir` (default: the newest report in the shipped data).

    Loads and validates every file once (spans checked), reconciles the figures once. A region or year with
    no report raises DataError listing the reports that exist.

    >>> report = open_report()
    >>> report.region, report.report_year
    ('枣庄市市中区', 2023)
    """
    return Report.open(region, report_year, data_dir)


def open_panel(data_dir: str | Path | None = None) -> Panel:
    """Every validated figure of `data_dir` (spans checked) with its catalog and the texts' provenance."""
    return Panel.open(data_dir)
