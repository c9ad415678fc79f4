"""Chapter 2 figures: node communities, their brokers, how they form, and a rumour racing its
correction (scenes from :mod:`p2pkit.communities`).

Every number, community and verdict comes from :mod:`p2pkit.communities`; this module only
places people, numbers the communities for display and arranges the results.

How the figures read
    People are coloured by the community found (the "Colour by" menu switches to their role).
    A community keeps its colour from one state to the next: it takes the colour of the
    reference group it overlaps most (the planted groups of a toy network, the assigned
    groups of a grown one, the departments of Krackhardt's firm), and communities are
    numbered in that colour order -- the numbers the model's verdicts use. Brokers (a tie
    into another community) are diamonds; a person who alone holds communities together is
    a large cross. In the race, believers of the rumour are purple triangles, of the
    correction green squares, people who have heard nothing grey circles; where a message
    starts is drawn large and ringed.
"""

from __future__ import annotations

import html
import math
import random
from functools import lru_cache
from collections.abc import Sequence

import networkx as nx

from .. import orgs
from ..communities import (
    CLEAR_MARGIN, PLACEMENTS, ROLES, brokerage, brokerage_roles, brokerage_verdict, chance_modularity,
    chart_verdict, chart_vs_informal, compare_placements, correction_source, departure_verdict, detect,
    expected_race, grown_network, growth_verdict, hub, membership, modularity, planted_communities, race,
    race_verdict, self_organise,
)
from ..errors import P2PKitError
from ..seeding import python_random
from .component import Figure, choice, person, play, seed, slider
from .scene import chart, network, node_of, scene, series

__all__ = [
    "community_layout", "numbered",
    "growth", "growth_scene", "chart_against_communities", "chart_scene", "roles_table",
    "resolution", "resolution_scene", "rumour_race", "race_scene", "placements_table",
    "sandbox", "sandbox_scene",
    "RESOLUTION_TOY", "RACE_TOY", "NETWORKS",
]

#: The toy network of the resolution figure: four groups, one linked through one person.
RESOLUTION_TOY = dict(sizes=(11, 10, 9, 8), p_in=0.45, p_out=0.015, seed=7)
#: The toy network of the race figure: two communities with a few ties between them.
RACE_TOY = dict(sizes=(16, 16), p_in=0.3, p_out=0.02, seed=0)


def _person(v) -> str:
    return f"person {v}"


def _plural(k: int, one: str, many: str) -> str:
    return f"{k} {one if k == 1 else many}"


# --------------------------------------------------------------------------- layout and numbering


def _disc(members: list, rng: random.Random) -> dict:
    """Sunflower positions in a unit disc, in a seeded random order (fast for large groups)."""
    members = list(members)
    rng.shuffle(members)
    golden = math.pi * (3 - math.sqrt(5))
    k = len(members)
    return {v: (math.sqrt((i + 0.5) / k) * math.cos(i * golden), math.sqrt((i + 0.5) / k) * math.sin(i * golden))
            for i, v in enumerate(members)}


def community_layout(G: nx.Graph, groups, seed: int = 0, spring: bool = True) -> dict:
    """Positions that keep each group together: one patch per group, patches on a circle.

    Inside a patch people are placed by a spring layout of their own ties (``spring=True``,
    up to 30 people) or on a seeded sunflower disc (larger patches -- a spring layout of
    them costs more than the rest of a live update -- or ``spring=False`` for positions that
    do not depend on the ties at all). Patches are scaled by the square root
    of their size. The same network, groups and seed always give the same positions.

    Examples
    --------
    >>> pos = community_layout(nx.barbell_graph(4, 0), [set(range(4)), set(range(4, 8))])
    >>> sorted(pos) == list(range(8)), pos[0][0] < 0 < pos[7][0]
    (True, True)
    """
    order = {v: i for i, v in enumerate(G)}
    comms = [sorted(c, key=order.__getitem__) for c in groups if c]
    rng = python_random(seed)
    k = len(comms)
    scale = {i: math.sqrt(len(c)) for i, c in enumerate(comms)}
    ring = 0.0 if k == 1 else 1.25 * max(scale.values()) / math.sin(math.pi / k)
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    pos = {}
    for i, members in enumerate(comms):
        angle = math.pi - 2 * math.pi * i / k
        cx, cy = ring * math.cos(angle), ring * math.sin(angle)
        if len(members) == 1:
            local = {members[0]: (0.0, 0.0)}
        elif spring and len(members) <= 30:
            # an explicit subgraph in node order: a subgraph view may iterate a set, whose
            # order for string names changes between Python processes
            H = nx.Graph()
            H.add_nodes_from(members)
            inside = set(members)
            H.add_edges_from(sorted(((u, v) for u in members for v in U[u] if v in inside and order[u] < order[v]),
                                    key=lambda e: (order[e[0]], order[e[1]])))
            local = nx.spring_layout(H, seed=seed, iterations=60)
            r = max(max(abs(x), abs(y)) for x, y in local.values()) or 1.0
            local = {v: (x / r, y / r) for v, (x, y) in local.items()}
        else:
            local = _disc(members, rng)
        for v, (x, y) in local.items():
            pos[v] = (float(cx + scale[i] * x), float(cy + scale[i] * y))
    return pos


