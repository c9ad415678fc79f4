"""Chapter 6 figures: failure, redundancy and self-correction (scenes from :mod:`p2pkit.resilience`).

- :func:`lateral_ties` -- the chart with more and more lateral ties: single points of failure
  and node connectivity, in the drawing and along the whole way from 0% to 100%.
- :func:`random_failure` -- random failure against removing the best-connected first, on a
  random and a hub-dominated network, with the percolation theory.
- :func:`self_correction` -- after departures, longer routes (re-routing) and rounds of repair.
- :func:`people_leave` -- people leave one by one (Play), targeted against random, with or
  without lateral ties; click anyone to remove one more person and see who is cut off.
- :func:`who_leaves` -- the sandbox: more strategies, a chart part-way to a mesh, anyone removed;
  in Jupyter any chart size, share of lateral ties, number of departures and seed.
- :func:`krackhardt` and :func:`managers_table` -- Krackhardt's managers: the formal chart
  against the advice network.

Speed: the expensive part is the attack on the people who sit on most routes, recomputed
after each departure. The removal order is computed once per network and strategy and kept
(a generator per network, :func:`p2pkit.resilience.removals`), so moving *People who have
left* only computes the departures not yet computed. Above :data:`EXACT_UP_TO` people the
betweenness ranking is estimated from :data:`PIVOTS` source people (Brandes & Pich 2007), and
above :data:`CONNECTIVITY_EXACT_UP_TO` node connectivity is given as a lower bound; the readout
says so. Figures with a person control keep their networks to 21 people on the site (one state
per person and setting).
"""

from __future__ import annotations

import html as _html
from collections import OrderedDict
from functools import lru_cache

import networkx as nx

from .. import orgs
from ..architecture import load_share
from ..errors import P2PKitError
from ..resilience import (
    chart_with_lateral_ties, collapse, collapse_verdict, compare_curves, failure_curve, failure_verdict, knock_out,
    knock_out_verdict, krackhardt_managers, percolation_threshold, random_network_giant_share, redundancy,
    redundancy_verdict, removals, repair, repair_verdict, repaired_network, rerouting, rerouting_verdict,
)
from .component import Figure, choice, person, play, seed, slider, toggle
from .layouts import tree_layout
from .scene import bars, chart, network, node_of, scene, series

__all__ = ["lateral_ties", "random_failure", "self_correction", "people_leave", "who_leaves", "krackhardt",
           "managers_table", "chart_layout", "leave_scene", "redundancy_scene", "threshold_scene",
           "repair_scene", "managers_scene"]

#: The chart of the chapter: a top, four managers and sixteen staff.
LEVELS, SPAN = 3, 4
#: The live figures handle charts up to this many people.
MAX_PEOPLE = 1200
#: Up to this many people, betweenness rankings are exact (and the failure curves follow a
#: fixed number of departures, so the chart does not rescale while people leave).
EXACT_UP_TO = 300
#: Above EXACT_UP_TO, betweenness is estimated from this many source people.
PIVOTS = 100
#: Up to this many people, node connectivity is computed exactly (a flow computation that takes
#: seconds on a dense network of 150); above, the readout gives the lower bound the quick rules allow.
CONNECTIVITY_EXACT_UP_TO = 40
#: Random orders averaged for the "at random" curves (fewer on large networks, whose mean
#: varies less from order to order and each of which takes longer).
RANDOM_TRIALS = 50


def _trials(n: int) -> int:
    return RANDOM_TRIALS if n <= 50 else (20 if n <= EXACT_UP_TO else 10)

STRATEGY_NAMES = {
    "betweenness": "The people on most routes",
    "betweenness_once": "The people on most routes, ranked once",
    "degree": "The best-connected",
    "top": "The top of the chart",
    "random": "People at random",
}
#: tie kinds (short keys: they are repeated for every tie of every state)
TIE_NAMES = {"r": "reporting line", "l": "lateral tie", "n": "new tie (repair)"}


# ------------------------------------------------------------------ shared pieces


def chart_layout(G: nx.Graph) -> dict:
    """Positions of an organisation chart (``level`` attribute), staggered so lateral ties show.

    Level by level from the top, people are ordered by the mean position of their ties on
    the level above (Sugiyama et al.'s 1981 barycentre rule), so that reports sit under
    their manager. Alternate people on a crowded level are nudged down a little, so that a
    tie between two people on the same level does not run straight through the person
    between them. Draw a chart and the same people with lateral ties with the chart's
    positions, so that only the ties change.
    """
    pos = tree_layout(G)
    rows: dict = {}
    for v, (_, y) in pos.items():
        rows.setdefault(y, []).append(v)
    ys = sorted(rows, reverse=True)
    depth = max(1, len(ys) - 1)
    for upper, y in zip([None, *ys[:-1]], ys, strict=True):
        members = rows[y]
        slots = sorted(pos[v][0] for v in members)
        if upper is not None:
            members.sort(key=_barycentre(G, pos, set(rows[upper])))
        else:
            members.sort(key=lambda v: pos[v][0])
        for i, (v, x) in enumerate(zip(members, slots, strict=True)):
            dy = (0.22 / depth) * (i % 2) if len(members) > 4 else 0.0
            pos[v] = (x, y - dy)
    return pos


