"""Routes in an organisation: decisions followed from the people at the data to the decider.

- :func:`hops_to_decider` -- hand-offs on the shortest route from the data to a decider;
- :class:`Flow` -- how decisions arise and how information travels (the settings);
- :func:`journey` -- sampled decisions, their hand-offs, detail kept and hours to decision,
  with every relay and decider a queue (:func:`p2pkit.decisions.mm1`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import networkx as nx
import numpy as np
from scipy.sparse.csgraph import shortest_path

from ..decisions import mm1
from ..decisions._checks import _check_number  # decay is built on the decision queues
from ..errors import P2PKitError, require_graph, require_probability, require_whole_number
from ..seeding import rng

__all__ = ["HOURS_PER_DAY", "Journey", "Flow", "hops_to_decider", "journey"]

#: Working hours in a day: decision and relay rates are given per day, times in hours.
HOURS_PER_DAY = 8.0


def hops_to_decider(G: nx.Graph, source, decider) -> int:
    """Number of hand-offs on the shortest route from ``source`` (the data) to ``decider``.

    Breadth-first search: Dijkstra's (1959) shortest routes with every hand-off counting 1.

    Examples
    --------
    >>> from p2pkit.orgs import hierarchy
    >>> hops_to_decider(hierarchy(4, 2), 14, 0)   # a frontline person to the top of 4 levels
    3
    """
    for v, name in ((source, "source"), (decider, "decider")):
        if v not in G:
            raise P2PKitError(f"the {name} {v!r} is not in the network.")
    try:
        return int(nx.shortest_path_length(G, source, decider))
    except nx.NetworkXNoPath:
        raise P2PKitError(f"there is no route from {source!r} to {decider!r}: the network is not connected.") from None


@dataclass(frozen=True)
class Journey:
    """Sampled decisions travelling through one organisation (see :func:`journey`).

    Hours are working hours; ``inf`` when some relay or decider on the way receives more
    than they can handle (their backlog grows without limit).

    Per person (only people with some load are listed): ``decide_share`` -- the share of all
    decisions they take; ``decide_utilisation`` -- the share of their deciding time that is
    busy; ``relayed_per_day`` -- pieces of information they pass on per day;
    ``relay_utilisation`` -- the share of their relaying time that is busy (1 or more: their
    backlog grows without limit). These are the loads of Kleinrock's (1964) independence
    approximation that :func:`journey` uses for its queues.
    """

    shape: str
    people: int
    rule: str
    sources_per_decision: int
    mean_hops: float
    mean_farthest_hops: float
    fidelity: float
    transit_hours: float
    relay_wait_hours: float
    decide_hours: float
    hours: float
    deciders_used: int
    busiest_decider: object
    busiest_decider_share: float
    busiest_decider_utilisation: float
    busiest_relay_utilisation: float
    example_sources: tuple = field(default=())
    example_decider: object = None
    example_paths: tuple = field(default=())
    decide_share: dict = field(default_factory=dict)
    decide_utilisation: dict = field(default_factory=dict)
    relayed_per_day: dict = field(default_factory=dict)
    relay_utilisation: dict = field(default_factory=dict)

    @property
    def stable(self) -> bool:
        return math.isfinite(self.hours)


@dataclass(frozen=True)
class Flow:
    """How decisions arise and how their information travels: the settings of :func:`journey`.

    Every setting is checked when the ``Flow`` is made (a :class:`~p2pkit.errors.P2PKitError`
    says what to change). :func:`journey` and :func:`compare` also take them by keyword
    (``journey(G, keep=0.8)`` is ``journey(G, flow=Flow(keep=0.8))``).

    Attributes
    ----------
    keep : float, default 0.9
        Keep-or-lose relays: share of detail one hand-off keeps (:func:`fidelity`).
    sources_per_decision : int, default 1
        How many people each hold a piece of what a decision needs.
    decisions_per_day : float, default 8
        Decisions arising per working day in the whole organisation.
    decide_per_day : float, default 10
        Decisions one person can take per day.
    relay_per_day : float, default 40
        Pieces of information one person can pass on per day.
    hop_hours : float, default 1
        Hours one hand-off takes in transit (writing, waiting for the next meeting).
    relay : {"keep", "noise"}, default "keep"
        Relay model for the fidelity: :func:`fidelity` or :func:`noisy_fidelity`.
    noise_sd : float, default 0.5
        Noise one hand-off adds, for ``relay="noise"``.
    samples : int, default 300
        Decisions sampled (10 to 20,000).

    Examples
    --------
    >>> Flow(keep=0.8).fidelity(2)
    0.6400000000000001
    """

    keep: float = 0.9
    sources_per_decision: int = 1
    decisions_per_day: float = 8.0
    decide_per_day: float = 10.0
    relay_per_day: float = 40.0
    hop_hours: float = 1.0
    relay: str = "keep"
    noise_sd: float = 0.5
    samples: int = 300

    def __post_init__(self) -> None:
        if self.relay not in ("keep", "noise"):
            raise P2PKitError(f"relay must be 'keep' or 'noise'; got {self.relay!r}.")
        checked = dict(
            keep=require_probability("keep", self.keep),
            decisions_per_day=_check_number("decisions_per_day", self.decisions_per_day),
            decide_per_day=_check_number("decide_per_day", self.decide_per_day),
            relay_per_day=_check_number("relay_per_day", self.relay_per_day),
            hop_hours=_check_number("hop_hours", self.hop_hours, allow_zero=True),
            noise_sd=_check_number("noise_sd", self.noise_sd, allow_zero=True),
            samples=require_whole_number("samples (sampled decisions)", self.samples, minimum=10, maximum=20_000),
            sources_per_decision=require_whole_number("sources_per_decision", self.sources_per_decision, minimum=1),
        )
        for name, value in checked.items():
            object.__setattr__(self, name, value)

    def fidelity(self, hops: float) -> float:
        """Share of the detail one piece keeps over ``hops`` hand-offs, in this relay model."""
        return self.keep ** hops if self.relay == "keep" else 1.0 / (1.0 + hops * self.noise_sd * self.noise_sd)


def _flow(flow: Flow | None, settings: dict) -> Flow:
    """``flow`` (default ``Flow()``) with the settings given by keyword."""
    flow = Flow() if flow is None else flow
    if not isinstance(flow, Flow):
        raise P2PKitError("flow must be a Flow, like Flow(keep=0.8); or give the settings by keyword.")
    unknown = sorted(set(settings) - set(Flow.__dataclass_fields__))
    if unknown:
        raise P2PKitError(f"{unknown[0]!r} is not a setting of journey; the settings are: "
                          f"{', '.join(Flow.__dataclass_fields__)}.")
    return replace(flow, **settings) if settings else flow


def _frontline(G: nx.Graph) -> list:
    staff = [v for v, d in G.nodes(data=True) if d.get("role") == "staff"]
    return staff if staff else list(G)


def _wait_hours(load_per_day: float, capacity_per_day: float) -> float:
    """Mean hours in an M/M/1 queue (waiting plus handling), 0 for no load."""
    if load_per_day <= 0:
        return 0.0
    return mm1(load_per_day, capacity_per_day).time_in_system * HOURS_PER_DAY


def journey(
    G: nx.Graph,
    rule: str = "top",
    flow: Flow | None = None,
    *,
    seed: int | None = 0,
    top=0,
    frontline: list | None = None,
    shape: str | None = None,
    **settings,
) -> Journey:
    """Follow decisions from the people who hold the information to the person who decides.

    Each sampled decision needs information held by ``sources_per_decision`` people,
    drawn at random (without repetition) from the ``frontline``. Each piece travels from
    its holder to the decider along a shortest path; every person in between relays it.

    Parameters
    ----------
    G : networkx.Graph
        A connected, undirected organisation.
    rule : {"top", "nearest"}, default "top"
        Who decides. ``"top"``: the person ``top`` (a chain of command sends every decision
        up). ``"nearest"``: the person with the fewest hand-offs in total from the
        decision's sources (the 1-median; lowest node order on ties) -- with one source
        that is the person at the data.
    flow : Flow, optional
        How decisions arise and how information travels (:class:`Flow`: ``keep``,
        ``sources_per_decision``, ``decisions_per_day``, ``decide_per_day``,
        ``relay_per_day``, ``hop_hours``, ``relay``, ``noise_sd``, ``samples``); default
        ``Flow()``.
    seed : int or None, default 0
        The same seed gives the same sample.
    top : node, default 0
        The decider under ``rule="top"``.
    frontline : list, optional
        Who can hold information. Default: the bottom level of a
        :func:`p2pkit.orgs.hierarchy` (role ``"staff"``), everyone in any other network.
    shape : str, optional
        A name for the result; default ``G.graph["shape"]``.
    **settings
        Settings of :class:`Flow` by keyword, replacing those of ``flow``.

    Returns
    -------
    Journey
        Means over the sampled decisions: ``mean_hops`` per piece of information,
        ``mean_farthest_hops`` per decision (the farthest piece), ``fidelity`` per piece;
        ``hours`` is the time to decision: the slowest piece's transit
        (``hops * hop_hours``) plus its waits at each relay, plus the wait at the decider
        and the decision itself (``transit_hours + relay_wait_hours + decide_hours``, each
        averaged over decisions). Also the busiest decider and the utilisation of the
        busiest decider and relay, and every person's load (``decide_share``,
        ``decide_utilisation``, ``relayed_per_day``, ``relay_utilisation``).

    Notes
    -----
    Every relay and decider is treated as its own M/M/1 queue fed by the decisions and
    pieces that pass through it (:func:`p2pkit.decisions.mm1`): Kleinrock's (1964)
    independence approximation for networks of queues. Under ``rule="top"`` the loads are
    the exact expected ones (each piece comes from a uniformly drawn frontline person);
    under ``rule="nearest"`` with more than one source they are estimated from the
    sample. A person's relaying and deciding are separate queues (an optimistic
    simplification for someone who does both).

    References
    ----------
    Kleinrock, L. (1964). *Communication Nets: Stochastic Message Flow and Delay*.
    McGraw-Hill (the independence approximation).
    Hakimi, S. L. (1964). Optimum locations of switching centers and the absolute centers
    and medians of a graph. *Operations Research* 12(3), 450-459 (the 1-median).

    Examples
    --------
    >>> from p2pkit.orgs import hierarchy
    >>> j = journey(hierarchy(5, 2), rule="top", keep=0.9)
    >>> j.mean_hops, round(j.fidelity, 4)
    (4.0, 0.6561)
    """
    flow = _flow(flow, settings)
    if rule not in ("top", "nearest"):
        raise P2PKitError(f"rule must be 'top' (the chain of command decides) or 'nearest' "
                          f"(the person nearest the data decides); got {rule!r}.")
    _check_organisation(G)
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    front = list(frontline) if frontline is not None else _frontline(G)
    for v in front:
        if v not in index:
            raise P2PKitError(f"the frontline person {v!r} is not in the network.")
    F, m = len(front), flow.sources_per_decision
    if m > F:
        raise P2PKitError(f"a decision cannot need information from {m} people: only {F} people hold any. "
                          f"Use at most {F}.")
    if rule == "top" and top not in index:
        raise P2PKitError(f"the top {top!r} is not in the network.")
    front_idx = np.array([index[v] for v in front])
    # m different people per decision: the m smallest of F uniform numbers (a random subset)
    keys = rng(seed).random((flow.samples, F))
    draws = np.argpartition(keys, m - 1, axis=1)[:, :m] if m < F else np.argsort(keys, axis=1)
    src = front_idx[draws]  # (samples, m) node indices
    if rule == "top":
        routes = _routes_to_the_top(G, nodes, index, index[top], front_idx, flow.decisions_per_day, m, flow.samples)
    else:
        routes = _routes_to_the_nearest(G, nodes, src, front_idx, flow.decisions_per_day)
    return _journey(G, nodes, rule, flow, src, routes, shape)


def _check_organisation(G: nx.Graph) -> None:
    require_graph(G, minimum=2, undirected=True, what="journey() (information passed on)")
    if not nx.is_connected(G):
        raise P2PKitError("the network is not connected, so some information can never reach the decider; "
                          "connect it or study each part on its own.")


@dataclass
class _Routes:
    """Who decides each sampled decision, the route of a piece from ``s`` to decider ``d``
    (``route(s, d)``, node indices from ``s`` to ``d``), and everyone's load per day."""

    deciders: np.ndarray
    route: Callable[[int, int], list]
    relay_load: np.ndarray
    decide_load: np.ndarray


