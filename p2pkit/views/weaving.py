"""Chapter 8 figures: Krebs & Holley's network-weaving phases, step by step (scenes from :mod:`p2pkit.weaving`)."""

from __future__ import annotations

import math
from functools import lru_cache

import networkx as nx

from .. import weaving
from ..weaving import PHASES
from .component import Figure, choice, play, slider
from .component import seed as seed_control
from .practice import sunflower_layout
from .scene import bars, chart, network, scene, series

__all__ = ["weaving_layout", "four_phases", "weaving_phases", "weaving_sandbox"]

ROUTES = "Share of routes between others"
#: model role -> figure role
_ROLE = {"weaver": "weaver", "hub": "hub", "core": "core"}
ACTIONS = {"bridge": "Bridge clusters", "close": "Close triangles", "spoke": "Spokes from the weaver"}
ACTION_HELP = ("Bridge clusters: introduce two people from different groups. Close triangles: introduce two "
               "people who share a colleague. Spokes: the weaver meets someone she does not know yet.")
NOT_DATA = "A model of Krebs & Holley's phases, not data: every introduction becomes a working tie at once."


def weaving_layout(G: nx.Graph, weaver=0) -> dict:
    """Clusters (node attribute ``group``) round a ring, the weaver in the middle.

    Depends only on who is in which cluster, so every phase of one network (and every
    introduction made in it) keeps everyone in place.
    """
    groups: dict = {}
    for v, g in G.nodes(data="group", default=0):
        if v != weaver:
            groups.setdefault(g, []).append(v)
    keys = sorted(groups)
    k = max(1, len(keys))
    pos = {}
    for j, g in enumerate(keys):
        a = math.pi / 2 - 2 * math.pi * j / k
        centre = (math.cos(a), math.sin(a)) if k > 1 else (0.0, 0.0)
        members = groups[g]
        r = min(0.48, 1.5 * math.sin(math.pi / k)) if k > 1 else 0.9
        if len(members) <= 16:
            for i, v in enumerate(members):
                b = 2 * math.pi * i / len(members)
                pos[v] = (centre[0] + r * 0.7 * math.cos(b), centre[1] + r * 0.7 * math.sin(b))
        else:
            pos.update(sunflower_layout(members, centre, r * 0.75))
    if weaver in G:
        pos[weaver] = (0.0, 0.0)
    return pos


def _net(G: nx.Graph, loads: dict, pos: dict, title: str, new=()) -> dict:
    """A weaving network: roles from the model, clusters as groups, this step's introductions dashed."""
    fresh = {frozenset(e) for e in new}
    clusters = 1 + max(g for _, g in G.nodes(data="group"))
    return network(
        G, pos, title=title,
        names={v: "Weaver" if v == 0 else f"Person {v}" for v in G},
        roles={v: _ROLE.get(r, "peer") for v, r in G.nodes(data="role")},
        groups=dict(G.nodes(data="group")), group_names=[f"cluster {c + 1}" for c in range(clusters)],
        figures=[(ROUTES, loads, ".0%")], labels=False, nodes=sorted(G),
        tie_kinds={tuple(e): "new" for e in fresh},  # every other tie is of kind "" (earlier)
        kind_names={"": "earlier tie", "new": "introduced in this step"})


def _meters(p) -> dict:
    return bars("The measures of this step", [
        ("Pairs who can reach each other", p.pairs_in_touch, f"{p.pairs_in_touch:.0%}", "reached"),
        ("Weaver's share of routes", p.weaver_load, f"{p.weaver_load:.0%}", "weaver"),
        ("Pairs in touch without the weaver", p.survives_without_weaver, f"{p.survives_without_weaver:.0%}",
         "reached"),
        ("Two-step paths closed into triangles", p.clustering, f"{p.clustering:.0%}", "peer"),
        ("Others tied into the main core", p.core_reach, f"{p.core_reach:.0%}", "core"),
    ])


def _rows(p) -> list:
    return [("Measured shape", p.shape),
            ("Ties", f"{p.ties}"),
            ("Separate groups", f"{p.components}"),
            ("Weaver's share of routes", f"{p.weaver_load:.0%}"),
            ("Pairs in touch without the weaver", f"{p.survives_without_weaver:.0%}"),
            ("Two-step paths closed into triangles", f"{p.clustering:.0%}"),
            ("Single points of failure", f"{p.single_points}"),
            ("Main core (size; others tied into it)", f"{p.core_size}; {p.core_reach:.0%}")]


# ------------------------------------------------------------------ the four phases


@lru_cache(maxsize=32)
def _phases(people: int, clusters: int, seed: int):
    """The four phases, the three measures the chart follows through them, and one layout for all four."""
    ps = weaving.phases(people, clusters, seed=seed)
    return ps, [weaving.phase_track(G) for G in ps], weaving_layout(ps[-1])


