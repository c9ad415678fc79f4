"""Measuring a network on the questions of each weaving phase, and naming its shape."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np

from ..architecture import pairwise_connectivity
from ..communities import detect, modularity
from ..equipotency import centralization
from ..errors import P2PKitError, require_graph
from ..measures import betweenness
from ..practice import mean_hops, most_central
from .phases import PHASES

__all__ = ["triangles", "main_core", "core_periphery_fit", "PhaseProfile", "phase_profile", "phase_measures",
           "classify", "PhaseTrack", "phase_track", "phase_verdict"]


def triangles(G: nx.Graph) -> int:
    """Number of triangles (three people who all know each other) in an undirected network.

    Examples
    --------
    >>> triangles(nx.complete_graph(4))
    4
    """
    return sum(nx.triangles(G).values()) // 3


def main_core(G: nx.Graph) -> list:
    """The people of the main core: the largest ``k`` for which everyone in the group has at least
    ``k`` ties inside it (Seidman 1983), listed in network order.

    References
    ----------
    Seidman, S. B. (1983). Network structure and minimum degree. *Social Networks* 5(3),
    269-287.

    Examples
    --------
    >>> main_core(nx.lollipop_graph(4, 3))
    [0, 1, 2, 3]
    """
    require_graph(G, what="the main core")
    H = nx.Graph(G)
    H.remove_edges_from(nx.selfloop_edges(H))
    core = nx.core_number(H)
    top = max(core.values())
    return [v for v in G if core[v] == top]


def core_periphery_fit(G: nx.Graph, core) -> float:
    """How well a network matches an ideal core/periphery pattern, from -1 to 1.

    The Pearson correlation, over pairs of people, between the network (1 = tied) and an ideal
    pattern in which every pair of core members is tied and no pair of periphery members is.
    Pairs with one member in each group are left out, one of the options Borgatti & Everett
    (2000) discuss for their discrete model: the ideal says nothing about them.

    Parameters
    ----------
    G : networkx.Graph
    core : iterable
        The people in the core (at least 2, and at least 2 left in the periphery).

    Returns
    -------
    float
        1 for a perfect core/periphery structure; about 0 when ties ignore the division.

    References
    ----------
    Borgatti, S. P., & Everett, M. G. (2000). Models of core/periphery structures. *Social
    Networks* 21(4), 375-395.

    Examples
    --------
    >>> G = nx.complete_graph(4)
    >>> G.add_edges_from([(0, 4), (1, 5), (2, 6)])
    >>> core_periphery_fit(G, [0, 1, 2, 3])
    1.0
    """
    core = set(core)
    unknown = [v for v in core if v not in G]
    if unknown:
        raise P2PKitError(f"{unknown[0]!r} is in the core but not in the network.")
    periphery = [v for v in G if v not in core]
    if len(core) < 2 or len(periphery) < 2:
        raise P2PKitError("the core and the periphery each need at least two people.")
    nodes = list(G)
    A = nx.to_numpy_array(G, nodelist=nodes, weight=None) > 0
    c = np.array([v in core for v in nodes])
    upper = np.triu(np.ones((len(nodes), len(nodes)), dtype=bool), 1)
    both_core = upper & np.outer(c, c)
    both_periphery = upper & np.outer(~c, ~c)
    x = np.concatenate([A[both_core], A[both_periphery]]).astype(float)
    y = np.concatenate([np.ones(int(both_core.sum())), np.zeros(int(both_periphery.sum()))])
    if x.std() == 0:
        return 0.0
    return float(np.corrcoef(x, y)[0, 1])


@dataclass(frozen=True)
class PhaseProfile:
    """The measures tracked through the weaving phases (see :func:`phase_profile`)."""

    people: int
    ties: int
    components: int
    pairs_in_touch: float
    triangles: int
    clustering: float
    mean_hops: float
    weaver_ties_share: float
    weaver_load: float
    survives_without_weaver: float
    most_central: object
    most_central_load: float
    survives_without_most_central: float
    degree_centralization: float
    single_points: int
    hubs: int
    core_size: int
    core_density: float
    core_reach: float
    core_fit: float | None
    modularity: float
    shape: str


def _classify_from(components: int, survives: float, core_size: int, core_density: float,
                   core_reach: float, n: int) -> str:
    if components > 1:
        return PHASES[0]
    if survives < 0.5:
        return PHASES[1]
    if 4 <= core_size <= 0.6 * n and core_density >= 0.9 and core_reach >= 0.9:
        return PHASES[3]
    return PHASES[2]


def _check(G: nx.Graph, weaver) -> int:
    """The number of people of a network a weaving profile can read (at least 4, the weaver among them)."""
    n = require_graph(G, minimum=4, what="a weaving profile")
    if weaver not in G:
        raise P2PKitError(f"the weaver {weaver!r} is not in the network.")
    return n


def phase_profile(G: nx.Graph, weaver=0, seed: int | None = 0) -> PhaseProfile:
    """Measure a network on the questions of each weaving phase.

    Returns
    -------
    PhaseProfile
        ``components`` and ``pairs_in_touch`` (pairwise connectivity, Borgatti 2006);
        ``triangles`` and ``clustering`` (transitivity: the share of two-step paths that are
        closed into triangles); ``mean_hops`` over pairs that can reach each other (for more than
        1,000 people, estimated from 100 sampled people);
        ``weaver_ties_share`` (the weaver's ties as a share of everyone else) and
        ``weaver_load`` (her share of shortest routes, Freeman 1977);
        ``survives_without_weaver`` and ``survives_without_most_central`` (pairwise
        connectivity once that person is gone); ``degree_centralization`` (Freeman 1979);
        ``single_points`` (articulation points); ``hubs`` (people with at least twice the
        average number of ties); the main core (:func:`main_core`): its size, its density,
        ``core_reach`` (the share of everyone else with a tie into it) and
        :func:`core_periphery_fit`; ``modularity`` of a Louvain division; and ``shape``, the
        phase the network most resembles (:func:`classify`).

    Examples
    --------
    >>> from p2pkit.weaving import phase
    >>> p = phase_profile(phase(2, 30, 3))
    >>> p.components, p.shape
    (1, 'single hub-and-spoke')
    """
    return phase_measures(G, weaver, seed)[0]


def phase_measures(G: nx.Graph, weaver=0, seed: int | None = 0) -> tuple[PhaseProfile, dict]:
    """:func:`phase_profile` and everyone's share of shortest routes, from one computation.

    The shares are the normalised betweenness (Freeman 1977) from which the profile reads the
    weaver's load and the most central person, exact at every size
    (:func:`p2pkit.practice.most_central`). A figure shows them per person.

    Returns
    -------
    (PhaseProfile, dict)
        The profile, and each person's share of the shortest routes between the others.

    References
    ----------
    Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
    *Sociometry* 40(1), 35-41 (the weaver's load, and the busiest person's).

    Examples
    --------
    >>> p, loads = phase_measures(nx.star_graph(5))  # the weaver, 0, at the centre of a star
    >>> loads[0] == p.weaver_load == max(loads.values())
    True
    """
    n = _check(G, weaver)
    who, _, loads = most_central(G)
    # exact hops up to 1,000 people (estimated from 100 people above); none without ties
    hops = mean_hops(G, exact_up_to=1000, seed=seed)[0] if G.number_of_edges() else float("nan")
    without_weaver = pairwise_connectivity(G.subgraph(v for v in G if v != weaver))
    without_top = pairwise_connectivity(G.subgraph(v for v in G if v != who))
    degrees = dict(G.degree())
    mean_degree = 2 * G.number_of_edges() / n
    core = main_core(G)
    k = len(core)
    core_density = nx.density(G.subgraph(core)) if k > 1 else 0.0
    core_set = set(core)
    outside = [v for v in G if v not in core_set]
    core_reach = (sum(1 for v in outside if any(w in core_set for w in G[v])) / len(outside)) if outside else 1.0
    try:
        fit = core_periphery_fit(G, core)
    except P2PKitError:
        fit = None
    comps = nx.number_connected_components(G)
    comms = detect(G, seed=seed)
    shape = _classify_from(comps, without_top, k, core_density, core_reach, n)
    profile = PhaseProfile(
        people=n,
        ties=G.number_of_edges(),
        components=comps,
        pairs_in_touch=pairwise_connectivity(G),
        triangles=triangles(G),
        clustering=nx.transitivity(G),
        mean_hops=hops,
        weaver_ties_share=degrees[weaver] / (n - 1),
        weaver_load=loads[weaver],
        survives_without_weaver=without_weaver,
        most_central=who,
        most_central_load=loads[who],
        survives_without_most_central=without_top,
        degree_centralization=centralization(G, "degree"),
        single_points=sum(1 for _ in nx.articulation_points(G)),
        hubs=sum(1 for d in degrees.values() if mean_degree > 0 and d >= 2 * mean_degree),
        core_size=k,
        core_density=core_density,
        core_reach=core_reach,
        core_fit=fit,
        modularity=modularity(G, comms),
        shape=shape,
    )
    return profile, dict(loads)


def classify(G: nx.Graph, weaver=0) -> str:
    """Which of the four weaving shapes (:data:`PHASES`) the network most resembles.

    The rules, applied in order: more than one component -> scattered fragments; if removing
    the most central person leaves fewer than half of the pairs of the others in touch ->
    single hub-and-spoke; if the main core (:func:`main_core`) has at least 4 people and at
    most 60% of everyone, is at least 90% dense, and at least 90% of everyone else has a tie
    into it -> core/periphery; otherwise -> multi-hub small world. The thresholds are this
    companion's choices, documented so they can be argued with; :func:`core_periphery_fit` is
    reported alongside but not used, because in large networks the periphery's own local ties
    pull the correlation down even when the core is plain to see.

    Examples
    --------
    >>> from p2pkit.weaving import phases
    >>> [classify(G) for G in phases(40, 4)]
    ['scattered fragments', 'single hub-and-spoke', 'multi-hub small world', 'core/periphery']
    """
    return phase_profile(G, weaver).shape


@dataclass(frozen=True)
class PhaseTrack:
    """Three measures of :class:`PhaseProfile`, followed from phase to phase (see :func:`phase_track`)."""

    weaver_load: float
    survives_without_weaver: float
    clustering: float


def phase_track(G: nx.Graph, weaver=0) -> PhaseTrack:
    """The weaver's share of routes, the pairs in touch without her and the transitivity -- and
    nothing else of :func:`phase_profile`, so a figure can follow them through every phase of a
    large network quickly. The values equal the profile's fields of the same names.

    References
    ----------
    Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
    *Sociometry* 40(1), 35-41.
    Borgatti, S. P. (2006). Identifying sets of key players in a social network.
    *Computational and Mathematical Organization Theory* 12, 21-34.

    Examples
    --------
    >>> from p2pkit.weaving import phase
    >>> t = phase_track(phase(2, 30, 3))
    >>> p = phase_profile(phase(2, 30, 3))
    >>> (t.weaver_load, t.survives_without_weaver, t.clustering) == (
    ...     p.weaver_load, p.survives_without_weaver, p.clustering)
    True
    """
    _check(G, weaver)
    return PhaseTrack(
        weaver_load=betweenness(G)[weaver],
        survives_without_weaver=pairwise_connectivity(G.subgraph(v for v in G if v != weaver)),
        clustering=nx.transitivity(G),
    )


def phase_verdict(p: PhaseProfile) -> str:
    """What the measures of one network say about its shape, in plain sentences.

    Examples
    --------
    >>> from p2pkit.weaving import phase
    >>> phase_verdict(phase_profile(phase(1, 30, 3))).split(":")[0]
    'Scattered fragments'
    """
    if p.shape == PHASES[0]:
        return (f"Scattered fragments: {p.components} separate groups; only {p.pairs_in_touch:.0%} of pairs can "
                "reach each other at all. Bridges between groups are the first weaving job.")
    if p.shape == PHASES[1]:
        return (f"Hub-and-spoke: everyone is connected, but the busiest person sits on {p.most_central_load:.0%} of "
                f"the routes; without them only {p.survives_without_most_central:.0%} of the pairs of the others stay "
                "in touch. The weaver's next job is to make other hubs.")
    if p.shape == PHASES[3]:
        return (f"Core/periphery: a core of {p.core_size} who all know each other (fit {p.core_fit:.2f}); "
                f"without the weaver {p.survives_without_weaver:.0%} of pairs stay in touch, and a message needs "
                f"{p.mean_hops:.2f} hops on average.")
    return (f"Multi-hub small world: {p.hubs} hub{'s' if p.hubs != 1 else ''}, no single person needed "
            f"(without the busiest, {p.survives_without_most_central:.0%} of pairs stay in touch); "
            f"{p.mean_hops:.2f} hops on average.")

