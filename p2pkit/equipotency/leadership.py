"""Leadership that moves with the situation, against one fixed leader every task must pass.

Chapter 3, part 3 (see :mod:`p2pkit.equipotency`): tasks arrive at random
(:func:`task_stream`, a Poisson process) and need skills (:func:`assign_skills`); either one
fixed leader takes them all, one at a time (:func:`fixed_leader`, a queue, with its
closed-form mean :func:`fixed_leader_expected`: the M/M/1 time in the system plus the
hand-offs; Kleinrock 1975), or the best-placed person with the skill leads each one
(:func:`situational_leader`). :func:`leadership_verdict` compares the two.

References
----------
Kleinrock, L. (1975). *Queueing Systems, Volume 1: Theory*. New York: Wiley.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from ..errors import P2PKitError, require_whole_number
from ..seeding import python_random, rng
from .structure import gini

__all__ = [
    "Task", "task_stream", "assign_skills", "LeadershipRun", "fixed_leader", "fixed_leader_expected",
    "situational_leader", "leadership_verdict",
]


@dataclass(frozen=True)
class Task:
    """One task: when it arrives, who spots it, which skill it needs, how long the lead takes."""

    arrival: float
    origin: object
    skill: int
    duration: float


def task_stream(people, rate: float, count: int, skills: int = 1, mean_duration: float = 1.0,
                seed: int | None = 0) -> list[Task]:
    """Tasks arriving at random: a Poisson process of ``rate`` tasks per time unit (Kleinrock 1975, ch. 2).

    Parameters
    ----------
    people : iterable of nodes
        Who can spot a task (each task's ``origin`` is drawn uniformly from them).
    rate : float
        Mean arrivals per time unit (gaps are exponential with mean ``1 / rate``).
    count : int
        Number of tasks.
    skills : int, default 1
        Each task needs one of ``skills`` skills, drawn uniformly (numbered 0..skills-1).
    mean_duration : float, default 1
        Mean time it takes to lead one task (exponential, drawn once per task, so two
        designs run on the same stream see the same durations).
    seed : int or None, default 0
        The same seed gives the same arrivals, spotters and durations whatever the number
        of skills (the skills are drawn last), so streams with different skill mixes
        carry the same work.

    Returns
    -------
    list of Task
        In order of arrival.

    Examples
    --------
    >>> ts = task_stream([0, 1], rate=2.0, count=3, seed=1)
    >>> len(ts), ts[0].arrival < ts[1].arrival < ts[2].arrival
    (3, True)
    """
    people = list(people)
    if not people:
        raise P2PKitError("task_stream() needs at least one person to spot tasks.")
    if not rate > 0 or not mean_duration > 0:
        raise P2PKitError("rate and mean_duration must be positive numbers.")
    count = require_whole_number("count (tasks)", count, minimum=1)
    skills = require_whole_number("skills", skills, minimum=1)
    gen = rng(seed)
    t = np.cumsum(gen.exponential(1.0 / rate, count))
    origin = gen.integers(0, len(people), count)
    dur = gen.exponential(mean_duration, count)
    skill = gen.integers(0, skills, count)       # drawn last: the rest does not depend on `skills`
    return [Task(float(a), people[o], int(s), float(d)) for a, o, s, d in zip(t, origin, skill, dur, strict=True)]


def assign_skills(people, skills: int, per_person: int = 1, seed: int | None = 0) -> dict:
    """Give each person ``per_person`` distinct skills, so that every skill is held by someone.

    Person ``i`` (in the given order) always has skill ``i mod skills``; the others are
    drawn at random (seeded). If there are fewer people than skills, the skills nobody
    got are then handed to randomly chosen people.

    Returns
    -------
    dict
        Person -> frozenset of skill numbers.

    Examples
    --------
    >>> assign_skills(["a", "b", "c"], skills=3, per_person=1)
    {'a': frozenset({0}), 'b': frozenset({1}), 'c': frozenset({2})}
    """
    people = list(people)
    if not people:
        raise P2PKitError("assign_skills() needs at least one person.")
    skills = require_whole_number("skills", skills, minimum=1)
    per_person = require_whole_number("per_person", per_person, minimum=1)
    if per_person > skills:
        raise P2PKitError(f"per_person must be between 1 and the number of skills ({skills}); got {per_person!r}.")
    gen = python_random(seed)
    out = {}
    for i, v in enumerate(people):
        own = i % skills
        rest = gen.sample([s for s in range(skills) if s != own], per_person - 1)
        out[v] = {own, *rest}
    held = set().union(*out.values())
    for s in range(skills):
        if s not in held:
            out[gen.choice(people)].add(s)
    return {v: frozenset(s) for v, s in out.items()}


@dataclass(frozen=True)
class LeadershipRun:
    """Who led each task and how long it took (see :func:`fixed_leader`, :func:`situational_leader`)."""

    design: str
    leaders: tuple
    wait: np.ndarray = field(repr=False)
    response: np.ndarray = field(repr=False)
    load: dict = field(repr=False)

    @property
    def mean_wait(self) -> float:
        """Mean time a task waited for its leader to be free."""
        return float(np.mean(self.wait))

    @property
    def mean_response(self) -> float:
        """Mean time from a task's arrival until its lead is done."""
        return float(np.mean(self.response))

    @property
    def load_gini(self) -> float:
        """Gini of the number of tasks each person led (0 = perfectly even)."""
        return gini(self.load.values())

    @property
    def leading(self) -> int:
        """How many people led at least one task."""
        return sum(1 for x in self.load.values() if x > 0)


def _hops_from(G: nx.Graph, source) -> dict:
    """Hand-offs from ``source`` to everyone it can reach, ties read as undirected."""
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    return nx.single_source_shortest_path_length(U, source)


def fixed_leader(G: nx.Graph, tasks: list[Task], leader=0, hop_time: float = 0.0) -> LeadershipRun:
    """One fixed leader takes every task, one at a time, first come first served (M/M/1; Kleinrock 1975).

    A task spotted by person ``o`` reaches the leader after ``hops(o, leader) * hop_time``;
    it then waits until the leader is free and takes ``task.duration`` to lead. The leader
    is a single-server queue: with Poisson arrivals, exponential durations and
    ``hop_time = 0``, the mean wait is the M/M/1 value ``rho / (mu - lambda)``, and the
    mean response (arrival to lead done) is ``1 / (mu - lambda)`` plus the mean hand-off
    time (:func:`fixed_leader_expected`). Tasks are
    taken in the order they *reach* the leader (with hand-off delays this can differ from
    the order they were spotted).

    Parameters
    ----------
    G : networkx.Graph
        The organisation (only used for hop counts, ties treated as undirected).
    tasks : list of Task
        From :func:`task_stream` (or built by hand).
    leader : node, default 0
        The fixed leader (node 0 is the top of an ``orgs`` chart).
    hop_time : float, default 0
        Time for one hand-off along a tie.

    Returns
    -------
    LeadershipRun
        ``wait`` (queueing time at the leader), ``response`` (arrival to lead done) per task;
        ``load``: tasks led per person (all of them by the leader).

    Examples
    --------
    >>> ts = [Task(0.0, 0, 0, 2.0), Task(1.0, 0, 0, 1.0)]
    >>> fixed_leader(nx.empty_graph(1), ts).wait.tolist()
    [0.0, 1.0]
    """
    if leader not in G:
        raise P2PKitError(f"the leader {leader!r} is not in the network.")
    if hop_time < 0:
        raise P2PKitError("hop_time cannot be negative.")
    hops = _hops_from(G, leader)
    m = len(tasks)
    ready = np.empty(m)
    for k, t in enumerate(tasks):
        if t.origin not in hops:
            raise P2PKitError(f"a task spotted by {t.origin!r} cannot reach the leader: the network is not connected.")
        ready[k] = t.arrival + hops[t.origin] * hop_time
    wait = np.empty(m)
    response = np.empty(m)
    free = -np.inf
    for k in np.argsort(ready, kind="stable"):
        start = max(ready[k], free)
        free = start + tasks[k].duration
        wait[k] = start - ready[k]
        response[k] = free - tasks[k].arrival
    load = dict.fromkeys(G, 0)
    load[leader] = m
    return LeadershipRun("fixed leader", (leader,) * m, wait, response, load)


def fixed_leader_expected(G: nx.Graph, rate: float, leader=0, hop_time: float = 0.0,
                          mean_duration: float = 1.0, spotters=None) -> float:
    """Expected mean time from a task's arrival to its lead being done, with one fixed leader.

    The quantity :attr:`LeadershipRun.mean_response` of :func:`fixed_leader` estimates,
    in the long run:

    ``hop_time * E[hops to the leader] + 1 / (mu - lambda)``

    with ``lambda = rate`` and ``mu = 1 / mean_duration``. The second term is the M/M/1
    mean time in the system (Kleinrock 1975): the mean wait in the leader's queue,
    ``rho / (mu - lambda)`` with ``rho = lambda / mu``, plus the lead itself, ``1 / mu``.
    The hand-offs do not change the queue: the tasks spotted by each person form a
    thinned Poisson stream, delaying each stream by a fixed time keeps it Poisson, and
    the merged streams reach the leader as a Poisson stream of the same rate.

    Parameters
    ----------
    G : networkx.Graph
        The organisation (ties undirected for hop counts).
    rate : float
        Tasks per time unit (``lambda``); must be below ``mu``.
    leader : node, default 0
    hop_time : float, default 0
        Time for one hand-off along a tie.
    mean_duration : float, default 1
        Mean time to lead one task (``1 / mu``).
    spotters : iterable of nodes, optional
        Who spots tasks, each equally often (default everyone, as :func:`task_stream`).

    Returns
    -------
    float

    Raises
    ------
    P2PKitError
        If ``rate >= mu``: the queue grows without limit and there is no long-run mean.

    Examples
    --------
    >>> fixed_leader_expected(nx.empty_graph(1), 0.5)
    2.0
    >>> round(fixed_leader_expected(nx.path_graph(3), 0.5, leader=0, hop_time=0.3), 3)
    2.3
    """
    if leader not in G:
        raise P2PKitError(f"the leader {leader!r} is not in the network.")
    if not rate > 0 or not mean_duration > 0 or hop_time < 0:
        raise P2PKitError("rate and mean_duration must be positive, hop_time 0 or more.")
    mu = 1.0 / mean_duration
    if rate >= mu:
        raise P2PKitError(f"at {rate:g} tasks per time unit the leader (who finishes {mu:g} per time unit) "
                          "never catches up: the queue, and the time in it, grow without limit.")
    hops = _hops_from(G, leader)
    who = list(G) if spotters is None else list(spotters)
    if any(v not in hops for v in who):
        raise P2PKitError("someone who spots tasks cannot reach the leader: the network is not connected.")
    return hop_time * float(np.mean([hops[v] for v in who])) + 1.0 / (mu - rate)


def situational_leader(G: nx.Graph, tasks: list[Task], skills: dict, hop_time: float = 0.0
                       ) -> LeadershipRun:
    """Each task is led by the best-placed person: has the skill, free soonest, nearest.

    When a task arrives, among the people who have its skill and can be reached from
    where it was spotted, the one who could *start* on it soonest takes the lead:
    ``start = max(arrival + hops * hop_time, when they are next free)``; ties go to the
    fewest hand-offs, then to the first in node order. Each person leads their tasks in
    the order they took them. Nobody has to route the task: everyone is assumed to see
    who has which skill and who is busy (the cost of that shared picture is left out).

    Parameters
    ----------
    G : networkx.Graph
        The organisation (ties undirected for hop counts).
    tasks : list of Task
    skills : dict
        Person -> set of skills (:func:`assign_skills`). Every task's skill must be held
        by someone reachable.
    hop_time : float, default 0
        Time for one hand-off along a tie.

    Returns
    -------
    LeadershipRun

    Notes
    -----
    With one skill held by everyone and ``hop_time = 0`` this is the first-come,
    first-served M/M/c queue (whoever frees up first takes the next task), whose mean wait
    is given by Erlang's C formula (Kleinrock 1975); with a single person it is the M/M/1 queue of
    :func:`fixed_leader`. Both are checked in the tests.

    Examples
    --------
    >>> ts = [Task(0.0, 0, 0, 2.0), Task(1.0, 0, 0, 1.0)]
    >>> situational_leader(nx.complete_graph(2), ts, {0: {0}, 1: {0}}).leaders
    (0, 1)
    """
    if hop_time < 0:
        raise P2PKitError("hop_time cannot be negative.")
    nodes = list(G)
    idx = {v: i for i, v in enumerate(nodes)}
    unknown = [v for v in skills if v not in idx]
    if unknown:
        raise P2PKitError(f"skills names people who are not in the network (e.g. {unknown[0]!r}).")
    holders: dict[int, list] = {}
    for v, ss in skills.items():
        for s in ss:
            holders.setdefault(int(s), []).append(idx[v])
    holders = {s: sorted(set(h)) for s, h in holders.items()}
    hop_cache: dict = {}
    cand_cache: dict = {}          # (origin, skill) -> [(hops, index)] of the reachable holders
    free = [-np.inf] * len(nodes)
    m = len(tasks)
    wait = np.empty(m)
    response = np.empty(m)
    led = []
    count = [0] * len(nodes)
    for k, t in enumerate(tasks):
        cands = cand_cache.get((t.origin, t.skill))
        if cands is None:
            holding = holders.get(t.skill)
            if holding is None:
                raise P2PKitError(f"nobody has skill {t.skill}; give it to someone (assign_skills does).")
            if t.origin not in hop_cache:
                if t.origin not in idx:
                    raise P2PKitError(f"a task was spotted by {t.origin!r}, who is not in the network.")
                hop_cache[t.origin] = {idx[v]: float(h) for v, h in _hops_from(G, t.origin).items()}
            d = hop_cache[t.origin]
            cands = [(d[i], i) for i in holding if i in d]
            if not cands:
                raise P2PKitError(f"nobody with skill {t.skill} can be reached from {t.origin!r}.")
            cand_cache[(t.origin, t.skill)] = cands
        # the holder who can start soonest; ties: fewest hand-offs, then first in node order
        best = None
        for h, i in cands:
            ready = t.arrival + h * hop_time
            start_i = free[i] if free[i] > ready else ready
            if best is None or (start_i, h, i) < best[:3]:
                best = (start_i, h, i, ready)
        start_i, _, i, ready = best
        free[i] = start_i + t.duration
        wait[k] = start_i - ready
        response[k] = free[i] - t.arrival
        count[i] += 1
        led.append(nodes[i])
    load = {v: int(count[i]) for i, v in enumerate(nodes)}
    return LeadershipRun("situational", tuple(led), wait, response, load)


def leadership_verdict(fixed: LeadershipRun, situational: LeadershipRun) -> str:
    """One sentence comparing the fixed leader with leadership that moves with the task.

    Examples
    --------
    >>> ts = [Task(0.0, 0, 0, 2.0), Task(1.0, 0, 0, 1.0)]
    >>> G = nx.complete_graph(2)
    >>> leadership_verdict(fixed_leader(G, ts), situational_leader(G, ts, {0: {0}, 1: {0}}))
    'The lead that moves is quicker: 1.50 against 2.00 time units from arrival to lead done; 2 people share the leading (load Gini 0.00, against 0.50 for one leader).'
    """
    f, s = fixed.mean_response, situational.mean_response
    share = (f"{situational.leading} people share the leading (load Gini {situational.load_gini:.2f}, "
             f"against {fixed.load_gini:.2f} for one leader)")
    if abs(f - s) <= 0.05 * max(f, s):
        return f"About the same speed: {s:.2f} against {f:.2f} time units; {share}."
    if s < f:
        return f"The lead that moves is quicker: {s:.2f} against {f:.2f} time units from arrival to lead done; {share}."
    return (f"The fixed leader is quicker here: {f:.2f} against {s:.2f} time units (the hand-offs to the "
            f"best-placed person cost more than the queue saves); {share}.")
