"""Influence as weight in a group's consensus, and whether that consensus finds the truth.

Chapter 3, part 2 (see :mod:`p2pkit.equipotency`): DeGroot's (1974) model of a group making
up its mind -- :func:`trust_matrix` (whom each person listens to), :func:`trust_rounds`
(the rounds of averaging), :func:`influence_weights` and :func:`consensus` (where they end
up) -- and the wisdom of the crowd (Golub & Jackson 2010): :func:`signals`,
:func:`consensus_error_sd`, :func:`consensus_error_bounds`, :func:`wisdom`.

Each function names the paper it follows (author and year); the full entries:

References
----------
DeGroot, M. H. (1974). Reaching a consensus. *Journal of the American Statistical
Association* 69(345), 118-121.
Golub, B., & Jackson, M. O. (2010). Naive learning in social networks and the wisdom
of crowds. *American Economic Journal: Microeconomics* 2(1), 112-149.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from ..errors import P2PKitError, require_graph, require_probability, require_whole_number
from ..seeding import rng

__all__ = [
    "trust_matrix", "trust_rounds", "influence_weights", "consensus", "round_verdict",
    "signals", "consensus_error_sd", "consensus_error_bounds", "Wisdom", "wisdom", "wisdom_verdict",
]


def _check_stochastic(W: np.ndarray) -> np.ndarray:
    W = np.asarray(W, dtype=float)
    if W.ndim != 2 or W.shape[0] != W.shape[1] or W.shape[0] == 0:
        raise P2PKitError("the trust matrix must be square (one row and one column per person).")
    if np.any(~np.isfinite(W)) or np.any(W < -1e-12):
        raise P2PKitError("trust weights must be non-negative numbers.")
    if not np.allclose(W.sum(axis=1), 1.0, atol=1e-9):
        raise P2PKitError("each row of the trust matrix must add up to 1 (each person splits all "
                          "their trust); divide every row by its sum.")
    return W


def _check_opinions(W: np.ndarray, x0) -> np.ndarray:
    """``x0`` as floats: one opinion (or one row of opinions) for each person of ``W``."""
    x = np.asarray(x0, dtype=float)
    if x.shape[0] != W.shape[0]:
        raise P2PKitError(f"x0 has {x.shape[0]} opinions for {W.shape[0]} people.")
    return x


def trust_matrix(G: nx.Graph, leader=None, deference: float = 0.0) -> np.ndarray:
    """DeGroot's trust matrix built from a network: whom each person listens to, how much.

    Each person gives equal weight to their own opinion and to each person they listen
    to -- their neighbours in an undirected network, the people their arcs point to in a
    directed one (an arc ``i -> j`` reads "i listens to j", e.g. "i asks j for advice").
    Optionally everyone but a ``leader`` then moves a share ``deference`` of their trust
    onto the leader (an all-hands meeting, a boss whose word counts extra).

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        The network; rows and columns follow ``list(G)``. Weights are ignored.
    leader : node, optional
        Who receives the deference. Needed when ``deference > 0``.
    deference : float, default 0
        Share (0 to 1) of each other person's trust moved to the leader.

    Returns
    -------
    numpy.ndarray
        Row-stochastic ``n x n`` matrix ``W``: ``W[i, j]`` is the weight ``i`` puts on
        ``j``'s opinion; every row adds up to 1.

    Notes
    -----
    For an undirected network without deference, the influence weights have a closed
    form: ``pi_i = (d_i + 1) / sum_j (d_j + 1)`` with ``d_i`` the degree -- ``W`` is a
    random walk on the network with a self-loop at every node, which is reversible
    (Golub & Jackson 2010 discuss this "equal weights" case).

    Examples
    --------
    >>> trust_matrix(nx.path_graph(3))[1].round(3).tolist()
    [0.333, 0.333, 0.333]
    """
    n = require_graph(G, what="trust_matrix()")
    deference = require_probability("deference (the share of trust moved to the leader)", deference)
    nodes = list(G)
    A = nx.to_numpy_array(G, nodelist=nodes, weight=None)
    np.fill_diagonal(A, 1.0)
    A = (A > 0).astype(float)
    W = A / A.sum(axis=1, keepdims=True)
    if deference > 0:
        if leader not in G:
            raise P2PKitError("deference needs a leader who is in the network (leader=...).")
        li = nodes.index(leader)
        others = np.arange(n) != li
        W[others] *= (1.0 - deference)
        W[others, li] += deference
    return W


def trust_rounds(W: np.ndarray, x0, steps: int) -> np.ndarray:
    """Run DeGroot's updating with a trust matrix: everyone replaces their opinion by a weighted average.

    ``x(t+1) = W x(t)``: each person's next opinion is the average of the opinions they
    listen to, weighted by their trust (DeGroot 1974). Deterministic. The same trust, given
    as a matrix, in every round; :func:`p2pkit.dynamics.degroot` instead averages plainly
    over the ties of a network that changes from one step to the next.

    Parameters
    ----------
    W : numpy.ndarray
        Row-stochastic trust matrix (:func:`trust_matrix`).
    x0 : array-like, shape (n,) or (n, k)
        Opinions at the start (``k`` columns run ``k`` independent issues at once).
    steps : int
        Number of rounds.

    Returns
    -------
    numpy.ndarray
        Shape ``(steps + 1, n)`` (or ``(steps + 1, n, k)``): opinions after 0..steps rounds.

    Examples
    --------
    >>> trust_rounds(trust_matrix(nx.path_graph(2)), [0.0, 1.0], 1)[-1].tolist()
    [0.5, 0.5]
    """
    W = _check_stochastic(W)
    x = _check_opinions(W, x0)
    steps = require_whole_number("steps", steps, minimum=0)
    out = np.empty((steps + 1,) + x.shape)
    out[0] = x
    M = W
    if W.shape[0] >= 200 and np.count_nonzero(W) <= 0.05 * W.size:
        # a large network in which each person listens to a few: sparse products (equal up to
        # rounding; tested), far quicker than dense ones
        from scipy.sparse import csr_matrix

        M = csr_matrix(W)
    for t in range(steps):
        out[t + 1] = M @ out[t]
    return out


def influence_weights(W: np.ndarray) -> np.ndarray:
    """Each person's weight in the group's eventual consensus (DeGroot 1974).

    The stationary left eigenvector ``pi`` of ``W``: ``pi W = pi``, ``pi >= 0``,
    ``sum(pi) = 1``. If the opinions converge, they converge to ``pi . x(0)``: person ``i``'s
    first opinion counts with weight ``pi_i`` in what everybody ends up believing.

    Parameters
    ----------
    W : numpy.ndarray
        Row-stochastic trust matrix (:func:`trust_matrix`).

    Returns
    -------
    numpy.ndarray
        ``pi``, one weight per person (order of the rows of ``W``), adding up to 1.

    Raises
    ------
    P2PKitError
        If there is no single consensus: two or more groups listen only to themselves
        (``W`` has more than one closed class), so each settles on its own opinion.

    Notes
    -----
    Solved as a linear system (``(W^T - I) pi = 0`` with one equation replaced by
    ``sum(pi) = 1``), exact up to rounding. People outside the one closed group (who
    listen to it but are not listened to back) get weight 0. When ``W`` satisfies detailed
    balance with ``d_i = 1 / W_ii`` (``d_i W_ij = d_j W_ji``, as :func:`trust_matrix` of an
    undirected network does), ``pi`` is ``d`` normalised, without solving (tested equal).

    Examples
    --------
    >>> from p2pkit.orgs import client_server
    >>> influence_weights(trust_matrix(client_server(4))).round(3).tolist()
    [0.4, 0.2, 0.2, 0.2]
    """
    W = _check_stochastic(W)
    n = W.shape[0]
    D = nx.DiGraph()
    D.add_nodes_from(range(n))
    rows, cols = np.nonzero(W > 0)
    D.add_edges_from(zip(rows.tolist(), cols.tolist(), strict=True))
    closed = list(nx.attracting_components(D))
    if len(closed) > 1:
        sizes = sorted((len(c) for c in closed), reverse=True)
        raise P2PKitError(
            f"no single consensus: {len(closed)} separate groups (sizes {', '.join(map(str, sizes))}) "
            "listen only to themselves, so each settles on its own opinion. Add a tie through "
            "which one group listens to another.")
    diag = np.diag(W)
    if np.all(diag > 0):
        # detailed balance: if d_i W_ij = d_j W_ji with d_i = 1 / W_ii, then pi is d, normalised
        # (a reversible chain; trust_matrix of an undirected network is one, d_i = degree + 1)
        d = 1.0 / diag
        M = d[:, None] * W
        if np.allclose(M, M.T, rtol=1e-12, atol=1e-15):
            return d / d.sum()
    A = W.T - np.eye(n)
    A[-1] = 1.0
    b = np.zeros(n)
    b[-1] = 1.0
    pi = np.linalg.solve(A, b)
    pi[np.abs(pi) < 1e-15] = 0.0
    pi = np.clip(pi, 0.0, None)
    return pi / pi.sum()


def consensus(W: np.ndarray, x0, weights=None) -> np.ndarray | float:
    """The opinion everybody converges to under DeGroot (1974) updating: ``pi . x(0)``.

    Parameters
    ----------
    W : numpy.ndarray
        Row-stochastic trust matrix (:func:`trust_matrix`).
    x0 : array-like, shape (n,) or (n, k)
        Opinions at the start.
    weights : array-like, optional
        ``influence_weights(W)`` if it is already at hand (saves solving for it again).

    Raises
    ------
    P2PKitError
        If there is no single consensus (see :func:`influence_weights`), or the group that
        sets it is periodic (opinions keep cycling; give everyone some weight on their own
        opinion, as :func:`trust_matrix` does).

    Examples
    --------
    >>> from p2pkit.orgs import client_server
    >>> round(float(consensus(trust_matrix(client_server(4)), [1, 0, 0, 0])), 3)
    0.4
    """
    W = _check_stochastic(W)
    pi = influence_weights(W) if weights is None else np.asarray(weights, dtype=float)
    if pi.shape != (W.shape[0],):
        raise P2PKitError(f"weights has {pi.size} values for {W.shape[0]} people.")
    support = np.flatnonzero(pi > 0)
    sub = W[np.ix_(support, support)]
    # the support is one closed, strongly connected group: a self-loop makes it aperiodic
    periodic = False
    if not np.all(np.diag(sub) > 0):
        D = nx.DiGraph()
        D.add_nodes_from(support.tolist())
        r, c = np.nonzero(sub > 0)
        D.add_edges_from(zip(support[r].tolist(), support[c].tolist(), strict=True))
        periodic = not nx.is_aperiodic(D)
    if periodic:
        raise P2PKitError("the opinions never settle: the group keeps passing them round in a cycle. "
                          "Give everyone some weight on their own opinion.")
    x = _check_opinions(W, x0)
    out = pi @ x
    return float(out) if np.ndim(out) == 0 else out


def round_verdict(beliefs, limit: float, truth: float = 0.0) -> str:
    """One sentence on a DeGroot round: how far apart opinions still are, where they head.

    Parameters
    ----------
    beliefs : array-like
        Everyone's opinion after some round.
    limit : float
        The consensus they converge to (:func:`consensus`).
    truth : float, default 0
        The true value the opinions are estimates of.

    Examples
    --------
    >>> round_verdict([0.2, 0.4], 0.3, 0.0)
    'Opinions still 0.20 apart; they will settle at 0.30, 0.30 from the truth.'
    >>> round_verdict([0.3, 0.3], 0.3, 0.0)
    'Consensus at 0.30, 0.30 from the truth.'
    """
    b = np.asarray(beliefs, dtype=float)
    spread = float(b.max() - b.min())
    miss = abs(limit - truth)
    if spread < 0.005:
        return f"Consensus at {limit:.2f}, {miss:.2f} from the truth."
    return f"Opinions still {spread:.2f} apart; they will settle at {limit:.2f}, {miss:.2f} from the truth."


def signals(people: int, sigma=1.0, trials: int = 1, seed: int | None = 0, truth: float = 0.0,
            shared: float = 0.0, shared_by=None) -> np.ndarray:
    """Noisy first opinions: ``truth + shared error + private error`` for each person.

    Parameters
    ----------
    people : int
        Number of people.
    sigma : float or array-like of length ``people``, default 1
        Standard deviation of each person's private, independent error.
    trials : int, default 1
        Number of independent draws (rows of the result).
    seed : int or None, default 0
        Same seed, same draws.
    truth : float, default 0
    shared : float, default 0
        Standard deviation of one error common to everyone in ``shared_by`` (the same
        sources, the same blind spot); 0 for fully independent opinions.
    shared_by : array-like of bool, length ``people``, optional
        Who has the shared error; default everyone.

    Returns
    -------
    numpy.ndarray
        Shape ``(trials, people)``.

    Examples
    --------
    >>> signals(3, sigma=0.0, trials=2, truth=5.0).tolist()
    [[5.0, 5.0, 5.0], [5.0, 5.0, 5.0]]
    """
    n = require_whole_number("people", people, minimum=1)
    trials = require_whole_number("trials", trials, minimum=1)
    s = np.broadcast_to(np.asarray(sigma, dtype=float), (n,))
    if np.any(s < 0) or shared < 0:
        raise P2PKitError("noise levels (sigma, shared) cannot be negative.")
    mask = np.ones(n, dtype=bool) if shared_by is None else np.asarray(shared_by, dtype=bool)
    if mask.shape != (n,):
        raise P2PKitError(f"shared_by needs one true/false per person ({n}).")
    gen = rng(seed)
    private = gen.standard_normal((trials, n)) * s
    common = gen.standard_normal((trials, 1)) * shared
    return truth + private + common * mask


def consensus_error_sd(pi, sigma=1.0, shared: float = 0.0, shared_by=None) -> float:
    """Exact standard deviation of the consensus error ``pi . x(0) - truth``.

    With private errors of standard deviation ``sigma_i`` (independent) and one shared
    error of standard deviation ``shared`` carried by the people in ``shared_by``:

    ``Var = sum_i pi_i^2 sigma_i^2 + shared^2 (sum_{i in shared_by} pi_i)^2``.

    With independent errors of equal size this is ``sigma^2 sum_i pi_i^2``: the crowd is
    wise (the error vanishes as the group grows) exactly when ``sum pi_i^2 -> 0``, i.e. when
    the largest influence weight goes to 0 (Golub & Jackson 2010). A shared error does
    not average away, whatever the weights.

    Examples
    --------
    >>> consensus_error_sd([0.25, 0.25, 0.25, 0.25], sigma=1.0)
    0.5
    """
    p = np.asarray(pi, dtype=float)
    s = np.broadcast_to(np.asarray(sigma, dtype=float), p.shape)
    mask = np.ones(p.shape, dtype=bool) if shared_by is None else np.asarray(shared_by, dtype=bool)
    var = float(np.sum(p**2 * s**2) + shared**2 * np.sum(p[mask]) ** 2)
    return float(np.sqrt(var))


def consensus_error_bounds(max_influence: float, sigma: float = 1.0, shared: float = 0.0) -> tuple[float, float]:
    """How small and how large the consensus error can be, given the largest influence weight.

    With weights ``pi`` adding up to 1 and largest weight ``m``, ``m**2 <= sum pi_i**2 <= m``.
    So when everyone has a private error of size ``sigma`` and everyone carries the same
    shared error of size ``shared`` (:func:`consensus_error_sd`), the consensus error lies
    between ``sqrt(sigma**2 m**2 + shared**2)`` and ``sqrt(sigma**2 m + shared**2)``: it can
    only vanish in a large group if the largest weight does (Golub & Jackson 2010), and
    never below the shared error.

    Returns
    -------
    (low, high) : tuple of float

    Examples
    --------
    >>> consensus_error_bounds(0.25)
    (0.25, 0.5)
    """
    m = float(max_influence)
    if not 0 < m <= 1:
        raise P2PKitError(f"the largest influence weight is a share above 0 and at most 1; got {max_influence!r}.")
    if sigma < 0 or shared < 0:
        raise P2PKitError("noise levels (sigma, shared) cannot be negative.")
    return (float(np.sqrt(sigma**2 * m**2 + shared**2)), float(np.sqrt(sigma**2 * m + shared**2)))


@dataclass(frozen=True)
class Wisdom:
    """How close a group's consensus comes to the truth (see :func:`wisdom`)."""

    people: int
    top: object
    max_influence: float
    predicted_sd: float
    rmse: float
    average_sd: float
    top_alone_sd: float
    errors: np.ndarray = field(repr=False)
    shared: float = 0.0
    weights: np.ndarray | None = field(default=None, repr=False)


