"""Equipotency: how evenly the power to act is spread across a network.

Equipotency is the second of the three elements the publisher's description of Baker's
*Peer-to-Peer Leadership* names (Baker 2014, "About This Book"); the description does not
define it. This companion reads it as every member of a network holding the potential to
lead, and this module measures how far a network is from that:

- :func:`centrality` -- each person's degree, betweenness or closeness (Freeman 1979).
- :func:`centralization` -- Freeman's (1979) network centralization: 1 for a star,
  0 when everyone is equally central.
- :func:`gini` -- the Gini coefficient of any list of values (Gini 1912), e.g. of centralities.
- :func:`krackhardt` -- Krackhardt's (1994) four dimensions of an informal organisation:
  connectedness, hierarchy, efficiency and least-upper-boundedness.
- :func:`equipotency_profile` and :func:`verdict` -- all of the above for one network, with
  each person's share of influence, and a plain-language verdict;
  :func:`orient_top_down` gives an undirected chart the boss -> subordinate direction.
- :func:`trust_matrix`, :func:`trust_rounds`, :func:`influence_weights`, :func:`consensus` --
  influence as weight in a group's consensus (DeGroot 1974); :func:`wisdom` -- whether that
  consensus finds the truth (Golub & Jackson 2010).
- :func:`task_stream`, :func:`fixed_leader`, :func:`situational_leader` -- leadership that
  moves with the task, against one fixed leader every task must pass (a queue);
  :func:`fixed_leader_expected` -- the fixed leader's mean time from arrival to lead done
  in closed form (M/M/1 time in the system plus the hand-offs).

Conventions follow the "Standard Network Analysis" report of CMU's ORA (Carley et al.),
whose values for the Knoke and Krackhardt data sets are reproduced in the tests; the
Notes of each function say where UCINET and R's ``sna`` differ.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from collections.abc import Iterable, Mapping
from typing import Literal

import networkx as nx
import numpy as np

from .architecture import pairwise_connectivity
from .errors import P2PKitError
from .measures import betweenness, to_igraph

__all__ = [
    "centrality", "centralization", "centralization_from", "gini", "krackhardt", "influence_shares",
    # structure, all at once
    "orient_top_down", "EquipotencyProfile", "equipotency_profile", "verdict",
    "INFLUENCE_MEASURES", "MEASURE_WORDS",
    # DeGroot influence and the wisdom of the crowd
    "trust_matrix", "trust_rounds", "influence_weights", "consensus", "round_verdict",
    "signals", "consensus_error_sd", "consensus_error_bounds", "Wisdom", "wisdom", "wisdom_verdict",
    # leadership that moves with the situation
    "Task", "task_stream", "assign_skills", "LeadershipRun", "fixed_leader", "fixed_leader_expected",
    "situational_leader", "leadership_verdict",
]

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
        for a directed network), so that it is each person's share of the shortest routes
        between other people (Freeman 1977; the same as
        :func:`p2pkit.architecture.load_share`, computed by :func:`p2pkit.measures.betweenness`);
        closeness is ``(n - 1) / sum of distances`` from the person (following arcs outwards
        in a directed network), where someone out of reach counts as ``n`` hops away (ORA's
        convention).

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
    return dict(zip(nodes, ((n - 1) / total).tolist()))


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
    _check_graph(G, 3)
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
    _check_graph(G, 2)
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


# =========================================================================== structure
# Chapter 3, part 1: how far a network is from equipotent, measured in one go.


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
    which scores 1 on all four Krackhardt dimensions. Lateral ties are mutual, so they
    lower Krackhardt's *hierarchy* (people reach each other both ways) and, as they add
    ties beyond a tree, his *efficiency*. A peer tie that skips levels (level 1 to level 3)
    is still read as running downwards: the model has no other information about who
    defers to whom, and this choice is a convention, not a finding.

    References
    ----------
    Krackhardt, D. (1994). Graph theoretical dimensions of informal organizations. In
    K. M. Carley & M. J. Prietula (eds.), *Computational Organization Theory*, 89-111.

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


INFLUENCE_MEASURES = ("degree", "betweenness", "closeness", "degroot")

#: How each influence measure is named in sentences.
MEASURE_WORDS = {
    "degree": "direct ties",
    "betweenness": "total brokerage (everyone's betweenness added up)",
    "closeness": "closeness",
    "degroot": "weight in the group's consensus",
}


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
    _check_graph(G, 3)
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
        shares = {v: float(x) for v, x in zip(nodes, pi)}
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


# =========================================================================== DeGroot
# Chapter 3, part 2: influence as weight in a consensus, and when the crowd is wise.


def _check_stochastic(W: np.ndarray) -> np.ndarray:
    W = np.asarray(W, dtype=float)
    if W.ndim != 2 or W.shape[0] != W.shape[1] or W.shape[0] == 0:
        raise P2PKitError("the trust matrix must be square (one row and one column per person).")
    if np.any(~np.isfinite(W)) or np.any(W < -1e-12):
        raise P2PKitError("trust weights must be non-negative numbers.")
    if not np.allclose(W.sum(axis=1), 1.0, atol=1e-9):
        raise P2PKitError("each row of the trust matrix must add up to 1 (each person splits all "
                          "their trust); divide every row by its sum.")
    return W


def trust_matrix(G: nx.Graph, leader=None, deference: float = 0.0) -> np.ndarray:
    """DeGroot's trust matrix built from a network: whom each person listens to, how much.

    Each person gives equal weight to their own opinion and to each person they listen
    to -- their neighbours in an undirected network, the people their arcs point to in a
    directed one (an arc ``i -> j`` reads "i listens to j", e.g. "i asks j for advice").
    Optionally everyone but a ``leader`` then moves a share ``deference`` of their trust
    onto the leader (an all-hands meeting, a boss whose word counts extra).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network; rows and columns follow ``list(G)``. Weights are ignored.
    leader : node, optional
        Who receives the deference. Needed when ``deference > 0``.
    deference : float, default 0
        Share (0 to 1) of each other person's trust moved to the leader.

    Returns
    -------
    numpy.ndarray
        Row-stochastic ``n x n`` matrix ``W``: ``W[i, j]`` is the weight ``i`` puts on
        ``j``'s opinion; every row adds up to 1.

    Notes
    -----
    For an undirected network without deference, the influence weights have a closed
    form: ``pi_i = (d_i + 1) / sum_j (d_j + 1)`` with ``d_i`` the degree -- ``W`` is a
    random walk on the network with a self-loop at every node, which is reversible
    (Golub & Jackson 2010 discuss this "equal weights" case).

    References
    ----------
    DeGroot, M. H. (1974). Reaching a consensus. *Journal of the American Statistical
    Association* 69(345), 118-121.
    Golub, B., & Jackson, M. O. (2010). Naive learning in social networks and the wisdom
    of crowds. *American Economic Journal: Microeconomics* 2(1), 112-149.

    Examples
    --------
    >>> trust_matrix(nx.path_graph(3))[1].round(3).tolist()
    [0.333, 0.333, 0.333]
    """
    n = G.number_of_nodes()
    if n == 0:
        raise P2PKitError("the network has nobody in it.")
    if not 0.0 <= float(deference) <= 1.0:
        raise P2PKitError(f"deference is a share between 0 and 1; got {deference!r}.")
    nodes = list(G)
    A = nx.to_numpy_array(G, nodelist=nodes, weight=None)
    np.fill_diagonal(A, 1.0)
    A = (A > 0).astype(float)
    W = A / A.sum(axis=1, keepdims=True)
    if deference > 0:
        if leader not in G:
            raise P2PKitError("deference needs a leader who is in the network (leader=...).")
        li = nodes.index(leader)
        others = np.arange(n) != li
        W[others] *= (1.0 - deference)
        W[others, li] += deference
    return W


def trust_rounds(W: np.ndarray, x0, steps: int) -> np.ndarray:
    """Run DeGroot's updating with a trust matrix: everyone replaces their opinion by a weighted average.

    ``x(t+1) = W x(t)``: each person's next opinion is the average of the opinions they
    listen to, weighted by their trust (DeGroot 1974). Deterministic. The same trust, given
    as a matrix, in every round; :func:`p2pkit.dynamics.degroot` instead averages plainly
    over the ties of a network that changes from one step to the next.

    Parameters
    ----------
    W : numpy.ndarray
        Row-stochastic trust matrix (:func:`trust_matrix`).
    x0 : array-like, shape (n,) or (n, k)
        Opinions at the start (``k`` columns run ``k`` independent issues at once).
    steps : int
        Number of rounds.

    Returns
    -------
    numpy.ndarray
        Shape ``(steps + 1, n)`` (or ``(steps + 1, n, k)``): opinions after 0..steps rounds.

    References
    ----------
    DeGroot, M. H. (1974). Reaching a consensus. *Journal of the American Statistical
    Association* 69(345), 118-121.

    Examples
    --------
    >>> trust_rounds(trust_matrix(nx.path_graph(2)), [0.0, 1.0], 1)[-1].tolist()
    [0.5, 0.5]
    """
    W = _check_stochastic(W)
    x = np.asarray(x0, dtype=float)
    if x.shape[0] != W.shape[0]:
        raise P2PKitError(f"x0 has {x.shape[0]} opinions for {W.shape[0]} people.")
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 0:
        raise P2PKitError(f"steps must be a whole number of at least 0; got {steps!r}.")
    out = np.empty((int(steps) + 1,) + x.shape)
    out[0] = x
    M = W
    if W.shape[0] >= 200 and np.count_nonzero(W) <= 0.05 * W.size:
        # a large network in which each person listens to a few: sparse products (equal up to
        # rounding; tested), far quicker than dense ones
        from scipy.sparse import csr_matrix

        M = csr_matrix(W)
    for t in range(int(steps)):
        out[t + 1] = M @ out[t]
    return out


def influence_weights(W: np.ndarray) -> np.ndarray:
    """Each person's weight in the group's eventual consensus (DeGroot 1974).

    The stationary left eigenvector ``pi`` of ``W``: ``pi W = pi``, ``pi >= 0``,
    ``sum(pi) = 1``. If the opinions converge, they converge to ``pi . x(0)``: person ``i``'s
    first opinion counts with weight ``pi_i`` in what everybody ends up believing.

    Parameters
    ----------
    W : numpy.ndarray
        Row-stochastic trust matrix (:func:`trust_matrix`).

    Returns
    -------
    numpy.ndarray
        ``pi``, one weight per person (order of the rows of ``W``), adding up to 1.

    Raises
    ------
    P2PKitError
        If there is no single consensus: two or more groups listen only to themselves
        (``W`` has more than one closed class), so each settles on its own opinion.

    Notes
    -----
    Solved as a linear system (``(W^T - I) pi = 0`` with one equation replaced by
    ``sum(pi) = 1``), exact up to rounding. People outside the one closed group (who
    listen to it but are not listened to back) get weight 0. When ``W`` satisfies detailed
    balance with ``d_i = 1 / W_ii`` (``d_i W_ij = d_j W_ji``, as :func:`trust_matrix` of an
    undirected network does), ``pi`` is ``d`` normalised, without solving (tested equal).

    References
    ----------
    DeGroot, M. H. (1974). Reaching a consensus. *Journal of the American Statistical
    Association* 69(345), 118-121.
    Golub, B., & Jackson, M. O. (2010). Naive learning in social networks and the wisdom
    of crowds. *American Economic Journal: Microeconomics* 2(1), 112-149.

    Examples
    --------
    >>> from p2pkit.orgs import client_server
    >>> influence_weights(trust_matrix(client_server(4))).round(3).tolist()
    [0.4, 0.2, 0.2, 0.2]
    """
    W = _check_stochastic(W)
    n = W.shape[0]
    D = nx.DiGraph()
    D.add_nodes_from(range(n))
    rows, cols = np.nonzero(W > 0)
    D.add_edges_from(zip(rows.tolist(), cols.tolist()))
    closed = list(nx.attracting_components(D))
    if len(closed) > 1:
        sizes = sorted((len(c) for c in closed), reverse=True)
        raise P2PKitError(
            f"no single consensus: {len(closed)} separate groups (sizes {', '.join(map(str, sizes))}) "
            "listen only to themselves, so each settles on its own opinion. Add a tie through "
            "which one group listens to another.")
    diag = np.diag(W)
    if np.all(diag > 0):
        # detailed balance: if d_i W_ij = d_j W_ji with d_i = 1 / W_ii, then pi is d, normalised
        # (a reversible chain; trust_matrix of an undirected network is one, d_i = degree + 1)
        d = 1.0 / diag
        M = d[:, None] * W
        if np.allclose(M, M.T, rtol=1e-12, atol=1e-15):
            return d / d.sum()
    A = W.T - np.eye(n)
    A[-1] = 1.0
    b = np.zeros(n)
    b[-1] = 1.0
    pi = np.linalg.solve(A, b)
    pi[np.abs(pi) < 1e-15] = 0.0
    pi = np.clip(pi, 0.0, None)
    return pi / pi.sum()


def consensus(W: np.ndarray, x0, weights=None) -> np.ndarray | float:
    """The opinion everybody converges to under DeGroot updating: ``pi . x(0)``.

    Parameters
    ----------
    W : numpy.ndarray
        Row-stochastic trust matrix (:func:`trust_matrix`).
    x0 : array-like, shape (n,) or (n, k)
        Opinions at the start.
    weights : array-like, optional
        ``influence_weights(W)`` if it is already at hand (saves solving for it again).

    Raises
    ------
    P2PKitError
        If there is no single consensus (see :func:`influence_weights`), or the group that
        sets it is periodic (opinions keep cycling; give everyone some weight on their own
        opinion, as :func:`trust_matrix` does).

    References
    ----------
    DeGroot, M. H. (1974). Reaching a consensus. *Journal of the American Statistical
    Association* 69(345), 118-121.

    Examples
    --------
    >>> from p2pkit.orgs import client_server
    >>> round(float(consensus(trust_matrix(client_server(4)), [1, 0, 0, 0])), 3)
    0.4
    """
    W = _check_stochastic(W)
    pi = influence_weights(W) if weights is None else np.asarray(weights, dtype=float)
    if pi.shape != (W.shape[0],):
        raise P2PKitError(f"weights has {pi.size} values for {W.shape[0]} people.")
    support = np.flatnonzero(pi > 0)
    sub = W[np.ix_(support, support)]
    # the support is one closed, strongly connected group: a self-loop makes it aperiodic
    periodic = False
    if not np.all(np.diag(sub) > 0):
        D = nx.DiGraph()
        D.add_nodes_from(support.tolist())
        r, c = np.nonzero(sub > 0)
        D.add_edges_from(zip(support[r].tolist(), support[c].tolist()))
        periodic = not nx.is_aperiodic(D)
    if periodic:
        raise P2PKitError("the opinions never settle: the group keeps passing them round in a cycle. "
                          "Give everyone some weight on their own opinion.")
    x = np.asarray(x0, dtype=float)
    if x.shape[0] != W.shape[0]:
        raise P2PKitError(f"x0 has {x.shape[0]} opinions for {W.shape[0]} people.")
    out = pi @ x
    return float(out) if np.ndim(out) == 0 else out


def round_verdict(beliefs, limit: float, truth: float = 0.0) -> str:
    """One sentence on a DeGroot round: how far apart opinions still are, where they head.

    Parameters
    ----------
    beliefs : array-like
        Everyone's opinion after some round.
    limit : float
        The consensus they converge to (:func:`consensus`).
    truth : float, default 0
        The true value the opinions are estimates of.

    Examples
    --------
    >>> round_verdict([0.2, 0.4], 0.3, 0.0)
    'Opinions still 0.20 apart; they will settle at 0.30, 0.30 from the truth.'
    >>> round_verdict([0.3, 0.3], 0.3, 0.0)
    'Consensus at 0.30, 0.30 from the truth.'
    """
    b = np.asarray(beliefs, dtype=float)
    spread = float(b.max() - b.min())
    miss = abs(limit - truth)
    if spread < 0.005:
        return f"Consensus at {limit:.2f}, {miss:.2f} from the truth."
    return f"Opinions still {spread:.2f} apart; they will settle at {limit:.2f}, {miss:.2f} from the truth."


def signals(n: int, sigma=1.0, trials: int = 1, seed: int | None = 0, truth: float = 0.0,
            shared: float = 0.0, shared_by=None) -> np.ndarray:
    """Noisy first opinions: ``truth + shared error + private error`` for each person.

    Parameters
    ----------
    n : int
        Number of people.
    sigma : float or array-like of length n, default 1
        Standard deviation of each person's private, independent error.
    trials : int, default 1
        Number of independent draws (rows of the result).
    seed : int or None, default 0
        Same seed, same draws.
    truth : float, default 0
    shared : float, default 0
        Standard deviation of one error common to everyone in ``shared_by`` (the same
        sources, the same blind spot); 0 for fully independent opinions.
    shared_by : array-like of bool, length n, optional
        Who has the shared error; default everyone.

    Returns
    -------
    numpy.ndarray
        Shape ``(trials, n)``.

    Examples
    --------
    >>> signals(3, sigma=0.0, trials=2, truth=5.0).tolist()
    [[5.0, 5.0, 5.0], [5.0, 5.0, 5.0]]
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise P2PKitError(f"n must be a whole number of people, at least 1; got {n!r}.")
    if isinstance(trials, bool) or not isinstance(trials, (int, np.integer)) or trials < 1:
        raise P2PKitError(f"trials must be a whole number, at least 1; got {trials!r}.")
    s = np.broadcast_to(np.asarray(sigma, dtype=float), (n,))
    if np.any(s < 0) or shared < 0:
        raise P2PKitError("noise levels (sigma, shared) cannot be negative.")
    mask = np.ones(n, dtype=bool) if shared_by is None else np.asarray(shared_by, dtype=bool)
    if mask.shape != (n,):
        raise P2PKitError(f"shared_by needs one true/false per person ({n}).")
    rng = np.random.default_rng(seed)
    private = rng.standard_normal((trials, n)) * s
    common = rng.standard_normal((trials, 1)) * shared
    return truth + private + common * mask


