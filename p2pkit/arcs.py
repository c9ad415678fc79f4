"""A network as two integer arrays, and the two searches the sampled measures repeat per pivot.

:class:`Arcs` holds a network as numbers (tie ``i`` runs from ``src[i]`` to ``dst[i]``), so a
large network is converted once and the searches never loop over ties in Python:

- :func:`betweenness_counts` -- Brandes's accumulation of shortest paths from some sources
  (python-igraph, in C);
- :func:`distance_sums` -- everyone's summed distance to some pivots, by a breadth-first search
  from 256 pivots at once (numpy, one bit per pivot).

:mod:`p2pkit.measures` turns them into betweenness and closeness (exact or estimated). This
module needs only numpy (and igraph for :func:`betweenness_counts`): it is all a helper process
of :mod:`p2pkit.workers` imports.
"""

from __future__ import annotations

import numpy as np

__all__ = ["Arcs", "arcs", "betweenness_counts", "distance_sums"]


class Arcs:
    """A network as two integer arrays: tie ``i`` runs from ``src[i]`` to ``dst[i]`` (people ``0..n-1``).

    ``nodes[i]`` is person ``i``. The fast measures accept an ``Arcs`` wherever they accept a
    networkx graph, so that a large network is converted once. Pickled (to a helper process),
    it carries the arrays only, never the names.
    """

    def __init__(self, nodes: list | None, src, dst, directed: bool, n: int | None = None):
        self.nodes = nodes
        self.n = len(nodes) if nodes is not None else int(n)
        self.src = np.asarray(src, dtype=np.int64)
        self.dst = np.asarray(dst, dtype=np.int64)
        self.directed = bool(directed)
        self._cache: dict = {}

    def __getstate__(self) -> dict:
        return {"n": self.n, "src": self.src, "dst": self.dst, "directed": self.directed}

    def __setstate__(self, state: dict) -> None:
        self.__init__(None, state["src"], state["dst"], state["directed"], n=state["n"])

    def is_directed(self) -> bool:
        return self.directed

    def __len__(self) -> int:
        return self.n

    def igraph(self):
        """The network as an ``igraph.Graph`` (built once)."""
        if "igraph" not in self._cache:
            import igraph

            self._cache["igraph"] = igraph.Graph(n=self.n, edges=np.column_stack([self.src, self.dst]).tolist(),
                                                    directed=self.directed)
        return self._cache["igraph"]

    def outward(self) -> tuple[np.ndarray, np.ndarray]:
        """The ties in compressed rows: ``indices[indptr[v]:indptr[v + 1]]`` are the people ``v`` has a
        tie to (both ways when undirected; a tie given twice counts once)."""
        if "outward" not in self._cache:
            rows, cols = (self.src, self.dst) if self.directed else (np.concatenate([self.src, self.dst]),
                                                                      np.concatenate([self.dst, self.src]))
            keys = np.unique(rows * self.n + cols)
            indptr = np.concatenate([[0], np.cumsum(np.bincount(keys // self.n, minlength=self.n))])
            self._cache["outward"] = (indptr, keys % self.n)
        return self._cache["outward"]

    def undirected(self) -> Arcs:
        """The same people with each pair tied (either way) once, self-ties left out."""
        a, b = np.minimum(self.src, self.dst), np.maximum(self.src, self.dst)
        keep = a != b
        pairs = np.unique(a[keep] * self.n + b[keep])
        return Arcs(self.nodes, pairs // self.n, pairs % self.n, False, n=self.n)

    def as_directed(self) -> Arcs:
        """Ties as arcs: an undirected tie becomes one arc each way."""
        if self.directed:
            return self
        return Arcs(self.nodes, np.concatenate([self.src, self.dst]), np.concatenate([self.dst, self.src]), True,
                    n=self.n)


def arcs(G, nodes: list | None = None) -> Arcs:
    """``G`` (a networkx graph) as :class:`Arcs`, people numbered in the order of ``nodes`` (default ``list(G)``).

    Examples
    --------
    >>> import networkx as nx
    >>> a = arcs(nx.DiGraph([("Ann", "Bo"), ("Bo", "Cy")]))
    >>> a.nodes, a.src.tolist(), a.dst.tolist()
    (['Ann', 'Bo', 'Cy'], [0, 1], [1, 2])
    """
    if isinstance(G, Arcs):
        return G
    nodes = list(G) if nodes is None else list(nodes)
    idx = {v: i for i, v in enumerate(nodes)}
    m = G.number_of_edges()
    flat = np.fromiter((idx[x] for e in G.edges() for x in e), dtype=np.int64, count=2 * m)
    return Arcs(nodes, flat[0::2], flat[1::2], G.is_directed())


def betweenness_counts(A: Arcs, sources: np.ndarray) -> np.ndarray:
    """Everyone's raw betweenness counting only the shortest paths from ``sources`` (igraph, in C).

    Brandes's (2001) accumulation from each source; :func:`p2pkit.measures.betweenness` scales and
    averages these counts.
    """
    return np.asarray(A.igraph().betweenness(directed=A.directed, sources=sources.tolist()), dtype=float)


def distance_sums(A: Arcs, pivots: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For every person: the sum of their distances to the ``pivots`` they reach, and how many they reach.

    A breadth-first search against the ties from 256 pivots at once: each person holds one bit
    per pivot (four 64-bit words), and a level of the search is one vectorised pass over the ties
    (a person reaches a pivot in ``d + 1`` steps when someone they have a tie to reaches it in
    ``d``). The bits that appear at level ``d`` add ``d`` to the person's sum.
    """
    indptr, indices = A.outward()
    n = A.n
    nonempty = np.diff(indptr) > 0
    starts = indptr[:-1][nonempty]
    sums, counts = np.zeros(n), np.zeros(n)
    words = 4
    for first in range(0, len(pivots), 64 * words):
        chunk = np.asarray(pivots[first:first + 64 * words], dtype=np.int64)
        j = np.arange(len(chunk))
        seen = np.zeros((n, words), dtype=np.uint64)
        seen[chunk, j // 64] = np.left_shift(np.uint64(1), (j % 64).astype(np.uint64))
        frontier, level = seen.copy(), 0
        while frontier.any():
            level += 1
            reached = np.zeros_like(seen)
            if starts.size:
                reached[nonempty] = np.bitwise_or.reduceat(frontier[indices], starts, axis=0)
            reached &= ~seen
            seen |= reached
            new = np.bitwise_count(reached).sum(axis=1)
            sums += level * new
            counts += new
            frontier = reached
    return sums, counts
