"""Chapter 5 figures: information decay on the way to a decision (draws :mod:`p2pkit.decay`)."""

from __future__ import annotations

import math
import textwrap

import matplotlib.pyplot as plt
import numpy as np

from ..decay import SHAPES, Journey, compare, decay_verdict, fidelity, noisy_fidelity, simulate_relay, three_orgs
from ..style import ROLE_COLOURS, draw_network, ring_layout, tree_layout
from .core import Scrubber, scrubber

__all__ = ["relay_curves", "sources_to_decider", "draw_route", "journey_bars", "fidelity_bars", "hours_bars",
           "SHAPE_MARKERS"]

#: Marker per organisation shape in the summary panels.
SHAPE_MARKERS = {"tall hierarchy": "^", "flat hierarchy": "v", "peer mesh": "o"}
_PATH = "#222222"


def relay_curves(keep: float = 0.9, noise_sd: float = 0.5, people: int = 31, messages: int = 4000,
                 seed: int = 0):
    """Detail kept against hand-offs, for both relay models, with Monte-Carlo dots.

    Marks how many hand-offs separate the data from the decider in the three
    organisations of :func:`p2pkit.decay.three_orgs` (one piece of information, the top
    deciding in the hierarchies, the person at the data in the mesh). Returns the figure.
    """
    hops = np.arange(0, 11)
    fig, ax = plt.subplots(figsize=(7.2, 3.8))
    ax.plot(hops, [fidelity(h, keep) for h in hops], color=ROLE_COLOURS["peer"],
            label=f"keep or lose: each hand-off keeps {keep:.0%} of the details")
    ax.plot(hops, [noisy_fidelity(h, noise_sd) for h in hops], color=ROLE_COLOURS["rumour"], ls="--",
            label=f"noise: each hand-off adds noise (sd {noise_sd:g} x the signal's)")
    for h in hops[1::2]:
        r1 = simulate_relay(int(h), "keep", keep=keep, messages=messages, seed=seed + int(h))
        r2 = simulate_relay(int(h), "noise", noise_sd=noise_sd, messages=messages, seed=seed + 50 + int(h))
        ax.plot([h], [r1.fidelity], "o", color=ROLE_COLOURS["peer"], mec="white", ms=6)
        ax.plot([h], [r2.fidelity], "^", color=ROLE_COLOURS["rumour"], mec="white", ms=6)
    c = compare(people, keep=keep, seed=seed)
    for name in SHAPES:
        h = c[name].mean_hops
        ax.axvline(h, color="#999999", lw=0.8, ls=":")
        ax.text(h + 0.08, 0.04, f"{name}\n({c[name].people} people)", fontsize=8, rotation=90,
                va="bottom", color="#444444")
    ax.set_xlim(-0.3, 10.3)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("hand-offs between the data and the decider")
    ax.set_ylabel("share of the detail that arrives")
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda y, _: f"{y:.0%}"))
    ax.legend(fontsize=8, loc="upper right", frameon=False)
    ax.set_title("Detail lost on the way: formulas (lines) and simulated relays (dots)", fontsize=10.5)
    fig.tight_layout()
    return fig


def _positions(G, name: str) -> dict:
    if name == "peer mesh":
        return ring_layout(G, centre=None)
    return tree_layout(G)


def draw_route(ax, G, j: Journey, name: str, pos: dict | None = None) -> None:
    """Draw ``G`` with the example decision of ``j``: who holds the information, who decides, the routes."""
    ax.clear()
    pos = pos or _positions(G, name)
    sources = set(j.example_sources)
    roles = {v: "peer" for v in G}
    for v in sources:
        roles[v] = "reached"
    roles[j.example_decider] = "centre"
    sizes = {v: 28 for v in G}
    for v in sources:
        sizes[v] = 60
    sizes[j.example_decider] = 110
    draw_network(G, ax, pos=pos, roles=roles, sizes=sizes)
    for path in j.example_paths:
        xs = [pos[v][0] for v in path]
        ys = [pos[v][1] for v in path]
        ax.plot(xs, ys, color=_PATH, lw=2.2, alpha=0.85, zorder=0.5, solid_capstyle="round")
    ax.set_title(f"{name[0].upper() + name[1:]} ({G.number_of_nodes()} people)", fontsize=10)


def journey_bars(ax_fid, ax_hours, journeys: dict) -> None:
    """Two bar panels: detail that arrives, and hours to decision, per organisation."""
    fidelity_bars(ax_fid, journeys)
    hours_bars(ax_hours, journeys)


def fidelity_bars(ax_fid, journeys: dict) -> None:
    """Bars: the share of detail that reaches the decider in each organisation."""
    names = list(journeys)
    y = np.arange(len(names))[::-1]
    colours = [ROLE_COLOURS["peer"] if n == "peer mesh" else ROLE_COLOURS["centre"] for n in names]
    ax_fid.clear()
    fids = [journeys[n].fidelity for n in names]
    ax_fid.barh(y, [1] * len(names), color="#EEEEEE", height=0.6)
    ax_fid.barh(y, fids, color=colours, height=0.6)
    for yi, f, n in zip(y, fids, names):
        ax_fid.text(1.03, yi, f"{f:.0%}  ({journeys[n].mean_hops:.1f} hops)", va="center", fontsize=9)
    ax_fid.set_yticks(y, names)
    ax_fid.set_xlim(0, 1.6)
    ax_fid.set_xticks([])
    ax_fid.spines[["top", "right", "bottom"]].set_visible(False)
    ax_fid.set_title("Detail that reaches the decider", fontsize=9.5, loc="left")


