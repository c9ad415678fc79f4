"""Node communities: groups that form without a middleman, who bridges them, what spreads.

Node communities are the first of the three elements the publisher's description of
Baker's *Peer-to-Peer Leadership* names (Baker 2014, "About This Book"); the description
does not define them. This companion reads a node community as a group of people who have
found each other and work together without someone in the middle arranging it. In a
network such groups show up as *communities*: sets of people with many ties inside and few
between. This module finds them, scores them, names the people who bridge them, grows
them from local rules, and races a rumour against its correction across them.

Communities
    :func:`detect` (Louvain; Blondel et al. 2008), :func:`modularity` (Newman & Girvan
    2004), :func:`membership`, :func:`agreement` (adjusted Rand index; Hubert & Arabie
    1985) and :func:`chart_vs_informal` (informal communities against a formal chart).
Brokers
    :func:`constraint` and :func:`effective_size` (Burt 1992), :func:`brokerage` (who
    links which communities, and whether one person holds them together),
    :func:`brokerage_roles` (Gould & Fernandez 1989) and :func:`hub`.
Self-organisation
    :func:`planted_communities` (a toy network with known groups) and
    :func:`self_organise` (ties grown by triadic closure and homophily, in snapshots).
Misinformation
    :func:`race` (a rumour and its correction spreading as competing independent
    cascades; Kempe, Kleinberg & Tardos 2003), :func:`expected_race` (Monte Carlo),
    :func:`first_reached` and :func:`race_verdict`.

Every verdict shown in the companion's figures comes from a ``*_verdict`` function here,
computed from the numbers, not written by hand.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

import networkx as nx

from .errors import P2PKitError

__all__ = [
    "detect", "modularity", "membership", "agreement", "hub",
    "constraint", "effective_size", "Brokerage", "brokerage", "brokerage_verdict",
    "ROLES", "brokerage_roles",
    "ChartComparison", "chart_vs_informal",
    "planted_communities", "Snapshot", "self_organise", "grown_network", "communities_appeared",
    "growth_verdict",
    "Race", "race", "RaceOdds", "expected_race", "first_reached", "race_verdict",
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
    if G.number_of_nodes() == 0:
        raise P2PKitError("the network is empty: there is nobody to group.")
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
        found = nx.community.louvain_communities(H, weight=None, resolution=float(resolution), seed=seed)
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


# --------------------------------------------------------------------------- helpers


def _undirected(G: nx.Graph) -> nx.Graph:
    """The undirected reading of ``G`` (a tie either way is a tie), in a fixed order.

    networkx's undirected view of a directed graph merges neighbours through a set, whose
    order -- for people named by strings -- changes from one Python process to the next.
    Building the graph in the network's own order keeps every result reproducible.
    """
    if not G.is_directed():
        return G
    U = nx.Graph()
    U.add_nodes_from(G.nodes(data=True))
    for u in G:
        for v in G._succ[u]:
            U.add_edge(u, v)
        for v in G._pred[u]:
            U.add_edge(u, v)
    return U


def _order(G: nx.Graph) -> dict:
    return {v: i for i, v in enumerate(G)}


def _who(v) -> str:
    return f"person {v}"


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


def hub(G: nx.Graph, members: Iterable | None = None):
    """The best-connected person among ``members`` (everyone if omitted).

    Most ties in the undirected reading of ``G``; a tie in the count goes to whoever comes
    first in the network's node order. Used to place a rumour or a correction "at the heart
    of" a community.

    Examples
    --------
    >>> hub(nx.star_graph(4))
    0
    >>> hub(nx.path_graph(5), [0, 3, 4])
    3
    """
    U = _undirected(G)
    pool = list(G) if members is None else list(members)
    if not pool:
        raise P2PKitError("there is nobody to choose from: give at least one person.")
    unknown = [v for v in pool if v not in U]
    if unknown:
        raise P2PKitError(f"{unknown[0]!r} is not in the network.")
    order = _order(G)
    return max(pool, key=lambda v: (U.degree(v), -order[v]))


# --------------------------------------------------------------------------- brokers (Burt)


def _without_self_ties(G: nx.Graph) -> nx.Graph:
    """``G`` itself, or a copy without its self-ties (Burt's measures ignore them; networkx would not)."""
    if not nx.number_of_selfloops(G):
        return G
    H = G.copy()
    H.remove_edges_from(list(nx.selfloop_edges(H)))
    return H


def constraint(G: nx.Graph) -> dict:
    """Burt's constraint: how much a person's contacts are tied to each other.

    ``c_i = sum_j (p_ij + sum_q p_iq p_qj)^2`` over i's contacts ``j`` (and ``q != i, j``),
    where ``p_ij`` is the share of i's ties that go to ``j``. High (up to about 1.1) when
    all of someone's contacts know each other or when they have one contact; low when
    their contacts are many and mutually unconnected -- the position of a broker across
    structural holes.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Ties are unweighted; in a directed network ``p_ij`` uses the ties in both
        directions, ``(a_ij + a_ji) / sum_k (a_ik + a_ki)``, as Burt does. Self-ties are
        ignored.

    Returns
    -------
    dict
        Person -> constraint, in the network's node order. ``nan`` for someone with no
        ties (undefined, as in networkx).

    Notes
    -----
    Computed by networkx (``nx.constraint``, with sparse matrices); this function only
    leaves self-ties out and ignores tie weights, as Burt's unweighted measure does. For a
    star with ``k`` leaves the centre has constraint ``1/k`` and each leaf 1; in a triangle
    everyone has 9/8 (tested, with Burt's formula worked by hand).

    References
    ----------
    Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*. Harvard
    University Press.

    Examples
    --------
    >>> c = constraint(nx.star_graph(3))
    >>> round(c[0], 4), c[1]
    (0.3333, 1.0)
    """
    if G.number_of_nodes() == 0:
        return {}
    return nx.constraint(_without_self_ties(G), weight=None)


def effective_size(G: nx.Graph) -> dict:
    """Burt's effective size: how many of a person's contacts are non-redundant.

    ``e_i = sum_j (1 - sum_q p_iq m_jq)`` over i's contacts ``j`` (and ``q != i, j``), where
    ``p_iq`` is the share of i's ties going to ``q`` and ``m_jq`` is j's tie to ``q``
    divided by j's strongest tie. A contact counts fully unless they know i's other
    contacts. For an undirected, unweighted network this equals ``n - 2t/n`` with ``n``
    contacts and ``t`` ties among them (Borgatti 1997).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Ties unweighted; direction handled as in :func:`constraint`. Self-ties are ignored.

    Returns
    -------
    dict
        Person -> effective size; ``nan`` for someone with no ties.

    Notes
    -----
    An undirected network is computed by networkx (``nx.effective_size``). A directed one
    is computed here from Burt's definition with ties counted in both directions, because
    networkx 3.6 gets it wrong: its all-at-once computation divides by the wrong axis on
    directed networks (networkx pull request #8906), and its person-by-person one calls
    someone with incoming ties only isolated (networkx issue #2661). The tests compare
    both paths with networkx where it is right, and the directed one with a hand count.

    References
    ----------
    Burt, R. S. (1992). *Structural Holes*. Harvard University Press.
    Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
    *Connections* 20(1), 35-38.

    Examples
    --------
    >>> effective_size(nx.star_graph(3))[0]
    3.0
    >>> effective_size(nx.complete_graph(3))[0]
    1.0
    """
    if G.number_of_nodes() == 0:
        return {}
    H = _without_self_ties(G)
    if not H.is_directed():
        return nx.effective_size(H, weight=None)
    W: dict = {v: {} for v in H}                 # mutual tie counts, a_ij + a_ji
    for u, v in H.edges():
        W[u][v] = W[u].get(v, 0) + 1
        W[v][u] = W[v].get(u, 0) + 1
    P = {i: {j: w / total for j, w in row.items()} for i, row in W.items() for total in [sum(row.values())]}
    M = {j: ({q: w / max(row.values()) for q, w in row.items()} if row else {}) for j, row in W.items()}
    out = {}
    for i in H:
        Pi = P[i]
        out[i] = (float("nan") if not Pi else
                  float(sum(1.0 - sum(piq * M[j].get(q, 0.0) for q, piq in Pi.items() if q != j) for j in Pi)))
    return out


@dataclass(frozen=True)
class Brokerage:
    """Who links which communities (see :func:`brokerage`)."""

    communities: tuple
    constraint: dict
    effective_size: dict
    reach: dict
    brokers: tuple
    critical: dict
    parts: int
    isolated: tuple = ()


def _components(nodes: Iterable[int], links: Iterable[tuple]) -> dict:
    parent = {v: v for v in nodes}

    def find(v):
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for a, b in links:
        if a in parent and b in parent:
            parent[find(a)] = find(b)
    return {v: find(v) for v in parent}


def brokerage(G: nx.Graph, communities: Sequence[set]) -> Brokerage:
    """The people who bridge communities, and whether one of them holds the communities together.

    Parameters
    ----------
    G : networkx.Graph
        The network (a directed one is read as undirected).
    communities : list of set
        A division of everyone into communities (for example from :func:`detect`).

    Returns
    -------
    Brokerage
        ``constraint`` and ``effective_size`` for everyone (Burt 1992); ``reach``: for each
        person, how many *other* communities they have a tie into; ``brokers``: everyone
        with such a tie, least constrained first (ties in order of the network);
        ``parts``: how many separate clusters the communities form, counting two
        communities as in touch if a chain of ties between communities links them (people
        with no ties at all are left out of this count and listed in ``isolated``);
        ``critical``: each person whose departure alone would make some communities lose
        touch, with the pairs of community indices (0-based) that would lose touch.

    Notes
    -----
    "Holding the communities together" is judged on the map of communities, not of
    people: removing a person removes their ties; two communities stay in touch while at
    least one chain of between-community ties links them. A person alone in their
    community takes that community with them; it is then left out of the comparison.

    References
    ----------
    Burt, R. S. (1992). *Structural Holes*. Harvard University Press.

    Examples
    --------
    >>> G = nx.barbell_graph(4, 0)            # two groups of 4 joined by the tie 3-4
    >>> b = brokerage(G, [set(range(4)), set(range(4, 8))])
    >>> b.brokers, sorted(b.critical)
    ((3, 4), [3, 4])
    """
    U = _undirected(G)
    comms = [set(c) for c in communities]
    member = _check_division(U, comms)
    k = len(comms)
    cons = constraint(U)
    esize = effective_size(U)
    order = _order(G)
    cross: Counter = Counter()
    carries: dict = {v: Counter() for v in U}
    reach: dict = {v: set() for v in U}
    for u, v in U.edges():
        a, b = member[u], member[v]
        if u == v or a == b:
            continue
        key = (min(a, b), max(a, b))
        cross[key] += 1
        carries[u][key] += 1
        carries[v][key] += 1
        reach[u].add(b)
        reach[v].add(a)
    base = _components(range(k), cross)
    isolated = tuple(v for v in U if all(u == v for u in U[v]))
    lonely = {member[v] for v in isolated if len(comms[member[v]]) == 1}
    parts = len({base[c] for c in range(k) if c not in lonely})
    # least constrained first; equal constraints (to rounding) in the order of the network
    brokers = tuple(sorted((v for v in U if reach[v]), key=lambda v: (round(cons[v], 12), order[v])))
    critical = {}
    for v in brokers:
        alone = len(comms[member[v]]) == 1
        if not alone and not any(cross[key] == c for key, c in carries[v].items()):
            continue  # every link this person carries has another carrier
        nodes = [c for c in range(k) if not (alone and c == member[v])]
        links = [key for key, c in cross.items() if c - carries[v][key] > 0]
        after = _components(nodes, links)
        lost = tuple((a, b) for i, a in enumerate(nodes) for b in nodes[i + 1:]
                     if base[a] == base[b] and after[a] != after[b])
        if lost:
            critical[v] = lost
    return Brokerage(
        communities=tuple(frozenset(c) for c in comms),
        constraint=cons,
        effective_size=esize,
        reach={v: len(r) for v, r in reach.items()},
        brokers=brokers,
        critical=critical,
        parts=parts,
        isolated=isolated,
    )


def brokerage_verdict(b: Brokerage) -> str:
    """One plain sentence on who holds the communities together, computed from ``b``.

    Examples
    --------
    >>> G = nx.barbell_graph(4, 0)
    >>> brokerage_verdict(brokerage(G, [set(range(4)), set(range(4, 8))]))
    'Two people, person 3 and person 4, are the only bridge: lose either and communities 1 and 2 lose touch.'
    >>> G.add_edge(0, 7)
    >>> brokerage_verdict(brokerage(G, [set(range(4)), set(range(4, 8))]))
    'No single broker holds the communities together: every link between them survives the loss of any one person.'
    """
    k = len(b.communities)
    if k < 2:
        return "There is one community here, so nobody brokers between communities."
    if not b.brokers:
        return f"No ties run between the {k} communities: they are separate groups, with no brokers."
    prefix = ""
    if b.isolated:
        n_iso = len(b.isolated)
        prefix = f"{n_iso} {'person has' if n_iso == 1 else 'people have'} no ties at all. "
    if b.parts > 1:
        prefix += f"The communities fall into {b.parts} clusters with no ties between them. "
    if not b.critical:
        return prefix + ("No single broker holds the communities together: every link between them "
                         "survives the loss of any one person.")
    people = list(b.critical)
    where = _lose_touch({p for lost in b.critical.values() for p in lost}, k)
    if len(people) == 1:
        return prefix + f"Only {_who(people[0])} holds the communities together: without them, {where}."
    if len(people) == 2 and b.critical[people[0]] == b.critical[people[1]]:
        return prefix + (f"Two people, {_who(people[0])} and {_who(people[1])}, are the only bridge: "
                         f"lose either and {where}.")
    named = ", ".join(str(v) for v in people[:5]) + (", ..." if len(people) > 5 else "")
    return prefix + (f"{len(people)} people each hold communities together on their own ({named}): "
                     "lose any one of them and some communities lose touch.")


def _lose_touch(pairs, k: int) -> str:
    """Which communities lose touch, in words: ``pairs`` of 0-based indices, ``k`` communities."""
    pairs = sorted(pairs)
    shared = set(pairs[0]).intersection(*pairs[1:])
    if len(pairs) == 1:
        return f"communities {pairs[0][0] + 1} and {pairs[0][1] + 1} lose touch"
    if shared and len(pairs) == k - 1:
        return f"community {min(shared) + 1} is cut off from all the others"
    return f"{len(pairs)} pairs of communities lose touch"


def departure_verdict(b: Brokerage, person) -> str:
    """One plain sentence on what the departure of ``person`` alone does to the communities of ``b``.

    Read from ``b.critical`` (see :func:`brokerage`): the pairs of communities that lose
    touch -- no chain of ties between communities left -- once that person and their ties
    are gone, with the communities numbered from 1 in the order given to :func:`brokerage`.

    Raises
    ------
    P2PKitError
        If ``person`` is not in the network of ``b``.

    Examples
    --------
    >>> G = nx.barbell_graph(4, 0)            # two groups of 4 joined by the tie 3-4
    >>> b = brokerage(G, [set(range(4)), set(range(4, 8))])
    >>> departure_verdict(b, 3)
    'Without person 3, communities 1 and 2 lose touch.'
    >>> departure_verdict(b, 0)
    'Without person 0, no two communities lose touch.'
    """
    if person not in b.constraint:
        raise P2PKitError(f"{person!r} is not in the network.")
    k = len(b.communities)
    if k < 2:
        return f"There is one community here, so the departure of {_who(person)} separates no communities."
    lost = b.critical.get(person, ())
    if not lost:
        return f"Without {_who(person)}, no two communities lose touch."
    return f"Without {_who(person)}, {_lose_touch(lost, k)}."


__all__ += ["departure_verdict"]


# --------------------------------------------------------------------------- brokerage roles

#: The five Gould-Fernandez roles, in the order they are reported.
ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def brokerage_roles(G: nx.Graph, groups) -> dict:
    """Gould & Fernandez's brokerage roles: how often each person mediates, and between whom.

    A person ``j`` *brokers* for ``i`` and ``k`` when ``i -> j -> k`` but not ``i -> k``
    (three different people). By the groups of the three:

    ================ =============== ======================================================
    role             groups i, j, k  the broker ...
    ================ =============== ======================================================
    coordinator      A, A, A         links two members of their own group
    itinerant        A, B, A         links two members of another group (also *consultant*)
    representative   A, A, B         carries their own group's message out to another group
    gatekeeper       A, B, B         lets a message from outside into their own group
    liaison          A, B, C         links two groups, neither of them their own
    ================ =============== ======================================================

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Directed ties ``i -> j`` (who passes to whom). An undirected tie counts as a tie in
        both directions, so every open path is counted once each way.
    groups : str, dict or list of set
        A node attribute name (e.g. ``"dept"``), a dict person -> group, or a list of sets.

    Returns
    -------
    dict
        Person -> ``{role: count}`` for the five :data:`ROLES` plus ``"total"``.

    Notes
    -----
    Counts are raw (not standardised against chance, which R's ``sna::brokerage`` adds).
    The names "representative" (``A -> A -> B``) and "gatekeeper" (``A -> B -> B``)
    follow Gould & Fernandez and ``sna``'s documentation.

    References
    ----------
    Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: a formal approach to
    brokerage in transaction networks. *Sociological Methodology* 19, 89-126.

    Examples
    --------
    >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> brokerage_roles(G, {"a": 1, "b": 1, "c": 2})["b"]["representative"]
    1
    """
    D = G if G.is_directed() else G.to_directed(as_view=True)
    g = _group_labels(G, groups)
    out = {v: dict.fromkeys(ROLES + ("total",), 0) for v in G}
    for j in D:
        gj = g[j]
        for i in D.predecessors(j):
            if i == j:
                continue
            gi = g[i]
            for k in D.successors(j):
                if k == j or k == i or D.has_edge(i, k):
                    continue
                gk = g[k]
                if gi == gj == gk:
                    role = "coordinator"
                elif gi == gk:
                    role = "itinerant"
                elif gi == gj:
                    role = "representative"
                elif gj == gk:
                    role = "gatekeeper"
                else:
                    role = "liaison"
                out[j][role] += 1
                out[j]["total"] += 1
    return out


# --------------------------------------------------------------------------- the chart


def _rewire(U: nx.Graph, attempts: int, rng: random.Random) -> nx.Graph:
    """A copy of ``U`` with ties rewired by double-edge swaps; everyone keeps their degree.

    Each attempt picks two ties a-b and c-d at random and replaces them by a-d and c-b,
    unless that would make a self-tie or a double tie (Maslov & Sneppen 2002).
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
    runs = _check_count("runs", runs, 1)
    U = nx.Graph(_undirected(G))
    U.remove_edges_from(list(nx.selfloop_edges(U)))
    n, m = U.number_of_nodes(), U.number_of_edges()
    if m == 0:
        return 0.0
    rng = random.Random(seed)
    total = 0.0
    for _ in range(runs):
        s = rng.randrange(2**31)
        if keep_degrees:
            R = _rewire(U, 10 * m, random.Random(s))
        else:
            R = nx.gnm_random_graph(n, m, seed=s)
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


__all__ += ["chart_verdict", "chance_modularity"]


# --------------------------------------------------------------------------- self-organisation


def _check_probability(name: str, value: float) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise P2PKitError(f"{name} must be a number between 0 and 1; got {value!r}.") from None
    if not 0.0 <= x <= 1.0:
        raise P2PKitError(f"{name} must be between 0 and 1; got {value!r}.")
    return x


def _check_count(name: str, value, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise P2PKitError(f"{name} must be a whole number of at least {minimum}; got {value!r}.")
    return int(value)


def planted_communities(sizes: Sequence[int] = (12, 12, 12), p_in: float = 0.35, p_out: float = 0.02,
                        seed: int | None = 0) -> nx.Graph:
    """A toy network with known groups: dense inside each group, sparse between.

    Parameters
    ----------
    sizes : sequence of int
        The size of each group (each at least 1); people are numbered ``0 .. n-1`` group
        by group.
    p_in, p_out : float
        Chance of a tie between two people of the same group / of different groups.
    seed : int or None, default 0
        The same seed gives the same network.

    Returns
    -------
    networkx.Graph
        Node attribute ``group`` (0, 1, ...). The network is connected: if chance leaves
        a part cut off, its first person is tied to a random member of their own group in
        the main part (or to a random person there if the group has nobody there).

    References
    ----------
    Condon, A., & Karp, R. M. (2001). Algorithms for graph partitioning on the planted
    partition model. *Random Structures & Algorithms* 18(2), 116-140.

    Examples
    --------
    >>> G = planted_communities((5, 5), p_in=1.0, p_out=0.0)
    >>> G.number_of_edges(), nx.is_connected(G)
    (21, True)
    """
    sizes = [_check_count("each group size", s, 1) for s in sizes]
    if not sizes:
        raise P2PKitError("give at least one group size.")
    p_in = _check_probability("p_in", p_in)
    p_out = _check_probability("p_out", p_out)
    rng = random.Random(seed)
    G = nx.random_partition_graph(sizes, p_in, p_out, seed=rng.randrange(2**32))
    G.graph.pop("partition", None)
    group = {}
    start = 0
    for g, s in enumerate(sizes):
        for v in range(start, start + s):
            group[v] = g
        start += s
    nx.set_node_attributes(G, group, "group")
    comps = sorted(nx.connected_components(G), key=min)
    main = set(comps[0])
    for comp in comps[1:]:
        v = min(comp)
        same = sorted(u for u in main if group[u] == group[v])
        G.add_edge(v, rng.choice(same or sorted(main)))
        main |= comp
    G.graph.update(shape="planted communities", sizes=tuple(sizes))
    return G


@dataclass(frozen=True)
class Snapshot:
    """The network after one step of :func:`self_organise`, with its measures."""

    step: int
    graph: nx.Graph
    ties: int
    communities: list
    modularity: float
    baseline_modularity: float
    transitivity: float
    cross_group_share: float
    agreement_with_groups: float


def _choose(candidates: list, i, group: dict, homophily: float, rng: random.Random):
    if not candidates:
        return None
    if homophily >= 1.0:
        candidates = [j for j in candidates if group[j] == group[i]]
        return rng.choice(candidates) if candidates else None
    if homophily <= 0.0:
        return rng.choice(candidates)
    weights = [1.0 if group[j] == group[i] else 1.0 - homophily for j in candidates]
    return rng.choices(candidates, weights=weights)[0]


def self_organise(n: int = 60, groups: int = 3, steps: int = 10, closure: float = 0.5,
                  homophily: float = 0.5, start_degree: float = 1.0, new_ties: int | None = None,
                  resolution: float = 1.0, seed: int | None = 0) -> list[Snapshot]:
    """Grow a network by local rules from sparse random ties, and watch communities appear.

    Everyone belongs to one of ``groups`` groups (person ``v`` to group ``v % groups``).
    The network starts with random ties, about ``start_degree`` per person. At each step
    ``new_ties`` times a random person makes a new tie:

    1. with chance ``closure`` they look among friends of their friends (*triadic
       closure*; Rapoport 1953, Granovetter 1973), otherwise -- or if there is nobody
       there -- among everyone they are not yet tied to;
    2. among those candidates, someone from another group is ``1 - homophily`` times as
       likely to be chosen as someone from their own group (*homophily*; McPherson et al.
       2001). With ``homophily = 1`` nobody ever makes a new tie across groups.

    Nobody assigns anyone to a community: any community that appears comes from these
    local choices alone.

    Parameters
    ----------
    n : int, default 60
        Number of people (at least 4).
    groups : int, default 3
        Number of groups (1 to n).
    steps : int, default 10
        Number of steps; ``steps + 1`` snapshots are returned (step 0 is the start).
    closure, homophily : float
        Probabilities, 0 to 1 (see above).
    start_degree : float, default 1.0
        Average number of random ties per person at the start (0 for none).
    new_ties : int, optional
        Ties attempted per step; default ``n // 2``, adding about one tie per person.
    resolution : float, default 1.0
        Passed to :func:`detect` for each snapshot.
    seed : int or None, default 0
        One seed drives the start, the choices, the community detection and the random
        baseline; the same seed gives the same snapshots.

    Returns
    -------
    list of Snapshot
        For each step: the network (a copy; node attribute ``group``, tie attribute
        ``step`` when the tie was made), its ties, communities and modularity; the
        ``baseline_modularity`` (:func:`detect` on a random network with the same number
        of people and ties -- random networks score well above 0; Guimera et al. 2004);
        ``transitivity`` (share of closed triads); ``cross_group_share`` (share of ties
        across groups); ``agreement_with_groups`` (:func:`agreement` of the communities
        with the groups).

    Notes
    -----
    With ``closure = 0`` and ``homophily = 0`` every new tie joins a random person to a
    random stranger: the network stays a random one, with as few triangles and as many
    cross-group ties as chance gives (the tests check both). Ties never fade here.

    References
    ----------
    Jin, E. M., Girvan, M., & Newman, M. E. J. (2001). Structure of growing social networks.
    *Physical Review E* 64, 046132.
    Granovetter, M. S. (1973). The strength of weak ties. *American Journal of Sociology*
    78(6), 1360-1380.
    McPherson, M., Smith-Lovin, L., & Cook, J. M. (2001). Birds of a feather: homophily in
    social networks. *Annual Review of Sociology* 27, 415-444.
    Guimera, R., Sales-Pardo, M., & Amaral, L. A. N. (2004). Modularity from fluctuations in
    random graphs and complex networks. *Physical Review E* 70, 025101.

    Examples
    --------
    >>> snaps = self_organise(n=30, steps=3, closure=0.8, homophily=0.9, seed=1)
    >>> [s.step for s in snaps], snaps[-1].ties > snaps[0].ties
    ([0, 1, 2, 3], True)
    """
    def snapshot(step: int, G: nx.Graph, group: dict, base_seed: int, detect_seed: int) -> Snapshot:
        n, m = G.number_of_nodes(), G.number_of_edges()
        comms = detect(G, resolution=resolution, seed=detect_seed)
        R = nx.gnm_random_graph(n, m, seed=base_seed + step)
        cross = sum(1 for u, v in G.edges() if group[u] != group[v])
        return Snapshot(
            step=step,
            graph=G.copy(),
            ties=m,
            communities=comms,
            modularity=modularity(G, comms),
            baseline_modularity=modularity(R, detect(R, resolution=resolution, seed=detect_seed)),
            transitivity=float(nx.transitivity(G)),
            cross_group_share=cross / m if m else 0.0,
            agreement_with_groups=agreement(comms, group),
        )

    return [snapshot(*state) for state in _grow(n, groups, steps, closure, homophily, start_degree, new_ties, seed)]


def _grow(n, groups, steps, closure, homophily, start_degree, new_ties, seed):
    """The growth of :func:`self_organise` and :func:`grown_network`, step by step.

    Checks the parameters, then yields ``(step, G, group, base_seed, detect_seed)`` after the
    start (step 0) and after each step; ``G`` is one network grown in place. The two seeds
    (drawn first, so that both callers consume the same random numbers) are for
    :func:`self_organise`'s measures.
    """
    n = _check_count("n (people)", n, 4)
    groups = _check_count("groups", groups, 1)
    if groups > n:
        raise P2PKitError(f"there cannot be more groups ({groups}) than people ({n}).")
    steps = _check_count("steps", steps, 0)
    closure = _check_probability("closure", closure)
    homophily = _check_probability("homophily", homophily)
    if not 0 <= float(start_degree) < n - 1:
        raise P2PKitError(f"start_degree must be between 0 and {n - 1}; got {start_degree!r}.")
    per_step = max(1, n // 2) if new_ties is None else _check_count("new_ties", new_ties, 0)
    rng = random.Random(seed)
    base_seed = rng.randrange(2**31)
    detect_seed = rng.randrange(2**31)
    group = {v: v % groups for v in range(n)}
    G = nx.Graph()
    G.add_nodes_from(range(n))
    nx.set_node_attributes(G, group, "group")
    start = nx.fast_gnp_random_graph(n, float(start_degree) / (n - 1), seed=rng.randrange(2**31))
    G.add_edges_from(start.edges(), step=0)
    yield 0, G, group, base_seed, detect_seed
    people = list(range(n))
    adj = G._adj  # neighbour dicts, read directly: the hot loop below runs n/2 times per step
    for step in range(1, steps + 1):
        for _ in range(per_step):
            i = rng.randrange(n)
            look_near = rng.random() < closure
            j = None
            mine = adj[i]
            if look_near:
                near = sorted({k for f in mine for k in adj[f]} - set(mine) - {i})
                j = _choose(near, i, group, homophily, rng)
            if j is None:
                far = [k for k in people if k != i and k not in mine]
                j = _choose(far, i, group, homophily, rng)
            if j is not None:
                G.add_edge(i, j, step=step)
        yield step, G, group, base_seed, detect_seed


def grown_network(n: int = 60, groups: int = 3, steps: int = 10, closure: float = 0.5,
                  homophily: float = 0.5, start_degree: float = 1.0, new_ties: int | None = None,
                  seed: int | None = 0) -> nx.Graph:
    """The network :func:`self_organise` grows, without measuring it at every step.

    The same rules, parameters and random numbers as :func:`self_organise` (see there), so
    the result is the network of its last snapshot, ``self_organise(...)[-1].graph`` -- but
    no communities are detected along the way, which makes it many times faster for a large
    network (a sandbox that only needs the grown network, not the story of its growth).

    Returns
    -------
    networkx.Graph
        Node attribute ``group`` (person ``v`` in group ``v % groups``); tie attribute
        ``step`` (when the tie was made, 0 for the starting ties).

    References
    ----------
    Jin, E. M., Girvan, M., & Newman, M. E. J. (2001). Structure of growing social networks.
    *Physical Review E* 64, 046132.

    Examples
    --------
    >>> G = grown_network(n=30, steps=3, closure=0.8, homophily=0.9, seed=1)
    >>> last = self_organise(n=30, steps=3, closure=0.8, homophily=0.9, seed=1)[-1].graph
    >>> sorted(G.edges(data="step")) == sorted(last.edges(data="step"))
    True
    """
    G = None
    for _, G, *_ in _grow(n, groups, steps, closure, homophily, start_degree, new_ties, seed):
        pass
    return G


#: How far modularity must rise above chance for communities to count as clear (this
#: companion's convention, not a published threshold; see :func:`communities_appeared`).
CLEAR_MARGIN = 0.1
__all__ += ["CLEAR_MARGIN"]


def communities_appeared(snapshots: Sequence[Snapshot], margin: float = CLEAR_MARGIN) -> int | None:
    """The first step at which the communities stand out from chance, or ``None``.

    "Stand out" means: at least two communities, and a modularity at least ``margin``
    above that of a random network with as many ties (``baseline_modularity``). The
    margin is this companion's convention, not a published threshold.

    Examples
    --------
    >>> snaps = self_organise(n=40, steps=6, closure=0.9, homophily=0.95, seed=0)
    >>> communities_appeared(snaps) is not None
    True
    """
    for s in snapshots:
        if len(s.communities) >= 2 and s.modularity - s.baseline_modularity >= margin:
            return s.step
    return None


def growth_verdict(snapshots: Sequence[Snapshot], margin: float = CLEAR_MARGIN) -> str:
    """One plain sentence on whether communities have formed by the last snapshot given.

    Examples
    --------
    >>> snaps = self_organise(n=40, steps=6, closure=0.0, homophily=0.0, seed=0)
    >>> growth_verdict(snaps[:1]).startswith("No communities beyond chance")
    True
    """
    if not snapshots:
        raise P2PKitError("give at least one snapshot.")
    s = snapshots[-1]
    first = communities_appeared(snapshots, margin)
    if first is not None and s.modularity - s.baseline_modularity >= margin:
        return (f"Communities have formed (first clear at step {first}): modularity "
                f"{s.modularity:.2f} against {s.baseline_modularity:.2f} for a random network with as many ties.")
    if first is not None:
        return (f"Communities stood out at step {first} but have faded by step {s.step}: modularity "
                f"{s.modularity:.2f}, hardly above the {s.baseline_modularity:.2f} of a random network with as many ties.")
    return (f"No communities beyond chance at step {s.step}: modularity {s.modularity:.2f}, "
            f"and a random network with as many ties scores {s.baseline_modularity:.2f}.")


# --------------------------------------------------------------------------- misinformation

RUMOUR, CORRECTION = "rumour", "correction"


@dataclass(frozen=True)
class Race:
    """One run of a rumour against its correction (see :func:`race`).

    ``heard`` maps each person reached to ``(step, message)``: the step at which they
    adopted a message and which one (``"rumour"`` or ``"correction"``). ``stalled_at`` is
    the first step after which the rumour cannot reach anybody new: none of the people who
    have just adopted it (the only ones who pass it on) has a contact left who has heard
    nothing.
    """

    rumour: object
    correction: object
    p: float
    delay: int
    people: int
    stalled_at: int
    heard: dict = field(repr=False)

    @property
    def duration(self) -> int:
        """The last step at which anyone adopted a message."""
        return max(t for t, _ in self.heard.values())

    def at(self, t: int | None = None) -> dict:
        """How many people believe each message after step ``t`` (default: the end)."""
        t = self.duration if t is None else t
        c = Counter(m for s, m in self.heard.values() if s <= t)
        return {RUMOUR: c.get(RUMOUR, 0), CORRECTION: c.get(CORRECTION, 0),
                "neither": self.people - c.get(RUMOUR, 0) - c.get(CORRECTION, 0)}

    def shares(self, t: int | None = None) -> dict:
        """As :meth:`at`, as shares of everyone."""
        return {k: v / self.people for k, v in self.at(t).items()}


def race(G: nx.Graph, rumour, correction=None, p: float = 0.5, delay: int = 0,
         seed: int | None = 0) -> Race:
    """Race a rumour against its correction through a network (competing independent cascades).

    At step 0 the ``rumour`` starts with one person; the ``correction`` starts with
    another at step ``delay``. Whoever adopts a message at some step gets one chance, at
    the next step, to pass it to each contact who has heard nothing yet; each attempt
    succeeds with probability ``p`` (the independent cascade model of Kempe, Kleinberg &
    Tardos 2003). Each person keeps the first message that reaches them; if both reach
    someone in the same step, the correction wins -- a choice in the correction's favour.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network; on a directed one messages travel along the ties' direction.
    rumour : node
        Who starts the rumour.
    correction : node, optional
        Who starts the correction (``None``: no correction). This person knows the truth:
        the rumour cannot convert them, even before they start telling others.
    p : float, default 0.5
        Chance that one attempt to pass a message on succeeds.
    delay : int, default 0
        The step at which the correction starts.
    seed : int or None, default 0
        The same seed gives the same run.

    Returns
    -------
    Race
        ``heard``: person -> ``(step, message)``; ``at(t)`` and ``shares(t)`` count who
        believes what after step ``t``; ``stalled_at`` is the first step after which the
        rumour cannot reach anybody new; ``duration`` the last step anyone adopted anything.

    Notes
    -----
    With ``p = 1`` and no correction the step at which someone hears the rumour is their
    distance from its source (breadth-first search); with ``p = 0`` nobody hears anything.
    Each tie is tried at most once, so the run is equivalent to flipping a coin for every
    tie in advance and letting both messages spread along the ties that came up heads
    (the "live-edge" view of Kempe et al. 2003); the tests use this to compute exact
    probabilities on small networks.

    References
    ----------
    Kempe, D., Kleinberg, J., & Tardos, E. (2003). Maximizing the spread of influence through
    a social network. *Proceedings of KDD '03*, 137-146.
    Budak, C., Agrawal, D., & El Abbadi, A. (2011). Limiting the spread of misinformation in
    social networks. *Proceedings of WWW '11*, 665-674.

    Examples
    --------
    >>> r = race(nx.path_graph(5), rumour=0, correction=4, p=1.0)
    >>> [r.heard[v] for v in range(5)]
    [(0, 'rumour'), (1, 'rumour'), (2, 'correction'), (1, 'correction'), (0, 'correction')]
    """
    if rumour not in G:
        raise P2PKitError(f"the rumour's starting person {rumour!r} is not in the network.")
    if correction is not None and correction not in G:
        raise P2PKitError(f"the correction's starting person {correction!r} is not in the network.")
    if correction is not None and correction == rumour:
        raise P2PKitError("the rumour and the correction must start with different people.")
    p = _check_probability("p (chance of passing a message on)", p)
    delay = _check_count("delay", delay, 0)
    rng = random.Random(seed)
    order = _order(G)
    heard = {rumour: (0, RUMOUR)}
    frontier = [rumour]
    started = correction is None
    if not started and delay == 0:
        heard[correction] = (0, CORRECTION)
        frontier.append(correction)
        started = True
    frontier.sort(key=order.__getitem__)
    neighbours = G.successors if G.is_directed() else G.neighbors

    def rumour_can_spread(front) -> bool:
        return any(v not in heard and v != correction
                   for u in front if heard[u][1] == RUMOUR for v in neighbours(u))

    stalled_at = None if rumour_can_spread(frontier) else 0
    t = 0
    while frontier or not started:
        t += 1
        offers: dict = {}
        for u in frontier:
            message = heard[u][1]
            for v in neighbours(u):
                if v in heard or v == correction:
                    continue
                if rng.random() < p:
                    offers.setdefault(v, set()).add(message)
        new = []
        for v, messages in offers.items():
            heard[v] = (t, CORRECTION if CORRECTION in messages else RUMOUR)
            new.append(v)
        if not started and t == delay:
            heard[correction] = (t, CORRECTION)
            new.append(correction)
            started = True
        frontier = sorted(new, key=order.__getitem__)
        if stalled_at is None and not rumour_can_spread(frontier):
            stalled_at = t
    return Race(rumour=rumour, correction=correction, p=p, delay=delay,
                people=G.number_of_nodes(), stalled_at=stalled_at, heard=heard)


@dataclass(frozen=True)
class RaceOdds:
    """Averages over many runs of :func:`race` (see :func:`expected_race`)."""

    runs: int
    rumour_share: float
    correction_share: float
    neither_share: float
    believes_rumour: dict


def expected_race(G: nx.Graph, rumour, correction=None, p: float = 0.5, delay: int = 0,
                  runs: int = 500, seed: int | None = 0) -> RaceOdds:
    """Average :func:`race` over ``runs`` runs (Monte Carlo).

    Returns
    -------
    RaceOdds
        Mean shares of people who end up believing the rumour, the correction, or neither,
        and for each person the share of runs in which they believed the rumour. The
        standard error of a share is at most ``0.5 / sqrt(runs)``.

    References
    ----------
    Kempe, D., Kleinberg, J., & Tardos, E. (2003). Maximizing the spread of influence through
    a social network. *Proceedings of KDD '03*, 137-146 (estimating spread by simulation).

    Examples
    --------
    >>> odds = expected_race(nx.path_graph(2), rumour=0, p=0.5, runs=2000, seed=1)
    >>> abs(odds.rumour_share - 0.75) < 0.03     # 1/2 + 1/2 * 0.5
    True
    """
    runs = _check_count("runs", runs, 1)
    rng = random.Random(seed)
    totals = Counter()
    believes = Counter()
    for _ in range(runs):
        r = race(G, rumour, correction, p=p, delay=delay, seed=rng.randrange(2**32))
        for k, v in r.at().items():
            totals[k] += v
        believes.update(v for v, (_, m) in r.heard.items() if m == RUMOUR)
    n = G.number_of_nodes() * runs
    return RaceOdds(runs=runs, rumour_share=totals[RUMOUR] / n, correction_share=totals[CORRECTION] / n,
                    neither_share=totals["neither"] / n,
                    believes_rumour={v: believes[v] / runs for v in G})


def first_reached(result: Race, communities: Sequence[set], t: int | None = None) -> list[dict]:
    """For each community, the first step at which each message reached one of its members.

    Returns
    -------
    list of dict
        One ``{"rumour": step or None, "correction": step or None}`` per community, counting
        only steps up to ``t`` (default: the end of the race).

    Examples
    --------
    >>> r = race(nx.path_graph(4), rumour=0, correction=3, p=1.0)
    >>> first_reached(r, [{0, 1}, {2, 3}])
    [{'rumour': 0, 'correction': None}, {'rumour': None, 'correction': 0}]
    """
    t = result.duration if t is None else t
    out = []
    for c in communities:
        first = {RUMOUR: None, CORRECTION: None}
        for v in c:
            if v in result.heard:
                s, m = result.heard[v]
                if s <= t and (first[m] is None or s < first[m]):
                    first[m] = s
        out.append(first)
    return out


def race_verdict(result: Race, communities: Sequence[set] | None = None, t: int | None = None) -> str:
    """Plain sentences on the state of the race after step ``t``, computed from ``result``.

    The first sentence says whether the rumour is still spreading or has stalled and how
    many believe each message; if ``communities`` are given, the second says which message
    reached the other communities (those the rumour did not start in) first.

    Examples
    --------
    >>> r = race(nx.path_graph(4), rumour=0, correction=3, p=1.0)
    >>> race_verdict(r, [{0, 1}, {2, 3}])
    'The rumour has stalled (step 1): 50% believe it, 50% heard the correction first. The correction reached the other community first.'
    """
    t = result.duration if t is None else max(0, int(t))
    s = result.shares(t)
    counts = f"{s[RUMOUR]:.0%} believe it, {s[CORRECTION]:.0%} heard the correction first"
    if result.correction is None:
        counts = f"{s[RUMOUR]:.0%} believe it; no correction was sent"
    elif result.delay > t:
        counts = f"{s[RUMOUR]:.0%} believe it; the correction starts at step {result.delay}"
    if t >= result.stalled_at:
        text = f"The rumour has stalled (step {result.stalled_at}): {counts}."
    else:
        text = f"Step {t}: the rumour is still spreading; {counts}."
    if communities is None or len(communities) < 2:
        return text
    home = membership(communities).get(result.rumour)
    others = [i for i in range(len(communities)) if i != home]
    first = first_reached(result, communities, t)
    correction_first = rumour_first = same = 0
    for i in others:
        r, c = first[i][RUMOUR], first[i][CORRECTION]
        if c is not None and (r is None or c < r):
            correction_first += 1
        elif r is not None and (c is None or r < c):
            rumour_first += 1
        elif r is not None:
            same += 1
    if len(others) == 1:
        if correction_first:
            tail = "The correction reached the other community first."
        elif rumour_first:
            tail = "The rumour reached the other community first."
        elif same:
            tail = "Both messages reached the other community in the same step."
        else:
            tail = "Neither message has reached the other community yet."
    else:
        neither = len(others) - correction_first - rumour_first - same
        tail = (f"Of the {len(others)} other communities, {correction_first} heard the correction first, "
                f"{rumour_first} the rumour first" + (f", {same} both in the same step" if same else "")
                + (f", {neither} neither yet" if neither else "") + ".")
    return text + " " + tail


#: Where a correction can start, relative to the rumour (see :func:`correction_source`).
PLACEMENTS = ("inside", "bridge", "other")


def correction_source(G: nx.Graph, communities: Sequence[set], rumour, where: str = "inside"):
    """Pick who starts the correction, relative to where the rumour starts.

    Parameters
    ----------
    G : networkx.Graph
        The network.
    communities : list of set
        A division of everyone into communities.
    rumour : node
        Who starts the rumour.
    where : {"inside", "bridge", "other"}
        ``"inside"``: the best-connected person (:func:`hub`) of the rumour's own community,
        other than the rumour's source; ``"bridge"``: the least constrained broker
        (:func:`brokerage`) other than the rumour's source; ``"other"``: the best-connected
        person of the largest community the rumour did not start in.

    Returns
    -------
    node

    Raises
    ------
    P2PKitError
        If there is nobody in that position (for example ``"other"`` with one community).

    Examples
    --------
    >>> G = nx.barbell_graph(4, 0)
    >>> comms = [set(range(4)), set(range(4, 8))]
    >>> [correction_source(G, comms, 0, w) for w in PLACEMENTS]
    [3, 3, 4]
    """
    member = _check_division(_undirected(G), [set(c) for c in communities])
    if rumour not in member:
        raise P2PKitError(f"the rumour's starting person {rumour!r} is not in the network.")
    home = member[rumour]
    if where == "inside":
        pool = set(communities[home]) - {rumour}
        if not pool:
            raise P2PKitError("the rumour starts alone in its community: nobody else there can start the correction.")
        return hub(G, pool)
    if where == "bridge":
        pool = [v for v in brokerage(G, communities).brokers if v != rumour]
        if not pool:
            raise P2PKitError("nobody bridges two communities here: choose 'inside' or 'other'.")
        return pool[0]
    if where == "other":
        others = [c for i, c in enumerate(communities) if i != home]
        if not others:
            raise P2PKitError("there is only one community: there is no other community to start in.")
        return hub(G, max(others, key=len))
    raise P2PKitError(f"where must be one of {', '.join(PLACEMENTS)}; got {where!r}.")


def compare_placements(G: nx.Graph, communities: Sequence[set], rumour, delays: Sequence[int] = (0, 1, 2),
                       p: float = 0.5, runs: int = 300, seed: int | None = 0) -> dict:
    """Expected share believing the rumour for each place the correction could start, and each delay.

    Returns
    -------
    dict
        ``{(where, delay): RaceOdds}`` for ``where`` in :data:`PLACEMENTS` (those that exist
        here) and ``("none", 0)`` for no correction at all; every entry uses the same
        ``seed``, so the comparisons share their random numbers.

    Examples
    --------
    >>> G = nx.barbell_graph(4, 0)
    >>> out = compare_placements(G, [set(range(4)), set(range(4, 8))], 0, delays=(0,), p=1.0, runs=1)
    >>> out[("none", 0)].rumour_share, out[("other", 0)].rumour_share, out[("inside", 0)].rumour_share
    (1.0, 0.375, 0.125)
    """
    out = {("none", 0): expected_race(G, rumour, None, p=p, runs=runs, seed=seed)}
    for where in PLACEMENTS:
        try:
            source = correction_source(G, communities, rumour, where)
        except P2PKitError:
            continue
        for d in delays:
            out[(where, d)] = expected_race(G, rumour, source, p=p, delay=d, runs=runs, seed=seed)
    return out


__all__ += ["PLACEMENTS", "correction_source", "compare_placements"]
