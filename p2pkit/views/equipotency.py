"""Chapter 3 figures: how evenly influence is spread, whose opinion wins, who takes the lead.

Scenes from :mod:`p2pkit.equipotency` (with the shapes of :mod:`p2pkit.orgs`):

- :func:`hierarchy_to_equipotent` -- a formal chart moving to an equipotent mesh (Play), under
  four measures of influence, for three organisations;
- :func:`managers_table` -- Krackhardt's 21 managers: chart, advice and friendship (a table);
- :func:`degroot_rounds` -- a group making up its mind round by round (Play), star against mesh;
- :func:`wisdom_figure` -- is the crowd wise? consensus error against size and largest weight;
- :func:`deference_figure` -- when deferring to a well-informed leader helps;
- :func:`leadership_figure` -- one fixed leader against a lead that moves with the task;
- :func:`chart_sandbox` -- the Live sandbox: any size and span, any point on the way, any seed.

"Share of routes between others" is always normalised betweenness (Freeman 1977), as in
chapter 1; a person's share of the *total* brokerage (their part of everyone's betweenness
added up) is a different number and is named so.
"""

from __future__ import annotations

import html
import math
from functools import lru_cache

import numpy as np

from .. import orgs
from ..equipotency import (
    assign_skills, consensus, consensus_error_bounds, consensus_error_sd, equipotency_profile, fixed_leader,
    fixed_leader_expected, influence_weights, leadership_verdict, round_verdict, signals, situational_leader,
    task_stream, trust_matrix, trust_rounds, verdict, wisdom, wisdom_verdict,
)
from ..errors import P2PKitError
from ..orgs import chart_to_mesh, org_chart
from .component import Figure, choice, play, seed, slider
from .layouts import ring_layout
from .scene import bars, chart, network, scene, series

__all__ = ["hierarchy_to_equipotent", "managers_table", "degroot_rounds", "wisdom_figure",
           "deference_figure", "leadership_figure", "chart_sandbox", "structure_scene", "rounds_scene",
           "wisdom_scene", "deference_scene", "leadership_scene"]

#: the chapter's goal: nobody holds more than this share
GOAL = 0.10
#: the organisations of the Explore figure: people -> span of control of the complete chart
ORGANISATIONS = {13: 3, 40: 3, 156: 5}
ORGANISATION_NAMES = {13: "13 people (3 levels, span 3)", 40: "40 people (4 levels, span 3)",
                      156: "156 people (4 levels, span 5)"}
MEASURES = {"betweenness": "brokerage (betweenness)", "degree": "ties (degree)", "closeness": "closeness",
            "degroot": "consensus weight (DeGroot)"}
SHARE_OF = {"betweenness": "Share of total brokerage", "degree": "Share of all ties",
            "closeness": "Share of total closeness", "degroot": "Weight in the consensus"}
SHORT = {"betweenness": "brokerage", "degree": "ties", "closeness": "closeness", "degroot": "consensus weight"}
#: Krackhardt's measures need every pair's reach: computed up to this many people
KRACKHARDT_LIMIT = 400
P_STEPS = tuple(i / 10 for i in range(11))
#: a marker is full size at this many times an equal share
FULL_SIZE = 8.0


# ------------------------------------------------------------------ people


@lru_cache(maxsize=64)
def _chart_positions(people: int, span: int) -> dict:
    """Where everyone stands: the chart drawn outwards from its top, level ``l`` on ring ``l``.

    Each level has ``span**l`` places around its ring, so everyone sits in the middle of their
    manager's sector; the positions depend only on the chart, never on the ties of a state.
    """
    G = org_chart(people, span)
    levels: dict[int, list] = {}
    for v, d in G.nodes(data=True):
        levels.setdefault(d["level"], []).append(v)
    depth = max(levels)
    pos = {}
    for lvl, members in levels.items():
        places = span ** lvl
        r = lvl / max(depth, 1)
        for j, v in enumerate(sorted(members)):
            a = math.pi / 2 - 2 * math.pi * (j + 0.5) / places
            pos[v] = (r * math.cos(a), r * math.sin(a))
    return pos


def _names(G) -> dict:
    out = {}
    for v, d in G.nodes(data=True):
        if d.get("level") == 0:
            out[v] = f"Person {v} (top of the chart)"
        else:
            out[v] = f"Person {v} ({'manager' if d.get('role') == 'manager' else 'staff'}, level {d.get('level')})"
    return out


def _roles(G) -> dict:
    return {v: "centre" if d.get("level") == 0 else ("manager" if d.get("role") == "manager" else "peer")
            for v, d in G.nodes(data=True)}


