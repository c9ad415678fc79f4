"""Chapter 3 live widget: time per update at about 30, 150 and 1,000 people, for each view.

Run: .venv/bin/python benchmarks/bench_equipotency.py

"cold" clears the widget's caches before every repeat (what moving the p slider or the size
costs); "warm" keeps them (changing noise, deference, load or the view on the same network).
The hierarchy sizes the widget offers closest to 30, 150 and 1,000 are 31, 156 and 1,111.
"""

import io
import statistics
import time

import matplotlib.pyplot as plt
from _timing import table, time_update

from p2pkit.widgets import equipotency as eq

SIZES = {31: "31 people (3 levels, span 5)", 156: "156 people (4 levels, span 5)",
         1111: "1,111 people (4 levels, span 10)"}


def warm(values):
    return eq.render(values)[:2]        # render also returns alt text; _timing wants (fig, readout)


def cold(values):
    eq.clear_cache()
    return warm(values)


def cpu_ms(render, values, repeats):
    """Median CPU time (ms) of one update, PNG at the widget's 80 dpi (less sensitive to a busy machine)."""
    out = []
    for _ in range(repeats):
        t0 = time.process_time()
        fig, _ = render(values)
        fig.savefig(io.BytesIO(), format="png", dpi=80)
        plt.close(fig)
        out.append((time.process_time() - t0) * 1000)
    return statistics.median(out)


rows = []
for n, label in SIZES.items():
    for view in eq.VIEWS:
        v = dict(view=view, size=label, p=0.5, measure="betweenness", noise=1.0, shared=0.3,
                 deference=0.2, load=0.8, seed=0)
        repeats = 3 if n < 1000 else 1
        c = time_update(cold, v, repeats=repeats)
        eq.render(v)                                   # fill the caches
        wm = time_update(warm, v, repeats=repeats)
        cpu = cpu_ms(cold, v, repeats)
        rows.append((n, view, f"{c['median_ms']:.0f}", f"{cpu:.0f}", f"{wm['median_ms']:.0f}", f"{wm['png_ms']:.0f}"))
print("Chapter 3 explorer (network + measures + draw + PNG), p = 0.5, influence as betweenness")
print(table(rows, ("people", "view", "cold ms", "cold CPU ms", "warm ms", "of which drawing+PNG ms")))

# what dominates at 156 people, cold: the pieces on their own
from p2pkit import orgs  # noqa: E402
from p2pkit.equipotency import (_krackhardt_fast, centrality, equipotency_profile,  # noqa: E402
                                orient_top_down)

G = orgs.hybrid(4, 5, 0.5, seed=0)
parts = []
for name, fn in [
    ("betweenness (networkx)", lambda: centrality(G, "betweenness")),
    ("closeness (BFS from everyone)", lambda: centrality(G, "closeness")),
    ("Krackhardt (vectorised LUB)", lambda: _krackhardt_fast(orient_top_down(G))),
    ("whole profile", lambda: equipotency_profile(G, "betweenness")),
]:
    t0 = time.perf_counter()
    for _ in range(3):
        fn()
    parts.append((name, f"{(time.perf_counter() - t0) / 3 * 1000:.0f}"))
print()
print("156 people: the pieces of one cold 'Who holds influence?' update")
print(table(parts, ("piece", "ms")))
