"""Per-notebook progress of a build: a tqdm bar on a terminal, plain lines otherwise (CI logs)."""
from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Reports each notebook as it starts, finishes (with elapsed time) or comes from the cache."""

    def __init__(self, total: int, stream: TextIO, bar: bool) -> None:
        self.total, self.stream, self.done = total, stream, 0
        self.starts: dict[str, float] = {}  # handed to workers, not finished: shown beside the bar
        self.bar = None
        if bar:
            from tqdm import tqdm
            self.bar = tqdm(total=total, file=stream, unit="nb", desc="build", dynamic_ncols=True)

    @classmethod
    def for_stream(cls, total: int, stream: TextIO | None = None) -> Progress:
        """A bar when `stream` (default stderr) is a terminal, plain lines when it is not."""
        stream = stream or sys.stderr
        return cls(total, stream, bar=stream.isatty())

    def _line(self, text: str) -> None:
        self.done += 1
        line = f"[{self.done}/{self.total}] {text}"
        if self.bar is not None:
            self.bar.write(line, file=self.stream)
            self.bar.update(1)
            self.bar.set_postfix_str(self._pending(), refresh=True)
        else:
            print(line, file=self.stream, flush=True)

    def _pending(self) -> str:
        return "to do: " + ", ".join(sorted(self.starts)) if self.starts else ""

    def started(self, name: str) -> None:
        self.starts[name] = time.perf_counter()
        if self.bar is not None:
            self.bar.set_postfix_str(self._pending(), refresh=True)

    def cached(self, name: str) -> None:
        self._line(f"{name}: unchanged, taken from the cache")

    def finished(self, outcome) -> None:
        self.starts.pop(outcome.name, None)
        status = "FAILED" if outcome.error else "built"
        self._line(f"{outcome.name}: {status} in {outcome.seconds:.1f} s")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
