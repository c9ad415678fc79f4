"""How far a network is from equipotent: centrality, centralization, Gini, Krackhardt's dimensions.

Chapter 3, part 1 (see :mod:`p2pkit.equipotency`):

- :func:`centrality` -- each person's degree, betweenness or closeness (Freeman 1979).
- :func:`centralization` -- Freeman's (1979) network centralization: 1 for a star, 0 when
  everyone is equally central; :func:`centralization_from` -- the same from centralities
  already computed (the one place the star's maxima are written).
- :func:`gini` -- the Gini coefficient of any list of values (Gini 1912), e.g. of centralities.
- :func:`influence_shares` -- each person's share of the total centrality.
- :func:`krackhardt` -- Krackhardt's (1994) four dimensions of an informal organisation:
  connectedness, hierarchy, efficiency and least-upper-boundedness.
- :func:`equipotency_profile` and :func:`verdict` -- all of the above for one network, with
  each person's share of influence, and a plain-language verdict;
  :func:`orient_top_down` gives an undirected chart the boss -> subordinate direction.

Conventions follow the "Standard Network Analysis" report of CMU's ORA (Carley et al.),
whose values for the Knoke and Krackhardt data sets are reproduced in the tests; the
Notes of each function say where UCINET and R's ``sna`` differ.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx
import numpy as np

from ..architecture import pairwise_connectivity
from ..errors import P2PKitError, require_graph
from ..measures import betweenness, to_igraph
from .influence import influence_weights, trust_matrix

__all__ = [
    "centrality", "centralization", "centralization_from", "gini", "krackhardt", "influence_shares",
    "orient_top_down", "EquipotencyProfile", "equipotency_profile", "verdict",
    "INFLUENCE_MEASURES", "MEASURE_WORDS",
]

Measure = Literal["degree", "betweenness", "closeness"]
Mode = Literal["total", "in", "out"]


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
        for a directed network), so that it is each person's share of the shortest routes
        between other people (Freeman 1977; the same as
        :func:`p2pkit.architecture.load_share`, computed by :func:`p2pkit.measures.betweenness`);
        closeness is ``(n - 1) / sum of distances`` from the person (following arcs outwards
        in a directed network), where someone out of reach counts as ``n`` hops away (ORA's
        convention).

    Notes
    -----
    On an undirected network degree is networkx's ``degree_centrality``; it is computed
    here (as ``d / (n - 1)``, which networkx rounds differently in the last digit) because
    for directed total degree ORA divides by ``2 (n - 1)`` and networkx by ``n - 1``.
    ORA reports directed betweenness over ordered pairs, as here; UCINET's "nBetweenness"
    for directed data does the same. Closeness conventions differ most between tools: for
    a person who cannot reach everyone, ORA counts the missing distances as ``n`` (as here),
    ``sna::closeness`` returns 0, UCINET offers several variants and networkx rescales by
    the size of the reachable set (Wasserman & Faust 1994). On a connected undirected
    network all of them agree.

    References
    ----------
    Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
    *Sociometry* 40(1), 35-41.
    Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
    *Social Networks* 1(3), 215-239.

    Examples
    --------
    >>> from p2pkit.orgs import client_server
    >>> centrality(client_server(5), "degree")[0]
    1.0
    """
    n = require_graph(G, minimum=2, self_loops=False, what="centrality()")
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
        return betweenness(G, normalized=True)
    if measure == "closeness":
        return _closeness(G, n)
    raise P2PKitError(f"measure must be 'degree', 'betweenness' or 'closeness'; got {measure!r}.")


def _closeness(G: nx.Graph, n: int) -> dict:
    """ORA's closeness for everyone: ``(n - 1) / (sum of distances + n * people out of reach)``.

    Distances follow arcs outwards; igraph computes them in C when it is installed (the
    values equal the breadth-first search used as the fallback; tested).
    """
    nodes = list(G)
    try:
        g = to_igraph(G, nodes)
    except P2PKitError:  # pragma: no cover - igraph is part of the stack
        g = None
    if g is None:  # pragma: no cover
        out = {}
        for v in nodes:
            dist = nx.single_source_shortest_path_length(G, v)
            out[v] = (n - 1) / (sum(dist.values()) + n * (n - len(dist)))
        return out
    D = np.asarray(g.distances(mode="out"), dtype=float)
    reached = np.isfinite(D)
    total = np.where(reached, D, 0.0).sum(axis=1) + n * (n - reached.sum(axis=1))
    return dict(zip(nodes, ((n - 1) / total).tolist(), strict=True))


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
    centralization function. The maxima are applied by :func:`centralization_from`.

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
    require_graph(G, minimum=3, self_loops=False, what="centralization()")
    return centralization_from(centrality(G, measure, mode), measure, G.is_directed(), mode)


