"""Chapter 2 figures: node communities, brokers, self-organisation, rumour against correction.

Draws :mod:`p2pkit.communities`; every number and verdict shown comes from there.
Colours: communities in the order of :data:`p2pkit.style.COMMUNITY_COLOURS` (matched from
frame to frame so a community keeps its colour); a broker is a diamond; in the race the
rumour is reddish purple (triangles), the correction bluish green, people who have heard
nothing grey -- the same meanings as in every chapter.
"""

from __future__ import annotations

import html
import math
import random
import textwrap

import matplotlib.pyplot as plt
import networkx as nx
from matplotlib.lines import Line2D
from matplotlib.patches import Circle

from .. import orgs
from ..communities import (
    PLACEMENTS, ROLES, brokerage, brokerage_roles, brokerage_verdict, chance_modularity, chart_vs_informal,
    communities_appeared, compare_placements, correction_source, detect, expected_race, hub, modularity,
    planted_communities, race, race_verdict, self_organise,
)
from ..style import COMMUNITY_COLOURS, ROLE_COLOURS, ROLE_MARKERS, draw_network
from .core import Scrubber, scrubber

__all__ = [
    "community_layout", "community_colours", "draw_communities", "draw_race",
    "resolution_scrubber", "race_scrubber", "growth_figure", "chart_figure", "roles_table",
    "placements_table", "RESOLUTION_TOY", "RACE_TOY",
]

#: The toy network of the resolution explorable: four groups, one linked through one person.
RESOLUTION_TOY = dict(sizes=(11, 10, 9, 8), p_in=0.45, p_out=0.015, seed=7)
#: The toy network of the race explorable: two communities with a few ties between them.
RACE_TOY = dict(sizes=(16, 16), p_in=0.3, p_out=0.02, seed=0)

UNHEARD = ROLE_COLOURS["removed"]


# --------------------------------------------------------------------------- layout and colour


def _disc(members: list, rng: random.Random) -> dict:
    """Sunflower positions in a unit disc, in a seeded random order (fast for large groups)."""
    members = list(members)
    rng.shuffle(members)
    golden = math.pi * (3 - math.sqrt(5))
    k = len(members)
    return {v: (math.sqrt((i + 0.5) / k) * math.cos(i * golden), math.sqrt((i + 0.5) / k) * math.sin(i * golden))
            for i, v in enumerate(members)}


def community_layout(G: nx.Graph, communities, seed: int = 0) -> dict:
    """Positions that keep each community together: one patch per community, patches on a circle.

    Inside a patch people are placed by a spring layout of their own ties (a seeded sunflower
    disc for a patch of more than 60, which is much faster); patches are scaled by the square
    root of their size. The same network, division and seed always give the same positions.
    """
    order = {v: i for i, v in enumerate(G)}
    comms = [sorted(c, key=order.__getitem__) for c in communities]
    rng = random.Random(seed)
    k = len(comms)
    scale = {i: math.sqrt(len(c)) for i, c in enumerate(comms)}
    ring = 0.0 if k == 1 else 1.25 * max(scale.values()) / math.sin(math.pi / k)
    pos = {}
    for i, members in enumerate(comms):
        angle = math.pi - 2 * math.pi * i / k
        cx, cy = ring * math.cos(angle), ring * math.sin(angle)
        if len(members) == 1:
            local = {members[0]: (0.0, 0.0)}
        elif len(members) <= 60:
            # an explicit subgraph in node order: networkx's subgraph view may iterate a set,
            # whose order for string names changes between Python processes
            H = nx.Graph()
            H.add_nodes_from(members)
            inside = set(members)
            U = G.to_undirected(as_view=True) if G.is_directed() else G
            H.add_edges_from(sorted(((u, v) for u in members for v in U[u] if v in inside and order[u] < order[v]),
                                    key=lambda e: (order[e[0]], order[e[1]])))
            local = nx.spring_layout(H, seed=seed, iterations=60)
            xs = [p[0] for p in local.values()]
            ys = [p[1] for p in local.values()]
            r = max(max(map(abs, xs)), max(map(abs, ys))) or 1.0
            local = {v: (x / r, y / r) for v, (x, y) in local.items()}
        else:
            local = _disc(members, rng)
        for v, (x, y) in local.items():
            pos[v] = (cx + scale[i] * x, cy + scale[i] * y)
    return pos


