"""Decision quality: Condorcet's majority against brute force, a closed form and simulation."""

import itertools
import math

import numpy as np
import pytest
from scipy.special import betainc

from p2pkit.decisions import mm1
from p2pkit.errors import P2PKitError
from p2pkit.judgement import (
    crowd_ceiling,
    decision_days,
    hub_majority_accuracy,
    judge,
    judgement_verdict,
    majority_accuracy,
    peers_needed,
    simulate_votes,
    vote_correlation,
)


def brute_majority(n, q):
    """Every pattern of right and wrong votes, weighted by its probability (ties: a coin)."""
    total = 0.0
    for votes in itertools.product((0, 1), repeat=n):
        k = sum(votes)
        w = q**k * (1 - q) ** (n - k)
        total += w * (1.0 if 2 * k > n else 0.5 if 2 * k == n else 0.0)
    return total


def brute_hub(n, q, f, h):
    """Every pattern of (follow / own right / own wrong) per peer, for each call of the hub."""
    total = 0.0
    for hub_right in (True, False):
        ph = h if hub_right else 1 - h
        for states in itertools.product(("follow", "right", "wrong"), repeat=n):
            w = ph
            k = 0
            for s in states:
                if s == "follow":
                    w *= f
                    k += hub_right
                elif s == "right":
                    w *= (1 - f) * q
                    k += 1
                else:
                    w *= (1 - f) * (1 - q)
            total += w * (1.0 if 2 * k > n else 0.5 if 2 * k == n else 0.0)
    return total


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 8, 11])
@pytest.mark.parametrize("q", [0.0, 0.3, 0.5, 0.6, 0.75, 1.0])
def test_majority_matches_brute_force(n, q):
    assert majority_accuracy(n, q) == pytest.approx(brute_majority(n, q), abs=1e-12)


@pytest.mark.parametrize("n", [1, 3, 9, 41, 101])
@pytest.mark.parametrize("q", [0.2, 0.55, 0.6, 0.9])
def test_majority_matches_the_incomplete_beta_closed_form(n, q):
    # for odd n: P(Bin(n, q) >= (n+1)/2) = I_q((n+1)/2, (n+1)/2)
    m = (n + 1) / 2
    assert majority_accuracy(n, q) == pytest.approx(float(betainc(m, m, q)), abs=1e-12)


def test_hand_computed_values_and_condorcet_direction():
    assert majority_accuracy(3, 0.6) == pytest.approx(0.6**3 + 3 * 0.6**2 * 0.4)  # 0.648
    assert majority_accuracy(4, 0.6) == pytest.approx(majority_accuracy(3, 0.6))  # an even voter adds nothing
    odd = range(1, 60, 2)
    up = [majority_accuracy(n, 0.6) for n in odd]
    down = [majority_accuracy(n, 0.45) for n in odd]
    assert all(b > a for a, b in itertools.pairwise(up)) and up[-1] > 0.9
    assert all(b < a for a, b in itertools.pairwise(down)) and down[-1] < 0.3
    assert all(majority_accuracy(n, 0.5) == pytest.approx(0.5) for n in odd)


@pytest.mark.parametrize("n, q, f, h", [(3, 0.6, 0.3, 0.6), (5, 0.6, 0.5, 0.9), (4, 0.7, 0.2, 0.4), (6, 0.4, 0.6, 0.4)])
def test_hub_closed_form_matches_brute_force(n, q, f, h):
    assert hub_majority_accuracy(n, q, f, h) == pytest.approx(brute_hub(n, q, f, h), abs=1e-12)


def test_hub_extremes():
    assert hub_majority_accuracy(9, 0.6, 0.0) == majority_accuracy(9, 0.6)
    assert hub_majority_accuracy(9, 0.6, 1.0) == pytest.approx(0.6)           # everyone follows: the hub alone
    assert hub_majority_accuracy(9, 0.6, 1.0, hub_accuracy=0.9) == pytest.approx(0.9)
    # correlation lowers the majority's accuracy when q > 1/2
    assert hub_majority_accuracy(15, 0.6, 0.3) < majority_accuracy(15, 0.6)


