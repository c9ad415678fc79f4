"""Chapter 5 live widgets: time per update.

- Information decay (``p2pkit.widgets.decay``): at 30, 150 and 1,000 people, for decisions
  that need what 1 person knows and what 4 people know.
- The managerial tax (``p2pkit.widgets.decisions``): its size is not a number of people but
  the number of deciders and the decision volume, so it is timed at 30, 150 and 1,000
  deciders with decisions arriving at 80% of their joint capacity, with and without the
  "check by simulation" option (four seeded runs of 20,000 decisions).

Run: .venv/bin/python benchmarks/bench_ch05.py
"""

from _timing import table, time_update

from p2pkit.widgets.decay import render as render_decay
from p2pkit.widgets.decisions import render as render_tax

rows = []
for n in (30, 150, 1000):
    for m in (1, 4):
        values = {"people": n, "sources": m, "relay": "keep or lose details", "keep": 0.9, "noise_sd": 0.5,
                  "decisions": 8.0, "decide": 10.0, "relay_capacity": 40.0, "hop_hours": 1.0, "seed": 0}
        r = time_update(render_decay, values, repeats=3)
        rows.append((n, m, f"{r['median_ms']:.0f}", f"{r['png_ms']:.0f}"))
print("Chapter 5 information-decay explorer (three organisations + journeys + draw + PNG)")
print(table(rows, ("people", "holders", "update ms", "of which PNG ms")))
print()

rows = []
for c in (30, 150, 1000):
    for sim in (False, True):
        values = {"decisions": 0.8 * c * 10.0, "capacity": 10.0, "deciders": c, "decision_times": "random",
                  "simulate": sim, "seed": 0}
        r = time_update(render_tax, values, repeats=3)
        rows.append((c, "yes" if sim else "no", f"{r['median_ms']:.0f}", f"{r['png_ms']:.0f}"))
print("Chapter 5 managerial-tax explorer (queue formulas + curves + draw + PNG)")
print(table(rows, ("deciders", "simulation", "update ms", "of which PNG ms")))
