"""News over the ties of the moment, as it spreads inside :func:`~p2pkit.dynamics.evolve`.

- :func:`news_verdict` -- one sentence on who has heard by a step, and whether it can still spread.

Ties are directed (``u -> v``: *u* names *v*); a request, a piece of news or a meeting
through a common contact can use a tie in either direction (see :mod:`p2pkit.dynamics`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .evolution import Evolution

__all__ = ["news_verdict"]


def _spread_news(S: np.ndarray, informed: np.ndarray, used: np.ndarray, rng: np.random.Generator,
                 tell: float) -> np.ndarray:
    """One step of news along the ties of the moment (step 1 of :func:`~p2pkit.dynamics.evolve`).

    Everyone who has the news tells each contact (a tie in either direction, ``S``) with
    probability ``tell``: a susceptible-informed process. Marks the ties that carried the
    news in ``used`` (they count as used in the step) and returns who has the news after
    the step (a new array; ``informed`` is left as it is).

    Parameters
    ----------
    S : numpy.ndarray
        Symmetric boolean adjacency matrix: who can tell whom.
    informed : numpy.ndarray
        Boolean, who has the news at the start of the step.
    used : numpy.ndarray
        Boolean matrix, updated in place with the ties that carried the news.
    rng : numpy.random.Generator
    tell : float
        Probability that a person with the news tells a given contact in the step.

    Examples
    --------
    >>> from p2pkit import rng
    >>> S = np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], dtype=bool)
    >>> used = np.zeros_like(S)
    >>> _spread_news(S, np.array([True, False, False]), used, rng(0), 1.0).tolist()
    [True, True, False]
    """
    if not informed.any() or informed.all() or tell <= 0:
        return informed
    src = np.flatnonzero(informed)
    dst_all = np.flatnonzero(~informed)
    rows, cols = np.nonzero(S[np.ix_(src, dst_all)])
    told = rng.random(rows.size) < tell
    u, v = src[rows[told]], dst_all[cols[told]]
    used[u, v] = used[v, u] = True
    informed = informed.copy()
    informed[v] = True
    return informed


def news_verdict(ev: Evolution) -> str:
    """One sentence on how far the news in ``ev`` got by its last step.

    For step ``t``, give ``ev.until(t)`` (:meth:`~p2pkit.dynamics.Evolution.until`).

    Examples
    --------
    >>> import networkx as nx
    >>> from p2pkit.dynamics import evolve
    >>> news_verdict(evolve(nx.path_graph(4), 3, news_from=[0]))
    'Everyone had heard the news after 3 steps.'
    """
    t = ev.steps
    n = len(ev.nodes)
    if not ev.informed[0]:
        return "Nobody had any news to pass on."
    for s in range(t + 1):
        if len(ev.informed[s]) == n:
            return f"Everyone had heard the news after {s} step{'s' if s != 1 else ''}."
    left = n - len(ev.informed[t])
    known = np.array([v in ev.informed[t] for v in ev.nodes])
    A = ev.matrices[t]
    cut_off = not (A | A.T)[np.ix_(known, ~known)].any()
    tail = (": no tie leads from anyone who has heard to anyone who has not."
            if cut_off else ", and it can still spread.")
    if t == 0:
        return f"At the start, {left} of {n} people have not heard the news{tail}"
    return f"After {t} step{'s' if t != 1 else ''}, {left} of {n} people had not heard the news{tail}"
