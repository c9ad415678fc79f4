"""The workshop models: the room's answers, the card game, introductions and departures.

Pure functions and dataclasses for the four facilitator workshops in ``workshops/`` (no
drawing: the figures are in :mod:`p2pkit.views.workshops`):

- reading what a facilitator types: :func:`parse_names` and :func:`parse_pairs`;
- the room's answers: :func:`load_room` (through :func:`p2pkit.survey.read_survey`) and
  :func:`room_map` with :func:`map_verdict` (*Map our network*);
- the card game: :func:`chart`, :func:`peer_round`, :func:`deal_cards`, :func:`pass_the_cards`
  and :func:`card_game_verdict` (*Who holds the power?*);
- weaving: :func:`suggest_introductions`, :func:`introductions` and :func:`weaving_verdict`
  (*Weaving the network*);
- departures: :func:`suggest_backup_ties`, :func:`departures` and :func:`departures_verdict`
  (*Remove the boss*).

Each ``*_verdict`` function says what a result shows in one or two sentences. Names are data:
nothing here formats HTML, and the views escape every name they show.
"""

from __future__ import annotations

import difflib
import random
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import networkx as nx
import numpy as np

from . import orgs
from .architecture import load_share, pairwise_connectivity
from .communities import detect, membership
from .errors import P2PKitError
from .resilience import knock_out, redundancy, redundancy_verdict, removal_order, rerouting, rerouting_verdict
from .team.diagnosis import diagnose, readings
from .team.intake import read_survey
from .team.privacy import pseudonym_map, pseudonymise
from .team.summary import ReadSummary
from .weaving import transition

__all__ = [
    "ALL_RELATIONS",
    "MAX_ROOM",
    "EXACT_UP_TO",
    "parse_names",
    "parse_pairs",
    "Room",
    "load_room",
    "RoomMap",
    "room_map",
    "map_verdict",
    "answers_in",
    "chart",
    "peer_round",
    "deal_cards",
    "CardRun",
    "CardState",
    "pass_the_cards",
    "route_centralization",
    "card_game_verdict",
    "Introduction",
    "most_routes",
    "suggest_introductions",
    "introductions",
    "weaving_verdict",
    "Departures",
    "suggest_backup_ties",
    "departures",
    "departures_verdict",
    "people_text",
]

#: The choice in the question menu that combines every question.
ALL_RELATIONS = "all questions"

#: The workshop figures are made for a room: above this many people they say so.
MAX_ROOM = 150

#: :func:`departures` computes node connectivity exactly up to this many people.
EXACT_UP_TO = 60

# --------------------------------------------------------------------------- typed names

_ENTRY_SPLIT = re.compile(r"[,;\n\r]+")
_PAIR_SPLIT = re.compile(r"\s*(?:--?|\u2013|\u2014|\+|&|/|<->|\bwith\b|\band\b)\s*", re.IGNORECASE)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)


def _key(name: object) -> str:
    return " ".join(str(name).translate(_INVISIBLE).split()).casefold()


def _index(people: Iterable) -> dict:
    """casefolded name -> person (the first spelling wins if two differ only in case)."""
    out: dict = {}
    for v in people:
        out.setdefault(_key(v), v)
    return out


def _unknown(text: str, index: dict) -> str:
    close = difflib.get_close_matches(_key(text), list(index), n=1, cutoff=0.6)
    hint = f" (did you mean {index[close[0]]!r}?)" if close else ""
    shown = " ".join(str(text).translate(_INVISIBLE).split())
    return f"{shown!r} is not in the network{hint}"


def parse_names(text: str, people: Iterable) -> tuple[list, list[str]]:
    """Read a typed list of people ("Ana, Bo; Chidi") against the people in a network.

    Parameters
    ----------
    text : str
        Names separated by commas, semicolons or new lines. Case and extra spaces do not
        matter ("  ana " finds "Ana").
    people : iterable
        The people of the network (its nodes).

    Returns
    -------
    (list, list of str)
        The people found, in the order typed and each once, and one message per entry that
        could not be used (an unknown name, with the closest known name as a suggestion).

    Examples
    --------
    >>> parse_names("ana, Bo;  Cy", ["Ana", "Bo"])
    (['Ana', 'Bo'], ["'Cy' is not in the network"])
    """
    index = _index(people)
    found, problems = [], []
    for entry in _ENTRY_SPLIT.split(text or ""):
        if not entry.strip():
            continue
        v = index.get(_key(entry))
        if v is None:
            problems.append(_unknown(entry, index))
        elif v not in found:
            found.append(v)
    return found, problems


