"""Shared checks and matrix helpers of :mod:`p2pkit.dynamics` (not part of the public interface)."""

from __future__ import annotations

import networkx as nx
import numpy as np

from ..errors import require_graph

_MAX_STEPS = 10_000


def _matrix(G: nx.Graph, what: str = "this model") -> tuple[list, np.ndarray]:
    """Node list and boolean adjacency matrix (an undirected tie counts as two arcs)."""
    require_graph(G, what=what)
    nodes = list(G.nodes())
    index = {v: i for i, v in enumerate(nodes)}
    n = len(nodes)
    A = np.zeros((n, n), dtype=bool)
    for u, v in G.edges():
        if u == v:
            continue
        A[index[u], index[v]] = True
        if not G.is_directed():
            A[index[v], index[u]] = True
    return nodes, A


def _graph(nodes: list, A: np.ndarray, node_data: dict | None = None) -> nx.DiGraph:
    D = nx.DiGraph()
    if node_data:
        D.add_nodes_from((v, node_data.get(v, {})) for v in nodes)
    else:
        D.add_nodes_from(nodes)
    rows, cols = np.nonzero(A)
    D.add_edges_from((nodes[i], nodes[j]) for i, j in zip(rows.tolist(), cols.tolist(), strict=True))
    return D
