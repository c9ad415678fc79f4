"""Speed and size of every interactive figure (prints a table; not a test).

Run: .venv/bin/python benchmarks/bench_figures.py [NAME ...]   (NAME: part of a figure's function name)

For each figure of ``p2pkit.views`` (its ``FIGURES`` lists):
- static: states in the site's grid, seconds to compute them, kB of data shipped in the page;
- live: milliseconds for one update in Jupyter (model + scene, median of 5 after a warm-up) at
  30, 150 and 1,000 people, for figures whose size control allows that many in live mode.
Budgets: under 100 ms per update at 150 people, under 1 s at 1,000.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("P2PKIT_FIGURES", "static")

from p2pkit.views import catalogue  # noqa: E402
from p2pkit.views.component import _json_for_html  # noqa: E402
from p2pkit.views.scene import compact  # noqa: E402

SIZES = (30, 150, 1000)
SIZE_NAMES = ("people", "n", "size")


def live_ms(fig, name: str, people: int, runs: int = 5) -> float | None:
    values = {name: people}
    for c in fig.controls:
        if c.kind == "seed":
            values[c.name] = 1
    try:
        fig.scene(live=True, **values)
    except Exception as exc:  # noqa: BLE001 - report, do not stop the table
        return f"error: {type(exc).__name__}"
    times = []
    for k in range(runs):
        values.update({c.name: k + 1 for c in fig.controls if c.kind == "seed"})
        t0 = time.perf_counter()
        fig.scene(live=True, **values)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    wanted = [a.lower() for a in argv]
    print(f"{'figure':42s} {'states':>6s} {'grid s':>7s} {'kB':>6s}  " + "  ".join(f"{n:>7d}p" for n in SIZES))
    for factory in catalogue():
        name = f"{factory.__module__.rsplit('.', 1)[-1]}.{factory.__name__}"
        if wanted and not any(w in name.lower() for w in wanted):
            continue
        fig = factory()
        t0 = time.perf_counter()
        states = fig.states()
        grid_s = time.perf_counter() - t0
        packed, pool = compact(states)
        kb = len(_json_for_html({"states": packed, "pool": pool}).encode()) / 1e3
        size = next((c for c in fig.controls if c.name in SIZE_NAMES and c.live), None)
        cells = []
        for n in SIZES:
            if size is None or not size.live[0] <= n <= size.live[1]:
                cells.append(f"{'-':>8s}")
                continue
            ms = live_ms(fig, size.name, n)
            cells.append(f"{ms:>6.0f}ms" if isinstance(ms, float) else f"{ms:>8s}")
        print(f"{name:42s} {len(states):6d} {grid_s:7.2f} {kb:6.0f}  " + "  ".join(cells), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
