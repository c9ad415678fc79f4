"""Transparency: how everyone comes to see the state of the network.

Chapter 9 of the companion asks how people who each hold only a piece of the picture can
all come to see the whole of it. Two ways are modelled, in synchronous *rounds* (one
round: everybody may hold one more conversation):

- **Gossip** (:func:`gossip_everything`, :func:`rumour_rounds`): every round each person
  calls one colleague chosen at random among their ties and they share what they know
  (*push*: the caller tells; *pull*: the caller asks; *push-pull*: both). This is the
  epidemic protocol of Demers et al. (1987) for keeping copies of a database alike.
- **Report up, broadcast down** (:func:`report_up_broadcast_down`): along an org chart,
  each person reports everything they know to their manager once all their own reports
  have reported; when the top has the whole picture it is passed back down. A manager can
  hold ``capacity`` conversations per round.

:func:`verdict` compares the two in one sentence computed from the runs.

Conventions
-----------
A network is given either as a :class:`networkx.Graph` whose nodes are ``0 .. n-1``, or as
an ``int`` ``n``: *anyone can call anyone* among ``n`` people (the complete graph, which is
never built). One *conversation* is one call between two people, whatever is exchanged.

Modules
-------
- :mod:`~p2pkit.transparency.spread`      :class:`Spread`, one run of either way;
- :mod:`~p2pkit.transparency.gossip`      gossip: one rumour, or everyone's piece;
- :mod:`~p2pkit.transparency.chart`       the org chart: report up, broadcast down, closed forms;
- :mod:`~p2pkit.transparency.comparison`  the two compared, and against the size of the organisation.
"""

from __future__ import annotations

from .chart import chart_size, org_chart, report_up_broadcast_down, report_up_rounds
from .comparison import SizeSweep, at_round, rounds_by_size, size_verdict, verdict
from .gossip import MODES, gossip_everything, push_rounds_estimate, rumour_rounds
from .spread import Spread

__all__ = [
    "MODES",
    "Spread",
    "push_rounds_estimate",
    "rumour_rounds",
    "gossip_everything",
    "org_chart",
    "report_up_broadcast_down",
    "report_up_rounds",
    "at_round",
    "verdict",
    "SizeSweep",
    "chart_size",
    "rounds_by_size",
    "size_verdict",
]
