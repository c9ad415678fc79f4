"""Chapter 6 live control: people leave a chart with or without lateral ties; what still holds.

Speed (see ``benchmarks/bench_resilience.py``): the expensive part is the attack on the
people who sit on most routes, recomputed after each departure. Three things keep it fast:
betweenness is computed for all sources at once with sparse matrix products
(``p2pkit.resilience._betweenness``, several times faster than networkx's loop); after a
departure it is recomputed only in the group the departed person belonged to; and the
removal order is kept between updates (a generator per network and strategy), so moving the
"People leaving" slider only computes the departures not yet computed. Above 300 people the
betweenness ranking is estimated from 100 source people (Brandes & Pich 2007), and the
readout says so.
"""

from __future__ import annotations

import html
from collections import OrderedDict

import ipywidgets as w
import matplotlib.pyplot as plt

from .. import orgs
from ..errors import P2PKitError
from ..explorables.resilience import CHART, MESHED, chart_layout, curve_panel, network_panel
from ..resilience import (
    STRATEGIES, chart_with_lateral_ties, compare_curves, failure_curve, failure_verdict, knock_out,
    redundancy, redundancy_verdict, removals, repair, repair_verdict, rerouting, rerouting_verdict,
)
from .core import Explorer

__all__ = ["explorer", "compute", "render", "clear_cache", "MAX_PEOPLE", "MAX_LEAVING"]

#: The live view handles charts up to this many people.
MAX_PEOPLE = 1200
#: The "People leaving" slider goes up to this many.
MAX_LEAVING = 20
#: Above this many people, betweenness is estimated from :data:`PIVOTS` source people.
EXACT_UP_TO = 300
PIVOTS = 100
RANDOM_TRIALS = 20

_NETWORKS: OrderedDict = OrderedDict()
_ORDERS: OrderedDict = OrderedDict()


def clear_cache() -> None:
    """Forget the networks and removal orders kept between updates (the benchmarks use it)."""
    _NETWORKS.clear()
    _ORDERS.clear()


def _remember(cache: OrderedDict, key, make, size: int = 16):
    if key in cache:
        cache.move_to_end(key)
        return cache[key]
    value = make()
    cache[key] = value
    if len(cache) > size:
        cache.popitem(last=False)
    return value


def _network(levels: int, span: int, lateral: float, keep_lines: bool, seed: int):
    def make():
        n = sum(span**lvl for lvl in range(levels))
        if n > MAX_PEOPLE:
            raise P2PKitError(f"{levels} levels with a span of {span} make {n:,} people; the live view "
                              f"handles up to {MAX_PEOPLE:,}. Use fewer levels or a smaller span.")
        if keep_lines:
            G = chart_with_lateral_ties(levels, span, lateral, seed=seed)
        else:
            G = orgs.hybrid(levels, span, lateral, seed=seed)
        return G, chart_layout(orgs.hierarchy(levels, span))
    return _remember(_NETWORKS, (levels, span, round(lateral, 6), keep_lines, seed), make)


def _order(key, G, strategy: str, recompute: bool, seed: int, count: int) -> list:
    n = G.number_of_nodes()
    pivots = PIVOTS if (strategy == "betweenness" and n > EXACT_UP_TO) else None
    gen, done = _remember(_ORDERS, (key, strategy, recompute, seed),
                          lambda: (removals(G, strategy, recompute=recompute, seed=seed, pivots=pivots), []))
    while len(done) < count:
        done.append(next(gen))
    return done[:count]


def compute(values: dict) -> dict:
    """Everything the chapter-6 explorer shows, computed from the control ``values`` (no drawing)."""
    levels, span = int(values["levels"]), int(values["span"])
    lateral, keep_lines, seed = float(values["lateral"]), bool(values["keep_lines"]), int(values["seed"])
    strategy, recompute, k = values["strategy"], bool(values["recompute"]), int(values["leaving"])
    G, pos = _network(levels, span, lateral, keep_lines, seed)
    n = G.number_of_nodes()
    if k > n - 2:
        raise P2PKitError(f"only {n} people: at most {n - 2} can leave (so that a pair is left). "
                          "Move 'People leaving' down or make the chart bigger.")
    key = (levels, span, round(lateral, 6), keep_lines, seed)
    gone = _order(key, G, strategy, recompute, seed, k)
    H = G.copy()
    H.remove_nodes_from(gone)
    exact = n <= EXACT_UP_TO
    return {
        "G": G, "pos": pos, "n": n, "k": k, "gone": gone, "strategy": strategy, "keep_lines": keep_lines,
        "targeted": failure_curve(G, strategy, order=gone, recompute=recompute),
        "at_random": failure_curve(G, "random", removals=k, trials=RANDOM_TRIALS, seed=seed),
        "knock_out": knock_out(G, gone),
        "before": redundancy(G, exact=exact),
        "now": redundancy(H, exact=exact) if H.number_of_nodes() >= 2 else None,
        "rerouting": rerouting(G, gone),
        "repair": repair(G, gone, s=0.5, seed=seed),
    }


