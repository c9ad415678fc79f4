"""A rumour racing its correction through a network without a centre.

Part of :mod:`p2pkit.communities` (chapter 2): :func:`race` (a rumour and its correction
spreading as competing independent cascades; Kempe, Kleinberg & Tardos 2003; Budak et al.
2011), :func:`expected_race` (Monte Carlo), :func:`first_reached` and :func:`race_verdict`;
:func:`correction_source` and :func:`compare_placements` (where the correction starts).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import networkx as nx

from ..errors import P2PKitError, require_probability, require_whole_number
from ..seeding import python_random
from ._common import _order, _undirected
from .brokerage import brokerage, hub
from .detection import _check_division, membership

__all__ = [
    "Race", "race", "RaceOdds", "expected_race", "first_reached", "race_verdict",
    "PLACEMENTS", "correction_source", "compare_placements",
]


RUMOUR, CORRECTION = "rumour", "correction"


@dataclass(frozen=True)
class Race:
    """One run of a rumour against its correction (see :func:`race`).

    ``heard`` maps each person reached to ``(step, message)``: the step at which they
    adopted a message and which one (``"rumour"`` or ``"correction"``). ``stalled_at`` is
    the first step after which the rumour cannot reach anybody new: none of the people who
    have just adopted it (the only ones who pass it on) has a contact left who has heard
    nothing.
    """

    rumour: object
    correction: object
    p: float
    delay: int
    people: int
    stalled_at: int
    heard: dict = field(repr=False)

    @property
    def duration(self) -> int:
        """The last step at which anyone adopted a message."""
        return max(t for t, _ in self.heard.values())

    def at(self, t: int | None = None) -> dict:
        """How many people believe each message after step ``t`` (default: the end)."""
        t = self.duration if t is None else t
        c = Counter(m for s, m in self.heard.values() if s <= t)
        return {RUMOUR: c.get(RUMOUR, 0), CORRECTION: c.get(CORRECTION, 0),
                "neither": self.people - c.get(RUMOUR, 0) - c.get(CORRECTION, 0)}

    def shares(self, t: int | None = None) -> dict:
        """As :meth:`at`, as shares of everyone."""
        return {k: v / self.people for k, v in self.at(t).items()}


def race(G: nx.Graph, rumour, correction=None, p: float = 0.5, delay: int = 0,
         seed: int | None = 0) -> Race:
    """Race a rumour against its correction through a network (competing independent cascades).

    At step 0 the ``rumour`` starts with one person; the ``correction`` starts with
    another at step ``delay``. Whoever adopts a message at some step gets one chance, at
    the next step, to pass it to each contact who has heard nothing yet; each attempt
    succeeds with probability ``p`` (the independent cascade model of Kempe, Kleinberg &
    Tardos 2003). Each person keeps the first message that reaches them; if both reach
    someone in the same step, the correction wins -- a choice in the correction's favour.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network; on a directed one messages travel along the ties' direction.
    rumour : node
        Who starts the rumour.
    correction : node, optional
        Who starts the correction (``None``: no correction). This person knows the truth:
        the rumour cannot convert them, even before they start telling others.
    p : float, default 0.5
        Chance that one attempt to pass a message on succeeds.
    delay : int, default 0
        The step at which the correction starts.
    seed : int or None, default 0
        The same seed gives the same run.

    Returns
    -------
    Race
        ``heard``: person -> ``(step, message)``; ``at(t)`` and ``shares(t)`` count who
        believes what after step ``t``; ``stalled_at`` is the first step after which the
        rumour cannot reach anybody new; ``duration`` the last step anyone adopted anything.

    Notes
    -----
    With ``p = 1`` and no correction the step at which someone hears the rumour is their
    distance from its source (breadth-first search); with ``p = 0`` nobody hears anything.
    Each tie is tried at most once, so the run is equivalent to flipping a coin for every
    tie in advance and letting both messages spread along the ties that came up heads
    (the "live-edge" view of Kempe et al. 2003); the tests use this to compute exact
    probabilities on small networks.

    References
    ----------
    Kempe, D., Kleinberg, J., & Tardos, E. (2003). Maximizing the spread of influence through
    a social network. *Proceedings of KDD '03*, 137-146.
    Budak, C., Agrawal, D., & El Abbadi, A. (2011). Limiting the spread of misinformation in
    social networks. *Proceedings of WWW '11*, 665-674.

    Examples
    --------
    >>> r = race(nx.path_graph(5), rumour=0, correction=4, p=1.0)
    >>> [r.heard[v] for v in range(5)]
    [(0, 'rumour'), (1, 'rumour'), (2, 'correction'), (1, 'correction'), (0, 'correction')]
    """
    if rumour not in G:
        raise P2PKitError(f"the rumour's starting person {rumour!r} is not in the network.")
    if correction is not None and correction not in G:
        raise P2PKitError(f"the correction's starting person {correction!r} is not in the network.")
    if correction is not None and correction == rumour:
        raise P2PKitError("the rumour and the correction must start with different people.")
    p = require_probability("p (chance of passing a message on)", p)
    delay = require_whole_number("delay", delay, minimum=0)
    rng = python_random(seed)
    order = _order(G)
    heard = {rumour: (0, RUMOUR)}
    frontier = [rumour]
    started = correction is None
    if not started and delay == 0:
        heard[correction] = (0, CORRECTION)
        frontier.append(correction)
        started = True
    frontier.sort(key=order.__getitem__)
    neighbours = G.successors if G.is_directed() else G.neighbors

    def rumour_can_spread(front) -> bool:
        return any(v not in heard and v != correction
                   for u in front if heard[u][1] == RUMOUR for v in neighbours(u))

    stalled_at = None if rumour_can_spread(frontier) else 0
    t = 0
    while frontier or not started:
        t += 1
        offers: dict = {}
        for u in frontier:
            message = heard[u][1]
            for v in neighbours(u):
                if v in heard or v == correction:
                    continue
                if rng.random() < p:
                    offers.setdefault(v, set()).add(message)
        new = []
        for v, messages in offers.items():
            heard[v] = (t, CORRECTION if CORRECTION in messages else RUMOUR)
            new.append(v)
        if not started and t == delay:
            heard[correction] = (t, CORRECTION)
            new.append(correction)
            started = True
        frontier = sorted(new, key=order.__getitem__)
        if stalled_at is None and not rumour_can_spread(frontier):
            stalled_at = t
    return Race(rumour=rumour, correction=correction, p=p, delay=delay,
                people=G.number_of_nodes(), stalled_at=stalled_at, heard=heard)


@dataclass(frozen=True)
class RaceOdds:
    """Averages over many runs of :func:`race` (see :func:`expected_race`)."""

    runs: int
    rumour_share: float
    correction_share: float
    neither_share: float
    believes_rumour: dict


def expected_race(G: nx.Graph, rumour, correction=None, p: float = 0.5, delay: int = 0,
                  runs: int = 500, seed: int | None = 0) -> RaceOdds:
    """Average :func:`race` over ``runs`` runs (Monte Carlo).

    Returns
    -------
    RaceOdds
        Mean shares of people who end up believing the rumour, the correction, or neither,
        and for each person the share of runs in which they believed the rumour. The
        standard error of a share is at most ``0.5 / sqrt(runs)``.

    References
    ----------
    Kempe, D., Kleinberg, J., & Tardos, E. (2003). Maximizing the spread of influence through
    a social network. *Proceedings of KDD '03*, 137-146 (estimating spread by simulation).

    Examples
    --------
    >>> odds = expected_race(nx.path_graph(2), rumour=0, p=0.5, runs=2000, seed=1)
    >>> abs(odds.rumour_share - 0.75) < 0.03     # 1/2 + 1/2 * 0.5
    True
    """
    runs = require_whole_number("runs", runs, minimum=1)
    rng = python_random(seed)
    totals = Counter()
    believes = Counter()
    for _ in range(runs):
        r = race(G, rumour, correction, p=p, delay=delay, seed=rng.randrange(2**32))
        for k, v in r.at().items():
            totals[k] += v
        believes.update(v for v, (_, m) in r.heard.items() if m == RUMOUR)
    n = G.number_of_nodes() * runs
    return RaceOdds(runs=runs, rumour_share=totals[RUMOUR] / n, correction_share=totals[CORRECTION] / n,
                    neither_share=totals["neither"] / n,
                    believes_rumour={v: believes[v] / runs for v in G})


def first_reached(result: Race, communities: Sequence[set], t: int | None = None) -> list[dict]:
    """For each community, the first step at which each message reached one of its members.

    Returns
    -------
    list of dict
        One ``{"rumour": step or None, "correction": step or None}`` per community, counting
        only steps up to ``t`` (default: the end of the race).

    Examples
    --------
    >>> r = race(nx.path_graph(4), rumour=0, correction=3, p=1.0)
    >>> first_reached(r, [{0, 1}, {2, 3}])
    [{'rumour': 0, 'correction': None}, {'rumour': None, 'correction': 0}]
    """
    t = result.duration if t is None else t
    out = []
    for c in communities:
        first = {RUMOUR: None, CORRECTION: None}
        for v in c:
            if v in result.heard:
                s, m = result.heard[v]
                if s <= t and (first[m] is None or s < first[m]):
                    first[m] = s
        out.append(first)
    return out


def race_verdict(result: Race, communities: Sequence[set] | None = None, t: int | None = None) -> str:
    """Plain sentences on the state of the race after step ``t``, computed from ``result``.

    The first sentence says whether the rumour is still spreading or has stalled and how
    many believe each message; if ``communities`` are given, the second says which message
    reached the other communities (those the rumour did not start in) first.

    Examples
    --------
    >>> r = race(nx.path_graph(4), rumour=0, correction=3, p=1.0)
    >>> race_verdict(r, [{0, 1}, {2, 3}])
    'The rumour has stalled (step 1): 50% believe it, 50% heard the correction first. The correction reached the other community first.'
    """
    t = result.duration if t is None else max(0, int(t))
    s = result.shares(t)
    counts = f"{s[RUMOUR]:.0%} believe it, {s[CORRECTION]:.0%} heard the correction first"
    if result.correction is None:
        counts = f"{s[RUMOUR]:.0%} believe it; no correction was sent"
    elif result.delay > t:
        counts = f"{s[RUMOUR]:.0%} believe it; the correction starts at step {result.delay}"
    if t >= result.stalled_at:
        text = f"The rumour has stalled (step {result.stalled_at}): {counts}."
    else:
        text = f"Step {t}: the rumour is still spreading; {counts}."
    if communities is None or len(communities) < 2:
        return text
    home = membership(communities).get(result.rumour)
    others = [i for i in range(len(communities)) if i != home]
    first = first_reached(result, communities, t)
    correction_first = rumour_first = same = 0
    for i in others:
        r, c = first[i][RUMOUR], first[i][CORRECTION]
        if c is not None and (r is None or c < r):
            correction_first += 1
        elif r is not None and (c is None or r < c):
            rumour_first += 1
        elif r is not None:
            same += 1
    if len(others) == 1:
        if correction_first:
            tail = "The correction reached the other community first."
        elif rumour_first:
            tail = "The rumour reached the other community first."
        elif same:
            tail = "Both messages reached the other community in the same step."
        else:
            tail = "Neither message has reached the other community yet."
    else:
        neither = len(others) - correction_first - rumour_first - same
        tail = (f"Of the {len(others)} other communities, {correction_first} heard the correction first, "
                f"{rumour_first} the rumour first" + (f", {same} both in the same step" if same else "")
                + (f", {neither} neither yet" if neither else "") + ".")
    return text + " " + tail


#: Where a correction can start, relative to the rumour (see :func:`correction_source`).
PLACEMENTS = ("inside", "bridge", "other")


def correction_source(G: nx.Graph, communities: Sequence[set], rumour, where: str = "inside"):
    """Pick who starts the correction, relative to where the rumour starts.

    Parameters
    ----------
    G : networkx.Graph
        The network.
    communities : list of set
        A division of everyone into communities.
    rumour : node
        Who starts the rumour.
    where : {"inside", "bridge", "other"}
        ``"inside"``: the best-connected person (:func:`hub`) of the rumour's own community,
        other than the rumour's source; ``"bridge"``: the least constrained broker
        (:func:`brokerage`) other than the rumour's source; ``"other"``: the best-connected
        person of the largest community the rumour did not start in.

    Returns
    -------
    node

    Raises
    ------
    P2PKitError
        If there is nobody in that position (for example ``"other"`` with one community).

    Examples
    --------
    >>> G = nx.barbell_graph(4, 0)
    >>> comms = [set(range(4)), set(range(4, 8))]
    >>> [correction_source(G, comms, 0, w) for w in PLACEMENTS]
    [3, 3, 4]
    """
    member = _check_division(_undirected(G), [set(c) for c in communities])
    if rumour not in member:
        raise P2PKitError(f"the rumour's starting person {rumour!r} is not in the network.")
    home = member[rumour]
    if where == "inside":
        pool = set(communities[home]) - {rumour}
        if not pool:
            raise P2PKitError("the rumour starts alone in its community: nobody else there can start the correction.")
        return hub(G, pool)
    if where == "bridge":
        pool = [v for v in brokerage(G, communities).brokers if v != rumour]
        if not pool:
            raise P2PKitError("nobody bridges two communities here: choose 'inside' or 'other'.")
        return pool[0]
    if where == "other":
        others = [c for i, c in enumerate(communities) if i != home]
        if not others:
            raise P2PKitError("there is only one community: there is no other community to start in.")
        return hub(G, max(others, key=len))
    raise P2PKitError(f"where must be one of {', '.join(PLACEMENTS)}; got {where!r}.")


def compare_placements(G: nx.Graph, communities: Sequence[set], rumour, delays: Sequence[int] = (0, 1, 2),
                       p: float = 0.5, runs: int = 300, seed: int | None = 0) -> dict:
    """Expected share believing the rumour for each place the correction could start, and each delay.

    Returns
    -------
    dict
        ``{(where, delay): RaceOdds}`` for ``where`` in :data:`PLACEMENTS` (those that exist
        here) and ``("none", 0)`` for no correction at all; every entry uses the same
        ``seed``, so the comparisons share their random numbers.

    Examples
    --------
    >>> G = nx.barbell_graph(4, 0)
    >>> out = compare_placements(G, [set(range(4)), set(range(4, 8))], 0, delays=(0,), p=1.0, runs=1)
    >>> out[("none", 0)].rumour_share, out[("other", 0)].rumour_share, out[("inside", 0)].rumour_share
    (1.0, 0.375, 0.125)
    """
    out = {("none", 0): expected_race(G, rumour, None, p=p, runs=runs, seed=seed)}
    for where in PLACEMENTS:
        try:
            source = correction_source(G, communities, rumour, where)
        except P2PKitError:
            continue
        for d in delays:
            out[(where, d)] = expected_race(G, rumour, source, p=p, delay=d, runs=runs, seed=seed)
    return out
