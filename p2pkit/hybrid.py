"""Hybrid human and AI networks: one AI hub, or AI agents embedded in the teams.

Chapter 10 of the companion treats AI agents as nodes that work fast and never tire, and
compares two ways of adding them to an organisation of small human teams (each team a
full mesh, as in :func:`p2pkit.scaling.team_of_teams`):

- **AI hub** (:func:`hub_design`): one AI agent that every person is tied to and every
  request goes through. It is fast, but it carries all the traffic and is a single point
  of failure.
- **Embedded agents** (:func:`embedded_design`): one agent in each team, tied to its
  members; the agents are tied to each other. A request that needs another team's
  knowledge (a share ``cross_team`` of them) also visits that team's agent.

Time to decision is the mean time a request spends at the AI nodes, waiting and being
served: each node is an M/M/1 queue (:func:`mm1_time_in_system`; Kleinrock 1975), checked
by simulation (:func:`simulate_queue`, Lindley's 1952 recursion); the embedded agents form
an open network of such queues (Jackson 1957). :func:`compare_designs` measures both
designs and :func:`verdict` compares them in plain sentences.

Units: rates are requests per hour, times are minutes.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, asdict
from functools import lru_cache

import networkx as nx
import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from .errors import P2PKitError
from .measures import betweenness
from .scaling import team_sizes

__all__ = [
    "DESIGNS",
    "mm1_time_in_system",
    "QueueRun",
    "simulate_queue",
    "hub_design",
    "embedded_design",
    "people_still_in_touch",
    "decision_minutes",
    "HybridProfile",
    "compare_designs",
    "verdict",
    "Failure",
    "failure",
    "failure_verdict",
    "ai_utilisation",
    "most_harmful_ai",
    "in_touch_without_each",
]

#: The two designs compared by :func:`compare_designs`.
DESIGNS = ("AI hub", "embedded agents")


def _rate(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise P2PKitError(f"{name} must be a number; got {value!r}.")
    v = float(value)
    if not math.isfinite(v) or v < 0:
        raise P2PKitError(f"{name} must be a number from 0 up; got {value!r}.")
    return v


# --------------------------------------------------------------------------- queues


def mm1_time_in_system(arrival_rate: float, service_rate: float) -> float:
    """Mean time a request spends at a single server (waiting plus service): ``1 / (mu - lambda)``.

    Requests arrive at random (a Poisson stream, ``arrival_rate`` per unit of time) and
    take an exponentially distributed time to serve (``service_rate`` per unit of time)
    one at a time: the M/M/1 queue.

    Parameters
    ----------
    arrival_rate : float
        lambda, requests per unit of time.
    service_rate : float
        mu, requests the server could finish per unit of time if never idle (> 0).

    Returns
    -------
    float
        Mean time in the system, in the same unit of time; ``inf`` when
        ``arrival_rate >= service_rate`` (the queue grows without limit: saturation).

    References
    ----------
    Kleinrock, L. (1975). *Queueing Systems, Volume 1: Theory*. Wiley (section 3.2).

    Examples
    --------
    >>> mm1_time_in_system(300, 600)  # hours: 12 seconds
    0.0033333333333333335
    >>> mm1_time_in_system(600, 600)
    inf
    """
    lam = _rate("arrival_rate", arrival_rate)
    mu = _rate("service_rate", service_rate)
    if mu <= 0:
        raise P2PKitError("service_rate must be above 0 (a server that never finishes anything).")
    return math.inf if lam >= mu else 1.0 / (mu - lam)


@dataclass(frozen=True)
class QueueRun:
    """A simulated single-server queue (see :func:`simulate_queue`); times in the unit of the rates."""

    requests: int
    mean_time: float
    mean_wait: float
    utilisation: float
    last_wait: float

    def as_dict(self) -> dict:
        return asdict(self)


def simulate_queue(arrival_rate: float, service_rate: float, requests: int = 20_000,
                   seed: int | None = 0) -> QueueRun:
    """Simulate ``requests`` requests through one server, first come first served.

    Gaps between arrivals and service times are drawn from exponential distributions; the
    wait of each request follows Lindley's recursion ``W[k+1] = max(0, W[k] + S[k] - A[k+1])``,
    computed at once as ``W[k] = X[k] - min(X[0..k])`` with ``X`` the running sum of
    ``S - A``.

    Parameters
    ----------
    arrival_rate, service_rate : float
        As in :func:`mm1_time_in_system`; ``arrival_rate`` must be above 0.
    requests : int, default 20,000
    seed : int or None, default 0

    Returns
    -------
    QueueRun
        ``mean_time`` tends to :func:`mm1_time_in_system` as ``requests`` grows when the
        server is not saturated; when it is, ``last_wait`` shows the queue still growing.

    References
    ----------
    Lindley, D. V. (1952). The theory of queues with a single server. *Mathematical
    Proceedings of the Cambridge Philosophical Society* 48(2), 277-289.

    Kleinrock, L. (1975). *Queueing Systems, Volume 1: Theory*. Wiley.

    Examples
    --------
    >>> run = simulate_queue(1.0, 2.0, requests=200_000, seed=1)
    >>> abs(run.mean_time - mm1_time_in_system(1.0, 2.0)) < 0.05
    True
    """
    lam = _rate("arrival_rate", arrival_rate)
    mu = _rate("service_rate", service_rate)
    if lam <= 0 or mu <= 0:
        raise P2PKitError("both rates must be above 0 to simulate a queue.")
    if isinstance(requests, bool) or not isinstance(requests, (int, np.integer)) or requests < 1:
        raise P2PKitError(f"requests must be a whole number of at least 1; got {requests!r}.")
    rng = np.random.default_rng(seed)
    gaps = rng.exponential(1.0 / lam, size=requests)  # gaps[k]: time before request k arrives
    service = rng.exponential(1.0 / mu, size=requests)
    X = np.concatenate(([0.0], np.cumsum(service[:-1] - gaps[1:])))
    wait = X - np.minimum.accumulate(X)
    busy = service.sum() / max(gaps.sum() + wait[-1] + service[-1], 1e-300)
    return QueueRun(requests=int(requests), mean_time=float((wait + service).mean()),
                    mean_wait=float(wait.mean()), utilisation=float(min(1.0, busy)),
                    last_wait=float(wait[-1]))


# --------------------------------------------------------------------------- networks


def _teams(people: int, team_size: int) -> nx.Graph:
    sizes = team_sizes(people, team_size)
    G = nx.Graph()
    v = 0
    for i, s in enumerate(sizes):
        members = list(range(v, v + s))
        G.add_nodes_from(members, team=i, kind="person")
        G.add_edges_from((a, b) for k, a in enumerate(members) for b in members[k + 1:])
        v += s
    G.graph["sizes"] = sizes
    return G


def _add_bridges(G: nx.Graph, people: int, bridges: int, seed) -> None:
    """Add ``bridges`` random ties between people of different teams (seeded, no repeats)."""
    if isinstance(bridges, bool) or not isinstance(bridges, (int, np.integer)) or bridges < 0:
        raise P2PKitError(f"human_bridges must be a whole number from 0 up; got {bridges!r}.")
    team = nx.get_node_attributes(G, "team")
    sizes = G.graph["sizes"]
    possible = people * (people - 1) // 2 - sum(s * (s - 1) // 2 for s in sizes)
    rng = random.Random(seed)
    if bridges >= possible:  # every pair across teams
        G.add_edges_from((a, b) for a in range(people) for b in range(a + 1, people) if team[a] != team[b])
        return
    added = 0
    while added < bridges:
        a, b = rng.randrange(people), rng.randrange(people)
        if team[a] != team[b] and not G.has_edge(a, b):
            G.add_edge(a, b)
            added += 1


def hub_design(people: int, team_size: int = 10, human_bridges: int = 0, seed: int | None = 0) -> nx.Graph:
    """Human teams plus one AI hub tied to every person.

    Parameters
    ----------
    people : int
        Number of people (at least 2).
    team_size : int, default 10
        Largest team (teams as even as possible; each team is a full mesh).
    human_bridges : int, default 0
        Direct ties between people of different teams, chosen at random (seeded).
    seed : int or None, default 0

    Returns
    -------
    networkx.Graph
        People ``0 .. n-1`` (``kind="person"``, ``team``), the hub is node ``n``
        (``kind="ai"``). ``G.graph["ai"]`` lists the AI nodes.

    References
    ----------
    Schollmeier, R. (2001). A definition of peer-to-peer networking for the classification
    of peer-to-peer architectures and applications. *Proceedings of the First International
    Conference on Peer-to-Peer Computing*, 101-102 (the hub is the server of a
    client-server design).

    Examples
    --------
    >>> G = hub_design(20, 5)
    >>> G.degree(20), G.graph["ai"]
    (20, [20])
    """
    G = _teams(people, team_size)
    n = int(people)
    _add_bridges(G, n, human_bridges, seed)
    G.add_node(n, kind="ai", team=None)
    G.add_edges_from((n, v) for v in range(n))
    G.graph.update(shape="AI hub", ai=[n])
    return G


def embedded_design(people: int, team_size: int = 10, human_bridges: int = 0,
                    seed: int | None = 0) -> nx.Graph:
    """Human teams, each with its own AI agent; the agents are tied to each other.

    Parameters
    ----------
    people, team_size, human_bridges, seed
        As in :func:`hub_design` (the same seed gives the same human bridges).

    Returns
    -------
    networkx.Graph
        People ``0 .. n-1``; the agent of team ``i`` is node ``n + i`` (``kind="ai"``,
        ``team=i``). ``G.graph["ai"]`` lists the agents.

    References
    ----------
    Jackson, J. R. (1957). Networks of waiting lines. *Operations Research* 5(4), 518-521.

    Examples
    --------
    >>> G = embedded_design(20, 5)
    >>> G.graph["ai"], G.degree(20)
    ([20, 21, 22, 23], 8)
    """
    G = _teams(people, team_size)
    n = int(people)
    _add_bridges(G, n, human_bridges, seed)
    team = nx.get_node_attributes(G, "team")
    agents = [n + i for i in range(len(G.graph["sizes"]))]
    for i, a in enumerate(agents):
        G.add_node(a, kind="ai", team=i)
        G.add_edges_from((a, v) for v in range(n) if team[v] == i)
    G.add_edges_from((a, b) for k, a in enumerate(agents) for b in agents[k + 1:])
    G.graph.update(shape="embedded agents", ai=agents)
    return G


def people_still_in_touch(G: nx.Graph, failed=()) -> float:
    """Share of pairs of *people* who can still reach each other once ``failed`` nodes are gone.

    Paths may run through people or AI nodes; only pairs of people are counted (the
    pairwise connectivity of Borgatti 2006, restricted to people).

    References
    ----------
    Borgatti, S. P. (2006). Identifying sets of key players in a social network.
    *Computational and Mathematical Organization Theory* 12, 21-34.

    Examples
    --------
    >>> G = hub_design(20, 5)
    >>> people_still_in_touch(G, [20])  # 4 teams of 5: 4 * 10 of 190 pairs
    0.21052631578947367
    """
    nodes = list(G.nodes())
    A = nx.to_scipy_sparse_array(G, nodelist=nodes, format="csr", weight=None)
    person = np.array([G.nodes[v].get("kind", "person") == "person" for v in nodes])
    return _in_touch(A, person, [nodes.index(v) for v in failed if v in G])


def _in_touch(A, person: np.ndarray, failed_idx) -> float:
    p = int(person.sum())
    if p < 2:
        return 1.0
    keep = np.ones(A.shape[0], dtype=bool)
    keep[list(failed_idx)] = False
    sub = A[keep][:, keep]
    _, labels = connected_components(sub, directed=False)
    counts = np.bincount(labels, weights=person[keep].astype(float))
    return float((counts * (counts - 1) / 2).sum() / (p * (p - 1) / 2))


# --------------------------------------------------------------------------- comparison


@dataclass(frozen=True)
class HybridProfile:
    """One design measured by :func:`compare_designs`.

    Attributes
    ----------
    design : str
        ``"AI hub"`` or ``"embedded agents"``.
    people, ai_nodes : int
    ai_capacity : float
        Requests per hour all AI nodes together could serve: what you pay to run.
    ai_ties : int
        Ties between AI nodes that must be kept in step (0 for one hub).
    busiest_utilisation : float
        Share of time the busiest AI node is busy (1 or more: saturated).
    minutes_to_decision : float
        Mean minutes a request spends at AI nodes (waiting and served); ``inf`` if saturated.
    saturates_at : float
        Requests per person per hour at which the busiest AI node saturates.
    ai_route_share : float
        The busiest AI node's share of the shortest routes between others (Freeman 1977).
    in_touch_if_fails : float
        Share of pairs of people still connected when the AI node whose loss hurts most fails.
    answered_if_fails : float
        Share of requests that still get an AI answer when that node fails.
    """

    design: str
    people: int
    ai_nodes: int
    ai_capacity: float
    ai_ties: int
    busiest_utilisation: float
    minutes_to_decision: float
    saturates_at: float
    ai_route_share: float
    in_touch_if_fails: float
    answered_if_fails: float

    @property
    def saturated(self) -> bool:
        return math.isinf(self.minutes_to_decision)

    def as_dict(self) -> dict:
        return asdict(self)


def _agent_rates(sizes, r, c):
    """Arrival rate at each embedded agent: own team's requests plus a share of cross-team visits."""
    n, t = sum(sizes), len(sizes)
    if t == 1:
        return [s * r for s in sizes], 0.0
    return [s * r + c * r * (n - s) / (t - 1) for s in sizes], c


