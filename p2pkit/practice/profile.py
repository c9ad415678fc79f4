"""The chapter 1-3 measures of one stylised case, and what they add up to.

:func:`case_profile` (and :func:`case_measures`, which also returns everyone's share of the
routes) measures a case; :func:`case_verdict` and :func:`departure_verdict` say what the
measures mean in plain sentences. :func:`mean_hops`, :func:`shortest_routes` and
:func:`most_central` are the path measures they read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from ..architecture import pairwise_connectivity
from ..communities import detect, modularity
from ..equipotency import centralization, gini, krackhardt
from ..errors import P2PKitError, require_graph
from ..measures import betweenness, path_stats
from ..seeding import python_random
from .cases import authority_digraph

__all__ = ["mean_hops", "shortest_routes", "most_central", "ROLE_NOUNS", "CaseProfile", "case_profile",
           "case_measures", "case_verdict", "departure_verdict"]


def mean_hops(G: nx.Graph, exact_up_to: int = 400, sample: int = 100, seed: int | None = 0) -> tuple[float, bool]:
    """Average number of hand-offs between two people who can reach each other.

    Exact (all pairs, with :func:`p2pkit.measures.path_stats`) for networks of up to
    ``exact_up_to`` people; for larger ones, estimated from breadth-first searches out of
    ``sample`` people chosen with ``seed`` -- an unbiased estimate of the same average, fast
    enough for a live control.

    Returns
    -------
    (float, bool)
        The average and whether it is exact. Pairs that cannot reach each other are left out
        (use :func:`p2pkit.architecture.pairwise_connectivity` for them).

    References
    ----------
    Watts, D. J., & Strogatz, S. H. (1998). Collective dynamics of 'small-world' networks.
    *Nature* 393, 440-442.

    Examples
    --------
    >>> mean_hops(nx.path_graph(5))
    (2.0, True)
    """
    n = require_graph(G, minimum=2, what="average hops")
    nodes = list(G)
    exact = n <= exact_up_to
    if exact and not G.is_directed():
        # all pairs in C (igraph): the same average as the searches below, several times faster
        if G.number_of_edges() == 0:
            raise P2PKitError("nobody can reach anybody, so there are no hops to average.")
        return path_stats(G).mean, True
    sources = nodes if exact else python_random(seed).sample(nodes, min(sample, n))
    total = 0
    pairs = 0
    for s in sources:
        dist = nx.single_source_shortest_path_length(G, s)
        total += sum(dist.values())
        pairs += len(dist) - 1
    if pairs == 0:
        raise P2PKitError("nobody can reach anybody, so there are no hops to average.")
    return total / pairs, exact


def shortest_routes(G: nx.Graph) -> tuple[dict, float, int]:
    """Every person's share of shortest routes, the average hops, and how many pairs have a route.

    The shares are :func:`p2pkit.measures.betweenness` (Brandes' 2001 algorithm in igraph) and
    the hops :func:`p2pkit.measures.path_stats`; exact, and fast enough for the few hundred
    people of a live control (the hops need a people-by-people table, so keep it to a few
    thousand people; :func:`mean_hops` estimates them for more).

    Returns
    -------
    (dict, float, int)
        Normalised betweenness of each person (as :func:`networkx.betweenness_centrality`
        with ``normalized=True`` gives it), the average hops over the ordered pairs that can
        reach each other (``nan`` if none can), and the number of such ordered pairs.

    References
    ----------
    Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
    Mathematical Sociology* 25(2), 163-177.

    Examples
    --------
    >>> loads, hops, pairs = shortest_routes(nx.path_graph(4))
    >>> [round(loads[v], 3) for v in range(4)], hops, pairs
    ([0.0, 0.667, 0.667, 0.0], 1.6666666666666667, 12)
    """
    require_graph(G, minimum=3, undirected=True, what="shortest routes")
    return (betweenness(G), *_hops_all_pairs(G))


def _hops_all_pairs(G: nx.Graph) -> tuple[float, int]:
    """Average hops over the ordered pairs that can reach each other (``nan`` if none), and their number."""
    pairs = sum(len(c) * (len(c) - 1) for c in nx.connected_components(G))
    return (path_stats(G).mean if pairs else float("nan")), pairs


def most_central(G: nx.Graph) -> tuple[object, float, dict]:
    """The person who sits on the largest share of shortest routes between others.

    Returns ``(person, share, all_shares)``, using Freeman's (1977) normalised betweenness,
    exact at every size (:func:`p2pkit.measures.betweenness`). Ties go to the person listed
    first.

    References
    ----------
    Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
    *Sociometry* 40(1), 35-41.

    Examples
    --------
    >>> most_central(nx.star_graph(4))[:2]
    (0, 1.0)
    """
    require_graph(G, minimum=3, what="a most central person")
    load = betweenness(G)
    order = {v: i for i, v in enumerate(G)}
    who = max(load, key=lambda v: (load[v], -order[v]))
    return who, float(load[who]), load


#: How each model role reads in a sentence.
ROLE_NOUNS = {
    "top": "person at the top", "manager": "manager", "staff": "member of staff",
    "representative": "representative", "associate": "associate", "colleague": "colleague",
    "nurse": "nurse", "coach": "coach", "office": "back-office colleague", "member": "member",
}


@dataclass(frozen=True)
class CaseProfile:
    """The chapter 1-3 measures of one stylised organisation (see :func:`case_profile`)."""

    people: int
    ties: int
    ties_per_person: float
    mean_hops: float
    hops_exact: bool
    degree_centralization: float
    betweenness_centralization: float | None
    degree_gini: float
    krackhardt: dict | None
    communities: int
    modularity: float
    single_points: int
    most_central: object
    most_central_role: str
    most_central_load: float
    survives_without_most_central: float


def case_profile(G: nx.Graph, krackhardt_up_to: int = 60, exact_up_to: int = 400,
                 seed: int | None = 0) -> CaseProfile:
    """Measure a stylised organisation with the measures of chapters 1-3.

    Parameters
    ----------
    G : networkx.Graph
        An undirected network of at least 3 people (edge attribute ``boss`` marks a reporting
        line, see :func:`authority_digraph`).
    krackhardt_up_to : int, default 60
        Krackhardt's dimensions are computed on :func:`authority_digraph` ``(G)`` for networks
        of up to this many people (``None`` above: the least-upper-bound dimension examines
        every pair against every possible bound, which takes seconds past about a hundred
        people).
    exact_up_to : int, default 400
        The average hops are exact up to this size and estimated from 100 sampled people above
        it (see :func:`mean_hops`). Betweenness (and so the most central person) is always
        exact (:func:`p2pkit.measures.betweenness`).
    seed : int or None, default 0
        For community detection and for the estimates.

    Returns
    -------
    CaseProfile
        ``degree_centralization`` and ``betweenness_centralization`` (Freeman 1979);
        ``degree_gini`` (Gini 1912, of the degrees); ``krackhardt`` (Krackhardt 1994);
        ``communities`` and ``modularity`` of a Louvain division (Blondel et al. 2008; Newman &
        Girvan 2004); ``single_points``: how many people are articulation points;
        ``most_central`` (see :func:`most_central`) and
        ``survives_without_most_central``: the pairwise connectivity of the others once that
        person is gone (Borgatti 2006); ``mean_hops`` (see :func:`mean_hops`).

    References
    ----------
    Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
    *Social Networks* 1(3), 215-239.
    Borgatti, S. P. (2006). Identifying sets of key players in a social network.
    *Computational and Mathematical Organization Theory* 12, 21-34.

    Examples
    --------
    >>> from p2pkit.practice import chart
    >>> p = case_profile(chart(13, span=3))
    >>> p.degree_centralization < 1, p.single_points, round(p.survives_without_most_central, 3)
    (True, 4, 0.273)
    """
    return case_measures(G, krackhardt_up_to, exact_up_to, seed)[0]


def case_measures(G: nx.Graph, krackhardt_up_to: int = 60, exact_up_to: int = 400,
                  seed: int | None = 0) -> tuple[CaseProfile, dict]:
    """:func:`case_profile` and everyone's share of shortest routes, from one computation.

    The shares are the normalised betweenness (Freeman 1977) the profile's most central person
    is read from (:func:`most_central`, exact). A figure shows them per person, so that the
    person ringed as the most central is the one with the largest share.

    Returns
    -------
    (CaseProfile, dict)
        The profile, and person -> share of the shortest routes between others.

    References
    ----------
    Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
    *Sociometry* 40(1), 35-41 (the shares, and so the most central person).

    Examples
    --------
    >>> p, loads = case_measures(nx.star_graph(4))
    >>> p.most_central, loads[0], loads[1]
    (0, 1.0, 0.0)
    """
    n = require_graph(G, minimum=3, what="a case profile")
    if G.is_directed():
        raise P2PKitError("give the undirected network; reporting lines are read from the 'boss' attribute.")
    degrees = [d for _, d in G.degree()]
    who, load, loads = most_central(G)
    if n <= exact_up_to:
        hops, exact = _hops_all_pairs(G)[0], True
    else:
        hops, exact = mean_hops(G, exact_up_to=exact_up_to, seed=seed)
    H = G.subgraph(v for v in G if v != who)
    comms = detect(G, seed=seed)
    profile = CaseProfile(
        people=n,
        ties=G.number_of_edges(),
        ties_per_person=2 * G.number_of_edges() / n,
        mean_hops=hops,
        hops_exact=exact,
        degree_centralization=centralization(G, "degree"),
        betweenness_centralization=centralization(G, "betweenness"),
        degree_gini=gini(degrees),
        krackhardt=krackhardt(authority_digraph(G)) if n <= krackhardt_up_to else None,
        communities=len(comms),
        modularity=modularity(G, comms),
        single_points=sum(1 for _ in nx.articulation_points(G)),
        most_central=who,
        most_central_role=ROLE_NOUNS.get(str(G.nodes[who].get("role")), "person"),
        most_central_load=load,
        survives_without_most_central=float(pairwise_connectivity(H)),
    )
    return profile, dict(loads)


def case_verdict(p: CaseProfile, *, parts: Iterable[str] = ("loss", "single", "groups", "ties")) -> str:
    """What the measures of one model add up to, in plain sentences computed from ``p``.

    Parameters
    ----------
    p : CaseProfile
        The case's profile (:func:`case_profile`).
    parts : iterable of str, keyword only
        Which sentences to include, in this order: ``"loss"`` (what losing the most central
        person does), ``"single"`` (single points of failure, if any), ``"groups"``
        (modularity) and ``"ties"`` (how evenly ties are spread).

    Examples
    --------
    >>> case_verdict(case_profile(nx.star_graph(5)))[:40]
    'One person holds everything together: wi'
    >>> case_verdict(case_profile(nx.cycle_graph(6)), parts=["ties"])
    'Ties are spread fairly evenly (Gini 0.00).'
    """
    out = {}
    s = p.survives_without_most_central
    if s < 0.5:
        out["loss"] = (f"One person holds everything together: without the most central {p.most_central_role}, "
                       f"only {s:.0%} of the pairs of the others can still reach each other.")
    elif s < 0.999999:
        out["loss"] = (f"Losing the most central {p.most_central_role} would cut {1 - s:.0%} of the pairs "
                       "of the others apart.")
    else:
        out["loss"] = (f"No single person holds it together: without the most central {p.most_central_role}, "
                       "everyone still reaches everyone.")
    if p.single_points:
        who = "person is a single point" if p.single_points == 1 else "people are single points"
        out["single"] = (f"Still, {p.single_points} {who} of failure: their departure alone would cut "
                         "someone off.")
    if p.modularity >= 0.3:
        out["groups"] = f"It falls into {p.communities} clear node communities (modularity {p.modularity:.2f})."
    else:
        out["groups"] = f"Its groups are not clear-cut (modularity {p.modularity:.2f})."
    if p.degree_gini >= 0.4:
        out["ties"] = f"Ties are concentrated (Gini {p.degree_gini:.2f})."
    else:
        out["ties"] = f"Ties are spread fairly evenly (Gini {p.degree_gini:.2f})."
    unknown = [k for k in parts if k not in ("loss", "single", "groups", "ties")]
    if unknown:
        raise P2PKitError(f"unknown verdict part {unknown[0]!r}; use loss, single, groups or ties.")
    return " ".join(out[k] for k in parts if k in out)


def departure_verdict(ko, *, name: str | None = None) -> str:
    """What one person's departure does to the others, in a plain sentence.

    Parameters
    ----------
    ko : p2pkit.resilience.KnockOut
        The result of :func:`p2pkit.resilience.knock_out` for that one person.
    name : str, keyword only
        How the sentence names them (for example "Manager 3"); by default their label in the
        network.

    The thresholds are those of :func:`case_verdict`: fewer than half of the pairs of the others
    still in touch means the person held the network together.

    References
    ----------
    Borgatti, S. P. (2006). Identifying sets of key players in a social network.
    *Computational and Mathematical Organization Theory* 12, 21-34 (the share of pairs still in
    touch).

    Examples
    --------
    >>> from p2pkit.practice import chart
    >>> from p2pkit.resilience import knock_out
    >>> departure_verdict(knock_out(chart(13, span=3), [0]), name="Top")[:52]
    'Top held the network together: without them, only 27'
    >>> departure_verdict(knock_out(nx.cycle_graph(5), [0]))
    'Without 0, everyone else still reaches everyone: nobody depended on them alone.'
    """
    s = ko.pairwise
    name = " and ".join(map(str, ko.removed)) if name is None else name
    cut = (f"{ko.cut_off} {'person is' if ko.cut_off == 1 else 'people are'} cut off from the largest group."
           if ko.cut_off else "")
    if s >= 0.999999:
        return f"Without {name}, everyone else still reaches everyone: nobody depended on them alone."
    if s < 0.5:
        return (f"{name} held the network together: without them, only {s:.0%} of the pairs of the "
                f"{ko.people_left} others can still reach each other; {cut}")
    return (f"Without {name}, {s:.0%} of the pairs of the {ko.people_left} others can still reach each other; "
            f"{cut}")
