"""Departures (*Remove the boss*): people leave a network, possibly after backup ties were added.

:func:`departures` says what still holds; :func:`suggest_backup_ties` proposes ties that take
away single points of failure; :func:`departures_verdict` says what happened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from ..architecture import pairwise_connectivity
from ..errors import P2PKitError, require_whole_number
from ..resilience import knock_out, redundancy, redundancy_verdict, removal_order, rerouting, rerouting_verdict
from .names import people_text

__all__ = ["EXACT_UP_TO", "Departures", "departures", "suggest_backup_ties", "departures_verdict"]

#: :func:`departures` computes node connectivity exactly up to this many people.
EXACT_UP_TO = 60


@dataclass(frozen=True)
class Departures:
    """Who leaves and what still holds (see :func:`departures`)."""

    network: nx.Graph
    gone: tuple
    added: tuple
    left_out: tuple
    pairs_before: float
    pairs_after: float
    cut_off: tuple
    groups: int
    group_sizes: tuple
    single_points_before: tuple
    single_points_now: tuple
    single_points_without_backup: tuple
    pairs_after_without_backup: float
    connectivity_now: int
    redundancy_text: str
    rerouting_text: str
    extra_hops: float
    ignored: tuple
    next_leaving: tuple
    connectivity_exact: bool


def departures(G: nx.Graph, named: Sequence = (), leaving: int = 0, strategy: str = "betweenness",
               backup: Sequence[tuple] = (), seed: int = 0, exact: bool | None = None) -> Departures:
    """People leave a network, possibly after backup ties were added: what still holds?

    Parameters
    ----------
    G : networkx.Graph
        The network (e.g. the room's). People with no ties at all are left out of the
        analysis (nobody can be cut off from them; they already are) and listed.
    named : sequence
        People who leave, by name (for example "the boss").
    leaving : int, default 0
        How many more leave after them, chosen by ``strategy`` among those still there.
    strategy : {"betweenness", "degree", "random"}
        Who leaves first (:func:`p2pkit.resilience.removal_order`, re-ranked after each
        departure): the people on most routes, the best-connected, or people at random.
    backup : sequence of tuple
        Ties added before anyone leaves (the redundancy the room designs).
    seed : int, default 0
        For ``"random"``.
    exact : bool, optional
        Compute how many must leave at once to cut anyone off exactly (the slow flow
        computation of :func:`p2pkit.resilience.redundancy`); by default only for up to
        :data:`EXACT_UP_TO` people, so that a room of 150 stays quick to explore. When it
        is not exact, ``connectivity_now`` is the lower bound 2 and ``connectivity_exact``
        is False.

    Returns
    -------
    Departures
        ``pairs_before`` / ``pairs_after``: share of pairs (of the people still there) who can
        reach each other, before and after the departures (pairwise connectivity, Borgatti
        2006); ``cut_off``: people left outside the largest connected group; ``groups``;
        single points of failure before and now, and without the backup ties
        (articulation points); ``pairs_after_without_backup``: the share had the backup ties
        not been added; ``connectivity_now`` (node connectivity, Menger 1927);
        ``extra_hops``: how much longer routes became; the chapter-6 verdicts; and
        ``ignored``: people named to leave who have no ties (they are already left out);
        ``next_leaving``: who the rule would take next (empty if nobody is left to take).

    References
    ----------
    Borgatti, S. P. (2006). Identifying sets of key players in a social network.
    *Computational and Mathematical Organization Theory* 12, 21-34.
    Albert, R., Jeong, H., & Barabasi, A.-L. (2000). Error and attack tolerance of complex
    networks. *Nature* 406, 378-382.

    Examples
    --------
    >>> G = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 4)])
    >>> d = departures(G, named=[0])
    >>> d.pairs_before, round(d.pairs_after, 3), d.single_points_before
    (1.0, 0.167, (0, 1))
    >>> departures(G, named=[0], backup=[(2, 3), (3, 4)]).pairs_after
    1.0
    """
    U, base, H, added, left_out = _with_backup(G, backup)
    gone, ignored, after = _who_leaves(U, H, named, leaving, strategy, seed)
    ko = knock_out(H, gone)
    now = nx.Graph(H)
    now.remove_nodes_from(gone)
    order = {v: i for i, v in enumerate(H)}
    comps = sorted(nx.connected_components(now), key=lambda c: (-len(c), min(order[v] for v in c)))
    cut = tuple(sorted((v for c in comps[1:] for v in c), key=order.__getitem__))
    exact = now.number_of_nodes() <= EXACT_UP_TO if exact is None else bool(exact)
    red_now = redundancy(now, exact=exact) if now.number_of_nodes() >= 2 else None
    sp_wb = tuple(sorted(nx.articulation_points(base), key=order.__getitem__))
    pc_wb = knock_out(base, [v for v in gone if v in base]).pairwise
    rr = rerouting(H, gone)
    return Departures(
        network=H,
        gone=gone,
        added=added,
        left_out=left_out,
        pairs_before=pairwise_connectivity(H),
        pairs_after=ko.pairwise,
        cut_off=cut,
        groups=ko.groups,
        group_sizes=tuple(len(c) for c in comps),
        single_points_before=tuple(sorted(nx.articulation_points(H), key=order.__getitem__)),
        single_points_now=ko.single_points,
        single_points_without_backup=sp_wb,
        pairs_after_without_backup=pc_wb,
        connectivity_now=red_now.node_connectivity if red_now else 0,
        connectivity_exact=red_now.exact if red_now else True,
        redundancy_text=redundancy_verdict(red_now) if red_now and red_now.node_connectivity > 0 else "",
        rerouting_text=rerouting_verdict(rr) if gone else "",
        extra_hops=float(rr.extra_hops) if gone and rr.still_connected else 0.0,
        ignored=ignored,
        next_leaving=after,
    )


def _with_backup(G: nx.Graph, backup: Sequence[tuple]) -> tuple:
    """``(U, base, H, added, left_out)``: ``G`` undirected, without the people who have no ties
    (``base``; ``left_out`` lists them) and with the backup ties added (``H``; ``added`` lists
    the ties that are new)."""
    U = nx.Graph(G)
    for a, b in backup:
        for x in (a, b):
            if x not in U:
                raise P2PKitError(f"{x!r} is not in the network.")
    left_out = tuple(v for v in U if U.degree(v) == 0 and not any(v in p for p in backup))
    base = nx.Graph(U)
    base.remove_nodes_from(left_out)
    H = nx.Graph(base)
    added = tuple((a, b) for a, b in backup if a != b and not H.has_edge(a, b))
    H.add_edges_from(added)
    if H.number_of_nodes() < 3:
        raise P2PKitError("fewer than 3 people with ties: there is nothing to take apart.")
    return U, base, H, added, left_out


def _who_leaves(U: nx.Graph, H: nx.Graph, named: Sequence, leaving: int, strategy: str, seed: int) -> tuple:
    """``(gone, ignored, next)``: the people named (those with ties) and ``leaving`` more chosen
    by ``strategy``; the people named who have no ties; who the rule would take next."""
    named = list(named)
    for v in named:
        if v not in U:
            raise P2PKitError(f"{v!r} is not in the network.")
    ignored = tuple(v for v in named if v not in H)
    named = [v for v in named if v in H]
    leaving = require_whole_number("the number of people leaving", leaving, minimum=0)
    rest = nx.Graph(H)
    rest.remove_nodes_from(named)
    if len(named) + leaving > H.number_of_nodes() - 2:
        raise P2PKitError(f"only {H.number_of_nodes()} people: at most {H.number_of_nodes() - 2} can leave "
                          "(so that a pair is left).")
    ranked = removal_order(rest, strategy, count=min(leaving + 1, rest.number_of_nodes()),
                           recompute=True, seed=seed)
    more, after = ranked[:leaving], ranked[leaving:]
    return tuple(named + list(more)), ignored, tuple(after)


def suggest_backup_ties(G: nx.Graph, limit: int = 3) -> list[tuple]:
    """Backup ties that take away single points of failure, best first.

    Greedy: while someone's departure alone would cut others off (an articulation point),
    take the person whose departure would cut off the most people (the first in ``list(G)``
    on equal counts), and tie the largest group they would cut off to the rest, around
    them. Each end of the new tie is chosen in that part by, in this order: someone not yet
    given a backup tie (so that the backup does not make a new hub), not a single point of
    failure, a colleague of theirs, the best-connected, the first in ``list(G)``. Repeat on
    the network with the new tie. People with no ties are left out, as in
    :func:`departures`.

    Parameters
    ----------
    G : networkx.Graph
        The network (read as undirected).
    limit : int, default 3
        At most this many ties.

    Returns
    -------
    list of tuple
        The ties, in the order they were chosen (for ``departures(..., backup=...)``).

    References
    ----------
    Hopcroft, J., & Tarjan, R. (1973). Efficient algorithms for graph manipulation.
    *Communications of the ACM* 16(6), 372-378 (articulation points).
    Borgatti, S. P. (2006). Identifying sets of key players in a social network.
    *Computational and Mathematical Organization Theory* 12, 21-34.

    Examples
    --------
    >>> suggest_backup_ties(nx.star_graph(3), 2)
    [(2, 1), (3, 1)]
    >>> suggest_backup_ties(nx.cycle_graph(5))
    []
    """
    H = nx.Graph(G)
    H.remove_edges_from(nx.selfloop_edges(H))
    H.remove_nodes_from([v for v in list(H) if H.degree(v) == 0])
    order = {v: i for i, v in enumerate(H)}
    out: list[tuple] = []
    limit = require_whole_number("limit (backup ties)", limit, minimum=0)
    while len(out) < limit:
        points = sorted(nx.articulation_points(H), key=order.__getitem__)
        if not points:
            break
        best, pieces = None, None
        for v in points:
            rest = nx.Graph(H)
            rest.remove_node(v)
            comps = sorted(nx.connected_components(rest), key=lambda c: (-len(c), min(order[x] for x in c)))
            if best is None or len(H) - 1 - len(comps[0]) > len(H) - 1 - len(pieces[0]):
                best, pieces = v, comps
        main, cut = pieces[0], pieces[1]
        points = set(points)
        used = {x for e in out for x in e}
        tie = (_backup_end(H, cut, best, used, points, order), _backup_end(H, main, best, used, points, order))
        H.add_edge(*tie)
        out.append(tie)
    return out



def _backup_end(H: nx.Graph, group, best, used: set, points: set, order: dict):
    """The end of a backup tie in ``group``, by the order of :func:`suggest_backup_ties`."""
    def rank(x):
        return (x in used, x in points, not H.has_edge(best, x), -H.degree(x), order[x])

    return min(group, key=rank)

def departures_verdict(d: Departures) -> str:
    """What the departures (and the backup ties) did, in plain sentences, computed from ``d``.

    Examples
    --------
    >>> G = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 4)])
    >>> departures_verdict(departures(G, named=[0]))  # doctest: +NORMALIZE_WHITESPACE
    'With 0 gone, the people left fall into 3 groups that cannot reach each other (2, 1 and 1
    people), and only 17% of the pairs of those left can still reach each other (100% before).'
    >>> departures_verdict(departures(G, named=[0], backup=[(2, 3), (3, 4)]))  # doctest: +NORMALIZE_WHITESPACE
    'With 0 gone, everyone left can still reach everyone else. Routes are 0.17 hand-offs
    longer on average. Without the 2 backup ties only 17% of the pairs left could reach each
    other. Before anyone leaves, the backup ties take the single points of failure from 2 to 0.'
    """
    if not d.gone:
        text = "Nobody has left yet."
        if d.ignored:
            text = (f"{people_text(d.ignored, 4)} {'has' if len(d.ignored) == 1 else 'have'} no ties in these "
                    "answers: nobody is cut off by that departure.")
    else:
        who = people_text(d.gone, 4)
        if d.cut_off:
            reach = ("no pair of those left can still reach each other" if d.pairs_after == 0 else
                     f"only {d.pairs_after:.0%} of the pairs of those left can still reach each other")
            sizes = people_text([str(x) for x in d.group_sizes], 6)
            text = (f"With {who} gone, the people left fall into {d.groups} groups that cannot reach each other "
                    f"({sizes} people), and {reach} ({d.pairs_before:.0%} before).")
        else:
            text = f"With {who} gone, everyone left can still reach everyone else."
            if d.extra_hops > 0.005:
                text += f" Routes are {d.extra_hops:.2f} hand-offs longer on average."
    if d.added:
        k = len(d.added)
        ties = f"{k} backup tie{'s' if k != 1 else ''}"
        if d.gone and d.pairs_after > d.pairs_after_without_backup + 1e-9:
            text += (f" Without the {ties} only {d.pairs_after_without_backup:.0%} of the pairs left could "
                     "reach each other.")
        elif d.gone:
            text += f" The {ties} make no difference to these departures."
        a, b = len(d.single_points_without_backup), len(d.single_points_before)
        if b < a:
            text += f" Before anyone leaves, the backup ties take the single points of failure from {a} to {b}."
        else:
            text += (f" Before anyone leaves, there are still {b} single point{'s' if b != 1 else ''} of failure: "
                     "try ties that go around the people marked with diamonds.")
    return text