def consensus_error_sd(pi, sigma=1.0, shared: float = 0.0, shared_by=None) -> float:
    """Exact standard deviation of the consensus error ``pi . x(0) - truth``.

    With private errors of standard deviation ``sigma_i`` (independent) and one shared
    error of standard deviation ``shared`` carried by the people in ``shared_by``:

    ``Var = sum_i pi_i^2 sigma_i^2 + shared^2 (sum_{i in shared_by} pi_i)^2``.

    With independent errors of equal size this is ``sigma^2 sum_i pi_i^2``: the crowd is
    wise (the error vanishes as the group grows) exactly when ``sum pi_i^2 -> 0``, i.e. when
    the largest influence weight goes to 0 (Golub & Jackson 2010). A shared error does
    not average away, whatever the weights.

    References
    ----------
    Golub, B., & Jackson, M. O. (2010). Naive learning in social networks and the wisdom
    of crowds. *American Economic Journal: Microeconomics* 2(1), 112-149.

    Examples
    --------
    >>> consensus_error_sd([0.25, 0.25, 0.25, 0.25], sigma=1.0)
    0.5
    """
    p = np.asarray(pi, dtype=float)
    s = np.broadcast_to(np.asarray(sigma, dtype=float), p.shape)
    mask = np.ones(p.shape, dtype=bool) if shared_by is None else np.asarray(shared_by, dtype=bool)
    var = float(np.sum(p**2 * s**2) + shared**2 * np.sum(p[mask]) ** 2)
    return float(np.sqrt(var))


