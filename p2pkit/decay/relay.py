"""One chain of relays: the detail that survives ``h`` hand-offs, in two models, and a Monte-Carlo check.

- :func:`fidelity` -- keep or lose: each relay keeps each detail with probability ``keep``;
- :func:`noise_variance` and :func:`noisy_fidelity` -- each relay adds independent noise;
- :func:`simulate_relay` -- both, hand-off by hand-off, to check the formulas.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..decisions._checks import _check_number  # decay is built on the decision queues
from ..errors import P2PKitError, require_probability, require_whole_number
from ..seeding import rng

__all__ = ["RelayRun", "fidelity", "noise_variance", "noisy_fidelity", "simulate_relay"]


def _check_hops(hops) -> float:
    """A number of hand-offs: any number of 0 or more (an average over routes need not be whole)."""
    return _check_number("hops", hops, allow_zero=True, kind="a number of hand-offs (0 or more)")


def fidelity(hops: float, keep: float = 0.9) -> float:
    """Share of the detail that survives ``hops`` hand-offs when each keeps a share ``keep``.

    Parameters
    ----------
    hops : float
        Number of hand-offs between the data and the decider (0: the decider saw it).
    keep : float, default 0.9
        Probability that one relay passes a detail on unchanged.

    Returns
    -------
    float
        ``keep ** hops``: each detail has to survive every hand-off, independently.

    Notes
    -----
    This is the serial-reproduction chain of Bartlett (1932) in its simplest form: every
    retelling drops each remaining detail with the same chance. Real retellings also
    change and add detail; :func:`noisy_fidelity` models that.

    References
    ----------
    Bartlett, F. C. (1932). *Remembering: A Study in Experimental and Social Psychology*.
    Cambridge University Press (the method of serial reproduction).
    Shannon, C. E. (1948). A mathematical theory of communication. *Bell System Technical
    Journal* 27, 379-423 and 623-656 (a chain of noisy channels).

    Examples
    --------
    >>> round(fidelity(5, 0.9), 2)
    0.59
    >>> fidelity(0, 0.5)
    1.0
    """
    h = _check_hops(hops)
    q = require_probability("keep", keep)
    return float(q ** h)


def noise_variance(hops: float, noise_sd: float) -> float:
    """Variance of the noise a message has picked up after ``hops`` noisy hand-offs.

    Each relay adds independent noise with standard deviation ``noise_sd``; variances of
    independent terms add, so after ``h`` hand-offs the noise variance is ``h noise_sd^2``
    (a random walk).

    References
    ----------
    Shannon, C. E. (1948). A mathematical theory of communication. *Bell System Technical
    Journal* 27, 379-423 and 623-656.

    Examples
    --------
    >>> noise_variance(4, 0.5)
    1.0
    """
    h = _check_hops(hops)
    s = _check_number("noise_sd", noise_sd, allow_zero=True)
    return h * s * s


def noisy_fidelity(hops: float, noise_sd: float = 0.5, signal_sd: float = 1.0) -> float:
    """Share of what reaches the decider that is still the original signal (noise model).

    Parameters
    ----------
    hops : float
        Number of hand-offs.
    noise_sd : float, default 0.5
        Standard deviation of the noise one relay adds (in units of the signal).
    signal_sd : float, default 1.0
        Standard deviation of the true signal across messages.

    Returns
    -------
    float
        ``signal_sd^2 / (signal_sd^2 + hops noise_sd^2)``: the squared correlation between
        what was seen and what arrives (the share of variance explained), 1 with no
        hand-off, falling towards 0 as hand-offs add noise.

    References
    ----------
    Shannon, C. E. (1948), see :func:`noise_variance`.

    Examples
    --------
    >>> noisy_fidelity(4, noise_sd=0.5)
    0.5
    """
    v = noise_variance(hops, noise_sd)
    s = _check_number("signal_sd", signal_sd)
    return float(s * s / (s * s + v))


@dataclass(frozen=True)
class RelayRun:
    """What one Monte-Carlo run of a relay chain measured (see :func:`simulate_relay`)."""

    hops: int
    model: str
    messages: int
    fidelity: float
    fidelity_se: float
    noise_variance: float
    noise_variance_se: float


def simulate_relay(
    hops: int,
    model: str = "keep",
    keep: float = 0.9,
    noise_sd: float = 0.5,
    signal_sd: float = 1.0,
    details: int = 20,
    messages: int = 10_000,
    seed: int | None = 0,
) -> RelayRun:
    """Pass ``messages`` messages along a chain of ``hops`` relays, hand-off by hand-off.

    Parameters
    ----------
    hops : int
        Number of hand-offs (0 or more).
    model : {"keep", "noise"}, default "keep"
        ``"keep"``: each message has ``details`` details and each relay keeps each one with
        probability ``keep``. ``"noise"``: each message is a number drawn with standard
        deviation ``signal_sd``, and each relay adds normal noise with standard deviation
        ``noise_sd``.
    keep, noise_sd, signal_sd, details : see above.
    messages : int, default 10_000
        Number of messages (at least 100).
    seed : int or None, default 0
        Seeds every draw (:mod:`p2pkit.seeding`): the same seed gives the same run, ``None`` a fresh one.

    Returns
    -------
    RelayRun
        ``"keep"``: ``fidelity`` is the mean share of details that arrived, with the
        standard error over messages. ``"noise"``: ``noise_variance`` is the sample
        variance of (arrived - seen), with the normal-theory standard error
        ``var * sqrt(2 / (messages - 1))``, and ``fidelity`` the squared sample correlation
        between seen and arrived. Compare with :func:`fidelity`, :func:`noise_variance`
        and :func:`noisy_fidelity`.

    References
    ----------
    Bartlett, F. C. (1932). *Remembering*. Cambridge University Press.

    Examples
    --------
    >>> r = simulate_relay(5, keep=0.9, seed=1)
    >>> abs(r.fidelity - 0.9 ** 5) < 4 * r.fidelity_se
    True
    """
    h = require_whole_number("hops", hops, minimum=0, maximum=1000)
    m = require_whole_number("messages", messages, minimum=100, maximum=2_000_000)
    gen = rng(seed)
    if model == "keep":
        q = require_probability("keep", keep)
        d = require_whole_number("details", details, minimum=1)
        alive = np.ones((m, d), dtype=bool)
        for _ in range(h):
            alive &= gen.random((m, d)) < q
        share = alive.mean(axis=1)
        return RelayRun(h, "keep", m, float(share.mean()), float(share.std(ddof=1) / math.sqrt(m)),
                        math.nan, math.nan)
    if model == "noise":
        s = _check_number("signal_sd", signal_sd)
        sd = _check_number("noise_sd", noise_sd, allow_zero=True)
        seen = gen.normal(0.0, s, m)
        arrived = seen.copy()
        for _ in range(h):
            arrived += gen.normal(0.0, sd, m)
        var = float(np.var(arrived - seen, ddof=1))
        r = np.corrcoef(seen, arrived)[0, 1] if h and sd > 0 else 1.0
        return RelayRun(h, "noise", m, float(r * r), math.nan, var, var * math.sqrt(2.0 / (m - 1)))
    raise P2PKitError(f"model must be 'keep' (details dropped) or 'noise' (noise added); got {model!r}.")
