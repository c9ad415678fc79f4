"""Relational dynamics: ties that form and fade, coordination on demand, flow over time.

Chapter 4 of the companion treats a network as something that moves. Three models:

1. **Ties that form and fade** -- :func:`evolve` runs a seeded stochastic model of a
   directed network of fixed people. In each step a one-way tie is returned with
   probability ``reciprocate``; each person introduces two of their contacts who have
   not met with probability ``closure`` (triadic closure; Granovetter 1973, Davidsen,
   Ebel & Bornholdt 2002); anyone reaches out to a stranger with
   probability ``meet``; and every tie that was not used in the step fades with
   probability ``decay`` (ties that carried work or news are refreshed; Burt 2000).
   :func:`tie_measures` gives density, clustering and reciprocity of each snapshot and
   :func:`trend` says in one sentence whether the network is knitting together or
   coming apart.
2. **Improvised coordination** -- a :func:`sudden_need` for ``k`` people with a skill
   appears somewhere. :func:`recruit_through_ties` finds them by passing the request
   along existing ties (new ties to the person in need form on demand);
   :func:`chain_of_command` sends it up a reporting tree to a boss who knows who has
   the skill and who handles one request at a time, then down again. :func:`race`
   runs both on the same needs and :func:`race_verdict` says which answered first.
3. **Flow over time** -- news spreads along the ties of the moment (``news_from`` in
   :func:`evolve`, a susceptible-informed process), and :func:`degroot` averages
   opinions over the current ties (DeGroot 1974), so the same people learn or agree
   faster or slower depending on how their ties evolve.

Ties are directed (``u -> v``: *u* names *v*, as in Krackhardt's 1987 surveys). A
request, a piece of news or a meeting through a common contact can use a tie in either
direction; reciprocity and density count directed ties.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import networkx as nx
import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

from .errors import P2PKitError, require_probability

__all__ = [
    "Evolution",
    "TieMeasures",
    "evolve",
    "directed_mesh",
    "tie_measures",
    "density",
    "reciprocity",
    "clustering",
    "trend",
    "Need",
    "Response",
    "Race",
    "sudden_need",
    "request_hours",
    "recruit_through_ties",
    "chain_of_command",
    "race",
    "race_verdict",
    "degroot",
    "disagreement",
    "consensus_step",
    "consensus_verdict",
    "news_verdict",
]

_MAX_STEPS = 10_000


# --------------------------------------------------------------------------- helpers


_probability = require_probability  # shared validator (p2pkit.errors)


def _whole(name: str, value: int, minimum: int = 0, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise P2PKitError(f"{name} must be a whole number of at least {minimum}; got {value!r}.")
    if maximum is not None and value > maximum:
        raise P2PKitError(f"{name} must be at most {maximum:,}; got {value!r}.")
    return int(value)


def _matrix(G: nx.Graph) -> tuple[list, np.ndarray]:
    """Node list and boolean adjacency matrix (an undirected tie counts as two arcs)."""
    if not isinstance(G, nx.Graph):
        raise P2PKitError("give a networkx graph (for example p2pkit.orgs.load_dataset('krack_friends')).")
    nodes = list(G.nodes())
    index = {v: i for i, v in enumerate(nodes)}
    n = len(nodes)
    A = np.zeros((n, n), dtype=bool)
    for u, v in G.edges():
        if u == v:
            continue
        A[index[u], index[v]] = True
        if not G.is_directed():
            A[index[v], index[u]] = True
    return nodes, A


def _graph(nodes: list, A: np.ndarray, node_data: dict | None = None) -> nx.DiGraph:
    D = nx.DiGraph()
    if node_data:
        D.add_nodes_from((v, node_data.get(v, {})) for v in nodes)
    else:
        D.add_nodes_from(nodes)
    rows, cols = np.nonzero(A)
    D.add_edges_from((nodes[i], nodes[j]) for i, j in zip(rows.tolist(), cols.tolist()))
    return D


# --------------------------------------------------------------------------- measures


@dataclass(frozen=True)
class TieMeasures:
    """The chapter-4 measures of one snapshot (see :func:`tie_measures`)."""

    people: int
    ties: int
    mutual_pairs: int
    density: float
    clustering: float
    reciprocity: float
    in_touch: float


def _measures_from_matrix(A: np.ndarray) -> TieMeasures:
    n = A.shape[0]
    m = int(A.sum())
    mutual = int((A & A.T).sum()) // 2
    S = A | A.T
    Ssp = sparse.csr_matrix(S).astype(np.int64)   # sparse first: no dense n x n int64 copy
    deg = np.asarray(Ssp.sum(axis=1)).ravel()
    triples = float((deg * (deg - 1)).sum())
    closed = float((Ssp @ Ssp).multiply(Ssp).sum()) if triples else 0.0
    ncomp, labels = csgraph.connected_components(Ssp, directed=False)
    sizes = np.bincount(labels, minlength=ncomp).astype(float)
    pairs = n * (n - 1) / 2
    return TieMeasures(
        people=n,
        ties=m,
        mutual_pairs=mutual,
        density=m / (n * (n - 1)) if n > 1 else 0.0,
        clustering=closed / triples if triples else 0.0,
        reciprocity=2 * mutual / m if m else 0.0,
        in_touch=float((sizes * (sizes - 1) / 2).sum() / pairs) if pairs else 1.0,
    )


def tie_measures(G: nx.Graph) -> TieMeasures:
    """Density, clustering, reciprocity and reach of one network.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        The network. An undirected tie counts as a pair of returned (mutual) ties.

    Returns
    -------
    TieMeasures
        ``ties``: directed ties; ``mutual_pairs``: pairs tied both ways; ``density``:
        ``ties / (n (n - 1))``; ``clustering``: the share of two-paths that are closed
        into triangles, on the network with directions ignored (transitivity; Newman
        2003); ``reciprocity``: the share of ties that are returned; ``in_touch``: the
        share of pairs who can reach each other along ties in either direction
        (pairwise connectivity, as in chapter 1).

    Notes
    -----
    ``reciprocity`` is the arc-based definition ``2 * mutual_pairs / ties`` that
    networkx's ``overall_reciprocity`` uses; UCINET also reports a dyad-based one,
    ``mutual_pairs / (pairs with any tie)``, which is smaller. ``clustering`` is the
    global coefficient (``networkx.transitivity``), not the average of local ones.

    References
    ----------
    Wasserman, S., & Faust, K. (1994). *Social Network Analysis: Methods and
    Applications*. Cambridge University Press (density, reciprocity).
    Newman, M. E. J. (2003). The structure and function of complex networks.
    *SIAM Review* 45(2), 167-256 (transitivity).

    Examples
    --------
    >>> m = tie_measures(nx.DiGraph([(0, 1), (1, 0), (1, 2)]))
    >>> m.ties, m.mutual_pairs, round(m.reciprocity, 3), m.density
    (3, 1, 0.667, 0.5)
    """
    if G.number_of_nodes() < 2:
        raise P2PKitError("these measures need a network of at least 2 people.")
    _, A = _matrix(G)
    return _measures_from_matrix(A)


def density(G: nx.Graph) -> float:
    """Share of all possible directed ties that exist: ``ties / (n (n - 1))``.

    For an undirected network this equals the usual ``ties / C(n, 2)``.

    References
    ----------
    Wasserman, S., & Faust, K. (1994). *Social Network Analysis*. Cambridge University Press.

    Examples
    --------
    >>> density(nx.complete_graph(4))
    1.0
    """
    return tie_measures(G).density


def reciprocity(G: nx.Graph) -> float:
    """Share of directed ties that are returned (``u -> v`` with ``v -> u``).

    References
    ----------
    Wasserman, S., & Faust, K. (1994). *Social Network Analysis*. Cambridge University Press.

    Examples
    --------
    >>> reciprocity(nx.DiGraph([(0, 1), (1, 0), (1, 2), (2, 3)]))
    0.5
    """
    return tie_measures(G).reciprocity


def clustering(G: nx.Graph) -> float:
    """Share of two-paths (a friend of a friend) that are closed into a triangle.

    Directions are ignored. This is the global clustering coefficient (transitivity).

    References
    ----------
    Newman, M. E. J. (2003). The structure and function of complex networks.
    *SIAM Review* 45(2), 167-256.

    Examples
    --------
    >>> clustering(nx.complete_graph(5)), clustering(nx.star_graph(4))
    (1.0, 0.0)
    """
    return tie_measures(G).clustering


# --------------------------------------------------------------------------- evolution


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

    def _step(self, t: int) -> int:
        if isinstance(t, bool) or not isinstance(t, (int, np.integer)) or not 0 <= t <= self.steps:
            raise P2PKitError(f"the step must be a whole number from 0 to {self.steps}; got {t!r}.")
        return int(t)

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
        t = self._step(t)
        if t == 0:
            return (), ()
        before, after = self.matrices[t - 1], self.matrices[t]
        pairs = lambda M: tuple((self.nodes[i], self.nodes[j]) for i, j in zip(*np.nonzero(M)))  # noqa: E731
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
        A = self.matrices[self._step(t)]
        deg = (A | A.T).sum(axis=1)
        return {v: int(d) for v, d in zip(self.nodes, deg.tolist())}

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
        A = self.matrices[self._step(t)]
        ncomp, labels = csgraph.connected_components(sparse.csr_matrix(A | A.T), directed=False)
        sizes = np.bincount(labels, minlength=ncomp)
        first = {}
        for i, c in enumerate(labels.tolist()):
            first.setdefault(c, i)
        biggest = max(range(ncomp), key=lambda c: (sizes[c], -first[c]))
        return tuple(v for v, c in zip(self.nodes, labels.tolist()) if c != biggest)


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
    steps = _whole("steps", steps, 0, _MAX_STEPS)
    meet = _probability("meet", meet)
    reciprocate = _probability("reciprocate", reciprocate)
    closure = _probability("closure", closure)
    decay = _probability("decay", decay)
    tell = _probability("tell", tell)
    nodes, A = _matrix(G)
    n = len(nodes)
    if n < 2:
        raise P2PKitError("an evolving network needs at least 2 people.")
    if n * steps > 5_000_000:
        raise P2PKitError(f"{n:,} people for {steps:,} steps is too much to compute here; use fewer steps.")
    index = {v: i for i, v in enumerate(nodes)}
    routine = _pair_mask(nodes, used, "used")
    informed = np.zeros(n, dtype=bool)
    for v in news_from:
        if v not in index:
            raise P2PKitError(f"news_from: {v!r} is not in the network.")
        informed[index[v]] = True
    rng = np.random.default_rng(seed)

    matrices = [A.copy()]
    informed_sets = [frozenset(nodes[i] for i in np.flatnonzero(informed))]
    formed, faded = [], []
    for _ in range(steps):
        S = A | A.T
        refreshed = routine.copy()
        # 1. news along the ties of the moment
        if informed.any() and not informed.all() and tell > 0:
            src = np.flatnonzero(informed)
            sub = S[np.ix_(src, np.flatnonzero(~informed))]
            rows, cols = np.nonzero(sub)
            told = rng.random(rows.size) < tell
            dst_all = np.flatnonzero(~informed)
            u, v = src[rows[told]], dst_all[cols[told]]
            refreshed[u, v] = refreshed[v, u] = True
            informed = informed.copy()
            informed[v] = True
        # 2. decay of unused ties
        new = A.copy()
        if decay > 0:
            rows, cols = np.nonzero(A)
            gone = (rng.random(rows.size) < decay) & ~refreshed[rows, cols]
            new[rows[gone], cols[gone]] = False
        # 3. reciprocity
        if reciprocate > 0:
            rows, cols = np.nonzero(A & ~A.T)
            back = rng.random(rows.size) < reciprocate
            new[cols[back], rows[back]] = True
        # 4. triadic closure: introductions between two contacts of the same person
        if closure > 0:
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
        # 5. random meeting
        if meet > 0:
            reach = np.flatnonzero(rng.random(n) < meet)
            for i in reach.tolist():
                options = np.flatnonzero(~A[i])
                options = options[options != i]
                if options.size:
                    new[i, options[rng.integers(options.size)]] = True
        np.fill_diagonal(new, False)
        formed.append(int((new & ~A).sum()))
        faded.append(int((A & ~new).sum()))
        A = new
        matrices.append(A.copy())
        informed_sets.append(frozenset(nodes[i] for i in np.flatnonzero(informed)))
    node_data = {v: dict(d) for v, d in G.nodes(data=True)}
    return Evolution(
        nodes=tuple(nodes),
        matrices=tuple(matrices),
        formed=tuple(formed),
        faded=tuple(faded),
        informed=tuple(informed_sets),
        rates=dict(meet=meet, reciprocate=reciprocate, closure=closure, decay=decay, tell=tell),
        node_data=node_data,
    )


def directed_mesh(n: int, k: int = 4, rewire: float = 0.1, mutual: float = 0.5, seed: int | None = 0) -> nx.DiGraph:
    """A peer mesh with directed ties: a starting point for :func:`evolve`.

    The ties of ``p2pkit.orgs.peer_mesh(n, k, rewire, seed)`` (Watts & Strogatz 1998),
    each made mutual with probability ``mutual`` and otherwise pointing one way, the
    direction a coin toss.

    References
    ----------
    Watts, D. J., & Strogatz, S. H. (1998). Collective dynamics of 'small-world'
    networks. *Nature* 393, 440-442.

    Examples
    --------
    >>> D = directed_mesh(20, mutual=1.0)
    >>> reciprocity(D), D.number_of_edges()
    (1.0, 80)
    """
    from .orgs import peer_mesh

    mutual = _probability("mutual", mutual)
    U = peer_mesh(n, k=k, rewire=rewire, seed=seed)
    rng = np.random.default_rng(seed)
    D = nx.DiGraph()
    D.add_nodes_from(U.nodes(data=True))
    for u, v in sorted(U.edges()):
        x, y = rng.random(2)
        if x < mutual:
            D.add_edges_from([(u, v), (v, u)])
        elif y < 0.5:
            D.add_edge(u, v)
        else:
            D.add_edge(v, u)
    return D


def trend(ev: Evolution, upto: int | None = None) -> str:
    """One sentence on where the network is heading, computed from ``ev``.

    Compares the snapshot at ``upto`` (default: the last) with the start: ties formed
    against ties faded, density, clustering and the share of pairs still in touch.

    Examples
    --------
    >>> G = nx.DiGraph([(0, 1), (1, 2), (2, 3), (3, 0)])
    >>> trend(evolve(G, 2, decay=1.0))
    'Ties are fading faster than they form (0 formed, 4 faded in 2 steps): the network is coming apart; only 0% of pairs can still reach each other (100% at the start).'
    """
    t = ev.steps if upto is None else int(upto)
    if not 0 <= t <= ev.steps:
        raise P2PKitError(f"upto must be between 0 and {ev.steps}; got {upto!r}.")
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


def news_verdict(ev: Evolution, upto: int | None = None) -> str:
    """One sentence on how far the news in ``ev`` got by step ``upto`` (default: the last).

    Examples
    --------
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