def _check_design_inputs(people, team_size, requests_per_person, hub_speed, agent_speed, cross_team):
    if isinstance(people, bool) or not isinstance(people, (int, np.integer)) or people < 2:
        raise P2PKitError(f"people must be a whole number of at least 2; got {people!r}.")
    if isinstance(team_size, bool) or not isinstance(team_size, (int, np.integer)) or team_size < 1:
        raise P2PKitError(f"team_size must be a whole number of at least 1; got {team_size!r}.")
    r = _rate("requests_per_person", requests_per_person)
    mu_h = _rate("hub_speed", hub_speed)
    mu_a = _rate("agent_speed", agent_speed)
    if mu_h <= 0 or mu_a <= 0:
        raise P2PKitError("the AI speeds must be above 0 requests per hour.")
    c = _rate("cross_team", cross_team)
    if c > 1:
        raise P2PKitError(f"cross_team is a share between 0 and 1; got {cross_team!r}.")
    return int(people), team_sizes(int(people), int(team_size)), r, mu_h, mu_a, c


def _embedded_minutes(sizes, r, mu_a, c) -> float:
    lam, c_eff = _agent_rates(sizes, r, c)
    T = [mm1_time_in_system(x, mu_a) for x in lam]
    t = len(sizes)
    total = sum(s * r for s in sizes)
    if total == 0:  # nobody asks: a request would only be served
        return T[0] * (1 + c_eff) * 60
    if any(math.isinf(x) for x in T):  # a saturated agent: its own team's requests never finish
        return math.inf
    all_t = sum(T)
    mean_t = 0.0
    for i, s in enumerate(sizes):
        # a cross-team request visits one of the other t - 1 agents, at random
        extra = c_eff * (all_t - T[i]) / (t - 1) if t > 1 and c_eff > 0 else 0.0
        mean_t += s * r / total * (T[i] + extra)
    return mean_t * 60