def parse_pairs(text: str, people: Iterable) -> tuple[list[tuple], list[str]]:
    """Read typed introductions or ties ("Ana-Bo, Chidi + Dana") against a network's people.

    Entries are separated by commas, semicolons or new lines. In each entry the two names are
    separated by ``-``, ``--``, an en or em dash, ``+``, ``&``, ``/``, ``<->``, "and" or "with".
    A name may itself contain a separator ("Anne-Marie-Bo" is read as Anne-Marie and Bo when
    both are in the network): every split is tried and the one whose two sides are both
    people is used.

    Parameters
    ----------
    text : str
    people : iterable
        The people of the network.

    Returns
    -------
    (list of tuple, list of str)
        The pairs found, in the order typed and each once, and one message per entry that
        could not be used (unknown names, a person paired with themselves, an entry that can
        be read in two ways).

    Examples
    --------
    >>> parse_pairs("Ana-Bo, bo + Cy, Ana-Ana", ["Ana", "Bo", "Cy"])
    ([('Ana', 'Bo'), ('Bo', 'Cy')], ["'Ana-Ana' pairs a person with themselves"])
    >>> parse_pairs("Anne-Marie-Bo", ["Anne-Marie", "Bo"])[0]
    [('Anne-Marie', 'Bo')]
    """
    index = _index(people)
    pairs: list[tuple] = []
    seen: set = set()
    problems: list[str] = []
    for entry in _ENTRY_SPLIT.split(text or ""):
        entry = entry.strip()
        if not entry:
            continue
        splits = [(entry[: m.start()], entry[m.end():]) for m in _PAIR_SPLIT.finditer(entry)
                  if m.start() > 0 and m.end() < len(entry)]
        readings_ = {(index[_key(a)], index[_key(b)]) for a, b in splits
                     if _key(a) in index and _key(b) in index}
        if not splits:
            problems.append(f"{entry!r} needs two names joined by a dash, e.g. Ana-Bo")
            continue
        if not readings_:
            a, b = splits[0]
            bad = [_unknown(x, index) for x in (a, b) if _key(x) not in index] or [
                f"{entry!r} could not be read as two people"]
            problems.append("; ".join(bad))
            continue
        if len(readings_) > 1:
            problems.append(f"{entry!r} can be read in more than one way; separate the names with ' + '")
            continue
        a, b = next(iter(readings_))
        if a == b:
            problems.append(f"{entry!r} pairs a person with themselves")
            continue
        key = frozenset((a, b))
        if key not in seen:
            seen.add(key)
            pairs.append((a, b))
    return pairs, problems


# --------------------------------------------------------------------------- the room's answers


@dataclass
class Room:
    """A room's survey answers as read by :func:`load_room`.

    ``graph`` is the directed network (a tie from the person who answered to the person
    named), with codes instead of names when ``pseudonymised``; ``summary`` is the survey
    kit's :class:`~p2pkit.survey.ReadSummary`; ``show`` turns a name as written in the file
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
        from .team.cells import RELATIONS

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
        :func:`p2pkit.survey.read_survey`), or an uploaded file as ``(file name, content)``,
        which is written to a private temporary folder, read, and deleted at once.
    relation : str, optional
        One question only (``"advice"``, ``"information"``, ``"decisions"``...); ``None`` or
        :data:`ALL_RELATIONS` combines them all.
    pseudonymise_names : bool, default False
        Replace every name by a stable code (P01, P02, ...; :func:`p2pkit.survey.pseudonymise`).
    key : str, default ""
        Secret for the order of the codes (see :func:`p2pkit.survey.pseudonym_map`).

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
        Seeds the community detection (Louvain), as in :func:`p2pkit.report.diagnose`.

    Returns
    -------
    RoomMap
        ``communities`` (largest first) and ``modularity`` from the diagnostic;
        ``brokers``: people with a tie into another community, most routes first;
        ``single_points``: people whose departure alone would cut someone off;
        ``isolates``: people with no ties at all; ``unnamed``: people who named others but
        whom nobody named; ``silent``: people named by others who named nobody (perhaps
        they did not answer); ``reading``: the diagnostic's plain-language readings
        (:func:`p2pkit.report.readings`).

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


def people_text(names: Sequence, limit: int = 6) -> str:
    names = [str(v) for v in names]
    if len(names) > limit:
        return ", ".join(names[:limit]) + f" and {len(names) - limit} more"
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


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


# --------------------------------------------------------------------------- the card game


def chart(n: int, span: int = 3) -> nx.Graph:
    """The organisation chart of the card game: ``n`` people, each manager with ``span`` reports.

    Person 0 is the top; people are numbered level by level (a complete ``span``-ary tree,
    the last level filled from the left). Node attribute ``level`` is 0 at the top.

    References
    ----------
    Krackhardt, D. (1994). Graph theoretical dimensions of informal organizations. In
    K. Carley & M. Prietula (eds.), *Computational Organization Theory*, 89-111 (the formal
    chart as a tree).

    Examples
    --------
    >>> G = chart(13, 3)
    >>> G.number_of_edges(), max(d for _, d in G.nodes(data="level"))
    (12, 2)
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 3:
        raise P2PKitError(f"the game needs at least 3 people; got {n!r}.")
    if isinstance(span, bool) or not isinstance(span, int) or span < 1:
        raise P2PKitError(f"the span of control must be a whole number of at least 1; got {span!r}.")
    G = nx.full_rary_tree(span, n)
    depth = nx.single_source_shortest_path_length(G, 0)
    nx.set_node_attributes(G, depth, "level")
    return G


