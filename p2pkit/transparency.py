"""Transparency: how everyone comes to see the state of the network.

Chapter 9 of the companion asks how people who each hold only a piece of the picture can
all come to see the whole of it. Two ways are modelled, in synchronous *rounds* (one
round: everybody may hold one more conversation):

- **Gossip** (:func:`gossip_everything`, :func:`rumour_rounds`): every round each person
  calls one colleague chosen at random among their ties and they share what they know
  (*push*: the caller tells; *pull*: the caller asks; *push-pull*: both). This is the
  epidemic protocol of Demers et al. (1987) for keeping copies of a database alike.
- **Report up, broadcast down** (:func:`report_up_broadcast_down`): along an org chart,
  each person reports everything they know to their manager once all their own reports
  have reported; when the top has the whole picture it is passed back down. A manager can
  hold ``capacity`` conversations per round.

:func:`verdict` compares the two in one sentence computed from the runs.

Conventions
-----------
A network is given either as a :class:`networkx.Graph` whose nodes are ``0 .. n-1``, or as
an ``int`` ``n``: *anyone can call anyone* among ``n`` people (the complete graph, which is
never built). One *conversation* is one call between two people, whatever is exchanged.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

import networkx as nx
import numpy as np
from scipy import sparse

from .errors import P2PKitError

__all__ = [
    "MODES",
    "Spread",
    "push_rounds_estimate",
    "rumour_rounds",
    "gossip_everything",
    "org_chart",
    "report_up_broadcast_down",
    "report_up_rounds",
    "at_round",
    "verdict",
    "SizeSweep",
    "chart_size",
    "rounds_by_size",
    "size_verdict",
]

#: The gossip variants: who tells whom in a call.
MODES = ("push", "pull", "push-pull")


@dataclass(frozen=True)
class Spread:
    """One run of a way of sharing the state of the network (see :func:`gossip_everything`).

    Attributes
    ----------
    design : str
        ``"gossip (push)"``, ``"gossip (pull)"``, ``"gossip (push-pull)"`` or
        ``"report up, broadcast down"``.
    people : int
        Everyone in the network, absent people included.
    present : int
        People taking part (not absent).
    rounds : int or None
        Rounds until every present person knows every present person's piece; ``None`` if
        that never happens (someone is cut off).
    coverage : tuple of float
        After round 0, 1, 2, ...: the share of the whole present picture that a present
        person knows, on average.
    complete_share : tuple of float
        After each round: the share of present people who know the whole present picture.
    conversations : int
        Calls held in total until the end of the run.
    peak_load : int
        The most conversations one person took part in during a single round.
    calls : tuple
        For each round ``1 .. rounds``, the conversations held, as ``(caller, callee)`` pairs
        (for drawing).
    shares : numpy.ndarray
        ``shares[r, v]``: the share of the present picture person ``v`` knows after round
        ``r`` (0 for absent people).
    """

    design: str
    people: int
    present: int
    rounds: int | None
    coverage: tuple
    complete_share: tuple
    conversations: int
    peak_load: int
    calls: tuple = field(repr=False)
    shares: np.ndarray = field(repr=False)

    @property
    def final_coverage(self) -> float:
        """Share of the present picture a present person knows at the end, on average."""
        return float(self.coverage[-1])

    @property
    def last(self) -> int:
        """The last round of the run (``rounds``, or the round after which nothing changed)."""
        return len(self.coverage) - 1

    def conversations_by(self, r: int) -> int:
        """Conversations held in rounds ``1 .. r`` (all of them once ``r`` reaches the end).

        Examples
        --------
        >>> s = gossip_everything(16, seed=0)
        >>> s.conversations_by(0), s.conversations_by(1), s.conversations_by(99) == s.conversations
        (0, 16, True)
        """
        return int(sum(len(c) for c in self.calls[: max(0, int(r))]))


# --------------------------------------------------------------------------- helpers


def _as_network(G) -> tuple[int, np.ndarray | None, np.ndarray | None]:
    """``(n, indptr, indices)`` of the neighbour lists, or ``(n, None, None)`` if complete."""
    if isinstance(G, (bool, np.bool_)):
        raise P2PKitError("give a network (a networkx Graph) or a number of people.")
    if isinstance(G, (int, np.integer)):
        n = int(G)
        if n < 2:
            raise P2PKitError(f"gossip needs at least 2 people; got {n}.")
        return n, None, None
    if not isinstance(G, nx.Graph):
        raise P2PKitError("give a network (a networkx Graph) or a number of people.")
    if G.is_directed():
        raise P2PKitError("use an undirected network here (G.to_undirected()).")
    n = G.number_of_nodes()
    if n < 2:
        raise P2PKitError(f"gossip needs at least 2 people; got {n}.")
    if set(G.nodes()) != set(range(n)):
        raise P2PKitError("number the people 0 .. n-1 (nx.convert_node_labels_to_integers(G)).")
    if n > 1 and G.number_of_edges() == n * (n - 1) // 2 and nx.number_of_selfloops(G) == 0:
        return n, None, None
    A = nx.to_scipy_sparse_array(G, nodelist=range(n), format="csr", weight=None)
    return n, A.indptr.astype(np.int64), A.indices.astype(np.int64)


def _random_partners(n, indptr, indices, rng) -> np.ndarray:
    """For every person, one colleague chosen uniformly among their ties (-1 if none)."""
    if indptr is None:
        t = rng.integers(0, n - 1, size=n)
        t[t >= np.arange(n)] += 1
        return t
    deg = np.diff(indptr)
    pick = np.floor(rng.random(n) * np.maximum(deg, 1)).astype(np.int64)
    out = np.where(deg > 0, indices[np.minimum(indptr[:-1] + pick, len(indices) - 1)], -1)
    return out


def _check_mode(mode: str) -> str:
    if mode not in MODES:
        raise P2PKitError(f"mode must be one of {', '.join(MODES)}; got {mode!r}.")
    return mode


def _absent_mask(n: int, absent: Iterable) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    for v in absent:
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or not 0 <= int(v) < n:
            raise P2PKitError(f"absent people must be numbers between 0 and {n - 1}; got {v!r}.")
        mask[int(v)] = True
    if mask.all():
        raise P2PKitError("everybody is absent: leave at least one person present.")
    return mask


# --------------------------------------------------------------------------- one rumour


def push_rounds_estimate(n: int) -> float:
    """Rounds push gossip needs to tell ``n`` people a rumour when anyone can call anyone.

    Returns ``log2(n) + ln(n)``: the leading terms of the number of rounds, which is
    ``log2 n + ln n + O(1)`` with probability tending to one (Frieze & Grimmett 1985;
    Pittel 1987). The ``log2 n`` rounds are the doubling phase, the ``ln n`` rounds the
    slow mopping-up of the last few people who have not been called.

    Parameters
    ----------
    n : int
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
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise P2PKitError(f"n (people) must be a whole number of at least 2; got {n!r}.")
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
    if not 0 <= int(source) < n:
        raise P2PKitError(f"source must be a person between 0 and {n - 1}; got {source!r}.")
    rng = np.random.default_rng(seed)
    knows = np.zeros(n, dtype=bool)
    knows[int(source)] = True
    rounds = 0
    push, pull = mode in ("push", "push-pull"), mode in ("pull", "push-pull")
    while not knows.all():
        rounds += 1
        if rounds > max_rounds:
            raise P2PKitError(f"no end after {max_rounds} rounds; raise max_rounds.")
        t = _random_partners(n, indptr, indices, rng)
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
    away = _absent_mask(n, absent)
    here = ~away
    n_here = int(here.sum())
    # what each present person can eventually learn: their component among present people
    if indptr is None:
        target = np.tile(here, (n, 1)) & here[:, None]
    else:
        H = G.subgraph([v for v in range(n) if here[v]])
        target = np.zeros((n, n), dtype=bool)
        for comp in nx.connected_components(H):
            idx = np.fromiter(comp, dtype=np.int64)
            target[np.ix_(idx, idx)] = True
    reachable = bool(target[here][:, here].all())
    K = np.zeros((n, n), dtype=bool)
    K[here, here] = True  # diagonal: everyone present knows their own piece
    rng = np.random.default_rng(seed)
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
        t = _random_partners(n, indptr, indices, rng)
        ok = here & (t >= 0)
        ok[ok] &= here[t[ok]]
        callers = np.flatnonzero(here & (t >= 0))
        conversations += len(callers)
        load = np.bincount(callers, minlength=n) + np.bincount(t[callers], minlength=n)
        peak = max(peak, int(load.max()))
        calls.append(tuple(zip(callers.tolist(), t[callers].tolist())))
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
        K = new
        shares.append(snapshot(K))
        complete.append(float((K[here][:, here].all(axis=1)).mean()))
    S = np.vstack(shares)
    return Spread(
        design=f"gossip ({mode})", people=n, present=n_here,
        rounds=rounds if reachable else None,
        coverage=tuple(float(x) for x in S[:, here].mean(axis=1)),
        complete_share=tuple(complete), conversations=conversations, peak_load=peak,
        calls=tuple(calls), shares=S,
    )


