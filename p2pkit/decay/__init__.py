"""Information decay: what is left of a message after it has been passed on, and how long it took.

Chapter 5 of the companion tests a second claim from the seed essay: information passed
up a chain of command is filtered on the way, so the person who decides sees less of
what the person at the data saw, and later. Two models of one relay (one hand-off):

- **keep or lose** -- each relay passes on each detail with probability ``keep`` and drops
  it otherwise; after ``h`` hand-offs a share ``keep**h`` survives (:func:`fidelity`);
- **noise** -- each relay adds independent noise of standard deviation ``noise_sd`` to a
  signal of standard deviation ``signal_sd``; the noise variance grows linearly,
  ``h * noise_sd**2``, and the share of what arrives that is still signal is
  ``signal_sd**2 / (signal_sd**2 + h noise_sd**2)`` (:func:`noisy_fidelity`).

:func:`simulate_relay` checks both by Monte Carlo. :func:`journey` follows sampled
decisions (their settings: a :class:`Flow`) through an organisation: from the people
who hold the information (the data sources) to the person who decides, along shortest
paths, counting hand-offs, the detail that survives and the hours it takes -- hand-off
time, waiting for busy relays and for a busy decider (queues from :mod:`p2pkit.decisions`).
:func:`compare` runs a tall hierarchy, a flat one and a peer mesh of about the same size
side by side, and :func:`decay_verdict` says what the numbers mean.

Modules: :mod:`~p2pkit.decay.relay` (one chain of relays), :mod:`~p2pkit.decay.journey`
(routes in an organisation) and :mod:`~p2pkit.decay.organisations` (three organisations
compared); every public name is importable from here.
"""

from __future__ import annotations

from .journey import HOURS_PER_DAY, Flow, Journey, hops_to_decider, journey
from .organisations import SHAPES, compare, decay_verdict, three_orgs
from .relay import RelayRun, fidelity, noise_variance, noisy_fidelity, simulate_relay

__all__ = [
    "HOURS_PER_DAY",
    "SHAPES",
    "RelayRun",
    "Journey",
    "Flow",
    "fidelity",
    "noise_variance",
    "noisy_fidelity",
    "simulate_relay",
    "hops_to_decider",
    "journey",
    "three_orgs",
    "compare",
    "decay_verdict",
]
