"""Chapter 7 figures: stylised P2P organisations and unit size (scenes from :mod:`p2pkit.practice`).

Every figure here shows *stylised models*, not data about the companies: the model generators
give a network the structure the cited accounts document and nothing else. The captions say so.
"""

from __future__ import annotations

import html
import math
from functools import lru_cache

import networkx as nx

from .. import practice
from ..communities import detect
from ..practice import CASES
from ..resilience import knock_out
from .component import Figure, choice, person, play, slider, toggle
from .component import seed as seed_control
from .scene import bars, chart, network, node_of, scene, series

__all__ = ["sunflower_layout", "chart_layout", "case_layout", "unit_layout", "split_layout",
           "four_cases", "case_table", "CaseTable", "cases_without_centre", "unit_growth",
           "case_sandbox", "unit_sandbox"]

#: the stylised models besides the baseline chart (chapter order)
MODELS = ("gore", "herman_miller", "morning_star", "buurtzorg")
SHORT = {"chart": "Chart (baseline)", "gore": "Gore (lattice)", "herman_miller": "Herman Miller (plant)",
         "morning_star": "Morning Star (CLOUs)", "buurtzorg": "Buurtzorg (teams)"}
NOT_DATA = ("A stylised model, not the real company: team sizes, the ties between teams and who works "
            "with whom are assumptions taken from public accounts.")

#: model role -> figure role (shape and colour; everyone else is a peer)
_ROLE = {"top": "centre", "manager": "manager", "representative": "representative", "office": "office",
         "coach": "coach"}
#: model role -> how a person is named
_NAME = {"top": "Top", "manager": "Manager", "staff": "Staff", "representative": "Representative",
         "associate": "Associate", "colleague": "Colleague", "nurse": "Nurse", "coach": "Coach",
         "office": "Back office", "member": "Member"}
#: what a model's groups are called
_GROUP = {"chart": "department", "herman_miller": "department", "gore": "home team",
          "morning_star": "business unit", "buurtzorg": "team"}
#: tie kinds of each model, in the order their dash patterns are given (first: solid)
_KINDS = {
    "chart": {"reports": "reporting line"},
    "herman_miller": {"reports": "reporting line", "team": "team", "committee": "committee"},
    "gore": {"team": "home team", "project": "project team", "sponsor": "sponsor"},
    "morning_star": {"clou": "CLOU agreement"},
    "buurtzorg": {"team": "team", "coaching": "coaching", "admin": "back office", "support": "support"},
}
ROUTES = "Share of routes between others"


# ------------------------------------------------------------------ layouts


def sunflower_layout(nodes: list, centre=(0.0, 0.0), radius: float = 1.0) -> dict:
    """Place ``nodes`` on a sunflower spiral, the first ones in the middle.

    Vogel's (1979) golden-angle spiral: person ``i`` sits at angle ``i`` times the golden angle
    and distance ``sqrt(i + 1/2)``, scaled to ``radius``. The first ``k`` people of a longer
    list stand in the same places up to a common scale, so a growing unit keeps everyone in place.

    Examples
    --------
    >>> pos = sunflower_layout([0, 1, 2])
    >>> round(pos[0][0], 3), round(max(math.hypot(*p) for p in pos.values()), 3)
    (0.408, 0.913)
    """
    k = len(nodes)
    golden = math.pi * (3 - math.sqrt(5))
    pos = {}
    for i, v in enumerate(nodes):
        r = radius * math.sqrt((i + 0.5) / max(k, 1))
        pos[v] = (centre[0] + r * math.cos(i * golden), centre[1] + r * math.sin(i * golden))
    return pos


