"""Gossip: every round each person calls one colleague at random and they share what they know.

The epidemic protocol of Demers et al. (1987): :func:`rumour_rounds` spreads one piece of
news, :func:`gossip_everything` everyone's piece of the state of the network;
:func:`push_rounds_estimate` is the closed form for push gossip when anyone can call anyone.

A network is given either as a :class:`networkx.Graph` whose nodes are ``0 .. n-1``, or as
an ``int`` ``n``: *anyone can call anyone* among ``n`` people (the complete graph, which is
never built).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import networkx as nx
import numpy as np
from scipy import sparse

from ..errors import P2PKitError, require_graph, require_whole_number
from ..seeding import rng
from .spread import Spread, _absent_mask, _spread_of_run

__all__ = ["MODES", "push_rounds_estimate", "rumour_rounds", "gossip_everything"]

#: The gossip variants: who tells whom in a call.
MODES = ("push", "pull", "push-pull")


def _as_network(G) -> tuple[int, np.ndarray | None, np.ndarray | None]:
    """``(n, indptr, indices)`` of the neighbour lists, or ``(n, None, None)`` if complete."""
    if not isinstance(G, nx.Graph):
        return require_whole_number("people (or give a networkx Graph)", G, minimum=2), None, None
    n = require_graph(G, minimum=2, undirected=True, what="gossip")
    if set(G.nodes()) != set(range(n)):
        raise P2PKitError("number the people 0 .. n-1 (nx.convert_node_labels_to_integers(G)).")
    if n > 1 and G.number_of_edges() == n * (n - 1) // 2 and nx.number_of_selfloops(G) == 0:
        return n, None, None
    A = nx.to_scipy_sparse_array(G, nodelist=range(n), format="csr", weight=None)
    return n, A.indptr.astype(np.int64), A.indices.astype(np.int64)


def _random_partners(n, indptr, indices, gen: np.random.Generator) -> np.ndarray:
    """For every person, one colleague chosen uniformly among their ties (-1 if none)."""
    if indptr is None:
        t = gen.integers(0, n - 1, size=n)
        t[t >= np.arange(n)] += 1
        return t
    deg = np.diff(indptr)
    pick = np.floor(gen.random(n) * np.maximum(deg, 1)).astype(np.int64)
    out = np.where(deg > 0, indices[np.minimum(indptr[:-1] + pick, len(indices) - 1)], -1)
    return out


def _check_mode(mode: str) -> str:
    if mode not in MODES:
        raise P2PKitError(f"mode must be one of {', '.join(MODES)}; got {mode!r}.")
    return mode


# --------------------------------------------------------------------------- one rumour


def push_rounds_estimate(people: int) -> float:
    """Rounds push gossip needs to tell ``people`` people a rumour when anyone can call anyone.

    Returns ``log2(n) + ln(n)`` for ``n = people``: the leading terms of the number of rounds, which is
    ``log2 n + ln n + O(1)`` with probability tending to one (Frieze & Grimmett 1985;
    Pittel 1987). The ``log2 n`` rounds are the doubling phase, the ``ln n`` rounds the
    slow mopping-up of the last few people who have not been called.

    Parameters
    ----------
    people : int
        Number of people (at least 2).

    Returns
    -------
    float

    Notes
    -----
    The ``O(1)`` term is bounded but not zero: over many runs the mean for ``n`` = 512 or
    1,024 lies about one to one and a half rounds above this estimate.

    References
    ----------
    Frieze, A. M., & Grimmett, G. R. (1985). The shortest-path problem for graphs with
    random arc-lengths. *Discrete Applied Mathematics* 10(1), 57-77.

    Pittel, B. (1987). On spreading a rumor. *SIAM Journal on Applied Mathematics* 47(1),
    213-223.

    Examples
    --------
    >>> round(push_rounds_estimate(1024), 2)
    16.93
    """
    n = require_whole_number("people", people, minimum=2)
    return math.log2(n) + math.log(n)


def rumour_rounds(G, source: int = 0, mode: str = "push", seed: int | None = 0,
                  max_rounds: int = 100_000) -> int:
    """Rounds until one piece of news, known at first only to ``source``, reaches everyone.

    Every round each person calls one colleague chosen at random among their ties. With
    *push* a person who knows tells the one they call; with *pull* a person who does not
    know learns it if the one they call knows; *push-pull* does both.

    Parameters
    ----------
    G : networkx.Graph or int
        A connected network on ``0 .. n-1``, or ``n`` for *anyone can call anyone*.
    source : int, default 0
        Who knows the news at the start.
    mode : {"push", "pull", "push-pull"}
    seed : int or None, default 0
        Seed for the random calls; the same seed gives the same run.
    max_rounds : int
        Safety limit.

    Returns
    -------
    int
        The number of rounds.

    Raises
    ------
    P2PKitError
        If the network is not connected, or a parameter is out of range.

    References
    ----------
    Demers, A., Greene, D., Hauser, C., Irish, W., Larson, J., Shenker, S., Sturgis, H.,
    Swinehart, D., & Terry, D. (1987). Epidemic algorithms for replicated database
    maintenance. *Proceedings of the 6th ACM Symposium on Principles of Distributed
    Computing (PODC)*, 1-12.

    Karp, R., Schindelhauer, C., Shenker, S., & Vöcking, B. (2000). Randomized rumor
    spreading. *Proceedings of the 41st IEEE Symposium on Foundations of Computer Science
    (FOCS)*, 565-574 (push-pull needs about ``log3 n + O(log log n)`` rounds).

    Examples
    --------
    >>> rumour_rounds(2)  # two people: the first call tells the other
    1
    >>> rumour_rounds(1024, mode="push-pull", seed=1) < rumour_rounds(1024, mode="push", seed=1)
    True
    """
    _check_mode(mode)
    n, indptr, indices = _as_network(G)
    if indptr is not None and not nx.is_connected(G):
        raise P2PKitError("the network is not connected, so the news can never reach everyone.")
    source = require_whole_number(f"source (a person numbered 0 to {n - 1})", source, minimum=0, maximum=n - 1)
    max_rounds = require_whole_number("max_rounds", max_rounds, minimum=1)
    gen = rng(seed)
    knows = np.zeros(n, dtype=bool)
    knows[source] = True
    rounds = 0
    push, pull = mode in ("push", "push-pull"), mode in ("pull", "push-pull")
    while not knows.all():
        rounds += 1
        if rounds > max_rounds:
            raise P2PKitError(f"no end after {max_rounds} rounds; raise max_rounds.")
        t = _random_partners(n, indptr, indices, gen)
        new = knows.copy()
        if push:
            new[t[knows]] = True
        if pull:
            new[~knows] |= knows[t[~knows]]
        knows = new
    return rounds


# --------------------------------------------------------------------------- everything


def gossip_everything(G, mode: str = "push-pull", seed: int | None = 0, absent: Iterable = (),
                      max_rounds: int = 100_000) -> Spread:
    """Gossip until everyone knows everyone's piece of the state of the network.

    At the start each present person knows only their own piece. Every round each present
    person calls one colleague chosen at random among their ties (an absent colleague does
    not answer: the call is wasted); the two share everything they know according to
    ``mode``. The run ends when every present person knows every piece that can reach them.

    Parameters
    ----------
    G : networkx.Graph or int
        A network on ``0 .. n-1``, or ``n`` for *anyone can call anyone*.
    mode : {"push", "pull", "push-pull"}, default "push-pull"
    seed : int or None, default 0
        Seed for the random calls; the same seed gives the same run.
    absent : iterable of int
        People who are away: they neither call nor answer, and their piece is not part of
        the picture.
    max_rounds : int
        Safety limit.

    Returns
    -------
    Spread
        ``rounds`` is ``None`` if the absent people cut someone off from the others.

    Notes
    -----
    Knowledge is a people-by-pieces table; one round is two sparse products, so a
    thousand people take milliseconds per round. In real gossip people do not know when
    everyone is up to date and keep talking for a while (Demers et al. 1987 stop when
    calls keep finding people who already know), so ``conversations`` is a lower bound.

    References
    ----------
    Demers, A., et al. (1987). Epidemic algorithms for replicated database maintenance.
    *Proceedings of the 6th ACM Symposium on Principles of Distributed Computing*, 1-12.

    Karp, R., Schindelhauer, C., Shenker, S., & Vöcking, B. (2000). Randomized rumor
    spreading. *Proceedings of the 41st IEEE Symposium on Foundations of Computer Science*,
    565-574.

    Examples
    --------
    >>> s = gossip_everything(64, seed=0)
    >>> s.coverage[0] == 1 / 64, s.coverage[-1], s.rounds is not None
    (True, 1.0, True)
    """
    _check_mode(mode)
    n, indptr, indices = _as_network(G)
    max_rounds = require_whole_number("max_rounds", max_rounds, minimum=1)
    away = _absent_mask(n, absent)
    here = ~away
    n_here = int(here.sum())
    target = _learnable(G, n, indptr, here)
    reachable = bool(target[here][:, here].all())
    K = np.zeros((n, n), dtype=bool)
    K[here, here] = True  # diagonal: everyone present knows their own piece
    gen = rng(seed)
    push, pull = mode in ("push", "push-pull"), mode in ("pull", "push-pull")

    def snapshot(K):
        known = K[:, here].sum(axis=1) / n_here
        known[away] = 0.0
        return known

    shares = [snapshot(K)]
    complete = [float((K[here][:, here].all(axis=1)).mean())]
    calls, conversations, peak = [], 0, 0
    rounds = 0
    while not np.array_equal(K, target):
        rounds += 1
        if rounds > max_rounds:
            raise P2PKitError(f"no end after {max_rounds} rounds; raise max_rounds.")
        t = _random_partners(n, indptr, indices, gen)
        callers = np.flatnonzero(here & (t >= 0))
        conversations += len(callers)
        load = np.bincount(callers, minlength=n) + np.bincount(t[callers], minlength=n)
        peak = max(peak, int(load.max()))
        calls.append(tuple(zip(callers.tolist(), t[callers].tolist(), strict=True)))
        K = _share_in_calls(K, t, here, push, pull)
        shares.append(snapshot(K))
        complete.append(float((K[here][:, here].all(axis=1)).mean()))
    return _spread_of_run(f"gossip ({mode})", here, shares, complete, rounds if reachable else None,
                         conversations, peak, calls)


def _learnable(G, n: int, indptr, here: np.ndarray) -> np.ndarray:
    """``target[v, w]``: present person ``v`` can eventually learn present person ``w``'s piece
    (they are in the same component of the network among present people)."""
    if indptr is None:
        return np.tile(here, (n, 1)) & here[:, None]
    H = G.subgraph([v for v in range(n) if here[v]])
    target = np.zeros((n, n), dtype=bool)
    for comp in nx.connected_components(H):
        idx = np.fromiter(comp, dtype=np.int64)
        target[np.ix_(idx, idx)] = True
    return target


def _share_in_calls(K: np.ndarray, t: np.ndarray, here: np.ndarray, push: bool, pull: bool) -> np.ndarray:
    """Knowledge after one round in which each present person ``v`` called ``t[v]`` (-1: nobody).

    A call to an absent person is wasted. One round is two sparse products of the calls with
    the people-by-pieces table ``K``.
    """
    n = len(here)
    ok = here & (t >= 0)
    ok[ok] &= here[t[ok]]
    src, dst = np.flatnonzero(ok), t[ok]
    Kf = K.astype(np.int32)
    new = K.copy()
    ones = np.ones(len(src), dtype=np.int32)
    if push:  # callee learns what the caller knows
        P = sparse.csr_matrix((ones, (dst, src)), shape=(n, n))
        new |= (P @ Kf) > 0
    if pull:  # caller learns what the callee knows
        Q = sparse.csr_matrix((ones, (src, dst)), shape=(n, n))
        new |= (Q @ Kf) > 0
    return new
