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

Modules
-------
- :mod:`~p2pkit.hybrid.queues`      the M/M/1 queue and its simulation;
- :mod:`~p2pkit.hybrid.designs`     the two designs as networks, and who stays in touch;
- :mod:`~p2pkit.hybrid.comparison`  the two designs compared, and the verdict;
- :mod:`~p2pkit.hybrid.failures`    any failure: who is cut off, which requests go unanswered.

Units: rates are requests per hour, times are minutes.
"""

from __future__ import annotations

from .comparison import DESIGNS, HybridProfile, compare_designs, decision_minutes, verdict
from .designs import embedded_design, hub_design, in_touch_without_each, people_still_in_touch
from .failures import Failure, ai_utilisation, failure, failure_verdict, most_harmful_ai
from .queues import QueueRun, mm1_time_in_system, simulate_queue

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
