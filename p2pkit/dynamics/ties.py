"""The chapter-4 measures of one snapshot: density, clustering, reciprocity, pairs in touch.

- :func:`tie_measures` (and :func:`density`, :func:`reciprocity`, :func:`clustering`).

Ties are directed (``u -> v``: *u* names *v*); a request, a piece of news or a meeting
through a common contact can use a tie in either direction (see :mod:`p2pkit.dynamics`).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
from scipy import sparse

from ..architecture import pairwise_connectivity
from ..errors import require_graph
from ._base import _matrix

__all__ = ["TieMeasures", "tie_measures", "density", "reciprocity", "clustering"]


@dataclass(frozen=True)
class TieMeasures:
    """The chapter-4 measures of one snapshot (see :func:`tie_measures`)."""

    people: int
    ties: int
    mutual_pairs: int
    density: float
    clustering: float
    reciprocity: float
    in_touch: float


def _measures_from_matrix(A: np.ndarray) -> TieMeasures:
    """The measures of one snapshot, from its boolean adjacency matrix (as :class:`Evolution` stores them).

    Density and reciprocity count directed ties; clustering (networkx's ``transitivity``) and
    ``in_touch`` (:func:`p2pkit.architecture.pairwise_connectivity`) are measured on the
    network with directions ignored.
    """
    n = A.shape[0]
    m = int(A.sum())
    mutual = int((A & A.T).sum()) // 2
    U = nx.from_scipy_sparse_array(sparse.csr_matrix(A | A.T))   # sparse first: no dense n x n copy
    return TieMeasures(
        people=n,
        ties=m,
        mutual_pairs=mutual,
        density=m / (n * (n - 1)) if n > 1 else 0.0,
        clustering=float(nx.transitivity(U)),
        reciprocity=2 * mutual / m if m else 0.0,
        in_touch=float(pairwise_connectivity(U)),
    )


def tie_measures(G: nx.Graph) -> TieMeasures:
    """Density, clustering, reciprocity and reach of one network.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network. An undirected tie counts as a pair of returned (mutual) ties.

    Returns
    -------
    TieMeasures
        ``ties``: directed ties; ``mutual_pairs``: pairs tied both ways; ``density``:
        ``ties / (n (n - 1))``; ``clustering``: the share of two-paths that are closed
        into triangles, on the network with directions ignored (transitivity; Newman
        2003); ``reciprocity``: the share of ties that are returned; ``in_touch``: the
        share of pairs who can reach each other along ties in either direction
        (pairwise connectivity, as in chapter 1).

    Notes
    -----
    ``reciprocity`` is the arc-based definition ``2 * mutual_pairs / ties`` that
    networkx's ``overall_reciprocity`` uses; UCINET also reports a dyad-based one,
    ``mutual_pairs / (pairs with any tie)``, which is smaller. ``clustering`` is the
    global coefficient (``networkx.transitivity``), not the average of local ones.

    References
    ----------
    Wasserman, S., & Faust, K. (1994). *Social Network Analysis: Methods and
    Applications*. Cambridge University Press (density, reciprocity).
    Newman, M. E. J. (2003). The structure and function of complex networks.
    *SIAM Review* 45(2), 167-256 (transitivity).

    Examples
    --------
    >>> m = tie_measures(nx.DiGraph([(0, 1), (1, 0), (1, 2)]))
    >>> m.ties, m.mutual_pairs, round(m.reciprocity, 3), m.density
    (3, 1, 0.667, 0.5)
    """
    require_graph(G, minimum=2, what="tie_measures()")
    _, A = _matrix(G)
    return _measures_from_matrix(A)


def density(G: nx.Graph) -> float:
    """Share of all possible directed ties that exist: ``ties / (n (n - 1))``.

    For an undirected network this equals the usual ``ties / C(n, 2)``.

    References
    ----------
    Wasserman, S., & Faust, K. (1994). *Social Network Analysis*. Cambridge University Press.

    Examples
    --------
    >>> density(nx.complete_graph(4))
    1.0
    """
    return tie_measures(G).density


def reciprocity(G: nx.Graph) -> float:
    """Share of directed ties that are returned (``u -> v`` with ``v -> u``).

    References
    ----------
    Wasserman, S., & Faust, K. (1994). *Social Network Analysis*. Cambridge University Press.

    Examples
    --------
    >>> reciprocity(nx.DiGraph([(0, 1), (1, 0), (1, 2), (2, 3)]))
    0.5
    """
    return tie_measures(G).reciprocity


def clustering(G: nx.Graph) -> float:
    """Share of two-paths (a friend of a friend) that are closed into a triangle.

    Directions are ignored. This is the global clustering coefficient (transitivity).

    References
    ----------
    Newman, M. E. J. (2003). The structure and function of complex networks.
    *SIAM Review* 45(2), 167-256.

    Examples
    --------
    >>> clustering(nx.complete_graph(5)), clustering(nx.star_graph(4))
    (1.0, 0.0)
    """
    return tie_measures(G).clustering