# --------------------------------------------------------------------------- coordination


@dataclass(frozen=True)
class Need:
    """A sudden need: ``k`` people with a skill, needed where ``origin`` is."""

    origin: object
    skilled: frozenset
    k: int = 1


@dataclass(frozen=True)
class Response:
    """How one route met (or failed to meet) a need.

    ``hours`` is ``math.inf`` if the need was never met. ``recruits`` are the people who
    came; ``paths`` the routes the request took to each; ``hops`` the longest of those
    routes; ``new_ties`` the pairs (origin, recruit) who were not tied before and now
    are; ``boss`` is who dispatched the request (chain of command) and ``waited_hours``
    how long it queued there.
    """

    route: str
    hours: float
    recruits: tuple
    paths: tuple
    hops: int | None
    new_ties: tuple = ()
    boss: object = None
    waited_hours: float = 0.0

    @property
    def met(self) -> bool:
        return math.isfinite(self.hours)


@dataclass(frozen=True)
class Race:
    """One need, met through ties and through the chain of command (see :func:`race`)."""

    need: Need
    ties: Response
    chain: Response


def sudden_need(people, k: int = 3, skilled_share: float = 0.2, seed: int | None = 0) -> Need:
    """A need for ``k`` people with a skill, appearing next to a random person.

    Parameters
    ----------
    people : networkx.Graph or iterable
        Everyone who could be involved.
    k : int, default 3
        How many skilled people the task needs.
    skilled_share : float, default 0.2
        Share of the others who have the skill (at least ``k`` of them always do).
    seed : int or None, default 0

    Returns
    -------
    Need
        ``origin``: the person where the need appears (who lacks the skill);
        ``skilled``: who has it.

    Examples
    --------
    >>> need = sudden_need(range(10), k=2, skilled_share=0.3, seed=1)
    >>> len(need.skilled), need.origin in need.skilled
    (3, False)
    """
    people = list(people.nodes() if isinstance(people, nx.Graph) else people)
    k = _whole("k", k, 1)
    share = _probability("skilled_share", skilled_share)
    if len(people) < k + 1:
        raise P2PKitError(f"a need for {k} people needs at least {k + 1} people in the network.")
    rng = np.random.default_rng(seed)
    origin = people[int(rng.integers(len(people)))]
    others = [v for v in people if v != origin]
    count = min(len(others), max(k, round(share * len(others))))
    chosen = rng.choice(len(others), size=count, replace=False)
    return Need(origin=origin, skilled=frozenset(others[i] for i in sorted(chosen.tolist())), k=k)


