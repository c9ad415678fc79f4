"""News over the ties of the moment: how far a piece of news got (it spreads inside :func:`~p2pkit.dynamics.evolve`).

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


def news_verdict(ev: Evolution, upto: int | None = None) -> str:
    """One sentence on how far the news in ``ev`` got by step ``upto`` (default: the last).

    Examples
    --------
    >>> import networkx as nx
    >>> from p2pkit.dynamics import evolve
    >>> news_verdict(evolve(nx.path_graph(4), 3, news_from=[0]))
    'Everyone had heard the news after 3 steps.'
    """
    t = ev.steps if upto is None else int(upto)
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
