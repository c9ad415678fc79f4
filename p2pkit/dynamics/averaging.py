"""Opinions averaged over the ties of the moment (DeGroot learning on an evolving network).

- :func:`degroot` -- runs the averaging over a sequence of networks or an :class:`~p2pkit.dynamics.Evolution`.
- :func:`disagreement`, :func:`consensus_step` and :func:`consensus_verdict` -- how far
  apart opinions are, when the group agrees, and one sentence on it.

Ties are directed (``u -> v``: *u* names *v*); a request, a piece of news or a meeting
through a common contact can use a tie in either direction (see :mod:`p2pkit.dynamics`).
"""

from __future__ import annotations

import networkx as nx
import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

from ..errors import P2PKitError
from ._base import _matrix
from .evolution import Evolution

__all__ = ["degroot", "disagreement", "consensus_step", "consensus_verdict"]


def _networks(networks) -> list:
    if isinstance(networks, Evolution):
        return [networks.matrices[t] for t in range(networks.steps)], list(networks.nodes)
    if isinstance(networks, nx.Graph):
        raise P2PKitError("give a sequence of networks (for a fixed network: [G] * steps) or an Evolution.")
    mats, nodes = [], None
    for G in networks:
        ns, A = _matrix(G, what="degroot()")
        if nodes is None:
            nodes = ns
        elif set(ns) != set(nodes):
            raise P2PKitError("every network in the sequence must have the same people.")
        else:
            where = {v: i for i, v in enumerate(ns)}
            idx = [where[v] for v in nodes]
            A = A[np.ix_(idx, idx)]
        mats.append(A)
    if nodes is None:
        raise P2PKitError("the sequence of networks is empty.")
    return mats, nodes


def degroot(networks, opinions, listen: str = "both") -> np.ndarray:
    """Opinions averaged over the ties of the moment (DeGroot learning on an evolving network).

    In step ``t`` each person replaces their opinion with the plain average of their own
    and of everyone they are tied to in network ``t``: in either direction
    (``listen="both"``, the default, as news and requests travel in this module), or only
    those they have a tie *to* (``listen="out"``: in an advice network ``u -> v``, *u*
    asks and listens to *v*).

    Parameters
    ----------
    networks : Evolution or sequence of networkx graphs
        For an Evolution, step ``t`` uses snapshot ``t`` (so ``steps`` updates). For a
        fixed network, pass ``[G] * steps``.
    opinions : dict or sequence of float
        The starting opinion of each person (a sequence follows the node order).
    listen : {"both", "out"}, default "both"
        Which ties carry influence. With ``"out"``, someone who names nobody never
        changes their mind.

    Returns
    -------
    numpy.ndarray
        Shape ``(steps + 1, n)``: the opinions at each step, in node order.

    Notes
    -----
    On a fixed connected undirected network the opinions converge to the average of the
    starting opinions weighted by ``degree + 1`` (the stationary distribution of the
    averaging matrix; DeGroot 1974; Golub & Jackson 2010; full entries in :mod:`p2pkit.equipotency.influence`).
    The tests check this closed form.

    Examples
    --------
    >>> h = degroot([nx.path_graph(3)] * 1, [0.0, 0.0, 3.0])
    >>> h[1].tolist()
    [0.0, 1.0, 1.5]
    """
    if listen not in ("both", "out"):
        raise P2PKitError(f"listen must be 'both' or 'out'; got {listen!r}.")
    mats, nodes = _networks(networks)
    n = len(nodes)
    if isinstance(opinions, dict):
        missing = [v for v in nodes if v not in opinions]
        if missing:
            raise P2PKitError(f"no starting opinion for {missing[0]!r}.")
        x = np.array([float(opinions[v]) for v in nodes])
    else:
        x = np.asarray(list(opinions), dtype=float)
        if x.shape != (n,):
            raise P2PKitError(f"give one opinion per person: {n} people, {x.size} opinions.")
    if not np.all(np.isfinite(x)):
        raise P2PKitError("opinions must be ordinary numbers.")
    out = [x]
    eye = np.eye(n, dtype=bool)
    for A in mats:
        W = ((A | A.T) if listen == "both" else A) | eye
        W = W.astype(float)
        W /= W.sum(axis=1, keepdims=True)
        x = W @ x
        out.append(x)
    return np.vstack(out)


