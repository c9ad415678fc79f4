"""Chapter 4 figures: ties that form and fade, coordination, flow over time.

Draws :mod:`p2pkit.dynamics`; every number and sentence on a figure is computed there.
"""

from __future__ import annotations

import math
import textwrap

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
from matplotlib.lines import Line2D

from .. import orgs
from ..dynamics import (Evolution, Race, consensus_verdict, degroot, disagreement, evolve, news_verdict,
                        race, race_verdict, trend)
from ..errors import P2PKitError
from ..style import OKABE_ITO, ROLE_COLOURS, ROLE_MARKERS
from .core import Scrubber, scrubber

__all__ = [
    "positions",
    "roles_for",
    "draw_ties",
    "draw_measures",
    "draw_race_on_network",
    "evolution_scrubber",
    "race_figure",
    "many_needs_figure",
    "flow_figure",
    "MEASURE_STYLE",
]

#: Line style of each measure in the chapter-4 charts (colour, dash, marker).
MEASURE_STYLE = {
    "density": (OKABE_ITO["black"], "-", "o"),
    "clustering": (OKABE_ITO["sky blue"], "--", "s"),
    "reciprocity": (OKABE_ITO["orange"], ":", "^"),
}


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width))


def positions(G: nx.Graph, seed: int = 0) -> dict:
    """Fixed positions for an animation: a spring layout up to 60 people, a circle beyond."""
    U = G.to_undirected() if G.is_directed() else G
    if U.number_of_nodes() <= 60:
        return nx.spring_layout(U, seed=seed, k=1.6 / math.sqrt(max(U.number_of_nodes(), 1)))
    return nx.circular_layout(U)


def roles_for(G: nx.Graph) -> dict:
    """The top of the chart (Krackhardt's ``level`` 1) as the centre, everyone else a peer."""
    return {v: ("centre" if d.get("level") == 1 else "peer") for v, d in G.nodes(data=True)}


def _node_size(n: int) -> float:
    return float(max(12, min(150, 2400 / max(n, 1))))


def draw_ties(ax, ev: Evolution, t: int, pos: dict, roles: dict | None = None,
              title: str | None = None, show_faded: bool = True, legend: bool = True,
              fontsize: float = 11) -> None:
    """Draw snapshot ``t`` of ``ev``: mutual ties thick, one-way ties thin, faded ties dashed grey."""
    ax.clear()
    nodes = list(ev.nodes)
    A = ev.matrices[t]
    n = len(nodes)
    mutual = np.argwhere(np.triu(A & A.T, 1))
    oneway = np.argwhere(A & ~A.T)
    segs = lambda idx: [(pos[nodes[i]], pos[nodes[j]]) for i, j in idx]  # noqa: E731
    from matplotlib.collections import LineCollection

    lw = 1.5 if n <= 60 else 0.6
    if show_faded and t > 0:
        prev = ev.matrices[t - 1]
        gone = np.argwhere(np.triu((prev | prev.T) & ~(A | A.T), 1))
        if len(gone):
            ax.add_collection(LineCollection(segs(gone), colors=ROLE_COLOURS["removed"], linewidths=lw * 0.8,
                                             linestyles=(0, (3, 2)), zorder=1))
    if len(oneway):
        ax.add_collection(LineCollection(segs(oneway), colors=ROLE_COLOURS["tie"], linewidths=lw * 0.45,
                                         alpha=0.7, zorder=2))
    if len(mutual):
        ax.add_collection(LineCollection(segs(mutual), colors=ROLE_COLOURS["tie"], linewidths=lw * 1.3,
                                         zorder=2))
    roles = roles or {}
    size = _node_size(n)
    for role in sorted(set(roles.get(v, "peer") for v in nodes)):
        members = [v for v in nodes if roles.get(v, "peer") == role]
        xy = np.array([pos[v] for v in members])
        ax.scatter(xy[:, 0], xy[:, 1], s=size * (1.3 if role == "centre" else 1.0),
                   c=ROLE_COLOURS.get(role, ROLE_COLOURS["peer"]), marker=ROLE_MARKERS.get(role, "o"),
                   edgecolors="white", linewidths=0.6, zorder=3)
    ax.set_aspect("equal")
    ax.autoscale_view()
    ax.margins(0.06)
    ax.set_axis_off()
    if legend:
        handles = [Line2D([], [], color=ROLE_COLOURS["tie"], lw=lw * 1.3, label="mutual tie"),
                   Line2D([], [], color=ROLE_COLOURS["tie"], lw=lw * 0.45, alpha=0.7, label="one-way tie"),
                   Line2D([], [], color=ROLE_COLOURS["removed"], lw=lw * 0.8, ls=(0, (3, 2)),
                          label="faded this step")]
        ax.legend(handles=handles, loc="lower left", fontsize=fontsize - 2.5, frameon=False,
                  bbox_to_anchor=(0.0, -0.06), ncol=3, handlelength=2.2, columnspacing=1.0)
    if title:
        ax.set_title(title, fontsize=fontsize)