def consensus_error_bounds(max_influence: float, sigma: float = 1.0, shared: float = 0.0) -> tuple[float, float]:
    """How small and how large the consensus error can be, given the largest influence weight.

    With weights ``pi`` adding up to 1 and largest weight ``m``, ``m**2 <= sum pi_i**2 <= m``.
    So when everyone has a private error of size ``sigma`` and everyone carries the same
    shared error of size ``shared`` (:func:`consensus_error_sd`), the consensus error lies
    between ``sqrt(sigma**2 m**2 + shared**2)`` and ``sqrt(sigma**2 m + shared**2)``: it can
    only vanish in a large group if the largest weight does (Golub & Jackson 2010), and
    never below the shared error.

    Returns
    -------
    (low, high) : tuple of float

    References
    ----------
    Golub, B., & Jackson, M. O. (2010). Naive learning in social networks and the wisdom
    of crowds. *American Economic Journal: Microeconomics* 2(1), 112-149.

    Examples
    --------
    >>> consensus_error_bounds(0.25)
    (0.25, 0.5)
    """
    m = float(max_influence)
    if not 0 < m <= 1:
        raise P2PKitError(f"the largest influence weight is a share above 0 and at most 1; got {max_influence!r}.")
    if sigma < 0 or shared < 0:
        raise P2PKitError("noise levels (sigma, shared) cannot be negative.")
    return (float(np.sqrt(sigma**2 * m**2 + shared**2)), float(np.sqrt(sigma**2 * m + shared**2)))


