"""The two hybrid designs as networks, and which pairs of people stay in touch when nodes fail.

:func:`hub_design` ties everyone to one AI hub; :func:`embedded_design` gives each team its own
agent. :func:`people_still_in_touch` and :func:`in_touch_without_each` count the pairs of
people who can still reach each other (through people or AI nodes).
"""

from __future__ import annotations


import networkx as nx
import numpy as np
from scipy.sparse.csgraph import connected_components

from ..errors import require_whole_number
from ..scaling import team_sizes
from ..seeding import python_random

__all__ = ["hub_design", "embedded_design", "people_still_in_touch", "in_touch_without_each"]


def _teams(people: int, team_size: int) -> nx.Graph:
    sizes = team_sizes(people, team_size)
    G = nx.Graph()
    v = 0
    for i, s in enumerate(sizes):
        members = list(range(v, v + s))
        G.add_nodes_from(members, team=i, kind="person")
        G.add_edges_from((a, b) for k, a in enumerate(members) for b in members[k + 1:])
        v += s
    G.graph["sizes"] = sizes
    return G


def _add_bridges(G: nx.Graph, people: int, bridges: int, seed) -> None:
    """Add ``bridges`` random ties between people of different teams (seeded, no repeats)."""
    bridges = require_whole_number("human_bridges", bridges, minimum=0)
    team = nx.get_node_attributes(G, "team")
    sizes = G.graph["sizes"]
    possible = people * (people - 1) // 2 - sum(s * (s - 1) // 2 for s in sizes)
    rng = python_random(seed)
    if bridges >= possible:  # every pair across teams
        G.add_edges_from((a, b) for a in range(people) for b in range(a + 1, people) if team[a] != team[b])
        return
    added = 0
    while added < bridges:
        a, b = rng.randrange(people), rng.randrange(people)
        if team[a] != team[b] and not G.has_edge(a, b):
            G.add_edge(a, b)
            added += 1


def hub_design(people: int, team_size: int = 10, human_bridges: int = 0, seed: int | None = 0) -> nx.Graph:
    """Human teams plus one AI hub tied to every person.

    Parameters
    ----------
    people : int
        Number of people (at least 2).
    team_size : int, default 10
        Largest team (teams as even as possible; each team is a full mesh).
    human_bridges : int, default 0
        Direct ties between people of different teams, chosen at random (seeded).
    seed : int or None, default 0

    Returns
    -------
    networkx.Graph
        People ``0 .. n-1`` (``kind="person"``, ``team``), the hub is node ``n``
        (``kind="ai"``). ``G.graph["ai"]`` lists the AI nodes.

    References
    ----------
    Schollmeier, R. (2001). A definition of peer-to-peer networking for the classification
    of peer-to-peer architectures and applications. *Proceedings of the First International
    Conference on Peer-to-Peer Computing*, 101-102 (the hub is the server of a
    client-server design).

    Examples
    --------
    >>> G = hub_design(20, 5)
    >>> G.degree(20), G.graph["ai"]
    (20, [20])
    """
    G = _teams(people, team_size)
    n = int(people)
    _add_bridges(G, n, human_bridges, seed)
    G.add_node(n, kind="ai", team=None)
    G.add_edges_from((n, v) for v in range(n))
    G.graph.update(shape="AI hub", ai=[n])
    return G


def embedded_design(people: int, team_size: int = 10, human_bridges: int = 0,
                    seed: int | None = 0) -> nx.Graph:
    """Human teams, each with its own AI agent; the agents are tied to each other.

    Parameters
    ----------
    people, team_size, human_bridges, seed
        As in :func:`hub_design` (the same seed gives the same human bridges).

    Returns
    -------
    networkx.Graph
        People ``0 .. n-1``; the agent of team ``i`` is node ``n + i`` (``kind="ai"``,
        ``team=i``). ``G.graph["ai"]`` lists the agents.

    References
    ----------
    Jackson, J. R. (1957). Networks of waiting lines. *Operations Research* 5(4), 518-521.

    Examples
    --------
    >>> G = embedded_design(20, 5)
    >>> G.graph["ai"], G.degree(20)
    ([20, 21, 22, 23], 8)
    """
    G = _teams(people, team_size)
    n = int(people)
    _add_bridges(G, n, human_bridges, seed)
    team = nx.get_node_attributes(G, "team")
    agents = [n + i for i in range(len(G.graph["sizes"]))]
    for i, a in enumerate(agents):
        G.add_node(a, kind="ai", team=i)
        G.add_edges_from((a, v) for v in range(n) if team[v] == i)
    G.add_edges_from((a, b) for k, a in enumerate(agents) for b in agents[k + 1:])
    G.graph.update(shape="embedded agents", ai=agents)
    return G