# --------------------------------------------------------------------------- the chart


def org_chart(people: int, span: int) -> nx.Graph:
    """An org chart of ``people`` people in which every manager has up to ``span`` reports.

    People are numbered level by level from the top (``0``); the manager of person ``v`` is
    ``(v - 1) // span``. Every level is full except perhaps the lowest. Node attribute
    ``level`` is 0 at the top (so :func:`p2pkit.style.tree_layout` can draw it).

    References
    ----------
    Krackhardt, D. (1994). Graph theoretical dimensions of informal organizations. In
    K. Carley & M. Prietula (eds.), *Computational Organization Theory*, 89-111.

    Examples
    --------
    >>> G = org_chart(13, 3)
    >>> G.number_of_edges(), max(nx.get_node_attributes(G, "level").values())
    (12, 2)
    """
    if isinstance(people, bool) or not isinstance(people, (int, np.integer)) or people < 2:
        raise P2PKitError(f"people must be a whole number of at least 2; got {people!r}.")
    if isinstance(span, bool) or not isinstance(span, (int, np.integer)) or span < 1:
        raise P2PKitError(f"span (reports per manager) must be a whole number of at least 1; got {span!r}.")
    if span == 1 and people > 2000:
        raise P2PKitError("a span of 1 makes a chain this long; use a span of at least 2.")
    G = nx.full_rary_tree(int(span), int(people))
    levels = nx.single_source_shortest_path_length(G, 0)
    nx.set_node_attributes(G, levels, "level")
    G.graph["shape"] = "org chart"
    return G