def _barycentre(G: nx.Graph, pos: dict, above: set):
    """Sort key: the mean x of a person's ties on the level above (their own x if none), then their x."""

    def key(v):
        xs = [pos[u][0] for u in G.adj[v] if u in above]
        return (sum(xs) / len(xs) if xs else pos[v][0], pos[v][0])

    return key


def _size(levels: int, span: int) -> int:
    n = sum(span**lvl for lvl in range(levels))
    if n > MAX_PEOPLE:
        raise P2PKitError(f"{levels} levels with a span of {span} make {n:,} people; this figure handles up to "
                          f"{MAX_PEOPLE:,}. Use fewer levels or a smaller span.")
    if n < 4:
        raise P2PKitError(f"{levels} levels with a span of {span} make only {n} people; use more.")
    return n


@lru_cache(maxsize=16)
def _chart(levels: int, span: int):
    """The chart, its positions and its people's names (fixed for every state of a figure)."""
    _size(levels, span)
    chart = orgs.hierarchy(levels, span)
    role = nx.get_node_attributes(chart, "role")
    names = {v: "Top" if role[v] == "top" else f"{role[v].capitalize()} {v}" for v in chart}
    return chart, chart_layout(chart), names


@lru_cache(maxsize=32)
def _org(levels: int, span: int, lateral: float, keep_lines: bool, seed: int):
    """The network: the chart plus lateral ties (every line kept), or part-way to a mesh."""
    chart, _, _ = _chart(levels, span)
    if keep_lines:
        G = chart_with_lateral_ties(levels, span, lateral, seed=seed)
    else:
        G = orgs.hybrid(levels, span, lateral, seed=seed)
    kinds = {(u, v): ("r" if chart.has_edge(u, v) else "l") for u, v in G.edges()}
    return G, kinds, _figures(G)


def _what(lateral: float, keep_lines: bool) -> str:
    if lateral == 0:
        return "The chart"
    if keep_lines:
        return f"Chart plus {lateral:.0%} of a mesh's ties"
    return f"Chart {lateral:.0%} of the way to a mesh"


def _figures(G: nx.Graph) -> list:
    """Each person's ties and share of the routes between others, before anyone leaves.

    (The same in every state of a network, so the page stores them once.)"""
    share = load_share(G)
    return [("Ties (before anyone left)", dict(G.degree()), "d"),
            ("Share of routes between others (before anyone left)", {v: round(x, 2) for v, x in share.items()},
             ".0%")]


def _roles(G: nx.Graph, ko) -> dict:
    """Cut off (hollow) before single point of failure (diamond): a diamond is someone whose
    departure would cut someone else off."""
    out, weak = set(ko.outside), set(ko.single_points)
    return {v: "cut_off" if v in out else ("single_point" if v in weak else "peer") for v in G}


def _weak(ko) -> int:
    """The diamonds: single points of failure among the people still in the largest group."""
    out = set(ko.outside)
    return sum(1 for v in ko.single_points if v not in out)


def _people(k: int) -> str:
    return "1 person" if k == 1 else f"{k} people"


def _kappa(r) -> str:
    if r is None:
        return "–"
    if r.node_connectivity == 0:
        return "0 (already in pieces)"
    return f"{r.node_connectivity}" if r.exact else f"at least {r.node_connectivity}"


# ------------------------------------------------------------------ people leave (Explore, Live)

_ORDERS: OrderedDict = OrderedDict()


def _order(G: nx.Graph, key: tuple, strategy: str, recompute: bool, seed: int, count: int) -> list:
    """The first ``count`` people to leave, kept between states (a generator per network)."""
    n = G.number_of_nodes()
    pivots = PIVOTS if (strategy == "betweenness" and n > EXACT_UP_TO) else None
    k = (key, strategy, recompute, seed)
    if k in _ORDERS:
        _ORDERS.move_to_end(k)
    else:
        _ORDERS[k] = (removals(G, strategy, recompute=recompute, seed=seed, pivots=pivots), [])
        if len(_ORDERS) > 48:
            _ORDERS.popitem(last=False)
    gen, done = _ORDERS[k]
    while len(done) < min(count, n):
        done.append(next(gen))
    return done[:count]


