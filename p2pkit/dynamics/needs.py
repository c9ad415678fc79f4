"""Improvised coordination: a sudden need met through ties or through a chain of command.

- :func:`sudden_need` -- a need for ``k`` people with a skill appears next to someone.
- :func:`recruit_through_ties` and :func:`request_hours` -- the request passed along
  existing ties (a flood), new ties to the person in need forming on demand.
- :func:`chain_of_command` -- up a reporting tree to a boss who knows who has the skill and
  handles one request at a time, then down again.
- :func:`race` and :func:`race_verdict` -- both routes on the same needs, in one sentence.

Ties are directed (``u -> v``: *u* names *v*); a request, a piece of news or a meeting
through a common contact can use a tie in either direction (see :mod:`p2pkit.dynamics`).
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

import networkx as nx

from ..errors import P2PKitError, require_probability, require_whole_number
from ..seeding import rng

__all__ = ["Need", "Response", "Race", "sudden_need", "request_hours", "recruit_through_ties", "chain_of_command",
           "race", "race_verdict"]


@dataclass(frozen=True)
class Need:
    """A sudden need: ``k`` people with a skill, needed where ``origin`` is."""

    origin: object
    skilled: frozenset
    k: int = 1


@dataclass(frozen=True)
class Response:
    """How one route met (or failed to meet) a need.

    ``hours`` is ``math.inf`` if the need was never met. ``recruits`` are the people who
    came; ``paths`` the routes the request took to each; ``hops`` the longest of those
    routes; ``new_ties`` the pairs (origin, recruit) who were not tied before and now
    are; ``boss`` is who dispatched the request (chain of command) and ``waited_hours``
    how long it queued there.
    """

    route: str
    hours: float
    recruits: tuple
    paths: tuple
    hops: int | None
    new_ties: tuple = ()
    boss: object = None
    waited_hours: float = 0.0

    @property
    def met(self) -> bool:
        return math.isfinite(self.hours)


@dataclass(frozen=True)
class Race:
    """One need, met through ties and through the chain of command (see :func:`race`)."""

    need: Need
    ties: Response
    chain: Response


def sudden_need(people, k: int = 3, skilled_share: float = 0.2, seed: int | None = 0) -> Need:
    """A need for ``k`` people with a skill, appearing next to a random person.

    Parameters
    ----------
    people : networkx.Graph or iterable
        Everyone who could be involved.
    k : int, default 3
        How many skilled people the task needs.
    skilled_share : float, default 0.2
        Share of the others who have the skill (at least ``k`` of them always do).
    seed : int or None, default 0

    Returns
    -------
    Need
        ``origin``: the person where the need appears (who lacks the skill);
        ``skilled``: who has it.

    Examples
    --------
    >>> need = sudden_need(range(10), k=2, skilled_share=0.3, seed=1)
    >>> len(need.skilled), need.origin in need.skilled
    (3, False)
    """
    people = list(people.nodes() if isinstance(people, nx.Graph) else people)
    k = require_whole_number("k", k, minimum=1)
    share = require_probability("skilled_share", skilled_share)
    if len(people) < k + 1:
        raise P2PKitError(f"a need for {k} people needs at least {k + 1} people in the network.")
    gen = rng(seed)
    origin = people[int(gen.integers(len(people)))]
    others = [v for v in people if v != origin]
    count = min(len(others), max(k, round(share * len(others))))
    chosen = gen.choice(len(others), size=count, replace=False)
    return Need(origin=origin, skilled=frozenset(others[i] for i in sorted(chosen.tolist())), k=k)


def _check_need(G: nx.Graph, need: Need, what: str) -> None:
    if not isinstance(need, Need):
        raise P2PKitError("give a Need (make one with sudden_need(...)).")
    if need.origin not in G:
        raise P2PKitError(f"the need's origin {need.origin!r} is not in the {what}.")
    missing = [v for v in need.skilled if v not in G]
    if missing:
        raise P2PKitError(f"skilled person {missing[0]!r} is not in the {what}.")
    require_whole_number("k", need.k, minimum=1)


def _undirected(G: nx.Graph) -> nx.Graph:
    # a copy, not networkx's undirected *view*: the view lists a person's contacts in set
    # order, which changes from one Python process to the next (string hashing), and with it
    # which of several equally short routes a request is said to take
    return G.to_undirected() if G.is_directed() else G


def request_hours(G: nx.Graph, origin, hop_hours: float = 1.0) -> dict:
    """Hours until a request passed along ties from ``origin`` reaches each person.

    The request spreads as in :func:`recruit_through_ties`: the person in need asks
    their contacts, who ask theirs (a tie carries it in either direction), each hand-off
    taking ``hop_hours``. Someone ``d`` hand-offs away hears it after ``d * hop_hours``
    hours (the breadth-first distance); people no chain of ties reaches are left out.

    References
    ----------
    Schollmeier, R. (2001). A definition of peer-to-peer networking for the
    classification of peer-to-peer architectures and applications. *Proc. First
    International Conference on Peer-to-Peer Computing*, 101-102 (flooding search).

    Examples
    --------
    >>> request_hours(nx.DiGraph([(0, 1), (2, 1)]), 0, hop_hours=0.5)
    {0: 0.0, 1: 0.5, 2: 1.0}
    """
    if hop_hours < 0:
        raise P2PKitError("hop_hours must not be negative.")
    if origin not in G:
        raise P2PKitError(f"the need's origin {origin!r} is not in the network.")
    d = nx.single_source_shortest_path_length(_undirected(G), origin)
    return {v: float(hop_hours * d[v]) for v in G if v in d}


def recruit_through_ties(G: nx.Graph, needs, hop_hours: float = 1.0):
    """Meet a need by passing the request along existing ties.

    The person in need asks their contacts, who ask theirs, and so on (a flood: every
    tie can carry the request, in either direction, each hand-off taking ``hop_hours``).
    The first ``k`` skilled people the request reaches come, and each forms a direct tie
    with the person in need if there was none. With several needs at once, a skilled
    person joins the need whose request reaches them first (ties broken by the order of
    the needs, then the order of the people).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The informal network: who can pass a request to whom.
    needs : Need or list of Need
    hop_hours : float, default 1
        Time per hand-off.

    Returns
    -------
    Response or list of Response
        ``hours`` = ``hop_hours`` x the largest number of hand-offs to a recruit
        (``math.inf`` if fewer than ``k`` skilled people can be reached).

    Notes
    -----
    On a path with the only skilled person ``d`` places away, the answer is ``d``
    hand-offs: the breadth-first distance. Flooding is how unstructured peer-to-peer
    networks search (Schollmeier 2001 describes the architecture).

    References
    ----------
    Schollmeier, R. (2001). A definition of peer-to-peer networking for the
    classification of peer-to-peer architectures and applications. *Proc. First
    International Conference on Peer-to-Peer Computing*, 101-102.

    Examples
    --------
    >>> r = recruit_through_ties(nx.path_graph(6), Need(0, frozenset({4}), 1))
    >>> r.hours, r.recruits, r.new_ties
    (4.0, (4,), ((0, 4),))
    """
    single = isinstance(needs, Need)
    needs = [needs] if single else list(needs)
    if hop_hours < 0:
        raise P2PKitError("hop_hours must not be negative.")
    U = _undirected(G)
    order = {v: i for i, v in enumerate(G)}
    candidates = []
    dist = []
    for j, need in enumerate(needs):
        _check_need(G, need, "network")
        d = nx.single_source_shortest_path_length(U, need.origin)
        dist.append(d)
        candidates += [(d[v], j, order[v], v) for v in need.skilled if v in d]
    candidates.sort(key=lambda x: x[:3])
    taken, chosen = set(), [[] for _ in needs]
    for _, j, _, v in candidates:
        if v in taken or len(chosen[j]) >= needs[j].k:
            continue
        taken.add(v)
        chosen[j].append(v)
    out = []
    for j, need in enumerate(needs):
        if len(chosen[j]) < need.k:
            out.append(Response("through ties", math.inf, tuple(chosen[j]), (), None))
            continue
        hops = max(dist[j][v] for v in chosen[j])
        paths = tuple(tuple(nx.shortest_path(U, need.origin, v)) for v in chosen[j])
        new = tuple((need.origin, v) for v in chosen[j] if v != need.origin and not U.has_edge(need.origin, v))
        out.append(Response("through ties", float(hop_hours * hops), tuple(chosen[j]), paths, int(hops), new))
    return out[0] if single else out


def chain_of_command(tree: nx.Graph, needs, top, hop_hours: float = 1.0, boss_hours: float = 0.5):
    """Meet a need through a chain of command.

    The request goes up the reporting lines, one hand-off (``hop_hours``) per level,
    until it reaches a boss with at least ``k`` skilled people somewhere below them
    (each boss knows the skills of their own part of the chart; the top knows all).
    The boss takes ``boss_hours`` to decide and handles one request at a time (first
    come, first served); the orders then go down to the ``k`` skilled people fewest
    levels below (in parallel). If some of them are already busy with another need, the
    boss passes the request further up.

    Parameters
    ----------
    tree : networkx.Graph or networkx.DiGraph
        The reporting lines: a tree containing everyone.
    needs : Need or list of Need
        Several needs are treated as arriving at the same moment.
    top : node
        The top of the chart.
    hop_hours, boss_hours : float
        Time per hand-off, and time a boss takes to handle one request.

    Returns
    -------
    Response or list of Response
        ``hours`` = time up + waiting + ``boss_hours`` + time down to the farthest recruit.

    Notes
    -----
    For one request from a person ``D`` levels below the top, whose skilled colleagues
    sit only in another branch ``D`` levels down, the time is ``2 D hop_hours +
    boss_hours``. With ``q`` such requests at once, the last is met after ``2 D
    hop_hours + q boss_hours``: the queue at the top.

    References
    ----------
    Bigley, G. A., & Roberts, K. H. (2001). The incident command system: high-reliability
    organizing for complex and volatile task environments. *Academy of Management
    Journal* 44(6), 1281-1299.

    Examples
    --------
    >>> T = nx.balanced_tree(2, 2)   # top 0, managers 1 and 2, staff 3-6
    >>> r = chain_of_command(T, Need(3, frozenset({6}), 1), top=0, boss_hours=0)
    >>> r.hours, r.boss, r.paths
    (4.0, 0, ((3, 1, 0, 2, 6),))
    """
    single = isinstance(needs, Need)
    needs = [needs] if single else list(needs)
    if hop_hours < 0 or boss_hours < 0:
        raise P2PKitError("hop_hours and boss_hours must not be negative.")
    T = _undirected(tree)
    if top not in T:
        raise P2PKitError(f"the top {top!r} is not in the chain of command.")
    if T.number_of_nodes() == 0 or not nx.is_tree(T):
        raise P2PKitError("the chain of command must be a tree: everyone but the top has exactly one boss.")
    for need in needs:
        _check_need(T, need, "chain of command")
    results = _Command(T, top, needs, hop_hours, boss_hours).run()
    return results[0] if single else results


class _Command:
    """One run of :func:`chain_of_command`: requests climb the chart, bosses queue and dispatch.

    Events are ``(time, rank, sequence, kind, need, person)`` in a heap: at equal times a
    request arriving (rank 0) comes before a boss starting on one (1) and a boss finishing
    one (2); the sequence number keeps equal events in the order they were made.
    """

    def __init__(self, T: nx.Graph, top, needs: list, hop_hours: float, boss_hours: float):
        self.needs, self.hop_hours, self.boss_hours = needs, hop_hours, boss_hours
        self.parent = {top: None}
        self.depth = {top: 0}
        for u, v in nx.bfs_edges(T, top):
            self.parent[v] = u
            self.depth[v] = self.depth[u] + 1
        self.order = {v: i for i, v in enumerate(T)}
        self.below: dict = {v: [] for v in T}   # each boss -> everyone in their part of the chart
        for v in T:
            for w in self._ancestors(v):
                self.below[w].append(v)
        self.taken: set = set()
        self.free_at = dict.fromkeys(T, 0.0)
        self.queues: dict = {v: [] for v in T}
        self.results: list = [None] * len(needs)
        self.route_up = [[need.origin] for need in needs]
        self.waited = [0.0] * len(needs)
        self.events: list = []
        self.seq = 0

    def _ancestors(self, v) -> list:
        """``v``, their boss, their boss's boss, ... up to the top."""
        out = []
        while v is not None:
            out.append(v)
            v = self.parent[v]
        return out

    def _push(self, t: float, rank: int, kind: str, j: int, m) -> None:
        heapq.heappush(self.events, (t, rank, self.seq, kind, j, m))
        self.seq += 1

    def run(self) -> list:
        for j, need in enumerate(self.needs):
            self._push(0.0, 0, "arrive", j, need.origin)
        handle = {"arrive": self._arrive, "start": self._start, "finish": self._finish}
        while self.events:
            t, _, _, kind, j, m = heapq.heappop(self.events)
            handle[kind](t, j, m)
        return self.results

    def _arrive(self, t: float, j: int, m) -> None:
        """Request ``j`` reaches ``m``: queue there if ``m`` knows enough skilled people, else go up."""
        need = self.needs[j]
        if m != need.origin:
            self.route_up[j].append(m)
        if sum(1 for v in self.below[m] if v in need.skilled) >= need.k:
            self.queues[m].append((t, j))
            if self.free_at[m] <= t and len(self.queues[m]) == 1:
                self._push(t, 1, "start", j, m)
        elif self.parent[m] is None:
            self.results[j] = Response("chain of command", math.inf, (), (), None, boss=m)
        else:
            self._push(t + self.hop_hours, 0, "arrive", j, self.parent[m])

    def _start(self, t: float, j: int, m) -> None:
        """Boss ``m`` starts on the first request in their queue."""
        arrived, first = self.queues[m][0]
        self.waited[first] += t - arrived
        self.free_at[m] = t + self.boss_hours
        self._push(t + self.boss_hours, 2, "finish", first, m)

    def _finish(self, t: float, j: int, m) -> None:
        """Boss ``m`` has decided on request ``j``: they pick the recruits now, or pass it up."""
        need = self.needs[j]
        self.queues[m].pop(0)
        depth, order = self.depth, self.order
        pool = sorted((v for v in self.below[m] if v in need.skilled and v not in self.taken),
                      key=lambda v: (depth[v] - depth[m], order[v]))
        if len(pool) >= need.k:
            recruits = pool[:need.k]
            self.taken.update(recruits)
            down = max(depth[v] - depth[m] for v in recruits)
            paths = tuple(tuple(self.route_up[j]) + tuple(reversed(self._ancestors(v)[:depth[v] - depth[m]]))
                          for v in recruits)
            hops = max(len(p) - 1 for p in paths)
            self.results[j] = Response("chain of command", float(t + self.hop_hours * down), tuple(recruits),
                                       paths, int(hops), (), m, float(self.waited[j]))
        elif self.parent[m] is None:
            self.results[j] = Response("chain of command", math.inf, (), (), None, boss=m,
                                       waited_hours=float(self.waited[j]))
        else:
            self._push(t + self.hop_hours, 0, "arrive", j, self.parent[m])
        if self.queues[m]:
            self._push(t, 1, "start", self.queues[m][0][1], m)


