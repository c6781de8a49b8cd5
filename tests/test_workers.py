"""Ctrl+C ends a build at once: one line saying what was stopped, exit status 130, no traceback, the
previous reports untouched and no kernel left running; the message's words are checked apart."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from analysis.build.workers import BuildInterrupted
from analysis.config import ROOT

# What "within a few seconds" means here; a loaded 2-core machine measured 0.1–0.7 s.
STOPS_WITHIN_SECONDS = 10


def _descendants(pid: int) -> set[int]:
    """Every process below `pid`, from /proc (kernels run in sessions of their own, but are still children)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process tree from /proc (Linux)")
@pytest.mark.parametrize("jobs", [2, 1], ids=["workers", "in-process"])
def test_ctrl_c_stops_a_running_build_at_once(jobs: int, tmp_path: Path, data_dir: Path,
                                              snapshot: Callable[[Path], dict[str, bytes]]) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    (out / "index.html").write_text("<p>the reports of the last build</p>", encoding="utf-8")
    (out / "page.html").write_text("<p>a page of the last build</p>", encoding="utf-8")
    before = snapshot(out)
    command = [sys.executable, "-m", "analysis", "build", "--force", "--jobs", str(jobs), "--data-dir", str(data_dir),
               "--out", str(out), "--build-dir", str(tmp_path / "build")]
    # A session of its own: Ctrl+C in a terminal goes to the whole foreground process group, so does ours.
    build = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    try:
        progress = []
        deadline = time.monotonic() + 300
        while not progress or not progress[-1].startswith("[1/"):  # one page done, the next ones running
            line = build.stderr.readline()
            assert line and time.monotonic() < deadline, "".join(progress) + build.stderr.read()
            progress.append(line)
        # in one process the next page's kernel may start a moment after the first page is reported done
        below, started = _descendants(build.pid), time.monotonic()
        while not below and time.monotonic() - started < 10:
            time.sleep(0.1)
            below = _descendants(build.pid)
        assert below, "the build runs its notebooks in kernels, child processes of the build"
        sent = time.monotonic()
        os.killpg(build.pid, signal.SIGINT)
        stdout, stderr = build.communicate(timeout=60)
        took = time.monotonic() - sent
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
            build.wait()
    assert build.returncode == 130, stderr
    assert took < STOPS_WITHIN_SECONDS, f"the build took {took:.1f} s to stop"
    message = [line for line in stderr.splitlines() if not line.startswith("[")]  # progress lines: "[n/N] page: …"
    assert len(message) == 1, stderr
    assert message[0].startswith("build interrupted (Ctrl+C): stopped ") and "running page" in message[0]
    assert message[0].endswith(f"the reports in {out} were left as they were."), message[0]
    assert stdout == "" and "Traceback" not in stderr and "DeadKernelError" not in stderr
    assert snapshot(out) == before
    time.sleep(2)  # a kernel left behind notices its parent is gone within a second and says so
    assert [pid for pid in below if _alive(pid)] == [], "processes of the build outlived it"


def test_the_interrupted_message_says_what_was_stopped() -> None:
    assert str(BuildInterrupted(["china/04-region-trends", "05-levels-and-peers"], 3, "/r")) == (
        "build interrupted (Ctrl+C): stopped 2 running pages (china/04-region-trends, 05-levels-and-peers) "
        "and 3 not yet started; the reports in /r were left as they were.")
    assert str(BuildInterrupted(["05-levels-and-peers"], 0, "/r")) == (
        "build interrupted (Ctrl+C): stopped 1 running page (05-levels-and-peers); the reports in /r were left "
        "as they were.")
    assert str(BuildInterrupted([], 0, "/r")) == (
        "build interrupted (Ctrl+C) before any page ran; the reports in /r were left as they were.")