@lru_cache(maxsize=64)
def _random_curve(key: tuple, count: int):
    G, _, _ = _org(*key)
    return failure_curve(G, "random", removals=count, trials=_trials(G.number_of_nodes()), seed=key[-1])


def leave_scene(levels: int = LEVELS, span: int = SPAN, lateral: float = 0.5, keep_lines: bool = True,
                strategy: str = "betweenness", recompute: bool = True, leaving: int = 0, seed: int = 0,
                removed: str = "", *, axis: int = 6, compare: bool = True) -> dict:
    """One state of :func:`people_leave` and :func:`who_leaves`.

    ``leaving`` people leave the network, chosen by ``strategy``; ``removed`` (a person's id,
    or "") leaves as well, chosen by the reader. The chart follows the failure curves up to
    ``axis + 1`` departures (more if ``leaving`` needs it). With ``compare``, the chart alone
    is drawn beside the network with lateral ties.
    """
    if strategy not in STRATEGY_NAMES:
        raise P2PKitError(f"unknown strategy {strategy!r}; choose one of: {', '.join(STRATEGY_NAMES)}.")
    if strategy == "betweenness_once":
        strategy, recompute = "betweenness", False
    key = (levels, span, round(float(lateral), 6), bool(keep_lines), int(seed))
    G, kinds, figs = _org(*key)
    _, pos, names = _chart(levels, span)
    n = G.number_of_nodes()
    if leaving > n - 2:
        raise P2PKitError(f"only {n} people: at most {n - 2} can leave (so that a pair is left). "
                          "Let fewer people leave or make the chart bigger.")
    K = min(n - 2, (max(axis, leaving) if n <= EXACT_UP_TO else leaving) + 1)
    order = _order(G, key, strategy, recompute, seed, K)
    gone = order[:leaving]
    who = node_of(G, removed)
    already = who is not None and who in gone
    if already:
        who = None
    everyone_gone = gone + ([who] if who is not None else [])
    if len(everyone_gone) > n - 2:
        raise P2PKitError(f"only {n} people: at most {n - 2} can leave.")
    ko = knock_out(G, everyone_gone)
    targeted = failure_curve(G, strategy, order=order)
    at_random = _random_curve(key, K)
    nxt = order[leaving] if leaving < len(order) and order[leaving] not in everyone_gone else None

    what = _what(key[2], keep_lines)
    net = network(G, pos, title=f"{what}: {n} people, {G.number_of_edges()} ties", names=names,
                  roles=_roles(G, ko), removed=everyone_gone, removable=True, figures=figs,
                  tie_kinds=kinds, kind_names={k: TIE_NAMES[k] for k in "rl"},
                  highlight=[nxt] if nxt is not None else (), labels=False)
    chart_key = (levels, span, 0.0, True, int(seed)) if compare and key[2] > 0 and strategy != "random" else None
    curve = _leave_curves(targeted, at_random, _trials(n), recompute, K, leaving, chart_key)
    verdict = _leave_verdict(ko, targeted, at_random, strategy, leaving, names[who] if who is not None else None)
    if already:
        verdict += f" ({names[node_of(G, removed)]} has already left.)"
    extra = f" + {names[who]}" if who is not None else ""
    rows = _leave_readout(ko, at_random, strategy, leaving, extra, names[nxt] if nxt is not None else "–", n)
    summary = (f"{what}, {n} people, {G.number_of_edges()} ties; {leaving} left"
               + (f", and {names[who]}" if who is not None else "")
               + f": {ko.pairwise:.0%} of pairs in touch, {ko.cut_off} cut off, {_weak(ko)} single points of failure.")
    return scene(net, curve, readout=rows, verdict=verdict, summary=summary)


def _leave_curves(targeted, at_random, trials: int, recompute: bool, K: int, leaving: int,
                  chart_key: tuple | None) -> dict:
    """The failure curves of :func:`leave_scene` (``trials`` random orders in the mean); with
    ``chart_key``, those of the chart alone too.

    (The same chart for every person the reader may remove: the page stores it once.)"""
    strategy = targeted.strategy
    xs = list(range(len(targeted.pairwise)))
    mine = "this draw" if strategy == "random" else "targeted"
    lines = [series(mine, xs, targeted.pairwise, role="peer", points=True),
             series(f"at random (mean of {trials})" if strategy == "random" else "at random",
                    xs, at_random.pairwise, role="peer", dash=True)]
    if chart_key is not None:
        C, _, _ = _org(*chart_key)
        c_order = _order(C, chart_key, strategy, recompute, chart_key[-1], K)
        lines += [series("chart, targeted", xs, failure_curve(C, strategy, order=c_order).pairwise,
                         role="reference"),
                  series("chart, at random", xs, _random_curve(chart_key, K).pairwise, role="reference", dash=True)]
    return chart("Pairs of those left still in touch", lines, x_label="People who have left",
                 y_label="Pairs still in touch", y_format=".0%", x_format="d", y_domain=(0, 1),
                 marker_x=leaving, marker_label="now")


