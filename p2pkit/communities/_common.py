"""Helpers shared by the modules of :mod:`p2pkit.communities` (not part of its public interface)."""

from __future__ import annotations

import networkx as nx


def _undirected(G: nx.Graph) -> nx.Graph:
    """The undirected reading of ``G`` (a tie either way is a tie), in a fixed order.

    networkx's undirected view of a directed graph merges neighbours through a set, whose
    order -- for people named by strings -- changes from one Python process to the next.
    Building the graph in the network's own order keeps every result reproducible.
    """
    if not G.is_directed():
        return G
    U = nx.Graph()
    U.add_nodes_from(G.nodes(data=True))
    for u in G:
        for v in G._succ[u]:
            U.add_edge(u, v)
        for v in G._pred[u]:
            U.add_edge(u, v)
    return U


def _order(G: nx.Graph) -> dict:
    return {v: i for i, v in enumerate(G)}


def _who(v) -> str:
    return f"person {v}"
