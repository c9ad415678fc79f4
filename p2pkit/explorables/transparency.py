"""Chapter 9 figures: gossip against report-up-broadcast-down (draws :mod:`p2pkit.transparency`)."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter, NullFormatter

from .. import orgs
from ..style import OKABE_ITO, ROLE_COLOURS, draw_network, ring_layout, tree_layout
from ..transparency import Spread, at_round, gossip_everything, org_chart, report_up_broadcast_down, verdict
from .core import Scrubber, scrubber

__all__ = ["knowledge_panel", "coverage_panel", "gossip_against_chart", "rounds_against_size"]


def knowledge_panel(ax, G, pos, s: Spread, r: int, title: str, top=None, absent=()) -> None:
    """Draw ``G`` after round ``r`` of run ``s``: size = share of the picture known, green = all of it."""
    i = min(r, len(s.coverage) - 1)
    share = s.shares[i]
    roles = {v: ("reached" if share[v] >= 1 - 1e-12 else "peer") for v in G}
    if top is not None:
        roles[top] = "centre" if share[top] < 1 - 1e-12 else "reached"
    sizes = {v: 25 + 140 * share[v] for v in G}
    ax.clear()
    draw_network(G, ax, pos=pos, roles=roles, sizes=sizes, hidden=absent, title=title)


def coverage_panel(ax, runs: list[tuple[str, Spread, str]], r: int, last: int) -> None:
    """Curves of the share of the picture known, up to round ``r``, with a marker at round ``r``."""
    ax.clear()
    for label, s, colour in runs:
        j = min(r, len(s.coverage) - 1)
        x = list(range(j + 1))  # only the rounds played so far
        ax.plot(x, s.coverage[: j + 1], color=colour, lw=2, label=label,
                ls="-" if "gossip" in label.lower() else "--")
        ax.plot([j], [s.coverage[j]], "o", color=colour, ms=7)
    ax.axvline(r, color="#555555", lw=0.8, ls=":")
    ax.set_xlim(0, last + 0.5)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("round")
    ax.set_ylabel("share of the picture\nknown, on average")
    ax.legend(loc="lower right", fontsize=8.5, frameon=False)


def gossip_against_chart(people: int = 40, span: int = 3, capacity: int | None = 1, frames: int = 12,
                         seed: int = 0) -> Scrubber:
    """Scrub through the rounds: push-pull gossip on a peer mesh against an org chart.

    Both runs start with everyone knowing only their own piece. Each frame shows who knows
    how much (dot size) and who knows everything (green), the curves of the share known,
    and the model's sentence for that round (:func:`p2pkit.transparency.at_round`), the
    last frame giving :func:`p2pkit.transparency.verdict`.
    """
    mesh = orgs.peer_mesh(people, k=4, rewire=0.1, seed=seed)
    chart = org_chart(people, span)
    g = gossip_everything(mesh, mode="push-pull", seed=seed)
    c = report_up_broadcast_down(chart, capacity=capacity)
    last = max(len(g.coverage), len(c.coverage)) - 1
    rounds = sorted({round(i * last / (frames - 1)) for i in range(frames)})
    pos_mesh = ring_layout(mesh, centre=None)
    pos_chart = tree_layout(chart)
    fig = plt.figure(figsize=(9.0, 6.0))
    ax_g = fig.add_axes([0.02, 0.43, 0.38, 0.45])
    ax_c = fig.add_axes([0.45, 0.43, 0.54, 0.45])
    ax_curve = fig.add_axes([0.13, 0.2, 0.5, 0.17])
    ax_key = fig.add_axes([0.68, 0.14, 0.31, 0.24])
    ax_key.set_axis_off()
    ax_key.text(0, 0.5, "Dot size: share of the picture\na person knows.\nGreen: knows all of it.\n"
                "Square: the top of the chart.", va="center", fontsize=10, color="#333333")
    ax_txt = fig.add_axes([0.0, 0.0, 1.0, 0.09])
    cap = "any number" if capacity is None else str(capacity)

    def draw(i: int) -> None:
        r = rounds[i]
        knowledge_panel(ax_g, mesh, pos_mesh, g, r, f"Gossip on a peer mesh (push-pull)\nround {r}")
        knowledge_panel(ax_c, chart, pos_chart, c, r,
                        f"Report up, broadcast down (span {span}, {cap} per round)\nround {r}", top=0)
        coverage_panel(ax_curve, [("gossip", g, ROLE_COLOURS["peer"]),
                                  ("org chart", c, ROLE_COLOURS["centre"])], r, last)
        ax_txt.clear()
        ax_txt.set_axis_off()
        text = verdict(g, c) if r == last else at_round(g, c, r)
        ax_txt.text(0.5, 0.5, "\n".join(textwrap.wrap(text, 105)), ha="center", va="center",
                    fontsize=10.5, color="#222222")

    alt = (f"Animation in {len(rounds)} frames, one per sampled round. Left: {people} people on a "
           "circle with ties to a few neighbours, sharing what they know by gossip. Right: the same "
           "number of people in an org chart, reporting up to the top and then passing the whole "
           "picture back down. Each dot grows with the share of the picture that person knows and "
           "turns green when they know all of it. Below, a curve for each shows the share known on "
           "average, round by round; a sentence under the figure states where each stands, and in "
           "the last frame the model's verdict.")
    return scrubber(fig, draw, len(rounds), alt=alt)


def rounds_against_size(span: int = 3, levels=(3, 4, 5, 6), seeds: int = 4):
    """Rounds until everyone knows everything, against the number of people, for five ways.

    Org charts with ``span`` reports per manager and ``levels`` levels (so the chart's closed
    form applies); gossip on the same number of people, averaged over ``seeds`` seeds.
    Returns the figure.
    """
    sizes = [sum(span ** k for k in range(L)) for L in levels]
    series = {
        "gossip, anyone can call anyone (push)": ([], OKABE_ITO["sky blue"], ":", "o"),
        "gossip, anyone can call anyone (push-pull)": ([], ROLE_COLOURS["peer"], "-", "o"),
        "gossip, peer mesh of 4 ties each (push-pull)": ([], ROLE_COLOURS["reached"], "-.", "s"),
        "org chart, managers talk to 1 report a round": ([], ROLE_COLOURS["centre"], "--", "^"),
        "org chart, managers talk to all reports at once": ([], OKABE_ITO["black"], "--", "v"),
    }
    keys = list(series)
    for n in sizes:
        chart = org_chart(n, span)
        mesh = orgs.peer_mesh(n, k=4, rewire=0.1, seed=0)
        series[keys[0]][0].append(sum(gossip_everything(n, "push", seed=s).rounds for s in range(seeds)) / seeds)
        series[keys[1]][0].append(sum(gossip_everything(n, "push-pull", seed=s).rounds for s in range(seeds)) / seeds)
        series[keys[2]][0].append(sum(gossip_everything(mesh, "push-pull", seed=s).rounds for s in range(seeds)) / seeds)
        series[keys[3]][0].append(report_up_broadcast_down(chart, capacity=1).rounds)
        series[keys[4]][0].append(report_up_broadcast_down(chart).rounds)
    fig, ax = plt.subplots(figsize=(7.2, 3.9))
    for label, (ys, colour, ls, marker) in series.items():
        ax.plot(sizes, ys, color=colour, ls=ls, marker=marker, lw=1.8, ms=5, label=label)
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:,.0f}"))
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xticks(sizes)
    ax.set_xlabel(f"people (org charts {levels[0]} to {levels[-1]} levels deep, span {span})")
    ax.set_ylabel("rounds until everyone\nknows everything")
    ax.legend(fontsize=8, frameon=False, loc="upper left")
    fig.tight_layout()
    return fig
