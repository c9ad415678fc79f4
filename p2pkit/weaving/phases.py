"""The four weaving phases on the same people, and the path from one to the next.

:func:`scattered` makes phase 1; :func:`phases` all four, each adding ties to the one
before; :func:`weaving_path` the steps in between.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from ..errors import P2PKitError, require_whole_number
from ..seeding import python_random

__all__ = ["PHASES", "scattered", "phases", "phase", "PathStep", "weaving_path"]

#: The four shapes, in the order Krebs & Holley describe them.
PHASES = ("scattered fragments", "single hub-and-spoke", "multi-hub small world", "core/periphery")

MAX_PEOPLE = 5_000


def _check(n: int, clusters: int, cluster_ties: float) -> tuple[int, int, float]:
    n = require_whole_number("people", n, minimum=6, maximum=MAX_PEOPLE)
    clusters = require_whole_number("clusters", clusters, minimum=2)
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
    """People ``0 .. n-1`` in exactly ``k`` clusters of consecutive numbers, the larger first.

    Not :func:`p2pkit.scaling.team_sizes`, which sets the largest size and lets the number
    of teams follow: here the number of clusters is the setting.
    """
    base, extra = divmod(n, k)
    out, start = [], 0
    for i in range(k):
        size = base + (1 if i < extra else 0)
        out.append(list(range(start, start + size)))
        start += size
    return out


def scattered(people: int = 60, clusters: int = 5, cluster_ties: float = 4.0, seed: int | None = 0) -> nx.Graph:
    """Phase 1, scattered fragments: ``clusters`` separate groups, nobody tied across.

    People ``0 .. people-1`` are split into ``clusters`` groups of near-equal size (consecutive
    numbers). Inside each group, everyone but the first joins by one tie to someone already
    in it (so the group hangs together), and each other pair is tied with the probability that
    gives everyone about ``cluster_ties`` ties on average (all pairs, if the group is too small
    for that). Person 0, in the first cluster, is the future weaver (``role="weaver"``).

    Parameters
    ----------
    people : int, default 60
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
    n, clusters, cluster_ties = _check(people, clusters, cluster_ties)
    rng = python_random(seed)
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


def phases(people: int = 60, clusters: int = 5, cluster_ties: float = 4.0, reach: int = 2, bridges: int = 2,
           core_extra: int = 2, seed: int | None = 0) -> list[nx.Graph]:
    """The four network-weaving phases on the same people, each adding ties to the one before.

    1. :func:`scattered` ``(people, clusters, cluster_ties, seed)``.
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
    people, clusters, cluster_ties, seed
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
    n, clusters, cluster_ties = _check(people, clusters, cluster_ties)
    reach = require_whole_number("reach", reach, minimum=1)
    bridges = require_whole_number("bridges", bridges, minimum=0)
    core_extra = require_whole_number("core_extra", core_extra, minimum=0)
    rng = python_random(None if seed is None else seed + 7919)
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
    for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
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
    for members in groups:
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


def phase(number: int, people: int = 60, clusters: int = 5, seed: int | None = 0, **kwargs) -> nx.Graph:
    """Just phase ``number`` (1-4) of :func:`phases`.

    Examples
    --------
    >>> phase(2, 30, 3).graph["phase"]
    2
    """
    number = require_whole_number("phase", number, minimum=1, maximum=4)
    return phases(people, clusters, seed=seed, **kwargs)[number - 1]


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


def weaving_path(people: int = 48, clusters: int = 5, steps: int = 3, seed: int | None = 0, **kwargs) -> list[PathStep]:
    """The four phases of :func:`phases` and ``steps - 1`` points on the way between each two.

    Between one phase and the next, the next phase's new ties are made in a seeded random order,
    a ``1 / steps`` share at a time (rounded); the last step of each stretch is the next phase
    itself. People take the roles of the next phase (a member becoming a hub, or joining the
    core) once at least half of the stretch is woven. The path has ``1 + 3 * steps`` steps.

    Parameters
    ----------
    people, clusters, seed
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
    steps = require_whole_number("steps", steps, minimum=1)
    ps = phases(people, clusters, seed=seed, **kwargs)
    rng = python_random(seed)
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