def _size(share: float, people: int) -> float:
    """Marker size from a share: grows with share / equal share, full at FULL_SIZE times."""
    return round(min(1.0, share * people / FULL_SIZE), 2)


def _shown(values, digits: int) -> dict:
    """Values rounded to what the page shows (``digits`` decimals), to keep the page light."""
    return {k: round(float(v), digits) for k, v in dict(values).items()}


# ------------------------------------------------------------------ structure


@lru_cache(maxsize=64)
def _network(people: int, span: int, p: float, seed: int):
    return chart_to_mesh(people, span, p, seed=seed)


@lru_cache(maxsize=256)
def _profile(people: int, span: int, p: float, seed: int, measure: str):
    return equipotency_profile(_network(people, span, p, seed), measure, krackhardt_measures=False)


@lru_cache(maxsize=128)
def _krackhardt(people: int, span: int, p: float, seed: int):
    if people > KRACKHARDT_LIMIT:
        return None
    return equipotency_profile(_network(people, span, p, seed), "degree").krackhardt


def _measure_bars(prof, kr) -> dict:
    """Freeman's centralizations, the Gini of each centrality and Krackhardt's four (all 0 to 1).

    The same whatever measure of influence is chosen, so states that differ only in the
    measure share this panel on the page."""
    cz, gn = prof.centralization, prof.gini
    items = [(f"Centralization of {SHORT[m]}", cz[m], f"{cz[m]:.2f}", "centre")
             for m in ("degree", "betweenness", "closeness")]
    items += [(f"Gini of {SHORT[m]}", gn[m], f"{gn[m]:.2f}", "bridge") for m in ("degree", "betweenness", "closeness")]
    note = "Centralization: 1 for a star. Gini: 0 when everyone is equal. "
    if kr is not None:
        items += [("Krackhardt: connectedness", kr["connectedness"], f"{kr['connectedness']:.2f}", "manager"),
                  ("Krackhardt: hierarchy", kr["hierarchy"], f"{kr['hierarchy']:.2f}", "manager"),
                  ("Krackhardt: efficiency", kr["efficiency"], f"{kr['efficiency']:.2f}", "manager"),
                  ("Krackhardt: least upper bound", kr["lub"], f"{kr['lub']:.2f}", "manager")]
        note += "Krackhardt's four: 1 for a formal chart."
    else:
        note += f"Krackhardt's four are computed up to {KRACKHARDT_LIMIT} people."
    return bars("Measures, 0 to 1", items, note=note)


def structure_scene(people: int, span: int, p: float, measure: str, seed: int = 0, path: bool = False) -> dict:
    """One state of :func:`hierarchy_to_equipotent` (``path=True``) or :func:`chart_sandbox`.

    The network at ``p`` (:func:`p2pkit.orgs.chart_to_mesh`), its profile under
    ``measure`` (:func:`p2pkit.equipotency.equipotency_profile`) and the model's verdict;
    with ``path``, also the biggest share at each step of the way so far.
    """
    G = _network(people, span, p, seed)
    prof = _profile(people, span, p, seed, measure)
    kr = _krackhardt(people, span, p, seed)
    names, roles = _names(G), _roles(G)
    top, share = prof.top, prof.top_share
    net = network(
        G, _chart_positions(people, span), title=f"{p:.0%} of the way to equipotent · {prof.ties} ties",
        names=names, roles=roles, sizes={v: _size(s, people) for v, s in prof.shares.items()},
        figures=[("Ties", dict(G.degree()), "d"),
                 ("Share of routes between others", _shown(prof.routes, 3), ".0%"),
                 (SHARE_OF[measure], _shown(prof.shares, 4), ".1%")],
        highlight=[top], labels=False, nodes=range(people))
    panels = [net]
    readout = [("People / ties", f"{people}\u00a0/\u00a0{prof.ties}"),
               (f"Biggest {SHARE_OF[measure].lower()} (ringed)", f"{names[top]}: {share:.1%}"),
               ("An equal share", f"{prof.equal_share:.1%}"),
               ("Top of the chart: share of routes between others", f"{prof.routes[0]:.0%}")]
    if path:
        # the way so far (the steps up to this one), on axes that stay put as it grows
        steps = [_profile(people, span, q, seed, measure) for q in P_STEPS]
        tops = [s.top_share for s in steps]
        done = [i for i, q in enumerate(P_STEPS) if q <= p + 1e-9]
        first = next((P_STEPS[i] for i in done if tops[i] <= GOAL), None)
        panels.append(chart(
            "The biggest share so far", [
                series("biggest share", [P_STEPS[i] for i in done], [tops[i] for i in done], role="peer",
                       points=True),
                series("top of the chart", [P_STEPS[i] for i in done], [steps[i].shares[0] for i in done],
                       role="centre", dash=True, points=len(done) == 1),
                series(f"goal: {GOAL:.0%}", (0.0, 1.0), (GOAL, GOAL), role="reached", dash=True),
                series("equal share", (0.0, 1.0), (prof.equal_share,) * 2, role="other", dash=True)],
            x_label="of the way from chart to equipotent", y_label=SHARE_OF[measure].lower(),
            x_format=".0%", y_format=".0%", x_domain=(0.0, 1.0),
            y_domain=(0.0, max(max(tops), GOAL) * 1.12), marker_x=p, marker_label="now"))
        readout.append((f"First step so far with nobody above {GOAL:.0%}",
                        f"{first:.0%}" if first is not None else ("none on this path" if p >= 1 else "not yet")))
    panels.append(_measure_bars(prof, kr))
    summary = (f"A chart of {people} people (span {span}) {p:.0%} of the way to an equipotent mesh, {prof.ties} "
               f"ties; everyone drawn larger the bigger their {SHORT[measure]} share. The biggest, {share:.1%} "
               f"({prof.top_ratio:.1f} times an equal share), is {names[top]}'s; the top of the chart lies on "
               f"{prof.routes[0]:.0%} of the routes between others.")
    return scene(*panels, readout=readout, verdict=verdict(prof, GOAL), summary=summary)