def _routes_to_the_top(G: nx.Graph, nodes: list, index: dict, t: int, front_idx: np.ndarray, lam: float,
                       m: int, samples: int) -> _Routes:
    """``rule="top"``: every piece climbs the shortest path to the top (``t``), who decides everything.

    The loads are the exact expected ones: every piece comes from a uniformly drawn frontline
    person, so each sends ``lam * m / len(frontline)`` pieces a day."""
    n, F = len(nodes), len(front_idx)
    relay_load, decide_load = np.zeros(n), np.zeros(n)
    paths_from_top = nx.single_source_shortest_path(G, nodes[t])
    path_idx = {index[v]: [index[u] for u in reversed(p)] for v, p in paths_from_top.items()}
    for s in front_idx:
        for u in path_idx[s][1:-1]:
            relay_load[u] += lam * m / F
    decide_load[t] = lam
    return _Routes(np.full(samples, t), lambda s, d: path_idx[s], relay_load, decide_load)


def _routes_to_the_nearest(G: nx.Graph, nodes: list, src: np.ndarray, front_idx: np.ndarray, lam: float) -> _Routes:
    """``rule="nearest"``: the 1-median of each decision's sources decides (lowest node order on ties).

    With one source that is the source itself (exact loads); with several, the loads are
    estimated from the sampled decisions (``src``, one row per decision)."""
    n, F = len(nodes), len(front_idx)
    S, m = src.shape
    relay_load, decide_load = np.zeros(n), np.zeros(n)
    if m == 1:
        for s in front_idx:
            decide_load[s] += lam / F
        return _Routes(src[:, 0].copy(), lambda s, d: [s], relay_load, decide_load)
    A = nx.to_scipy_sparse_array(G, nodelist=nodes, format="csr", weight=None)
    uniq = np.unique(src)
    row = {s: r for r, s in enumerate(uniq.tolist())}
    dist, pred = shortest_path(A, method="D", unweighted=True, indices=uniq, return_predecessors=True)
    rows = np.vectorize(row.get)(src)                          # (S, m) rows of dist
    deciders = dist.astype(np.int64)[rows].sum(axis=1).argmin(axis=1)
    cache: dict = {}

    def route(s: int, d: int) -> list:
        if (s, d) not in cache:
            r, path = row[s], [d]
            while path[-1] != s:
                path.append(int(pred[r, path[-1]]))
            cache[(s, d)] = path[::-1]
        return cache[(s, d)]

    for k in range(S):
        d = int(deciders[k])
        decide_load[d] += lam / S
        for s in src[k].tolist():
            for u in route(s, d)[1:-1]:
                relay_load[u] += lam / S
    return _Routes(deciders, route, relay_load, decide_load)


