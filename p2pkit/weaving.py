"""Becoming a P2P organisation: network weaving, phase by phase.

Krebs & Holley describe how a community's network is built up by deliberate *network
weaving*: people who know the network introduce others to each other. They describe four
typical shapes on the way:

1. **scattered fragments** -- small clusters that do not know of each other;
2. **a single hub-and-spoke** -- a weaver has reached out to every cluster, and everything
   runs through her;
3. **a multi-hub small world** -- the weaver has helped others become hubs; clusters are tied
   to each other by several hubs and by bridges;
4. **a core/periphery network** -- a dense core of active members, with a periphery tied to
   the core (and, beyond the model, to the outside world).

This module makes each shape with a seeded generator (:func:`phases`; each phase adds ties to
the one before, never removes them), measures them (:func:`phase_profile`), names the shape a
network has (:func:`classify`) and applies weaving actions one introduction at a time
(:func:`weave`):

- ``"close"`` -- introduce two people who share a colleague (closing a triangle);
- ``"bridge"`` -- introduce two people from different clusters;
- ``"spoke"`` -- the weaver reaches out to someone she does not know yet.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass
from itertools import combinations

import networkx as nx
import numpy as np

from .architecture import pairwise_connectivity
from .communities import detect, modularity
from .equipotency import centralization
from .errors import P2PKitError
from .measures import betweenness
from .practice import mean_hops, most_central

__all__ = [
    "PHASES",
    "ACTIONS",
    "scattered",
    "phases",
    "phase",
    "triangles",
    "core_periphery_fit",
    "main_core",
    "classify",
    "PhaseProfile",
    "phase_profile",
    "phase_measures",
    "PhaseTrack",
    "phase_track",
    "phase_verdict",
    "PathStep",
    "weaving_path",
    "WeaveResult",
    "weave",
    "transition",
]

#: The four shapes, in the order Krebs & Holley describe them.
PHASES = ("scattered fragments", "single hub-and-spoke", "multi-hub small world", "core/periphery")

#: Weaving actions understood by :func:`weave`.
ACTIONS = ("close", "bridge", "spoke")

MAX_PEOPLE = 5_000


def _int(name: str, value, minimum: int, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise P2PKitError(f"{name} must be a whole number of at least {minimum}; got {value!r}.")
    if maximum is not None and value > maximum:
        raise P2PKitError(f"{name} must be at most {maximum:,}; got {value!r}.")
    return int(value)


def _check(n: int, clusters: int, cluster_ties: float) -> tuple[int, int, float]:
    n = _int("n (people)", n, 6, MAX_PEOPLE)
    clusters = _int("clusters", clusters, 2)
    if n < 3 * clusters:
        raise P2PKitError(f"{n} people are too few for {clusters} clusters of at least 3; "
                          "use more people or fewer clusters.")
    try:
        cluster_ties = float(cluster_ties)
    except (TypeError, ValueError):
        raise P2PKitError(f"cluster_ties must be a number; got {cluster_ties!r}.") from None
    if not cluster_ties >= 0:
        raise P2PKitError(f"cluster_ties must be 0 or more; got {cluster_ties!r}.")
    return n, clusters, cluster_ties


def _blocks(n: int, k: int) -> list[list[int]]:
    base, extra = divmod(n, k)
    out, start = [], 0
    for i in range(k):
        size = base + (1 if i < extra else 0)
        out.append(list(range(start, start + size)))
        start += size
    return out


def scattered(n: int = 60, clusters: int = 5, cluster_ties: float = 4.0, seed: int | None = 0) -> nx.Graph:
    """Phase 1, scattered fragments: ``clusters`` separate groups, nobody tied across.

    People ``0 .. n-1`` are split into ``clusters`` groups of near-equal size (consecutive
    numbers). Inside each group, everyone but the first joins by one tie to someone already
    in it (so the group hangs together), and each other pair is tied with the probability that
    gives everyone about ``cluster_ties`` ties on average (all pairs, if the group is too small
    for that). Person 0, in the first cluster, is the future weaver (``role="weaver"``).

    Parameters
    ----------
    n : int, default 60
        People (at least 6, and at least 3 per cluster).
    clusters : int, default 5
        Number of separate groups (at least 2).
    cluster_ties : float, default 4
        Average ties per person inside a group.
    seed : int or None, default 0

    Returns
    -------
    networkx.Graph
        Exactly ``clusters`` connected components. Node attributes ``group`` (cluster) and
        ``role``; edge attribute ``kind="cluster"``.

    References
    ----------
    Krebs, V., & Holley, J. (2006). *Building Smart Communities through Network Weaving*.

    Examples
    --------
    >>> nx.number_connected_components(scattered(30, 4, seed=1))
    4
    """
    n, clusters, cluster_ties = _check(n, clusters, cluster_ties)
    rng = random.Random(seed)
    G = nx.Graph(phase=1)
    for c, members in enumerate(_blocks(n, clusters)):
        G.add_nodes_from(members, group=c, role="member")
        for i, v in enumerate(members[1:], start=1):
            G.add_edge(v, members[rng.randrange(i)], kind="cluster")
        s = len(members)
        spare = s * (s - 1) / 2 - (s - 1)
        density = 1.0 if spare <= 0 else min(1.0, max(0.0, (cluster_ties * s / 2 - (s - 1)) / spare))
        for a, b in combinations(members, 2):
            if not G.has_edge(a, b) and rng.random() < density:
                G.add_edge(a, b, kind="cluster")
    G.nodes[0]["role"] = "weaver"
    return G


def _hub_of(G: nx.Graph, members: list, exclude) -> object:
    """The member with most ties inside their own cluster (ties broken by number)."""
    inside = {v: sum(1 for w in G[v] if G.nodes[w]["group"] == G.nodes[v]["group"]) for v in members if v != exclude}
    return max(inside, key=lambda v: (inside[v], -v))


def phases(n: int = 60, clusters: int = 5, cluster_ties: float = 4.0, reach: int = 2, bridges: int = 2,
           core_extra: int = 2, seed: int | None = 0) -> list[nx.Graph]:
    """The four network-weaving phases on the same people, each adding ties to the one before.

    1. :func:`scattered` ``(n, clusters, cluster_ties, seed)``.
    2. **Single hub-and-spoke**: the weaver (person 0) ties herself to ``reach`` people in every
       other cluster (kind "spoke"). Every route between clusters now runs through her.
    3. **Multi-hub small world**: in each other cluster the best-connected member becomes a hub
       (``role="hub"``); the weaver introduces the hubs to each other round a ring and to
       herself, and each hub makes ``bridges`` ties to members of other clusters (kind
       "bridge"). Where people would still be cut off without the weaver, she introduces one
       of her contacts among them to a hub (kind "close"): her departure no longer cuts anyone
       off.
    4. **Core/periphery**: the weaver, the hubs and the ``core_extra`` best-connected other
       members of each cluster form a core in which everyone knows everyone (kind "core");
       every member without a tie to the core is introduced to their cluster's hub.

    Parameters
    ----------
    n, clusters, density, seed
        As :func:`scattered`.
    reach : int, default 2
        People the weaver contacts in each other cluster in phase 2 (at least 1).
    bridges : int, default 2
        Cross-cluster ties each hub makes in phase 3.
    core_extra : int, default 2
        Members per cluster who join the core in phase 4, besides the hubs.

    Returns
    -------
    list of networkx.Graph
        Four graphs on the same nodes; graph attribute ``phase`` is 1-4 and ``core`` (phase 4)
        the list of core members.

    References
    ----------
    Krebs, V., & Holley, J. (2006). *Building Smart Communities through Network Weaving*.

    Examples
    --------
    >>> [nx.number_connected_components(G) for G in phases(30, 3, seed=0)]
    [3, 1, 1, 1]
    """
    n, clusters, cluster_ties = _check(n, clusters, cluster_ties)
    reach = _int("reach", reach, 1)
    bridges = _int("bridges", bridges, 0)
    core_extra = _int("core_extra", core_extra, 0)
    rng = random.Random(None if seed is None else seed + 7919)
    one = scattered(n, clusters, cluster_ties, seed)
    groups = _blocks(n, clusters)
    weaver = 0

    two = one.copy()
    two.graph["phase"] = 2
    for members in groups[1:]:
        for v in rng.sample(members, min(reach, len(members))):
            two.add_edge(weaver, v, kind="spoke")

    three = two.copy()
    three.graph["phase"] = 3
    hubs = [weaver] + [_hub_of(three, members, weaver) for members in groups[1:]]
    for h in hubs[1:]:
        three.nodes[h]["role"] = "hub"
    ring = hubs[1:]
    for a, b in zip(ring, ring[1:] + ring[:1]):
        if a != b and not three.has_edge(a, b):
            three.add_edge(a, b, kind="bridge")
    for h in ring:
        if not three.has_edge(weaver, h):
            three.add_edge(weaver, h, kind="bridge")
    for c, h in enumerate(hubs):
        others = [v for d, members in enumerate(groups) if d != c for v in members if v != weaver]
        for v in rng.sample(others, min(bridges, len(others))):
            if v != h and not three.has_edge(h, v):
                three.add_edge(h, v, kind="bridge")
    # The weaver makes sure nobody depends on her alone: while her departure would cut people
    # off, she introduces one of her contacts in each cut-off part to a hub (closing a triangle).
    rest = three.subgraph(v for v in three if v != weaver)
    parts = sorted(nx.connected_components(rest), key=lambda c: (-len(c), min(c)))
    anchor = next((h for h in ring if h in parts[0]), min(parts[0]))
    for part in parts[1:]:
        contact = min(v for v in part if three.has_edge(weaver, v))
        three.add_edge(contact, anchor, kind="close")

    four = three.copy()
    four.graph["phase"] = 4
    core = list(hubs)
    for c, members in enumerate(groups):
        rest = sorted((v for v in members if v not in core), key=lambda v: (-four.degree(v), v))
        keep_out = (len(members) + 1) // 2  # at least half of each cluster stays in the periphery
        core.extend(rest[:max(0, min(core_extra, len(rest) - keep_out))])
    for a, b in combinations(core, 2):
        if not four.has_edge(a, b):
            four.add_edge(a, b, kind="core")
    core_set = set(core)
    for c, members in enumerate(groups):
        for v in members:
            if v not in core_set and not any(w in core_set for w in four[v]):
                four.add_edge(v, hubs[c], kind="core")
    for v in core:
        if four.nodes[v]["role"] == "member":
            four.nodes[v]["role"] = "core"
    four.graph["core"] = sorted(core)
    return [one, two, three, four]


def phase(number: int, n: int = 60, clusters: int = 5, seed: int | None = 0, **kwargs) -> nx.Graph:
    """Just phase ``number`` (1-4) of :func:`phases`.

    Examples
    --------
    >>> phase(2, 30, 3).graph["phase"]
    2
    """
    number = _int("phase", number, 1, 4)
    return phases(n, clusters, seed=seed, **kwargs)[number - 1]


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
    if G.number_of_nodes() == 0:
        raise P2PKitError("the network is empty.")
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

    def as_dict(self) -> dict:
        return asdict(self)


def _classify_from(components: int, survives: float, core_size: int, core_density: float,
                   core_reach: float, n: int) -> str:
    if components > 1:
        return PHASES[0]
    if survives < 0.5:
        return PHASES[1]
    if 4 <= core_size <= 0.6 * n and core_density >= 0.9 and core_reach >= 0.9:
        return PHASES[3]
    return PHASES[2]


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
        The profile, and person -> share of the shortest routes between others.

    References
    ----------
    Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
    *Sociometry* 40(1), 35-41.

    Examples
    --------
    >>> p, loads = phase_measures(phase(2, 30, 3))
    >>> loads[0] == p.weaver_load == max(loads.values())
    True
    """
    n = G.number_of_nodes()
    if n < 4:
        raise P2PKitError("a weaving profile needs at least 4 people.")
    if weaver not in G:
        raise P2PKitError(f"the weaver {weaver!r} is not in the network.")
    who, _, loads = most_central(G)
    # exact hops up to 1,000 people (estimated from 100 people above); none without ties
    hops = mean_hops(G, exact_up_to=1000, seed=seed)[0] if G.number_of_edges() else float("nan")
    at = nx.triangles(G)  # person -> triangles they are in
    without_weaver = pairwise_connectivity(G.subgraph(v for v in G if v != weaver))
    without_top = pairwise_connectivity(G.subgraph(v for v in G if v != who))
    degrees = dict(G.degree())
    mean_degree = 2 * G.number_of_edges() / n
    # transitivity (as networkx.transitivity computes it) from the same triangle counts: each triangle
    # closes three two-step paths, and a person with d ties is the middle of C(d, 2) of them
    closed = sum(at.values())
    two_step = sum(d * (d - 1) / 2 for d in degrees.values())
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
        triangles=closed // 3,
        clustering=closed / two_step if closed else 0.0,
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
    >>> t = phase_track(phase(2, 30, 3))
    >>> p = phase_profile(phase(2, 30, 3))
    >>> (t.weaver_load, t.survives_without_weaver, t.clustering) == (
    ...     p.weaver_load, p.survives_without_weaver, p.clustering)
    True
    """
    if G.number_of_nodes() < 4:
        raise P2PKitError("a weaving profile needs at least 4 people.")
    if weaver not in G:
        raise P2PKitError(f"the weaver {weaver!r} is not in the network.")
    closed = sum(nx.triangles(G).values())
    two_step = sum(d * (d - 1) / 2 for _, d in G.degree())
    return PhaseTrack(
        weaver_load=betweenness(G)[weaver],
        survives_without_weaver=pairwise_connectivity(G.subgraph(v for v in G if v != weaver)),
        clustering=closed / two_step if closed else 0.0,
    )


def phase_verdict(p: PhaseProfile) -> str:
    """What the measures of one network say about its shape, in plain sentences.

    Examples
    --------
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


