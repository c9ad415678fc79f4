"""Errors a user of the kit can cause, with messages that say what to do."""

from __future__ import annotations


class P2PKitError(ValueError):
    """A problem with the input a user gave to a ``p2pkit`` function.

    The message always names the problem and says what to do about it, so that a
    widget or the command line can show it as it is, without a traceback.
    """


class DataFileError(P2PKitError):
    """A data file could not be read as the kind of file it should be."""


def require_probability(name: str, value: float) -> float:
    """Return ``value`` as a float in [0, 1], or raise a :class:`P2PKitError` naming ``name``.

    Examples
    --------
    >>> require_probability("p", 0.25)
    0.25
    """
    import math

    try:
        x = float(value)
    except (TypeError, ValueError):
        raise P2PKitError(f"{name} is a probability between 0 and 1; got {value!r}.") from None
    if math.isnan(x) or not 0.0 <= x <= 1.0:
        raise P2PKitError(f"{name} is a probability between 0 and 1; got {value!r}.")
    return x
