"""The three elements together: one network read as node communities, equipotency and relational dynamics.

The publisher's description of Baker's book names three elements -- node communities,
equipotency and relational dynamics -- and likens their interplay to the patterns of a
kaleidoscope (Baker 2014, "About This Book"). The description does not say how they
interact; this module is the companion's model of reading them at once. Each element is
one lens, measured by the module that models it:

- **node communities** (:mod:`p2pkit.communities`) -- the groups the ties form
  (:func:`~p2pkit.communities.detect`, Louvain), how clear they are
  (:func:`~p2pkit.communities.modularity`), who has ties into another group and who alone
  keeps two groups in touch (:func:`~p2pkit.communities.brokerage`);
- **equipotency** (:mod:`p2pkit.equipotency`) -- each person's share of all the ties, how
  unevenly those shares are spread (Gini) and how much one person dominates the routes
  between others (betweenness centralization), from
  :func:`~p2pkit.equipotency.equipotency_profile`;
- **relational dynamics** (:mod:`p2pkit.dynamics`) -- ties formed and faded, the share of
  ties returned and the share of pairs who can still reach each other, from
  :func:`~p2pkit.dynamics.evolve` and :func:`~p2pkit.dynamics.tie_measures`.

:func:`read_three` reads one snapshot through all three lenses; :func:`pair_changes` says
which pairs gained or lost their tie in a step; :func:`together_verdict` compares a
snapshot with the start and says, in one sentence, what the three lenses show together
that none of them shows alone -- for example that influence looks more even only because
the network is coming apart, or that evenness was bought with many more ties to keep up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np

from .communities import lose_touch_text, brokerage, detect, modularity
from .dynamics import Evolution, tie_measures
from .equipotency import equipotency_profile
from .errors import require_whole_number

__all__ = ["CHANGE", "CLEAR", "GINI_CHANGE", "GROWTH", "TOUCH_DROP", "Lenses", "pair_changes", "read_three",
           "together_verdict"]

#: A change in modularity larger than this counts as communities sharpening or blurring.
CHANGE = 0.05
#: A change in the Gini of the shares of influence larger than this counts as influence moving.
GINI_CHANGE = 0.03
#: A fall in the share of pairs in touch larger than this counts as the network coming apart.
TOUCH_DROP = 0.01
#: More ties than at the start by more than this share counts as the network growing.
GROWTH = 0.10
#: Modularity from which communities count as clearly drawn (Newman & Girvan 2004: above
#: about 0.3 usually means clear communities).
CLEAR = 0.3


@dataclass(frozen=True)
class Lenses:
    """One network read through the three elements at once (see :func:`read_three`).

    Node communities: ``communities`` (in the order given or found), ``modularity``,
    ``brokers`` (people with a tie into another community), ``holds_together`` (person ->
    pairs of community indices, 0-based, that lose touch without them).
    Equipotency: ``shares`` (each person's share of influence counted by contacts: their
    number of contacts divided by everyone's added up, so the shares add up to 1), ``top`` and
    ``top_share`` (the largest share), ``equal_share`` (1 / people), ``gini`` (of the shares)
    and ``route_centralization`` (betweenness centralization, Freeman 1979).
    Relational dynamics: ``ties`` (directed ties), ``reciprocity`` (share of ties returned),
    ``density`` and ``in_touch`` (share of pairs who can reach each other), and
    ``cut_off`` (people outside the largest connected group).
    """

    people: int
    ties: int
    communities: tuple
    modularity: float
    brokers: tuple
    holds_together: dict
    shares: dict
    top: object
    top_share: float
    equal_share: float
    gini: float
    route_centralization: float
    reciprocity: float
    density: float
    in_touch: float
    cut_off: tuple

    @property
    def top_ratio(self) -> float:
        """The largest share divided by an equal share (1 = everyone has the same)."""
        return self.top_share / self.equal_share


def _undirected(G: nx.Graph) -> nx.Graph:
    """Ties in either direction as one tie, people in the network's order."""
    U = nx.Graph()
    U.add_nodes_from(G.nodes(data=True))
    U.add_edges_from((u, v) for u, v in G.edges() if u != v)
    return U


def read_three(G: nx.Graph, communities: Sequence[set] | None = None, seed: int | None = 0) -> Lenses:
    """Read one network through node communities, equipotency and relational dynamics.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network (at least 3 people, no self-ties). Communities, shares and routes use
        the ties in either direction; reciprocity and density count directed ties.
    communities : list of set, optional
        A division of everyone into communities, in the order they should be numbered.
        Default: :func:`p2pkit.communities.detect` with ``seed``.
    seed : int or None, default 0
        Seed of the community detection (used only when ``communities`` is not given).

    Returns
    -------
    Lenses

    Raises
    ------
    P2PKitError
        For a network the measures cannot use, or a division that does not cover everyone.

    Notes
    -----
    The share of influence counted by contacts is each person's degree divided by the sum of
    all degrees (the degree version of :func:`p2pkit.equipotency.influence_shares`; a person
    at one end of a fifth of all ties has a tenth of this influence); with ties that run both
    ways it is also each person's weight in a DeGroot consensus, up to the ``+ 1`` of
    listening to oneself (DeGroot 1974). ``route_centralization`` is Freeman's (1979)
    betweenness centralization: 1 for a star, 0 when everyone lies on as many routes.

    References
    ----------
    Newman, M. E. J., & Girvan, M. (2004). Finding and evaluating community structure in
    networks. *Physical Review E* 69, 026113.
    Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
    *Social Networks* 1(3), 215-239.
    Wasserman, S., & Faust, K. (1994). *Social Network Analysis*. Cambridge University
    Press (reciprocity, density).

    Examples
    --------
    >>> G = nx.barbell_graph(4, 0)            # two groups of 4 joined by the tie 3-4
    >>> lens = read_three(G)
    >>> len(lens.communities), round(lens.modularity, 3), sorted(lens.holds_together)
    (2, 0.423, [3, 4])
    >>> lens.top, round(lens.top_share, 3), lens.in_touch
    (3, 0.154, 1.0)
    """
    U = _undirected(G)
    comms = [set(c) for c in (detect(U, seed=seed) if communities is None else communities)]
    q = modularity(U, comms)
    b = brokerage(U, comms)
    p = equipotency_profile(U, "degree", krackhardt_measures=False)
    m = tie_measures(G)
    parts = sorted(nx.connected_components(U), key=lambda c: (-len(c), min(list(U).index(v) for v in c)))
    biggest = parts[0] if parts else set()
    return Lenses(
        people=m.people, ties=m.ties, communities=tuple(frozenset(c) for c in comms), modularity=q,
        brokers=b.brokers, holds_together=dict(b.critical), shares=dict(p.shares), top=p.top,
        top_share=p.top_share, equal_share=p.equal_share, gini=p.gini["degree"],
        route_centralization=p.centralization["betweenness"], reciprocity=m.reciprocity,
        density=m.density, in_touch=m.in_touch, cut_off=tuple(v for v in U if v not in biggest))


def pair_changes(ev: Evolution, t: int) -> tuple[tuple, tuple]:
    """The pairs that became tied and the pairs that lost their last tie in step ``t``.

    A pair counts as tied when a tie runs either way between them. Returns
    ``(newly_tied, no_longer_tied)``, each a tuple of pairs ``(u, v)`` in node order; step 0
    (the start) changes nothing. A pair whose one-way tie is returned is not newly tied.

    Examples
    --------
    >>> from p2pkit.dynamics import evolve
    >>> ev = evolve(nx.DiGraph([(0, 1), (1, 2)]), 1, reciprocate=1.0, decay=1.0)
    >>> pair_changes(ev, 1)
    ((), ())
    >>> ev = evolve(nx.DiGraph([(0, 1), (1, 2)]), 1, decay=1.0)
    >>> pair_changes(ev, 1)
    ((), ((0, 1), (1, 2)))
    """
    t = require_whole_number("step", t, minimum=0, maximum=ev.steps)
    if t == 0:
        return (), ()
    before, after = ev.matrices[t - 1], ev.matrices[t]
    b, a = np.triu(before | before.T, 1), np.triu(after | after.T, 1)

    def pairs(M):
        return tuple((ev.nodes[i], ev.nodes[j]) for i, j in zip(*np.nonzero(M), strict=True))

    return pairs(a & ~b), pairs(b & ~a)


def _namer(name: Mapping | Callable | None) -> Callable:
    """How :func:`together_verdict` names a person: ``name`` itself, a lookup in it, or "person 7"."""
    if callable(name):
        return name
    names = dict(name or {})

    def who(v) -> str:
        return names.get(v, f"person {v}")

    return who


def _alone(now: Lenses, who: Callable) -> str:
    """Who alone keeps communities in touch, in words ("" when nobody does)."""
    if not now.holds_together:
        return ""
    k = len(now.communities)
    people = list(now.holds_together)
    lost = {p for v in people for p in now.holds_together[v]}
    if len(people) == 1:
        return f"without {who(people[0])}, {lose_touch_text(lost, k)}"
    if len(people) == 2 and now.holds_together[people[0]] == now.holds_together[people[1]]:
        return f"without either {who(people[0])} or {who(people[1])}, {lose_touch_text(lost, k)}"
    return (f"{len(people)} people each hold communities together on their own "
            f"({', '.join(who(v) for v in people[:3])}{', ...' if len(people) > 3 else ''})")


def _at_the_start(now: Lenses, who: Callable, alone: str) -> str:
    """:func:`together_verdict` at step 0: the three lenses on the starting network."""
    k = len(now.communities)
    clear = "clearly drawn" if now.modularity >= CLEAR else "loosely drawn"
    text = (f"At the start: {k} {clear} {'community' if k == 1 else 'communities'} (modularity "
            f"{now.modularity:.2f}); {who(now.top)} has the biggest share of influence, {now.top_share:.0%} "
            f"({now.top_ratio:.1f} times an equal share); {now.reciprocity:.0%} of ties are returned.")
    if alone:
        return text + f" {alone[:1].upper() + alone[1:]}: however influence is spread, the groups depend on so few."
    return text + " Play the steps to see how the three move together."


def together_verdict(start: Lenses, now: Lenses, formed: int, faded: int, steps: int,
                     name: Mapping | Callable | None = None) -> str:
    """What the three lenses show together, comparing ``now`` with ``start``, in one sentence or two.

    Parameters
    ----------
    start, now : Lenses
        The network at the start and after ``steps`` steps (:func:`read_three`).
    formed, faded : int
        Directed ties formed and faded over those steps (for example
        ``sum(ev.formed[:steps])``).
    steps : int
        How many steps lie between ``start`` and ``now`` (0: only the start is described).
    name : mapping or callable, optional
        How to name a person (default ``"person 7"``).

    Returns
    -------
    str
        The first case that applies: the start; a network coming apart (fewer pairs in
        touch); one person who alone keeps communities in touch; communities merging and
        influence spreading while ties multiply (evenness that costs upkeep); communities
        separating and influence gathering while everyone can still reach everyone; and
        otherwise the three lenses side by side. Changes count from :data:`CHANGE` in
        modularity, :data:`GINI_CHANGE` in the Gini of the shares of influence,
        :data:`TOUCH_DROP` in the share of pairs in touch and :data:`GROWTH` in the number of
        ties; communities are "clearly drawn" from a modularity of :data:`CLEAR`.

    Examples
    --------
    >>> G = nx.barbell_graph(4, 0)
    >>> s = read_three(G)
    >>> together_verdict(s, s, 0, 0, 0)  # doctest: +NORMALIZE_WHITESPACE
    'At the start: 2 clearly drawn communities (modularity 0.42); person 3 has the biggest share
    of influence, 15% (1.2 times an equal share); 100% of ties are returned. Without either
    person 3 or person 4, communities 1 and 2 lose touch: however influence is spread, the
    groups depend on so few.'
    """
    who = _namer(name)
    alone = _alone(now, who)
    if steps == 0:
        return _at_the_start(now, who, alone)
    q = f"modularity {start.modularity:.2f} to {now.modularity:.2f}"
    g = f"Gini {start.gini:.2f} to {now.gini:.2f}"
    counts = f"{formed} ties formed and {faded} faded in {steps} step{'s' if steps != 1 else ''}"
    holder = f"{who(now.top)}, with {now.top_ratio:.1f} times an equal share of it"
    dq = now.modularity - start.modularity
    dg = now.gini - start.gini
    grows = now.ties > start.ties * (1 + GROWTH)
    comm = ("the communities are separating" if dq > CHANGE else
            "the communities are merging" if dq < -CHANGE else "the communities hold steady")

    if now.in_touch < start.in_touch - TOUCH_DROP:
        shape = (f"the communities look sharper ({q}) as the ties between them go" if dq > CHANGE
                 else f"the communities change less than the reach does ({q})")
        spread = (f"what influence remains gathers on {holder}" if dg > GINI_CHANGE else
                  f"influence looks no more uneven ({g}), but among people many of whom can no longer "
                  "reach each other")
        return (f"Together, the lenses show a network coming apart, not a more peer-to-peer one: {counts}, "
                f"and {now.in_touch:.0%} of pairs can still reach each other; {shape}, and {spread}.")
    if alone:
        new = [v for v in now.holds_together if v not in start.holds_together]
        when = "a weak point that was not there at the start" if new else "a weak point that has not gone away"
        top = ("and the same person has the biggest share of influence" if now.top in now.holds_together else
               f"yet the biggest share of influence is {who(now.top)}'s")
        return (f"Together, the lenses find {when}: {alone}, {top} ({counts}; {now.in_touch:.0%} of pairs "
                "in touch). How evenly influence is spread does not show it.")
    if dg < -GINI_CHANGE and grows:
        return (f"Together, the lenses show what evenness costs: influence is spreading out ({g}) and {comm} "
                f"({q}), but it took {counts}: the network now has "
                f"{now.ties / max(start.ties, 1):.1f} times as many ties to keep up as at the start.")
    if dq > CHANGE and dg > GINI_CHANGE:
        return (f"Together, the lenses see a drift that reach does not show yet: {counts}, {comm} ({q}) and "
                f"influence gathers on {holder}, though nobody has lost touch yet.")
    infl = ("grows more uneven" if dg > GINI_CHANGE else "evens out" if dg < -GINI_CHANGE else "is as even as it was")
    lead = "Read together" if abs(dq) > CHANGE or abs(dg) > GINI_CHANGE else "Together, no lens has moved far"
    return (f"{lead}: {comm} ({q}), the spread of influence {infl} ({g}), and "
            f"{counts}; {now.reciprocity:.0%} of ties are returned and {now.in_touch:.0%} of pairs are in touch.")