def report_up_rounds(levels: int, span: int, capacity: int | None = None) -> int:
    """Closed form: rounds for :func:`report_up_broadcast_down` on a full chart.

    On a chart ``levels`` deep in which every manager has exactly ``span`` reports and can
    hold ``capacity`` conversations per round, each level takes ``ceil(span / capacity)``
    rounds on the way up and again on the way down::

        2 * (levels - 1) * ceil(span / capacity)

    and ``2 * (levels - 1)`` when a manager can talk to all reports at once
    (``capacity=None``).

    Examples
    --------
    >>> report_up_rounds(4, 5), report_up_rounds(4, 5, capacity=1)
    (6, 30)
    """
    if isinstance(levels, bool) or not isinstance(levels, (int, np.integer)) or levels < 1:
        raise P2PKitError(f"levels must be a whole number of at least 1; got {levels!r}.")
    if isinstance(span, bool) or not isinstance(span, (int, np.integer)) or span < 1:
        raise P2PKitError(f"span must be a whole number of at least 1; got {span!r}.")
    per_level = 1 if capacity is None else math.ceil(span / _check_capacity(capacity))
    return 2 * (levels - 1) * per_level


def _check_capacity(capacity):
    if capacity is None:
        return None
    if isinstance(capacity, bool) or not isinstance(capacity, (int, np.integer)) or capacity < 1:
        raise P2PKitError(f"capacity (conversations a manager holds per round) must be a whole "
                          f"number of at least 1, or None for no limit; got {capacity!r}.")
    return int(capacity)


