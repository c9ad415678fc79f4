"""Becoming a P2P organisation: network weaving, phase by phase.

Krebs & Holley describe how a community's network is built up by deliberate *network
weaving*: people who know the network introduce others to each other. They describe four
typical shapes on the way:

1. **scattered fragments** -- small clusters that do not know of each other;
2. **a single hub-and-spoke** -- a weaver has reached out to every cluster, and everything
   runs through her;
3. **a multi-hub small world** -- the weaver has helped others become hubs; clusters are tied
   to each other by several hubs and by bridges;
4. **a core/periphery network** -- a dense core of active members, with a periphery tied to
   the core (and, beyond the model, to the outside world).

This package makes each shape with a seeded generator (:func:`phases`; each phase adds ties to
the one before, never removes them), measures them (:func:`phase_profile`), names the shape a
network has (:func:`classify`) and applies weaving actions one introduction at a time
(:func:`weave`):

- ``"close"`` -- introduce two people who share a colleague (closing a triangle);
- ``"bridge"`` -- introduce two people from different clusters;
- ``"spoke"`` -- the weaver reaches out to someone she does not know yet.

Modules
-------
- :mod:`~p2pkit.weaving.phases`   the four phases and the path between them;
- :mod:`~p2pkit.weaving.profile`  the measures of each phase, the shape, the verdict;
- :mod:`~p2pkit.weaving.moves`    weaving moves and the kind of each new tie.
"""

from __future__ import annotations

from .moves import ACTIONS, WeaveResult, transition, weave
from .phases import PHASES, PathStep, phase, phases, scattered, weaving_path
from .profile import (PhaseProfile, PhaseTrack, classify, core_periphery_fit, main_core, phase_measures, phase_profile,
                      phase_track, phase_verdict, triangles)

__all__ = [
    "PHASES",
    "ACTIONS",
    "scattered",
    "phases",
    "phase",
    "triangles",
    "core_periphery_fit",
    "main_core",
    "classify",
    "PhaseProfile",
    "phase_profile",
    "phase_measures",
    "PhaseTrack",
    "phase_track",
    "phase_verdict",
    "PathStep",
    "weaving_path",
    "WeaveResult",
    "weave",
    "transition",
]
