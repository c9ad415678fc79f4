"""Client-server against peer-to-peer: paths, load on the centre, what survives.

Chapter 1 of the companion contrasts two ways of wiring an organisation. In a
*client-server* organisation every exchange goes through one centre; in a
*peer-to-peer* one people deal with each other directly. :func:`profile` measures
one network on the three questions the chapter asks:

1. **Paths** -- how many hand-offs does a message need, on average and at worst?
2. **Load on the centre** -- what share of all the shortest routes between *other*
   people runs through the busiest person (normalised betweenness; Freeman 1977)?
3. **What survives** -- if the centre is removed, what share of the pairs of the
   remaining people can still reach each other (pairwise connectivity)?
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from .errors import P2PKitError, require_graph
from .measures import betweenness, path_stats

__all__ = ["Profile", "profile", "verdict", "mean_path_length", "pairwise_connectivity", "load_share"]


@dataclass(frozen=True)
class Profile:
    """The chapter-1 measures of one network (see :func:`profile`)."""

    people: int
    ties: int
    mean_path: float
    diameter: int
    busiest: object
    busiest_load: float
    centre: object
    centre_load: float
    survives_without_centre: float
    single_points: tuple


def mean_path_length(G: nx.Graph) -> float:
    """Average number of hand-offs between two people, over all pairs.

    Parameters
    ----------
    G : networkx.Graph
        A connected, undirected network.

    Returns
    -------
    float
        The mean shortest-path length (Watts & Strogatz 1998 call it the characteristic
        path length *L*).

    Raises
    ------
    P2PKitError
        If the network is not connected (some pairs have no path at all).

    Notes
    -----
    For a star of ``n`` people the value is ``2 (n - 1) / n``: the ``n - 1`` pairs with
    the centre are one hop apart, the others two.

    References
    ----------
    Watts, D. J., & Strogatz, S. H. (1998). Collective dynamics of 'small-world' networks.
    *Nature* 393, 440-442.

    Examples
    --------
    >>> from p2pkit.orgs import client_server
    >>> mean_path_length(client_server(10))
    1.8
    """
    stats = path_stats(G)
    if not stats.connected:
        raise P2PKitError("the network is not connected, so some pairs have no path; "
                          "measure each part on its own or use pairwise_connectivity().")
    return stats.mean


def load_share(G: nx.Graph) -> dict:
    """Each person's share of the shortest routes between other people.

    This is Freeman's (1977, *Sociometry* 40, 35-41) betweenness, normalised so that 1 means every shortest route
    between two other people passes through this person (the centre of a star).

    Examples
    --------
    >>> from p2pkit.orgs import client_server
    >>> load_share(client_server(6))[0]
    1.0
    """
    return betweenness(G, normalized=True)


def pairwise_connectivity(G: nx.Graph) -> float:
    """Share of all pairs of people who can still reach each other.

    Returns ``sum_c C(|c|, 2) / C(n, 2)`` over the connected components ``c``: 1 for a
    connected network, 0 when nobody can reach anybody. Unlike "size of the largest
    part", it also credits the smaller parts that still work among themselves.

    References
    ----------
    Borgatti, S. P. (2006). Identifying sets of key players in a social network.
    *Computational and Mathematical Organization Theory* 12, 21-34 (the "fragmentation"
    measure F is one minus this value).

    Examples
    --------
    >>> pairwise_connectivity(nx.empty_graph(4))
    0.0
    >>> pairwise_connectivity(nx.path_graph(4))
    1.0
    """
    n = G.number_of_nodes()
    if n < 2:
        return 1.0
    total = n * (n - 1) / 2
    comps = nx.weakly_connected_components(G) if G.is_directed() else nx.connected_components(G)
    return sum(len(c) * (len(c) - 1) / 2 for c in comps) / total


def profile(G: nx.Graph, centre=0) -> Profile:
    """Measure one network on paths, load and survival (the chapter-1 questions).

    Parameters
    ----------
    G : networkx.Graph
        A connected, undirected network of at least 3 people.
    centre : node, default 0
        The person in the centre role (the server, the top of the chart).

    Returns
    -------
    Profile
        ``mean_path`` and ``diameter`` in hops; ``busiest`` and ``busiest_load`` (largest
        :func:`load_share`); ``centre_load``; ``survives_without_centre``: the
        :func:`pairwise_connectivity` of the others once ``centre`` is removed;
        ``single_points``: everyone whose departure alone would cut somebody off (the
        articulation points; Hopcroft & Tarjan 1973).

    References
    ----------
    Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
    manipulation. *Communications of the ACM* 16(6), 372-378.

    Examples
    --------
    >>> from p2pkit.orgs import client_server
    >>> p = profile(client_server(8))
    >>> p.centre_load, p.survives_without_centre
    (1.0, 0.0)
    """
    require_graph(G, minimum=3, undirected=True, what="profile()")
    if centre not in G:
        raise P2PKitError(f"the centre {centre!r} is not in the network.")
    load = load_share(G)
    order = {v: i for i, v in enumerate(G)}
    busiest = max(load, key=lambda v: (load[v], -order[v]))
    H = G.copy()
    H.remove_node(centre)
    return Profile(
        people=G.number_of_nodes(),
        ties=G.number_of_edges(),
        mean_path=mean_path_length(G),
        diameter=path_stats(G).diameter,
        busiest=busiest,
        busiest_load=float(load[busiest]),
        centre=centre,
        centre_load=float(load[centre]),
        survives_without_centre=float(pairwise_connectivity(H)),
        single_points=tuple(sorted(nx.articulation_points(G), key=lambda v: order[v])),
    )


def verdict(p: Profile) -> str:
    """One plain sentence on what removing the centre would do, computed from ``p``.

    Examples
    --------
    >>> from p2pkit.orgs import client_server
    >>> verdict(profile(client_server(8)))
    'Single point of failure: if the centre goes, nobody can reach anybody.'
    """
    s = p.survives_without_centre
    if s == 0:
        return "Single point of failure: if the centre goes, nobody can reach anybody."
    if s < 0.999999:
        return (f"The centre still holds the network together: without it only {s:.0%} "
                "of the pairs of the others can reach each other.")
    others = [v for v in p.single_points if v != p.centre]
    if others:
        who = "one other person" if len(others) == 1 else f"{len(others)} other people"
        return (f"Losing the centre no longer cuts anyone off, but {who} would: "
                "the network still has single points of failure.")
    if p.centre_load >= 0.5:
        return ("Nobody is cut off if the centre goes, but the centre still sits on "
                f"{p.centre_load:.0%} of the routes between others: a bottleneck, not a single point of failure.")
    return "No single person holds the network together: without the centre, everyone still reaches everyone."
