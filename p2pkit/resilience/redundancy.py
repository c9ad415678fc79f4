"""Redundancy: lateral ties, node connectivity, single points of failure, independent routes.

- :func:`chart_with_lateral_ties` -- an organisation chart that keeps every reporting line
  and gains lateral ties: redundancy in its plainest form.
- :func:`redundancy` and :func:`redundancy_verdict` -- node connectivity (how many people
  must leave at once before anyone is cut off), single points of failure (articulation
  points) and bridges (ties that are the only link between two sides).
- :func:`independent_paths` -- routes between two people that share nobody in between
  (Menger 1927).

Conventions (those of the whole :mod:`p2pkit.resilience` package): an undirected
:class:`networkx.Graph`; ties in a ranking broken by the order of ``list(G)``; anything
random takes an explicit ``seed``.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from .. import orgs
from ..errors import P2PKitError, require_graph

__all__ = ["Redundancy", "chart_with_lateral_ties", "redundancy", "redundancy_verdict", "independent_paths"]


def chart_with_lateral_ties(levels: int, span: int, p: float, k: int = 4, rewire: float = 0.1,
                            seed: int | None = 0) -> nx.Graph:
    """An organisation chart that keeps every reporting line and gains lateral ties.

    The lateral ties are those that :func:`p2pkit.orgs.hybrid` adds on the way from the
    chart to a peer mesh (a share ``p`` of the mesh's ties, in a seeded order); unlike
    ``hybrid``, no reporting line is dropped. This is *redundancy* in its plainest form:
    the same people and the same chart, plus extra routes.

    Parameters
    ----------
    levels, span : int
        The chart (:func:`p2pkit.orgs.hierarchy`).
    p : float
        Share of the peer mesh's ties added, 0 to 1.
    k, rewire, seed : see :func:`p2pkit.orgs.peer_mesh`.

    Returns
    -------
    networkx.Graph
        Nodes keep the chart's ``level``; graph attribute ``p``.

    References
    ----------
    Watts, D. J., & Strogatz, S. H. (1998). Collective dynamics of 'small-world' networks.
    *Nature* 393, 440-442 (the peer mesh the lateral ties come from).

    Examples
    --------
    >>> from p2pkit import orgs
    >>> G = chart_with_lateral_ties(3, 3, 0.0)
    >>> sorted(G.edges()) == sorted(orgs.hierarchy(3, 3).edges())
    True
    >>> chart_with_lateral_ties(3, 3, 1.0).number_of_edges() > 12
    True
    """
    chart = orgs.hierarchy(levels, span)
    G = nx.compose(chart, orgs.hybrid(levels, span, p, k=k, rewire=rewire, seed=seed))
    nx.set_node_attributes(G, nx.get_node_attributes(chart, "level"), "level")
    G.graph.update(shape="chart with lateral ties", p=float(p))
    return G



@dataclass(frozen=True)
class Redundancy:
    """How much redundancy a network has (see :func:`redundancy`)."""

    people: int
    ties: int
    node_connectivity: int
    single_points: tuple
    bridges: tuple
    fewest_ties: int
    exact: bool = True


def _node_connectivity(G: nx.Graph, exact: bool = True) -> tuple[int, bool]:
    """Node connectivity, with quick answers where the structure gives one away."""
    n = G.number_of_nodes()
    if n < 2 or not nx.is_connected(G):
        return 0, True
    m = G.number_of_edges()
    if m == n * (n - 1) // 2:
        return n - 1, True  # complete: no set of people disconnects it (Whitney's convention)
    fewest = min(d for _, d in G.degree())
    if fewest <= 1 or any(True for _ in nx.articulation_points(G)):
        return 1, True
    if fewest == 2:
        return 2, True  # biconnected, and someone's two neighbours would cut them off
    if not exact:
        return 2, False  # biconnected: at least 2
    return int(nx.node_connectivity(G)), True


def redundancy(G: nx.Graph, exact: bool = True) -> Redundancy:
    """How many people must leave at once before anyone is cut off, and where the weak spots are.

    Parameters
    ----------
    G : networkx.Graph
        An undirected network.
    exact : bool, default True
        If False, skip the slow flow computation (see Notes): ``node_connectivity`` is
        then a lower bound (2) wherever the quick rules do not settle it, and ``exact``
        is False.

    Returns
    -------
    Redundancy
        ``node_connectivity``: the smallest number of people whose departure cuts someone
        off (0 if the network is already in pieces; ``n - 1`` for a complete network). By
        Menger's (1927) theorem this is also the number of routes that share nobody in
        between that every pair of people has, at the least (:func:`independent_paths`).
        ``single_points``: articulation points; ``bridges``: ties whose loss splits the
        network (Hopcroft & Tarjan 1973); ``fewest_ties``: the smallest number of ties any
        one person has (an upper bound on node connectivity); ``exact``: False when
        ``node_connectivity`` is only the lower bound 2 (``exact=False``).

    Notes
    -----
    When the network has a single point of failure, or someone with only two ties, the
    connectivity follows at once (1 or 2); otherwise it is computed with networkx's
    flow-based algorithm (Even 1975; Esfahanian 2013), which is slower.

    References
    ----------
    Menger, K. (1927). Zur allgemeinen Kurventheorie. *Fundamenta Mathematicae* 10, 96-115.
    Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
    manipulation. *Communications of the ACM* 16(6), 372-378.

    Examples
    --------
    >>> r = redundancy(nx.cycle_graph(8))
    >>> r.node_connectivity, r.single_points, r.bridges
    (2, (), ())
    """
    require_graph(G, minimum=2, undirected=True, what="redundancy()")
    order = {v: i for i, v in enumerate(G)}
    kappa, is_exact = _node_connectivity(G, exact)
    bridges = tuple(sorted((tuple(sorted(e, key=order.__getitem__)) for e in nx.bridges(G)),
                           key=lambda e: (order[e[0]], order[e[1]])))
    return Redundancy(
        people=G.number_of_nodes(),
        ties=G.number_of_edges(),
        node_connectivity=kappa,
        single_points=tuple(sorted(nx.articulation_points(G), key=order.__getitem__)),
        bridges=bridges,
        fewest_ties=min(d for _, d in G.degree()),
        exact=is_exact,
    )


def redundancy_verdict(r: Redundancy) -> str:
    """One sentence on the network's redundancy, computed from ``r``.

    Examples
    --------
    >>> redundancy_verdict(redundancy(nx.cycle_graph(8)))
    'No single person now holds the network together: at least 2 people would have to leave at once to cut anyone off.'
    """
    k = r.node_connectivity
    if k == 0:
        return "The network is already in pieces: some people cannot reach each other at all."
    if k == 1:
        s = len(r.single_points)
        who = "1 person holds" if s == 1 else f"{s} people each hold"
        text = f"{who} the network together: losing any one of them cuts someone off."
        if r.bridges:
            b = len(r.bridges)
            text += f" {b} {'tie is' if b == 1 else 'ties are'} the only link between two sides."
        return text
    if k >= r.people - 1:
        return "Everyone is tied to everyone: nobody can be cut off, whoever leaves."
    return (f"No single person now holds the network together: at least {k} people would "
            "have to leave at once to cut anyone off.")


def independent_paths(G: nx.Graph, a, b) -> list:
    """Routes from ``a`` to ``b`` that share nobody in between, as many as there can be.

    Parameters
    ----------
    G : networkx.Graph
        An undirected network.
    a, b : node
        Two people who are not tied directly.

    Returns
    -------
    list of list
        Node-independent paths, each from ``a`` to ``b``, shortest first. Their number is
        the local node connectivity of ``a`` and ``b``: by Menger's (1927) theorem, the
        fewest people whose departure separates them.

    Raises
    ------
    P2PKitError
        If ``a`` or ``b`` is not in the network, they are the same person, or they are
        tied directly (then any number of others can leave without separating them).

    References
    ----------
    Menger, K. (1927). Zur allgemeinen Kurventheorie. *Fundamenta Mathematicae* 10, 96-115.

    Examples
    --------
    >>> independent_paths(nx.cycle_graph(6), 0, 3)
    [[0, 1, 2, 3], [0, 5, 4, 3]]
    """
    require_graph(G, minimum=2, undirected=True, what="independent_paths()")
    for v in (a, b):
        if v not in G:
            raise P2PKitError(f"{v!r} is not in the network; name people as they appear in list(G).")
    if a == b:
        raise P2PKitError("choose two different people.")
    if G.has_edge(a, b):
        raise P2PKitError(f"{a!r} and {b!r} are tied directly; choose two people who are not.")
    if not nx.has_path(G, a, b):
        return []
    paths = [list(p) for p in nx.node_disjoint_paths(G, a, b)]
    return sorted(paths, key=lambda p: (len(p), [str(x) for x in p]))
