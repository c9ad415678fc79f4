"""Equipotency: how evenly the power to act is spread across a network.

Chapter 3 of the book argues that in a peer-to-peer organisation every member has the
potential to lead. This module measures how far a network is from that:

- :func:`centrality` -- each person's degree, betweenness or closeness (Freeman 1979).
- :func:`centralization` -- Freeman's (1979) network centralization: 1 for a star,
  0 when everyone is equally central.
- :func:`gini` -- the Gini coefficient of any list of values (Gini 1912), e.g. of centralities.
- :func:`krackhardt` -- Krackhardt's (1994) four dimensions of an informal organisation:
  connectedness, hierarchy, efficiency and least-upper-boundedness.

Conventions follow the "Standard Network Analysis" report of CMU's ORA (Carley et al.),
whose values for the Knoke and Krackhardt data sets are reproduced in the tests; the
Notes of each function say where UCINET and R's ``sna`` differ.
"""

from __future__ import annotations

from itertools import combinations
from typing import Iterable, Literal

import networkx as nx
import numpy as np

from .errors import P2PKitError

__all__ = ["centrality", "centralization", "gini", "krackhardt", "influence_shares"]

Measure = Literal["degree", "betweenness", "closeness"]
Mode = Literal["total", "in", "out"]


def _check_graph(G: nx.Graph, minimum: int = 3) -> int:
    n = G.number_of_nodes()
    if n < minimum:
        raise P2PKitError(f"this measure needs at least {minimum} people; the network has {n}.")
    if nx.number_of_selfloops(G):
        raise P2PKitError("the network has self-ties (someone tied to themselves); remove them first "
                          "(G.remove_edges_from(nx.selfloop_edges(G))).")
    return n


def centrality(G: nx.Graph, measure: Measure = "degree", mode: Mode = "total") -> dict:
    """Each person's normalised centrality, 0 to 1.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network; ties are treated as unweighted.
    measure : {"degree", "betweenness", "closeness"}
    mode : {"total", "in", "out"}, default "total"
        For directed degree only: count ties received ("in"), sent ("out") or both ("total").

    Returns
    -------
    dict
        Node -> centrality. Degree is divided by ``n - 1`` (``2 (n - 1)`` for directed
        total degree); betweenness by the number of pairs of other people (ordered pairs
        for a directed network); closeness is ``(n - 1) / sum of distances`` from the person
        (following arcs outwards in a directed network), where someone out of reach counts
        as ``n`` hops away (ORA's convention).

    Notes
    -----
    ORA reports directed betweenness over ordered pairs, as here; UCINET's "nBetweenness"
    for directed data does the same. Closeness conventions differ most between tools: for
    a person who cannot reach everyone, ORA counts the missing distances as ``n`` (as here),
    ``sna::closeness`` returns 0, UCINET offers several variants and networkx rescales by
    the size of the reachable set (Wasserman & Faust 1994). On a connected undirected
    network all of them agree.

    References
    ----------
    Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
    *Social Networks* 1(3), 215-239.

    Examples
    --------
    >>> from p2pkit.orgs import client_server
    >>> centrality(client_server(5), "degree")[0]
    1.0
    """
    n = _check_graph(G, 2)
    if measure == "degree":
        if G.is_directed():
            if mode == "in":
                return {v: d / (n - 1) for v, d in G.in_degree()}
            if mode == "out":
                return {v: d / (n - 1) for v, d in G.out_degree()}
            if mode == "total":
                return {v: d / (2 * (n - 1)) for v, d in G.degree()}
            raise P2PKitError(f"mode must be 'total', 'in' or 'out'; got {mode!r}.")
        return {v: d / (n - 1) for v, d in G.degree()}
    if measure == "betweenness":
        return nx.betweenness_centrality(G, normalized=True)
    if measure == "closeness":
        out = {}
        for v in G:
            dist = nx.single_source_shortest_path_length(G, v)
            total = sum(dist.values()) + n * (n - len(dist))
            out[v] = (n - 1) / total
        return out
    raise P2PKitError(f"measure must be 'degree', 'betweenness' or 'closeness'; got {measure!r}.")


