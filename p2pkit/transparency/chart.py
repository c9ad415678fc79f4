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

from .. import orgs
from ..errors import P2PKitError, require_graph, require_whole_number
from .spread import Spread, _absent_mask, _spread_of_run

__all__ = ["org_chart", "report_up_rounds", "report_up_broadcast_down", "chart_size"]


def org_chart(people: int, span: int) -> nx.Graph:
    """An org chart of ``people`` people in which every manager has up to ``span`` reports.

    People are numbered level by level from the top (``0``); the manager of person ``v`` is
    ``(v - 1) // span``. Every level is full except perhaps the lowest. Node attributes
    ``level`` (0 at the top, so :func:`p2pkit.views.layouts.tree_layout` can draw it) and
    ``role`` (``"top"``, ``"manager"`` for anyone with reports, ``"staff"``).

    Notes
    -----
    The package's one organisation chart, :func:`p2pkit.orgs.org_chart` (the first
    ``people`` people of :func:`p2pkit.orgs.hierarchy`: same numbering, same levels), which
    this one also offers for two people (the top and one report) and refuses as a chain
    (span 1) of more than 2,000 people; graph attribute ``shape`` is ``"org chart"``.

    References
    ----------
    Krackhardt, D. (1994). Graph theoretical dimensions of informal organizations. In
    K. Carley & M. Prietula (eds.), *Computational Organization Theory*, 89-111 (the formal
    chart as a tree).

    Examples
    --------
    >>> G = org_chart(13, 3)
    >>> G.number_of_edges(), max(nx.get_node_attributes(G, "level").values())
    (12, 2)
    >>> [G.nodes[v]["role"] for v in (0, 1, 4)], org_chart(5, 2).nodes[2]["role"]
    (['top', 'manager', 'staff'], 'staff')
    """
    people = require_whole_number("people", people, minimum=2)
    span = require_whole_number("span (reports per manager)", span, minimum=1)
    if span == 1 and people > 2000:
        raise P2PKitError("a span of 1 makes a chain this long; use a span of at least 2.")
    G = orgs.org_chart(people, span) if people > 2 else orgs.hierarchy(2, 1)  # org_chart starts at 3
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
    levels = require_whole_number("levels", levels, minimum=1)
    span = require_whole_number("span", span, minimum=1)
    per_level = 1 if capacity is None else math.ceil(span / _check_capacity(capacity))
    return 2 * (levels - 1) * per_level


def _check_capacity(capacity):
    if capacity is None:
        return None
    return require_whole_number("capacity (conversations a manager holds per round; None for no limit)",
                                capacity, minimum=1)


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
    n = require_graph(chart, minimum=2, undirected=True, what="the org chart")
    if not nx.is_tree(chart):
        raise P2PKitError("the org chart must be a tree of at least 2 people (one manager per person).")
    if set(chart.nodes()) != set(range(n)):
        raise P2PKitError("number the people 0 .. n-1 (nx.convert_node_labels_to_integers(G)).")
    cap = _check_capacity(capacity)
    here = ~_absent_mask(n, absent)
    if top not in chart:
        raise P2PKitError(f"the top {top!r} is not in the chart.")
    return _ChartRun(chart, top, here, cap).play()


