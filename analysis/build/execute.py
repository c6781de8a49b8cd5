"""Run one notebook with injected parameters and export it; the unit of work of a build worker.

Imported only where a notebook must run: by the forkserver that build workers fork from (once
per build), or by the build process itself for a single job. The build's parent never imports
it on a cached build, so such a build pays none of the imports below.
"""
from __future__ import annotations

import signal
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

# nbformat imports jsonschema, which imports the optional rfc3987-syntax (installed for
# jupyter-events) to check the "iri" formats; it builds a Lark parser at import: 0.9 s of this
# module's 1.2 s import here, ~2.8 s on slower machines. nbformat validates without a format
# checker, so nothing here uses it. A None entry in sys.modules makes its import fail (Python
# reference, "The module cache") and jsonschema then leaves the iri formats unchecked, as it
# does when the package is not installed. setdefault: a process that already loaded it keeps it.
sys.modules.setdefault("rfc3987_syntax", None)

import nbformat  # noqa: E402 - after the line above, on purpose
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError  # noqa: E402
from papermill.translators import translate_parameters  # noqa: E402

from analysis.build import kernels  # noqa: E402
from analysis.build.jobs import Job, Outcome  # noqa: E402
from analysis.build.export import export_html, normalize, notebook_summary, notebook_title  # noqa: E402
from analysis.build.kernels import KERNEL_NAME  # noqa: E402

CELL_TIMEOUT_SECONDS = 600
INJECTED_TAG = "injected-parameters"


def inject_parameters(nb: nbformat.NotebookNode, parameters: dict) -> int:
    """Insert papermill's injected-parameters cell after the `parameters` cell; return its index."""
    source = translate_parameters(KERNEL_NAME, "python", parameters, "Parameters")
    cell = nbformat.v4.new_code_cell(source=source, id=INJECTED_TAG)
    cell.metadata["tags"] = [INJECTED_TAG]
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.get("metadata", {}).get("tags", [])]
    index = tagged[0] + 1 if tagged else 0
    nb.cells.insert(index, cell)
    return index


def _describe_failure(job: Job, nb: nbformat.NotebookNode, injected: int, index: int | None,
                      err: BaseException) -> str:
    where = "before the first cell ran"
    if index is not None:
        source_index = index - 1 if index > injected else index
        first_line = next((line for line in nb.cells[index].source.splitlines() if line.strip()), "")
        where = f"cell {source_index} (counting from 0: `{first_line.strip()[:80]}`)"
    if isinstance(err, CellExecutionError):
        problem = f"{err.ename}: {err.evalue}"
    else:
        problem = f"{type(err).__name__}: {err}".strip()
    return (f"notebook {job.notebook} failed in {where} with {problem}. "
            f"The executed notebook with the full traceback is kept in {job.failed_path}.")


def _done_with(client: NotebookClient, kernel: kernels.Kernel, *, reusable: bool) -> None:
    client.kc = None  # the kernel's client, stopped with the kernel
    kernels.release(kernel, reusable=reusable)


@contextmanager
def _signal_handlers_kept() -> Iterator[None]:
    """nbclient handles SIGINT and SIGTERM while it runs a notebook and then resets them to Python's
    defaults, dropping a build worker's own (`workers.STOP_SIGNALS`): put back what the process had."""
    main = threading.current_thread() is threading.main_thread()  # only there can a handler be set
    kept = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)} if main else {}
    try:
        yield
    finally:
        for signum, handler in kept.items():
            if handler is not None:
                signal.signal(signum, handler)


def run(job: Job) -> Outcome:
    """Execute `job.notebook`, write reader.html, full.html and executed.ipynb into `job.out_dir`."""
    start = time.perf_counter()
    nb = nbformat.read(job.notebook, as_version=4)
    injected = inject_parameters(nb, job.parameters)
    current: dict[str, int] = {}
    kernel = kernels.acquire(job.notebook, job.notebook.parent)  # kept from this notebook's last run, reset
    client = NotebookClient(
        nb, km=kernel.manager, timeout=CELL_TIMEOUT_SECONDS,
        record_timing=False,  # timestamps would make two identical builds differ
        resources={"metadata": {"path": str(job.notebook.parent)}},
        on_cell_start=lambda cell, cell_index: current.update(index=cell_index),
    )
    client.kc = kernel.client  # connected and ready: nbclient makes none of its own
    try:
        with _signal_handlers_kept():
            client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError, RuntimeError) as err:
        _done_with(client, kernel, reusable=False)  # a failed run's state is unknown: never reused
        job.failed_path.parent.mkdir(parents=True, exist_ok=True)
        if not isinstance(err, CellExecutionError) and current.get("index") is not None:
            # the traceback of a timeout or a dead kernel is not in the cell's outputs
            nb.cells[current["index"]].outputs.append(nbformat.v4.new_output(
                "error", ename=type(err).__name__, evalue=str(err),
                traceback=traceback.format_exception_only(err)))
        nbformat.write(nb, job.failed_path)
        return Outcome(job.name, time.perf_counter() - start,
                       error=_describe_failure(job, nb, injected, current.get("index"), err))
    except BaseException:
        _done_with(client, kernel, reusable=False)
        raise
    _done_with(client, kernel, reusable=True)
    normalize(nb)
    job.out_dir.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, job.out_dir / "executed.ipynb")
    for variant in ("reader", "full"):
        html = export_html(nb, variant=variant, context=job.context)
        (job.out_dir / f"{variant}.html").write_text(html, encoding="utf-8")
    job.failed_path.unlink(missing_ok=True)
    return Outcome(job.name, time.perf_counter() - start, notebook_title(nb, job.name), notebook_summary(nb))


def run_safely(job: Job) -> Outcome:
    """`run`, with any unexpected exception turned into a worded Outcome (workers must not die)."""
    try:
        return run(job)
    except Exception as err:  # noqa: BLE001 - reported to the user with the notebook's name
        return Outcome(job.name, 0.0, error=f"notebook {job.notebook} could not be built: "
                                            f"{type(err).__name__}: {err}")