@dataclass(frozen=True)
class WeaveResult:
    """What :func:`weave` did: the new network and what changed."""

    graph: nx.Graph
    action: str
    requested: int
    added: tuple
    triangles_before: int
    triangles_after: int
    components_before: int
    components_after: int
    note: str

    @property
    def done(self) -> int:
        return len(self.added)


def _open_pairs(G: nx.Graph) -> list[tuple]:
    pairs = set()
    for v in G:
        nbrs = sorted(G[v], key=str)
        for a, b in combinations(nbrs, 2):
            if not G.has_edge(a, b):
                pairs.add((a, b) if str(a) <= str(b) else (b, a))
    return sorted(pairs, key=lambda e: (str(e[0]), str(e[1])))


def weave(G: nx.Graph, action: str, k: int = 1, seed: int | None = 0, weaver=0) -> WeaveResult:
    """Apply ``k`` introductions of one kind to a copy of ``G`` and report what changed.

    Parameters
    ----------
    G : networkx.Graph
        The network (not changed).
    action : {"close", "bridge", "spoke"}
        ``"close"``: introduce two people who share a colleague but do not know each other,
        closing a triangle (pairs chosen at random among those open in ``G``);
        ``"bridge"``: introduce two people in different clusters -- different connected
        components while there are several, otherwise different communities found by
        :func:`p2pkit.communities.detect`;
        ``"spoke"``: the weaver ties herself to someone she does not know yet.
    k : int, default 1
        Number of introductions (0 or more). Fewer are made if no suitable pair is left; the
        ``note`` says so.
    seed : int or None, default 0
        The same seed gives the same introductions.
    weaver : node, default 0
        Who makes the ``"spoke"`` introductions.

    Returns
    -------
    WeaveResult
        ``graph`` (the new network; new ties have ``kind`` equal to the action), ``added`` (the
        new ties), triangle counts and numbers of components before and after, and a ``note``.

    Notes
    -----
    Closing a triangle always adds at least one triangle (the one it closes) and can add more,
    when the two people share several colleagues. A bridge between two components always
    merges them into one.

    References
    ----------
    Krebs, V., & Holley, J. (2006). *Building Smart Communities through Network Weaving*.
    Granovetter, M. S. (1973). The strength of weak ties. *American Journal of Sociology*
    78(6), 1360-1380.

    Examples
    --------
    >>> r = weave(nx.path_graph(3), "close")
    >>> r.added, r.triangles_before, r.triangles_after
    (((0, 2),), 0, 1)
    """
    if action not in ACTIONS:
        raise P2PKitError(f"unknown weaving action {action!r}; use one of: {', '.join(ACTIONS)}.")
    k = _int("k (introductions)", k, 0, 10_000)
    if G.is_directed():
        raise P2PKitError("weave() works on undirected networks; use G.to_undirected().")
    rng = random.Random(seed)
    H = G.copy()
    before_tri, before_comp = triangles(G), nx.number_connected_components(G) if len(G) else 0
    added: list[tuple] = []
    note = ""
    if action == "close":
        pairs = _open_pairs(H)
        chosen = rng.sample(pairs, min(k, len(pairs)))
        for a, b in chosen:
            H.add_edge(a, b, kind="close")
            added.append((a, b))
        if len(chosen) < k:
            note = f"only {len(pairs)} open triangle{'s' if len(pairs) != 1 else ''} could be closed."
    elif action == "spoke":
        if weaver not in H:
            raise P2PKitError(f"the weaver {weaver!r} is not in the network.")
        strangers = [v for v in H if v != weaver and not H.has_edge(weaver, v)]
        chosen = rng.sample(strangers, min(k, len(strangers)))
        for v in chosen:
            H.add_edge(weaver, v, kind="spoke")
            added.append((weaver, v))
        if len(chosen) < k:
            note = "the weaver already knows everyone." if not strangers else f"only {len(strangers)} people were left to meet."
    else:  # bridge
        groups = None
        for _ in range(k):
            comps = [sorted(c, key=str) for c in nx.connected_components(H)]
            if len(comps) > 1:
                comps.sort(key=lambda c: str(c[0]))
                i, j = rng.sample(range(len(comps)), 2)
                a = comps[i][rng.randrange(len(comps[i]))]
                b = comps[j][rng.randrange(len(comps[j]))]
            else:
                if groups is None:
                    groups = [sorted(c, key=str) for c in detect(H, seed=seed)]
                if len(groups) < 2:
                    note = "the network forms a single community: there is no cluster to bridge to."
                    break
                for _try in range(2000):
                    i, j = rng.sample(range(len(groups)), 2)
                    a = groups[i][rng.randrange(len(groups[i]))]
                    b = groups[j][rng.randrange(len(groups[j]))]
                    if not H.has_edge(a, b):
                        break
                else:
                    note = "no untied pair across communities was found; they may all be tied already."
                    break
            H.add_edge(a, b, kind="bridge")
            added.append((a, b))
    if not note and len(added) < k:
        note = f"{len(added)} of {k} introductions could be made."
    return WeaveResult(
        graph=H,
        action=action,
        requested=k,
        added=tuple(added),
        triangles_before=before_tri,
        triangles_after=triangles(H),
        components_before=before_comp,
        components_after=nx.number_connected_components(H) if len(H) else 0,
        note=note,
    )