def numbered(communities: Sequence[set], reference: Sequence[set] | None = None) -> tuple[list, list]:
    """The communities in display order and a colour slot for each (``(communities, slots)``).

    A community takes the slot of the ``reference`` group it overlaps most, if that slot is
    still free (largest communities choose first); the others take the lowest free slots.
    The communities are then listed in slot order, so "community 1" is the first colour
    shown -- and the model's verdicts, given this list, use the same numbers. Without a
    reference, the order is kept and the slots are 0, 1, 2, ...

    Examples
    --------
    >>> numbered([{1, 2, 3}, {4, 5}], reference=[{4, 5}, {1, 2}])
    ([{4, 5}, {1, 2, 3}], [0, 1])
    >>> numbered([{1, 2}, {3}, {4}], reference=[{9}, {3}])
    ([{1, 2}, {3}, {4}], [0, 1, 2])
    """
    comms = [set(c) for c in communities]
    if reference is None:
        return comms, list(range(len(comms)))
    ref = [set(r) for r in reference]
    slot: list = [None] * len(comms)
    used: set = set()
    for i in sorted(range(len(comms)), key=lambda i: -len(comms[i])):
        overlaps = sorted(((len(comms[i] & r), j) for j, r in enumerate(ref)), key=lambda t: (-t[0], t[1]))
        for size, j in overlaps:
            if size and j not in used:
                slot[i] = j
                used.add(j)
                break
    free = (s for s in range(len(comms) + len(ref)) if s not in used)
    for i in range(len(comms)):
        if slot[i] is None:
            slot[i] = next(free)
    order = sorted(range(len(comms)), key=lambda i: slot[i])
    return [comms[i] for i in order], [slot[i] for i in order]


def _group_args(communities: Sequence[set], slots: Sequence[int]) -> dict:
    """``groups`` and ``group_names`` for :func:`network`: slot = colour, name = number in the list.

    People in none of ``communities`` get no colour (grey, and left out of the legend).
    """
    names = [""] * (max(slots) + 1 if slots else 0)
    groups = {}
    for k, (c, s) in enumerate(zip(communities, slots, strict=True)):
        names[s] = str(k + 1)
        for v in c:
            groups[v] = s
    return {"groups": groups, "group_names": names}


#: In figures whose verdicts name no community (growth, the chart), communities smaller than
#: this are grey and left out of the legend: a sparse network splits into many of one or two.
SMALL = 3


def _count_title(label: str, comms: Sequence[set]) -> str:
    big = sum(len(c) >= SMALL for c in comms)
    text = f"{label}: {_plural(len(comms), 'community', 'communities')}"
    return text if big == len(comms) else f"{text}, {big} of {SMALL}+ people"


def _broker_roles(G, b) -> dict:
    """Role per person from a :class:`~p2pkit.communities.Brokerage`: holds together, broker, peer;
    people with no ties at all are drawn as cut off."""
    lonely = set(b.isolated)
    return {v: ("holds_together" if v in b.critical else "bridge" if b.reach.get(v) else
                "cut_off" if v in lonely else "peer") for v in G}


def _broker_sizes(G, b) -> dict:
    return {v: 0.55 if v in b.critical else 0.17 for v in G}


def _broker_figures(b) -> list:
    return [("Constraint (Burt)", b.constraint, ".2f"), ("Effective size (Burt)", b.effective_size, ".1f"),
            ("Other communities they have a tie into", b.reach, "d")]


def _least_constrained(b) -> str:
    if not b.brokers:
        return "nobody"
    v = b.brokers[0]
    return f"{_person(v)}: constraint {b.constraint[v]:.2f}, effective size {b.effective_size[v]:.1f}"


def _critical_text(b) -> str:
    if not b.critical:
        return "nobody holds the communities together alone"
    names = ", ".join(_person(v) for v in b.critical)
    one = len(b.critical) == 1
    return f"{names} (large {'cross' if one else 'crosses'}) alone {'holds' if one else 'hold'} communities together"


