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

Modules: :mod:`~p2pkit.decisions.queues` (the closed forms, :func:`arrangements` and
:func:`pooling`),
:mod:`~p2pkit.decisions.simulation` (:func:`simulate`) and
:mod:`~p2pkit.decisions.verdicts`; every public name is importable from here.
"""

from __future__ import annotations

from .queues import (
    ARRANGEMENTS,
    Pooling,
    QueueTimes,
    arrangements,
    erlang_c,
    idle_while_waiting,
    md1,
    mg1,
    mm1,
    mmc,
    pooling,
    separate_queues,
)
from .simulation import SimulatedQueue, simulate
from .verdicts import pooling_verdict, tax_verdict

__all__ = [
    "QueueTimes",
    "Pooling",
    "SimulatedQueue",
    "mm1",
    "mg1",
    "md1",
    "erlang_c",
    "mmc",
    "separate_queues",
    "idle_while_waiting",
    "arrangements",
    "pooling",
    "simulate",
    "tax_verdict",
    "pooling_verdict",
    "ARRANGEMENTS",
]
