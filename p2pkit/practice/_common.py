"""What the stylised cases and the unit-size models share: their building blocks and size limit.

Inputs are checked with the package's validators (:mod:`p2pkit.errors`).
"""

from __future__ import annotations

import math

import networkx as nx


def _blocks(n: int, size: int) -> list[int]:
    """Split ``n`` people into ``ceil(n / size)`` groups of near-equal size (largest first)."""
    k = max(1, math.ceil(n / size))
    base, extra = divmod(n, k)
    return [base + (1 if i < extra else 0) for i in range(k)]


def _add_clique(G: nx.Graph, members: list, kind: str) -> None:
    for i, u in enumerate(members):
        for v in members[i + 1:]:
            if not G.has_edge(u, v):
                G.add_edge(u, v, kind=kind)


MAX_PEOPLE = 20_000
