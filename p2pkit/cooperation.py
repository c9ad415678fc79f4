"""Incentives to cooperate and share: a public-goods game played on a network.

Chapter 9 of the companion reads the seed essay's "architect of the system" as someone who
sets the incentives as well as the structure: a network only shares if sharing pays. The
model is the networked public-goods game of Santos, Santos & Pacheco (2008):

- every person is the centre of one group -- themselves and the people they are tied to --
  and also belongs to the group of each of their contacts;
- in every group each *sharer* (cooperator) puts in ``cost``; the pot is multiplied by the
  synergy ``r`` (what sharing is worth to the group) and split equally among all members,
  sharers and free riders alike;
- the leader can also pay a ``reward`` to a sharer for each contribution (a bonus, a
  recognition that counts);
- after each round everyone compares their payoff with a random contact's and copies a
  better-paid contact's behaviour with a probability that grows with the difference
  (imitation of the more successful, all at once).

:func:`group_payoffs` computes one round's payoffs, :func:`simulate` runs the game (seeded,
many runs at once), :func:`well_mixed_threshold` and :func:`well_mixed_share` give the
baseline without a network -- in a large population that meets in random groups of ``N``,
free riding wins unless ``r > N`` (Hauert et al. 2002 use this game; the threshold follows
from one line of algebra, see :func:`well_mixed_threshold`) -- and :func:`cooperation_verdict`
says in plain words what the numbers mean.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from .errors import P2PKitError, require_graph, require_probability, require_whole_number
from .seeding import rng

__all__ = [
    "CooperationRun",
    "cooperation_verdict",
    "group_payoffs",
    "group_sizes",
    "simulate",
    "simulate_well_mixed",
    "well_mixed_share",
    "well_mixed_threshold",
]


# --------------------------------------------------------------------------- checks


def _number(name: str, value, above_zero: bool = False) -> float:
    """``value`` as a finite float of 0 or more (more than 0 with ``above_zero``), or a P2PKitError naming it.

    An amount (a synergy, a cost, a reward, a speed): :mod:`p2pkit.errors` has validators for
    whole numbers and probabilities, not for amounts.
    """
    if isinstance(value, bool):
        raise P2PKitError(f"{name} must be a number; got {value!r}.")
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise P2PKitError(f"{name} must be a number; got {value!r}.") from None
    if not math.isfinite(x) or x < 0 or (x == 0 and above_zero):
        raise P2PKitError(f"{name} must be a number {'above 0' if above_zero else 'of 0 or more'}; got {value!r}.")
    return x


def _cost_and_reward(cost, reward) -> tuple[float, float]:
    """What a contribution costs (more than 0) and what the leader pays for it (0 or more)."""
    return _number("cost", cost, above_zero=True), _number("reward", reward)


def _graph(G) -> tuple[list, np.ndarray]:
    """The people of an undirected network without self-ties (at least 2), and its adjacency matrix."""
    require_graph(G, minimum=2, undirected=True, self_loops=False, what="a public-goods game")
    nodes = list(G)
    return nodes, nx.to_numpy_array(G, nodelist=nodes, weight=None)


def _strategies(G, nodes, cooperate) -> np.ndarray:
    if isinstance(cooperate, dict):
        missing = [v for v in nodes if v not in cooperate]
        if missing:
            raise P2PKitError(f"say for everyone whether they share; {missing[:3]!r} missing.")
        s = np.array([bool(cooperate[v]) for v in nodes], dtype=float)
    else:
        arr = np.asarray(cooperate)
        if arr.shape != (len(nodes),):
            raise P2PKitError(f"give one True/False per person ({len(nodes)} values, in the order of list(G)).")
        s = arr.astype(bool).astype(float)
    return s


# --------------------------------------------------------------------------- one round


def group_sizes(G: nx.Graph) -> dict:
    """The size of the group each person centres: themselves and everyone they are tied to.

    Examples
    --------
    >>> group_sizes(nx.path_graph(3))
    {0: 2, 1: 3, 2: 2}
    """
    nodes, A = _graph(G)
    return {v: int(d) + 1 for v, d in zip(nodes, A.sum(axis=1), strict=True)}


def group_payoffs(G: nx.Graph, cooperate, r: float, cost: float = 1.0, reward: float = 0.0) -> dict:
    """Each person's payoff from one round of the networked public-goods game.

    Parameters
    ----------
    G : networkx.Graph
        Who works with whom (undirected).
    cooperate : dict or sequence of bool
        Whether each person shares (a dict by person, or one value per person in
        ``list(G)`` order).
    r : float
        Synergy: each group's pot is multiplied by ``r`` before it is split (0 or more).
    cost : float, default 1
        What a sharer puts into each group they belong to (more than 0).
    reward : float, default 0
        What the leader pays a sharer for each contribution (0 or more).

    Returns
    -------
    dict
        Person -> payoff. A person ``i`` with ``k_i`` contacts belongs to ``k_i + 1`` groups
        (their own and each contact's). The group centred on ``j`` has ``k_j + 1`` members;
        its ``n_j`` sharers put in ``cost`` each, and everyone in it receives
        ``r * cost * n_j / (k_j + 1)``. A sharer pays ``cost - reward`` per group they belong to.

    Notes
    -----
    This is the "fixed cost per game" variant of Santos, Santos & Pacheco (2008): a sharer
    pays ``cost`` in every group. With ``s`` the 0/1 vector of sharers, ``B = A + I`` and
    ``g = k + 1``, the payoffs are ``B (r cost (B s) / g) - (cost - reward) s g``.

    References
    ----------
    Santos, F. C., Santos, M. D., & Pacheco, J. M. (2008). Social diversity promotes the
    emergence of cooperation in public goods games. *Nature* 454, 213-216.

    Examples
    --------
    A path a - b - c in which only b shares, r = 3: the group of a is {a, b} (pot 3, 1.5
    each), of b {a, b, c} (pot 3, 1 each), of c {b, c} (1.5 each). b pays 1 in each of three
    groups.

    >>> G = nx.path_graph(["a", "b", "c"])
    >>> group_payoffs(G, {"a": False, "b": True, "c": False}, r=3)
    {'a': 2.5, 'b': 1.0, 'c': 2.5}
    """
    nodes, A = _graph(G)
    s = _strategies(G, nodes, cooperate)
    r = _number("r (the synergy)", r)
    c, b = _cost_and_reward(cost, reward)
    pay = _payoffs(A + np.eye(len(nodes)), s[None, :], r, c, b)[0]
    return {v: float(x) for v, x in zip(nodes, pay, strict=True)}


def _payoffs(B: np.ndarray, s: np.ndarray, r: float, c: float, b: float) -> np.ndarray:
    """Payoffs of ``runs x n`` strategies ``s`` (0/1 floats) with ``B = A + I`` (symmetric)."""
    g = B.sum(axis=0)
    share = r * c * (s @ B) / g          # what each member of group j receives
    return share @ B - (c - b) * s * g


# --------------------------------------------------------------------------- the game over time


@dataclass(frozen=True)
class CooperationRun:
    """What :func:`simulate` measured.

    Attributes
    ----------
    nodes : list
        The people, in the order of every per-person array.
    shares : numpy.ndarray
        ``runs x (rounds + 1)``: the share of people sharing after each round (round 0: the
        start), one row per run.
    history : numpy.ndarray
        ``(rounds + 1) x n`` booleans: who shares after each round, in the first run.
    payoffs : numpy.ndarray
        ``(rounds + 1) x n``: each person's payoff in each round of the first run (the
        payoff earned with the behaviour of that round).
    """

    r: float
    cost: float
    reward: float
    rounds: int
    runs: int
    nodes: list
    shares: np.ndarray
    history: np.ndarray
    payoffs: np.ndarray
    group_size: dict = field(default_factory=dict)

    @property
    def mean_share(self) -> np.ndarray:
        """The share of people sharing after each round, averaged over the runs."""
        return self.shares.mean(axis=0)

    @property
    def final(self) -> float:
        """The mean share sharing at the end (over the runs)."""
        return float(self.shares[:, -1].mean())

    @property
    def final_se(self) -> float:
        """Standard error of :attr:`final` over the runs (0 for one run)."""
        if self.runs < 2:
            return 0.0
        return float(self.shares[:, -1].std(ddof=1) / math.sqrt(self.runs))

    @property
    def all_shared(self) -> float:
        """Share of runs that ended with everyone sharing."""
        return float((self.shares[:, -1] > 1 - 1e-9).mean())

    @property
    def none_shared(self) -> float:
        """Share of runs that ended with nobody sharing."""
        return float((self.shares[:, -1] < 1e-9).mean())


def simulate(G: nx.Graph, r: float, rounds: int = 200, cost: float = 1.0, reward: float = 0.0,
             start: float = 0.5, runs: int = 1, seed: int | None = 0) -> CooperationRun:
    """Play the networked public-goods game for ``rounds`` rounds, with imitation after each.

    Parameters
    ----------
    G : networkx.Graph
        Who works with whom.
    r, cost, reward : see :func:`group_payoffs`.
    rounds : int, default 200
        Rounds to play (0 or more).
    start : float, default 0.5
        Share of people who share at the start, chosen at random (each run draws its own).
    runs : int, default 1
        Independent runs, played at once (each with its own random start and choices).
    seed : int or None, default 0
        The same seed gives the same runs.

    Returns
    -------
    CooperationRun

    Notes
    -----
    Updating is synchronous, as in Santos, Santos & Pacheco (2008): after each round every
    person ``x`` picks one contact ``y`` at random and, if ``y`` earned more, copies ``y``'s
    behaviour with probability ``(P_y - P_x) / M``. Here ``M = (r cost + |cost - reward|)
    g_max`` (``g_max`` the largest group) bounds every payoff difference on the network, so
    the probability never exceeds 1; the normalisation sets the pace, not the direction.
    Nobody ever copies a worse-paid contact, so everyone sharing and nobody sharing are the
    two absorbing states. People without contacts never change.

    References
    ----------
    Santos, F. C., Santos, M. D., & Pacheco, J. M. (2008). Social diversity promotes the
    emergence of cooperation in public goods games. *Nature* 454, 213-216.
    Santos, F. C., & Pacheco, J. M. (2005). Scale-free networks provide a unifying framework
    for the emergence of cooperation. *Physical Review Letters* 95, 098104 (the imitation
    rule: copy a better-paid contact with a probability proportional to the difference).

    Examples
    --------
    >>> run = simulate(nx.complete_graph(10), r=2, rounds=300, runs=20, seed=1)
    >>> run.final        # one group of 10 and r = 2 < 10: free riding wins every run
    0.0
    """
    nodes, A = _graph(G)
    r = _number("r (the synergy)", r)
    c, b = _cost_and_reward(cost, reward)
    T = require_whole_number("rounds", rounds, minimum=0, maximum=100_000)
    R = require_whole_number("runs", runs, minimum=1, maximum=10_000)
    x0 = require_probability("start (the share who share at first)", start)
    n = len(nodes)
    if n * R * T > 400_000_000:
        raise P2PKitError("that is too big to simulate here; use fewer rounds, runs or people.")
    gen = rng(seed)
    B = A + np.eye(n)
    g = B.sum(axis=0)
    deg = A.sum(axis=1).astype(int)
    indptr = np.r_[0, np.cumsum(deg)]
    indices = np.concatenate([np.flatnonzero(A[i]) for i in range(n)] + [np.zeros(1, int)])
    M = (r * c + abs(c - b)) * g.max() if deg.sum() else 0.0
    has = deg > 0

    s = (gen.random((R, n)) < x0).astype(float)
    rows = np.arange(R)[:, None]
    shares = np.empty((R, T + 1))
    history = np.empty((T + 1, n), dtype=bool)
    payoffs = np.empty((T + 1, n))
    for t in range(T + 1):
        P = _payoffs(B, s, r, c, b)
        shares[:, t] = s.sum(axis=1) / n
        history[t] = s[0] > 0.5
        payoffs[t] = P[0]
        if t == T or M <= 0:
            if M <= 0 and t < T:
                shares[:, t + 1:] = shares[:, [t]]
                history[t + 1:] = history[t]
                payoffs[t + 1:] = P[0]
            if M <= 0:
                break
            continue
        pick = (gen.random((R, n)) * deg).astype(int)          # a random contact (0 for nobody)
        y = np.where(has, indices[np.minimum(indptr[:-1] + pick, len(indices) - 1)], np.arange(n))
        Py = P[rows, y]
        prob = np.clip((Py - P) / M, 0.0, 1.0)
        copy = (gen.random((R, n)) < prob) & has
        s = np.where(copy, s[rows, y], s)
    return CooperationRun(r, c, b, T, R, nodes, shares, history, payoffs,
                          {v: int(x) for v, x in zip(nodes, g, strict=True)})


# --------------------------------------------------------------------------- without a network


def well_mixed_threshold(group_size: int, cost: float = 1.0, reward: float = 0.0) -> float:
    """The synergy above which sharing pays in a large, well-mixed population meeting in groups of ``group_size``.

    In a group of ``N``, switching from free riding to sharing costs a person
    ``cost - reward`` and brings them back ``r cost / N`` (their own share of what they
    added), whatever the others do. So sharing pays exactly when ``r > N (1 - reward/cost)``:
    the threshold is the group size without a reward (0 when the reward covers the cost).

    References
    ----------
    Hauert, C., De Monte, S., Hofbauer, J., & Sigmund, K. (2002). Volunteering as Red Queen
    mechanism for cooperation in public goods games. *Science* 296, 1129-1132.
    Santos, F. C., Santos, M. D., & Pacheco, J. M. (2008). Social diversity promotes the
    emergence of cooperation in public goods games. *Nature* 454, 213-216.

    Examples
    --------
    >>> well_mixed_threshold(5), well_mixed_threshold(5, reward=0.4)
    (5.0, 3.0)
    """
    N = require_whole_number("group_size", group_size, minimum=1)
    c, b = _cost_and_reward(cost, reward)
    return max(0.0, N * (1.0 - b / c))


def well_mixed_share(rounds, r: float, group_size: int, start: float = 0.5, cost: float = 1.0,
                     reward: float = 0.0, speed: float | None = None):
    """The share sharing over time in a large well-mixed population (the replicator equation).

    ``dx/dt = x (1 - x) (P_share - P_free)`` with ``P_share - P_free = r cost / N - cost + reward``
    (the same for every mix of the others, see :func:`well_mixed_threshold`); its solution is
    the logistic curve ``x(t) = x0 e^{gt} / (1 - x0 + x0 e^{gt})`` with ``g`` that difference
    times ``speed``.

    Parameters
    ----------
    rounds : float or array-like
        Times at which to evaluate.
    r, group_size, cost, reward : see :func:`well_mixed_threshold`.
    start : float, default 0.5
        The share sharing at time 0.
    speed : float, optional
        Rounds per unit of time; by default ``1 / M`` with ``M = (r cost + |cost - reward|) N``,
        the normaliser :func:`simulate` uses for groups of ``N``, so the curve moves at about
        the pace of the networked game.

    References
    ----------
    Taylor, P. D., & Jonker, L. B. (1978). Evolutionarily stable strategies and game
    dynamics. *Mathematical Biosciences* 40, 145-156.

    Examples
    --------
    >>> round(float(well_mixed_share(0, r=3, group_size=5)), 2), float(well_mixed_share(10_000, r=3, group_size=5)) < 1e-6
    (0.5, True)
    """
    N = require_whole_number("group_size", group_size, minimum=1)
    r = _number("r (the synergy)", r)
    c, b = _cost_and_reward(cost, reward)
    x0 = require_probability("start", start)
    k = (1.0 / ((r * c + abs(c - b)) * N)) if speed is None else _number("speed", speed)
    g = (r * c / N - c + b) * k
    t = np.asarray(rounds, dtype=float)
    with np.errstate(over="ignore"):
        e = np.exp(np.clip(g * t, -700, 700))
        x = x0 * e / (1 - x0 + x0 * e)
    return x


def simulate_well_mixed(people: int, group_size: int, r: float, rounds: int = 300, cost: float = 1.0,
                        reward: float = 0.0, start: float = 0.5, seed: int | None = 0) -> np.ndarray:
    """The public-goods game without a network: every round everyone meets in fresh random groups.

    Each round the ``people`` are shuffled into groups of ``group_size`` (the last group may
    be smaller); each group plays once; then each person compares payoffs with one other
    person drawn at random and copies a better-paid one with probability proportional to
    the difference (as in :func:`simulate`).

    Returns
    -------
    numpy.ndarray
        The share sharing after each round (``rounds + 1`` values).

    Examples
    --------
    >>> x = simulate_well_mixed(500, 5, r=8, rounds=300, seed=1)   # r > 5: sharing takes over
    >>> float(x[-1]) > 0.9
    True
    """
    n = require_whole_number("people", people, minimum=2, maximum=1_000_000)
    N = require_whole_number("group_size", group_size, minimum=2, maximum=n)
    r = _number("r (the synergy)", r)
    c, b = _cost_and_reward(cost, reward)
    T = require_whole_number("rounds", rounds, minimum=0, maximum=100_000)
    x0 = require_probability("start", start)
    gen = rng(seed)
    s = (gen.random(n) < x0).astype(float)
    out = np.empty(T + 1)
    M = (r * c + abs(c - b))
    groups = np.arange(n) // N
    sizes = np.bincount(groups).astype(float)
    for t in range(T + 1):
        out[t] = s.mean()
        if t == T:
            break
        order = gen.permutation(n)
        g = np.empty(n, dtype=int)
        g[order] = groups
        pot = np.bincount(g, weights=s, minlength=len(sizes))
        P = r * c * pot[g] / sizes[g] - (c - b) * s
        other = gen.integers(0, n - 1, n)
        other += other >= np.arange(n)          # anyone but oneself
        prob = np.clip((P[other] - P) / M, 0.0, 1.0)
        s = np.where(gen.random(n) < prob, s[other], s)
    return out


# --------------------------------------------------------------------------- verdict


def _pct(x: float) -> str:
    text = f"{x:.0%}"
    if text == "100%" and x < 1:
        return "over 99%"
    if text == "0%" and x > 0:
        return "under 1%"
    return text


def _typical_group(run: CooperationRun) -> int:
    """The median size of the groups a run's people centre (the group most people are in charge of)."""
    return int(np.median(list(run.group_size.values())))


