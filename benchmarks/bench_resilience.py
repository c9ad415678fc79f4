"""Chapter 6 live widget: time per update at about 30, 150 and 1,000 people.

Run: .venv/bin/python benchmarks/bench_resilience.py

A chart with ``levels`` levels and a span of ``span`` has 1 + span + span^2 + ... people;
the sizes closest to 30, 150 and 1,000 are used (31, 156 and 993). The default view is
timed: lateral ties at 50% with every reporting line kept, the people on most routes
leaving first, re-ranked after each departure (the expensive case).

Columns (median of 3 runs, milliseconds):

- "update": a cold update (caches emptied: a new chart, lateral-tie share or seed) with 3
  people leaving, from the controls to a PNG (``time_update``: the model, drawing, and PNG
  encoding at the figure's own dpi, 100; the widget itself encodes at 80 dpi);
- "of which PNG": the PNG encoding (matplotlib rendering) part of it;
- "model only": ``compute`` alone for the same cold update (no drawing);
- "model, 20 leave": ``compute`` alone, cold, with 20 people leaving (20 betweenness
  rankings, each recomputed in the group the last person left);
- "model, one more": ``compute`` alone when the "People leaving" slider moves from 19 to
  20 (the removal order computed so far is kept, so one more ranking is computed);
- "update, degree": a cold update with the best-connected leaving first (no betweenness).
"""

import statistics
import time

from _timing import table, time_update

from p2pkit.widgets.resilience import clear_cache, compute
from p2pkit.widgets.resilience import render as _render

BASE = {"lateral": 0.5, "keep_lines": True, "strategy": "betweenness", "recompute": True, "seed": 0}


def cold_render(values):
    clear_cache()
    return _render(values)[:2]  # time_update expects (figure, readout)


def model_ms(values, warm_with=None, repeats=3):
    times = []
    for _ in range(repeats):
        clear_cache()
        if warm_with is not None:
            compute({**values, "leaving": warm_with})
        t0 = time.perf_counter()
        compute(values)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


rows = []
for people, (levels, span) in ((31, (3, 5)), (156, (4, 5)), (993, (3, 31))):
    v = {**BASE, "levels": levels, "span": span}
    a = time_update(cold_render, {**v, "leaving": 3}, repeats=3)
    d = time_update(cold_render, {**v, "leaving": 3, "strategy": "degree"}, repeats=3)
    rows.append((people, f"{a['median_ms']:.0f}", f"{a['png_ms']:.0f}",
                 f"{model_ms({**v, 'leaving': 3}):.0f}", f"{model_ms({**v, 'leaving': 20}):.0f}",
                 f"{model_ms({**v, 'leaving': 20}, warm_with=19):.0f}", f"{d['median_ms']:.0f}"))
print("Chapter 6 explorer: who leaves, and what still holds")
print(table(rows, ("people", "update", "of which PNG", "model only", "model, 20 leave", "model, one more",
                   "update, degree")))
