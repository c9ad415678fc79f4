"""Resilience: what a network loses when people leave, and how it recovers.

Chapter 6 of the companion tests three claims made for peer-to-peer organisations: that
they have no single point of failure, that redundancy lets them absorb a shock, and that
they correct themselves by re-routing around a gap. This module turns each claim into
something that can be measured on any undirected network:

**Failure**

- :func:`removal_order` (and :func:`removals`, one at a time) -- who leaves first: at
  random, the best-connected (degree), the people who sit on most routes (betweenness),
  or the top of the chart; targeted orders can be recomputed after each departure or
  fixed at the start.
- :func:`failure_curve` -- after each departure, the share of pairs of the people left who
  can still reach each other (pairwise connectivity) and the share of the original
  organisation still in its largest connected group.
- :func:`targeted_vs_random`, :func:`compare_curves` and :func:`failure_verdict` -- the
  same number of departures, chosen by a strategy or at random, compared in one sentence.
- :func:`collapse_point` and :func:`collapse_verdict` -- when the largest group falls apart,
  at random and under attack.
- :func:`knock_out` and :func:`knock_out_verdict` -- what one given set of departures does.

**Redundancy**

- :func:`chart_with_lateral_ties` -- an organisation chart that keeps every reporting line
  and gains lateral ties: redundancy in its plainest form.
- :func:`redundancy` and :func:`redundancy_verdict` -- node connectivity (how many people
  must leave at once before anyone is cut off), single points of failure (articulation
  points) and bridges (ties that are the only link between two sides).
- :func:`independent_paths` -- routes between two people that share nobody in between
  (Menger 1927).
- :func:`random_failure`, :func:`percolation_threshold`, :func:`random_network_giant_share`
  -- everyone stays with probability ``keep``: the share that stays connected, and the
  threshold below which a random network falls apart (Molloy & Reed 1995; Callaway et
  al. 2000).

**Self-correction**

- :func:`rerouting` and :func:`rerouting_verdict` -- after departures, how much longer the
  routes between the people left have become, and how many pairs are cut off.
- :func:`repair` and :func:`repair_verdict` -- rounds of a simple repair process until
  everyone is back in touch, and the number of new ties it took; :func:`repaired_network`
  -- the network it leaves.

**Data**

- :func:`krackhardt_managers` -- Krackhardt's (1987) managers: the formal chart, the
  advice network and who is sought for advice most.

Conventions
-----------
All functions take an undirected :class:`networkx.Graph` (use ``G.to_undirected()`` on a
directed one: a tie then means "either can reach the other"). Ties among people are
unweighted. Whenever people have to be ranked, ties in the ranking are broken by the
order of the people in the network (``list(G)``), so results are deterministic; anything
random takes an explicit ``seed``. Distances use ``scipy.sparse``; betweenness is
:func:`p2pkit.measures.betweenness` (igraph).
"""

from __future__ import annotations

import math
import random
from dataclasses import asdict, dataclass
from itertools import islice
from typing import Iterable, Iterator, Literal

import networkx as nx
import numpy as np

from .architecture import pairwise_connectivity
from .errors import P2PKitError, require_probability
from .measures import betweenness, to_igraph

__all__ = [
    "STRATEGIES",
    "FailureCurve",
    "Comparison",
    "KnockOut",
    "Redundancy",
    "RandomFailure",
    "Rerouting",
    "Repair",
    "removal_order",
    "removals",
    "failure_curve",
    "targeted_vs_random",
    "compare_curves",
    "failure_verdict",
    "collapse_point",
    "collapse_verdict",
    "knock_out",
    "knock_out_verdict",
    "chart_with_lateral_ties",
    "redundancy",
    "redundancy_verdict",
    "independent_paths",
    "random_failure",
    "percolation_threshold",
    "random_network_giant_share",
    "rerouting",
    "rerouting_verdict",
    "repair",
    "repair_verdict",
    "repaired_network",
    "krackhardt_managers",
]

Strategy = Literal["random", "degree", "betweenness", "top"]

#: Who leaves first, and how the chapter says it.
STRATEGIES: dict[str, str] = {
    "random": "people chosen at random",
    "degree": "the best-connected people (most ties)",
    "betweenness": "the people who sit on most routes between others",
    "top": "the top of the chart first",
}

# --------------------------------------------------------------------------- helpers


def _check_graph(G: nx.Graph, minimum: int = 3) -> int:
    if not isinstance(G, nx.Graph):
        raise P2PKitError("expected a networkx graph of people and ties.")
    if G.is_directed():
        raise P2PKitError("use an undirected network here (G.to_undirected()): a tie then means "
                          "either person can reach the other.")
    n = G.number_of_nodes()
    if n < minimum:
        raise P2PKitError(f"this needs a network of at least {minimum} people; it has {n}.")
    return n


def _check_removed(G: nx.Graph, removed: Iterable) -> list:
    removed = list(removed)
    missing = [v for v in removed if v not in G]
    if missing:
        raise P2PKitError(f"{missing[0]!r} is not in the network; name people as they appear in list(G).")
    if len(set(removed)) != len(removed):
        raise P2PKitError("someone is listed twice among the people who leave.")
    return removed


_check_probability = require_probability  # shared validator (p2pkit.errors)