def draw_measures(ax, ev: Evolution, t: int, fontsize: float = 11) -> None:
    """Density, clustering and reciprocity over the steps of ``ev``, up to step ``t`` in full."""
    ax.clear()
    steps = np.arange(ev.steps + 1)
    ms = [ev.measures(s) for s in steps]
    for name, (colour, dash, marker) in MEASURE_STYLE.items():
        y = np.array([getattr(m, name) for m in ms])
        ax.plot(steps, y, color=colour, ls=dash, lw=1, alpha=0.25)
        ax.plot(steps[: t + 1], y[: t + 1], color=colour, ls=dash, lw=1.8, marker=marker, ms=4,
                label=f"{name} {y[t]:.2f}")
    ax.axvline(t, color="#BBBBBB", lw=0.8, zorder=0)
    ax.set_xlim(-0.3, max(ev.steps, 1) + 0.3)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("step")
    ax.set_xticks(steps[::2] if ev.steps <= 12 else np.linspace(0, ev.steps, 7).round())
    ax.set_yticks([0, 0.5, 1])
    ax.legend(loc="upper left", fontsize=fontsize - 1.5, frameon=False)
    ax.set_title(f"Step {t}: {ev.measures(t).ties} ties", fontsize=fontsize)
    ax.tick_params(labelsize=fontsize - 2)
    ax.xaxis.label.set_size(fontsize - 1.5)


def evolution_scrubber(G: nx.Graph | None = None, steps: int = 11, *, meet: float = 0.0,
                       reciprocate: float = 0.2, closure: float = 0.2, decay: float = 0.25,
                       seed: int = 0) -> Scrubber:
    """Scrub through the evolution of a network (default: Krackhardt's managers' friendships).

    One frame per step (``steps + 1 <= 12`` frames): the ties at that step with fixed
    positions, density, clustering and reciprocity so far, and the :func:`trend` verdict.
    """
    if steps + 1 > 12:
        raise P2PKitError("at most 11 steps (12 frames), so the page stays light.")
    G = orgs.load_dataset("krack_friends") if G is None else G
    ev = evolve(G, steps, meet=meet, reciprocate=reciprocate, closure=closure, decay=decay, seed=seed)
    pos = positions(G)
    roles = roles_for(G)
    fig = plt.figure(figsize=(9.2, 5.2))
    ax_net = fig.add_axes([0.0, 0.18, 0.5, 0.76])
    ax_m = fig.add_axes([0.6, 0.3, 0.37, 0.57])
    ax_txt = fig.add_axes([0.0, 0.0, 1.0, 0.13])

    def draw(i: int) -> None:
        draw_ties(ax_net, ev, i, pos, roles, title=f"Step {i} of {steps}", fontsize=12.5)
        draw_measures(ax_m, ev, i, fontsize=12.5)
        ax_txt.clear()
        ax_txt.set_axis_off()
        ax_txt.text(0.5, 0.5, _wrap(trend(ev, i), 88), ha="center", va="center", fontsize=12.5,
                    color="#222222")

    name = G.graph.get("title", "a network")
    alt = (f"Animation in {steps + 1} frames of {name}: {G.number_of_nodes()} people in fixed places, "
           "with thick lines for mutual ties, thin lines for one-way ties and dashed grey lines for "
           f"ties that faded in that step. Each step, unused ties fade with probability {decay:g}, "
           f"one-way ties are returned with probability {reciprocate:g}, and each person introduces "
           f"two of their contacts with probability {closure:g}. A chart on the right traces "
           "density, clustering and reciprocity step by step, and a sentence under the figure "
           "states the model's verdict: whether ties form faster than they fade and whether the "
           "network is coming apart.")
    return scrubber(fig, draw, steps + 1, alt=alt)


def _tree_positions(tree: nx.Graph, top) -> dict:
    T = tree.to_undirected() if tree.is_directed() else tree
    depth = nx.single_source_shortest_path_length(T, top)
    parent = dict(nx.bfs_predecessors(T, top))
    # order people by their path from the top so each team sits together
    def key(v):
        path = [v]
        while path[-1] in parent:
            path.append(parent[path[-1]])
        return [str(x).zfill(6) for x in reversed(path)]
    levels: dict = {}
    for v in sorted(T, key=key):
        levels.setdefault(depth[v], []).append(v)
    D = max(levels)
    pos = {}
    for d, members in levels.items():
        for i, v in enumerate(members):
            pos[v] = ((i + 0.5) / len(members) * 2 - 1, 1 - 2 * d / max(D, 1))
    return pos