def community_colours(communities, reference=None) -> list[str]:
    """One colour per community, matched to a ``reference`` division where they overlap.

    ``reference`` (a list of sets) fixes which colour means which group: a community takes the
    colour of the reference group it overlaps most, if that colour is still free; so colours
    stay put from one frame to the next. Without a reference, colours go in order.
    """
    n_col = len(COMMUNITY_COLOURS)
    if reference is None:
        return [COMMUNITY_COLOURS[i % n_col] for i in range(len(communities))]
    ref = [set(r) for r in reference]
    used, out = set(), [None] * len(communities)
    order = sorted(range(len(communities)), key=lambda i: -len(communities[i]))
    for i in order:
        overlaps = sorted(((len(set(communities[i]) & r), j) for j, r in enumerate(ref)), reverse=True)
        for size, j in overlaps:
            if size and j % n_col not in used:
                out[i] = j % n_col
                used.add(j % n_col)
                break
    free = [c for c in range(n_col) if c not in used]
    for i in order:
        if out[i] is None:
            out[i] = free.pop(0) if free else i % n_col
    return [COMMUNITY_COLOURS[c] for c in out]


def _label_communities(ax, pos, communities, fontsize=10):
    for i, c in enumerate(communities):
        if not c:
            continue
        xs = [pos[v][0] for v in c]
        ys = [pos[v][1] for v in c]
        top = max(c, key=lambda v: pos[v][1])
        ax.annotate(str(i + 1), pos[top], xytext=(0, 8), textcoords="offset points", ha="center", va="bottom",
                    fontsize=fontsize, fontweight="bold", color="#333333")


def _outline_communities(ax, pos, communities):
    for i, c in enumerate(communities):
        xs = [pos[v][0] for v in c]
        ys = [pos[v][1] for v in c]
        cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
        r = max(math.hypot(x - cx, y - cy) for x, y in zip(xs, ys)) + 0.3
        ax.add_patch(Circle((cx, cy), r, fill=False, linestyle="--", linewidth=1.0, edgecolor="#999999"))
        ax.text(cx, cy - r - 0.15, f"community {i + 1}", ha="center", va="top", fontsize=10.5, color="#444444")


def draw_communities(ax, G, pos, communities, colours=None, b=None, show_brokers=True, title=None,
                     node_size=110):
    """Draw ``G`` coloured by community; brokers as diamonds, anyone who alone holds
    communities together larger and named. ``b`` is a :class:`~p2pkit.communities.Brokerage`."""
    colours = colours or community_colours(communities)
    col = {v: colours[i] for i, c in enumerate(communities) for v in c}
    roles, sizes = {}, {}
    if show_brokers and b is not None:
        for v in b.brokers:
            roles[v] = "bridge"
            sizes[v] = node_size * 1.2
        for v in b.critical:
            sizes[v] = node_size * 3
    draw_network(G, ax, pos=pos, roles=roles, colours=col, sizes={v: sizes.get(v, node_size) for v in G},
                 title=title)
    if show_brokers and b is not None:
        for v in b.critical:
            ax.annotate(f"person {v}", pos[v], xytext=(11, -3), textcoords="offset points", fontsize=8.5,
                        fontweight="bold", color="#222222", va="center")
    _label_communities(ax, pos, communities)
    ax.set_aspect("equal")


def _legend_brokers(ax):
    handles = [
        Line2D([], [], marker=ROLE_MARKERS["peer"], linestyle="", color="#777777", label="person (colour = community)"),
        Line2D([], [], marker=ROLE_MARKERS["bridge"], linestyle="", color="#777777", label="broker: tied into another community"),
        Line2D([], [], marker=ROLE_MARKERS["bridge"], linestyle="", color="#777777", markersize=12,
               label="the only link: holds communities together"),
    ]
    ax.legend(handles=handles, loc="upper left", fontsize=9.5, frameon=False, bbox_to_anchor=(-0.02, 1.02))


