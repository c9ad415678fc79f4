"""Who links the communities: Burt's structural holes, brokers, and Gould & Fernandez's roles.

Part of :mod:`p2pkit.communities` (chapter 2): :func:`constraint` and :func:`effective_size`
(Burt 1992), :func:`brokerage` (who links which communities, and whether one person holds
them together) with :func:`brokerage_verdict` and :func:`departure_verdict`,
:func:`brokerage_roles` (Gould & Fernandez 1989) and :func:`hub` (the best-connected person
of a group).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx

from ..errors import P2PKitError
from ._common import _order, _undirected, _who
from .detection import _check_division, _group_labels

__all__ = [
    "hub", "constraint", "effective_size", "Brokerage", "brokerage", "brokerage_verdict", "departure_verdict",
    "ROLES", "brokerage_roles", "lose_touch_text",
]


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
    where = lose_touch_text({p for lost in b.critical.values() for p in lost}, k)
    if len(people) == 1:
        return prefix + f"Only {_who(people[0])} holds the communities together: without them, {where}."
    if len(people) == 2 and b.critical[people[0]] == b.critical[people[1]]:
        return prefix + (f"Two people, {_who(people[0])} and {_who(people[1])}, are the only bridge: "
                         f"lose either and {where}.")
    named = ", ".join(str(v) for v in people[:5]) + (", ..." if len(people) > 5 else "")
    return prefix + (f"{len(people)} people each hold communities together on their own ({named}): "
                     "lose any one of them and some communities lose touch.")


def lose_touch_text(pairs, k: int) -> str:
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
    return f"Without {_who(person)}, {lose_touch_text(lost, k)}."


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
                if k in (j, i) or D.has_edge(i, k):
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