def disagreement(history: np.ndarray) -> np.ndarray:
    """Gap between the highest and lowest opinion at each step of a :func:`degroot` history.

    Examples
    --------
    >>> disagreement(np.array([[0.0, 1.0], [0.5, 0.5]])).tolist()
    [1.0, 0.0]
    """
    h = np.atleast_2d(np.asarray(history, dtype=float))
    return h.max(axis=1) - h.min(axis=1)


def consensus_step(history: np.ndarray, tolerance: float = 0.05) -> int | None:
    """First step at which everyone's opinion is within ``tolerance`` of everyone else's.

    Returns None if that never happens within the history.

    Examples
    --------
    >>> consensus_step(degroot([nx.complete_graph(3)] * 2, [0.0, 0.0, 3.0]))
    1
    """
    gaps = disagreement(history)
    hits = np.flatnonzero(gaps <= tolerance)
    return int(hits[0]) if hits.size else None


def consensus_verdict(history: np.ndarray, *, tolerance: float = 0.05, network=None) -> str:
    """One sentence on whether and when the group agreed, computed from a :func:`degroot` history.

    Parameters
    ----------
    history : numpy.ndarray
        From :func:`degroot`.
    tolerance : float, default 0.05
    network : Evolution or networkx graph, optional
        The ties at the end (for an Evolution, its last snapshot). If given and the group
        has not agreed, the verdict says whether the network has split into parts that hold
        different opinions (so they can never agree) or is still closing the gap.

    Examples
    --------
    >>> consensus_verdict(degroot([nx.complete_graph(3)] * 2, [0.0, 0.0, 3.0]))
    'The group agreed (every opinion within 0.05 of the others) after 1 step, on 1.00.'
    >>> G = nx.Graph([(0, 1), (2, 3)])
    >>> consensus_verdict(degroot([G] * 3, [0, 0, 1, 1]), network=G)
    'After 3 steps the group still disagrees (highest and lowest opinions 1.00 apart; 1.00 at the start): it has split into 2 parts with no ties between them, so it cannot agree.'
    """
    h = np.atleast_2d(np.asarray(history, dtype=float))
    gaps = disagreement(h)
    t = consensus_step(h, tolerance)
    if t == 0:
        return f"The group agrees from the start (every opinion within {tolerance:g} of the others), on {h[0].mean():.2f}."
    if t is not None:
        return (f"The group agreed (every opinion within {tolerance:g} of the others) after {t} "
                f"step{'s' if t != 1 else ''}, on {h[t].mean():.2f}.")
    steps = len(gaps) - 1
    if steps == 0:
        return f"At the start the highest and lowest opinions are {gaps[0]:.2f} apart."
    head = (f"After {steps} step{'s' if steps != 1 else ''} the group still disagrees (highest and lowest "
            f"opinions {gaps[-1]:.2f} apart; {gaps[0]:.2f} at the start)")
    if network is not None:
        A = network.matrices[-1] if isinstance(network, Evolution) else _matrix(network, "consensus_verdict()")[1]
        if A.shape[0] != h.shape[1]:
            raise P2PKitError("the network and the opinions are not about the same people.")
        ncomp, labels = csgraph.connected_components(sparse.csr_matrix(A | A.T), directed=False)
        means = [h[-1][labels == c].mean() for c in range(ncomp)]
        if ncomp > 1 and max(means) - min(means) > tolerance:
            return (f"{head}: it has split into {ncomp} parts with no ties between them, "
                    "so it cannot agree.")
    if gaps[-1] < gaps[0] - 1e-9:
        return f"{head}: the gap is still closing."
    return f"{head}: the gap has not started to close."
