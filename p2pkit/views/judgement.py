"""Chapter 5 figure: decision quality as well as speed (scenes from :mod:`p2pkit.judgement`).

- :func:`crowd_or_decider` -- one decider against a majority of peers: how often each is
  right (Condorcet's majority, with and without a hub the peers follow), one sampled vote
  drawn person by person, and the days each takes to decide (queues from
  :mod:`p2pkit.decisions`, through :func:`p2pkit.judgement.decision_days`).

The figure calls the model's closed forms, its seeded simulation and its verdict; it only
chooses where to sample, rounds and arranges.
"""

from __future__ import annotations

import math
from functools import lru_cache

from ..judgement import (
    crowd_ceiling,
    decision_days,
    hub_majority_accuracy,
    judgement_verdict,
    majority_accuracy,
    peers_needed,
    simulate_votes,
    vote_correlation,
)
from .component import Figure, seed, slider
from .layouts import ring_layout
from .scene import bars, chart, network, scene, series

__all__ = ["CAPACITY_PER_DAY", "DECISIONS_PER_DAY", "crowd_or_decider", "crowd_scene"]

#: The load the time bars assume: chapter 5's 8 decisions a day, 10 a day per person.
DECISIONS_PER_DAY = 8.0
CAPACITY_PER_DAY = 10.0
HUB = "hub"
ROLE_WORDS = {"holder": "votes right", "bridge": "votes wrong", "need": "the hub some peers follow"}


def _pct(x: float) -> str:
    text = f"{x:.0%}"
    if text == "100%" and x < 1:
        return f"{x:.1%}" if x < 0.9995 else ">99.9%"
    return text


@lru_cache(maxsize=64)
def _curves(q: float, follow: float, top: int) -> tuple:
    ns = list(range(1, top + 1, 2))
    indep = [majority_accuracy(n, q) for n in ns]
    hub = [hub_majority_accuracy(n, q, follow) for n in ns]
    return ns, indep, hub


@lru_cache(maxsize=16)
def _ring(n: int) -> dict:
    import networkx as nx

    G = nx.star_graph(n)  # 0 is the hub, 1..n the peers
    pos = ring_layout(G, centre=0)
    return {(HUB if v == 0 else v): p for v, p in pos.items()}


def _day_text(x: float) -> str:
    return "no limit" if not math.isfinite(x) else (f"{x:.1f} days" if x >= 1 else f"{x * 8:.1f} h")


def _vote_panel(n: int, vote) -> tuple[dict, list, int]:
    """One sampled vote, person by person: the network panel, who followed the hub, how many voted right."""
    import networkx as nx

    peers = list(range(1, n + 1))
    G = nx.Graph()
    G.add_node(HUB)
    G.add_nodes_from(peers)
    followers = [v for v, f in zip(peers, vote.example_followed, strict=True) if f]
    G.add_edges_from((v, HUB) for v in followers)
    roles = {HUB: "need"}
    roles.update({v: ("holder" if right else "bridge") for v, right in zip(peers, vote.example_votes, strict=True)})
    right = sum(vote.example_votes)
    names = {HUB: "Hub"}
    names.update({v: f"Peer {v}" for v in peers})
    followed = {HUB: 0, **{v: int(f) for v, f in zip(peers, vote.example_followed, strict=True)}}
    net = network(
        G, _ring(n), title=f"One sampled vote: {right} of {n} right" + (", the hub right" if vote.example_hub_right
                                                                       else ", the hub wrong"),
        names=names, roles=roles, role_labels=ROLE_WORDS,
        figures=[("Follows the hub (1) or judges alone (0)", followed, "d")],
        tie_kinds={(v, HUB): "follows" for v in followers}, kind_names={"follows": "follows the hub"},
        labels=n <= 15)
    return net, followers, right


def _accuracy_chart(q: float, n: int, follow: float, p: float, indep: float, hub: float) -> dict:
    """How often the majority is right against the number of peers, with and without the hub."""
    top = max(41, n + (n % 2 == 0))
    ns, yi, yh = _curves(q, follow, top)
    lines = [series("independent", ns, yi, role="peer"),
             series(f"with a hub ({follow:.0%})", ns, yh, role="rumour", dash=True),
             series("one decider", [1, top], [p, p], role="decider")]
    points = [{"x": n, "y": indep, "label": "", "role": "peer"}, {"x": n, "y": hub, "label": "", "role": "rumour"}]
    return chart("How often the majority is right", lines, x_label="peers voting", y_label="share of decisions right",
                 y_format=".0%", x_domain=(1, top), y_domain=(0, 1), marker_x=n, points=points)