def _follow(src: np.ndarray, routes: _Routes, flow: Flow) -> dict:
    """Each sampled decision's pieces along their routes: hops, detail kept, hours, and the first one drawn."""
    relay_wait = {u: _wait_hours(routes.relay_load[u], flow.relay_per_day)
                  for u in np.flatnonzero(routes.relay_load).tolist()}
    decide_wait = {u: _wait_hours(routes.decide_load[u], flow.decide_per_day)
                   for u in np.flatnonzero(routes.decide_load).tolist()}
    hops_all, fid_all, far_hops, transit, rwait, dwait = [], [], [], [], [], []
    example = None
    for k in range(len(src)):
        d = int(routes.deciders[k])
        slowest = (-1.0, 0.0, 0.0)
        paths = [routes.route(s, d) for s in src[k].tolist()]
        for p in paths:
            h = len(p) - 1
            hops_all.append(h)
            fid_all.append(flow.fidelity(h))
            w = sum(relay_wait[u] for u in p[1:-1])
            if h * flow.hop_hours + w > slowest[0]:
                slowest = (h * flow.hop_hours + w, h * flow.hop_hours, w)
        far_hops.append(max(len(p) - 1 for p in paths))
        transit.append(slowest[1])
        rwait.append(slowest[2])
        dwait.append(decide_wait[d])
        if example is None:
            example = (src[k].tolist(), d, paths)
    return dict(mean_hops=float(np.mean(hops_all)), mean_farthest_hops=float(np.mean(far_hops)),
                fidelity=float(np.mean(fid_all)), transit_hours=float(np.mean(transit)),
                relay_wait_hours=float(np.mean(rwait)), decide_hours=float(np.mean(dwait)), example=example)