@dataclass(frozen=True)
class Wisdom:
    """How close a group's consensus comes to the truth (see :func:`wisdom`)."""

    people: int
    top: object
    max_influence: float
    predicted_sd: float
    rmse: float
    average_sd: float
    top_alone_sd: float
    errors: np.ndarray = field(repr=False)
    shared: float = 0.0
    weights: np.ndarray | None = field(default=None, repr=False)


def wisdom(G: nx.Graph, sigma: float = 1.0, trials: int = 500, seed: int | None = 0,
           leader=None, deference: float = 0.0, shared: float = 0.0, independent=(),
           leader_sigma: float | None = None) -> Wisdom:
    """Is the crowd wise? Everyone gets a noisy signal of a truth, then DeGroot-averages.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Who listens to whom (see :func:`trust_matrix`).
    sigma : float, default 1
        Standard deviation of each person's private error.
    trials : int, default 500
        Number of simulated rounds (new signals each time, seeded).
    seed : int or None, default 0
    leader, deference : see :func:`trust_matrix`.
    shared : float, default 0
        Standard deviation of an error common to everyone except ``independent``.
    independent : iterable of nodes
        People whose signal does not carry the shared error (an independent source).
    leader_sigma : float, optional
        The leader's private error, if it differs from ``sigma`` (a better-informed leader
        has a smaller one). Needs ``leader``.

    Returns
    -------
    Wisdom
        ``max_influence`` (largest DeGroot weight) and ``top`` (whose);
        ``predicted_sd``: exact error of the consensus (:func:`consensus_error_sd`);
        ``rmse``: its Monte-Carlo estimate over ``trials`` (root mean square of
        ``errors``); ``average_sd``: exact error of a plain average of everyone's signal;
        ``top_alone_sd``: exact error of the most influential person's own signal;
        ``shared``: the shared error's standard deviation, as given; ``weights``: everyone's
        DeGroot weight ``pi`` (order of ``list(G)``).

    Notes
    -----
    The consensus of each trial is its limit ``pi . x(0)`` (:func:`consensus`), equal to
    running :func:`trust_rounds` to convergence (tested).

    References
    ----------
    Golub, B., & Jackson, M. O. (2010). Naive learning in social networks and the wisdom
    of crowds. *American Economic Journal: Microeconomics* 2(1), 112-149.

    Examples
    --------
    >>> w = wisdom(nx.complete_graph(4), sigma=1.0)
    >>> w.max_influence, w.predicted_sd
    (0.25, 0.5)
    """
    nodes = list(G)
    n = len(nodes)
    pi = influence_weights(trust_matrix(G, leader=leader, deference=deference))
    ind = set(independent)
    unknown = ind - set(nodes)
    if unknown:
        raise P2PKitError(f"independent names people who are not in the network: {sorted(map(str, unknown))[:3]}.")
    mask = np.array([v not in ind for v in nodes])
    sig = np.full(n, float(sigma))
    if leader_sigma is not None:
        if leader not in G:
            raise P2PKitError("leader_sigma needs a leader who is in the network (leader=...).")
        sig[nodes.index(leader)] = float(leader_sigma)
    X = signals(n, sigma=sig, trials=trials, seed=seed, shared=shared, shared_by=mask)
    errors = X @ pi
    ti = int(np.argmax(np.round(pi, 12)))
    uniform = np.full(n, 1.0 / n)
    return Wisdom(
        people=n, top=nodes[ti], max_influence=float(pi[ti]),
        predicted_sd=consensus_error_sd(pi, sig, shared, mask),
        rmse=float(np.sqrt(np.mean(errors**2))),
        average_sd=consensus_error_sd(uniform, sig, shared, mask),
        top_alone_sd=float(np.sqrt(sig[ti] ** 2 + (shared**2 if mask[ti] else 0.0))),
        errors=errors, shared=float(shared), weights=pi,
    )