def _quality_bars(n: int, p: float, indep: float, hub: float, t) -> dict:
    """Right how often (the decider, the independent peers, the peers with a hub), and the days each takes."""
    full = 3.0
    return bars("Right how often, and how long it takes", [
        ("Right: one decider", p, _pct(p), "decider"),
        (f"Right: {n} independent peers", indep, _pct(indep), "peer"),
        (f"Right: {n} peers with a hub", hub, _pct(hub), "rumour"),
        ("Time: one decider", min(1.0, t.decider_days / full), _day_text(t.decider_days), "decider"),
        (f"Time: panel of {n} (at most)", min(1.0, t.panel_days / full), _day_text(t.panel_days), "peer"),
    ], note=f"Time bars are full at {full:g} days; {DECISIONS_PER_DAY:g} decisions a day, {CAPACITY_PER_DAY:g} a day "
            "per person.")


def crowd_scene(q: float, n: int, follow: float, p: float, seed: int = 0) -> dict:
    """One state of :func:`crowd_or_decider`."""
    indep, hub = majority_accuracy(n, q), hub_majority_accuracy(n, q, follow)
    t = decision_days(DECISIONS_PER_DAY, CAPACITY_PER_DAY, n)
    net, followers, right = _vote_panel(n, simulate_votes(n, q, follow, trials=100, seed=seed))
    need = peers_needed(p, q, follow)
    ceiling = crowd_ceiling(q, follow)
    readout = [("One decider is right", f"{p:.0%}"),
               (f"Majority of {n} independent peers is right", _pct(indep)),
               (f"Majority of {n} with a hub is right", _pct(hub)),
               ("Votes correlate", f"{vote_correlation(q, follow):.2f}".replace("-0.00", "0.00")),
               ("Peers needed to beat the decider" + (" (with the hub)" if follow > 0 else ""),
                str(need) if need is not None else f"none: at most {ceiling:.0%}"),
               ("Time to decide: decider / panel (at most)", f"{_day_text(t.decider_days)} / {_day_text(t.panel_days)}"),
               ("Person-days per decision: decider / panel", f"{t.decider_person_days:.1f} / {t.panel_person_days:.1f}")]
    summary = (f"A ring of {n} peers around a hub (a star); {len(followers)} follow the hub (tied to it) in this "
               f"sampled vote, {right} vote right (triangles) and {n - right} wrong (diamonds)"
               + (": the majority is right." if 2 * right > n else ": the majority is wrong." if 2 * right < n else
                  ": a tie, broken by a coin.")
               + f" Line chart: the majority of independent peers each right {q:.0%} of the time is right "
               f"{_pct(indep)} of the time with {n} voting, {_pct(hub)} if they follow a hub {follow:.0%} of the "
               f"time, against {p:.0%} for one decider.")
    return scene(net, _accuracy_chart(q, n, follow, p, indep, hub), _quality_bars(n, p, indep, hub, t),
                 readout=readout, verdict=judgement_verdict(p, q, n, follow, DECISIONS_PER_DAY, CAPACITY_PER_DAY),
                 summary=summary,
                 caption="Lines: computed exactly (Condorcet's jury theorem; with the hub, for each of its calls). The "
                         "network: one sampled vote. Days: each person is a queue, as in chapter 5's managerial tax; the "
                         "panel waits for the slowest vote, and the time shown is an upper bound.")


def crowd_or_decider(n: int = 9) -> Figure:
    """One decider against a majority of peers: how often each is right, and how long it takes.

    Controls: how often a peer is right, how many vote, how often a peer follows one hub, how
    often the one decider is right, and the seed of the sampled vote drawn.
    """
    return Figure(
        "One decider or a majority of peers: how often right, and how fast", crowd_scene,
        [slider("q", "Each peer is right", (0.45, 0.6, 0.7), 0.6, fmt=".0%", live=(0.0, 1.0, 0.01),
                help="How often one peer, judging alone, gets a yes-or-no decision right."),
         slider("n", "Peers voting", (3, 9, 25), n, fmt="d", live=(1, 1001, 1)),
         slider("follow", "Peers follow one hub", (0.0, 0.3), 0.3, fmt=".0%", live=(0.0, 1.0, 0.01),
                help="How often a peer takes their cue from one hub (a shared briefing, an opinion leader) instead of "
                     "judging alone."),
         slider("p", "The one decider is right", (0.7, 0.8), 0.7, fmt=".0%", live=(0.0, 1.0, 0.01)),
         seed((0,), help="The seed of the sampled vote drawn.")],
        description="A ring of peers around a hub showing one sampled vote, a line chart of how often the majority is "
                    "right against the number of peers, and bars comparing one decider with the crowd.")


FIGURES = [crowd_or_decider]
