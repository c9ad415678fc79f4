"""Chapter 3 figures: how evenly influence is spread (draws :mod:`p2pkit.equipotency`).

- :func:`hierarchy_to_equipotent` -- scrub a hierarchy towards a peer mesh; measures and verdict.
- :func:`degroot_rounds` -- scrub through the rounds of DeGroot averaging in a star and a mesh.
- :func:`managers_table` -- Krackhardt's high-tech managers: formal chart, advice, friendship.
- :func:`wisdom_figure` -- the crowd's error against group size and against the largest influence.
- :func:`deference_figure` -- when deferring to a well-informed leader helps.
- :func:`leadership_figure` -- a fixed leader against leadership that moves with the task.
"""

from __future__ import annotations

import html as _html

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np

from .. import orgs
from ..equipotency import (
    MEASURE_WORDS, EquipotencyProfile, assign_skills, consensus, consensus_error_sd, degroot,
    equipotency_profile, fixed_leader, influence_weights, round_verdict, signals,
    situational_leader, task_stream, trust_matrix, verdict, wisdom,
)
from ..errors import P2PKitError
from ..style import ROLE_COLOURS, draw_network, tree_layout
from .core import Scrubber, scrubber

__all__ = [
    "share_bars", "measure_bars", "hierarchy_to_equipotent", "degroot_rounds", "managers_table",
    "wisdom_figure", "deference_figure", "leadership_figure",
]

SHORT = {"degree": "ties", "betweenness": "brokerage", "closeness": "closeness", "degroot": "consensus weight"}


def share_bars(ax, p: EquipotencyProfile, threshold: float | None = 0.10, top_of_chart=0,
               ymax: float | None = None) -> None:
    """Everyone's share of influence, largest first, on ``ax`` (the top of the chart in vermillion)."""
    ax.clear()
    items = sorted(p.shares.items(), key=lambda kv: -kv[1])
    vals = [v for _, v in items]
    x = np.arange(len(vals))
    if len(vals) <= 45:
        colours = [ROLE_COLOURS["centre"] if k == top_of_chart else ROLE_COLOURS["peer"] for k, _ in items]
        ax.bar(x, vals, color=colours, width=0.85)
    else:
        ax.fill_between(x, vals, step="mid", color=ROLE_COLOURS["peer"])
    ax.axhline(p.equal_share, color="#555555", lw=1, ls=":")
    ax.text(len(vals) - 0.5, p.equal_share, "equal share", ha="right", va="bottom", fontsize=8, color="#333333")
    show_goal = threshold is not None and (ymax is not None or threshold <= 3 * vals[0])
    if show_goal:
        ax.axhline(threshold, color="#000000", lw=1, ls="--")
        ax.text(len(vals) - 0.5, threshold, f"goal: nobody above {threshold:.0%}", ha="right", va="bottom",
                fontsize=8)
    elif threshold is not None:
        ax.text(0.98, 0.95, f"every share is far below the {threshold:.0%} goal", transform=ax.transAxes,
                ha="right", va="top", fontsize=8)
    top = max(vals[0], threshold if show_goal else 0) * 1.18
    ax.set_ylim(0, ymax if ymax is not None else top)
    ax.set_xlim(-0.7, len(vals) - 0.3)
    ax.set_xticks([])
    ax.set_xlabel("people, largest share first")
    ax.set_ylabel(f"share of {SHORT[p.measure]}")
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda y, _: f"{y:.0%}"))


