"""The card game of *Who holds the power?*: passing cards through a chart, then peer to peer.

:func:`chart` and :func:`peer_round` are who may pass to whom; :func:`deal_cards` deals;
:func:`pass_the_cards` plays a round by the room's rules; :func:`card_game_verdict` compares
the two rounds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from .. import orgs
from ..errors import P2PKitError, require_whole_number
from ..seeding import python_random
from ..transparency import org_chart

__all__ = ["chart", "peer_round", "deal_cards", "CardState", "CardRun", "pass_the_cards", "CardGame",
           "card_game_verdict"]


def chart(people: int, span: int = 3) -> nx.Graph:
    """The organisation chart of the card game: ``people`` people, each manager with ``span`` reports.

    Person 0 is the top; people are numbered level by level (a complete ``span``-ary tree,
    the last level filled from the left): :func:`p2pkit.transparency.org_chart`, with the
    game's own checks. Node attribute ``level`` is 0 at the top.

    References
    ----------
    Krackhardt, D. (1994). Graph theoretical dimensions of informal organizations. In
    K. Carley & M. Prietula (eds.), *Computational Organization Theory*, 89-111 (the formal
    chart as a tree, whose lines the cards must follow).

    Examples
    --------
    >>> G = chart(13, 3)
    >>> G.number_of_edges(), max(d for _, d in G.nodes(data="level"))
    (12, 2)
    """
    people = require_whole_number("people (in the game)", people, minimum=3)
    span = require_whole_number("span (of control)", span, minimum=1)
    return org_chart(people, span)


def peer_round(people: int, reach: int, seed: int = 0) -> nx.Graph:
    """Who may pass to whom in the peer-to-peer round.

    ``reach >= people - 1``: anyone to anyone (a complete network, the room's default rule).
    Otherwise (``reach`` is at least 1) everyone can pass to about ``reach`` people (an even
    number, at least 2): a small-world ring (:func:`p2pkit.orgs.peer_mesh`, 10% of ties
    rewired), as when people may only pass to those within arm's reach plus a few they know.

    References
    ----------
    Watts, D. J., & Strogatz, S. H. (1998). Collective dynamics of 'small-world' networks.
    *Nature* 393, 440-442.

    Examples
    --------
    >>> peer_round(6, 10).number_of_edges(), peer_round(12, 4).number_of_edges()
    (15, 24)
    """
    n = require_whole_number("people (in the game)", people, minimum=3)
    reach = require_whole_number("reach (people each can pass to)", reach, minimum=1)
    if reach >= n - 1:
        return nx.complete_graph(n)
    k = max(2, reach - reach % 2)
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
    rng = python_random(seed)
    while True:
        names = people[:]
        rng.shuffle(names)
        if all(a != b for a, b in zip(people, names, strict=True)):
            return dict(zip(people, names, strict=True))


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


@dataclass(frozen=True)
class CardGame:
    """Both rounds of the card game, and what turns rounds into time (see :func:`card_game_verdict`).

    Attributes
    ----------
    chart, peers : CardRun
        The chart round and the peer-to-peer round (:func:`pass_the_cards`).
    seconds : float
        Seconds one hand-off takes (above 0).
    room : (float or None, float or None)
        The room's timed rounds in seconds (chart, peer-to-peer), if timed.
    """

    chart: CardRun
    peers: CardRun
    seconds: float
    room: tuple = (None, None)

    def __post_init__(self):
        if self.seconds <= 0:
            raise P2PKitError("seconds per hand-off must be positive.")


def card_game_verdict(game: CardGame) -> str:
    """What the two rounds show, in plain sentences, computed from the runs (and the room's times).

    Examples
    --------
    >>> a = pass_the_cards(nx.star_graph(4), {1: 2, 2: 3, 3: 4, 4: 1})
    >>> b = pass_the_cards(nx.complete_graph(5), {1: 2, 2: 3, 3: 4, 4: 1})
    >>> card_game_verdict(CardGame(a, b, 3.0))  # doctest: +NORMALIZE_WHITESPACE
    'Through the chart the cards need 5 rounds of passing (about 15 s); peer-to-peer, 1 round
    (about 3 s). In the chart round one person passes on 4 of the 8 cards handed on (50%).'
    >>> card_game_verdict(CardGame(a, b, 3.0, room=(60, 30))).split(". ")[-1]
    'Your room took 60 s and 30 s: the chart round was 2.0 times as long, where the model says 5.0 -- the rest is what the model leaves out: finding people, walking, checking names.'
    """
    chart_run, peer_run, seconds, room = game.chart, game.peers, game.seconds, game.room

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
