"""Iterating when a strategy falters: exploration against exploitation on a network.

Chapter 6 of the companion asks what the seed essay's "self-correcting" network does when
a strategy falters. The model is Lazer & Friedman's (2007) network problem solving:

- a *strategy* is a string of ``n`` yes/no choices, and how well it does is read off an NK
  landscape (Kauffman 1993): each choice contributes a random amount that depends on
  itself and on ``k`` other choices. With ``k = 0`` the choices do not interact and there is
  one best strategy that step-by-step improvement always finds; the larger ``k``, the more
  local peaks where step-by-step improvement gets stuck;
- each round every person looks at the people they are tied to. If one of them does better,
  they copy the best one's strategy (exploitation); if not, they try changing one choice
  at random and keep the change if it does better (exploration);
- a *strategy falters*: in the middle of the run a share of the landscape is re-drawn (the
  market moves), so what worked before may no longer.

:func:`nk_landscape`, :func:`fitness` and :func:`all_fitness` build and read a landscape
(the best strategy is found by trying all ``2^n``); :func:`redraw` is the shock;
:func:`search` runs many seeded searches at once on a network; :func:`exploration_verdict`
says in plain words how dense and sparse networks compare before and after the shock.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from .errors import P2PKitError, require_graph, require_probability, require_whole_number
from .seeding import rng

__all__ = [
    "MAX_CHOICES",
    "NKLandscape",
    "SearchRun",
    "all_fitness",
    "compare",
    "exploration_verdict",
    "fitness",
    "nk_landscape",
    "redraw",
    "search",
]

#: The largest number of choices a landscape may have (every strategy is tried: 2^n).
MAX_CHOICES = 20


# --------------------------------------------------------------------------- the landscape


@dataclass(frozen=True)
class NKLandscape:
    """An NK landscape: ``n`` choices, each interacting with ``k`` others.

    Attributes
    ----------
    n, k : int
    neighbours : numpy.ndarray
        ``n x k``: the choices each choice's contribution also depends on (the ``k`` next
        ones, cyclically, as in Kauffman's adjacent neighbourhoods).
    tables : numpy.ndarray
        ``n x 2^(k+1)``: contribution ``tables[i, j]`` of choice ``i`` when it and its
        neighbours read ``j`` in binary (choice ``i`` the lowest bit).
    """

    n: int
    k: int
    neighbours: np.ndarray = field(repr=False)
    tables: np.ndarray = field(repr=False)


def nk_landscape(n: int = 12, k: int = 5, seed: int | None = 0) -> NKLandscape:
    """A random NK landscape with contributions drawn uniformly from [0, 1).

    Parameters
    ----------
    n : int, default 12
        Number of choices (1 to :data:`MAX_CHOICES`).
    k : int, default 5
        How many other choices each choice's contribution depends on (0 to ``n - 1``).
    seed : int or None, default 0

    References
    ----------
    Kauffman, S. A. (1993). *The Origins of Order: Self-Organization and Selection in
    Evolution*. Oxford University Press.
    Kauffman, S., & Levin, S. (1987). Towards a general theory of adaptive walks on rugged
    landscapes. *Journal of Theoretical Biology* 128(1), 11-45.

    Examples
    --------
    >>> L = nk_landscape(6, 2, seed=1)
    >>> L.tables.shape, L.neighbours[5].tolist()
    ((6, 8), [0, 1])
    """
    n = require_whole_number("n (choices)", n, minimum=1, maximum=MAX_CHOICES)
    k = require_whole_number("k (interactions)", k, minimum=0, maximum=n - 1)
    neighbours = np.array([[(i + j) % n for j in range(1, k + 1)] for i in range(n)], dtype=int).reshape(n, k)
    return NKLandscape(n, k, neighbours, rng(seed).random((n, 2 ** (k + 1))))


def _bits(strategies: np.ndarray, n: int) -> np.ndarray:
    return (strategies[..., None] >> np.arange(n)) & 1


def _as_strategies(land: NKLandscape, strategies) -> np.ndarray:
    s = np.asarray(strategies)
    if s.dtype == bool:
        if s.ndim == 0 or s.shape[-1] != land.n:
            raise P2PKitError(f"a strategy given as True/False choices has {land.n} of them.")
        return (s.astype(np.int64) << np.arange(land.n)).sum(axis=-1)
    if not np.issubdtype(s.dtype, np.integer):
        raise P2PKitError("give strategies as whole numbers (the choices in binary) or rows of True/False choices.")
    if np.any(s < 0) or np.any(s >= 2 ** land.n):
        raise P2PKitError(f"a strategy is a whole number from 0 to {2 ** land.n - 1} (its {land.n} choices in binary).")
    return s.astype(np.int64)


def fitness(land: NKLandscape, strategies) -> np.ndarray:
    """How well strategies do: the mean contribution of their ``n`` choices.

    Parameters
    ----------
    land : NKLandscape
    strategies : int, array of int, or boolean array
        Strategies as whole numbers whose binary digits are the choices (choice 0 the lowest
        bit), or as rows of ``n`` True/False choices.

    Returns
    -------
    numpy.ndarray
        ``(1/n) sum_i tables[i, (x_i, x_{i+1}, ..., x_{i+k})]``, one value per strategy.

    Examples
    --------
    >>> L = nk_landscape(3, 0, seed=0)
    >>> float(fitness(L, 0)[()]) == float(L.tables[:, 0].mean())
    True
    """
    s = _as_strategies(land, strategies)
    b = _bits(s, land.n)
    cols = np.concatenate([np.arange(land.n)[:, None], land.neighbours], axis=1)   # n x (k+1)
    idx = (b[..., cols] << np.arange(land.k + 1)).sum(axis=-1)                      # ... x n
    return land.tables[np.arange(land.n), idx].mean(axis=-1)


def all_fitness(land: NKLandscape) -> np.ndarray:
    """The fitness of every one of the ``2^n`` strategies (index = the strategy as a number).

    Examples
    --------
    >>> L = nk_landscape(8, 3, seed=2)
    >>> f = all_fitness(L)
    >>> len(f), float(f[37]) == float(fitness(L, 37)[()])
    (256, True)
    """
    return fitness(land, np.arange(2 ** land.n, dtype=np.int64))


def redraw(land: NKLandscape, share: float, seed: int | None = 0) -> NKLandscape:
    """The landscape after a shock: the contributions of a share of the choices are drawn afresh.

    ``round(share * n)`` choices, picked at random, get new contribution tables; the others
    keep theirs. ``share = 1`` is a new landscape; ``share = 0`` changes nothing.

    Examples
    --------
    >>> L = nk_landscape(10, 2, seed=0)
    >>> M = redraw(L, 0.3, seed=1)
    >>> int((L.tables != M.tables).any(axis=1).sum())
    3
    """
    q = require_probability("share (of the landscape re-drawn)", share)
    gen = rng(seed)
    m = round(q * land.n)
    which = gen.choice(land.n, size=m, replace=False)
    tables = land.tables.copy()
    tables[which] = gen.random((m, tables.shape[1]))
    return NKLandscape(land.n, land.k, land.neighbours, tables)


# --------------------------------------------------------------------------- search on a network


@dataclass(frozen=True)
class SearchRun:
    """What :func:`search` measured, round by round (round 0: the random start).

    Scores are shares of the best possible strategy of the landscape in force that round
    (1: everyone has found the best). Arrays are ``runs x (rounds + 1)`` unless said.

    Attributes
    ----------
    mean_score : numpy.ndarray
        The people's average score.
    best_score : numpy.ndarray
        The best score anyone holds.
    at_best : numpy.ndarray
        Share of people holding the best possible strategy.
    distinct : numpy.ndarray
        Number of different strategies held (diversity).
    strategies : numpy.ndarray
        ``(rounds + 1) x people``: who holds which strategy, in the first run.
    scores : numpy.ndarray
        ``(rounds + 1) x people``: their scores, in the first run.
    copied : numpy.ndarray
        ``(rounds + 1) x people`` booleans: who copied a contact in that round (first run).
    """

    nodes: list
    rounds: int
    runs: int
    shock_round: int | None
    shock_share: float
    k: int
    mean_score: np.ndarray
    best_score: np.ndarray
    at_best: np.ndarray
    distinct: np.ndarray
    strategies: np.ndarray
    scores: np.ndarray
    copied: np.ndarray

    def mean(self, t: int) -> float:
        """The average score at round ``t``, over people and runs."""
        return float(self.mean_score[:, t].mean())

    def window(self, a: int, b: int) -> float:
        """The average score over rounds ``a`` to ``b`` (inclusive), people and runs."""
        return float(self.mean_score[:, a:b + 1].mean())


def _neighbour_table(G: nx.Graph, nodes: list) -> np.ndarray:
    index = {v: i for i, v in enumerate(nodes)}
    deg = max((G.degree(v) for v in nodes), default=0)
    table = np.full((len(nodes), max(deg, 1)), -1, dtype=int)
    for v in nodes:
        nb = sorted(index[u] for u in G.neighbors(v) if u != v)
        table[index[v], :len(nb)] = nb
    return table


def search(G: nx.Graph, land: NKLandscape, rounds: int = 100, shock_round: int | None = None,
           shock_share: float = 0.5, runs: int = 20, seed: int | None = 0) -> SearchRun:
    """People search the landscape together: copy a better contact, else try one change.

    Parameters
    ----------
    G : networkx.Graph
        Who sees whose strategy and results.
    land : NKLandscape
        The landscape at the start.
    rounds : int, default 100
        Rounds to run.
    shock_round : int, optional
        Before this round the landscape is re-drawn by :func:`redraw` (``None``: no shock).
        The same shock hits every run.
    shock_share : float, default 0.5
        Share of the choices whose contributions the shock re-draws.
    runs : int, default 20
        Independent searches (random starting strategies, random changes), run at once.
    seed : int or None, default 0

    Returns
    -------
    SearchRun

    Notes
    -----
    Every round, all at once: a person whose best contact scores higher than they do copies
    that contact's whole strategy; everyone else changes one choice picked at random and
    keeps the change only if it scores higher (Lazer & Friedman 2007's imitation and local
    search, without their copying errors and speed parameters). Nobody ever takes a worse
    strategy by choice, so a group that has converged on one strategy searches from that one
    point only.

    References
    ----------
    Lazer, D., & Friedman, A. (2007). The network structure of exploration and exploitation.
    *Administrative Science Quarterly* 52(4), 667-694.
    March, J. G. (1991). Exploration and exploitation in organizational learning.
    *Organization Science* 2(1), 71-87.

    Examples
    --------
    >>> L = nk_landscape(8, 0, seed=1)
    >>> r = search(nx.cycle_graph(10), L, rounds=80, runs=5, seed=2)
    >>> float(r.at_best[:, -1].min())      # k = 0: one peak, and everyone finds it
    1.0
    """
    m = require_graph(G, undirected=True, what="a search")
    nodes = list(G)
    T = require_whole_number("rounds", rounds, minimum=0, maximum=10_000)
    R = require_whole_number("runs", runs, minimum=1, maximum=1000)
    if shock_round is not None:
        shock_round = require_whole_number("shock_round", shock_round, minimum=1, maximum=max(T, 1))
    q = require_probability("shock_share", shock_share)
    if R * m * T > 50_000_000:
        raise P2PKitError("that is too big to run here; use fewer rounds, runs or people.")
    gen = rng(seed)
    table = _neighbour_table(G, nodes)
    valid = table >= 0
    safe = np.where(valid, table, 0)

    def landscape_scores(L):
        f = all_fitness(L)
        return f, f.max()

    f, top = landscape_scores(land)
    after = redraw(land, q, seed=None if seed is None else seed + 7919) if shock_round is not None else None
    s = gen.integers(0, 2 ** land.n, size=(R, m))
    mean_score = np.empty((R, T + 1))
    best_score = np.empty((R, T + 1))
    at_best = np.empty((R, T + 1))
    distinct = np.empty((R, T + 1))
    strategies = np.empty((T + 1, m), dtype=np.int64)
    scores = np.empty((T + 1, m))
    copied = np.zeros((T + 1, m), dtype=bool)
    for t in range(T + 1):
        if shock_round is not None and t == shock_round:
            f, top = landscape_scores(after)
        sc = f[s] / top
        mean_score[:, t] = sc.mean(axis=1)
        best_score[:, t] = sc.max(axis=1)
        at_best[:, t] = (sc >= 1 - 1e-12).mean(axis=1)
        srt = np.sort(s, axis=1)
        distinct[:, t] = 1 + (srt[:, 1:] != srt[:, :-1]).sum(axis=1)
        strategies[t], scores[t] = s[0], sc[0]
        if t == T:
            break
        # exploitation: the best contact's strategy, if it does better
        nb_sc = np.where(valid[None], sc[:, safe], -np.inf)                    # R x m x d
        best = np.argmax(nb_sc, axis=2)
        best_sc = np.take_along_axis(nb_sc, best[..., None], axis=2)[..., 0]
        best_who = safe[np.arange(m)[None, :], best]
        copy = best_sc > sc + 1e-12
        # exploration: one random change, kept if better
        trial = s ^ (1 << gen.integers(0, land.n, size=(R, m)))
        keep = f[trial] > f[s] + 1e-12
        new = np.where(copy, np.take_along_axis(s, best_who, axis=1), np.where(keep, trial, s))
        copied[t + 1] = copy[0]
        s = new
    return SearchRun(nodes, T, R, shock_round, q, land.k, mean_score, best_score, at_best, distinct,
                     strategies, scores, copied)


def _merge(runs: list) -> SearchRun:
    """Several searches (one per landscape) as one, the first one's people shown."""
    first = runs[0]

    def cat(name):
        return np.concatenate([getattr(r, name) for r in runs])

    return SearchRun(first.nodes, first.rounds, sum(r.runs for r in runs), first.shock_round, first.shock_share,
                     first.k, cat("mean_score"), cat("best_score"), cat("at_best"), cat("distinct"),
                     first.strategies, first.scores, first.copied)