def wisdom_verdict(w: Wisdom) -> str:
    """One sentence: is this group's consensus about as good as a plain average of everyone?

    Compares the exact consensus error with that of a plain average (every voice equal)
    and with the most influential person deciding alone, and says when part of the error
    is shared (and so survives any averaging).

    Examples
    --------
    >>> wisdom_verdict(wisdom(nx.complete_graph(4)))
    'Wise crowd: the consensus is as accurate as a plain average of everyone (error 0.50); the biggest weight is 25%.'
    """
    ratio = w.predicted_sd / w.average_sd if w.average_sd > 0 else 1.0
    if ratio < 0.9:
        text = (f"Better than a plain average: the consensus misses by {w.predicted_sd:.2f}, a plain average "
                f"of everyone by {w.average_sd:.2f}, because the most weighted voice ({w.max_influence:.0%}) "
                "has information the others lack.")
    elif ratio <= 1.1:
        text = (f"Wise crowd: the consensus is as accurate as a plain average of everyone "
                f"(error {w.predicted_sd:.2f}); the biggest weight is {w.max_influence:.0%}.")
    else:
        better_than_top = w.predicted_sd < w.top_alone_sd
        tail = ("still better than that person deciding alone" if better_than_top
                else "no better than that person deciding alone")
        text = (f"Not as wise as it could be: one person holds {w.max_influence:.0%} of the weight, so the "
                f"consensus error ({w.predicted_sd:.2f}) is {ratio:.1f} times that of a plain average "
                f"({w.average_sd:.2f}) -- {tail} ({w.top_alone_sd:.2f}).")
    if w.shared > 0:
        text += f" An error of {w.shared:.2f} is shared by the peers: no averaging among them removes it."
    return text


