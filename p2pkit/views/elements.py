"""The three elements together: one network read through all three lenses at once.

Scenes from :mod:`p2pkit.elements` (which reads each snapshot with :mod:`p2pkit.communities`,
:mod:`p2pkit.equipotency` and :mod:`p2pkit.dynamics`): Krackhardt's (1987) 21 managers, their
ties forming and fading step by step (:func:`p2pkit.dynamics.evolve`), coloured by the
communities found at each step, each person drawn by their share of influence (counted by
contacts), with a readout
of the three lenses and the model's verdict on what they show together. This module only
names, numbers, places and arranges what the models return.
"""

from __future__ import annotations

from functools import lru_cache

import networkx as nx

from ..communities import detect
from ..dynamics import evolve
from ..elements import pair_changes, read_three, together_verdict
from .communities import numbered
from .component import Figure, choice, play, seed
from .dynamics import krackhardt_network as _data, manager_names, manager_positions as _krack_positions
from .scene import chart, network, roles_by_rule, scene, series

__all__ = ["NETWORKS", "REGIMES", "STEPS", "lenses_scene", "three_lenses"]

#: the starting networks: key (a Krackhardt network of :mod:`p2pkit.views.dynamics`) -> label
NETWORKS = {"friends": "Krackhardt's managers: friendship", "advice": "Krackhardt's managers: advice"}
#: how the ties evolve: key -> (label, rates for :func:`p2pkit.dynamics.evolve`). The first are
#: chapter 4's default rates; the other two are chapter 4's "friends of friends meet" and
#: "strangers meet".
REGIMES = {
    "fade": ("ties fade faster than they form", {"reciprocate": 0.2, "closure": 0.2, "decay": 0.25}),
    "friends": ("friends of friends meet", {"reciprocate": 0.5, "closure": 0.5, "decay": 0.1}),
    "strangers": ("strangers meet", {"reciprocate": 0.5, "meet": 0.5, "decay": 0.1}),
}
#: steps on the site (Play); Jupyter takes up to LIVE_STEPS
STEPS = 10
LIVE_STEPS = 30
#: a marker is full size at this many times an equal share of influence
FULL_SIZE = 3.0
#: the lines of the chart: (attribute of Lenses, label, role, dashed)
_LINES = (("modularity", "modularity", "peer", False),
          ("gini", "Gini", "centre", True),
          ("reciprocity", "ties returned", "reached", False),
          ("in_touch", "pairs in touch", "bridge", True))


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _undirected(G: nx.DiGraph) -> nx.Graph:
    U = nx.Graph()
    U.add_nodes_from(G)
    U.add_edges_from(G.edges())
    return U


@lru_cache(maxsize=32)
def _run(start: str, regime: str, seed: int, steps: int):
    """The evolution, and each snapshot's communities (numbered to follow the previous step's
    colours), colour slots and three-lens reading."""
    ev = evolve(_data(start), steps, seed=seed, **REGIMES[regime][1])
    reference: list = []
    out = []
    for t in range(steps + 1):
        G = ev.network(t)
        comms, slots = numbered(detect(_undirected(G), seed=0), reference or None)
        reference = list(reference) + [set() for _ in range(max(slots, default=-1) + 1 - len(reference))]
        for c, s in zip(comms, slots, strict=True):
            reference[s] = set(c)
        out.append((comms, slots, read_three(G, comms)))
    return ev, tuple(out)


def _roles(lens) -> dict:
    return roles_by_rule(lens.shares, [("holds_together", lens.holds_together), ("centre", [lens.top]),
                                       ("cut_off", lens.cut_off)])


def _holds_text(lens, names) -> str:
    if not lens.holds_together:
        return "nobody"
    return ", ".join(names[v] for v in lens.holds_together)


def _title(start: str, regime: str, step: int, horizon: int, lens) -> str:
    return (f"{NETWORKS[start].split(': ')[1].capitalize()}, {REGIMES[regime][0]}: step {step} of {horizon}, "
            f"{_plural(lens.ties, 'tie')}")


def _people_panel(ev, step: int, comms, slots, lens, names: dict, title: str) -> dict:
    """The managers after ``step`` steps: coloured by community, sized by their share of influence, with the
    pairs tied and untied in this step."""
    new_pairs, lost_pairs = pair_changes(ev, step)
    D = _undirected(ev.network(step))
    D.add_edges_from(lost_pairs)
    kinds = {e: "t" for e in D.edges()}
    kinds.update({e: "f" for e in new_pairs})
    kinds.update({e: "x" for e in lost_pairs})
    group_names = [""] * (max(slots, default=-1) + 1)
    groups = {}
    for k, (c, s) in enumerate(zip(comms, slots, strict=True)):
        group_names[s] = str(k + 1)
        groups.update({v: s for v in c})
    return network(
        D, _krack_positions(), title=title, names=names, roles=_roles(lens),
        role_labels={"centre": "biggest share of influence", "holds_together": "alone keeps communities in touch",
                     "cut_off": "cut off from the largest group"},
        groups=groups, group_names=group_names, colour_by="group",
        sizes={v: min(1.0, s * lens.people / FULL_SIZE) for v, s in lens.shares.items()},
        figures=[("Share of influence (by contacts)", lens.shares, ".1%"),
                 ("Community", {v: k + 1 for k, c in enumerate(comms) for v in c}, "d")],
        tie_kinds=kinds, kind_names={"t": "tie (either way)", "f": "pair tied in this step",
                                     "x": "pair that lost its last tie in this step"},
        kind_roles={"f": "new", "x": "centre"}, directed=False, nodes=list(ev.nodes), labels=False)