def hierarchy_to_equipotent(people: int = 40, measure: str = "betweenness", p: float = 0.0) -> Figure:
    """Move a formal chart towards an equipotent mesh (Play), under four measures of influence.

    Controls: how far towards the mesh (0-100 %, with a Play button), what counts as
    influence (brokerage, ties, closeness or weight in the consensus) and the organisation.
    People stay where the chart puts them; each is drawn larger the bigger their share.
    """
    def build(p, measure, people):
        return structure_scene(people, ORGANISATIONS[people], p, measure, 0, path=True)

    return Figure(
        "From a formal chart to an equipotent network", build,
        [play("p", "Chart → equipotent", P_STEPS, p, fmt=".0%", interval_ms=900,
              help="0%: the formal chart; 100%: a peer mesh in which everyone has about four ties."),
         choice("measure", "Influence as", MEASURES, measure,
                help="What counts as a person's share of influence."),
         choice("people", "Organisation", ORGANISATION_NAMES, people)],
        description="An organisation chart drawn outwards from its top; lateral ties appear and reporting "
                    "lines go as it moves towards a peer mesh.")


def chart_sandbox(people: int = 40) -> Figure:
    """The Live sandbox: a chart of any size and span, anywhere on its way to a mesh, any seed."""
    def build(people, span, p, measure, seed):
        return structure_scene(int(people), int(span), float(p), measure, int(seed))

    return Figure(
        "Any chart, any size", build,
        [slider("people", "People", (13, 40, 121), people, fmt="d", live=(5, 1000, 1)),
         slider("span", "Span of control", (3, 5), 3, fmt="d", live=(2, 30, 1),
                help="How many reports each manager has; the last level may be partly filled."),
         slider("p", "Chart → equipotent", (0.0, 0.5, 1.0), 0.5, fmt=".0%", live=(0.0, 1.0, 0.01)),
         choice("measure", "Influence as", MEASURES, "betweenness"),
         seed((0, 1), help="The order in which ties change, and the mesh's long-range ties.")],
        description="An organisation chart of any size, part of the way to an equipotent mesh.")


# ------------------------------------------------------------------ the firm (a table)