def measure_bars(ax, p: EquipotencyProfile) -> None:
    """Freeman centralizations, the Gini of the chosen measure and Krackhardt's four, as bars 0-1."""
    ax.clear()
    names = ["Centralization: degree", "Centralization: betweenness", "Centralization: closeness",
             f"Gini of {SHORT[p.measure] if p.measure != 'degroot' else 'degree'}"]
    gkey = p.measure if p.measure != "degroot" else "degree"
    values = [p.centralization["degree"], p.centralization["betweenness"], p.centralization["closeness"],
              p.gini[gkey]]
    colours = [ROLE_COLOURS["centre"]] * 4
    if p.krackhardt is not None:
        names += ["Krackhardt: connectedness", "Krackhardt: hierarchy", "Krackhardt: efficiency",
                  "Krackhardt: least upper bound"]
        values += [p.krackhardt[k] for k in ("connectedness", "hierarchy", "efficiency", "lub")]
        colours += [ROLE_COLOURS["tie"]] * 4
    y = np.arange(len(names))[::-1]
    ax.barh(y, [1] * len(names), color="#EEEEEE", height=0.6)
    ax.barh(y, values, color=colours, height=0.6)
    for yi, v in zip(y, values):
        ax.text(1.03, yi, f"{v:.2f}", va="center", fontsize=8.5)
    ax.set_yticks(y, names, fontsize=8.5)
    ax.set_xlim(0, 1.2)
    ax.set_xticks([])
    ax.spines[["top", "right", "bottom"]].set_visible(False)


def _roles(G, top=0):
    return {v: ("centre" if v == top else "peer") for v in G}


def _sizes(p: EquipotencyProfile, scale: float = 2400.0) -> dict:
    return {v: 30 + scale * s for v, s in p.shares.items()}


def hierarchy_to_equipotent(levels: int = 4, span: int = 3, frames: int = 11, seed: int = 0,
                            measure: str = "betweenness", threshold: float = 0.10) -> Scrubber:
    """Scrub from a hierarchy (left end) to an equipotent peer mesh (right end).

    Each frame: the network at ``p = i / (frames - 1)`` (``orgs.hybrid``), people drawn where
    the chart puts them and sized by their share of influence; everyone's share, largest
    first, against the goal line; Freeman centralizations, the Gini and Krackhardt's four
    measures; and the model's verdict (:func:`p2pkit.equipotency.verdict`).
    """
    if not 2 <= frames <= 12:
        raise P2PKitError("use between 2 and 12 frames (each frame adds to the page's weight).")
    steps = [i / (frames - 1) for i in range(frames)]
    graphs = [orgs.hybrid(levels, span, p, seed=seed) for p in steps]
    profiles = [equipotency_profile(G, measure) for G in graphs]
    pos = tree_layout(orgs.hierarchy(levels, span))
    ymax = max(max(max(p.shares.values()) for p in profiles), threshold) * 1.15
    fig = plt.figure(figsize=(10, 5.2))
    ax_net = fig.add_axes([0.0, 0.14, 0.40, 0.74])
    ax_bar = fig.add_axes([0.47, 0.56, 0.50, 0.34])
    ax_mea = fig.add_axes([0.66, 0.13, 0.27, 0.34])
    ax_txt = fig.add_axes([0.0, 0.0, 1.0, 0.09])

    def draw(i: int) -> None:
        G, p = graphs[i], profiles[i]
        ax_net.clear()
        draw_network(G, ax_net, pos=pos, roles=_roles(G), sizes=_sizes(p),
                     title=f"{steps[i]:.0%} of the way to equipotent · {p.ties} ties")
        share_bars(ax_bar, p, threshold, ymax=ymax)
        ax_bar.set_title(f"Share of {MEASURE_WORDS[measure]}", fontsize=10)
        measure_bars(ax_mea, p)
        ax_txt.clear()
        ax_txt.set_axis_off()
        ax_txt.text(0.5, 0.5, verdict(p, threshold), ha="center", va="center", fontsize=10.5, wrap=True)

    n = graphs[0].number_of_nodes()
    alt = (f"Animation in {frames} frames. An organisation chart of {n} people in {levels} levels, "
           f"the top person a square. Frame by frame, lateral ties appear and reporting lines go, until "
           "the chart is a peer mesh. Each person is drawn larger the bigger their share of "
           f"{MEASURE_WORDS[measure]}. On the right, a bar chart gives everyone's share, largest first, "
           f"with a dashed goal line at {threshold:.0%} and a dotted line at an equal share; below it, "
           "bars give the three Freeman centralizations, the Gini coefficient and Krackhardt's four "
           "measures. A sentence under the figure states the model's verdict for each frame.")
    return scrubber(fig, draw, frames, alt=alt)


