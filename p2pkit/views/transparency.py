"""Chapter 9 figures: who sees the whole picture, and when (scenes from :mod:`p2pkit.transparency`).

Gossip on a network against reporting up and broadcasting down an org chart. The models
run the rounds; these functions only arrange their results: who knows how much after a
round (marker size), who knows everything (green), the curves of the share known, and the
model's sentences for that round.
"""

from __future__ import annotations

from functools import lru_cache

import networkx as nx

from .. import orgs
from ..errors import P2PKitError
from ..seeding import python_random
from ..transparency import (
    at_round,
    gossip_everything,
    org_chart,
    report_up_broadcast_down,
    rounds_by_size,
    size_verdict,
    verdict,
)
from .component import Figure, choice, person, play, seed, slider
from .layouts import ring_layout, tree_layout
from .scene import chart, network, node_of, scene, series

__all__ = ["rounds_against_size", "gossip_against_chart", "transparency_sandbox", "END"]

#: The last position of a round control: the end of both runs, however long they take.
END = -1
#: Managers' conversations per round offered by the figures (0: with all reports at once).
CAPACITIES = {1: "1 report a round", 2: "2 reports a round", 0: "all reports at once"}
#: Who can call whom when gossiping (the sandbox).
NETWORKS = {"mesh": "a peer mesh (4 ties each)", "anyone": "anyone (anyone can call anyone)",
            "chart": "only along the org chart"}
#: Largest organisation in :func:`rounds_against_size` (keeps the build quick).
SWEEP_MAX = 400


def _cap(capacity: int):
    return None if capacity == 0 else int(capacity)


def _cap_words(capacity: int) -> str:
    return "all at once" if capacity == 0 else f"{capacity} a round"


# ------------------------------------------------------------------ rounds against size


@lru_cache(maxsize=64)
def _sweep(span: int, capacity: int, mesh_ties: int):
    levels = tuple(L for L in range(3, 12) if sum(span ** k for k in range(L)) <= SWEEP_MAX)
    return rounds_by_size(span, levels, capacity=capacity, mesh_ties=mesh_ties, seeds=4)


#: series of :func:`rounds_against_size`: model key -> (role, dashed); gossip solid, charts dashed
SWEEP_STYLE = {"push, anyone": ("manager", False), "push-pull, anyone": ("peer", False),
               "push-pull, mesh": ("reached", False), "chart, limited": ("centre", True),
               "chart, all at once": ("rumour", True)}


def sweep_scene(span: int, capacity: int, mesh_ties: int) -> dict:
    """One state of :func:`rounds_against_size`."""
    s = _sweep(span, capacity, mesh_ties)
    names = {"push, anyone": "push, anyone", "push-pull, anyone": "push-pull, anyone",
             "push-pull, mesh": f"push-pull, mesh {mesh_ties}", "chart, limited": f"chart, {capacity} a round",
             "chart, all at once": "chart, all at once"}
    lines = [series(names[k], s.sizes, s.rounds[k], role=SWEEP_STYLE[k][0], dash=SWEEP_STYLE[k][1], points=True)
             for k in SWEEP_STYLE]
    top = max(max(v) for v in s.rounds.values())
    panel = chart(f"Org charts of span {span}, {s.levels[0]} to {s.levels[-1]} levels deep", lines,
                  x_label="people (log scale)", y_label="rounds until everyone knows all",
                  x_log=True, y_domain=(0, max(10, top + 2)))
    n = s.sizes[-1]
    readout = [("People", f"{s.sizes[0]:,} to {n:,}")] + [
        (f"Rounds at {n:,}: {names[k]}", f"{s.rounds[k][-1]:.3g}") for k in SWEEP_STYLE]
    said = "; ".join(f"{names[k]} {s.rounds[k][0]:.3g} to {s.rounds[k][-1]:.3g}" for k in SWEEP_STYLE)
    summary = (f"Rounds until everyone knows everything, for organisations of {s.sizes[0]:,} to {n:,} people "
               f"(org charts of span {span}): {said}. Gossip lines are means over {s.seeds} runs; chart lines "
               "are exact.")
    return scene(panel, readout=readout, verdict=size_verdict(s), summary=summary,
                 caption="Solid lines: gossip (means over four runs). Dashed lines: the org chart (exact).")


def rounds_against_size(span: int = 3) -> Figure:
    """Rounds until everyone knows everything against the number of people, five ways."""
    return Figure(
        "How the rounds grow with the size of the organisation", sweep_scene,
        [slider("span", "Span of control", (2, 3, 4), span, fmt="d",
                help="Reports per manager; the sizes are full org charts of 3 or more levels."),
         slider("capacity", "Manager talks per round (dashed red line)", (1, 2, 3), 1, fmt="d"),
         slider("mesh_ties", "Ties each in the peer mesh (green line)", (4, 8), 4, fmt="d")],
        description="A line chart of rounds against the number of people, for gossip and for an org chart.")


