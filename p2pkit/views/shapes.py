"""The organisations several figures draw side by side: who is who, and where each person stands.

The figures of chapters 6, 9 and 10 (:mod:`p2pkit.views.exploration`, :mod:`p2pkit.views.cooperation`,
:mod:`p2pkit.views.alignment`, :mod:`p2pkit.views.ai_access`) draw the same 40 people as a chart
(:func:`p2pkit.orgs.hierarchy`, 4 levels, 3 reports each) and as peer networks
(:func:`p2pkit.orgs.peer_mesh`). Each lists its networks as ``name -> (builder, layout)``; this
module names their people alike and places them:

- :func:`person_names` -- "Top", "Manager 3", "Staff 17" in a chart, "Person 5" in a network
  without one;
- :func:`ring` -- everyone on a circle, nobody at the centre (a peer network);
- :func:`drawn` -- each network of a figure built once, and its people placed.

The module only names and places; the networks come from :mod:`p2pkit.orgs` and networkx.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import networkx as nx

from .layouts import ring_layout

__all__ = ["drawn", "person_names", "ring"]

#: How a chart's roles (:func:`p2pkit.orgs.hierarchy`) name people; anyone else is a "Person".
TITLES = {"manager": "Manager", "staff": "Staff"}


def person_names(G: nx.Graph) -> dict:
    """Everyone named by their place in a chart ("Top", "Manager 3", "Staff 17"), or else "Person 5".

    Parameters
    ----------
    G : networkx.Graph
        People with an optional ``role`` attribute: ``"top"``, ``"manager"`` or ``"staff"`` in
        a chart; anything else (a peer, no role) reads "Person".

    Returns
    -------
    dict
        Person -> name, in the order of ``G``'s people.

    Examples
    --------
    >>> from p2pkit import orgs
    >>> names = person_names(orgs.hierarchy(3, 2))
    >>> names[0], names[1], names[3]
    ('Top', 'Manager 1', 'Staff 3')
    >>> person_names(nx.path_graph(2))
    {0: 'Person 0', 1: 'Person 1'}
    """
    return {v: "Top" if role == "top" else f"{TITLES.get(role, 'Person')} {v}" for v, role in G.nodes(data="role")}


def ring(G: nx.Graph) -> dict:
    """Everyone on a circle in the order of ``G``, nobody at the centre (:func:`~p2pkit.views.layouts.ring_layout`).

    Examples
    --------
    >>> sorted(ring(nx.cycle_graph(4)))
    [0, 1, 2, 3]
    """
    return ring_layout(G, centre=None)


def drawn(networks: Mapping[str, tuple[Callable, Callable]]) -> tuple[dict, dict]:
    """Each network of ``networks`` built, and its people placed.

    Parameters
    ----------
    networks : mapping
        Name -> ``(builder, layout)``: ``builder()`` returns the network, ``layout(G)`` the
        place of each person.

    Returns
    -------
    tuple of dict
        Name -> network, and name -> places (person -> (x, y)), in the order of ``networks``.

    Examples
    --------
    >>> nets, places = drawn({"ring of 4": (lambda: nx.cycle_graph(4), ring)})
    >>> nets["ring of 4"].number_of_nodes(), len(places["ring of 4"])
    (4, 4)
    """
    built = {name: make() for name, (make, _) in networks.items()}
    return built, {name: networks[name][1](G) for name, G in built.items()}