def _leave_verdict(ko, targeted, at_random, strategy: str, k: int, who_name: str | None) -> str:
    """The model's sentence: the reader's removal, a random draw, or targeted against random."""
    if who_name is not None:
        return knock_out_verdict(ko, who=f"{who_name} as well" if k else who_name)
    if strategy == "random":
        return knock_out_verdict(ko, who=f"{_people(k)} chosen at random") if k else knock_out_verdict(ko)
    return failure_verdict(compare_curves(targeted, at_random, k))


def _leave_readout(ko, at_random, strategy: str, k: int, extra: str, next_name: str, n: int) -> list:
    """The readout of :func:`leave_scene` (short labels: they are repeated in every state the page ships)."""
    m = len(ko.removed)
    rows = [("Have left", f"{k}{extra}"),
            ("Pairs cut off", f"{1 - ko.pairwise:.0%}"),
            ("… if as many left at random",
             f"{1 - at_random.pairwise[m]:.0%}" if m < len(at_random.pairwise) else "–"),
            ("Cut off (hollow)", f"{ko.cut_off}"),
            ("Single points (diamonds)", f"{_weak(ko)}"),
            ("Next to leave (ringed)", next_name)]
    if n > EXACT_UP_TO:
        estimate = (f"who sits on most routes is estimated from {PIVOTS} people's routes; "
                    if strategy == "betweenness" else "")
        rows.append(("Note", f"{estimate}'at random' is the mean of {_trials(n)} orders"))
    return rows


def people_leave() -> Figure:
    """People leave one by one (Play), the person on most routes first; with or without lateral ties."""

    def build(lateral, strategy, leaving, removed):
        return leave_scene(LEVELS, SPAN, lateral, True, strategy, True, leaving, 0, removed, axis=4)

    return Figure(
        "Who leaves, and what still holds", build,
        [slider("lateral", "Lateral ties", (0.0, 0.5), 0.5, fmt=".0%", live=(0.0, 1.0, 0.05),
                help="Share of a peer mesh's ties added to the chart; every reporting line is kept."),
         choice("strategy", "Who leaves first", {s: STRATEGY_NAMES[s] for s in ("betweenness", "top")},
                "betweenness"),
         play("leaving", "People who have left", tuple(range(5)), 0, fmt="d", interval_ms=1000, live=(0, 19, 1)),
         person("removed", "Remove one more person")],
        description="An organisation chart of 21 people with lateral ties; people leave one by one, and a chart "
                    "beside it follows the share of pairs still in touch.")


def who_leaves() -> Figure:
    """The sandbox: any chart, lateral ties with or without the reporting lines, any strategy, anyone."""

    def build(levels, span, lateral, keep_lines, strategy, leaving, seed, removed):
        return leave_scene(levels, span, lateral, keep_lines, strategy, True, leaving, seed, removed,
                           axis=5, compare=False)

    return Figure(
        "Sandbox: who leaves, and what still holds", build,
        [slider("levels", "Levels", (LEVELS,), LEVELS, fmt="d", live=(2, 5, 1)),
         slider("span", "Span of control", (SPAN,), SPAN, fmt="d", live=(2, 32, 1)),
         slider("lateral", "Lateral ties", (0.25,), 0.25, fmt=".0%", live=(0.0, 1.0, 0.05)),
         toggle("keep_lines", "Keep every reporting line", True,
                help="On: lateral ties are added to the chart. Off: the chart moves part-way to a peer mesh, "
                     "and some reporting lines go."),
         choice("strategy", "Who leaves first",
                {k: STRATEGY_NAMES[k] for k in ("betweenness", "betweenness_once", "degree", "random")}, "degree"),
         play("leaving", "People who have left", tuple(range(3)), 0, fmt="d", interval_ms=1000, live=(0, 19, 1)),
         seed((0,)),
         person("removed", "Remove one more person")],
        description="An organisation chart with lateral ties; people leave, and you can remove anyone else.")


# ------------------------------------------------------------------ redundancy, counted

#: lateral shares at which the redundancy chart is computed (the slider's values on the site)
SWEEP = (0.0, 0.25, 0.5, 0.75, 1.0)


#: ... and on networks too large for exact node connectivity (each point is a new network)
SWEEP_LARGE = (0.0, 0.5, 1.0)