def draw_race(ax, G, pos, result, t, communities=None, title=None, node_size=110):
    """Draw the state of a :func:`~p2pkit.communities.race` after step ``t``."""
    roles, colours, sizes = {}, {}, {}
    for v in G:
        heard = result.heard.get(v)
        sizes[v] = node_size
        if heard is not None and heard[0] <= t:
            roles[v] = heard[1] == "rumour" and "rumour" or "reached"
            colours[v] = ROLE_COLOURS["rumour"] if heard[1] == "rumour" else ROLE_COLOURS["reached"]
        else:
            roles[v] = "peer"
            colours[v] = UNHEARD
    for src in (result.rumour, result.correction):
        if src is not None:
            sizes[src] = node_size * 3
    draw_network(G, ax, pos=pos, roles=roles, colours=colours, sizes=sizes, title=title)
    if communities is not None:
        _outline_communities(ax, pos, communities)
    ax.set_aspect("equal")
    ax.autoscale_view()


def _legend_race(ax):
    handles = [
        Line2D([], [], marker=ROLE_MARKERS["rumour"], linestyle="", color=ROLE_COLOURS["rumour"], label="believes the rumour"),
        Line2D([], [], marker=ROLE_MARKERS["reached"], linestyle="", color=ROLE_COLOURS["reached"], label="heard the correction first"),
        Line2D([], [], marker="o", linestyle="", color=UNHEARD, label="has heard nothing yet"),
        Line2D([], [], marker="o", linestyle="", color="#777777", markersize=11, label="large: where a message starts"),
    ]
    ax.legend(handles=handles, loc="center", ncol=4, fontsize=10, frameon=False, columnspacing=1.2, handletextpad=0.3)


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width))


# --------------------------------------------------------------------------- explorable 1


def resolution_scrubber(resolutions=(0.2, 0.4, 0.7, 1.0, 1.5, 2.0, 2.5, 3.0), seed: int = 0,
                        toy: dict | None = None) -> Scrubber:
    """Scrub the resolution of community detection on a toy network; brokers and verdict in each frame.

    The toy (``RESOLUTION_TOY``, from :func:`~p2pkit.communities.planted_communities`) has
    four groups; positions stay fixed (by group), colours follow the groups. Each frame shows
    the communities found at one resolution, their modularity against chance, the brokers,
    and :func:`~p2pkit.communities.brokerage_verdict`.
    """
    toy = dict(RESOLUTION_TOY if toy is None else toy)
    G = planted_communities(**toy)
    groups = [{v for v, g in G.nodes(data="group") if g == k} for k in range(len(toy["sizes"]))]
    pos = community_layout(G, groups, seed=seed)
    states = []
    for r in resolutions:
        comms = detect(G, resolution=r, seed=seed)
        states.append((r, comms, brokerage(G, comms), modularity(G, comms),
                       chance_modularity(G, resolution=r, runs=5, seed=seed)))
    fig = plt.figure(figsize=(9.0, 5.4))
    ax = fig.add_axes([0.0, 0.15, 0.6, 0.78])
    ax_side = fig.add_axes([0.61, 0.15, 0.38, 0.78])
    ax_txt = fig.add_axes([0.0, 0.0, 1.0, 0.14])

    def draw(i: int) -> None:
        r, comms, b, q, chance = states[i]
        ax.clear()
        draw_communities(ax, G, pos, comms, community_colours(comms, groups), b,
                         title=f"Resolution {r:g}: {len(comms)} communit{'y' if len(comms) == 1 else 'ies'}")
        ax.title.set_fontsize(13)
        ax_side.clear()
        ax_side.set_axis_off()
        _legend_brokers(ax_side)
        lines = [f"Modularity {q:.2f}", f"(the same method on random networks", f" with the same ties: {chance:.2f})", "",
                 f"{len(b.brokers)} brokers" + ("; the least constrained:" if b.brokers else "")]
        lines += [f"  person {v}: constraint {b.constraint[v]:.2f},\n      effective size {b.effective_size[v]:.1f}"
                  for v in b.brokers[:3]]
        ax_side.text(0.0, 0.7, "\n".join(lines), va="top", fontsize=10.5, linespacing=1.45)
        ax_txt.clear()
        ax_txt.set_axis_off()
        ax_txt.text(0.5, 0.5, _wrap(brokerage_verdict(b), 84), ha="center", va="center", fontsize=11.5,
                    color="#222222")

    n = G.number_of_nodes()
    alt = (f"Animation in {len(resolutions)} frames, one per resolution from {resolutions[0]:g} to "
           f"{resolutions[-1]:g}. A network of {n} people in four clusters, coloured by the communities "
           "found at that resolution, numbered; brokers (people tied into another community) are diamonds, "
           "and a person who alone links a community to the others is drawn large and named. At the lowest "
           "resolution the clusters merge into fewer communities; in the middle the four clusters are found; "
           "at high resolutions clusters split into smaller communities. Beside the network: the modularity, "
           "the modularity of random networks with the same ties, and the least constrained brokers; under "
           "it, the model's verdict on whether one person holds the communities together.")
    return scrubber(fig, draw, len(resolutions), alt=alt)  # frames are palette PNGs (core)


