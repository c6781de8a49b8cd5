"""`python -m analysis build`: validate the data, run every notebook (parallel, cached), publish HTML atomically."""
from __future__ import annotations

import argparse
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from analysis import __version__
from analysis.build.apidocs import ApiReference
from analysis.build.jobs import BuildError, Job, Outcome, in_kernel_order
from analysis.build.workers import BuildInterrupted, run_jobs, warm_workers
from analysis.build.cache import BuildCache, environment_digest, notebook_key, tree_digest
from analysis.build.progress import Progress
from analysis.config import BUILD_DIR, NOTEBOOKS_DIR, PACKAGE_DIR, REPORTS_DIR, DataPaths, data_paths
from analysis.build.publish import build_time, carried_over, publish
from analysis.build.pages import Page, data_index, plan_pages, report_pages_wanted, reports, view_digest
from analysis.staging.set_aside import set_aside_counts
from analysis.build.guard import check_paths, check_scope, jobs_count, output_lock, report_year

NOTEBOOK_PATTERN = "[0-9][0-9]-*.ipynb"


@dataclass(frozen=True)
class BuildOptions:
    """What `python -m analysis build` was asked to do."""

    jobs: int | None = None
    force: bool = False
    data_dir: Path | None = None
    out: Path = REPORTS_DIR
    only: tuple[str, ...] = ()
    notebooks_dir: Path = NOTEBOOKS_DIR
    build_dir: Path = BUILD_DIR
    region: str | None = None  # None: every region's pages; a region narrows the build to its pages
    report_year: int | None = None  # None: every report's pages
    all_reports: bool = False  # every report's own pages, however many reports (see pages.REPORT_PAGES_UP_TO)

    @property
    def narrowed(self) -> bool:
        """Whether only part of the pages is rebuilt (the others are carried over from the last build)."""
        return bool(self.only) or self.region is not None or self.report_year is not None


@dataclass(frozen=True)
class BuildResult:
    """Where the reports went, which notebooks ran and which came from the cache."""

    out: Path
    executed: tuple[str, ...]
    cached: tuple[str, ...]
    seconds: float


def discover(notebooks_dir: Path, only: tuple[str, ...] = ()) -> list[Path]:
    """Numbered notebooks (`NN-name.ipynb`) in reading order, restricted to `only` when given."""
    notebooks = sorted(notebooks_dir.glob(NOTEBOOK_PATTERN))
    if not notebooks:
        raise BuildError(f"no notebooks to build: expected files named like 01-name.ipynb in {notebooks_dir}.")
    if not only:
        return notebooks
    chosen = [nb for nb in notebooks if any(want in (nb.stem, nb.name, nb.stem[3:], nb.stem[:2]) for want in only)]
    if not chosen:
        raise BuildError(f"--only {' '.join(only)} matches no notebook; available: "
                         f"{', '.join(nb.stem for nb in notebooks)}.")
    return chosen


def _pages(options: BuildOptions, paths: DataPaths, notebooks: list[Path]) -> list[Page]:
    """The pages of `notebooks` to build; an error names what exists when nothing matches."""
    try:
        pages = plan_pages(notebooks, paths, options.region, options.report_year, options.all_reports)
    except ValueError as err:
        raise BuildError(str(err)) from None
    if not pages:
        known = "; ".join(f"{where.region} {year}" for where, year in reports(paths)) or "none (no raw texts)"
        raise BuildError(f"nothing to build for region {options.region or 'any'}, report year "
                         f"{options.report_year or 'any'}: the reports in {paths.root} are {known}.")
    return pages


def _stamp_key(paths, data: str, package: str, environment: str) -> str:
    return f"{paths.root}\n{data}\n{package}\n{environment}"


def _check_data(paths, cache: BuildCache, package: str, environment: str, before_validating,
                prepare_data: Callable[[Path | None], object]) -> str:
    """Validate the data unless it was validated unchanged; return the digest of the data as validated.

    Not redone by --force: validation is a function of the data, the package and the environment,
    all in the stamp's key, and --force is about re-executing notebooks.
    """
    before = tree_digest(paths.root)
    if cache.stamp_valid("validated", _stamp_key(paths, before, package, environment)):
        return before
    before_validating()
    prepare_data(None if paths.root == data_paths(None).root else paths.root)
    after = tree_digest(paths.root)  # extraction may have rewritten processed/
    cache.record_stamp("validated", _stamp_key(paths, after, package, environment))
    return after