@lru_cache(maxsize=32)
def _sweep(levels: int, span: int, seed: int) -> tuple:
    """``(shares, redundancies)``: the chart's redundancy as lateral ties are added."""
    exact = _size(levels, span) <= CONNECTIVITY_EXACT_UP_TO
    shares = SWEEP if exact else SWEEP_LARGE
    return shares, tuple(redundancy(_org(levels, span, p, True, seed)[0], exact=exact) for p in shares)


def redundancy_scene(lateral: float = 0.5, span: int = SPAN, seed: int = 0, levels: int = LEVELS) -> dict:
    """One state of :func:`lateral_ties`: the chart plus a share of a mesh's ties, and its weak spots."""
    key = (levels, span, round(float(lateral), 6), True, int(seed))
    G, kinds, figs = _org(*key)
    _, pos, names = _chart(levels, span)
    n = G.number_of_nodes()
    r = redundancy(G, exact=n <= CONNECTIVITY_EXACT_UP_TO)
    weak = set(r.single_points)
    lines = sum(1 for k in kinds.values() if k == "r")
    what = _what(key[2], True)
    net = network(G, pos, title=f"{what}: {r.ties} ties", names=names,
                  roles={v: "single_point" if v in weak else "peer" for v in G}, figures=figs,
                  tie_kinds=kinds, kind_names={k: TIE_NAMES[k] for k in "rl"}, labels=False)
    xs, sweep = _sweep(levels, span, int(seed))
    curve = chart("As lateral ties are added", [
        series("single points", xs, [len(x.single_points) for x in sweep], role="single_point",
               points=True),
        series("node connectivity" + ("" if all(x.exact for x in sweep) else " (at least)"), xs,
               [x.node_connectivity for x in sweep], role="peer", points=True)],
        x_label="Lateral ties (share of a mesh's ties)", y_label="People", x_format=".0%", y_format="d",
        marker_x=key[2], marker_label=f"{key[2]:.0%}")
    rows = [("People / ties", f"{n}\u00a0/\u00a0{r.ties} ({lines} reporting lines)"),
            ("Single points of failure (diamonds)", f"{len(weak)}"),
            ("Ties that are the only link between two sides", f"{len(r.bridges)}"),
            ("Must leave at once to cut anyone off", _kappa(r))]
    summary = (f"{what}: {n} people placed as on the organisation chart, {r.ties} ties ({lines} reporting lines). "
               f"{len(weak)} {'person is a single point' if len(weak) == 1 else 'people are single points'} of "
               f"failure (diamonds); node connectivity {_kappa(r)}. The chart beside follows both numbers from 0% "
               "to 100% lateral ties.")
    return scene(net, curve, readout=rows, verdict=redundancy_verdict(r), summary=summary)


def lateral_ties() -> Figure:
    """The chart with more and more lateral ties: single points of failure and node connectivity."""

    def build(lateral, span, seed, levels):
        return redundancy_scene(lateral, span, seed, levels)

    return Figure(
        "Redundancy, counted", build,
        [slider("lateral", "Lateral ties", (0.0, 0.25, 0.5, 0.75, 1.0), 0.5, fmt=".0%", live=(0.0, 1.0, 0.05),
                help="Share of a peer mesh's ties added to the chart; every reporting line is kept."),
         slider("span", "Span of control", (3, 4), SPAN, fmt="d", live=(2, 32, 1)),
         seed(),
         slider("levels", "Levels", (LEVELS,), LEVELS, fmt="d", live=(2, 5, 1))],
        description="An organisation chart with lateral ties added; diamonds mark single points of failure.")


# ------------------------------------------------------------------ random failure has a threshold

#: points per curve in the threshold chart (the curves are smooth at this size)
CURVE_POINTS = 51
THRESHOLD_TRIALS = 5