def report_up_broadcast_down(chart: nx.Graph, capacity: int | None = None, absent: Iterable = (),
                             top: int = 0) -> Spread:
    """Share the state of the network along an org chart: report up, then broadcast down.

    Round by round: a person reports everything they know to their manager as soon as all
    their present reports have reported to them (people without reports start at once); a
    manager takes in at most ``capacity`` reports per round. When the top has heard from
    everyone, the whole picture goes back down the same lines, a manager passing it to at
    most ``capacity`` reports per round.

    Parameters
    ----------
    chart : networkx.Graph
        A tree on ``0 .. n-1`` (e.g. :func:`org_chart` or :func:`p2pkit.orgs.hierarchy`).
    capacity : int or None, default None
        Conversations a manager can hold per round; ``None``: with all reports at once.
    absent : iterable of int
        People who are away. Their reports still report, but to nobody: a missing manager
        cuts their whole part of the chart off from the rest (managers do not wait for
        absent reports).
    top : int, default 0
        The top of the chart.

    Returns
    -------
    Spread
        ``rounds`` equals :func:`report_up_rounds` on a full chart with nobody absent;
        ``conversations`` is then ``2 (n - 1)``.

    References
    ----------
    Dodds, P. S., Watts, D. J., & Sabel, C. F. (2003). Information exchange and the
    robustness of organizational networks. *Proceedings of the National Academy of
    Sciences* 100(21), 12516-12521 (the load that a pure hierarchy puts on its top).

    Examples
    --------
    >>> from p2pkit.orgs import hierarchy
    >>> s = report_up_broadcast_down(hierarchy(4, 3))
    >>> s.rounds, s.conversations
    (6, 78)
    """
    if not isinstance(chart, nx.Graph) or chart.is_directed():
        raise P2PKitError("give the org chart as an undirected networkx Graph (a tree).")
    n = chart.number_of_nodes()
    if n < 2 or not nx.is_tree(chart):
        raise P2PKitError("the org chart must be a tree of at least 2 people (one manager per person).")
    if set(chart.nodes()) != set(range(n)):
        raise P2PKitError("number the people 0 .. n-1 (nx.convert_node_labels_to_integers(G)).")
    cap = _check_capacity(capacity)
    away = _absent_mask(n, absent)
    here = ~away
    n_here = int(here.sum())
    if top not in chart:
        raise P2PKitError(f"the top {top!r} is not in the chart.")
    parent = {top: None}
    order = [top]
    for u, v in nx.bfs_edges(chart, top):
        parent[v] = u
        order.append(v)
    children = {v: [] for v in range(n)}
    for v in order[1:]:
        children[parent[v]].append(v)
    for v in children:
        children[v].sort()

    bits = [(1 << v) if here[v] else 0 for v in range(n)]  # knowledge as bit sets
    full_mask = sum(1 << v for v in range(n) if here[v])
    present_children = {v: [c for c in children[v] if here[c]] for v in range(n)}
    heard = {v: 0 for v in range(n)}
    ready = {v: (here[v] and not present_children[v]) for v in range(n)}  # can report up
    sent_up = {v: False for v in range(n)}
    waiting = {v: deque() for v in range(n)}  # reports queued at manager v
    for v in order[1:]:
        if ready[v] and parent[v] is not None and here[parent[v]]:
            waiting[parent[v]].append(v)
    has_all = {v: False for v in range(n)}  # received the whole picture, may pass it down
    to_tell = {v: deque() for v in range(n)}
    if here[top] and ready[top]:  # a top with nobody present below has the picture at once
        has_all[top] = True

    def snapshot():
        known = np.array([bin(bits[v]).count("1") / n_here if here[v] else 0.0 for v in range(n)])
        return known

    shares = [snapshot()]
    complete = [float(np.mean([bits[v] == full_mask for v in range(n) if here[v]]))]
    calls, conversations, peak = [], 0, 0
    rounds = 0
    while True:
        this_round = []
        load = np.zeros(n, dtype=np.int64)
        newly_ready, newly_full = [], []
        # up: each manager takes in reports already waiting at the start of the round
        for m in order:
            q = waiting[m]
            k = len(q) if cap is None else min(cap, len(q))
            for _ in range(k):
                c = q.popleft()
                bits[m] |= bits[c]
                heard[m] += 1
                sent_up[c] = True
                this_round.append((c, m))
                load[c] += 1
                load[m] += 1
            if k and heard[m] == len(present_children[m]) and here[m]:
                newly_ready.append(m)
        # down: whoever had the whole picture before this round passes it on
        for m in order:
            if not has_all[m]:
                continue
            q = to_tell[m]
            k = len(q) if cap is None else min(cap, len(q))
            for _ in range(k):
                c = q.popleft()
                bits[c] |= bits[m]
                this_round.append((m, c))
                load[c] += 1
                load[m] += 1
                newly_full.append(c)
        if not this_round:
            break
        rounds += 1
        conversations += len(this_round)
        peak = max(peak, int(load.max()))
        calls.append(tuple(this_round))
        for m in newly_ready:
            ready[m] = True
            if parent[m] is not None and here[parent[m]]:
                waiting[parent[m]].append(m)
            elif m == top:
                newly_full.append(m)
        for c in newly_full:
            has_all[c] = True
            to_tell[c].extend(present_children[c])
        shares.append(snapshot())
        complete.append(float(np.mean([bits[v] == full_mask for v in range(n) if here[v]])))
    S = np.vstack(shares)
    done = all(bits[v] == full_mask for v in range(n) if here[v])
    return Spread(
        design="report up, broadcast down", people=n, present=n_here,
        rounds=rounds if done else None,
        coverage=tuple(float(x) for x in S[:, here].mean(axis=1)),
        complete_share=tuple(complete), conversations=conversations, peak_load=peak,
        calls=tuple(calls), shares=S,
    )