def managers_table():
    """Krackhardt's (1987) 21 managers: formal chart, advice and friendship side by side.

    Returns an ``IPython.display.HTML`` table (every text escaped). Centralities, the Gini
    and brokerage use ties in either direction; Krackhardt's measures use the direction of
    authority (boss -> subordinate, adviser -> seeker; friendship as named); consensus
    weights use "listens to" (subordinate -> boss, seeker -> adviser, friend -> friend).
    """
    from IPython.display import HTML

    reports = orgs.load_dataset("krack_reports")            # subordinate -> boss
    advice = orgs.load_dataset("krack_advice")              # seeker -> adviser
    friends = orgs.load_dataset("krack_friends")            # person -> named friend
    nets = [("Formal chart (reports to)", reports.reverse(copy=True), reports),
            ("Advice (who asks whom)", advice.reverse(copy=True), advice),
            ("Friendship (who names whom)", friends, friends)]
    level_name = {1: "CEO", 2: "VP", 3: "manager"}

    def who(G, v):
        return f"{v} ({level_name.get(G.nodes[v].get('level'), '?')})"

    cols = []
    for _, authority, listens in nets:
        p = equipotency_profile(authority, "betweenness")
        broker = max(p.routes, key=lambda v: (p.routes[v], -list(authority).index(v)))
        try:
            pi = influence_weights(trust_matrix(listens))
            k = int(np.argmax(pi))
            weight = f"{who(listens, list(listens)[k])}: {pi[k]:.0%}"
        except P2PKitError:
            weight = "no single consensus"
        cols.append([str(p.ties), f"{p.centralization['degree']:.2f}", f"{p.centralization['betweenness']:.2f}",
                     f"{p.gini['betweenness']:.2f}", f"{p.krackhardt['connectedness']:.2f}",
                     f"{p.krackhardt['hierarchy']:.2f}", f"{p.krackhardt['efficiency']:.2f}",
                     f"{p.krackhardt['lub']:.2f}", f"{who(authority, broker)}: {p.routes[broker]:.0%}",
                     f"{who(authority, p.top)}: {p.top_share:.0%}", weight])
    measures = ["Ties (either direction)", "Degree centralization", "Betweenness centralization",
                "Gini of brokerage", "Krackhardt connectedness", "Krackhardt hierarchy", "Krackhardt efficiency",
                "Krackhardt least-upper-boundedness",
                "Most routes between others (normalised betweenness)",
                "Biggest share of the total brokerage", "Biggest consensus weight"]
    e = html.escape
    body = "".join("<tr><th scope='row'>" + e(m) + "</th>" + "".join(f"<td>{e(c[i])}</td>" for c in cols) + "</tr>"
                   for i, m in enumerate(measures))
    heads = "".join(f"<th scope='col'>{e(name)}</th>" for name, _, _ in nets)
    return HTML("<table class='table'><caption>Krackhardt's high-tech managers: three networks of the same "
                "21 people</caption><thead><tr><th scope='col'>Measure</th>" + heads + "</tr></thead><tbody>"
                + body + "</tbody></table>")


# ------------------------------------------------------------------ whose opinion wins


ROUNDS = (0, 1, 2, 3, 5, 8, 10, 15, 20, 30)


@lru_cache(maxsize=16)
def _opinions(n: int, seed: int):
    """The same first guesses, averaged in a star and in a peer mesh (DeGroot)."""
    x0 = signals(n, sigma=1.0, seed=seed)[0]
    groups = []
    for name, short, G, centre in (("Star", "star", orgs.client_server(n), 0),
                                   ("Peer mesh", "mesh", orgs.peer_mesh(n, k=min(4, n - 1), rewire=0.1, seed=0), None)):
        W = trust_matrix(G)
        pi = influence_weights(W)
        groups.append(dict(name=name, short=short, G=G, centre=centre, pi=pi, hist=trust_rounds(W, x0, ROUNDS[-1]),
                           limit=float(consensus(W, x0, weights=pi)), sd=consensus_error_sd(pi, 1.0),
                           pos=ring_layout(G, centre=0 if centre == 0 else None)))
    return x0, groups


