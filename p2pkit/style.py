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

from collections.abc import Iterable

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
    "house_style",
    "RC",
]

from .views.layouts import layout, ring_layout, tree_layout  # noqa: F401  (one implementation)
from .views.style import COMMUNITY_COLOURS, OKABE_ITO, ROLE_COLOURS, ROLE_MARKERS  # noqa: F401

#: matplotlib settings of the house style. Importing this module changes nothing: use
#: ``with house_style(): ...`` (or ``plt.rcParams.update(RC)`` in your own notebook).
RC = {
    "font.size": 10,
    "axes.titlesize": 11,
    "figure.dpi": 100,
    "savefig.bbox": "tight",
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def house_style():
    """A context in which matplotlib draws in the house style (``with house_style(): ...``)."""
    return plt.rc_context(RC)




def new_figure(width: float = 6.0, height: float = 4.0, ncols: int = 1):
    """A figure in the house style; returns ``(fig, axes)``."""
    with house_style():
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