# =========================================================================== tasks
# Chapter 3, part 3: leadership that moves with the situation.


@dataclass(frozen=True)
class Task:
    """One task: when it arrives, who spots it, which skill it needs, how long the lead takes."""

    arrival: float
    origin: object
    skill: int
    duration: float


def task_stream(people, rate: float, count: int, skills: int = 1, mean_duration: float = 1.0,
                seed: int | None = 0) -> list[Task]:
    """Tasks arriving at random: a Poisson process of ``rate`` tasks per time unit.

    Parameters
    ----------
    people : iterable of nodes
        Who can spot a task (each task's ``origin`` is drawn uniformly from them).
    rate : float
        Mean arrivals per time unit (gaps are exponential with mean ``1 / rate``).
    count : int
        Number of tasks.
    skills : int, default 1
        Each task needs one of ``skills`` skills, drawn uniformly (numbered 0..skills-1).
    mean_duration : float, default 1
        Mean time it takes to lead one task (exponential, drawn once per task, so two
        designs run on the same stream see the same durations).
    seed : int or None, default 0
        The same seed gives the same arrivals, spotters and durations whatever the number
        of skills (the skills are drawn last), so streams with different skill mixes
        carry the same work.

    Returns
    -------
    list of Task
        In order of arrival.

    References
    ----------
    Kleinrock, L. (1975). *Queueing Systems, Volume 1: Theory*. New York: Wiley.

    Examples
    --------
    >>> ts = task_stream([0, 1], rate=2.0, count=3, seed=1)
    >>> len(ts), ts[0].arrival < ts[1].arrival < ts[2].arrival
    (3, True)
    """
    people = list(people)
    if not people:
        raise P2PKitError("task_stream() needs at least one person to spot tasks.")
    if not rate > 0 or not mean_duration > 0:
        raise P2PKitError("rate and mean_duration must be positive numbers.")
    if isinstance(count, bool) or not isinstance(count, (int, np.integer)) or count < 1:
        raise P2PKitError(f"count must be a whole number of tasks, at least 1; got {count!r}.")
    if isinstance(skills, bool) or not isinstance(skills, (int, np.integer)) or skills < 1:
        raise P2PKitError(f"skills must be a whole number, at least 1; got {skills!r}.")
    rng = np.random.default_rng(seed)
    t = np.cumsum(rng.exponential(1.0 / rate, count))
    origin = rng.integers(0, len(people), count)
    dur = rng.exponential(mean_duration, count)
    skill = rng.integers(0, skills, count)       # drawn last: the rest does not depend on `skills`
    return [Task(float(a), people[o], int(s), float(d)) for a, o, s, d in zip(t, origin, skill, dur)]


def assign_skills(people, skills: int, per_person: int = 1, seed: int | None = 0) -> dict:
    """Give each person ``per_person`` distinct skills, so that every skill is held by someone.

    Person ``i`` (in the given order) always has skill ``i mod skills``; the others are
    drawn at random (seeded). If there are fewer people than skills, the skills nobody
    got are then handed to randomly chosen people.

    Returns
    -------
    dict
        Person -> frozenset of skill numbers.

    Examples
    --------
    >>> assign_skills(["a", "b", "c"], skills=3, per_person=1)
    {'a': frozenset({0}), 'b': frozenset({1}), 'c': frozenset({2})}
    """
    people = list(people)
    if not people:
        raise P2PKitError("assign_skills() needs at least one person.")
    if isinstance(skills, bool) or not isinstance(skills, (int, np.integer)) or skills < 1:
        raise P2PKitError(f"skills must be a whole number, at least 1; got {skills!r}.")
    if not 1 <= per_person <= skills:
        raise P2PKitError(f"per_person must be between 1 and the number of skills ({skills}); got {per_person!r}.")
    rng = random.Random(seed)
    out = {}
    for i, v in enumerate(people):
        own = i % skills
        rest = rng.sample([s for s in range(skills) if s != own], per_person - 1)
        out[v] = {own, *rest}
    held = set().union(*out.values())
    for s in range(skills):
        if s not in held:
            out[rng.choice(people)].add(s)
    return {v: frozenset(s) for v, s in out.items()}


@dataclass(frozen=True)
class LeadershipRun:
    """Who led each task and how long it took (see :func:`fixed_leader`, :func:`situational_leader`)."""

    design: str
    leaders: tuple
    wait: np.ndarray = field(repr=False)
    response: np.ndarray = field(repr=False)
    load: dict = field(repr=False)

    @property
    def mean_wait(self) -> float:
        """Mean time a task waited for its leader to be free."""
        return float(np.mean(self.wait))

    @property
    def mean_response(self) -> float:
        """Mean time from a task's arrival until its lead is done."""
        return float(np.mean(self.response))

    @property
    def load_gini(self) -> float:
        """Gini of the number of tasks each person led (0 = perfectly even)."""
        return gini(self.load.values())

    @property
    def leading(self) -> int:
        """How many people led at least one task."""
        return sum(1 for x in self.load.values() if x > 0)


def _hops_from(G: nx.Graph, source) -> dict:
    return nx.single_source_shortest_path_length(G, source)