def _check_need(G: nx.Graph, need: Need, what: str) -> None:
    if not isinstance(need, Need):
        raise P2PKitError("give a Need (make one with sudden_need(...)).")
    if need.origin not in G:
        raise P2PKitError(f"the need's origin {need.origin!r} is not in the {what}.")
    missing = [v for v in need.skilled if v not in G]
    if missing:
        raise P2PKitError(f"skilled person {missing[0]!r} is not in the {what}.")
    _whole("k", need.k, 1)


def _undirected(G: nx.Graph) -> nx.Graph:
    # a copy, not networkx's undirected *view*: the view lists a person's contacts in set
    # order, which changes from one Python process to the next (string hashing), and with it
    # which of several equally short routes a request is said to take
    return G.to_undirected() if G.is_directed() else G


def request_hours(G: nx.Graph, origin, hop_hours: float = 1.0) -> dict:
    """Hours until a request passed along ties from ``origin`` reaches each person.

    The request spreads as in :func:`recruit_through_ties`: the person in need asks
    their contacts, who ask theirs (a tie carries it in either direction), each hand-off
    taking ``hop_hours``. Someone ``d`` hand-offs away hears it after ``d * hop_hours``
    hours (the breadth-first distance); people no chain of ties reaches are left out.

    References
    ----------
    Schollmeier, R. (2001). A definition of peer-to-peer networking for the
    classification of peer-to-peer architectures and applications. *Proc. First
    International Conference on Peer-to-Peer Computing*, 101-102 (flooding search).

    Examples
    --------
    >>> request_hours(nx.DiGraph([(0, 1), (2, 1)]), 0, hop_hours=0.5)
    {0: 0.0, 1: 0.5, 2: 1.0}
    """
    if hop_hours < 0:
        raise P2PKitError("hop_hours must not be negative.")
    if origin not in G:
        raise P2PKitError(f"the need's origin {origin!r} is not in the network.")
    d = nx.single_source_shortest_path_length(_undirected(G), origin)
    return {v: float(hop_hours * d[v]) for v in G if v in d}