def _trends(reading: tuple, horizon: int, step: int) -> dict:
    """Modularity, the Gini of the shares, reciprocity and the pairs in touch, step by step."""
    steps = list(range(horizon + 1))
    lines = [series(label, steps, [getattr(r[2], attr) for r in reading], role=role, dash=dash)
             for attr, label, role, dash in _LINES]
    return chart("The three lenses, step by step", lines, x_label="step", y_label="0 to 1",
                 x_format="d", y_format=".1f", x_domain=[0, horizon], y_domain=[0, 1], marker_x=step,
                 marker_label=f"step {step}")


def _readout(lens, names: dict, formed_now: int, faded_now: int) -> list:
    big = sum(len(c) >= 3 for c in lens.communities)
    return [
        ("Node communities (modularity: how clearly the ties fall into groups)",
         f"{len(lens.communities)} ({big} of 3 or more people), modularity {lens.modularity:.2f}"),
        ("People with ties into another community", f"{len(lens.brokers)}"),
        ("Alone keeps communities in touch", _holds_text(lens, names)),
        ("Equipotency: biggest share of influence (counted by contacts)",
         f"{names[lens.top]}: {lens.top_share:.1%} ({lens.top_ratio:.1f} times an equal share)"),
        ("Unevenness of the shares of influence (Gini: 0 even, near 1 one person)", f"{lens.gini:.2f}"),
        ("How much one person dominates the routes between others (0 to 1)", f"{lens.route_centralization:.2f}"),
        ("Relational dynamics: ties formed / faded in this step", f"{formed_now}\u00a0/\u00a0{faded_now}"),
        ("Ties returned (reciprocity)", f"{lens.reciprocity:.0%}"),
        ("Pairs who can still reach each other", f"{lens.in_touch:.0%}"),
    ]


def lenses_scene(start: str, regime: str, step: int, seed: int) -> dict:
    """One state of :func:`three_lenses`: the managers after ``step`` steps, read three ways."""
    horizon = max(STEPS, step)
    ev, reading = _run(start, regime, seed, horizon)
    comms, slots, lens = reading[step]
    names = manager_names(_data("friends"))
    net = _people_panel(ev, step, comms, slots, lens, names, _title(start, regime, step, horizon, lens))
    formed_now, faded_now = (ev.formed[step - 1], ev.faded[step - 1]) if step else (0, 0)
    verdict = together_verdict(reading[0][2], lens, sum(ev.formed[:step]), sum(ev.faded[:step]), step, names)
    summary = (f"Krackhardt's 21 managers ({NETWORKS[start].split(': ')[1]} ties), step {step} of {horizon}, when "
               f"{REGIMES[regime][0]}: {lens.ties} ties, {len(lens.communities)} communities (modularity "
               f"{lens.modularity:.2f}), {names[lens.top]} has the biggest share of influence "
               f"({lens.top_share:.0%}), Gini {lens.gini:.2f}, {lens.reciprocity:.0%} of ties returned, "
               f"{lens.in_touch:.0%} of pairs in touch. A chart traces modularity, the Gini, reciprocity and the "
               "pairs in touch over the steps.")
    return scene(net, _trends(reading, horizon, step), readout=_readout(lens, names, formed_now, faded_now),
                 verdict=verdict, summary=summary,
                 caption="Colour: the community found at this step. Size: the person's share of influence, "
                         f"counted by contacts (full size at {FULL_SIZE:g} times an equal share). Shape: square, "
                         "the biggest share of influence; "
                         "cross, alone keeps communities in touch. Chart: modularity reads the communities, the "
                         "Gini the spread of influence, ties returned and pairs in touch the dynamics.")


def three_lenses(start: str = "friends", regime: str = "fade", step: int = 0, seed_value: int = 0) -> Figure:
    """One network through node communities, equipotency and relational dynamics at once (press Play).

    Controls: the starting network (Krackhardt's friendship or advice ties), how the ties
    evolve (chapter 4's rates), the step (Play) and the seed of the random changes. In
    Jupyter the step goes up to 30 and the seed takes any whole number.
    """
    return Figure(
        "Three lenses on one network", lenses_scene,
        [choice("start", "Network", NETWORKS, start,
                help="Krackhardt's 21 managers: whom they call friends, or whom they go to for advice."),
         choice("regime", "How ties evolve", {k: v[0] for k, v in REGIMES.items()}, regime,
                help="The rates of chapter 4's model: ties returned, introductions, strangers met, unused ties "
                     "fading."),
         play("step", "Step", range(STEPS + 1), step, fmt="d", interval_ms=900, live=(0, LIVE_STEPS, 1),
              help="Each step, ties are returned, introduced, met and fade. Play starts again from step 0."),
         seed((0, 1), seed_value, help="The random choices of which ties form and fade.")],
        description="Krackhardt's 21 managers coloured by community and sized by their share of influence, with a "
                    "chart of modularity, the Gini of the shares, reciprocity and the pairs in touch over the steps.")


FIGURES = [three_lenses]