def rounds_scene(rounds: int, people: int, seed: int) -> dict:
    """One state of :func:`degroot_rounds`: both groups after ``rounds`` rounds of averaging."""
    x0, groups = _opinions(people, seed)
    lo, hi = float(min(x0.min(), 0.0)) - 0.35, float(max(x0.max(), 0.0)) + 0.15
    xs = list(range(rounds + 1))
    last = ROUNDS[-1]
    panels, lines, verdicts, said = [], [], [], []
    readout = [("Round", str(rounds))]
    for g, role in zip(groups, ("centre", "peer"), strict=True):
        h = g["hist"][: rounds + 1]
        now = h[-1]
        names = {v: ("Centre" if v == g["centre"] else f"Person {v}") for v in g["G"]}
        panels.append(network(
            g["G"], g["pos"], title=f"{g['name']}: biggest weight {g['pi'].max():.0%}", names=names,
            roles={v: ("centre" if v == g["centre"] else "peer") for v in g["G"]},
            sizes={v: _size(w, people) for v, w in zip(g["G"], g["pi"], strict=True)},
            figures=[("First guess", _shown(zip(g["G"], x0, strict=True), 3), ".2f"),
                     (f"Opinion after round {rounds}", _shown(zip(g["G"], now, strict=True), 3), ".2f"),
                     ("Weight in the consensus", _shown(zip(g["G"], g["pi"], strict=True), 4), ".1%")],
            labels=False))
        lines += [series(f"{g['short']}, highest", xs, h.max(axis=1), role=role, points=rounds == 0),
                  series(f"{g['short']}, lowest", xs, h.min(axis=1), role=role, points=rounds == 0)]
        if g["centre"] is not None:
            lines.append(series("star's centre", xs, h[:, g["centre"]], role="bridge", dash=True,
                                points=rounds == 0))
        spread = float(now.max() - now.min())
        readout.append((f"{g['name']}: spread / settles at", f"{spread:.2f}\u00a0/\u00a0{g['limit']:.2f}"))
        verdicts.append(f"{g['name']}: {round_verdict(now, g['limit'], 0.0)}")
        said.append(f"{g['name'].lower()}: {spread:.2f} apart, settling at {g['limit']:.2f}")
    lines.append(series("truth", (0, last), (0.0, 0.0), role="other", dash=True))
    panels.append(chart("Highest and lowest opinion, round by round", lines, x_label="rounds of averaging",
                        y_label="opinion", x_domain=(0, last), y_domain=(lo, hi), y_format=".1f",
                        marker_x=rounds, marker_label=f"round {rounds}"))
    s, m = groups
    readout += [("Biggest weight in the consensus: star / mesh",
                 f"{s['pi'].max():.0%}\u00a0/\u00a0{m['pi'].max():.0%}"),
                ("Average miss over many draws: star / mesh", f"{s['sd']:.2f}\u00a0/\u00a0{m['sd']:.2f}")]
    summary = (f"Round {rounds}: {people} people averaging the same first guesses of a true value (0); "
               + "; ".join(said) + ".")
    return scene(*panels, readout=readout, verdict=" ".join(verdicts), summary=summary)


def degroot_rounds(people: int = 20, rounds: int = 0) -> Figure:
    """The same first guesses averaged in a star and a peer mesh, round by round (Play)."""
    return Figure(
        "Whose opinion wins?", rounds_scene,
        [play("rounds", "Round", ROUNDS, rounds, fmt="d", interval_ms=700,
              help="Each round, everyone replaces their opinion by the average of their own and their contacts'."),
         slider("people", "People", (10, 20, 30), people, fmt="d", live=(5, 1000, 1)),
         seed(label="Draw of first guesses", help="Another draw of everyone's first guess; the same networks.")],
        description="Two groups, a star and a peer mesh, averaging the same first guesses round by round.")


# ------------------------------------------------------------------ is the crowd wise?


WISDOM_SIZES = (10, 20, 40, 80, 160, 320)
HIERARCHY_SIZES = {13: (3, 3), 40: (4, 3), 121: (5, 3), 364: (6, 3)}
FAMILIES = (("star", "Star", "centre"), ("hierarchy", "Hierarchy (span 3)", "bridge"),
            ("mesh", "Peer mesh", "peer"), ("defer", "Peer mesh deferring to one", "rumour"))
WISDOM_TRIALS = 900


def _family_graph(family: str, n: int):
    if family == "star":
        return orgs.client_server(n)
    if family == "hierarchy":
        return orgs.hierarchy(*HIERARCHY_SIZES[n])
    return orgs.peer_mesh(n, seed=0)


@lru_cache(maxsize=512)
def _wise(family: str, n: int, deference: float, shared: float):
    kw = dict(leader=0, deference=deference) if family == "defer" else {}
    return wisdom(_family_graph(family, n), sigma=1.0, trials=WISDOM_TRIALS, seed=0, shared=shared, **kw)