def centralization_from(centralities, measure: Measure = "degree", directed: bool = False,
                        mode: Mode = "total") -> float:
    """Freeman's centralization from everyone's centralities, already computed.

    The one place where the star's total gap -- the denominator of Freeman's (1979)
    centralization -- is written down: :func:`centralization` calls it, and so can a model
    that has computed the centralities in its own way (sampled on a large network, say).

    Parameters
    ----------
    centralities : dict or iterable of float
        Everyone's normalised centrality, as :func:`centrality` returns it (at least 3 people).
    measure : {"degree", "betweenness", "closeness"}
        Which centrality it is: each has its own maximum (see :func:`centralization`).
    directed : bool, default False
        Whether the centralities come from a directed network (it matters for degree only).
    mode : {"total", "in", "out"}, default "total"
        For directed degree: which degree.

    Returns
    -------
    float
        ``sum_i (c_max - c_i)`` divided by the star's value, clipped to 0..1 (rounding).

    Raises
    ------
    P2PKitError
        For fewer than 3 values, or an unknown measure or mode.

    References
    ----------
    Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
    *Social Networks* 1(3), 215-239.

    Examples
    --------
    >>> centralization_from({0: 1.0, 1: 0.0, 2: 0.0, 3: 0.0}, "betweenness")
    1.0
    """
    c = list(centralities.values()) if isinstance(centralities, Mapping) else [float(x) for x in centralities]
    n = len(c)
    if n < 3:
        raise P2PKitError(f"centralization needs at least 3 people; got {n}.")
    if measure == "degree":
        if mode not in ("total", "in", "out"):
            raise P2PKitError(f"mode must be 'total', 'in' or 'out'; got {mode!r}.")
        denom = n - 1 if directed and mode in ("in", "out") else n - 2
    elif measure == "betweenness":
        denom = n - 1
    elif measure == "closeness":
        denom = (n - 1) * (n - 2) / (2 * n - 3)
    else:
        raise P2PKitError(f"measure must be 'degree', 'betweenness' or 'closeness'; got {measure!r}.")
    cmax = max(c)
    gap = sum(cmax - x for x in c)
    return float(min(1.0, max(0.0, round(gap / denom, 12))))


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


def _reach_fast(D: nx.DiGraph) -> tuple[list, np.ndarray]:
    """Who reaches whom, as :func:`_reach` (nobody counts as reaching themselves), with the
    searches done by igraph in C; tested equal."""
    nodes = list(D)
    n = len(nodes)
    try:
        g = to_igraph(D, nodes)
    except P2PKitError:  # pragma: no cover - igraph is part of the stack
        return _reach(D)
    R = np.zeros((n, n), dtype=bool)
    for i, reached in enumerate(g.neighborhood(order=n, mode="out", mindist=1)):
        R[i, reached] = True
    return nodes, R