def compare(networks: dict, n: int = 12, k: int = 5, rounds: int = 100, shock_round: int | None = 50,
            shock_share: float = 0.5, landscapes: int = 5, runs: int = 10, seed: int | None = 0) -> dict:
    """:func:`search` on several networks, over the same ``landscapes`` random landscapes.

    Returns
    -------
    dict
        Network name -> :class:`SearchRun` whose score arrays hold ``landscapes x runs`` rows
        (the per-person arrays are those of the first landscape's first run).

    Examples
    --------
    >>> res = compare({"ring": nx.cycle_graph(12)}, n=8, k=2, rounds=20, shock_round=10, landscapes=2, runs=3)
    >>> res["ring"].runs
    6
    """
    if not networks:
        raise P2PKitError("give at least one network (a dict: name -> networkx Graph).")
    L = require_whole_number("landscapes", landscapes, minimum=1, maximum=1000)
    base = 0 if seed is None else require_whole_number("seed", seed, minimum=0)
    out = {name: [] for name in networks}
    for j in range(L):
        land = nk_landscape(n, k, seed=base * 1000 + j)
        for name, G in networks.items():
            out[name].append(search(G, land, rounds, shock_round, shock_share, runs, seed=base * 1000 + j))
    return {name: _merge(rs) for name, rs in out.items()}


