"""Workshop widgets: the room's own network, the card game, weaving and departures, live.

Four live controls for the facilitator workshops in ``workshops/``, each an
:class:`~p2pkit.widgets.core.Explorer` that recomputes through the tested models of the kit:

- :func:`map_explorer` (*Map our network*): the room's survey answers, read safely by
  :func:`p2pkit.survey.read_survey` and measured by :func:`p2pkit.report.diagnose` -- node
  communities, the people who bridge them, isolates, and who did not answer;
- :func:`card_game_explorer` (*Who holds the power?*): the message-passing game the room
  plays, run through a chart and peer-to-peer by :func:`pass_the_cards`, with the room's own
  times beside the model's;
- :func:`weaving_explorer` (*Weaving the network*): introductions the facilitator types
  ("Ana-Bo"), classified by :func:`p2pkit.weaving.transition` and measured with
  :func:`p2pkit.weaving.phase_profile`;
- :func:`departures_explorer` (*Remove the boss*): who leaves, chosen by name or by
  :func:`p2pkit.resilience.removal_order`, what still holds
  (:func:`p2pkit.resilience.knock_out`, :func:`~p2pkit.resilience.redundancy`,
  :func:`~p2pkit.resilience.rerouting`) and what backup ties change.

The small pure functions the widgets need are public and tested (``tests/test_workshops.py``):
:func:`parse_names` and :func:`parse_pairs` read what a facilitator types; :func:`load_room`
reads the answers; :func:`room_map`, :func:`introductions` and :func:`departures` compute what
is shown, and each ``*_verdict`` function says it in one or two sentences.

Names are data: every name is escaped in HTML, in alt text and in figure labels (no
matplotlib math mode), and a name can never run code or break the page.
"""

from __future__ import annotations

import difflib
import hashlib
import html
import random
import re
import tempfile
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import ipywidgets as w
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
from matplotlib.lines import Line2D

from .. import orgs
from ..architecture import load_share, pairwise_connectivity
from ..communities import detect, membership
from ..equipotency import centralization, gini
from ..errors import P2PKitError
from ..explorables.communities import community_colours
from ..report import diagnose, readings
from ..resilience import knock_out, redundancy, redundancy_verdict, removal_order, rerouting, rerouting_verdict
from ..style import COMMUNITY_COLOURS, OKABE_ITO, ROLE_COLOURS, ROLE_MARKERS, draw_network, ring_layout, tree_layout
from ..survey import RELATIONS, ReadSummary, pseudonym_map, pseudonymise, read_survey
from ..weaving import phase_profile, transition
from .core import Explorer, note_html

__all__ = [
    "WORKSHOP_NOTE",
    "ALL_RELATIONS",
    "MAX_ROOM",
    "COLOUR_NAMES",
    "parse_names",
    "parse_pairs",
    "Room",
    "load_room",
    "RoomMap",
    "room_map",
    "map_verdict",
    "room_layout",
    "chart",
    "peer_round",
    "deal_cards",
    "CardRun",
    "pass_the_cards",
    "card_game_verdict",
    "Introduction",
    "introductions",
    "weaving_verdict",
    "Departures",
    "departures",
    "departures_verdict",
    "map_explorer",
    "card_game_explorer",
    "weaving_explorer",
    "departures_explorer",
    "render_map",
    "render_card_game",
    "render_weaving",
    "render_departures",
]

#: The note every workshop widget shows (instead of the chapters' Binder note).
WORKSHOP_NOTE = (
    "<b>Live control.</b> It recomputes in presenter mode (<code>make present WORKSHOP=name</code>) "
    "or in Jupyter and Binder. On the static site it shows its first view only."
)

#: The choice in the relation menu that combines every question.
ALL_RELATIONS = "all questions"

#: The workshop widgets are made for a room: above this many people they say so.
MAX_ROOM = 150

#: Plain names of the community colours, so that a list can name the colour of a group.
COLOUR_NAMES = {
    OKABE_ITO["blue"]: "blue",
    OKABE_ITO["orange"]: "orange",
    OKABE_ITO["bluish green"]: "green",
    OKABE_ITO["reddish purple"]: "purple",
    OKABE_ITO["sky blue"]: "sky blue",
    OKABE_ITO["vermillion"]: "vermillion",
    OKABE_ITO["yellow"]: "yellow",
    OKABE_ITO["black"]: "black",
}

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


