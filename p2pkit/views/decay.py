"""Chapter 5 figures: information decay on the way to a decision (scenes from :mod:`p2pkit.decay`).

- :func:`relay_curves` -- detail kept against hand-offs in the two relay models, with
  simulated relays, and where each organisation's decider sits;
- :func:`sources_to_decider` -- the Explore figure: a decision needs what 1 to 16 people know
  (a Play control); the three organisations drawn with the route of one sampled decision;
- :func:`decay_sandbox` -- the Live figure: every setting of :func:`p2pkit.decay.compare` free.

Everything shown comes from :func:`p2pkit.decay.compare` (its journeys, their per-person loads
and :func:`p2pkit.decay.decay_verdict`) and the relay formulas; the figures only arrange it.
"""

from __future__ import annotations

import math
from functools import lru_cache
from itertools import pairwise

import networkx as nx

from ..decay import SHAPES, Flow, compare, decay_verdict, fidelity, noisy_fidelity, simulate_relay, three_orgs
from .component import Figure, choice, play, seed, slider
from .layouts import ring_layout, tree_layout
from .scene import bars, chart, network, scene, series

__all__ = ["relay_curves", "sources_to_decider", "decay_sandbox", "relay_scene", "route_scene", "sandbox_scene"]

#: Bars and points: the hierarchies in the centre's colour (the top decides), the mesh in the peers'.
ORG_ROLE = {"tall hierarchy": "centre", "flat hierarchy": "centre", "peer mesh": "peer"}
SIM_HOPS = (1, 3, 5, 7, 9)
SIM_MESSAGES = 4000
HOURS_FULL = 16.0


def _cap(name: str) -> str:
    return name[0].upper() + name[1:]


def _hours(j) -> str:
    return f"{j.hours:.1f} h" if j.stable else "no limit"


def _hops(h: float) -> str:
    return f"{h:.0f}" if abs(h - round(h)) < 1e-9 else f"{h:.1f}"


@lru_cache(maxsize=256)
def _compare(people: int, seed: int, keep: float = 0.9, sources: int = 1, relay: str = "keep",
             noise_sd: float = 0.5, hop_hours: float = 1.0, decisions: float = 8.0, decide: float = 10.0,
             relay_capacity: float = 40.0) -> dict:
    flow = Flow(keep=keep, sources_per_decision=sources, relay=relay, noise_sd=noise_sd, hop_hours=hop_hours,
                decisions_per_day=decisions, decide_per_day=decide, relay_per_day=relay_capacity)
    return compare(people, seed=seed, flow=flow)


# ------------------------------------------------------------------ relay curves


@lru_cache(maxsize=64)
def _relay_sims(model: str, value: float, seed: int) -> tuple:
    xs, ys = [], []
    for h in SIM_HOPS:
        if model == "keep":
            r = simulate_relay(h, "keep", keep=value, messages=SIM_MESSAGES, seed=seed * 100 + h)
        else:
            r = simulate_relay(h, "noise", noise_sd=value, messages=SIM_MESSAGES, seed=seed * 100 + 50 + h)
        xs.append(h)
        ys.append(r.fidelity)
    return xs, ys


