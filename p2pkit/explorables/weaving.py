"""Chapter 8 figures: the network-weaving phases, step by step (draws :mod:`p2pkit.weaving`)."""

from __future__ import annotations

import math
import random
import textwrap

import matplotlib.pyplot as plt
import networkx as nx
from matplotlib.collections import LineCollection

from .. import weaving
from ..style import COMMUNITY_COLOURS, OKABE_ITO, ROLE_COLOURS
from .core import Scrubber, scrubber
from .practice import fast_draw, sunflower_layout

__all__ = ["weaving_layout", "weaving_style", "draw_weaving", "path_frames", "weaving_phases", "four_phases"]

NEW_TIE = OKABE_ITO["black"]


def weaving_layout(G: nx.Graph, weaver=0) -> dict:
    """Clusters (node attribute ``group``) round a ring, the weaver in the middle."""
    groups: dict = {}
    for v, g in G.nodes(data="group", default=0):
        if v != weaver:
            groups.setdefault(g, []).append(v)
    keys = sorted(groups)
    k = max(1, len(keys))
    pos = {}
    for j, g in enumerate(keys):
        a = math.pi / 2 - 2 * math.pi * j / k
        centre = (math.cos(a), math.sin(a)) if k > 1 else (0.0, 0.0)
        members = groups[g]
        r = min(0.48, 1.5 * math.sin(math.pi / k)) if k > 1 else 0.9
        if len(members) <= 16:
            for i, v in enumerate(members):
                b = 2 * math.pi * i / len(members)
                pos[v] = (centre[0] + r * 0.7 * math.cos(b), centre[1] + r * 0.7 * math.sin(b))
        else:
            pos.update(sunflower_layout(members, centre, r * 0.75))
    if weaver in G:
        pos[weaver] = (0.0, 0.0)
    return pos


def weaving_style(G: nx.Graph) -> tuple[dict, dict]:
    """``(roles, colours)``: the weaver as the centre, emerging hubs as bridges, members by cluster."""
    roles, colours = {}, {}
    for v, d in G.nodes(data=True):
        role = d.get("role")
        if role == "weaver":
            roles[v] = "centre"
        elif role == "hub":
            roles[v] = "bridge"
        else:
            roles[v] = "peer"
            colours[v] = COMMUNITY_COLOURS[d.get("group", 0) % len(COMMUNITY_COLOURS)]
    return roles, colours


def draw_weaving(G: nx.Graph, ax, pos: dict, new=(), title: str | None = None) -> None:
    """Draw a weaving network; ties in ``new`` are drawn thick and black (this step's introductions)."""
    roles, colours = weaving_style(G)
    n = G.number_of_nodes()
    size = max(8.0, min(70.0, 2600.0 / max(n, 1)))
    fast_draw(G, ax, pos, roles=roles, colours=colours, size=size, title=title)
    if new:
        ax.add_collection(LineCollection([(pos[u], pos[v]) for u, v in new], colors=NEW_TIE, linewidths=1.6,
                                         zorder=1.5))


def path_frames(n: int = 48, clusters: int = 5, steps: int = 3, seed: int = 0) -> list[tuple]:
    """Frames from phase 1 to phase 4: each phase, and ``steps - 1`` points on the way to the next.

    Returns a list of ``(graph, label, new_ties, phase_reached)``: the ties of the next phase are
    added in a seeded order, a share at a time.
    """
    ps = weaving.phases(n, clusters, seed=seed)
    rng = random.Random(seed)
    frames = [(ps[0], f"Phase 1 of 4: {weaving.PHASES[0]}", [], 1)]
    for i in range(3):
        before, after = ps[i], ps[i + 1]
        new = sorted(e for e in after.edges() if not before.has_edge(*e))
        rng.shuffle(new)
        for j in range(1, steps + 1):
            upto = round(len(new) * j / steps)
            if j == steps:
                G = after
                label = f"Phase {i + 2} of 4: {weaving.PHASES[i + 1]}"
            else:
                G = before.copy()
                G.add_edges_from((u, v, after.edges[u, v]) for u, v in new[:upto])
                for v in G:  # roles appear as the step is taken
                    G.nodes[v]["role"] = after.nodes[v]["role"] if j * 2 >= steps else before.nodes[v]["role"]
                label = f"Weaving towards phase {i + 2}: {upto} of {len(new)} introductions"
            prev = round(len(new) * (j - 1) / steps)
            frames.append((G, label, new[prev:upto], i + 2 if j == steps else i + 1))
    return frames


