"""One kernel per build worker, reused for the next run of the same notebook and reset to a fresh kernel's state."""
from __future__ import annotations

import os
import shutil
import signal
import tempfile
import time
from multiprocessing import util
from pathlib import Path

from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.manager import AsyncKernelManager
from nbclient.util import run_sync
from traitlets.config import Config

# The kernel of the interpreter running the build, whatever kernelspec the notebook names:
# a build must use the environment it was installed into.
KERNEL_NAME = "python3"
RESET_TIMEOUT_SECONDS = 60

# Starting a kernel and importing pandas, matplotlib and the package took ~1.5 s of the ~2.5 s of a
# page; run again in the same kernel, a notebook pays neither. What a notebook run can leave behind
# is put back before the next run: the user namespace, In/Out and the execution count (IPython's
# reset), open figures, matplotlib's and pandas' settings, the working directory, sys.path, the
# environment and the warnings filters with their "already shown" memory. What it cannot put back
# is state kept inside imported modules; so a kernel only ever runs one notebook (each run sets up
# what it uses in the same way) and is dropped after any failure. Sent as silent requests: no
# execution count, no history, no post-execute hooks.
SNAPSHOT = '''
def _gwr_snapshot():
    import os, sys, types, warnings
    state = types.ModuleType("_gwr_kernel_state")
    state.cwd, state.path, state.environ = os.getcwd(), list(sys.path), dict(os.environ)
    state.filters = list(warnings.filters)
    sys.modules[state.__name__] = state
_gwr_snapshot()
del _gwr_snapshot
'''
RESET = '''
def _gwr_reset():
    import os, sys, warnings
    state = sys.modules["_gwr_kernel_state"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecated pandas options warn when reset
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close("all")
            sys.modules["matplotlib"].rc_file_defaults()  # as imported: matplotlibrc, not the run's style
            # Interactive mode is not an rc setting to restore: loading the inline backend (at the first
            # figure) switches it on, and a run may have switched it off (plt.ioff()).
            sys.modules["matplotlib"].interactive("matplotlib_inline.backend_inline" in sys.modules)
        if "pandas" in sys.modules:
            sys.modules["pandas"].reset_option("all")
    os.chdir(state.cwd)
    sys.path[:] = state.path
    for name in set(os.environ) - set(state.environ):
        del os.environ[name]
    os.environ.update(state.environ)
    warnings.resetwarnings()  # also forgets which warnings were shown: a new run shows them again
    warnings.filters[:] = state.filters
    get_ipython().reset(new_session=True)  # namespace, In/Out, execution count back to 1
_gwr_reset()
'''


class KernelError(RuntimeError):
    """A kernel that could not be started or reset."""


