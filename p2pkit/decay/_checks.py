"""Shared checks of :mod:`p2pkit.decay` (not part of the public interface).

Numbers and seeds are checked as in :mod:`p2pkit.decisions`, on whose queues decay is built.
"""

from __future__ import annotations

import numpy as np

from ..decisions._checks import _check_number, _rng  # decay is built on the decision queues
from ..errors import P2PKitError

__all__ = ["_check_hops", "_check_prob", "_check_positive", "_check_int", "_rng"]


def _check_hops(hops) -> float:
    return _check_number("hops", hops, allow_zero=True, kind="a number of hand-offs (0 or more)")


def _check_prob(name: str, p) -> float:
    try:
        x = float(p)
    except (TypeError, ValueError):
        raise P2PKitError(f"{name} must be a probability between 0 and 1; got {p!r}.") from None
    if not 0.0 <= x <= 1.0:
        raise P2PKitError(f"{name} must be a probability between 0 and 1; got {p!r}.")
    return x


def _check_positive(name: str, x, allow_zero: bool = False) -> float:
    return _check_number(name, x, allow_zero=allow_zero)


def _check_int(name: str, x, minimum: int) -> int:
    if isinstance(x, bool) or not isinstance(x, (int, np.integer)) or x < minimum:
        raise P2PKitError(f"{name} must be a whole number of at least {minimum}; got {x!r}.")
    return int(x)