def render(values: dict):
    """Compute and draw one state of the chapter-6 explorer: ``(figure, readout_html, alt_text)``."""
    st = compute(values)
    G, pos, n, k, gone, strategy = st["G"], st["pos"], st["n"], st["k"], st["gone"], st["strategy"]
    targeted, at_random, ko = st["targeted"], st["at_random"], st["knock_out"]
    before, now, rr, rp = st["before"], st["now"], st["rerouting"], st["repair"]
    keep_lines = st["keep_lines"]

    fig = plt.figure(figsize=(8.6, 4.0))
    ax_net = fig.add_axes([0.0, 0.02, 0.55, 0.86])
    ax_curve = fig.add_axes([0.66, 0.36, 0.32, 0.5])
    size = max(6.0, min(110.0, 110.0 * 30 / n))
    what = "chart plus lateral ties" if keep_lines else "chart part-way to a mesh"
    network_panel(ax_net, G, pos, gone, size=size,
                  title=f"{what}: {n} people, {G.number_of_edges()} ties")
    label = "at random" if strategy == "random" else "targeted"
    lines = [(targeted, label, CHART if strategy != "random" else MESHED, False)]
    if strategy != "random":
        lines.append((at_random, f"at random (mean of {RANDOM_TRIALS})", MESHED, True))
    curve_panel(ax_curve, lines, k=k, xmax=max(k, 1))
    ax_curve.set_title(f"{k} {'person has' if k == 1 else 'people have'} left", fontsize=10)

    def kappa(r):
        if r is None:
            return "--"
        return f"{r.node_connectivity}" if r.exact else f"at least {r.node_connectivity}"

    rows = [
        ("People / ties", f"{n} / {G.number_of_edges()}"),
        ("Left", f"{ko.people_left}"),
        ("Pairs of those left cut off", f"{1 - ko.pairwise:.0%}"),
        ("... if as many left at random", f"{1 - at_random.pairwise[-1]:.0%}"),
        ("Largest group (share of all)", f"{ko.largest:.0%}"),
        ("People whose loss would cut someone off", f"{len(before.single_points)} before, "
                                                    f"{len(ko.single_points)} now"),
        ("Must leave at once to cut anyone off", f"{kappa(before)} before, {kappa(now)} now"),
        ("Extra hand-offs per route", "--" if rr.still_connected == 0 else f"{rr.extra_hops:.2f}"),
        ("Rounds of repair (s = 50%)", f"{rp.rounds}" if rp.reconnected else f"more than {rp.rounds}"),
    ]
    table = "".join(f"<tr><td style='padding-right:12px'>{html.escape(a)}</td><td><b>{html.escape(b)}</b></td></tr>"
                    for a, b in rows)
    if strategy == "random":
        first = (f"Removing {k} people at random cuts {1 - targeted.pairwise[-1]:.0%} of the pairs of those "
                 f"left (this draw); on average over {RANDOM_TRIALS} draws, {1 - at_random.pairwise[-1]:.0%}.")
    else:
        first = failure_verdict(compare_curves(targeted, at_random, k))
    sentences = [first, redundancy_verdict(now) if now is not None else "", rerouting_verdict(rr),
                 repair_verdict(rp)]
    note = ""
    if strategy == "betweenness" and n > EXACT_UP_TO:
        note = (f"<p style='font-size:0.85em'>With more than {EXACT_UP_TO} people, who sits on most routes is "
                f"estimated from {PIVOTS} people's routes (Brandes &amp; Pich 2007).</p>")
    readout = (f"<table>{table}</table>"
               + "".join(f"<p style='max-width:26em;margin:4px 0'>{html.escape(s)}</p>" for s in sentences if s)
               + note)
    alt = (f"Left: {n} people placed as on an organisation chart ({what}, {G.number_of_edges()} ties); "
           f"the {k} who have left are grey crosses and orange diamonds mark people whose departure "
           "alone would now cut someone off. Right: the share of pairs of those left who can still "
           "reach each other against the number who have left, for this order of departures"
           f"{' and at random' if strategy != 'random' else ''}. " + sentences[0])
    return fig, readout, alt


def explorer(levels: int = 3, span: int = 4, lateral: float = 0.5, keep_lines: bool = True,
             strategy: str = "betweenness", recompute: bool = True, leaving: int = 3, seed: int = 0) -> Explorer:
    """The live chapter-6 explorer: a chart, lateral ties, and who leaves."""
    if strategy not in STRATEGIES:
        raise P2PKitError(f"unknown strategy {strategy!r}; choose one of: {', '.join(STRATEGIES)}.")
    style = {"description_width": "initial"}
    controls = {
        "levels": w.IntSlider(value=levels, min=2, max=5, description="Levels", style=style),
        "span": w.IntSlider(value=span, min=2, max=32, description="Span of control", style=style),
        "lateral": w.FloatSlider(value=lateral, min=0.0, max=1.0, step=0.05, description="Lateral ties",
                                 readout_format=".0%", style=style),
        "keep_lines": w.Checkbox(value=keep_lines, description="Keep every reporting line"),
        "strategy": w.Dropdown(options=[("The people on most routes", "betweenness"),
                                        ("The best-connected", "degree"),
                                        ("The top of the chart", "top"),
                                        ("People at random", "random")],
                               value=strategy, description="Who leaves first", style=style),
        "recompute": w.Checkbox(value=recompute, description="Re-rank after each departure"),
        "leaving": w.IntSlider(value=leaving, min=0, max=MAX_LEAVING, description="People leaving", style=style),
        "seed": w.IntText(value=seed, description="Seed", layout=w.Layout(width="160px")),
    }
    return Explorer(controls, render, title="Who leaves, and what still holds")
