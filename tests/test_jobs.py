"""The order a build runs its jobs in: a notebook's pages together, the longest first."""
from __future__ import annotations

from pathlib import Path

from analysis.build.jobs import Job, in_kernel_order


def job(notebook: str, page: str) -> Job:
    return Job(f"{page}/{notebook}", Path(f"/nb/{notebook}.ipynb"), {}, Path("/out"), Path("/failed"))


def test_a_notebooks_pages_run_together_longest_notebook_and_page_first():
    jobs = [job("01-growth", "a"), job("00-overview", "a"), job("05-panel", "all"), job("01-growth", "b"),
            job("00-overview", "b"), job("01-growth", "c")]
    took = {"a/01-growth": 2.0, "b/01-growth": 3.0, "c/01-growth": 1.0, "a/00-overview": 2.5,
            "b/00-overview": 1.0, "all/05-panel": 6.0}
    order = [j.name for j in in_kernel_order(jobs, took.__getitem__)]
    # 05's one page is the longest of all, then 01 (its longest 3.0 s) before 00 (2.5 s)
    assert order == ["all/05-panel", "b/01-growth", "a/01-growth", "c/01-growth", "a/00-overview", "b/00-overview"]


def test_with_no_timings_yet_pages_follow_the_notebooks_reading_order():
    jobs = [job("02-b", "x"), job("00-a", "x"), job("02-b", "y"), job("00-a", "y")]
    order = [j.name for j in in_kernel_order(jobs, lambda name: 0.0)]
    assert order == ["x/00-a", "y/00-a", "x/02-b", "y/02-b"]
    assert in_kernel_order([], lambda name: 0.0) == []
