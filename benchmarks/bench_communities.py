"""Chapter 2 live widget: time per update at 30, 150 and 1,000 people.

Run: .venv/bin/python benchmarks/bench_communities.py

Three kinds of update a facilitator makes: moving the resolution (detect communities, find
brokers, draw), starting the rumour and the correction (the same plus one race), and stepping
through time in a race. "first view" is the very first render for that network size, which
also builds the network and its layout (cached afterwards). Aim: under 100 ms at 150 people.
"""

from _timing import table, time_update

from p2pkit.widgets.communities import _layout, _network, render

BASE = dict(network="toy4", resolution=1.0, brokers=True, race=False, rumour_at="largest",
            correction_at="inside", delay=1, p=0.5, step=20, seed=0)

rows = []
for n in (30, 150, 1000):
    _network.cache_clear()
    _layout.cache_clear()
    first = time_update(render, {**BASE, "people": n}, repeats=1)["median_ms"]
    cases = [
        ("resolution", {**BASE, "people": n, "resolution": 1.3}),
        ("start race", {**BASE, "people": n, "race": True}),
        ("step in race", {**BASE, "people": n, "race": True, "step": 2}),
    ]
    for name, values in cases:
        r = time_update(render, values, repeats=5)
        rows.append((n, name, f"{r['median_ms']:.0f}", f"{r['png_ms']:.0f}", f"{first:.0f}"))
print("Chapter 2 explorer (toy network of four groups; compute + draw + PNG, median of 5)")
print(table(rows, ("people", "update", "update ms", "of which PNG ms", "first view ms")))
