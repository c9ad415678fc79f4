"""Chapter 1 live widget: time per update at 30, 150 and 1,000 people.

Run: .venv/bin/python benchmarks/bench_architecture.py
"""

from _timing import table, time_update

from p2pkit.widgets.architecture import render

rows = []
for n in (30, 150, 1000):
    r = time_update(render, {"people": n, "p2p": 0.5, "remove_centre": False, "seed": 0}, repeats=3)
    rows.append((n, f"{r['median_ms']:.0f}", f"{r['png_ms']:.0f}"))
print("Chapter 1 explorer (spectrum + profile + draw + PNG)")
print(table(rows, ("people", "update ms", "of which PNG ms")))
