"""Chapter 4 figures: ties that form and fade, a sudden need, news and opinions over time.

Scenes from :mod:`p2pkit.dynamics`: every number, verdict and list of people comes from the
model (``evolve``, ``race``, ``degroot`` and the helpers on :class:`~p2pkit.dynamics.Evolution`);
this module only names, places and arranges them.

Krackhardt's (1987) 21 managers are known only by number: they are "Manager 7" and so on,
with the chief executive (level 1) and the vice-presidents (level 2) named as such.
"""

from __future__ import annotations

import html
import math
from functools import cache, lru_cache
from itertools import pairwise

import networkx as nx

from .. import orgs
from ..dynamics import (consensus_verdict, degroot, directed_mesh, disagreement, evolve, news_verdict, race,
                        race_verdict, request_hours, sudden_need, tie_measures, trend)
from .component import Figure, choice, play, seed, slider, toggle
from .layouts import ring_layout
from .scene import chart, network, roles_by_rule, scene, series

__all__ = ["krackhardt_network", "manager_positions", "krackhardt_table", "sudden_need_race", "many_needs", "news_and_opinions", "ties_form_and_fade",
           "sandbox", "race_scene", "many_needs_scene", "flow_scene", "evolution_scene", "sandbox_scene",
           "manager_names", "REGIMES"]

#: the top of Krackhardt's chart: the chief executive
TOP = "7"
#: share of the people who have the skill a sudden need asks for (as in the chapter)
SKILLED_SHARE = 0.2
INFORMAL = {"friends": "friendship ties", "advice": "advice ties", "strangers": "no informal ties (strangers)"}
#: how a drawing, a line and a summary name the route through each informal network
_THROUGH = {"friends": "Through friendship ties", "advice": "Through advice ties", "strangers": "Strangers: no ties"}
_ROUTE = {"friends": "friendship ties", "advice": "advice ties", "strangers": "ties (there are none)"}
_THEIR = {"friends": "their friendship ties", "advice": "their advice ties", "strangers": "no informal ties at all"}
_TIE_NAME = {"friends": "friendship tie", "advice": "advice tie", "strangers": "tie"}


# ------------------------------------------------------------------ data, names and places


@cache
def krackhardt_network(name: str) -> nx.DiGraph:
    """One of chapter 4's networks of Krackhardt's (1987) 21 managers, cached: callers must not change it.

    ``name`` is ``"friends"``, ``"advice"`` (the data sets ``krack_friends`` and ``krack_advice``),
    ``"reports"`` (``krack_reports``, arcs from boss to subordinate) or ``"strangers"`` (the
    managers without any ties).

    Examples
    --------
    >>> krackhardt_network("strangers").number_of_edges(), krackhardt_network("reports").out_degree("7")
    (0, 4)
    """
    if name == "reports":
        return orgs.load_dataset("krack_reports", top_down=True)
    if name == "strangers":
        friends = krackhardt_network("friends")
        G = nx.DiGraph()
        G.add_nodes_from(friends.nodes(data=True))
        return G
    return orgs.load_dataset({"friends": "krack_friends", "advice": "krack_advice"}[name])


def manager_names(G: nx.Graph) -> dict:
    """Display names of Krackhardt's managers: "Manager 7 (chief executive)", "Manager 3", ...

    Examples
    --------
    >>> manager_names(orgs.load_dataset("krack_reports"))["7"]
    'Manager 7 (chief executive)'
    """
    titles = {1: " (chief executive)", 2: " (vice-president)"}
    return {v: f"Manager {v}" + titles.get(d.get("level"), "") for v, d in G.nodes(data=True)}


@cache
def manager_positions() -> dict:
    """One place per manager, shared by every figure of the chapter (a spring layout of the friendships)."""
    U = krackhardt_network("friends").to_undirected()
    return nx.spring_layout(U, seed=0, k=1.6 / math.sqrt(U.number_of_nodes()))


