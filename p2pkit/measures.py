"""Shared network measures, fast enough for a live figure of 1,000 people and a report on 100,000.

The models call these instead of networkx where the network can be large: python-igraph
(Csardi & Nepusz 2006) and scipy's graph routines compute shortest paths in C, so one update
of a 1,000-person figure stays well under a second. Results equal networkx's (tested on
random networks); networkx is the fallback when igraph is not installed.

- :func:`betweenness` -- everyone's share of the shortest routes between others: exact, or
  estimated from a seeded sample of pivots with a standard error per person (Brandes & Pich 2007);
- :func:`closeness` -- ORA's closeness: exact, or estimated from a sample of pivots with the
  reach counted exactly (Eppstein & Wang 2004);
- :func:`krackhardt_large` -- Krackhardt's four dimensions through the condensation of the
  network (:func:`reach`), for networks too large for the pairwise definitions;
- :func:`louvain` -- communities by igraph's multilevel method (Blondel et al. 2008);
- :func:`components` -- separate parts and strongly connected parts (scipy);
- :func:`path_stats`, :func:`lorenz`, :func:`to_igraph`; :class:`~p2pkit.arcs.Arcs`, the
  network as integer arrays, which every large measure accepts in place of a networkx graph.

The sampling measures split their pivots into groups (the spread of the group estimates gives
the standard error); with a :class:`p2pkit.workers.Workers` they share the groups with a
second process, which changes the time and never the result.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import networkx as nx
import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from .arcs import Arcs, arcs, betweenness_counts, distance_sums
from .errors import P2PKitError
from .workers import Workers

__all__ = ["betweenness", "closeness", "Estimate", "Arcs", "arcs", "components", "reach", "Reach", "krackhardt_large",
           "louvain", "PathStats", "path_stats", "to_igraph", "igraph_available", "lorenz",
           "Workers"]

#: Above this many strongly connected parts, :func:`krackhardt_large` samples least-upper-boundedness.
LUB_EXACT_PARTS = 600
#: Pairs sampled to estimate least-upper-boundedness.
LUB_SAMPLES = 20000


def _igraph():
    try:
        import igraph

        return igraph
    except ImportError:  # pragma: no cover - depends on the environment
        return None


def igraph_available() -> bool:
    """Whether python-igraph can be imported (the fast routes use it; networkx is the fallback)."""
    return _igraph() is not None


def to_igraph(G: nx.Graph, nodes: list | None = None):
    """``G`` as an ``igraph.Graph`` whose vertex ``i`` is ``nodes[i]`` (default ``list(G)``)."""
    ig = _igraph()
    if ig is None:  # pragma: no cover
        raise P2PKitError("python-igraph is not installed (pip install igraph).")
    nodes = list(G) if nodes is None else list(nodes)
    idx = {v: i for i, v in enumerate(nodes)}
    edges = [(idx[u], idx[v]) for u, v in G.edges() if u in idx and v in idx]
    return ig.Graph(n=len(nodes), edges=edges, directed=G.is_directed())


def components(G: nx.Graph | Arcs, connection: str = "weak") -> tuple[int, np.ndarray]:
    """The network's separate parts (``"weak"``: ties read either way) or its strongly connected
    parts (``"strong"``): their number, and the part of each person (numbered as ``list(G)``).

    Examples
    --------
    >>> k, part = components(nx.DiGraph([(0, 1), (1, 0), (1, 2)]), "strong")
    >>> k, bool(part[0] == part[1] != part[2])
    (2, True)
    """
    A = arcs(G)
    indptr, indices = A.outward()
    M = csr_matrix((np.ones(len(indices), dtype=np.int8), indices, indptr), shape=(A.n, A.n))
    return connected_components(M, directed=A.directed, connection=connection)


def _pivot_groups(n: int, pivots: int, seed: int, batches: int) -> list[np.ndarray]:
    """``pivots`` people drawn without replacement (seeded), split into ``batches`` groups."""
    k = min(n, max(2, int(pivots)))
    chosen = np.random.default_rng(seed).permutation(n)[:k]
    return np.array_split(chosen, max(2, min(batches, k)))


# --------------------------------------------------------------------------- betweenness


class Estimate(dict):
    """Values by person (a dict), with ``se`` and ``method`` attached.

    ``se`` holds a standard error per person (0 when exact, NaN when the method gives none);
    ``method`` says in one line how the values were computed.
    """

    def __init__(self, values=(), se: dict | None = None, method: str = "exact"):
        super().__init__(values)
        self.se = dict(se) if se is not None else dict.fromkeys(self, 0.0)
        self.method = method


def betweenness(G: nx.Graph | Arcs, normalized: bool = True, pivots: int | None = None, seed: int = 0,
                batches: int = 10, workers: Workers | None = None) -> Estimate:
    """Everyone's shortest-path betweenness (Freeman 1977): exact, or estimated from pivots.

    Normalised, it is each person's share of the shortest routes between *other* people:
    1 for the centre of a star. Directed networks count ordered pairs. Exact (``pivots``
    None or at least ``n``), it equals ``networkx.betweenness_centrality(G, normalized=normalized)``,
    computed as Brandes (2001) does.

    The estimate follows Brandes & Pich (2007): shortest paths are counted only from
    ``pivots`` source people drawn at random (seeded, without replacement), and the result
    is scaled by ``n / pivots`` -- an unbiased estimate of the exact value. The sources are
    split into ``batches`` groups; the spread of the group estimates gives a standard error
    for every person.

    Parameters
    ----------
    G : networkx.Graph, networkx.DiGraph or Arcs
        Directed: ordered pairs, as :func:`p2pkit.equipotency.centrality`; undirected: as
        :func:`p2pkit.architecture.load_share`.
    normalized : bool, default True
    pivots : int, optional
        Number of source people; ``None`` or at least ``n`` gives the exact values.
    seed : int, default 0
    batches : int, default 10
    workers : p2pkit.workers.Workers, optional
        Share the groups of pivots with a helper process (same result, less time).

    Returns
    -------
    Estimate
        Person -> betweenness, with ``se`` (all 0 when exact) and ``method``.

    Notes
    -----
    Uses python-igraph (its subset betweenness for the estimate) when it is installed;
    otherwise networkx's ``betweenness_centrality(k=pivots, seed=seed)`` (same estimator, no
    standard error).

    References
    ----------
    Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
    *Sociometry* 40(1), 35-41.
    Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
    Mathematical Sociology* 25(2), 163-177.
    Brandes, U., & Pich, C. (2007). Centrality estimation in large networks. *International
    Journal of Bifurcation and Chaos* 17(7), 2303-2318.
    Csardi, G., & Nepusz, T. (2006). The igraph software package for complex network
    research. *InterJournal, Complex Systems* 1695.

    Examples
    --------
    >>> round(betweenness(nx.star_graph(5))[0], 3)
    1.0
    >>> round(betweenness(nx.path_graph(3), normalized=False)[1], 3)
    1.0
    >>> b = betweenness(nx.star_graph(5), pivots=3, seed=1)
    >>> b.method
    'estimated from 3 of 6 source people (Brandes & Pich 2007; igraph, seed 1)'
    """
    n = len(G)
    exact = pivots is None or pivots >= n
    if n < 3 or _igraph() is None:
        return _betweenness_networkx(G, normalized, None if exact else int(pivots), seed)
    A = arcs(G)
    norm = 1.0
    if normalized:
        norm = (n - 1) * (n - 2) if A.directed else (n - 1) * (n - 2) / 2
    if exact:
        raw = np.asarray(A.igraph().betweenness(directed=A.directed), dtype=float)
        return Estimate(zip(A.nodes, (raw / norm).tolist(), strict=True))
    groups = _pivot_groups(n, pivots, seed, batches)
    raws = (workers or Workers(1)).run(betweenness_counts, (A,), groups)
    E = np.vstack([raw * n / len(g) / norm for raw, g in zip(raws, groups, strict=True)])
    k = sum(len(g) for g in groups)
    mean = (E * (np.array([len(g) for g in groups], dtype=float) / k)[:, None]).sum(axis=0)
    se = E.std(axis=0, ddof=1) / math.sqrt(len(groups))
    return Estimate(zip(A.nodes, mean.tolist(), strict=True), dict(zip(A.nodes, se.tolist(), strict=True)),
                    f"estimated from {k} of {n} source people (Brandes & Pich 2007; igraph, seed {seed})"
                    + _shared(workers))


def _shared(workers: Workers | None) -> str:
    return f"; the pivots shared by {workers.processes} processes" if workers is not None and workers.helping else ""


def _betweenness_networkx(G, normalized: bool, pivots: int | None, seed: int) -> Estimate:
    if isinstance(G, Arcs):
        H = nx.DiGraph() if G.directed else nx.Graph()
        H.add_nodes_from(G.nodes)
        H.add_edges_from(zip([G.nodes[i] for i in G.src], [G.nodes[i] for i in G.dst], strict=True))
        G = H
    if pivots is None:
        return Estimate(nx.betweenness_centrality(G, normalized=normalized))
    values = nx.betweenness_centrality(G, k=pivots, seed=seed, normalized=normalized)
    return Estimate(values, dict.fromkeys(values, float("nan")),
                    f"estimated from {pivots} of {len(G)} source people (networkx, seed {seed}; no standard error)")


# --------------------------------------------------------------------------- closeness


def closeness(G: nx.Graph | Arcs, pivots: int | None = None, seed: int = 0, batches: int = 10,
              workers: Workers | None = None) -> Estimate:
    """Everyone's closeness with ORA's convention: exact, or estimated from a sample of pivots.

    ORA's closeness is ``(n - 1) / T`` with ``T`` the sum of a person's distances to the
    people they reach (following ties outwards) plus ``n`` for every person out of reach;
    the same values as :func:`p2pkit.equipotency.centrality`. Exact (``pivots`` None or at
    least ``n``), every person's distances are found by breadth-first search.

    Estimated, the number of people each person reaches is still counted exactly (on the
    condensation of the network, :func:`reach`); only the average distance to the people
    reached is estimated, from the distances to ``pivots`` people drawn at random (seeded)
    -- the sampling estimator of Eppstein & Wang (2004), here along the ties' direction. The
    pivots are split into ``batches`` groups whose spread gives a standard error of each
    closeness. With every person as a pivot the result is exact.

    Returns
    -------
    Estimate
        Person -> closeness, with ``se`` and ``method``.

    References
    ----------
    Eppstein, D., & Wang, J. (2004). Fast approximation of centrality. *Journal of Graph
    Algorithms and Applications* 8(1), 39-45.
    Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
    *Social Networks* 1(3), 215-239.

    Examples
    --------
    >>> from p2pkit.orgs import client_server
    >>> round(closeness(client_server(5))[0], 3)
    1.0
    >>> c = closeness(nx.DiGraph(client_server(6)), pivots=6)
    >>> round(c[0], 3), c.method
    (1.0, 'exact')
    """
    n = len(G)
    if n < 2:
        raise P2PKitError(f"this measure needs at least 2 people; the network has {n}.")
    A = arcs(G)
    exact = pivots is None or pivots >= n
    groups = np.array_split(np.arange(n), max(1, min(batches, n))) if exact else \
        _pivot_groups(n, pivots, seed, batches)
    parts = (workers or Workers(1)).run(distance_sums, (A,), groups)
    S, C = np.vstack([p[0] for p in parts]), np.vstack([p[1] for p in parts])
    if exact:
        value = _ora_closeness(n, C.sum(axis=0) + 1, S.sum(axis=0), C.sum(axis=0))
        return Estimate(zip(A.nodes, value.tolist(), strict=True))
    reached = reach(A).reached()
    value = _ora_closeness(n, reached, S.sum(axis=0), C.sum(axis=0))
    per_group = np.vstack([_ora_closeness(n, reached, S[b], C[b]) for b in range(len(groups))])
    se = per_group.std(axis=0, ddof=1) / math.sqrt(len(groups))
    k = sum(len(g) for g in groups)
    return Estimate(zip(A.nodes, value.tolist(), strict=True), dict(zip(A.nodes, se.tolist(), strict=True)),
                    f"estimated from distances to {k} of {n} people (Eppstein & Wang 2004; reach counted "
                    f"exactly; scipy, seed {seed})" + _shared(workers))


def _ora_closeness(n: int, reached: np.ndarray, dist_sum: np.ndarray, count: np.ndarray) -> np.ndarray:
    """``(n - 1) / T`` with ``T = (reached - 1) * mean distance + n * (n - reached)`` (``reached`` counts oneself)."""
    mean_d = np.where(count > 0, dist_sum / np.maximum(count, 1), 1.0)
    total = (reached - 1) * mean_d + n * (n - reached)
    return np.where(total > 0, (n - 1) / np.maximum(total, 1e-12), 0.0)


# --------------------------------------------------------------------------- reach and Krackhardt


@dataclass
class Reach:
    """Reachability on the condensation: strongly connected parts and their ancestors."""

    part_of: np.ndarray       # person index -> part
    sizes: np.ndarray         # people per part
    anc: np.ndarray           # packed bits: anc[c] = parts that reach c (c included)
    anc_count: np.ndarray     # number of parts in anc[c]
    anc_people: np.ndarray    # people in anc[c]
    desc_people: np.ndarray   # people reachable from part c (c included)
    k: int

    def reached(self) -> np.ndarray:
        """How many people each person reaches, themselves included."""
        return self.desc_people[self.part_of].astype(float)


def reach(G: nx.DiGraph | Arcs) -> Reach:
    """Who reaches whom, by strongly connected parts (Tarjan 1972), with one bit-set of ancestors per part.

    References
    ----------
    Tarjan, R. (1972). Depth-first search and linear graph algorithms. *SIAM Journal on
    Computing* 1(2), 146-160.

    Examples
    --------
    >>> r = reach(nx.DiGraph([(0, 1), (1, 0), (1, 2)]))
    >>> r.k, r.reached().tolist()
    (2, [3.0, 3.0, 1.0])
    """
    A = arcs(G).as_directed()
    k, part_of = components(A, "strong")
    sizes = np.bincount(part_of, minlength=k)
    ps, pd = part_of[A.src], part_of[A.dst]
    cross = np.unique(ps[ps != pd] * k + pd[ps != pd])
    C = nx.DiGraph()
    C.add_nodes_from(range(k))
    C.add_edges_from(zip((cross // k).tolist(), (cross % k).tolist(), strict=True))
    anc = np.zeros((k, (k + 7) // 8), dtype=np.uint8)
    anc[np.arange(k), np.arange(k) >> 3] = (1 << (7 - (np.arange(k) & 7))).astype(np.uint8)
    for c in nx.topological_sort(C):
        for child in C.successors(c):
            np.bitwise_or(anc[child], anc[c], out=anc[child])
    anc_count = np.zeros(k, dtype=np.int64)
    anc_people = np.zeros(k, dtype=np.int64)
    desc_people = np.zeros(k, dtype=np.int64)
    chunk = max(1, 4_000_000 // max(1, k))
    for start in range(0, k, chunk):
        block = np.unpackbits(anc[start:start + chunk], axis=1)[:, :k].astype(np.int64)
        anc_count[start:start + chunk] = block.sum(axis=1)
        anc_people[start:start + chunk] = block @ sizes
        desc_people += sizes[start:start + chunk] @ block
    return Reach(part_of.astype(np.int64), sizes, anc, anc_count, anc_people, desc_people, k)


def krackhardt_large(G: nx.Graph | Arcs, seed: int = 0, exact_parts: int = LUB_EXACT_PARTS,
                     samples: int = LUB_SAMPLES) -> tuple[dict, dict]:
    """Krackhardt's (1994) four dimensions for large networks; same definitions as :func:`~p2pkit.equipotency.krackhardt`.

    Connectedness, hierarchy and efficiency are exact. Hierarchy counts reachable pairs
    through the condensation of the network (its strongly connected parts), with one
    bit-set of ancestors per part. Least-upper-boundedness is exact when there are at most
    ``exact_parts`` parts (a pair has a least upper bound when the common ancestors of
    its two parts are exactly the ancestors of one of them); otherwise it is estimated
    from ``samples`` pairs drawn at random (seeded), with a binomial standard error.

    Parameters
    ----------
    G : networkx.DiGraph, networkx.Graph or Arcs
    seed : int, default 0
    exact_parts, samples : int

    Returns
    -------
    (values, standard_errors)
        ``values`` has the keys of :func:`p2pkit.equipotency.krackhardt`; the standard
        error is 0 for exact values.

    Examples
    --------
    >>> from p2pkit.orgs import hierarchy
    >>> krackhardt_large(hierarchy(3, 2, directed=True))[0]
    {'connectedness': 1.0, 'hierarchy': 1.0, 'efficiency': 1.0, 'lub': 1.0}
    """
    A = arcs(G).as_directed()
    n = A.n
    if n < 2:
        raise P2PKitError(f"this measure needs at least 2 people; the network has {n}.")
    _, comp_of = components(A, "weak")
    csize = np.bincount(comp_of)
    connectedness = float((csize * (csize - 1) / 2).sum()) / (n * (n - 1) / 2)
    pairs = A.undirected()
    excess = float((np.bincount(comp_of[pairs.src], minlength=len(csize)) - (csize - 1)).sum())
    max_excess = float(((csize - 1) * (csize - 2) / 2).sum())
    efficiency = 1.0 if max_excess == 0 else 1.0 - excess / max_excess
    R = reach(A)
    both = float((R.sizes * (R.sizes - 1) / 2).sum())
    either = float((R.sizes * (R.anc_people - 1)).sum()) - both
    hierarchy = 0.0 if either == 0 else 1.0 - both / either
    lub, lub_se = 1.0, 0.0
    if max_excess > 0 and R.k <= exact_parts:
        lub = 1.0 - _pairs_lacking_lub(R, comp_of) / max_excess
    elif max_excess > 0:
        lub, lub_se = _sampled_lub(R, comp_of, csize, seed, samples)
    values = {"connectedness": float(connectedness), "hierarchy": float(hierarchy),
              "efficiency": float(efficiency), "lub": float(lub)}
    return values, {"connectedness": 0.0, "hierarchy": 0.0, "efficiency": 0.0, "lub": float(lub_se)}


def _pairs_lacking_lub(R: Reach, comp_of: np.ndarray) -> float:
    """Pairs of people in the same component whose two parts have no least upper bound (exact)."""
    part_comp = np.empty(R.k, dtype=np.int64)
    part_comp[R.part_of] = comp_of
    A = np.unpackbits(R.anc, axis=1)[:, :R.k].astype(bool)
    lacking = 0.0
    for a in range(R.k - 1):
        M = A[a][None, :] & A[a + 1:]
        cnt = M.sum(axis=1)
        best = np.where(M, R.anc_count[None, :], -1).max(axis=1)
        no_lub = (best != cnt) | (cnt == 0)
        same = part_comp[a + 1:] == part_comp[a]
        lacking += float((R.sizes[a] * R.sizes[a + 1:] * (no_lub & same)).sum())
    return lacking


def _sampled_lub(R: Reach, comp_of: np.ndarray, csize: np.ndarray, seed: int, samples: int
                 ) -> tuple[float, float]:
    """Least-upper-boundedness from ``samples`` random pairs in a common component, and its standard error."""
    rng = np.random.default_rng(seed)
    weights = csize * (csize - 1) / 2
    total = float(weights.sum())
    max_lacking = float(((csize - 1) * (csize - 2) / 2).sum())
    order = np.argsort(comp_of, kind="stable")
    starts = np.concatenate([[0], np.cumsum(csize)])
    miss = 0
    for ci in rng.choice(len(csize), size=samples, p=weights / total):
        a, b = rng.choice(order[starts[ci]:starts[ci + 1]], size=2, replace=False)
        pa, pb = R.part_of[a], R.part_of[b]
        if pa == pb:
            continue
        cand = np.flatnonzero(np.unpackbits(np.bitwise_and(R.anc[pa], R.anc[pb]))[:R.k])
        if cand.size == 0 or R.anc_count[cand].max() != cand.size:
            miss += 1
    p = miss / samples
    return 1.0 - p * total / max_lacking, math.sqrt(p * (1 - p) / samples) * total / max_lacking


# --------------------------------------------------------------------------- communities and centralization


def louvain(G: nx.Graph | Arcs, seed: int = 0) -> list[set]:
    """Communities by igraph's multilevel (Louvain) method, seeded; largest first.

    The same method as :func:`p2pkit.communities.detect` (networkx), in C for large
    networks; ties are read in either direction and unweighted.

    References
    ----------
    Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E. (2008). Fast unfolding
    of communities in large networks. *J. Stat. Mech.* P10008.

    Examples
    --------
    >>> sorted(len(c) for c in louvain(nx.ring_of_cliques(4, 5)))
    [5, 5, 5, 5]
    """
    ig = _igraph()
    A = arcs(G)
    U = A if not A.directed else A.undirected()
    old = random.getstate()
    ig.set_random_number_generator(random.Random(seed))
    try:
        parts = U.igraph().community_multilevel(return_levels=False)
    finally:
        ig.set_random_number_generator(random)
        random.setstate(old)
    order = sorted(range(len(parts)), key=lambda i: (-len(parts[i]), min(parts[i])))
    return [{A.nodes[v] for v in parts[i]} for i in order]




# --------------------------------------------------------------------------- paths and inequality


@dataclass(frozen=True)
class PathStats:
    """Hand-off counts over all pairs who can reach each other."""

    mean: float
    diameter: int
    connected: bool


def path_stats(G: nx.Graph) -> PathStats:
    """Mean shortest-path length and diameter (Watts & Strogatz's *L*; the longest route).

    Over the pairs that can reach each other (undirected); ``connected`` says whether that is
    every pair. Equals ``nx.average_shortest_path_length`` and ``nx.diameter`` on a connected
    network.

    References
    ----------
    Watts, D. J., & Strogatz, S. H. (1998). Collective dynamics of 'small-world' networks.
    *Nature* 393, 440-442.

    Examples
    --------
    >>> s = path_stats(nx.path_graph(4))
    >>> round(s.mean, 4), s.diameter, s.connected
    (1.6667, 3, True)
    """
    n = G.number_of_nodes()
    if n < 2:
        return PathStats(0.0, 0, True)
    if _igraph() is None:  # pragma: no cover
        d = dict(nx.all_pairs_shortest_path_length(G))
        vals = [d[u][v] for u in d for v in d[u] if u != v]
        return PathStats(float(np.mean(vals)) if vals else 0.0, int(max(vals, default=0)),
                         len(vals) == n * (n - 1))
    D = np.asarray(to_igraph(G.to_undirected() if G.is_directed() else G).distances(), dtype=float)
    off = ~np.eye(n, dtype=bool)
    finite = np.isfinite(D) & off
    vals = D[finite]
    return PathStats(float(vals.mean()) if vals.size else 0.0, int(vals.max()) if vals.size else 0,
                     bool(finite.sum() == off.sum()))


def lorenz(values) -> tuple[list, list]:
    """The Lorenz curve of ``values``: ``(share of people, share of the total)`` from poorest up.

    The points start at (0, 0) and end at (1, 1); the curve lies on the diagonal when everyone
    has the same, and the Gini coefficient is twice the area between the two (Gini 1912).
    An all-zero list gives the diagonal.

    References
    ----------
    Lorenz, M. O. (1905). Methods of measuring the concentration of wealth. *Publications of
    the American Statistical Association* 9(70), 209-219.

    Examples
    --------
    >>> lorenz([1, 1, 2])
    ([0.0, 0.3333, 0.6667, 1.0], [0.0, 0.25, 0.5, 1.0])
    """
    x = np.sort(np.asarray(list(values), dtype=float))
    n = len(x)
    if n == 0:
        return [0.0, 1.0], [0.0, 1.0]
    cum = np.concatenate([[0.0], np.cumsum(x)])
    ys = cum / cum[-1] if cum[-1] > 0 else np.linspace(0, 1, n + 1)
    xs = np.linspace(0, 1, n + 1)
    return [round(float(v), 4) for v in xs], [round(float(v), 4) for v in ys]
