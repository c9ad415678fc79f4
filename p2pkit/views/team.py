"""The team report's figures (scenes from :func:`p2pkit.team.diagnosis.diagnose` and the survey's network).

- :func:`team_map`: who is tied to whom, interactive in the single-file report: find a person
  and see their ties, hover or tab to people for their figures, filter by relation, colour by
  community or by role. Above :data:`MAP_PEOPLE` people it shows one mark per community.
- :func:`room_map`: the same map for a survey still collecting answers (the live room): people
  who have not answered drawn apart, the relation control fixed by the survey's questions.
- :func:`equality_figure`, :func:`krackhardt_figure`, :func:`resilience_figure`: the other
  three figures of the report.

Every name shown comes from the network handed in, so a pseudonymised network gives a figure
that carries pseudonyms only. The measures come from the diagnosis; per-relation figures on
the map come from :mod:`p2pkit.measures`.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import networkx as nx
import numpy as np

from ..communities import membership
from ..measures import arcs, betweenness, lorenz
from .component import Figure, choice
from .scene import bars, chart, network, scene, series

__all__ = ["team_map", "room_map", "room_layout", "equality_figure", "krackhardt_figure", "resilience_figure",
           "MAP_PEOPLE", "map_layout", "relations_of"]

#: Up to this many people the map shows every person; above it, one mark per community.
MAP_PEOPLE = 1000
ALL = "all relations"
#: what the roles mean on the team map
ROLE_WORDS = {"centre": "one of the 5 largest shares of routes", "bridge": "broker between communities",
              "single_point": "would cut someone off by leaving", "peer": "team member"}


def relations_of(G: nx.Graph) -> list[str]:
    """The relations named on the ties (``relation`` attribute, ``;``-separated), in order of first use."""
    seen: dict[str, None] = {}
    for _, _, data in G.edges(data=True):
        for r in str(data.get("relation", "") or "").split(";"):
            if r.strip():
                seen.setdefault(r.strip(), None)
    return list(seen)


def _undirected(G: nx.Graph, relation: str | None = None) -> nx.Graph:
    U = nx.Graph()
    U.add_nodes_from(G)
    for u, v, data in G.edges(data=True):
        if u == v:
            continue
        if relation is not None and relation not in str(data.get("relation", "")).split(";"):
            continue
        U.add_edge(u, v)
    return U


def map_layout(U: nx.Graph, seed: int = 0) -> dict:
    """Deterministic positions for a team map: a spring layout (Fruchterman & Reingold 1991).

    networkx's for up to 500 people; above that igraph's implementation from seeded starting
    positions (same idea, in C), so 1,500 people are placed in about a second.

    References
    ----------
    Fruchterman, T. M. J., & Reingold, E. M. (1991). Graph drawing by force-directed
    placement. *Software: Practice and Experience* 21(11), 1129-1164.
    """
    n = U.number_of_nodes()
    if n <= 500:
        return nx.spring_layout(U, seed=seed, k=1.6 / math.sqrt(max(1, n)))
    from ..measures import to_igraph

    nodes = list(U)
    start = np.random.default_rng(seed).uniform(-1, 1, size=(n, 2)).tolist()
    coords = to_igraph(U, nodes).layout_fruchterman_reingold(seed=start, niter=300)
    return {v: (float(x), float(y)) for v, (x, y) in zip(nodes, coords.coords, strict=True)}


def _roles(d, people) -> dict:
    hubs = {v for v in d.top("load", 5) if d.load[v] > 0}
    brokers = {b[0] for b in d.brokers[:10] if b[0] not in hubs and b[1] > 0}
    brokers = set(sorted(brokers, key=lambda v: (-d.load[v], str(v)))[:5])
    single = {v for v, _ in d.single_points}
    return {v: "centre" if v in hubs else "bridge" if v in brokers else "single_point" if v in single else "peer"
            for v in people}


def team_map(G: nx.Graph, d, name: Callable[[object], str] = str, seed: int = 0) -> Figure:
    """The report's map of the team as an interactive figure.

    Parameters
    ----------
    G : networkx.DiGraph
        The survey's network (ties from the person who answered to the person named; a
        ``relation`` attribute per tie when the answers had several relations).
    d : p2pkit.team.diagnosis.Diagnosis
        The diagnosis of ``G`` (communities, shares of routes, brokers, single points).
    name : callable
        Person -> text shown (the report passes the pseudonyms when asked to).
    """
    if d.people > MAP_PEOPLE:
        return _community_map(G, d, seed)
    U = _undirected(G)
    people = list(U)
    return _people_map(G, d, U, map_layout(U, seed), _roles(d, people), relations_of(G),
                       {v: name(v) for v in people}, ROLE_WORDS)


#: what the live room calls the people who have not answered (drawn as hollow grey circles)
WAITING_WORDS = {"open": "has not answered yet", "closed": "did not answer"}


def room_layout(G: nx.Graph, previous: dict | None = None, seed: int = 0) -> dict:
    """Positions for the live room's map that move little as answers arrive.

    A spring layout (Fruchterman & Reingold 1991) with a weak pull towards the centre, so
    people without ties yet stay near the others instead of drifting to the edge and
    shrinking the drawing. Later calls start from the ``previous`` positions and run fewer
    steps, so a new answer nudges the drawing instead of redrawing it; people new to the
    roster start at random places.
    """
    U = _undirected(G)
    n = max(1, U.number_of_nodes())
    known = {v: tuple(previous[v]) for v in U if previous and v in previous}
    L = nx.Graph()
    L.add_nodes_from(U)
    L.add_edges_from(U.edges(), weight=1.0)
    hub = ("__centre__",)
    L.add_edges_from(((hub, v) for v in U), weight=0.4)
    start = None
    if known:
        cx = sum(x for x, _ in known.values()) / len(known)
        cy = sum(y for _, y in known.values()) / len(known)
        start = {**known, hub: (cx, cy)}
    pos = nx.spring_layout(L, pos=start, seed=seed, k=1.4 / math.sqrt(n), weight="weight",
                           iterations=30 if known else 80)
    pos.pop(hub)
    return pos


def room_map(G: nx.DiGraph, d, relations: list[str], answered, name: Callable[[object], str] = str,
             pos: dict | None = None, closed: bool = False) -> Figure:
    """The team map of a survey that is still collecting answers (``python -m p2pkit room``).

    Like :func:`team_map`, with three differences for a room watching its map grow: the
    relation control always lists ``relations`` (the survey's questions), so the figure's
    spec stays the same while ties arrive; people not in ``answered`` are drawn as hollow grey
    circles ("has not answered yet"); and the readout starts with how many have answered.

    Parameters
    ----------
    G : networkx.DiGraph
        Everyone on the roster, with the ties of the answers so far.
    d : p2pkit.team.diagnosis.Diagnosis
        The diagnosis of ``G``.
    relations : list of str
        The relations the survey asks about, in the order of its questions.
    answered : collection
        The people who have answered.
    name : callable
        Person -> text shown (codes when the facilitator pseudonymises).
    pos : dict, optional
        Positions (see :func:`room_layout`); default :func:`map_layout`.
    closed : bool
        The survey is closed: non-respondents "did not answer".
    """
    U = _undirected(G)
    people = list(U)
    done = set(answered)
    roles = {v: (r if v in done else "cut_off") for v, r in _roles(d, people).items()}
    words = {**ROLE_WORDS, "cut_off": WAITING_WORDS["closed" if closed else "open"]}
    fig = _people_map(G, d, U, pos if pos is not None else map_layout(U), roles, list(relations),
                      {v: name(v) for v in people}, words, always_choose=True)
    inner = fig.build
    count = f"{len(done & set(people)):,} of {len(people):,}"

    def build(**values):
        sc = inner(**values)
        sc["readout"].insert(0, ["Answered", count])
        if not any(True for _ in U.edges()):
            sc["verdict"] = "No ties yet: the map grows as answers arrive."
            sc["summary"] = (f"Map of {len(people):,} people, {count} answered, no ties yet. "
                             "Hollow grey circles are people who have not answered.")
        return sc

    fig.build = build
    return fig


def _people_map(G, d, U, pos, roles, rels, names, role_words, always_choose: bool = False) -> Figure:
    """The map of every person: one figure with a relation control (team_map, room_map)."""
    people = list(U)
    member = membership(d.communities)
    mx = max(d.named_by.values()) or 1
    sizes = {v: d.named_by[v] / mx for v in people}

    def build(relation=ALL):
        if relation == ALL:
            H, named, load = U, d.named_by, d.load
        else:
            H = _undirected(G, relation)
            D = nx.DiGraph((u, v) for u, v, data in G.edges(data=True)
                           if u != v and relation in str(data.get("relation", "")).split(";"))
            named = {v: (D.in_degree(v) if v in D else 0) for v in people}
            load = betweenness(H)
        kinds = None
        if relation == ALL and len(rels) > 1:
            kinds = {}
            for u, v, data in G.edges(data=True):
                rs = [r for r in str(data.get("relation", "")).split(";") if r]
                kinds[(u, v)] = rs[0] if len(rs) == 1 else "several"
        net = network(H, pos, title=("All ties" if relation == ALL else f"Ties of {relation}"), names=names,
                      roles=roles, groups=member, sizes=sizes, nodes=people, labels=len(people) <= 40,
                      figures=[("Named by", named, "d"), ("Share of routes between others", load, ".1%")],
                      tie_kinds=kinds, role_labels=role_words)
        top = max(people, key=lambda v: (named[v], -people.index(v)))
        busiest = max(people, key=lambda v: (load[v], -people.index(v)))
        ties = H.number_of_edges()
        readout = [("People", f"{len(people):,}"), ("Pairs tied", f"{ties:,}"),
                   ("Most often named", f"{names[top]} ({named[top]})"),
                   ("Largest share of routes between others", f"{names[busiest]} ({load[busiest]:.0%})"),
                   ("Communities", f"{len(d.communities)}")]
        summary = (f"Map of {len(people):,} people and {ties:,} tied pairs"
                   + ("" if relation == ALL else f" ({relation} only)")
                   + f", coloured by role: squares for the five with the largest share of routes, diamonds for "
                   f"brokers and single points of failure. {names[top]} is named most often.")
        verdict = (f"{names[busiest]} sits on {load[busiest]:.0%} of the routes between others"
                   + ("" if relation == ALL else f" in the {relation} network") + "; "
                   + (f"{len(d.single_points)} {'person' if len(d.single_points) == 1 else 'people'} would cut "
                      "someone off by leaving." if d.single_points else "nobody's absence alone cuts anyone off."))
        return scene(net, readout=readout, verdict=verdict, summary=summary)

    controls = [choice("relation", "Relation", {ALL: ALL, **{r: r for r in rels}}, ALL,
                       help="Show the ties of one relation only.")] if len(rels) > 1 or (always_choose and rels) else []
    return Figure("Who is tied to whom", build, controls,
                  description=f"A map of {len(people):,} people; size shows how often a person is named.")


def _community_map(G: nx.Graph, d, seed: int) -> Figure:
    """Above MAP_PEOPLE: one mark per community (up to 80), with each one's three strongest links."""
    member = membership(d.communities)
    shown = min(len(d.communities), 80)
    pairs = arcs(G).undirected()  # each pair of people tied (either way) once
    code = np.array([member[v] for v in pairs.nodes], dtype=np.int64)
    lo = np.minimum(code[pairs.src], code[pairs.dst])
    hi = np.maximum(code[pairs.src], code[pairs.dst])
    between = (lo != hi) & (hi < shown)
    keys, counts = np.unique(lo[between] * shown + hi[between], return_counts=True)
    weights = {(int(k // shown), int(k % shown)): int(c) for k, c in zip(keys, counts, strict=True)}
    best: dict[int, list] = {}
    for (a, b), w in weights.items():
        best.setdefault(a, []).append((w, b))
        best.setdefault(b, []).append((w, a))
    keep = {(min(a, b), max(a, b)) for a, lst in best.items() for _, b in sorted(lst, reverse=True)[:3]}
    C = nx.Graph()
    C.add_nodes_from(range(shown))
    C.add_edges_from(keep)
    pos = nx.spring_layout(C, seed=seed, k=2.0 / math.sqrt(max(1, shown)), iterations=200)
    sizes = [len(c) for c in d.communities[:shown]]
    smax = max(sizes)
    links = {i: sum(w for (a, b), w in weights.items() if i in (a, b)) for i in range(shown)}
    rest = d.communities[shown:]
    note = (f" {len(rest)} smaller communities ({sum(len(c) for c in rest):,} people) are not drawn." if rest else "")

    def build():
        net = network(C, pos, title=f"{d.people:,} people in {len(d.communities)} communities",
                      names={i: f"Community {i + 1}" for i in C}, groups={i: i for i in C},
                      sizes={i: sizes[i] / smax for i in C}, labels=shown <= 30,
                      figures=[("People", dict(enumerate(sizes)), ","), ("Ties to other communities", links, ",")])
        return scene(net, readout=[("People", f"{d.people:,}"), ("Communities", f"{len(d.communities):,}")],
                     verdict=f"The largest community holds {sizes[0]:,} of the {d.people:,} people.",
                     summary=(f"One mark per community, sized by its people, with each community's three "
                              f"strongest links to others.{note}"),
                     caption=(f"With more than {MAP_PEOPLE:,} people a drawing of every person is unreadable: each "
                              f"mark is one node community.{note} Export to Gephi or Kumu to explore people."))

    return Figure("Communities and their strongest links", build, [],
                  description="One mark per community of the team's network.")


def equality_figure(d, name: Callable[[object], str] = str) -> Figure:
    """Lorenz curves of being named and of routes, and the largest influence shares."""

    def build():
        lines = []
        for values, label, role in ((d.named_by, "named by", "peer"), (d.load, "routes", "centre")):
            x, y = lorenz(values.values())
            lines.append(series(label, x, y, role=role))
        lines.append(series("perfect equality", [0, 1], [0, 1], role="other", dash=True))
        curve = chart("How evenly is it spread? (Lorenz curves)", lines, x_label="share of people (least to most)",
                      y_label="share of the total", x_format=".0%", y_format=".0%", x_domain=[0, 1], y_domain=[0, 1])
        top = d.influence[:8]
        biggest = max((s for _, s in top), default=1) or 1
        shares = bars("Influence shares (top 8)", [(name(v), s / biggest, f"{s:.1%}" if s >= 0.01 else f"{s:.2%}", "peer")
                                                    for v, s in top],
                      note=f"Share of all ties sent or received; an equal share would be {1 / d.people:.1%}.")
        g = d.gini
        return scene(curve, shares, readout=[(f"Gini of {k}", f"{v:.3f}") for k, v in g.items()],
                     verdict=f"Gini of being named {g['named by']:.2f}: 0 is perfectly even, near 1 one person has it all.",
                     summary=("Lorenz curves of how often people are named and of their share of routes against the "
                              f"diagonal of perfect equality, and the eight largest influence shares, led by "
                              f"{name(top[0][0]) if top else 'nobody'}."))

    return Figure("How evenly is influence spread?", build, [])


def krackhardt_figure(d) -> Figure:
    """Krackhardt's four dimensions against the formal chart (an out-tree scores 1 on each)."""

    def build():
        k = d.krackhardt
        names = [("connectedness", "Connectedness"), ("hierarchy", "Hierarchy"), ("efficiency", "Efficiency"),
                 ("lub", "Least-upper-boundedness")]
        panel = bars("Krackhardt's dimensions (1 = a perfect chain of command)",
                     [(label, min(1.0, k[key]), f"{k[key]:.3f}", "peer") for key, label in names],
                     note="A formal chart of command (an out-tree) scores 1 on all four.")
        return scene(panel, verdict="", summary="Bars for Krackhardt's four dimensions: " + ", ".join(
            f"{label.lower()} {k[key]:.3f}" for key, label in names) + ", each against 1 for a chart of command.")

    return Figure("Krackhardt's dimensions", build, [])


def resilience_figure(d, name: Callable[[object], str] = str) -> Figure:
    """Pairwise connectivity now, and without each of the most central people."""

    def build():
        items = [("everyone here", d.baseline, f"{d.baseline:.0%}", "reached")]
        items += [(f"without {name(v[0])}", pc, f"{pc:.0%}", "centre") for v, pc, _ in d.removals[:5]]
        if len(d.removals) > 5:
            vs, pc, _ = d.removals[-1]
            items.append((f"without all {len(vs)}", pc, f"{pc:.0%}", "removed"))
        panel = bars("What if the most central people were away?", items,
                     note="Share of pairs who can still reach each other (pairwise connectivity).")
        return scene(panel, summary="Bars of the share of pairs who can reach each other: " + "; ".join(
            f"{label} {text}" for label, _, text, _ in items) + ".")

    return Figure("What if the most central people were away?", build, [])
