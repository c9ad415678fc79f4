"""The AI hub against embedded agents: time to decision, load, cost, and what a failure does.

:func:`compare_designs` measures both designs on the same organisation,
:func:`decision_minutes` only their queues (for curves), and :func:`verdict` compares them in
plain sentences.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from ..errors import P2PKitError, require_probability, require_whole_number
from ..measures import betweenness
from ..scaling import team_sizes
from .designs import embedded_design, hub_design, in_touch_without_each, people_still_in_touch
from .queues import _rate, mm1_time_in_system

__all__ = ["DESIGNS", "HybridProfile", "decision_minutes", "compare_designs", "verdict"]

#: The two designs compared by :func:`compare_designs`.
DESIGNS = ("AI hub", "embedded agents")


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


def _agent_rates(sizes, r, c):
    """Arrival rate at each embedded agent: own team's requests plus a share of cross-team visits."""
    n, t = sum(sizes), len(sizes)
    if t == 1:
        return [s * r for s in sizes], 0.0
    return [s * r + c * r * (n - s) / (t - 1) for s in sizes], c


def _check_rates(requests_per_person, hub_speed, agent_speed, cross_team) -> tuple[float, float, float, float]:
    """The demand (0 or more), the two AI speeds (above 0) and the share of cross-team requests."""
    r = _rate("requests_per_person", requests_per_person)
    mu_h = _rate("hub_speed", hub_speed)
    mu_a = _rate("agent_speed", agent_speed)
    if mu_h <= 0 or mu_a <= 0:
        raise P2PKitError("the AI speeds must be above 0 requests per hour.")
    return r, mu_h, mu_a, require_probability("cross_team", cross_team)


def _check_design_inputs(people, team_size, requests_per_person, hub_speed, agent_speed, cross_team):
    n = require_whole_number("people", people, minimum=2)
    sizes = team_sizes(n, require_whole_number("team_size", team_size, minimum=1))
    return (n, sizes, *_check_rates(requests_per_person, hub_speed, agent_speed, cross_team))


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
    Kleinrock, L. (1975). *Queueing Systems, Volume 1: Theory*. Wiley (the hub: one M/M/1
    queue).

    Jackson, J. R. (1957). Networks of waiting lines. *Operations Research* 5(4), 518-521 (the
    agents: an open network of such queues).

    Examples
    --------
    >>> [round(x, 2) for x in decision_minutes(2.0)]
    [0.2, 2.0]
    """
    n, sizes, r, mu_h, mu_a, c = _check_design_inputs(people, team_size, requests_per_person,
                                                     hub_speed, agent_speed, cross_team)
    return _minutes_both(n, sizes, r, mu_h, mu_a, c)


def _minutes_both(n: int, sizes, r: float, mu_h: float, mu_a: float, c: float) -> tuple[float, float]:
    """Mean minutes to decision with the hub (one M/M/1 queue) and with embedded agents."""
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
    t_h, mean_minutes = _minutes_both(n, sizes, r, mu_h, mu_a, c)
    hub = HybridProfile(
        design="AI hub", people=n, ai_nodes=1, ai_capacity=mu_h, ai_ties=0,
        busiest_utilisation=lam_h / mu_h, minutes_to_decision=t_h,
        saturates_at=mu_h / n, ai_route_share=route_h,
        in_touch_if_fails=touch_h, answered_if_fails=0.0,
    )

    # embedded: a Jackson network of one queue per team
    lam, c_eff = _agent_rates(sizes, r, c)
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


def verdict(profiles: dict) -> str:
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