@lru_cache(maxsize=64)
def _phase(people: int, clusters: int, seed: int, number: int):
    """The full measures of one phase (only the phase shown needs them)."""
    return weaving.phase_measures(_phases(people, clusters, seed)[0][number - 1], seed=seed)


def phases_scene(phase: int, people: int, clusters: int, seed: int) -> dict:
    """One state of :func:`four_phases`: one phase, and the path of its measures through all four."""
    ps, tracks, pos = _phases(people, clusters, seed)
    G = ps[phase - 1]
    p, loads = _phase(people, clusters, seed, phase)
    new = [e for e in G.edges() if phase > 1 and not ps[phase - 2].has_edge(*e)]
    net = _net(G, loads, pos, f"Phase {phase}: {PHASES[phase - 1]} · {p.ties} ties · weaver on "
               f"{p.weaver_load:.0%} of routes", new)
    xs = [1, 2, 3, 4]
    path = chart("The four phases", [
        series("weaver's share of routes", xs, [t.weaver_load for t in tracks], role="weaver", points=True),
        series("in touch without her", xs, [t.survives_without_weaver for t in tracks], role="reached",
               dash=True, points=True),
        series("triangles closed", xs, [t.clustering for t in tracks], role="peer", points=True),
    ], x_label="phase", y_label="share", x_format="d", y_format=".0%", x_domain=(1, 4), y_domain=(0, 1),
        marker_x=phase)
    added = len(new)
    summary = (f"Phase {phase} of 4, {PHASES[phase - 1]}, for {people} people in {clusters} clusters round a ring "
               f"with the weaver in the middle: {p.ties} ties"
               + (f", {added} of them introduced in this phase (dashed)" if added else "")
               + f". The weaver sits on {p.weaver_load:.0%} of the routes between others; without her "
               f"{p.survives_without_weaver:.0%} of pairs stay in touch. The model measures the shape as {p.shape}.")
    return scene(net, path, readout=_rows(p), verdict=weaving.phase_verdict(p), summary=summary, caption=NOT_DATA)


def four_phases(people: int = 48, clusters: int = 5, seed: int = 0) -> Figure:
    """The four weaving phases of one network, played in order, with their measures."""
    return Figure(
        "The four network-weaving phases", phases_scene,
        [play("phase", "Phase", (1, 2, 3, 4), 1, fmt=lambda k: f"{k}: {PHASES[k - 1]}", interval_ms=1500),
         slider("people", "People", tuple(sorted({24, 48, 96, people})), people, fmt="d", live=(12, 1000, 4)),
         slider("clusters", "Clusters", tuple(sorted({3, 5, 8, clusters})), clusters, fmt="d", live=(2, 12, 1)),
         seed_control((0, 1), seed)],
        description="A network of clusters round a ring with the weaver in the middle, and a line chart of "
                    "three measures through the four phases.")


# ------------------------------------------------------------------ the path, step by step


@lru_cache(maxsize=16)
def _path(people: int, clusters: int, steps: int, seed: int):
    path = weaving.weaving_path(people, clusters, steps, seed=seed)
    measured = [weaving.phase_measures(s.graph, seed=seed) for s in path]
    return path, measured, weaving_layout(path[-1].graph)


def _step_label(s) -> str:
    if s.at_phase:
        return f"Phase {s.phase} of 4: {PHASES[s.phase - 1]}"
    return f"Weaving towards phase {s.towards}: {s.made} of {s.needed} introductions"


def path_scene(step: int, clusters: int, seed: int, people: int = 48, steps: int = 3) -> dict:
    """One state of :func:`weaving_phases`: step ``step`` (from 0) of the weaving path."""
    path, measured, pos = _path(people, clusters, steps, seed)
    s = path[step]
    p, loads = measured[step]
    label = _step_label(s)
    net = _net(s.graph, loads, pos, f"{label} · {p.ties} ties", s.new)
    summary = (f"Step {step + 1} of {len(path)}. {label}. {people} people in {clusters} clusters round a ring, the "
               f"weaver in the middle; {p.ties} ties, {len(s.new)} of them new in this step (dashed). The model "
               f"measures the shape as {p.shape}: the weaver sits on {p.weaver_load:.0%} of the routes, and "
               f"without her {p.survives_without_weaver:.0%} of pairs stay in touch.")
    return scene(net, _meters(p), readout=_rows(p), verdict=weaving.phase_verdict(p), summary=summary,
                 caption=NOT_DATA)