# --------------------------------------------------------------------------- 1. self-organisation

#: The steps shown by :func:`growth` (about one new tie per person per step).
GROWTH_STEPS = tuple(range(11))
#: The four sets of local rules: (title, short name, uses closure, uses homophily, role of its line).
GROWTH_RULES = (("Random ties only", "random", False, False, "manager"),
                ("Friends of friends", "friends of friends", True, False, "bridge"),
                ("Own group", "own group", False, True, "peer"),
                ("Both rules", "both", True, True, "centre"))


@lru_cache(maxsize=96)
def _grown(people: int, groups: int, closure: float, homophily: float, seed: int) -> tuple:
    return tuple(self_organise(people=people, groups=groups, steps=GROWTH_STEPS[-1], closure=closure,
                               homophily=homophily, seed=seed))


@lru_cache(maxsize=16)
def _assigned_layout(people: int, groups: int) -> tuple[dict, list]:
    """Positions by assigned group (a disc per group; ties play no part) and the groups."""
    G = grown_network(people=people, groups=groups, steps=0, seed=0)
    label = nx.get_node_attributes(G, "group")
    sets = [{v for v in G if label[v] == g} for g in range(groups)]
    return community_layout(G, sets, seed=0, spring=False), sets


def growth_scene(step: int, groups: int, seed: int, closure: float = 0.8, homophily: float = 0.9,
                 people: int = 60) -> dict:
    """One state of :func:`growth`: the four networks after ``step`` steps, and modularity over time."""
    pos, assigned = _assigned_layout(people, groups)
    group_of = {v: g for g, members in enumerate(assigned) for v in members}
    panels, lines, verdicts, said = [], [], [], []
    rows = [("Step", f"{step} of {GROWTH_STEPS[-1]}"),
            ("Closure (friends of friends) / homophily (own group)", f"{closure:g} / {homophily:g}")]
    for title, short, uses_c, uses_h, role in GROWTH_RULES:
        c, h = (closure if uses_c else 0.0), (homophily if uses_h else 0.0)
        snaps = _grown(people, groups, c, h, seed)
        s = snaps[step]
        comms, slots = numbered([x for x in s.communities if len(x) >= SMALL], assigned)
        lift = s.modularity - s.baseline_modularity
        panels.append(network(
            s.graph, pos, title=_count_title(title, s.communities),
            names={v: _person(v) for v in s.graph}, **_group_args(comms, slots), colour_by="group",
            sizes={v: 0.35 for v in s.graph},
            figures=[("Assigned group", {v: g + 1 for v, g in group_of.items()}, "d")],
            labels=False))
        lines.append(series(short, list(GROWTH_STEPS), [x.modularity - x.baseline_modularity for x in snaps],
                            role=role, points=True))
        rows.append((f"{title}: modularity above chance", f"{lift:+.2f}"))
        verdicts.append(f"{title}: {growth_verdict(snaps[:step + 1])}")
        said.append(f"{short} {lift:+.2f}")
    lines.append(series("clear communities", [GROWTH_STEPS[0], GROWTH_STEPS[-1]], [CLEAR_MARGIN] * 2,
                        role="removed", dash=True))
    curve = chart("Modularity above chance, step by step", lines, x_label="step (about one new tie per person)",
                  y_label="modularity above chance", y_format=".2f", x_format="d",
                  marker_x=step, marker_label=f"step {step}")
    summary = (f"Step {step}: four networks of {people} people in {groups} groups (position = group, colour = "
               "community found). Modularity above chance: " + "; ".join(said) + ".")
    return scene(*panels, curve, readout=rows, verdict=" ".join(verdicts), summary=summary)


def growth(people: int = 60) -> Figure:
    """Communities that nobody assigned: four sets of local rules, step by step (press Play).

    Controls: the step (Play), the number of groups and the seed; in Jupyter also the chance
    of looking among friends of friends (closure) and the preference for one's own group
    (homophily). The size stays at ``people``: each change of groups or seed grows four
    networks and detects communities at every step (about 0.3 s at 60 people).
    """

    def build(step, groups, seed, closure, homophily, people=people):
        return growth_scene(step, groups, seed, closure, homophily, people)

    return Figure(
        "Communities that nobody assigned", build,
        [play("step", "Step", GROWTH_STEPS, GROWTH_STEPS[-1], fmt="d", interval_ms=900,
              help="Each step adds about one new tie per person. Play starts again from step 0."),
         slider("groups", "Groups", (2, 3, 4), 3, fmt="d", live=(1, 10, 1),
                help="Everyone belongs to one of this many groups; homophily prefers one's own."),
         seed((0, 1)),
         slider("closure", "Closure (look among friends of friends)", (0.8,), fmt=".2f", live=(0.0, 1.0, 0.05)),
         slider("homophily", "Homophily (prefer one's own group)", (0.9,), fmt=".2f", live=(0.0, 1.0, 0.05))],
        description=f"Four networks of {people} people growing by local rules, and a chart of how clear their "
                    "communities are at each step.")