def recruit_through_ties(G: nx.Graph, needs, hop_hours: float = 1.0):
    """Meet a need by passing the request along existing ties.

    The person in need asks their contacts, who ask theirs, and so on (a flood: every
    tie can carry the request, in either direction, each hand-off taking ``hop_hours``).
    The first ``k`` skilled people the request reaches come, and each forms a direct tie
    with the person in need if there was none. With several needs at once, a skilled
    person joins the need whose request reaches them first (ties broken by the order of
    the needs, then the order of the people).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The informal network: who can pass a request to whom.
    needs : Need or list of Need
    hop_hours : float, default 1
        Time per hand-off.

    Returns
    -------
    Response or list of Response
        ``hours`` = ``hop_hours`` x the largest number of hand-offs to a recruit
        (``math.inf`` if fewer than ``k`` skilled people can be reached).

    Notes
    -----
    On a path with the only skilled person ``d`` places away, the answer is ``d``
    hand-offs: the breadth-first distance. Flooding is how unstructured peer-to-peer
    networks search (Schollmeier 2001 describes the architecture).

    References
    ----------
    Schollmeier, R. (2001). A definition of peer-to-peer networking for the
    classification of peer-to-peer architectures and applications. *Proc. First
    International Conference on Peer-to-Peer Computing*, 101-102.

    Examples
    --------
    >>> r = recruit_through_ties(nx.path_graph(6), Need(0, frozenset({4}), 1))
    >>> r.hours, r.recruits, r.new_ties
    (4.0, (4,), ((0, 4),))
    """
    single = isinstance(needs, Need)
    needs = [needs] if single else list(needs)
    if hop_hours < 0:
        raise P2PKitError("hop_hours must not be negative.")
    U = _undirected(G)
    order = {v: i for i, v in enumerate(G)}
    candidates = []
    dist = []
    for j, need in enumerate(needs):
        _check_need(G, need, "network")
        d = nx.single_source_shortest_path_length(U, need.origin)
        dist.append(d)
        candidates += [(d[v], j, order[v], v) for v in need.skilled if v in d]
    candidates.sort(key=lambda x: x[:3])
    taken, chosen = set(), [[] for _ in needs]
    for d, j, _, v in candidates:
        if v in taken or len(chosen[j]) >= needs[j].k:
            continue
        taken.add(v)
        chosen[j].append(v)
    out = []
    for j, need in enumerate(needs):
        if len(chosen[j]) < need.k:
            out.append(Response("through ties", math.inf, tuple(chosen[j]), (), None))
            continue
        hops = max(dist[j][v] for v in chosen[j])
        paths = tuple(tuple(nx.shortest_path(U, need.origin, v)) for v in chosen[j])
        new = tuple((need.origin, v) for v in chosen[j] if v != need.origin and not U.has_edge(need.origin, v))
        out.append(Response("through ties", float(hop_hours * hops), tuple(chosen[j]), paths, int(hops), new))
    return out[0] if single else out