def wisdom(G: nx.Graph, sigma: float = 1.0, trials: int = 500, seed: int | None = 0,
           leader=None, deference: float = 0.0, shared: float = 0.0, independent=(),
           leader_sigma: float | None = None) -> Wisdom:
    """Is the crowd wise (Golub & Jackson 2010)? Everyone gets a noisy signal of a truth, then DeGroot-averages.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Who listens to whom (see :func:`trust_matrix`).
    sigma : float, default 1
        Standard deviation of each person's private error.
    trials : int, default 500
        Number of simulated rounds (new signals each time, seeded).
    seed : int or None, default 0
    leader, deference : see :func:`trust_matrix`.
    shared : float, default 0
        Standard deviation of an error common to everyone except ``independent``.
    independent : iterable of nodes
        People whose signal does not carry the shared error (an independent source).
    leader_sigma : float, optional
        The leader's private error, if it differs from ``sigma`` (a better-informed leader
        has a smaller one). Needs ``leader``.

    Returns
    -------
    Wisdom
        ``max_influence`` (largest DeGroot weight) and ``top`` (whose);
        ``predicted_sd``: exact error of the consensus (:func:`consensus_error_sd`);
        ``rmse``: its Monte-Carlo estimate over ``trials`` (root mean square of
        ``errors``); ``average_sd``: exact error of a plain average of everyone's signal;
        ``top_alone_sd``: exact error of the most influential person's own signal;
        ``shared``: the shared error's standard deviation, as given; ``weights``: everyone's
        DeGroot weight ``pi`` (order of ``list(G)``).

    Notes
    -----
    The consensus of each trial is its limit ``pi . x(0)`` (:func:`consensus`), equal to
    running :func:`trust_rounds` to convergence (tested).

    Examples
    --------
    >>> w = wisdom(nx.complete_graph(4), sigma=1.0)
    >>> w.max_influence, w.predicted_sd
    (0.25, 0.5)
    """
    nodes = list(G)
    n = len(nodes)
    pi = influence_weights(trust_matrix(G, leader=leader, deference=deference))
    ind = set(independent)
    unknown = ind - set(nodes)
    if unknown:
        raise P2PKitError(f"independent names people who are not in the network: {sorted(map(str, unknown))[:3]}.")
    mask = np.array([v not in ind for v in nodes])
    sig = np.full(n, float(sigma))
    if leader_sigma is not None:
        if leader not in G:
            raise P2PKitError("leader_sigma needs a leader who is in the network (leader=...).")
        sig[nodes.index(leader)] = float(leader_sigma)
    X = signals(n, sigma=sig, trials=trials, seed=seed, shared=shared, shared_by=mask)
    errors = X @ pi
    ti = int(np.argmax(np.round(pi, 12)))
    uniform = np.full(n, 1.0 / n)
    return Wisdom(
        people=n, top=nodes[ti], max_influence=float(pi[ti]),
        predicted_sd=consensus_error_sd(pi, sig, shared, mask),
        rmse=float(np.sqrt(np.mean(errors**2))),
        average_sd=consensus_error_sd(uniform, sig, shared, mask),
        top_alone_sd=float(np.sqrt(sig[ti] ** 2 + (shared**2 if mask[ti] else 0.0))),
        errors=errors, shared=float(shared), weights=pi,
    )


