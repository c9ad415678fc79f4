"""P2P organisations in practice: stylised network models of documented structures, and unit size.

Chapter 7 of the companion looks at organisations that are often cited as working without a
conventional chain of command. What their own and independent accounts document is a
*structure* -- who works with whom, in which groups, through which roles -- not a network
survey. This module turns each documented structure into a **stylised model**: a seeded
generator whose output has that structure and nothing else. The models are not data about
those companies; they let us ask what the measures of chapters 1-3 say about such a
structure, and where its strengths and limits lie.

Models (every generator takes the number of people ``people`` and a ``seed``)
------------------------------------------------------------------------------
- :func:`chart`: a conventional organisation chart (the baseline): everyone reports to one
  boss, each boss has at most ``span`` reports.
- :func:`gore_lattice`: home teams and cross-cutting project teams, plus a sponsor for
  everyone (after the "lattice" W. L. Gore & Associates describes).
- :func:`participative_plant`: a chart whose work groups are teams, plus a plant-wide
  committee of elected representatives (after the Scanlon plan of participative management
  that Herman Miller adopted in 1950).
- :func:`morning_star`: business units in a process chain, held together by peer agreements
  with the colleagues each person's work affects (after Morning Star's colleague letters of
  understanding).
- :func:`buurtzorg`: self-managing nurse teams of at most twelve, a few coaches and a small
  back office (after Buurtzorg Nederland).

Measures
--------
- :func:`case_profile` -- the chapter 1-3 measures of one model (centralization, Gini,
  Krackhardt, communities, single points of failure, what survives the loss of the most
  central person); :func:`case_verdict` says what they add up to.

Unit size
---------
- :func:`grow_unit` -- one unit growing by preferential attachment with triadic closure
  (Holme & Kim 2002).
- :func:`split_unit` -- the same number of people in units of at most ``cap``, joined by a
  few liaison ties.
- :func:`ideal_split` and :func:`ideal_split_modularity` -- units in which everyone knows
  everyone, one tie between neighbouring units, and the closed form of their modularity.
- :func:`unit_size`, :func:`unit_sweep`, :func:`unit_verdict` -- the coordination cost of a
  unit as it grows: ties needed for everyone to know everyone, ties actually there, hops.

Modules
-------
- :mod:`~p2pkit.practice.cases`    the chart and the four stylised cases, :data:`CASES`;
- :mod:`~p2pkit.practice.profile`  the chapter 1-3 measures of a case and its verdicts;
- :mod:`~p2pkit.practice.units`    unit size: one growing unit against small units.
"""

from __future__ import annotations

from .cases import (CASES, authority_digraph, build_case, buurtzorg, chart, gore_lattice, morning_star,
                    participative_plant)
from .profile import (CaseProfile, case_measures, case_profile, case_verdict, departure_verdict, mean_hops,
                      most_central, shortest_routes)
from .units import (UnitComparison, UnitSize, grow_unit, ideal_split, ideal_split_modularity, split_unit, unit_size,
                    unit_sweep, unit_verdict)

__all__ = [
    "chart",
    "gore_lattice",
    "participative_plant",
    "morning_star",
    "buurtzorg",
    "CASES",
    "build_case",
    "authority_digraph",
    "CaseProfile",
    "case_profile",
    "case_measures",
    "case_verdict",
    "departure_verdict",
    "shortest_routes",
    "most_central",
    "mean_hops",
    "grow_unit",
    "split_unit",
    "ideal_split",
    "ideal_split_modularity",
    "UnitSize",
    "UnitComparison",
    "unit_size",
    "unit_sweep",
    "unit_verdict",
]