def relay_scene(keep: float, noise_sd: float, people: int, seed: int) -> dict:
    """One state of :func:`relay_curves`."""
    res = _compare(people, seed, keep)
    hmax = max(10, int(math.ceil(max(j.mean_hops for j in res.values()))) + 1)
    hops = list(range(hmax + 1))
    kx, ky = _relay_sims("keep", keep, seed)
    nx_, ny = _relay_sims("noise", noise_sd, seed)
    lines = [series(f"keep or lose ({keep:.0%})", hops, [fidelity(h, keep) for h in hops], role="peer"),
             series(f"noise (sd {noise_sd:g})", hops, [noisy_fidelity(h, noise_sd) for h in hops],
                    role="rumour", dash=True),
             series("simulated relays", kx + nx_, ky + ny, role="simulated", line=False)]
    points = [{"x": j.mean_hops, "y": j.fidelity, "label": name, "role": "decider"} for name, j in res.items()]
    panel = chart(f"Detail lost on the way ({people} people)", lines,
                  x_label="hand-offs between the data and the decider", y_label="share of the detail that arrives",
                  y_format=".0%", x_domain=(0, hmax), y_domain=(0, 1), points=points)
    readout = [(f"{_cap(name)} ({j.people} people)",
                f"{_hops(j.mean_hops)} hand-offs · {j.fidelity:.0%} kept · {noisy_fidelity(j.mean_hops, noise_sd):.0%} "
                "with noise") for name, j in res.items()]
    t, f_, m = (res[s] for s in SHAPES)
    summary = (f"Line chart of the share of detail that arrives against the number of hand-offs. Keeping "
               f"{keep:.0%} per hand-off leaves {fidelity(10, keep):.0%} after 10; adding noise of sd {noise_sd:g} "
               f"leaves {noisy_fidelity(10, noise_sd):.0%}. Crosses from simulated relays sit on the lines. Squares "
               f"mark the deciders for about {people} people: the tall hierarchy's {_hops(t.mean_hops)} hand-offs "
               f"from the data ({t.fidelity:.0%}), the flat one's {_hops(f_.mean_hops)} ({f_.fidelity:.0%}) and the "
               f"peer mesh's {_hops(m.mean_hops)} ({m.fidelity:.0%}).")
    return scene(panel, readout=readout, verdict=decay_verdict(res), summary=summary,
                 caption=f"Lines: the formulas. Crosses: {SIM_MESSAGES:,} simulated messages each. Squares: where "
                         "each organisation's decider sits when one person holds what a decision needs "
                         "(the top decides in the hierarchies).")


def relay_curves(people: int = 31) -> Figure:
    """Detail kept against hand-offs in the two relay models; where each organisation decides."""
    return Figure(
        "Detail lost on the way: formulas, simulated relays and three organisations", relay_scene,
        [slider("keep", "Each hand-off keeps", (0.7, 0.8, 0.9, 0.95), 0.9, fmt=".0%", live=(0.5, 1.0, 0.01)),
         slider("noise_sd", "Noise added per hand-off (sd)", (0.25, 0.5, 1.0), 0.5, fmt=".2f",
                live=(0.0, 2.0, 0.05)),
         slider("people", "People", (15, 31, 63, 127, 255), people, live=(7, 1000, 1),
                help="The size of the three organisations whose deciders are marked."),
         seed(help="The seed of the simulated relays and of the peer mesh.")],
        description="A line chart: the share of detail that arrives falls with every hand-off.")


# ------------------------------------------------------------------ routes in three organisations


@lru_cache(maxsize=16)
def _orgs(people: int, seed: int) -> dict:
    return three_orgs(people, seed=seed)


@lru_cache(maxsize=16)
def _positions(people: int, seed: int) -> dict:
    nets = _orgs(people, seed)
    return {name: (ring_layout(G, centre=None) if name == "peer mesh" else tree_layout(G))
            for name, G in nets.items()}


def _names(G, name: str) -> dict:
    if name == "peer mesh":
        return {v: f"Person {v}" for v in G}
    role = nx.get_node_attributes(G, "role")
    return {v: ("Top" if role.get(v) == "top" else f"{'Manager' if role.get(v) == 'manager' else 'Staff'} {v}")
            for v in G}


def _route_panel(name: str, G, j, pos: dict) -> dict:
    """A network panel: who holds the pieces of one sampled decision, who passes them on, who decides."""
    holders = set(j.example_sources)
    route = {v for path in j.example_paths for v in path}
    roles = {v: "other" for v in G}
    for v in route:
        roles[v] = "relay"
    for v in holders:
        roles[v] = "holder"
    roles[j.example_decider] = "decider"
    on_route = {frozenset(e) for path in j.example_paths for e in pairwise(path)}
    kinds = {e: ("route" if frozenset(e) in on_route else "tie") for e in G.edges()}
    busy = {v: max(j.decide_utilisation.get(v, 0.0), j.relay_utilisation.get(v, 0.0)) for v in G}
    return network(
        G, pos, title=f"{_cap(name)}: {j.fidelity:.0%} kept, {_hours(j)}", names=_names(G, name),
        roles=roles, sizes={v: 0.15 + 0.85 * min(1.0, b) for v, b in busy.items()},
        figures=[("Share of all decisions taken", {v: j.decide_share.get(v, 0.0) for v in G}, ".0%"),
                 ("Pieces passed on a day", {v: j.relayed_per_day.get(v, 0.0) for v in G}, ".1f"),
                 ("Busy (deciding or passing on)", busy, ".0%")],
        tie_kinds=kinds, kind_names={"route": "route of the pieces", "tie": "other tie"},
        highlight=sorted(route, key=list(G).index), labels=False)