class Kernel:
    """A started kernel, the notebook it runs, the client nbclient runs it with and one for the requests between runs."""

    def __init__(self, notebook: Path, cwd: Path) -> None:
        self.notebook = notebook
        self.runs = 0
        self._ipc_dir = tempfile.TemporaryDirectory(prefix="gwr-kernel-")
        # Async, as nbclient's own: it reads a cell's outputs while the cell runs.
        self.manager = AsyncKernelManager(kernel_name=KERNEL_NAME, config=kernel_config(self._ipc_dir.name))
        _live.add(self)  # from its start to the end of `close`: `kill_all` must find a kernel starting or stopping
        try:
            run_sync(self.manager.start_kernel)(cwd=str(cwd))
            # One client for every run: a new one per run waited ~0.3 s for its iopub channel to connect.
            self.client = self.manager.client()
            self.client.start_channels()
            run_sync(self.client.wait_for_ready)(timeout=RESET_TIMEOUT_SECONDS)
            self.client.allow_stdin = False
            # The silent requests: a session of its own (the kernel routes a reply to the session that
            # asked) and the shell channel only (the replies; an iopub channel would queue every output).
            self._requests = BlockingKernelClient()
            self._requests.load_connection_info(self.manager.get_connection_info())
            self._requests.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
            self._silently(SNAPSHOT)
        except BaseException:
            self.close()
            raise

    def _silently(self, code: str) -> None:
        msg_id = self._requests.execute(code, silent=True, store_history=False)
        deadline = time.monotonic() + RESET_TIMEOUT_SECONDS
        while True:
            reply = self._requests.get_shell_msg(timeout=max(deadline - time.monotonic(), 0.001))
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        content = reply["content"]
        if content["status"] != "ok":
            raise KernelError(f"kernel reset failed: {content.get('ename')}: {content.get('evalue')}")

    def reset(self) -> None:
        """Put the kernel back in the state a fresh kernel has (see RESET)."""
        self._silently(RESET)

    def alive(self) -> bool:
        return self.manager.has_kernel and run_sync(self.manager.is_alive)()

    def kill(self) -> None:
        """Stop the kernel at once, from a signal handler: no message, no event loop. jupyter_client starts a
        kernel in a session of its own, so its process group is the kernel and whatever the kernel started."""
        pgid = getattr(getattr(self.manager, "provisioner", None), "pgid", None)
        if pgid:
            try:
                os.killpg(pgid, signal.SIGKILL)
            except OSError:  # already gone
                pass
        self.manager.cleanup_connection_file()
        shutil.rmtree(self._ipc_dir.name, ignore_errors=True)

    def close(self) -> None:
        for client in (getattr(self, "client", None), getattr(self, "_requests", None)):
            if client is not None:
                client.stop_channels()
        try:
            if self.manager.has_kernel:
                # every output is in; a graceful stop costs ~0.5 s
                run_sync(self.manager.shutdown_kernel)(now=True)
        finally:
            run_sync(self.manager.cleanup_resources)()
            self._ipc_dir.cleanup()
            _live.discard(self)


def kernel_config(ipc_dir: str) -> Config:
    """ipc sockets in a private directory: no TCP port, and no "Kernel is running over TCP without
    encryption" warning on every run."""
    return Config({"KernelManager": {"transport": "ipc", "ip": str(Path(ipc_dir) / "kernel")}})


_kept: dict[str, Kernel] = {}  # this process's kernel, at most one
_live: set[Kernel] = set()  # every kernel of this process not yet closed: kept, running, starting or closing
_finalized_in: set[int] = set()  # the process ids where close_kept is registered to run at exit


def acquire(notebook: Path, cwd: Path) -> Kernel:
    """A kernel ready to run `notebook`: the kept one, reset, if it last ran the same notebook; else a new one."""
    kernel = _kept.pop("kernel", None)
    if kernel is not None and kernel.notebook == notebook and kernel.alive():
        try:
            kernel.reset()
            return kernel
        except Exception:  # noqa: BLE001 - a kernel that cannot be reset is replaced, not reported
            pass
    if kernel is not None:
        kernel.close()
    return Kernel(notebook, cwd)


def release(kernel: Kernel, *, reusable: bool) -> None:
    """Keep `kernel` for the next run of its notebook, or stop it (after a failure its state is unknown)."""
    kernel.runs += 1
    if not (reusable and kernel.alive()):
        kernel.close()
        return
    _kept["kernel"] = kernel
    if os.getpid() not in _finalized_in:
        # A pool worker exits through multiprocessing's exit function, which runs the finalizers that
        # have an exit priority (not atexit handlers): the kept kernel stops with its worker.
        util.Finalize(None, close_kept, exitpriority=10)
        _finalized_in.add(os.getpid())


def close_kept() -> None:
    """Stop the kept kernel (at the end of a build, or when a worker exits)."""
    kernel = _kept.pop("kernel", None)
    if kernel is not None:
        kernel.close()


def kill_all() -> None:
    """Kill this process's kernels, running or kept, at once: a build worker told to stop calls it from its
    signal handler before it exits, so that no kernel outlives an interrupted build."""
    for kernel in list(_live):
        kernel.kill()
    _live.clear()
    _kept.clear()