def degroot_rounds(n: int = 20, frames: int = 11, seed: int = 0, sigma: float = 1.0,
                   truth: float = 0.0) -> Scrubber:
    """Scrub through DeGroot averaging in a star and a peer mesh given the same first opinions.

    Both groups start from the same noisy signals of ``truth`` (one seeded draw). Each frame
    adds rounds of averaging; the lines are everyone's opinion so far, the dotted line is
    where they will settle (``pi . x(0)``). Under each chart,
    :func:`p2pkit.equipotency.round_verdict`; under both, the exact average error of each
    network over many draws (so that one lucky draw is not mistaken for the rule).
    """
    if not 2 <= frames <= 12:
        raise P2PKitError("use between 2 and 12 frames (each frame adds to the page's weight).")
    nets = [("Client-server (star)", orgs.client_server(n)),
            ("Peer mesh", orgs.peer_mesh(n, k=4, rewire=0.1, seed=0))]
    x0 = signals(n, sigma=sigma, seed=seed, truth=truth)[0]
    schedule = [0, 1, 2, 3, 4, 5, 7, 10, 14, 19, 25, 32]
    rounds = schedule[:frames] if frames <= len(schedule) else schedule
    runs = []
    for name, G in nets:
        W = trust_matrix(G)
        pi = influence_weights(W)
        runs.append(dict(name=name, hist=degroot(W, x0, rounds[-1]), limit=float(consensus(W, x0)),
                         sd=consensus_error_sd(pi, sigma), top=float(pi.max())))
    lo, hi = float(x0.min()) - 0.2, float(x0.max()) + 0.2
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.6), sharey=True)
    fig.subplots_adjust(bottom=0.36, top=0.92, wspace=0.08, left=0.1, right=0.98)
    ax_txt = fig.add_axes([0.0, 0.0, 1.0, 0.22])

    def draw(i: int) -> None:
        t = rounds[i]
        ax_txt.clear()
        ax_txt.set_axis_off()
        for k, (ax, r) in enumerate(zip(axes, runs)):
            ax.clear()
            h = r["hist"][: t + 1]
            xs = np.arange(t + 1)
            star = r["name"].startswith("Client")
            for j in range(n):
                centre = star and j == 0
                ax.plot(xs, h[:, j], color=ROLE_COLOURS["centre"] if centre else ROLE_COLOURS["peer"],
                        lw=2.4 if centre else 0.8, alpha=1.0 if centre else 0.55, zorder=3 if centre else 2,
                        marker="o" if t == 0 else None, ms=3)
            ax.axhline(truth, color="#000000", lw=1.2)
            ax.axhline(r["limit"], color="#000000", lw=1, ls=":")
            ax.set_xlim(-0.5, rounds[-1] + 0.5)
            ax.set_ylim(lo, hi)
            ax.set_xlabel("rounds of averaging")
            ax.set_title(f"{r['name']}: biggest weight {r['top']:.0%}", fontsize=10)
            ax_txt.text(0.5, 0.84 - 0.3 * k, f"{r['name']}: {round_verdict(h[-1], r['limit'], truth)}",
                        ha="center", va="center", fontsize=9.5)
        axes[0].set_ylabel("opinion (truth = solid line,\nfinal consensus = dotted)")
        summary = (f"Round {t}. Over many draws of the signals, the star's consensus misses the truth by "
                   f"{runs[0]['sd']:.2f} (root mean square), the mesh's by {runs[1]['sd']:.2f}.")
        ax_txt.text(0.5, 0.18, summary, ha="center", va="center", fontsize=9.5, style="italic")

    alt = (f"Animation in {len(rounds)} frames, rounds 0 to {rounds[-1]} of averaging. Two line charts share "
           f"an opinion axis: {n} people in a star (left, the centre's line thick and vermillion) and "
           f"the same {n} people in a peer mesh (right). Both start from the same scattered opinions around "
           "the truth (solid line). In the star, opinions collapse within a few rounds onto a value pulled "
           "towards the centre's first opinion; in the mesh they converge more slowly to a value near the "
           "plain average. A dotted line marks each group's final consensus; text under each chart states "
           "how far apart opinions still are and how far the consensus is from the truth, and a last line "
           "gives each network's average error over many draws.")
    return scrubber(fig, draw, len(rounds), alt=alt)