# --------------------------------------------------------------------------- 2. the chart against the informal networks

CHART_NETWORKS = (("krack_reports", "Reports to (the chart)"), ("krack_advice", "Advice"),
                  ("krack_friends", "Friendship"))
CHART_RESOLUTIONS = (0.5, 1.0, 1.5, 2.0)
_RANK = {1: "CEO", 2: "VP"}


@lru_cache(maxsize=8)
def _dataset(name: str, directed: bool = True):
    return orgs.load_dataset(name, directed=directed)


@lru_cache(maxsize=1)
def _department_layout() -> tuple[dict, list, dict]:
    """Positions by department (the CEO, a department of one, at the top; the departments
    clockwise on a large circle), the departments, and a display name per manager."""
    G = _dataset("krack_reports")
    dept = nx.get_node_attributes(G, "dept")
    depts = [{v for v in G if dept[v] == d} for d in sorted(set(dept.values()))]
    pos = {}
    for i, d in enumerate(depts):
        members = sorted(d, key=int)
        angle = math.pi / 2 - 2 * math.pi * i / len(depts)
        cx, cy = 3.6 * math.cos(angle), 3.6 * math.sin(angle)
        for j, v in enumerate(members):
            a = math.pi / 2 - 2 * math.pi * j / len(members)
            r = 0.0 if len(members) == 1 else 0.5 + 0.17 * len(members)
            pos[v] = (cx + r * math.cos(a), cy + r * math.sin(a))
    names = {v: f"{v} ({_RANK[lvl]})" if lvl in _RANK else v for v, lvl in G.nodes(data="level")}
    return pos, depts, names


@lru_cache(maxsize=64)
def _comparison(name: str, resolution: float, seed: int):
    return chart_vs_informal(_dataset(name), resolution=resolution, seed=seed)


def chart_scene(resolution: float, seed: int) -> dict:
    """One state of :func:`chart_against_communities`."""
    pos, depts, names = _department_layout()
    dept = nx.get_node_attributes(_dataset("krack_reports"), "dept")
    panels, rows, said = [], [], []
    comps = {}
    for name, label in CHART_NETWORKS:
        c = _comparison(name, resolution, seed)
        comps[name] = c
        U = _dataset(name, directed=False)
        comms, slots = numbered(c.communities, depts)
        b = brokerage(U, comms)
        kept = [(x, y) for x, y in zip(comms, slots, strict=True) if len(x) >= SMALL]
        shown, shown_slots = [x for x, _ in kept], [y for _, y in kept]
        panels.append(network(
            U, pos, title=_count_title(label, comms), names=names,
            roles=_broker_roles(U, b), sizes=_broker_sizes(U, b), **_group_args(shown, shown_slots),
            colour_by="group",
            figures=[("Department", {v: d for v, d in dept.items() if d}, "d"), *_broker_figures(b)],
            labels=True))
        rows.append((label, f"modularity {c.modularity_informal:.2f} (chance {c.modularity_chance:.2f}); "
                            f"agreement with the departments {c.agreement:.2f}"))
        said.append(f"{label.split(' (')[0].lower()}: {_plural(len(comms), 'community', 'communities')}, modularity "
                    f"{c.modularity_informal:.2f} against {c.modularity_chance:.2f} by chance, agreement "
                    f"{c.agreement:.2f}")
    verdict = (f"Advice: {chart_verdict(comps['krack_advice'])} "
               f"Friendship: {chart_verdict(comps['krack_friends'])}")
    text = "; ".join(said)
    summary = (f"Krackhardt's 21 managers in three networks, placed by department and coloured by the communities "
               f"found at resolution {resolution:g}. " + text[:1].upper() + text[1:] + ".")
    return scene(*panels, readout=rows, verdict=verdict, summary=summary)


def chart_against_communities() -> Figure:
    """Krackhardt's high-tech managers: the reports-to chart, advice and friendship, placed by
    department and coloured by the communities found in each (Krackhardt 1987)."""
    return Figure(
        "Informal communities against the chart", chart_scene,
        [slider("resolution", "Resolution", CHART_RESOLUTIONS, 1.0, fmt="{:g}", live=(0.1, 5.0, 0.05),
                help="Low: fewer, larger communities; high: more, smaller ones."),
         seed(help="Louvain visits people in a random order; another seed can find another division.")],
        description="Three drawings of the same 21 managers, placed by department and coloured by community.")