def weaving_phases(people: int = 48, clusters: int = 5, steps: int = 3, seed: int = 0) -> Figure:
    """Play the path from scattered fragments to a core/periphery network, introduction by introduction."""
    path = weaving.weaving_path(people, clusters, steps, seed=seed)
    labels = {i: (f"phase {s.phase}" if s.at_phase else f"towards {s.towards}: {s.made}/{s.needed}")
              for i, s in enumerate(path)}

    def build(step, clusters, seed, people=people, steps=steps):
        return path_scene(step, clusters, seed, people, steps)

    return Figure(
        "Weaving a network, step by step", build,
        [play("step", "Step", tuple(range(len(path))), 0, fmt=lambda i: labels[i], interval_ms=1200),
         slider("clusters", "Clusters", tuple(sorted({3, 5, 8, clusters})), clusters, fmt="d"),
         seed_control((0, 1), seed)],
        description=f"A network of {people} people in clusters round a ring with the weaver in the middle, woven "
                    "from scattered fragments to a core/periphery network, and bars of five measures.")


# ------------------------------------------------------------------ the sandbox


@lru_cache(maxsize=32)
def _start(people: int, clusters: int, number: int, seed: int):
    """The starting phase, its measures and its layout (cached: the weaving controls move quickly)."""
    G = weaving.phases(people, clusters, seed=seed)[number - 1]
    return G, weaving.phase_measures(G, seed=seed)[0], weaving_layout(G)


def sandbox_scene(people: int, clusters: int, phase: int, action: str, k: int, seed: int) -> dict:
    """One state of :func:`weaving_sandbox`: a phase plus ``k`` introductions of one kind."""
    G, before, pos = _start(people, clusters, phase, seed)
    result = weaving.weave(G, action, k, seed=seed)
    after, loads = weaving.phase_measures(result.graph, seed=seed)
    made = f"{result.done} introduction{'s' if result.done != 1 else ''}"
    net = _net(result.graph, loads, pos, f"Phase {phase} + {made} ({action})", result.added)

    def arrow(a, b):
        return f"{a} → {b}" if a != b else f"{b}"

    rows = [("Shape", arrow(before.shape, after.shape)),
            ("Ties", arrow(before.ties, after.ties)),
            ("Separate groups", arrow(before.components, after.components)),
            ("Triangles", arrow(before.triangles, after.triangles)),
            ("Two-step paths closed", arrow(f"{before.clustering:.0%}", f"{after.clustering:.0%}")),
            ("Average hops (reachable pairs)", arrow(f"{before.mean_hops:.2f}", f"{after.mean_hops:.2f}")),
            ("Weaver's share of routes", arrow(f"{before.weaver_load:.0%}", f"{after.weaver_load:.0%}")),
            ("Pairs in touch without the weaver",
             arrow(f"{before.survives_without_weaver:.0%}", f"{after.survives_without_weaver:.0%}")),
            ("Single points of failure", arrow(before.single_points, after.single_points)),
            ("Main core (size; others tied into it)",
             arrow(f"{before.core_size}; {before.core_reach:.0%}", f"{after.core_size}; {after.core_reach:.0%}"))]
    if result.note:
        rows.append(("Note", result.note))
    summary = (f"Phase {phase} ({PHASES[phase - 1]}) of {people} people in {clusters} clusters, after {made} "
               f"of the kind '{ACTIONS[action].lower()}' (dashed). The shape goes from {before.shape} to {after.shape}; "
               f"{after.components} separate group{'s' if after.components != 1 else ''} left; the weaver sits on "
               f"{after.weaver_load:.0%} of the routes.")
    return scene(net, readout=rows, verdict=weaving.phase_verdict(after), summary=summary, caption=NOT_DATA)


def weaving_sandbox(people: int = 48, clusters: int = 5, phase: int = 2, action: str = "bridge", k: int = 3,
                    seed: int = 0) -> Figure:
    """The sandbox: start from any phase and make introductions of one kind yourself."""
    ks = tuple(sorted({0, 1, 2, 3, 4, 6, 10, 30, k}))
    return Figure(
        "Network weaving: one introduction at a time", sandbox_scene,
        [slider("people", "People", (people,), people, fmt="d", live=(12, 1000, 4)),
         slider("clusters", "Clusters", (clusters,), clusters, fmt="d", live=(2, 12, 1)),
         choice("phase", "Start from phase", {i + 1: f"{i + 1}: {name}" for i, name in enumerate(PHASES)}, phase),
         choice("action", "Introductions", ACTIONS, action, help=ACTION_HELP),
         slider("k", "How many", ks, k, fmt="d", live=(0, 60, 1)),
         seed_control((seed,), seed)],
        description="A network of clusters round a ring with the weaver in the middle; the introductions "
                    "you make are dashed.")


FIGURES = [four_phases, weaving_phases, weaving_sandbox]
