"""Shared checks of :mod:`p2pkit.decisions` (not part of the public interface)."""

from __future__ import annotations

import math

import numpy as np

from ..errors import P2PKitError


def _check_rate(name: str, value: float) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise P2PKitError(f"{name} must be a number; got {value!r}.") from None
    if not math.isfinite(x) or x <= 0:
        raise P2PKitError(f"{name} must be a positive number of decisions per time unit; got {value!r}.")
    return x


def _check_deciders(c: int) -> int:
    if isinstance(c, bool) or not isinstance(c, (int, np.integer)) or c < 1:
        raise P2PKitError(f"deciders must be a whole number of at least 1; got {c!r}.")
    if c > 100_000:
        raise P2PKitError(f"{c:,} deciders is more than this model handles; use at most 100,000.")
    return int(c)


def _check_cv(cv: float) -> float:
    try:
        x = float(cv)
    except (TypeError, ValueError):
        raise P2PKitError(f"service_cv must be a number; got {cv!r}.") from None
    if not math.isfinite(x) or x < 0:
        raise P2PKitError(f"service_cv (spread of decision times) must be 0 or more; got {cv!r}. "
                          "Use 0 for fixed decision times, 1 for random (exponential) ones.")
    return x