def draw_race_on_network(ax, G: nx.Graph, response, need, pos: dict, title: str = "",
                         roles: dict | None = None, boss=None, fontsize: float = 10) -> None:
    """Draw one route's response to a need: the request's routes, recruits, the origin."""
    ax.clear()
    U = G.to_undirected() if G.is_directed() else G
    n = U.number_of_nodes()
    from matplotlib.collections import LineCollection

    ax.add_collection(LineCollection([(pos[u], pos[v]) for u, v in U.edges()], colors=ROLE_COLOURS["tie"],
                                     linewidths=0.7, alpha=0.45, zorder=1))
    used = {tuple(sorted((p[i], p[i + 1]), key=str)) for p in response.paths for i in range(len(p) - 1)}
    if used:
        ax.add_collection(LineCollection([(pos[u], pos[v]) for u, v in used], colors=ROLE_COLOURS["reached"],
                                         linewidths=2.6, zorder=2))
    if response.new_ties:
        ax.add_collection(LineCollection([(pos[u], pos[v]) for u, v in response.new_ties],
                                         colors=ROLE_COLOURS["reached"], linewidths=1.6,
                                         linestyles=(0, (2, 2)), zorder=2))
    size = _node_size(n)
    recruits = set(response.recruits)
    roles = dict(roles or {})
    for v in U:
        if v in recruits:
            roles[v] = "reached"
        elif boss is not None and v == boss:
            roles[v] = "centre"
    for role in sorted(set(roles.get(v, "peer") for v in U)):
        members = [v for v in U if roles.get(v, "peer") == role]
        xy = np.array([pos[v] for v in members])
        ax.scatter(xy[:, 0], xy[:, 1], s=size * (1.3 if role in ("centre", "reached") else 1.0),
                   c=ROLE_COLOURS.get(role, ROLE_COLOURS["peer"]), marker=ROLE_MARKERS.get(role, "o"),
                   edgecolors="white", linewidths=0.6, zorder=3)
    skilled = [v for v in need.skilled if v in pos]
    if skilled:
        xy = np.array([pos[v] for v in skilled])
        ax.scatter(xy[:, 0], xy[:, 1], s=size * 2.6, facecolors="none", edgecolors=OKABE_ITO["black"],
                   linewidths=1.1, zorder=4)
    ox, oy = pos[need.origin]
    ax.scatter([ox], [oy], s=size * 3.2, marker="*", c=OKABE_ITO["black"], edgecolors="white", linewidths=0.6,
               zorder=5)
    ax.set_aspect("equal")
    ax.autoscale_view()
    ax.margins(0.08)
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=fontsize)


def _race_legend(fig, y=0.135):
    s = 7
    handles = [
        Line2D([], [], marker="*", color="none", markerfacecolor=OKABE_ITO["black"], markersize=s + 4,
               label="need appears here"),
        Line2D([], [], marker="o", color="none", markerfacecolor="none", markeredgecolor=OKABE_ITO["black"],
               markersize=s + 3, label="has the skill"),
        Line2D([], [], marker="o", color="none", markerfacecolor=ROLE_COLOURS["reached"], markersize=s,
               label="recruited"),
        Line2D([], [], color=ROLE_COLOURS["reached"], lw=2.6, label="route of the request"),
        Line2D([], [], color=ROLE_COLOURS["reached"], lw=1.6, ls=(0, (2, 2)), label="new tie"),
        Line2D([], [], marker="s", color="none", markerfacecolor=ROLE_COLOURS["centre"], markersize=s,
               label="boss who decides"),
    ]
    fig.legend(handles=handles, loc="center", bbox_to_anchor=(0.5, y), ncol=6, fontsize=8, frameon=False,
               handlelength=1.6, columnspacing=1.2)


def race_figure(informal: nx.Graph, tree: nx.Graph, need, top, hop_hours: float = 1.0,
                boss_hours: float = 0.5, pos: dict | None = None, label: str = ""):
    """One need, met through ties (left) and through the chain of command (right), with the verdict."""
    r: Race = race(informal, tree, need, top, hop_hours, boss_hours)
    pos = pos or positions(informal)
    fig = plt.figure(figsize=(9.2, 4.4))
    ax_a = fig.add_axes([0.0, 0.2, 0.48, 0.68])
    ax_b = fig.add_axes([0.52, 0.2, 0.48, 0.68])

    def when(resp, extra=""):
        if not resp.met:
            return "never met\n(no route to enough skilled people)"
        hops = f"{resp.hops} hand-off{'s' if resp.hops != 1 else ''}"
        return f"met in {resp.hours:g} h\n({hops}{extra})"

    draw_race_on_network(ax_a, informal, r.ties, need, pos,
                         title=f"Through ties: {when(r.ties)}")
    wait = f" + {r.chain.waited_hours:g} h queueing" if r.chain.waited_hours else ""
    draw_race_on_network(ax_b, tree, r.chain, need, _tree_positions(tree, top), boss=r.chain.boss,
                         title=f"Chain of command: {when(r.chain, f' + {boss_hours:g} h to decide' + wait)}")
    if label:
        fig.suptitle(label, fontsize=11, y=0.985)
    _race_legend(fig)
    fig.text(0.5, 0.035, _wrap(race_verdict(r), 120), ha="center", va="center", fontsize=9.5)
    return fig


