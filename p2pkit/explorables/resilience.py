"""Chapter 6 figures: failure, redundancy and self-correction (draws :mod:`p2pkit.resilience`).

- :func:`failure_scrubber` -- scrub through departures from a chart and from the same people
  with lateral ties; who is left, the curves, and the model's verdict.
- :func:`redundancy_figure` -- the same people from chart to mesh: single points of failure
  and node connectivity.
- :func:`threshold_figure` -- random failure against targeted removal on a random and a
  hub-dominated network of 2,000 people, with the percolation theory.
- :func:`self_correction_figure` -- longer routes after a departure, and rounds of repair.
- :func:`managers_figure` and :func:`managers_table` -- Krackhardt's managers: the formal
  chart against the advice network.
"""

from __future__ import annotations

import html as _html

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
from IPython.display import HTML
from matplotlib.ticker import MaxNLocator

from .. import orgs
from ..errors import P2PKitError
from ..resilience import (
    failure_curve, failure_verdict, knock_out, percolation_threshold, random_network_giant_share,
    chart_with_lateral_ties, compare_curves, redundancy, removal_order, repair, repair_verdict, rerouting,
    rerouting_verdict,
)
from ..style import OKABE_ITO, ROLE_COLOURS, draw_network, tree_layout
from .core import Scrubber, scrubber

__all__ = [
    "chart_layout", "network_panel", "curve_panel", "failure_scrubber", "redundancy_figure",
    "threshold_figure", "self_correction_figure", "managers", "managers_table", "managers_figure",
]

#: Line colours of the curves: the chart in black, the network with lateral ties in blue;
#: targeted removal solid, random removal dashed (the same in every figure of the chapter).
CHART, MESHED = OKABE_ITO["black"], OKABE_ITO["blue"]


def chart_layout(G: nx.Graph) -> dict:
    """Positions of an organisation chart (``level`` attribute), staggered so lateral ties show.

    Level by level from the top, people are ordered by the mean position of their ties on
    the level above (Sugiyama et al.'s 1981 barycentre rule), so that reports sit under
    their manager. Alternate people on a crowded level are nudged down a little, so that a
    tie between two people on the same level does not run straight through the person
    between them. Draw a chart and the same people with lateral ties with the chart's
    positions, so that only the ties change.
    """
    pos = tree_layout(G)
    rows: dict = {}
    for v, (x, y) in pos.items():
        rows.setdefault(y, []).append(v)
    ys = sorted(rows, reverse=True)
    depth = max(1, len(ys) - 1)
    for upper, y in zip([None] + ys[:-1], ys):
        members = rows[y]
        slots = sorted(pos[v][0] for v in members)
        if upper is not None:
            above = set(rows[upper])

            def key(v):
                xs = [pos[u][0] for u in G.adj[v] if u in above]
                return (sum(xs) / len(xs) if xs else pos[v][0], pos[v][0])

            members.sort(key=key)
        else:
            members.sort(key=lambda v: pos[v][0])
        for i, (v, x) in enumerate(zip(members, slots)):
            dy = (0.22 / depth) * (i % 2) if len(members) > 4 else 0.0
            pos[v] = (x, y - dy)
    return pos


def network_panel(ax, G, pos, removed=(), title: str | None = None, size: float = 120) -> None:
    """Draw ``G`` with ``removed`` as grey crosses and the current single points of failure as
    orange diamonds (people whose departure alone would now cut someone off)."""
    ax.clear()
    H = G.copy()
    H.remove_nodes_from(removed)
    weak = set(nx.articulation_points(H)) if H.number_of_nodes() > 2 else set()
    roles = {v: ("bridge" if v in weak else "peer") for v in G}
    draw_network(G, ax, pos=pos, roles=roles, hidden=removed, sizes={v: size for v in G}, title=title)