def four_phases(n: int = 48, clusters: int = 5, seed: int = 0):
    """The four phases side by side, each titled with its shape as :func:`p2pkit.weaving.classify` finds it."""
    ps = weaving.phases(n, clusters, seed=seed)
    pos = weaving_layout(ps[-1])
    fig, axes = plt.subplots(2, 2, figsize=(9, 8.6))
    for i, (ax, G) in enumerate(zip(axes.ravel(), ps)):
        p = weaving.phase_profile(G)
        new = [e for e in G.edges() if i and not ps[i - 1].has_edge(*e)]
        draw_weaving(G, ax, pos, new=new)
        ax.set_title(f"Phase {i + 1}: {weaving.PHASES[i]}\nmeasured shape: {p.shape}\n"
                     f"{p.ties} ties · weaver on {p.weaver_load:.0%} of routes", fontsize=11.5)
    fig.tight_layout()
    return fig


def weaving_phases(n: int = 48, clusters: int = 5, steps: int = 3, seed: int = 0) -> Scrubber:
    """Scrub from scattered fragments to a core/periphery network, with the measures of each step."""
    frames = path_frames(n, clusters, steps, seed)
    profiles = [weaving.phase_profile(G, seed=seed) for G, *_ in frames]
    pos = weaving_layout(frames[-1][0])
    fig = plt.figure(figsize=(8.6, 5.0))
    ax_net = fig.add_axes([0.0, 0.17, 0.48, 0.7])
    ax_bar = fig.add_axes([0.74, 0.28, 0.2, 0.56])
    ax_txt = fig.add_axes([0.0, 0.0, 1.0, 0.16])
    labels = ["Pairs who can\nreach each other", "Weaver's share\nof routes", "Pairs in touch\nwithout the weaver",
              "Two-step paths closed\ninto triangles", "Others tied into\nthe main core"]
    colours = [ROLE_COLOURS["reached"], ROLE_COLOURS["centre"], ROLE_COLOURS["reached"], COMMUNITY_COLOURS[0],
               ROLE_COLOURS["bridge"]]

    def draw(i: int) -> None:
        G, label, new, _ = frames[i]
        p = profiles[i]
        ax_net.clear()
        draw_weaving(G, ax_net, pos, new=new)
        ax_net.set_title(f"{label}\n{p.ties} ties" + (" · new introductions in black" if new else ""), fontsize=11)
        ax_bar.clear()
        values = [p.pairs_in_touch, p.weaver_load, p.survives_without_weaver, p.clustering, p.core_reach]
        y = list(range(len(values)))[::-1]
        ax_bar.barh(y, [1] * len(values), color="#EEEEEE", height=0.55)
        ax_bar.barh(y, values, color=colours, height=0.55)
        for yi, v in zip(y, values):
            ax_bar.text(1.03, yi, f"{v:.0%}", va="center", fontsize=11)
        ax_bar.set_yticks(y, labels, fontsize=10.5)
        ax_bar.set_xlim(0, 1.3)
        ax_bar.set_xticks([])
        ax_bar.spines[["top", "right", "bottom"]].set_visible(False)
        ax_bar.set_title(f"Measured shape:\n{p.shape}", fontsize=11)
        ax_txt.clear()
        ax_txt.set_axis_off()
        ax_txt.text(0.5, 0.5, textwrap.fill(weaving.phase_verdict(p), 100), ha="center", va="center", fontsize=11,
                    color="#222222")

    alt = (f"Animation in {len(frames)} frames. A network of {n} people in {clusters} coloured clusters round a "
           "ring, with the weaver (a square) in the middle. Frame 1: the clusters are separate. Then the weaver "
           "ties herself to people in every cluster (hub-and-spoke); then hubs (diamonds) emerge in the clusters "
           "and are introduced to each other and across clusters (multi-hub); finally the weaver, the hubs and a "
           "few active members form a core in which everyone knows everyone, and the rest are tied to it "
           "(core/periphery). Each frame's new introductions are drawn in black. Bars show the share of pairs who "
           "can reach each other, the weaver's share of routes, the pairs still in touch without her, the share "
           "of two-step paths closed into triangles, and the share of others tied into the main core; a sentence "
           "under the figure gives the shape the model measures and its verdict.")
    return scrubber(fig, draw, len(frames), alt=alt)