def peer_round(n: int, reach: int, seed: int = 0) -> nx.Graph:
    """Who may pass to whom in the peer-to-peer round.

    ``reach >= n - 1``: anyone to anyone (a complete network, the room's default rule).
    Otherwise everyone can pass to about ``reach`` people (an even number, at least 2): a
    small-world ring (:func:`p2pkit.orgs.peer_mesh`, 10% of ties rewired), as when people may
    only pass to those within arm's reach plus a few they know.

    References
    ----------
    Watts, D. J., & Strogatz, S. H. (1998). Collective dynamics of 'small-world' networks.
    *Nature* 393, 440-442.

    Examples
    --------
    >>> peer_round(6, 10).number_of_edges(), peer_round(12, 4).number_of_edges()
    (15, 24)
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 3:
        raise P2PKitError(f"the game needs at least 3 people; got {n!r}.")
    if reach >= n - 1:
        return nx.complete_graph(n)
    k = max(2, int(reach) - int(reach) % 2)
    return orgs.peer_mesh(n, k=k, rewire=0.1, seed=seed)


def deal_cards(people: Sequence, seed: int = 0) -> dict:
    """Deal one card to each person, naming someone else (a random derangement).

    In the room: everyone writes their own name on a card, the cards are shuffled and dealt,
    and anyone who draws their own name swaps with a neighbour. Same ``seed``, same deal.

    Returns
    -------
    dict
        Holder -> the person named on their card (never the holder).

    Examples
    --------
    >>> cards = deal_cards(range(5), seed=1)
    >>> sorted(cards) == sorted(cards.values()) == [0, 1, 2, 3, 4]
    True
    >>> any(h == a for h, a in cards.items())
    False
    """
    people = list(people)
    if len(people) < 2:
        raise P2PKitError("dealing cards needs at least 2 people.")
    rng = random.Random(seed)
    while True:
        names = people[:]
        rng.shuffle(names)
        if all(a != b for a, b in zip(people, names)):
            return dict(zip(people, names))


@dataclass(frozen=True)
class CardState:
    """Where the card game stands after some rounds of passing (see :meth:`CardRun.at`)."""

    rounds: int
    passes: dict
    held: dict
    delivered: int

    @property
    def waiting(self) -> int:
        """Cards not yet delivered."""
        return int(sum(self.held.values()))


@dataclass(frozen=True)
class CardRun:
    """One round of the card game (see :func:`pass_the_cards`)."""

    ticks: int
    passes: dict
    delivered: dict
    hops: dict
    most_held: int
    moves: tuple = ()

    def at(self, rounds: int) -> CardState:
        """The game after ``rounds`` rounds of passing (0: as dealt; clipped to the last round).

        ``passes``: cards each person has passed on so far (the tally); ``held``: cards in each
        hand, still on their way; ``delivered``: cards that have reached the person named.

        Examples
        --------
        >>> run = pass_the_cards(nx.path_graph(3), {0: 2, 2: 0})
        >>> s = run.at(1)
        >>> s.passes, s.held, s.delivered
        ({0: 1, 1: 0, 2: 1}, {0: 0, 1: 2, 2: 0}, 0)
        >>> run.at(99).delivered, run.at(99).passes == run.passes
        (2, True)
        """
        t = max(0, min(int(rounds), self.ticks))
        passes = dict.fromkeys(self.passes, 0)
        where = {h: h for h in self.delivered}
        for tick, giver, receiver, card in self.moves:
            if tick > t:
                break
            passes[giver] += 1
            where[card] = receiver
        held = dict.fromkeys(self.passes, 0)
        done = 0
        for card, r in self.delivered.items():
            if r <= t:
                done += 1
            else:
                held[where[card]] += 1
        return CardState(t, passes, held, done)

    @property
    def hand_offs(self) -> int:
        """All hand-offs made in the round."""
        return int(sum(self.passes.values()))

    @property
    def busiest(self):
        """The person who passed on most cards (the first in the network's order on a tie)."""
        return max(self.passes, key=lambda v: self.passes[v]) if self.passes else None


def pass_the_cards(G: nx.Graph, cards: dict) -> CardRun:
    """Play the card game on a network: every card must reach the person named on it.

    The rules are the room's: a card may be passed only along a tie; everyone passes at
    most **one card per round** (one hand); cards wait in the hand that holds them, first
    come first passed (ties by the holder's order in ``cards``). Each card follows a shortest
    route (:func:`networkx.shortest_path`). In round 1 everyone passes the card they were
    dealt; a card that reaches the person named on it is delivered.

    Parameters
    ----------
    G : networkx.Graph
        Who may pass to whom (ties are used both ways).
    cards : dict
        Holder -> addressee (e.g. from :func:`deal_cards`).

    Returns
    -------
    CardRun
        ``ticks``: rounds of passing until the last card arrived; ``passes``: cards each
        person passed on (the tally the room keeps); ``delivered``: round in which each
        holder's card arrived; ``hops``: route length of each card; ``most_held``: the most
        cards waiting in one hand at the start of a round; ``moves``: every hand-off as
        ``(round, giver, receiver, card)``, the card named by who was dealt it (see
        :meth:`CardRun.at`).

    Raises
    ------
    P2PKitError
        If someone in ``cards`` is not in the network, or a card cannot reach its addressee.

    Notes
    -----
    Two bounds hold for any network and deal: the game takes at least as many rounds as
    the longest route, and at least as many as the most cards one person must pass on
    (each passes one per round). On a star whose centre holds no card and whose cards all
    run between leaves, every card waits its turn at the centre: ``1 + (n - 1)`` rounds.
    The model counts hand-offs and waiting only; finding people, walking and mistakes --
    most of the time in a real room -- are left out.

    References
    ----------
    Bavelas, A. (1950). Communication patterns in task-oriented groups. *Journal of the
    Acoustical Society of America* 22(6), 725-730 (the classic experiments in which groups
    solved tasks by passing notes along fixed channels).
    Leavitt, H. J. (1951). Some effects of certain communication patterns on group
    performance. *Journal of Abnormal and Social Psychology* 46(1), 38-50.

    Examples
    --------
    >>> run = pass_the_cards(nx.path_graph(4), {0: 3})
    >>> run.ticks, run.passes, run.hops
    (3, {0: 1, 1: 1, 2: 1, 3: 0}, {0: 3})
    >>> pass_the_cards(nx.star_graph(4), {1: 2, 2: 3, 3: 4, 4: 1}).ticks
    5
    """
    for h, a in cards.items():
        for x in (h, a):
            if x not in G:
                raise P2PKitError(f"{x!r} holds or is named on a card but is not in the network.")
    routes = {}
    for h, a in cards.items():
        try:
            routes[h] = nx.shortest_path(G, h, a)
        except nx.NetworkXNoPath:
            raise P2PKitError(f"the card from {h!r} cannot reach {a!r}: nobody links them. "
                              "Add a tie or choose another rule.") from None
    order = {h: i for i, h in enumerate(cards)}
    step = {h: 0 for h in cards}  # index of the card's current holder on its route
    hands: dict = {v: [] for v in G}
    delivered = {}
    for h in cards:
        if len(routes[h]) == 1:
            delivered[h] = 0
        else:
            hands[h].append((0, order[h], h))
    passes = dict.fromkeys(G, 0)
    log: list = []
    tick = 0
    most = max((len(q) for q in hands.values()), default=0)
    while len(delivered) < len(cards):
        tick += 1
        moves = []
        for v, q in hands.items():
            if q:
                q.sort()
                moves.append((v, q.pop(0)))
        for v, (_, _, h) in moves:
            passes[v] += 1
            step[h] += 1
            nxt = routes[h][step[h]]
            log.append((tick, v, nxt, h))
            if step[h] == len(routes[h]) - 1:
                delivered[h] = tick
            else:
                hands[nxt].append((tick, order[h], h))
        most = max(most, max((len(q) for q in hands.values()), default=0))
    return CardRun(tick, passes, delivered, {h: len(r) - 1 for h, r in routes.items()}, most, tuple(log))


def route_centralization(G: nx.Graph) -> float:
    """Freeman's betweenness centralization of ``G``, 0 to 1, fast on large networks.

    ``sum_i (c_max - c_i) / (n - 1)`` over the normalised betweenness ``c`` of
    :func:`p2pkit.measures.betweenness` (igraph): 1 for a star, 0 when everyone carries the
    same share of the routes. The same number as
    :func:`p2pkit.equipotency.centralization` ``(G, "betweenness")``, which uses networkx
    and is too slow for a game of a hundred people played live.

    References
    ----------
    Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
    *Social Networks* 1(3), 215-239.

    Examples
    --------
    >>> route_centralization(nx.star_graph(5)), route_centralization(nx.cycle_graph(6))
    (1.0, 0.0)
    """
    from .measures import betweenness

    n = G.number_of_nodes()
    if n < 3:
        return 0.0
    c = betweenness(G)
    top = max(c.values())
    return float(round(sum(top - x for x in c.values()) / (n - 1), 12))


def card_game_verdict(chart_run: CardRun, peer_run: CardRun, seconds: float,
                      room: tuple[float | None, float | None] = (None, None)) -> str:
    """What the two rounds show, in plain sentences, computed from the runs (and the room's times).

    Parameters
    ----------
    chart_run, peer_run : CardRun
        The chart round and the peer-to-peer round (:func:`pass_the_cards`).
    seconds : float
        Seconds one hand-off takes, to turn rounds into time.
    room : (float or None, float or None)
        The room's timed rounds in seconds (chart, peer-to-peer), if timed.

    Examples
    --------
    >>> a = pass_the_cards(nx.star_graph(4), {1: 2, 2: 3, 3: 4, 4: 1})
    >>> b = pass_the_cards(nx.complete_graph(5), {1: 2, 2: 3, 3: 4, 4: 1})
    >>> card_game_verdict(a, b, 3.0)  # doctest: +NORMALIZE_WHITESPACE
    'Through the chart the cards need 5 rounds of passing (about 15 s); peer-to-peer, 1 round
    (about 3 s). In the chart round one person passes on 4 of the 8 cards handed on (50%).'
    >>> card_game_verdict(a, b, 3.0, room=(60, 30)).split(". ")[-1]
    'Your room took 60 s and 30 s: the chart round was 2.0 times as long, where the model says 5.0 -- the rest is what the model leaves out: finding people, walking, checking names.'
    """
    if seconds <= 0:
        raise P2PKitError("seconds per hand-off must be positive.")

    def rounds(r: CardRun) -> str:
        return f"{r.ticks} round{'s' if r.ticks != 1 else ''}"

    text = (f"Through the chart the cards need {rounds(chart_run)} of passing (about "
            f"{chart_run.ticks * seconds:.0f} s); peer-to-peer, {rounds(peer_run)} "
            f"(about {peer_run.ticks * seconds:.0f} s).")
    b = chart_run.busiest
    if b is not None and chart_run.hand_offs:
        share = chart_run.passes[b] / chart_run.hand_offs
        text += (f" In the chart round one person passes on {chart_run.passes[b]} of the "
                 f"{chart_run.hand_offs} cards handed on ({share:.0%}).")
    a, p = room
    if a and p and a > 0 and p > 0:
        model = chart_run.ticks / peer_run.ticks if peer_run.ticks else float("inf")
        text += (f" Your room took {a:.0f} s and {p:.0f} s: the chart round was {a / p:.1f} times as long, "
                 f"where the model says {model:.1f}")
        text += (" -- the rest is what the model leaves out: finding people, walking, checking names."
                 if a / p < model else ".")
    return text


# --------------------------------------------------------------------------- weaving


def most_routes(G: nx.Graph, k: int = 1) -> list:
    """The ``k`` people on the largest share of the routes between others, most first.

    The share is :func:`p2pkit.architecture.load_share` (betweenness as a share of all
    routes); on equal shares the person who comes first in ``list(G)`` comes first.

    Examples
    --------
    >>> most_routes(nx.path_graph(5), 2)
    [2, 1]
    """
    U = nx.Graph(G)
    load = load_share(U)
    order = {v: i for i, v in enumerate(U)}
    return sorted(U, key=lambda v: (-load[v], order[v]))[: max(0, int(k))]


def suggest_introductions(G: nx.Graph, weaver, communities: Sequence[set] | None = None,
                          limit: int = 6) -> list[tuple]:
    """Introductions a weaver could make, best first.

    A network weaver (Krebs & Holley 2006) first brings scattered people in, then introduces
    the people she knows to each other so that she is no longer the one everything passes
    through. The suggestions follow that order:

    1. **Newcomers**: everyone with no route to the weaver (people with no ties, or a separate
       part of the network) meets the weaver herself, smallest parts first.
    2. **Bridges**: two of the weaver's contacts in different communities who are not tied.
    3. **Triangles**: two of her contacts in the same community who are not tied (she
       closes a triangle through herself).

    Within 2 and 3, pairs whose two people have the fewest ties come first (the periphery is
    brought in, and load moves away from the hubs), then the order of ``list(G)``. Each person
    is introduced at most once while other pairs remain, so that the introductions spread.

    Parameters
    ----------
    G : networkx.Graph
        The network (read as undirected).
    weaver : node
        Who makes the introductions.
    communities : sequence of set, optional
        A division of the people; default: the Louvain communities of ``G``
        (:func:`p2pkit.communities.detect`, seed 0).
    limit : int, default 6
        At most this many suggestions.

    Returns
    -------
    list of tuple
        Pairs ``(a, b)`` to introduce, in order (for :func:`introductions`).

    References
    ----------
    Krebs, V., & Holley, J. (2006). Building smart communities through network weaving.
    Appalachian Center for Economic Networks.
    Burt, R. S. (1992). *Structural Holes*. Harvard University Press (contacts in different
    groups who are not tied).

    Examples
    --------
    >>> G = nx.Graph([(0, 1), (0, 2), (0, 3), (2, 3)])
    >>> G.add_node(4)
    >>> suggest_introductions(G, 0, [{0, 1}, {2, 3}, {4}])
    [(0, 4), (1, 2), (1, 3)]
    """
    U = nx.Graph(G)
    U.remove_edges_from(nx.selfloop_edges(U))
    if weaver not in U:
        raise P2PKitError(f"the weaver {weaver!r} is not in the network.")
    comms = [set(c) for c in (communities if communities is not None else detect(U, seed=0))]
    group = membership(comms)
    order = {v: i for i, v in enumerate(U)}
    home = nx.node_connected_component(U, weaver)
    parts = sorted((c for c in nx.connected_components(U) if weaver not in c),
                   key=lambda c: (len(c), min(order[v] for v in c)))
    out: list[tuple] = [(weaver, min(c, key=order.__getitem__)) for c in parts]
    contacts = sorted((v for v in U[weaver] if v in home), key=order.__getitem__)
    pairs = [(a, b) for i, a in enumerate(contacts) for b in contacts[i + 1:] if not U.has_edge(a, b)]

    def rank(pair):
        a, b = pair
        same = group.get(a, -1) == group.get(b, -1)
        return (same, U.degree(a) + U.degree(b), order[a], order[b])

    pairs.sort(key=rank)
    used: set = set()
    rest = []
    for a, b in pairs:
        if a in used or b in used:
            rest.append((a, b))
            continue
        out.append((a, b))
        used |= {a, b}
    out += rest
    return out[: max(0, int(limit))]



@dataclass(frozen=True)
class Introduction:
    """One proposed introduction and what kind it is (see :func:`introductions`)."""

    pair: tuple
    kind: str
    via: tuple = ()

    def describe(self, community: dict | None = None) -> str:
        a, b = self.pair
        if self.kind == "already tied":
            return f"{a} and {b} are already tied"
        if self.kind == "close":
            return f"{a} and {b}: closes a triangle (both know {people_text(self.via, 3)})"
        if self.kind == "bridge":
            if community and a in community and b in community and community[a] != community[b]:
                return f"{a} and {b}: bridges community {community[a] + 1} and community {community[b] + 1}"
            return f"{a} and {b}: bridges two parts of the network"
        return f"{a} and {b}: a new contact (no colleague in common)"


def introductions(G: nx.Graph, pairs: Sequence[tuple], communities: Sequence[set] | None = None
                  ) -> tuple[nx.Graph, list[Introduction]]:
    """Make introductions one at a time and say what kind each one is.

    Each introduction is classified on the network as it is just before it is made, with
    :func:`p2pkit.weaving.transition`: a **bridge** if the two are in different communities
    (``communities``, e.g. the room's node communities) or in parts of the network with no
    route between them; else it **closes** a triangle if they share a colleague (triadic
    closure; Granovetter 1973); else it is a **spoke**, a new contact. A pair that is already
    tied is reported and changes nothing.

    Parameters
    ----------
    G : networkx.Graph
        The network before the introductions (not changed).
    pairs : sequence of tuple
        The introductions, in the order they are made (e.g. from :func:`parse_pairs`).
    communities : sequence of set, optional
        A division of the people; default: the Louvain communities of ``G``
        (:func:`p2pkit.communities.detect`, seed 0).

    Returns
    -------
    (networkx.Graph, list of Introduction)
        The network after all the introductions, and each introduction's kind and, for a
        closed triangle, the colleagues the two share.

    References
    ----------
    Granovetter, M. S. (1973). The strength of weak ties. *American Journal of Sociology*
    78(6), 1360-1380.
    Krebs, V., & Holley, J. (2006). Building smart communities through network weaving.
    Appalachian Center for Economic Networks.

    Examples
    --------
    >>> G = nx.Graph([(0, 1), (1, 2), (3, 4)])
    >>> H, intros = introductions(G, [(0, 2), (2, 3), (0, 1)], [{0, 1, 2}, {3, 4}])
    >>> [i.kind for i in intros], H.number_of_edges()
    (['close', 'bridge', 'already tied'], 5)
    """
    U = nx.Graph(G)
    comms = [set(c) for c in (communities if communities is not None else detect(U, seed=0))]
    group = membership(comms)
    for v in U:
        if v not in group:
            raise P2PKitError(f"{v!r} is in no community; give a division that covers everyone.")
    nx.set_node_attributes(U, group, "group")
    out: list[Introduction] = []
    for a, b in pairs:
        for x in (a, b):
            if x not in U:
                raise P2PKitError(f"{x!r} is not in the network.")
        if a == b:
            raise P2PKitError(f"{a!r} cannot be introduced to themselves.")
        if U.has_edge(a, b):
            out.append(Introduction((a, b), "already tied"))
            continue
        H = U.copy()
        H.add_edge(a, b)
        kinds = transition(U, H)
        kind = next(k for k, ties in kinds.items() if ties)
        via = tuple(sorted(nx.common_neighbors(U, a, b), key=list(U).index)) if kind == "close" else ()
        out.append(Introduction((a, b), kind, via))
        U = H
    return U, out


def weaving_verdict(before, after, intros: Sequence[Introduction]) -> str:
    """What the introductions did, in plain sentences, computed from two weaving profiles.

    ``before`` and ``after`` are :class:`p2pkit.weaving.PhaseProfile` objects
    (:func:`p2pkit.weaving.phase_profile`) of the network before and after ``intros``.

    Examples
    --------
    >>> from p2pkit.weaving import phase_profile
    >>> G = nx.Graph([(0, 1), (1, 2), (3, 4), (4, 5)])
    >>> H, intros = introductions(G, [(2, 3), (0, 2)], [{0, 1, 2}, {3, 4, 5}])
    >>> weaving_verdict(phase_profile(G, 1), phase_profile(H, 1), intros)  # doctest: +NORMALIZE_WHITESPACE
    '2 introductions: 1 bridge and 1 closed triangle. Pairs who can reach each other: 40% -> 100%.
    Triangles: 0 -> 1. Single points of failure: 2 -> 3.'
    """
    made = [i for i in intros if i.kind != "already tied"]
    if not intros:
        return "No introductions made yet: this is the network as it was."
    if not made:
        return "These pairs are already tied: the network is unchanged."
    counts = {k: sum(1 for i in made if i.kind == k) for k in ("bridge", "close", "spoke")}
    words = {"bridge": ("bridge", "bridges"), "close": ("closed triangle", "closed triangles"),
             "spoke": ("new contact", "new contacts")}
    kinds = [f"{c} {words[k][c != 1]}" for k, c in counts.items() if c]
    kind_text = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " and " + kinds[-1]
    n = len(made)
    text = f"{n} introduction{'s' if n != 1 else ''}: {kind_text}."
    if after.pairs_in_touch > before.pairs_in_touch + 1e-9:
        text += f" Pairs who can reach each other: {before.pairs_in_touch:.0%} -> {after.pairs_in_touch:.0%}."
    text += f" Triangles: {before.triangles} -> {after.triangles}."
    if after.single_points != before.single_points:
        text += f" Single points of failure: {before.single_points} -> {after.single_points}."
    if after.most_central_load < before.most_central_load - 0.005:
        text += (f" The busiest person's share of routes: {before.most_central_load:.0%} -> "
                 f"{after.most_central_load:.0%}.")
    return text


# --------------------------------------------------------------------------- departures


@dataclass(frozen=True)
class Departures:
    """Who leaves and what still holds (see :func:`departures`)."""

    network: nx.Graph
    gone: tuple
    added: tuple
    left_out: tuple
    pairs_before: float
    pairs_after: float
    cut_off: tuple
    groups: int
    group_sizes: tuple
    single_points_before: tuple
    single_points_now: tuple
    single_points_without_backup: tuple
    pairs_after_without_backup: float
    connectivity_now: int
    redundancy_text: str
    rerouting_text: str
    extra_hops: float
    ignored: tuple = ()
    next_leaving: tuple = ()
    connectivity_exact: bool = True


def departures(G: nx.Graph, named: Sequence = (), leaving: int = 0, strategy: str = "betweenness",
               backup: Sequence[tuple] = (), seed: int = 0, exact: bool | None = None) -> Departures:
    """People leave a network, possibly after backup ties were added: what still holds?

    Parameters
    ----------
    G : networkx.Graph
        The network (e.g. the room's). People with no ties at all are left out of the
        analysis (nobody can be cut off from them; they already are) and listed.
    named : sequence
        People who leave, by name (for example "the boss").
    leaving : int, default 0
        How many more leave after them, chosen by ``strategy`` among those still there.
    strategy : {"betweenness", "degree", "random"}
        Who leaves first (:func:`p2pkit.resilience.removal_order`, re-ranked after each
        departure): the people on most routes, the best-connected, or people at random.
    backup : sequence of tuple
        Ties added before anyone leaves (the redundancy the room designs).
    seed : int, default 0
        For ``"random"``.
    exact : bool, optional
        Compute how many must leave at once to cut anyone off exactly (the slow flow
        computation of :func:`p2pkit.resilience.redundancy`); by default only for up to
        :data:`EXACT_UP_TO` people, so that a room of 150 stays quick to explore. When it
        is not exact, ``connectivity_now`` is the lower bound 2 and ``connectivity_exact``
        is False.

    Returns
    -------
    Departures
        ``pairs_before`` / ``pairs_after``: share of pairs (of the people still there) who can
        reach each other, before and after the departures (pairwise connectivity, Borgatti
        2006); ``cut_off``: people left outside the largest connected group; ``groups``;
        single points of failure before and now, and without the backup ties
        (articulation points); ``pairs_after_without_backup``: the share had the backup ties
        not been added; ``connectivity_now`` (node connectivity, Menger 1927);
        ``extra_hops``: how much longer routes became; the chapter-6 verdicts; and
        ``ignored``: people named to leave who have no ties (they are already left out);
        ``next_leaving``: who the rule would take next (empty if nobody is left to take).

    References
    ----------
    Borgatti, S. P. (2006). Identifying sets of key players in a social network.
    *Computational and Mathematical Organization Theory* 12, 21-34.
    Albert, R., Jeong, H., & Barabasi, A.-L. (2000). Error and attack tolerance of complex
    networks. *Nature* 406, 378-382.

    Examples
    --------
    >>> G = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 4)])
    >>> d = departures(G, named=[0])
    >>> d.pairs_before, round(d.pairs_after, 3), d.single_points_before
    (1.0, 0.167, (0, 1))
    >>> departures(G, named=[0], backup=[(2, 3), (3, 4)]).pairs_after
    1.0
    """
    U = nx.Graph(G)
    for a, b in backup:
        for x in (a, b):
            if x not in U:
                raise P2PKitError(f"{x!r} is not in the network.")
    left_out = tuple(v for v in U if U.degree(v) == 0 and not any(v in p for p in backup))
    base = nx.Graph(U)
    base.remove_nodes_from(left_out)
    H = nx.Graph(base)
    added = tuple((a, b) for a, b in backup if a != b and not H.has_edge(a, b))
    H.add_edges_from(added)
    if H.number_of_nodes() < 3:
        raise P2PKitError("fewer than 3 people with ties: there is nothing to take apart.")
    named = list(named)
    for v in named:
        if v not in U:
            raise P2PKitError(f"{v!r} is not in the network.")
    ignored = tuple(v for v in named if v not in H)
    named = [v for v in named if v in H]
    if isinstance(leaving, bool) or not isinstance(leaving, (int, np.integer)) or leaving < 0:
        raise P2PKitError("the number of people leaving must be 0 or more.")
    rest = nx.Graph(H)
    rest.remove_nodes_from(named)
    if len(named) + int(leaving) > H.number_of_nodes() - 2:
        raise P2PKitError(f"only {H.number_of_nodes()} people: at most {H.number_of_nodes() - 2} can leave "
                          "(so that a pair is left).")
    ranked = removal_order(rest, strategy, count=min(int(leaving) + 1, rest.number_of_nodes()),
                           recompute=True, seed=seed)
    more, after = ranked[: int(leaving)], ranked[int(leaving):]
    gone = tuple(named + list(more))
    ko = knock_out(H, gone)
    now = nx.Graph(H)
    now.remove_nodes_from(gone)
    order = {v: i for i, v in enumerate(H)}
    comps = sorted(nx.connected_components(now), key=lambda c: (-len(c), min(order[v] for v in c)))
    cut = tuple(sorted((v for c in comps[1:] for v in c), key=order.__getitem__))
    exact = now.number_of_nodes() <= EXACT_UP_TO if exact is None else bool(exact)
    red_now = redundancy(now, exact=exact) if now.number_of_nodes() >= 2 else None
    sp_wb = tuple(sorted(nx.articulation_points(base), key=order.__getitem__))
    pc_wb = knock_out(base, [v for v in gone if v in base]).pairwise
    rr = rerouting(H, gone)
    return Departures(
        network=H,
        gone=gone,
        added=added,
        left_out=left_out,
        pairs_before=pairwise_connectivity(H),
        pairs_after=ko.pairwise,
        cut_off=cut,
        groups=ko.groups,
        group_sizes=tuple(len(c) for c in comps),
        single_points_before=tuple(sorted(nx.articulation_points(H), key=order.__getitem__)),
        single_points_now=ko.single_points,
        single_points_without_backup=sp_wb,
        pairs_after_without_backup=pc_wb,
        connectivity_now=red_now.node_connectivity if red_now else 0,
        connectivity_exact=red_now.exact if red_now else True,
        redundancy_text=redundancy_verdict(red_now) if red_now and red_now.node_connectivity > 0 else "",
        rerouting_text=rerouting_verdict(rr) if gone else "",
        extra_hops=float(rr.extra_hops) if gone and rr.still_connected else 0.0,
        ignored=ignored,
        next_leaving=tuple(after),
    )


def suggest_backup_ties(G: nx.Graph, limit: int = 3) -> list[tuple]:
    """Backup ties that take away single points of failure, best first.

    Greedy: while someone's departure alone would cut others off (an articulation point),
    take the person whose departure would cut off the most people (the first in ``list(G)``
    on equal counts), and tie the largest group they would cut off to the rest, around
    them. Each end of the new tie is chosen in that part by, in this order: someone not yet
    given a backup tie (so that the backup does not make a new hub), not a single point of
    failure, a colleague of theirs, the best-connected, the first in ``list(G)``. Repeat on
    the network with the new tie. People with no ties are left out, as in
    :func:`departures`.

    Parameters
    ----------
    G : networkx.Graph
        The network (read as undirected).
    limit : int, default 3
        At most this many ties.

    Returns
    -------
    list of tuple
        The ties, in the order they were chosen (for ``departures(..., backup=...)``).

    References
    ----------
    Hopcroft, J., & Tarjan, R. (1973). Efficient algorithms for graph manipulation.
    *Communications of the ACM* 16(6), 372-378 (articulation points).
    Borgatti, S. P. (2006). Identifying sets of key players in a social network.
    *Computational and Mathematical Organization Theory* 12, 21-34.

    Examples
    --------
    >>> suggest_backup_ties(nx.star_graph(3), 2)
    [(2, 1), (3, 1)]
    >>> suggest_backup_ties(nx.cycle_graph(5))
    []
    """
    H = nx.Graph(G)
    H.remove_edges_from(nx.selfloop_edges(H))
    H.remove_nodes_from([v for v in list(H) if H.degree(v) == 0])
    order = {v: i for i, v in enumerate(H)}
    out: list[tuple] = []
    while len(out) < max(0, int(limit)):
        points = sorted(nx.articulation_points(H), key=order.__getitem__)
        if not points:
            break
        best, pieces = None, None
        for v in points:
            rest = nx.Graph(H)
            rest.remove_node(v)
            comps = sorted(nx.connected_components(rest), key=lambda c: (-len(c), min(order[x] for x in c)))
            if best is None or len(H) - 1 - len(comps[0]) > len(H) - 1 - len(pieces[0]):
                best, pieces = v, comps
        main, cut = pieces[0], pieces[1]
        points = set(points)
        used = {x for e in out for x in e}

        def pick(group):
            def rank(x):
                near = H.has_edge(best, x)
                return (x in used, x in points, not near, -H.degree(x), order[x])

            return min(group, key=rank)

        tie = (pick(cut), pick(main))
        H.add_edge(*tie)
        out.append(tie)
    return out


def departures_verdict(d: Departures) -> str:
    """What the departures (and the backup ties) did, in plain sentences, computed from ``d``.

    Examples
    --------
    >>> G = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 4)])
    >>> departures_verdict(departures(G, named=[0]))  # doctest: +NORMALIZE_WHITESPACE
    'With 0 gone, the people left fall into 3 groups that cannot reach each other (2, 1 and 1
    people), and only 17% of the pairs of those left can still reach each other (100% before).'
    >>> departures_verdict(departures(G, named=[0], backup=[(2, 3), (3, 4)]))  # doctest: +NORMALIZE_WHITESPACE
    'With 0 gone, everyone left can still reach everyone else. Routes are 0.17 hand-offs
    longer on average. Without the 2 backup ties only 17% of the pairs left could reach each
    other. Before anyone leaves, the backup ties take the single points of failure from 2 to 0.'
    """
    if not d.gone:
        text = "Nobody has left yet."
        if d.ignored:
            text = (f"{people_text(d.ignored, 4)} {'has' if len(d.ignored) == 1 else 'have'} no ties in these "
                    "answers: nobody is cut off by that departure.")
    else:
        who = people_text(d.gone, 4)
        if d.cut_off:
            reach = ("no pair of those left can still reach each other" if d.pairs_after == 0 else
                     f"only {d.pairs_after:.0%} of the pairs of those left can still reach each other")
            sizes = people_text([str(x) for x in d.group_sizes], 6)
            text = (f"With {who} gone, the people left fall into {d.groups} groups that cannot reach each other "
                    f"({sizes} people), and {reach} ({d.pairs_before:.0%} before).")
        else:
            text = f"With {who} gone, everyone left can still reach everyone else."
            if d.extra_hops > 0.005:
                text += f" Routes are {d.extra_hops:.2f} hand-offs longer on average."
    if d.added:
        k = len(d.added)
        ties = f"{k} backup tie{'s' if k != 1 else ''}"
        if d.gone and d.pairs_after > d.pairs_after_without_backup + 1e-9:
            text += (f" Without the {ties} only {d.pairs_after_without_backup:.0%} of the pairs left could "
                     "reach each other.")
        elif d.gone:
            text += f" The {ties} make no difference to these departures."
        a, b = len(d.single_points_without_backup), len(d.single_points_before)
        if b < a:
            text += f" Before anyone leaves, the backup ties take the single points of failure from {a} to {b}."
        else:
            text += (f" Before anyone leaves, there are still {b} single point{'s' if b != 1 else ''} of failure: "
                     "try ties that go around the people marked with diamonds.")
    return text