def decision_minutes(requests_per_person: float, people: int = 150, team_size: int = 10,
                     hub_speed: float = 600.0, agent_speed: float = 60.0,
                     cross_team: float = 0.2) -> tuple[float, float]:
    """Mean minutes to decision at the AI: ``(with the hub, with embedded agents)``.

    The queueing part of :func:`compare_designs` alone (no networks are built), for
    drawing curves. ``inf`` means saturated.

    References
    ----------
    Kleinrock, L. (1975). *Queueing Systems, Volume 1: Theory*. Wiley.

    Jackson, J. R. (1957). Networks of waiting lines. *Operations Research* 5(4), 518-521.

    Examples
    --------
    >>> [round(x, 2) for x in decision_minutes(2.0)]
    [0.2, 2.0]
    """
    n, sizes, r, mu_h, mu_a, c = _check_design_inputs(people, team_size, requests_per_person,
                                                     hub_speed, agent_speed, cross_team)
    return mm1_time_in_system(n * r, mu_h) * 60, _embedded_minutes(sizes, r, mu_a, c)


def compare_designs(people: int = 150, team_size: int = 10, requests_per_person: float = 2.0,
                    hub_speed: float = 600.0, agent_speed: float = 60.0, cross_team: float = 0.2,
                    human_bridges: int = 0, seed: int | None = 0,
                    graphs: bool = False) -> dict:
    """Measure an AI hub and embedded AI agents on the same organisation.

    Parameters
    ----------
    people : int, default 150
    team_size : int, default 10
        Largest team; there is one embedded agent per team.
    requests_per_person : float, default 2
        Requests each person sends to the AI per hour (Poisson).
    hub_speed : float, default 600
        Requests per hour the hub can serve (mu of one fast queue).
    agent_speed : float, default 60
        Requests per hour each embedded agent can serve.
    cross_team : float, default 0.2
        Share of requests that also need another team's agent (chosen at random among the
        other teams). The hub sees everything, so it serves those in one visit.
    human_bridges : int, default 0
        Direct ties between people of different teams, the same in both designs.
    seed : int or None, default 0
    graphs : bool, default False
        If True, also return the two networks under the keys ``"graphs"``.

    Returns
    -------
    dict
        ``{"AI hub": HybridProfile, "embedded agents": HybridProfile}`` (plus ``"graphs"``).

    Notes
    -----
    With equal teams of ``s`` each embedded agent receives
    ``lambda = s r (1 + c)`` requests per hour and a request spends
    ``(1 + c) / (mu_a - lambda)`` hours at agents (Jackson 1957); the hub receives
    ``n r`` and a request spends ``1 / (mu_h - n r)``. Time spent by people is not
    modelled, nor is the quality of the answers, nor what running the AI costs beyond its
    capacity.

    References
    ----------
    Kleinrock, L. (1975). *Queueing Systems, Volume 1: Theory*. Wiley.

    Jackson, J. R. (1957). Networks of waiting lines. *Operations Research* 5(4), 518-521.

    Examples
    --------
    >>> d = compare_designs()
    >>> round(d["AI hub"].minutes_to_decision, 2), round(d["embedded agents"].minutes_to_decision, 2)
    (0.2, 2.0)
    """
    n, sizes, r, mu_h, mu_a, c = _check_design_inputs(people, team_size, requests_per_person,
                                                     hub_speed, agent_speed, cross_team)
    t = len(sizes)

    if seed is None:
        route_h, touch_h, route_e, touch = _network_measures.__wrapped__(n, int(team_size), human_bridges, seed)
    else:
        route_h, touch_h, route_e, touch = _network_measures(n, int(team_size), human_bridges, seed)

    # hub: one M/M/1 queue with all the traffic
    lam_h = n * r
    t_h = mm1_time_in_system(lam_h, mu_h) * 60
    hub = HybridProfile(
        design="AI hub", people=n, ai_nodes=1, ai_capacity=mu_h, ai_ties=0,
        busiest_utilisation=lam_h / mu_h, minutes_to_decision=t_h,
        saturates_at=mu_h / n, ai_route_share=route_h,
        in_touch_if_fails=touch_h, answered_if_fails=0.0,
    )

    # embedded: a Jackson network of one queue per team
    lam, c_eff = _agent_rates(sizes, r, c)
    mean_minutes = _embedded_minutes(sizes, r, mu_a, c)
    per_request = [s + c_eff * (n - s) / (t - 1) if t > 1 else s for s in sizes]
    worst = min(range(t), key=lambda i: (touch[i], -sizes[i]))
    answered = (n - sizes[worst]) * (1 - (c_eff / (t - 1) if t > 1 else 0.0)) / n
    emb = HybridProfile(
        design="embedded agents", people=n, ai_nodes=t, ai_capacity=t * mu_a,
        ai_ties=t * (t - 1) // 2, busiest_utilisation=max(lam) / mu_a,
        minutes_to_decision=mean_minutes, saturates_at=mu_a / max(per_request),
        ai_route_share=route_e, in_touch_if_fails=touch[worst], answered_if_fails=answered,
    )
    out = {"AI hub": hub, "embedded agents": emb}
    if graphs:
        out["graphs"] = {"AI hub": hub_design(n, team_size, human_bridges, seed),
                         "embedded agents": embedded_design(n, team_size, human_bridges, seed)}
    return out


