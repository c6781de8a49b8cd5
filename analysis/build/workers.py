"""The build's worker processes: run notebook jobs in parallel, and on Ctrl+C stop them all, kernels included, at once."""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from analysis.build.jobs import BuildError, Job, Outcome
from analysis.build.progress import Progress


def _mp_context() -> multiprocessing.context.BaseContext:
    # forkserver: workers fork from a server that imported the notebook machinery once (not once
    # per worker), and no thread of ours is ever forked.
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["analysis.build.execute"])
        return context
    return multiprocessing.get_context("spawn")


def warm_workers(workers: int) -> None:
    """Start the forkserver now, so its slow imports overlap the data validation that comes first."""
    if workers > 1 and _mp_context().get_start_method() == "forkserver":
        _start_helpers()


def _start_helpers() -> None:
    """Start multiprocessing's forkserver and resource tracker with Ctrl+C ignored: a terminal sends it to
    them too, and they would print a traceback from the middle of their imports. An ignored signal stays
    ignored across exec; workers are forked from the forkserver and set their own (`_worker_started`)."""
    from multiprocessing import forkserver, resource_tracker
    main = threading.current_thread() is threading.main_thread()  # only there can a handler be set
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    try:
        if _mp_context().get_start_method() == "forkserver":
            forkserver.ensure_running()
        resource_tracker.ensure_running()
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)


_announce: list = []  # in a build worker: the queue on which it tells the parent which job it starts

# How the parent tells a worker to stop: SIGUSR1, which nbclient leaves alone (while a notebook runs it
# handles SIGINT and SIGTERM itself: it shuts the kernel down and the page fails with DeadKernelError).
# concurrent.futures sends SIGTERM to the other workers once one has exited, so that one stops a worker
# too (`execute.run` keeps the handler through nbclient's runs).
STOP_SIGNALS = (signal.SIGUSR1, signal.SIGTERM)


def _work(job: Job) -> Outcome:
    from analysis.build.execute import run_safely  # loaded in the worker (preloaded by the forkserver)
    for queue in _announce:
        queue.put(job.name)
    return run_safely(job)


def _worker_started(started: object) -> None:
    """In each build worker: a process group of its own, so that a terminal's Ctrl+C (sent to the foreground
    group) reaches the parent only, which decides; a stop signal kills the worker's kernels and ends it."""
    _announce[:] = [started]
    os.setpgrp()
    _handle_stop()


def _handle_stop() -> None:
    for signum in STOP_SIGNALS:
        signal.signal(signum, _stop_worker)


def _stop_worker(signum: int, frame: object) -> None:
    from analysis.build.kernels import kill_all
    kill_all()
    os._exit(128 + signum)  # nothing else to clean up, and nothing that could wait on the kernel just killed


def _close_kept_kernel() -> None:
    # A kernel outlives its job only within a build: the next build may run another version of the package.
    from analysis.build.kernels import close_kept
    close_kept()


class BuildInterrupted(BuildError):
    """Ctrl+C during a build: the pages stopped while running, how many had not started, the reports kept."""

    def __init__(self, running: list[str], waiting: int, out: object = None) -> None:
        self.running, self.waiting, self.out = running, waiting, out
        if running:
            stopped = (f": stopped {len(running)} running page{'s' if len(running) != 1 else ''} ({', '.join(running)})"
                       + (f" and {waiting} not yet started" if waiting else ""))
        else:
            stopped = f" before any page ran ({waiting} queued)" if waiting else " before any page ran"
        kept = f"; the reports in {out} were left as they were" if out is not None else ""
        super().__init__(f"build interrupted (Ctrl+C){stopped}{kept}.")


def run_jobs(jobs: list[Job], workers: int, progress: Progress) -> list[Outcome]:
    """Execute `jobs`, `workers` at a time; one job runs in this process (no pool to start).

    Ctrl+C raises BuildInterrupted within a second or two: queued jobs are cancelled, running ones
    stopped with their kernels, and nothing is committed or published."""
    if not jobs:
        return []
    outcomes: list[Outcome] = []
    if workers <= 1 or len(jobs) == 1:
        job = jobs[0]
        try:
            for job in jobs:
                progress.started(job.name)
                outcomes.append(_work(job))
                progress.finished(outcomes[-1])
        except KeyboardInterrupt:  # the kernel was closed by `execute.run` on the way out
            raise BuildInterrupted([job.name], len(jobs) - len(outcomes) - 1) from None
        finally:
            _close_kept_kernel()
        return outcomes
    context = _mp_context()
    _start_helpers()
    started = context.SimpleQueue()  # a job handed to a worker's queue is not yet running: workers say when it is
    pool = ProcessPoolExecutor(min(workers, len(jobs)), mp_context=context, initializer=_worker_started,
                               initargs=(started,))
    futures = {pool.submit(_work, job): job for job in jobs}
    try:
        for job in jobs:
            progress.started(job.name)
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except BrokenProcessPool as err:
                raise BuildError(f"a build worker died while running {futures[future].notebook} ({err}); "
                                 f"rerun with --jobs 1 to see the notebook's own error.") from err
            outcomes.append(outcome)
            progress.finished(outcome)
    except KeyboardInterrupt:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl+C must not cut the clean-up short
        try:
            begun = set()
            while not started.empty():
                begun.add(started.get())
            finished = {outcome.name for outcome in outcomes}
            running = [job.name for job in jobs if job.name in begun - finished]
            waiting = len(jobs) - len(begun)
            _stop_pool(pool)
        finally:
            signal.signal(signal.SIGINT, previous)
        raise BuildInterrupted(running, waiting) from None
    except BaseException:  # a worker that died: stop the others too, at once
        _stop_pool(pool)
        raise
    finally:
        started.close()
    pool.shutdown(wait=True)
    return outcomes


def _stop_pool(pool: ProcessPoolExecutor, grace: float = 5.0) -> None:
    """Cancel the jobs not started and stop the workers now (STOP_SIGNALS: each kills its kernels, see
    `_stop_worker`); SIGKILL for one still alive after `grace` seconds. concurrent.futures has no
    public way to stop a running worker before Python 3.14 (`terminate_workers`), hence `_processes`."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.pid is not None and process.is_alive():
            os.kill(process.pid, STOP_SIGNALS[0])
    deadline = time.monotonic() + grace
    for process in processes:
        process.join(max(deadline - time.monotonic(), 0.01))
        if process.is_alive():
            process.kill()
            process.join()