def curve_panel(ax, curves: list, k: int | None = None, xmax: int | None = None,
                ylabel: str = "Pairs of those left\nwho can still reach each other", legend: bool = True) -> None:
    """Plot failure curves on ``ax``: ``curves`` is a list of ``(FailureCurve, label, colour, dashed)``."""
    ax.clear()
    for c, label, colour, dashed in curves:
        ax.plot(c.removed, c.pairwise, color=colour, ls="--" if dashed else "-", lw=2 if not dashed else 1.5,
                label=label, marker=None if dashed else "o", ms=3)
    if k is not None:
        ax.axvline(k, color="#555555", lw=1, ls=":")
    ax.set_ylim(-0.03, 1.05)
    ax.set_xlim(0, xmax if xmax is not None else max(len(c.pairwise) - 1 for c, *_ in curves))
    ax.set_xlabel("People who have left")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(ylabel)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda y, _: f"{y:.0%}"))
    if legend:
        ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(-0.2, -0.22), ncol=2)


_STRATEGY_TITLE = {
    "degree": "the best-connected leave first",
    "betweenness": "the people on most routes leave first",
    "top": "the top of the chart leaves first",
}


def failure_scrubber(levels: int = 3, span: int = 4, lateral: float = 0.5, strategy: str = "betweenness",
                     recompute: bool = True, frames: int = 11, trials: int = 50, seed: int = 0) -> Scrubber:
    """Scrub through ``frames - 1`` departures from a chart and from the same people with lateral ties.

    Left: the organisation chart (:func:`p2pkit.orgs.hierarchy`). Middle: the same chart
    with lateral ties added, every reporting line kept
    (:func:`p2pkit.resilience.chart_with_lateral_ties` with ``p = lateral``). In frame
    ``k`` the first ``k`` people chosen by ``strategy`` have left each network (each is
    attacked at its own weak points). Right: the share of pairs of the people left who can
    still reach each other, targeted (solid) and at random (dashed, mean of ``trials``).
    Under the figure: the model's verdict for both networks.
    """
    if frames > 12:
        raise P2PKitError("at most 12 frames keep the page light; use the live view for more.")
    chart = orgs.hierarchy(levels, span)
    meshed = chart_with_lateral_ties(levels, span, lateral, seed=seed)
    n = chart.number_of_nodes()
    K = frames - 1
    if K > n - 2:
        raise P2PKitError(f"{K} departures from {n} people is too many; use fewer frames or a larger chart.")
    pos = chart_layout(chart)
    curves = {name: (failure_curve(G, strategy, removals=K, recompute=recompute, seed=seed),
                     failure_curve(G, "random", removals=K, trials=trials, seed=seed))
              for name, G in (("chart", chart), ("meshed", meshed))}
    verdicts = {name: [failure_verdict(compare_curves(*curves[name], k)) for k in range(K + 1)]
                for name in curves}
    fig = plt.figure(figsize=(11, 5.0))
    ax_a = fig.add_axes([0.0, 0.2, 0.31, 0.66])
    ax_b = fig.add_axes([0.31, 0.2, 0.31, 0.66])
    ax_c = fig.add_axes([0.72, 0.4, 0.26, 0.46])
    ax_t = fig.add_axes([0.0, 0.0, 1.0, 0.15])
    lines = [
        (curves["chart"][0], "chart, targeted", CHART, False),
        (curves["chart"][1], "chart, at random", CHART, True),
        (curves["meshed"][0], "+ lateral, targeted", MESHED, False),
        (curves["meshed"][1], "+ lateral, at random", MESHED, True),
    ]

    def draw(i: int) -> None:
        network_panel(ax_a, chart, pos, curves["chart"][0].order[:i],
                      title=f"Chart only ({chart.number_of_edges()} ties)")
        network_panel(ax_b, meshed, pos, curves["meshed"][0].order[:i],
                      title=f"Chart plus lateral ties ({meshed.number_of_edges()} ties)")
        curve_panel(ax_c, lines, k=i, xmax=K)
        ax_c.set_title(f"{i} {'person has' if i == 1 else 'people have'} left\n"
                       f"({_STRATEGY_TITLE[strategy]})", fontsize=9.5)
        ax_t.clear()
        ax_t.set_axis_off()
        ax_t.text(0.01, 0.72, "Chart: " + verdicts["chart"][i], fontsize=10, va="center")
        ax_t.text(0.01, 0.25, "With lateral ties: " + verdicts["meshed"][i], fontsize=10, va="center")

    alt = (f"Animation in {frames} frames. Two drawings of the same {n} people placed as on an "
           f"organisation chart: left with only the {chart.number_of_edges()} reporting lines, "
           f"middle with lateral ties between colleagues added ({meshed.number_of_edges()} ties). "
           "Frame by frame one "
           "more person leaves each network (grey cross), chosen as the person who sits on most "
           "routes among those left; orange diamonds mark people whose departure alone would now "
           "cut someone off. A chart on the right plots, against the number who have left, the "
           "share of pairs of those left who can still reach each other: solid lines for targeted "
           "departures, dashed for random ones, black for the chart, blue with lateral ties. Two "
           "sentences under the figure give the model's verdict for each network.")
    return scrubber(fig, draw, frames, alt=alt)