def centralization(G: nx.Graph, measure: Measure = "degree", mode: Mode = "total") -> float:
    """Freeman's network centralization: how much one person dominates, 0 to 1.

    ``sum_i (c_max - c_i) / max_G' sum_i (c_max' - c_i')``: the total gap between the most
    central person and everyone else, divided by the largest that gap can be in any network
    of the same size -- which, for all three measures, is the star (Freeman 1979).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
    measure : {"degree", "betweenness", "closeness"}
    mode : {"total", "in", "out"}, default "total"
        For directed degree: centralization of in-degree, out-degree or total degree.

    Returns
    -------
    float
        1 for a star, 0 when everyone has the same centrality.

    Notes
    -----
    With the normalised centralities of :func:`centrality`, the star's total gap is:

    - degree, undirected: ``n - 2``; directed in/out: ``n - 1``; directed total: ``n - 2``
      (UCINET's directed degree centralization also divides by ``n - 1``);
    - betweenness: ``n - 1`` (undirected and directed);
    - closeness: ``(n - 1)(n - 2) / (2n - 3)`` (Freeman 1979, eq. 13).

    R's ``sna::centralization`` uses the same theoretical maxima; networkx has no
    centralization function.

    References
    ----------
    Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
    *Social Networks* 1(3), 215-239.

    Examples
    --------
    >>> from p2pkit.orgs import client_server
    >>> centralization(client_server(6), "betweenness")
    1.0
    >>> centralization(nx.cycle_graph(6), "degree")
    0.0
    """
    n = _check_graph(G, 3)
    c = centrality(G, measure, mode)
    cmax = max(c.values())
    gap = sum(cmax - x for x in c.values())
    if measure == "degree":
        if G.is_directed() and mode in ("in", "out"):
            denom = n - 1
        else:
            denom = n - 2
    elif measure == "betweenness":
        denom = n - 1
    else:
        denom = (n - 1) * (n - 2) / (2 * n - 3)
    value = gap / denom
    return float(min(1.0, max(0.0, round(value, 12))))


def gini(values: Iterable[float]) -> float:
    """Gini coefficient of a list of non-negative values: 0 equal, near 1 concentrated.

    ``G = sum_i sum_j |x_i - x_j| / (2 n^2 mean(x))`` -- half the relative mean absolute
    difference (Gini 1912). With this (population) form one person holding everything gives
    ``(n - 1) / n``; some tools multiply by ``n / (n - 1)`` so that it gives 1.

    Parameters
    ----------
    values : iterable of float
        For example the centralities of every person. All zero gives 0.

    Raises
    ------
    P2PKitError
        If there are no values, or any is negative or not a number.

    References
    ----------
    Gini, C. (1912). *Variabilità e mutabilità*. Bologna: Cuppini.

    Examples
    --------
    >>> gini([1, 1, 1, 1])
    0.0
    >>> gini([0, 0, 0, 4])
    0.75
    """
    x = np.asarray(list(values), dtype=float)
    if x.size == 0:
        raise P2PKitError("gini() needs at least one value.")
    if np.any(np.isnan(x)) or np.any(x < 0):
        raise P2PKitError("gini() needs non-negative numbers (no NaN).")
    total = x.sum()
    if total == 0:
        return 0.0
    xs = np.sort(x)
    n = xs.size
    # sum_i sum_j |xi - xj| = 2 * sum_i (2i - n - 1) x_(i), i = 1..n over the sorted values
    i = np.arange(1, n + 1)
    return float(np.sum((2 * i - n - 1) * xs) / (n * total))


def influence_shares(G: nx.Graph, measure: Measure = "degree") -> dict:
    """Each person's share of the network's total centrality (shares add up to 1).

    A simple, readable stand-in for "share of influence": the person's centrality divided
    by the sum over everyone (Freeman 1979 centralities). Chapter 3 also uses DeGroot
    influence weights, which are a different, dynamic notion.

    Examples
    --------
    >>> from p2pkit.orgs import client_server
    >>> round(influence_shares(client_server(5))[0], 2)
    0.5
    """
    c = centrality(G, measure)
    total = sum(c.values())
    if total == 0:
        return {v: 1.0 / len(c) for v in c}
    return {v: x / total for v, x in c.items()}


def _reach(D: nx.DiGraph) -> tuple[list, np.ndarray]:
    nodes = list(D)
    idx = {v: i for i, v in enumerate(nodes)}
    n = len(nodes)
    R = np.zeros((n, n), dtype=bool)
    for v in nodes:
        for u in nx.descendants(D, v):
            R[idx[v], idx[u]] = True
    return nodes, R


