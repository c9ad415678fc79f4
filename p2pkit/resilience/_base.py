"""Shared checks and helpers of :mod:`p2pkit.resilience` (not part of the public interface)."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from ..errors import P2PKitError


def _check_removed(G: nx.Graph, removed: Iterable) -> list:
    removed = list(removed)
    missing = [v for v in removed if v not in G]
    if missing:
        raise P2PKitError(f"{missing[0]!r} is not in the network; name people as they appear in list(G).")
    if len(set(removed)) != len(removed):
        raise P2PKitError("someone is listed twice among the people who leave.")
    return removed


def _without(G: nx.Graph, removed: Iterable) -> nx.Graph:
    H = G.copy()
    H.remove_nodes_from(removed)
    return H


def _curve_from_order(G: nx.Graph, removed: list) -> tuple[list, list]:
    """Connected pairs and largest group after 0..len(removed) departures.

    Works backwards (Newman & Ziff 2000): start from the people who never leave and add
    the departed back one at a time, merging groups with a union-find. The whole curve
    costs about as much as one count of connected groups, where calling
    :func:`p2pkit.architecture.pairwise_connectivity` (connected pairs over all pairs) after
    every departure would cost one count per point; the tests check every point against it.
    """
    gone = set(removed)
    parent: dict = {}
    size: dict = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    state = {"pairs": 0, "largest": 0}

    def add(v):
        parent[v] = v
        size[v] = 1
        state["largest"] = max(state["largest"], 1)
        for u in G.adj[v]:
            if u in parent:
                a, b = find(u), find(v)
                if a != b:
                    if size[a] < size[b]:
                        a, b = b, a
                    state["pairs"] += size[a] * size[b]
                    parent[b] = a
                    size[a] += size[b]
                    state["largest"] = max(state["largest"], size[a])

    for v in G:
        if v not in gone:
            add(v)
    pairs = [state["pairs"]]
    largest = [state["largest"]]
    for v in reversed(removed):
        add(v)
        pairs.append(state["pairs"])
        largest.append(state["largest"])
    return pairs[::-1], largest[::-1]