# --------------------------------------------------------------------------- verdict


def exploration_verdict(results: dict, early: int = 3) -> str:
    """Plain sentences: who converges fast, who ends higher, and who recovers from the shock.

    Parameters
    ----------
    results : dict
        Network name -> :class:`SearchRun` (from :func:`compare`), all with the same rounds
        and shock.
    early : int, default 3
        The round at which early progress is read.

    Examples
    --------
    >>> res = compare({"full mesh": nx.complete_graph(30),
    ...                "ring": nx.cycle_graph(30)}, n=10, k=4, rounds=60, shock_round=30, landscapes=3)
    >>> print(exploration_verdict(res))  # doctest: +ELLIPSIS
    After 3 rounds the average strategy scores ...
    """
    if not results:
        raise P2PKitError("give at least one search (a dict: network name -> search(...)).")
    first = next(iter(results.values()))
    T, shock = first.rounds, first.shock_round
    if any((r.rounds, r.shock_round, r.shock_share) != (T, shock, first.shock_share) for r in results.values()):
        raise P2PKitError("compare searches with the same number of rounds and the same shock.")
    before = (shock - 1) if shock else T
    early = max(0, min(early, before))
    e = {name: r.mean(early) for name, r in results.items()}
    b = {name: r.mean(before) for name, r in results.items()}
    fast = max(e, key=e.get)
    high, low = max(b, key=b.get), min(b, key=b.get)
    text = (f"After {early} rounds the average strategy scores "
            + ", ".join(f"{v:.0%} on the {name}" for name, v in e.items()) + " of the best possible.")
    if first.k == 0:
        text += (f" With no interactions between choices there is one peak and every network climbs it: by round "
                 f"{before} the scores are " + ", ".join(f"{v:.0%}" for v in b.values()) + ".")
    elif fast != high and b[high] - b[fast] >= 0.01:
        text += (f" The {fast} converges fastest but settles lower: by round {before} it scores {b[fast]:.0%}, the "
                 f"{high} {b[high]:.0%}. Copying the best contact early ends the search on a worse strategy; where "
                 "news travels slowly, people keep trying different things for longer.")
    else:
        text += (f" By round {before} the {high} is ahead ({b[high]:.0%}, the {low} {b[low]:.0%}): here fast "
                 "convergence costs little.")
    if shock and first.shock_share > 0:
        drop = {name: r.mean(shock) for name, r in results.items()}
        soon = min(T, shock + 5)
        rec = {name: r.mean(soon) for name, r in results.items()}
        end = {name: r.mean(T) for name, r in results.items()}
        quick, best_end, worst_end = max(rec, key=rec.get), max(end, key=end.get), min(end, key=end.get)
        lo, hi = f"{min(drop.values()):.0%}", f"{max(drop.values()):.0%}"
        text += (f" When the strategy falters ({first.shock_share:.0%} of the landscape re-drawn at round {shock}) "
                 f"scores fall to {lo if lo == hi else lo + '-' + hi}; ")
        if max(rec.values()) - min(rec.values()) < 0.01:
            text += f"five rounds later all have recovered to about {rec[quick]:.0%}"
        else:
            text += f"five rounds later the {quick} has recovered most ({rec[quick]:.0%})"
        if end[best_end] - end[worst_end] >= 0.01:
            text += (f"; by round {T} the {best_end} is ahead ({end[best_end]:.0%}) and the {worst_end} behind "
                     f"({end[worst_end]:.0%}).")
            if worst_end == fast and len(results) > 1:
                text += (" The network that copies fastest ends lowest again: after the shock it gathers everyone on the "
                         "first strategy that works, again.")
        else:
            text += f"; by round {T} they are level ({end[best_end]:.0%})."
    elif shock is None or first.shock_share == 0:
        text += " Nothing falters in this run: add a shock to see who recovers."
    return text