@lru_cache(maxsize=64)
def threshold_scene(mean_degree: int = 4, people: int = 2000, seed: int = 0) -> dict:
    """One state of :func:`random_failure`: random and hub-dominated networks, failure against attack."""
    c, n = int(mean_degree), int(people)
    if c < 2 or c % 2 or c >= n:
        raise P2PKitError(f"ties per person: give an even number from 2 to {min(12, n - 1)} (the hub-dominated "
                          "network adds people with half that many ties each).")
    nets = {"random": nx.fast_gnp_random_graph(n, c / (n - 1), seed=seed),
            "hubs": nx.barabasi_albert_graph(n, c // 2, seed=seed)}
    K = n - 2
    idx = sorted({round(i * K / (CURVE_POINTS - 1)) for i in range(CURVE_POINTS)})
    xs = [k / n for k in idx]
    fs = [i / (CURVE_POINTS - 1) for i in range(CURVE_POINTS)]
    # the theory first, so that the random-failure curve it matches is drawn over it
    lines = [series("theory", fs, [random_network_giant_share(c, 1 - f) for f in fs], role="reference")]
    curves = {}
    for name, G, role in (("random", nets["random"], "peer"), ("hubs", nets["hubs"], "centre")):
        rnd = failure_curve(G, "random", removals=K, trials=THRESHOLD_TRIALS, seed=seed)
        hit = failure_curve(G, "degree", removals=K, recompute=False, seed=seed)
        curves[name] = (rnd, hit)
        lines += [series(f"{name}: failure", xs, [rnd.largest[k] for k in idx], role=role, dash=True),
                  series(f"{name}: attack", xs, [hit.largest[k] for k in idx], role=role)]
    keep_c = {k: percolation_threshold(G) for k, G in nets.items()}
    gone_c = {k: max(0.0, 1 - v) for k, v in keep_c.items()}
    curve = chart(f"{n:,} people, {c} ties each on average", lines, x_label="Share of people who have left",
                  y_label="Largest group (share of all)", x_format=".0%", y_format=".0%",
                  x_domain=(0, 1), y_domain=(0, 1), marker_x=gone_c["random"], marker_label="threshold")

    def at(curve_, share):
        return curve_.largest[min(K, round(share * n))]

    rows = [("Ties per person", f"{2 * nets['random'].number_of_edges() / n:.1f} (random), "
                                f"{2 * nets['hubs'].number_of_edges() / n:.1f} (hubs)"),
            ("Theory: falls apart at random after", f"{gone_c['random']:.0%} leave (random), "
                                                    f"{gone_c['hubs']:.0%} (hubs)"),
            ("Largest group, 20% gone at random", f"{at(curves['random'][0], 0.2):.0%} (random), "
                                                  f"{at(curves['hubs'][0], 0.2):.0%} (hubs)"),
            ("… the best-connected 20% gone", f"{at(curves['random'][1], 0.2):.0%} (random), "
                                              f"{at(curves['hubs'][1], 0.2):.0%} (hubs)")]
    verdict = ("Random network: " + collapse_verdict(collapse(*curves["random"], n)) + " Hub-dominated network: "
               + collapse_verdict(collapse(*curves["hubs"], n)))
    summary = (f"Line chart for two networks of {n:,} people with {c} ties each on average, a random one (blue) "
               f"and a hub-dominated one (vermillion): the share of everyone in the largest connected group "
               f"against the share who have left, at random (dashed) and the best-connected first (solid), "
               f"with the theory for the random network (grey). After 20% leave at random the largest groups "
               f"hold {at(curves['random'][0], 0.2):.0%} and {at(curves['hubs'][0], 0.2):.0%} of everyone; after "
               f"the best-connected 20% leave, {at(curves['random'][1], 0.2):.0%} and "
               f"{at(curves['hubs'][1], 0.2):.0%}.")
    return scene(curve, readout=rows, verdict=verdict, summary=summary)


def random_failure() -> Figure:
    """Random failure against targeted removal on a random and a hub-dominated network."""
    return Figure(
        "Random failure has a threshold", threshold_scene,
        [slider("mean_degree", "Ties per person", (2, 4, 6), 4, fmt="d", live=(2, 12, 2)),
         slider("people", "People", (500, 2000), 2000, fmt="d", live=(20, 5000, 10)),
         seed()],
        description="A line chart: how much of a large network still holds together as people leave.")


# ------------------------------------------------------------------ self-correction

ROUNDS = tuple(range(6))


def repair_scene(lateral: float = 0.0, leaving: int = 1, s: float = 0.5, step: int = 0, seed: int = 0,
                 levels: int = LEVELS, span: int = SPAN) -> dict:
    """One state of :func:`self_correction`: the people on most routes leave; the routes between the
    others re-route, and the people cut off repair the network round by round."""
    key = (levels, span, round(float(lateral), 6), True, int(seed))
    G, kinds, figs = _org(*key)
    _, pos, names = _chart(levels, span)
    n = G.number_of_nodes()
    if not 1 <= leaving <= n - 2:
        raise P2PKitError(f"only {n} people: from 1 to {n - 2} can leave.")
    gone = _order(G, key, "betweenness", True, int(seed), leaving)
    rr = rerouting(G, gone)
    full = repair(G, gone, s=s, seed=seed)
    if step:
        now = repair(G, gone, s=s, seed=seed, max_rounds=step)
        H = repaired_network(G, now)
        ko = knock_out(H, [])
        new = set(now.new_ties)
        ties = {**kinds, **{e: "n" for e in new}}
        movers = {u for u, _ in new}
    else:
        now, H, ko, movers = None, G, knock_out(G, gone), set()
        ties = kinds
    out = set(ko.outside)
    roles = {v: "cut_off" if v in out else ("new" if v in movers else "peer") for v in G}
    what = _what(key[2], True)
    net = network(H, pos, nodes=list(G), title=f"{what} · round {step}",
                  names=names, roles=roles, removed=gone, figures=figs, tie_kinds=ties,
                  kind_names={k: TIE_NAMES[k] for k in "rln"}, labels=False)
    connected = rr.still_connected / rr.pairs if rr.pairs else 0.0
    longer = connected * rr.longer_share if rr.still_connected else 0.0
    same = connected - longer
    split = bars("Routes between the people left, before any repair", [
        ("As short as before", same, f"{same:.0%}", "reached"),
        ("Longer: re-routed", longer, f"{longer:.0%}", "peer"),
        ("Cut off", rr.cut_share, f"{rr.cut_share:.0%}", "cut_off")],
        note="Share of the pairs of people left who could reach each other before.")
    hist = list(full.cut_off_by_round)
    xs = list(range(max(len(hist), len(ROUNDS))))
    ys = hist + [hist[-1] if not full.reconnected else 0] * (len(xs) - len(hist))
    curve = chart("People still cut off", [series("this repair", xs, ys, role="cut_off", points=True)],
                  x_label="Round of repair", y_label="People cut off", x_format="d", y_format="d",
                  marker_x=step, marker_label="now")
    made = now.ties_added if now is not None else 0
    rows = [("Pairs of those left cut off, before repair", f"{rr.cut_share:.0%}"),
            ("Extra hand-offs per route still open", "–" if rr.still_connected == 0
             else ("none" if rr.longer_share == 0 else f"+{rr.extra_hops:.2f}")),
            ("Round", f"{step}"),
            ("People still cut off", f"{ko.cut_off}"),
            ("New ties so far", f"{made}"),
            ("New ties a coordinator would need", f"{full.groups_cut_off}")]
    verdict = rerouting_verdict(rr) + " " + repair_verdict(now if now is not None else full)
    summary = (f"{what}: {n} people as on the organisation chart. The {_people(leaving)} on most routes "
               f"{'has' if leaving == 1 else 'have'} left (grey crosses). Before repair, {rr.cut_share:.0%} of the "
               f"pairs of those left are cut off. After round {step} of repair, {ko.cut_off} "
               f"{'person is' if ko.cut_off == 1 else 'people are'} still cut off (hollow circles), with {made} new "
               f"ties (dotted).")
    return scene(net, curve, split, readout=rows, verdict=verdict, summary=summary)


def self_correction() -> Figure:
    """Re-routing needs redundancy; repair takes rounds (Play)."""
    return Figure(
        "Self-correction: re-routing and repair", repair_scene,
        [slider("lateral", "Lateral ties", (0.0, 0.5), 0.0, fmt=".0%", live=(0.0, 1.0, 0.05)),
         slider("leaving", "People on most routes who leave", (1, 2, 3), 1, fmt="d", live=(1, 10, 1)),
         slider("s", "Chance each acts per round", (0.2, 0.5, 1.0), 0.5, fmt=".0%", live=(0.0, 1.0, 0.05)),
         play("step", "Round of repair", ROUNDS, 0, fmt="d", interval_ms=1000, live=(0, 30, 1)),
         seed((0,))],
        description="An organisation chart after departures: who is cut off, and the new ties of a repair, "
                    "round by round.")


# ------------------------------------------------------------------ Krackhardt's managers

LEAVE = {"nobody": "Nobody", "ceo": "The CEO (manager 7)", "advisers": "The 3 most-sought advisers"}
NET_NAMES = {"chart": "Formal chart", "advice": "Advice network"}


@lru_cache(maxsize=1)
def _managers():
    m = krackhardt_managers()
    chart_G = m["chart"]
    level = nx.get_node_attributes(chart_G, "level")
    title = {1: " (CEO)", 2: " (vice-president)"}
    names = {v: f"Manager {v}{title.get(level.get(v), '')}" for v in chart_G}
    advice_in = dict(orgs.load_dataset("krack_advice").in_degree())
    pos = chart_layout(chart_G)
    kinds = {"chart": {e: "r" for e in chart_G.edges()},
             "advice": {(u, v): ("r" if chart_G.has_edge(u, v) else "a") for u, v in m["advice"].edges()}}
    return m, names, pos, kinds, advice_in


def managers_scene(net: str = "chart", leave: str = "ceo", removed: str = "") -> dict:
    """One state of :func:`krackhardt`."""
    if net not in NET_NAMES or leave not in LEAVE:
        raise P2PKitError(f"choose a network ({', '.join(NET_NAMES)}) and who leaves ({', '.join(LEAVE)}).")
    m, names, pos, kinds, advice_in = _managers()
    G = m[net]
    gone = {"nobody": [], "ceo": ["7"], "advisers": list(m["sought"][:3])}[leave]
    who = node_of(G, removed)
    already = who is not None and who in gone
    everyone = gone + ([who] if who is not None and not already else [])
    ko = knock_out(G, everyone)
    rr = rerouting(G, everyone) if everyone else None
    H = G.copy()
    H.remove_nodes_from(everyone)
    red = redundancy(H)
    K = 8
    targeted = _krack_curve(net, "betweenness", K)
    at_random = _krack_curve(net, "random", K)
    panel = network(G, pos, title=f"{NET_NAMES[net]}: {G.number_of_edges()} ties", names=names,
                    roles=_roles(G, ko), removed=everyone, removable=True,
                    figures=[("Colleagues who seek their advice", advice_in, "d"),
                             ("Ties here", dict(G.degree()), "d")],
                    tie_kinds=kinds[net], kind_names={"r": "reporting line", "a": "advice only"}, labels=False)
    xs = list(range(K + 1))
    curve = chart("Pairs of those left still in touch", [
        series("most routes first", xs, targeted.pairwise, role="peer", points=True),
        series("at random", xs, at_random.pairwise, role="peer", dash=True)],
        x_label="Managers who have left", y_label="Pairs still in touch", x_format="d", y_format=".0%",
        y_domain=(0, 1), marker_x=len(everyone), marker_label="now")
    label = ", ".join(names[v] for v in everyone) or "nobody"
    rows = [("Who has left", label),
            ("Pairs of those left cut off", f"{1 - ko.pairwise:.0%}"),
            ("Groups left", f"{ko.groups}"),
            ("Cut off (hollow)", f"{ko.cut_off}"),
            ("Single points (diamonds)", f"{_weak(ko)}"),
            ("Must leave at once to cut anyone off", _kappa(red)),
            ("Extra hand-offs per route", "–" if rr is None or rr.still_connected == 0
             else ("none" if rr.longer_share == 0 else f"+{rr.extra_hops:.2f}"))]
    who_text = {"ceo": "the CEO", "advisers": "the three most-sought advisers"}.get(leave)
    if who is not None and not already:
        who_text = f"{who_text} and {names[who]}" if who_text else names[who]
    verdict = knock_out_verdict(ko, who=who_text)
    if already:
        verdict += f" ({names[who]} has already left.)"
    summary = (f"Krackhardt's 21 managers placed as on their organisation chart, {NET_NAMES[net].lower()} "
               f"({G.number_of_edges()} ties). Who has left: {label}. {1 - ko.pairwise:.0%} of the pairs of those "
               f"left are cut off, in {ko.groups} group{'s' if ko.groups != 1 else ''}.")
    return scene(panel, curve, readout=rows, verdict=verdict, summary=summary)


@lru_cache(maxsize=8)
def _krack_curve(net: str, strategy: str, K: int):
    G = _managers()[0][net]
    if strategy == "random":
        return failure_curve(G, "random", removals=K, trials=RANDOM_TRIALS, seed=0)
    return failure_curve(G, strategy, removals=K)


def krackhardt() -> Figure:
    """Krackhardt's managers: the formal chart against the advice network; remove anyone."""
    return Figure(
        "Krackhardt's managers: who to lose", managers_scene,
        [choice("net", "Network", NET_NAMES, "chart"),
         choice("leave", "Who leaves", LEAVE, "ceo"),
         person("removed", "Remove one more manager")],
        description="Krackhardt's 21 managers placed as on their organisation chart; click a manager to remove them.")


def managers_table(k: int = 3):
    """A table: what removing the CEO (manager 7) or the ``k`` most-sought advisers does to the
    formal chart and to the advice network (Krackhardt 1987). Every number is computed."""
    from IPython.display import HTML

    m = krackhardt_managers()
    rows = []
    for label, gone in (("the CEO (manager 7)", ["7"]),
                        (f"the {k} most-sought advisers ({', '.join(m['sought'][:k])})", m["sought"][:k])):
        for name in ("chart", "advice"):
            ko = knock_out(m[name], gone)
            r = rerouting(m[name], gone)
            extra = ("--" if r.still_connected == 0 else "none" if r.longer_share == 0 else f"+{r.extra_hops:.2f}")
            rows.append((label, "formal chart" if name == "chart" else "advice network",
                         f"{1 - ko.pairwise:.0%}", str(ko.groups), extra))
    heads = ("Who leaves", "Network", "Pairs of those left cut off", "Groups left", "Extra hand-offs")
    e = _html.escape
    body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return HTML("<table class='table'><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in heads)
                + "</tr></thead><tbody>" + body + "</tbody></table>")


FIGURES = [lateral_ties, random_failure, self_correction, people_leave, who_leaves, krackhardt]
