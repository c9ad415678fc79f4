"""Relational dynamics: ties that form and fade, coordination on demand, flow over time.

Chapter 4 of the companion treats a network as something that moves. Three models:

1. **Ties that form and fade** -- :func:`evolve` runs a seeded stochastic model of a
   directed network of fixed people. In each step a one-way tie is returned with
   probability ``reciprocate``; each person introduces two of their contacts who have
   not met with probability ``closure`` (triadic closure; Granovetter 1973, Davidsen,
   Ebel & Bornholdt 2002); anyone reaches out to a stranger with
   probability ``meet``; and every tie that was not used in the step fades with
   probability ``decay`` (ties that carried work or news are refreshed; Burt 2000).
   :func:`tie_measures` gives density, clustering and reciprocity of each snapshot and
   :func:`trend` says in one sentence whether the network is knitting together or
   coming apart.
2. **Improvised coordination** -- a :func:`sudden_need` for ``k`` people with a skill
   appears somewhere. :func:`recruit_through_ties` finds them by passing the request
   along existing ties (new ties to the person in need form on demand);
   :func:`chain_of_command` sends it up a reporting tree to a boss who knows who has
   the skill and who handles one request at a time, then down again. :func:`race`
   runs both on the same needs and :func:`race_verdict` says which answered first.
3. **Flow over time** -- news spreads along the ties of the moment (``news_from`` in
   :func:`evolve`, a susceptible-informed process), and :func:`degroot` averages
   opinions over the current ties (DeGroot 1974), so the same people learn or agree
   faster or slower depending on how their ties evolve.

Ties are directed (``u -> v``: *u* names *v*, as in Krackhardt's 1987 surveys). A
request, a piece of news or a meeting through a common contact can use a tie in either
direction; reciprocity and density count directed ties.

One module per idea, every public name importable from here
(``from p2pkit.dynamics import evolve``):

- :mod:`~p2pkit.dynamics.ties` -- :func:`tie_measures`, :func:`density`,
  :func:`reciprocity`, :func:`clustering`;
- :mod:`~p2pkit.dynamics.evolution` -- :func:`evolve`, :class:`Evolution`,
  :func:`directed_mesh`, :func:`trend`;
- :mod:`~p2pkit.dynamics.news` -- :func:`news_verdict`;
- :mod:`~p2pkit.dynamics.needs` -- :func:`sudden_need`, :func:`request_hours`,
  :func:`recruit_through_ties`, :func:`chain_of_command`, :func:`race`, :func:`race_verdict`;
- :mod:`~p2pkit.dynamics.averaging` -- :func:`degroot`, :func:`disagreement`,
  :func:`consensus_step`, :func:`consensus_verdict`.
"""

from __future__ import annotations

from .averaging import consensus_step, consensus_verdict, degroot, disagreement
from .evolution import Evolution, directed_mesh, evolve, trend
from .needs import (
    Need,
    Race,
    Response,
    chain_of_command,
    race,
    race_verdict,
    recruit_through_ties,
    request_hours,
    sudden_need,
)
from .news import news_verdict
from .ties import TieMeasures, clustering, density, reciprocity, tie_measures

__all__ = [
    "Evolution",
    "TieMeasures",
    "evolve",
    "directed_mesh",
    "tie_measures",
    "density",
    "reciprocity",
    "clustering",
    "trend",
    "Need",
    "Response",
    "Race",
    "sudden_need",
    "request_hours",
    "recruit_through_ties",
    "chain_of_command",
    "race",
    "race_verdict",
    "degroot",
    "disagreement",
    "consensus_step",
    "consensus_verdict",
    "news_verdict",
]