# --------------------------------------------------------------------------- explorable 2


def race_scrubber(p: float = 0.5, delay: int = 1, seed: int = 3, runs: int = 500, toy: dict | None = None,
                  max_frames: int = 12) -> Scrubber:
    """Scrub time in two races of a rumour against its correction, side by side.

    Same network (``RACE_TOY``), same rumour source (the best-connected person of community 1),
    same random numbers; on the left the correction starts inside the rumour's community, on
    the right in the other community, both ``delay`` steps late. Each panel carries
    :func:`~p2pkit.communities.race_verdict` for its step, and its title the average outcome
    over ``runs`` runs (:func:`~p2pkit.communities.expected_race`).
    """
    toy = dict(RACE_TOY if toy is None else toy)
    G = planted_communities(**toy)
    comms = detect(G, seed=0)
    rumour = hub(G, comms[0])
    pos = community_layout(G, comms, seed=0)
    panels = []
    for where, label in (("inside", "Correction starts inside the rumour's community"),
                         ("other", "Correction starts in the other community")):
        src = correction_source(G, comms, rumour, where)
        result = race(G, rumour, src, p=p, delay=delay, seed=seed)
        odds = expected_race(G, rumour, src, p=p, delay=delay, runs=runs, seed=0)
        panels.append((label, result, odds))
    last = max(max(r.duration, r.stalled_at) for _, r, _ in panels)
    steps = list(range(last + 1))
    if len(steps) > max_frames:
        steps = sorted({round(i * last / (max_frames - 1)) for i in range(max_frames)})
    fig = plt.figure(figsize=(9.6, 5.4))
    axes = [fig.add_axes([0.0, 0.29, 0.495, 0.55]), fig.add_axes([0.505, 0.29, 0.495, 0.55])]
    texts = [fig.add_axes([0.01, 0.07, 0.47, 0.2]), fig.add_axes([0.52, 0.07, 0.47, 0.2])]
    ax_leg = fig.add_axes([0.0, 0.0, 1.0, 0.06])
    ax_head = fig.add_axes([0.0, 0.94, 1.0, 0.06])

    def draw(i: int) -> None:
        t = steps[i]
        ax_head.clear()
        ax_head.set_axis_off()
        ax_head.text(0.5, 0.5, f"Step {t}", ha="center", va="center", fontsize=14, fontweight="bold")
        for ax, tx, (label, result, odds) in zip(axes, texts, panels):
            ax.clear()
            draw_race(ax, G, pos, result, t, comms,
                      title=f"{label}\n(over {odds.runs} runs, {odds.rumour_share:.0%} end up believing the rumour)")
            ax.title.set_fontsize(11)
            tx.clear()
            tx.set_axis_off()
            tx.text(0.5, 1.0, _wrap(race_verdict(result, comms, t), 54), ha="center", va="top", fontsize=11,
                    color="#222222")
        ax_leg.clear()
        ax_leg.set_axis_off()
        _legend_race(ax_leg)

    alt = (f"Animation in {len(steps)} frames, from step {steps[0]} to step {steps[-1]} of time. Two copies of the same network of "
           f"{G.number_of_nodes()} people in two communities, outlined, with a few ties between them. In both, "
           "a rumour starts with the best-connected person of community 1 and spreads from person to person "
           "(believers turn purple triangles); a correction starts "
           + ("at the same time" if delay == 0 else f"{delay} step{'s' if delay != 1 else ''} later")
           + " (believers turn green): on the "
           "left inside the rumour's own community, on the right in the other community. Grey people have "
           "heard nothing yet. Under each network the model's verdict for that step says whether the rumour "
           "is still spreading or has stalled, how many believe each message, and which message reached the "
           "other community first; each title gives the average share believing the rumour over many runs.")
    return scrubber(fig, draw, len(steps), alt=alt, interval_ms=1100)