def chain_of_command(tree: nx.Graph, needs, top, hop_hours: float = 1.0, boss_hours: float = 0.5):
    """Meet a need through a chain of command.

    The request goes up the reporting lines, one hand-off (``hop_hours``) per level,
    until it reaches a boss with at least ``k`` skilled people somewhere below them
    (each boss knows the skills of their own part of the chart; the top knows all).
    The boss takes ``boss_hours`` to decide and handles one request at a time (first
    come, first served); the orders then go down to the ``k`` skilled people fewest
    levels below (in parallel). If some of them are already busy with another need, the
    boss passes the request further up.

    Parameters
    ----------
    tree : networkx.Graph or networkx.DiGraph
        The reporting lines: a tree containing everyone.
    needs : Need or list of Need
        Several needs are treated as arriving at the same moment.
    top : node
        The top of the chart.
    hop_hours, boss_hours : float
        Time per hand-off, and time a boss takes to handle one request.

    Returns
    -------
    Response or list of Response
        ``hours`` = time up + waiting + ``boss_hours`` + time down to the farthest recruit.

    Notes
    -----
    For one request from a person ``D`` levels below the top, whose skilled colleagues
    sit only in another branch ``D`` levels down, the time is ``2 D hop_hours +
    boss_hours``. With ``q`` such requests at once, the last is met after ``2 D
    hop_hours + q boss_hours``: the queue at the top.

    References
    ----------
    Bigley, G. A., & Roberts, K. H. (2001). The incident command system: high-reliability
    organizing for complex and volatile task environments. *Academy of Management
    Journal* 44(6), 1281-1299.

    Examples
    --------
    >>> T = nx.balanced_tree(2, 2)   # top 0, managers 1 and 2, staff 3-6
    >>> r = chain_of_command(T, Need(3, frozenset({6}), 1), top=0, boss_hours=0)
    >>> r.hours, r.boss, r.paths
    (4.0, 0, ((3, 1, 0, 2, 6),))
    """
    single = isinstance(needs, Need)
    needs = [needs] if single else list(needs)
    if hop_hours < 0 or boss_hours < 0:
        raise P2PKitError("hop_hours and boss_hours must not be negative.")
    T = _undirected(tree)
    if top not in T:
        raise P2PKitError(f"the top {top!r} is not in the chain of command.")
    if T.number_of_nodes() == 0 or not nx.is_tree(T):
        raise P2PKitError("the chain of command must be a tree: everyone but the top has exactly one boss.")
    for need in needs:
        _check_need(T, need, "chain of command")
    parent = {top: None}
    depth = {top: 0}
    for u, v in nx.bfs_edges(T, top):
        parent[v] = u
        depth[v] = depth[u] + 1
    order = {v: i for i, v in enumerate(T)}
    below: dict = {v: [] for v in T}   # each boss -> everyone in their part of the chart
    for v in T:
        w = v
        while w is not None:
            below[w].append(v)
            w = parent[w]

    def ancestors(v):
        out = []
        while v is not None:
            out.append(v)
            v = parent[v]
        return out

    taken: set = set()
    free_at = {v: 0.0 for v in T}
    queues: dict = {v: [] for v in T}
    results: list = [None] * len(needs)
    route_up = [[needs[j].origin] for j in range(len(needs))]
    events: list = []
    seq = 0
    for j, need in enumerate(needs):
        heapq.heappush(events, (0.0, 0, seq, "arrive", j, need.origin))
        seq += 1
    waited = [0.0] * len(needs)

    def knows_enough(boss, need) -> bool:
        return sum(1 for v in below[boss] if v in need.skilled) >= need.k

    while events:
        t, _, _, kind, j, m = heapq.heappop(events)
        need = needs[j]
        if kind == "arrive":
            if m != need.origin:
                route_up[j].append(m)
            if knows_enough(m, need):
                queues[m].append((t, j))
                if free_at[m] <= t and len(queues[m]) == 1:
                    heapq.heappush(events, (t, 1, seq, "start", j, m)); seq += 1
            elif parent[m] is None:
                results[j] = Response("chain of command", math.inf, (), (), None, boss=m)
            else:
                heapq.heappush(events, (t + hop_hours, 0, seq, "arrive", j, parent[m])); seq += 1
        elif kind == "start":
            arrived, jj = queues[m][0]
            waited[jj] += t - arrived
            free_at[m] = t + boss_hours
            heapq.heappush(events, (t + boss_hours, 2, seq, "finish", jj, m)); seq += 1
        else:  # finish: the boss picks the recruits now
            queues[m].pop(0)
            pool = sorted((v for v in below[m] if v in need.skilled and v not in taken),
                          key=lambda v: (depth[v] - depth[m], order[v]))
            if len(pool) >= need.k:
                recruits = pool[:need.k]
                taken.update(recruits)
                down = max(depth[v] - depth[m] for v in recruits)
                up_path = route_up[j]
                paths = tuple(tuple(up_path) + tuple(reversed(ancestors(v)[:depth[v] - depth[m]]))
                              for v in recruits)
                hops = max(len(p) - 1 for p in paths)
                results[j] = Response("chain of command", float(t + hop_hours * down), tuple(recruits),
                                      paths, int(hops), (), m, float(waited[j]))
            elif parent[m] is None:
                results[j] = Response("chain of command", math.inf, (), (), None, boss=m,
                                      waited_hours=float(waited[j]))
            else:
                heapq.heappush(events, (t + hop_hours, 0, seq, "arrive", j, parent[m])); seq += 1
            if queues[m]:
                heapq.heappush(events, (t, 1, seq, "start", queues[m][0][1], m)); seq += 1
    return results[0] if single else results