class _ChartRun:
    """A report-up-broadcast-down run, round by round (see :func:`report_up_broadcast_down`).

    Knowledge is held as bit sets (bit ``v``: person ``v``'s piece). ``waiting[m]`` queues the
    reports ready to report to manager ``m``; ``to_tell[m]`` the reports ``m`` still has to
    pass the whole picture to, once ``has_all[m]``.
    """

    def __init__(self, chart: nx.Graph, top: int, here: np.ndarray, cap: int | None):
        n = len(here)
        self.n, self.here, self.cap, self.top = n, here, cap, top
        self.n_here = int(here.sum())
        self.parent = {top: None}
        self.order = [top]  # top first, then level by level
        for u, v in nx.bfs_edges(chart, top):
            self.parent[v] = u
            self.order.append(v)
        children = {v: [] for v in range(n)}
        for v in self.order[1:]:
            children[self.parent[v]].append(v)
        self.present_children = {v: sorted(c for c in children[v] if here[c]) for v in range(n)}
        self.bits = [(1 << v) if here[v] else 0 for v in range(n)]
        self.full_mask = sum(1 << v for v in range(n) if here[v])
        self.heard = dict.fromkeys(range(n), 0)
        self.waiting = {v: deque() for v in range(n)}
        self.to_tell = {v: deque() for v in range(n)}
        self.has_all = dict.fromkeys(range(n), False)
        for v in self.order[1:]:  # people without present reports report at once
            if here[v] and not self.present_children[v] and here[self.parent[v]]:
                self.waiting[self.parent[v]].append(v)
        if here[top] and not self.present_children[top]:  # nobody present below: the top knows all
            self.has_all[top] = True

    def _take(self, queue: deque) -> list:
        """The conversations a manager holds this round from ``queue`` (``capacity`` at most)."""
        k = len(queue) if self.cap is None else min(self.cap, len(queue))
        return [queue.popleft() for _ in range(k)]

    def _up(self, talks: list, load: np.ndarray) -> list:
        """Each manager takes in the reports waiting at the start of the round; returns the
        managers who have now heard from all their present reports."""
        ready = []
        for m in self.order:
            taken = self._take(self.waiting[m])
            for c in taken:
                self.bits[m] |= self.bits[c]
                self.heard[m] += 1
                talks.append((c, m))
                load[c] += 1
                load[m] += 1
            if taken and self.heard[m] == len(self.present_children[m]) and self.here[m]:
                ready.append(m)
        return ready

    def _down(self, talks: list, load: np.ndarray) -> list:
        """Whoever had the whole picture before this round passes it on; returns who got it."""
        full = []
        for m in self.order:
            if not self.has_all[m]:
                continue
            for c in self._take(self.to_tell[m]):
                self.bits[c] |= self.bits[m]
                talks.append((m, c))
                load[c] += 1
                load[m] += 1
                full.append(c)
        return full

    def _known(self) -> tuple[np.ndarray, float]:
        """Each person's share of the present picture, and the share of present people with all of it."""
        here, bits = self.here, self.bits
        known = np.array([bin(bits[v]).count("1") / self.n_here if here[v] else 0.0 for v in range(self.n)])
        return known, float(np.mean([bits[v] == self.full_mask for v in range(self.n) if here[v]]))

    def play(self) -> Spread:
        known, done = self._known()
        shares, complete = [known], [done]
        calls, conversations, peak = [], 0, 0
        while True:
            talks: list = []
            load = np.zeros(self.n, dtype=np.int64)
            ready = self._up(talks, load)
            full = self._down(talks, load)
            if not talks:
                break
            conversations += len(talks)
            peak = max(peak, int(load.max()))
            calls.append(tuple(talks))
            for m in ready:
                if self.parent[m] is not None and self.here[self.parent[m]]:
                    self.waiting[self.parent[m]].append(m)
                elif m == self.top:
                    full.append(m)
            for c in full:
                self.has_all[c] = True
                self.to_tell[c].extend(self.present_children[c])
            known, done = self._known()
            shares.append(known)
            complete.append(done)
        finished = all(self.bits[v] == self.full_mask for v in range(self.n) if self.here[v])
        return _spread_of_run("report up, broadcast down", self.here, shares, complete,
                              len(calls) if finished else None, conversations, peak, calls)


def chart_size(levels: int, span: int) -> int:
    """People in a full org chart ``levels`` deep with ``span`` reports per manager.

    ``1 + span + span**2 + ... + span**(levels - 1)``.

    Examples
    --------
    >>> chart_size(4, 3), chart_size(3, 2)
    (40, 7)
    """
    levels = require_whole_number("levels", levels, minimum=1)
    span = require_whole_number("span", span, minimum=1)
    return sum(span**k for k in range(levels))
