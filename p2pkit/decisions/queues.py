"""Closed forms for the managerial tax: one gatekeeper, separate deciders, a pool, a fast centre.

- :func:`mm1` -- one decider, random decision times (M/M/1);
- :func:`mg1` and :func:`md1` -- any spread of decision times (Pollaczek-Khinchine);
- :func:`erlang_c` and :func:`mmc` -- a pool of ``c`` deciders sharing one queue (M/M/c);
- :func:`separate_queues` and :func:`idle_while_waiting` -- ``c`` deciders, each with their
  own queue and share;
- :func:`arrangements` -- the four ways of organising decisions chapter 5 compares;
- :func:`pooling` -- one gatekeeper and a team's capacity at the same share in use.

All rates share one time unit (the chapter uses working days).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import require_whole_number
from ._checks import _MOST_DECIDERS, _check_cv, _check_number, _check_rate

__all__ = ["ARRANGEMENTS", "QueueTimes", "Pooling", "mm1", "mg1", "md1", "erlang_c", "mmc", "separate_queues",
           "idle_while_waiting", "arrangements", "pooling"]

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
    c = require_whole_number("deciders", deciders, minimum=1, maximum=_MOST_DECIDERS)
    a = _check_number("offered_load", offered_load, allow_zero=True)
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
    c = require_whole_number("deciders", deciders, minimum=1, maximum=_MOST_DECIDERS)
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
    c = require_whole_number("deciders", deciders, minimum=1, maximum=_MOST_DECIDERS)
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
    c = require_whole_number("deciders", deciders, minimum=1, maximum=_MOST_DECIDERS)
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
    c = require_whole_number("deciders", deciders, minimum=1, maximum=_MOST_DECIDERS)
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


@dataclass(frozen=True)
class Pooling:
    """The hockey stick and pooling at one share of capacity in use (see :func:`pooling`).

    ``random`` and ``fixed``: one gatekeeper busy ``utilisation`` of the time, with random
    (:func:`mm1`) and fixed (:func:`md1`) decision times, in units of one decision time.
    ``arrangements``: ``deciders`` people's capacity with the same share in use, organised
    the four ways of :func:`arrangements`; ``idle``: the share of decisions in separate
    queues that wait while another decider is idle (:func:`idle_while_waiting`).
    """

    utilisation: float
    deciders: int
    service_cv: float
    random: QueueTimes
    fixed: QueueTimes
    arrangements: dict
    idle: float


def pooling(utilisation: float, deciders: int, service_cv: float = 1.0) -> Pooling:
    """One gatekeeper and ``deciders`` people's capacity, a share ``utilisation`` of it in use.

    Parameters
    ----------
    utilisation : float
        Share of the capacity in use (``rho``), more than 0.
    deciders : int
        People whose capacity is organised by :func:`arrangements`.
    service_cv : float, default 1.0
        Spread of decision times in :func:`arrangements`: 1 random, 0 fixed.

    Returns
    -------
    Pooling
        Times in multiples of one person's decision time (every rate per decision time).

    References
    ----------
    Kleinrock, L. (1975). *Queueing Systems, Volume 1: Theory*. Wiley, chapters 3 and 5.
    Smith, D. R., & Whitt, W. (1981). Resource sharing for efficiency in traffic systems.
    *Bell System Technical Journal* 60(1), 39-55.

    Examples
    --------
    >>> p = pooling(0.85, 5)
    >>> round(p.random.wait_ratio, 2), round(p.arrangements["pooled deciders"].time_in_system, 2)
    (5.67, 1.87)
    """
    rho = _check_number("utilisation", utilisation)
    c = require_whole_number("deciders", deciders, minimum=1, maximum=_MOST_DECIDERS)
    return Pooling(rho, c, _check_cv(service_cv), mm1(rho, 1.0), md1(rho, 1.0),
                   arrangements(rho * c, 1.0, c, service_cv), idle_while_waiting(rho * c, 1.0, c))