# --------------------------------------------------------------------------- verdict


def _describe(s: Spread) -> str:
    if s.rounds is None:
        return (f"never completes: at best people know {s.final_coverage:.0%} of the picture "
                f"({s.conversations:,} conversations)")
    return (f"everyone knows everything after {s.rounds} rounds ({s.conversations:,} conversations, "
            f"at most {s.peak_load} for one person in a round)")


def verdict(gossip: Spread, chart: Spread) -> str:
    """One plain sentence comparing a gossip run with a report-up-broadcast-down run.

    Examples
    --------
    >>> from p2pkit.orgs import hierarchy
    >>> g = gossip_everything(40, seed=0)
    >>> c = report_up_broadcast_down(hierarchy(4, 3), capacity=1)
    >>> verdict(g, c).startswith("Gossip is faster")
    True
    """
    a, b = gossip, chart
    head = f"Gossip: {_describe(a)}. Chart: {_describe(b)}."
    if a.rounds is not None and b.rounds is None:
        return "Gossip gets there and the chart does not. " + head
    if a.rounds is None and b.rounds is not None:
        return "The chart gets there and gossip does not. " + head
    if a.rounds is None and b.rounds is None:
        better = "gossip" if a.final_coverage > b.final_coverage else "the chart"
        return f"Neither gets everyone the whole picture; {better} gets further. " + head
    if a.rounds < b.rounds:
        ratio = a.conversations / max(1, b.conversations)
        return (f"Gossip is faster ({a.rounds} against {b.rounds} rounds), at {ratio:.1f} times the "
                f"conversations. " + head)
    if a.rounds > b.rounds:
        busy = (f"but its busiest person holds {b.peak_load} conversations in one round, against "
                f"{a.peak_load} in gossip" if b.peak_load > a.peak_load else
                f"and nobody in it holds more than {b.peak_load} "
                f"conversation{'' if b.peak_load == 1 else 's'} in a round")
        fewer = "fewer" if b.conversations < a.conversations else "no fewer"
        return (f"The chart is faster ({b.rounds} against {a.rounds} rounds), needs {fewer} "
                f"conversations, {busy}. " + head)
    return f"A tie at {a.rounds} rounds. " + head