# ----------------------------------------------------------------------------- real data

def managers_table() -> "object":
    """Krackhardt's (1987) 21 managers: formal chart, advice and friendship side by side.

    Returns an ``IPython.display.HTML`` table. Centralities use ties in either direction;
    Krackhardt's measures use the direction of authority (boss -> subordinate, adviser ->
    seeker; friendship as named); DeGroot weights use "listens to" (subordinate -> boss,
    seeker -> adviser, friend -> friend named).
    """
    from IPython.display import HTML

    reports = orgs.load_dataset("krack_reports")            # subordinate -> boss
    advice = orgs.load_dataset("krack_advice")              # seeker -> adviser
    friends = orgs.load_dataset("krack_friends")            # person -> named friend
    rows = [
        ("Formal chart (reports to)", reports.reverse(copy=True), reports),
        ("Advice (who asks whom)", advice.reverse(copy=True), advice),
        ("Friendship (who names whom)", friends, friends),
    ]
    level_name = {1: "CEO", 2: "VP", 3: "manager"}

    def who(G, v):
        return f"{v} ({level_name.get(G.nodes[v].get('level'), '?')})"

    cols = []
    for name, authority, listens in rows:
        p = equipotency_profile(authority, "betweenness")
        try:
            pi = influence_weights(trust_matrix(listens))
            nodes = list(listens)
            k = int(np.argmax(pi))
            deg = f"{who(listens, nodes[k])}: {pi[k]:.0%}"
        except P2PKitError:
            deg = "no single consensus"
        cols.append([str(p.ties), f"{p.centralization['degree']:.2f}", f"{p.centralization['betweenness']:.2f}",
                     f"{p.gini['betweenness']:.2f}", f"{p.krackhardt['connectedness']:.2f}",
                     f"{p.krackhardt['hierarchy']:.2f}", f"{p.krackhardt['efficiency']:.2f}",
                     f"{p.krackhardt['lub']:.2f}", f"{who(authority, p.top)}: {p.top_share:.0%}", deg])
    measures = ["Ties (either direction)", "Degree centralization", "Betweenness centralization",
                "Gini of brokerage", "Krackhardt connectedness", "Krackhardt hierarchy", "Krackhardt efficiency",
                "Krackhardt least-upper-boundedness", "Most brokerage (share)", "Biggest consensus weight"]
    heads = ["Formal chart (reports to)", "Advice (who asks whom)", "Friendship (who names whom)"]
    body = ["<tr><th>" + _html.escape(m) + "</th>" + "".join(f"<td>{_html.escape(c[i])}</td>" for c in cols)
            + "</tr>" for i, m in enumerate(measures)]
    return HTML("<table class='table'><thead><tr><th>Measure</th>" + "".join(f"<th>{h}</th>" for h in heads)
                + "</tr></thead><tbody>" + "".join(body) + "</tbody></table>")


# ----------------------------------------------------------------------------- wisdom

def _plain_log_ticks(ax) -> None:
    from matplotlib.ticker import FuncFormatter, NullFormatter
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        axis.set_minor_formatter(NullFormatter())