class _HTML:
    """A plain, escaped HTML table that notebooks and the site show as it is."""

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup


def _table(header, rows, caption: str | None = None) -> _HTML:
    head = "".join(f"<th scope='col'>{html.escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(x))}</td>" for x in r) + "</tr>" for r in rows)
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return _HTML(f"<table class='table'>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def roles_table(name: str = "krack_advice", groups: str = "dept", top: int = 6) -> _HTML:
    """The ``top`` brokers of a data set by Gould-Fernandez brokerage, with each role's count.

    Examples
    --------
    >>> "<td>121</td>" in roles_table(top=1)._repr_html_()    # manager 18's total
    True
    """
    G = _dataset(name)
    roles = brokerage_roles(G, groups)
    order = {v: i for i, v in enumerate(G)}
    best = sorted(G, key=lambda v: (-roles[v]["total"], order[v]))[:top]
    level = {1: "CEO", 2: "VP", 3: "manager"}
    rows = [(f"{v} ({level.get(G.nodes[v].get('level'), '')})",
             "-" if G.nodes[v].get(groups) == 0 else G.nodes[v].get(groups),
             *[roles[v][r] for r in ROLES], roles[v]["total"]) for v in best]
    header = ["person", "dept", "coord\u00adinator", "itin\u00aderant", "repre\u00adsentative",
              "gate\u00adkeeper", "liaison", "total"]
    return _table(header, rows)


# --------------------------------------------------------------------------- 3. resolution and brokers

RESOLUTIONS = (0.2, 0.4, 0.7, 1.0, 1.5, 2.0, 2.5, 3.0)
#: chance of a tie between two people of different groups, offered on the site
BETWEEN = (0.005, 0.015, 0.04)


@lru_cache(maxsize=32)
def _toy(p_out: float, seed: int) -> tuple:
    """The resolution figure's toy network, its planted groups and positions (by group)."""
    toy = dict(RESOLUTION_TOY, p_out=p_out, seed=seed)
    G = planted_communities(**toy)
    label = nx.get_node_attributes(G, "group")
    groups = [{v for v in G if label[v] == k} for k in range(len(toy["sizes"]))]
    return G, groups, community_layout(G, groups, seed=0)


@lru_cache(maxsize=512)
def _found(p_out: float, seed: int, r: float) -> tuple:
    """Communities at resolution ``r`` (Louvain seed 0), their modularity and chance's."""
    G, groups, _ = _toy(p_out, seed)
    comms, slots = numbered(detect(G, resolution=r, seed=0), groups)
    return comms, slots, modularity(G, comms), chance_modularity(G, resolution=r, runs=5, seed=0)


def resolution_scene(resolution: float, p_out: float, seed: int) -> dict:
    """One state of :func:`resolution`."""
    G, groups, pos = _toy(p_out, seed)
    comms, slots, q, chance = _found(p_out, seed, resolution)
    b = brokerage(G, comms)
    k = len(comms)
    net = network(G, pos, title=f"Resolution {resolution:g}: {_plural(k, 'community', 'communities')}",
                  names={v: _person(v) for v in G}, roles=_broker_roles(G, b), sizes=_broker_sizes(G, b),
                  **_group_args(comms, slots), colour_by="group", figures=_broker_figures(b), labels=False)
    curve = [_found(p_out, seed, r) for r in RESOLUTIONS]
    plot = chart("Modularity at each resolution", [
        series("communities found", RESOLUTIONS, [c[2] for c in curve], role="peer", points=True),
        series("random networks", RESOLUTIONS, [c[3] for c in curve], role="cut_off", dash=True, points=True),
    ], x_label="resolution", y_label="modularity", y_format=".1f", y_domain=(0, 0.8),
        marker_x=resolution, marker_label=f"{k} communit{'y' if k == 1 else 'ies'}")
    readout = [("Communities found", f"{k}"), ("Modularity", f"{q:.2f}"),
               ("Same method on random networks with the same ties", f"{chance:.2f}"),
               ("Brokers (a tie into another community)", f"{len(b.brokers)}"),
               ("Least constrained broker", _least_constrained(b)),
               ("Holds the communities together alone", ", ".join(_person(v) for v in b.critical) or "nobody")]
    summary = (f"A network of {G.number_of_nodes()} people in four groups, coloured by the {k} communities found at "
               f"resolution {resolution:g}: modularity {q:.2f}, against {chance:.2f} for random networks with the same "
               f"ties. {_plural(len(b.brokers), 'person has', 'people have')} a tie into another community "
               f"(diamonds); {_critical_text(b)}.")
    return scene(net, plot, readout=readout, verdict=brokerage_verdict(b), summary=summary)


def resolution(p_out: float = 0.015) -> Figure:
    """Communities found at each resolution on a toy network of four groups, with their brokers.

    Controls: the resolution (coarse to fine), the chance of a tie between two groups, and
    the seed that draws the network. Each state shows the communities, the modularity against
    chance, the brokers and :func:`~p2pkit.communities.brokerage_verdict`.
    """
    return Figure(
        "Who holds the communities together?", resolution_scene,
        [slider("resolution", "Resolution", RESOLUTIONS, 1.0, fmt="{:g}", live=(0.1, 5.0, 0.05),
                help="Low: fewer, larger communities; high: more, smaller ones."),
         slider("p_out", "Chance of a tie between two groups", BETWEEN, p_out, fmt=".1%", live=(0.0, 0.2, 0.001),
                help="How likely two people of different groups are to be tied."),
         seed((7, 8, 9), help="The seed draws the network; the same seed always gives the same network.")],
        description="A network of 38 people in four groups, coloured by the communities found at one resolution; "
                    "brokers are diamonds.")


# --------------------------------------------------------------------------- 4. rumour against correction

RACE_STEPS = tuple(range(11))
RACE_RUNS = 500
#: the two places the figure starts the correction, with the title of their panel
RACE_PLACES = (("inside", "A: correction inside community 1"),
               ("other", "B: correction in community 2"))


@lru_cache(maxsize=1)
def _race_toy() -> tuple:
    G = planted_communities(**RACE_TOY)
    comms = detect(G, seed=0)
    rumour = hub(G, comms[0])
    sources = {where: correction_source(G, comms, rumour, where) for where, _ in RACE_PLACES}
    pos = nx.kamada_kawai_layout(G)      # deterministic; the two communities fall apart on their own
    return G, comms, rumour, sources, {v: (float(x), float(y)) for v, (x, y) in pos.items()}


@lru_cache(maxsize=256)
def _odds(where: str | None, p: float, delay: int):
    G, _, rumour, sources, _ = _race_toy()
    return expected_race(G, rumour, sources[where] if where else None, p=p, delay=(delay if where else 0),
                         runs=RACE_RUNS, seed=0)


def _delay_text(delay: int) -> str:
    return "starting with the rumour" if delay == 0 else f"{_plural(delay, 'step', 'steps')} late"


def race_scene(step: int, p: float, delay: int, seed: int) -> dict:
    """One state of :func:`rumour_race`: both races after ``step`` steps."""
    G, comms, rumour, sources, pos = _race_toy()
    member = membership(comms)
    panels, lines, rows, verdicts, said, ends = [], [], [("Step", f"{step}")], [], [], []
    for (where, title), dashed in zip(RACE_PLACES, (False, True), strict=True):
        src = sources[where]
        key = title.split(":")[0]
        r = race(G, rumour, src, p=p, delay=delay, seed=seed)
        odds = _odds(where, p, delay)
        heard = {v: s for v, (s, _) in r.heard.items() if s <= step}
        roles = {v: ("unheard" if v not in heard else "rumour" if r.heard[v][1] == "rumour" else "corrected")
                 for v in G}
        panels.append(network(
            G, pos, title=f"{title} (person {src})", names={v: _person(v) for v in G}, roles=roles,
            groups=member, sizes={v: 0.5 if v in (rumour, src) else 0.17 for v in G}, highlight=[rumour, src],
            figures=[("Heard a message at step", heard, "d"),
                     (f"Believes the rumour, share of {RACE_RUNS} runs", odds.believes_rumour, ".0%")],
            labels=False))
        lines.append(series(f"{key}: {'inside' if where == 'inside' else 'other community'}", list(range(step + 1)),
                            [r.shares(t)["rumour"] for t in range(step + 1)], role="rumour", dash=dashed, points=True))
        s = r.shares(step)
        rows.append((f"{key}: rumour / correction / nothing yet",
                     f"{s['rumour']:.0%} / {s['correction']:.0%} / {s['neither']:.0%}"))
        verdicts.append(f"{key}. {race_verdict(r, comms, step)}")
        said.append(f"{key}, {s['rumour']:.0%} believe the rumour and {s['correction']:.0%} the correction")
        ends.append(f"{odds.rumour_share:.0%}")
    rows.append((f"End up believing the rumour, average of {RACE_RUNS} runs: A / B / no correction",
                 " / ".join(ends + [f"{_odds(None, p, 0).rumour_share:.0%}"])))
    plot = chart("Believe the rumour so far", lines, x_label="step", y_label="believe the rumour",
                 x_format="d", y_format=".0%", x_domain=(RACE_STEPS[0], RACE_STEPS[-1]), y_domain=(0, 1))
    summary = (f"Step {step}, the correction {_delay_text(delay)}, each try succeeding with probability {p:.0%}: "
               + "; ".join(said) + ".")
    return scene(*panels, plot, readout=rows, verdict=" ".join(verdicts), summary=summary)


def rumour_race() -> Figure:
    """A rumour against its correction, started inside the rumour's community (A) or in the other (B).

    Same network, same rumour source (the best-connected person of community 1), same random
    numbers; controls: the step (Play), the chance to pass a message on, how late the
    correction starts, and the seed of the run. The readout adds the averages over
    ``RACE_RUNS`` runs (:func:`~p2pkit.communities.expected_race`).
    """
    return Figure(
        "Can the correction catch up?", race_scene,
        [play("step", "Step", RACE_STEPS, 1, fmt="d", interval_ms=1000,
              help="At each step, whoever has just heard a message tries once to pass it to each contact."),
         slider("p", "Chance to pass a message on", (0.3, 0.5, 0.7), 0.5, fmt=".0%", live=(0.05, 1.0, 0.05)),
         slider("delay", "Correction late by (steps)", (0, 1, 3), 1, fmt="d", live=(0, 6, 1)),
         seed((3, 4), help="The seed of this run's coin flips; both races use the same seed.")],
        description="Two copies of a network of 32 people in two communities: a rumour and its correction spreading.")


def placements_table(p: float = 0.5, delays=(0, 1, 2, 3), runs: int = RACE_RUNS) -> _HTML:
    """Average share believing the rumour, by where and when the correction starts (race toy).

    Examples
    --------
    >>> "no correction" in placements_table(delays=(0,), runs=10)._repr_html_()
    True
    """
    G, comms, rumour, _, _ = _race_toy()
    out = compare_placements(G, comms, rumour, delays=delays, p=p, runs=runs, seed=0)
    label = {"inside": "inside the rumour's community", "bridge": "at the least constrained broker",
             "other": "in the other community"}
    rows = []
    for where in PLACEMENTS:
        if (where, delays[0]) in out:
            src = correction_source(G, comms, rumour, where)
            rows.append((f"{label[where]} (person {src})", *[f"{out[(where, d)].rumour_share:.0%}" for d in delays]))
    rows.append(("no correction", *[f"{out[('none', 0)].rumour_share:.0%}"] * len(delays)))
    return _table(["correction starts ..."] + [f"{d} step{'s' if d != 1 else ''} late" for d in delays], rows)


# --------------------------------------------------------------------------- 5. the sandbox

#: The networks the sandbox offers: key -> label.
NETWORKS = {
    "toy4": "Toy: four groups",
    "grown": "Grown by local rules",
    "krack_advice": "Krackhardt: advice",
    "krack_friends": "Krackhardt: friendship",
}


def _toy_of_size(n: int, seed: int) -> nx.Graph:
    """The resolution figure's kind of toy network for ``n`` people: four groups in the same
    proportions, each person with as many ties inside and across groups on average as in
    :data:`RESOLUTION_TOY` (which this is, for 38 people)."""
    base = RESOLUTION_TOY["sizes"]
    sizes = [max(1, round(n * s / sum(base))) for s in base]
    sizes[0] += n - sum(sizes)
    inside = RESOLUTION_TOY["p_in"] * (sum(base) / len(base) - 1)      # ties inside the group, per person
    across = RESOLUTION_TOY["p_out"] * sum(base)                       # chance-weighted ties across, per person
    return planted_communities(sizes, p_in=min(1.0, inside / max(1.0, n / len(base) - 1)),
                               p_out=min(1.0, across / n), seed=seed)


@lru_cache(maxsize=32)
def _sandbox_network(kind: str, n: int, seed: int) -> tuple:
    """The network, its reference groups (planted, assigned or departments) and positions."""
    if kind == "toy4":
        G = _toy_of_size(n, seed)
        attr = "group"
    elif kind == "grown":
        G = grown_network(people=n, groups=3, steps=6, closure=0.7, homophily=0.9, seed=seed)
        attr = "group"
    elif kind in ("krack_advice", "krack_friends"):
        G = _dataset(kind, directed=False)
        attr = "dept"
    else:
        raise P2PKitError(f"unknown network {kind!r}; choose one of {', '.join(NETWORKS)}.")
    label = nx.get_node_attributes(G, attr)
    groups = tuple(frozenset(v for v in G if label[v] == g) for g in sorted(set(label.values())))
    return G, groups, community_layout(G, groups, seed=0)


def sandbox_scene(network_: str, people: int, resolution: float, seed: int, removed: str) -> dict:
    """One state of :func:`sandbox`: communities and brokers of a network, with one person removed or nobody."""
    krack = network_.startswith("krack")
    if network_ not in NETWORKS:
        raise P2PKitError(f"unknown network {network_!r}; choose one of {', '.join(NETWORKS)}.")
    if not krack and not 12 <= people <= 2000:
        raise P2PKitError("choose between 12 and 2,000 people.")
    G, groups, pos = _sandbox_network(network_, 21 if krack else int(people), 0 if krack else int(seed))
    comms, slots = numbered(detect(G, resolution=resolution, seed=0), groups)
    q = modularity(G, comms)
    b = brokerage(G, comms)
    # a person chosen in another network is not in this one: nobody is removed
    who = node_of(G, removed) if removed and str(removed) in {str(v) for v in G} else None
    names = {v: _person(v) for v in G}
    k = len(comms)
    readout = [("Communities found", f"{k} (modularity {q:.2f})"),
               ("Brokers (a tie into another community)", f"{len(b.brokers)}")]
    if who is None:
        now, H = b, G
        shown, shown_slots = comms, slots
        readout.append(("Holds the communities together alone", ", ".join(_person(v) for v in b.critical) or "nobody"))
        what = f"Nobody is removed; {_critical_text(b)}."
    else:
        # the same communities without the person who left; a community of one leaves with them
        H = G.copy()
        H.remove_node(who)
        kept = [(c - {who}, s) for c, s in zip(comms, slots, strict=True) if c - {who}]
        shown, shown_slots = [c for c, _ in kept], [s for _, s in kept]
        now = brokerage(H, shown)
        lost = b.critical.get(who, ())
        readout += [("Removed", names[who]), ("Pairs of communities that lose touch", f"{len(lost)}"),
                    ("Clusters of communities in touch", f"{b.parts} before, {now.parts} after")]
        what = (f"{names[who].capitalize()} is removed: {_plural(len(lost), 'pair', 'pairs')} of communities "
                f"lose touch; {_plural(now.parts, 'cluster', 'clusters')} of communities now.")
    net = network(G, pos, title=f"{NETWORKS[network_]}, resolution {resolution:g}: "
                                f"{_plural(k, 'community', 'communities')}",
                  names=names, roles=_broker_roles(H, now), sizes=_broker_sizes(H, now),
                  **_group_args(shown, shown_slots), colour_by="group",
                  figures=[f for f in _broker_figures(now) if not f[0].startswith("Effective")],
                  removed=[who] if who is not None else (), removable=True, labels=False)
    summary = (f"{NETWORKS[network_]}, {G.number_of_nodes()} people, {G.number_of_edges()} ties: {k} communities at "
               f"resolution {resolution:g}, {len(b.brokers)} brokers. {what}")
    if who is None:
        verdict = brokerage_verdict(b)
    else:  # what the departure did, and who (if anyone) now holds the rest together alone
        verdict = departure_verdict(b, who) + (f" {brokerage_verdict(now)}" if now.critical else "")
    return scene(net, readout=readout, verdict=verdict, summary=summary)


def sandbox(network: str = "toy4", people: int = 38) -> Figure:
    """The chapter's sandbox: remove anyone and see whether the communities lose touch.

    Networks: the toy of :func:`resolution` (for 38 people and seed 7 the very same network),
    one grown by local rules (:func:`~p2pkit.communities.grown_network`) and Krackhardt's
    advice and friendship networks. In Jupyter also any size (toy and grown networks) and any
    seed (which draws them).
    """

    def build(network, people, resolution, seed, removed):
        return sandbox_scene(network, people, resolution, seed, removed)

    return Figure(
        "Communities and brokers: remove anyone", build,
        [choice("network", "Network", NETWORKS, network),
         slider("people", "People (toy and grown networks)", (people,), fmt="d", live=(12, 1000, 1)),
         slider("resolution", "Resolution", (1.0, 2.0), 1.0, fmt="{:g}", live=(0.1, 5.0, 0.05),
                help="Low: fewer, larger communities; high: more, smaller ones."),
         seed((7,), help="The seed draws the toy and grown networks; the same seed, the same network."),
         person("removed", "Remove a person")],
        description="A network coloured by its communities; brokers are diamonds; click a person to remove them.")


FIGURES = [growth, chart_against_communities, resolution, rumour_race, sandbox]
