"""One way to seed randomness across the package.

Every model that draws random numbers takes a ``seed`` argument and nothing else random:
the same seed always gives the same result, ``None`` a fresh draw. Inside, it turns the
seed into a generator with one of the two functions here:

- :func:`rng` -- numpy's :class:`numpy.random.Generator`, the default for any new model
  (vectorised draws, ``rng.random(n)``, ``rng.choice``, ``rng.permutation``);
- :func:`python_random` -- a :class:`random.Random`, where an algorithm needs Python's own
  generator (``random.sample`` over a list of people, ``shuffle``, networkx generators that
  take a ``seed``). For a whole-number seed it is ``random.Random(seed)``, the stream the
  models have always drawn from, so their published numbers keep their values; a numpy
  ``Generator`` passed as the seed gives a ``Random`` seeded by one draw from it, so one
  stream can feed both kinds of algorithm.

Both accept ``None``, a whole number of 0 or more (numpy integers included) or a numpy
``Generator``, and refuse anything else -- a bool, a float, text, a negative number -- with
the same :class:`~p2pkit.errors.P2PKitError` message.

References
----------
NumPy Developers (2019). NEP 19 -- Random number generator policy. https://numpy.org/neps/nep-0019-rng-policy.html
"""

from __future__ import annotations

import numbers
import random

import numpy as np

from .errors import P2PKitError

__all__ = ["rng", "python_random"]


def _refuse(seed) -> P2PKitError:
    return P2PKitError(f"seed must be a whole number of 0 or more (or None); got {seed!r}.")


def rng(seed=None) -> np.random.Generator:
    """numpy's random generator for ``seed`` (``numpy.random.default_rng``, with a clear error).

    Parameters
    ----------
    seed : None, int, numpy integer or numpy.random.Generator
        ``None`` for a fresh draw; a whole number of 0 or more for a repeatable one; a
        ``Generator`` is returned as it is (so a caller can share one stream).

    Returns
    -------
    numpy.random.Generator

    Raises
    ------
    P2PKitError
        If ``seed`` is negative, a bool, a float, text or another type.

    Examples
    --------
    >>> rng(7).integers(100) == rng(7).integers(100)
    np.True_
    >>> rng(-1)
    Traceback (most recent call last):
    ...
    p2pkit.errors.P2PKitError: seed must be a whole number of 0 or more (or None); got -1.
    """
    if isinstance(seed, (bool, np.bool_)):  # numpy would take True for 1
        raise _refuse(seed)
    try:
        return np.random.default_rng(seed)
    except (TypeError, ValueError):
        raise _refuse(seed) from None


def python_random(seed=None) -> random.Random:
    """Python's :class:`random.Random` for ``seed``, for algorithms that need one.

    Parameters
    ----------
    seed : None, int, numpy integer, numpy.random.Generator or random.Random
        ``None`` for a fresh draw; a whole number of 0 or more gives ``random.Random(seed)``
        (numpy integers too, which ``random.Random`` itself refuses); a numpy ``Generator``
        gives a ``Random`` seeded by one draw from it; a ``Random`` is returned as it is.

    Returns
    -------
    random.Random

    Raises
    ------
    P2PKitError
        For the seeds :func:`rng` refuses.

    Examples
    --------
    >>> import numpy as np
    >>> python_random(3).random() == random.Random(3).random() == python_random(np.int64(3)).random()
    True
    >>> python_random(rng(0)).random() == python_random(rng(0)).random()
    True
    """
    if seed is None or isinstance(seed, random.Random):
        return random.Random(seed) if seed is None else seed
    if isinstance(seed, np.random.Generator):
        return random.Random(int(seed.integers(2**63)))
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise _refuse(seed)
    return random.Random(int(seed))