def wisdom_scene(deference: float, shared: float) -> dict:
    """One state of :func:`wisdom_figure`: every family of networks at every size."""
    by_size, by_top, dots, readout, said = [], [], [], [], []
    for key, name, role in FAMILIES:
        sizes = sorted(HIERARCHY_SIZES) if key == "hierarchy" else WISDOM_SIZES
        ws = [_wise(key, n, deference if key == "defer" else 0.0, shared) for n in sizes]
        label = name if key != "defer" else f"Peer mesh deferring {deference:.0%} to one"
        by_size.append(series(label, sizes, [w.predicted_sd for w in ws], role=role))
        by_top.append(series(label, [w.max_influence for w in ws], [w.predicted_sd for w in ws], role=role,
                             points=True))
        dots += [{"x": n, "y": w.rmse, "label": "", "role": role} for n, w in zip(sizes, ws, strict=True)]
        big = ws[-1]
        readout.append((f"{label}, {sizes[-1]} people",
                        f"error {big.predicted_sd:.2f}; biggest weight {big.max_influence:.1%}"))
        said.append(f"{label.lower()}: from {ws[0].predicted_sd:.2f} at {sizes[0]} people to "
                    f"{big.predicted_sd:.2f} at {sizes[-1]}")
    largest = _wise("defer", WISDOM_SIZES[-1], deference, shared)
    readout.append((f"Plain average of {WISDOM_SIZES[-1]} people", f"{largest.average_sd:.2f}"))
    # the bounds, drawn over the range of the networks' own values
    ys = [y for sr in by_top for y in sr["y"]]
    # up to one voice holding everything, where both bounds meet (error = one person's own)
    x_lo, x_hi = 0.003, 1.0
    y_lo, y_hi = min(ys) / 1.4, max(1.05, max(ys) * 1.2, consensus_error_bounds(1.0, 1.0, shared)[1] * 1.05)
    grid = np.geomspace(x_lo, x_hi, 15)
    lows = [m for m in grid if y_lo <= consensus_error_bounds(m, 1.0, shared)[0] <= y_hi]
    highs = [m for m in grid if y_lo <= consensus_error_bounds(m, 1.0, shared)[1] <= y_hi]
    by_top += [series("least possible", lows, [consensus_error_bounds(m, 1.0, shared)[0] for m in lows],
                      role="other", dash=True),
               series("most possible", highs, [consensus_error_bounds(m, 1.0, shared)[1] for m in highs],
                      role="other", dash=True)]
    panels = [
        chart("Does a bigger group find the truth?", by_size, x_label="people in the group",
              y_label="consensus error", x_log=True, y_log=True, points=dots),
        chart("The biggest voice sets the error", by_top, x_label="largest weight in the consensus",
              y_label="consensus error", x_log=True, y_log=True, x_domain=(x_lo, x_hi), y_domain=(y_lo, y_hi)),
    ]
    who = (f"Peer mesh of {WISDOM_SIZES[-1]} deferring {deference:.0%} to one leader" if deference > 0
           else f"Peer mesh of {WISDOM_SIZES[-1]} without deference")
    summary = ("Consensus error (root mean square distance from the truth; everyone's own error 1"
               + (f", plus an error of {shared:.2f} everyone shares" if shared > 0 else "")
               + ") against group size, on logarithmic axes: " + "; ".join(said)
               + ". Dots: simulated; lines: exact. The right panel plots each network's error against its "
                 "largest influence weight, between the least and the most that weight allows.")
    return scene(*panels, readout=readout, verdict=f"{who}: {wisdom_verdict(largest)}", summary=summary,
                 caption=f"Lines: exact error. Dots: simulated, {WISDOM_TRIALS} draws each.")


def wisdom_figure() -> Figure:
    """Is the crowd wise? Error against group size and against the largest influence weight."""
    return Figure(
        "Is the crowd wise?", wisdom_scene,
        [slider("deference", "Deference to one leader", (0.0, 0.1, 0.2, 0.3, 0.5), 0.2, fmt=".0%",
                live=(0.0, 1.0, 0.01), help="Share of each peer's trust moved to one leader (the mesh that defers)."),
         slider("shared", "Error everyone shares", (0.0, 0.25, 0.5), 0.0, fmt=".2f", live=(0.0, 2.0, 0.05),
                help="One mistake common to everyone's information; no averaging removes it.")],
        description="Two charts on logarithmic axes: consensus error against group size, and against the "
                    "largest influence weight, for stars, hierarchies and peer meshes.")


# ------------------------------------------------------------------ deference


DEFERENCE = tuple(i / 10 for i in range(10))
DEFERENCE_CURVE = tuple(round(0.05 * i, 2) for i in range(19))
SHARED_ERRORS = (0.0, 0.3, 0.6)
PEERS = 40


@lru_cache(maxsize=1)
def _peers():
    return orgs.peer_mesh(PEERS, seed=0)


@lru_cache(maxsize=2048)
def _deferring(deference: float, shared: float, leader_error: float):
    return wisdom(_peers(), sigma=1.0, trials=1, leader=0, deference=deference, shared=shared,
                  independent=[0], leader_sigma=leader_error)


