"""Decision quality as well as speed: one decider against a majority of peers.

Chapter 5 of the companion measures how long decisions take (:mod:`p2pkit.decisions`);
this module asks whether they come out *right*. A yes-or-no decision has a correct answer.
One decider is right with probability ``p``; each of ``n`` peers is right with probability
``q`` and the decision goes the way most of them vote.

- :func:`majority_accuracy` -- independent peers: the exact binomial probability that the
  majority is right (Condorcet 1785; Grofman, Owen & Feld 1983). It rises towards 1 with
  ``n`` when ``q > 1/2`` and falls towards 0 when ``q < 1/2``.
- :func:`hub_majority_accuracy` -- shared information: each peer, with probability
  ``follow``, takes their cue from one hub (an opinion leader, a shared briefing) instead of
  judging on their own. Votes become correlated (:func:`vote_correlation`) and the majority
  is worth less (Ladha 1992): with everyone following, the crowd is exactly as good as the hub.
- :func:`simulate_votes` -- the same by seeded simulation, vote by vote.
- :func:`decision_days` -- time to decision: one decider is one queue (an M/M/1 queue from
  :func:`p2pkit.decisions.mm1`); a panel of ``n`` peers who each vote on every decision waits
  for the votes it needs.
- :func:`peers_needed` and :func:`judgement_verdict` -- where the crowd is better, where it
  is worse, and what it costs in time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.stats import binom

from .decisions import mm1
from .errors import P2PKitError, require_probability, require_whole_number
from .seeding import rng

__all__ = [
    "MAX_PEERS",
    "Judgement",
    "PanelTimes",
    "VoteRun",
    "crowd_ceiling",
    "decision_days",
    "hub_majority_accuracy",
    "judge",
    "judgement_verdict",
    "majority_accuracy",
    "peers_needed",
    "simulate_votes",
    "vote_correlation",
]

#: Largest panel the functions accept (a bigger one is a referendum, not a team).
MAX_PEERS = 100_001
#: How the messages name ``n``, the number of peers voting.
_PEERS = "n (the number of peers voting)"


def _accuracies(q, follow, hub_accuracy) -> tuple[float, float, float]:
    """``q``, ``follow`` and the hub's accuracy (``q`` when not given), each checked to be a probability."""
    qq = require_probability("q (how often one peer is right)", q)
    f = require_probability("follow (how often a peer follows the hub)", follow)
    h = qq if hub_accuracy is None else require_probability("hub_accuracy", hub_accuracy)
    return qq, f, h


# --------------------------------------------------------------------------- accuracy