@lru_cache(maxsize=128)
def _network_measures(n: int, team_size: int, human_bridges: int, seed) -> tuple:
    """The parts of :func:`compare_designs` that depend only on the two networks: the hub's
    and the busiest agent's share of routes (Freeman 1977, igraph), and the pairs of people
    still in touch when the hub fails or when each agent fails. Kept, because the same
    networks are measured again at every demand and speed."""
    H = hub_design(n, team_size, human_bridges, seed)
    E = embedded_design(n, team_size, human_bridges, seed)
    t = len(E.graph["ai"])
    route_h = float(betweenness(H)[n])
    load_e = betweenness(E)
    route_e = float(max(load_e[a] for a in E.graph["ai"]))
    touch_e = in_touch_without_each(E)
    return route_h, people_still_in_touch(H, [n]), route_e, tuple(touch_e[n + i] for i in range(t))


def _minutes(x: float) -> str:
    if math.isinf(x):
        return "never (saturated: the queue keeps growing)"
    if x * 60 < 1.5:
        return "about 1 second"
    if x < 1:
        return f"{x * 60:.0f} seconds"
    return f"{x:.1f} minutes"


def verdict(profiles: dict, requests_per_person: float | None = None) -> str:
    """Plain sentences comparing the AI hub with embedded agents, computed from :func:`compare_designs`.

    Examples
    --------
    >>> verdict(compare_designs()).startswith("The hub is faster")
    True
    """
    h, e = profiles["AI hub"], profiles["embedded agents"]
    if h.saturated and e.saturated:
        speed = "Both designs are saturated: requests pile up faster than the AI can serve them."
    elif h.saturated:
        speed = (f"The hub is saturated (it can take {h.saturates_at:.1f} requests per person per hour); "
                 f"the embedded agents answer in {_minutes(e.minutes_to_decision)}.")
    elif e.saturated:
        speed = (f"The hub answers in {_minutes(h.minutes_to_decision)}; the embedded agents are "
                 f"saturated (they can take {e.saturates_at:.1f} requests per person per hour).")
    elif h.minutes_to_decision <= e.minutes_to_decision:
        speed = (f"The hub is faster: {_minutes(h.minutes_to_decision)} against "
                 f"{_minutes(e.minutes_to_decision)}, busy {h.busiest_utilisation:.0%} of the time; "
                 f"it saturates at {h.saturates_at:.1f} requests per person per hour, the agents at "
                 f"{e.saturates_at:.1f}.")
    else:
        speed = (f"The embedded agents are faster: {_minutes(e.minutes_to_decision)} against "
                 f"{_minutes(h.minutes_to_decision)} at the hub, which is busy "
                 f"{h.busiest_utilisation:.0%} of the time.")
    fail = (f" If the hub fails, {h.in_touch_if_fails:.0%} of pairs of people can still reach each "
            f"other and no request gets an AI answer; if one agent fails, {e.in_touch_if_fails:.0%} "
            f"of pairs and {e.answered_if_fails:.0%} of requests.")
    cost = (f" The agents cost {e.ai_capacity / h.ai_capacity:.1f} times the hub's AI capacity and "
            f"{e.ai_ties:,} ties between agents to keep in step.")
    return speed + fail + cost