def transition(before: nx.Graph, after: nx.Graph) -> dict:
    """Classify the ties ``after`` has and ``before`` lacks as weaving actions.

    A new tie is a **bridge** if, in ``before``, its two people were in different components
    or different clusters (node attribute ``group``); otherwise it **closes a triangle** if they
    already shared a colleague; otherwise it is a **spoke** (a new direct contact).

    Returns
    -------
    dict
        ``{"bridge": [...], "close": [...], "spoke": [...]}`` lists of ties.

    Examples
    --------
    >>> one, two = phases(30, 3)[:2]
    >>> {k: len(v) for k, v in transition(one, two).items()}
    {'bridge': 4, 'close': 0, 'spoke': 0}
    """
    if set(before) != set(after):
        raise P2PKitError("both networks must have the same people.")
    comp = {}
    for i, c in enumerate(nx.connected_components(before)):
        for v in c:
            comp[v] = i
    out: dict[str, list] = {"bridge": [], "close": [], "spoke": []}
    for a, b in after.edges():
        if before.has_edge(a, b):
            continue
        ga, gb = before.nodes[a].get("group"), before.nodes[b].get("group")
        if comp[a] != comp[b] or (ga is not None and gb is not None and ga != gb):
            out["bridge"].append((a, b))
        elif any(True for _ in nx.common_neighbors(before, a, b)):
            out["close"].append((a, b))
        else:
            out["spoke"].append((a, b))
    return out


