"""Queues at the AI nodes: the M/M/1 closed form and a simulation that checks it.

Units: rates are requests per unit of time (per hour in the models), times in the same unit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..errors import P2PKitError, require_whole_number
from ..seeding import rng

__all__ = ["mm1_time_in_system", "QueueRun", "simulate_queue"]


def _rate(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise P2PKitError(f"{name} must be a number; got {value!r}.")
    v = float(value)
    if not math.isfinite(v) or v < 0:
        raise P2PKitError(f"{name} must be a number from 0 up; got {value!r}.")
    return v


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
    requests = require_whole_number("requests", requests, minimum=1)
    gen = rng(seed)
    gaps = gen.exponential(1.0 / lam, size=requests)  # gaps[k]: time before request k arrives
    service = gen.exponential(1.0 / mu, size=requests)
    X = np.concatenate(([0.0], np.cumsum(service[:-1] - gaps[1:])))
    wait = X - np.minimum.accumulate(X)
    busy = service.sum() / max(gaps.sum() + wait[-1] + service[-1], 1e-300)
    return QueueRun(requests=int(requests), mean_time=float((wait + service).mean()),
                    mean_wait=float(wait.mean()), utilisation=float(min(1.0, busy)),
                    last_wait=float(wait[-1]))