def wisdom_verdict(w: Wisdom) -> str:
    """One sentence: is this group's consensus about as good as a plain average of everyone?

    Compares the exact consensus error with that of a plain average (every voice equal)
    and with the most influential person deciding alone, and says when part of the error
    is shared (and so survives any averaging).

    Examples
    --------
    >>> wisdom_verdict(wisdom(nx.complete_graph(4)))
    'Wise crowd: the consensus is as accurate as a plain average of everyone (error 0.50); the biggest weight is 25%.'
    """
    ratio = w.predicted_sd / w.average_sd if w.average_sd > 0 else 1.0
    if ratio < 0.9:
        text = (f"Better than a plain average: the consensus misses by {w.predicted_sd:.2f}, a plain average "
                f"of everyone by {w.average_sd:.2f}, because the most weighted voice ({w.max_influence:.0%}) "
                "has information the others lack.")
    elif ratio <= 1.1:
        text = (f"Wise crowd: the consensus is as accurate as a plain average of everyone "
                f"(error {w.predicted_sd:.2f}); the biggest weight is {w.max_influence:.0%}.")
    else:
        better_than_top = w.predicted_sd < w.top_alone_sd
        tail = ("still better than that person deciding alone" if better_than_top
                else "no better than that person deciding alone")
        text = (f"Not as wise as it could be: one person holds {w.max_influence:.0%} of the weight, so the "
                f"consensus error ({w.predicted_sd:.2f}) is {ratio:.1f} times that of a plain average "
                f"({w.average_sd:.2f}) -- {tail} ({w.top_alone_sd:.2f}).")
    if w.shared > 0:
        text += f" An error of {w.shared:.2f} is shared by the peers: no averaging among them removes it."
    return text
