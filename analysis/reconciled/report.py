"""One work report opened for analysis: the validated table, its figures reconciled once, catalog, scope, sidecars."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from analysis.config import DataPaths, data_paths
from analysis.extract.catalog import chinese_name, load_catalog
from analysis.reconciled.livelihood import livelihood_statements, panel_shares, resolve_statements
from analysis.reconciled.reconcile import RESOLVED_CONFLICT_COLUMNS, Resolution, resolve, resolve_figures
from analysis.reconciled.revisions import first_resolution, resolve_history
from analysis.reconciled.scope import Scope, report_scope
from analysis.staging.load import load_indicators
from analysis.staging.reference import DOCUMENT_COLUMNS, load_documents
from analysis.text.sources import raw_documents, read_sidecar, sees


@dataclass(frozen=True)
class Report:
    """A work report (region and report year) with everything an analysis of it reads.

    `table` holds every validated figure of the data directory (all regions and years, repeats
    included); `figures` holds one row per figure, reconciled once by `reconcile.RESOLUTION_RULE`
    with this report's year deciding conflicts, and `conflicts` one row per figure and other source
    that disagrees with the value used (`reconcile.resolve`). Analysis functions take a Report as
    first argument.
    """

    table: pd.DataFrame
    figures: pd.DataFrame
    catalog: pd.DataFrame
    scope: Scope
    sidecars: list[dict] = field(default_factory=list)
    paths: DataPaths | None = None
    conflicts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=RESOLVED_CONFLICT_COLUMNS))
    documents: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=DOCUMENT_COLUMNS))

    @property
    def region(self) -> str:
        return self.scope.region

    @property
    def region_en(self) -> str:
        return self.scope.region_en

    @property
    def report_year(self) -> int:
        return self.scope.report_year

    @cached_property
    def level(self) -> str | None:
        """The report's level of government (nation, province, city, district) as the table gives it."""
        return _level_of(self.table, self.region)

    @property
    def review_year(self) -> int:
        return self.scope.review_year

    @property
    def plan_year(self) -> int:
        return self.scope.plan_year

    @classmethod
    def from_table(cls, table: pd.DataFrame, catalog: pd.DataFrame, region: str | None = None,
                   report_year: int | None = None, sidecars: list[dict] | None = None,
                   paths: DataPaths | None = None, documents: pd.DataFrame | None = None) -> Report:
        """A Report over a table already in memory (tests, a user's filtered table).

        The report reads its own region's figures and those of higher levels of government (the
        targets it is compared with), never a peer's: `sources.sees` is the rule, and the build's
        cache keys a page on exactly those rows."""
        scope = report_scope(table, region, report_year)
        level = _level_of(table, scope.region)
        if level is not None:
            table = table[[sees(scope.region, level, r, lv) for r, lv in zip(table["region"], table["level"])]]
            sidecars = [m for m in sidecars or [] if sees(scope.region, level, m.get("region", ""), m.get("level", ""))]
        figures, conflicts = resolve(table, scope.report_year)
        documents = documents if documents is not None else pd.DataFrame(columns=DOCUMENT_COLUMNS)
        return cls(table, named(figures, catalog), catalog, scope, list(sidecars or []), paths, conflicts,
                   documents[documents["doc"].isin(table["doc"])].reset_index(drop=True))

    @classmethod
    def open(cls, region: str | None = None, report_year: int | None = None,
             data_dir: str | Path | None = None) -> Report:
        """`open_report` (which see), as an instance of `cls`."""
        paths = data_paths(data_dir)
        table = load_indicators(paths.root)
        return cls.from_table(table, load_catalog(paths.catalog), region, report_year, read_sidecars(paths), paths,
                              load_documents(paths.documents))

    def regional(self) -> pd.DataFrame:
        """This report's region's figures, one per figure."""
        return self.figures[self.figures["region"].eq(self.region)]

    @cached_property
    def _history(self) -> Resolution:
        return resolve_history(self.table)

    @cached_property
    def known(self) -> pd.DataFrame:
        """One row per figure as first published (this report's own figures first): for a year's outcome,
        the figure known when the next target was set, which a target is compared with; computed once."""
        return resolve(self.table, self.report_year, mode="first").figures

    @cached_property
    def history_known(self) -> pd.DataFrame:
        """Every year's figures as first published (`revisions.first_resolution`), for 'target vs prior'
        across reports: the prior year as known when each target was set."""
        return first_resolution(self.table).figures

    @property
    def history(self) -> pd.DataFrame:
        """Every year's figures as the newest source gives them, revisions marked (`revisions.resolved`),
        for trends across reports; computed once, on first use."""
        return self._history.figures

    @property
    def history_conflicts(self) -> pd.DataFrame:
        """The sources that disagree with the figures of `history` (as `conflicts` for `figures`)."""
        return self._history.conflicts

    @cached_property
    def _livelihood(self) -> pd.DataFrame:
        return livelihood_statements(self.table)

    @property
    def livelihood(self) -> pd.DataFrame:
        """This report's statements of the livelihood (民生) share, amount or growth, every horizon, each with its
        denominator (`reconciled.livelihood.livelihood_statements`)."""
        found = self._livelihood
        return found[found["region"].eq(self.region) & found["report_year"].eq(self.report_year)].reset_index(drop=True)

    @property
    def livelihood_history(self) -> pd.DataFrame:
        """This region's livelihood statements over every report, one per figure, the newest source's
        (`reconciled.livelihood.resolve_statements`)."""
        found = self._livelihood
        return resolve_statements(found[found["region"].eq(self.region)])