@pytest.mark.parametrize("n, q, f", [(9, 0.6, 0.0), (9, 0.6, 0.3), (10, 0.55, 0.5), (25, 0.45, 0.2)])
def test_simulation_agrees_with_the_closed_forms(n, q, f):
    r = simulate_votes(n, q, f, trials=40_000, seed=7)
    assert abs(r.right - hub_majority_accuracy(n, q, f)) < 4 * r.right_se
    assert len(r.example_votes) == n == len(r.example_followed)
    # a follower votes the hub's way
    assert all(v == r.example_hub_right for v, fl in zip(r.example_votes, r.example_followed, strict=True) if fl)


def test_vote_correlation_against_simulated_pairs():
    q, f = 0.6, 0.4
    rng = np.random.default_rng(3)
    trials = 200_000
    hub = rng.random(trials) < q
    votes = np.where(rng.random((trials, 2)) < f, hub[:, None], rng.random((trials, 2)) < q)
    empirical = np.corrcoef(votes[:, 0], votes[:, 1])[0, 1]
    assert vote_correlation(q, f) == pytest.approx(empirical, abs=0.01)
    assert vote_correlation(0.6, 0.0) == 0.0
    assert vote_correlation(1.0, 0.5) == 0.0      # always right: nothing to correlate


def test_ceiling_is_the_limit_of_large_panels():
    for q, f in [(0.6, 0.0), (0.45, 0.0), (0.6, 0.3), (0.7, 0.5), (0.55, 0.8)]:
        assert hub_majority_accuracy(20_001, q, f) == pytest.approx(crowd_ceiling(q, f), abs=2e-3)


def test_peers_needed_is_the_smallest_odd_panel():
    for p, q, f in [(0.7, 0.6, 0.0), (0.8, 0.6, 0.0), (0.65, 0.7, 0.3), (0.9, 0.6, 0.1)]:
        n = peers_needed(p, q, f)
        assert n is not None and n % 2 == 1
        assert hub_majority_accuracy(n, q, f) > p
        assert all(hub_majority_accuracy(m, q, f) <= p for m in range(1, n, 2))
    assert peers_needed(0.7, 0.45) is None
    assert peers_needed(0.7, 0.6, 0.3) is None and crowd_ceiling(0.6, 0.3) < 0.7


def test_decision_days_calls_the_queue_and_bounds_a_shared_arrival_panel():
    lam, mu, n = 8.0, 10.0, 9
    t = decision_days(lam, mu, n)
    assert t.decider_days == pytest.approx(mm1(lam, mu).time_in_system) == pytest.approx(1 / (mu - lam))
    assert t.panel_days == pytest.approx(sum(1 / j for j in range(1, n + 1)) / (mu - lam))
    assert t.panel_person_days == pytest.approx(n / mu)
    # the independent-exponential maximum: Monte Carlo of the formula's own assumption
    rng = np.random.default_rng(0)
    indep = rng.exponential(1 / (mu - lam), (200_000, n)).max(axis=1)
    assert t.panel_days == pytest.approx(indep.mean(), rel=0.01)
    # a panel whose queues share one arrival stream (Lindley's recursion, all members at once)
    N, warm = 60_000, 5_000
    arrivals = np.cumsum(rng.exponential(1 / lam, N))
    work = rng.exponential(1 / mu, (N, n))
    free = np.zeros(n)
    slowest = np.empty(N)
    for i in range(N):
        free = np.maximum(free, arrivals[i]) + work[i]
        slowest[i] = free.max() - arrivals[i]
    sim = slowest[warm:].mean()
    assert t.decider_days < sim < t.panel_days


def test_overload_and_bad_input():
    assert math.isinf(decision_days(12, 10, 5).panel_days)
    assert "fall behind" in judgement_verdict(0.7, 0.6, 9, 0.0, decisions_per_day=12)
    for bad in [(0, 0.6), (3, 1.5), (3, -0.1), (2.5, 0.6), (True, 0.6)]:
        with pytest.raises(P2PKitError):
            majority_accuracy(*bad)
    with pytest.raises(P2PKitError):
        hub_majority_accuracy(5, 0.6, 1.2)
    with pytest.raises(P2PKitError):
        simulate_votes(5, 0.6, trials=10)
    with pytest.raises(P2PKitError):
        simulate_votes(5, 0.6, seed="x")


