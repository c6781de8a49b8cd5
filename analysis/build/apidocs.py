"""The API reference the build writes beside the reports: pdoc's offline HTML of the public face and the analyses.

Generated in a subprocess (pdoc imports the package, and with it pandas: a cached build never does), in a
session of its own (a terminal's Ctrl+C is the build's to handle), while the notebooks run, and cached on
the package's and the environment's digests in the checkout's .build/, whatever --build-dir a build uses:
it depends on nothing else (the test suite's twenty-odd builds write it once). The index links
`api/index.html`.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

from analysis.build.jobs import BuildError
from analysis.config import BUILD_DIR

# The face a notebook imports from (analysis: open_report, open_panel, figures, …), the analyses behind
# every number of the pages, and the reconciled figures they read.
MODULES = ("analysis", "analysis.analyses", "analysis.reconciled")
FOLDER = "api"  # under the reports folder
SECONDS = 120
KEPT = 4  # versions of the reference kept in the cache


class ApiReference:
    """The reference for one package and environment: taken from the cache, or being written into it."""

    def __init__(self, package: str, environment: str, cache_root: Path = BUILD_DIR / "cache") -> None:
        key = hashlib.sha256(f"{package}\n{environment}".encode()).hexdigest()[:32]
        self.entry = cache_root / FOLDER / key
        self._staging = self.entry.with_name(f".staging-{key}-{os.getpid()}")
        self._process: subprocess.Popen | None = None
        if not (self.entry / "index.html").is_file():
            shutil.rmtree(self._staging, ignore_errors=True)
            self.entry.parent.mkdir(parents=True, exist_ok=True)
            self._process = subprocess.Popen([sys.executable, "-m", "analysis.build.apidocs", str(self._staging)],
                                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                             start_new_session=True)

    def finish(self) -> Path:
        """Wait for the reference to be written; the folder to publish."""
        if self._process is not None:
            try:
                output, _ = self._process.communicate(timeout=SECONDS)
            except subprocess.TimeoutExpired:
                self.stop()
                raise BuildError(f"the API reference (pdoc) took more than {SECONDS} s; rerun the build.") from None
            if self._process.returncode != 0 or not (self._staging / "index.html").is_file():
                raise BuildError(f"the API reference could not be written (pdoc): {output.strip()[-2000:]}")
            self._process = None
            try:
                os.rename(self._staging, self.entry)  # the first build to finish writes the entry …
            except OSError:
                shutil.rmtree(self._staging, ignore_errors=True)  # … one written meanwhile is the same reference
            # The few most recent versions stay (a build of another version may be copying its own now);
            # a staging folder is another build's.
            kept = sorted((p for p in self.entry.parent.iterdir() if not p.name.startswith(".")),
                          key=lambda p: p.stat().st_mtime, reverse=True)
            for old in kept[KEPT:]:
                shutil.rmtree(old, ignore_errors=True)
        return self.entry

    def stop(self) -> None:
        """Stop a reference still being written (the build was interrupted or failed)."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        shutil.rmtree(self._staging, ignore_errors=True)


def write(out: Path) -> None:
    """pdoc's HTML of MODULES into `out`: plain pages and their links, no search index (1.9 MB of script)."""
    import pdoc
    import pdoc.render

    import analysis
    # analysis loads its public names on first use (__getattr__); pdoc reads a module's members, so load them
    for name in analysis.__all__:
        setattr(analysis, name, getattr(analysis, name))
    pdoc.render.configure(docformat="markdown", show_source=False, search=False,
                          footer_text=f"gwr-analysis {analysis.__version__}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # type annotations pdoc cannot evaluate are shown as written
        pdoc.pdoc(*MODULES, output_directory=out)


if __name__ == "__main__":
    write(Path(sys.argv[1]))