@dataclass(frozen=True)
class PathStep:
    """One step on the weaving path of :func:`weaving_path`.

    ``phase`` is the last phase the network has reached (1-4); ``towards`` the phase being
    woven towards (``None`` when the step *is* a phase); ``made`` of ``needed`` introductions
    towards it are in place; ``new`` are the ties this step added to the step before.
    """

    graph: nx.Graph
    phase: int
    towards: int | None
    made: int
    needed: int
    new: tuple

    @property
    def at_phase(self) -> bool:
        return self.towards is None


def weaving_path(n: int = 48, clusters: int = 5, steps: int = 3, seed: int | None = 0, **kwargs) -> list[PathStep]:
    """The four phases of :func:`phases` and ``steps - 1`` points on the way between each two.

    Between one phase and the next, the next phase's new ties are made in a seeded random order,
    a ``1 / steps`` share at a time (rounded); the last step of each stretch is the next phase
    itself. People take the roles of the next phase (a member becoming a hub, or joining the
    core) once at least half of the stretch is woven. The path has ``1 + 3 * steps`` steps.

    Parameters
    ----------
    n, clusters, seed
        As :func:`phases` (further keyword arguments go to it too).
    steps : int, default 3
        Steps from one phase to the next (at least 1).

    Returns
    -------
    list of PathStep
        In order; each step's graph is the step before plus its ``new`` ties.

    References
    ----------
    Krebs, V., & Holley, J. (2006). *Building Smart Communities through Network Weaving*.

    Examples
    --------
    >>> path = weaving_path(30, 3, steps=2)
    >>> len(path), [s.phase for s in path if s.at_phase], path[1].made, path[1].needed
    (7, [1, 2, 3, 4], 2, 4)
    """
    steps = _int("steps", steps, 1)
    ps = phases(n, clusters, seed=seed, **kwargs)
    rng = random.Random(seed)
    out = [PathStep(ps[0], 1, None, 0, 0, ())]
    for i in range(3):
        before, after = ps[i], ps[i + 1]
        new = sorted(e for e in after.edges() if not before.has_edge(*e))
        rng.shuffle(new)
        for j in range(1, steps + 1):
            upto = round(len(new) * j / steps)
            prev = round(len(new) * (j - 1) / steps)
            if j == steps:
                out.append(PathStep(after, i + 2, None, len(new), len(new), tuple(new[prev:upto])))
                continue
            G = before.copy()
            G.add_edges_from((u, v, after.edges[u, v]) for u, v in new[:upto])
            for v in G:  # roles appear once half of the stretch is woven
                G.nodes[v]["role"] = after.nodes[v]["role"] if j * 2 >= steps else before.nodes[v]["role"]
            G.graph["phase"] = i + 1
            out.append(PathStep(G, i + 1, i + 2, upto, len(new), tuple(new[prev:upto])))
    return out