def deference_scene(deference: float, shared: float, leader_error: float) -> dict:
    """One state of :func:`deference_figure`."""
    G = _peers()
    w = _deferring(deference, shared, leader_error)
    styles = {0.0: ("peer", False), 0.3: ("bridge", True), 0.6: ("centre", False)}
    lines, best = [], None
    for s in sorted(set(SHARED_ERRORS) | {shared}):
        err = [_deferring(d, s, leader_error).predicted_sd for d in DEFERENCE_CURVE]
        role, dash = styles.get(s, ("other", True))
        lines.append(series(f"shared error {s:.1f}", DEFERENCE_CURVE, err, role=role, dash=dash))
        if s == shared:
            k = int(np.argmin(err))
            best = (DEFERENCE_CURVE[k], err[k])
    lines.append(series("the leader alone", (0.0, 0.9), (leader_error, leader_error), role="other", dash=True))
    pi = dict(zip(G, w.weights, strict=True))
    net = network(G, ring_layout(G, centre=0), title=f"{PEERS} peers, {deference:.0%} deference to the leader",
                  names={v: ("Leader (own source)" if v == 0 else f"Peer {v}") for v in G},
                  roles={v: ("centre" if v == 0 else "peer") for v in G},
                  sizes={v: _size(x, PEERS) for v, x in pi.items()},
                  figures=[("Weight in the consensus", pi, ".1%"),
                           ("Own error", {v: (leader_error if v == 0 else 1.0) for v in G}, ".2f")],
                  labels=False)
    ch = chart("Consensus error as the peers defer", lines, x_label="deference: share of each peer's trust given "
               "to the leader", y_label="consensus error (exact)", x_format=".0%", x_domain=(0.0, 0.9),
               y_domain=(0.0, 1.08 * max([leader_error] + [max(s["y"]) for s in lines])),
               marker_x=deference, marker_label="now",
               points=[{"x": deference, "y": w.predicted_sd, "label": f"{w.predicted_sd:.2f}",
                        "role": styles.get(shared, ("other", True))[0]}])
    readout = [("The leader's weight in the consensus", f"{pi[0]:.0%}"),
               ("Consensus error", f"{w.predicted_sd:.2f}"),
               ("Plain average of everyone", f"{w.average_sd:.2f}"),
               ("The leader alone", f"{leader_error:.2f}"),
               (f"Least error with a shared error of {shared:.1f}", f"{best[1]:.2f} at {best[0]:.0%} deference")]
    summary = (f"{PEERS} peers, each with an own error of 1 and a shared error of {shared:.1f}, and a leader with "
               f"an own error of {leader_error:.2f} and an independent source. At {deference:.0%} deference the "
               f"leader holds {pi[0]:.0%} of the weight and the consensus misses by {w.predicted_sd:.2f}; a plain "
               f"average would miss by {w.average_sd:.2f}. With this shared error the error is least, "
               f"{best[1]:.2f}, at {best[0]:.0%} deference.")
    return scene(net, ch, readout=readout, verdict=wisdom_verdict(w), summary=summary)


def deference_figure() -> Figure:
    """Consensus error as everyone defers more to one well-informed leader with an independent source."""
    return Figure(
        "When deferring to a leader helps", deference_scene,
        [slider("deference", "Deference to the leader", DEFERENCE, 0.3, fmt=".0%", live=(0.0, 0.9, 0.01)),
         choice("shared", "Error the peers share", {s: f"{s:.1f}" for s in SHARED_ERRORS}, 0.6,
                help="An error common to the peers' information (the same source); the leader does not share it."),
         slider("leader_error", "The leader's own error", (0.25, 0.5, 1.0), 0.5, fmt=".2f", live=(0.05, 2.0, 0.05))],
        description="A peer mesh around one leader, and a chart of the consensus error as the peers defer to her.")


# ------------------------------------------------------------------ who takes the lead


RATES = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85)
HAND_OFFS = (0.0, 0.2, 0.5)
SKILL_MIXES = {1: "1: anyone can lead any task", 4: "4", 21: "21: each person their own"}
TASKS = 6000
TEAM = (21, 4)          # 21 people: a chart of 3 levels, span 4


@lru_cache(maxsize=2)
def _team(ties: str):
    return chart_to_mesh(*TEAM, 0.0 if ties == "chart" else 1.0, seed=0)


@lru_cache(maxsize=1024)
def _lead(rate: float, hop: float, skills: int, ties: str):
    G = _team(ties)
    people = list(G)
    ts = task_stream(people, rate, TASKS, skills=skills, seed=0)
    return situational_leader(G, ts, assign_skills(people, skills, 1, seed=0), hop)


