"""Organisation shapes, and the classic organisational network data sets.

The generators return :class:`networkx.Graph` objects whose nodes are the integers
``0 .. people-1``. Node ``0`` is always the centre of the organisation: the server of a
client-server network, the top of a hierarchy. Every generator that uses chance
takes an explicit ``seed`` and gives the same network for the same seed.

Shapes
------
- :func:`client_server`: one centre that every other person is tied to (a star).
- :func:`hierarchy`: a chain of command, ``levels`` deep with ``span`` reports per manager.
- :func:`org_chart`: the same chart for any number of people (the last level partly filled).
- :func:`peer_mesh`: everyone tied to a few peers, nobody central (a small-world ring).
- :func:`spectrum`: a client-server network part-way to a peer mesh (``p`` from 0 to 1).
- :func:`hybrid`: a hierarchy part-way to a peer mesh on the same people (``p`` from 0 to 1);
  :func:`chart_to_mesh` the same for a chart of any size.

Data
----
- :func:`read_adjacency_csv`: read an adjacency-matrix CSV (the UCINET teaching format).
- :func:`load_dataset`: one of the classic data sets shipped with the kit, by name.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import networkx as nx

from .errors import DataFileError, P2PKitError, require_probability, require_whole_number
from .files import Table, read_table
from .seeding import python_random

__all__ = [
    "client_server",
    "hierarchy",
    "org_chart",
    "peer_mesh",
    "spectrum",
    "hybrid",
    "chart_to_mesh",
    "read_adjacency_csv",
    "adjacency_from_table",
    "load_dataset",
    "DATASETS",
]

#: The data sets shipped in ``p2pkit/data/orgnets``: name -> (title, citation).
DATASETS: dict[str, tuple[str, str]] = {
    "knok_info": ("Knoke bureaucracies: information exchange", "Knoke & Kuklinski (1982)"),
    "knok_money": ("Knoke bureaucracies: money exchange", "Knoke & Kuklinski (1982)"),
    "krack_advice": ("Krackhardt's high-tech managers: advice", "Krackhardt (1987)"),
    "krack_friends": ("Krackhardt's high-tech managers: friendship", "Krackhardt (1987)"),
    "krack_reports": ("Krackhardt's high-tech managers: reports to", "Krackhardt (1987)"),
    "wiring_gam": ("Bank Wiring Room: games", "Roethlisberger & Dickson (1939)"),
    "freeman_eies": ("Freeman EIES researchers: acquaintance", "Freeman & Freeman (1979)"),
    "padgett_marriage": ("Padgett's Florentine families: marriage", "Padgett & Ansell (1993)"),
    "padgett_business": ("Padgett's Florentine families: business", "Padgett & Ansell (1993)"),
}

_FILES = {
    "padgett_marriage": "PADGETT.csv",
    "padgett_business": "PADGETT2.csv",
}


def client_server(people: int) -> nx.Graph:
    """A client-server organisation: one centre, everyone else tied only to it.

    Parameters
    ----------
    people : int
        Number of people, the centre included (at least 2).

    Returns
    -------
    networkx.Graph
        A star on nodes ``0 .. people-1`` with node ``0`` at the centre. Node attribute
        ``role`` is ``"centre"`` or ``"client"``.

    Notes
    -----
    The star is the extreme of centralisation: Freeman (1979) shows it maximises degree,
    betweenness and closeness centralization among connected graphs of its size.

    References
    ----------
    Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
    *Social Networks* 1(3), 215-239.

    Examples
    --------
    >>> G = client_server(5)
    >>> sorted(G.degree())[0]
    (0, 4)
    """
    people = require_whole_number("people", people, minimum=2)
    G = nx.star_graph(people - 1)
    nx.set_node_attributes(G, {v: ("centre" if v == 0 else "client") for v in G}, "role")
    G.graph["shape"] = "client-server"
    return G


def _chart(people: int, span: int, directed: bool = False) -> nx.Graph:
    """The chart of :func:`hierarchy` and :func:`org_chart`: person ``k > 0`` reports to ``(k - 1) // span``.

    Not ``nx.full_rary_tree``, which builds the same tree (tested) but sets no levels or roles
    and takes time that grows with the square of the size (see :func:`org_chart`).
    """
    span = int(span)
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_node(0, level=0, role="top")
    for k in range(1, int(people)):
        boss = (k - 1) // span
        G.add_node(k, level=G.nodes[boss]["level"] + 1, role="staff")
        G.add_edge(boss, k)
        if boss:
            G.nodes[boss]["role"] = "manager"
    G.graph["shape"] = "hierarchy"
    return G


def hierarchy(levels: int, span: int, directed: bool = False) -> nx.Graph:
    """A chain of command: a tree ``levels`` deep in which each manager has ``span`` reports.

    Parameters
    ----------
    levels : int
        Number of levels, the top one included (at least 1).
    span : int
        Span of control: the number of direct reports of every manager (at least 1).
    directed : bool, default False
        If True, return a :class:`networkx.DiGraph` whose arcs run boss -> subordinate
        (an out-tree, the shape Krackhardt 1994 uses as the ideal formal hierarchy).

    Returns
    -------
    networkx.Graph or networkx.DiGraph
        ``sum(span**l for l in range(levels))`` people, numbered level by level from the
        top (node ``0``). Node attribute ``level`` is 0 at the top; ``role`` is ``"top"``,
        ``"manager"`` or ``"staff"`` (the lowest level).

    Notes
    -----
    The complete chart of :func:`org_chart`: the same tree as networkx's
    ``balanced_tree(span, levels - 1)``, with levels and roles (see :func:`org_chart` for
    why networkx's generator is not called).

    References
    ----------
    Krackhardt, D. (1994). Graph theoretical dimensions of informal organizations. In
    K. Carley & M. Prietula (eds.), *Computational Organization Theory*, 89-111.

    Examples
    --------
    >>> G = hierarchy(3, 2)
    >>> G.number_of_nodes(), G.number_of_edges()
    (7, 6)
    """
    levels = require_whole_number("levels", levels, minimum=1)
    span = require_whole_number("span", span, minimum=1)
    people = sum(span**lvl for lvl in range(levels))
    if people > 1_000_000:
        raise P2PKitError(f"hierarchy({levels}, {span}) would have {people:,} people; use fewer levels.")
    return _chart(people, span, directed)


def org_chart(people: int, span: int = 3) -> nx.Graph:
    """An organisation chart of exactly ``people`` people, filled level by level.

    Person ``k > 0`` reports to person ``(k - 1) // span``: the top (0) has ``span``
    reports, each of them ``span`` reports, and so on, until everyone is placed; only
    the last level may be partly filled. When ``people`` is ``1 + span + span**2 + ...``
    this is exactly :func:`hierarchy` (same numbering, same ``level`` and ``role``), so a
    figure can offer any size between the complete charts. Directed from the top down it is
    an out-tree, the pure hierarchy of Krackhardt (1994, in *Computational Organization Theory*).

    Parameters
    ----------
    people : int
        Number of people, at least 3.
    span : int, default 3
        Span of control: the most direct reports anyone has (at least 1).

    Returns
    -------
    networkx.Graph
        A tree on ``0 .. people - 1``; node attributes ``level`` (0 = top) and ``role``
        (``"top"``, ``"manager"`` for anyone with reports, ``"staff"``).

    Notes
    -----
    networkx's ``full_rary_tree(span, people)`` is the same tree with the same numbering
    (tested). It is not called: it sets no levels or roles, and its time grows with the
    square of the size (it pops from the front of a list: about 1 s for 100,000 people and
    6 s for 300,000, against 0.4 s and 1.1 s for this generator).

    Examples
    --------
    >>> G = org_chart(6, span=2)
    >>> sorted(G.edges()), [G.nodes[v]["level"] for v in G]
    ([(0, 1), (0, 2), (1, 3), (1, 4), (2, 5)], [0, 1, 1, 2, 2, 2])
    """
    return _chart(require_whole_number("people", people, minimum=3), require_whole_number("span", span, minimum=1))


def peer_mesh(people: int, k: int = 4, rewire: float = 0.1, seed: int | None = 0) -> nx.Graph:
    """A peer mesh: everyone tied to about ``k`` peers, with a few long-range ties.

    Parameters
    ----------
    people : int
        Number of people (at least 3).
    k : int, default 4
        Each person starts tied to their ``k`` nearest neighbours on a ring (``k`` even,
        ``2 <= k < people``; an odd ``k`` is rounded down, as networkx does).
    rewire : float, default 0.1
        Probability that each ring tie is moved to a random person (Watts & Strogatz 1998).
    seed : int or None, default 0
        Seed for the rewiring. The same seed gives the same network.

    Returns
    -------
    networkx.Graph
        A connected small-world graph on ``0 .. people-1``.

    References
    ----------
    Watts, D. J., & Strogatz, S. H. (1998). Collective dynamics of 'small-world' networks.
    *Nature* 393, 440-442.

    Examples
    --------
    >>> G = peer_mesh(20, k=4, rewire=0.0)
    >>> set(dict(G.degree()).values())
    {4}
    """
    people = require_whole_number("people", people, minimum=3)
    k = require_whole_number("k", k, minimum=2)
    if k >= people:
        raise P2PKitError(f"k (ties per person, {k}) must be smaller than the number of people ({people}).")
    rewire = require_probability("rewire", rewire)
    # networkx draws from random.Random(seed) for a whole-number seed: python_random gives that
    # stream, and also takes a numpy integer (which networkx refuses)
    G = nx.connected_watts_strogatz_graph(people, k, rewire, tries=1000, seed=python_random(seed))
    nx.set_node_attributes(G, "peer", "role")
    G.graph["shape"] = "peer mesh"
    return G


def _morph(
    start: nx.Graph, end: nx.Graph, p: float, seed: int | None
) -> nx.Graph:
    """Move from ``start`` to ``end`` (same nodes) by a share ``p`` of the way.

    The ties of ``end`` that ``start`` lacks are added, and the ties of ``start`` that
    ``end`` lacks are removed, each in one seeded random order, a share ``p`` of each.
    If removing ties would cut somebody off, the removed ties that reconnect the network
    are put back (latest removed first): an organisation in transition keeps its old
    lines until new ones exist. At ``p = 0`` the result equals ``start``; at ``p = 1``
    it equals ``end`` (which is connected).
    """
    p = require_probability("p (the share of the way to the peer mesh)", p)
    rng = python_random(seed)
    add = sorted(tuple(sorted(e)) for e in end.edges() if not start.has_edge(*e))
    drop = sorted(tuple(sorted(e)) for e in start.edges() if not end.has_edge(*e))
    rng.shuffle(add)
    rng.shuffle(drop)
    n_add = round(p * len(add))
    n_drop = round(p * len(drop))
    G = start.copy()
    G.add_edges_from(add[:n_add])
    removed = drop[:n_drop]
    G.remove_edges_from(removed)
    if not nx.is_connected(G):
        for e in reversed(removed):
            if not nx.has_path(G, *e):
                G.add_edge(*e)
    return G


def spectrum(people: int, p: float, k: int = 4, rewire: float = 0.1, seed: int | None = 0) -> nx.Graph:
    """A client-server network moved a share ``p`` of the way to a peer mesh.

    ``p = 0`` is :func:`client_server` ``(people)``; ``p = 1`` is :func:`peer_mesh`
    ``(people, k, rewire, seed)``, in which the former centre is one peer among others.
    In between, peer ties appear and ties to the centre are dropped in a seeded order,
    never cutting anybody off (see Notes).

    Parameters
    ----------
    people : int
        Number of people (at least 3).
    p : float
        How far towards the peer mesh, from 0 to 1.
    k, rewire : see :func:`peer_mesh`.
    seed : int or None, default 0
        One seed drives both the peer mesh and the order of change.

    Returns
    -------
    networkx.Graph
        Graph attribute ``p`` records the share; node ``0`` is the (former) centre.

    Notes
    -----
    A tie to the centre is only dropped while the network stays connected; dropped ties
    that would leave someone unreachable are kept. So every network on the path is
    connected, and the change is monotone in the added peer ties.

    Examples
    --------
    >>> set(spectrum(12, 0.0).edges()) == set(client_server(12).edges())
    True
    """
    people = require_whole_number("people", people, minimum=3)
    start = client_server(people)
    end = peer_mesh(people, k=min(k, people - 1), rewire=rewire, seed=seed)
    G = _morph(start, end, p, seed)
    nx.set_node_attributes(G, {v: ("centre" if v == 0 else "peer") for v in G}, "role")
    G.graph.update(shape="client-server to peer mesh", p=float(p))
    return G


def _chart_to_mesh(start: nx.Graph, p: float, k: int, rewire: float, seed: int | None) -> nx.Graph:
    """The chart ``start`` moved a share ``p`` of the way to a peer mesh on its people (levels kept)."""
    people = start.number_of_nodes()
    end = peer_mesh(people, k=min(k, people - 1), rewire=rewire, seed=seed)
    G = _morph(start, end, p, seed)
    nx.set_node_attributes(G, nx.get_node_attributes(start, "level"), "level")
    G.graph.update(shape="hierarchy to peer mesh", p=float(p))
    return G


def hybrid(
    levels: int, span: int, p: float, k: int = 4, rewire: float = 0.1, seed: int | None = 0
) -> nx.Graph:
    """A hierarchy moved a share ``p`` of the way to a peer mesh on the same people.

    ``p = 0`` is :func:`hierarchy` ``(levels, span)``; ``p = 1`` is a :func:`peer_mesh`
    of the same size. In between, lateral ties appear and reporting lines are dropped in a
    seeded order, never cutting anybody off. Node attribute ``level`` is kept throughout,
    so a drawing can still place people where the chart put them.

    Parameters
    ----------
    levels, span : see :func:`hierarchy`.
    p : float
        How far towards the peer mesh, from 0 to 1.
    k, rewire, seed : see :func:`peer_mesh`.

    Examples
    --------
    >>> G = hybrid(3, 3, 0.5)
    >>> G.number_of_nodes(), nx.is_connected(G)
    (13, True)
    """
    start = hierarchy(levels, span)
    if start.number_of_nodes() < 3:
        raise P2PKitError("hybrid needs at least 3 people: use more levels or a wider span.")
    return _chart_to_mesh(start, p, k, rewire, seed)


def chart_to_mesh(people: int, span: int, p: float, k: int = 4, rewire: float = 0.1,
                  seed: int | None = 0) -> nx.Graph:
    """:func:`org_chart` moved a share ``p`` of the way to a peer mesh on the same people.

    The same path as :func:`hybrid` (lateral ties appear and reporting lines go in a seeded
    order, never cutting anybody off), for a chart of any size; for a complete chart the
    two are identical (tested). Everyone keeps their ``level`` and ``role``.

    Examples
    --------
    >>> G = chart_to_mesh(30, 3, 0.5)
    >>> G.number_of_nodes(), nx.is_connected(G), G.nodes[29]["level"]
    (30, True, 3)
    """
    G = _chart_to_mesh(org_chart(people, span), p, k, rewire, seed)
    G.graph["span"] = int(span)
    return G


# --------------------------------------------------------------------------- data


def _parse_number(text: str, where: str) -> float:
    t = text.strip()
    if t == "":
        return 0.0
    try:
        x = float(t)
    except ValueError:
        raise DataFileError(f"{where}: {text!r} is not a number. Each cell must be a number (0 for no tie).") from None
    if math.isnan(x) or math.isinf(x):
        raise DataFileError(f"{where}: {text!r} is not a usable number. Use 0 for no tie.")
    return x


def read_adjacency_csv(path: str | Path, directed: bool = True) -> nx.DiGraph | nx.Graph:
    """Read an adjacency-matrix CSV: labels in the header row and first column.

    A cell holds the tie from the row's person (sender) to the column's person
    (receiver): 0 or blank for no tie, any other number for a tie of that weight.
    This is the layout of the UCINET teaching matrices in ``p2pkit/data/orgnets``.

    Parameters
    ----------
    path : str or pathlib.Path
        The CSV file (or an .xlsx workbook). It is only read, never changed, with the same
        reader as the survey intake (:func:`p2pkit.files.read_table`): UTF-8 with or without a
        byte-order mark, UTF-16 and Windows-1252 text, and comma, semicolon, tab or vertical
        bar separators.
    directed : bool, default True
        Return a DiGraph (one arc per non-zero cell). If False, return a Graph in which
        a tie exists when either cell of the pair is non-zero (weight: the larger).

    Returns
    -------
    networkx.DiGraph or networkx.Graph
        Nodes are the labels as written (strings); arcs whose cell is not 1 carry a
        ``weight`` attribute. Diagonal cells (self-ties) are ignored and counted in
        ``G.graph["self_ties_ignored"]``.

    Raises
    ------
    DataFileError
        If the file is empty, not text, not square, has labels that do not match, repeats
        a label, or has a cell that is not a number. The message names the file and row.

    Examples
    --------
    >>> G = load_dataset("knok_info")
    >>> G.number_of_nodes(), G.number_of_edges()
    (10, 49)
    """
    return adjacency_from_table(read_table(path), directed)


def adjacency_from_table(table: Table, directed: bool = True) -> nx.DiGraph | nx.Graph:
    """An adjacency matrix already read as a :class:`~p2pkit.files.Table` (see :func:`read_adjacency_csv`).

    The survey intake calls this on the table it has read, so that a matrix is never read a
    second time by another reader.
    """
    source = table.source
    rows = [cells for _, cells in table.rows]
    numbers = [row for row, _ in table.rows]
    if len(rows) < 2:
        raise DataFileError(f"{source}: only a header row; an adjacency matrix needs one row per person.")
    labels = _matrix_labels(rows[0], numbers[0], source)
    body = rows[1:]
    if len(body) != len(labels):
        raise DataFileError(
            f"{source}: the matrix is not square: {len(labels)} column labels but {len(body)} rows."
        )
    G = nx.DiGraph()
    G.add_nodes_from(labels)
    self_ties = 0
    for i, row in enumerate(body):
        self_ties += _add_matrix_row(G, labels, i, row, numbers[i + 1], source)
    G.graph["self_ties_ignored"] = self_ties
    G.graph["source"] = source
    return G if directed else _either_way(G)


def _matrix_labels(header: list[str], rowno: int, source: str) -> list[str]:
    """The column labels of a matrix's header row (trailing empty cells dropped), each once."""
    labels = [c.strip() for c in header[1:]]
    while labels and not labels[-1]:
        labels.pop()
    if not labels:
        raise DataFileError(f"{source}: the header row has no labels after the first cell.")
    seen: set[str] = set()
    for lab in labels:
        if lab in seen:
            raise DataFileError(f"{source}: row {rowno}: the label {lab!r} appears twice in the header.")
        seen.add(lab)
    return labels


def _add_matrix_row(G: nx.DiGraph, labels: list[str], i: int, row: list[str], rowno: int, source: str) -> int:
    """Add the ties of row ``i`` (person ``labels[i]``); return the self-ties ignored (0 or 1)."""
    row = row[: len(labels) + 1] if all(not c.strip() for c in row[len(labels) + 1:]) else row
    if len(row) != len(labels) + 1:
        raise DataFileError(
            f"{source}: row {rowno} has {len(row) - 1} cells after its label; expected {len(labels)}."
        )
    lab = row[0].strip()
    if lab != labels[i]:
        raise DataFileError(
            f"{source}: row {rowno} is labelled {lab!r} but column {i + 1} is {labels[i]!r}; "
            "rows must be in the same order as the header."
        )
    self_ties = 0
    for j, cell in enumerate(row[1:]):
        w = _parse_number(cell, f"{source}: row {rowno}, column {labels[j]!r}")
        if w == 0:
            continue
        if i == j:
            self_ties += 1
        elif w == 1:
            G.add_edge(labels[i], labels[j])
        else:
            G.add_edge(labels[i], labels[j], weight=w)
    return self_ties


def _either_way(G: nx.DiGraph) -> nx.Graph:
    """An undirected copy: a tie when either cell of the pair is non-zero, with the larger weight."""
    U = nx.Graph()
    U.add_nodes_from(G)
    for u, v, d in G.edges(data=True):
        w = d.get("weight", 1.0)
        if U.has_edge(u, v):
            w = max(w, U[u][v].get("weight", 1.0))
        if w == 1:
            U.add_edge(u, v)
        else:
            U.add_edge(u, v, weight=w)
    U.graph.update(G.graph)
    return U


def load_dataset(name: str, directed: bool = True, top_down: bool = False) -> nx.DiGraph | nx.Graph:
    """Load one of the classic organisational data sets shipped with the kit.

    Parameters
    ----------
    name : str
        One of the keys of :data:`DATASETS` (for example ``"krack_advice"``).
    directed : bool, default True
        See :func:`read_adjacency_csv`.
    top_down : bool, default False
        For ``"krack_reports"`` only: reverse the arcs so they run boss -> subordinate
        (the file has subordinate -> boss).

    Returns
    -------
    networkx.DiGraph or networkx.Graph
        Graph attributes ``title`` and ``citation``. For the Krackhardt data sets the
        nodes carry ``age``, ``tenure``, ``level`` and ``dept`` (Krackhardt 1987; level 1
        is the CEO, 2 vice-presidents, 3 managers).

    References
    ----------
    Krackhardt, D. (1987). Cognitive social structures. *Social Networks* 9, 109-134.
    Knoke, D., & Kuklinski, J. H. (1982). *Network Analysis*. Sage.

    Examples
    --------
    >>> G = load_dataset("krack_reports", top_down=True)
    >>> G.out_degree("7")
    4
    """
    if name not in DATASETS:
        raise P2PKitError(f"unknown data set {name!r}; choose one of: {', '.join(sorted(DATASETS))}.")
    filename = _FILES.get(name, name + ".csv")
    ref = resources.files("p2pkit") / "data" / "orgnets" / filename
    with resources.as_file(ref) as p:
        G = read_adjacency_csv(p, directed=True)
    if top_down:
        if name != "krack_reports":
            raise P2PKitError("top_down only applies to 'krack_reports' (the other files have no boss direction).")
        G = G.reverse(copy=True)
    if name.startswith("krack_"):
        _attach_krack_attributes(G)
    if not directed:
        U = nx.Graph()
        U.add_nodes_from(G.nodes(data=True))
        U.add_edges_from(G.edges(data=True))
        U.graph.update(G.graph)
        G = U
    title, citation = DATASETS[name]
    G.graph.update(name=name, title=title, citation=citation)
    return G


def _attach_krack_attributes(G: nx.Graph) -> None:
    ref = resources.files("p2pkit") / "data" / "orgnets" / "krack_attr.csv"
    with resources.as_file(ref) as p:
        table = read_table(p)
    header = [h.strip().lower() for h in table.header]
    for i, (_, row) in enumerate(table.body, start=1):
        node = str(i)
        if node in G:
            for key, val in zip(header, row, strict=False):
                G.nodes[node][key] = float(val) if key == "tenure" else int(float(val))


def relabel_people(G: nx.Graph, names: Iterable[str]) -> nx.Graph:
    """Return a copy of ``G`` with nodes ``0 .. people-1`` renamed, in order, to ``names``."""
    names = list(names)
    if len(names) != G.number_of_nodes():
        raise P2PKitError(f"{len(names)} names for {G.number_of_nodes()} people.")
    return nx.relabel_nodes(G, dict(zip(sorted(G), names, strict=True)))