def race(informal: nx.Graph, tree: nx.Graph, needs, top, hop_hours: float = 1.0,
         boss_hours: float = 0.5):
    """Meet the same needs through ties and through the chain of command.

    Returns a :class:`Race` (or a list, for a list of needs) holding the
    :func:`recruit_through_ties` and :func:`chain_of_command` responses.

    Examples
    --------
    >>> T = nx.balanced_tree(2, 2)
    >>> r = race(nx.path_graph(7), T, Need(3, frozenset({6}), 1), top=0, boss_hours=0)
    >>> r.ties.hours, r.chain.hours
    (3.0, 4.0)
    """
    single = isinstance(needs, Need)
    lst = [needs] if single else list(needs)
    ties = recruit_through_ties(informal, lst, hop_hours)
    chain = chain_of_command(tree, lst, top, hop_hours, boss_hours)
    out = [Race(n, a, b) for n, a, b in zip(lst, ties, chain)]
    return out[0] if single else out


def _hours(x: float) -> str:
    if not math.isfinite(x):
        return "never"
    x = round(x, 2)
    return f"{x:g} hour" + ("" if x == 1 else "s")


def race_verdict(races) -> str:
    """One sentence on which route met the need(s) first, computed from :func:`race`.

    Examples
    --------
    >>> T = nx.balanced_tree(2, 2)
    >>> race_verdict(race(nx.path_graph(7), T, Need(3, frozenset({6}), 1), top=0, boss_hours=0))
    'The need was met in 3 hours through ties, before the chain of command answered (4 hours).'
    >>> race_verdict(race(nx.empty_graph(7), T, Need(3, frozenset({6}), 1), top=0, boss_hours=0))
    "Only the chain of command met the need (4 hours): the skilled people were out of reach of anyone's ties, and the boss knew who they were."
    """
    if isinstance(races, Race):
        a, b = races.ties.hours, races.chain.hours
        if not math.isfinite(a) and not math.isfinite(b):
            return "Neither route met the need: there are not enough skilled people free."
        if not math.isfinite(a):
            return (f"Only the chain of command met the need ({_hours(b)}): the skilled people were out of "
                    "reach of anyone's ties, and the boss knew who they were.")
        if not math.isfinite(b):
            return f"Only ties met the need ({_hours(a)}): the chain of command found nobody free."
        if a < b:
            return f"The need was met in {_hours(a)} through ties, before the chain of command answered ({_hours(b)})."
        if b < a:
            return (f"The chain of command was faster: {_hours(b)} against {_hours(a)} through ties, "
                    "which had to pass the request through many hands.")
        return f"Both routes met the need in {_hours(a)}."
    races = list(races)
    if not races:
        raise P2PKitError("no needs to compare.")
    if len(races) == 1:
        return race_verdict(races[0])
    a = [r.ties.hours for r in races]
    b = [r.chain.hours for r in races]
    ma, mb = sum(map(math.isfinite, a)), sum(map(math.isfinite, b))
    last_a = max((x for x in a if math.isfinite(x)), default=math.inf)
    last_b = max((x for x in b if math.isfinite(x)), default=math.inf)
    q = len(races)
    part_a = f"through ties {ma} of {q} needs were met" + (f", the last after {_hours(last_a)}" if ma else "")
    part_b = f"through the chain of command {mb} of {q}" + (f", the last after {_hours(last_b)}" if mb else "")
    if ma > mb or (ma == mb and last_a < last_b):
        lead = "Ties coped better with many needs at once"
    elif mb > ma or (ma == mb and last_b < last_a):
        lead = "The chain of command coped better with many needs at once"
    else:
        lead = "Both routes coped equally with many needs at once"
    return f"{lead}: {part_a}; {part_b}."


