"""Shared checks of :mod:`p2pkit.decay` (not part of the public interface)."""

from __future__ import annotations

import math

import numpy as np

from ..errors import P2PKitError


def _check_hops(hops) -> float:
    try:
        h = float(hops)
    except (TypeError, ValueError):
        raise P2PKitError(f"hops must be a number of hand-offs (0 or more); got {hops!r}.") from None
    if not math.isfinite(h) or h < 0:
        raise P2PKitError(f"hops must be 0 or more; got {hops!r}.")
    return h


def _check_prob(name: str, p) -> float:
    try:
        x = float(p)
    except (TypeError, ValueError):
        raise P2PKitError(f"{name} must be a probability between 0 and 1; got {p!r}.") from None
    if not 0.0 <= x <= 1.0:
        raise P2PKitError(f"{name} must be a probability between 0 and 1; got {p!r}.")
    return x


def _check_positive(name: str, x, allow_zero: bool = False) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError):
        raise P2PKitError(f"{name} must be a number; got {x!r}.") from None
    if not math.isfinite(v) or v < 0 or (v == 0 and not allow_zero):
        word = "0 or more" if allow_zero else "more than 0"
        raise P2PKitError(f"{name} must be {word}; got {x!r}.")
    return v


def _check_int(name: str, x, minimum: int) -> int:
    if isinstance(x, bool) or not isinstance(x, (int, np.integer)) or x < minimum:
        raise P2PKitError(f"{name} must be a whole number of at least {minimum}; got {x!r}.")
    return int(x)


def _rng(seed):
    try:
        return np.random.default_rng(seed)
    except (TypeError, ValueError):
        raise P2PKitError(f"seed must be a whole number of 0 or more (or None); got {seed!r}.") from None
