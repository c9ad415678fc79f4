"""Unit size: one unit growing past about 150 people, against the same people in small units.

:func:`grow_unit` and :func:`split_unit` build the two; :func:`ideal_split` is the ideal of
small units in which everyone knows everyone (:func:`ideal_split_modularity` its closed
form); :func:`unit_size`, :func:`unit_sweep` and :func:`unit_verdict` measure the
coordination cost of each.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from ..communities import detect, modularity
from ..equipotency import centralization
from ..errors import P2PKitError, require_graph, require_probability, require_whole_number
from ..scaling import team_sizes
from ..seeding import python_random
from ._common import MAX_PEOPLE, _add_clique
from .profile import mean_hops

__all__ = ["grow_unit", "split_unit", "ideal_split", "ideal_split_modularity", "UnitSize", "unit_size",
           "UnitComparison", "unit_sweep", "unit_verdict"]


def grow_unit(people: int, ties_per_newcomer: int = 3, closure: float = 0.5, seed: int | None = 0) -> nx.Graph:
    """A unit that grows one newcomer at a time, by preferential attachment and introductions.

    The unit starts with ``m + 1`` founders who all know each other (``m =
    ties_per_newcomer``). Each newcomer then makes exactly ``m`` ties: the first to someone
    chosen with probability proportional to how many ties they already have (preferential
    attachment; Barabasi & Albert 1999); each further tie, with probability ``closure``, to a
    colleague of the person just met (an introduction that closes a triangle), otherwise again
    by preferential attachment -- the model of Holme & Kim (2002).

    Parameters
    ----------
    people : int
        People (at least ``m + 1``).
    ties_per_newcomer : int, default 3
        ``m``, at least 1.
    closure : float, default 0.5
        Probability that a further tie is an introduction.
    seed : int or None, default 0

    Returns
    -------
    networkx.Graph
        People ``0 .. people-1`` in order of arrival (node attribute ``group=0``). It has exactly
        ``C(m + 1, 2) + m (people - m - 1)`` ties, and the first ``k`` of ``grow_unit(people)``
        form ``grow_unit(k)`` for the same settings and seed: the unit grows, nobody's past
        ties change.

    Notes
    -----
    :func:`networkx.powerlaw_cluster_graph` is the same model, but it starts from ``m`` people
    with no ties between them; this one starts from a founding team who all know each other, so
    that even a small unit is one working group, and kept as it is so the chapter's numbers stay.

    References
    ----------
    Holme, P., & Kim, B. J. (2002). Growing scale-free networks with tunable clustering.
    *Physical Review E* 65, 026107.
    Barabasi, A.-L., & Albert, R. (1999). Emergence of scaling in random networks.
    *Science* 286, 509-512.

    Examples
    --------
    >>> grow_unit(10, ties_per_newcomer=2).number_of_edges()
    17
    """
    m = require_whole_number("ties_per_newcomer", ties_per_newcomer, minimum=1)
    n = require_whole_number("people", people, minimum=m + 1, maximum=MAX_PEOPLE)
    p = require_probability("closure", closure)
    rng = python_random(seed)
    G = nx.Graph(model="one unit")
    founders = list(range(m + 1))
    G.add_nodes_from(range(n), group=0, role="member")
    _add_clique(G, founders, "work")
    targets = [v for v in founders for _ in range(m)]  # each founder appears once per tie
    for v in range(m + 1, n):
        chosen: list[int] = []
        last = None
        while len(chosen) < m:
            w = None
            if last is not None and rng.random() < p:
                options = [x for x in G[last] if x != v and x not in chosen]
                if options:
                    w = options[rng.randrange(len(options))]
            while w is None:
                cand = targets[rng.randrange(len(targets))]
                if cand not in chosen:
                    w = cand
            chosen.append(w)
            last = w
        for w in chosen:
            G.add_edge(v, w, kind="work")
            targets.append(w)
            targets.append(v)
    return G


def split_unit(people: int, cap: int = 150, ties_per_newcomer: int = 3, closure: float = 0.5, liaisons: int = 2,
               seed: int | None = 0) -> nx.Graph:
    """The same number of people in units of at most ``cap``, joined by a few liaison ties.

    The people are split into ``ceil(people / cap)`` units of near-equal size; each unit grows as
    :func:`grow_unit` does (its own seed drawn from ``seed``), and each unit is joined to the
    next one round a ring by ``liaisons`` ties between members chosen at random (kind
    "liaison"; two units are joined once).

    Examples
    --------
    >>> G = split_unit(400, cap=150, seed=1)
    >>> sorted({g for _, g in G.nodes(data="group")}), nx.is_connected(G)
    ([0, 1, 2], True)
    """
    n = require_whole_number("people", people, minimum=2, maximum=MAX_PEOPLE)
    cap = require_whole_number("cap", cap, minimum=2)
    m = require_whole_number("ties_per_newcomer", ties_per_newcomer, minimum=1)
    liaisons = require_whole_number("liaisons", liaisons, minimum=0)
    rng = python_random(seed)
    sizes = team_sizes(n, cap)
    if min(sizes) < m + 1:
        raise P2PKitError(f"units of {min(sizes)} people are too small for {m} ties per newcomer; "
                          "use fewer ties per newcomer or a larger cap.")
    G = nx.Graph(model="split units")
    members: list[list[int]] = []
    start = 0
    for u, size in enumerate(sizes):
        unit = grow_unit(size, m, closure, seed=rng.randrange(2**31))
        mapping = {v: start + v for v in unit}
        G.add_nodes_from(mapping.values(), group=u, role="member")
        G.add_edges_from(((mapping[a], mapping[b]) for a, b in unit.edges()), kind="work")
        members.append(list(mapping.values()))
        start += size
    k = len(sizes)
    pairs = [(u, (u + 1) % k) for u in range(k)] if k > 2 else ([(0, 1)] if k == 2 else [])
    for a, b in pairs:
        for _ in range(liaisons):
            x = members[a][rng.randrange(len(members[a]))]
            y = members[b][rng.randrange(len(members[b]))]
            G.add_edge(x, y, kind="liaison")
    return G


def ideal_split(units: int, size: int) -> nx.Graph:
    """Units in which everyone knows everyone, each unit tied once to the next round a ring.

    Built with :func:`networkx.ring_of_cliques`; node attribute ``group`` is the unit. It has
    ``units * C(size, 2) + units`` ties (for at least 3 units).

    Examples
    --------
    >>> ideal_split(4, 5).number_of_edges()
    44
    """
    units = require_whole_number("units", units, minimum=2)
    size = require_whole_number("size", size, minimum=2)
    G = nx.ring_of_cliques(units, size)
    for v in G:
        G.nodes[v]["group"] = v // size
        G.nodes[v]["role"] = "member"
    G.graph["model"] = "ideal split"
    return G


def ideal_split_modularity(units: int, size: int) -> float:
    """Closed-form modularity of :func:`ideal_split` ``(units, size)`` divided into its units.

    Each unit has ``L = C(size, 2)`` ties inside and two ring ties out, so the network has
    ``m = units (L + 1)`` ties and each unit a degree sum of ``2 (L + 1) = 2m / units``;
    Newman & Girvan's Q is therefore ``L / (L + 1) - 1 / units``. It approaches 1 as units
    get larger and more numerous.

    Examples
    --------
    >>> round(ideal_split_modularity(4, 5), 4)
    0.6591
    """
    units = require_whole_number("units", units, minimum=3)
    size = require_whole_number("size", size, minimum=2)
    L = size * (size - 1) / 2
    return L / (L + 1) - 1 / units


@dataclass(frozen=True)
class UnitSize:
    """Coordination cost of one way of organising ``people`` (see :func:`unit_size`)."""

    people: int
    units: int
    largest_unit: int
    ties: int
    ties_for_all_to_know_all: int
    relationships_needed: int
    ties_per_person: float
    mean_hops: float
    hops_exact: bool
    degree_centralization: float
    busiest_share: float
    communities: int
    modularity: float


def unit_size(G: nx.Graph, seed: int | None = 0, communities: list | None = None) -> UnitSize:
    """Measure the coordination cost of a network whose node attribute ``group`` is the unit.

    Returns
    -------
    UnitSize
        ``ties_for_all_to_know_all``: the ties needed for everyone to know everyone in their
        own unit (``sum C(s, 2)`` over unit sizes ``s``); ``relationships_needed``: the working
        relationships that would ask of a person in the largest unit (its size minus one);
        ``ties`` and ``ties_per_person``: what the network has; ``mean_hops`` (see
        :func:`mean_hops`); ``busiest_share``: the best-connected person's ties as a share of
        everyone else; ``degree_centralization`` (Freeman 1979); ``communities`` and
        ``modularity`` of a Louvain division -- the groups the network forms on its own
        (pass ``communities`` to reuse a division already found).

    Examples
    --------
    >>> u = unit_size(ideal_split(3, 4))
    >>> u.ties, u.ties_for_all_to_know_all, u.relationships_needed, u.mean_hops > 1
    (21, 18, 3, True)
    """
    n = require_graph(G, minimum=3, what="a unit")
    sizes: dict = {}
    for _, g in G.nodes(data="group", default=0):
        sizes[g] = sizes.get(g, 0) + 1
    comms = communities if communities is not None else detect(G, seed=seed)
    hops, exact = mean_hops(G, seed=seed)
    return UnitSize(
        people=n,
        units=len(sizes),
        largest_unit=max(sizes.values()),
        ties=G.number_of_edges(),
        ties_for_all_to_know_all=int(sum(s * (s - 1) // 2 for s in sizes.values())),
        relationships_needed=max(sizes.values()) - 1,
        ties_per_person=2 * G.number_of_edges() / n,
        mean_hops=hops,
        hops_exact=exact,
        degree_centralization=centralization(G, "degree"),
        busiest_share=max(d for _, d in G.degree()) / (n - 1),
        communities=len(comms),
        modularity=modularity(G, comms),
    )


@dataclass(frozen=True)
class UnitComparison:
    """The same people as one unit and split into units of at most ``cap`` (see :func:`unit_sweep`)."""

    one: UnitSize
    split: UnitSize
    cap: int = 150


def unit_sweep(sizes: Iterable[int], cap: int = 150, ties_per_newcomer: int = 3, closure: float = 0.5,
               liaisons: int = 2, seed: int | None = 0) -> list[UnitComparison]:
    """One unit growing through ``sizes``, against the same people split into units of <= ``cap``.

    The single unit is :func:`grow_unit` of the largest size, cut to each size in turn (the
    same people, arriving in the same order); the split organisation is
    :func:`split_unit` built for each size.

    Returns
    -------
    list of UnitComparison
        One for each size, in the order given.

    Examples
    --------
    >>> [(c.one.units, c.split.units) for c in unit_sweep([100, 200])]
    [(1, 1), (1, 2)]
    """
    sizes = [require_whole_number("size", s, minimum=ties_per_newcomer + 1, maximum=MAX_PEOPLE) for s in sizes]
    if not sizes:
        raise P2PKitError("give at least one unit size.")
    big = grow_unit(max(sizes), ties_per_newcomer, closure, seed)
    out = []
    for s in sizes:
        one = big.subgraph(range(s)).copy()
        split = split_unit(s, cap, ties_per_newcomer, closure, liaisons, seed)
        out.append(UnitComparison(unit_size(one, seed), unit_size(split, seed), cap))
    return out


def unit_verdict(c: UnitComparison) -> str:
    """Compare one unit with the same people split into small units, in plain sentences.

    Examples
    --------
    >>> c = unit_sweep([300])[0]
    >>> unit_verdict(c).startswith("One unit of 300")
    True
    >>> "past the cap of 50;" in unit_verdict(unit_sweep([300], cap=50)[0])
    True
    """
    one, split, cap = c.one, c.split, c.cap
    parts = [f"One unit of {one.people}: for everyone to know everyone, each person would need "
             f"{one.relationships_needed} working relationships; they have {one.ties_per_person:.1f} on average."]
    limit = "the 150 often cited as a limit" if cap == 150 else f"the cap of {cap}"
    if one.largest_unit > cap:
        parts.append(f"That is past {limit}; the unit has already formed "
                     f"{one.communities} informal groups of its own (modularity {one.modularity:.2f}).")
    else:
        parts.append(f"It is within {limit}.")
    if split.units > 1:
        change = split.mean_hops - one.mean_hops
        direction = "more" if change > 0 else "fewer"
        parts.append(f"Split into {split.units} units of at most {split.largest_unit}, each person would need at most "
                     f"{split.relationships_needed} relationships to know their whole unit, but a message across "
                     f"the organisation takes {abs(change):.2f} {direction} hops on average "
                     f"({split.mean_hops:.2f} against {one.mean_hops:.2f}).")
    return " ".join(parts)