def wisdom_figure(sigma: float = 1.0, seeds: int = 5, trials: int = 400):
    """Is the crowd wise? Consensus error against group size, and against the largest influence.

    Left: the exact error (lines) and its Monte-Carlo estimate averaged over ``seeds``
    (dots) for stars, hierarchies of span 3, peer meshes and peer meshes that defer 20% to
    one leader, as the group grows. Right: every network's error against its largest DeGroot
    weight, between the bounds ``sigma * max`` and ``sigma * sqrt(max)``.
    """
    sizes = [10, 20, 40, 80, 160, 320]
    hier = {13: (3, 3), 40: (4, 3), 121: (5, 3), 364: (6, 3)}
    families = [
        ("Client-server (star)", lambda n: orgs.client_server(n), sizes, ROLE_COLOURS["centre"], "s", {}),
        ("Hierarchy (span 3)", lambda n: orgs.hierarchy(*hier[n]), sorted(hier), ROLE_COLOURS["bridge"], "D", {}),
        ("Peer mesh, 20% deference to one", lambda n: orgs.peer_mesh(n, seed=0), sizes, ROLE_COLOURS["rumour"], "^",
         dict(leader=0, deference=0.2)),
        ("Peer mesh", lambda n: orgs.peer_mesh(n, seed=0), sizes, ROLE_COLOURS["peer"], "o", {}),
    ]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4.2))
    for name, make, ns, colour, marker, kw in families:
        exact, mc, tops = [], [], []
        for n in ns:
            G = make(n)
            ws = [wisdom(G, sigma=sigma, trials=trials, seed=s, **kw) for s in range(seeds)]
            exact.append(ws[0].predicted_sd)
            mc.append(float(np.mean([w.rmse for w in ws])))
            tops.append(ws[0].max_influence)
        ns_actual = [make(n).number_of_nodes() for n in ns]
        ax1.plot(ns_actual, exact, color=colour, lw=1.5, label=name)
        ax1.plot(ns_actual, mc, color=colour, marker=marker, ls="none", ms=5)
        ax2.plot(tops, exact, color=colour, marker=marker, ls="-", lw=0.8, ms=5, label=name)
    ax1.set_xscale("log")
    ax1.set_yscale("log")
    _plain_log_ticks(ax1)
    ax1.set_yticks([0.05, 0.1, 0.2, 0.3, 0.5])
    ax1.set_xlabel("people in the group")
    ax1.set_ylabel("consensus error (root mean square)")
    ax1.set_title("Does a bigger group find the truth?", fontsize=10)
    ax1.legend(fontsize=8, frameon=False)
    m = np.geomspace(0.002, 0.6, 50)
    ax2.fill_between(m, sigma * m, sigma * np.sqrt(m), color="#EEEEEE", label="possible range")
    ax2.set_xscale("log")
    ax2.set_yscale("log")
    _plain_log_ticks(ax2)
    ax2.set_xlabel("largest influence weight (max pi)")
    ax2.set_ylabel("consensus error")
    ax2.set_title("Error is set by how much the biggest voice weighs", fontsize=10)
    fig.tight_layout()
    return fig


def deference_figure(n: int = 40, sigma: float = 1.0, leader_sigma: float = 0.5):
    """Consensus error as everyone defers more to one well-informed leader.

    ``n`` peers in a mesh; the leader's private error is ``leader_sigma`` (smaller than the
    others' ``sigma``) and her signal does not carry the error the others share. One line
    per size of that shared error; a dot marks the best amount of deference.
    """
    G = orgs.peer_mesh(n, seed=0)
    d = np.linspace(0, 0.9, 37)
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    styles = [(0.0, "-", ROLE_COLOURS["peer"]), (0.3, "--", ROLE_COLOURS["bridge"]),
              (0.6, "-.", ROLE_COLOURS["centre"])]
    for shared, ls, colour in styles:
        err = [wisdom(G, sigma=sigma, trials=1, leader=0, deference=x, shared=shared, independent=[0],
                      leader_sigma=leader_sigma).predicted_sd for x in d]
        ax.plot(d, err, ls=ls, color=colour, lw=1.8, label=f"error the peers share: {shared:.1f}")
        k = int(np.argmin(err))
        ax.plot(d[k], err[k], "o", color=colour, ms=6)
    ax.axhline(leader_sigma, color="#555555", lw=0.8, ls=":")
    ax.text(0.0, leader_sigma, " the leader alone", va="bottom", fontsize=8, color="#333333")
    ax.set_xlabel("deference: share of each peer's trust given to the leader")
    ax.set_ylabel("consensus error (exact)")
    ax.set_title(f"{n} peers (error {sigma:g} each) and a leader with error {leader_sigma:g} and an "
                 "independent source", fontsize=9.5)
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    fig.tight_layout()
    return fig


