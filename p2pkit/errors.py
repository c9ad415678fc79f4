"""Errors a user of the kit can cause, with messages that say what to do, and the package's
validators: the one place each kind of input is checked.

- :func:`require_whole_number` -- a count (people, steps, rounds, ...);
- :func:`require_probability` -- a probability or a share, in [0, 1];
- :func:`require_graph` -- a networkx graph of people and ties.

Every model checks its inputs with these, so that the same input is accepted or refused in
the same way everywhere (``numpy.int64(5)`` is a whole number in every module, ``True`` is
not a count anywhere) and the messages read alike.
"""

from __future__ import annotations

import math
import numbers

__all__ = ["P2PKitError", "DataFileError", "require_whole_number", "require_probability", "require_graph"]


class P2PKitError(ValueError):
    """A problem with the input a user gave to a ``p2pkit`` function.

    The message always names the problem and says what to do about it, so that a
    widget or the command line can show it as it is, without a traceback.
    """


class DataFileError(P2PKitError):
    """A data file could not be read as the kind of file it should be."""


def _is_number(value) -> bool:
    """A real number that is not a bool (numpy integers and floats are registered as real numbers,
    numpy's bool is not)."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def require_whole_number(name: str, value, minimum: int | None = None, maximum: int | None = None) -> int:
    """Return ``value`` as an ``int``, or raise a :class:`P2PKitError` naming ``name``.

    Parameters
    ----------
    name : str
        What the value is, as the message should name it (``"people"``, ``"steps"``).
    value : int, numpy integer or whole float
        Python and numpy integers are accepted, and floats that are whole (``3.0``, as a
        slider or a division may give). Bools, text, fractions, NaN and infinities are not.
    minimum, maximum : int, optional
        The smallest and largest value allowed (both included).

    Returns
    -------
    int

    Raises
    ------
    P2PKitError
        If ``value`` is not a whole number, or is outside ``[minimum, maximum]``.

    Examples
    --------
    >>> import numpy as np
    >>> require_whole_number("people", np.int64(12), minimum=2), require_whole_number("steps", 3.0)
    (12, 3)
    >>> require_whole_number("people", True)
    Traceback (most recent call last):
    ...
    p2pkit.errors.P2PKitError: people must be a whole number; got True.
    """
    whole = _is_number(value) and (isinstance(value, numbers.Integral)
                                   or (math.isfinite(value) and float(value).is_integer()))
    if not whole or (minimum is not None and value < minimum):
        least = "" if minimum is None else f" of at least {minimum:,}"
        raise P2PKitError(f"{name} must be a whole number{least}; got {value!r}.")
    if maximum is not None and value > maximum:
        raise P2PKitError(f"{name} must be at most {maximum:,}; got {value!r}.")
    return int(value)


def require_probability(name: str, value) -> float:
    """Return ``value`` as a float in [0, 1], or raise a :class:`P2PKitError` naming ``name``.

    Parameters
    ----------
    name : str
        What the value is, as the message should name it (``"keep"``, ``"rewire"``).
    value : float, int or numpy number
        A probability or a share: any real number from 0 to 1 (``0`` and ``1`` included,
        numpy floats and integers too). Bools, text, NaN and infinities are refused.

    Returns
    -------
    float
        ``value`` as a Python float.

    Raises
    ------
    P2PKitError
        If ``value`` is not a number from 0 to 1.

    Examples
    --------
    >>> require_probability("p", 0.25), require_probability("p", 1)
    (0.25, 1.0)
    >>> require_probability("p", "0.25")
    Traceback (most recent call last):
    ...
    p2pkit.errors.P2PKitError: p is a probability between 0 and 1; got '0.25'.
    """
    if not _is_number(value) or not 0 <= value <= 1:  # NaN fails the comparison
        raise P2PKitError(f"{name} is a probability between 0 and 1; got {value!r}.")
    return float(value)


def require_graph(G, *, minimum: int = 1, undirected: bool = False, connected: bool = False,
                  self_loops: bool = True, what: str = "this") -> int:
    """Check that ``G`` is a networkx graph a model can use; return its number of people.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network.
    minimum : int
        The fewest people it may have (at least 1: an empty network is always refused).
    undirected : bool
        Refuse a directed graph (a tie then means either person can reach the other).
    connected : bool
        Refuse a network in parts that cannot reach each other (for a directed graph:
        not even when ties are followed both ways).
    self_loops : bool
        ``False`` refuses ties from a person to themselves.
    what : str
        What needs the network, for the message (``"this measure"``).

    Returns
    -------
    int
        The number of people (nodes).

    Raises
    ------
    P2PKitError
        If ``G`` is not a networkx graph or breaks one of the conditions asked for.

    Examples
    --------
    >>> import networkx as nx
    >>> require_graph(nx.path_graph(4), minimum=3, undirected=True, connected=True)
    4
    >>> require_graph(nx.empty_graph(2), connected=True)
    Traceback (most recent call last):
    ...
    p2pkit.errors.P2PKitError: this needs a connected network: 2 parts cannot reach each other; \
connect them or pick one part (networkx.connected_components).
    """
    import networkx as nx  # here, so that importing p2pkit stays light

    if not isinstance(G, nx.Graph):
        raise P2PKitError(f"{what} needs a networkx graph of people and ties; got {type(G).__name__}.")
    if undirected and G.is_directed():
        raise P2PKitError("use an undirected network here (G.to_undirected()): a tie then means "
                          "either person can reach the other.")
    n = G.number_of_nodes()
    least = max(1, int(minimum))
    if n < least:
        raise P2PKitError(f"{what} needs a network of at least {least} {'person' if least == 1 else 'people'}; "
                          f"it has {n}.")
    if not self_loops and nx.number_of_selfloops(G):
        raise P2PKitError("the network has ties from a person to themselves; remove them first "
                          "(G.remove_edges_from(nx.selfloop_edges(G))).")
    if connected:
        parts = nx.number_weakly_connected_components(G) if G.is_directed() else nx.number_connected_components(G)
        if parts > 1:
            raise P2PKitError(f"{what} needs a connected network: {parts} parts cannot reach each other; "
                              "connect them or pick one part (networkx.connected_components).")
    return n
