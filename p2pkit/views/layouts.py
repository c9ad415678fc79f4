"""Where people stand in a figure: deterministic layouts shared by every view.

A layout maps each person to an (x, y) position. The same people stay in the same places
whatever the ties, so that switching between states of a figure shows only what changed.
"""

from __future__ import annotations

import math

import networkx as nx

__all__ = ["ring_layout", "tree_layout", "layout"]


def ring_layout(G: nx.Graph, centre=0) -> dict:
    """Positions with ``centre`` in the middle and everyone else on a circle, in node order.

    The same people stay in the same places whatever the ties, so a sequence of networks
    (an animation) shows only the ties changing.

    Notes
    -----
    ``networkx.shell_layout(G, [[centre], others])`` draws the same picture turned and
    mirrored (the first person at nine o'clock, counter-clockwise); this one starts at twelve
    o'clock and goes clockwise, as a reader counts round a table and as every published figure
    places people, so it is kept.
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
    """Positions for an organisation chart: top level at the top, levels spread evenly.

    Notes
    -----
    ``networkx.multipartite_layout(G, subset_key=level_attr, align="horizontal")`` puts the
    first level at the *bottom* and spaces levels by their size; a chart reads top down, with
    each level spread over the full width, so this small function is kept.
    """
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