# ----------------------------------------------------------------------------- tasks

def leadership_figure(levels: int = 3, span: int = 4, skills: int = 4, per_person: int = 1,
                      hop_time: float = 0.2, count: int = 8000, seed: int = 0):
    """A fixed leader against leadership that moves with the task, as the work load grows.

    Left: mean response time (arrival to lead done) against tasks per time unit, for the
    fixed leader (simulated, with the M/M/1 value plus the mean hand-off time drawn as a thin
    line) and for situational leadership on the hierarchy and on the equipotent mesh of the
    same people. Right: tasks led per person at a load of 0.8, largest first.
    """
    rates = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85]
    nets = {"hierarchy": orgs.hybrid(levels, span, 0.0, seed=seed), "equipotent": orgs.hybrid(levels, span, 1.0, seed=seed)}
    people = list(nets["hierarchy"])
    sk = assign_skills(people, skills, per_person, seed=seed)
    fixed, sit = [], {k: [] for k in nets}
    for lam in rates:
        ts = task_stream(people, lam, count, skills=skills, seed=seed)
        fixed.append(fixed_leader(nets["hierarchy"], ts, 0, hop_time).mean_response)
        for k, G in nets.items():
            sit[k].append(situational_leader(G, ts, sk, hop_time).mean_response)
    hops = nx.single_source_shortest_path_length(nets["hierarchy"], 0)
    mean_hop = float(np.mean([hops[v] for v in people])) * hop_time
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4.0), gridspec_kw={"width_ratios": [1.25, 1]})
    r = np.linspace(0.05, 0.87, 60)
    ax1.plot(r, 1 / (1 - r) + mean_hop, color="#555555", lw=0.8, ls=":", label="M/M/1 theory + hand-offs")
    ax1.plot(rates, fixed, color=ROLE_COLOURS["centre"], marker="s", label="one fixed leader (the top)")
    ax1.plot(rates, sit["hierarchy"], color=ROLE_COLOURS["bridge"], marker="D", label="lead moves, hierarchy ties")
    ax1.plot(rates, sit["equipotent"], color=ROLE_COLOURS["peer"], marker="o", label="lead moves, equipotent ties")
    ax1.set_xlabel("tasks per time unit (one lead takes 1 on average)")
    ax1.set_ylabel("mean time from arrival to lead done")
    ax1.set_title("Waiting for the one leader", fontsize=10)
    ax1.legend(fontsize=8, frameon=False)
    ts = task_stream(people, 0.8, count, skills=skills, seed=seed)
    runs = [("one fixed leader", fixed_leader(nets["hierarchy"], ts, 0, hop_time), ROLE_COLOURS["centre"]),
            ("lead moves (equipotent)", situational_leader(nets["equipotent"], ts, sk, hop_time), ROLE_COLOURS["peer"])]
    width = 0.42
    for j, (name, run, colour) in enumerate(runs):
        vals = sorted(run.load.values(), reverse=True)
        ax2.bar(np.arange(len(vals)) + (j - 0.5) * width, vals, width=width, color=colour,
                label=f"{name}: load Gini {run.load_gini:.2f}")
    ax2.set_xlabel("people, most tasks led first")
    ax2.set_ylabel(f"tasks led (of {count})")
    ax2.set_xticks([])
    ax2.set_title("Who leads, at 0.8 tasks per time unit", fontsize=10)
    ax2.legend(fontsize=8, frameon=False)
    fig.tight_layout()
    return fig