def majority_accuracy(n: int, q: float) -> float:
    """Probability that a majority of ``n`` independent peers, each right with probability ``q``, is right.

    Parameters
    ----------
    n : int
        Number of peers voting (1 or more). With an even ``n`` a tie is broken by a fair coin.
    q : float
        Probability that one peer is right, from 0 to 1.

    Returns
    -------
    float
        ``sum_{k > n/2} C(n, k) q^k (1 - q)^(n - k)`` (plus half the probability of a tie when
        ``n`` is even).

    Raises
    ------
    P2PKitError
        If ``n`` is not a whole number of at least 1 or ``q`` is not between 0 and 1.

    Notes
    -----
    For odd ``n`` the sum equals the regularised incomplete beta function
    ``I_q((n + 1)/2, (n + 1)/2)`` (the tests check both). Condorcet's jury theorem: for
    ``q > 1/2`` it grows with ``n`` towards 1; for ``q < 1/2`` it falls towards 0; at
    ``q = 1/2`` it stays 1/2 (Grofman, Owen & Feld 1983 give the theorem in modern form).
    Adding one voter to an odd panel does not help: ``n`` and ``n + 1`` give the same value.

    References
    ----------
    Condorcet, M. J. A. N. de Caritat, marquis de (1785). *Essai sur l'application de
    l'analyse a la probabilite des decisions rendues a la pluralite des voix*. Paris:
    Imprimerie Royale.
    Grofman, B., Owen, G., & Feld, S. L. (1983). Thirteen theorems in search of the truth.
    *Theory and Decision* 15, 261-278.

    Examples
    --------
    >>> round(majority_accuracy(3, 0.6), 3)      # 0.6^3 + 3 * 0.6^2 * 0.4
    0.648
    >>> majority_accuracy(1, 0.7)
    0.7
    >>> round(majority_accuracy(4, 0.6), 3) == round(majority_accuracy(3, 0.6), 3)
    True
    """
    n = require_whole_number(_PEERS, n, minimum=1, maximum=MAX_PEERS)
    q = require_probability("q (how often one peer is right)", q)
    need = n // 2 + 1
    p = float(binom.sf(need - 1, n, q))  # P(k >= need)
    if n % 2 == 0:
        p += 0.5 * float(binom.pmf(n // 2, n, q))
    return min(1.0, max(0.0, p))


def hub_majority_accuracy(n: int, q: float, follow: float, hub_accuracy: float | None = None) -> float:
    """Majority accuracy when each peer follows one hub with probability ``follow``.

    Each of the ``n`` peers, independently, either takes their cue from the hub (with
    probability ``follow``) or judges on their own (right with probability ``q``). The hub
    is right with probability ``hub_accuracy`` (default ``q``: an ordinary colleague whose
    view happens to travel).

    Parameters
    ----------
    n : int
        Number of peers voting.
    q : float
        Probability that a peer judging alone is right.
    follow : float
        Probability that a peer follows the hub (0: independent votes, 1: everyone follows).
    hub_accuracy : float, optional
        Probability that the hub is right (default ``q``).

    Returns
    -------
    float
        Conditioning on the hub: ``h M(n, f + (1 - f) q) + (1 - h) M(n, (1 - f) q)`` with
        ``M`` = :func:`majority_accuracy`, ``h`` the hub's accuracy and ``f = follow``.

    Notes
    -----
    Given the hub's call, the peers are independent again, so the closed form is exact.
    With ``follow = 1`` it equals ``h``: a crowd that all listens to one person is exactly
    as good as that person. Ladha (1992) shows that positively correlated votes lower the
    majority's accuracy; this is one simple way such correlation arises.

    References
    ----------
    Ladha, K. K. (1992). The Condorcet jury theorem, free speech, and correlated votes.
    *American Journal of Political Science* 36(3), 617-634.

    Examples
    --------
    >>> hub_majority_accuracy(9, 0.6, 0.0) == majority_accuracy(9, 0.6)
    True
    >>> round(hub_majority_accuracy(9, 0.6, 1.0), 12)
    0.6
    """
    qq, f, h = _accuracies(q, follow, hub_accuracy)
    return h * majority_accuracy(n, f + (1 - f) * qq) + (1 - h) * majority_accuracy(n, (1 - f) * qq)


def vote_correlation(q: float, follow: float, hub_accuracy: float | None = None) -> float:
    """Correlation between two peers' being right when each follows the hub with probability ``follow``.

    Returns
    -------
    float
        ``(P(both right) - P(right)^2) / (P(right) (1 - P(right)))``, where, given the hub,
        each peer is right with probability ``a = f + (1 - f) q`` (hub right) or
        ``b = (1 - f) q`` (hub wrong): ``P(right) = h a + (1 - h) b`` and
        ``P(both right) = h a^2 + (1 - h) b^2``. 0 for independent peers; 0 as well when
        every peer is always right or always wrong (no variation to correlate).

    References
    ----------
    Ladha, K. K. (1992). The Condorcet jury theorem, free speech, and correlated votes.
    *American Journal of Political Science* 36(3), 617-634.

    Examples
    --------
    >>> vote_correlation(0.6, 0.0)
    0.0
    >>> round(vote_correlation(0.6, 0.5), 3)
    0.25
    """
    qq, f, h = _accuracies(q, follow, hub_accuracy)
    a, b = f + (1 - f) * qq, (1 - f) * qq
    p = h * a + (1 - h) * b
    both = h * a * a + (1 - h) * b * b
    var = p * (1 - p)
    return 0.0 if var < 1e-15 else float((both - p * p) / var)


@dataclass(frozen=True)
class VoteRun:
    """What :func:`simulate_votes` measured: the share of decisions the majority got right."""

    peers: int
    q: float
    follow: float
    trials: int
    right: float
    right_se: float
    example_votes: tuple
    example_followed: tuple
    example_hub_right: bool


def simulate_votes(n: int, q: float, follow: float = 0.0, hub_accuracy: float | None = None,
                   trials: int = 20_000, seed: int | None = 0) -> VoteRun:
    """Simulate ``trials`` decisions, each voted on by ``n`` peers, vote by vote.

    Parameters
    ----------
    n, q, follow, hub_accuracy : see :func:`hub_majority_accuracy`.
    trials : int, default 20_000
        Number of decisions (at least 100).
    seed : int or None, default 0
        The same seed gives the same votes.

    Returns
    -------
    VoteRun
        ``right`` is the share of trials in which the majority was right (ties broken by a
        fair coin), with its binomial standard error; the ``example_*`` fields hold the
        first trial: each peer's vote (True: right), whether they followed the hub, and
        whether the hub was right.

    Examples
    --------
    >>> r = simulate_votes(9, 0.6, seed=1)
    >>> abs(r.right - majority_accuracy(9, 0.6)) < 4 * r.right_se
    True
    """
    n = require_whole_number(_PEERS, n, minimum=1, maximum=MAX_PEERS)
    qq, f, h = _accuracies(q, follow, hub_accuracy)
    trials = require_whole_number("trials", trials, minimum=100)
    if n * trials > 50_000_000:
        raise P2PKitError("that is more than 50 million votes; use fewer trials or fewer peers.")
    gen = rng(seed)
    hub_right = gen.random(trials) < h
    followed = gen.random((trials, n)) < f
    own = gen.random((trials, n)) < qq
    votes = np.where(followed, hub_right[:, None], own)
    k = votes.sum(axis=1)
    coin = gen.random(trials) < 0.5
    right = (2 * k > n) | ((2 * k == n) & coin)
    share = float(right.mean())
    return VoteRun(n, qq, f, int(trials), share, math.sqrt(max(share * (1 - share), 1e-12) / trials),
                   tuple(bool(v) for v in votes[0]), tuple(bool(v) for v in followed[0]), bool(hub_right[0]))


def peers_needed(p: float, q: float, follow: float = 0.0, hub_accuracy: float | None = None,
                 most: int = 1001) -> int | None:
    """Smallest odd number of peers whose majority is right more often than one decider of accuracy ``p``.

    Returns
    -------
    int or None
        The smallest odd ``n`` up to ``most`` with :func:`hub_majority_accuracy` above ``p``;
        ``None`` if no panel up to ``most`` peers does better (for example when ``q <= 1/2``,
        or when so many follow the hub that the crowd can never beat ``p``).

    Examples
    --------
    >>> peers_needed(0.7, 0.6)
    7
    >>> peers_needed(0.7, 0.45) is None
    True
    """
    pp = require_probability("p (how often the decider is right)", p)
    most = require_whole_number("most", most, minimum=1)
    ns = np.arange(1, most + 1, 2)
    acc = _hub_accuracy_odd(ns, q, follow, hub_accuracy)
    # not always monotone in n (with a hub the crowd can peak and fall back): scan every odd n
    above = np.flatnonzero(acc > pp + 1e-12)
    return int(ns[above[0]]) if above.size else None


def _hub_accuracy_odd(ns: np.ndarray, q: float, follow: float, hub_accuracy: float | None) -> np.ndarray:
    """:func:`hub_majority_accuracy` for an array of odd panel sizes at once."""
    qq, f, h = _accuracies(q, follow, hub_accuracy)
    need = ns // 2 + 1
    return h * binom.sf(need - 1, ns, f + (1 - f) * qq) + (1 - h) * binom.sf(need - 1, ns, (1 - f) * qq)


def crowd_ceiling(q: float, follow: float = 0.0, hub_accuracy: float | None = None) -> float:
    """The accuracy a majority approaches as the panel grows without limit.

    Given the hub's call, each peer is right with probability ``a = f + (1 - f) q`` (hub
    right) or ``b = (1 - f) q`` (hub wrong); a very large majority is right exactly when that
    probability is above 1/2. So the limit is ``h [a > 1/2] + (1 - h) [b > 1/2]`` (a half
    for a probability of exactly 1/2). With independent peers (``follow = 0``) it is 1 for
    ``q > 1/2`` and 0 for ``q < 1/2`` (Condorcet); with a hub it can be as low as the hub's
    own accuracy, whatever the size of the crowd.

    Examples
    --------
    >>> crowd_ceiling(0.6), crowd_ceiling(0.4), crowd_ceiling(0.6, follow=0.3)
    (1.0, 0.0, 0.6)
    """
    qq, f, h = _accuracies(q, follow, hub_accuracy)

    def step(x):
        return 1.0 if x > 0.5 + 1e-12 else (0.5 if abs(x - 0.5) <= 1e-12 else 0.0)

    return float(h * step(f + (1 - f) * qq) + (1 - h) * step((1 - f) * qq))


# --------------------------------------------------------------------------- time to decision


@dataclass(frozen=True)
class PanelTimes:
    """Time to decision for one decider and for a panel of peers (see :func:`decision_days`).

    Times are in days; ``inf`` when a decider (or every panel member) receives as many
    decisions as they can take, or more.
    """

    decider_days: float
    panel_days: float
    peers: int
    decider_person_days: float
    panel_person_days: float

    @property
    def ratio(self) -> float:
        """How many times longer the panel takes than the decider."""
        return self.panel_days / self.decider_days if math.isfinite(self.decider_days) else math.nan


def _harmonic(a: int, b: int) -> float:
    """``sum_{j=a}^{b} 1/j`` (0 if ``a > b``)."""
    return float(sum(1.0 / j for j in range(a, b + 1)))


def decision_days(decisions_per_day: float, capacity_per_day: float, n: int) -> PanelTimes:
    """Mean days from a decision's arrival to the verdict: one decider, or ``n`` peers who all vote.

    Parameters
    ----------
    decisions_per_day : float
        Decisions arriving per day (a Poisson stream).
    capacity_per_day : float
        Decisions (or votes) one person can take a day (exponential times).
    n : int
        Peers on the panel; every one of them votes on every decision, and the panel decides
        when all ``n`` votes are in.

    Returns
    -------
    PanelTimes
        ``decider_days``: ``W = 1 / (mu - lambda)`` of one M/M/1 queue
        (:func:`p2pkit.decisions.mm1`). ``panel_days``: each member is such a queue with the
        same load, and the panel waits for the slowest vote: ``W (1 + 1/2 + ... + 1/n)``, the
        mean of the largest of ``n`` independent exponential times of mean ``W``.
        Person-days per decision: ``1 / mu`` for the decider, ``n / mu`` for the panel.

    Notes
    -----
    The time a decision spends in an M/M/1 queue (first come, first served) is exponential
    with mean ``W``, and the largest of ``n`` independent such times has mean ``W H_n``
    (Renyi's representation of exponential order statistics). The members' queues share
    one arrival stream, so their times are positively associated: each is an increasing
    function of the independent decision times and a decreasing one of the gaps between
    arrivals. For associated times the largest is stochastically smaller than for
    independent ones (Esary, Proschan & Walkup 1967), so ``W H_n`` is an *upper bound* and
    ``W`` a lower one; the tests check a simulation lies between them (at 8 decisions a day,
    10 a day per person and 9 peers it gives about 1.2 days, against the bound's 1.4).
    Waiting for everyone grows like ``W ln n``.

    References
    ----------
    Kleinrock, L. (1975). *Queueing Systems, Volume 1: Theory*. Wiley (the M/M/1 queue and
    its exponential time in system).
    Renyi, A. (1953). On the theory of order statistics. *Acta Mathematica Academiae
    Scientiarum Hungaricae* 4, 191-231.
    Esary, J. D., Proschan, F., & Walkup, D. W. (1967). Association of random variables,
    with applications. *Annals of Mathematical Statistics* 38(5), 1466-1474.

    Examples
    --------
    >>> t = decision_days(8, 10, 9)
    >>> round(t.decider_days, 2), round(t.panel_days, 2)
    (0.5, 1.41)
    """
    n = require_whole_number(_PEERS, n, minimum=1, maximum=MAX_PEERS)
    one = mm1(decisions_per_day, capacity_per_day)
    w = one.time_in_system
    panel = w * _harmonic(1, n) if math.isfinite(w) else math.inf
    return PanelTimes(w, panel, n, one.decision_time, n * one.decision_time)


# --------------------------------------------------------------------------- verdict


@dataclass(frozen=True)
class Judgement:
    """Everything :func:`judgement_verdict` says, as numbers (see :func:`judge`)."""

    p: float
    q: float
    peers: int
    follow: float
    decider: float
    independent: float
    correlated: float
    correlation: float
    needed_independent: int | None
    needed_correlated: int | None
    ceiling_independent: float
    ceiling_correlated: float
    times: PanelTimes


def judge(p: float, q: float, n: int, follow: float = 0.0, decisions_per_day: float = 8.0,
          capacity_per_day: float = 10.0) -> Judgement:
    """One decider of accuracy ``p`` against ``n`` peers of accuracy ``q``, with and without a hub.

    Examples
    --------
    >>> j = judge(0.7, 0.6, 9, follow=0.3)
    >>> j.independent > j.decider > j.correlated
    True
    """
    pp = require_probability("p (how often the decider is right)", p)
    return Judgement(
        p=pp, q=float(q), peers=require_whole_number(_PEERS, n, minimum=1, maximum=MAX_PEERS), follow=float(follow), decider=pp,
        independent=majority_accuracy(n, q), correlated=hub_majority_accuracy(n, q, follow),
        correlation=vote_correlation(q, follow), needed_independent=peers_needed(pp, q),
        needed_correlated=peers_needed(pp, q, follow), ceiling_independent=crowd_ceiling(q),
        ceiling_correlated=crowd_ceiling(q, follow), times=decision_days(decisions_per_day, capacity_per_day, n))


def _days(x: float) -> str:
    if not math.isfinite(x):
        return "no limit (overloaded)"
    return f"{x:.1f} days" if x >= 0.995 else f"{x * 8:.1f} working hours"


def _pct(x: float) -> str:
    """A share in per cent that never rounds to 0% or 100% unless it is exactly that."""
    text = f"{x:.0%}"
    if text == "100%" and x < 1:
        return f"{x:.1%}" if x < 0.9995 else "over 99.9%"
    if text == "0%" and x > 0:
        return f"{x:.1%}" if x >= 0.0005 else "under 0.1%"
    return text


def _beat(needed: int | None, ceiling: float, p: float) -> str:
    if needed is not None:
        return f"it takes {needed} such peers to beat the decider"
    if ceiling <= p + 1e-12:
        return f"no crowd of them, however large, beats the decider: the most it can reach is {ceiling:.0%}"
    return "it would take more than 1,001 such peers to beat the decider"


def judgement_verdict(p: float, q: float, n: int, follow: float = 0.0, decisions_per_day: float = 8.0,
                      capacity_per_day: float = 10.0) -> str:
    """Plain sentences: when the crowd is better than one decider, when it is worse, and the time it costs.

    Parameters
    ----------
    p : float
        How often the one decider is right.
    q : float
        How often one peer, judging alone, is right.
    n : int
        Peers on the panel.
    follow : float, default 0
        How often a peer follows one hub instead of judging alone.
    decisions_per_day, capacity_per_day : float
        The load and each person's capacity, for the times (see :func:`decision_days`).

    Examples
    --------
    >>> print(judgement_verdict(0.7, 0.6, 9, 0.3))  # doctest: +NORMALIZE_WHITESPACE
    A majority of 9 independent peers, each right 60% of the time, is right 73% of the time:
    better than one decider who is right 70%. If each peer follows one hub 30% of the time
    (their votes correlate 0.09), the majority is right only 68%: worse than the decider, and
    no crowd of them, however large, beats the decider: the most it can reach is 60%. The
    decider takes 4.0 working hours on average; the panel, waiting for all 9 votes, up to 1.4
    days, and 9 times the person-time.
    """
    j = judge(p, q, n, follow, decisions_per_day, capacity_per_day)
    t, n = j.times, j.peers
    crowd = "One peer" if n == 1 else f"A majority of {n} independent peers, each right {q:.0%} of the time,"
    if q < 0.5:
        first = (f"Peers right only {q:.0%} of the time make a worse crowd the bigger it gets: "
                 + (f"a majority of {n} independent peers" if n > 1 else "one of them")
                 + f" is right {_pct(j.independent)} of the time, against {p:.0%} for the one decider.")
    elif q == 0.5:
        first = ("Peers right half the time are a coin toss, however many vote: "
                 + (f"a majority of {n} independent peers" if n > 1 else "one of them")
                 + f" is right {_pct(j.independent)} of the time, against {p:.0%} for the one decider.")
    elif j.independent > p + 1e-9:
        first = f"{crowd} is right {_pct(j.independent)} of the time: better than one decider who is right {p:.0%}."
    else:
        first = (f"{crowd} is right {_pct(j.independent)} of the time: not better than one decider who is right "
                 f"{p:.0%}; " + _beat(j.needed_independent, j.ceiling_independent, p) + ".")
    if follow > 0:
        only = "only " if j.correlated < j.independent - 1e-9 else ""
        second = (f" If each peer follows one hub {follow:.0%} of the time (their votes correlate "
                  f"{j.correlation:.2f}), the majority is right {only}{_pct(j.correlated)}: ")
        if j.correlated < p - 1e-9:
            second += "worse than the decider, and " + _beat(j.needed_correlated, j.ceiling_correlated, p) + "."
        else:
            second += "still better than the decider."
    else:
        second = (" If the peers took their cue from one hub instead of judging alone, their votes would correlate "
                  "and the majority would be worth less.")
    if not math.isfinite(t.decider_days):
        third = " At this load the decider and every panel member fall behind: no time to decision is typical."
    elif n > 1:
        third = (f" The decider takes {_days(t.decider_days)} on average; the panel, waiting for all {n} votes, "
                 f"up to {_days(t.panel_days)}, and {n} times the person-time.")
    else:
        third = f" Either way a decision takes {_days(t.decider_days)} on average."
    return first + second + third