def chart_layout(G: nx.Graph) -> dict:
    """An organisation chart with each boss's staff drawn as a small circle (a pod) below the boss.

    Uses the ``boss`` edge attribute and the ``level`` node attribute of
    :func:`p2pkit.practice.chart`: everyone without reports gets a slot along the bottom in
    depth-first order, a boss sits above the middle of the people under them, and the staff of
    one boss are gathered on a small circle under that boss, so that ties among them stay visible.
    """
    children = {v: [] for v in G}
    for u, v, d in G.edges(data=True):
        b = d.get("boss")
        if b is not None:
            children[b].append(v if b == u else u)
    has_reports = {v for v, c in children.items() if c}
    for v in children:  # bosses first, then staff, each in number order: staff stay contiguous
        children[v].sort(key=lambda w: (w not in has_reports, w))
    root = 0 if 0 in G else next(iter(G))
    order, stack = [], [root]
    while stack:
        v = stack.pop()
        order.append(v)
        stack.extend(reversed(children[v]))
    leaves = [v for v in order if v not in has_reports]
    slot = 2.0 / max(1, len(leaves))
    x = {v: -1 + slot * (i + 0.5) for i, v in enumerate(leaves)}
    for v in reversed(order):
        if v in has_reports:
            x[v] = sum(x[c] for c in children[v]) / len(children[v])
    level = {v: G.nodes[v].get("level", 0) for v in G}
    depth = max(1, max(level.values()))
    step = 2.0 / depth
    pos = {v: (x[v], 1 - level[v] * step) for v in G}
    for b in has_reports:
        staff = [c for c in children[b] if c not in has_reports]
        k = len(staff)
        if k < 3:
            continue
        cx = sum(x[c] for c in staff) / k
        cy = 1 - (level[b] + 0.75) * step
        r = min(k * slot / 2.6, 0.28 * step)
        for i, v in enumerate(staff):
            a = math.pi / 2 + 2 * math.pi * i / k
            pos[v] = (cx + r * math.cos(a), cy + r * 0.75 * math.sin(a))
    return pos


def case_layout(G: nx.Graph) -> dict:
    """Fixed positions for a stylised organisation: a chart with team pods, or teams round a ring.

    Teams (node attribute ``group``) sit round a ring, each as a small circle (a sunflower for
    large teams); people outside every team (``group`` -1: a back office, coaches) in the middle.
    """
    if G.graph.get("model") in ("chart", "herman_miller"):
        return chart_layout(G)
    groups: dict[int, list] = {}
    for v, g in G.nodes(data="group", default=0):
        groups.setdefault(g, []).append(v)
    units = sorted(g for g in groups if g >= 0)
    k = max(1, len(units))
    pos = {}
    small = min(0.45, 1.6 * math.sin(math.pi / k)) if k > 1 else 0.8
    for j, g in enumerate(units):
        a = math.pi / 2 - 2 * math.pi * j / k
        cx, cy = (math.cos(a), math.sin(a)) if k > 1 else (0.0, 0.0)
        members = groups[g]
        if len(members) <= 14:
            for i, v in enumerate(members):
                b = 2 * math.pi * i / len(members)
                pos[v] = (cx + small * 0.55 * math.cos(b), cy + small * 0.55 * math.sin(b))
        else:
            pos.update(sunflower_layout(members, (cx, cy), small * 0.6))
    others = groups.get(-1, [])
    for i, v in enumerate(others):
        b = 2 * math.pi * i / max(1, len(others))
        r = 0.0 if len(others) == 1 else 0.25
        pos[v] = (r * math.cos(b), r * math.sin(b))
    return pos


def unit_layout(groups: list) -> dict:
    """One unit as a disc with a wedge per informal group, people in order of arrival from the middle out.

    ``groups`` are the groups found in the unit (lists of people numbered in order of arrival).
    Each wedge's angle is proportional to its group's size; inside it, the first to arrive stand
    nearest the middle, so the first ``k`` people of a grown unit fill the inner part of the
    disc: a unit that grows keeps everyone in place.
    """
    total = sum(len(g) for g in groups) or 1
    pos, start = {}, math.pi / 2
    phi = (math.sqrt(5) - 1) / 2
    for g in groups:
        members = sorted(g)
        width = 2 * math.pi * len(members) / total
        for j, v in enumerate(members):
            r = math.sqrt((v + 0.5) / total)
            a = start - width * (0.08 + 0.84 * ((j * phi) % 1.0))
            pos[v] = (r * math.cos(a), r * math.sin(a))
        start -= width
    return pos