def _plan(options: BuildOptions, cache: BuildCache, pages: list[Page], digests: dict,
          paths: DataPaths) -> tuple[dict[str, Path], list[Job], dict[str, str]]:
    """Cache entries of unchanged pages, jobs for the others (in `in_kernel_order`), and every key.

    A page's key covers its notebook, its parameters and only the data it reads (`pages.view_digest`),
    so adding a report reruns that report's pages and the panels, not every page."""
    entries, jobs, keys, index = {}, [], {}, data_index(paths)
    for page in pages:
        parameters = {"data_dir": str(paths.root), **page.parameters}
        keys[page.name] = notebook_key(page.notebook, parameters=parameters, data=view_digest(paths, page, index), **digests)
        hit = None if options.force else cache.lookup(page.name, keys[page.name])
        if hit:
            entries[page.name] = hit
            continue
        leaf = page.name.rsplit("/", 1)[-1]
        context = {"version": __version__, "notebook": page.notebook.name, "reader_href": f"{leaf}.html",
                   "full_href": f"{leaf}.full.html", "coverage": page.subject}
        jobs.append(Job(page.name, page.notebook.resolve(), parameters, cache.staging(page.name, keys[page.name]),
                        options.build_dir / "failed" / f"{page.name}.ipynb", context))
    return entries, in_kernel_order(jobs, cache.last_seconds), keys


def _keep(cache: BuildCache, jobs: list[Job], keys: dict[str, str], outcomes: list[Outcome]) -> dict[str, Path]:
    """Commit each successful notebook to the cache (even when another failed); drop failed staging."""
    entries = {}
    for job, outcome in ((job, o) for o in outcomes for job in jobs if job.name == o.name):
        if outcome.error:
            shutil.rmtree(job.out_dir, ignore_errors=True)
        else:
            entries[job.name] = cache.commit(job.name, keys[job.name], job.out_dir, {
                "title": outcome.title, "summary": outcome.summary, "seconds": round(outcome.seconds, 2)})
    return entries


def build(options: BuildOptions, progress: Progress | None = None, *,
          prepare_data: Callable[[Path | None], object] | None = None,
          package_dir: Path = PACKAGE_DIR) -> BuildResult:
    """Build the reports of every notebook into `options.out`; raises BuildError or DataError.

    `prepare_data(data_dir)` extracts and checks the data before anything runs (default: the pipeline's
    `refresh_data`); `package_dir` is the source whose digest decides whether the cache is stale.
    Flags that cannot work stop it before anything is written; a second build of the same `out`
    stops at once instead of mixing its pages with this one's."""
    prepare_data = prepare_data or _refresh_data
    check_paths(data_paths(options.data_dir), options.out, options.jobs)
    with output_lock(options.out):
        return _build(options, progress, prepare_data, package_dir)


def _refresh_data(data_dir: Path | None) -> object:
    """The pipeline's refresh_data, imported only when the data changed: a build with nothing to do
    never loads pandas and pandera (a second off a cached build's time)."""
    from analysis.staging.pipeline import refresh_data
    return refresh_data(data_dir)