def fixed_leader(G: nx.Graph, tasks: list[Task], leader=0, hop_time: float = 0.0) -> LeadershipRun:
    """Every task goes to one fixed leader, who takes them one at a time, first come first served.

    A task spotted by person ``o`` reaches the leader after ``hops(o, leader) * hop_time``;
    it then waits until the leader is free and takes ``task.duration`` to lead. The leader
    is a single-server queue: with Poisson arrivals, exponential durations and
    ``hop_time = 0``, the mean wait is the M/M/1 value ``rho / (mu - lambda)``, and the
    mean response (arrival to lead done) is ``1 / (mu - lambda)`` plus the mean hand-off
    time (:func:`fixed_leader_expected`). Tasks are
    taken in the order they *reach* the leader (with hand-off delays this can differ from
    the order they were spotted).

    Parameters
    ----------
    G : networkx.Graph
        The organisation (only used for hop counts, ties treated as undirected).
    tasks : list of Task
        From :func:`task_stream` (or built by hand).
    leader : node, default 0
        The fixed leader (node 0 is the top of an ``orgs`` chart).
    hop_time : float, default 0
        Time for one hand-off along a tie.

    Returns
    -------
    LeadershipRun
        ``wait`` (queueing time at the leader), ``response`` (arrival to lead done) per task;
        ``load``: tasks led per person (all of them by the leader).

    References
    ----------
    Kleinrock, L. (1975). *Queueing Systems, Volume 1: Theory*. New York: Wiley.

    Examples
    --------
    >>> ts = [Task(0.0, 0, 0, 2.0), Task(1.0, 0, 0, 1.0)]
    >>> fixed_leader(nx.empty_graph(1), ts).wait.tolist()
    [0.0, 1.0]
    """
    if leader not in G:
        raise P2PKitError(f"the leader {leader!r} is not in the network.")
    if hop_time < 0:
        raise P2PKitError("hop_time cannot be negative.")
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    hops = _hops_from(U, leader)
    m = len(tasks)
    ready = np.empty(m)
    for k, t in enumerate(tasks):
        if t.origin not in hops:
            raise P2PKitError(f"a task spotted by {t.origin!r} cannot reach the leader: the network is not connected.")
        ready[k] = t.arrival + hops[t.origin] * hop_time
    wait = np.empty(m)
    response = np.empty(m)
    free = -np.inf
    for k in np.argsort(ready, kind="stable"):
        start = max(ready[k], free)
        free = start + tasks[k].duration
        wait[k] = start - ready[k]
        response[k] = free - tasks[k].arrival
    load = dict.fromkeys(G, 0)
    load[leader] = m
    return LeadershipRun("fixed leader", (leader,) * m, wait, response, load)


def fixed_leader_expected(G: nx.Graph, rate: float, leader=0, hop_time: float = 0.0,
                          mean_duration: float = 1.0, spotters=None) -> float:
    """Expected mean time from a task's arrival to its lead being done, with one fixed leader.

    The quantity :attr:`LeadershipRun.mean_response` of :func:`fixed_leader` estimates,
    in the long run:

    ``hop_time * E[hops to the leader] + 1 / (mu - lambda)``

    with ``lambda = rate`` and ``mu = 1 / mean_duration``. The second term is the M/M/1
    mean time in the system (Kleinrock 1975): the mean wait in the leader's queue,
    ``rho / (mu - lambda)`` with ``rho = lambda / mu``, plus the lead itself, ``1 / mu``.
    The hand-offs do not change the queue: the tasks spotted by each person form a
    thinned Poisson stream, delaying each stream by a fixed time keeps it Poisson, and
    the merged streams reach the leader as a Poisson stream of the same rate.

    Parameters
    ----------
    G : networkx.Graph
        The organisation (ties undirected for hop counts).
    rate : float
        Tasks per time unit (``lambda``); must be below ``mu``.
    leader : node, default 0
    hop_time : float, default 0
        Time for one hand-off along a tie.
    mean_duration : float, default 1
        Mean time to lead one task (``1 / mu``).
    spotters : iterable of nodes, optional
        Who spots tasks, each equally often (default everyone, as :func:`task_stream`).

    Returns
    -------
    float

    Raises
    ------
    P2PKitError
        If ``rate >= mu``: the queue grows without limit and there is no long-run mean.

    References
    ----------
    Kleinrock, L. (1975). *Queueing Systems, Volume 1: Theory*. New York: Wiley.

    Examples
    --------
    >>> fixed_leader_expected(nx.empty_graph(1), 0.5)
    2.0
    >>> round(fixed_leader_expected(nx.path_graph(3), 0.5, leader=0, hop_time=0.3), 3)
    2.3
    """
    if leader not in G:
        raise P2PKitError(f"the leader {leader!r} is not in the network.")
    if not rate > 0 or not mean_duration > 0 or hop_time < 0:
        raise P2PKitError("rate and mean_duration must be positive, hop_time 0 or more.")
    mu = 1.0 / mean_duration
    if rate >= mu:
        raise P2PKitError(f"at {rate:g} tasks per time unit the leader (who finishes {mu:g} per time unit) "
                          "never catches up: the queue, and the time in it, grow without limit.")
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    hops = _hops_from(U, leader)
    who = list(G) if spotters is None else list(spotters)
    if any(v not in hops for v in who):
        raise P2PKitError("someone who spots tasks cannot reach the leader: the network is not connected.")
    return hop_time * float(np.mean([hops[v] for v in who])) + 1.0 / (mu - rate)