# --------------------------------------------------------------------------- static figures


def growth_figure(n: int = 60, groups: int = 3, steps: int = 10, seed: int = 0, settings=None):
    """Self-organisation under four sets of local rules: the final networks and modularity over time.

    Returns ``(figure, results)``; ``results`` maps each setting's label to its snapshots.
    """
    settings = settings or [
        ("Random ties only", 0.0, 0.0),
        ("Friends of friends", 0.8, 0.0),
        ("Own group", 0.0, 0.9),
        ("Friends of friends, own group", 0.8, 0.9),
    ]
    results = {label: self_organise(n=n, groups=groups, steps=steps, closure=c, homophily=h, seed=seed)
               for label, c, h in settings}
    fig = plt.figure(figsize=(8.6, 6.6))
    k = len(settings)
    group_sets = [{v for v in range(n) if v % groups == g} for g in range(groups)]
    for i, (label, c, h) in enumerate(settings):
        ax = fig.add_axes([i / k + 0.005, 0.47, 1 / k - 0.01, 0.36])
        last = results[label][-1]
        pos = nx.spring_layout(last.graph, seed=seed, iterations=80)
        draw_network(last.graph, ax, pos=pos,
                     colours={v: COMMUNITY_COLOURS[g] for g, members in enumerate(group_sets) for v in members},
                     sizes={v: 28 for v in last.graph})
        for coll in ax.collections:
            if hasattr(coll, "set_linewidth") and coll.__class__.__name__ == "LineCollection":
                coll.set_alpha(0.35)
        first = communities_appeared(results[label])
        if first is None:
            state = "no communities beyond chance"
        elif communities_appeared(results[label][-1:]) is None:
            state = f"communities clear at step {first}, faded by {last.step}"
        else:
            state = f"communities clear from step {first}"
        ax.set_title(_wrap(label, 18) + f"\nclosure {c:g}, homophily {h:g}\n" + _wrap(state, 22), fontsize=9.5)
    ax = fig.add_axes([0.09, 0.08, 0.52, 0.3])
    styles = ["-", "--", "-.", ":"]
    for (label, _, _), style in zip(settings, styles):
        snaps = results[label]
        ax.plot([s.step for s in snaps], [s.modularity - s.baseline_modularity for s in snaps], style,
                color="#333333", marker="o", markersize=3, label=label)
    ax.axhline(0.1, color=ROLE_COLOURS["removed"], linewidth=1)
    ax.text(steps, 0.105, "clear communities", ha="right", va="bottom", fontsize=9, color="#666666")
    ax.set_xlabel("step (about one new tie per person per step)", fontsize=10)
    ax.set_ylabel("modularity above chance", fontsize=10)
    ax.legend(fontsize=9.5, frameon=False, loc="upper left", bbox_to_anchor=(1.02, 1.05))
    fig.text(0.64, 0.13, f"Networks above: step {steps};\ncolour = group. All four start\nfrom the same random ties.",
             fontsize=9.5, color="#444444", va="top")
    return fig, results