# --------------------------------------------------------------------------- any failure


@dataclass(frozen=True)
class Failure:
    """What is left of a hybrid organisation once some nodes fail (see :func:`failure`).

    Attributes
    ----------
    failed : tuple
        The nodes that failed (people or AI nodes).
    people_left : int
        People still there.
    in_touch : float
        Share of the pairs of people left who can still reach each other (through people or
        AI nodes).
    answered : float
        Share of the requests of the people left that still get an AI answer.
    without_ai : tuple
        People left whose own AI node (the hub, or their team's agent) has failed: none of
        their requests is answered.
    reach : dict
        Person left -> how many of the other people left they can still reach.
    """

    failed: tuple
    people_left: int
    in_touch: float
    answered: float
    without_ai: tuple
    reach: dict


def failure(G: nx.Graph, failed=(), cross_team: float = 0.2) -> Failure:
    """What survives when the nodes in ``failed`` fail, in a network from :func:`hub_design`
    or :func:`embedded_design`.

    Requests follow the rules of :func:`compare_designs`: each person's requests go to their
    own AI node (the hub, or their team's agent), and with embedded agents a share
    ``cross_team`` of them also need the agent of another team, chosen at random among the
    other teams. A request is answered if every AI node it needs is working. A failed
    person simply stops asking.

    Parameters
    ----------
    G : networkx.Graph
        A network from :func:`hub_design` or :func:`embedded_design`.
    failed : iterable
        Nodes that fail (people ``0 .. n-1`` or AI nodes).
    cross_team : float, default 0.2

    Returns
    -------
    Failure
        With one AI node failed and nobody else, ``in_touch`` and ``answered`` are the
        ``in_touch_if_fails`` and ``answered_if_fails`` of :func:`compare_designs`.

    References
    ----------
    Borgatti, S. P. (2006). Identifying sets of key players in a social network.
    *Computational and Mathematical Organization Theory* 12, 21-34 (pairwise connectivity).

    Jackson, J. R. (1957). Networks of waiting lines. *Operations Research* 5(4), 518-521.

    Examples
    --------
    >>> f = failure(hub_design(20, 5), [20])
    >>> round(f.in_touch, 4), f.answered, len(f.without_ai)
    (0.2105, 0.0, 20)
    """
    return _failure(_Structure(G), failed, cross_team)


