"""p2pkit: network models for the *Peer-to-Peer Leadership* companion.

Each module models one idea, named as a reader would name it: one of the three elements the
book names (Baker 2014, as its publisher's description lists them), read the companion's way,
or a claim made for peer-to-peer organisations:

- :mod:`p2pkit.orgs`          organisation shapes and the classic organisational data sets;
- :mod:`p2pkit.architecture`  client-server against peer-to-peer (chapter 1);
- :mod:`p2pkit.communities`   node communities, brokerage, self-organisation, rumours (chapter 2);
- :mod:`p2pkit.equipotency`   centralization, Gini, Krackhardt, DeGroot influence (chapter 3);
- :mod:`p2pkit.dynamics`      ties that form and fade, improvised coordination (chapter 4);
- :mod:`p2pkit.elements`      the three elements read together on one network (reference page);
- :mod:`p2pkit.decisions`     the managerial tax: queueing at a gatekeeper (chapter 5);
- :mod:`p2pkit.decay`         information decay and time to decision (chapter 5);
- :mod:`p2pkit.judgement`     decision quality: one decider or a majority of peers (chapter 5);
- :mod:`p2pkit.resilience`    failure, redundancy, re-routing and repair (chapter 6);
- :mod:`p2pkit.exploration`   exploring or copying when a strategy falters (chapter 6);
- :mod:`p2pkit.practice`      stylised models of documented organisations (chapter 7);
- :mod:`p2pkit.weaving`       network weaving, phase by phase (chapter 8);
- :mod:`p2pkit.transparency`  gossip against reporting up (chapter 9);
- :mod:`p2pkit.protocols`     shared protocols against orders (chapter 9);
- :mod:`p2pkit.cooperation`   incentives to share: a public-goods game on a network (chapter 9);
- :mod:`p2pkit.alignment`     local rules, transparency and the strategic intent (chapter 9);
- :mod:`p2pkit.scaling`       coordination cost as organisations grow (chapter 10);
- :mod:`p2pkit.hybrid`        hybrid human and AI networks (chapter 10);
- :mod:`p2pkit.ai_access`     whether AI agents can reach the data streams they need (chapter 10);
- :mod:`p2pkit.team`          the team kit: survey intake, diagnosis, the HTML report, exports,
  the command line and the live room (map your own team);
- :mod:`p2pkit.checks`        feedback for the student exercises;
- :mod:`p2pkit.measures`      shared measures (betweenness and closeness, exact or sampled; paths,
  Krackhardt through the condensation, Louvain, Lorenz curves), fast;
- :mod:`p2pkit.workers`       a helper process that shares the sampled measures' work;
- :mod:`p2pkit.files`         reading a user's table file (CSV or .xlsx) safely;
- :mod:`p2pkit.views`         the interactive figure component and every figure: static on the
  published site (every state precomputed), live in Jupyter, Binder and presenter mode;
- :mod:`p2pkit.style`         matplotlib's house style (for the few figures still drawn with it);
- :mod:`p2pkit.errors`        the kit's exception and its validators (whole numbers, probabilities,
  graphs);
- :mod:`p2pkit.seeding`       one way to seed randomness: :func:`rng` (numpy) and
  :func:`python_random` (Python's ``random.Random``, where an algorithm needs it).
"""

from __future__ import annotations

from .errors import DataFileError, P2PKitError
from .seeding import python_random, rng

__version__ = "0.2.0"

__all__ = ["P2PKitError", "DataFileError", "rng", "python_random", "__version__"]
