"""Chapter 7 figures: stylised P2P organisations and unit size (draws :mod:`p2pkit.practice`)."""

from __future__ import annotations

import html
import math
import textwrap

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
from matplotlib.collections import LineCollection

from .. import practice
from ..communities import detect
from ..practice import CASES, CaseProfile
from ..style import COMMUNITY_COLOURS, ROLE_COLOURS, ROLE_MARKERS
from .core import Scrubber, scrubber

__all__ = ["chart_layout", "wedge_layout", "case_layout", "case_style", "sunflower_layout", "draw_case", "four_cases", "CaseTable",
           "case_table", "cases_without_centre", "unit_growth"]

#: Model roles drawn with a special shape: the top/office as a centre, coaches and
#: representatives as bridges (the house meaning of those shapes).
_SPECIAL = {"top": "centre", "office": "centre", "coach": "bridge", "representative": "bridge",
            "manager": "centre"}


def sunflower_layout(nodes: list, centre=(0.0, 0.0), radius: float = 1.0) -> dict:
    """Place ``nodes`` on a sunflower spiral, the first ones in the middle.

    A deterministic, cheap layout whose positions do not change when later nodes are added
    (Vogel 1979's golden-angle spiral), so a growing network keeps everyone in place.
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

    Every person without reports gets a slot along the bottom in depth-first order; a boss
    sits above the middle of the people under them, one row per level. The staff who report
    to one boss are then gathered on a small circle under that boss, so that ties among them
    (a team) stay visible. Uses the ``boss`` edge attribute of :func:`p2pkit.practice.chart`.
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


def wedge_layout(groups: list, order: dict | None = None, radius: float = 1.0) -> dict:
    """Positions on a disc with one wedge per group (wedge size proportional to the group).

    Inside its wedge, a group's members are spread by ``order`` (earliest nearest the middle),
    so a growing network keeps its founders central while the groups it has formed show as
    coloured sectors.
    """
    order = order or {}
    total = sum(len(g) for g in groups) or 1
    pos, start = {}, math.pi / 2
    phi = (math.sqrt(5) - 1) / 2
    for g in groups:
        members = sorted(g, key=lambda v: order.get(v, 0))
        width = 2 * math.pi * len(members) / total
        for j, v in enumerate(members):
            r = radius * math.sqrt((j + 0.5) / len(members))
            a = start - width * (0.08 + 0.84 * ((j * phi) % 1.0))
            pos[v] = (r * math.cos(a), r * math.sin(a))
        start -= width
    return pos


def case_layout(G: nx.Graph) -> dict:
    """Deterministic positions: a chart with team pods; teams as small circles round a ring."""
    if G.graph.get("model") in ("chart", "herman_miller"):
        return chart_layout(G)
    groups: dict[int, list] = {}
    for v, g in G.nodes(data="group", default=0):
        groups.setdefault(g, []).append(v)
    units = sorted(g for g in groups if g >= 0)
    k = max(1, len(units))
    pos = {}
    big = 1.0
    small = min(0.45, 1.6 * math.sin(math.pi / k)) if k > 1 else 0.8
    for j, g in enumerate(units):
        a = math.pi / 2 - 2 * math.pi * j / k
        cx, cy = (big * math.cos(a), big * math.sin(a)) if k > 1 else (0.0, 0.0)
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


def case_style(G: nx.Graph) -> tuple[dict, dict]:
    """``(roles, colours)`` for :func:`p2pkit.style.draw_network`: groups coloured, roles shaped."""
    roles, colours = {}, {}
    for v, d in G.nodes(data=True):
        special = _SPECIAL.get(d.get("role"))
        if special:
            roles[v] = special
        else:
            roles[v] = "peer"
            g = d.get("group", 0)
            colours[v] = COMMUNITY_COLOURS[g % len(COMMUNITY_COLOURS)] if g is not None and g >= 0 else ROLE_COLOURS["peer"]
    return roles, colours


def fast_draw(G: nx.Graph, ax, pos: dict, roles: dict | None = None, colours: dict | None = None,
              size: float = 40.0, hidden=(), tie_width: float | None = None, tie_alpha: float | None = None,
              title: str | None = None) -> None:
    """Draw a network in the house style with one scatter per marker shape (for large, live pictures).

    The same meaning as :func:`p2pkit.style.draw_network` -- role colours and shapes from
    :data:`p2pkit.style.ROLE_COLOURS` and ``ROLE_MARKERS``, ``colours`` overriding the colour,
    ``hidden`` people drawn as grey crosses without their ties -- but several times quicker
    for hundreds of people, which keeps a live control responsive.
    """
    roles = roles or {}
    colours = colours or {}
    hidden = set(hidden)
    m = G.number_of_edges()
    width = tie_width if tie_width is not None else (0.8 if m <= 300 else 0.5 if m <= 2000 else 0.3)
    alpha = tie_alpha if tie_alpha is not None else (0.75 if m <= 300 else 0.45 if m <= 2000 else 0.2)
    segs = [(pos[u], pos[v]) for u, v in G.edges() if u not in hidden and v not in hidden]
    if segs:
        ax.add_collection(LineCollection(segs, colors=ROLE_COLOURS["tie"], linewidths=width, alpha=alpha, zorder=1))
    groups: dict[str, list] = {}
    for v in G:
        role = "removed" if v in hidden else roles.get(v, "peer")
        groups.setdefault(role, []).append(v)
    for role, nodes in groups.items():
        xy = np.array([pos[v] for v in nodes], dtype=float)
        if role == "removed":
            face = [ROLE_COLOURS["removed"]] * len(nodes)
        else:
            face = [colours.get(v, ROLE_COLOURS.get(role, ROLE_COLOURS["peer"])) for v in nodes]
        big = 1.6 if role in ("centre", "bridge", "removed") else 1.0
        ax.scatter(xy[:, 0], xy[:, 1], s=size * big, c=face, marker=ROLE_MARKERS.get(role, "o"),
                   edgecolors="white", linewidths=0.6 if size < 30 else 0.8, zorder=3 if big > 1 else 2)
    ax.set_axis_off()
    ax.autoscale_view()
    if title:
        ax.set_title(title)


def draw_case(G: nx.Graph, ax, pos: dict | None = None, hidden=(), title: str | None = None,
              size: float | None = None) -> None:
    """Draw one stylised organisation in the house style."""
    pos = pos if pos is not None else case_layout(G)
    roles, colours = case_style(G)
    n = G.number_of_nodes()
    s = size if size is not None else max(8.0, min(90.0, 3000.0 / max(n, 1)))
    fast_draw(G, ax, pos, roles=roles, colours=colours, size=s, hidden=hidden, title=title)


def four_cases(n: int = 60, seed: int = 0):
    """The baseline chart and the four stylised cases (one figure: three panels above, two below)."""
    names = list(CASES)
    fig = plt.figure(figsize=(10, 6.6))
    slots = [(0.0, 0.52), (0.34, 0.52), (0.68, 0.52), (0.17, 0.02), (0.51, 0.02)]
    for (x, y), name in zip(slots, names):
        ax = fig.add_axes([x, y, 0.31, 0.4])
        G = practice.build_case(name, n, seed)
        draw_case(G, ax)
        ax.set_title(CASES[name][0], fontsize=10.5)
    return fig


class CaseTable:
    """An HTML table of :class:`~p2pkit.practice.CaseProfile` values, one column per model
    (displays in Jupyter and in the book)."""

    def __init__(self, rows: list[tuple[str, CaseProfile]]):
        self.rows = rows

    def _repr_html_(self) -> str:
        def f(x, fmt="{:.2f}"):
            return "–" if x is None else fmt.format(x)

        measures = [
            ("People", lambda p: str(p.people)),
            ("Ties per person", lambda p: f(p.ties_per_person, "{:.1f}")),
            ("Average hops", lambda p: f(p.mean_hops)),
            ("Degree centralization", lambda p: f(p.degree_centralization)),
            ("Betweenness centralization", lambda p: f(p.betweenness_centralization)),
            ("Gini of ties per person", lambda p: f(p.degree_gini)),
            ("Krackhardt hierarchy", lambda p: f((p.krackhardt or {}).get("hierarchy"))),
            ("Krackhardt efficiency", lambda p: f((p.krackhardt or {}).get("efficiency"))),
            ("Communities (modularity)", lambda p: f"{p.communities} ({p.modularity:.2f})"),
            ("Single points of failure", lambda p: str(p.single_points)),
            ("Most central person", lambda p: p.most_central_role),
            ("Their share of routes", lambda p: f"{p.most_central_load:.0%}"),
            ("Pairs in touch without them", lambda p: f"{p.survives_without_most_central:.0%}"),
        ]
        cell = "padding:3px 10px;border-bottom:1px solid #ddd;text-align:left"
        out = ["<div style='overflow-x:auto'><table class='p2p-table' style='border-collapse:collapse'>"
               f"<thead><tr><th style='{cell}'>Measure</th>"]
        out += [f"<th style='{cell}'>{html.escape(title)}</th>" for title, _ in self.rows]
        out.append("</tr></thead><tbody>")
        for label, get in measures:
            cells = "".join(f"<td style='{cell}'>{html.escape(get(p))}</td>" for _, p in self.rows)
            out.append(f"<tr><td style='{cell}'>{html.escape(label)}</td>{cells}</tr>")
        out.append("</tbody></table></div>")
        return "".join(out)


def case_table(n: int = 60, seed: int = 0) -> CaseTable:
    """The chapter 1-3 measures of every model in :data:`~p2pkit.practice.CASES` at size ``n``."""
    short = {"chart": "Chart (baseline)", "gore": "Gore (lattice)", "herman_miller": "Herman Miller (plant)",
             "morning_star": "Morning Star (CLOUs)", "buurtzorg": "Buurtzorg (teams)"}
    rows = []
    for name, (title, build) in CASES.items():
        rows.append((short.get(name, title) + " – model", practice.case_profile(build(n, seed), seed=seed)))
    return CaseTable(rows)


def cases_without_centre(n: int = 60, seed: int = 0) -> Scrubber:
    """Scrub through the five models, each whole and then without its most central person."""
    names = list(CASES)
    graphs = [practice.build_case(name, n, seed) for name in names]
    profiles = [practice.case_profile(G, krackhardt_up_to=0, seed=seed) for G in graphs]
    layouts = [case_layout(G) for G in graphs]
    frames = 2 * len(names)
    fig = plt.figure(figsize=(8.5, 4.8))
    ax_net = fig.add_axes([0.0, 0.16, 0.5, 0.72])
    ax_bar = fig.add_axes([0.72, 0.32, 0.22, 0.5])
    ax_txt = fig.add_axes([0.0, 0.0, 1.0, 0.15])

    def draw(i: int) -> None:
        j, removed = divmod(i, 2)
        G, p, pos = graphs[j], profiles[j], layouts[j]
        ax_net.clear()
        hidden = [p.most_central] if removed else []
        draw_case(G, ax_net, pos=pos, hidden=hidden,
                  title=f"{CASES[names[j]][0]}\n" + ("without its most central person" if removed else "as modelled"))
        ax_net.title.set_fontsize(11.5)
        ax_bar.clear()
        labels = ["Most central person's\nshare of routes", "Pairs still in touch\nwithout that person",
                  "Modularity\n(clear groups)"]
        values = [p.most_central_load, p.survives_without_most_central, max(0.0, p.modularity)]
        texts = [f"{values[0]:.0%}", f"{values[1]:.0%}", f"{values[2]:.2f}"]
        colours = [ROLE_COLOURS["centre"], ROLE_COLOURS["reached"], COMMUNITY_COLOURS[0]]
        y = [2, 1, 0]
        ax_bar.barh(y, [1, 1, 1], color="#EEEEEE", height=0.55)
        ax_bar.barh(y, values, color=colours, height=0.55)
        for yi, t in zip(y, texts):
            ax_bar.text(1.03, yi, t, va="center", fontsize=11)
        ax_bar.set_yticks(y, labels, fontsize=10.5)
        ax_bar.set_xlim(0, 1.3)
        ax_bar.set_xticks([])
        ax_bar.spines[["top", "right", "bottom"]].set_visible(False)
        ax_txt.clear()
        ax_txt.set_axis_off()
        if removed:
            text = practice.case_verdict(p, parts=("loss", "single"))
        else:
            text = practice.case_verdict(p, parts=("groups", "ties"))
        ax_txt.text(0.5, 0.5, textwrap.fill(text, 100), ha="center", va="center", fontsize=11, color="#222222")

    alt = (f"Animation in {frames} frames, two for each of five stylised models of {n} people: a conventional "
           "chart, a Gore-style lattice of teams, a participative plant with a committee, a Morning Star-style "
           "network of peer agreements between business units, and Buurtzorg-style nurse teams with a coach and "
           "a back office. Each model is shown whole, then with its most central person removed (a grey cross). "
           "Bars give that person's share of routes, the share of pairs still in touch without them and the "
           "modularity; a sentence under the figure states the model's verdict.")
    return scrubber(fig, draw, frames, alt=alt)


def unit_growth(sizes=(50, 100, 150, 250, 400, 600), cap: int = 150, seed: int = 0) -> Scrubber:
    """Scrub a unit growing past ``cap`` people, beside the same people split into units of <= ``cap``.

    Left: one unit, coloured and laid out in wedges by the groups community detection finds in
    it (founders nearest the middle). Middle: the same people as units of at most ``cap``, with liaison ties.
    Right: relationships per person needed for everyone to know their whole unit, against those
    they actually have, and the average hops across the organisation.
    """
    sizes = list(sizes)
    rows = practice.unit_sweep(sizes, cap=cap, seed=seed)
    big = practice.grow_unit(max(sizes), seed=seed)
    frames = len(sizes)
    fig = plt.figure(figsize=(9, 5.6))
    ax_one = fig.add_axes([0.0, 0.22, 0.3, 0.64])
    ax_split = fig.add_axes([0.31, 0.22, 0.3, 0.64])
    ax_need = fig.add_axes([0.72, 0.63, 0.27, 0.27])
    ax_hops = fig.add_axes([0.72, 0.27, 0.27, 0.27])
    ax_txt = fig.add_axes([0.0, 0.0, 1.0, 0.18])
    xs = [r[0].people for r in rows]
    for ax in (ax_need, ax_hops):
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=9.5)
    ax_need.plot(xs, [r[0].relationships_needed for r in rows], color=ROLE_COLOURS["centre"], lw=2,
                 label="needed, one unit")
    ax_need.plot(xs, [r[1].relationships_needed for r in rows], color=COMMUNITY_COLOURS[0], lw=2, ls="--",
                 label=f"needed, units of ≤{cap}")
    ax_need.plot(xs, [r[0].ties_per_person for r in rows], color="#555555", lw=1.5, ls=":", label="actually held")
    ax_need.set_ylabel("relationships\nper person", fontsize=10.5)
    ax_need.legend(fontsize=9, frameon=False, loc="upper left")
    ax_hops.plot(xs, [r[0].mean_hops for r in rows], color=ROLE_COLOURS["centre"], lw=2, label="one unit")
    ax_hops.plot(xs, [r[1].mean_hops for r in rows], color=COMMUNITY_COLOURS[0], lw=2, ls="--",
                 label=f"units of ≤{cap}")
    ax_hops.set_ylabel("average hops", fontsize=10.5)
    ax_hops.set_xlabel("people", fontsize=10.5)
    ax_hops.legend(fontsize=9, frameon=False, loc="upper left")
    cursor_need = ax_need.axvline(sizes[0], color="#999999", lw=1)
    cursor_hops = ax_hops.axvline(sizes[0], color="#999999", lw=1)
    splits = [practice.split_unit(s, cap=cap, seed=seed) for s in sizes]
    found = [detect(big.subgraph(range(s)), seed=seed) for s in sizes]

    def draw(i: int) -> None:
        s = sizes[i]
        one_row, split_row = rows[i]
        one = big.subgraph(range(s))
        comms = found[i]
        colour = {v: COMMUNITY_COLOURS[c % len(COMMUNITY_COLOURS)] for c, group in enumerate(comms) for v in group}
        ax_one.clear()
        node_size = max(9.0, min(60.0, 3500.0 / s))
        fast_draw(one, ax_one, wedge_layout(comms, {v: v for v in one}), colours=colour, size=node_size,
                  tie_width=0.3, tie_alpha=0.18)
        ax_one.set_xlim(-1.1, 1.1)
        ax_one.set_ylim(-1.1, 1.1)
        ax_one.set_title(f"One unit of {s}\n{one_row.communities} informal groups found", fontsize=11.5)
        split = splits[i]
        units = sorted({g for _, g in split.nodes(data="group")})
        k = len(units)
        pos = {}
        for u in units:
            members = sorted(v for v, g in split.nodes(data="group") if g == u)
            a = math.pi / 2 - 2 * math.pi * u / k
            centre = (0.55 * math.cos(a), 0.55 * math.sin(a)) if k > 1 else (0.0, 0.0)
            pos.update(sunflower_layout(members, centre, 1.0 if k == 1 else min(0.5, 1.4 / k + 0.1)))
        ax_split.clear()
        colours = {v: COMMUNITY_COLOURS[g % len(COMMUNITY_COLOURS)] for v, g in split.nodes(data="group")}
        fast_draw(split, ax_split, pos, colours=colours, size=node_size, tie_width=0.3, tie_alpha=0.18)
        ax_split.set_xlim(-1.1, 1.1)
        ax_split.set_ylim(-1.1, 1.1)
        ax_split.set_title(f"Same people, units of at most {cap}\n{split_row.units} unit{'s' if split_row.units > 1 else ''}",
                           fontsize=11.5)
        cursor_need.set_xdata([s, s])
        cursor_hops.set_xdata([s, s])
        ax_txt.clear()
        ax_txt.set_axis_off()
        ax_txt.text(0.5, 0.5, textwrap.fill(practice.unit_verdict(one_row, split_row, cap), 105), ha="center",
                    va="center", fontsize=11, color="#222222")

    alt = (f"Animation in {frames} frames: a unit grows from {sizes[0]} to {sizes[-1]} people. Left, the single "
           "unit drawn as a disc, founders in the middle, coloured by the informal groups that community detection "
           f"finds. Middle, the same people organised as units of at most {cap}, joined by a few liaison ties. "
           "Right, two line charts against the number of people: the working relationships each person would need "
           "to know their whole unit (rising straight for the single unit, capped for the split one) against the "
           "few they hold, and the average number of hops across the organisation for both. A sentence under the "
           "figure gives the model's verdict for each size.")
    return scrubber(fig, draw, frames, alt=alt)
