"""Who leaves first: removal orders at random, by ties, by routes or from the top of the chart.

- :func:`removal_order` (and :func:`removals`, one at a time) -- who leaves first: at
  random, the best-connected (degree), the people who sit on most routes (betweenness),
  or the top of the chart; targeted orders can be recomputed after each departure or
  fixed at the start.

Conventions (those of the whole :mod:`p2pkit.resilience` package): an undirected
:class:`networkx.Graph`; ties in a ranking broken by the order of ``list(G)``; anything
random takes an explicit ``seed``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from itertools import islice
from typing import Literal

import networkx as nx
import numpy as np

from ..errors import P2PKitError, require_graph, require_whole_number
from ..measures import betweenness, to_igraph
from ..seeding import python_random

__all__ = ["STRATEGIES", "removal_order", "removals"]

Strategy = Literal["random", "degree", "betweenness", "top"]

#: Who leaves first, and how the chapter says it.
STRATEGIES: dict[str, str] = {
    "random": "people chosen at random",
    "degree": "the best-connected people (most ties)",
    "betweenness": "the people who sit on most routes between others",
    "top": "the top of the chart first",
}


def _route_scores(G: nx.Graph, nodes: list | None = None, pivots: int | None = None,
                  rng: random.Random | None = None) -> dict:
    """Raw (unnormalised) betweenness of the people in ``nodes``, in the network among them.

    Exact: :func:`p2pkit.measures.betweenness` (``normalized=False``; undirected, each pair
    counted once). With ``pivots`` (fewer than ``len(nodes)``), Brandes & Pich's (2007)
    unbiased estimate: shortest paths are counted only from ``pivots`` source people drawn
    with ``rng`` (``rng.sample`` over the positions in ``nodes``, so a seed gives the same
    sources in every process) and the result is scaled by ``len(nodes) / pivots``, as
    networkx does with ``k=``. The sources are given to igraph's betweenness
    (``sources=``), which networkx cannot be given; without igraph, networkx draws its own.
    """
    nodes = list(G) if nodes is None else list(nodes)
    n = len(nodes)
    if n < 3:
        return {v: 0.0 for v in nodes}
    inside = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from(nodes)  # in this order: the sources are drawn by position
    sub.add_edges_from((u, v) for u in nodes for v in G.adj[u] if v in inside)
    if pivots is None or pivots >= n:
        return betweenness(sub, normalized=False)
    rng = rng or python_random(0)
    sources = sorted(rng.sample(range(n), pivots))
    try:
        g = to_igraph(sub, nodes)
    except P2PKitError:  # pragma: no cover - igraph is in requirements.txt
        return nx.betweenness_centrality(sub, k=pivots, normalized=False, seed=rng)
    raw = np.asarray(g.betweenness(directed=False, sources=sources), dtype=float)
    return dict(zip(nodes, (raw * (n / pivots)).tolist(), strict=True))


def _best(candidates, score: dict, order: dict, tiebreak: dict | None = None):
    """The candidate with the highest score (rounded), then higher ``tiebreak``, then first in order."""
    tiebreak = tiebreak or {}
    return min(candidates, key=lambda v: (-round(score[v], 9), -tiebreak.get(v, 0), order[v]))


def removal_order(
    G: nx.Graph,
    strategy: Strategy = "degree",
    count: int | None = None,
    recompute: bool = True,
    seed: int | None = 0,
    pivots: int | None = None,
) -> list:
    """Who leaves first: the order in which people are removed under a failure strategy.

    Parameters
    ----------
    G : networkx.Graph
        An undirected network.
    strategy : {"random", "degree", "betweenness", "top"}
        ``"random"``: a random order (a failure, an "error" in Albert et al. 2000).
        ``"degree"``: the people with most ties first (an attack on the hubs).
        ``"betweenness"``: the people who sit on most shortest routes between others first
        (Freeman 1977; Holme et al. 2002).
        ``"top"``: the top of the chart first, by the node attribute ``level`` (0 or 1 at
        the top, as in :func:`p2pkit.orgs.hierarchy` and the Krackhardt data).
    count : int, optional
        How many people to list (default: everyone).
    recompute : bool, default True
        For ``"degree"`` and ``"betweenness"``: rank again among the people still there
        after each departure (Holme et al.'s "recalculated" attack, the stronger one), or
        rank once at the start and keep that order (``False``; the attack of Albert et al.
        2000). Ignored for ``"random"`` and ``"top"``.
    seed : int or None, default 0
        For ``"random"``: the same seed gives the same order
        (``python_random(seed).shuffle(list(G))``, the shuffle of ``random.Random(seed)``). Also draws the ``pivots``.
    pivots : int, optional
        For ``"betweenness"`` on large networks: estimate betweenness from this many
        source people per connected group instead of all of them (Brandes & Pich 2007,
        an unbiased estimate). ``None`` (default) computes it exactly.

    Returns
    -------
    list
        The first ``count`` people to leave, in order.

    Raises
    ------
    P2PKitError
        For an unknown strategy, a ``count`` out of range, or ``"top"`` on a network
        without chart levels.

    Notes
    -----
    Ties in a ranking go to the person with more ties (betweenness only), then to the one
    who comes first in ``list(G)``. When recomputing betweenness, only the connected group
    the departed person belonged to is recomputed: betweenness counts routes within a
    group, so the other groups' values do not change (this is exact, and the reason a
    recalculated attack stays fast once the network has broken up).

    References
    ----------
    Albert, R., Jeong, H., & Barabasi, A.-L. (2000). Error and attack tolerance of complex
    networks. *Nature* 406, 378-382.
    Holme, P., Kim, B. J., Yoon, C. N., & Han, S. K. (2002). Attack vulnerability of
    complex networks. *Physical Review E* 65, 056109.
    Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
    Mathematical Sociology* 25(2), 163-177.
    Brandes, U., & Pich, C. (2007). Centrality estimation in large networks.
    *International Journal of Bifurcation and Chaos* 17(7), 2303-2318.

    Examples
    --------
    >>> from p2pkit import orgs
    >>> removal_order(orgs.hierarchy(3, 2), "degree", count=3)
    [1, 2, 0]
    >>> removal_order(orgs.hierarchy(3, 2), "top", count=3)
    [0, 1, 2]
    """
    n = require_graph(G, minimum=1, undirected=True, what="removal_order()")
    count = n if count is None else require_whole_number("count", count, minimum=0, maximum=n)
    return list(islice(removals(G, strategy, recompute=recompute, seed=seed, pivots=pivots), count))


def removals(
    G: nx.Graph,
    strategy: Strategy = "degree",
    recompute: bool = True,
    seed: int | None = 0,
    pivots: int | None = None,
) -> Iterator:
    """The same order as :func:`removal_order`, one person at a time (a generator).

    Useful when it is not known in advance how many departures will be needed: a live
    control can ask for one more without starting again. The arguments are those of
    :func:`removal_order`, which is ``list(islice(removals(...), count))``.

    Examples
    --------
    >>> from p2pkit import orgs
    >>> people = removals(orgs.client_server(5), "degree")
    >>> next(people), next(people)
    (0, 1)
    """
    n = require_graph(G, minimum=1, undirected=True, what="removals()")
    if strategy not in STRATEGIES:
        raise P2PKitError(f"unknown strategy {strategy!r}; choose one of: {', '.join(STRATEGIES)}.")
    if strategy == "top":
        levels = nx.get_node_attributes(G, "level")
        if len(levels) != n:
            raise P2PKitError("this network has no chart levels (a 'level' on every person); "
                              "choose 'degree', 'betweenness' or 'random' instead.")
    if pivots is not None:
        pivots = require_whole_number("pivots", pivots, minimum=1, maximum=max(1, n))
    return _removals(G.copy(), strategy, bool(recompute), seed, pivots)


def _removals(G: nx.Graph, strategy: str, recompute: bool, seed, pivots) -> Iterator:
    order = {v: i for i, v in enumerate(G)}
    if strategy == "random":
        people = list(G)
        python_random(seed).shuffle(people)
        yield from people
        return
    if strategy == "top":
        levels = nx.get_node_attributes(G, "level")
        yield from sorted(G, key=lambda v: (levels[v], order[v]))
        return
    if strategy == "degree":
        deg = {v: float(d) for v, d in G.degree()}
        if not recompute:
            yield from sorted(G, key=lambda v: (-deg[v], order[v]))
            return
        H = G
        while H:
            v = _best(H, deg, order)
            for u in H.adj[v]:
                deg[u] -= 1
            H.remove_node(v)
            del deg[v]
            yield v
        return
    # betweenness
    rng = python_random(seed)
    bc = _route_scores(G, pivots=pivots, rng=rng)
    deg = dict(G.degree())
    if not recompute:
        yield from sorted(G, key=lambda v: (-round(bc[v], 9), -deg[v], order[v]))
        return
    H = G
    while H:
        v = _best(H, bc, order, deg)
        group = nx.node_connected_component(H, v)
        for u in H.adj[v]:
            deg[u] -= 1
        H.remove_node(v)
        del bc[v], deg[v]
        group.discard(v)
        yield v
        if group:
            for part in nx.connected_components(H.subgraph(group)):
                bc.update(_route_scores(H, sorted(part, key=order.__getitem__), pivots=pivots, rng=rng))