def at_round(gossip: Spread, chart: Spread, r: int) -> str:
    """Where both runs stand after round ``r`` (after their last round, where they ended).

    Examples
    --------
    >>> from p2pkit.orgs import hierarchy
    >>> g = gossip_everything(40, seed=0)
    >>> c = report_up_broadcast_down(hierarchy(4, 3), capacity=1)
    >>> at_round(g, c, 0)
    'Round 0: gossip: people know 3% of the picture on average, nobody knows all of it. Chart: people know 3% of the picture on average, nobody knows all of it.'
    """
    if isinstance(r, bool) or not isinstance(r, (int, np.integer)) or r < 0:
        raise P2PKitError(f"r (the round) must be a whole number from 0 up; got {r!r}.")

    def one(s: Spread) -> str:
        i = min(int(r), len(s.coverage) - 1)
        k = round(s.complete_share[i] * s.present)
        if k == s.present:
            return f"everyone knows the whole picture (since round {s.rounds})"
        who = "nobody knows" if k == 0 else f"{k} of {s.present} people know"
        return f"people know {s.coverage[i]:.0%} of the picture on average, {who} all of it"

    return f"Round {int(r)}: gossip: {one(gossip)}. Chart: {one(chart)}."


# --------------------------------------------------------------------------- growth with size


def chart_size(levels: int, span: int) -> int:
    """People in a full org chart ``levels`` deep with ``span`` reports per manager.

    ``1 + span + span**2 + ... + span**(levels - 1)``.

    Examples
    --------
    >>> chart_size(4, 3), chart_size(3, 2)
    (40, 7)
    """
    if isinstance(levels, bool) or not isinstance(levels, (int, np.integer)) or levels < 1:
        raise P2PKitError(f"levels must be a whole number of at least 1; got {levels!r}.")
    if isinstance(span, bool) or not isinstance(span, (int, np.integer)) or span < 1:
        raise P2PKitError(f"span must be a whole number of at least 1; got {span!r}.")
    return sum(int(span) ** k for k in range(int(levels)))


@dataclass(frozen=True)
class SizeSweep:
    """Rounds until everyone knows everything, for several ways of sharing, against size.

    Attributes
    ----------
    span, capacity, mesh_ties, seeds : int
        The chart's span, the conversations a manager holds per round in the limited chart,
        the ties each person keeps in the peer mesh, and the number of gossip runs averaged.
    levels, sizes : tuple of int
        Chart depths and the matching numbers of people (:func:`chart_size`).
    rounds : dict
        Way of sharing -> tuple of rounds, one per size (gossip: the mean over ``seeds``
        runs; charts: exact).
    """

    span: int
    capacity: int
    mesh_ties: int
    seeds: int
    levels: tuple
    sizes: tuple
    rounds: dict


@lru_cache(maxsize=512)
def _gossip_mean(n: int, mode: str, seeds: int, mesh_k: int = 0) -> float:
    """Mean rounds of seeded gossip runs on ``n`` people (anyone can call anyone, or the seed-0
    peer mesh of ``mesh_k`` ties each); kept, as the runs are the same whatever the chart."""
    from . import orgs

    G = orgs.peer_mesh(n, k=mesh_k, rewire=0.1, seed=0) if mesh_k else n
    return float(np.mean([gossip_everything(G, mode=mode, seed=s).rounds for s in range(seeds)]))