def in_touch_without_each(G: nx.Graph) -> dict:
    """For every node, the share of pairs of people left still in touch if that node alone fails.

    The same numbers as ``failure(G, [v]).in_touch`` for every ``v``, computed in one
    depth-first search instead of one search per node: a node whose removal splits its
    component is an articulation point, and the pieces it leaves are the subtrees of its
    depth-first children whose low point does not reach above it (Hopcroft & Tarjan 1973),
    plus the rest of the component.

    References
    ----------
    Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: efficient algorithms for graph
    manipulation. *Communications of the ACM* 16(6), 372-378.

    Borgatti, S. P. (2006). Identifying sets of key players in a social network.
    *Computational and Mathematical Organization Theory* 12, 21-34.

    Examples
    --------
    >>> share = in_touch_without_each(hub_design(20, 5))
    >>> round(share[20], 4), share[0]
    (0.2105, 1.0)
    """
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    N = len(nodes)
    adj = [[index[u] for u in G[v] if u != v] for v in nodes]
    person = [1 if G.nodes[v].get("kind", "person") == "person" else 0 for v in nodes]
    P = sum(person)
    disc, low, sub = [-1] * N, [0] * N, [0] * N
    sep, sep_pairs, comp_of, comp_people = [0] * N, [0] * N, [0] * N, []
    clock = 0
    for root in range(N):
        if disc[root] >= 0:
            continue
        cid = len(comp_people)
        disc[root] = low[root] = clock
        clock += 1
        sub[root], comp_of[root] = person[root], cid
        stack = [(root, -1, iter(adj[root]))]
        while stack:
            v, parent, neighbours = stack[-1]
            for w in neighbours:
                if disc[w] < 0:
                    disc[w] = low[w] = clock
                    clock += 1
                    sub[w], comp_of[w] = person[w], cid
                    stack.append((w, v, iter(adj[w])))
                    break
                if w != parent:
                    low[v] = min(low[v], disc[w])
            else:
                stack.pop()
                if parent >= 0:
                    low[parent] = min(low[parent], low[v])
                    sub[parent] += sub[v]
                    if low[v] >= disc[parent]:  # v's subtree hangs from parent alone
                        sep[parent] += sub[v]
                        sep_pairs[parent] += sub[v] * (sub[v] - 1) // 2
        comp_people.append(sub[root])
    base = sum(c * (c - 1) // 2 for c in comp_people)
    out = {}
    for i, v in enumerate(nodes):
        c = comp_people[comp_of[i]]
        rest = c - person[i] - sep[i]
        pairs = base - c * (c - 1) // 2 + sep_pairs[i] + rest * (rest - 1) // 2
        left = P - person[i]
        out[v] = pairs / (left * (left - 1) / 2) if left >= 2 else 1.0
    return out


class _Structure:
    """What :func:`failure` needs of a network, computed once (a sparse adjacency matrix)."""

    def __init__(self, G: nx.Graph):
        if not isinstance(G, nx.Graph) or "ai" not in G.graph:
            raise P2PKitError("give a network from hub_design or embedded_design.")
        self.G = G
        self.nodes = list(G)
        self.index = {v: i for i, v in enumerate(self.nodes)}
        N = len(self.nodes)
        e = np.array([(self.index[u], self.index[v]) for u, v in G.edges()], dtype=np.int64).reshape(-1, 2)
        ones = np.ones(2 * len(e))
        self.A = sparse.csr_matrix((ones, (np.r_[e[:, 0], e[:, 1]], np.r_[e[:, 1], e[:, 0]])), shape=(N, N))
        self.person = np.array([G.nodes[v].get("kind") == "person" for v in self.nodes])
        self.ai = list(G.graph["ai"])
        self.hub = len(self.ai) == 1 and G.nodes[self.ai[0]].get("team") is None
        agent_of = {G.nodes[a]["team"]: a for a in self.ai} if not self.hub else {}
        self.own = {v: (self.ai[0] if self.hub else agent_of[G.nodes[v]["team"]])
                    for v in self.nodes if G.nodes[v].get("kind") == "person"}


def _failure(st: _Structure, failed, cross_team, details: bool = True) -> Failure:
    c = _rate("cross_team", cross_team)
    if c > 1:
        raise P2PKitError(f"cross_team is a share between 0 and 1; got {cross_team!r}.")
    gone = []
    for v in failed:
        if v not in st.index:
            raise P2PKitError(f"{v!r} is not in this network; fail a person or an AI node shown in it.")
        if v not in gone:
            gone.append(v)
    keep = np.ones(len(st.nodes), dtype=bool)
    keep[[st.index[v] for v in gone]] = False
    kept = np.flatnonzero(keep)
    _, labels = connected_components(st.A[kept][:, kept], directed=False)
    per = np.bincount(labels, weights=st.person[kept].astype(float)).astype(int)
    p = int(st.person[kept].sum())
    pairs = float((per * (per - 1) / 2).sum())
    in_touch = pairs / (p * (p - 1) / 2) if p >= 2 else 1.0
    if not details:  # only who can still reach whom (for most_harmful_ai)
        return Failure(failed=tuple(gone), people_left=p, in_touch=float(in_touch), answered=float("nan"),
                       without_ai=(), reach={})
    mine = st.person[kept]
    reach = dict(zip([st.nodes[i] for i in kept[mine]], (per[labels[mine]] - 1).tolist()))
    down = set(gone) & set(st.ai)
    left = [v for v in st.own if v in reach]
    without = tuple(v for v in left if st.own[v] in down)
    t = len(st.ai)
    if not left:
        answered = 0.0
    elif st.hub:
        answered = 0.0 if down else 1.0
    else:
        share = 0.0
        for v in left:
            if st.own[v] in down:
                continue
            share += 1 - (c * len(down) / (t - 1) if t > 1 else 0.0)
        answered = share / len(left)
    return Failure(failed=tuple(gone), people_left=p, in_touch=float(in_touch), answered=float(answered),
                   without_ai=without, reach=reach)


def failure_verdict(design: str, f: Failure) -> str:
    """One plain sentence on a :class:`Failure` of the ``design`` (``"AI hub"`` or
    ``"embedded agents"``): who can still reach whom, and which requests still get answered.

    Examples
    --------
    >>> failure_verdict("AI hub", failure(hub_design(20, 5), [20])).startswith("With the AI hub")
    True
    """
    if not f.failed:
        return (f"With the {design}, nothing has failed: all {f.people_left} people are in touch and every "
                "request gets an AI answer.")
    lost = len(f.without_ai)
    if f.answered >= 1 - 1e-12:
        ai_part = "every request still gets an AI answer"
    elif f.answered <= 1e-12:
        ai_part = "no request gets an AI answer"
    else:
        ai_part = (f"{f.answered:.0%} of requests still get an AI answer"
                   + (f" ({lost} {'person gets' if lost == 1 else 'people get'} none at all)" if lost else ""))
    return (f"With the {design}, {f.in_touch:.0%} of the pairs of people left can still reach each other "
            f"and {ai_part}.")


def ai_utilisation(G: nx.Graph, requests_per_person: float, hub_speed: float = 600.0,
                   agent_speed: float = 60.0, cross_team: float = 0.2) -> dict:
    """Each AI node's utilisation: requests it receives per hour over what it can serve.

    The arrival rates of :func:`compare_designs` (the hub receives everyone's requests;
    an embedded agent its own team's and its share of the other teams' cross-team
    requests); 1 or more means saturated.

    References
    ----------
    Kleinrock, L. (1975). *Queueing Systems, Volume 1: Theory*. Wiley.

    Examples
    --------
    >>> ai_utilisation(hub_design(20, 5), 2.0, hub_speed=80)
    {20: 0.5}
    """
    if not isinstance(G, nx.Graph) or "ai" not in G.graph:
        raise P2PKitError("give a network from hub_design or embedded_design.")
    r = _rate("requests_per_person", requests_per_person)
    mu_h, mu_a = _rate("hub_speed", hub_speed), _rate("agent_speed", agent_speed)
    if mu_h <= 0 or mu_a <= 0:
        raise P2PKitError("the AI speeds must be above 0 requests per hour.")
    c = _rate("cross_team", cross_team)
    ai = list(G.graph["ai"])
    sizes = G.graph["sizes"]
    if len(ai) == 1 and G.nodes[ai[0]].get("team") is None:
        return {ai[0]: sum(sizes) * r / mu_h}
    lam, _ = _agent_rates(sizes, r, c)
    return {a: lam[G.nodes[a]["team"]] / mu_a for a in ai}


def most_harmful_ai(G: nx.Graph):
    """The AI node whose failure alone leaves the fewest pairs of people in touch.

    Ties go to the agent of the largest team, then to the lowest number: the node whose loss
    :func:`compare_designs` reports as ``in_touch_if_fails``.

    Examples
    --------
    >>> most_harmful_ai(hub_design(20, 5)), most_harmful_ai(embedded_design(23, 10))
    (20, 23)
    """
    st = _Structure(G)
    served = {a: 0 for a in st.ai}
    for v, a in st.own.items():
        served[a] += 1
    touch = in_touch_without_each(G)
    return min(st.ai, key=lambda a: (touch[a], -served[a], a))