def _build(options: BuildOptions, progress: Progress | None, prepare_data: Callable[[Path | None], object],
           package_dir: Path) -> BuildResult:
    start = time.perf_counter()
    paths = data_paths(options.data_dir)
    if not paths.root.is_dir():
        raise BuildError(f"data directory {paths.root} does not exist.")
    cache = BuildCache(options.build_dir / "cache")
    package, environment = tree_digest(package_dir), environment_digest()
    workers = options.jobs or os.cpu_count() or 1
    notebooks = discover(options.notebooks_dir, options.only)  # an unknown --only stops before the data is read
    if options.force:
        warm_workers(workers)
    # changed data means every notebook runs: warm the workers while the data is validated
    _check_data(paths, cache, package, environment, lambda: warm_workers(workers), prepare_data)
    check_scope(options.data_dir, options.region, options.report_year)
    pages = _pages(options, paths, notebooks)
    entries, jobs, keys = _plan(options, cache, pages, {"package": package, "environment": environment}, paths)
    progress = progress or Progress.for_stream(len(pages))
    for name in entries:
        progress.cached(name)
    reference = ApiReference(package, environment)  # written while the notebooks run
    try:
        outcomes = run_jobs(jobs, workers, progress)
        api = reference.finish()
    except BaseException:
        reference.stop()
        raise
    finally:
        progress.close()
    entries.update(_keep(cache, jobs, keys, outcomes))
    failures = sorted(outcome.error for outcome in outcomes if outcome.error)
    if failures:
        count = f"{len(failures)} of {len(pages)} pages failed" if len(failures) > 1 else "Build failed"
        kept = (f"The previous reports in {options.out} were left untouched." if options.out.exists()
                else f"No reports were written to {options.out}.")
        raise BuildError(f"{count}: {' '.join(failures)} {kept}")
    partial = options.narrowed or not report_pages_wanted(paths, all_reports=options.all_reports)  # a corpus keeps
    carried = carried_over(options.out, set(entries)) if partial else []  # report pages built when asked for
    publish(options.out, [(page, entries[page.name]) for page in pages], carried, paths, build_time(), api)
    executed = tuple(sorted(outcome.name for outcome in outcomes))
    return BuildResult(options.out, executed, tuple(sorted(set(entries) - set(executed))),
                       time.perf_counter() - start)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The `build` subcommand's options."""
    parser.add_argument("--jobs", "-j", type=jobs_count, default=None,
                        help="notebooks executed at once (default: number of cores)")
    parser.add_argument("--force", action="store_true", help="rebuild every notebook, ignoring the cache")
    parser.add_argument("--data-dir", type=Path, default=None, help="data directory (default: data/)")
    parser.add_argument("--out", type=Path, default=REPORTS_DIR, help="output directory (default: reports/)")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="build only this notebook (01, growth-rates or 01-growth-rates); repeatable")
    parser.add_argument("--notebooks-dir", type=Path, default=NOTEBOOKS_DIR,
                        help="where the numbered notebooks are (default: notebooks/; benchmarks use a copy)")
    parser.add_argument("--build-dir", type=Path, default=BUILD_DIR,
                        help="cache and failed notebooks (default: .build/)")
    parser.add_argument("--region", default=None,
                        help="build only this region's pages, e.g. 枣庄市市中区 (default: every region; "
                             "the other pages of the last build are kept)")
    parser.add_argument("--report-year", type=report_year, default=None,
                        help="build only the pages of this year's reports (default: every report)")
    parser.add_argument("--all-reports", action="store_true", help="make every report's own pages even above 12 "
                        "reports (a corpus gets region and panel pages; report pages with --region/--report-year)")


def run_from_args(args: argparse.Namespace) -> None:
    """Entry point of `python -m analysis build`."""
    options = BuildOptions(jobs=args.jobs, force=args.force, data_dir=args.data_dir,
                           out=args.out.resolve(), only=tuple(args.only),
                           notebooks_dir=args.notebooks_dir.resolve(), build_dir=args.build_dir.resolve(),
                           region=args.region, report_year=args.report_year, all_reports=args.all_reports)
    try:
        result = build(options)
    except BuildInterrupted as stopped:  # while pages ran: say which, and that the reports were kept
        raise BuildInterrupted(stopped.running, stopped.waiting, options.out) from None
    except KeyboardInterrupt:  # before or after the pages ran: validating the data, publishing
        raise BuildInterrupted([], 0, options.out) from None
    print(f"built {len(result.executed)}, cached {len(result.cached)} → {result.out / 'index.html'} "
          f"({result.seconds:.1f} s)")
    figures, reports = set_aside_counts(options.data_dir)
    if figures:
        print(f"{figures} figure{'s' * (figures != 1)} set aside in {reports} report{'s' * (reports != 1)}: the table "
              f"cannot hold them as read; the data overview lists each with the reason")