def _detail_bars(res: dict) -> dict:
    return bars("Detail that reaches the decider", [
        (_cap(name), j.fidelity, f"{j.fidelity:.0%}", ORG_ROLE[name])
        for name, j in res.items()])


def _hours_bars(res: dict, split: bool = False) -> dict:
    """Bars of the hours to decision; with ``split``, each split into hand-offs + relay queues + the decider."""
    def text(j):
        if not j.stable:
            return "no limit (overloaded)"
        if split:
            return f"{j.hours:.1f} h ({j.transit_hours:.1f}+{j.relay_wait_hours:.1f}+{j.decide_hours:.1f})"
        return _hours(j)

    note = f"A full bar: {HOURS_FULL:g} hours (two working days) or more."
    if not all(j.stable for j in res.values()):
        note += " Overloaded: someone on the way receives more than they can handle."
    if split:
        note = "In brackets: hours in hand-offs + waiting at relays + at the decider. " + note
    return bars("Working hours to decision", [
        (_cap(name), min(1.0, j.hours / HOURS_FULL) if j.stable else 1.0, text(j), ORG_ROLE[name])
        for name, j in res.items()], note=note)


def _readout(res: dict) -> list:
    rows = [(f"{_cap(name)} ({j.people} people)",
             f"{j.fidelity:.0%} · {_hops(j.mean_hops)} hand-offs · {_hours(j)}") for name, j in res.items()]
    mesh = res["peer mesh"]
    rows.append(("Peer mesh: busiest decider", f"{mesh.busiest_decider_share:.0%} of decisions, busy "
                 f"{mesh.busiest_decider_utilisation:.0%}"))
    tall = res["tall hierarchy"]
    rows.append(("Tall hierarchy: busiest relay", f"busy {tall.busiest_relay_utilisation:.0%}"))
    return rows


def route_scene(sources: int, people: int, seed: int) -> dict:
    """One state of :func:`sources_to_decider`."""
    nets = _orgs(people, seed)
    pos = _positions(people, seed)
    res = _compare(people, seed, 0.9, sources)
    panels = [_route_panel(name, nets[name], res[name], pos[name]) for name in SHAPES]
    said = "; ".join(f"{name}: {j.fidelity:.0%} of the detail, {_hops(j.mean_hops)} hand-offs, "
                     f"{'decided in ' + format(j.hours, '.1f') + ' hours' if j.stable else 'no limit to the wait'}"
                     for name, j in res.items())
    who = "one person knows" if sources == 1 else f"{sources} people know"
    summary = (f"Three networks of about {people} people: a tall hierarchy, a flat one and a peer mesh on a circle. "
               f"A decision needs what {who} (triangles); the square decides, diamonds pass the pieces on. {said}.")
    return scene(*panels, _detail_bars(res), _hours_bars(res, split=True), readout=_readout(res), verdict=decay_verdict(res),
                 summary=summary,
                 caption="One sampled decision is drawn in each organisation; the bars and the verdict average "
                         "300. The bigger the mark, the busier the person, deciding or passing pieces on. Each "
                         "hand-off keeps 90% of the detail.")


def sources_to_decider(people: int = 31) -> Figure:
    """The Explore figure: from a decision one person can take to one that needs what 16 know."""
    return Figure(
        "From the data to the decider in three organisations", route_scene,
        [play("sources", "People who hold a piece", (1, 2, 3, 4, 6, 8, 10, 12, 16), 1, fmt="d",
              interval_ms=1300, help="How many people each hold a piece of what a decision needs."),
         slider("people", "People", (31, 63), people, live=(7, 1000, 1)),
         seed(help="The seed of the peer mesh and of the sampled decisions.")],
        description="Three networks (a tall hierarchy, a flat one, a peer mesh) with the route of one decision's "
                    "information, and bars of detail and hours.")