def _people(names: Sequence, limit: int = 6) -> str:
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
        s += (f"; {_people(m.single_points)} {'is a single point' if k == 1 else 'are single points'} "
              f"of failure ({'whose departure' if k == 1 else 'each of whose departures'} alone would cut "
              "someone off).")
    else:
        s += "; nobody's absence alone would cut anyone off."
    parts.append(s)
    if m.isolates:
        k = len(m.isolates)
        parts.append(f"{k} {'person has' if k == 1 else 'people have'} no ties at all in these answers: "
                     f"{_people(m.isolates)}.")
    return " ".join(parts)


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
class CardRun:
    """One round of the card game (see :func:`pass_the_cards`)."""

    ticks: int
    passes: dict
    delivered: dict
    hops: dict
    most_held: int

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
        cards waiting in one hand at the start of a round.

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
            if step[h] == len(routes[h]) - 1:
                delivered[h] = tick
            else:
                hands[nxt].append((tick, order[h], h))
        most = max(most, max((len(q) for q in hands.values()), default=0))
    return CardRun(tick, passes, delivered, {h: len(r) - 1 for h, r in routes.items()}, most)


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
            return f"{a} and {b}: closes a triangle (both know {_people(self.via, 3)})"
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
        return "No introductions yet: type some, such as Ana-Bo, and press Enter."
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


def departures(G: nx.Graph, named: Sequence = (), leaving: int = 0, strategy: str = "betweenness",
               backup: Sequence[tuple] = (), seed: int = 0) -> Departures:
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

    Returns
    -------
    Departures
        ``pairs_before`` / ``pairs_after``: share of pairs (of the people still there) who can
        reach each other, before and after the departures (pairwise connectivity, Borgatti
        2006); ``cut_off``: people left outside the largest connected group; ``groups``;
        single points of failure before and now, and without the backup ties
        (articulation points); ``pairs_after_without_backup``: the share had the backup ties
        not been added; ``connectivity_now`` (node connectivity, Menger 1927);
        ``extra_hops``: how much longer routes became; and the chapter-6 verdicts.

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
    named = [v for v in named if v in H]
    if isinstance(leaving, bool) or not isinstance(leaving, (int, np.integer)) or leaving < 0:
        raise P2PKitError("the number of people leaving must be 0 or more.")
    rest = nx.Graph(H)
    rest.remove_nodes_from(named)
    if len(named) + int(leaving) > H.number_of_nodes() - 2:
        raise P2PKitError(f"only {H.number_of_nodes()} people: at most {H.number_of_nodes() - 2} can leave "
                          "(so that a pair is left).")
    more = removal_order(rest, strategy, count=int(leaving), recompute=True, seed=seed) if leaving else []
    gone = tuple(named + list(more))
    ko = knock_out(H, gone)
    now = nx.Graph(H)
    now.remove_nodes_from(gone)
    order = {v: i for i, v in enumerate(H)}
    comps = sorted(nx.connected_components(now), key=lambda c: (-len(c), min(order[v] for v in c)))
    cut = tuple(sorted((v for c in comps[1:] for v in c), key=order.__getitem__))
    red_now = redundancy(now) if now.number_of_nodes() >= 2 else None
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
        redundancy_text=redundancy_verdict(red_now) if red_now and red_now.node_connectivity > 0 else "",
        rerouting_text=rerouting_verdict(rr) if gone else "",
        extra_hops=float(rr.extra_hops) if gone and rr.still_connected else 0.0,
    )


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
    else:
        who = _people(d.gone, 4)
        if d.cut_off:
            reach = ("no pair of those left can still reach each other" if d.pairs_after == 0 else
                     f"only {d.pairs_after:.0%} of the pairs of those left can still reach each other")
            sizes = _people([str(x) for x in d.group_sizes], 6)
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


# --------------------------------------------------------------------------- drawing helpers


def _mpl(text: object, limit: int = 16) -> str:
    """A name as matplotlib text: shortened, backslashes and $ escaped (never math mode)."""
    s = str(text)
    s = s if len(s) <= limit else s[: limit - 1] + "\u2026"
    return s.replace("\\", "\\\\").replace("$", r"\$")


def _e(x: object) -> str:
    return html.escape(str(x), quote=True)


def _table(rows: Iterable[tuple], header: tuple | None = None) -> str:
    head = ""
    if header:
        head = "<tr>" + "".join(f"<th style='text-align:left;padding-right:10px'>{_e(h)}</th>" for h in header) + "</tr>"
    body = "".join("<tr>" + "".join(
        f"<td style='padding-right:10px;vertical-align:top'>{'<b>' if i == len(r) - 1 else ''}{_e(c)}"
        f"{'</b>' if i == len(r) - 1 else ''}</td>" for i, c in enumerate(r)) + "</tr>" for r in rows)
    return f"<table>{head}{body}</table>"