def hours_bars(ax_hours, journeys: dict, show_names: bool = False) -> None:
    """Stacked bars: working hours to decision (hand-offs, relay queues, the decider) per organisation."""
    names = list(journeys)
    y = np.arange(len(names))[::-1]
    ax_hours.clear()
    hours = [journeys[n].hours for n in names]
    finite = [h for h in hours if math.isfinite(h)]
    top = max(finite + [1.0]) * 1.1
    parts = [("transit_hours", "hand-offs", "#7A7A7A"), ("relay_wait_hours", "relay queues", "#BBBBBB"),
             ("decide_hours", "the decider", ROLE_COLOURS["centre"])]
    for n, yi in zip(names, y):
        j = journeys[n]
        if not j.stable:
            ax_hours.text(0.02 * top, yi, "backlog grows without limit", va="center", fontsize=8.5,
                          color=ROLE_COLOURS["centre"])
            continue
        left = 0.0
        for attr, label, col in parts:
            v = getattr(j, attr)
            ax_hours.barh([yi], [v], left=left, color=col, height=0.6, label=label if n == names[-1] else None)
            left += v
        ax_hours.text(left + 0.02 * top, yi, f"{j.hours:.1f} h", va="center", fontsize=9)
    ax_hours.set_yticks(y, names if show_names else [""] * len(names))
    ax_hours.set_ylim(-0.5, len(names) - 0.5)
    ax_hours.set_xlim(0, top * 1.3)
    ax_hours.set_xlabel("working hours to decision", fontsize=8.5)
    ax_hours.spines[["top", "right"]].set_visible(False)
    ax_hours.set_title("Time to decision", fontsize=9.5, loc="left")
    handles = [plt.Rectangle((0, 0), 1, 1, color=col) for _, _, col in parts]
    ax_hours.legend(handles, [lab for _, lab, _ in parts], fontsize=8.5, loc="center left",
                    bbox_to_anchor=(1.0, 0.5), frameon=False, title="hours spent on", title_fontsize=8.5)


def sources_to_decider(people: int = 31, sources: tuple = (1, 2, 3, 4, 6, 8, 10, 12, 16), keep: float = 0.9,
                       seed: int = 0, **kwargs) -> Scrubber:
    """Scrub how many people hold a piece of what a decision needs, from one to many.

    Each frame draws one sampled decision in a tall hierarchy, a flat one and a peer mesh
    (holders of the information in green, the decider as a square, routes in black), bars
    for the detail that arrives and the hours to decision (:func:`p2pkit.decay.compare`),
    and :func:`p2pkit.decay.decay_verdict`. Other keyword arguments go to
    :func:`p2pkit.decay.journey`.
    """
    nets = three_orgs(people, seed=seed)
    pos = {name: _positions(G, name) for name, G in nets.items()}
    results = [compare(people, keep=keep, seed=seed, sources_per_decision=m, **kwargs) for m in sources]
    fig = plt.figure(figsize=(9.6, 6.4))
    ax_nets = [fig.add_axes([0.0 + 0.335 * i, 0.53, 0.32, 0.39]) for i in range(3)]
    ax_fid = fig.add_axes([0.15, 0.27, 0.28, 0.19])
    ax_hours = fig.add_axes([0.52, 0.27, 0.3, 0.19])
    ax_txt = fig.add_axes([0.0, 0.0, 1.0, 0.17])

    def draw(i: int) -> None:
        res = results[i]
        for ax, name in zip(ax_nets, SHAPES):
            draw_route(ax, nets[name], res[name], name, pos=pos[name])
        journey_bars(ax_fid, ax_hours, res)
        fig.suptitle(f"A decision that needs what {sources[i]} {'person knows' if sources[i] == 1 else 'people know'}"
                     " (green); the square decides", fontsize=11, y=0.99)
        ax_txt.clear()
        ax_txt.set_axis_off()
        ax_txt.text(0.5, 0.5, textwrap.fill(decay_verdict(res), 110), ha="center", va="center",
                    fontsize=9.8, color="#222222")

    alt = (f"Animation in {len(sources)} frames: a decision needs information held by "
           f"{sources[0]} to {sources[-1]} people. Three networks of about {people} people: a tall "
           "hierarchy (span of control 2), a flat one (three levels) and a peer mesh drawn on a "
           "circle. Green dots hold the information, a square marks who decides, black lines show "
           "the routes the information takes. In the hierarchies the top decides, so every piece "
           "climbs the chart; in the mesh the person nearest the holders decides, at first the "
           "holder itself, later someone several hand-offs away. Bars compare the share of detail "
           "that arrives and the working hours to decision; a sentence under the figure states the "
           "model's verdict for each frame.")
    return scrubber(fig, draw, len(sources), alt=alt)
