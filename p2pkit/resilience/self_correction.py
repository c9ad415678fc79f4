"""Self-correction: re-routing around the people who left, and rounds of repair.

- :func:`rerouting` and :func:`rerouting_verdict` -- after departures, how much longer the
  routes between the people left have become, and how many pairs are cut off.
- :func:`repair` and :func:`repair_verdict` -- rounds of a simple repair process until
  everyone is back in touch, and the number of new ties it took; :func:`repaired_network`
  -- the network it leaves.

Conventions (those of the whole :mod:`p2pkit.resilience` package): an undirected
:class:`networkx.Graph`; ties in a ranking broken by the order of ``list(G)``; anything
random takes an explicit ``seed``. Distances use ``scipy.sparse``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import numpy as np

from ..errors import P2PKitError, require_graph, require_probability, require_whole_number
from ..seeding import python_random
from ._base import _check_removed, _without

__all__ = ["Rerouting", "Repair", "rerouting", "rerouting_verdict", "repair", "repair_verdict", "repaired_network"]


def _distances(G: nx.Graph, nodes: list) -> np.ndarray:
    """All shortest-path lengths (hops) among ``nodes``; ``inf`` where there is no path."""
    from scipy.sparse.csgraph import shortest_path

    if not nodes:
        return np.zeros((0, 0))
    A = nx.to_scipy_sparse_array(G, nodelist=nodes, weight=None, format="csr")
    return shortest_path(A, method="D", directed=False, unweighted=True)


@dataclass(frozen=True)
class Rerouting:
    """How routes among the people left change after departures (see :func:`rerouting`)."""

    removed: tuple
    pairs: int
    still_connected: int
    mean_before: float
    mean_after: float
    extra_hops: float
    longer_share: float
    cut_share: float


def rerouting(G: nx.Graph, removed: Iterable) -> Rerouting:
    """How much longer the routes between the people left become when others leave.

    Messages re-route around a gap along the next-shortest path. For every pair of people
    who stay and who could reach each other before, this compares the number of hand-offs
    before and after the departures.

    Parameters
    ----------
    G : networkx.Graph
        An undirected network: who can pass a message to whom.
    removed : iterable
        The people who leave; no route passes through them any more.

    Returns
    -------
    Rerouting
        ``pairs``: pairs of people left who were connected before; ``still_connected``:
        how many of them still are; ``mean_before`` / ``mean_after``: mean hand-offs over
        the pairs still connected, before and after; ``extra_hops``: their difference;
        ``longer_share``: share of the still-connected pairs whose route got longer;
        ``cut_share``: share of ``pairs`` now cut off. Means are ``nan`` when no pair is
        still connected.

    Notes
    -----
    Removing people can never shorten a route, so ``extra_hops >= 0``. Distances are
    breadth-first (scipy's ``csgraph.shortest_path``); the tests check them against
    networkx.

    References
    ----------
    Latora, V., & Marchiori, M. (2001). Efficient behavior of small-world networks.
    *Physical Review Letters* 87, 198701 (the related "global efficiency" of a damaged
    network).

    Examples
    --------
    >>> r = rerouting(nx.cycle_graph(6), [0])
    >>> r.pairs, r.still_connected, round(r.extra_hops, 2), round(r.longer_share, 2)
    (10, 10, 0.2, 0.1)
    """
    require_graph(G, minimum=2, undirected=True, what="rerouting()")
    removed = _check_removed(G, removed)
    gone = set(removed)
    everyone = list(G)
    left_idx = [i for i, v in enumerate(everyone) if v not in gone]
    left = [everyone[i] for i in left_idx]
    before = _distances(G, everyone)[np.ix_(left_idx, left_idx)]
    after = _distances(_without(G, removed), left)
    iu = np.triu_indices(len(left), k=1)
    b, a = before[iu], after[iu]
    was = np.isfinite(b)
    still = was & np.isfinite(a)
    pairs, kept = int(was.sum()), int(still.sum())
    if kept:
        mb, ma = float(b[still].mean()), float(a[still].mean())
        longer = float((a[still] > b[still]).mean())
    else:
        mb = ma = longer = float("nan")
    return Rerouting(tuple(removed), pairs, kept, mb, ma, ma - mb, longer,
                     (pairs - kept) / pairs if pairs else 0.0)


def rerouting_verdict(r: Rerouting) -> str:
    """One sentence on re-routing after departures, computed from ``r``.

    Examples
    --------
    >>> rerouting_verdict(rerouting(nx.cycle_graph(6), [0]))
    'Nobody is cut off; re-routing adds 0.2 hand-offs on average, and 10% of routes got longer.'
    """
    if r.pairs == 0:
        return "There were no routes to re-route."
    if r.still_connected == 0:
        return "No route survives: every pair of the people left is cut off."
    cut = ("Nobody is cut off" if r.cut_share == 0
           else f"{r.cut_share:.0%} of the pairs of people left are cut off")
    if r.longer_share == 0:
        return f"{cut}; the routes still open are as short as before."
    extra = f"{r.extra_hops:.2f}" if r.extra_hops < 0.1 else f"{r.extra_hops:.1f}"
    return (f"{cut}; re-routing adds {extra} hand-offs on average, and "
            f"{r.longer_share:.0%} of routes got longer.")


@dataclass(frozen=True)
class Repair:
    """The outcome of :func:`repair`."""

    removed: tuple
    rounds: int
    reconnected: bool
    ties_added: int
    groups_cut_off: int
    new_ties: tuple
    cut_off_by_round: tuple


def repair(
    G: nx.Graph,
    removed: Iterable,
    s: float = 0.5,
    seed: int | None = 0,
    max_rounds: int = 100,
) -> Repair:
    """A simple self-repair process: people cut off reach out until everyone is back in touch.

    After the departures, the *main group* is the largest connected group of the people
    left (if several are equally large, the one holding the person who comes first in
    ``list(G)``). In each round, every person outside the main group forms, with
    probability ``s``, one new tie to someone in the main group: preferably to a
    colleague of someone they have lost (a neighbour, in ``G``, of one of their departed
    neighbours), chosen at random among those; otherwise to anyone in the main group,
    chosen at random. The new ties take effect together at the end of the round, and the
    process stops when everyone is in one group.

    Parameters
    ----------
    G, removed : see :func:`rerouting`.
    s : float, default 0.5
        Probability that a cut-off person acts in a given round (0 to 1).
    seed : int or None, default 0
        Seed of Python's generator (:func:`p2pkit.python_random`); the same seed gives the same repair.
    max_rounds : int, default 100
        Stop after this many rounds even if people are still cut off.

    Returns
    -------
    Repair
        ``rounds``: rounds until everyone is in one group (0 if nobody was cut off);
        ``reconnected``: whether that happened within ``max_rounds``; ``ties_added``: new
        ties made; ``groups_cut_off``: groups outside the main group at the start, which is
        the fewest new ties that could have reconnected everyone; ``new_ties``: the ties,
        in order; ``cut_off_by_round``: people outside the main group at the start of the
        repair and after each round.

    Notes
    -----
    With ``s = 1`` everyone cut off acts in the first round, so one round always
    suffices. When the people cut off are all alone (a star without its centre), each
    reconnects in a round with probability ``s``, so the number of rounds is the largest
    of ``m`` geometric waiting times and its mean is
    ``sum_{t>=0} (1 - (1 - (1 - s)**t)**m)``; the tests check both.

    Because everyone cut off acts on their own, the process usually makes more ties than
    the ``groups_cut_off`` a coordinator would need: uncoordinated repair is fast but
    redundant.

    References
    ----------
    This is a deliberately simple model in the spirit of the self-healing network
    literature, e.g. Quattrociocchi, W., Caldarelli, G., & Scala, A. (2014). Self-healing
    networks: redundancy and structure. *PLoS ONE* 9(2), e87986.

    Examples
    --------
    >>> from p2pkit import orgs
    >>> r = repair(orgs.client_server(6), [0], s=1.0)
    >>> r.rounds, r.ties_added, r.new_ties
    (1, 4, ((2, 1), (3, 1), (4, 1), (5, 1)))
    """
    n = require_graph(G, minimum=2, undirected=True, what="repair()")
    removed = _check_removed(G, removed)
    s = require_probability("s", s)
    max_rounds = require_whole_number("max_rounds", max_rounds, minimum=1, maximum=1_000_000)
    if n - len(removed) < 1:
        raise P2PKitError("everyone has left: there is nobody to repair the network.")
    gone = set(removed)
    order = {v: i for i, v in enumerate(G)}
    H = _without(G, removed)
    rng = python_random(seed)
    contacts = {v: sorted({u for w in G.adj[v] if w in gone for u in G.adj[w] if u not in gone and u != v},
                          key=order.__getitem__)
                for v in H}

    def groups():
        comps = [sorted(c, key=order.__getitem__) for c in nx.connected_components(H)]
        comps.sort(key=lambda c: (-len(c), order[c[0]]))
        return comps

    comps = groups()
    first_groups = len(comps) - 1
    outside = [v for c in comps[1:] for v in c]
    history = [len(outside)]
    new_ties = []
    rounds = 0
    while outside and rounds < max_rounds:
        rounds += 1
        main = set(comps[0])
        main_sorted = comps[0]
        made = []
        for v in sorted(outside, key=order.__getitem__):
            if rng.random() >= s:
                continue
            near = [u for u in contacts[v] if u in main]
            target = rng.choice(near) if near else rng.choice(main_sorted)
            made.append((v, target))
        H.add_edges_from(made)
        new_ties.extend(made)
        comps = groups()
        outside = [v for c in comps[1:] for v in c]
        history.append(len(outside))
    return Repair(tuple(removed), rounds, not outside, len(new_ties), first_groups,
                  tuple(new_ties), tuple(history))


def repair_verdict(r: Repair) -> str:
    """One sentence on the repair, computed from ``r``.

    Examples
    --------
    >>> from p2pkit import orgs
    >>> repair_verdict(repair(orgs.client_server(6), [0], s=1.0))
    'Everyone is back in touch after 1 round, with 4 new ties (as few as a coordinator would need).'
    """
    if r.cut_off_by_round[0] == 0:
        return "Nobody was cut off, so there was nothing to repair."
    rounds = "1 round" if r.rounds == 1 else f"{r.rounds} rounds"
    if not r.reconnected:
        left = r.cut_off_by_round[-1]
        still = "1 person is" if left == 1 else f"{left} people are"
        ties = "1 new tie" if r.ties_added == 1 else f"{r.ties_added} new ties"
        return f"After {rounds}, {still} still cut off ({ties} so far)."
    extra = r.ties_added - r.groups_cut_off
    tail = (f" ({extra} more than the {r.groups_cut_off} a coordinator would need)" if extra > 0
            else " (as few as a coordinator would need)")
    ties = "1 new tie" if r.ties_added == 1 else f"{r.ties_added} new ties"
    return f"Everyone is back in touch after {rounds}, with {ties}{tail}."


def repaired_network(G: nx.Graph, r: Repair) -> nx.Graph:
    """The network after a repair: ``G`` without the people who left, plus the new ties.

    Applied to a repair stopped early (``repair(..., max_rounds=t)``), this is the network
    after ``t`` rounds: the same seed makes the same choices in the first rounds whatever
    ``max_rounds`` is, so a figure can show the repair round by round.

    Parameters
    ----------
    G : networkx.Graph
        The network the repair started from (before the departures).
    r : Repair
        The outcome of :func:`repair` on ``G``.

    Returns
    -------
    networkx.Graph
        A new network; ``knock_out(result, []).cut_off`` equals ``r.cut_off_by_round[-1]``.

    Examples
    --------
    >>> from p2pkit import orgs
    >>> G = orgs.client_server(6)
    >>> sorted(repaired_network(G, repair(G, [0], s=1.0)).edges())
    [(1, 2), (1, 3), (1, 4), (1, 5)]
    """
    require_graph(G, minimum=2, undirected=True, what="repaired_network()")
    removed = _check_removed(G, r.removed)
    H = _without(G, removed)
    for u, v in r.new_ties:
        if u not in H or v not in H:
            raise P2PKitError("this repair does not belong to this network: a new tie joins someone who is not in it.")
    H.add_edges_from(r.new_ties)
    return H