def chart_figure(resolution: float = 1.0, seed: int = 0):
    """Krackhardt's managers: the reports-to chart, advice and friendship, coloured by the communities
    found in each and placed by department (Krackhardt 1987). Returns ``(figure, comparisons)``."""
    names = [("krack_reports", "Reports to (the chart)"), ("krack_advice", "Advice"),
             ("krack_friends", "Friendship")]
    comparisons = {name: chart_vs_informal(orgs.load_dataset(name), resolution=resolution, seed=seed)
                   for name, _ in names}
    ref = comparisons["krack_reports"]
    depts = ref.departments
    # people of one department on a small circle, departments on a big one
    pos = {}
    for i, d in enumerate(depts):
        members = sorted(d, key=int)
        angle = math.pi / 2 - 2 * math.pi * i / len(depts)
        cx, cy = 3.2 * math.cos(angle), 3.2 * math.sin(angle)
        for j, v in enumerate(members):
            a = 2 * math.pi * j / len(members)
            r = 0.0 if len(members) == 1 else 0.35 + 0.12 * len(members)
            pos[v] = (cx + r * math.cos(a), cy + r * math.sin(a))
    fig, axes = plt.subplots(1, 3, figsize=(9.0, 4.2))
    ref_colours = community_colours(ref.communities)
    for ax, (name, label) in zip(axes, names):
        c = comparisons[name]
        G = orgs.load_dataset(name, directed=False)
        colours = community_colours(c.communities, ref.communities) if name != "krack_reports" else ref_colours
        col = {v: colours[i] for i, comm in enumerate(c.communities) for v in comm}
        draw_network(G, ax, pos=pos, colours=col, labels=False, sizes={v: 150 for v in G})
        for coll in ax.collections:
            if coll.__class__.__name__ == "LineCollection":
                coll.set_alpha(0.35)
        for v, (x, y) in pos.items():
            ax.text(x, y, v, ha="center", va="center", fontsize=6.5, color="white", fontweight="bold")
        for i, d in enumerate(depts):
            xs = [pos[v][0] for v in d]
            ys = [pos[v][1] for v in d]
            top = len(d) == 1
            ax.text(sum(xs) / len(xs), (max(ys) + 0.55) if top else (min(ys) - 0.55), "CEO" if top else f"dept {i}",
                    ha="center", va="bottom" if top else "top", fontsize=9.5, color="#555555")
        ax.set_xlim(-5.2, 5.2)
        ax.set_ylim(-5.2, 4.6)
        ax.set_aspect("equal")
        ax.set_title(f"{label}\n{len(c.communities)} communities, modularity {c.modularity_informal:.2f}\n"
                     f"(chance {c.modularity_chance:.2f}); agreement with\ndepartments {c.agreement:.2f}",
                     fontsize=10)
    fig.tight_layout()
    return fig, comparisons


class _HTML:
    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup


def _table(header, rows, caption=None) -> _HTML:
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(x))}</td>" for x in r) + "</tr>" for r in rows)
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return _HTML(f"<table class='table'>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def roles_table(name: str = "krack_advice", groups: str = "dept", top: int = 6) -> _HTML:
    """The ``top`` brokers of a data set by Gould-Fernandez brokerage, with each role's count."""
    G = orgs.load_dataset(name)
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


def placements_table(p: float = 0.5, delays=(0, 1, 2, 3), runs: int = 500, toy: dict | None = None) -> _HTML:
    """Average share believing the rumour, by where and when the correction starts (race toy)."""
    toy = dict(RACE_TOY if toy is None else toy)
    G = planted_communities(**toy)
    comms = detect(G, seed=0)
    rumour = hub(G, comms[0])
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
