"""The seed essay's own AI claim: a hierarchy struggles to integrate AI that needs data streams.

Chapter 10 of the companion tests the claim that AI "thrives in decentralized environments
where it can tap into data streams", and that a strictly hierarchical organisation will
struggle to integrate it. An AI agent is only as good as the live data that reaches it.
The model follows each data stream from the person who holds it to the nearest AI agent:

- **a hierarchy** attaches its AI agents where authority sits: to managers (one agent: to
  the top). A stream held at the front line reaches the nearest agent either *relayed* --
  every manager on the way passes it on, keeping a share ``keep`` of the detail and taking
  ``relay_hours`` (the relay model of :func:`p2pkit.decay.fidelity`) -- or as a *direct feed
  that each manager on the way has to approve* (full detail, ``approval_hours`` per approval);
- **a peer network** of the same people lets the same number of agents attach where the data
  is: each tied to a person who holds a stream. Other streams are relayed to the nearest
  agent by peers, with the same ``keep`` and ``relay_hours`` and no approvals.

In both designs the agents are placed so that the streams are as few hand-offs away as
possible (:func:`place_agents`).

When the data is already **pooled** in one central store (a data warehouse), every stream
sits in the store and the agents of either design attach to it.

:func:`stream_access` measures one design: for each stream the people who relay it, the
approvals it needs, the hours it takes and the share of its detail that arrives, and which
streams arrive within a latency ``budget``. :func:`compare_designs` builds both designs and
:func:`ai_verdict` says in plain words where the claim holds and where it does not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from . import orgs
from .decay import fidelity
from .errors import P2PKitError, require_graph, require_probability, require_whole_number
from .seeding import rng

__all__ = [
    "ACCESS",
    "DATA",
    "DESIGNS",
    "STORE",
    "AIComparison",
    "StreamAccess",
    "ai_verdict",
    "compare_designs",
    "place_agents",
    "stream_access",
]

#: The two designs :func:`compare_designs` builds, in the order figures show them.
DESIGNS = ("hierarchy", "peer network")
#: Where the data sits.
DATA = ("edge", "pooled")
#: How streams reach the hierarchy's agent.
ACCESS = ("relayed", "approved feed")
#: The node that stands for the central data store.
STORE = "store"


def _hours(name: str, value) -> float:
    """``value`` as a finite number of hours, 0 or more, or a P2PKitError naming it (an amount:
    :mod:`p2pkit.errors` has validators for whole numbers and probabilities, not for amounts)."""
    if isinstance(value, bool):
        raise P2PKitError(f"{name} must be a number of hours; got {value!r}.")
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise P2PKitError(f"{name} must be a number of hours; got {value!r}.") from None
    if not math.isfinite(x) or x < 0:
        raise P2PKitError(f"{name} must be 0 hours or more; got {value!r}.")
    return x


# --------------------------------------------------------------------------- one design


@dataclass(frozen=True)
class StreamAccess:
    """How each data stream reaches the nearest AI agent in one design (see :func:`stream_access`).

    Per stream (in the order of ``holders``): ``host`` the person (or store) the nearest
    agent is attached to, ``relays`` the people who pass the stream on (the holder not
    counted; 0 when the agent is attached to the holder), ``approvals`` the approvals it
    waits for, ``hours`` the time it takes, ``fidelity`` the share of its detail that
    arrives. ``reachable`` marks the streams that arrive within ``budget`` hours.
    """

    holders: tuple
    hosts: tuple
    host: tuple
    relays: np.ndarray
    approvals: np.ndarray
    hours: np.ndarray
    fidelity: np.ndarray
    budget: float
    routes: tuple = field(default=(), repr=False)

    @property
    def streams(self) -> int:
        return len(self.holders)

    @property
    def reachable(self) -> np.ndarray:
        return self.hours <= self.budget + 1e-9

    @property
    def reached(self) -> int:
        """Streams that arrive within the budget."""
        return int(self.reachable.sum())

    @property
    def usable(self) -> float:
        """Share of all the detail in all the streams that arrives within the budget."""
        return float(self.fidelity[self.reachable].sum() / self.streams) if self.streams else 0.0

    def usable_by(self, hours: float) -> float:
        """:attr:`usable` had the budget been ``hours`` (the detail arrived by then, as a share of all of it).

        Examples
        --------
        >>> a = stream_access(orgs.hierarchy(3, 2), [3, 4, 5, 6], [0], keep=0.9, budget=0)
        >>> a.usable, round(a.usable_by(2), 2)
        (0.0, 0.81)
        """
        h = _hours("hours", hours)
        ok = self.hours <= h + 1e-9
        return float(self.fidelity[ok].sum() / self.streams) if self.streams else 0.0

    @property
    def mean_fidelity(self) -> float:
        """Share of the detail that arrives, averaged over the streams that arrive in time (nan if none)."""
        return float(self.fidelity[self.reachable].mean()) if self.reached else math.nan


def stream_access(G: nx.Graph, holders, hosts, keep: float = 0.9, relay_hours: float = 1.0, budget: float = 4.0,
                  approvers=(), approval_hours: float = 0.0, direct: bool = False) -> StreamAccess:
    """Follow each stream from its holder to the nearest agent host, and time and measure it.

    Parameters
    ----------
    G : networkx.Graph
        The people (and the store, if any) and their ties.
    holders : sequence
        Who holds each stream (a person may hold several; the store holds pooled ones).
    hosts : sequence
        Where the agents are attached. A stream goes to the host fewest hand-offs away (the
        first in ``hosts`` on ties), along a shortest path.
    keep : float, default 0.9
        Share of the detail each person who relays a stream passes on.
    relay_hours : float, default 1
        Hours each person who relays a stream takes.
    budget : float, default 4
        Hours within which a stream is of use to the agent.
    approvers : iterable, default ()
        People who must approve a stream that passes them (managers on the route).
    approval_hours : float, default 0
        Hours each approval takes.
    direct : bool, default False
        ``True``: the stream is a direct feed once approved -- it keeps all its detail and
        takes ``approvals x approval_hours``. ``False``: it is relayed -- it keeps
        ``keep ** relays`` of its detail (:func:`p2pkit.decay.fidelity`) and takes
        ``relays x relay_hours + approvals x approval_hours``.

    Returns
    -------
    StreamAccess

    Notes
    -----
    The agent itself is not a person: a stream attached straight to its host's agent has no
    relays (a machine feed takes no time and loses nothing). The relays are the people
    strictly between the holder and the agent: the host, and everyone between the holder
    and the host.

    References
    ----------
    Bartlett, F. C. (1932). *Remembering*. Cambridge University Press (the serial
    reproduction behind :func:`p2pkit.decay.fidelity`).

    Examples
    --------
    >>> G = orgs.hierarchy(3, 2)                     # top 0, managers 1-2, staff 3-6
    >>> a = stream_access(G, [3, 4, 5, 6], [0], keep=0.9, budget=2)
    >>> a.relays.tolist(), round(a.usable, 2)
    ([2, 2, 2, 2], 0.81)
    """
    require_graph(G, undirected=True, what="following data streams")
    holders, hosts = list(holders), list(hosts)
    if not hosts:
        raise P2PKitError("give at least one place where an agent is attached (hosts).")
    for who, what in ((holders, "holder"), (hosts, "host")):
        missing = [v for v in who if v not in G]
        if missing:
            raise P2PKitError(f"the {what} {missing[0]!r} is not in the network.")
    q = require_probability("keep", keep)
    rh = _hours("relay_hours", relay_hours)
    ah = _hours("approval_hours", approval_hours)
    b = _hours("budget", budget)
    need = set(approvers)
    # one breadth-first search from the hosts: distance and route to the nearest host
    dist, paths = nx.multi_source_dijkstra(G, hosts, weight=None)
    relays, approvals, hours, fid, host, routes = [], [], [], [], [], []
    for s in holders:
        if s not in dist:
            relays.append(-1)
            approvals.append(0)
            hours.append(math.inf)
            fid.append(0.0)
            host.append(None)
            routes.append(())
            continue
        path = list(reversed(paths[s]))            # holder ... host
        h = path[-1]
        r = len(path) - 1                          # people strictly between holder and agent
        a = sum(1 for v in path[1:] if v in need)
        relays.append(r)
        approvals.append(a)
        host.append(h)
        routes.append(tuple(path))
        if direct:
            fid.append(1.0)
            hours.append(a * ah)
        else:
            fid.append(fidelity(r, q))
            hours.append(r * rh + a * ah)
    return StreamAccess(tuple(holders), tuple(hosts), tuple(host), np.array(relays), np.array(approvals),
                        np.array(hours, dtype=float), np.array(fid, dtype=float), b, tuple(routes))


def place_agents(G: nx.Graph, holders, agents: int, candidates=None) -> list:
    """Where to attach ``agents`` agents so that the streams are few hand-offs away: greedily.

    Each new agent goes to the candidate that most reduces the total hand-offs from every
    stream to its nearest agent (ties: the first candidate in order); then agents are moved
    one at a time to another candidate while that lowers the total (single-swap local search
    for the k-median problem: near the best placement, not always exactly at it). One agent
    lands on a 1-median. The agents are returned in the order of ``candidates``.

    Parameters
    ----------
    G : networkx.Graph
    holders : sequence
        Who holds each stream.
    agents : int
        How many agents (at most one per candidate).
    candidates : sequence, optional
        Where agents may be attached (default: the holders themselves -- "where the data is";
        a hierarchy attaches them to managers).

    Returns
    -------
    list
        The candidates chosen.

    Raises
    ------
    P2PKitError
        If ``G`` is not a network, ``agents`` is not a whole number of at least 1, or a
        candidate is not in ``G``.

    Notes
    -----
    networkx measures how far apart people are (its shortest paths are used here) but has no
    routine that places several facilities for the least total distance, so the greedy start
    and the swaps are written here.

    References
    ----------
    Hakimi, S. L. (1964). Optimum locations of switching centers and the absolute centers and
    medians of a graph. *Operations Research* 12(3), 450-459.
    Arya, V., Garg, N., Khandekar, R., Meyerson, A., Munagala, K., & Pandit, V. (2004). Local
    search heuristics for k-median and facility location problems. *SIAM Journal on
    Computing* 33(3), 544-562.

    Examples
    --------
    >>> place_agents(nx.path_graph(5), [0, 1, 2, 3, 4], 1)
    [2]
    >>> place_agents(nx.path_graph(5), [0, 4], 1, candidates=[1, 2])
    [1]
    """
    require_graph(G, what="placing agents")
    holders = list(holders)
    k = require_whole_number("agents", agents, minimum=1)
    candidates = list(dict.fromkeys(holders if candidates is None else candidates))
    if not candidates or not holders:
        raise P2PKitError("there are no streams, or nowhere to attach agents.")
    missing = [v for v in candidates if v not in G]
    if missing:
        raise P2PKitError(f"{missing[0]!r} is not in the network; attach agents to people who are.")
    k = min(k, len(candidates))
    index = {v: i for i, v in enumerate(candidates)}
    D = np.full((len(candidates), len(holders)), np.inf)
    for v in candidates:
        lengths = nx.single_source_shortest_path_length(G, v)
        D[index[v]] = [lengths.get(s, np.inf) for s in holders]
    chosen: list[int] = []
    best = np.full(len(holders), np.inf)
    for _ in range(k):
        totals = np.minimum(D, best[None, :]).sum(axis=1)
        totals[chosen] = np.inf
        pick = int(np.argmin(totals))
        chosen.append(pick)
        best = np.minimum(best, D[pick])

    def cost(rows):
        return float(D[rows].min(axis=0).sum())

    # then improve by swapping one agent's place at a time while that lowers the total (local search)
    current = cost(chosen)
    improved = True
    while improved:
        improved = False
        for i in range(len(chosen)):
            for j in range(len(candidates)):
                if j in chosen:
                    continue
                trial = chosen[:i] + [j] + chosen[i + 1:]
                c = cost(trial)
                if c < current - 1e-9:
                    chosen, current, improved = trial, c, True
    return [candidates[i] for i in sorted(chosen)]


# --------------------------------------------------------------------------- two designs


@dataclass(frozen=True)
class AIComparison:
    """Both designs of :func:`compare_designs`, with the networks they were measured on."""

    data: str
    access: str
    agents: int
    keep: float
    relay_hours: float
    approval_hours: float
    budget: float
    networks: dict
    results: dict


def compare_designs(levels: int = 4, span: int = 3, data: str = "edge", access: str = "relayed", agents: int = 1,
                    keep: float = 0.9, relay_hours: float = 1.0, approval_hours: float = 8.0, budget: float = 4.0,
                    seed: int | None = 0) -> AIComparison:
    """A hierarchy with one central AI agent against a peer network whose agents attach where the data is.

    Parameters
    ----------
    levels, span : int, default 4 and 3
        The chart (:func:`p2pkit.orgs.hierarchy`); its front line holds one stream each.
        The peer network has the same people, each tied to about 4 peers
        (:func:`p2pkit.orgs.peer_mesh`, seeded), placed on its ring in a seeded random order
        (graph attribute ``ring_order``: who stands where on the ring).
    data : {"edge", "pooled"}, default "edge"
        Streams held by the front line, or pooled in a central store (run from the top).
    access : {"relayed", "approved feed"}, default "relayed"
        How streams reach the hierarchy's agent (see the module docstring).
    agents : int, default 1
        Agents in each design. The hierarchy attaches them to managers (one agent: the top),
        the peer network to people who hold streams; both greedily (:func:`place_agents`).
    keep, relay_hours, approval_hours, budget : see :func:`stream_access`.
    seed : int or None, default 0
        The peer network's random ties.

    Returns
    -------
    AIComparison
        ``networks`` and ``results`` map each of :data:`DESIGNS` to its network (with the
        store when the data is pooled) and its :class:`StreamAccess`.

    Examples
    --------
    >>> c = compare_designs()
    >>> c.results["hierarchy"].reached, round(c.results["hierarchy"].mean_fidelity, 3)
    (27, 0.729)
    """
    if data not in DATA:
        raise P2PKitError(f"data must be 'edge' (held where it arises) or 'pooled' (in a central store); got {data!r}.")
    if access not in ACCESS:
        raise P2PKitError(f"access must be 'relayed' or 'approved feed'; got {access!r}.")
    agents = require_whole_number("agents", agents, minimum=1)
    chart = orgs.hierarchy(levels, span)
    n = chart.number_of_nodes()
    if n < 5:
        raise P2PKitError("use a chart of at least 5 people (more levels or a wider span).")
    ring = orgs.peer_mesh(n, k=min(4, n - 1), rewire=0.1, seed=seed)
    # the same people in random places on the ring, so that the front line is not one arc of it
    order = [int(v) for v in rng(seed).permutation(n)]
    mesh = nx.relabel_nodes(ring, dict(enumerate(order)))
    mesh.graph["ring_order"] = order
    front = [v for v, d in chart.nodes(data=True) if d.get("role") == "staff"]
    managers = [v for v, d in chart.nodes(data=True) if d.get("role") in ("top", "manager")]
    networks, results = {}, {}
    for design, G in (("hierarchy", chart), ("peer network", mesh)):
        H = G.copy()
        if data == "pooled":
            H.add_edge(STORE, 0)
            holders, hosts = [STORE] * len(front), [STORE]
        elif design == "hierarchy":
            holders, hosts = front, place_agents(H, front, agents, candidates=managers)
        else:
            holders, hosts = front, place_agents(H, front, agents)
        if design == "hierarchy" and data == "edge":
            res = stream_access(H, holders, hosts, keep, relay_hours, budget, approvers=managers,
                                approval_hours=approval_hours if access == "approved feed" else 0.0,
                                direct=access == "approved feed")
        else:
            res = stream_access(H, holders, hosts, keep, relay_hours, budget)
        networks[design], results[design] = H, res
    return AIComparison(data, access, agents, float(keep), float(relay_hours), float(approval_hours),
                        float(budget), networks, results)


# --------------------------------------------------------------------------- verdict


def _h(x: float) -> str:
    if not math.isfinite(x):
        return "never"
    return f"{x:g} hour{'s' if x != 1 else ''}"


def _said(res: StreamAccess) -> str:
    if not res.reached:
        return f"none of the {res.streams} streams"
    return f"{res.reached} of {res.streams} streams, keeping {res.mean_fidelity:.0%} of their detail"


def ai_verdict(c: AIComparison) -> str:
    """Plain sentences: which design's AI gets the data, how complete and how fresh, and why.

    Examples
    --------
    >>> print(ai_verdict(compare_designs(agents=3)))  # doctest: +NORMALIZE_WHITESPACE
    With the data at the front line, within 4 hours the hierarchy's 3 AI agents, attached to
    managers, get 27 of 27 streams, keeping 81% of their detail (each is passed on by 2
    managers); the peer network's 3 agents, attached where the data is, get 27 of 27 streams,
    keeping 86% of their detail. Of all the detail in all the streams, 81% reaches the
    hierarchy's AI in time and 86% the network's. Here the claim holds: fewer hand-offs between
    the data and the AI mean more of it arrives, sooner. Pool the data in a central store and
    the difference disappears: the advantage comes from where the data sits.
    """
    hier, peer = c.results["hierarchy"], c.results["peer network"]
    ag = f"{c.agents} agents" if c.agents > 1 else "agent"
    hag = f"{c.agents} AI agents, attached to managers," if c.agents > 1 else "central AI"
    if c.data == "pooled":
        text = (f"With every stream already pooled in a central store, an agent attached to the store reads all "
                f"{hier.streams} of them at once in either design: the hierarchy gets {_said(hier)}, the peer network "
                f"{_said(peer)}. Where the data sits decides, not the chart: here the hierarchy integrates AI as well "
                "as the network, and the claim does not hold.")
        return text
    lo, most = (int(hier.relays.min()), int(hier.relays.max())) if hier.relays.size else (0, 0)
    span = f"{lo} to {most}" if lo != most else f"{most}"
    how = (("each is passed on by " + (f"{span} manager{'s' if most != 1 else ''}" if most else "no one"))
           if c.access == "relayed" else
           f"each needs up to {int(hier.approvals.max())} approvals of {_h(c.approval_hours)}")
    text = (f"With the data at the front line, within {_h(c.budget)} the hierarchy's {hag} get{'s' if c.agents == 1 else ''} "
            f"{_said(hier)} "
            f"({how}); the peer network's {ag}, attached where the data is, get{'s' if c.agents == 1 else ''} "
            f"{_said(peer)}. Of all the detail in all the streams, {hier.usable:.0%} reaches the hierarchy's AI in "
            f"time and {peer.usable:.0%} the network's.")
    if peer.usable > hier.usable + 0.005:
        text += (" Here the claim holds: " + ("no approvals and " if c.access == "approved feed" else "")
                 + "fewer hand-offs between the data and the AI mean more of it arrives, sooner.")
    elif hier.usable > peer.usable + 0.005:
        if c.access == "approved feed":
            why = "its approved feeds arrive whole, if late."
        elif peer.reached < hier.reached:
            why = (f"{hier.reached - peer.reached} stream{'s are' if hier.reached - peer.reached > 1 else ' is'} too "
                   "many hand-offs from the network's agents to arrive in time; it takes more agents.")
        else:
            why = "its agents are fewer hand-offs from the data."
        text += " Here the hierarchy does better: " + why
    else:
        text += " Here the two designs do about as well."
    if c.access == "approved feed":
        wait = float(hier.hours.max()) if hier.streams else 0.0
        text += (f" The approved feeds keep all their detail but take {_h(wait)}"
                 + (": with a shorter budget the hierarchy's AI works on nothing live." if wait > c.budget else "."))
    text += (" Pool the data in a central store and the difference disappears: the advantage comes from where the "
             "data sits.")
    return text
