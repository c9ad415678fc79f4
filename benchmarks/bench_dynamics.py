"""Chapter 4 live widget: time per update at 30, 150 and 1,000 people.

Run: .venv/bin/python benchmarks/bench_dynamics.py

Each row is the median of three updates of the explorer on a peer mesh, at step 12 (the
model re-runs all 12 steps on every update, so this is the slow end of the step slider),
with and without a sudden need. "model ms" is the evolution and the race alone (no
drawing); the rest of "update ms" is drawing, of which "PNG ms" is encoding the image
that the widget sends.
"""

import statistics
import time

from _timing import table, time_update

from p2pkit.dynamics import evolve, race, sudden_need
from p2pkit.widgets.dynamics import render, starting_point

RATES = dict(meet=0.05, reciprocate=0.2, closure=0.2, decay=0.25)
STEP = 12


def model_ms(n: int, need: bool, repeats: int = 3) -> float:
    G, tree, top, _ = starting_point("mesh", n, 0)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        ev = evolve(G, STEP, seed=0, **RATES)
        [ev.measures(t) for t in range(STEP + 1)]
        if need:
            current = ev.network(STEP)
            race(current, tree, sudden_need(current, k=3, skilled_share=0.15, seed=1000 * STEP), top)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


rows = []
for n in (30, 150, 1000):
    starting_point("mesh", n, 0)  # the layout is computed once per network and cached
    for need in (False, True):
        values = dict(start="mesh", people=n, step=STEP, need=need, seed=0, **RATES)
        r = time_update(render, values, repeats=3)
        rows.append((n, "yes" if need else "no", f"{model_ms(n, need):.0f}", f"{r['median_ms']:.0f}",
                     f"{r['png_ms']:.0f}"))
print(f"Chapter 4 explorer (evolve {STEP} steps + measures [+ race] + draw + PNG)")
print(table(rows, ("people", "need", "model ms", "update ms", "of which PNG ms")))
