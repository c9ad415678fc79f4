"""The room's answers and the map the room sees in them (*Map our network*).

:func:`load_room` reads the answers with the survey kit; :func:`room_map` runs the
diagnostic on them and :func:`map_verdict` says what it shows; :func:`answers_in` is the
network as it stands when the first answers are in.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from ..errors import P2PKitError
from ..team.cells import RELATIONS
from ..team.diagnosis import diagnose, readings
from ..team.intake import read_survey
from ..team.privacy import pseudonym_map, pseudonymise
from ..team.summary import ReadSummary
from .names import people_text

__all__ = ["ALL_RELATIONS", "MAX_ROOM", "Room", "load_room", "RoomMap", "room_map", "map_verdict", "answers_in"]

#: The choice in the question menu that combines every question.
ALL_RELATIONS = "all questions"

#: The workshop figures are made for a room: above this many people they say so.
MAX_ROOM = 150


@dataclass
class Room:
    """A room's survey answers as read by :func:`load_room`.

    ``graph`` is the directed network (a tie from the person who answered to the person
    named), with codes instead of names when ``pseudonymised``; ``summary`` is the survey
    kit's :class:`~p2pkit.team.summary.ReadSummary`; ``show`` turns a name as written in the file
    into what may be shown (itself, or its code).
    """

    graph: nx.DiGraph
    summary: ReadSummary
    source: str
    pseudonymised: bool = False
    show: Callable[[str], str] = str

    @property
    def network(self) -> nx.Graph:
        """The undirected network: a tie if either person named the other."""
        U = nx.Graph()
        U.add_nodes_from(self.graph.nodes(data=True))
        U.add_edges_from((u, v) for u, v in self.graph.edges() if u != v)
        return U

    @property
    def respondents(self) -> list:
        """People who named someone, in the order they first appear in the file."""
        return [v for v in self.graph if self.graph.out_degree(v) > 0]

    @property
    def relations(self) -> tuple:
        """The questions (relations) the answers hold, in the survey kit's order then by name.

        Examples
        --------
        >>> load_room(("r.csv", b"Source,Target,Relation\\nAna,Bo,decisions\\nBo,Cy,advice\\n")).relations
        ('advice', 'decisions')
        """
        found = {r for _, _, d in self.graph.edges(data=True)
                 for r in str(d.get("relation") or "").split(";") if r}
        return tuple(sorted(found, key=lambda r: (RELATIONS.index(r) if r in RELATIONS else len(RELATIONS), r)))


def load_room(source, relation: str | None = None, pseudonymise_names: bool = False,
              key: str = "") -> Room:
    """Read a room's answers with the survey kit (intake), optionally with codes for names.

    Parameters
    ----------
    source : str, pathlib.Path or (str, bytes)
        A file the survey kit reads (an online-form export, a tie list or a matrix; see
        :func:`p2pkit.team.intake.read_survey`), or an uploaded file as ``(file name, content)``,
        which is written to a private temporary folder, read, and deleted at once.
    relation : str, optional
        One question only (``"advice"``, ``"information"``, ``"decisions"``...); ``None`` or
        :data:`ALL_RELATIONS` combines them all.
    pseudonymise_names : bool, default False
        Replace every name by a stable code (P01, P02, ...; :func:`p2pkit.team.privacy.pseudonymise`).
    key : str, default ""
        Secret for the order of the codes (see :func:`p2pkit.team.privacy.pseudonym_map`).

    Returns
    -------
    Room

    Raises
    ------
    P2PKitError
        For a file the kit cannot read (the message says what to do), or a room of more than
        :data:`MAX_ROOM` people.

    References
    ----------
    Cross, R., & Parker, A. (2004). *The Hidden Power of Social Networks*. Boston: Harvard
    Business School Press (name-generator questions on advice, information and decisions).

    Examples
    --------
    >>> room = load_room((("room.csv"), b"Source,Target\\nAna,Bo\\nBo,Cy\\n"))
    >>> sorted(room.network.edges()), room.respondents
    ([('Ana', 'Bo'), ('Bo', 'Cy')], ['Ana', 'Bo'])
    """
    rel = None if relation in (None, "", ALL_RELATIONS) else relation
    if isinstance(source, tuple):
        label, content = source
        with tempfile.TemporaryDirectory() as tmp:
            p = Path(tmp) / (Path(str(label)).name or "answers.csv")
            p.write_bytes(bytes(content))
            G, summary = read_survey(p, relation=rel)
        label = Path(str(label)).name
    else:
        if not str(source).strip():
            raise P2PKitError("Upload the room's answers (a CSV file), or type the path of one.")
        G, summary = read_survey(source, relation=rel)
        label = Path(str(source)).name
    if G.number_of_nodes() > MAX_ROOM:
        raise P2PKitError(f"{G.number_of_nodes()} people: the workshop views are made for a room of up to "
                          f"{MAX_ROOM}. Use the full report (python -m p2pkit report) for a larger network.")
    show: Callable[[str], str] = str
    if pseudonymise_names:
        mapping = pseudonym_map((str(v) for v in G), key)
        G, _ = pseudonymise(G, mapping=mapping)
        show = lambda v: mapping.get(str(v), "(someone not in the network)")  # noqa: E731
    return Room(G, summary, label, bool(pseudonymise_names), show)


# --------------------------------------------------------------------------- map our network


@dataclass(frozen=True)
class RoomMap:
    """What the room sees in its own network (see :func:`room_map`)."""

    people: int
    ties: int
    communities: tuple
    modularity: float
    brokers: tuple
    single_points: tuple
    isolates: tuple
    unnamed: tuple
    silent: tuple
    reading: dict = field(default_factory=dict)


def room_map(G: nx.DiGraph, seed: int = 0) -> RoomMap:
    """The room's network through the diagnostic: communities, bridges, isolates, gaps.

    Parameters
    ----------
    G : networkx.DiGraph
        Ties from the person who answered to the person named (an undirected network is read
        as ties both ways), at least 3 people.
    seed : int, default 0
        Seeds the community detection (Louvain), as in :func:`p2pkit.team.diagnosis.diagnose`.

    Returns
    -------
    RoomMap
        ``communities`` (largest first) and ``modularity`` from the diagnostic;
        ``brokers``: people with a tie into another community, most routes first;
        ``single_points``: people whose departure alone would cut someone off;
        ``isolates``: people with no ties at all; ``unnamed``: people who named others but
        whom nobody named; ``silent``: people named by others who named nobody (perhaps
        they did not answer); ``reading``: the diagnostic's plain-language readings
        (:func:`p2pkit.team.diagnosis.readings`).

    References
    ----------
    Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E. (2008). Fast unfolding
    of communities in large networks. *J. Stat. Mech.* P10008.
    Burt, R. S. (1992). *Structural Holes*. Harvard University Press.

    Examples
    --------
    >>> G = nx.DiGraph([(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (2, 3)])
    >>> G.add_node(6)
    >>> m = room_map(G)
    >>> len(m.communities), m.isolates, m.single_points
    (3, (6,), (2, 3))
    """
    if G.number_of_nodes() < 3:
        raise P2PKitError(f"the map needs at least 3 people; this network has {G.number_of_nodes()}.")
    d = diagnose(G, progress=False)
    D = G if G.is_directed() else G.to_directed()
    order = {v: i for i, v in enumerate(G)}
    isolates = tuple(v for v in G if D.in_degree(v) == 0 and D.out_degree(v) == 0)
    unnamed = tuple(v for v in G if D.in_degree(v) == 0 and D.out_degree(v) > 0)
    silent = tuple(v for v in G if D.out_degree(v) == 0 and D.in_degree(v) > 0)
    return RoomMap(
        people=d.people,
        ties=sum(1 for u, v in nx.Graph(D.to_undirected()).edges() if u != v),
        communities=tuple(tuple(sorted(c, key=order.__getitem__)) for c in d.communities),
        modularity=float(d.modularity),
        brokers=tuple(b[0] for b in d.brokers),
        single_points=tuple(sorted((v for v, _ in d.single_points), key=order.__getitem__)),
        isolates=isolates,
        unnamed=unnamed,
        silent=silent,
        reading=readings(d),
    )


def map_verdict(m: RoomMap) -> str:
    """Two or three plain sentences on the room's map, computed from ``m``.

    Examples
    --------
    >>> G = nx.DiGraph([(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (2, 3)])
    >>> G.add_node(6)
    >>> map_verdict(room_map(G))  # doctest: +NORMALIZE_WHITESPACE
    '3 node communities, 2 of them with more than one person. 2 people have ties into
    another community; 2 and 3 are single points of failure (each of whose departures alone
    would cut someone off). 1 person has no ties at all in these answers: 6.'
    """
    groups = [c for c in m.communities if len(c) > 1]
    parts = [f"{len(m.communities)} node communit{'y' if len(m.communities) == 1 else 'ies'}"
             + ("" if len(groups) == len(m.communities) else
                f", {len(groups)} of them with more than one person") + "."]
    if m.brokers:
        b = len(m.brokers)
        s = f"{b} {'person has a tie' if b == 1 else 'people have ties'} into another community"
    else:
        s = "Nobody has a tie into another community"
    if m.single_points:
        k = len(m.single_points)
        s += (f"; {people_text(m.single_points)} {'is a single point' if k == 1 else 'are single points'} "
              f"of failure ({'whose departure' if k == 1 else 'each of whose departures'} alone would cut "
              "someone off).")
    else:
        s += "; nobody's absence alone would cut anyone off."
    parts.append(s)
    if m.isolates:
        k = len(m.isolates)
        parts.append(f"{k} {'person has' if k == 1 else 'people have'} no ties at all in these answers: "
                     f"{people_text(m.isolates)}.")
    return " ".join(parts)


def answers_in(G: nx.DiGraph, respondents: Sequence, k: int) -> nx.DiGraph:
    """The network as it stands when the first ``k`` answers are in.

    Parameters
    ----------
    G : networkx.DiGraph
        Ties from the person who answered to the person named.
    respondents : sequence
        The people who answered, in the order their answers arrive (e.g.
        :attr:`Room.respondents`).
    k : int
        How many answers are in (clipped to 1 .. ``len(respondents)``).

    Returns
    -------
    networkx.DiGraph
        The ties given by the first ``k`` respondents, among them and the people they named
        (everyone when all the answers are in). A map drawn from part of the answers shows
        only what those people said: a person nobody has named yet is not on it.

    Examples
    --------
    >>> G = nx.DiGraph([("Ana", "Bo"), ("Bo", "Cy"), ("Cy", "Di")])
    >>> H = answers_in(G, ["Ana", "Bo", "Cy"], 1)
    >>> sorted(H.edges()), sorted(H)
    ([('Ana', 'Bo')], ['Ana', 'Bo'])
    """
    k = max(1, min(int(k), len(respondents)))
    if k >= len(respondents):
        return G
    shown = set(respondents[:k])
    H = nx.DiGraph()
    H.add_nodes_from((v, G.nodes[v]) for v in G if v in shown or any(G.has_edge(s, v) for s in shown))
    H.add_edges_from((u, v, d) for u, v, d in G.edges(data=True) if u in shown)
    return H