@dataclass(frozen=True)
class Panel:
    """Every report of a data directory, for pages across regions and levels: nothing is restricted to a
    region's view (a peer district is a row of the panel, not a figure a district's report reads)."""

    table: pd.DataFrame
    catalog: pd.DataFrame
    sidecars: list[dict] = field(default_factory=list)
    paths: DataPaths | None = None
    documents: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=DOCUMENT_COLUMNS))

    @classmethod
    def open(cls, data_dir: str | Path | None = None) -> Panel:
        """`open_panel` (which see), as an instance of `cls`."""
        paths = data_paths(data_dir)
        return cls(load_indicators(paths.root), load_catalog(paths.catalog), read_sidecars(paths), paths,
                   load_documents(paths.documents))

    @cached_property
    def _resolution(self) -> Resolution:
        return resolve_history(self.table)

    @cached_property
    def known(self) -> pd.DataFrame:
        """One row per figure as first published (`revisions.first_resolution`): the prior years targets
        are compared with."""
        return first_resolution(self.table).figures

    @property
    def figures(self) -> pd.DataFrame:
        """One row per figure, the newest source's value, revisions marked (`revisions.resolved`), once."""
        return self._resolution.figures

    @property
    def conflicts(self) -> pd.DataFrame:
        """The sources that disagree with the value `figures` uses, one row each (`reconcile.resolve`)."""
        return self._resolution.conflicts

    @cached_property
    def livelihood_statements(self) -> pd.DataFrame:
        """Every statement of the livelihood (民生) share, amount or growth of every report, one per figure, the
        newest source's, with denominator, period and horizon (`reconciled.livelihood.resolve_statements`)."""
        return resolve_statements(livelihood_statements(self.table))

    def livelihood(self, level: str | None, year: int | None) -> pd.DataFrame:
        """The livelihood-spending share of each region of `level` (None: every level) for `year` (None: every
        year), one row per region and year, largest first, as the panel page shows them: value and qualifier as
        written, share in %, denominator, period and horizon (`reconciled.livelihood.panel_shares`). A share of
        investment or of a named fund is never among them."""
        return panel_shares(self.livelihood_statements, level, year)


def open_panel(data_dir: str | Path | None = None) -> Panel:
    """Every validated figure of `data_dir` (spans checked) with its catalog and the texts' provenance."""
    return Panel.open(data_dir)


def _level_of(table: pd.DataFrame, region: str) -> str | None:
    """The level of government the table gives for `region` (None when the table has no level column)."""
    if "level" not in table:
        return None
    levels = table.loc[table["region"].eq(region), "level"].dropna()
    return str(levels.iloc[0]) if len(levels) else None


def named(figures: pd.DataFrame, catalog: pd.DataFrame, level: str | None = None) -> pd.DataFrame:
    """Figures with the catalog's English title, growth basis and Chinese name as the reports of their level
    of government write it (`level`, else each row's `level`); the subject where uncatalogued."""
    ids = figures["indicator"].where(figures["indicator"].isin(catalog.index))
    levels = [level] * len(figures) if level or "level" not in figures else figures["level"]
    chinese = [chinese_name(catalog, ind, lv) if isinstance(ind, str) else None for ind, lv in zip(ids, levels)]
    return figures.assign(
        name_zh=pd.Series(chinese, index=figures.index, dtype=object).fillna(figures["subject"]),
        title_en=ids.map(catalog["title_en"]).fillna(figures["subject"]),
        growth_basis=ids.map(catalog["growth_basis"]),
    )


def read_sidecars(paths: DataPaths) -> list[dict]:
    """Provenance of every raw text of a data directory (none when it has no raw/ folder)."""
    return [read_sidecar(path) for path in raw_documents(paths.raw)] if paths.raw.is_dir() else []


def open_report(region: str | None = None, report_year: int | None = None,
                data_dir: str | Path | None = None) -> Report:
    """The report of `region` and `report_year` in `data_dir` (default: the newest report in the shipped data).

    Loads and validates every file once (spans checked), reconciles the figures once. A region or
    year with no report raises DataError listing the reports that exist.
    """
    return Report.open(region, report_year, data_dir)


def figures(region: str | None = None, data_dir: str | Path | None = None) -> pd.DataFrame:
    """One row per figure of every report in `data_dir` (or of one region), named, ready to chart.

    Repeats that agree (article and sidebar) are merged; where sources disagree the newest report's
    value is used and `conflict` marks the row (`open_panel().conflicts` lists the other sources).
    Never two rows for one figure.
    """
    paths = data_paths(data_dir)
    table = load_indicators(paths.root)
    if region is not None:
        report_scope(table, region)  # an unknown region lists the ones that exist
        table = table[table["region"].eq(region)]
    return named(resolve_figures(table), load_catalog(paths.catalog)).reset_index(drop=True)