@cache
def _chart_positions() -> dict:
    """The reporting lines as an organisation chart, each boss's team side by side."""
    T = krackhardt_network("reports").to_undirected()
    depth = nx.single_source_shortest_path_length(T, TOP)
    parent = dict(nx.bfs_predecessors(T, TOP))

    def key(v):
        path = [v]
        while path[-1] in parent:
            path.append(parent[path[-1]])
        return [str(x).zfill(6) for x in reversed(path)]

    levels: dict = {}
    for v in sorted(T, key=key):
        levels.setdefault(depth[v], []).append(v)
    deepest = max(levels)
    pos = {}
    for d, members in levels.items():
        for i, v in enumerate(members):
            # the bottom row is wide: stagger it on two lines so that people do not touch
            stagger = 0.18 if d == deepest and i % 2 else 0.0
            pos[v] = ((i + 0.5) / len(members) * 2 - 1, 1 - 2 * d / max(deepest, 1) - stagger)
    return pos


@lru_cache(maxsize=8)
def _mesh(people: int, seed: int):
    """A directed peer mesh, its chart (everyone has four reports, person 0 on top), its places."""
    G = directed_mesh(people, k=4, rewire=0.1, mutual=0.5, seed=seed)
    tree = orgs.org_chart(people, span=4)
    return G, tree, 0, ring_layout(G, centre=None)


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _hours(x: float) -> str:
    if not math.isfinite(x):
        return "never"
    x = round(x, 2)
    return f"{x:g} hour" + ("" if x == 1 else "s")


# ------------------------------------------------------------------ the Krackhardt table


