"""What the stylised cases and the unit-size models share: their building blocks and size limit.

Inputs are checked with the package's validators (:mod:`p2pkit.errors`); people are split
into teams or units of near-equal size by :func:`p2pkit.scaling.team_sizes`.
"""

from __future__ import annotations

import networkx as nx


def _add_clique(G: nx.Graph, members: list, kind: str) -> None:
    for i, u in enumerate(members):
        for v in members[i + 1:]:
            if not G.has_edge(u, v):
                G.add_edge(u, v, kind=kind)


MAX_PEOPLE = 20_000