def situational_leader(G: nx.Graph, tasks: list[Task], skills: dict, hop_time: float = 0.0
                       ) -> LeadershipRun:
    """Each task is led by the best-placed person: has the skill, free soonest, nearest.

    When a task arrives, among the people who have its skill and can be reached from
    where it was spotted, the one who could *start* on it soonest takes the lead:
    ``start = max(arrival + hops * hop_time, when they are next free)``; ties go to the
    fewest hand-offs, then to the first in node order. Each person leads their tasks in
    the order they took them. Nobody has to route the task: everyone is assumed to see
    who has which skill and who is busy (the cost of that shared picture is left out).

    Parameters
    ----------
    G : networkx.Graph
        The organisation (ties undirected for hop counts).
    tasks : list of Task
    skills : dict
        Person -> set of skills (:func:`assign_skills`). Every task's skill must be held
        by someone reachable.
    hop_time : float, default 0
        Time for one hand-off along a tie.

    Returns
    -------
    LeadershipRun

    Notes
    -----
    With one skill held by everyone and ``hop_time = 0`` this is the first-come,
    first-served M/M/c queue (whoever frees up first takes the next task), whose mean wait
    is given by Erlang's C formula; with a single person it is the M/M/1 queue of
    :func:`fixed_leader`. Both are checked in the tests.

    References
    ----------
    Kleinrock, L. (1975). *Queueing Systems, Volume 1: Theory*. New York: Wiley.

    Examples
    --------
    >>> ts = [Task(0.0, 0, 0, 2.0), Task(1.0, 0, 0, 1.0)]
    >>> situational_leader(nx.complete_graph(2), ts, {0: {0}, 1: {0}}).leaders
    (0, 1)
    """
    if hop_time < 0:
        raise P2PKitError("hop_time cannot be negative.")
    nodes = list(G)
    idx = {v: i for i, v in enumerate(nodes)}
    unknown = [v for v in skills if v not in idx]
    if unknown:
        raise P2PKitError(f"skills names people who are not in the network (e.g. {unknown[0]!r}).")
    holders: dict[int, list] = {}
    for v, ss in skills.items():
        for s in ss:
            holders.setdefault(int(s), []).append(idx[v])
    holders = {s: sorted(set(h)) for s, h in holders.items()}
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    hop_cache: dict = {}
    cand_cache: dict = {}          # (origin, skill) -> [(hops, index)] of the reachable holders
    free = [-np.inf] * len(nodes)
    m = len(tasks)
    wait = np.empty(m)
    response = np.empty(m)
    led = []
    count = [0] * len(nodes)
    for k, t in enumerate(tasks):
        cands = cand_cache.get((t.origin, t.skill))
        if cands is None:
            holding = holders.get(t.skill)
            if holding is None:
                raise P2PKitError(f"nobody has skill {t.skill}; give it to someone (assign_skills does).")
            if t.origin not in hop_cache:
                if t.origin not in idx:
                    raise P2PKitError(f"a task was spotted by {t.origin!r}, who is not in the network.")
                hop_cache[t.origin] = {idx[v]: float(h) for v, h in _hops_from(U, t.origin).items()}
            d = hop_cache[t.origin]
            cands = [(d[i], i) for i in holding if i in d]
            if not cands:
                raise P2PKitError(f"nobody with skill {t.skill} can be reached from {t.origin!r}.")
            cand_cache[(t.origin, t.skill)] = cands
        # the holder who can start soonest; ties: fewest hand-offs, then first in node order
        best = None
        for h, i in cands:
            ready = t.arrival + h * hop_time
            start_i = free[i] if free[i] > ready else ready
            if best is None or (start_i, h, i) < best[:3]:
                best = (start_i, h, i, ready)
        start_i, _, i, ready = best
        free[i] = start_i + t.duration
        wait[k] = start_i - ready
        response[k] = free[i] - t.arrival
        count[i] += 1
        led.append(nodes[i])
    load = {v: int(count[i]) for i, v in enumerate(nodes)}
    return LeadershipRun("situational", tuple(led), wait, response, load)


def leadership_verdict(fixed: LeadershipRun, situational: LeadershipRun) -> str:
    """One sentence comparing the fixed leader with leadership that moves with the task.

    Examples
    --------
    >>> ts = [Task(0.0, 0, 0, 2.0), Task(1.0, 0, 0, 1.0)]
    >>> G = nx.complete_graph(2)
    >>> leadership_verdict(fixed_leader(G, ts), situational_leader(G, ts, {0: {0}, 1: {0}}))
    'The lead that moves is quicker: 1.50 against 2.00 time units from arrival to lead done; 2 people share the leading (load Gini 0.00, against 0.50 for one leader).'
    """
    f, s = fixed.mean_response, situational.mean_response
    share = (f"{situational.leading} people share the leading (load Gini {situational.load_gini:.2f}, "
             f"against {fixed.load_gini:.2f} for one leader)")
    if abs(f - s) <= 0.05 * max(f, s):
        return f"About the same speed: {s:.2f} against {f:.2f} time units; {share}."
    if s < f:
        return f"The lead that moves is quicker: {s:.2f} against {f:.2f} time units from arrival to lead done; {share}."
    return (f"The fixed leader is quicker here: {f:.2f} against {s:.2f} time units (the hand-offs to the "
            f"best-placed person cost more than the queue saves); {share}.")
