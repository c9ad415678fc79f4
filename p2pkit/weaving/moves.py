"""Weaving moves: introductions of one kind made on a network, and the kind of each new tie."""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from ..communities import detect
from ..errors import P2PKitError, require_graph, require_whole_number
from ..seeding import python_random
from .profile import triangles

__all__ = ["ACTIONS", "WeaveResult", "weave", "transition"]

#: Weaving actions understood by :func:`weave`.
ACTIONS = ("close", "bridge", "spoke")


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
    k = require_whole_number("k (introductions)", k, minimum=0, maximum=10_000)
    require_graph(G, undirected=True, what="weaving")
    rng = python_random(seed)
    H = G.copy()
    before_tri, before_comp = triangles(G), nx.number_connected_components(G)
    if action == "close":
        added, note = _close(H, k, rng)
    elif action == "spoke":
        added, note = _spoke(H, k, rng, weaver)
    else:
        added, note = _bridge(H, k, rng, seed)
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
        components_after=nx.number_connected_components(H),
        note=note,
    )


def _close(H: nx.Graph, k: int, rng: random.Random) -> tuple[list, str]:
    """Close ``k`` triangles of ``H`` chosen at random among the open ones (in place)."""
    pairs = _open_pairs(H)
    chosen = rng.sample(pairs, min(k, len(pairs)))
    for a, b in chosen:
        H.add_edge(a, b, kind="close")
    if len(chosen) == k:
        return list(chosen), ""
    return list(chosen), f"only {len(pairs)} open triangle{'s' if len(pairs) != 1 else ''} could be closed."


def _spoke(H: nx.Graph, k: int, rng: random.Random, weaver) -> tuple[list, str]:
    """Tie the weaver to ``k`` people she does not know yet, chosen at random (in place)."""
    if weaver not in H:
        raise P2PKitError(f"the weaver {weaver!r} is not in the network.")
    strangers = [v for v in H if v != weaver and not H.has_edge(weaver, v)]
    chosen = rng.sample(strangers, min(k, len(strangers)))
    for v in chosen:
        H.add_edge(weaver, v, kind="spoke")
    note = ""
    if len(chosen) < k:
        note = (f"only {len(strangers)} people were left to meet." if strangers else
                "the weaver already knows everyone.")
    return [(weaver, v) for v in chosen], note


def _bridge(H: nx.Graph, k: int, rng: random.Random, seed) -> tuple[list, str]:
    """Make ``k`` bridges (in place): across components while there are several, then across
    the communities of :func:`p2pkit.communities.detect` (found once, on the network as it then is)."""
    added: list[tuple] = []
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
                return added, "the network forms a single community: there is no cluster to bridge to."
            for _try in range(2000):
                i, j = rng.sample(range(len(groups)), 2)
                a = groups[i][rng.randrange(len(groups[i]))]
                b = groups[j][rng.randrange(len(groups[j]))]
                if not H.has_edge(a, b):
                    break
            else:
                return added, "no untied pair across communities was found; they may all be tied already."
        H.add_edge(a, b, kind="bridge")
        added.append((a, b))
    return added, ""


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
    >>> from p2pkit.weaving import phases
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