def _check_count(name: str, value, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not lo <= value <= hi:
        raise P2PKitError(f"{name} must be a whole number from {lo} to {hi}; got {value!r}.")
    return int(value)


def _survivors_pc(H: nx.Graph) -> float:
    """Pairwise connectivity of the people left; 0 when fewer than two are left."""
    return 0.0 if H.number_of_nodes() < 2 else float(pairwise_connectivity(H))


def _largest(H: nx.Graph) -> int:
    return max((len(c) for c in nx.connected_components(H)), default=0)


def _without(G: nx.Graph, removed: Iterable) -> nx.Graph:
    H = G.copy()
    H.remove_nodes_from(removed)
    return H


def _distances(G: nx.Graph, nodes: list) -> np.ndarray:
    """All shortest-path lengths (hops) among ``nodes``; ``inf`` where there is no path."""
    from scipy.sparse.csgraph import shortest_path

    if not nodes:
        return np.zeros((0, 0))
    A = nx.to_scipy_sparse_array(G, nodelist=nodes, weight=None, format="csr")
    return shortest_path(A, method="D", directed=False, unweighted=True)


def _route_scores(G: nx.Graph, nodes: list | None = None, pivots: int | None = None,
                  rng: random.Random | None = None) -> dict:
    """Raw (unnormalised) betweenness of the people in ``nodes``, in the network among them.

    Exact: :func:`p2pkit.measures.betweenness` (``normalized=False``; undirected, each pair
    counted once). With ``pivots`` (fewer than ``len(nodes)``), Brandes & Pich's (2007)
    unbiased estimate: shortest paths are counted only from ``pivots`` source people drawn
    with ``rng`` (``rng.sample`` over the positions in ``nodes``, so a seed gives the same
    sources in every process) and the result is scaled by ``len(nodes) / pivots``, as
    networkx does with ``k=``. The sources are given to igraph's betweenness
    (``sources=``), which networkx cannot be given; without igraph, networkx draws its own.
    """
    nodes = list(G) if nodes is None else list(nodes)
    n = len(nodes)
    if n < 3:
        return {v: 0.0 for v in nodes}
    inside = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from(nodes)  # in this order: the sources are drawn by position
    sub.add_edges_from((u, v) for u in nodes for v in G.adj[u] if v in inside)
    if pivots is None or pivots >= n:
        return betweenness(sub, normalized=False)
    rng = rng or random.Random(0)
    sources = sorted(rng.sample(range(n), pivots))
    try:
        g = to_igraph(sub, nodes)
    except P2PKitError:  # pragma: no cover - igraph is in requirements.txt
        return nx.betweenness_centrality(sub, k=pivots, normalized=False, seed=rng)
    raw = np.asarray(g.betweenness(directed=False, sources=sources), dtype=float)
    return dict(zip(nodes, (raw * (n / pivots)).tolist()))


def _best(candidates, score: dict, order: dict, tiebreak: dict | None = None):
    """The candidate with the highest score (rounded), then higher ``tiebreak``, then first in order."""
    tiebreak = tiebreak or {}
    return min(candidates, key=lambda v: (-round(score[v], 9), -tiebreak.get(v, 0), order[v]))


# --------------------------------------------------------------------------- failure


def removal_order(
    G: nx.Graph,
    strategy: Strategy = "degree",
    count: int | None = None,
    recompute: bool = True,
    seed: int | None = 0,
    pivots: int | None = None,
) -> list:
    """Who leaves first: the order in which people are removed under a failure strategy.

    Parameters
    ----------
    G : networkx.Graph
        An undirected network.
    strategy : {"random", "degree", "betweenness", "top"}
        ``"random"``: a random order (a failure, an "error" in Albert et al. 2000).
        ``"degree"``: the people with most ties first (an attack on the hubs).
        ``"betweenness"``: the people who sit on most shortest routes between others first
        (Freeman 1977; Holme et al. 2002).
        ``"top"``: the top of the chart first, by the node attribute ``level`` (0 or 1 at
        the top, as in :func:`p2pkit.orgs.hierarchy` and the Krackhardt data).
    count : int, optional
        How many people to list (default: everyone).
    recompute : bool, default True
        For ``"degree"`` and ``"betweenness"``: rank again among the people still there
        after each departure (Holme et al.'s "recalculated" attack, the stronger one), or
        rank once at the start and keep that order (``False``; the attack of Albert et al.
        2000). Ignored for ``"random"`` and ``"top"``.
    seed : int or None, default 0
        For ``"random"``: the same seed gives the same order
        (``random.Random(seed).shuffle(list(G))``). Also draws the ``pivots``.
    pivots : int, optional
        For ``"betweenness"`` on large networks: estimate betweenness from this many
        source people per connected group instead of all of them (Brandes & Pich 2007,
        an unbiased estimate). ``None`` (default) computes it exactly.

    Returns
    -------
    list
        The first ``count`` people to leave, in order.

    Raises
    ------
    P2PKitError
        For an unknown strategy, a ``count`` out of range, or ``"top"`` on a network
        without chart levels.

    Notes
    -----
    Ties in a ranking go to the person with more ties (betweenness only), then to the one
    who comes first in ``list(G)``. When recomputing betweenness, only the connected group
    the departed person belonged to is recomputed: betweenness counts routes within a
    group, so the other groups' values do not change (this is exact, and the reason a
    recalculated attack stays fast once the network has broken up).

    References
    ----------
    Albert, R., Jeong, H., & Barabasi, A.-L. (2000). Error and attack tolerance of complex
    networks. *Nature* 406, 378-382.
    Holme, P., Kim, B. J., Yoon, C. N., & Han, S. K. (2002). Attack vulnerability of
    complex networks. *Physical Review E* 65, 056109.
    Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
    Mathematical Sociology* 25(2), 163-177.
    Brandes, U., & Pich, C. (2007). Centrality estimation in large networks.
    *International Journal of Bifurcation and Chaos* 17(7), 2303-2318.

    Examples
    --------
    >>> from p2pkit import orgs
    >>> removal_order(orgs.hierarchy(3, 2), "degree", count=3)
    [1, 2, 0]
    >>> removal_order(orgs.hierarchy(3, 2), "top", count=3)
    [0, 1, 2]
    """
    n = _check_graph(G, minimum=1)
    count = n if count is None else _check_count("count", count, 0, n)
    return list(islice(removals(G, strategy, recompute=recompute, seed=seed, pivots=pivots), count))


def removals(
    G: nx.Graph,
    strategy: Strategy = "degree",
    recompute: bool = True,
    seed: int | None = 0,
    pivots: int | None = None,
) -> Iterator:
    """The same order as :func:`removal_order`, one person at a time (a generator).

    Useful when it is not known in advance how many departures will be needed: a live
    control can ask for one more without starting again. The arguments are those of
    :func:`removal_order`, which is ``list(islice(removals(...), count))``.

    Examples
    --------
    >>> from p2pkit import orgs
    >>> people = removals(orgs.client_server(5), "degree")
    >>> next(people), next(people)
    (0, 1)
    """
    n = _check_graph(G, minimum=1)
    if strategy not in STRATEGIES:
        raise P2PKitError(f"unknown strategy {strategy!r}; choose one of: {', '.join(STRATEGIES)}.")
    if strategy == "top":
        levels = nx.get_node_attributes(G, "level")
        if len(levels) != n:
            raise P2PKitError("this network has no chart levels (a 'level' on every person); "
                              "choose 'degree', 'betweenness' or 'random' instead.")
    if pivots is not None:
        pivots = _check_count("pivots", pivots, 1, max(1, n))
    return _removals(G.copy(), strategy, bool(recompute), seed, pivots)


def _removals(G: nx.Graph, strategy: str, recompute: bool, seed, pivots) -> Iterator:
    order = {v: i for i, v in enumerate(G)}
    if strategy == "random":
        people = list(G)
        random.Random(seed).shuffle(people)
        yield from people
        return
    if strategy == "top":
        levels = nx.get_node_attributes(G, "level")
        yield from sorted(G, key=lambda v: (levels[v], order[v]))
        return
    if strategy == "degree":
        deg = {v: float(d) for v, d in G.degree()}
        if not recompute:
            yield from sorted(G, key=lambda v: (-deg[v], order[v]))
            return
        H = G
        while H:
            v = _best(H, deg, order)
            for u in H.adj[v]:
                deg[u] -= 1
            H.remove_node(v)
            del deg[v]
            yield v
        return
    # betweenness
    rng = random.Random(seed)
    bc = _route_scores(G, pivots=pivots, rng=rng)
    deg = dict(G.degree())
    if not recompute:
        yield from sorted(G, key=lambda v: (-round(bc[v], 9), -deg[v], order[v]))
        return
    H = G
    while H:
        v = _best(H, bc, order, deg)
        group = nx.node_connected_component(H, v)
        for u in H.adj[v]:
            deg[u] -= 1
        H.remove_node(v)
        del bc[v], deg[v]
        group.discard(v)
        yield v
        if group:
            for part in nx.connected_components(H.subgraph(group)):
                bc.update(_route_scores(H, sorted(part, key=order.__getitem__), pivots=pivots, rng=rng))


def _curve_from_order(G: nx.Graph, removed: list) -> tuple[list, list]:
    """Connected pairs and largest group after 0..len(removed) departures.

    Works backwards (Newman & Ziff 2000): start from the people who never leave and add
    the departed back one at a time, merging groups with a union-find. The whole curve
    costs about as much as one count of connected groups.
    """
    gone = set(removed)
    parent: dict = {}
    size: dict = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    state = {"pairs": 0, "largest": 0}

    def add(v):
        parent[v] = v
        size[v] = 1
        state["largest"] = max(state["largest"], 1)
        for u in G.adj[v]:
            if u in parent:
                a, b = find(u), find(v)
                if a != b:
                    if size[a] < size[b]:
                        a, b = b, a
                    state["pairs"] += size[a] * size[b]
                    parent[b] = a
                    size[a] += size[b]
                    state["largest"] = max(state["largest"], size[a])

    for v in G:
        if v not in gone:
            add(v)
    pairs = [state["pairs"]]
    largest = [state["largest"]]
    for v in reversed(removed):
        add(v)
        pairs.append(state["pairs"])
        largest.append(state["largest"])
    return pairs[::-1], largest[::-1]


@dataclass(frozen=True)
class FailureCurve:
    """What is left after 0, 1, 2, ... departures (see :func:`failure_curve`)."""

    strategy: str
    recompute: bool
    trials: int
    order: tuple
    pairwise: tuple
    largest: tuple

    @property
    def removed(self) -> tuple:
        """Number of people removed at each point of the curve: ``0 .. len(pairwise) - 1``."""
        return tuple(range(len(self.pairwise)))

    def as_dict(self) -> dict:
        return asdict(self)


def failure_curve(
    G: nx.Graph,
    strategy: Strategy = "degree",
    removals: int | None = None,
    recompute: bool = True,
    trials: int | None = None,
    seed: int | None = 0,
    pivots: int | None = None,
    order: Iterable | None = None,
) -> FailureCurve:
    """What still holds together as people leave, one after another.

    Parameters
    ----------
    G : networkx.Graph
        An undirected network of at least 3 people.
    strategy, recompute, seed, pivots : see :func:`removal_order`.
    removals : int, optional
        How many departures to follow, at most ``n - 2`` (default), so that at least two
        people are left.
    trials : int, optional
        For ``"random"``: how many random orders to average over (default 20); they are
        drawn one after another from ``random.Random(seed)``, so the first is
        ``removal_order(G, "random", seed=seed)``. Targeted strategies are deterministic
        and use one.
    order : iterable, optional
        Follow this removal order instead of computing one (for example one computed
        earlier with :func:`removals`); ``strategy`` is then only a label and
        ``removals`` defaults to its length.

    Returns
    -------
    FailureCurve
        ``pairwise[k]``: after ``k`` departures, the share of pairs of the people left who
        can still reach each other (:func:`p2pkit.architecture.pairwise_connectivity`;
        Borgatti 2006). ``largest[k]``: the largest connected group as a share of the
        *original* organisation (the "giant component" S of Albert et al. 2000).
        ``order``: who left (for ``"random"``, the first trial's order).

    Notes
    -----
    The curve is computed backwards with a union-find (Newman & Ziff 2000) rather than by
    recounting groups after every departure; the tests check it against
    :func:`p2pkit.architecture.pairwise_connectivity` at every step.

    References
    ----------
    Albert, R., Jeong, H., & Barabasi, A.-L. (2000). Error and attack tolerance of complex
    networks. *Nature* 406, 378-382.
    Borgatti, S. P. (2006). Identifying sets of key players in a social network.
    *Computational and Mathematical Organization Theory* 12, 21-34.
    Newman, M. E. J., & Ziff, R. M. (2000). Efficient Monte Carlo algorithm and
    high-precision results for percolation. *Physical Review Letters* 85, 4104-4107.

    Examples
    --------
    >>> from p2pkit import orgs
    >>> c = failure_curve(orgs.client_server(6), "degree", removals=2)
    >>> c.pairwise, c.largest
    ((1.0, 0.0, 0.0), (1.0, 0.16666666666666666, 0.16666666666666666))
    """
    n = _check_graph(G)
    if order is not None:
        given = _check_removed(G, order)
        removals = len(given) if removals is None else removals
        removals = _check_count("removals", removals, 0, min(n - 2, len(given)))
        pairs, largest = _curve_from_order(G, given[:removals])
        total = [(n - k) * (n - k - 1) / 2 for k in range(removals + 1)]
        return FailureCurve(str(strategy), bool(recompute), 1, tuple(given[:removals]),
                            tuple(p / t for p, t in zip(pairs, total)), tuple(x / n for x in largest))
    if strategy not in STRATEGIES:
        raise P2PKitError(f"unknown strategy {strategy!r}; choose one of: {', '.join(STRATEGIES)}.")
    removals = n - 2 if removals is None else _check_count("removals", removals, 0, n - 2)
    total = [(n - k) * (n - k - 1) / 2 for k in range(removals + 1)]
    if strategy == "random":
        trials = 20 if trials is None else _check_count("trials", trials, 1, 100_000)
        rng = random.Random(seed)
        pc = np.zeros(removals + 1)
        lg = np.zeros(removals + 1)
        first: tuple | None = None
        for _ in range(trials):
            people = list(G)
            rng.shuffle(people)
            removed = people[:removals]
            if first is None:
                first = tuple(removed)
            pairs, largest = _curve_from_order(G, removed)
            pc += np.array(pairs) / total
            lg += np.array(largest) / n
        return FailureCurve(strategy, bool(recompute), trials, first,
                            tuple(float(x) for x in pc / trials), tuple(float(x) for x in lg / trials))
    removed = removal_order(G, strategy, count=removals, recompute=recompute, seed=seed, pivots=pivots)
    pairs, largest = _curve_from_order(G, removed)
    return FailureCurve(strategy, bool(recompute) if strategy in ("degree", "betweenness") else False, 1,
                        tuple(removed), tuple(p / t for p, t in zip(pairs, total)),
                        tuple(s / n for s in largest))


@dataclass(frozen=True)
class Comparison:
    """Targeted against random departures of the same number of people."""

    people: int
    strategy: str
    recompute: bool
    removed: tuple
    targeted_cut: float
    random_cut: float
    trials: int

    def as_dict(self) -> dict:
        return asdict(self)


def targeted_vs_random(
    G: nx.Graph,
    people: int,
    strategy: Strategy = "degree",
    recompute: bool = True,
    trials: int = 50,
    seed: int | None = 0,
) -> Comparison:
    """Share of pairs cut off when ``people`` leave by ``strategy``, and when as many leave at random.

    Parameters
    ----------
    G : networkx.Graph
        An undirected network of at least 3 people.
    people : int
        How many leave (0 to ``n - 2``).
    strategy : {"degree", "betweenness", "top"}, default "degree"
        The targeted strategy (see :func:`removal_order`).
    recompute : bool, default True
        See :func:`removal_order`.
    trials : int, default 50
        Random orders averaged for the comparison.
    seed : int or None, default 0

    Returns
    -------
    Comparison
        ``targeted_cut`` and ``random_cut``: one minus the pairwise connectivity of the
        people left (Borgatti's 2006 fragmentation), for the targeted departures and on
        average over ``trials`` random ones. ``removed``: who left in the targeted case.

    References
    ----------
    Albert, R., Jeong, H., & Barabasi, A.-L. (2000). Error and attack tolerance of complex
    networks. *Nature* 406, 378-382.

    Examples
    --------
    >>> from p2pkit import orgs
    >>> c = targeted_vs_random(orgs.client_server(10), 1, trials=1000)
    >>> c.targeted_cut, round(c.random_cut, 2)
    (1.0, 0.1)
    """
    n = _check_graph(G)
    people = _check_count("people", people, 0, n - 2)
    if strategy == "random":
        raise P2PKitError("choose a targeted strategy ('degree', 'betweenness' or 'top'); "
                          "the random one is the comparison.")
    t = failure_curve(G, strategy, removals=people, recompute=recompute, seed=seed)
    r = failure_curve(G, "random", removals=people, trials=trials, seed=seed)
    return compare_curves(t, r, people)


def compare_curves(targeted: FailureCurve, at_random: FailureCurve, people: int) -> Comparison:
    """The :class:`Comparison` after ``people`` departures, read off two failure curves.

    Lets a figure that already has the curves (:func:`failure_curve`) give the verdict at
    every step without recomputing them; :func:`targeted_vs_random` is this applied to
    fresh curves.

    Examples
    --------
    >>> from p2pkit import orgs
    >>> G = orgs.client_server(10)
    >>> t = failure_curve(G, "degree", removals=3)
    >>> r = failure_curve(G, "random", removals=3, trials=1000)
    >>> c = compare_curves(t, r, 1)
    >>> c.targeted_cut, round(c.random_cut, 2)
    (1.0, 0.1)
    """
    if at_random.strategy != "random" or targeted.strategy == "random":
        raise P2PKitError("give a targeted curve first and a random one second.")
    top = min(len(targeted.pairwise), len(at_random.pairwise)) - 1
    people = _check_count("people", people, 0, top)
    return Comparison(people, targeted.strategy, targeted.recompute, targeted.order[:people],
                      1.0 - targeted.pairwise[people], 1.0 - at_random.pairwise[people], at_random.trials)


def _people(k: int) -> str:
    return "1 person" if k == 1 else f"{k} people"


def _targeted_label(strategy: str, k: int) -> str:
    if strategy == "degree":
        return "the best-connected person" if k == 1 else f"the {k} best-connected people"
    if strategy == "betweenness":
        return ("the person who sits on most routes" if k == 1
                else f"the {k} people who sit on most routes")
    return "the top of the chart" if k == 1 else f"the top {k} people of the chart"


def failure_verdict(c: Comparison) -> str:
    """One sentence comparing targeted and random departures, computed from ``c``.

    Examples
    --------
    >>> from p2pkit import orgs
    >>> failure_verdict(targeted_vs_random(orgs.client_server(10), 1, trials=1000))
    'Removing the best-connected person cuts 100% of the pairs of those left; removing 1 person at random cuts 10% on average.'
    """
    k = c.people
    if k == 0:
        return "Nobody has left yet: everyone can still reach everyone they could before."
    return (f"Removing {_targeted_label(c.strategy, k)} cuts {c.targeted_cut:.0%} of the pairs of "
            f"those left; removing {_people(k)} at random cuts {c.random_cut:.0%} on average.")


def collapse_point(c: FailureCurve, below: float = 0.05) -> int | None:
    """The fewest departures after which the largest connected group holds less than ``below``
    of everyone there was (the network has fallen apart), read off a failure curve.

    Parameters
    ----------
    c : FailureCurve
        From :func:`failure_curve` (``c.largest`` is the share of the *original* people in the
        largest group after each departure; for ``"random"`` it is the mean over the trials).
    below : float, default 0.05
        The share below which the network counts as fallen apart.

    Returns
    -------
    int or None
        The number of departures, or ``None`` if the largest group never falls below
        ``below`` within the curve.

    References
    ----------
    Albert, R., Jeong, H., & Barabasi, A.-L. (2000). Error and attack tolerance of complex
    networks. *Nature* 406, 378-382 (the size S of the largest cluster against the share
    removed).

    Examples
    --------
    >>> from p2pkit import orgs
    >>> collapse_point(failure_curve(orgs.client_server(30), "degree"))
    1
    >>> collapse_point(failure_curve(nx.complete_graph(10), "degree")) is None
    True
    """
    below = _check_probability("below", below)
    return next((k for k, s in enumerate(c.largest) if s < below), None)


def collapse_verdict(at_random: FailureCurve, targeted: FailureCurve, people: int, below: float = 0.05) -> str:
    """One sentence comparing when a network of ``people`` falls apart under random failure and
    under a targeted attack (:func:`collapse_point` of each curve).

    Examples
    --------
    >>> from p2pkit import orgs
    >>> G = orgs.client_server(30)
    >>> collapse_verdict(failure_curve(G, "random", trials=5), failure_curve(G, "degree"), 30)
    'At random, the largest group falls below 5% of everyone when 57% have left; with the best-connected leaving first, it falls below 5% of everyone when 3% have left.'
    >>> K = nx.complete_graph(10)
    >>> collapse_verdict(failure_curve(K, "random"), failure_curve(K, "degree"), 10)
    'At random, the largest group still holds 20% of everyone when all but two have left; with the best-connected leaving first, it still holds 20% of everyone when all but two have left.'
    """
    if at_random.strategy != "random" or targeted.strategy == "random":
        raise P2PKitError("give a random curve first and a targeted one second.")
    people = _check_count("people", people, 3, 10**9)

    def when(c: FailureCurve) -> str:
        k = collapse_point(c, below)
        if k is None:
            last = len(c.largest) - 1
            tail = "all but two have left" if last >= people - 2 else f"{last / people:.0%} have left"
            return f"still holds {c.largest[-1]:.0%} of everyone when {tail}"
        return f"falls below {below:.0%} of everyone when {k / people:.0%} have left"

    how = {"degree": "the best-connected", "betweenness": "the people on most routes",
           "top": "the top of the chart"}.get(targeted.strategy, "the chosen people")
    return f"At random, the largest group {when(at_random)}; with {how} leaving first, it {when(targeted)}."


@dataclass(frozen=True)
class KnockOut:
    """What one set of departures does (see :func:`knock_out`)."""

    removed: tuple
    people_left: int
    pairwise: float
    largest: float
    cut_off: int
    groups: int
    single_points: tuple
    outside: tuple = ()

    def as_dict(self) -> dict:
        return asdict(self)


def knock_out(G: nx.Graph, removed: Iterable) -> KnockOut:
    """What happens to the others when the people in ``removed`` leave.

    Parameters
    ----------
    G : networkx.Graph
        An undirected network.
    removed : iterable
        The people who leave.

    Returns
    -------
    KnockOut
        ``pairwise``: share of pairs of the people left who can still reach each other
        (:func:`p2pkit.architecture.pairwise_connectivity`; 0 if fewer than two are left);
        ``largest``: the largest connected group as a share of the original organisation;
        ``cut_off``: people left outside that group; ``groups``: number of connected
        groups; ``single_points``: people whose departure *now* would cut someone off
        (articulation points; Hopcroft & Tarjan 1973); ``outside``: the people left who
        are not in the largest group (if several groups are equally large, the one holding
        the person who comes first in ``list(G)`` counts as the largest), in the order of
        ``list(G)``.

    References
    ----------
    Borgatti, S. P. (2006). Identifying sets of key players in a social network.
    *Computational and Mathematical Organization Theory* 12, 21-34.

    Examples
    --------
    >>> from p2pkit import orgs
    >>> k = knock_out(orgs.hierarchy(3, 3), [0])
    >>> round(k.pairwise, 4), k.groups, k.cut_off
    (0.2727, 3, 8)
    """
    n = _check_graph(G, minimum=1)
    removed = _check_removed(G, removed)
    H = _without(G, removed)
    order = {v: i for i, v in enumerate(G)}
    big = _largest(H)
    main = max(nx.connected_components(H), key=len) if H.number_of_nodes() else set()
    return KnockOut(
        removed=tuple(removed),
        people_left=H.number_of_nodes(),
        pairwise=_survivors_pc(H),
        largest=big / n,
        cut_off=H.number_of_nodes() - big,
        groups=nx.number_connected_components(H),
        single_points=tuple(sorted(nx.articulation_points(H), key=order.__getitem__)),
        outside=tuple(v for v in G if v in H and v not in main),
    )


def knock_out_verdict(k: KnockOut, who: str | None = None) -> str:
    """One sentence on what a set of departures does, computed from ``k`` (:func:`knock_out`).

    ``who`` names the people who left in the sentence (default: "them", or "that person").

    Examples
    --------
    >>> from p2pkit import orgs
    >>> knock_out_verdict(knock_out(orgs.hierarchy(3, 3), [0]), "the top")
    'Without the top, 27% of the pairs of the 12 people left can still reach each other; 8 of them are cut off from the largest group.'
    >>> knock_out_verdict(knock_out(nx.cycle_graph(6), [0]))
    'Without that person, all 5 people left can still reach each other: nobody is cut off.'
    >>> knock_out_verdict(knock_out(nx.cycle_graph(6), []))
    'Nobody has left: everyone can still reach everyone they could before.'
    """
    if not k.removed:
        return "Nobody has left: everyone can still reach everyone they could before."
    who = who or ("that person" if len(k.removed) == 1 else "them")
    if k.people_left < 2:
        return f"Without {who}, fewer than two people are left."
    if k.groups == 1:
        return f"Without {who}, all {k.people_left} people left can still reach each other: nobody is cut off."
    cut = "1 of them is" if k.cut_off == 1 else f"{k.cut_off} of them are"
    return (f"Without {who}, {k.pairwise:.0%} of the pairs of the {k.people_left} people left can still "
            f"reach each other; {cut} cut off from the largest group.")


# --------------------------------------------------------------------------- redundancy


def chart_with_lateral_ties(levels: int, span: int, p: float, k: int = 4, rewire: float = 0.1,
                            seed: int | None = 0) -> nx.Graph:
    """An organisation chart that keeps every reporting line and gains lateral ties.

    The lateral ties are those that :func:`p2pkit.orgs.hybrid` adds on the way from the
    chart to a peer mesh (a share ``p`` of the mesh's ties, in a seeded order); unlike
    ``hybrid``, no reporting line is dropped. This is *redundancy* in its plainest form:
    the same people and the same chart, plus extra routes.

    Parameters
    ----------
    levels, span : int
        The chart (:func:`p2pkit.orgs.hierarchy`).
    p : float
        Share of the peer mesh's ties added, 0 to 1.
    k, rewire, seed : see :func:`p2pkit.orgs.peer_mesh`.

    Returns
    -------
    networkx.Graph
        Nodes keep the chart's ``level``; graph attribute ``p``.

    References
    ----------
    Watts, D. J., & Strogatz, S. H. (1998). Collective dynamics of 'small-world' networks.
    *Nature* 393, 440-442 (the peer mesh the lateral ties come from).

    Examples
    --------
    >>> from p2pkit import orgs
    >>> G = chart_with_lateral_ties(3, 3, 0.0)
    >>> sorted(G.edges()) == sorted(orgs.hierarchy(3, 3).edges())
    True
    >>> chart_with_lateral_ties(3, 3, 1.0).number_of_edges() > 12
    True
    """
    from . import orgs

    chart = orgs.hierarchy(levels, span)
    G = nx.compose(chart, orgs.hybrid(levels, span, p, k=k, rewire=rewire, seed=seed))
    nx.set_node_attributes(G, nx.get_node_attributes(chart, "level"), "level")
    G.graph.update(shape="chart with lateral ties", p=float(p))
    return G



@dataclass(frozen=True)
class Redundancy:
    """How much redundancy a network has (see :func:`redundancy`)."""

    people: int
    ties: int
    node_connectivity: int
    single_points: tuple
    bridges: tuple
    fewest_ties: int
    exact: bool = True

    def as_dict(self) -> dict:
        return asdict(self)


def _node_connectivity(G: nx.Graph, exact: bool = True) -> tuple[int, bool]:
    """Node connectivity, with quick answers where the structure gives one away."""
    n = G.number_of_nodes()
    if n < 2 or not nx.is_connected(G):
        return 0, True
    m = G.number_of_edges()
    if m == n * (n - 1) // 2:
        return n - 1, True  # complete: no set of people disconnects it (Whitney's convention)
    fewest = min(d for _, d in G.degree())
    if fewest <= 1 or any(True for _ in nx.articulation_points(G)):
        return 1, True
    if fewest == 2:
        return 2, True  # biconnected, and someone's two neighbours would cut them off
    if not exact:
        return 2, False  # biconnected: at least 2
    return int(nx.node_connectivity(G)), True


def redundancy(G: nx.Graph, exact: bool = True) -> Redundancy:
    """How many people must leave at once before anyone is cut off, and where the weak spots are.

    Parameters
    ----------
    G : networkx.Graph
        An undirected network.
    exact : bool, default True
        If False, skip the slow flow computation (see Notes): ``node_connectivity`` is
        then a lower bound (2) wherever the quick rules do not settle it, and ``exact``
        is False.

    Returns
    -------
    Redundancy
        ``node_connectivity``: the smallest number of people whose departure cuts someone
        off (0 if the network is already in pieces; ``n - 1`` for a complete network). By
        Menger's (1927) theorem this is also the number of routes that share nobody in
        between that every pair of people has, at the least (:func:`independent_paths`).
        ``single_points``: articulation points; ``bridges``: ties whose loss splits the
        network (Hopcroft & Tarjan 1973); ``fewest_ties``: the smallest number of ties any
        one person has (an upper bound on node connectivity); ``exact``: False when
        ``node_connectivity`` is only the lower bound 2 (``exact=False``).

    Notes
    -----
    When the network has a single point of failure, or someone with only two ties, the
    connectivity follows at once (1 or 2); otherwise it is computed with networkx's
    flow-based algorithm (Even 1975; Esfahanian 2013), which is slower.

    References
    ----------
    Menger, K. (1927). Zur allgemeinen Kurventheorie. *Fundamenta Mathematicae* 10, 96-115.
    Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
    manipulation. *Communications of the ACM* 16(6), 372-378.

    Examples
    --------
    >>> r = redundancy(nx.cycle_graph(8))
    >>> r.node_connectivity, r.single_points, r.bridges
    (2, (), ())
    """
    _check_graph(G, minimum=2)
    order = {v: i for i, v in enumerate(G)}
    kappa, is_exact = _node_connectivity(G, exact)
    bridges = tuple(sorted((tuple(sorted(e, key=order.__getitem__)) for e in nx.bridges(G)),
                           key=lambda e: (order[e[0]], order[e[1]])))
    return Redundancy(
        people=G.number_of_nodes(),
        ties=G.number_of_edges(),
        node_connectivity=kappa,
        single_points=tuple(sorted(nx.articulation_points(G), key=order.__getitem__)),
        bridges=bridges,
        fewest_ties=min(d for _, d in G.degree()),
        exact=is_exact,
    )


def redundancy_verdict(r: Redundancy) -> str:
    """One sentence on the network's redundancy, computed from ``r``.

    Examples
    --------
    >>> redundancy_verdict(redundancy(nx.cycle_graph(8)))
    'No single person now holds the network together: at least 2 people would have to leave at once to cut anyone off.'
    """
    k = r.node_connectivity
    if k == 0:
        return "The network is already in pieces: some people cannot reach each other at all."
    if k == 1:
        s = len(r.single_points)
        who = "1 person holds" if s == 1 else f"{s} people each hold"
        text = f"{who} the network together: losing any one of them cuts someone off."
        if r.bridges:
            b = len(r.bridges)
            text += f" {b} {'tie is' if b == 1 else 'ties are'} the only link between two sides."
        return text
    if k >= r.people - 1:
        return "Everyone is tied to everyone: nobody can be cut off, whoever leaves."
    return (f"No single person now holds the network together: at least {k} people would "
            "have to leave at once to cut anyone off.")


def independent_paths(G: nx.Graph, a, b) -> list:
    """Routes from ``a`` to ``b`` that share nobody in between, as many as there can be.

    Parameters
    ----------
    G : networkx.Graph
        An undirected network.
    a, b : node
        Two people who are not tied directly.

    Returns
    -------
    list of list
        Node-independent paths, each from ``a`` to ``b``, shortest first. Their number is
        the local node connectivity of ``a`` and ``b``: by Menger's (1927) theorem, the
        fewest people whose departure separates them.

    Raises
    ------
    P2PKitError
        If ``a`` or ``b`` is not in the network, they are the same person, or they are
        tied directly (then any number of others can leave without separating them).

    References
    ----------
    Menger, K. (1927). Zur allgemeinen Kurventheorie. *Fundamenta Mathematicae* 10, 96-115.

    Examples
    --------
    >>> independent_paths(nx.cycle_graph(6), 0, 3)
    [[0, 1, 2, 3], [0, 5, 4, 3]]
    """
    _check_graph(G, minimum=2)
    for v in (a, b):
        if v not in G:
            raise P2PKitError(f"{v!r} is not in the network; name people as they appear in list(G).")
    if a == b:
        raise P2PKitError("choose two different people.")
    if G.has_edge(a, b):
        raise P2PKitError(f"{a!r} and {b!r} are tied directly; choose two people who are not.")
    if not nx.has_path(G, a, b):
        return []
    paths = [list(p) for p in nx.node_disjoint_paths(G, a, b)]
    return sorted(paths, key=lambda p: (len(p), [str(x) for x in p]))


# --------------------------------------------------------------------------- random failure


@dataclass(frozen=True)
class RandomFailure:
    """Averages over random failures where everyone stays with probability ``keep``."""

    keep: float
    trials: int
    largest: float
    pairwise: float
    connected_pairs: float

    def as_dict(self) -> dict:
        return asdict(self)


def random_failure(G: nx.Graph, keep: float, trials: int = 200, seed: int | None = 0) -> RandomFailure:
    """Everyone stays independently with probability ``keep``: what holds together, on average.

    This is site percolation on the network: each person is kept with probability
    ``keep`` and removed otherwise, independently.

    Parameters
    ----------
    G : networkx.Graph
        An undirected network.
    keep : float
        Probability that each person stays (0 to 1).
    trials : int, default 200
        Number of random draws averaged.
    seed : int or None, default 0
        Seed of ``numpy.random.default_rng``; the same seed gives the same result.

    Returns
    -------
    RandomFailure
        Means over the trials of: ``largest``, the largest connected group as a share of
        the original organisation; ``pairwise``, the pairwise connectivity of the people
        left (0 when fewer than two are left); ``connected_pairs``, the share of all the
        original pairs that are both still there and still connected.

    Notes
    -----
    On a path of ``n`` people, two people ``d`` apart stay connected only if all ``d + 1``
    people from one to the other stay, so the expected ``connected_pairs`` is
    ``sum((n - d) * keep**(d + 1) for d in 1..n-1) / C(n, 2)``; the tests check this.

    References
    ----------
    Callaway, D. S., Newman, M. E. J., Strogatz, S. H., & Watts, D. J. (2000). Network
    robustness and fragility: percolation on random graphs. *Physical Review Letters* 85,
    5468-5471.

    Examples
    --------
    >>> random_failure(nx.complete_graph(5), keep=1.0, trials=3).largest
    1.0
    """
    n = _check_graph(G, minimum=2)
    keep = _check_probability("keep", keep)
    trials = _check_count("trials", trials, 1, 1_000_000)
    rng = np.random.default_rng(seed)
    nodes = list(G)
    total = n * (n - 1) / 2
    lg = pc = cp = 0.0
    for _ in range(trials):
        stays = rng.random(n) < keep
        left = [v for v, s in zip(nodes, stays) if s]
        gone = [v for v, s in zip(nodes, stays) if not s]
        pairs, largest = _curve_from_order(G, gone)
        m = len(left)
        lg += largest[-1] / n
        pc += pairs[-1] / (m * (m - 1) / 2) if m >= 2 else 0.0
        cp += pairs[-1] / total
    return RandomFailure(keep, trials, lg / trials, pc / trials, cp / trials)


def percolation_threshold(G: nx.Graph) -> float:
    """Share of people who must stay for a random network with these degrees to hold together.

    The Molloy-Reed criterion applied to site percolation (Callaway et al. 2000; Cohen et
    al. 2000): in a large random network with the same distribution of ties per person
    as ``G``, a connected group spanning a fixed share of everyone survives random
    departures only while the share that stays is above
    ``<k> / (<k^2> - <k>)``. For a random (Erdos-Renyi) network this is ``1 / <k>``.

    Parameters
    ----------
    G : networkx.Graph
        An undirected network; only its degree sequence is used.

    Returns
    -------
    float
        The critical share ``keep_c``. A value of 1 or more means that even with everyone
        present such a random network has no spanning group; ``inf`` if nobody has more
        than one tie.

    Notes
    -----
    This describes a *random* network with ``G``'s degrees, not ``G`` itself: clustered,
    tree-like or geographic networks (an organisation chart, a ring of neighbours) can
    break up much sooner. Few hubs with many ties make ``<k^2>`` large and the threshold
    low: such networks survive random failure well and targeted removal badly (Albert et
    al. 2000).

    References
    ----------
    Molloy, M., & Reed, B. (1995). A critical point for random graphs with a given degree
    sequence. *Random Structures & Algorithms* 6(2-3), 161-179.
    Callaway, D. S., Newman, M. E. J., Strogatz, S. H., & Watts, D. J. (2000). Network
    robustness and fragility: percolation on random graphs. *Physical Review Letters* 85,
    5468-5471.
    Cohen, R., Erez, K., ben-Avraham, D., & Havlin, S. (2000). Resilience of the Internet
    to random breakdowns. *Physical Review Letters* 85, 4626-4628.

    Examples
    --------
    >>> percolation_threshold(nx.random_regular_graph(4, 20, seed=1))
    0.3333333333333333
    """
    _check_graph(G, minimum=2)
    k = np.array([d for _, d in G.degree()], dtype=float)
    m1, m2 = k.mean(), (k**2).mean()
    if m2 - m1 <= 0:
        return math.inf
    return float(m1 / (m2 - m1))


def random_network_giant_share(mean_degree: float, keep: float = 1.0) -> float:
    """Expected share of everyone in the largest group of a large random network after random failure.

    In an Erdos-Renyi network with ``mean_degree`` ties per person in which each person
    stays with probability ``keep``, the people left form a random network with
    ``keep * mean_degree`` ties each among themselves. The share ``S`` of the original
    organisation in the giant group solves ``S = keep * (1 - exp(-mean_degree * S))``
    (Erdos & Renyi 1960; Callaway et al. 2000); ``S = 0`` when
    ``keep * mean_degree <= 1``.

    Parameters
    ----------
    mean_degree : float
        Average ties per person, ``<k>`` (non-negative).
    keep : float, default 1.0
        Probability that each person stays.

    Returns
    -------
    float
        ``S`` in the limit of a large network.

    References
    ----------
    Erdos, P., & Renyi, A. (1960). On the evolution of random graphs. *Publications of
    the Mathematical Institute of the Hungarian Academy of Sciences* 5, 17-61.
    Callaway, D. S., Newman, M. E. J., Strogatz, S. H., & Watts, D. J. (2000). Network
    robustness and fragility: percolation on random graphs. *Physical Review Letters* 85,
    5468-5471.

    Examples
    --------
    >>> round(random_network_giant_share(2.0), 4)
    0.7968
    >>> random_network_giant_share(4.0, keep=0.2)
    0.0
    """
    keep = _check_probability("keep", keep)
    try:
        c = float(mean_degree)
    except (TypeError, ValueError):
        raise P2PKitError(f"mean_degree must be a number of ties per person; got {mean_degree!r}.") from None
    if c < 0 or math.isnan(c) or math.isinf(c):
        raise P2PKitError(f"mean_degree must be a non-negative number; got {mean_degree!r}.")
    if keep * c <= 1.0:
        return 0.0
    s = keep  # start at the top: the iteration then falls to the non-zero root
    for _ in range(10_000):
        nxt = keep * (1.0 - math.exp(-c * s))
        if abs(nxt - s) < 1e-14:
            break
        s = nxt
    return float(nxt)


# --------------------------------------------------------------------------- self-correction


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

    def as_dict(self) -> dict:
        return asdict(self)


def rerouting(G: nx.Graph, removed: Iterable) -> Rerouting:
    """How much longer the routes between the people left become when others leave.

    Messages re-route around a gap along the next-shortest path. For every pair of people
    who stay and who could reach each other before, this compares the number of hand-offs
    before and after the departures.

    Parameters
    ----------
    G : networkx.Graph
        An undirected network.
    removed : iterable
        The people who leave.

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
    _check_graph(G, minimum=2)
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

    def as_dict(self) -> dict:
        return asdict(self)


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
    G : networkx.Graph
        An undirected network.
    removed : iterable
        The people who leave.
    s : float, default 0.5
        Probability that a cut-off person acts in a given round (0 to 1).
    seed : int or None, default 0
        Seed of ``random.Random``; the same seed gives the same repair.
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
    n = _check_graph(G, minimum=2)
    removed = _check_removed(G, removed)
    s = _check_probability("s", s)
    max_rounds = _check_count("max_rounds", max_rounds, 1, 1_000_000)
    if n - len(removed) < 1:
        raise P2PKitError("everyone has left: there is nobody to repair the network.")
    gone = set(removed)
    order = {v: i for i, v in enumerate(G)}
    H = _without(G, removed)
    rng = random.Random(seed)
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
    _check_graph(G, minimum=2)
    removed = _check_removed(G, r.removed)
    H = _without(G, removed)
    for u, v in r.new_ties:
        if u not in H or v not in H:
            raise P2PKitError("this repair does not belong to this network: a new tie joins someone who is not in it.")
    H.add_edges_from(r.new_ties)
    return H


# --------------------------------------------------------------------------- real data


def krackhardt_managers() -> dict:
    """Krackhardt's (1987) 21 managers: the formal chart and the advice network.

    Returns
    -------
    dict
        ``{"chart": G, "advice": G, "sought": [...]}``: the reporting lines and the advice
        ties as undirected networks (two managers are tied if either reports to, or asks
        advice of, the other), and the managers by how many colleagues seek their advice
        (in-degree in the directed advice data), most first, ties by number. Nodes are the
        managers' numbers as strings and carry ``level`` (1 the CEO, 2 vice-presidents,
        3 managers) and ``dept``.

    References
    ----------
    Krackhardt, D. (1987). Cognitive social structures. *Social Networks* 9, 109-134.

    Examples
    --------
    >>> m = krackhardt_managers()
    >>> m["sought"][:3], m["chart"].number_of_edges()
    (['2', '18', '21'], 20)
    """
    from . import orgs

    chart = orgs.load_dataset("krack_reports", top_down=True)
    advice = orgs.load_dataset("krack_advice")
    sought = sorted(advice, key=lambda v: (-advice.in_degree(v), int(v)))
    return {"chart": chart.to_undirected(), "advice": advice.to_undirected(), "sought": sought}