# --------------------------------------------------------------------------- consensus


def _networks(networks) -> list:
    if isinstance(networks, Evolution):
        return [networks.matrices[t] for t in range(networks.steps)], list(networks.nodes)
    if isinstance(networks, nx.Graph):
        raise P2PKitError("give a sequence of networks (for a fixed network: [G] * steps) or an Evolution.")
    mats, nodes = [], None
    for G in networks:
        ns, A = _matrix(G)
        if nodes is None:
            nodes = ns
        elif set(ns) != set(nodes):
            raise P2PKitError("every network in the sequence must have the same people.")
        else:
            where = {v: i for i, v in enumerate(ns)}
            idx = [where[v] for v in nodes]
            A = A[np.ix_(idx, idx)]
        mats.append(A)
    if nodes is None:
        raise P2PKitError("the sequence of networks is empty.")
    return mats, nodes


def degroot(networks, opinions, listen: str = "both") -> np.ndarray:
    """Opinions averaged over the ties of the moment (DeGroot learning on an evolving network).

    In step ``t`` each person replaces their opinion with the plain average of their own
    and of everyone they are tied to in network ``t``: in either direction
    (``listen="both"``, the default, as news and requests travel in this module), or only
    those they have a tie *to* (``listen="out"``: in an advice network ``u -> v``, *u*
    asks and listens to *v*).

    Parameters
    ----------
    networks : Evolution or sequence of networkx graphs
        For an Evolution, step ``t`` uses snapshot ``t`` (so ``steps`` updates). For a
        fixed network, pass ``[G] * steps``.
    opinions : dict or sequence of float
        The starting opinion of each person (a sequence follows the node order).
    listen : {"both", "out"}, default "both"
        Which ties carry influence. With ``"out"``, someone who names nobody never
        changes their mind.

    Returns
    -------
    numpy.ndarray
        Shape ``(steps + 1, n)``: the opinions at each step, in node order.

    Notes
    -----
    On a fixed connected undirected network the opinions converge to the average of the
    starting opinions weighted by ``degree + 1`` (the stationary distribution of the
    averaging matrix; DeGroot 1974; Golub & Jackson 2010). The tests check this closed form.

    References
    ----------
    DeGroot, M. H. (1974). Reaching a consensus. *Journal of the American Statistical
    Association* 69(345), 118-121.
    Golub, B., & Jackson, M. O. (2010). Naive learning in social networks and the wisdom
    of crowds. *American Economic Journal: Microeconomics* 2(1), 112-149.

    Examples
    --------
    >>> h = degroot([nx.path_graph(3)] * 1, [0.0, 0.0, 3.0])
    >>> h[1].tolist()
    [0.0, 1.0, 1.5]
    """
    if listen not in ("both", "out"):
        raise P2PKitError(f"listen must be 'both' or 'out'; got {listen!r}.")
    mats, nodes = _networks(networks)
    n = len(nodes)
    if isinstance(opinions, dict):
        missing = [v for v in nodes if v not in opinions]
        if missing:
            raise P2PKitError(f"no starting opinion for {missing[0]!r}.")
        x = np.array([float(opinions[v]) for v in nodes])
    else:
        x = np.asarray(list(opinions), dtype=float)
        if x.shape != (n,):
            raise P2PKitError(f"give one opinion per person: {n} people, {x.size} opinions.")
    if not np.all(np.isfinite(x)):
        raise P2PKitError("opinions must be ordinary numbers.")
    out = [x]
    eye = np.eye(n, dtype=bool)
    for A in mats:
        W = ((A | A.T) if listen == "both" else A) | eye
        W = W.astype(float)
        W /= W.sum(axis=1, keepdims=True)
        x = W @ x
        out.append(x)
    return np.vstack(out)