# ------------------------------------------------------------------ one run, round by round


def _mesh(n: int, seed: int):
    k = 4 if n > 5 else 2
    return orgs.peer_mesh(n, k=k, rewire=0.1, seed=seed)


@lru_cache(maxsize=256)
def _runs(people: int, span: int, capacity: int, network_kind: str, seed: int, away: tuple):
    chart_g = org_chart(people, span)
    if network_kind == "anyone":
        G, drawn = people, nx.empty_graph(people)
    elif network_kind == "chart":
        G = drawn = chart_g
    else:
        G = drawn = _mesh(people, seed)
    g = gossip_everything(G, mode="push-pull", seed=seed, absent=away)
    c = report_up_broadcast_down(chart_g, capacity=_cap(capacity), absent=away)
    return drawn, chart_g, g, c


@lru_cache(maxsize=64)
def _positions(people: int, span: int):
    chart_g = org_chart(people, span)
    return ring_layout(nx.empty_graph(people), centre=None), tree_layout(chart_g)


def _knowledge_panel(G, pos, s, i: int, title: str, names: dict, top=None, away=(), removable=False):
    share = s.shares[i]
    done = {v for v in G if share[v] >= 1 - 1e-12 and v not in away}
    roles = {v: ("reached" if v in done else "peer") for v in G}
    if top is not None and top not in done:
        roles[top] = "centre"
    return network(G, pos, title=title, names=names, roles=roles, removed=away, removable=removable,
                   sizes={v: 0.4 * float(share[v]) for v in G}, nodes=range(len(share)),
                   figures=[("Share of the picture known", {v: float(share[v]) for v in G}, ".0%")],
                   labels=False)


def _chart_names(chart_g) -> dict:
    return {v: ("Top of the chart" if v == 0 else (f"Manager {v}" if chart_g.degree(v) > 1 else f"Person {v}"))
            for v in chart_g}


def _coverage_chart(g, c, r: int, last: int, progressive: bool = True) -> dict:
    def upto(s):
        j = min(r, s.last) if progressive else s.last
        return list(range(j + 1)), list(s.coverage[: j + 1])

    return chart("Share of the picture known, on average",
                 [series("gossip", *upto(g), role="peer"), series("org chart", *upto(c), role="centre", dash=True)],
                 x_label="round", y_label="share known, on average", y_format=".0%", x_format="d",
                 x_domain=(0, max(1, last)), y_domain=(0, 1), marker_x=r if progressive else None)


def _standing(s, i: int) -> str:
    k = round(s.complete_share[i] * s.present)
    return f"{s.coverage[i]:.0%} known on average; {k} of {s.present} know everything"


def round_scene(round: int, capacity: int, people: int, seed: int, span: int = 3) -> dict:
    """One state of :func:`gossip_against_chart`."""
    mesh, chart_g, g, c = _runs(people, span, capacity, "mesh", seed, ())
    pos_ring, pos_tree = _positions(people, span)
    last = max(g.last, c.last)
    r = last if round == END else min(int(round), last)
    gi, ci = min(r, g.last), min(r, c.last)
    names = _chart_names(chart_g)  # the same people in both networks, named by their place in the chart
    panels = [
        _knowledge_panel(mesh, pos_ring, g, gi, f"Gossip on a peer mesh · round {r}", names),
        _knowledge_panel(chart_g, pos_tree, c, ci, f"Org chart, {_cap_words(capacity)} · round {r}", names, top=0),
        _coverage_chart(g, c, r, last),
    ]
    text = verdict(g, c) if r >= last else at_round(g, c, r)
    readout = [("Round", f"{r} of {last}"),
               ("Gossip", _standing(g, gi)),
               ("Org chart", _standing(c, ci)),
               ("Conversations so far (gossip / chart)", f"{g.conversations_by(r):,} / {c.conversations_by(r):,}")]
    summary = (f"Round {r} of {last}, {people} people. Gossip on a peer mesh: {_standing(g, gi)}. Org chart "
               f"(span {span}, managers talk to {_cap_words(capacity)}): {_standing(c, ci)}. Marker size grows with "
               "the share of the picture a person knows; green marks those who know all of it.")
    return scene(*panels, readout=readout, verdict=text, summary=summary)


def _round_label(r) -> str:
    return "end" if r == END else str(r)