def test_the_number_of_peers_is_any_whole_number_and_named_in_the_message():
    assert majority_accuracy(np.int64(9), 0.6) == majority_accuracy(9.0, 0.6) == majority_accuracy(9, 0.6)
    assert judgement_verdict(0.7, 0.6, 9.0, 0.3) == judgement_verdict(0.7, 0.6, np.int64(9), 0.3) \
        == judgement_verdict(0.7, 0.6, 9, 0.3)
    with pytest.raises(P2PKitError, match=r"^n \(the number of peers voting\) must be a whole number of at least 1"):
        decision_days(8, 10, 0)
    with pytest.raises(P2PKitError, match=r"must be at most 100,001"):
        majority_accuracy(100_003, 0.6)
    with pytest.raises(P2PKitError, match=r"^trials must be a whole number of at least 100"):
        simulate_votes(5, 0.6, trials=99)


def test_verdict_says_where_the_crowd_wins_and_where_it_loses():
    j = judge(0.7, 0.6, 9, follow=0.3)
    assert j.independent > 0.7 > j.correlated
    v = judgement_verdict(0.7, 0.6, 9, 0.3)
    assert "better than one decider" in v and "worse than the decider" in v and "up to 1.4 days" in v
    assert "worse crowd the bigger" in judgement_verdict(0.7, 0.45, 9)
    assert "it takes 17 such peers" in judgement_verdict(0.8, 0.6, 5)
    assert "99.6%" in judgement_verdict(0.7, 0.7, 41, 0.5)      # never rounded up to a certainty


# --------------------------------------------------------------------------- chapter 5's numbers


def test_numbers_in_chapter_5():
    """Every number chapter 5 states about the crowd figure, read off the figure at the settings it names."""
    from pathlib import Path

    from p2pkit.views.judgement import crowd_or_decider

    text = (Path(__file__).resolve().parent.parent / "chapters" / "ch05-why-hierarchies-strain.md").read_text()
    fig = crowd_or_decider(n=9)
    assert fig.defaults() == {"q": 0.6, "n": 9, "follow": 0.3, "p": 0.7, "seed": 0}

    # the starting position: decider 70%, nine peers 60% each, following the hub 30% of the time
    here = fig.scene()
    out = dict(here["readout"])
    assert out["One decider is right"] == "70%"
    assert out["Majority of 9 with a hub is right"] == "68%"
    assert out["Peers needed to beat the decider (with the hub)"] == "none: at most 60%"
    assert out["Time to decide: decider / panel (at most)"] == "4.0 h / 1.4 days"
    assert out["Votes correlate"] == "0.09"
    assert "4.0 working hours" in here["verdict"] and "up to 1.4 days, and 9 times the person-time" in here["verdict"]
    assert "right together 73% of the time" in text and "right 68% of the time" in text
    assert "does better than 60%" in text and "passes 60%" in text
    assert "4 working hours" in text and "up to 1.4 days" in text and "0.09 at these settings" in text

    # nobody follows the hub: 73%, better than the decider
    alone = dict(fig.scene(follow=0.0)["readout"])
    assert alone["Majority of 9 independent peers is right"] == "73%"
    assert "majority is right 73% of the time" in text

    # peers right 45% of the time: nine are right together 38% of the time
    assert dict(fig.scene(q=0.45, follow=0.0)["readout"])["Majority of 9 independent peers is right"] == "38%"
    assert "right 38% of the time" in text

    # the try items' settings, whose answers the text leaves to the reader
    assert dict(fig.scene(p=0.8, follow=0.0)["readout"])["Peers needed to beat the decider"] == "17"
    assert hub_majority_accuracy(9, 0.7, 0.3) > 0.7                  # peers as good as the decider: still better

    # under the hood: a = 0.72, b = 0.42, the limit is the hub's 60%, W = 0.5 days, the bound 1.4 days
    a, b = 0.3 + 0.7 * 0.6, 0.7 * 0.6
    assert (round(a, 2), round(b, 2)) == (0.72, 0.42) and crowd_ceiling(0.6, 0.3) == 0.6
    t = decision_days(8, 10, 9)
    assert t.decider_days == pytest.approx(0.5) and f"{t.panel_days:.1f}" == "1.4"
    assert f"{vote_correlation(0.6, 0.3):.2f}" == "0.09"
    assert "$a = 0.72$ and $b = 0.42$" in text and "1.4 days for nine peers" in text
