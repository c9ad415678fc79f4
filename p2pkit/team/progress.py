"""A one-line progress bar on stderr for the team report: only in a terminal, or when asked.

It also keeps the seconds spent on each step (``timings``), which the report and
``benchmarks/bench_report.py`` print.
"""

from __future__ import annotations

import sys
import time

__all__ = ["Progress"]


class Progress:
    """A one-line progress bar on stderr: only in a terminal, or when asked."""

    def __init__(self, steps: int, enabled: bool | None):
        if enabled is None:
            enabled = hasattr(sys.stderr, "isatty") and sys.stderr.isatty()
        self.enabled = bool(enabled)
        self.steps = steps
        self.done = 0
        self.t0 = time.perf_counter()
        self.timings: dict[str, float] = {}
        self._label = ""
        self._start = self.t0

    def step(self, label: str) -> None:
        now = time.perf_counter()
        if self._label:
            self.timings[self._label] = self.timings.get(self._label, 0.0) + now - self._start
            self.done += 1
        self._label, self._start = label, now
        if self.enabled:
            width = 24
            filled = int(width * min(self.done, self.steps) / max(1, self.steps))
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.steps} "
                             f"{label[:40]:<40} {now - self.t0:5.1f}s")
            sys.stderr.flush()

    def close(self) -> None:
        self.step("")
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()
