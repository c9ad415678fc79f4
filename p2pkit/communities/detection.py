"""Which communities are there, how clear-cut are they, and do they follow the chart?

Part of :mod:`p2pkit.communities` (chapter 2): :func:`detect` (Louvain; Blondel et al. 2008),
:func:`modularity` (Newman & Girvan 2004), :func:`membership`, :func:`agreement` (adjusted
Rand index; Hubert & Arabie 1985), :func:`chance_modularity` (what the same method finds in
random networks; Guimera et al. 2004) and :func:`chart_vs_informal` with
:func:`chart_verdict` (informal communities against a formal chart).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from ..errors import P2PKitError, require_graph, require_whole_number
from ..seeding import python_random
from ._common import _undirected

__all__ = [
    "detect", "modularity", "membership", "agreement", "chance_modularity",
    "ChartComparison", "chart_vs_informal", "chart_verdict",
]


def detect(G: nx.Graph, resolution: float = 1.0, seed: int | None = 0) -> list[set]:
    """Find node communities by maximising modularity (the Louvain method).

    Parameters
    ----------
    G : networkx.Graph
        An undirected network (a directed one is read as undirected). Ties count as
        unweighted, as in :func:`modularity`.
    resolution : float, default 1.0
        Above 1 favours more, smaller communities; below 1 fewer, larger ones
        (Reichardt & Bornholdt 2006). Must be positive.
    seed : int or None, default 0
        Louvain visits people in random order; the same seed gives the same result (also
        for people named by strings, whatever Python's hash seed).

    Returns
    -------
    list of set
        The communities, largest first (ties broken by their smallest member), covering
        every person exactly once. An isolated person is a community of one.

    Notes
    -----
    Louvain is a fast heuristic: it usually finds a division close to the best one, but
    not always the best. On Zachary's karate club the best possible modularity is 0.4198
    (Brandes et al. 2008); Louvain reaches it for some seeds (5 and 8 among 0-9) and finds
    0.415-0.419 for the others.

    References
    ----------
    Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E. (2008). Fast unfolding
    of communities in large networks. *J. Stat. Mech.* P10008.
    Reichardt, J., & Bornholdt, S. (2006). Statistical mechanics of community detection.
    *Physical Review E* 74, 016110.
    Brandes, U., et al. (2008). On modularity clustering. *IEEE Transactions on Knowledge
    and Data Engineering* 20(2), 172-188.

    Examples
    --------
    >>> G = nx.barbell_graph(5, 0)
    >>> [len(c) for c in detect(G)]
    [5, 5]
    """
    require_graph(G, what="detect() (grouping people)")
    if not float(resolution) > 0:
        raise P2PKitError(f"resolution must be a positive number; got {resolution!r}.")
    U = _undirected(G)
    order = {v: i for i, v in enumerate(G)}
    if U.number_of_edges() == 0:
        comms = [{v} for v in U]
    else:
        # Louvain keeps people in sets; with string names their order (and so the result)
        # would change from one Python process to the next. Numbering people 0 .. n-1 in the
        # network's order makes the result depend on the seed only.
        if all(v == i for v, i in order.items()):
            H = U
        else:
            H = nx.Graph()
            H.add_nodes_from(range(len(order)))
            H.add_edges_from((order[u], order[v]) for u, v in U.edges())
        people = list(order)
        found = nx.community.louvain_communities(H, weight=None, resolution=float(resolution),
                                                 seed=python_random(seed))  # the stream of random.Random(seed)
        comms = [{people[i] for i in c} for c in found]
    return sorted((set(c) for c in comms), key=lambda c: (-len(c), min(order[v] for v in c)))


def membership(communities: Iterable[set]) -> dict:
    """Map each person to the index of their community (0 = the first in the list).

    Examples
    --------
    >>> membership([{1, 2}, {3}])
    {1: 0, 2: 0, 3: 1}
    """
    out = {}
    for i, c in enumerate(communities):
        for v in c:
            if v in out:
                raise P2PKitError(f"{v!r} is in more than one community.")
            out[v] = i
    return out


def modularity(G: nx.Graph, communities: Iterable[set], resolution: float = 1.0) -> float:
    """Newman-Girvan modularity Q of a division of the network into communities.

    ``Q = sum_c [ L_c / m - resolution * (D_c / 2m)^2 ]``, where ``m`` is the number of ties,
    ``L_c`` the ties inside community ``c`` and ``D_c`` the sum of its members' degrees: the
    share of ties that fall inside communities, minus the share expected if ties were placed
    at random with everyone keeping their degree. Ties are unweighted here.

    networkx computes the same value (``nx.community.modularity``; tested equal) but not
    what the companion needs: it uses the directed formula on a directed network (here
    read as undirected), counts self-ties (here left out), refuses a bad division without
    saying who is missing, and rounds differently in the last digit (it multiplies by
    ``1 / (2m)^2``), which would change the values the exercises print.

    Parameters
    ----------
    G : networkx.Graph
        An undirected network (a directed one is read as undirected).
    communities : iterable of set
        A division of the people: every person in exactly one set.
    resolution : float, default 1.0
        The factor ``gamma`` of Reichardt & Bornholdt (2006); 1 gives Newman-Girvan's Q.

    Returns
    -------
    float
        Between -1/2 and 1; above about 0.3 usually means clear communities.

    Raises
    ------
    P2PKitError
        If the sets leave someone out, name someone not in the network, or overlap.

    References
    ----------
    Newman, M. E. J., & Girvan, M. (2004). Finding and evaluating community structure in
    networks. *Physical Review E* 69, 026113.

    Examples
    --------
    >>> G = nx.barbell_graph(3, 0)
    >>> round(modularity(G, [{0, 1, 2}, {3, 4, 5}]), 4)
    0.3571
    """
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    comms = [set(c) for c in communities]
    member = _check_division(U, comms)
    m = U.number_of_edges() - nx.number_of_selfloops(U)
    if m == 0:
        return 0.0
    inside = [0] * len(comms)
    degree_sum = [0] * len(comms)
    for u, v in U.edges():
        if u == v:
            continue
        degree_sum[member[u]] += 1
        degree_sum[member[v]] += 1
        if member[u] == member[v]:
            inside[member[u]] += 1
    return float(sum(L / m - resolution * (D / (2 * m)) ** 2 for L, D in zip(inside, degree_sum, strict=True)))


# --------------------------------------------------------------------------- divisions


def _check_division(U: nx.Graph, comms: list[set]) -> dict:
    """``membership(comms)``, after checking that it covers exactly the people of ``U``."""
    member = membership(comms)
    unknown = [v for v in member if v not in U]
    if unknown:
        raise P2PKitError(f"{unknown[0]!r} is in a community but not in the network.")
    missing = [v for v in U if v not in member]
    if missing:
        raise P2PKitError(f"{missing[0]!r} is in the network but in no community; every person needs one.")
    return member


def _labels(division) -> dict:
    """A division as person -> label, from a dict or a list of sets."""
    if isinstance(division, Mapping):
        return dict(division)
    return membership(division)


def _group_labels(G: nx.Graph, groups) -> dict:
    """Person -> group label, from an attribute name, a dict or a list of sets."""
    if isinstance(groups, str):
        labels = nx.get_node_attributes(G, groups)
        if not labels:
            raise P2PKitError(f"nobody in the network has the attribute {groups!r}; "
                              "give a dict person -> group or a list of sets instead.")
    else:
        labels = _labels(groups)
    missing = [v for v in G if v not in labels]
    if missing:
        raise P2PKitError(f"{missing[0]!r} has no group; every person needs one.")
    return labels


def agreement(a, b) -> float:
    """How far two divisions of the same people into groups agree (adjusted Rand index).

    Counts the pairs of people that both divisions put together or both keep apart, and
    corrects for the agreement expected by chance (Hubert & Arabie 1985).

    Parameters
    ----------
    a, b : list of set or dict
        Two divisions of the same people: lists of disjoint sets, or dicts person -> label.

    Returns
    -------
    float
        1 for the same division; about 0 for no more agreement than chance (it can dip
        below 0). If neither division has any pair together, or both put everyone
        together, the index is undefined: 1.0 is returned if they are the same, else 0.0.

    Raises
    ------
    P2PKitError
        If the two divisions do not cover the same people.

    Notes
    -----
    Used to compare the communities found in an informal network with the formal
    departments. Computed from the contingency table of the two divisions; the tests check
    it against a direct count over all pairs.

    References
    ----------
    Hubert, L., & Arabie, P. (1985). Comparing partitions. *Journal of Classification*
    2(1), 193-218.

    Examples
    --------
    >>> agreement([{1, 2}, {3, 4}], {1: "x", 2: "x", 3: "y", 4: "y"})
    1.0
    >>> round(agreement([{1, 2}, {3, 4}], [{1, 3}, {2, 4}]), 4)
    -0.5
    """
    la, lb = _labels(a), _labels(b)
    if set(la) != set(lb):
        raise P2PKitError("the two divisions must cover the same people; "
                          f"{len(set(la) ^ set(lb))} people are in only one of them.")
    n = len(la)
    if n < 2:
        return 1.0

    def pairs(x: float) -> float:
        return x * (x - 1) / 2

    together = sum(pairs(c) for c in Counter((la[v], lb[v]) for v in la).values())
    in_a = sum(pairs(c) for c in Counter(la.values()).values())
    in_b = sum(pairs(c) for c in Counter(lb.values()).values())
    expected = in_a * in_b / pairs(n)
    maximum = (in_a + in_b) / 2
    if maximum == expected:
        return 1.0 if together == in_a == in_b else 0.0
    return float((together - expected) / (maximum - expected))


# --------------------------------------------------------------------------- against chance and the chart


def _rewire(U: nx.Graph, attempts: int, rng: random.Random) -> nx.Graph:
    """A copy of ``U`` with ties rewired by double-edge swaps; everyone keeps their degree.

    Each attempt picks two ties a-b and c-d at random and replaces them by a-d and c-b,
    unless that would make a self-tie or a double tie (Maslov & Sneppen 2002).

    networkx's ``double_edge_swap`` does the same kind of swap but not what this needs: it
    counts successful swaps rather than attempts, so it raises when a dense network runs out
    of tries, refuses networks of fewer than four people, and draws its swaps differently
    (people weighted by degree), which would change the chance levels chapter 2 prints.
    """
    edges = [tuple(e) for e in U.edges()]
    present = {frozenset(e) for e in edges}
    m = len(edges)
    if m >= 2:
        for _ in range(attempts):
            i, j = rng.randrange(m), rng.randrange(m)
            if i == j:
                continue
            (a, b), (c, d) = edges[i], edges[j]
            if rng.random() < 0.5:
                c, d = d, c
            if len({a, b, c, d}) < 4 or frozenset((a, d)) in present or frozenset((c, b)) in present:
                continue
            present -= {frozenset((a, b)), frozenset((c, d))}
            present |= {frozenset((a, d)), frozenset((c, b))}
            edges[i], edges[j] = (a, d), (c, b)
    R = nx.Graph()
    R.add_nodes_from(U)
    R.add_edges_from(edges)
    return R


def chance_modularity(G: nx.Graph, resolution: float = 1.0, runs: int = 20, keep_degrees: bool = True,
                      seed: int | None = 0) -> float:
    """The modularity :func:`detect` finds in random networks like ``G``: the level of chance.

    Even a network wired completely at random has divisions with a clearly positive
    modularity, especially when it is small or sparse (Guimera et al. 2004). Communities
    only stand out if they score clearly above this level.

    Parameters
    ----------
    G : networkx.Graph
        The network (a directed one is read as undirected).
    resolution : float, default 1.0
        Passed to :func:`detect`.
    runs : int, default 20
        Number of random networks to average over.
    keep_degrees : bool, default True
        If true, each random network keeps everyone's number of ties (ties are rewired by
        double-edge swaps, ten attempts per tie; Maslov & Sneppen 2002); if false, it is a
        uniformly random network with the same number of people and ties.
    seed : int or None, default 0
        The same seed gives the same value.

    Returns
    -------
    float
        The mean modularity (Newman-Girvan's, resolution 1, as :func:`modularity` scores the
        communities found in ``G``) of the communities :func:`detect` finds, at the given
        resolution, in the random networks: the same method applied to chance.

    References
    ----------
    Guimera, R., Sales-Pardo, M., & Amaral, L. A. N. (2004). Modularity from fluctuations in
    random graphs and complex networks. *Physical Review E* 70, 025101.
    Maslov, S., & Sneppen, K. (2002). Specificity and stability in topology of protein
    networks. *Science* 296(5569), 910-913.

    Examples
    --------
    >>> q = chance_modularity(nx.cycle_graph(30), keep_degrees=False, runs=5)
    >>> 0.3 < q < 0.8
    True
    """
    runs = require_whole_number("runs", runs, minimum=1)
    U = nx.Graph(_undirected(G))
    U.remove_edges_from(list(nx.selfloop_edges(U)))
    n, m = U.number_of_nodes(), U.number_of_edges()
    if m == 0:
        return 0.0
    rng = python_random(seed)
    total = 0.0
    for _ in range(runs):
        s = rng.randrange(2**31)
        R = _rewire(U, 10 * m, python_random(s)) if keep_degrees else nx.gnm_random_graph(n, m, seed=s)
        total += modularity(R, detect(R, resolution=resolution, seed=s))
    return total / runs


@dataclass(frozen=True)
class ChartComparison:
    """Informal communities against formal groups (see :func:`chart_vs_informal`)."""

    communities: list
    departments: list
    modularity_informal: float
    modularity_chart: float
    modularity_chance: float
    agreement: float


def chart_vs_informal(G: nx.Graph, attr: str = "dept", resolution: float = 1.0,
                      seed: int | None = 0) -> ChartComparison:
    """Compare the communities people form with the groups the chart puts them in.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        An informal network (advice, friendship), read as undirected.
    attr : str, default "dept"
        The node attribute holding each person's formal group.
    resolution, seed : see :func:`detect`.

    Returns
    -------
    ChartComparison
        ``communities`` (found by :func:`detect`), ``departments`` (the formal groups,
        in order of their label), the :func:`modularity` of each division on this network,
        ``modularity_chance`` (:func:`chance_modularity` with everyone's number of ties
        kept) and the :func:`agreement` (adjusted Rand index) of communities and departments.

    References
    ----------
    Krackhardt, D. (1987). Cognitive social structures. *Social Networks* 9, 109-134
    (the high-tech managers data, with departments).

    Examples
    --------
    >>> G = nx.barbell_graph(4, 0)
    >>> nx.set_node_attributes(G, {v: v // 4 for v in G}, "dept")
    >>> chart_vs_informal(G).agreement
    1.0
    """
    labels = _group_labels(G, attr)
    departments = [{v for v in G if labels[v] == d} for d in sorted(set(labels.values()))]
    comms = detect(G, resolution=resolution, seed=seed)
    return ChartComparison(
        communities=comms,
        departments=departments,
        modularity_informal=modularity(G, comms),
        modularity_chart=modularity(G, departments),
        modularity_chance=chance_modularity(G, resolution=resolution, seed=seed),
        agreement=agreement(comms, departments),
    )


def chart_verdict(c: ChartComparison) -> str:
    """One plain sentence on whether the informal communities follow the chart.

    Examples
    --------
    >>> c = ChartComparison([{1, 2}], [{1}, {2}], 0.0, 0.0, 0.0, -0.1)
    >>> chart_verdict(c).startswith("The informal communities cut across")
    True
    """
    a = c.agreement
    if a >= 0.65:
        head = "The informal communities largely follow the chart"
    elif a >= 0.25:
        head = "The informal communities only partly follow the chart"
    else:
        head = "The informal communities cut across the chart"
    text = (f"{head} (agreement {a:.2f}, where 0 is chance and 1 the same groups). "
            f"{len(c.communities)} communities found, modularity {c.modularity_informal:.2f}")
    lift = c.modularity_informal - c.modularity_chance
    if lift >= 0.05:
        text += f", above the {c.modularity_chance:.2f} of random networks with the same numbers of ties."
    elif lift > 0:
        text += (f", only just above the {c.modularity_chance:.2f} of random networks with the same numbers "
                 "of ties: the communities barely stand out.")
    else:
        text += (f", no more than the {c.modularity_chance:.2f} of random networks with the same numbers "
                 "of ties: the communities do not stand out from chance.")
    return text
