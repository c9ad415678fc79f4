"""Communities that nobody assigns: ties grown by local rules, and a toy network with known groups.

Part of :mod:`p2pkit.communities` (chapter 2): :func:`planted_communities` (a toy network with
known groups; Condon & Karp 2001), :func:`self_organise` (ties grown by triadic closure and
homophily, in snapshots; after Jin, Girvan & Newman 2001) and :func:`grown_network` (the same
growth without the measures), :func:`communities_appeared` and :func:`growth_verdict`.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from ..errors import P2PKitError, require_probability, require_whole_number
from ..seeding import python_random
from .detection import agreement, detect, modularity

__all__ = [
    "planted_communities", "Snapshot", "self_organise", "grown_network", "CLEAR_MARGIN", "communities_appeared",
    "growth_verdict",
]


def planted_communities(sizes: Sequence[int] = (12, 12, 12), p_in: float = 0.35, p_out: float = 0.02,
                        seed: int | None = 0) -> nx.Graph:
    """A toy network with known groups: dense inside each group, sparse between.

    Parameters
    ----------
    sizes : sequence of int
        The size of each group (each at least 1); people are numbered ``0, 1, ...`` group
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
    sizes = [require_whole_number("each group size", s, minimum=1) for s in sizes]
    if not sizes:
        raise P2PKitError("give at least one group size.")
    p_in = require_probability("p_in", p_in)
    p_out = require_probability("p_out", p_out)
    rng = python_random(seed)
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


def self_organise(people: int = 60, groups: int = 3, steps: int = 10, closure: float = 0.5,
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
    people : int, default 60
        Number of people (at least 4).
    groups : int, default 3
        Number of groups (1 to ``people``).
    steps : int, default 10
        Number of steps; ``steps + 1`` snapshots are returned (step 0 is the start).
    closure, homophily : float
        Probabilities, 0 to 1 (see above).
    start_degree : float, default 1.0
        Average number of random ties per person at the start (0 for none).
    new_ties : int, optional
        Ties attempted per step; default ``people // 2``, adding about one tie per person.
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
    >>> snaps = self_organise(people=30, steps=3, closure=0.8, homophily=0.9, seed=1)
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

    grow = _grow(people, groups, steps, closure, homophily, start_degree, new_ties, seed)
    return [snapshot(*state) for state in grow]


def _grow(people, groups, steps, closure, homophily, start_degree, new_ties, seed):
    """The growth of :func:`self_organise` and :func:`grown_network`, step by step.

    Checks the parameters, then yields ``(step, G, group, base_seed, detect_seed)`` after the
    start (step 0) and after each step; ``G`` is one network grown in place. The two seeds
    (drawn first, so that both callers consume the same random numbers) are for
    :func:`self_organise`'s measures.
    """
    n = require_whole_number("people", people, minimum=4)
    groups = require_whole_number("groups", groups, minimum=1)
    if groups > n:
        raise P2PKitError(f"there cannot be more groups ({groups}) than people ({n}).")
    steps = require_whole_number("steps", steps, minimum=0)
    closure = require_probability("closure", closure)
    homophily = require_probability("homophily", homophily)
    if not 0 <= float(start_degree) < n - 1:
        raise P2PKitError(f"start_degree must be between 0 and {n - 1}; got {start_degree!r}.")
    per_step = max(1, n // 2) if new_ties is None else require_whole_number("new_ties", new_ties, minimum=0)
    rng = python_random(seed)
    base_seed = rng.randrange(2**31)
    detect_seed = rng.randrange(2**31)
    group = {v: v % groups for v in range(n)}
    G = nx.Graph()
    G.add_nodes_from(range(n))
    nx.set_node_attributes(G, group, "group")
    start = nx.fast_gnp_random_graph(n, float(start_degree) / (n - 1), seed=rng.randrange(2**31))
    G.add_edges_from(start.edges(), step=0)
    yield 0, G, group, base_seed, detect_seed
    everyone = list(range(n))
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
                far = [k for k in everyone if k != i and k not in mine]
                j = _choose(far, i, group, homophily, rng)
            if j is not None:
                G.add_edge(i, j, step=step)
        yield step, G, group, base_seed, detect_seed


def grown_network(people: int = 60, groups: int = 3, steps: int = 10, closure: float = 0.5,
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
    >>> G = grown_network(people=30, steps=3, closure=0.8, homophily=0.9, seed=1)
    >>> last = self_organise(people=30, steps=3, closure=0.8, homophily=0.9, seed=1)[-1].graph
    >>> sorted(G.edges(data="step")) == sorted(last.edges(data="step"))
    True
    """
    _, G, *_ = deque(_grow(people, groups, steps, closure, homophily, start_degree, new_ties, seed), maxlen=1)[0]
    return G


#: How far modularity must rise above chance for communities to count as clear (this
#: companion's convention, not a published threshold; see :func:`communities_appeared`).
CLEAR_MARGIN = 0.1


def communities_appeared(snapshots: Sequence[Snapshot], margin: float = CLEAR_MARGIN) -> int | None:
    """The first step at which the communities stand out from chance, or ``None``.

    "Stand out" means: at least two communities, and a modularity at least ``margin``
    above that of a random network with as many ties (``baseline_modularity``). The
    margin is this companion's convention, not a published threshold.

    Examples
    --------
    >>> snaps = self_organise(people=40, steps=6, closure=0.9, homophily=0.95, seed=0)
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
    >>> snaps = self_organise(people=40, steps=6, closure=0.0, homophily=0.0, seed=0)
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