def krackhardt(G: nx.Graph) -> dict:
    """Krackhardt's four graph-theoretical dimensions of an informal organisation.

    Krackhardt (1994) describes the ideal formal organisation as an *out-tree* (one top,
    every arc running from a boss to a subordinate) and measures how far a network is from
    it on four dimensions, each 1 for an out-tree:

    - **connectedness**: share of pairs joined by some path, ignoring direction
      (:func:`p2pkit.architecture.pairwise_connectivity`);
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
      Whether a pair has a least upper bound is decided for all pairs of a person at once
      (tested equal to searching each pair's common bosses one by one).

    This is the exact computation, the definition, for networks of up to a few thousand
    people (it holds who reaches whom for every pair). ``p2pkit.measures.krackhardt_large``
    is the version for large networks (LUB estimated from a sample of pairs), tested
    against this one.

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
    require_graph(G, minimum=2, self_loops=False, what="krackhardt()")
    D = G if G.is_directed() else G.to_directed()
    U = D.to_undirected(as_view=False)
    comps = [list(c) for c in nx.connected_components(U)]
    nodes, R = _reach_fast(D)
    either = np.triu(R | R.T, 1).sum()
    both = np.triu(R & R.T, 1).sum()
    hierarchy = 0.0 if either == 0 else 1.0 - both / either
    excess = max_excess = 0.0
    for c in comps:
        nc = len(c)
        excess += U.subgraph(c).number_of_edges() - (nc - 1)
        max_excess += (nc - 1) * (nc - 2) / 2
    efficiency = 1.0 if max_excess == 0 else 1.0 - excess / max_excess
    idx = {v: i for i, v in enumerate(nodes)}
    lacking = _pairs_without_lub(R, [np.array([idx[v] for v in c]) for c in comps])
    max_lacking = sum((len(c) - 1) * (len(c) - 2) / 2 for c in comps)
    lub = 1.0 if max_lacking == 0 else 1.0 - lacking / max_lacking
    return {
        "connectedness": float(pairwise_connectivity(D)),
        "hierarchy": float(hierarchy),
        "efficiency": float(efficiency),
        "lub": float(lub),
    }


def _pairs_without_lub(R: np.ndarray, parts: list) -> int:
    """How many pairs within each of ``parts`` (arrays of indices) lack a least upper bound.

    ``R[i, j]``: person ``i`` reaches person ``j``. A common boss ``u`` of ``a`` and ``b`` is a
    *least* one exactly when the people who reach ``u`` are all the common bosses of ``a``
    and ``b`` (anyone who reaches ``u`` reaches ``a`` and ``b`` too). So a pair has a least
    upper bound iff the largest "number of people reaching u" over its common bosses ``u``
    equals the number of its common bosses: one vectorised test per person instead of a
    search per pair (tested equal to that search, the definition).
    """
    Rr = R | np.eye(R.shape[0], dtype=bool)      # reflexive reach: a boss is their own bound
    anc = Rr.sum(axis=0)                         # how many people reach u (u included)
    order = np.argsort(-anc, kind="stable")
    Ro = Rr[order]                               # rows: candidate bosses, most-reached first
    anc_o = anc[order]
    lacking = 0
    for ids in parts:
        sub = Rr[:, ids].astype(np.int32)
        common = sub.T @ sub                     # [k, j] = number of common bosses of ids[k], ids[j]
        for k, a in enumerate(ids[:-1]):
            X = Ro[:, ids[k + 1:]] & Ro[:, [a]]  # common bosses, in order of anc
            first = np.argmax(X, axis=0)         # the most-reached common boss
            ok = X.any(axis=0) & (anc_o[first] == common[k, k + 1:])
            lacking += int(np.count_nonzero(~ok))
    return lacking


# --------------------------------------------------------------------------- all at once


def orient_top_down(G: nx.Graph, level: str = "level") -> nx.DiGraph:
    """Give an undirected organisation chart a boss -> subordinate direction.

    :func:`krackhardt` expects arcs that run from the person with authority to the other.
    A hybrid of a hierarchy and a peer mesh (``p2pkit.orgs.hybrid``) has undirected ties
    and a ``level`` for each person (0 at the top). This function orients each tie:

    - between two levels: one arc, from the higher level (smaller number) to the lower;
    - within a level (a *lateral* tie between peers): two arcs, one each way, because
      neither side has authority over the other.

    Parameters
    ----------
    G : networkx.Graph
        Undirected; every node needs the attribute named by ``level``.
    level : str, default "level"
        The node attribute holding each person's level (0 = top).

    Returns
    -------
    networkx.DiGraph
        Same people (with their attributes), arcs as above.

    Raises
    ------
    P2PKitError
        If ``G`` is directed, or someone has no level.

    Notes
    -----
    On a pure hierarchy the result is the out-tree of ``orgs.hierarchy(..., directed=True)``,
    which scores 1 on all four dimensions of Krackhardt (1994). Lateral ties are mutual, so they
    lower Krackhardt's *hierarchy* (people reach each other both ways) and, as they add
    ties beyond a tree, his *efficiency*. A peer tie that skips levels (level 1 to level 3)
    is still read as running downwards: the model has no other information about who
    defers to whom, and this choice is a convention, not a finding.

    Examples
    --------
    >>> from p2pkit.orgs import hierarchy
    >>> D = orient_top_down(hierarchy(2, 2))
    >>> sorted(D.edges())
    [(0, 1), (0, 2)]
    """
    if G.is_directed():
        raise P2PKitError("orient_top_down() needs an undirected network; a directed one already has a direction.")
    lv = nx.get_node_attributes(G, level)
    missing = [v for v in G if v not in lv]
    if missing:
        raise P2PKitError(f"{len(missing)} people have no {level!r} attribute (e.g. {missing[0]!r}); "
                          "give every person a level (0 = top), as orgs.hybrid() does.")
    D = nx.DiGraph()
    D.add_nodes_from(G.nodes(data=True))
    for u, v in G.edges():
        if lv[u] < lv[v]:
            D.add_edge(u, v)
        elif lv[u] > lv[v]:
            D.add_edge(v, u)
        else:
            D.add_edge(u, v)
            D.add_edge(v, u)
    D.graph.update(G.graph)
    return D


@dataclass(frozen=True)
class EquipotencyProfile:
    """How far one network is from equipotent (see :func:`equipotency_profile`)."""

    people: int
    ties: int
    measure: str
    centralization: dict
    gini: dict
    krackhardt: dict | None
    shares: dict
    top: object
    top_share: float
    equal_share: float
    top_level: int | None = None
    centralities: dict | None = field(default=None, repr=False)

    @property
    def top_ratio(self) -> float:
        """The biggest share divided by an equal share (1 = perfectly even)."""
        return self.top_share / self.equal_share

    @property
    def routes(self) -> dict:
        """Each person's share of the shortest routes between other people.

        Normalised betweenness (Freeman 1977): 1 means every shortest route between two
        other people passes through the person. Not to be confused with ``shares`` under
        ``measure="betweenness"``, each person's part of everyone's betweenness added up
        (those parts sum to 1; these do not).
        """
        return self.centralities["betweenness"]


#: How each influence measure is named in sentences; its keys are the measures, in order.
MEASURE_WORDS = {
    "degree": "direct ties",
    "betweenness": "total brokerage (everyone's betweenness added up)",
    "closeness": "closeness",
    "degroot": "weight in the group's consensus",
}
INFLUENCE_MEASURES = tuple(MEASURE_WORDS)


def equipotency_profile(G: nx.Graph, measure: str = "betweenness", krackhardt_measures: bool = True
                        ) -> EquipotencyProfile:
    """Measure one network on every chapter-3 question at once.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The organisation. Centralities, their Gini and the influence shares use the ties
        regardless of direction. Krackhardt's measures use the direction: a directed
        network is taken as it is (arcs boss -> subordinate); an undirected one with a
        ``level`` on every person is oriented by :func:`orient_top_down`; an undirected
        one without levels counts every tie both ways.
    measure : {"degree", "betweenness", "closeness", "degroot"}, default "betweenness"
        What "share of influence" means: a share of the total Freeman centrality
        (:func:`influence_shares`), or the DeGroot influence weight
        (:func:`influence_weights` of :func:`trust_matrix`).
    krackhardt_measures : bool, default True
        Set False to skip them (they need every pair's reach; slow beyond ~1,000 people).

    Returns
    -------
    EquipotencyProfile
        ``centralization`` and ``gini``: dicts over degree, betweenness and closeness
        (Freeman 1979; Gini 1912); ``krackhardt``: the four dimensions or None;
        ``shares``: person -> share (adds to 1); ``top`` and ``top_share``: the largest
        share and whose it is (first in node order on ties); ``equal_share`` = 1 / n;
        ``top_level``: that person's ``level`` if the network has levels;
        ``centralities``: everyone's normalised degree, betweenness and closeness
        (:func:`centrality`), so ``routes`` is each person's share of the routes between
        other people.

    Raises
    ------
    P2PKitError
        For an unknown measure, or a network the measures cannot use (fewer than 3
        people, self-ties).

    References
    ----------
    Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
    *Social Networks* 1(3), 215-239.
    Krackhardt, D. (1994). Graph theoretical dimensions of informal organizations. In
    K. M. Carley & M. J. Prietula (eds.), *Computational Organization Theory*, 89-111.
    DeGroot, M. H. (1974). Reaching a consensus. *Journal of the American Statistical
    Association* 69(345), 118-121.

    Examples
    --------
    >>> from p2pkit.orgs import client_server
    >>> p = equipotency_profile(client_server(5), "degree")
    >>> p.centralization["degree"], p.top, p.top_share
    (1.0, 0, 0.5)
    """
    if measure not in INFLUENCE_MEASURES:
        raise P2PKitError(f"measure must be one of {', '.join(INFLUENCE_MEASURES)}; got {measure!r}.")
    require_graph(G, minimum=3, self_loops=False, what="equipotency_profile()")
    U = G.to_undirected(as_view=False) if G.is_directed() else G
    cent = {m: centrality(U, m) for m in ("degree", "betweenness", "closeness")}
    cz = {m: centralization_from(cent[m], m) for m in cent}
    gn = {m: gini(cent[m].values()) for m in cent}
    if measure == "degroot" and nx.is_connected(U):
        # the closed form of trust_matrix's equal weights on ties that run both ways:
        # pi_i = (d_i + 1) / sum_j (d_j + 1) (tested against influence_weights)
        total = 2 * U.number_of_edges() + U.number_of_nodes()
        shares = {v: (d + 1) / total for v, d in U.degree()}
    elif measure == "degroot":
        nodes = list(U)
        pi = influence_weights(trust_matrix(U))     # raises: no single consensus
        shares = {v: float(x) for v, x in zip(nodes, pi, strict=True)}
    else:
        total = sum(cent[measure].values())
        shares = ({v: 1.0 / len(U) for v in U} if total == 0
                  else {v: x / total for v, x in cent[measure].items()})
    order = {v: i for i, v in enumerate(U)}
    top = max(shares, key=lambda v: (round(shares[v], 12), -order[v]))
    kr = None
    if krackhardt_measures:
        if G.is_directed():
            D = G
        elif all("level" in d for _, d in G.nodes(data=True)):
            D = orient_top_down(G)
        else:
            D = G.to_directed()
        kr = krackhardt(D)
    lv = G.nodes[top].get("level")
    return EquipotencyProfile(
        people=U.number_of_nodes(), ties=U.number_of_edges(), measure=measure,
        centralization=cz, gini=gn, krackhardt=kr, shares=shares, top=top,
        top_share=float(shares[top]), equal_share=1.0 / U.number_of_nodes(),
        top_level=None if lv is None else int(lv), centralities=cent,
    )


def _who(p: EquipotencyProfile) -> str:
    if p.top_level is None:
        return f"person {p.top}"
    if p.top_level == 0:
        return "the top of the chart"
    return f"a level-{p.top_level} person"


def verdict(p: EquipotencyProfile, threshold: float = 0.10) -> str:
    """One plain sentence on how evenly influence is spread, computed from ``p``.

    The test is the chapter's goal: does anybody hold more than ``threshold`` of the
    influence (by ``p.measure``)? The sentence also says how many times an equal share
    the biggest holder has.

    Examples
    --------
    >>> from p2pkit.orgs import client_server
    >>> verdict(equipotency_profile(client_server(5), "degree"))
    'Not equipotent: person 0 holds 50% of the direct ties, 2.5 times an equal share (20.0%).'
    """
    if not 0 < threshold < 1:
        raise P2PKitError(f"threshold is a share between 0 and 1 (0.10 = 10%); got {threshold!r}.")
    words = MEASURE_WORDS[p.measure]
    ratio = p.top_ratio
    if p.top_share > threshold:
        return (f"Not equipotent: {_who(p)} holds {p.top_share:.0%} of the {words}, "
                f"{ratio:.1f} times an equal share ({p.equal_share:.1%}).")
    if ratio < 1.5:
        return (f"Close to equipotent: nobody holds more than {threshold:.0%} of the {words}; "
                f"the biggest share ({p.top_share:.1%}) is {ratio:.1f} times an equal one.")
    return (f"Nobody holds more than {threshold:.0%} of the {words}, but the spread is uneven: "
            f"{_who(p)} still has {ratio:.1f} times an equal share.")
