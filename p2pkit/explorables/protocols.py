"""Chapter 9 figures: shared protocols instead of orders (draws :mod:`p2pkit.protocols`)."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
from matplotlib.collections import LineCollection

from .. import orgs
from ..protocols import (
    Allocation,
    agreement_rounds,
    at_round,
    averaging_weights,
    central_assignment,
    claim_nearest,
    disagreement,
    local_averaging,
    scatter,
    second_eigenvalue,
    verdict,
)
from ..style import OKABE_ITO, ROLE_COLOURS
from ..transparency import org_chart
from .core import Scrubber, scrubber

__all__ = ["allocation_panel", "local_rule_against_centre", "agreement_curves"]


def allocation_panel(ax, P, T, a: Allocation, r: int, title: str) -> None:
    """People (blue dots), open tasks (hollow squares), tasks taken by round ``r`` (filled, with a line)."""
    ax.clear()
    taken = [(p, t, k) for (p, t), k in zip(a.pairs, a.round_of) if k <= r]
    old = [(P[p], T[t]) for p, t, k in taken if k < r]
    new = [(P[p], T[t]) for p, t, k in taken if k == r]
    if old:
        ax.add_collection(LineCollection(old, colors=ROLE_COLOURS["tie"], linewidths=1.0))
    if new:
        ax.add_collection(LineCollection(new, colors=OKABE_ITO["black"], linewidths=2.0))
    done = np.zeros(len(T), dtype=bool)
    done[[t for _, t, _ in taken]] = True
    ax.scatter(T[~done, 0], T[~done, 1], marker="s", s=42, facecolors="white",
               edgecolors=OKABE_ITO["black"], linewidths=1.0, zorder=3, label="open task")
    ax.scatter(T[done, 0], T[done, 1], marker="s", s=42, color=ROLE_COLOURS["reached"],
               edgecolors=OKABE_ITO["black"], linewidths=0.6, zorder=3, label="task taken")
    ax.scatter(P[:, 0], P[:, 1], s=36, color=ROLE_COLOURS["peer"], edgecolors="white",
               linewidths=0.6, zorder=4, label="person")
    ax.set_xlim(-0.03, 1.03)
    ax.set_ylim(-0.03, 1.03)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(True)
        ax.spines[side].set_color("#CCCCCC")
    ax.set_title(title, fontsize=10.5)


def local_rule_against_centre(people: int = 20, tasks: int = 20, per_round: int = 1, frames: int = 12,
                              seed: int = 0) -> Scrubber:
    """Scrub through the rounds: the local rule against a centre that assigns ``per_round`` a round.

    Each frame shows both maps after one round: which tasks are taken (green squares), the
    assignments made in that round (thick black lines), and the model's sentence for the round
    (:func:`p2pkit.protocols.at_round`); the last frame gives :func:`p2pkit.protocols.verdict`.
    """
    P, T = scatter(people, tasks, seed=seed)
    a = claim_nearest(P, T)
    c = central_assignment(P, T, per_round=per_round)
    last = max(a.rounds, c.rounds)
    rounds = sorted({round(i * last / (frames - 1)) for i in range(frames)})
    fig = plt.figure(figsize=(9.0, 5.4))
    ax_a = fig.add_axes([0.03, 0.2, 0.44, 0.7])
    ax_c = fig.add_axes([0.53, 0.2, 0.44, 0.7])
    ax_txt = fig.add_axes([0.0, 0.0, 1.0, 0.16])

    def draw(i: int) -> None:
        r = rounds[i]
        allocation_panel(ax_a, P, T, a, r, f"Local rule: nearest open task, unless\n"
                         f"a colleague is nearer · round {r}")
        allocation_panel(ax_c, P, T, c, r, f"Centre: best assignment, {per_round} per round\n"
                         f"round {r}")
        ax_c.legend(loc="upper center", bbox_to_anchor=(-0.07, -0.01), ncol=3, fontsize=8.5,
                    frameon=False)
        ax_txt.clear()
        ax_txt.set_axis_off()
        text = verdict(a, c) if r == last else at_round(a, c, r)
        text += f" Total distance now: local {_dist(P, T, a, r):.2f}, centre {_dist(P, T, c, r):.2f}."
        ax_txt.text(0.5, 0.45, "\n".join(textwrap.wrap(text, 100)), ha="center", va="center",
                    fontsize=10.5, color="#222222")

    alt = (f"Animation in {len(rounds)} frames, one per sampled round. Two identical maps with {people} "
           f"people (blue dots) and {tasks} tasks (squares). Left, everyone follows the local rule; "
           f"right, a centre hands out the best possible assignment {per_round} per round. Tasks turn "
           "green when taken and a line joins each to its person; the lines drawn in the current "
           "round are thick. A sentence under the maps counts the tasks settled by each way and the "
           "total distance; the last frame gives the model's verdict.")
    return scrubber(fig, draw, len(rounds), alt=alt)


def _dist(P, T, a: Allocation, r: int) -> float:
    return float(sum(np.linalg.norm(P[p] - T[t]) for (p, t), k in zip(a.pairs, a.round_of) if k <= r))


def agreement_curves(people: int = 40, span: int = 3, rounds: int = 120, seed: int = 0):
    """Disagreement round by round when everyone averages with their neighbours, on three networks.

    Solid lines: simulated; dotted: the eigenvalue bound ``lambda**t``. Returns the figure.
    """
    nets = [
        ("peer mesh (4 ties each)", orgs.peer_mesh(people, k=4, rewire=0.1, seed=seed), ROLE_COLOURS["peer"], "-"),
        (f"org chart (span {span})", org_chart(people, span), ROLE_COLOURS["centre"], "--"),
        ("peer mesh (8 ties each)", orgs.peer_mesh(people, k=8, rewire=0.1, seed=seed), OKABE_ITO["bluish green"], "-."),
    ]
    x0 = np.random.default_rng(seed).normal(size=people)
    fig, ax = plt.subplots(figsize=(7.2, 3.8))
    t = np.arange(rounds + 1)
    for label, G, colour, ls in nets:
        x = local_averaging(G, x0, rounds)
        d = np.array([disagreement(v) for v in x]) / disagreement(x0)
        lam = second_eigenvalue(averaging_weights(G))
        k = agreement_rounds(G, 0.01)
        ax.semilogy(t, np.maximum(d, 1e-12), color=colour, ls=ls, lw=2,
                    label=f"{label}: lambda = {lam:.3f}, sure to be within 1% by round {k}")
        ax.semilogy(t, lam ** t, color=colour, ls=":", lw=1)
    ax.axhline(0.01, color="#555555", lw=0.8)
    ax.text(rounds, 0.012, "1% of the starting disagreement", ha="right", va="bottom", fontsize=8.5)
    ax.set_ylim(1e-4, 1.5)
    ax.set_xlabel("round of averaging")
    ax.set_ylabel("disagreement\n(share of the start)")
    ax.legend(fontsize=8, frameon=False, loc="lower left")
    fig.tight_layout()
    return fig
