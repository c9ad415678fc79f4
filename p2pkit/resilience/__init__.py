"""Resilience: what a network loses when people leave, and how it recovers.

Chapter 6 of the companion tests three claims made for peer-to-peer organisations: that
they have no single point of failure, that redundancy lets them absorb a shock, and that
they correct themselves by re-routing around a gap. This package turns each claim into
something that can be measured on any undirected network, one module per idea:

- :mod:`~p2pkit.resilience.removal` -- who leaves first: :func:`removal_order` and
  :func:`removals` (at random, the best-connected, the people on most routes, the top of
  the chart; recomputed after each departure or fixed at the start).
- :mod:`~p2pkit.resilience.failure` -- what still holds together: :func:`failure_curve`,
  :func:`targeted_vs_random`, :func:`compare_curves`, :func:`failure_verdict`,
  :func:`collapse_point`, :func:`collapse`, :func:`collapse_verdict`, :func:`knock_out` and
  :func:`knock_out_verdict`.
- :mod:`~p2pkit.resilience.redundancy` -- :func:`chart_with_lateral_ties`,
  :func:`redundancy`, :func:`redundancy_verdict` and :func:`independent_paths` (node
  connectivity, single points of failure, bridges; Menger 1927).
- :mod:`~p2pkit.resilience.percolation` -- everyone stays with probability ``keep``:
  :func:`random_failure`, :func:`percolation_threshold` and
  :func:`random_network_giant_share` (Molloy & Reed 1995; Callaway et al. 2000).
- :mod:`~p2pkit.resilience.self_correction` -- :func:`rerouting`, :func:`rerouting_verdict`,
  :func:`repair`, :func:`repair_verdict` and :func:`repaired_network`.
- :mod:`~p2pkit.resilience.krackhardt` -- :func:`krackhardt_managers`: Krackhardt's (1987)
  managers, the formal chart, the advice network and who is sought for advice most.

Every public name is importable from here (``from p2pkit.resilience import knock_out``).

Conventions
-----------
All functions take an undirected :class:`networkx.Graph` (use ``G.to_undirected()`` on a
directed one: a tie then means "either can reach the other"). Ties among people are
unweighted. Whenever people have to be ranked, ties in the ranking are broken by the
order of the people in the network (``list(G)``), so results are deterministic; anything
random takes an explicit ``seed``. Distances use ``scipy.sparse``; betweenness is
:func:`p2pkit.measures.betweenness` (igraph).
"""

from __future__ import annotations

from .failure import (
    Collapse,
    Comparison,
    FailureCurve,
    KnockOut,
    collapse,
    collapse_point,
    collapse_verdict,
    compare_curves,
    failure_curve,
    failure_verdict,
    knock_out,
    knock_out_verdict,
    targeted_vs_random,
)
from .krackhardt import krackhardt_managers
from .percolation import RandomFailure, percolation_threshold, random_failure, random_network_giant_share
from .redundancy import Redundancy, chart_with_lateral_ties, independent_paths, redundancy, redundancy_verdict
from .removal import STRATEGIES, removal_order, removals
from .self_correction import Repair, Rerouting, repair, repair_verdict, repaired_network, rerouting, rerouting_verdict

__all__ = [
    "STRATEGIES",
    "FailureCurve",
    "Comparison",
    "Collapse",
    "KnockOut",
    "Redundancy",
    "RandomFailure",
    "Rerouting",
    "Repair",
    "removal_order",
    "removals",
    "failure_curve",
    "targeted_vs_random",
    "compare_curves",
    "failure_verdict",
    "collapse_point",
    "collapse",
    "collapse_verdict",
    "knock_out",
    "knock_out_verdict",
    "chart_with_lateral_ties",
    "redundancy",
    "redundancy_verdict",
    "independent_paths",
    "random_failure",
    "percolation_threshold",
    "random_network_giant_share",
    "rerouting",
    "rerouting_verdict",
    "repair",
    "repair_verdict",
    "repaired_network",
    "krackhardt_managers",
]