def split_layout(G: nx.Graph, columns: int) -> dict:
    """Units (node attribute ``group``) in fixed slots of a grid ``columns`` wide, each a small disc.

    Unit ``u`` always stands in the same slot, so units keep their places as more are added.
    """
    members: dict[int, list] = {}
    for v, g in G.nodes(data="group"):
        members.setdefault(g, []).append(v)
    largest = max(len(m) for m in members.values())
    pos = {}
    for u, people in members.items():
        cx, cy = u % columns, -(u // columns)
        pos.update(sunflower_layout(sorted(people), (cx, cy), 0.42 * math.sqrt(len(people) / largest)))
    return pos


# ------------------------------------------------------------------ the stylised cases


def _names(G: nx.Graph) -> dict:
    """Everyone named by their model role, numbered within it in node order ("Nurse 12")."""
    out, count = {}, {}
    for v in sorted(G):
        r = G.nodes[v].get("role")
        if r == "top":
            out[v] = "Top of the chart"
            continue
        count[r] = count.get(r, 0) + 1
        out[v] = f"{_NAME.get(r, 'Person')} {count[r]}"
    return out


def _roles(G: nx.Graph) -> dict:
    return {v: _ROLE.get(r, "peer") for v, r in G.nodes(data="role")}


@lru_cache(maxsize=48)
def _case(name: str, people: int, seed: int):
    """A model, its profile, everyone's share of routes and its layout (cached per setting)."""
    G = practice.build_case(name, people, seed)
    prof, loads = practice.case_measures(G, krackhardt_up_to=0, seed=seed)
    return G, prof, loads, case_layout(G)


def _case_panel(name: str, G, prof, loads, pos, title: str, *, kinds: bool = False, removed=(),
                removable: bool = False, roles: dict | None = None, ring: bool = True) -> dict:
    model = G.graph.get("model", name)
    groups = {v: g for v, g in G.nodes(data="group") if g is not None and g >= 0}
    count = 1 + max(groups.values(), default=-1)
    kind_map = _KINDS.get(model if model in _KINDS else name, {})
    return network(
        G, pos, title=title, names=_names(G), roles=roles or _roles(G),
        groups=groups, group_names=[f"{_GROUP.get(model, 'group')} {g + 1}" for g in range(count)],
        figures=[(ROUTES, loads, ".0%")], removed=removed, removable=removable, labels=False,
        tie_kinds={(u, v): k for u, v, k in G.edges(data="kind")} if kinds else None,
        kind_names=kind_map if kinds else None,
        highlight=[prof.most_central] if ring else (), nodes=sorted(G))


def _most_central(G, prof) -> str:
    return _names(G)[prof.most_central]


def pair_scene(case: str, people: int, seed: int) -> dict:
    """One state of :func:`four_cases`: the baseline chart beside one stylised model."""
    C, cp, cl, cpos = _case("chart", people, 0)
    G, p, loads, pos = _case(case, people, seed)
    title = CASES[case][0]
    left = _case_panel("chart", C, cp, cl, cpos, f"{CASES['chart'][0]}: {cp.ties} ties", kinds=True,
                       ring=False)
    right = _case_panel(case, G, p, loads, pos, f"{title} (a model): {p.ties} ties", kinds=True, ring=False)
    rows = [("People", f"{people}"),
            ("Ties per person", f"{p.ties_per_person:.1f} (chart {cp.ties_per_person:.1f})"),
            ("Average hops" + ("" if p.hops_exact else " (estimated)"), f"{p.mean_hops:.2f} (chart {cp.mean_hops:.2f})"),
            ("Gini of ties per person", f"{p.degree_gini:.2f} (chart {cp.degree_gini:.2f})"),
            ("Communities (modularity)", f"{p.communities} ({p.modularity:.2f}); chart {cp.communities} ({cp.modularity:.2f})"),
            ("Single points of failure", f"{p.single_points} (chart {cp.single_points})"),
            ("Most central person", f"{_most_central(G, p)}, on {p.most_central_load:.0%} of routes"),
            ("Pairs in touch without them", f"{p.survives_without_most_central:.0%} "
                                            f"(chart without the top: {cp.survives_without_most_central:.0%})")]
    summary = (f"Two networks of {people} people. Left, a conventional chart with {cp.ties} ties, "
               f"{cp.ties_per_person:.1f} per person. Right, a stylised model of {title} with {p.ties} ties, "
               f"{p.ties_per_person:.1f} per person, colour-coded roles and dashed tie kinds; its most central person, "
               f"{_most_central(G, p)}, sits on {p.most_central_load:.0%} of the routes between others.")
    return scene(left, right, readout=rows, verdict=practice.case_verdict(p), summary=summary, caption=NOT_DATA)


def four_cases(people: int = 60, seed: int = 0) -> Figure:
    """The four stylised cases, one at a time, each beside the baseline chart of the same size."""
    sizes = tuple(sorted({30, 60, 120, people}))
    return Figure(
        "Four documented structures as stylised models, beside a chart", pair_scene,
        [choice("case", "Model", {k: SHORT[k] for k in MODELS}, "gore"),
         slider("people", "People", sizes, people, fmt="d", live=(10, 1000, 10)),
         seed_control((0, 1), seed)],
        description="Two network drawings of the same number of people: a conventional organisation chart, "
                    "and a stylised model of one of four organisations.")


# ------------------------------------------------------------------ the table


class CaseTable:
    """An HTML table of :class:`~p2pkit.practice.CaseProfile` values, one column per model
    (displays in Jupyter and on the site; every text is escaped)."""

    MEASURES = [
        ("People", lambda p: str(p.people)),
        ("Ties per person", lambda p: CaseTable._f(p.ties_per_person, "{:.1f}")),
        ("Average hops", lambda p: CaseTable._f(p.mean_hops)),
        ("Degree centralization", lambda p: CaseTable._f(p.degree_centralization)),
        ("Betweenness centralization", lambda p: CaseTable._f(p.betweenness_centralization)),
        ("Gini of ties per person", lambda p: CaseTable._f(p.degree_gini)),
        ("Krackhardt hierarchy", lambda p: CaseTable._f((p.krackhardt or {}).get("hierarchy"))),
        ("Krackhardt efficiency", lambda p: CaseTable._f((p.krackhardt or {}).get("efficiency"))),
        ("Communities (modularity)", lambda p: f"{p.communities} ({p.modularity:.2f})"),
        ("Single points of failure", lambda p: str(p.single_points)),
        ("Most central person", lambda p: p.most_central_role),
        ("Their share of routes", lambda p: f"{p.most_central_load:.0%}"),
        ("Pairs in touch without them", lambda p: f"{p.survives_without_most_central:.0%}"),
    ]

    def __init__(self, rows: list[tuple[str, practice.CaseProfile]], caption: str = ""):
        self.rows = rows
        self.caption = caption

    @staticmethod
    def _f(x, fmt="{:.2f}"):
        return "–" if x is None else fmt.format(x)

    def _repr_html_(self) -> str:
        e = html.escape
        cell = "padding:3px 10px;border-bottom:1px solid #8c8c8c66;text-align:left"
        out = ["<div style='overflow-x:auto'><table class='p2p-case-table' style='border-collapse:collapse'>"]
        if self.caption:
            out.append(f"<caption style='text-align:left;caption-side:top'>{e(self.caption)}</caption>")
        out.append(f"<thead><tr><th scope='col' style='{cell}'>Measure</th>")
        out += [f"<th scope='col' style='{cell}'>{e(title)}</th>" for title, _ in self.rows]
        out.append("</tr></thead><tbody>")
        for label, get in self.MEASURES:
            cells = "".join(f"<td style='{cell}'>{e(get(p))}</td>" for _, p in self.rows)
            out.append(f"<tr><th scope='row' style='{cell};font-weight:normal'>{e(label)}</th>{cells}</tr>")
        out.append("</tbody></table></div>")
        return "".join(out)


def case_table(people: int = 60, seed: int = 0) -> CaseTable:
    """The chapter 1-3 measures of every model in :data:`~p2pkit.practice.CASES` of ``people`` people."""
    rows = [(SHORT[name] + " – model", practice.case_profile(practice.build_case(name, people, seed), seed=seed))
            for name in CASES]
    return CaseTable(rows, caption=f"Five stylised models of {people} people (models, not data)")


# ------------------------------------------------------------------ without the centre


def without_scene(case: str, remove: bool, people: int, seed: int = 0) -> dict:
    """One state of :func:`cases_without_centre`: a model whole, or without its most central person."""
    G, p, loads, pos = _case(case, people, seed)
    who = p.most_central
    name = _names(G)[who]
    ko = knock_out(G, [who])
    roles = _roles(G)
    if remove:
        roles = {v: ("cut_off" if v in set(ko.outside) else r) for v, r in roles.items()}
    title = CASES[case][0] + (" — without its most central person" if remove else " — as modelled")
    net = _case_panel(case, G, p, loads, pos, title, removed=[who] if remove else (), roles=roles)
    meters = bars("The most central person", [
        ("Their share of routes between others", p.most_central_load, f"{p.most_central_load:.0%}", "centre"),
        ("Pairs still in touch without them", p.survives_without_most_central,
         f"{p.survives_without_most_central:.0%}", "reached"),
        ("Modularity (clear groups)", max(0.0, p.modularity), f"{p.modularity:.2f}", "peer"),
    ])
    rows = [("Most central person", _most_central(G, p)),
            ("Their share of routes", f"{p.most_central_load:.0%}"),
            ("Pairs in touch without them", f"{ko.pairwise:.0%}"),
            ("People cut off from the largest group", f"{ko.cut_off}"),
            ("Single points of failure", f"{p.single_points}"),
            ("Ties per person", f"{p.ties_per_person:.1f}")]
    parts = ("loss", "single") if remove else ("groups", "ties")
    if remove:
        summary = (f"{CASES[case][0]}, a stylised model of {people} people, without its most central person, "
                   f"{name} (drawn as a cross). {ko.pairwise:.0%} of the pairs of the others can still reach each "
                   f"other; {ko.cut_off} {'is' if ko.cut_off == 1 else 'are'} cut off (hollow circles).")
    else:
        summary = (f"{CASES[case][0]}, a stylised model of {people} people and {p.ties} ties. Its most central "
                   f"person, {name} (ringed), sits on {p.most_central_load:.0%} of the routes between others.")
    return scene(net, meters, readout=rows, verdict=practice.case_verdict(p, parts=parts), summary=summary,
                 caption=NOT_DATA)


def cases_without_centre(people: int = 60, seed: int = 0) -> Figure:
    """Each model whole, then without its most central person (the ringed one)."""
    sizes = tuple(sorted({30, 60, 120, people}))

    def build(case, remove, people, seed=seed):
        return without_scene(case, remove, people, seed)

    return Figure(
        "What each structure looks like without its most central person", build,
        [choice("case", "Model", {k: SHORT[k] for k in CASES}, "chart"),
         toggle("remove", "Remove the most central person"),
         slider("people", "People", sizes, people, fmt="d", live=(10, 1000, 10))],
        description="A network drawing of one stylised organisation; its most central person is ringed "
                    "and can be removed.")


def sandbox_scene(case: str, people: int, seed: int, removed: str) -> dict:
    """One state of :func:`case_sandbox`: any model, any size, anyone removed."""
    G, p, loads, pos = _case(case, people, seed)
    names = _names(G)
    who = node_of(G, removed)
    roles = _roles(G)
    if who is None:
        verdict = practice.case_verdict(p)
        summary = (f"{CASES[case][0]}, a stylised model of {people} people and {p.ties} ties; nobody is removed. "
                   f"The most central person, {names[p.most_central]}, is ringed.")
        rows = [("Removed", "nobody"), ("People / ties", f"{people} / {p.ties}"),
                ("Most central person", f"{_most_central(G, p)}, on {p.most_central_load:.0%} of routes"),
                ("Pairs in touch without them", f"{p.survives_without_most_central:.0%}"),
                ("Single points of failure", f"{p.single_points}"),
                ("Communities (modularity)", f"{p.communities} ({p.modularity:.2f})")]
    else:
        ko = knock_out(G, [who])
        roles = {v: ("cut_off" if v in set(ko.outside) else r) for v, r in roles.items()}
        verdict = practice.departure_verdict(ko, name=names[who])
        summary = f"{names[who]} is removed from {CASES[case][0]}, a stylised model of {people} people. {verdict}"
        rows = [("Removed", f"{names[who]}, on {loads[who]:.0%} of routes"),
                ("Pairs still in touch", f"{ko.pairwise:.0%}"),
                ("Groups left", f"{ko.groups}"),
                ("People cut off from the largest group", f"{ko.cut_off}"),
                ("Single points of failure now", f"{len(ko.single_points)}"),
                ("Most central person (whole model)", f"{_most_central(G, p)}")]
    net = _case_panel(case, G, p, loads, pos, f"{CASES[case][0]} (a model, not data)",
                      removed=[who] if who is not None else (), removable=True, roles=roles)
    return scene(net, readout=rows, verdict=verdict, summary=summary, caption=NOT_DATA)


def case_sandbox(case: str = "gore", people: int = 30, seed: int = 0) -> Figure:
    """The sandbox: any of the five models, any size and seed; click anyone to remove them."""

    def build(case, people, seed, removed):
        return sandbox_scene(case, people, seed, removed)

    return Figure(
        "Stylised organisations: remove anyone", build,
        [choice("case", "Model", {k: SHORT[k] for k in CASES}, case),
         slider("people", "People", (people,), people, fmt="d", live=(10, 1000, 10)),
         seed_control((seed,), seed),
         person("removed", "Remove a person")],
        description="A network drawing of one stylised organisation; click a person to remove them.")


# ------------------------------------------------------------------ unit size


@lru_cache(maxsize=16)
def _sweep(sizes: tuple, cap: int, seed: int) -> list:
    return practice.unit_sweep(list(sizes), cap=cap, seed=seed)


@lru_cache(maxsize=32)
def _one_unit(people: int, closure: float, seed: int):
    """One grown unit and the informal groups community detection finds in it."""
    one = practice.grow_unit(people, closure=closure, seed=seed)
    comms = detect(one, seed=seed)
    return one, comms


def _unit_panels(one, comms, split, cap: int, columns: int, a, b, pos=None) -> tuple[dict, dict]:
    group = {v: c for c, members in enumerate(comms) for v in members}
    left = network(one, pos if pos is not None else unit_layout(comms), title=f"One unit of {a.people}: {a.communities} informal groups found",
                   names={v: f"Member {v + 1}" for v in one}, groups=group,
                   figures=[("Working ties", dict(one.degree()), "d")], labels=False, colour_by="group")
    liaisons = {v for u, w, k in split.edges(data="kind") if k == "liaison" for v in (u, w)}
    units = {v: g for v, g in split.nodes(data="group")}
    right = network(split, split_layout(split, columns),
                    title=f"Units of at most {cap}: {b.units} unit{'s' if b.units != 1 else ''}",
                    names={v: f"Member {v + 1}" for v in split},
                    roles={v: ("bridge" if v in liaisons else "peer") for v in split},
                    groups=units, group_names=[f"unit {u + 1}" for u in range(b.units)],
                    figures=[("Working ties", dict(split.degree()), "d")], labels=False,
                    colour_by="group")
    return left, right


def _unit_rows(a, b) -> list:
    est = "" if a.hops_exact and b.hops_exact else " (estimated)"
    return [("Units (largest): one unit · split", f"{a.units} ({a.largest_unit}) · {b.units} ({b.largest_unit})"),
            ("Relationships to know the whole unit", f"{a.relationships_needed} · {b.relationships_needed}"),
            ("Ties for everyone to know their unit", f"{a.ties_for_all_to_know_all:,} · {b.ties_for_all_to_know_all:,}"),
            ("Ties actually there", f"{a.ties:,} · {b.ties:,}"),
            ("Average hops" + est, f"{a.mean_hops:.2f} · {b.mean_hops:.2f}"),
            ("Informal groups found (modularity)", f"{a.communities} ({a.modularity:.2f}) · "
                                                   f"{b.communities} ({b.modularity:.2f})")]


def growth_scene(size: int, cap: int, sizes: tuple = (50, 100, 150, 250, 400, 600), seed: int = 0) -> dict:
    """One state of :func:`unit_growth`: a unit of ``size`` beside the same people in units of <= ``cap``."""
    rows = _sweep(tuple(sizes), cap, seed)
    row = rows[sizes.index(size)]
    a, b = row.one, row.split
    one, comms = _one_unit(size, 0.5, seed)
    split = practice.split_unit(size, cap=cap, seed=seed)
    columns = math.ceil(math.sqrt(math.ceil(max(sizes) / cap)))
    biggest, groups = _one_unit(max(sizes), 0.5, seed)
    left, right = _unit_panels(one, comms, split, cap, columns, a, b, pos=unit_layout(groups))
    xs = [r.one.people for r in rows]
    need = chart("Relationships per person", [
        series("needed: one unit", xs, [r.one.relationships_needed for r in rows], role="centre", points=True),
        series("needed: split", xs, [r.split.relationships_needed for r in rows], role="peer", dash=True,
               points=True),
        series("actually held", xs, [r.one.ties_per_person for r in rows], role="reached", points=True),
    ], x_label="people", y_label="relationships per person", x_format="d", marker_x=size)
    hops = chart("Average hops across the organisation", [
        series("one unit", xs, [r.one.mean_hops for r in rows], role="centre", points=True),
        series("split", xs, [r.split.mean_hops for r in rows], role="peer", dash=True, points=True),
    ], x_label="people", y_label="average hops", x_format="d", marker_x=size)
    summary = (f"Left, one unit of {size} people drawn as a disc, founders in the middle, in {a.communities} "
               f"informal groups. Right of it, the same number of people in {b.units} unit"
               f"{'s' if b.units != 1 else ''} of at most {cap}, joined by liaison ties (held by the diamonds). The charts: each "
               f"person would need {a.relationships_needed} relationships to know a single unit and "
               f"{b.relationships_needed} to know a split one, but holds {a.ties_per_person:.1f}; a message takes "
               f"{a.mean_hops:.2f} hops in one unit and {b.mean_hops:.2f} split.")
    return scene(left, right, need, hops, readout=_unit_rows(a, b), verdict=practice.unit_verdict(row),
                 summary=summary, caption="A model of a growing unit, not data about any organisation.")


def unit_growth(sizes=(50, 100, 150, 250, 400, 600), cap: int = 150, seed: int = 0) -> Figure:
    """Play a unit growing past ``cap`` people, beside the same people split into units of <= ``cap``."""
    sizes = tuple(sizes)

    def build(size, cap, sizes=sizes, seed=seed):
        return growth_scene(size, cap, sizes, seed)

    return Figure(
        "One unit growing past 150, or units of at most 150", build,
        [play("size", "People", sizes, sizes[0], fmt="d", interval_ms=1200),
         slider("cap", "Largest unit", tuple(sorted({50, 150, 300, cap})), cap, fmt="d")],
        description="Two network drawings (one unit; the same people in small units) and two line charts of "
                    "relationships per person and average hops against the number of people.")


def unit_sandbox_scene(people: int, cap: int, closure: float, liaisons: int, seed: int) -> dict:
    """One state of :func:`unit_sandbox`."""
    one, comms = _one_unit(people, float(closure), seed)
    a = practice.unit_size(one, seed, communities=comms)
    split = practice.split_unit(people, cap=cap, closure=closure, liaisons=liaisons, seed=seed)
    b = practice.unit_size(split, seed)
    left, right = _unit_panels(one, comms, split, cap, math.ceil(math.sqrt(b.units)), a, b)
    summary = (f"Left, one unit of {people} people in {a.communities} informal groups. Right, the same number of "
               f"people in {b.units} unit{'s' if b.units != 1 else ''} of at most {cap}, with {liaisons} liaison "
               f"tie{'s' if liaisons != 1 else ''} between neighbouring units; introductions close "
               f"{closure:.0%} of further ties. A message takes {a.mean_hops:.2f} hops in one unit and "
               f"{b.mean_hops:.2f} split.")
    verdict = practice.unit_verdict(practice.UnitComparison(a, b, cap))
    return scene(left, right, readout=_unit_rows(a, b), verdict=verdict, summary=summary,
                 caption="A model of a growing unit, not data about any organisation.")


def unit_sandbox(people: int = 300, cap: int = 150, seed: int = 0) -> Figure:
    """The unit-size sandbox: size, cap, introductions, liaison ties and seed."""
    return Figure(
        "One unit, or units of at most 150?", unit_sandbox_scene,
        [slider("people", "People", (people,), people, fmt="d", live=(30, 1000, 10)),
         slider("cap", "Largest unit", tuple(sorted({50, 150, 300, cap})), cap, fmt="d", live=(20, 400, 10)),
         slider("closure", "Introductions", (0.0, 0.5, 1.0), 0.5, fmt=".0%", live=(0.0, 1.0, 0.1),
                help="The chance that a newcomer's further ties go to a colleague of someone they just met."),
         slider("liaisons", "Liaison ties", (2, 5, 10, 20), 2, fmt="d", live=(0, 40, 1),
                help="Ties between each unit and the next, round a ring."),
         seed_control((0,), seed)],
        description="Two network drawings: one unit, and the same people split into units of at most a cap.")


FIGURES = [four_cases, cases_without_centre, unit_growth, case_sandbox, unit_sandbox]
