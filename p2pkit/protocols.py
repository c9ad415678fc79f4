"""Shared protocols instead of orders: local rules that add up to coordination.

Chapter 9 of the companion asks whether people who follow the same simple rule with
their neighbours can coordinate as well as a centre that gives orders. Two protocols:

- **Agreeing on a number by local averaging** (:func:`local_averaging`): every round each
  person replaces their estimate by a weighted average of their own and their neighbours'
  (DeGroot 1974). Everyone converges to the group's mean; how fast is set by the second
  largest eigenvalue modulus of the averaging weights (:func:`second_eigenvalue`; Xiao &
  Boyd 2004).
- **Sharing out tasks by a local rule** (:func:`claim_nearest`): every idle person claims
  the nearest open task unless an idle colleague is nearer to it. Compared with a centre
  that computes the best possible assignment and hands tasks out a few per round
  (:func:`central_assignment`, Kuhn 1955 via :func:`scipy.optimize.linear_sum_assignment`).

:func:`verdict` compares the two ways of sharing out tasks in one sentence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
from scipy.optimize import linear_sum_assignment

from .equipotency import trust_rounds
from .errors import P2PKitError, require_graph, require_probability, require_whole_number
from .seeding import rng

__all__ = [
    "averaging_weights",
    "second_eigenvalue",
    "local_averaging",
    "disagreement",
    "agreement_rounds",
    "scatter",
    "Allocation",
    "claim_nearest",
    "central_assignment",
    "at_round",
    "verdict",
    "share_out",
    "AgreementRun",
    "agreement_run",
    "Agreement",
    "agreement_verdict",
]


# --------------------------------------------------------------------------- averaging


def _check_graph(G) -> int:
    n = require_graph(G, minimum=2, undirected=True, what="agreement")
    if set(G.nodes()) != set(range(n)):
        raise P2PKitError("number the people 0 .. n-1 (nx.convert_node_labels_to_integers(G)).")
    return n


def averaging_weights(G: nx.Graph) -> np.ndarray:
    """The Metropolis averaging weights of a network: who listens to whom, and how much.

    ``W[i, j] = 1 / (1 + max(deg i, deg j))`` for colleagues ``i`` and ``j``, and each
    person keeps the rest of the weight for their own estimate. ``W`` is symmetric and each
    row and column sums to 1, so averaging with it keeps the group's mean unchanged.

    Parameters
    ----------
    G : networkx.Graph
        An undirected network on ``0 .. n-1``.

    Returns
    -------
    numpy.ndarray
        The ``n`` by ``n`` weight matrix.

    References
    ----------
    Xiao, L., & Boyd, S. (2004). Fast linear iterations for distributed averaging.
    *Systems & Control Letters* 53(1), 65-78.

    Examples
    --------
    >>> averaging_weights(nx.complete_graph(4))[0]
    array([0.25, 0.25, 0.25, 0.25])
    """
    n = _check_graph(G)
    deg = np.array([G.degree(v) for v in range(n)], dtype=float)
    W = np.zeros((n, n))
    for u, v in G.edges():
        if u != v:
            W[u, v] = W[v, u] = 1.0 / (1.0 + max(deg[u], deg[v]))
    W[np.diag_indices(n)] = 1.0 - W.sum(axis=1)
    return W


def second_eigenvalue(W: np.ndarray) -> float:
    """The second largest eigenvalue modulus of a symmetric averaging matrix.

    For a symmetric matrix whose rows sum to 1 the largest eigenvalue is 1 (everyone
    agreeing); the next largest in absolute value, ``lambda``, bounds how fast disagreement
    shrinks: ``||x(t) - mean|| <= lambda**t * ||x(0) - mean||``. ``lambda < 1`` exactly when
    the network is connected.

    References
    ----------
    Xiao, L., & Boyd, S. (2004). Fast linear iterations for distributed averaging.
    *Systems & Control Letters* 53(1), 65-78.

    Examples
    --------
    >>> round(second_eigenvalue(averaging_weights(nx.complete_graph(5))), 12)
    0.0
    """
    W = np.asarray(W, dtype=float)
    if W.ndim != 2 or W.shape[0] != W.shape[1] or W.shape[0] < 2:
        raise P2PKitError("give a square averaging matrix of at least 2 people.")
    if not np.allclose(W, W.T):
        raise P2PKitError("the averaging matrix must be symmetric (use averaging_weights).")
    if W.shape[0] >= SPARSE_FROM and np.allclose(W.sum(axis=1), 1.0):
        lam = _second_eigenvalue_lanczos(W)
        if lam is not None:
            return lam
    ev = np.sort(np.abs(np.linalg.eigvalsh(W)))[::-1]
    return float(ev[1])


#: From this many people :func:`second_eigenvalue` uses Lanczos iteration on the sparse
#: matrix instead of a full eigendecomposition (which grows with the cube of the size).
SPARSE_FROM = 64


def _second_eigenvalue_lanczos(W: np.ndarray) -> float | None:
    """The second largest eigenvalue modulus of a symmetric matrix whose rows sum to 1.

    Such a matrix has the eigenvalue 1 with the eigenvector of all ones; removing that
    direction (deflation) leaves ``lambda`` as the largest eigenvalue modulus, which the
    Lanczos method (ARPACK, :func:`scipy.sparse.linalg.eigsh`) finds with a few hundred
    sparse products. ``None`` if it does not converge (the caller falls back to the full
    decomposition).

    References
    ----------
    Lehoucq, R. B., Sorensen, D. C., & Yang, C. (1998). *ARPACK Users' Guide*. SIAM.
    """
    from scipy import sparse
    from scipy.sparse.linalg import ArpackNoConvergence, LinearOperator, eigsh

    n = W.shape[0]
    S = sparse.csr_matrix(W)
    u = np.full(n, 1.0 / math.sqrt(n))
    op = LinearOperator((n, n), matvec=lambda x: S @ x - u * (u @ x), dtype=float)
    v0 = rng(0).random(n)
    v0 -= u * (u @ v0)
    try:
        val = eigsh(op, k=1, which="LM", tol=1e-12, v0=v0, maxiter=20 * n, return_eigenvectors=False)
    except ArpackNoConvergence:
        return None
    return float(min(1.0, abs(val[0])))


def local_averaging(G: nx.Graph, values, rounds: int) -> np.ndarray:
    """Everybody repeatedly averages their estimate with their neighbours' (DeGroot).

    DeGroot's updating, :func:`p2pkit.equipotency.trust_rounds`, with the Metropolis weights of
    :func:`averaging_weights` as the trust matrix: the package's one DeGroot computation, here
    on a network whose weights keep the group's mean.

    Parameters
    ----------
    G : networkx.Graph
        A network on ``0 .. n-1``.
    values : array-like of float
        Each person's starting estimate (length ``n``).
    rounds : int
        How many rounds of averaging.

    Returns
    -------
    numpy.ndarray
        ``(rounds + 1)`` by ``n``: the estimates after round 0 (the start), 1, 2, ...

    References
    ----------
    DeGroot, M. H. (1974). Reaching a consensus. *Journal of the American Statistical
    Association* 69(345), 118-121.

    Olfati-Saber, R., Fax, J. A., & Murray, R. M. (2007). Consensus and cooperation in
    networked multi-agent systems. *Proceedings of the IEEE* 95(1), 215-233.

    Examples
    --------
    >>> x = local_averaging(nx.path_graph(3), [0.0, 0.0, 3.0], 200)
    >>> [round(float(v), 6) for v in x[-1]]
    [1.0, 1.0, 1.0]
    """
    n = _check_graph(G)
    x = np.asarray(values, dtype=float)
    if x.shape != (n,) or not np.all(np.isfinite(x)):
        raise P2PKitError(f"give one finite starting value per person ({n} values).")
    rounds = require_whole_number("rounds", rounds, minimum=0)
    return trust_rounds(averaging_weights(G), x, rounds)


def disagreement(x) -> float:
    """How far a set of estimates is from agreement: ``||x - mean(x)||`` (Euclidean).

    Examples
    --------
    >>> disagreement([1.0, 1.0, 1.0])
    0.0
    """
    x = np.asarray(x, dtype=float)
    return float(np.linalg.norm(x - x.mean()))


def agreement_rounds(G: nx.Graph, tolerance: float = 0.01) -> int | None:
    """Rounds of averaging that guarantee disagreement has shrunk to ``tolerance`` of its start.

    ``ceil(ln(tolerance) / ln(lambda))`` with ``lambda`` the :func:`second_eigenvalue` of the
    :func:`averaging_weights`; 1 if ``lambda`` is 0 (everyone hears everyone), ``None`` if
    the network is not connected (it never agrees).

    References
    ----------
    Xiao, L., & Boyd, S. (2004). Fast linear iterations for distributed averaging.
    *Systems & Control Letters* 53(1), 65-78.

    Examples
    --------
    >>> agreement_rounds(nx.complete_graph(6)), agreement_rounds(nx.cycle_graph(6))
    (1, 12)
    """
    return _rounds_for(second_eigenvalue(averaging_weights(G)), _check_tolerance(tolerance))


def _check_tolerance(tolerance) -> float:
    t = require_probability("tolerance", tolerance)
    if not 0 < t < 1:
        raise P2PKitError(f"tolerance is a share between 0 and 1, neither included (e.g. 0.01); got {tolerance!r}.")
    return t


def _rounds_for(lam: float, tolerance: float) -> int | None:
    if lam >= 1 - 1e-12:
        return None
    if lam <= 1e-12:
        return 1
    return max(1, math.ceil(math.log(tolerance) / math.log(lam) - 1e-9))


@dataclass(frozen=True)
class AgreementRun:
    """Averaging on one network, measured (see :func:`agreement_run`).

    Attributes
    ----------
    people : int
    lam : float
        The :func:`second_eigenvalue` of the network's :func:`averaging_weights`.
    bound_rounds : int or None
        :func:`agreement_rounds`: rounds by which disagreement is *sure* to be below
        ``tolerance`` of its start (``None``: never, the network is not connected).
    disagreement : tuple of float
        After round 0, 1, ...: :func:`disagreement` as a share of the start.
    bound : tuple of float
        ``lam ** t``, the bound on that share.
    below_at : int or None
        The first round at which the simulated disagreement is at or below ``tolerance``
        (``None`` if not within the rounds run).
    tolerance : float
    """

    people: int
    lam: float
    bound_rounds: int | None
    disagreement: tuple
    bound: tuple
    below_at: int | None
    tolerance: float


def agreement_run(G: nx.Graph, values, rounds: int, tolerance: float = 0.01) -> AgreementRun:
    """Run :func:`local_averaging` on ``G`` and measure it against the eigenvalue bound.

    References
    ----------
    Xiao, L., & Boyd, S. (2004). Fast linear iterations for distributed averaging.
    *Systems & Control Letters* 53(1), 65-78.

    Olfati-Saber, R., Fax, J. A., & Murray, R. M. (2007). Consensus and cooperation in
    networked multi-agent systems. *Proceedings of the IEEE* 95(1), 215-233.

    Examples
    --------
    >>> run = agreement_run(nx.cycle_graph(6), [0, 0, 0, 0, 0, 6.0], 20)
    >>> run.bound_rounds, run.below_at, run.disagreement[0]
    (12, 11, 1.0)
    """
    x = local_averaging(G, values, rounds)
    start = disagreement(x[0])
    if start == 0:
        raise P2PKitError("everyone starts from the same estimate: there is no disagreement to remove.")
    share = [disagreement(v) / start for v in x]
    tolerance = _check_tolerance(tolerance)
    lam = second_eigenvalue(averaging_weights(G))
    below = next((t for t, d in enumerate(share) if d <= tolerance), None)
    return AgreementRun(people=len(x[0]), lam=lam, bound_rounds=_rounds_for(lam, tolerance),
                        disagreement=tuple(share), bound=tuple(lam ** t for t in range(rounds + 1)),
                        below_at=below, tolerance=tolerance)


@dataclass(frozen=True)
class Agreement:
    """Averaging on several networks, and what a centre would need (see :func:`agreement_verdict`).

    Attributes
    ----------
    runs : dict
        Network name -> :class:`AgreementRun`.
    centre_rounds : int or None
        Rounds a centre would need to collect every estimate and announce the mean (for
        example :func:`p2pkit.transparency.report_up_broadcast_down` on a chart), if compared.
    """

    runs: dict
    centre_rounds: int | None = None


def agreement_verdict(a: Agreement) -> str:
    """One plain sentence comparing averaging on several networks (and against a centre).

    Examples
    --------
    >>> runs = {"ring": agreement_run(nx.cycle_graph(6), [0, 0, 0, 0, 0, 6.0], 20),
    ...         "everyone": agreement_run(nx.complete_graph(6), [0, 0, 0, 0, 0, 6.0], 20)}
    >>> agreement_verdict(Agreement(runs)).startswith("On the everyone network averaging agrees fastest")
    True
    """
    runs, centre_rounds = a.runs, a.centre_rounds

    def key(name):
        r = runs[name]
        return (r.bound_rounds is None, r.bound_rounds or 0, r.lam)

    order = sorted(runs, key=key)
    fast, slow = runs[order[0]], runs[order[-1]]
    tol = f"{fast.tolerance:.0%}"

    def sure(r):
        return "never (not connected)" if r.bound_rounds is None else f"by round {r.bound_rounds:,}"

    text = (f"On the {order[0]} network averaging agrees fastest (within {tol} of the start {sure(fast)} at "
            f"the latest, lambda {fast.lam:.3f}); on the {order[-1]} it is slowest ({sure(slow)}, lambda "
            f"{slow.lam:.3f}).")
    if centre_rounds is not None:
        text += (f" A centre that collects every estimate and announces the mean would need "
                 f"{centre_rounds} rounds.")
    return text


# --------------------------------------------------------------------------- tasks


def scatter(people: int, tasks: int, seed: int | None = 0) -> tuple[np.ndarray, np.ndarray]:
    """Random positions for ``people`` people and ``tasks`` tasks on a unit square.

    Distance stands for whatever it costs a person to take a task on: travel, skills to
    learn, context to pick up.

    Examples
    --------
    >>> P, T = scatter(3, 4, seed=1)
    >>> P.shape, T.shape
    ((3, 2), (4, 2))
    """
    people = require_whole_number("people", people, minimum=1)
    tasks = require_whole_number("tasks", tasks, minimum=1)
    gen = rng(seed)
    return gen.random((people, 2)), gen.random((tasks, 2))


@dataclass(frozen=True)
class Allocation:
    """Who took which task, and how long and how costly it was (see :func:`claim_nearest`).

    Attributes
    ----------
    design : str
        ``"local rule"`` or ``"centre"``.
    pairs : tuple of (int, int)
        ``(person, task)``, in the order they were settled.
    rounds : int
        Rounds until every task that can be taken has been taken.
    by_round : tuple of int
        Tasks taken after round 0, 1, 2, ...
    total_distance : float
        Sum of the distances between each person and their task (lower is better).
    optimum : float
        The lowest total distance possible (optimal assignment).
    """

    design: str
    pairs: tuple
    rounds: int
    by_round: tuple
    total_distance: float
    optimum: float
    round_of: tuple = field(repr=False, default=())
    lengths: tuple = field(repr=False, default=())

    @property
    def excess(self) -> float:
        """Share by which ``total_distance`` exceeds the optimum (0 = optimal)."""
        return self.total_distance / self.optimum - 1 if self.optimum > 0 else 0.0

    def settled_by(self, r: int) -> tuple:
        """The ``(person, task)`` pairs settled in rounds ``1 .. r``, in the order they were settled."""
        return tuple(pair for pair, k in zip(self.pairs, self.round_of, strict=True) if k <= r)

    def distance_by(self, r: int) -> float:
        """Total distance of the pairs settled in rounds ``1 .. r`` (the whole run's
        ``total_distance`` once ``r >= rounds``).

        Examples
        --------
        >>> a = claim_nearest([[0.0], [1.0]], [[0.1], [0.8]])
        >>> round(a.distance_by(0), 6), round(a.distance_by(1), 6)
        (0.0, 0.3)
        """
        return float(sum(d for d, k in zip(self.lengths, self.round_of, strict=True) if k <= r))


def _check_positions(P, T) -> tuple[np.ndarray, np.ndarray]:
    P = np.asarray(P, dtype=float)
    T = np.asarray(T, dtype=float)
    if P.ndim != 2 or T.ndim != 2 or P.shape[1] != T.shape[1] or len(P) < 1 or len(T) < 1:
        raise P2PKitError("give people and tasks as arrays of positions, one row each, same width.")
    if not (np.all(np.isfinite(P)) and np.all(np.isfinite(T))):
        raise P2PKitError("positions must be finite numbers.")
    return P, T


def _distances(P, T) -> np.ndarray:
    return np.sqrt(((P[:, None, :] - T[None, :, :]) ** 2).sum(axis=2))


def _optimum(D: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    r, c = linear_sum_assignment(D)
    return r, c, float(D[r, c].sum())


def claim_nearest(P, T) -> Allocation:
    """Share out tasks by a local rule: claim your nearest open task unless someone is nearer.

    Every round each idle person looks at the nearest task nobody has taken yet. If no other
    idle person is nearer to that task, they take it; otherwise they wait and look again
    next round. The round ends when everyone has looked; it goes on until people or tasks
    run out. No one gives an order and no one needs the whole picture, only the open tasks
    and idle colleagues around them.

    Parameters
    ----------
    P, T : array-like
        Positions of the people and of the tasks (one row each).

    Returns
    -------
    Allocation
        ``design = "local rule"``.

    Notes
    -----
    A person and a task that are each other's nearest form a *locally dominant* pair; the
    globally closest open pair always is one, so every round settles at least one task and
    the rule ends within ``min(people, tasks)`` rounds (usually far fewer). With distinct
    distances the result is exactly the *greedy* assignment (take the closest pair, then
    the closest of the rest, ...; Preis 1999). Greedy is not optimal: on random positions it
    costs some tens of per cent more than the optimum, and on unlucky layouts far more
    (Reingold & Tarjan 1981).

    References
    ----------
    Preis, R. (1999). Linear time 1/2-approximation algorithm for maximum weighted matching
    in general graphs. *STACS 99*, Lecture Notes in Computer Science 1563, 259-269.

    Reingold, E. M., & Tarjan, R. E. (1981). On a greedy heuristic for complete matching.
    *SIAM Journal on Computing* 10(4), 676-681.

    Examples
    --------
    >>> a = claim_nearest([[0.0], [1.0]], [[0.1], [0.8]])
    >>> a.pairs, a.rounds
    (((0, 0), (1, 1)), 1)
    """
    P, T = _check_positions(P, T)
    D = _distances(P, T)
    return _claim(D, _optimum(D)[2])


def _claim(D: np.ndarray, opt: float) -> Allocation:
    n, m = D.shape
    free_p = np.ones(n, dtype=bool)
    free_t = np.ones(m, dtype=bool)
    pairs, by_round, round_of, lengths = [], [0], [], []
    rounds = 0
    total = 0.0
    big = np.inf
    while free_p.any() and free_t.any():
        rounds += 1
        Dm = np.where(free_p[:, None] & free_t[None, :], D, big)
        want = np.argmin(Dm, axis=1)  # each person's nearest open task
        nearest_person = np.argmin(Dm, axis=0)  # each task's nearest idle person
        people = np.flatnonzero(free_p)
        winners = people[nearest_person[want[people]] == people]
        for p in winners:
            t = int(want[p])
            pairs.append((int(p), t))
            round_of.append(rounds)
            lengths.append(float(D[p, t]))
            total += float(D[p, t])
        free_p[winners] = False
        free_t[want[winners]] = False
        by_round.append(len(pairs))
    return Allocation("local rule", tuple(pairs), rounds, tuple(by_round), total, opt, tuple(round_of),
                      tuple(lengths))


def central_assignment(P, T, per_round: int = 1) -> Allocation:
    """Share out tasks from a centre: the best possible assignment, handed out ``per_round`` a round.

    The centre knows every position, computes the assignment with the lowest total
    distance (the assignment problem, solved with
    :func:`scipy.optimize.linear_sum_assignment`), and gives out ``per_round`` assignments
    per round, in the order of the people's numbers. Collecting the positions is not
    counted (the local rule is not charged for looking around either).

    Parameters
    ----------
    P, T : array-like
        Positions of the people and of the tasks.
    per_round : int, default 1
        Assignments the centre can hand out per round (its bandwidth).

    Returns
    -------
    Allocation
        ``design = "centre"``; ``rounds = ceil(min(people, tasks) / per_round)``.

    References
    ----------
    Kuhn, H. W. (1955). The Hungarian method for the assignment problem. *Naval Research
    Logistics Quarterly* 2(1-2), 83-97.

    Crouse, D. F. (2016). On implementing 2D rectangular assignment algorithms. *IEEE
    Transactions on Aerospace and Electronic Systems* 52(4), 1679-1696 (the algorithm
    behind SciPy's ``linear_sum_assignment``).

    Examples
    --------
    >>> a = central_assignment([[0.0], [1.0]], [[0.8], [0.1]])
    >>> a.pairs, a.rounds, round(a.total_distance, 6)
    (((0, 1), (1, 0)), 2, 0.3)
    """
    P, T = _check_positions(P, T)
    per_round = _check_per_round(per_round)
    D = _distances(P, T)
    return _central(D, _optimum(D), per_round)


def _check_per_round(per_round) -> int:
    return require_whole_number("per_round (assignments the centre hands out per round)", per_round, minimum=1)


def _central(D: np.ndarray, best: tuple, per_round: int) -> Allocation:
    r, c, opt = best
    pairs = tuple((int(p), int(t)) for p, t in zip(r, c, strict=True))
    k = len(pairs)
    rounds = math.ceil(k / per_round)
    by_round = tuple(min(k, i * per_round) for i in range(rounds + 1))
    round_of = tuple(i // per_round + 1 for i in range(k))
    lengths = tuple(float(D[p, t]) for p, t in pairs)
    return Allocation("centre", pairs, rounds, by_round, opt, opt, round_of, lengths)


def share_out(P, T, per_round: int = 1) -> tuple[Allocation, Allocation]:
    """Both ways of sharing out the tasks on one map: ``(claim_nearest(P, T),
    central_assignment(P, T, per_round))``, with the distances and the best assignment
    computed once for both.

    Examples
    --------
    >>> P, T = scatter(12, 12, seed=3)
    >>> share_out(P, T, 2) == (claim_nearest(P, T), central_assignment(P, T, 2))
    True
    """
    P, T = _check_positions(P, T)
    per_round = _check_per_round(per_round)
    D = _distances(P, T)
    best = _optimum(D)
    return _claim(D, best[2]), _central(D, best, per_round)


def verdict(local: Allocation, central: Allocation) -> str:
    """One plain sentence comparing the local rule with the centre, computed from both runs.

    Examples
    --------
    >>> P, T = scatter(30, 30, seed=0)
    >>> verdict(claim_nearest(P, T), central_assignment(P, T)).startswith("The local rule is faster")
    True
    """
    a, b = local, central
    cost = f"{a.excess:.0%} more total distance than the best possible assignment"
    if a.rounds < b.rounds:
        return (f"The local rule is faster ({a.rounds} against {b.rounds} rounds) but costs {cost}, "
                "which the centre finds.")
    if a.rounds > b.rounds:
        return (f"The centre is faster here ({b.rounds} against {a.rounds} rounds) and finds the best "
                f"assignment; the local rule costs {cost}.")
    return f"Both take {a.rounds} rounds; the local rule costs {cost}."


def at_round(local: Allocation, central: Allocation, r: int) -> str:
    """How many tasks each way has settled after round ``r``.

    Examples
    --------
    >>> P, T = scatter(20, 20, seed=0)
    >>> at_round(claim_nearest(P, T), central_assignment(P, T), 3)
    'Round 3: the local rule has settled 15 of 20 tasks, the centre 3.'
    """
    r = require_whole_number("r (the round)", r, minimum=0)
    a = local.by_round[min(r, len(local.by_round) - 1)]
    b = central.by_round[min(r, len(central.by_round) - 1)]
    total = len(local.pairs)
    done = " (all done)" if a == total and b == total else ""
    return f"Round {r}: the local rule has settled {a} of {total} tasks, the centre {b}{done}."
