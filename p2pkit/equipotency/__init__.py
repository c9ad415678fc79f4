"""Equipotency: how evenly the power to act is spread across a network.

Equipotency is the second of the three elements the publisher's description of Baker's
*Peer-to-Peer Leadership* names (Baker 2014, "About This Book"); the description does not
define it. This companion reads it as every member of a network holding the potential to
lead, and this package measures how far a network is from that, in three modules:

- :mod:`~p2pkit.equipotency.structure` -- centrality, Freeman's centralization, Gini,
  influence shares and Krackhardt's (1994) four dimensions; :func:`equipotency_profile`
  and :func:`verdict` measure one network on all of them at once.
- :mod:`~p2pkit.equipotency.influence` -- influence as weight in a group's consensus
  (DeGroot 1974: :func:`trust_matrix`, :func:`trust_rounds`, :func:`influence_weights`,
  :func:`consensus`) and whether that consensus finds the truth (Golub & Jackson 2010:
  :func:`wisdom`).
- :mod:`~p2pkit.equipotency.leadership` -- leadership that moves with the task
  (:func:`situational_leader`) against one fixed leader every task must pass, a queue
  (:func:`fixed_leader`, :func:`fixed_leader_expected`).

Every public name is importable from here (``from p2pkit.equipotency import krackhardt``).
Organisation charts of any size are :func:`p2pkit.orgs.org_chart` and
:func:`p2pkit.orgs.chart_to_mesh`.
"""

from .influence import (
    Wisdom, consensus, consensus_error_bounds, consensus_error_sd, influence_weights, round_verdict, signals,
    trust_matrix, trust_rounds, wisdom, wisdom_verdict,
)
from .leadership import (
    LeadershipRun, Task, assign_skills, fixed_leader, fixed_leader_expected, leadership_verdict,
    situational_leader, task_stream,
)
from .structure import (
    INFLUENCE_MEASURES, MEASURE_WORDS, EquipotencyProfile, centrality, centralization, centralization_from,
    equipotency_profile, gini, influence_shares, krackhardt, orient_top_down, verdict,
)

__all__ = [
    # structure
    "centrality", "centralization", "centralization_from", "gini", "krackhardt", "influence_shares",
    "orient_top_down", "EquipotencyProfile", "equipotency_profile", "verdict",
    "INFLUENCE_MEASURES", "MEASURE_WORDS",
    # DeGroot influence and the wisdom of the crowd
    "trust_matrix", "trust_rounds", "influence_weights", "consensus", "round_verdict",
    "signals", "consensus_error_sd", "consensus_error_bounds", "Wisdom", "wisdom", "wisdom_verdict",
    # leadership that moves with the situation
    "Task", "task_stream", "assign_skills", "LeadershipRun", "fixed_leader", "fixed_leader_expected",
    "situational_leader", "leadership_verdict",
]
