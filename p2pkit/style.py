"""One visual language for every figure in the companion.

The palette is Okabe & Ito's (2008) colour-blind-safe set. The same colour means the same
thing in every chapter:

========== ============ =====================================================
role       colour       used for
========== ============ =====================================================
centre     vermillion   the centre, the top of the chart, a gatekeeper, a hub
peer       blue         an ordinary member / peer
bridge     orange       a broker between communities
removed    grey         someone removed, failed or out of reach
reached    bluish green someone a message/idea has reached
rumour     reddish pur. misinformation
========== ============ =====================================================

Communities are coloured in the order of :data:`COMMUNITY_COLOURS`. Shapes carry the same
meaning as colours (the centre is a square, a bridge a diamond) so that figures also
read in black and white.
"""

from __future__ import annotations

import math
from typing import Iterable

import matplotlib.pyplot as plt
import networkx as nx

__all__ = [
    "OKABE_ITO",
    "ROLE_COLOURS",
    "COMMUNITY_COLOURS",
    "ring_layout",
    "tree_layout",
    "layout",
    "draw_network",
    "new_figure",
]

#: Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
    "grey": "#999999",
}

ROLE_COLOURS = {
    "centre": OKABE_ITO["vermillion"],
    "peer": OKABE_ITO["blue"],
    "bridge": OKABE_ITO["orange"],
    "removed": "#BBBBBB",
    "reached": OKABE_ITO["bluish green"],
    "rumour": OKABE_ITO["reddish purple"],
    "tie": "#7A7A7A",
}

ROLE_MARKERS = {"centre": "s", "peer": "o", "bridge": "D", "removed": "X", "reached": "o", "rumour": "^"}

COMMUNITY_COLOURS = [
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["bluish green"],
    OKABE_ITO["reddish purple"],
    OKABE_ITO["sky blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["yellow"],
    OKABE_ITO["black"],
]

plt.rcParams.update(
    {
        "font.size": 10,
        "axes.titlesize": 11,
        "figure.dpi": 100,
        "savefig.bbox": "tight",
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


def ring_layout(G: nx.Graph, centre=0) -> dict:
    """Positions with ``centre`` in the middle and everyone else on a circle, in node order.

    The same people stay in the same places whatever the ties, so a sequence of networks
    (an animation) shows only the ties changing.
    """
    others = [v for v in G if v != centre]
    pos = {}
    for i, v in enumerate(others):
        a = math.pi / 2 - 2 * math.pi * i / max(1, len(others))
        pos[v] = (math.cos(a), math.sin(a))
    if centre in G:
        pos[centre] = (0.0, 0.0)
    return pos


def tree_layout(G: nx.Graph, level_attr: str = "level") -> dict:
    """Positions for an organisation chart: top level at the top, levels spread evenly."""
    levels: dict[int, list] = {}
    for v, d in G.nodes(data=True):
        levels.setdefault(int(d.get(level_attr, 0)), []).append(v)
    pos = {}
    depth = max(levels) if levels else 0
    for lvl, members in levels.items():
        k = len(members)
        for i, v in enumerate(members):
            pos[v] = ((i + 0.5) / k * 2 - 1, 1 - 2 * lvl / max(1, depth))
    return pos


def layout(G: nx.Graph, seed: int = 0) -> dict:
    """A readable, deterministic layout: a chart for a hierarchy, a spring layout otherwise."""
    if G.number_of_nodes() and all("level" in d for _, d in G.nodes(data=True)) and nx.is_tree(G):
        return tree_layout(G)
    return nx.spring_layout(G, seed=seed)


def new_figure(width: float = 6.0, height: float = 4.0, ncols: int = 1):
    """A figure in the house style; returns ``(fig, axes)``."""
    fig, axes = plt.subplots(1, ncols, figsize=(width, height))
    return fig, axes


def draw_network(
    G: nx.Graph,
    ax,
    pos: dict | None = None,
    roles: dict | None = None,
    colours: dict | None = None,
    sizes: dict | None = None,
    labels: bool = False,
    title: str | None = None,
    hidden: Iterable = (),
) -> None:
    """Draw a network in the house style on ``ax``.

    Parameters
    ----------
    roles : dict, optional
        Node -> role name (a key of :data:`ROLE_COLOURS`); sets colour and marker shape.
    colours : dict, optional
        Node -> colour, overriding the role colour (e.g. community colours).
    sizes : dict, optional
        Node -> marker size in points^2 (default 120).
    hidden : iterable
        Nodes drawn as removed (grey crosses), with their ties left out.
    """
    pos = pos if pos is not None else layout(G)
    roles = roles or {}
    colours = colours or {}
    sizes = sizes or {}
    hidden = set(hidden)
    visible_edges = [(u, v) for u, v in G.edges() if u not in hidden and v not in hidden]
    nx.draw_networkx_edges(G, pos, edgelist=visible_edges, ax=ax, edge_color=ROLE_COLOURS["tie"],
                           width=0.9, alpha=0.8, arrows=False)
    groups: dict[tuple, list] = {}
    for v in G:
        role = "removed" if v in hidden else roles.get(v, "peer")
        colour = ROLE_COLOURS["removed"] if v in hidden else colours.get(v, ROLE_COLOURS.get(role, ROLE_COLOURS["peer"]))
        groups.setdefault((role, colour), []).append(v)
    for (role, colour), nodes in groups.items():
        nx.draw_networkx_nodes(
            G, pos, nodelist=nodes, ax=ax, node_color=colour,
            node_shape=ROLE_MARKERS.get(role, "o"),
            node_size=[sizes.get(v, 120) for v in nodes],
            edgecolors="white", linewidths=0.8,
        )
    if labels:
        nx.draw_networkx_labels(G, pos, ax=ax, font_size=8)
    ax.set_axis_off()
    if title:
        ax.set_title(title)