def redundancy_figure(levels: int = 3, span: int = 4, steps=(0.0, 0.25, 0.5, 1.0), seed: int = 0):
    """The chart with more and more lateral ties (:func:`p2pkit.resilience.chart_with_lateral_ties`):
    single points of failure, node connectivity and ties, one panel per step. Returns the figure."""
    cols = 2 if len(steps) == 4 else len(steps)
    rows = -(-len(steps) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.3 * rows))
    axes = np.atleast_1d(axes).ravel()
    base = orgs.hierarchy(levels, span)
    pos = chart_layout(base)
    for ax, p in zip(axes, steps):
        G = chart_with_lateral_ties(levels, span, p, seed=seed)
        r = redundancy(G)
        network_panel(ax, G, pos, size=90)
        ax.set_title(f"chart + {p:.0%} of a mesh's ties\n{r.ties} ties · {len(r.single_points)} single points\n"
                     f"node connectivity {r.node_connectivity}", fontsize=11)
    fig.tight_layout()
    return fig


def threshold_figure(n: int = 2000, mean_degree: float = 4.0, points: int = 41, trials: int = 5, seed: int = 0):
    """Random failure against targeted removal on a random and on a hub-dominated network.

    Two networks of ``n`` people with the same average number of ties: an Erdos-Renyi
    random network and a Barabasi-Albert network, whose few hubs have many ties. For a
    growing share of people removed (at random, mean of ``trials`` orders; or the
    best-connected first, ranked once, as Albert et al. 2000 did), the share of the
    organisation in the largest connected group. The dotted line is the theory for the
    random network (:func:`p2pkit.resilience.random_network_giant_share`); the grey
    vertical line its threshold ``1 - 1/<k>`` (:func:`p2pkit.resilience.percolation_threshold`).
    Returns the figure.
    """
    er = nx.gnp_random_graph(n, mean_degree / (n - 1), seed=seed)
    ba = nx.barabasi_albert_graph(n, max(1, int(round(mean_degree / 2))), seed=seed)
    K = n - 2
    xs = np.arange(K + 1) / n
    fig, ax = plt.subplots(figsize=(7.2, 4.0))
    for G, name, colour in ((er, "random network", OKABE_ITO["blue"]),
                            (ba, "hub-dominated network", OKABE_ITO["vermillion"])):
        rnd = failure_curve(G, "random", removals=K, trials=trials, seed=seed)
        hit = failure_curve(G, "degree", removals=K, recompute=False, seed=seed)
        ax.plot(xs, rnd.largest, color=colour, ls="--", lw=1.6, label=f"{name}, random failure")
        ax.plot(xs, hit.largest, color=colour, lw=2.2, label=f"{name}, best-connected first")
    f = np.linspace(0, 1, points)
    ax.plot(f, [random_network_giant_share(mean_degree, 1 - x) for x in f], color="#000000", ls=":", lw=1.4,
            label="theory, random network")
    thr = percolation_threshold(er)
    ax.axvline(1 - thr, color="#888888", lw=1)
    ax.text(1 - thr - 0.01, 0.9, f"random network falls apart\nwhen {1 - thr:.0%} have left", ha="right",
            fontsize=8, color="#333333")
    ax.set_xlabel("Share of people who have left")
    ax.set_ylabel("Share of everyone in the\nlargest connected group")
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda x, _: f"{x:.0%}"))
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda y, _: f"{y:.0%}"))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.legend(fontsize=8, frameon=False, loc="upper right", bbox_to_anchor=(1.0, 0.78))
    ax.set_title(f"{n:,} people, {mean_degree:g} ties each on average", fontsize=10)
    fig.tight_layout()
    return fig