def people_still_in_touch(G: nx.Graph, failed=()) -> float:
    """Share of pairs of the *people* left who can still reach each other once ``failed`` nodes are gone.

    Paths may run through people or AI nodes; only pairs of people are counted: the pairwise
    connectivity of Borgatti (2006) restricted to people. On a network of people only it is
    :func:`p2pkit.architecture.pairwise_connectivity` of the network without ``failed``, which
    counts every node and so cannot leave the AI nodes out.

    References
    ----------
    Borgatti, S. P. (2006). Identifying sets of key players in a social network.
    *Computational and Mathematical Organization Theory* 12, 21-34.

    Examples
    --------
    >>> G = hub_design(20, 5)
    >>> people_still_in_touch(G, [20])  # 4 teams of 5: 4 * 10 of 190 pairs
    0.21052631578947367
    """
    nodes = list(G.nodes())
    A = nx.to_scipy_sparse_array(G, nodelist=nodes, format="csr", weight=None)
    person = np.array([G.nodes[v].get("kind", "person") == "person" for v in nodes])
    keep = np.ones(len(nodes), dtype=bool)
    keep[[nodes.index(v) for v in failed if v in G]] = False
    return _people_in_touch(A, person, keep)[0]


def _people_in_touch(A, person: np.ndarray, keep: np.ndarray) -> tuple[float, np.ndarray, np.ndarray, np.ndarray]:
    """Pairs of people still in touch among the nodes kept (adjacency ``A``; ``person`` marks people).

    Returns the share of pairs of the people kept who can reach each other (1 with fewer than
    two), the indices kept, the part of each node kept, and the people in each part.
    """
    kept = np.flatnonzero(keep)
    _, labels = connected_components(A[kept][:, kept], directed=False)
    per = np.bincount(labels, weights=person[kept].astype(float)).astype(int)
    p = int(person[kept].sum())
    share = float((per * (per - 1) / 2).sum() / (p * (p - 1) / 2)) if p >= 2 else 1.0
    return share, kept, labels, per


def in_touch_without_each(G: nx.Graph) -> dict:
    """For every node, the share of pairs of people left still in touch if that node alone fails.

    The same numbers as ``failure(G, [v]).in_touch`` for every ``v``, computed in one
    depth-first search instead of one search per node: a node whose removal splits its
    component is an articulation point, and the pieces it leaves are the subtrees of its
    depth-first children whose low point does not reach above it (Hopcroft & Tarjan 1973),
    plus the rest of the component.

    References
    ----------
    Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
    manipulation. *Communications of the ACM* 16(6), 372-378.

    Borgatti, S. P. (2006). Identifying sets of key players in a social network.
    *Computational and Mathematical Organization Theory* 12, 21-34.

    Examples
    --------
    >>> share = in_touch_without_each(hub_design(20, 5))
    >>> round(share[20], 4), share[0]
    (0.2105, 1.0)
    """
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    N = len(nodes)
    adj = [[index[u] for u in G[v] if u != v] for v in nodes]
    person = [1 if G.nodes[v].get("kind", "person") == "person" else 0 for v in nodes]
    P = sum(person)
    disc, low, sub = [-1] * N, [0] * N, [0] * N
    sep, sep_pairs, comp_of, comp_people = [0] * N, [0] * N, [0] * N, []
    clock = 0
    for root in range(N):
        if disc[root] >= 0:
            continue
        cid = len(comp_people)
        disc[root] = low[root] = clock
        clock += 1
        sub[root], comp_of[root] = person[root], cid
        stack = [(root, -1, iter(adj[root]))]
        while stack:
            v, parent, neighbours = stack[-1]
            for w in neighbours:
                if disc[w] < 0:
                    disc[w] = low[w] = clock
                    clock += 1
                    sub[w], comp_of[w] = person[w], cid
                    stack.append((w, v, iter(adj[w])))
                    break
                if w != parent:
                    low[v] = min(low[v], disc[w])
            else:
                stack.pop()
                if parent >= 0:
                    low[parent] = min(low[parent], low[v])
                    sub[parent] += sub[v]
                    if low[v] >= disc[parent]:  # v's subtree hangs from parent alone
                        sep[parent] += sub[v]
                        sep_pairs[parent] += sub[v] * (sub[v] - 1) // 2
        comp_people.append(sub[root])
    base = sum(c * (c - 1) // 2 for c in comp_people)
    out = {}
    for i, v in enumerate(nodes):
        c = comp_people[comp_of[i]]
        rest = c - person[i] - sep[i]
        pairs = base - c * (c - 1) // 2 + sep_pairs[i] + rest * (rest - 1) // 2
        left = P - person[i]
        out[v] = pairs / (left * (left - 1) / 2) if left >= 2 else 1.0
    return out
