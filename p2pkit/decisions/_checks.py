"""Shared checks of :mod:`p2pkit.decisions` (not part of the public interface)."""

from __future__ import annotations

import math

from ..errors import P2PKitError

#: the most deciders the queueing formulas take (Erlang's C is summed term by term)
_MOST_DECIDERS = 100_000


def _check_number(name: str, value, *, allow_zero: bool = False, kind: str = "a number", bound: str = "",
                  hint: str = "") -> float:
    """``value`` as a finite float above 0 (0 or more with ``allow_zero``), or a P2PKitError naming ``name``.

    The one check of a non-negative number in :mod:`p2pkit.decisions` and :mod:`p2pkit.decay`:
    "``name`` must be ``kind``" if it is not a number, otherwise "``name`` ``bound``" (default:
    "must be more than 0" or "must be 0 or more"), followed by ``hint``.
    """
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise P2PKitError(f"{name} must be {kind}; got {value!r}.") from None
    if not math.isfinite(x) or x < 0 or (x == 0 and not allow_zero):
        bound = bound or ("must be 0 or more" if allow_zero else "must be more than 0")
        raise P2PKitError(f"{name} {bound}; got {value!r}.{hint}")
    return x


def _check_rate(name: str, value: float) -> float:
    return _check_number(name, value, bound="must be a positive number of decisions per time unit")


def _check_cv(cv: float) -> float:
    return _check_number("service_cv", cv, allow_zero=True, bound="(spread of decision times) must be 0 or more",
                         hint=" Use 0 for fixed decision times, 1 for random (exponential) ones.")
