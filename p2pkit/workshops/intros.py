"""Introductions a weaver makes (*Weaving the network*): suggested, made one at a time, judged.

:func:`suggest_introductions` proposes them, best first; :func:`introductions` makes them and
says what kind each one is; :func:`weaving_verdict` says what they changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from ..architecture import load_share
from ..communities import detect, membership
from ..errors import P2PKitError, require_whole_number
from ..weaving import PhaseProfile, transition
from .names import people_text

__all__ = ["most_routes", "suggest_introductions", "Introduction", "introductions", "WeavingRound", "weaving_verdict"]


def most_routes(G: nx.Graph, k: int = 1) -> list:
    """The ``k`` people on the largest share of the routes between others, most first.

    The share is :func:`p2pkit.architecture.load_share` (betweenness as a share of all
    routes); on equal shares the person who comes first in ``list(G)`` comes first.

    Examples
    --------
    >>> most_routes(nx.path_graph(5), 2)
    [2, 1]
    """
    U = nx.Graph(G)
    load = load_share(U)
    order = {v: i for i, v in enumerate(U)}
    return sorted(U, key=lambda v: (-load[v], order[v]))[: require_whole_number("k (people)", k, minimum=0)]


def suggest_introductions(G: nx.Graph, weaver, communities: Sequence[set] | None = None,
                          limit: int = 6) -> list[tuple]:
    """Introductions a weaver could make, best first.

    A network weaver (Krebs & Holley 2006) first brings scattered people in, then introduces
    the people she knows to each other so that she is no longer the one everything passes
    through. The suggestions follow that order:

    1. **Newcomers**: everyone with no route to the weaver (people with no ties, or a separate
       part of the network) meets the weaver herself, smallest parts first.
    2. **Bridges**: two of the weaver's contacts in different communities who are not tied.
    3. **Triangles**: two of her contacts in the same community who are not tied (she
       closes a triangle through herself).

    Within 2 and 3, pairs whose two people have the fewest ties come first (the periphery is
    brought in, and load moves away from the hubs), then the order of ``list(G)``. Each person
    is introduced at most once while other pairs remain, so that the introductions spread.

    Parameters
    ----------
    G : networkx.Graph
        The network (read as undirected).
    weaver : node
        Who makes the introductions.
    communities : sequence of set, optional
        A division of the people; default: the Louvain communities of ``G``
        (:func:`p2pkit.communities.detect`, seed 0).
    limit : int, default 6
        At most this many suggestions.

    Returns
    -------
    list of tuple
        Pairs ``(a, b)`` to introduce, in order (for :func:`introductions`).

    References
    ----------
    Krebs, V., & Holley, J. (2006). Building smart communities through network weaving.
    Appalachian Center for Economic Networks.
    Burt, R. S. (1992). *Structural Holes*. Harvard University Press (contacts in different
    groups who are not tied).

    Examples
    --------
    >>> G = nx.Graph([(0, 1), (0, 2), (0, 3), (2, 3)])
    >>> G.add_node(4)
    >>> suggest_introductions(G, 0, [{0, 1}, {2, 3}, {4}])
    [(0, 4), (1, 2), (1, 3)]
    """
    U = nx.Graph(G)
    U.remove_edges_from(nx.selfloop_edges(U))
    if weaver not in U:
        raise P2PKitError(f"the weaver {weaver!r} is not in the network.")
    comms = [set(c) for c in (communities if communities is not None else detect(U, seed=0))]
    group = membership(comms)
    order = {v: i for i, v in enumerate(U)}
    home = nx.node_connected_component(U, weaver)
    parts = sorted((c for c in nx.connected_components(U) if weaver not in c),
                   key=lambda c: (len(c), min(order[v] for v in c)))
    out: list[tuple] = [(weaver, min(c, key=order.__getitem__)) for c in parts]
    contacts = sorted((v for v in U[weaver] if v in home), key=order.__getitem__)
    pairs = [(a, b) for i, a in enumerate(contacts) for b in contacts[i + 1:] if not U.has_edge(a, b)]

    def rank(pair):
        a, b = pair
        same = group.get(a, -1) == group.get(b, -1)
        return (same, U.degree(a) + U.degree(b), order[a], order[b])

    pairs.sort(key=rank)
    used: set = set()
    rest = []
    for a, b in pairs:
        if a in used or b in used:
            rest.append((a, b))
            continue
        out.append((a, b))
        used |= {a, b}
    out += rest
    return out[: require_whole_number("limit (suggestions)", limit, minimum=0)]



@dataclass(frozen=True)
class Introduction:
    """One proposed introduction and what kind it is (see :func:`introductions`)."""

    pair: tuple
    kind: str
    via: tuple = ()

    def describe(self, community: dict | None = None) -> str:
        a, b = self.pair
        if self.kind == "already tied":
            return f"{a} and {b} are already tied"
        if self.kind == "close":
            return f"{a} and {b}: closes a triangle (both know {people_text(self.via, 3)})"
        if self.kind == "bridge":
            if community and a in community and b in community and community[a] != community[b]:
                return f"{a} and {b}: bridges community {community[a] + 1} and community {community[b] + 1}"
            return f"{a} and {b}: bridges two parts of the network"
        return f"{a} and {b}: a new contact (no colleague in common)"


def introductions(G: nx.Graph, pairs: Sequence[tuple], communities: Sequence[set] | None = None
                  ) -> tuple[nx.Graph, list[Introduction]]:
    """Make introductions one at a time and say what kind each one is.

    Each introduction is classified on the network as it is just before it is made, with
    :func:`p2pkit.weaving.transition`: a **bridge** if the two are in different communities
    (``communities``, e.g. the room's node communities) or in parts of the network with no
    route between them; else it **closes** a triangle if they share a colleague (triadic
    closure; Granovetter 1973); else it is a **spoke**, a new contact. A pair that is already
    tied is reported and changes nothing.

    Parameters
    ----------
    G : networkx.Graph
        The network before the introductions (not changed).
    pairs : sequence of tuple
        The introductions, in the order they are made (e.g. from :func:`parse_pairs`).
    communities : sequence of set, optional
        A division of the people; default: the Louvain communities of ``G``
        (:func:`p2pkit.communities.detect`, seed 0).

    Returns
    -------
    (networkx.Graph, list of Introduction)
        The network after all the introductions, and each introduction's kind and, for a
        closed triangle, the colleagues the two share.

    References
    ----------
    Granovetter, M. S. (1973). The strength of weak ties. *American Journal of Sociology*
    78(6), 1360-1380.
    Krebs, V., & Holley, J. (2006). Building smart communities through network weaving.
    Appalachian Center for Economic Networks.

    Examples
    --------
    >>> G = nx.Graph([(0, 1), (1, 2), (3, 4)])
    >>> H, intros = introductions(G, [(0, 2), (2, 3), (0, 1)], [{0, 1, 2}, {3, 4}])
    >>> [i.kind for i in intros], H.number_of_edges()
    (['close', 'bridge', 'already tied'], 5)
    """
    U = nx.Graph(G)
    comms = [set(c) for c in (communities if communities is not None else detect(U, seed=0))]
    group = membership(comms)
    for v in U:
        if v not in group:
            raise P2PKitError(f"{v!r} is in no community; give a division that covers everyone.")
    nx.set_node_attributes(U, group, "group")
    out: list[Introduction] = []
    for a, b in pairs:
        for x in (a, b):
            if x not in U:
                raise P2PKitError(f"{x!r} is not in the network.")
        if a == b:
            raise P2PKitError(f"{a!r} cannot be introduced to themselves.")
        if U.has_edge(a, b):
            out.append(Introduction((a, b), "already tied"))
            continue
        H = U.copy()
        H.add_edge(a, b)
        kinds = transition(U, H)
        kind = next(k for k, ties in kinds.items() if ties)
        via = tuple(sorted(nx.common_neighbors(U, a, b), key=list(U).index)) if kind == "close" else ()
        out.append(Introduction((a, b), kind, via))
        U = H
    return U, out


@dataclass(frozen=True)
class WeavingRound:
    """Introductions made, and the network's weaving profile before and after them.

    ``before`` and ``after`` are :class:`p2pkit.weaving.PhaseProfile` objects
    (:func:`p2pkit.weaving.phase_profile`); ``intros`` the :class:`Introduction` objects of
    :func:`introductions`.
    """

    before: PhaseProfile
    after: PhaseProfile
    intros: tuple


def weaving_verdict(w: WeavingRound) -> str:
    """What the introductions did, in plain sentences, computed from the two weaving profiles.

    Examples
    --------
    >>> from p2pkit.weaving import phase_profile
    >>> G = nx.Graph([(0, 1), (1, 2), (3, 4), (4, 5)])
    >>> H, intros = introductions(G, [(2, 3), (0, 2)], [{0, 1, 2}, {3, 4, 5}])
    >>> weaving_verdict(WeavingRound(phase_profile(G, 1), phase_profile(H, 1), tuple(intros)))
    ... # doctest: +NORMALIZE_WHITESPACE
    '2 introductions: 1 bridge and 1 closed triangle. Pairs who can reach each other: 40% -> 100%.
    Triangles: 0 -> 1. Single points of failure: 2 -> 3.'
    """
    before, after, intros = w.before, w.after, w.intros
    made = [i for i in intros if i.kind != "already tied"]
    if not intros:
        return "No introductions made yet: this is the network as it was."
    if not made:
        return "These pairs are already tied: the network is unchanged."
    counts = {k: sum(1 for i in made if i.kind == k) for k in ("bridge", "close", "spoke")}
    words = {"bridge": ("bridge", "bridges"), "close": ("closed triangle", "closed triangles"),
             "spoke": ("new contact", "new contacts")}
    kinds = [f"{c} {words[k][c != 1]}" for k, c in counts.items() if c]
    kind_text = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " and " + kinds[-1]
    n = len(made)
    text = f"{n} introduction{'s' if n != 1 else ''}: {kind_text}."
    if after.pairs_in_touch > before.pairs_in_touch + 1e-9:
        text += f" Pairs who can reach each other: {before.pairs_in_touch:.0%} -> {after.pairs_in_touch:.0%}."
    text += f" Triangles: {before.triangles} -> {after.triangles}."
    if after.single_points != before.single_points:
        text += f" Single points of failure: {before.single_points} -> {after.single_points}."
    if after.most_central_load < before.most_central_load - 0.005:
        text += (f" The busiest person's share of routes: {before.most_central_load:.0%} -> "
                 f"{after.most_central_load:.0%}.")
    return text
