"""Chapters 9 and 10 live widgets: time per update at 30, 150 and 1,000 people.

Run: .venv/bin/python benchmarks/bench_ch09_ch10.py
Each update is the model recomputation plus drawing the figure to PNG (median of 3).
Wall time is what a facilitator waits for; CPU time (this process only) is also printed,
because on a shared, busy machine wall time can be several times the CPU time.
"""

import io
import statistics
import time

import matplotlib.pyplot as plt
from _timing import table, time_update

from p2pkit.widgets import hybrid, protocols, scaling, transparency

CASES = [
    ("ch09 transparency (gossip vs chart)", transparency.render,
     lambda n: {"people": n, "span": 4, "capacity": 1, "unlimited": False, "network": transparency.NETWORKS[1],
                "mode": "push-pull", "absent": 2, "seed": 0}),
    ("ch09 transparency (anyone can call)", transparency.render,
     lambda n: {"people": n, "span": 4, "capacity": 1, "unlimited": False, "network": transparency.NETWORKS[0],
                "mode": "push-pull", "absent": 0, "seed": 0}),
    ("ch09 protocols (local rule vs centre)", protocols.render,
     lambda n: {"people": n, "tasks": n, "per_round": 1, "seed": 0}),
    ("ch10 scaling (three designs)", scaling.render,
     lambda n: {"people": n, "team_size": 10, "mesh_ties": 6, "minutes": 10.0, "seed": 0}),
    ("ch10 hybrid (hub vs embedded)", hybrid.render,
     lambda n: {"people": n, "team_size": 10, "requests": 2.0, "hub_speed": 4.0 * n, "agent_speed": 60.0,
                "cross_team": 0.2, "bridges": 5, "seed": 0}),
]



def cpu_ms(render, values: dict, repeats: int = 3) -> float:
    """Median CPU time (ms) of one update: render plus PNG, as in ``time_update``."""
    out = []
    for _ in range(repeats):
        t0 = time.process_time()
        fig, _ = render(values)
        fig.savefig(io.BytesIO(), format="png", dpi=fig.dpi)
        plt.close(fig)
        out.append((time.process_time() - t0) * 1000)
    return statistics.median(out)


rows = []
for name, render, values in CASES:
    render(values(30))  # warm-up (imports, caches)
    for n in (30, 150, 1000):
        r = time_update(render, values(n), repeats=3)
        rows.append((name, n, f"{r['median_ms']:.0f}", f"{r['png_ms']:.0f}", f"{cpu_ms(render, values(n)):.0f}"))
print("Chapters 9-10 explorers (model + draw + PNG); aim: under 100 ms at 150 people")
print(table(rows, ("widget", "people", "update ms (wall)", "of which PNG ms", "CPU ms")))