@lru_cache(maxsize=256)
def _fixed(rate: float, hop: float):
    G = _team("chart")
    return fixed_leader(G, task_stream(list(G), rate, TASKS, seed=0), 0, hop)


def _expected(rate: float, hop: float):
    try:
        return fixed_leader_expected(_team("chart"), rate, 0, hop)
    except P2PKitError:
        return None


def leadership_scene(rate: float, hop: float, skills: int, ties: str) -> dict:
    """One state of :func:`leadership_figure`."""
    G = _team(ties)
    n = G.number_of_nodes()
    fx, st = _fixed(rate, hop), _lead(rate, hop, skills, ties)
    theory_x = [float(r) for r in np.linspace(0.05, 0.85, 33)]
    lines = [
        series("one fixed leader (the top)", RATES, [_fixed(r, hop).mean_response for r in RATES], role="centre",
               points=True),
        series("M/M/1 + hand-offs", theory_x, [_expected(r, hop) for r in theory_x], role="other", dash=True),
        series("lead moves, chart's ties", RATES, [_lead(r, hop, skills, "chart").mean_response for r in RATES],
               role="bridge", points=True),
        series("lead moves, equipotent ties", RATES, [_lead(r, hop, skills, "mesh").mean_response for r in RATES],
               role="peer", points=True),
    ]
    ch = chart("Time from arrival to lead done", lines, x_label="tasks per time unit (a lead takes 1 on average)",
               y_label="mean time, arrival to lead done", x_domain=(0.0, max(0.9, rate + 0.05)), y_format=".1f",
               marker_x=rate, marker_label="now")
    skill_of = assign_skills(list(G), skills, 1, seed=0)
    net = network(G, _chart_positions(*TEAM),
                  title=f"Who leads when the lead moves ({'chart' if ties == 'chart' else 'equipotent'} ties)",
                  names=_names(G), roles=_roles(G),
                  sizes={v: _size(c / len(st.leaders), n) for v, c in st.load.items()},
                  figures=[("Tasks led when the lead moves", st.load, "d"),
                           ("Skill", {v: min(s) + 1 for v, s in skill_of.items()}, "d")],
                  labels=False)
    exp = _expected(rate, hop)
    readout = [
        ("Tasks", f"{TASKS:,}, {rate:.2f} per time unit, {skills} skill{'s' if skills > 1 else ''}"),
        ("Fixed leader: mean wait / arrival to lead done", f"{fx.mean_wait:.2f}\u00a0/\u00a0{fx.mean_response:.2f}"),
        ("Expected: 1/(μ − λ) + hand-offs", f"{exp:.2f}" if exp is not None
         else "none: the queue grows without limit"),
        ("Lead moves: mean wait / arrival to lead done", f"{st.mean_wait:.2f}\u00a0/\u00a0{st.mean_response:.2f}"),
        ("People who led a task (lead moves)", f"{st.leading} of {n}"),
        ("Load Gini: fixed / moving", f"{fx.load_gini:.2f}\u00a0/\u00a0{st.load_gini:.2f}"),
    ]
    summary = (f"At {rate:.2f} tasks per time unit and {hop:.1f} per hand-off, one fixed leader takes "
               f"{fx.mean_response:.2f} from a task's arrival to its lead done; a lead that moves along "
               f"{'the chart' if ties == 'chart' else 'equipotent'} ties takes {st.mean_response:.2f}, shared by "
               f"{st.leading} of {n} people (drawn larger the more they lead).")
    return scene(ch, net, readout=readout, verdict=leadership_verdict(fx, st), summary=summary)


def leadership_figure() -> Figure:
    """One fixed leader against a lead that moves with the task, as the work load grows."""
    return Figure(
        "Who takes the lead?", leadership_scene,
        [slider("rate", "Tasks per time unit", RATES, 0.8, fmt=".2f", live=(0.05, 1.5, 0.05)),
         slider("hop", "Time per hand-off", HAND_OFFS, 0.2, fmt=".1f", live=(0.0, 2.0, 0.05)),
         choice("skills", "Skills", SKILL_MIXES, 4, help="Each task needs one skill; each person holds one."),
         choice("ties", "The lead moves along", {"mesh": "equipotent ties", "chart": "the chart's ties"}, "mesh")],
        description="A chart of mean time from a task's arrival to its lead being done, and the 21 people "
                    "sized by how many tasks they lead.")


FIGURES = [hierarchy_to_equipotent, degroot_rounds, wisdom_figure, leadership_figure, deference_figure,
           chart_sandbox]