def rounds_by_size(span: int = 3, levels=(3, 4, 5, 6), capacity: int = 1, mesh_ties: int = 4,
                   seeds: int = 4) -> SizeSweep:
    """Rounds until everyone knows everything, against the number of people, five ways.

    For each depth in ``levels`` the organisation has :func:`chart_size` people, so that the
    chart's closed form (:func:`report_up_rounds`) applies. The five ways:

    - ``"push, anyone"``: push gossip, anyone can call anyone;
    - ``"push-pull, anyone"``: push-pull gossip, anyone can call anyone;
    - ``"push-pull, mesh"``: push-pull gossip on a peer mesh of ``mesh_ties`` ties each
      (:func:`p2pkit.orgs.peer_mesh`, seed 0);
    - ``"chart, limited"``: report up, broadcast down, ``capacity`` conversations a round;
    - ``"chart, all at once"``: the same with managers talking to all reports at once.

    Gossip values are means over seeds ``0 .. seeds-1``.

    References
    ----------
    Frieze, A. M., & Grimmett, G. R. (1985); Pittel, B. (1987); Karp, R., et al. (2000):
    see :func:`push_rounds_estimate` and :func:`rumour_rounds`.

    Examples
    --------
    >>> s = rounds_by_size(3, levels=(3, 4), seeds=2)
    >>> s.sizes, s.rounds["chart, limited"], s.rounds["chart, all at once"]
    ((13, 40), (12, 18), (4, 6))
    """
    cap = _check_capacity(capacity)
    if cap is None:
        raise P2PKitError("capacity: give a whole number of conversations per round for the limited chart.")
    if isinstance(seeds, bool) or not isinstance(seeds, (int, np.integer)) or seeds < 1:
        raise P2PKitError(f"seeds must be a whole number of at least 1; got {seeds!r}.")
    levels = tuple(int(L) for L in levels)
    if not levels or min(levels) < 2:
        raise P2PKitError("levels: give chart depths of at least 2.")
    sizes = tuple(chart_size(L, span) for L in levels)
    out = {k: [] for k in ("push, anyone", "push-pull, anyone", "push-pull, mesh", "chart, limited",
                           "chart, all at once")}
    for n in sizes:
        chart = org_chart(n, span)
        k = max(2, min(int(mesh_ties), n - 1 - (n - 1) % 2))
        out["push, anyone"].append(_gossip_mean(n, "push", int(seeds)))
        out["push-pull, anyone"].append(_gossip_mean(n, "push-pull", int(seeds)))
        out["push-pull, mesh"].append(_gossip_mean(n, "push-pull", int(seeds), k))
        out["chart, limited"].append(report_up_broadcast_down(chart, capacity=cap).rounds)
        out["chart, all at once"].append(report_up_broadcast_down(chart).rounds)
    return SizeSweep(int(span), cap, int(mesh_ties), int(seeds), levels, sizes,
                     {k: tuple(v) for k, v in out.items()})


def size_verdict(sweep: SizeSweep) -> str:
    """Plain sentences on :func:`rounds_by_size`: who is quickest at the largest size, and
    how many rounds each added level of the chart costs.

    Examples
    --------
    >>> size_verdict(rounds_by_size(3, levels=(3, 4), seeds=2)).startswith("At 40 people")
    True
    """
    n = sweep.sizes[-1]
    words = {"push, anyone": "push gossip when anyone can call anyone",
             "push-pull, anyone": "push-pull gossip when anyone can call anyone",
             "push-pull, mesh": f"push-pull gossip on a peer mesh of {sweep.mesh_ties} ties each",
             "chart, limited": f"the chart with managers talking to {sweep.capacity} a round",
             "chart, all at once": "the chart with managers talking to all at once"}
    last = {k: v[-1] for k, v in sweep.rounds.items()}
    order = sorted(last, key=lambda k: (last[k], k))
    fast, slow = order[0], order[-1]
    step = 2 * math.ceil(sweep.span / sweep.capacity)
    return (f"At {n:,} people {words[fast]} is quickest ({last[fast]:.3g} rounds) and {words[slow]} is "
            f"slowest ({last[slow]:.3g}). Every level the chart adds costs it {step} rounds when managers talk "
            f"to {sweep.capacity} a round, and 2 when they talk to all at once.")
