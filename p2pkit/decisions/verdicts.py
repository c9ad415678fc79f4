"""What the queues mean, in plain sentences: :func:`tax_verdict` (of :func:`arrangements`) and
:func:`pooling_verdict` (of :func:`pooling`)."""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import P2PKitError
from .queues import ARRANGEMENTS, Pooling, QueueTimes, arrangements

__all__ = ["tax_verdict", "pooling_verdict"]


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


def tax_verdict(a: Mapping[str, QueueTimes] | float, *settings) -> str:
    """Two plain sentences on the managerial tax, computed from ``a = arrangements(...)``.

    The first says how busy the gatekeeper is and how long decisions wait for them,
    against ``deciders`` people each taking their own share. The second compares the
    arrangements with the same *total* capacity, where splitting is not free. Times are
    in working days (a day has 8 working hours).

    Parameters
    ----------
    a : dict
        What :func:`~p2pkit.decisions.arrangements` returns. (For exercise 5.1, which
        predates this form, the settings of :func:`~p2pkit.decisions.arrangements` --
        ``decisions_per_day, capacity_per_day, deciders[, service_cv]`` -- are accepted too
        and passed to it.)

    Examples
    --------
    >>> print(tax_verdict(arrangements(9.5, 10, 5)))  # doctest: +NORMALIZE_WHITESPACE
    The gatekeeper is busy 95% of the time: a decision waits 19x as long as it takes
    (1.9 days in the queue, for a decision that takes 48 minutes). Split among 5 deciders,
    each with their own share, it waits 0.23x as long as it takes (11 minutes). With the
    same total capacity, 5 deciders sharing one queue would be 1.2x quicker than 5
    separate queues; one person 5 times as fast would be 5.0x quicker.
    """
    if not isinstance(a, Mapping):
        a = arrangements(a, *settings)
    elif settings:
        raise P2PKitError("give tax_verdict the result of arrangements(...) and nothing else.")
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


def pooling_verdict(p: Pooling) -> str:
    """Two plain sentences on the hockey stick and on pooling, computed from ``p = pooling(...)``.

    The first says how long one gatekeeper busy ``p.utilisation`` of the time makes a
    decision wait, with random (:func:`mm1`) and with fixed (:func:`md1`) decision times.
    The second takes ``p.deciders`` people's worth of capacity, the same share of it in use,
    organised three ways (:func:`arrangements`): the time to decision, in multiples of one
    person's decision time, of one centre as fast as all of them, of a shared queue and of
    separate queues, and the share of decisions in separate queues that wait while another
    decider is idle (:func:`idle_while_waiting`).

    References
    ----------
    Kleinrock (1975), chapters 3 and 5, and Smith & Whitt (1981), see :func:`pooling`.

    Examples
    --------
    >>> from p2pkit.decisions import pooling
    >>> print(pooling_verdict(pooling(0.85, 5)))  # doctest: +NORMALIZE_WHITESPACE
    A gatekeeper busy 85% of the time makes a decision wait 5.7x as long as it takes
    (2.8x if every decision takes the same time). With 5 people's capacity 85% in use, a
    decision takes 1.3 decision times with one centre as fast as all 5, 1.9 with the 5
    sharing one queue and 6.7 with 5 separate queues: 5.0x the fast centre's time, and 41%
    of their decisions wait for their own decider while another is idle.
    """
    rho, c = p.utilisation, p.deciders
    random, fixed = p.random, p.fixed
    if random.stable:
        first = (f"A gatekeeper busy {rho:.0%} of the time makes a decision wait {_times(random.wait_ratio)} "
                 f"as long as it takes ({_times(fixed.wait_ratio)} if every decision takes the same time).")
    else:
        first = (f"A gatekeeper asked for {rho:.0%} of their time has no steady state: the backlog grows "
                 "without limit.")
    if c == 1:
        return first + " With one person, every arrangement is that gatekeeper: add people to compare."
    sep, pool, fast = (p.arrangements[k] for k in ("separate deciders", "pooled deciders", "one fast centre"))
    if not fast.stable:
        return first + (f" With {c} people's capacity {rho:.0%} in use, every arrangement falls behind: "
                        "more decisions arrive than all of them together can take.")
    about = "" if pool.exact else "about "
    second = (f" With {c} people's capacity {rho:.0%} in use, a decision takes {fast.time_in_system:.1f} "
              f"decision times with one centre as fast as all {c}, {about}{pool.time_in_system:.1f} with the "
              f"{c} sharing one queue and {sep.time_in_system:.1f} with {c} separate queues: "
              f"{_times(sep.time_in_system / fast.time_in_system)} the fast centre's time, and {p.idle:.0%} of "
              "their decisions wait for their own decider while another is idle.")
    return first + second