def krackhardt(G: nx.Graph) -> dict:
    """Krackhardt's four graph-theoretical dimensions of an informal organisation.

    Krackhardt (1994) describes the ideal formal organisation as an *out-tree* (one top,
    every arc running from a boss to a subordinate) and measures how far a network is from
    it on four dimensions, each 1 for an out-tree:

    - **connectedness**: share of pairs joined by some path, ignoring direction;
    - **hierarchy**: among pairs where one reaches the other, the share where the reach is
      one-way (1 - mutually reachable pairs / pairs with any reach);
    - **efficiency**: within each weakly connected part, how few ties there are beyond the
      minimum needed to hold it together;
    - **least-upper-boundedness** (LUB): share of pairs that have a single closest common
      "boss" -- someone who reaches both, and whom every other such person reaches.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Arcs run from the person with authority/initiative to the other (boss ->
        subordinate). An undirected network is treated as having every tie both ways.

    Returns
    -------
    dict
        Keys ``connectedness``, ``hierarchy``, ``efficiency``, ``lub`` (floats, 0-1).

    Notes
    -----
    Conventions (each documented against the published values in ``tests/``):

    - *Hierarchy* is 0 when no pair has any reach (no arcs); ORA and ``sna`` agree.
    - *Efficiency* counts ties of the undirected version of each weak component:
      ``1 - sum_c (e_c - (n_c - 1)) / sum_c ((n_c - 1)(n_c - 2) / 2)``, as Krackhardt
      (1994) wrote it. R's ``sna::efficiency`` instead counts directed arcs against
      ``n_c (n_c - 1) - (n_c - 1)``, so it gives larger values for dense directed data.
    - *LUB* is computed within each weak component over its unordered pairs, with
      maximum ``(n_c - 1)(n_c - 2) / 2`` pairs lacking a bound, as in ``sna::lubness``.

    References
    ----------
    Krackhardt, D. (1994). Graph theoretical dimensions of informal organizations. In
    K. M. Carley & M. J. Prietula (eds.), *Computational Organization Theory*, 89-111.
    Hillsdale, NJ: Lawrence Erlbaum.
    Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical
    Software* 24(6).

    Examples
    --------
    >>> from p2pkit.orgs import hierarchy
    >>> krackhardt(hierarchy(3, 2, directed=True))
    {'connectedness': 1.0, 'hierarchy': 1.0, 'efficiency': 1.0, 'lub': 1.0}
    """
    n = _check_graph(G, 2)
    D = G if G.is_directed() else G.to_directed()
    U = D.to_undirected(as_view=False)
    comps = [list(c) for c in nx.connected_components(U)]

    # connectedness: unordered pairs joined in the underlying undirected graph
    connected_pairs = sum(len(c) * (len(c) - 1) / 2 for c in comps)
    connectedness = connected_pairs / (n * (n - 1) / 2)

    nodes, R = _reach(D)
    either = np.triu(R | R.T, 1).sum()
    both = np.triu(R & R.T, 1).sum()
    hierarchy = 0.0 if either == 0 else 1.0 - both / either

    excess = 0.0
    max_excess = 0.0
    for c in comps:
        nc = len(c)
        ec = U.subgraph(c).number_of_edges()
        excess += ec - (nc - 1)
        max_excess += (nc - 1) * (nc - 2) / 2
    efficiency = 1.0 if max_excess == 0 else 1.0 - excess / max_excess

    idx = {v: i for i, v in enumerate(nodes)}
    Rr = R | np.eye(len(nodes), dtype=bool)  # reflexive reach: a boss is their own bound
    lacking = 0
    max_lacking = 0.0
    for c in comps:
        nc = len(c)
        max_lacking += (nc - 1) * (nc - 2) / 2
        ids = [idx[v] for v in c]
        for a, b in combinations(ids, 2):
            bounds = np.flatnonzero(Rr[:, a] & Rr[:, b])
            if bounds.size == 0:
                lacking += 1
                continue
            # a least upper bound is a bound that every other bound reaches
            sub = Rr[np.ix_(bounds, bounds)]
            if not np.any(sub.all(axis=0)):
                lacking += 1
    lub = 1.0 if max_lacking == 0 else 1.0 - lacking / max_lacking
    return {
        "connectedness": float(connectedness),
        "hierarchy": float(hierarchy),
        "efficiency": float(efficiency),
        "lub": float(lub),
    }