def cooperation_verdict(runs: dict, group_size: int = 5) -> str:
    """Plain sentences on who shares, computed from runs of :func:`simulate` on several networks.

    Parameters
    ----------
    runs : dict
        Network name -> :class:`CooperationRun`, all with the same ``r``, ``cost``, ``reward``
        and number of rounds.
    group_size : int, default 5
        The group size of the well-mixed baseline (a peer mesh with 4 ties each has groups of 5).

    Returns
    -------
    str
        The well-mixed baseline (:func:`well_mixed_threshold`), the share sharing at the end
        on each network (mean over the runs) with its typical group size, and what follows:
        where sharing holds, where it fails, and what the incentive changes.

    Examples
    --------
    >>> ring = simulate(nx.cycle_graph(20), r=2.5, rounds=100, runs=4, seed=1)
    >>> print(cooperation_verdict({"ring": ring}, group_size=3))  # doctest: +ELLIPSIS
    Without a network, in random groups of 3, sharing pays only when the synergy exceeds 3: at 2.5 free riding wins. ...
    """
    if not runs:
        raise P2PKitError("give at least one run (a dict: network name -> simulate(...)).")
    first = next(iter(runs.values()))
    r, c, b = first.r, first.cost, first.reward
    if any((run.r, run.cost, run.reward, run.rounds) != (r, c, b, first.rounds) for run in runs.values()):
        raise P2PKitError("compare runs with the same synergy, cost, reward and number of rounds.")
    N = require_whole_number("group_size", group_size, minimum=1)
    thr = well_mixed_threshold(N, c, b)
    reward = f" with a reward of {b:g} per contribution" if b > 0 else ""
    if r > thr + 1e-9:
        base = (f"Without a network, in random groups of {N}, sharing pays{reward} once the synergy exceeds {thr:g}: "
                f"at {r:g} it takes over.")
    elif abs(r - thr) <= 1e-9:
        base = f"Without a network, in random groups of {N}, a synergy of {r:g}{reward} is exactly the break-even point."
    else:
        base = (f"Without a network, in random groups of {N}, sharing pays only when the synergy exceeds {thr:g}{reward}: "
                f"at {r:g} free riding wins.")
    said = "; ".join(f"{_pct(run.final)} on the {name} (groups of {_typical_group(run)})"
                     for name, run in runs.items())
    second = f" After {first.rounds} rounds the share still sharing is {said} (mean of {first.runs} runs)."
    finals = {k: run.final for k, run in runs.items()}
    best, worst = max(finals, key=finals.get), min(finals, key=finals.get)
    third = ""
    if len(runs) > 1 and finals[best] - finals[worst] > 0.1:
        if _typical_group(runs[best]) < _typical_group(runs[worst]):
            third = (f" Sharing holds best where groups are small: on the {best} more of what a sharer puts in comes "
                     "back to them. The more ties each person has, the bigger their groups and the stronger the pull "
                     "to free-ride.")
        else:
            third = f" The {best} keeps the most sharers."
    if finals[best] < 0.5:
        third += (" At this incentive no network keeps even half the people sharing: a network alone does not make "
                  "people share; raise what sharing is worth or reward it.")
    elif finals[worst] < 0.5:
        third += (f" So a network does not make people share by itself: on the {worst} it takes a higher synergy or a "
                  "reward for sharing.")
    else:
        third += " At this incentive every network keeps most people sharing: the incentive does the work."
    return base + second + third