def _label_nodes(ax, pos: dict, people: Iterable, fontsize: float = 9.0) -> None:
    for v in people:
        x, y = pos[v]
        ax.annotate(_mpl(v), (x, y), xytext=(0, 6), textcoords="offset points", ha="center", va="bottom",
                    fontsize=fontsize, zorder=6,
                    bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none", alpha=0.75))


def _handle(marker: str, label: str, colour: str = "#666666", **kw) -> Line2D:
    return Line2D([], [], marker=marker, linestyle="", color=colour, label=label, **kw)


def _messages(problems: list[str]) -> str:
    if not problems:
        return ""
    items = "".join(f"<li>{_e(p)}</li>" for p in problems[:6])
    more = f"<li>... and {len(problems) - 6} more</li>" if len(problems) > 6 else ""
    return note_html(f"Not used:<ul style='margin:2px 0'>{items}{more}</ul>", "warn")


# --------------------------------------------------------------------------- the room, cached

_ROOMS: OrderedDict = OrderedDict()


def _uploaded(value) -> tuple[str, bytes] | None:
    """(file name, content) of the first uploaded file (ipywidgets 7 and 8 layouts)."""
    if not value:
        return None
    if isinstance(value, dict):
        name, item = next(iter(value.items()))
        return str(name), bytes(item["content"])
    item = value[0]
    return str(item["name"]), bytes(item["content"])


def _room(values: dict):
    """``(room, network, communities, positions, colours)`` for the chosen question.

    Each file is read once per question and pseudonymisation. People keep the places of
    the map of all questions whichever question is chosen, and a community keeps the colour
    of the all-questions community it overlaps most, so the room can compare questions.
    """
    up = _uploaded(values.get("upload"))
    if up is not None:
        source, ident = up, hashlib.sha256(up[1]).hexdigest()
    else:
        source = (values.get("path") or "").strip()
        try:
            p = Path(source)
            ident = f"{p.resolve()}:{p.stat().st_mtime_ns}"
        except OSError:
            ident = source
    rel = values.get("relation", ALL_RELATIONS)
    pseudo = bool(values.get("pseudonymise"))
    base_key = (ident, ALL_RELATIONS, pseudo)
    if base_key not in _ROOMS:
        room = load_room(source, ALL_RELATIONS, pseudo)
        U = room.network
        if U.number_of_nodes() < 3:
            raise P2PKitError("the answers name fewer than 3 people: there is no network to show yet.")
        comms = detect(U, seed=0)
        _ROOMS[base_key] = (room, U, comms, room_layout(U, comms, seed=0), community_colours(comms))
    key = (ident, rel, pseudo)
    if key not in _ROOMS:
        _, U_all, comms_all, pos_all, _ = _ROOMS[base_key]
        room = load_room(source, rel, pseudo)
        U = room.network
        U.add_nodes_from(v for v in U_all if v not in U)  # everyone stays on the map
        comms = detect(U, seed=0)
        _ROOMS[key] = (room, U, comms, pos_all, community_colours(comms, [set(c) for c in comms_all]))
    room, U, comms, pos, colours = _ROOMS[key]
    missing = [v for v in U if v not in pos]
    if missing:  # a name only this question has: a row below the map
        xs = [x for x, _ in pos.values()] or [0.0]
        y0 = min((y for _, y in pos.values()), default=0.0) - 0.6
        for i, v in enumerate(missing):
            pos[v] = (min(xs) + i * 0.5, y0)
    _ROOMS.move_to_end(base_key)
    _ROOMS.move_to_end(key)
    while len(_ROOMS) > 8:  # keep a few: uploaded answers should not linger
        _ROOMS.popitem(last=False)
    return _ROOMS[key]


def room_layout(U: nx.Graph, communities: Sequence[set], seed: int = 0) -> dict:
    """Positions for a room's map: each community together, the same in every process.

    The same drawing as :func:`p2pkit.explorables.communities.community_layout`, but each
    community's spring layout is computed on a copy of its members in the network's order:
    a networkx subgraph of fewer than half the people iterates over a set, whose order for
    names (strings) changes from one Python process to the next, and so would the drawing.

    Examples
    --------
    >>> G = nx.Graph([("Ana", "Bo"), ("Bo", "Cy"), ("Di", "Ed")])
    >>> pos = room_layout(G, [{"Ana", "Bo", "Cy"}, {"Di", "Ed"}])
    >>> sorted(pos) == sorted(G)
    True
    """
    order = {v: i for i, v in enumerate(U)}
    comms = [sorted(c, key=order.__getitem__) for c in communities]
    k = len(comms)
    scale = {i: np.sqrt(len(c)) for i, c in enumerate(comms)}
    ring = 0.0 if k == 1 else 1.25 * max(scale.values()) / np.sin(np.pi / k)
    pos: dict = {}
    for i, members in enumerate(comms):
        angle = np.pi - 2 * np.pi * i / k
        cx, cy = ring * np.cos(angle), ring * np.sin(angle)
        if len(members) == 1:
            local = {members[0]: (0.0, 0.0)}
        else:
            inside = set(members)
            H = nx.Graph()
            H.add_nodes_from(members)
            H.add_edges_from((u, v) for u in members for v in U[u] if v in inside and order[u] < order[v])
            local = nx.spring_layout(H, seed=seed, iterations=60)
            r = max(max(abs(x), abs(y)) for x, y in local.values()) or 1.0
            local = {v: (x / r, y / r) for v, (x, y) in local.items()}
        for v, (x, y) in local.items():
            pos[v] = (float(cx + scale[i] * x), float(cy + scale[i] * y))
    return pos


def clear_cache() -> None:
    """Forget every room read so far (after a session, or in tests)."""
    _ROOMS.clear()


def _room_controls(path: str, relation: str, pseudonymised: bool) -> dict:
    style = {"description_width": "initial"}
    return {
        "upload": w.FileUpload(accept=".csv,.txt,.tsv", multiple=False, description="Upload answers"),
        "path": w.Text(value=path, description="or file", placeholder="answers.csv", continuous_update=False,
                       layout=w.Layout(width="20em"), style=style),
        "relation": w.Dropdown(options=[ALL_RELATIONS, *RELATIONS[:3]],
                               value=relation if relation in (ALL_RELATIONS, *RELATIONS[:3]) else ALL_RELATIONS,
                               description="Question", style=style),
        "pseudonymise": w.Checkbox(value=pseudonymised, description="Codes instead of names"),
    }


def _explorer(controls: dict, render: Callable, title: str) -> Explorer:
    ex = Explorer(controls, render, title=title)
    ex.note.value = note_html(WORKSHOP_NOTE)
    ex.widget.children[-1].layout.flex_flow = "row wrap"  # the readout goes below on a narrow page
    return ex


# --------------------------------------------------------------------------- 1. map our network


def render_map(values: dict):
    """Compute and draw the room's map: ``(figure, readout_html, alt_text)``."""
    room, U_full, comms_full, pos, colours_full = _room(values)
    people_in = room.respondents
    k = int(values.get("answers", len(people_in)))
    k = max(1, min(k, len(people_in)))
    shown = set(people_in[:k])
    G = room.graph
    if k < len(people_in):
        H = nx.DiGraph()
        H.add_nodes_from((v, G.nodes[v]) for v in G if v in shown or any(G.has_edge(s, v) for s in shown))
        H.add_edges_from((u, v) for u, v in G.edges() if u in shown)
    else:
        H = G
    if H.number_of_nodes() < 3:
        raise P2PKitError("fewer than 3 people named so far: move 'Answers in' to the right.")
    m = room_map(H)
    colours = community_colours([set(c) for c in m.communities], [set(c) for c in comms_full])
    if k == len(people_in) and [set(c) for c in m.communities] == [set(c) for c in comms_full]:
        colours = list(colours_full)
    col = {v: colours[i] for i, c in enumerate(m.communities) for v in c}
    marked = list(m.brokers[: int(values.get("bridges", 3))])
    U = nx.Graph()
    U.add_nodes_from(H)
    U.add_edges_from((u, v) for u, v in H.edges() if u != v)
    mx = max(dict(H.in_degree()).values()) or 1
    sizes = {v: 60 + 260 * H.in_degree(v) / mx for v in U}
    roles = {v: "bridge" for v in marked}
    fig, ax = plt.subplots(figsize=(7.8, 6.0))
    draw_network(U, ax, pos={v: pos[v] for v in U}, roles=roles, colours=col, sizes=sizes)
    for v in m.isolates:
        ax.scatter([pos[v][0]], [pos[v][1]], s=sizes[v] + 140, facecolors="none", edgecolors="#000000",
                   linewidths=1.2, linestyles="--", zorder=5)
    _label_nodes(ax, pos, [v for v in U] if U.number_of_nodes() <= 40 else marked + list(m.isolates))
    handles = [_handle("o", f"community {i + 1} ({len(c)})", colours[i]) for i, c in enumerate(m.communities[:7])]
    handles.append(_handle("D", "bridge: tie into another community"))
    if m.isolates:
        handles.append(_handle("o", "no ties (dashed ring)", mfc="none", mec="#000000"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9, frameon=False)
    q = values.get("relation", ALL_RELATIONS)
    ax.set_title(f"{'All questions' if q == ALL_RELATIONS else _mpl(q, 30).capitalize()}: "
                 f"{k} of {len(people_in)} answers in (size: how often named)", fontsize=10)
    ax.set_aspect("equal")
    ax.margins(0.12)

    verdict = map_verdict(m)
    comm_rows = [(f"{i + 1} ({COLOUR_NAMES.get(colours[i], 'grey')})", _people(c, 8))
                 for i, c in enumerate(m.communities)]
    rows = [
        ("People / ties", f"{m.people} / {m.ties}"),
        ("Bridges (most routes first)", _people(m.brokers, 6) or "none"),
        ("No ties at all", _people(m.isolates) or "nobody"),
        ("Named others, named by nobody", _people(m.unnamed) or "nobody"),
        ("Named by others, named nobody (no answer?)", _people(m.silent) or "nobody"),
    ]
    intake = room.summary.lines(room.show)
    readout = (
        f"<div style='max-width:32em'>{_table(comm_rows, ('Community', 'Members'))}{_table(rows)}"
        f"<p><b>Verdict:</b> {_e(verdict)}</p>"
        f"<p style='font-size:0.9em'><b>Reading.</b> {_e(m.reading.get('communities', ''))}</p>"
        f"<details style='font-size:0.85em'><summary>What was read from {_e(room.source)}</summary><ul>"
        + "".join(f"<li>{_e(x)}</li>" for x in intake[:8]) + "</ul></details></div>"
    )
    alt = (f"Map of the room's network: {m.people} people and {m.ties} ties, grouped and coloured by "
           f"{len(m.communities)} node communities, each person drawn larger the more often named; "
           f"bridges marked as diamonds: {_people(marked) or 'none'}. {verdict}")
    return fig, readout, alt


def map_explorer(path: str = "", relation: str = ALL_RELATIONS, pseudonymised: bool = False,
                 bridges: int = 3) -> Explorer:
    """*Map our network*: the room's answers as a map of communities, bridges and isolates.

    Controls: upload the answers (or a file path), the question, codes instead of names,
    **Answers in** (bring the answers in one person at a time, in the order of the file)
    and **Bridges marked** (the people with most routes into other communities).
    """
    try:
        n_answers = len(_room({"path": path, "relation": relation, "pseudonymise": pseudonymised})[0].respondents)
    except P2PKitError:
        n_answers = 40
    style = {"description_width": "initial"}
    controls = _room_controls(path, relation, pseudonymised)
    controls["answers"] = w.IntSlider(value=n_answers, min=1, max=max(n_answers, 1), description="Answers in",
                                      style=style, continuous_update=False)
    controls["bridges"] = w.IntSlider(value=bridges, min=0, max=12, description="Bridges marked", style=style,
                                      continuous_update=False)
    ex = _explorer(controls, render_map, "Map our network")

    def resize(_change=None):
        try:
            n = len(_room(ex.values())[0].respondents)
        except Exception:  # the render shows the message
            return
        slider = controls["answers"]
        if slider.max != n:
            slider.max = max(1, n)
            slider.value = n

    for name in ("upload", "path", "relation"):
        controls[name].observe(resize, names="value")
    return ex


# --------------------------------------------------------------------------- 2. the card game

_CARD_CACHE: OrderedDict = OrderedDict()


def _card_runs(n: int, span: int, reach: int, seed: int):
    key = (n, span, reach, seed)
    if key not in _CARD_CACHE:
        T = chart(n, span)
        P = peer_round(n, reach, seed)
        cards = deal_cards(list(range(n)), seed)
        _CARD_CACHE[key] = (T, P, cards, pass_the_cards(T, cards), pass_the_cards(P, cards))
        while len(_CARD_CACHE) > 32:
            _CARD_CACHE.popitem(last=False)
    return _CARD_CACHE[key]


def render_card_game(values: dict):
    """Play both rounds in the model and draw them: ``(figure, readout_html, alt_text)``."""
    n, span, reach, seed = int(values["people"]), int(values["span"]), int(values["reach"]), int(values["seed"])
    seconds = float(values["seconds"])
    if seed < 0:
        raise P2PKitError("the seed must be 0 or a positive whole number.")
    T, P, cards, a, b = _card_runs(n, span, reach, seed)
    room = (float(values.get("room_chart") or 0) or None, float(values.get("room_peers") or 0) or None)
    fig = plt.figure(figsize=(10.2, 4.3))
    ax1 = fig.add_axes([0.0, 0.08, 0.33, 0.8])
    ax2 = fig.add_axes([0.34, 0.08, 0.3, 0.8])
    ax3 = fig.add_axes([0.75, 0.2, 0.23, 0.62])
    top = max(max(a.passes.values()), max(b.passes.values()), 1)

    def sizes(run):
        return {v: 30 + 420 * run.passes[v] / top for v in run.passes}

    roles = {0: "centre"}
    draw_network(T, ax1, pos=tree_layout(T), roles=roles, sizes=sizes(a),
                 title=f"Round 1, the chart: {a.ticks} round{'s' if a.ticks != 1 else ''}")
    everyone = "anyone" if reach >= n - 1 else f"about {max(2, reach - reach % 2)} people"
    draw_network(P, ax2, pos=ring_layout(P, centre=-1), roles=roles, sizes=sizes(b),
                 title=f"Round 2, peer-to-peer: {b.ticks} round{'s' if b.ticks != 1 else ''}")
    for ax in (ax1, ax2):
        ax.title.set_fontsize(9.5)
    labels = ["chart\n(model)", "peer-to-peer\n(model)"]
    vals = [a.ticks * seconds, b.ticks * seconds]
    colours = [ROLE_COLOURS["centre"], ROLE_COLOURS["peer"]]
    hatches = ["", ""]
    if room[0] or room[1]:
        labels += ["chart\n(your room)", "peer-to-peer\n(your room)"]
        vals += [room[0] or 0.0, room[1] or 0.0]
        colours += [ROLE_COLOURS["centre"], ROLE_COLOURS["peer"]]
        hatches += ["///", "///"]
    y = np.arange(len(vals))[::-1]
    for yi, v, c, h in zip(y, vals, colours, hatches):
        ax3.barh(yi, v, color=c if not h else "white", edgecolor=c, hatch=h, height=0.6, linewidth=1.5)
        ax3.text(v, yi, f" {v:.0f} s", va="center", fontsize=8.5)
    ax3.set_yticks(y, labels, fontsize=8.5)
    ax3.set_xlim(0, max(vals + [1]) * 1.35)
    ax3.set_xlabel(f"seconds ({seconds:g} s per hand-off)", fontsize=8.5)
    ax3.set_title("How long?", fontsize=9.5)
    verdict = card_game_verdict(a, b, seconds, room)
    pa = [a.passes[v] for v in T]
    pb = [b.passes[v] for v in P]
    rows = [
        ("Rounds of passing (chart / peer-to-peer)", f"{a.ticks} / {b.ticks}"),
        ("Hand-offs in all", f"{a.hand_offs} / {b.hand_offs}"),
        ("Most cards passed by one person", f"{max(pa)} (the top: {a.passes[0]}) / {max(pb)}"),
        ("Most cards waiting in one hand", f"{a.most_held} / {b.most_held}"),
        ("Gini of the tallies (0 = equal)", f"{gini(pa):.2f} / {gini(pb):.2f}"),
        ("Betweenness centralization", f"{centralization(T, 'betweenness'):.2f} / "
                                       f"{centralization(P, 'betweenness'):.2f}"),
    ]
    readout = (f"<div style='max-width:24em'>{_table(rows)}<p><b>Verdict:</b> {_e(verdict)}</p>"
               "<p style='font-size:0.85em'>Each person is drawn larger the more cards they passed on: "
               "the tally the room keeps. The square is the top of the chart.</p></div>")
    alt = (f"Two drawings of {n} people. Left, an organisation chart with a span of {span}, each person "
           f"drawn larger the more cards they passed on; the top passed {a.passes[0]}. Middle, the "
           f"peer-to-peer round, where everyone can pass to {everyone}. Right, bars of the time each round "
           f"takes. {verdict}")
    return fig, readout, alt


def card_game_explorer(people: int = 13, span: int = 3, reach: int = 40, seconds: float = 3.0,
                       seed: int = 0) -> Explorer:
    """*Who holds the power?*: the room's card game, played through a chart and peer-to-peer.

    Controls: people in the room, the chart's span of control, who may pass to whom in
    round 2, the room's timed rounds, and **Seconds per hand-off** (to turn rounds of
    passing into time).
    """
    style = {"description_width": "initial"}
    controls = {
        "people": w.IntSlider(value=people, min=4, max=40, description="People", style=style,
                              continuous_update=False),
        "span": w.IntSlider(value=span, min=2, max=8, description="Span of control", style=style,
                            continuous_update=False),
        "reach": w.IntSlider(value=reach, min=2, max=40, description="Round 2: each can pass to", style=style,
                             continuous_update=False),
        "room_chart": w.BoundedFloatText(value=0.0, min=0.0, max=3600.0, description="Room, round 1 (s)",
                                         style=style, layout=w.Layout(width="13em")),
        "room_peers": w.BoundedFloatText(value=0.0, min=0.0, max=3600.0, description="Room, round 2 (s)",
                                         style=style, layout=w.Layout(width="13em")),
        "seed": w.IntText(value=seed, description="Deal", layout=w.Layout(width="11em")),
        "seconds": w.FloatSlider(value=seconds, min=1.0, max=10.0, step=0.5, description="Seconds per hand-off",
                                 style=style, continuous_update=False),
    }
    return _explorer(controls, render_card_game, "Pass the cards: chart against peer-to-peer")


# --------------------------------------------------------------------------- 3. weaving


def _weaver(U: nx.Graph):
    load = load_share(U)
    order = {v: i for i, v in enumerate(U)}
    return max(load, key=lambda v: (load[v], -order[v]))


def render_weaving(values: dict):
    """Make the typed introductions and draw the network: ``(figure, readout_html, alt_text)``."""
    room, U, comms, pos, colours = _room(values)
    pairs, problems = parse_pairs(values.get("introductions", ""), U)
    k = min(int(values.get("show", len(pairs))), len(pairs))
    after, intros = introductions(U, pairs[:k], comms)
    if U.number_of_nodes() < 4:
        raise P2PKitError("weaving needs at least 4 people in the network.")
    weaver = _weaver(U)
    before_p = phase_profile(U, weaver=weaver)
    after_p = phase_profile(after, weaver=weaver)
    col = {v: colours[i] for i, c in enumerate(comms) for v in c}
    new = [i.pair for i in intros if i.kind != "already tied"]
    fig, ax = plt.subplots(figsize=(7.8, 6.0))
    draw_network(after, ax, pos=pos, colours=col, sizes={v: 110 for v in after})
    if new:
        nx.draw_networkx_edges(after, pos, edgelist=new, ax=ax, edge_color=OKABE_ITO["black"], width=2.6,
                               style="solid")
    _label_nodes(ax, pos, list(after) if after.number_of_nodes() <= 40 else {v for p in new for v in p})
    ax.set_aspect("equal")
    ax.margins(0.1)
    ax.set_title(f"{len(new)} introduction{'s' if len(new) != 1 else ''} made (new ties in thick black)",
                 fontsize=10)
    handles = [_handle("o", f"community {i + 1}", colours[i]) for i in range(min(len(comms), 7))]
    handles.append(Line2D([], [], color=OKABE_ITO["black"], lw=2.6, label="new tie"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9, frameon=False)

    member = membership(comms)
    listing = "".join(f"<li>{_e(i.describe(member))}</li>" for i in intros)
    waiting = len(pairs) - k
    if waiting:
        listing += f"<li><i>{waiting} more typed: move 'Introductions made' to the right</i></li>"
    rows = [
        ("Ties", before_p.ties, after_p.ties),
        ("Separate parts", before_p.components, after_p.components),
        ("Pairs who can reach each other", f"{before_p.pairs_in_touch:.0%}", f"{after_p.pairs_in_touch:.0%}"),
        ("Triangles", before_p.triangles, after_p.triangles),
        ("Two-step paths closed", f"{before_p.clustering:.0%}", f"{after_p.clustering:.0%}"),
        ("Average hand-offs (pairs in touch)", f"{before_p.mean_hops:.2f}", f"{after_p.mean_hops:.2f}"),
        ("Busiest person's share of routes", f"{before_p.most_central_load:.0%} ({before_p.most_central})",
         f"{after_p.most_central_load:.0%} ({after_p.most_central})"),
        ("Single points of failure", before_p.single_points, after_p.single_points),
        ("Shape (Krebs & Holley)", before_p.shape, after_p.shape),
    ]
    verdict = weaving_verdict(before_p, after_p, intros)
    readout = (f"<div style='max-width:32em'>{_messages(problems)}"
               f"<ol style='margin:2px 0 6px 0'>{listing}</ol>"
               f"{_table(rows, ('', 'before', 'now'))}<p><b>Verdict:</b> {_e(verdict)}</p></div>")
    alt = (f"The room's network of {after.number_of_nodes()} people in {len(comms)} communities (colours), "
           f"with {len(new)} new ties drawn thick and black: "
           + ("; ".join(f"{a} and {b}" for a, b in new) if new else "none yet") + f". {verdict}")
    return fig, readout, alt


def weaving_explorer(path: str = "", introductions_text: str = "", relation: str = ALL_RELATIONS,
                     pseudonymised: bool = False, show: int | None = None) -> Explorer:
    """*Weaving the network*: type introductions ("Ana-Bo, Chidi-Quinn"); the measures follow.

    Controls: the room's answers (as in :func:`map_explorer`), **Introductions** (pairs
    separated by commas; press Enter) and **Introductions made** (step through them: 0 is
    the network as it was). ``show`` sets where that slider starts (default: all made).
    """
    style = {"description_width": "initial"}
    controls = _room_controls(path, relation, pseudonymised)
    controls["introductions"] = w.Text(value=introductions_text, description="Introductions",
                                       placeholder="Ana-Bo, Chidi-Quinn (press Enter)", continuous_update=False,
                                       layout=w.Layout(width="30em"), style=style)
    try:
        count = len(parse_pairs(introductions_text, _room(
            {"path": path, "relation": relation, "pseudonymise": pseudonymised})[1])[0])
    except P2PKitError:
        count = 0
    controls["show"] = w.IntSlider(value=count if show is None else min(show, count), min=0, max=max(count, 1),
                                   description="Introductions made", style=style, continuous_update=False)
    ex = _explorer(controls, render_weaving, "Weaving the network: one introduction at a time")

    def resize(_change=None):
        try:
            n = len(parse_pairs(controls["introductions"].value, _room(ex.values())[1])[0])
        except Exception:  # the render shows the message
            return
        slider = controls["show"]
        slider.max = max(n, 1)
        slider.value = n

    for name in ("introductions", "upload", "path", "relation", "pseudonymise"):
        controls[name].observe(resize, names="value")
    return ex


# --------------------------------------------------------------------------- 4. remove the boss

STRATEGY_LABELS = {
    "betweenness": "the people on most routes",
    "degree": "the best-connected",
    "random": "people at random",
}


def render_departures(values: dict):
    """Take people out of the room's network and draw what holds: ``(figure, readout, alt)``."""
    room, U, comms, pos, colours = _room(values)
    named, problems = parse_names(values.get("named", ""), U)
    backup, bproblems = parse_pairs(values.get("backup", ""), U)
    d = departures(U, named=named, leaving=int(values.get("leaving", 0)), strategy=values.get("strategy", "betweenness"),
                   backup=backup, seed=int(values.get("seed", 0)))
    H = d.network
    col = {v: colours[i] for i, c in enumerate(comms) for v in c}
    roles = {v: "bridge" for v in d.single_points_now}
    fig, ax = plt.subplots(figsize=(7.8, 6.0))
    draw_network(H, ax, pos={v: pos[v] for v in H}, roles=roles, colours=col, hidden=d.gone,
                 sizes={v: (170 if v in roles else 110) for v in H})
    if d.added:
        nx.draw_networkx_edges(H, pos, edgelist=[e for e in d.added if e[0] not in d.gone and e[1] not in d.gone],
                               ax=ax, edge_color=OKABE_ITO["black"], width=2.6)
    if d.cut_off:
        ax.scatter([pos[v][0] for v in d.cut_off], [pos[v][1] for v in d.cut_off], s=300, facecolors="none",
                   edgecolors="#000000", linewidths=1.2, linestyles="--", zorder=5)
    _label_nodes(ax, pos, list(H) if H.number_of_nodes() <= 40 else list(d.gone) + list(d.cut_off))
    ax.set_aspect("equal")
    ax.margins(0.1)
    ax.set_title(f"{len(d.gone)} gone (grey crosses); {len(d.cut_off)} outside the largest group (dashed rings)",
                 fontsize=10)
    handles = [_handle(ROLE_MARKERS["removed"], "has left", ROLE_COLOURS["removed"]),
               _handle("D", "single point of failure now"),
               _handle("o", "outside the largest group", mfc="none", mec="#000000"),
               Line2D([], [], color=OKABE_ITO["black"], lw=2.6, label="backup tie")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9, frameon=False)
    verdict = departures_verdict(d)
    rows = [
        ("Gone", _people(d.gone, 8) or "nobody yet"),
        ("Pairs who can reach each other", f"{d.pairs_before:.0%} before, {d.pairs_after:.0%} now"),
        ("Separate groups now", f"{d.groups} ({_people([str(x) for x in d.group_sizes], 6)} people)"),
        ("Outside the largest group", _people(d.cut_off, 8) or "nobody"),
        ("Single points of failure before", _people(d.single_points_before, 8) or "none"),
        ("Single points of failure now", _people(d.single_points_now, 8) or "none"),
        ("Must leave at once to cut anyone off (now)", str(d.connectivity_now)),
        ("Backup ties added", "; ".join(f"{a}-{b}" for a, b in d.added) or "none"),
    ]
    if d.left_out:
        rows.append(("Left out (no ties in the answers)", _people(d.left_out)))
    extra = "".join(f"<p style='margin:4px 0'>{_e(s)}</p>" for s in (d.redundancy_text, d.rerouting_text) if s)
    readout = (f"<div style='max-width:30em'>{_messages(problems + bproblems)}{_table(rows)}"
               f"<p><b>Verdict:</b> {_e(verdict)}</p>{extra}</div>")
    alt = (f"The room's network of {H.number_of_nodes()} people coloured by community. Gone, as grey crosses: "
           f"{_people(d.gone) or 'nobody'}. Outside the largest group, in dashed rings: {_people(d.cut_off) or 'nobody'}. "
           f"Single points of failure now, as diamonds: {_people(d.single_points_now) or 'none'}. {verdict}")
    return fig, readout, alt


def departures_explorer(path: str = "", relation: str = ALL_RELATIONS, named: str = "", backup: str = "",
                        strategy: str = "betweenness", leaving: int = 0, pseudonymised: bool = False,
                        seed: int = 0) -> Explorer:
    """*Remove the boss*: who leaves (by name or by a rule), what still holds, what backup ties change.

    Controls: the room's answers (as in :func:`map_explorer`), **Who leaves** (names),
    **Then, by rule** (who leaves next), **Backup ties** (pairs, added before anyone leaves)
    and **More people leaving** (how many leave by the rule).
    """
    if strategy not in STRATEGY_LABELS:
        raise P2PKitError(f"unknown rule {strategy!r}; choose one of: {', '.join(STRATEGY_LABELS)}.")
    style = {"description_width": "initial"}
    controls = _room_controls(path, relation, pseudonymised)
    controls.update({
        "named": w.Text(value=named, description="Who leaves", placeholder="a name, e.g. the boss (Enter)",
                        continuous_update=False, layout=w.Layout(width="22em"), style=style),
        "backup": w.Text(value=backup, description="Backup ties", placeholder="Ana-Bo, Chidi-Kofi (Enter)",
                         continuous_update=False, layout=w.Layout(width="26em"), style=style),
        "strategy": w.Dropdown(options=[(v, k) for k, v in STRATEGY_LABELS.items()], value=strategy,
                               description="Then, by rule", style=style),
        "seed": w.IntText(value=seed, description="Seed", layout=w.Layout(width="11em")),
        "leaving": w.IntSlider(value=leaving, min=0, max=12, description="More people leaving", style=style,
                               continuous_update=False),
    })
    return _explorer(controls, render_departures, "Remove the boss: who leaves, and what still holds")