def race(informal: nx.Graph, tree: nx.Graph, needs, top, hop_hours: float = 1.0,
         boss_hours: float = 0.5):
    """Meet the same needs through ties and through the chain of command.

    Returns a :class:`Race` (or a list, for a list of needs) holding the
    :func:`recruit_through_ties` and :func:`chain_of_command` responses.

    Examples
    --------
    >>> T = nx.balanced_tree(2, 2)
    >>> r = race(nx.path_graph(7), T, Need(3, frozenset({6}), 1), top=0, boss_hours=0)
    >>> r.ties.hours, r.chain.hours
    (3.0, 4.0)
    """
    single = isinstance(needs, Need)
    lst = [needs] if single else list(needs)
    ties = recruit_through_ties(informal, lst, hop_hours)
    chain = chain_of_command(tree, lst, top, hop_hours, boss_hours)
    out = [Race(n, a, b) for n, a, b in zip(lst, ties, chain, strict=True)]
    return out[0] if single else out


def _hours(x: float) -> str:
    if not math.isfinite(x):
        return "never"
    x = round(x, 2)
    return f"{x:g} hour" + ("" if x == 1 else "s")


def race_verdict(races) -> str:
    """One sentence on which route met the need(s) first, computed from :func:`race`.

    Examples
    --------
    >>> T = nx.balanced_tree(2, 2)
    >>> race_verdict(race(nx.path_graph(7), T, Need(3, frozenset({6}), 1), top=0, boss_hours=0))
    'The need was met in 3 hours through ties, before the chain of command answered (4 hours).'
    >>> race_verdict(race(nx.empty_graph(7), T, Need(3, frozenset({6}), 1), top=0, boss_hours=0))
    "Only the chain of command met the need (4 hours): the skilled people were out of reach of anyone's ties, and the boss knew who they were."
    """
    if isinstance(races, Race):
        a, b = races.ties.hours, races.chain.hours
        if not math.isfinite(a) and not math.isfinite(b):
            return "Neither route met the need: there are not enough skilled people free."
        if not math.isfinite(a):
            return (f"Only the chain of command met the need ({_hours(b)}): the skilled people were out of "
                    "reach of anyone's ties, and the boss knew who they were.")
        if not math.isfinite(b):
            return f"Only ties met the need ({_hours(a)}): the chain of command found nobody free."
        if a < b:
            return f"The need was met in {_hours(a)} through ties, before the chain of command answered ({_hours(b)})."
        if b < a:
            return (f"The chain of command was faster: {_hours(b)} against {_hours(a)} through ties, "
                    "which had to pass the request through many hands.")
        return f"Both routes met the need in {_hours(a)}."
    races = list(races)
    if not races:
        raise P2PKitError("no needs to compare.")
    if len(races) == 1:
        return race_verdict(races[0])
    a = [r.ties.hours for r in races]
    b = [r.chain.hours for r in races]
    ma, mb = sum(map(math.isfinite, a)), sum(map(math.isfinite, b))
    last_a = max((x for x in a if math.isfinite(x)), default=math.inf)
    last_b = max((x for x in b if math.isfinite(x)), default=math.inf)
    q = len(races)
    part_a = f"through ties {ma} of {q} needs were met" + (f", the last after {_hours(last_a)}" if ma else "")
    part_b = f"through the chain of command {mb} of {q}" + (f", the last after {_hours(last_b)}" if mb else "")
    if ma > mb or (ma == mb and last_a < last_b):
        lead = "Ties coped better with many needs at once"
    elif mb > ma or (ma == mb and last_b < last_a):
        lead = "The chain of command coped better with many needs at once"
    else:
        lead = "Both routes coped equally with many needs at once"
    return f"{lead}: {part_a}; {part_b}."