def gossip_against_chart(people: int = 40, span: int = 3) -> Figure:
    """Round by round: push-pull gossip on a peer mesh against an org chart.

    Controls: the round (with Play; the last position is the end of both runs), how many
    reports a manager talks to per round, the number of people and the seed of the gossip.
    """
    grid_people = (20, people) if people != 20 else (20, 40)
    grid_caps = tuple(CAPACITIES)
    last = max(max(_runs(n, span, k, "mesh", s, ())[2].last, _runs(n, span, k, "mesh", s, ())[3].last)
               for n in grid_people for k in grid_caps for s in (0, 1, 2))
    rounds = tuple(range(last)) + (END,)

    def build(round, capacity, people, seed):
        return round_scene(round, capacity, people, seed, span)

    return Figure(
        "Who sees the whole picture first?", build,
        [play("round", "Round", rounds, min(6, last - 1), fmt=_round_label, interval_ms=700,
              help="Each round everybody may hold one more conversation; the last position is the end of both runs."),
         choice("capacity", "Managers talk to", CAPACITIES, 1),
         slider("people", "People", grid_people, people, fmt="d", live=(5, 1000, 1)),
         seed()],
        description="Two networks of the same number of people, a peer mesh and an org chart, and a chart of "
                    "the share of the picture known, round by round.")


# ------------------------------------------------------------------ the sandbox


def sandbox_scene(network_kind: str, capacity: int, removed: str, people: int = 30, span: int = 3,
                  seed: int = 0, also_away: int = 0) -> dict:
    """One state of :func:`transparency_sandbox`."""
    chart_g = org_chart(people, span)
    try:
        who = node_of(chart_g, removed)
    except P2PKitError:  # chosen in a larger organisation (Jupyter): nobody here
        who = None
    extra = python_random(seed).sample([v for v in range(1, people) if v != who], min(also_away, people - 2))
    away = tuple(sorted(set(extra) | ({who} if who is not None else set())))
    drawn, chart_g, g, c = _runs(people, span, capacity, network_kind, seed, away)
    pos_ring, pos_tree = _positions(people, span)
    pos_g = pos_tree if network_kind == "chart" else pos_ring
    last = max(g.last, c.last)
    chart_names = _chart_names(chart_g)  # the same people in both networks
    gname = {"mesh": "Gossip on a peer mesh", "anyone": "Gossip, anyone can call anyone (ties not drawn)",
             "chart": "Gossip along the chart's lines"}[network_kind]
    panels = [
        _knowledge_panel(drawn, pos_g, g, g.last, gname, chart_names, away=away, removable=True),
        _knowledge_panel(chart_g, pos_tree, c, c.last, f"Report up, broadcast down ({_cap_words(capacity)})",
                         chart_names, top=0, away=away, removable=True),
        _coverage_chart(g, c, last, last, progressive=False),
    ]

    def rounds(s):
        return "never" if s.rounds is None else str(s.rounds)

    gone = ", ".join(chart_names[v] for v in away) or "nobody"
    readout = [("Away", gone),
               ("Rounds until everyone knows everything (gossip / chart)", f"{rounds(g)} / {rounds(c)}"),
               ("Conversations (gossip / chart)", f"{g.conversations:,} / {c.conversations:,}"),
               ("Most conversations for one person in a round", f"{g.peak_load} / {c.peak_load}"),
               ("Share of the picture known at the end", f"{g.final_coverage:.0%} / {c.final_coverage:.0%}")]
    summary = (f"{people} people; away: {gone}. Gossip ({NETWORKS[network_kind]}): "
               f"{'never completes' if g.rounds is None else f'everyone knows everything after {g.rounds} rounds'}. "
               f"Org chart (span {span}, {_cap_words(capacity)}): "
               f"{'never completes' if c.rounds is None else f'everyone knows everything after {c.rounds} rounds'}.")
    return scene(*panels, readout=readout, verdict=verdict(g, c), summary=summary)


def transparency_sandbox(people: int = 30, span: int = 3) -> Figure:
    """The sandbox: send anyone away (click them) and see whether everyone still gets the picture.

    On the site: who gossips with whom, the managers' bandwidth and who is away. In Jupyter
    the size (up to 1,000 people), the span, the seed and more people away take any value.
    """

    def build(network, capacity, removed, people=people, span=span, seed=0, also_away=0):
        return sandbox_scene(network, capacity, removed, people, span, seed, also_away)

    return Figure(
        "Send anyone away", build,
        [choice("network", "Gossip with", NETWORKS, "mesh"),
         choice("capacity", "Managers talk to", {1: "1 report a round", 0: "all reports at once"}, 1),
         slider("people", "People", (people,), people, fmt="d", live=(5, 1000, 1)),
         slider("span", "Span of control", (span,), span, fmt="d", live=(2, 12, 1)),
         slider("also_away", "More people away at random", (0,), 0, fmt="d", live=(0, 50, 1)),
         seed(values=(0,)),
         person("removed", "Send away", help="Click a person in either network, or choose them here; "
                "they neither call nor answer, and their piece of the picture is not part of it.")],
        description=f"{people} people as a gossip network and as an org chart; click a person to send them away.")


FIGURES = [rounds_against_size, gossip_against_chart, transparency_sandbox]
