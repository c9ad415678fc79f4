"""A seeded discrete-event simulation of the decision queues, to check the formulas against.

- :func:`simulate` -- Poisson arrivals, first come first served, one shared queue (a pool)
  or one queue per decider, with batch-means standard errors.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass

import numpy as np

from ..errors import P2PKitError, require_whole_number
from ..seeding import rng
from ._checks import _MOST_DECIDERS, _check_rate

__all__ = ["SimulatedQueue", "simulate"]


@dataclass(frozen=True)
class SimulatedQueue:
    """What one seeded simulation run measured (see :func:`simulate`).

    Every mean comes with a standard error from ``batches`` batch means over the
    measured decisions (the warm-up is discarded), so a tolerance for comparing with
    the formulas follows from the length of the run (Law & Kelton 2000, ch. 9).
    """

    deciders: int
    pooled: bool
    service: str
    decisions: int
    wait: float
    wait_se: float
    time_in_system: float
    time_in_system_se: float
    utilisation: float
    arrival_rate_observed: float
    in_system: float
    waited_while_idle: float
    waited_while_idle_se: float


def _batch_mean_se(x: np.ndarray, batches: int) -> tuple[float, float]:
    m = float(x.mean())
    if batches < 2 or len(x) < 2 * batches:
        return m, math.nan
    size = len(x) // batches
    means = x[: size * batches].reshape(batches, size).mean(axis=1)
    return m, float(means.std(ddof=1) / math.sqrt(batches))


def simulate(
    arrival_rate: float,
    service_rate: float,
    deciders: int = 1,
    pooled: bool = True,
    service: str = "exponential",
    decisions: int = 100_000,
    warmup: float = 0.1,
    batches: int = 20,
    seed: int | None = 0,
) -> SimulatedQueue:
    """Simulate a stream of decisions through one or more deciders (seeded, event by event).

    Decisions arrive as a Poisson stream and are taken first come, first served. With
    ``pooled=True`` the deciders share one queue and the next free decider takes the next
    decision (the Kiefer-Wolfowitz recursion: each decision starts at the later of its
    arrival and the earliest time a decider is free). With ``pooled=False`` each decision
    belongs to one decider, chosen at random with equal chances, and waits for that
    decider alone (Lindley's recursion per queue).

    Parameters
    ----------
    arrival_rate, service_rate : float
        Decisions arriving per time unit in total; decisions one decider takes per time unit.
    deciders : int, default 1
    pooled : bool, default True
    service : {"exponential", "fixed"}, default "exponential"
        Random decision times with mean ``1/service_rate``, or all exactly ``1/service_rate``.
    decisions : int, default 100_000
        Number of decisions simulated (at least 1,000).
    warmup : float, default 0.1
        Share of the first decisions left out of the averages (the queue starts empty).
    batches : int, default 20
        Number of batches for the standard errors (batch means).
    seed : int or None, default 0
        The same seed gives the same run.

    Returns
    -------
    SimulatedQueue
        Means over the measured decisions with batch-means standard errors;
        ``in_system`` is the time-average number of decisions waiting or being taken over
        the measured stretch (for Little's law); ``waited_while_idle`` is the share that
        waited while some other decider was idle (always 0 in a pool).

    References
    ----------
    Lindley, D. V. (1952). The theory of queues with a single server. *Mathematical
    Proceedings of the Cambridge Philosophical Society* 48(2), 277-289.
    Kiefer, J., & Wolfowitz, J. (1955). On the theory of queues with many servers.
    *Transactions of the American Mathematical Society* 78(1), 1-18.
    Law, A. M., & Kelton, W. D. (2000). *Simulation Modeling and Analysis*, 3rd ed.
    McGraw-Hill (batch means, ch. 9).

    Examples
    --------
    >>> s = simulate(0.5, 1.0, decisions=20_000, seed=1)
    >>> abs(s.time_in_system - 2.0) < 4 * s.time_in_system_se
    True
    """
    lam = _check_rate("arrival_rate", arrival_rate)
    mu = _check_rate("service_rate", service_rate)
    c = require_whole_number("deciders", deciders, minimum=1, maximum=_MOST_DECIDERS)
    n, first, batches = _check_run(service, decisions, warmup, batches)
    gen = rng(seed)
    arrivals = np.cumsum(gen.exponential(1.0 / lam, n))
    work = gen.exponential(1.0 / mu, n) if service == "exponential" else np.full(n, 1.0 / mu)
    if pooled or c == 1:
        owner = np.zeros(n, dtype=np.int64)
        start = _pooled_starts(arrivals, work, c)
    else:
        owner = gen.integers(0, c, n)
        start = _separate_starts(arrivals, work, owner, c)
    depart = start + work
    waits = (start - arrivals)[first:]
    wq, wq_se = _batch_mean_se(waits, batches)
    w, w_se = _batch_mean_se((depart - arrivals)[first:], batches)

    # time-average number in the system over the measured stretch [t0, t1]
    t0, t1 = arrivals[first], arrivals[-1]
    span = t1 - t0
    in_sys = (np.minimum(depart, t1) - np.maximum(arrivals, t0)).clip(min=0.0).sum() / span
    busy = (np.minimum(depart, t1) - np.maximum(start, t0)).clip(min=0.0).sum() / (c * span)
    lam_obs = (n - 1 - first) / span
    if pooled or c == 1:
        idle_flags = np.zeros(n - first)
    else:
        idle_flags = ((waits > 0) & (_busy_at_arrival(arrivals, depart, owner)[first:] < c)).astype(float)
    wi, wi_se = _batch_mean_se(idle_flags, batches)
    return SimulatedQueue(
        deciders=c, pooled=bool(pooled or c == 1), service=service, decisions=n - first,
        wait=wq, wait_se=wq_se, time_in_system=w, time_in_system_se=w_se,
        utilisation=float(busy), arrival_rate_observed=float(lam_obs), in_system=float(in_sys),
        waited_while_idle=wi, waited_while_idle_se=wi_se,
    )


def _check_run(service: str, decisions: int, warmup: float, batches: int) -> tuple[int, int, int]:
    """The number of decisions, of those left out at the start and of batches, or a P2PKitError."""
    if service not in ("exponential", "fixed"):
        raise P2PKitError(f"service must be 'exponential' (random decision times) or 'fixed'; got {service!r}.")
    n = require_whole_number("decisions (how many to simulate)", decisions, minimum=1000, maximum=5_000_000)
    if not 0 <= float(warmup) < 0.9:
        raise P2PKitError(f"warmup is the share of decisions left out at the start, from 0 to 0.9; got {warmup!r}.")
    batches = require_whole_number("batches", batches, minimum=2)
    return n, int(round(float(warmup) * n)), batches


def _pooled_starts(arrivals: np.ndarray, work: np.ndarray, c: int) -> np.ndarray:
    """When each decision starts in one queue shared by ``c`` deciders (Kiefer & Wolfowitz 1955):
    at the later of its arrival and the earliest time a decider is free."""
    free = [0.0] * c
    heapq.heapify(free)
    st = []
    for a, s in zip(arrivals.tolist(), work.tolist(), strict=True):
        f = heapq.heappop(free)
        t = a if a > f else f
        st.append(t)
        heapq.heappush(free, t + s)
    return np.array(st)


def _separate_starts(arrivals: np.ndarray, work: np.ndarray, owner: np.ndarray, c: int) -> np.ndarray:
    """When each decision starts when it waits for its own decider ``owner`` (Lindley 1952, per queue)."""
    last = [0.0] * c
    st = []
    for a, s, q in zip(arrivals.tolist(), work.tolist(), owner.tolist(), strict=True):
        t = a if a > last[q] else last[q]
        st.append(t)
        last[q] = t + s
    return np.array(st)


def _busy_at_arrival(arrivals: np.ndarray, depart: np.ndarray, owner: np.ndarray) -> np.ndarray:
    """How many deciders are busy when each decision arrives, with one queue per decider.

    A decision that waited found its own decider busy, so another was idle exactly when
    fewer than ``c`` were busy. A decider's busy periods (first come, first served) run from
    an arrival that finds them idle to the departure of the last decision of the period;
    counting the periods that have started and not ended gives the number busy at each
    arrival: O(n log n) for any ``c``.
    """
    n = len(arrivals)
    order = np.argsort(owner, kind="stable")  # per decider, in order of arrival
    o, a_o, d_o = owner[order], arrivals[order], depart[order]
    new_period = np.ones(n, dtype=bool)
    new_period[1:] = (o[1:] != o[:-1]) | (a_o[1:] >= d_o[:-1])
    heads = np.flatnonzero(new_period)
    period_start = np.sort(a_o[heads])
    period_end = np.sort(d_o[np.r_[heads[1:] - 1, n - 1]])
    return np.searchsorted(period_start, arrivals, side="left") - np.searchsorted(period_end, arrivals, side="right")