# ------------------------------------------------------------------ the sandbox


def sandbox_scene(people: int, sources: int, relay: str, hop_hours: float, keep: float = 0.9,
                  noise_sd: float = 0.5, decisions: float = 8.0, decide: float = 10.0,
                  relay_capacity: float = 40.0, seed: int = 0) -> dict:
    """One state of :func:`decay_sandbox`."""
    res = _compare(people, seed, keep, sources, relay, noise_sd, hop_hours, decisions, decide, relay_capacity)
    hmax = max(10, int(math.ceil(max(j.mean_farthest_hops for j in res.values()))))
    hops = [h / 4 for h in range(4 * hmax + 1)]
    curve = ([fidelity(h, keep) for h in hops] if relay == "keep" else [noisy_fidelity(h, noise_sd) for h in hops])
    name = f"keep or lose ({keep:.0%})" if relay == "keep" else f"noise (sd {noise_sd:g})"
    points = [{"x": j.mean_hops, "y": j.fidelity, "label": n, "role": "decider"} for n, j in res.items()]
    panel = chart("Detail that arrives", [series(name, hops, curve, role="peer" if relay == "keep" else "rumour",
                                                  dash=relay != "keep")],
                  x_label="hand-offs from the data to the decider", y_label="share of the detail that arrives",
                  y_format=".0%", x_domain=(0, hmax), y_domain=(0, 1), points=points)
    rows = _readout(res)
    said = "; ".join(f"{n}: {j.fidelity:.0%} of the detail, {_hops(j.mean_hops)} hand-offs per piece, "
                     f"{'decided in ' + format(j.hours, '.1f') + ' hours' if j.stable else 'no limit to the wait'}"
                     for n, j in res.items())
    summary = (f"About {people} people; a decision needs what {sources} {'person knows' if sources == 1 else 'people know'}; "
               f"each hand-off {'keeps ' + format(keep, '.0%') + ' of the detail' if relay == 'keep' else 'adds noise'} "
               f"and takes {hop_hours:g} hours. {said}.")
    return scene(panel, _hours_bars(res, split=True), readout=rows, verdict=decay_verdict(res), summary=summary)


def decay_sandbox(people: int = 31, sources: int = 1) -> Figure:
    """The Live figure: size, holders, relay model, hours per hand-off; in Jupyter every rate too."""
    return Figure(
        "Information decay: every setting", sandbox_scene,
        [slider("people", "People", (31, 150, 1000), people, live=(7, 1000, 1)),
         slider("sources", "People who hold a piece", (1, 4, 16), sources, fmt="d", live=(1, 16, 1)),
         choice("relay", "Each hand-off", {"keep": "keeps or loses details", "noise": "adds noise"}, "keep"),
         slider("hop_hours", "Hours per hand-off", (1.0, 8.0), 1.0, fmt="{:g} h".format, live=(0.0, 24.0, 0.5)),
         slider("keep", "Each hand-off keeps", (0.9,), 0.9, fmt=".0%", live=(0.5, 1.0, 0.01)),
         slider("noise_sd", "Noise per hand-off (sd)", (0.5,), 0.5, fmt=".2f", live=(0.0, 2.0, 0.05)),
         slider("decisions", "Decisions a day", (8.0,), 8.0, fmt="{:g}".format, live=(0.5, 40.0, 0.5)),
         slider("decide", "Decisions one person takes a day", (10.0,), 10.0, fmt="{:g}".format,
                live=(1.0, 40.0, 0.5)),
         slider("relay_capacity", "Pieces one person passes on a day", (40.0,), 40.0, fmt="{:g}".format,
                live=(5.0, 200.0, 5.0)),
         seed((0,), help="The seed of the peer mesh and of the sampled decisions.")],
        description="A curve of detail against hand-offs with the three organisations marked, and bars of hours "
                    "to decision.")


FIGURES = [relay_curves, sources_to_decider, decay_sandbox]