def many_needs_figure(informal: nx.Graph, tree: nx.Graph, needs: list, top, hop_hours: float = 1.0,
                      boss_hours: float = 0.5, ax=None):
    """How many of several simultaneous needs each route has met, hour by hour."""
    races = race(informal, tree, list(needs), top, hop_hours, boss_hours)
    own = ax is None
    if own:
        fig, ax = plt.subplots(figsize=(7.0, 3.8))
    else:
        fig = ax.figure
    horizon = max([x for r in races for x in (r.ties.hours, r.chain.hours) if math.isfinite(x)] + [1.0]) + 1
    grid = np.linspace(0, horizon, 400)
    for key, label, colour, dash in (("ties", "through ties", ROLE_COLOURS["reached"], "-"),
                                     ("chain", "chain of command", ROLE_COLOURS["centre"], "--")):
        times = np.array([getattr(r, key).hours for r in races])
        ax.step(grid, [(times <= g).sum() for g in grid], where="post", color=colour, ls=dash, lw=2,
                label=label)
    ax.set_xlabel("hours after the needs appeared")
    ax.set_ylabel("needs met")
    ax.set_ylim(0, len(races) + 0.5)
    ax.set_yticks(range(len(races) + 1))
    ax.set_xlim(0, horizon)
    ax.legend(loc="lower right", frameon=False, fontsize=9)
    ax.set_title(f"{len(races)} needs appear at the same moment", fontsize=10)
    if own:
        fig.tight_layout(rect=(0, 0.12, 1, 1))
        fig.text(0.5, 0.05, _wrap(race_verdict(races), 95), ha="center", va="center", fontsize=9)
    return fig


def flow_figure(G: nx.Graph, regimes: dict, steps: int = 12, news_from=None, opinions=None, seed: int = 0,
                tolerance: float = 0.05):
    """News and opinions spreading over the same people under different tie dynamics.

    ``regimes`` maps a label to the keyword rates of :func:`evolve`. Left: the share who
    have heard the news. Right: disagreement (highest minus lowest opinion) under
    :func:`degroot` averaging over the ties of the moment. Returns ``(figure, results)``
    where ``results`` maps each label to ``(news verdict, consensus verdict)``.
    """
    nodes = list(G)
    if news_from is None:
        news_from = [nodes[0]]
    if opinions is None:
        opinions = {v: float(i % 2) for i, v in enumerate(nodes)}
    styles = [(OKABE_ITO["black"], "-"), (OKABE_ITO["bluish green"], "--"), (OKABE_ITO["blue"], "-."),
              (OKABE_ITO["vermillion"], ":"), (OKABE_ITO["reddish purple"], (0, (5, 1, 1, 1)))]
    fig, (ax_a, ax_b) = plt.subplots(1, 2, figsize=(9.2, 3.9))
    results = {}
    for (label, rates), (colour, dash) in zip(regimes.items(), styles):
        ev = evolve(G, steps, news_from=news_from, seed=seed, **rates)
        heard = [len(s) / len(nodes) for s in ev.informed]
        hist = degroot(ev, opinions)
        gap = disagreement(hist)
        ax_a.plot(range(steps + 1), heard, color=colour, ls=dash, lw=2, label=label)
        ax_b.plot(range(steps + 1), gap, color=colour, ls=dash, lw=2, label=label)
        results[label] = (news_verdict(ev), consensus_verdict(hist, tolerance, ev))
    ax_a.set_ylim(0, 1.03)
    ax_a.set_xlabel("step")
    ax_a.set_ylabel("share who have heard")
    ax_a.set_title("News spreading along the ties of the moment", fontsize=10)
    ax_b.set_ylim(0, 1.03)
    ax_b.axhline(tolerance, color="#BBBBBB", lw=0.8)
    ax_b.set_xlabel("step")
    ax_b.set_ylabel("highest minus lowest opinion")
    ax_b.set_title("Opinions averaged over the ties of the moment", fontsize=10)
    handles, labels = ax_b.get_legend_handles_labels()
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    fig.legend(handles, labels, loc="lower center", ncol=len(labels), fontsize=8.5, frameon=False,
               bbox_to_anchor=(0.5, 0.0), handlelength=3)
    return fig, results