def self_correction_figure(levels: int = 3, span: int = 4, steps=(0.0, 0.25, 0.5, 0.75, 1.0),
                           s_values=(0.2, 0.5, 1.0), seed: int = 0, repeats: int = 200):
    """Self-correction in two panels: re-routing needs redundancy; repair takes rounds.

    Left: for the chart with a share ``p`` of a peer mesh's ties added
    (:func:`p2pkit.resilience.chart_with_lateral_ties`), the person who sits on most routes
    leaves; the bars split
    the pairs of the people left into routes as short as before, routes that got longer,
    and pairs cut off (:func:`p2pkit.resilience.rerouting`), with the mean extra hand-offs
    written on top.
    Right: when the top of the chart leaves, the mean number of people still cut off after
    each round of :func:`p2pkit.resilience.repair`, for each probability ``s`` of acting per
    round (over ``repeats`` seeds).
    Returns ``(figure, sentences)``: the model's verdicts for the half-way network and for
    one repair with the middle ``s``.
    """
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.5, 4.2))
    same, longer, cut, extra = [], [], [], []
    sentences = []
    for p in steps:
        G = chart_with_lateral_ties(levels, span, p, seed=seed)
        gone = removal_order(G, "betweenness", count=1)
        r = rerouting(G, gone)
        frac_connected = r.still_connected / r.pairs if r.pairs else 0.0
        same.append(frac_connected * (1 - r.longer_share))
        longer.append(frac_connected * r.longer_share)
        cut.append(r.cut_share)
        extra.append(r.extra_hops)
        if p == steps[len(steps) // 2]:
            sentences.append(f"Chart plus {p:.0%} of a mesh's ties: " + rerouting_verdict(r))
    x = np.arange(len(steps))
    ax1.bar(x, same, color=ROLE_COLOURS["reached"], label="route as short as before")
    ax1.bar(x, longer, bottom=same, color=ROLE_COLOURS["peer"], label="route got longer")
    ax1.bar(x, cut, bottom=np.add(same, longer), color=ROLE_COLOURS["removed"], label="cut off")
    for xi, e in zip(x, extra):
        ax1.text(xi, 1.02, f"+{e:.2f}", ha="center", va="bottom", fontsize=9)
    ax1.set_xticks(x, [f"{p:.0%}" for p in steps])
    ax1.set_xlabel("Lateral ties added (share of a mesh's ties)")
    ax1.set_ylabel("Pairs of those left")
    ax1.yaxis.set_major_formatter(plt.FuncFormatter(lambda y, _: f"{y:.0%}"))
    ax1.set_ylim(0, 1.15)
    ax1.set_title("The person on most routes leaves\n(number on top: extra hand-offs per route)", fontsize=10)
    ax1.legend(fontsize=9, frameon=False, loc="upper left", bbox_to_anchor=(-0.15, -0.2), ncol=3)
    chart = orgs.hierarchy(levels, span)
    styles = ["-", "--", ":", "-."]
    runs = {s: [repair(chart, [0], s=s, seed=seed + j).cut_off_by_round for j in range(repeats)]
            for s in s_values}
    longest = max(len(h) for hist in runs.values() for h in hist)
    for (s, hist), ls in zip(runs.items(), styles):
        padded = np.array([list(h) + [0] * (longest - len(h)) for h in hist], dtype=float)
        ax2.plot(range(longest), padded.mean(axis=0), color=OKABE_ITO["black"], ls=ls, lw=1.8, marker="o", ms=3,
                 label=f"each acts with probability {s:.0%}")
    ax2.set_xlabel("Round of repair")
    ax2.set_ylabel("People still cut off (mean)")
    ax2.set_xticks(range(longest))
    ax2.set_title("Repair after the top of the chart leaves", fontsize=10)
    ax2.legend(fontsize=9, frameon=False, title="per round", title_fontsize=9)
    ax2.set_ylim(bottom=0)
    fig.tight_layout()
    sentences.append(repair_verdict(repair(chart, [0], s=s_values[len(s_values) // 2], seed=seed)))
    return fig, sentences


def managers() -> dict:
    """Krackhardt's (1987) managers: the formal chart and the advice network, as undirected graphs.

    Returns ``{"chart": G, "advice": G, "sought": [...]}`` where ``sought`` lists the
    managers by how many colleagues seek their advice (in-degree in the directed advice
    data), most first, ties by number.
    """
    chart = orgs.load_dataset("krack_reports", top_down=True)
    advice = orgs.load_dataset("krack_advice")
    sought = sorted(advice, key=lambda v: (-advice.in_degree(v), int(v)))
    return {"chart": chart.to_undirected(), "advice": advice.to_undirected(), "sought": sought}


def managers_table(k: int = 3) -> HTML:
    """A table: what removing the CEO (manager 7) or the ``k`` most-sought advisers does to the
    formal chart and to the advice network (Krackhardt 1987). Every number is computed."""
    m = managers()
    rows = []
    for label, gone in (("the CEO (manager 7)", ["7"]),
                        (f"the {k} most-sought advisers ({', '.join(m['sought'][:k])})", m["sought"][:k])):
        for name in ("chart", "advice"):
            ko = knock_out(m[name], gone)
            r = rerouting(m[name], gone)
            extra = ("--" if r.still_connected == 0 else "none" if r.longer_share == 0
                     else f"+{r.extra_hops:.2f}")
            rows.append((label, "formal chart" if name == "chart" else "advice network",
                         f"{1 - ko.pairwise:.0%}", str(ko.groups), extra))
    heads = ("Who leaves", "Network", "Pairs of those left cut off", "Groups left", "Extra hand-offs")
    body = "".join("<tr>" + "".join(f"<td>{_html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return HTML("<table class='table'><thead><tr>" + "".join(f"<th>{_html.escape(h)}</th>" for h in heads)
                + "</tr></thead><tbody>" + body + "</tbody></table>")


def managers_figure(k: int = 3):
    """Krackhardt's managers drawn on the chart's positions: rows are the formal chart and the
    advice network, columns who leaves (the CEO; the ``k`` most-sought advisers). Returns the figure."""
    m = managers()
    pos = chart_layout(m["chart"])
    fig, axes = plt.subplots(2, 2, figsize=(9, 6.6))
    cases = (("CEO leaves", ["7"]), (f"{k} most-sought advisers leave", m["sought"][:k]))
    for row, name in enumerate(("chart", "advice")):
        G = m[name]
        for col, (label, gone) in enumerate(cases):
            ko = knock_out(G, gone)
            ax = axes[row, col]
            network_panel(ax, G, pos, gone, size=110)
            for v, (x, y) in pos.items():
                ax.text(x, y + 0.1, v, ha="center", va="bottom", fontsize=8.5, color="#333333")
            ax.margins(x=0.04, y=0.2)
            what = "Formal chart" if name == "chart" else "Advice network"
            axes[row, col].set_title(f"{what}: {label}\n{1 - ko.pairwise:.0%} of pairs cut off · "
                                     f"{ko.groups} group{'s' if ko.groups != 1 else ''}", fontsize=11.5)
    fig.tight_layout()
    return fig
