"""The managerial tax: decisions that wait for a gatekeeper with limited time.

Chapter 5 of the companion tests a claim from the seed essay: when every decision must
pass one gatekeeper, the organisation pays a hidden tax in waiting time. The gatekeeper is
modelled as a **queue**: decisions arrive at random (a Poisson stream, ``arrival_rate`` a
day), the gatekeeper takes them one at a time, first come first served, and can handle
``service_rate`` a day on average. Taking decisions "where the information is" is modelled
as several deciders, either each with its own share of the decisions (separate queues) or
sharing one queue (a pool).

Closed forms (standard queueing theory):

- :func:`mm1` -- one decider, random decision times (M/M/1): time to decision
  ``W = 1 / (mu - lambda)``, waiting ``Wq = rho / (mu - lambda)``;
- :func:`mg1` and :func:`md1` -- any spread of decision times, fixed ones included
  (Pollaczek-Khinchine);
- :func:`erlang_c` and :func:`mmc` -- a pool of ``c`` deciders sharing one queue (M/M/c);
- :func:`separate_queues` -- ``c`` deciders, each with their own queue and share;
- :func:`arrangements` -- the four ways of organising decisions the chapter compares.

:func:`simulate` runs the same queues as a seeded discrete-event simulation, so that the
formulas can be checked against it (and the other way round), and :func:`tax_verdict` and
:func:`pooling_verdict` state what the numbers mean in one or two plain sentences.

All rates share one time unit (the chapter uses working days). ``L = lambda W`` (Little
1961) links every time to the number of decisions in the system.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import asdict, dataclass

import numpy as np

from .errors import P2PKitError

__all__ = [
    "QueueTimes",
    "SimulatedQueue",
    "mm1",
    "mg1",
    "md1",
    "erlang_c",
    "mmc",
    "separate_queues",
    "idle_while_waiting",
    "arrangements",
    "simulate",
    "tax_verdict",
    "pooling_verdict",
    "ARRANGEMENTS",
]

#: The arrangements :func:`arrangements` compares, in the order figures show them.
ARRANGEMENTS = ("gatekeeper", "separate deciders", "pooled deciders", "one fast centre")


@dataclass(frozen=True)
class QueueTimes:
    """Steady-state measures of one way of organising decisions.

    Times are in the unit of the rates (for example working days); ``inf`` when the
    arrangement receives as many decisions as it can take or more (no steady state: the
    backlog grows without limit).

    Attributes
    ----------
    arrangement : str
        A short name (see :data:`ARRANGEMENTS`).
    deciders : int
        Number of people taking decisions.
    arrival_rate : float
        Decisions arriving per time unit, in total.
    service_rate : float
        Decisions one decider can take per time unit.
    utilisation : float
        Share of the deciders' time that is busy (``rho``).
    p_wait : float
        Probability that a decision has to wait at all.
    wait : float
        Mean time waiting before the decider starts (``Wq``).
    time_in_system : float
        Mean time from arrival to decision (``W = Wq + 1/service_rate``).
    in_queue : float
        Mean number of decisions waiting (``Lq = lambda Wq``, Little 1961).
    in_system : float
        Mean number waiting or being decided (``L = lambda W``).
    exact : bool
        False when the value is an approximation (a pool with non-random decision times).
    """

    arrangement: str
    deciders: int
    arrival_rate: float
    service_rate: float
    utilisation: float
    p_wait: float
    wait: float
    time_in_system: float
    in_queue: float
    in_system: float
    exact: bool = True

    @property
    def stable(self) -> bool:
        """True if decisions arrive more slowly than they can be taken."""
        return self.utilisation < 1.0

    @property
    def decision_time(self) -> float:
        """Mean time one decision takes once started (``1 / service_rate``)."""
        return 1.0 / self.service_rate

    @property
    def wait_ratio(self) -> float:
        """How many times longer a decision waits than it takes (``Wq * mu``)."""
        return self.wait * self.service_rate

    def as_dict(self) -> dict:
        return asdict(self)


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

    def as_dict(self) -> dict:
        return asdict(self)


# --------------------------------------------------------------------------- checks


def _check_rate(name: str, value: float) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise P2PKitError(f"{name} must be a number; got {value!r}.") from None
    if not math.isfinite(x) or x <= 0:
        raise P2PKitError(f"{name} must be a positive number of decisions per time unit; got {value!r}.")
    return x


def _check_deciders(c: int) -> int:
    if isinstance(c, bool) or not isinstance(c, (int, np.integer)) or c < 1:
        raise P2PKitError(f"deciders must be a whole number of at least 1; got {c!r}.")
    if c > 100_000:
        raise P2PKitError(f"{c:,} deciders is more than this model handles; use at most 100,000.")
    return int(c)


def _check_cv(cv: float) -> float:
    try:
        x = float(cv)
    except (TypeError, ValueError):
        raise P2PKitError(f"service_cv must be a number; got {cv!r}.") from None
    if not math.isfinite(x) or x < 0:
        raise P2PKitError(f"service_cv (spread of decision times) must be 0 or more; got {cv!r}. "
                          "Use 0 for fixed decision times, 1 for random (exponential) ones.")
    return x


def _unstable(name: str, c: int, lam: float, mu: float, exact: bool = True) -> QueueTimes:
    inf = math.inf
    return QueueTimes(name, c, lam, mu, lam / (c * mu), 1.0, inf, inf, inf, inf, exact)


# --------------------------------------------------------------------------- closed forms


def mm1(arrival_rate: float, service_rate: float) -> QueueTimes:
    """One gatekeeper, decisions arriving at random and taking a random time (M/M/1).

    Parameters
    ----------
    arrival_rate : float
        Decisions arriving per time unit (``lambda``).
    service_rate : float
        Decisions the gatekeeper can take per time unit (``mu``).

    Returns
    -------
    QueueTimes
        With ``rho = lambda / mu``: ``W = 1 / (mu - lambda)``, ``Wq = rho / (mu - lambda)``,
        ``L = rho / (1 - rho)``, ``Lq = rho^2 / (1 - rho)``, ``p_wait = rho``. All times are
        infinite when ``rho >= 1``.

    Notes
    -----
    ``Wq * mu = rho / (1 - rho)``: at 50% utilisation a decision waits as long as it
    takes, at 90% nine times as long, at 95% nineteen times -- the "hockey stick".

    References
    ----------
    Kleinrock, L. (1975). *Queueing Systems, Volume 1: Theory*. Wiley, chapter 3.
    Little, J. D. C. (1961). A proof for the queuing formula L = lambda W.
    *Operations Research* 9(3), 383-387.

    Examples
    --------
    >>> q = mm1(0.5, 1.0)
    >>> q.time_in_system, q.wait, q.in_system
    (2.0, 1.0, 1.0)
    """
    lam = _check_rate("arrival_rate", arrival_rate)
    mu = _check_rate("service_rate", service_rate)
    rho = lam / mu
    if rho >= 1:
        return _unstable("gatekeeper", 1, lam, mu)
    W = 1.0 / (mu - lam)
    Wq = rho / (mu - lam)
    return QueueTimes("gatekeeper", 1, lam, mu, rho, rho, Wq, W, lam * Wq, lam * W)


def mg1(arrival_rate: float, service_rate: float, service_cv: float = 1.0) -> QueueTimes:
    """One gatekeeper with any spread of decision times (M/G/1, Pollaczek-Khinchine).

    Parameters
    ----------
    arrival_rate : float
        Decisions arriving per time unit (a Poisson stream).
    service_rate : float
        Decisions the gatekeeper can take per time unit (mean decision time ``1/mu``).
    service_cv : float, default 1.0
        Coefficient of variation of the decision time (its standard deviation divided by
        its mean): 0 for fixed times (M/D/1), 1 for exponential ones (M/M/1).

    Returns
    -------
    QueueTimes
        ``Wq = rho (1 + cv^2) / (2 mu (1 - rho))`` (the Pollaczek-Khinchine mean-value
        formula ``Wq = lambda E[S^2] / (2 (1 - rho))``), ``W = Wq + 1/mu``.

    References
    ----------
    Kleinrock, L. (1975). *Queueing Systems, Volume 1: Theory*. Wiley, chapter 5
    (the Pollaczek-Khinchine mean-value formula).

    Examples
    --------
    >>> mg1(0.5, 1.0, service_cv=0.0).wait   # fixed decision times: half the M/M/1 wait
    0.5
    """
    lam = _check_rate("arrival_rate", arrival_rate)
    mu = _check_rate("service_rate", service_rate)
    cv = _check_cv(service_cv)
    rho = lam / mu
    name = "gatekeeper"
    if rho >= 1:
        return _unstable(name, 1, lam, mu)
    Wq = rho * (1.0 + cv * cv) / (2.0 * mu * (1.0 - rho))
    W = Wq + 1.0 / mu
    return QueueTimes(name, 1, lam, mu, rho, rho, Wq, W, lam * Wq, lam * W)


def md1(arrival_rate: float, service_rate: float) -> QueueTimes:
    """One gatekeeper whose decisions all take the same time (M/D/1).

    ``Wq = rho / (2 mu (1 - rho))``: exactly half the M/M/1 wait. Random arrivals alone
    are enough to make a queue, even when every decision takes the same time.

    References
    ----------
    Kleinrock, L. (1975). *Queueing Systems, Volume 1: Theory*. Wiley, chapter 5.

    Examples
    --------
    >>> md1(0.5, 1.0).time_in_system
    1.5
    """
    return mg1(arrival_rate, service_rate, service_cv=0.0)


def erlang_c(deciders: int, offered_load: float) -> float:
    """Probability that a decision has to wait in a pool of ``deciders`` (Erlang's C formula).

    Parameters
    ----------
    deciders : int
        Number of deciders ``c`` sharing one queue.
    offered_load : float
        ``a = lambda / mu``, the number of deciders' worth of work arriving (in erlangs).

    Returns
    -------
    float
        ``C(c, a) = [a^c / c! * c / (c - a)] / [sum_{k<c} a^k / k! + a^c / c! * c / (c - a)]``;
        1.0 when ``a >= c`` (everyone waits: no steady state).

    Notes
    -----
    Computed with the numerically stable recursion for Erlang's B (loss) formula,
    ``B(0) = 1``, ``B(k) = a B(k-1) / (k + a B(k-1))``, and ``C = c B / (c - a (1 - B))``,
    which works for thousands of deciders where the factorials above would overflow.

    References
    ----------
    Erlang, A. K. (1917). Solution of some problems in the theory of probabilities of
    significance in automatic telephone exchanges. *Elektroteknikeren* 13, 5-13.
    Kleinrock, L. (1975). *Queueing Systems, Volume 1: Theory*. Wiley, chapter 3 (M/M/m).

    Examples
    --------
    >>> round(erlang_c(2, 1.0), 6)
    0.333333
    """
    c = _check_deciders(deciders)
    try:
        a = float(offered_load)
    except (TypeError, ValueError):
        raise P2PKitError(f"offered_load must be a number; got {offered_load!r}.") from None
    if not math.isfinite(a) or a < 0:
        raise P2PKitError(f"offered_load must be 0 or more; got {offered_load!r}.")
    if a == 0:
        return 0.0
    if a >= c:
        return 1.0
    B = 1.0
    for k in range(1, c + 1):
        B = a * B / (k + a * B)
    return c * B / (c - a * (1.0 - B))


def mmc(arrival_rate: float, service_rate: float, deciders: int, service_cv: float = 1.0) -> QueueTimes:
    """A pool of ``deciders`` sharing one queue: the next free one takes the next decision.

    Parameters
    ----------
    arrival_rate : float
        Decisions arriving per time unit, in total.
    service_rate : float
        Decisions *one* decider can take per time unit.
    deciders : int
        Number of deciders ``c`` in the pool.
    service_cv : float, default 1.0
        Spread of the decision times (see :func:`mg1`). With 1 the result is the exact
        M/M/c result; otherwise it is the Allen-Cunneen approximation
        ``Wq ~ Wq(M/M/c) (1 + cv^2) / 2`` and ``exact`` is False.

    Returns
    -------
    QueueTimes
        ``p_wait = C(c, a)`` (:func:`erlang_c`), ``Wq = C / (c mu - lambda)``,
        ``W = Wq + 1/mu``, ``utilisation = lambda / (c mu)``.

    Notes
    -----
    With ``c = 1`` this is :func:`mm1` (or :func:`mg1`, where the Allen-Cunneen
    approximation is exact).

    References
    ----------
    Erlang, A. K. (1917), see :func:`erlang_c`.
    Kleinrock, L. (1975). *Queueing Systems, Volume 1: Theory*. Wiley, chapter 3 (M/M/m).
    Allen, A. O. (1990). *Probability, Statistics, and Queueing Theory with Computer
    Science Applications*, 2nd ed. Academic Press (the Allen-Cunneen approximation).

    Examples
    --------
    >>> q = mmc(1.0, 1.0, 2)
    >>> round(q.p_wait, 6), round(q.wait, 6), round(q.time_in_system, 6)
    (0.333333, 0.333333, 1.333333)
    """
    lam = _check_rate("arrival_rate", arrival_rate)
    mu = _check_rate("service_rate", service_rate)
    c = _check_deciders(deciders)
    cv = _check_cv(service_cv)
    exact = cv == 1.0 or c == 1
    name = "pooled deciders"
    a = lam / mu
    if a >= c:
        return _unstable(name, c, lam, mu, exact)
    C = erlang_c(c, a)
    Wq = C / (c * mu - lam) * (1.0 + cv * cv) / 2.0
    W = Wq + 1.0 / mu
    return QueueTimes(name, c, lam, mu, a / c, C, Wq, W, lam * Wq, lam * W, exact)


def separate_queues(arrival_rate: float, service_rate: float, deciders: int,
                    service_cv: float = 1.0) -> QueueTimes:
    """``deciders`` people, each with their own queue and an equal share of the decisions.

    Each decision belongs to one decider (where its information is) and waits for that
    decider only, even when another is idle. A random split of a Poisson stream is again
    Poisson, so each decider is an M/G/1 queue with arrival rate ``lambda / c``
    (:func:`mg1`); the averages over all decisions equal one decider's.

    Parameters
    ----------
    arrival_rate : float
        Decisions arriving per time unit, in total.
    service_rate : float
        Decisions one decider can take per time unit.
    deciders : int
        Number of deciders ``c``.
    service_cv : float, default 1.0
        Spread of the decision times (see :func:`mg1`).

    Returns
    -------
    QueueTimes
        Means per decision; ``in_queue`` and ``in_system`` count all ``c`` queues together.

    References
    ----------
    Smith, D. R., & Whitt, W. (1981). Resource sharing for efficiency in traffic systems.
    *Bell System Technical Journal* 60(1), 39-55 (why shared capacity beats split capacity).
    Kleinrock, L. (1975). *Queueing Systems, Volume 1: Theory*. Wiley, chapter 2 (a random
    split of a Poisson stream is Poisson).

    Examples
    --------
    >>> separate_queues(1.0, 1.0, 2).time_in_system   # each decider is an M/M/1 at rho = 0.5
    2.0
    """
    lam = _check_rate("arrival_rate", arrival_rate)
    c = _check_deciders(deciders)
    one = mg1(lam / c, service_rate, service_cv)
    name = "separate deciders"
    if not one.stable:
        return _unstable(name, c, lam, one.service_rate)
    return QueueTimes(name, c, lam, one.service_rate, one.utilisation, one.p_wait, one.wait,
                      one.time_in_system, c * one.in_queue, c * one.in_system)


def idle_while_waiting(arrival_rate: float, service_rate: float, deciders: int) -> float:
    """Share of decisions that wait in separate queues while another decider is idle.

    With separate queues each decider is busy with probability ``rho = lambda / (c mu)``,
    independently of the others (Poisson splitting). A decision arriving at a busy decider
    waits (probability ``rho``, since Poisson arrivals see time averages; Wolff 1982) while
    at least one of the ``c - 1`` others is idle (probability ``1 - rho^(c-1)``), so the
    share is ``rho (1 - rho^(c-1))``. A pool never lets this happen.

    References
    ----------
    Wolff, R. W. (1982). Poisson arrivals see time averages. *Operations Research* 30(2),
    223-231.

    Examples
    --------
    >>> idle_while_waiting(1.0, 1.0, 2)   # rho = 0.5: 0.5 * (1 - 0.5)
    0.25
    """
    lam = _check_rate("arrival_rate", arrival_rate)
    mu = _check_rate("service_rate", service_rate)
    c = _check_deciders(deciders)
    rho = min(1.0, lam / (c * mu))
    return rho * (1.0 - rho ** (c - 1))


def arrangements(decisions_per_day: float, capacity_per_day: float, deciders: int,
                 service_cv: float = 1.0) -> dict[str, QueueTimes]:
    """The four ways of organising the same stream of decisions that chapter 5 compares.

    Parameters
    ----------
    decisions_per_day : float
        Decisions arriving per day across the team.
    capacity_per_day : float
        Decisions one person can take per day.
    deciders : int
        Number of people allowed to decide in the distributed arrangements.
    service_cv : float, default 1.0
        Spread of decision times: 1 random (exponential), 0 fixed.

    Returns
    -------
    dict
        Keyed by :data:`ARRANGEMENTS`:

        - ``"gatekeeper"`` -- every decision waits for one person (:func:`mg1`);
        - ``"separate deciders"`` -- ``deciders`` people, each taking the decisions of
          their own area (:func:`separate_queues`);
        - ``"pooled deciders"`` -- the same people sharing one queue (:func:`mmc`);
        - ``"one fast centre"`` -- one person as fast as all of them together
          (:func:`mg1` with ``deciders * capacity_per_day``): the same total capacity,
          centralised.

    References
    ----------
    Smith, D. R., & Whitt, W. (1981). Resource sharing for efficiency in traffic systems.
    *Bell System Technical Journal* 60(1), 39-55.
    Kleinrock, L. (1975). *Queueing Systems, Volume 1: Theory*. Wiley.

    Examples
    --------
    >>> a = arrangements(8, 10, 4)
    >>> [round(a[k].time_in_system, 3) for k in ARRANGEMENTS]
    [0.5, 0.125, 0.1, 0.031]
    """
    c = _check_deciders(deciders)
    mu = _check_rate("capacity_per_day", capacity_per_day)
    out = {
        "gatekeeper": mg1(decisions_per_day, mu, service_cv),
        "separate deciders": separate_queues(decisions_per_day, mu, c, service_cv),
        "pooled deciders": mmc(decisions_per_day, mu, c, service_cv),
    }
    fast = mg1(decisions_per_day, c * mu, service_cv)
    out["one fast centre"] = QueueTimes("one fast centre", 1, fast.arrival_rate, fast.service_rate,
                                        fast.utilisation, fast.p_wait, fast.wait,
                                        fast.time_in_system, fast.in_queue, fast.in_system)
    return out


# --------------------------------------------------------------------------- simulation


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
    c = _check_deciders(deciders)
    if service not in ("exponential", "fixed"):
        raise P2PKitError(f"service must be 'exponential' (random decision times) or 'fixed'; got {service!r}.")
    if isinstance(decisions, bool) or not isinstance(decisions, (int, np.integer)) or decisions < 1000:
        raise P2PKitError(f"decisions (how many to simulate) must be a whole number of at least 1,000; got {decisions!r}.")
    if decisions > 5_000_000:
        raise P2PKitError("more than 5,000,000 decisions would take too long; use fewer.")
    if not 0 <= float(warmup) < 0.9:
        raise P2PKitError(f"warmup is the share of decisions left out at the start, from 0 to 0.9; got {warmup!r}.")
    if isinstance(batches, bool) or not isinstance(batches, int) or batches < 2:
        raise P2PKitError(f"batches must be a whole number of at least 2; got {batches!r}.")
    try:
        rng = np.random.default_rng(seed)
    except (TypeError, ValueError):
        raise P2PKitError(f"seed must be a whole number of 0 or more (or None); got {seed!r}.") from None
    n = int(decisions)
    arrivals = np.cumsum(rng.exponential(1.0 / lam, n))
    if service == "exponential":
        work = rng.exponential(1.0 / mu, n)
    else:
        work = np.full(n, 1.0 / mu)
    start = np.empty(n)
    owner = np.zeros(n, dtype=np.int64)
    a_list = arrivals.tolist()
    s_list = work.tolist()
    if pooled or c == 1:
        free = [0.0] * c
        heapq.heapify(free)
        st = [0.0] * n
        for i in range(n):
            f = heapq.heappop(free)
            t = a_list[i] if a_list[i] > f else f
            st[i] = t
            heapq.heappush(free, t + s_list[i])
        start[:] = st
    else:
        owner = rng.integers(0, c, n)
        last = [0.0] * c
        st = [0.0] * n
        for i, q in enumerate(owner.tolist()):
            t = a_list[i] if a_list[i] > last[q] else last[q]
            st[i] = t
            last[q] = t + s_list[i]
        start[:] = st
    depart = start + work
    first = int(round(float(warmup) * n))
    waits = (start - arrivals)[first:]
    sojourn = (depart - arrivals)[first:]
    wq, wq_se = _batch_mean_se(waits, batches)
    w, w_se = _batch_mean_se(sojourn, batches)

    # time-average number in the system over the measured stretch [t0, t1]
    t0, t1 = arrivals[first], arrivals[-1]
    span = t1 - t0
    in_sys = (np.minimum(depart, t1) - np.maximum(arrivals, t0)).clip(min=0.0).sum() / span
    busy = (np.minimum(depart, t1) - np.maximum(start, t0)).clip(min=0.0).sum() / (c * span)
    lam_obs = (n - 1 - first) / span

    # did a decision that waited do so while another decider was idle? It found its own
    # decider busy, so another was idle exactly when fewer than c deciders were busy. A
    # decider's busy periods (first come, first served) run from an arrival that finds them
    # idle to the departure of the last decision of the period; counting the periods that
    # have started and not ended gives the number busy at each arrival: O(n log n) for any c.
    if pooled or c == 1:
        idle_flags = np.zeros(n - first)
    else:
        order = np.argsort(owner, kind="stable")  # per decider, in order of arrival
        o, a_o, d_o = owner[order], arrivals[order], depart[order]
        new_period = np.ones(n, dtype=bool)
        new_period[1:] = (o[1:] != o[:-1]) | (a_o[1:] >= d_o[:-1])
        heads = np.flatnonzero(new_period)
        period_start = np.sort(a_o[heads])
        period_end = np.sort(d_o[np.r_[heads[1:] - 1, n - 1]])
        t_arr = arrivals[first:]
        n_busy = np.searchsorted(period_start, t_arr, side="left") - np.searchsorted(period_end, t_arr, side="right")
        idle_flags = ((waits > 0) & (n_busy < c)).astype(float)
    wi, wi_se = _batch_mean_se(idle_flags, batches)
    return SimulatedQueue(
        deciders=c, pooled=bool(pooled or c == 1), service=service, decisions=n - first,
        wait=wq, wait_se=wq_se, time_in_system=w, time_in_system_se=w_se,
        utilisation=float(busy), arrival_rate_observed=float(lam_obs), in_system=float(in_sys),
        waited_while_idle=wi, waited_while_idle_se=wi_se,
    )


# --------------------------------------------------------------------------- verdict


def _times(x: float) -> str:
    if x >= 10:
        return f"{x:.0f}x"
    if x >= 1:
        return f"{x:.1f}x"
    return f"{x:.2f}x"


def _days(x: float) -> str:
    if x >= 0.995:
        return "1 day" if abs(x - 1) < 0.05 else f"{x:.1f} days"
    hours = x * 8
    if hours >= 0.995:
        return f"{hours:.1f} working hours"
    return f"{hours * 60:.0f} minutes"


def tax_verdict(decisions_per_day: float, capacity_per_day: float, deciders: int,
                service_cv: float = 1.0) -> str:
    """Two plain sentences on the managerial tax, computed from :func:`arrangements`.

    The first says how busy the gatekeeper is and how long decisions wait for them,
    against ``deciders`` people each taking their own share. The second compares the
    arrangements with the same *total* capacity, where splitting is not free. Times are
    in working days (a day has 8 working hours).

    Examples
    --------
    >>> print(tax_verdict(9.5, 10, 5))  # doctest: +NORMALIZE_WHITESPACE
    The gatekeeper is busy 95% of the time: a decision waits 19x as long as it takes
    (1.9 days in the queue, for a decision that takes 48 minutes). Split among 5 deciders,
    each with their own share, it waits 0.23x as long as it takes (11 minutes). With the
    same total capacity, 5 deciders sharing one queue would be 1.2x quicker than 5
    separate queues; one person 5 times as fast would be 5.0x quicker.
    """
    a = arrangements(decisions_per_day, capacity_per_day, deciders, service_cv)
    g, sep, pool, fast = (a[k] for k in ARRANGEMENTS)
    c = sep.deciders
    if g.stable:
        first = (f"The gatekeeper is busy {g.utilisation:.0%} of the time: a decision waits "
                 f"{_times(g.wait_ratio)} as long as it takes ({_days(g.wait)} in the queue, for a "
                 f"decision that takes {_days(g.decision_time)}).")
    else:
        first = (f"The gatekeeper receives {g.utilisation:.0%} of what they can decide: the backlog "
                 "grows without limit and no waiting time is typical any more.")
    if c == 1:
        return first + " With one decider there is nothing to distribute: add deciders to compare."
    if sep.stable:
        first += (f" Split among {c} deciders, each with their own share, it waits "
                  f"{_times(sep.wait_ratio)} as long as it takes ({_days(sep.wait)}).")
    else:
        first += f" Even split among {c} deciders the decisions outrun them: every queue grows."
        return first
    gain = sep.time_in_system / pool.time_in_system
    shared = (f"{c} deciders sharing one queue would be {_times(gain)} quicker than {c} separate queues"
              if gain >= 1.05 else f"{c} deciders sharing one queue would be about as quick as {c} separate queues")
    second = (f" With the same total capacity, {shared}; one person {c} times as fast would be "
              f"{_times(sep.time_in_system / fast.time_in_system)} quicker.")
    return first + second


def pooling_verdict(utilisation: float, deciders: int, service_cv: float = 1.0) -> str:
    """Two plain sentences on the hockey stick and on pooling, computed from the formulas.

    The first says how long one gatekeeper busy ``utilisation`` of the time makes a decision
    wait, with random (:func:`mm1`) and with fixed (:func:`md1`) decision times. The second
    takes ``deciders`` people's worth of capacity, the same share of it in use, organised
    three ways (:func:`arrangements`): the time to decision, in multiples of one person's
    decision time, of one centre as fast as all of them, of a shared queue and of separate
    queues, and the share of decisions in separate queues that wait while another decider
    is idle (:func:`idle_while_waiting`).

    Parameters
    ----------
    utilisation : float
        Share of the capacity in use (``rho``), more than 0.
    deciders : int
        People whose capacity is organised in the second sentence.
    service_cv : float, default 1.0
        Spread of decision times in the second sentence: 1 random, 0 fixed.

    References
    ----------
    Kleinrock, L. (1975). *Queueing Systems, Volume 1: Theory*. Wiley, chapters 3 and 5.
    Smith, D. R., & Whitt, W. (1981). Resource sharing for efficiency in traffic systems.
    *Bell System Technical Journal* 60(1), 39-55.

    Examples
    --------
    >>> print(pooling_verdict(0.85, 5))  # doctest: +NORMALIZE_WHITESPACE
    A gatekeeper busy 85% of the time makes a decision wait 5.7x as long as it takes
    (2.8x if every decision takes the same time). With 5 people's capacity 85% in use, a
    decision takes 1.3 decision times with one centre as fast as all 5, 1.9 with the 5
    sharing one queue and 6.7 with 5 separate queues: 5.0x the fast centre's time, and 41%
    of their decisions wait for their own decider while another is idle.
    """
    try:
        rho = float(utilisation)
    except (TypeError, ValueError):
        raise P2PKitError(f"utilisation must be a number; got {utilisation!r}.") from None
    if not math.isfinite(rho) or rho <= 0:
        raise P2PKitError(f"utilisation must be more than 0; got {utilisation!r}.")
    c = _check_deciders(deciders)
    random, fixed = mm1(rho, 1.0), md1(rho, 1.0)
    if random.stable:
        first = (f"A gatekeeper busy {rho:.0%} of the time makes a decision wait {_times(random.wait_ratio)} "
                 f"as long as it takes ({_times(fixed.wait_ratio)} if every decision takes the same time).")
    else:
        first = (f"A gatekeeper asked for {rho:.0%} of their time has no steady state: the backlog grows "
                 "without limit.")
    if c == 1:
        return first + " With one person, every arrangement is that gatekeeper: add people to compare."
    a = arrangements(rho * c, 1.0, c, service_cv)
    sep, pool, fast = a["separate deciders"], a["pooled deciders"], a["one fast centre"]
    if not fast.stable:
        return first + (f" With {c} people's capacity {rho:.0%} in use, every arrangement falls behind: "
                        "more decisions arrive than all of them together can take.")
    about = "" if pool.exact else "about "
    idle = idle_while_waiting(rho * c, 1.0, c)
    second = (f" With {c} people's capacity {rho:.0%} in use, a decision takes {fast.time_in_system:.1f} "
              f"decision times with one centre as fast as all {c}, {about}{pool.time_in_system:.1f} with the "
              f"{c} sharing one queue and {sep.time_in_system:.1f} with {c} separate queues: "
              f"{_times(sep.time_in_system / fast.time_in_system)} the fast centre's time, and {idle:.0%} of "
              "their decisions wait for their own decider while another is idle.")
    return first + second