def disagreement(history: np.ndarray) -> np.ndarray:
    """Gap between the highest and lowest opinion at each step of a :func:`degroot` history.

    Examples
    --------
    >>> disagreement(np.array([[0.0, 1.0], [0.5, 0.5]])).tolist()
    [1.0, 0.0]
    """
    h = np.atleast_2d(np.asarray(history, dtype=float))
    return h.max(axis=1) - h.min(axis=1)


def consensus_step(history: np.ndarray, tolerance: float = 0.05) -> int | None:
    """First step at which everyone's opinion is within ``tolerance`` of everyone else's.

    Returns None if that never happens within the history.

    Examples
    --------
    >>> consensus_step(degroot([nx.complete_graph(3)] * 2, [0.0, 0.0, 3.0]))
    1
    """
    gaps = disagreement(history)
    hits = np.flatnonzero(gaps <= tolerance)
    return int(hits[0]) if hits.size else None


def consensus_verdict(history: np.ndarray, tolerance: float = 0.05, network=None) -> str:
    """One sentence on whether and when the group agreed, computed from a :func:`degroot` history.

    Parameters
    ----------
    history : numpy.ndarray
        From :func:`degroot`.
    tolerance : float, default 0.05
    network : Evolution or networkx graph, optional
        The ties at the end (for an Evolution, its last snapshot). If given and the group
        has not agreed, the verdict says whether the network has split into parts that hold
        different opinions (so they can never agree) or is still closing the gap.

    Examples
    --------
    >>> consensus_verdict(degroot([nx.complete_graph(3)] * 2, [0.0, 0.0, 3.0]))
    'The group agreed (every opinion within 0.05 of the others) after 1 step, on 1.00.'
    >>> G = nx.Graph([(0, 1), (2, 3)])
    >>> consensus_verdict(degroot([G] * 3, [0, 0, 1, 1]), network=G)
    'After 3 steps the group still disagrees (highest and lowest opinions 1.00 apart; 1.00 at the start): it has split into 2 parts with no ties between them, so it cannot agree.'
    """
    h = np.atleast_2d(np.asarray(history, dtype=float))
    gaps = disagreement(h)
    t = consensus_step(h, tolerance)
    if t == 0:
        return f"The group agrees from the start (every opinion within {tolerance:g} of the others), on {h[0].mean():.2f}."
    if t is not None:
        return (f"The group agreed (every opinion within {tolerance:g} of the others) after {t} "
                f"step{'s' if t != 1 else ''}, on {h[t].mean():.2f}.")
    steps = len(gaps) - 1
    if steps == 0:
        return f"At the start the highest and lowest opinions are {gaps[0]:.2f} apart."
    head = (f"After {steps} step{'s' if steps != 1 else ''} the group still disagrees (highest and lowest "
            f"opinions {gaps[-1]:.2f} apart; {gaps[0]:.2f} at the start)")
    if network is not None:
        A = network.matrices[-1] if isinstance(network, Evolution) else _matrix(network)[1]
        if A.shape[0] != h.shape[1]:
            raise P2PKitError("the network and the opinions are not about the same people.")
        ncomp, labels = csgraph.connected_components(sparse.csr_matrix(A | A.T), directed=False)
        means = [h[-1][labels == c].mean() for c in range(ncomp)]
        if ncomp > 1 and max(means) - min(means) > tolerance:
            return (f"{head}: it has split into {ncomp} parts with no ties between them, "
                    "so it cannot agree.")
    if gaps[-1] < gaps[0] - 1e-9:
        return f"{head}: the gap is still closing."
    return f"{head}: the gap has not started to close."
