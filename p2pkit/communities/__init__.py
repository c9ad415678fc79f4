"""Node communities: groups that form without a middleman, who bridges them, what spreads.

Node communities are the first of the three elements the publisher's description of
Baker's *Peer-to-Peer Leadership* names (Baker 2014, "About This Book"); the description
does not define them. This companion reads a node community as a group of people who have
found each other and work together without someone in the middle arranging it. In a
network such groups show up as *communities*: sets of people with many ties inside and few
between. This package finds them, scores them, names the people who bridge them, grows
them from local rules, and races a rumour against its correction across them, in four
modules:

:mod:`~p2pkit.communities.detection`
    :func:`detect` (Louvain; Blondel et al. 2008), :func:`modularity` (Newman & Girvan
    2004), :func:`membership`, :func:`agreement` (adjusted Rand index; Hubert & Arabie
    1985), :func:`chance_modularity` and :func:`chart_vs_informal` (informal communities
    against a formal chart).
:mod:`~p2pkit.communities.brokerage`
    :func:`constraint` and :func:`effective_size` (Burt 1992), :func:`brokerage` (who
    links which communities, and whether one person holds them together),
    :func:`brokerage_roles` (Gould & Fernandez 1989) and :func:`hub`.
:mod:`~p2pkit.communities.self_organisation`
    :func:`planted_communities` (a toy network with known groups) and
    :func:`self_organise` (ties grown by triadic closure and homophily, in snapshots).
:mod:`~p2pkit.communities.rumours`
    :func:`race` (a rumour and its correction spreading as competing independent
    cascades; Kempe, Kleinberg & Tardos 2003), :func:`expected_race` (Monte Carlo),
    :func:`first_reached` and :func:`race_verdict`.

Every public name is importable from here (``from p2pkit.communities import detect``).
Every verdict shown in the companion's figures comes from a ``*_verdict`` function,
computed from the numbers, not written by hand.
"""

from .brokerage import (
    ROLES, Brokerage, brokerage, brokerage_roles, brokerage_verdict, constraint, departure_verdict, effective_size,
    hub, lose_touch_text,
)
from .detection import (
    ChartComparison, agreement, chance_modularity, chart_verdict, chart_vs_informal, detect, membership, modularity,
)
from .rumours import (
    PLACEMENTS, Race, RaceOdds, compare_placements, correction_source, expected_race, first_reached, race,
    race_verdict,
)
from .self_organisation import (
    CLEAR_MARGIN, Snapshot, communities_appeared, growth_verdict, grown_network, planted_communities,
    self_organise,
)

__all__ = [
    "detect", "modularity", "membership", "agreement", "hub",
    "constraint", "effective_size", "Brokerage", "brokerage", "brokerage_verdict",
    "ROLES", "brokerage_roles", "lose_touch_text",
    "ChartComparison", "chart_vs_informal",
    "planted_communities", "Snapshot", "self_organise", "grown_network", "communities_appeared",
    "growth_verdict",
    "Race", "race", "RaceOdds", "expected_race", "first_reached", "race_verdict",
    "departure_verdict", "chart_verdict", "chance_modularity", "CLEAR_MARGIN",
    "PLACEMENTS", "correction_source", "compare_placements",
]