class _Table:
    """A plain HTML table (escaped) for a notebook cell's output."""

    def __init__(self, caption: str, head: list, rows: list):
        self.caption, self.head, self.rows = caption, head, rows

    def _repr_html_(self) -> str:
        e = html.escape
        head = "".join(f"<th scope='col'>{e(h)}</th>" for h in self.head)
        body = "".join("<tr><th scope='row'>" + e(r[0]) + "</th>" + "".join(f"<td>{e(c)}</td>" for c in r[1:])
                       + "</tr>" for r in self.rows)
        return (f"<table class='table p2p-plain-table'><caption>{e(self.caption)}</caption>"
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")

    def __repr__(self) -> str:
        return "\n".join(" | ".join(map(str, r)) for r in [self.head, *self.rows])


def krackhardt_table() -> _Table:
    """Ties, density, reciprocity and clustering of Krackhardt's advice and friendship networks.

    Examples
    --------
    >>> krackhardt_table().rows[1]
    ['Friendship: who are your friends?', '102', '0.24', '46 (45%)', '0.47']
    """
    rows = []
    for name, key in (("Advice: whom do you go to?", "advice"), ("Friendship: who are your friends?", "friends")):
        m = tie_measures(krackhardt_network(key))
        rows.append([name, str(m.ties), f"{m.density:.2f}", f"{2 * m.mutual_pairs} ({m.reciprocity:.0%})",
                     f"{m.clustering:.2f}"])
    return _Table("Krackhardt's 21 managers: two networks on the same people",
                  ["Network", "Ties", "Density", "Ties returned", "Clustering"], rows)


# ------------------------------------------------------------------ one sudden need


def _race_roles(G, need, response, boss=None) -> dict:
    return roles_by_rule(G, [("need", [need.origin]), ("recruited", response.recruits),
                             ("boss", [] if boss is None else [boss]), ("skilled", need.skilled)])


def _route_kinds(G, response) -> tuple[nx.Graph, dict]:
    """The ties to draw (directions dropped: a request uses a tie either way) and their kinds."""
    U = nx.Graph()
    U.add_nodes_from(G)
    U.add_edges_from(G.edges())
    kinds = {e: "t" for e in U.edges()}
    for path in response.paths:
        for a, b in pairwise(path):
            kinds[(a, b)] = kinds[(b, a)] = "r"
    for a, b in response.new_ties:
        U.add_edge(a, b)
        kinds[(a, b)] = kinds[(b, a)] = "n"
    return U, kinds


def _when(resp, extra: str = "") -> str:
    if not resp.met:
        return "never met"
    return f"met in {_hours(resp.hours)} ({_plural(resp.hops, 'hand-off')}{extra})"


def _need_panel(G, need, response, pos, names, tie_name, title, hours_to=None, nodes=None) -> dict:
    U, kinds = _route_kinds(G, response)
    figures = [("Hours until the request reaches them", hours_to, "~g")] if hours_to is not None else []
    return network(U, pos, title=title, names=names, roles=_race_roles(G, need, response), figures=figures,
                   tie_kinds=kinds, kind_names={"t": tie_name, "r": "route of the request",
                                                "n": "new tie to the person in need"},
                   kind_roles={"r": "recruited", "n": "recruited"}, directed=False, nodes=nodes)


def race_scene(informal: str, k: int, seed: int) -> dict:
    """One state of :func:`sudden_need_race`: one need, through ties (left) and up the chart (right)."""
    G, reports = krackhardt_network(informal), krackhardt_network("reports")
    need = sudden_need(krackhardt_network("friends"), k=k, skilled_share=SKILLED_SHARE, seed=seed)
    r = race(G, reports, need, TOP)
    names = manager_names(reports)
    order = list(krackhardt_network("friends"))
    left = _need_panel(G, need, r.ties, manager_positions(), names, _TIE_NAME[informal],
                       f"{_THROUGH[informal]}: {_when(r.ties)}", request_hours(G, need.origin), order)
    U, kinds = _route_kinds(reports, r.chain)
    wait = f", {_hours(r.chain.waited_hours)} waiting" if r.chain.waited_hours else ""
    levels = {v: d["level"] for v, d in reports.nodes(data=True)}
    right = network(U, _chart_positions(), names=names,
                    title=f"Chain of command: {_when(r.chain, ' + half an hour to decide' + wait)}",
                    roles=_race_roles(reports, need, r.chain, r.chain.boss),
                    figures=[("Level (1: chief executive)", levels, "d")],
                    tie_kinds=kinds, kind_names={"t": "reporting line", "r": "route of the request"},
                    kind_roles={"r": "recruited"}, directed=False, nodes=order)
    skilled = len(need.skilled)
    by_ties = _hours(r.ties.hours) + (f", {_plural(r.ties.hops, 'hand-off')}" if r.ties.met else "")
    by_chain = _hours(r.chain.hours) + (f", {_plural(r.chain.hops, 'hand-off')} + half an hour at "
                                        f"{names[r.chain.boss]}" if r.chain.met else "")
    readout = [("The need", f"{_plural(k, 'person', 'people')} with the skill, next to {names[need.origin]}"),
               ("People with the skill", f"{skilled}"),
               ("Through ties", by_ties),
               ("Chain of command", by_chain),
               ("New ties formed", f"{len(r.ties.new_ties)}")]
    ties_said = (f"the request reached {_plural(k, 'skilled manager')} in {_hours(r.ties.hours)}"
                 if r.ties.met else "the request never reached enough skilled managers")
    summary = (f"Two drawings of the same 21 managers. A need for {_plural(k, 'person', 'people')} appears next "
               f"to {names[need.origin]} (star); {skilled} managers have the skill. Left, {_THEIR[informal]}: "
               f"{ties_said}. Right, the reporting lines: the request climbs to {names[r.chain.boss]}, who sends "
               + (f"orders down; met in {_hours(r.chain.hours)}." if r.chain.met else "nobody; never met."))
    return scene(left, right, readout=readout, verdict=race_verdict(r), summary=summary)


def sudden_need_race(informal: str = "friends", k: int = 3, seed_value: int = 1) -> Figure:
    """One sudden need, met through the informal ties and through the chain of command.

    Controls: which informal network the request travels (friendship, advice, none), how
    many skilled people the need asks for, and the need itself (the seed: where it appears
    and who has the skill).
    """
    return Figure(
        "One sudden need: through ties or up the chain of command", race_scene,
        [choice("informal", "Informal network", INFORMAL, informal,
                help="The ties the request can travel along, in either direction."),
         slider("k", "People needed", (1, 2, 3, 4), k, fmt="d", live=(1, 10, 1),
                help="How many people with the skill the need asks for."),
         seed((0, 1, 2, 3, 4), seed_value, label="The need (seed)",
              help="Where the need appears and who has the skill: another seed, another need.")],
        description="Krackhardt's 21 managers twice: their informal ties and their organisation chart, "
                    "with the route a sudden request takes in each.")


# ------------------------------------------------------------------ many needs at once


def _met_curve(hours: list, horizon: float) -> tuple[list, list]:
    """Needs met so far, as the corners of a step line from 0 to ``horizon``."""
    xs, ys = [0.0], [0]
    for i, t in enumerate(sorted(h for h in hours if math.isfinite(h)), 1):
        if t == xs[-1]:
            ys[-1] = i
        else:
            xs.append(t)
            ys.append(i)
    xs.append(horizon)
    ys.append(ys[-1])
    return xs, ys


def many_needs_scene(needs: int, k: int, informal: str, seed: int) -> dict:
    """One state of :func:`many_needs`: several needs at once, met hour by hour by each route."""
    friends = krackhardt_network("friends")
    lst = [sudden_need(friends, k=k, skilled_share=SKILLED_SHARE, seed=100 * (seed + 1) + i) for i in range(needs)]
    races = race(krackhardt_network(informal), krackhardt_network("reports"), lst, TOP)
    ties = [r.ties.hours for r in races]
    chain = [r.chain.hours for r in races]
    finite = [x for x in ties + chain if math.isfinite(x)]
    horizon = max(finite + [1.0]) + 1
    tx, ty = _met_curve(ties, horizon)
    cx, cy = _met_curve(chain, horizon)
    panel = chart(f"{_plural(needs, 'need')} for {_plural(k, 'person', 'people')} each, at the same moment",
                  [series(_ROUTE[informal], tx, ty, role="recruited", step=True),
                   series("chain of command", cx, cy, role="boss", dash=True, step=True)],
                  x_label="hours after the needs appeared", y_label="needs met", y_format="d",
                  x_domain=[0, horizon], y_domain=[0, needs])
    names = manager_names(friends)
    met_t, met_c = sum(map(math.isfinite, ties)), sum(map(math.isfinite, chain))
    waited = max(r.chain.waited_hours for r in races)
    def met(hours, count):
        last = max((x for x in hours if math.isfinite(x)), default=None)
        return f"{count} of {needs}" + (f", the last after {_hours(last)}" if last is not None else "")

    readout = [("Met through ties", met(ties, met_t)),
               ("Met through the chain", met(chain, met_c)),
               ("Longest wait at a boss", _hours(waited) if waited else "none")]
    short = lambda x: f"{round(x, 2):g}\u00a0h" if math.isfinite(x) else "never"  # noqa: E731
    for i, r in enumerate(races, 1):
        readout.append((f"Need {i}, next to {names[r.need.origin]}",
                        f"ties {short(r.ties.hours)} · chain {short(r.chain.hours)}"))
    summary = (f"A step chart of needs met against hours, for {needs} needs that appear at once, each for "
               f"{_plural(k, 'person', 'people')} with a skill. Through {_ROUTE[informal]} {met_t} are met, "
               f"through the chain of command {met_c}; the chain's answers leave its bosses one at a time.")
    return scene(panel, readout=readout, verdict=race_verdict(races), summary=summary)


def many_needs(needs: int = 6, k: int = 2, informal: str = "friends", seed_value: int = 0) -> Figure:
    """Several needs at once: how many each route has met, hour by hour (the boss is a queue)."""
    return Figure(
        "Many needs at once", many_needs_scene,
        [slider("needs", "Needs at once", (2, 4, 6, 8), needs, fmt="d", live=(1, 12, 1)),
         slider("k", "People per need", (1, 2, 3), k, fmt="d", live=(1, 5, 1)),
         choice("informal", "Informal network", INFORMAL, informal),
         seed((0, 1), seed_value, label="The needs (seed)",
              help="Where the needs appear and who has the skill: another seed, other needs.")],
        description="A step chart: needs met so far against hours, through ties and through the chain of command.")


# ------------------------------------------------------------------ news and opinions


#: the four ways ties evolve in the ring: key -> (label, short label, keyword rates of evolve)
REGIMES = {
    "still": ("ties stay as they are", "unchanged", {}),
    "friends": ("friends of friends meet", "friends of friends", dict(closure=0.5, reciprocate=0.5, decay=0.1)),
    "strangers": ("strangers meet", "strangers", dict(meet=0.5, reciprocate=0.5, decay=0.1)),
    "fade": ("ties fade, none form", "fading only", dict(decay=0.2)),
}
_REGIME_ROLE = {"still": "rumour", "friends": "reached", "strangers": "peer", "fade": "centre"}
FLOW_STEPS = 12
#: agreement: every opinion within this of the others
TOLERANCE = 0.1


@cache
def _ring() -> nx.DiGraph:
    return directed_mesh(40, k=4, rewire=0.0, mutual=1.0, seed=0)


def _opinions() -> dict:
    return {v: float(v < 20) for v in _ring()}


@lru_cache(maxsize=64)
def _flow_run(regime: str, seed: int):
    ev = evolve(_ring(), FLOW_STEPS, news_from=[0], seed=seed, **REGIMES[regime][2])
    return ev, degroot(ev, _opinions())


def flow_scene(regime: str, step: int, seed: int) -> dict:
    """One state of :func:`news_and_opinions`: the ring at ``step`` under one regime, and all four curves."""
    ev, hist = _flow_run(regime, seed)
    n = len(ev.nodes)
    heard = ev.informed[step]
    opinion = dict(zip(ev.nodes, hist[step].tolist(), strict=True))
    start = dict(zip(ev.nodes, hist[0].tolist(), strict=True))
    G = ev.network(step)
    U = nx.Graph()
    U.add_nodes_from(G)
    U.add_edges_from(G.edges())
    label = REGIMES[regime][0]
    net = network(U, ring_layout(U, centre=None),
                  title=f"{label.capitalize()}: step {step}, {_plural(U.number_of_edges(), 'pair')} tied",
                  names={v: f"Person {v}" for v in U}, roles={v: "heard" if v in heard else "unheard" for v in U},
                  sizes=opinion, figures=[("Opinion now", opinion, ".2f"), ("Opinion at the start", start, ".2f")],
                  directed=False)
    heard_lines, gap_lines, rows = [], [], []
    steps = list(range(FLOW_STEPS + 1))
    for key, (lab, short, _) in REGIMES.items():
        e, h = _flow_run(key, seed)
        share = [len(s) / n for s in e.informed]
        gap = disagreement(h).tolist()
        look = dict(role=_REGIME_ROLE[key], dash=key != regime, points=key == regime)
        heard_lines.append(series(short, steps, share, **look))
        gap_lines.append(series(short, steps, gap, **look))
        rows.append((lab.capitalize() + (" (shown)" if key == regime else ""),
                     f"{share[step]:.0%} heard, opinions {gap[step]:.2f} apart"))
    gap_lines.append(series(f"agreed (gap {TOLERANCE:g})", [0, FLOW_STEPS], [TOLERANCE, TOLERANCE], role="removed",
                            dash=True))
    news = chart("Share who have heard the news", heard_lines, x_label="step", y_label="share who have heard",
                 y_format=".0%", x_domain=[0, FLOW_STEPS], y_domain=[0, 1], marker_x=step)
    gaps = chart("Highest minus lowest opinion", gap_lines, x_label="step", y_label="gap between opinions",
                 x_domain=[0, FLOW_STEPS], y_domain=[0, 1], marker_x=step)
    verdict = news_verdict(ev.until(step)) + " " + consensus_verdict(hist[: step + 1], tolerance=TOLERANCE, network=G)
    summary = (f"Forty people on a ring, step {step} of {FLOW_STEPS}, when {label}: {len(heard)} of {n} have heard the "
               f"news, {U.number_of_edges()} pairs are tied, and the highest and lowest opinions are "
               f"{disagreement(hist)[step]:.2f} apart. Two charts trace the share who have heard and the gap "
               "between opinions for all four ways the ties can evolve.")
    return scene(net, news, gaps, readout=rows, verdict=verdict, summary=summary,
                 caption="Marks grow with a person's opinion, from 0 (small) to 1 (large); triangles have heard the "
                         "news. Everyone averages their opinion with those they are tied to at that step.")


def news_and_opinions(regime: str = "strangers", step: int = FLOW_STEPS, seed_value: int = 0) -> Figure:
    """News and opinions in the same ring of 40 people under four ways their ties evolve, step by step."""
    return Figure(
        "The same people, different dynamics", flow_scene,
        [choice("regime", "How ties evolve", {k: v[0] for k, v in REGIMES.items()}, regime,
                help="The ring drawn on the left; the charts show all four."),
         play("step", "Step", range(FLOW_STEPS + 1), step, fmt="d", interval_ms=700),
         seed((0, 1), seed_value, help="The random choices of which ties form and fade.")],
        description="A ring of 40 people whose ties evolve, with two charts: who has heard the news, "
                    "and how far apart opinions are.")


# ------------------------------------------------------------------ ties that form and fade


EVOLUTION_STEPS = 11
SANDBOX_STEPS = 12


@lru_cache(maxsize=128)
def _evolution(start: str, people: int, steps: int, reciprocate: float, closure: float, decay: float,
               meet: float, seed: int):
    if start == "mesh":
        G, tree, top, pos = _mesh(people, seed)
    else:
        G, tree, top, pos = krackhardt_network(start), krackhardt_network("reports"), TOP, manager_positions()
    ev = evolve(G, steps, meet=meet, reciprocate=reciprocate, closure=closure, decay=decay, seed=seed)
    return ev, tree, top, pos, [ev.measures(t) for t in range(steps + 1)]


_MEASURES = (("density", "density", "peer", False), ("clustering", "clustering", "reached", True),
             ("reciprocity", "reciprocity", "bridge", False), ("in_touch", "pairs still in touch", "centre", True))


def _measures_chart(ms: list, t: int, title: str) -> dict:
    steps = list(range(len(ms)))
    lines = [series(label, steps, [getattr(m, attr) for m in ms], role=role, dash=dash)
             for attr, label, role, dash in _MEASURES]
    return chart(title, lines, x_label="step", y_label="share (0 to 1)", x_domain=[0, len(ms) - 1],
                 y_domain=[0, 1], marker_x=t)


def _change_panel(ev, t: int, pos, names, roles, title: str, directed: bool) -> dict:
    """The ties after step ``t`` with those formed in it, and those that faded in it drawn dotted."""
    formed, faded = ev.tie_changes(t)
    D = ev.network(t)
    D.add_edges_from(faded)
    kinds = {e: "t" for e in D.edges()}   # one-letter kinds keep the page light
    kinds.update({e: "f" for e in formed})
    kinds.update({e: "x" for e in faded})
    if not directed:
        D = nx.Graph(D)
    return network(D, pos, title=title, names=names, roles=roles,
                   figures=[("People tied to now", ev.contacts(t), "d"),
                            ("People tied to at the start", ev.contacts(0), "d")],
                   tie_kinds=kinds, kind_names={"t": "tie (arrow: who names whom)" if directed else "tie",
                                                "f": "formed in this step", "x": "faded in this step"},
                   kind_roles={"f": "new", "x": "centre"}, directed=directed, nodes=list(ev.nodes))


def _evolution_readout(ev, ms, t: int) -> list:
    m = ms[t]
    formed, faded = (ev.formed[t - 1], ev.faded[t - 1]) if t else (0, 0)
    return [("People / ties", f"{m.people}\u00a0/\u00a0{m.ties}"),
            ("Ties formed / faded in this step", f"{formed}\u00a0/\u00a0{faded}"),
            ("Density", f"{m.density:.2f}"),
            ("Clustering", f"{m.clustering:.2f}"),
            ("Reciprocity (ties returned)", f"{m.reciprocity:.2f}"),
            ("Pairs still in touch", f"{m.in_touch:.0%}"),
            ("People cut off from the largest group", f"{len(ev.outside(t))}")]


def _krack_roles(ev, t: int) -> dict:
    out = set(ev.outside(t))
    return {v: "cut_off" if v in out else ("chief" if v == TOP else "peer") for v in ev.nodes}


def evolution_scene(step: int, reciprocate: float, closure: float, decay: float, meet: float, seed: int) -> dict:
    """One state of :func:`ties_form_and_fade`: the managers' friendships after ``step`` steps."""
    ev, _, _, pos, ms = _evolution("friends", 0, EVOLUTION_STEPS, reciprocate, closure, decay, meet, seed)
    names = manager_names(krackhardt_network("friends"))
    m = ms[step]
    net = _change_panel(ev, step, pos, names, _krack_roles(ev, step), f"Step {step} of {EVOLUTION_STEPS}: "
                        f"{_plural(m.ties, 'tie')}", directed=True)
    trends = _measures_chart(ms, step, "Four measures, step by step")
    formed, faded = (ev.formed[step - 1], ev.faded[step - 1]) if step else (0, 0)
    cut = len(ev.outside(step))
    summary = (f"The 21 managers' friendships after {_plural(step, 'step')}: {m.ties} ties ({formed} formed and "
               f"{faded} faded in this step), density {m.density:.2f}, clustering {m.clustering:.2f}, reciprocity "
               f"{m.reciprocity:.2f}; {m.in_touch:.0%} of pairs can still reach each other and "
               f"{_plural(cut, 'manager is', 'managers are')} cut off from the largest group.")
    return scene(net, trends, readout=_evolution_readout(ev, ms, step), verdict=trend(ev.until(step)), summary=summary)


def ties_form_and_fade(reciprocate: float = 0.2, closure: float = 0.2, decay: float = 0.25, meet: float = 0.0,
                       step: int = 0) -> Figure:
    """Krackhardt's managers' friendships, step by step, as ties are returned, introduced, met and fade."""
    rate = dict(fmt=".2f", live=(0.0, 1.0, 0.05))
    return Figure(
        "Ties that form and fade", evolution_scene,
        [play("step", "Step", range(EVOLUTION_STEPS + 1), step, fmt="d"),
         slider("reciprocate", "Return a tie", (0.0, 0.2, 0.4, 0.6), reciprocate,
                help="Probability that a one-way tie is returned in a step.", **rate),
         slider("closure", "Introduce two friends", (0.2,), closure,
                help="Probability that a person introduces two of their contacts in a step.", **rate),
         slider("decay", "Unused tie fades", (0.1, 0.25), decay,
                help="Probability that a tie nobody used in the step fades.", **rate),
         slider("meet", "Meet strangers", (0.0, 0.3), meet,
                help="Probability that a person reaches out to someone they have no tie to.", **rate),
         seed((0,), 0)],
        description="The 21 managers' friendship ties, drawn with arrows, and a chart of density, clustering, "
                    "reciprocity and the share of pairs in touch over the steps.")


# ------------------------------------------------------------------ the sandbox


START = {"mesh": "A peer mesh", "friends": "Krackhardt's managers: friendship",
         "advice": "Krackhardt's managers: advice"}


def sandbox_scene(start: str, people: int, step: int, need: bool, reciprocate: float, closure: float,
                  decay: float, meet: float, seed: int) -> dict:
    """One state of :func:`sandbox`: a network after ``step`` steps, and perhaps a sudden need in it."""
    ev, tree, top, pos, ms = _evolution(start, people if start == "mesh" else 0, SANDBOX_STEPS, reciprocate,
                                        closure, decay, meet, seed)
    n = len(ev.nodes)
    m = ms[step]
    krack = start != "mesh"
    names = manager_names(krackhardt_network("friends")) if krack else {v: f"Person {v}" for v in ev.nodes}
    what = START[start] if krack else f"A peer mesh of {n} people"
    trends = _measures_chart(ms, step, "Four measures, step by step")
    readout = _evolution_readout(ev, ms, step)
    verdict = trend(ev.until(step))
    if not need:
        out = set(ev.outside(step))
        roles = _krack_roles(ev, step) if krack else {v: "cut_off" if v in out else "peer" for v in ev.nodes}
        net = _change_panel(ev, step, pos, names, roles, f"{what}, step {step}: {_plural(m.ties, 'tie')}",
                            directed=n <= 60)
        summary = (f"{what} after {_plural(step, 'step')}: {m.ties} ties, density {m.density:.2f}, clustering "
                   f"{m.clustering:.2f}, reciprocity {m.reciprocity:.2f}; {m.in_touch:.0%} of pairs still in touch.")
        return scene(net, trends, readout=readout, verdict=verdict, summary=summary)
    current = ev.network(step)
    nd = sudden_need(current, k=3, skilled_share=0.15, seed=seed + 1000 * step)
    r = race(current, tree, nd, top)
    net = _need_panel(current, nd, r.ties, pos, names, "tie", f"{what}, step {step}: a need for 3 people",
                      request_hours(current, nd.origin), list(ev.nodes))
    chart_of = "Krackhardt's reporting lines" if krack else "everyone has four reports, person 0 on top"
    readout += [("Sudden need for 3 people, next to", names[nd.origin]),
                ("People with the skill", f"{len(nd.skilled)}"),
                ("Through ties", _when(r.ties)),
                (f"Chain of command ({chart_of})", _when(r.chain, " + half an hour to decide"))]
    summary = (f"{what} after {_plural(step, 'step')}, {m.ties} ties. A need for 3 people appears next to "
               f"{names[nd.origin]} (star); through ties it is {_when(r.ties)}, through the chain of command "
               f"{_when(r.chain)}.")
    return scene(net, trends, readout=readout, verdict=race_verdict(r) + " " + verdict, summary=summary)


def sandbox(start: str = "mesh", people: int = 30, step: int = 6, need: bool = False) -> Figure:
    """The chapter-4 sandbox: any starting network and rates, any step, and a sudden need on demand.

    On the site: three starting networks, two sizes of mesh, the steps, the need and two
    seeds. In Jupyter (Binder) also the four rates, any size up to 1,000 people and any seed.
    """
    rate = dict(fmt=".2f", live=(0.0, 1.0, 0.05))
    return Figure(
        "Sandbox: ties that fade, and a sudden need", sandbox_scene,
        [choice("start", "Start from", START, start),
         slider("people", "People (peer mesh)", (30, 60), people, fmt="d", live=(10, 1000, 1),
                help="The size of the peer mesh (Krackhardt's managers are always 21)."),
         play("step", "Step", range(0, SANDBOX_STEPS + 1, 2), step, fmt="d"),
         toggle("need", "A sudden need appears", need,
                help="A need for 3 people with a skill, met through the ties of this step and through the chart."),
         slider("reciprocate", "Return a tie", (0.2,), 0.2, **rate),
         slider("closure", "Introduce two friends", (0.2,), 0.2, **rate),
         slider("decay", "Unused tie fades", (0.25,), 0.25, **rate),
         slider("meet", "Meet strangers", (0.0,), 0.0, **rate),
         seed((0, 1))],
        description="A network whose ties form and fade, a chart of its measures and, on demand, "
                    "a sudden need met through its ties and through a chain of command.")


FIGURES = [sudden_need_race, many_needs, news_and_opinions, ties_form_and_fade, sandbox]
