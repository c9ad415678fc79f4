"""Ties that form and fade: a seeded stochastic model of a directed network of fixed people.

- :func:`evolve` -- in each step news spreads, unused ties fade, one-way ties are returned,
  people introduce two of their contacts (triadic closure) and reach out to strangers;
  returns an :class:`Evolution` (every snapshot).
- :func:`directed_mesh` -- a peer mesh with directed ties, a starting point.
- :func:`trend` -- one sentence on whether the network is knitting together or coming apart.

Ties are directed (``u -> v``: *u* names *v*); a request, a piece of news or a meeting
through a common contact can use a tie in either direction (see :mod:`p2pkit.dynamics`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import networkx as nx
import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

from ..errors import P2PKitError, require_graph, require_probability, require_whole_number
from ..orgs import peer_mesh
from ..seeding import rng
from ._base import _MAX_STEPS, _graph, _matrix
from .news import _spread_news
from .ties import TieMeasures, _measures_from_matrix

__all__ = ["Evolution", "evolve", "directed_mesh", "trend"]


@dataclass(frozen=True, eq=False)
class Evolution:
    """Snapshots of an evolving network (see :func:`evolve`).

    ``matrices[t]`` is the adjacency matrix after ``t`` steps (``t = 0`` is the start);
    ``formed[t]`` and ``faded[t]`` count the ties that appeared and disappeared in step
    ``t + 1``; ``informed[t]`` is who had the news at ``t``. Use :meth:`network` or
    :attr:`snapshots` for networkx graphs and :meth:`measures` for the measures.
    """

    nodes: tuple
    matrices: tuple
    formed: tuple
    faded: tuple
    informed: tuple
    rates: dict
    node_data: dict = field(default_factory=dict, repr=False)

    @property
    def steps(self) -> int:
        return len(self.matrices) - 1

    def network(self, t: int) -> nx.DiGraph:
        """The network after ``t`` steps, as a DiGraph (node attributes kept)."""
        return _graph(list(self.nodes), self.matrices[t], self.node_data)

    @property
    def snapshots(self) -> list:
        """Every snapshot, ``[network(0), ..., network(steps)]``."""
        return [self.network(t) for t in range(len(self.matrices))]

    def measures(self, t: int) -> TieMeasures:
        """:func:`tie_measures` of the network after ``t`` steps."""
        return _measures_from_matrix(self.matrices[t])

    def _checked_step(self, t: int) -> int:
        return require_whole_number(f"the step (from 0 to {self.steps})", t, minimum=0, maximum=self.steps)

    def until(self, t: int) -> Evolution:
        """The evolution up to step ``t``: its first ``t + 1`` snapshots and the changes between them.

        A verdict reads an evolution to its end, so ``trend(ev.until(t))`` and
        ``news_verdict(ev.until(t))`` say how things stood at step ``t``.

        Examples
        --------
        >>> ev = evolve(nx.DiGraph([(0, 1), (1, 2)]), 3, decay=0.5)
        >>> early = ev.until(1)
        >>> early.steps, len(early.formed), early.matrices[1] is ev.matrices[1]
        (1, 1, True)
        """
        t = self._checked_step(t)
        return replace(self, matrices=self.matrices[:t + 1], formed=self.formed[:t], faded=self.faded[:t],
                       informed=self.informed[:t + 1])

    def tie_changes(self, t: int) -> tuple[tuple, tuple]:
        """The ties that formed and the ties that faded in step ``t``: ``(formed, faded)``.

        Each is a tuple of directed ties ``(u, v)`` in node order: ties present after step
        ``t`` but not before it, and the other way round. Their numbers are
        ``formed[t - 1]`` and ``faded[t - 1]``; step 0 (the start) changes nothing.

        Examples
        --------
        >>> ev = evolve(nx.DiGraph([(0, 1), (1, 2)]), 1, reciprocate=1.0, decay=1.0)
        >>> ev.tie_changes(1)
        (((1, 0), (2, 1)), ((0, 1), (1, 2)))
        """
        t = self._checked_step(t)
        if t == 0:
            return (), ()
        before, after = self.matrices[t - 1], self.matrices[t]
        pairs = lambda M: tuple((self.nodes[i], self.nodes[j]) for i, j in zip(*np.nonzero(M), strict=True))  # noqa: E731
        return pairs(after & ~before), pairs(before & ~after)

    def contacts(self, t: int) -> dict:
        """How many people each person is tied to after ``t`` steps (a tie in either direction).

        This is the degree of the network with directions ignored (a returned tie counts
        once), the number of people a person can ask directly.

        Examples
        --------
        >>> evolve(nx.DiGraph([(0, 1), (1, 0), (1, 2)]), 0).contacts(0)
        {0: 1, 1: 2, 2: 1}
        """
        A = self.matrices[self._checked_step(t)]
        deg = (A | A.T).sum(axis=1)
        return {v: int(d) for v, d in zip(self.nodes, deg.tolist(), strict=True)}

    def outside(self, t: int) -> tuple:
        """The people cut off from the largest group after ``t`` steps, in node order.

        Groups are the connected components of the network with directions ignored (as
        news and requests use a tie either way); someone who has lost every tie is a group
        of one. Ties between two equally large groups go to the one whose first member
        comes first. Everyone outside the largest group is what makes
        :attr:`TieMeasures.in_touch` fall below 1 (pairwise connectivity; Borgatti 2006).

        References
        ----------
        Borgatti, S. P. (2006). Identifying sets of key players in a social network.
        *Computational and Mathematical Organization Theory* 12(1), 21-34.

        Examples
        --------
        >>> evolve(nx.DiGraph([(0, 1), (1, 2), (3, 4)]), 0).outside(0)
        (3, 4)
        """
        A = self.matrices[self._checked_step(t)]
        ncomp, labels = csgraph.connected_components(sparse.csr_matrix(A | A.T), directed=False)
        sizes = np.bincount(labels, minlength=ncomp)
        first = {}
        for i, c in enumerate(labels.tolist()):
            first.setdefault(c, i)
        biggest = max(range(ncomp), key=lambda c: (sizes[c], -first[c]))
        return tuple(v for v, c in zip(self.nodes, labels.tolist(), strict=True) if c != biggest)


def _pair_mask(nodes: list, pairs: Iterable, what: str) -> np.ndarray:
    index = {v: i for i, v in enumerate(nodes)}
    n = len(nodes)
    M = np.zeros((n, n), dtype=bool)
    for pair in pairs:
        try:
            u, v = pair
        except (TypeError, ValueError):
            raise P2PKitError(f"{what} must be pairs of people, like [(1, 2), (2, 3)]; got {pair!r}.") from None
        if u not in index or v not in index:
            missing = u if u not in index else v
            raise P2PKitError(f"{what}: {missing!r} is not in the network.")
        M[index[u], index[v]] = M[index[v], index[u]] = True
    return M


def evolve(
    G: nx.Graph,
    steps: int,
    *,
    meet: float = 0.0,
    reciprocate: float = 0.0,
    closure: float = 0.0,
    decay: float = 0.0,
    used: Iterable = (),
    news_from: Iterable = (),
    tell: float = 1.0,
    seed: int | None = 0,
) -> Evolution:
    """Let the ties of a network form and fade for a number of steps.

    In each step, all on the basis of the network at the start of the step:

    1. **news** -- everyone who has the news tells each contact (a tie in either
       direction) with probability ``tell``; a tie that carries news is *used*;
    2. **decay** -- each tie fades with probability ``decay``, unless it was used in this
       step (it carried news, or its pair is in ``used``);
    3. **reciprocity** -- each one-way tie ``u -> v`` is returned (``v -> u`` forms) with
       probability ``reciprocate``;
    4. **triadic closure** -- each person, with probability ``closure``, introduces two
       of their contacts (ties in either direction) who have no tie to each other, the
       pair chosen at random; the new tie is one-way, its direction a coin toss
       (reciprocity may return it later);
    5. **random meeting** -- each person, with probability ``meet``, reaches out to one
       person chosen at random among those they have no tie to.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The starting network (an undirected tie counts as mutual). People stay fixed.
    steps : int
        Number of steps (0 returns only the start).
    meet, reciprocate, closure, decay : float
        Probabilities per step, from 0 to 1, as above.
    used : iterable of pairs, optional
        Pairs whose ties carry routine work every step, so never fade (for example the
        reporting lines). Pairs without a tie are ignored.
    news_from : iterable, optional
        People who have a piece of news at the start; it spreads as in step 1.
    tell : float, default 1
        Probability that a person with the news tells a given contact in a step.
    seed : int or None, default 0
        Seed for every random choice; the same seed gives the same evolution.

    Returns
    -------
    Evolution
        ``steps + 1`` snapshots with the ties formed and faded in each step and who had
        the news at each snapshot.

    Raises
    ------
    P2PKitError
        For a probability outside 0..1, a negative or huge ``steps``, or people in
        ``used``/``news_from`` who are not in the network.

    Notes
    -----
    With only decay, each of the ``m`` ties survives a step independently, so the
    number left is binomial with mean ``m (1 - decay)``; with ``tell = 1`` and no change
    of ties, the news reaches exactly the people within ``t`` hand-offs after ``t``
    steps (breadth-first layers). Both facts are checked in the tests.

    The closure rule is Davidsen, Ebel & Bornholdt's (2002): a person introduces two of
    their acquaintances to each other. It makes at most one introduction per person per
    step, so the number of new ties grows with the number of people, not with the
    number of friend-of-friend pairs (which would make a large network fill up within a
    few steps). Their model removes whole people rather than single ties; here ties fade
    one by one, and a tie whose pair keeps working together does not fade.

    References
    ----------
    Granovetter, M. S. (1973). The strength of weak ties. *American Journal of
    Sociology* 78(6), 1360-1380.
    Davidsen, J., Ebel, H., & Bornholdt, S. (2002). Emergence of a small world from
    local interactions: modeling acquaintance networks. *Physical Review Letters*
    88(12), 128701.
    Burt, R. S. (2000). Decay functions. *Social Networks* 22(1), 1-28.

    Examples
    --------
    >>> G = nx.DiGraph([(0, 1), (1, 2), (2, 0)])
    >>> ev = evolve(G, 3, decay=1.0)
    >>> [ev.measures(t).ties for t in range(4)]
    [3, 0, 0, 0]
    >>> ev = evolve(nx.path_graph(4), 2, news_from=[0])
    >>> [sorted(s) for s in ev.informed]
    [[0], [0, 1], [0, 1, 2]]
    """
    steps = require_whole_number("steps", steps, minimum=0, maximum=_MAX_STEPS)
    rates = {name: require_probability(name, rate) for name, rate in
             (("meet", meet), ("reciprocate", reciprocate), ("closure", closure), ("decay", decay), ("tell", tell))}
    n = require_graph(G, minimum=2, what="evolve() (an evolving network)")
    nodes, A = _matrix(G)
    if n * steps > 5_000_000:
        raise P2PKitError(f"{n:,} people for {steps:,} steps is too much to compute here; use fewer steps.")
    routine = _pair_mask(nodes, used, "used")
    informed = _news_at_start(nodes, news_from)
    gen = rng(seed)

    matrices = [A.copy()]
    informed_sets = [frozenset(nodes[i] for i in np.flatnonzero(informed))]
    formed, faded = [], []
    for _ in range(steps):
        new, informed = _step(A, informed, routine, gen, **rates)
        formed.append(int((new & ~A).sum()))
        faded.append(int((A & ~new).sum()))
        A = new
        matrices.append(A.copy())
        informed_sets.append(frozenset(nodes[i] for i in np.flatnonzero(informed)))
    node_data = {v: dict(d) for v, d in G.nodes(data=True)}
    return Evolution(nodes=tuple(nodes), matrices=tuple(matrices), formed=tuple(formed), faded=tuple(faded),
                     informed=tuple(informed_sets), rates=rates, node_data=node_data)


def _news_at_start(nodes: list, news_from: Iterable) -> np.ndarray:
    index = {v: i for i, v in enumerate(nodes)}
    informed = np.zeros(len(nodes), dtype=bool)
    for v in news_from:
        if v not in index:
            raise P2PKitError(f"news_from: {v!r} is not in the network.")
        informed[index[v]] = True
    return informed


def _step(A: np.ndarray, informed: np.ndarray, routine: np.ndarray, rng: np.random.Generator, *, meet: float,
          reciprocate: float, closure: float, decay: float, tell: float) -> tuple[np.ndarray, np.ndarray]:
    """One step of :func:`evolve`: the new adjacency matrix and who has the news after it.

    Every rule reads the network at the start of the step (``A``); the random numbers are
    drawn in the order of the rules (news, decay, reciprocity, closure, meeting), so a seed
    gives the same evolution.
    """
    S = A | A.T
    refreshed = routine.copy()   # ties used in this step: they do not fade
    informed = _spread_news(S, informed, refreshed, rng, tell)
    new = A.copy()
    if decay > 0:
        _fade(A, new, refreshed, rng, decay)
    if reciprocate > 0:
        _return_ties(A, new, rng, reciprocate)
    if closure > 0:
        _introduce(S, new, rng, closure)
    if meet > 0:
        _meet(A, new, rng, meet)
    np.fill_diagonal(new, False)
    return new, informed


def _fade(A: np.ndarray, new: np.ndarray, refreshed: np.ndarray, rng: np.random.Generator, decay: float) -> None:
    """2. Each tie not used in the step fades with probability ``decay``."""
    rows, cols = np.nonzero(A)
    gone = (rng.random(rows.size) < decay) & ~refreshed[rows, cols]
    new[rows[gone], cols[gone]] = False


def _return_ties(A: np.ndarray, new: np.ndarray, rng: np.random.Generator, reciprocate: float) -> None:
    """3. Each one-way tie ``u -> v`` is returned with probability ``reciprocate``."""
    rows, cols = np.nonzero(A & ~A.T)
    back = rng.random(rows.size) < reciprocate
    new[cols[back], rows[back]] = True


def _introduce(S: np.ndarray, new: np.ndarray, rng: np.random.Generator, closure: float) -> None:
    """4. Triadic closure: with probability ``closure`` a person introduces two contacts who have no tie."""
    n = S.shape[0]
    for i in np.flatnonzero(rng.random(n) < closure).tolist():
        nb = np.flatnonzero(S[i])
        if nb.size < 2:
            continue
        open_pairs = np.argwhere(np.triu(~S[np.ix_(nb, nb)], 1))
        if open_pairs.size == 0:
            continue
        a, b = nb[open_pairs[rng.integers(len(open_pairs))]]
        if rng.random() < 0.5:
            a, b = b, a
        new[a, b] = True


def _meet(A: np.ndarray, new: np.ndarray, rng: np.random.Generator, meet: float) -> None:
    """5. With probability ``meet`` a person reaches out to someone they have no tie to."""
    n = A.shape[0]
    for i in np.flatnonzero(rng.random(n) < meet).tolist():
        options = np.flatnonzero(~A[i])
        options = options[options != i]
        if options.size:
            new[i, options[rng.integers(options.size)]] = True


def directed_mesh(people: int, k: int = 4, rewire: float = 0.1, mutual: float = 0.5,
                  seed: int | None = 0) -> nx.DiGraph:
    """A peer mesh of ``people`` with directed ties: a starting point for :func:`evolve`.

    The ties of ``p2pkit.orgs.peer_mesh(people, k, rewire, seed)`` (Watts & Strogatz 1998),
    each made mutual with probability ``mutual`` and otherwise pointing one way, the
    direction a coin toss.

    References
    ----------
    Watts, D. J., & Strogatz, S. H. (1998). Collective dynamics of 'small-world'
    networks. *Nature* 393, 440-442.

    Examples
    --------
    >>> from p2pkit.dynamics import reciprocity
    >>> D = directed_mesh(20, mutual=1.0)
    >>> reciprocity(D), D.number_of_edges()
    (1.0, 80)
    """
    mutual = require_probability("mutual", mutual)
    U = peer_mesh(people, k=k, rewire=rewire, seed=seed)
    gen = rng(seed)
    D = nx.DiGraph()
    D.add_nodes_from(U.nodes(data=True))
    for u, v in sorted(U.edges()):
        x, y = gen.random(2)
        if x < mutual:
            D.add_edges_from([(u, v), (v, u)])
        elif y < 0.5:
            D.add_edge(u, v)
        else:
            D.add_edge(v, u)
    return D


def trend(ev: Evolution) -> str:
    """One sentence on where the network is heading, computed from ``ev``.

    Compares the last snapshot with the start: ties formed against ties faded, density,
    clustering and the share of pairs still in touch. For step ``t``, give
    ``ev.until(t)`` (:meth:`Evolution.until`).

    Examples
    --------
    >>> G = nx.DiGraph([(0, 1), (1, 2), (2, 3), (3, 0)])
    >>> trend(evolve(G, 2, decay=1.0))
    'Ties are fading faster than they form (0 formed, 4 faded in 2 steps): the network is coming apart; only 0% of pairs can still reach each other (100% at the start).'
    """
    t = ev.steps
    a, b = ev.measures(0), ev.measures(t)
    if t == 0:
        return (f"The starting network: {a.ties} ties, density {a.density:.2f}, clustering "
                f"{a.clustering:.2f}, {a.reciprocity:.0%} of ties returned.")
    f, d = sum(ev.formed[:t]), sum(ev.faded[:t])
    counts = f"({f} formed, {d} faded in {t} step{'s' if t != 1 else ''})"
    change = (b.ties - a.ties) / max(a.ties, 1)
    if change < -0.05:
        if b.in_touch < a.in_touch - 0.01:
            return (f"Ties are fading faster than they form {counts}: the network is coming apart; "
                    f"only {b.in_touch:.0%} of pairs can still reach each other ({a.in_touch:.0%} at the start).")
        return (f"Ties are fading faster than they form {counts}: the network is thinning out "
                f"(density {a.density:.2f} to {b.density:.2f}), though everyone who could reach "
                "each other still can.")
    if change > 0.05:
        more = "and more tightly knit" if b.clustering > a.clustering + 0.02 else "but no more tightly knit"
        return (f"Ties form faster than they fade {counts}: the network is growing denser {more} "
                f"(density {a.density:.2f} to {b.density:.2f}, clustering {a.clustering:.2f} to {b.clustering:.2f}).")
    return (f"Ties form about as fast as they fade {counts}: the network holds steady "
            f"(density {a.density:.2f} to {b.density:.2f}, clustering {a.clustering:.2f} to {b.clustering:.2f}).")
