"""Chapters 7 and 8 live widgets: time per update at 30, 150 and 1,000 people.

Run: .venv/bin/python benchmarks/bench_ch07_ch08.py
Aim: under 100 ms per update at 150 people (model + drawing + PNG encoding).
"""

from _timing import table, time_update

from p2pkit.widgets import practice as wp
from p2pkit.widgets import weaving as ww


def cold(render, clear):
    """Time an update from cold: the widgets cache models, so clear the cache every time."""
    def run(values):
        clear()
        return render(values)
    return run


render_case = cold(wp.render_case, wp.clear_cache)
render_unit = cold(wp.render_unit, wp.clear_cache)
render_weaving = cold(ww.render, ww.clear_cache)

SIZES = (30, 150, 1000)

cases = [
    ("ch07 case: Gore lattice", render_case, lambda n: {"case": "gore", "people": n, "remove": False, "seed": 0}),
    ("ch07 case: Buurtzorg, centre removed", render_case,
     lambda n: {"case": "buurtzorg", "people": n, "remove": True, "seed": 0}),
    ("ch07 case: chart", render_case, lambda n: {"case": "chart", "people": n, "remove": False, "seed": 0}),
    ("ch07 unit size", render_unit,
     lambda n: {"people": n, "cap": 150, "closure": 0.5, "liaisons": 2, "seed": 0}),
]
cases.append(("ch08 weaving: phase 2, 3 bridges", render_weaving,
              lambda n: {"people": n, "clusters": 5, "phase": 2, "action": "bridge", "k": 3, "seed": 0}))
cases.append(("ch08 weaving: phase 1, 5 closures", render_weaving,
              lambda n: {"people": n, "clusters": 5, "phase": 1, "action": "close", "k": 5, "seed": 0}))
warm = [
    ("ch07 case: tick 'remove' (cached model)", wp.render_case,
     lambda n: {"case": "gore", "people": n, "remove": True, "seed": 0}),
    ("ch08 weaving: change k (cached start)", ww.render,
     lambda n: {"people": n, "clusters": 5, "phase": 2, "action": "bridge", "k": 4, "seed": 0}),
]

rows = []
for label, render, values in cases:
    for n in SIZES:
        r = time_update(render, values(n), repeats=5)
        rows.append((label, n, f"{r['median_ms']:.0f}", f"{r['png_ms']:.0f}"))
print("Chapters 7-8 widgets, from cold (model + draw + PNG), median of 5")
print(table(rows, ("widget", "people", "update ms", "of which PNG ms")))

rows = []
for label, render, values in warm:
    for n in SIZES:
        render(values(n))  # fill the cache
        r = time_update(render, values(n), repeats=5)
        rows.append((label, n, f"{r['median_ms']:.0f}", f"{r['png_ms']:.0f}"))
print()
print("Updates that reuse a cached model (what a facilitator sees when moving one control)")
print(table(rows, ("widget", "people", "update ms", "of which PNG ms")))
