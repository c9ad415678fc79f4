"""Report up, broadcast down: sharing the state of the network along an org chart.

Each person reports everything they know to their manager once all their own reports have
reported; when the top has the whole picture it is passed back down. A manager can hold
``capacity`` conversations per round. :func:`report_up_rounds` and :func:`chart_size` are
the closed forms on a full chart.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable

import networkx as nx
import numpy as np

from ..errors import P2PKitError
from .spread import Spread, _absent_mask

__all__ = ["org_chart", "report_up_rounds", "report_up_broadcast_down", "chart_size"]


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