def _journey(G: nx.Graph, nodes: list, rule: str, flow: Flow, src: np.ndarray, routes: _Routes,
             shape: str | None) -> Journey:
    """The :class:`Journey`: the means of :func:`_follow` and everyone's load."""
    walked = _follow(src, routes, flow)
    sources, decider, paths = walked.pop("example")
    lam, load_d, load_r = flow.decisions_per_day, routes.decide_load, routes.relay_load
    counts = np.bincount(routes.deciders.astype(np.int64), minlength=len(nodes))
    busiest = int(np.argmax(load_d))
    util_d, util_r = load_d / flow.decide_per_day, load_r / flow.relay_per_day
    deciding, relaying = np.flatnonzero(load_d).tolist(), np.flatnonzero(load_r).tolist()
    return Journey(
        shape=shape or str(G.graph.get("shape", "network")),
        people=len(nodes),
        rule=rule,
        sources_per_decision=flow.sources_per_decision,
        **walked,
        hours=walked["transit_hours"] + walked["relay_wait_hours"] + walked["decide_hours"],
        deciders_used=int((counts > 0).sum()),
        busiest_decider=nodes[busiest],
        busiest_decider_share=float(load_d[busiest] / lam),
        busiest_decider_utilisation=float(util_d.max()),
        busiest_relay_utilisation=float(util_r.max()),
        example_sources=tuple(nodes[s] for s in sources),
        example_decider=nodes[decider],
        example_paths=tuple(tuple(nodes[u] for u in p) for p in paths),
        decide_share={nodes[u]: float(load_d[u] / lam) for u in deciding},
        decide_utilisation={nodes[u]: float(util_d[u]) for u in deciding},
        relayed_per_day={nodes[u]: float(load_r[u]) for u in relaying},
        relay_utilisation={nodes[u]: float(util_r[u]) for u in relaying},
    )
