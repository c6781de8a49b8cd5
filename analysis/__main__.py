"""Command line: `python -m analysis extract | validate | build | add-report | import-corpus` (see --help)."""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from analysis.staging import add_report, import_corpus
from analysis.build.run import BuildError, BuildInterrupted, run_from_args as run_build
from analysis.build.run import add_arguments as add_build_arguments
from analysis.errors import DataError

INTERRUPTED = 130  # 128 + SIGINT: what a shell reports for a command stopped by Ctrl+C


def _extract(args: argparse.Namespace) -> None:
    from analysis.staging.pipeline import write_extracted
    path, count = write_extracted(args.data_dir)
    print(f"wrote {count} figures to {path}")


def _validate(args: argparse.Namespace) -> None:
    from analysis.staging.pipeline import validate_data
    table = validate_data(args.data_dir)
    print(f"data valid: {len(table)} figures from {table['doc'].nunique()} sources")


class _Parser(argparse.ArgumentParser):
    """argparse, but a wrong flag is one line saying what to do (exit status 2, as argparse's)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"error: {self.prog}: {message}. See `{self.prog} --help` for every option.\n")


def parser() -> argparse.ArgumentParser:
    """The CLI's argument parser; subcommands register themselves here."""
    main_parser = _Parser(prog="python -m analysis", description=__doc__)
    commands = main_parser.add_subparsers(dest="command", required=True)
    for name, handler, help_text in [
        ("extract", _extract, "re-extract processed/indicators.csv from the raw documents"),
        ("validate", _validate, "check every data file against its schema (extracts first)"),
    ]:
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--data-dir", type=Path, default=None, help="data directory (default: data/)")
        command.set_defaults(handler=handler)
    build = commands.add_parser("build", help="execute the notebooks and write the HTML reports (cached, parallel)")
    add_build_arguments(build)
    build.set_defaults(handler=run_build)
    add = commands.add_parser("add-report", help="copy a report text into data/raw and write its provenance sidecar")
    add_report.add_arguments(add)
    add.set_defaults(handler=add_report.run_from_args)
    corpus = commands.add_parser("import-corpus", help="import every report of a folder, CSV/Excel or JSON-lines "
                                                       "file: region, level and year from a manifest or the text")
    import_corpus.add_arguments(corpus)
    corpus.set_defaults(handler=import_corpus.run_from_args)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; bad data ends with a one-paragraph message and exit status 2, Ctrl+C with one line and 130."""
    try:
        args = parser().parse_args(argv)
    except SystemExit as done:  # --help, or a flag argparse refused (already explained on stderr)
        return done.code if isinstance(done.code, int) else 2
    # Ctrl+C inside a notebook run leaves jupyter_client's kernel shutdown coroutine unawaited (the kernels are
    # stopped by process group instead); its warning at clean-up would be a second, misleading line.
    warnings.filterwarnings("ignore", r"coroutine '.*shutdown_kernel' was never awaited", RuntimeWarning)
    try:
        status = args.handler(args)
    except BuildInterrupted as err:
        print(err, file=sys.stderr)
        return INTERRUPTED
    except KeyboardInterrupt:
        print(f"{args.command} interrupted (Ctrl+C).", file=sys.stderr)
        return INTERRUPTED
    except DataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except BuildError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return status if isinstance(status, int) else 0


if __name__ == "__main__":
    sys.exit(main())
