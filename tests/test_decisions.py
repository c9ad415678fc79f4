"""Chapter 5, the managerial tax: queueing formulas against hand-computed values, against
each other (independent algorithms) and against a seeded discrete-event simulation."""

import math

import numpy as np
import pytest

from p2pkit.decisions import (
    ARRANGEMENTS,
    arrangements,
    erlang_c,
    idle_while_waiting,
    md1,
    mg1,
    mm1,
    mmc,
    pooling,
    pooling_verdict,
    separate_queues,
    simulate,
    tax_verdict,
)
from p2pkit.errors import P2PKitError


# ----------------------------------------------------------------- closed forms, by hand


def test_mm1_hand_computed():
    # lambda = 0.5, mu = 1: rho = 0.5, W = 1/(1 - 0.5) = 2, Wq = 0.5/0.5 = 1, L = 1, Lq = 0.5
    q = mm1(0.5, 1.0)
    assert q.utilisation == 0.5 and q.p_wait == 0.5
    assert q.time_in_system == pytest.approx(2.0)
    assert q.wait == pytest.approx(1.0)
    assert q.in_system == pytest.approx(1.0)
    assert q.in_queue == pytest.approx(0.5)


def test_mm1_hockey_stick_ratio():
    # Wq * mu = rho / (1 - rho): 1 at 50%, 4 at 80%, 9 at 90%, 19 at 95%, 99 at 99%
    # (chapter 5: "at 50% busy ... as long as it takes; at 80%, four times as long; ...")
    for rho, ratio in [(0.5, 1), (0.8, 4), (0.9, 9), (0.95, 19), (0.99, 99)]:
        assert mm1(rho * 10, 10).wait_ratio == pytest.approx(ratio)
    # chapter 5: 8 decisions a day for someone who can take 10 keeps them busy 80% of the time
    assert mm1(8, 10).utilisation == pytest.approx(0.8)


def test_mm1_little_law_and_other_units():
    # Little (1961): L = lambda W, Lq = lambda Wq; also W = 1/(mu - lambda) in any unit
    for lam, mu in [(1, 3), (2.5, 4), (7, 7.5)]:
        q = mm1(lam, mu)
        assert q.time_in_system == pytest.approx(1 / (mu - lam))
        assert q.in_system == pytest.approx(lam * q.time_in_system)
        assert q.in_queue == pytest.approx(lam * q.wait)
        assert q.in_system == pytest.approx((lam / mu) / (1 - lam / mu))  # L = rho/(1-rho)


def test_md1_is_half_the_mm1_wait():
    # Pollaczek-Khinchine: lambda=0.5, mu=1 fixed -> Wq = 0.5 / (2 * 1 * 0.5) = 0.5, W = 1.5
    q = md1(0.5, 1.0)
    assert q.wait == pytest.approx(0.5)
    assert q.time_in_system == pytest.approx(1.5)
    for lam, mu in [(1, 3), (2.5, 4), (7, 7.5)]:
        assert md1(lam, mu).wait == pytest.approx(mm1(lam, mu).wait / 2)


def test_mg1_with_cv_one_is_mm1():
    for lam, mu in [(0.1, 1), (0.5, 1), (3, 4), (9.5, 10)]:
        assert mg1(lam, mu, 1.0).time_in_system == pytest.approx(mm1(lam, mu).time_in_system)


def test_erlang_c_hand_values():
    # c = 2, a = 1: [1/2 * 2/1] / [1 + 1 + 1] = 1/3
    assert erlang_c(2, 1.0) == pytest.approx(1 / 3)
    # c = 1: the chance to wait is rho itself
    assert erlang_c(1, 0.7) == pytest.approx(0.7)
    assert erlang_c(3, 0.0) == 0.0
    assert erlang_c(3, 3.0) == 1.0


def _erlang_c_direct(c, a):
    """The textbook sum with factorials (independent of the B-recursion in the module)."""
    top = a**c / math.factorial(c) * c / (c - a)
    return top / (sum(a**k / math.factorial(k) for k in range(c)) + top)


@pytest.mark.parametrize("c", [1, 2, 3, 5, 8, 13, 30])
def test_erlang_c_recursion_matches_direct_formula(c):
    for share in (0.1, 0.5, 0.8, 0.95):
        a = share * c
        assert erlang_c(c, a) == pytest.approx(_erlang_c_direct(c, a), rel=1e-10)


def test_erlang_c_large_pool_is_finite():
    p = erlang_c(1000, 950.0)
    assert 0.0 < p < 1.0


def test_mmc_hand_values_and_reduction_to_mm1():
    q = mmc(1.0, 1.0, 2)  # C = 1/3, Wq = (1/3)/(2 - 1) = 1/3, W = 4/3
    assert q.wait == pytest.approx(1 / 3)
    assert q.time_in_system == pytest.approx(4 / 3)
    assert q.in_system == pytest.approx(1.0 * 4 / 3)
    for lam in (0.2, 0.6, 0.9):
        assert mmc(lam, 1.0, 1).time_in_system == pytest.approx(mm1(lam, 1.0).time_in_system)
    # Allen-Cunneen with one server is exactly Pollaczek-Khinchine
    assert mmc(0.6, 1.0, 1, service_cv=0.0).wait == pytest.approx(md1(0.6, 1.0).wait)
    assert mmc(0.6, 1.0, 1, service_cv=0.0).exact and not mmc(1.2, 1.0, 2, service_cv=0.0).exact


def test_separate_queues_are_independent_mm1():
    q = separate_queues(1.0, 1.0, 2)  # each M/M/1 at lambda = 0.5: W = 2
    assert q.time_in_system == pytest.approx(2.0)
    assert q.in_system == pytest.approx(2 * 1.0)  # two queues, L = 1 each


def test_pooling_ordering_same_total_capacity():
    # Smith & Whitt (1981), Kleinrock (1975): with the same total capacity c*mu,
    #   W(one fast M/M/1) < W(M/M/c pool) < W(c separate M/M/1), and
    #   W(separate) = c * W(fast) exactly; the pool waits less *in line* than the fast centre.
    for c in (2, 3, 5, 10):
        for rho in (0.1, 0.5, 0.8, 0.95):
            a = arrangements(rho * c * 4.0, 4.0, c)
            fast, pool, sep = a["one fast centre"], a["pooled deciders"], a["separate deciders"]
            assert fast.time_in_system < pool.time_in_system < sep.time_in_system
            assert sep.time_in_system == pytest.approx(c * fast.time_in_system)
            assert pool.wait <= fast.wait + 1e-12
            assert fast.utilisation == pytest.approx(rho) == pytest.approx(pool.utilisation)


def test_arrangements_keys_and_gatekeeper():
    a = arrangements(8, 10, 4)
    assert tuple(a) == ARRANGEMENTS
    assert a["gatekeeper"].time_in_system == pytest.approx(0.5)        # 1/(10-8)
    assert a["separate deciders"].time_in_system == pytest.approx(1 / 8)  # 1/(10-2)
    assert a["one fast centre"].time_in_system == pytest.approx(1 / 32)   # 1/(40-8)


def test_idle_while_waiting_hand_value():
    assert idle_while_waiting(1.0, 1.0, 2) == pytest.approx(0.25)
    assert idle_while_waiting(0.5, 1.0, 1) == 0.0
    rho = 0.7
    assert idle_while_waiting(rho * 5, 1.0, 5) == pytest.approx(rho * (1 - rho**4))


def test_unstable_queue_has_no_steady_state():
    q = mm1(1.0, 1.0)
    assert not q.stable and math.isinf(q.time_in_system)
    assert not mmc(3.0, 1.0, 3).stable
    assert not separate_queues(4.0, 1.0, 3).stable
    assert "grows without limit" in tax_verdict(arrangements(12, 10, 5))


# ----------------------------------------------------------------- simulation against formulas


def _close(sim_mean, se, exact, k=4.0):
    """Within k standard errors of the batch means; and the run is long enough to be informative."""
    assert se < 0.05 * exact, f"run too short to test (se {se:.4g} vs value {exact:.4g})"
    assert abs(sim_mean - exact) < k * se, f"{sim_mean:.4g} vs {exact:.4g} (se {se:.3g})"


@pytest.mark.parametrize("rho", [0.5, 0.8])
def test_simulated_mm1_matches_formulas(rho):
    s = simulate(rho, 1.0, decisions=200_000, seed=11)
    q = mm1(rho, 1.0)
    _close(s.time_in_system, s.time_in_system_se, q.time_in_system)
    _close(s.wait, s.wait_se, q.wait)
    assert s.utilisation == pytest.approx(rho, abs=0.01)


def test_simulated_md1_matches_pollaczek_khinchine():
    s = simulate(0.7, 1.0, service="fixed", decisions=200_000, seed=3)
    _close(s.wait, s.wait_se, md1(0.7, 1.0).wait)


def test_simulated_pool_matches_erlang_c():
    s = simulate(2.4, 1.0, deciders=3, pooled=True, decisions=200_000, seed=5)
    q = mmc(2.4, 1.0, 3)
    _close(s.time_in_system, s.time_in_system_se, q.time_in_system)
    _close(s.wait, s.wait_se, q.wait)
    assert s.waited_while_idle == 0.0


def test_simulated_separate_queues_match_mm1_and_idle_formula():
    s = simulate(2.1, 1.0, deciders=3, pooled=False, decisions=200_000, seed=7)
    q = separate_queues(2.1, 1.0, 3)
    _close(s.time_in_system, s.time_in_system_se, q.time_in_system)
    p = idle_while_waiting(2.1, 1.0, 3)
    assert abs(s.waited_while_idle - p) < 4 * s.waited_while_idle_se


def test_simulated_little_law():
    # time-average number in the system (from the sample path) = lambda * W (Little 1961)
    s = simulate(0.6, 1.0, decisions=200_000, seed=2)
    assert s.in_system == pytest.approx(s.arrival_rate_observed * s.time_in_system, rel=0.02)
    assert s.in_system == pytest.approx(mm1(0.6, 1.0).in_system, rel=0.05)


def _waited_while_idle_brute_force(lam, mu, c, n, seed, warmup=0.1):
    """Replays the seeded draws of ``simulate`` (arrivals, decision times, owners) and checks,
    decision by decision and decider by decider, whether a decision that waited did so while
    some other decider had nobody to serve: the O(n c) definition, independent of the sweep."""
    import numpy as np

    rng = np.random.default_rng(seed)
    arrivals = np.cumsum(rng.exponential(1.0 / lam, n))
    work = rng.exponential(1.0 / mu, n)
    owner = rng.integers(0, c, n)
    start, depart, free = np.empty(n), np.empty(n), [0.0] * c
    for i in range(n):
        q = owner[i]
        start[i] = max(arrivals[i], free[q])
        depart[i] = free[q] = start[i] + work[i]
    first = int(round(warmup * n))
    flags = []
    for i in range(first, n):
        t = arrivals[i]
        if start[i] <= t:
            flags.append(0.0)
            continue
        other_idle = False
        for q in range(c):
            if q == owner[i]:
                continue
            mine = owner == q
            present = np.sum((arrivals[mine] < t) & (depart[mine] > t))
            if present == 0:
                other_idle = True
                break
        flags.append(1.0 if other_idle else 0.0)
    return float(np.mean(flags))


@pytest.mark.parametrize("c,rho,seed", [(2, 0.6, 1), (3, 0.8, 2), (6, 0.9, 3)])
def test_waited_while_idle_sweep_matches_brute_force(c, rho, seed):
    s = simulate(rho * c, 1.0, deciders=c, pooled=False, decisions=2000, seed=seed)
    assert s.waited_while_idle == pytest.approx(_waited_while_idle_brute_force(rho * c, 1.0, c, 2000, seed))


def test_many_separate_deciders_simulate_quickly():
    import time

    t0 = time.perf_counter()
    s = simulate(850.0, 1.0, deciders=1000, pooled=False, decisions=20_000, seed=1)
    assert time.perf_counter() - t0 < 2.0
    assert 0.0 < s.waited_while_idle <= 1.0


def test_simulation_is_deterministic():
    a = simulate(0.7, 1.0, deciders=2, pooled=False, decisions=5000, seed=42)
    b = simulate(0.7, 1.0, deciders=2, pooled=False, decisions=5000, seed=42)
    c = simulate(0.7, 1.0, deciders=2, pooled=False, decisions=5000, seed=43)
    assert a == b
    assert a != c


# ----------------------------------------------------------------- verdict and errors


def test_verdict_numbers_are_computed():
    v = tax_verdict(arrangements(9.5, 10, 5))
    assert "busy 95%" in v and "19x as long" in v and "1.9 days" in v
    # separate queues are 5x slower than one centre 5 times as fast (W_sep = c W_fast)
    assert "5.0x quicker" in v
    assert "nothing to distribute" in tax_verdict(arrangements(5, 10, 1))
    # exercise 5.1 gives the settings of arrangements() instead of its result: the same sentences
    assert tax_verdict(9.5, 10, 5) == v and tax_verdict(40, 10, 5, 0.0) == tax_verdict(arrangements(40, 10, 5, 0.0))
    with pytest.raises(P2PKitError):
        tax_verdict(arrangements(9.5, 10, 5), 10)


def test_pooling_verdict_numbers_are_the_formulas():
    # rho = 0.85: M/M/1 waits rho/(1-rho) = 5.67 decision times, M/D/1 half that (2.83);
    # five people's capacity: one fast centre W = 1/(5 (1 - rho)) = 1.33, separate queues
    # W = 1/(1 - rho) = 6.67 (5x), a shared queue W = C/(5 - 4.25) + 1 (Erlang C by the
    # factorial sum), and rho (1 - rho^4) = 41% wait while another decider is idle
    v = pooling_verdict(pooling(0.85, 5))
    pool = _erlang_c_direct(5, 4.25) / (5 - 4.25) + 1
    assert "wait 5.7x as long" in v and "(2.8x if every" in v
    assert "takes 1.3 decision times" in v and f"{pool:.1f} with the 5 sharing" in v
    assert "6.7 with 5 separate queues: 5.0x the fast centre's" in v
    assert f"{0.85 * (1 - 0.85 ** 4):.0%} of their decisions" in v
    assert "about" in pooling_verdict(pooling(0.85, 5, service_cv=0.0))  # Allen-Cunneen: an approximation
    assert "add people to compare" in pooling_verdict(pooling(0.5, 1))
    over = pooling_verdict(pooling(1.2, 3))
    assert "grows without limit" in over and "falls behind" in over
    with pytest.raises(P2PKitError, match="utilisation"):
        pooling(0, 3)


@pytest.mark.parametrize("args", [(-1, 1), (1, 0), ("a", 1), (1, float("nan"))])
def test_bad_rates(args):
    with pytest.raises(P2PKitError):
        mm1(*args)


def test_bad_inputs():
    with pytest.raises(P2PKitError, match="deciders"):
        mmc(1, 1, 0)
    with pytest.raises(P2PKitError, match="service"):
        simulate(0.5, 1, service="normal")
    with pytest.raises(P2PKitError, match="1,000"):
        simulate(0.5, 1, decisions=10)
    with pytest.raises(P2PKitError, match="seed"):
        simulate(0.5, 1, seed=-1)
    with pytest.raises(P2PKitError, match="service_cv"):
        mg1(0.5, 1, service_cv=-1)


# ----------------------------------------------------------------- figures (p2pkit.views.decisions)


def _rows(scene):
    return dict(scene["readout"])


def _series(panel, name):
    return next(s for s in panel["series"] if s["name"] == name)


def test_curves_show_the_formulas_and_the_simulations():
    from p2pkit.views.decisions import CURVE_SIM_DECISIONS, SIM_LOADS, curves_scene

    s = curves_scene(0.85, 5, "random", 0)
    left, right = s["panels"]
    # the chapter's numbers at the default setting: 5.7 and 2.8 decision times at 85% busy
    assert _rows(s)["A gatekeeper's wait, random\u00a0/\u00a0fixed times"] == "5.7\u00a0/\u00a02.8"
    assert s["verdict"] == pooling_verdict(pooling(0.85, 5, 1.0))
    for x, y in zip(*(_series(left, "random (M/M/1)")[k] for k in ("x", "y")), strict=True):
        assert y == pytest.approx(mm1(x, 1.0).wait, rel=1e-3) and y <= 20
    for x, y in zip(*(_series(right, "5 separate queues")[k] for k in ("x", "y")), strict=True):
        assert y == pytest.approx(separate_queues(5 * x, 1.0, 5).time_in_system, rel=1e-3) and y <= 12
    sims = _series(left, "simulated")
    assert sims.get("line") is False and sorted(set(sims["x"])) == list(SIM_LOADS)
    first = simulate(SIM_LOADS[0], 1.0, decisions=CURVE_SIM_DECISIONS, seed=0)
    assert sims["y"][0] == pytest.approx(first.wait, rel=1e-3)
    # the seed draws other runs, the lines stay
    other = curves_scene(0.85, 5, "random", 1)
    assert _series(other["panels"][0], "simulated")["y"] != sims["y"]
    assert _series(other["panels"][0], "random (M/M/1)") == _series(left, "random (M/M/1)")


def test_fixed_decision_times_lower_the_pool_curve():
    from p2pkit.views.decisions import curves_scene

    rnd = _rows(curves_scene(0.85, 5, "random", 0))
    fix = _rows(curves_scene(0.85, 5, "fixed", 0))
    assert float(fix["5 sharing one queue (approx.)"]) < float(rnd["5 sharing one queue"])
    assert float(fix["5 separate queues"]) == pytest.approx(separate_queues(4.25, 1.0, 5, 0.0).time_in_system,
                                                           abs=0.005)


@pytest.mark.parametrize("lam,said", [(5, "busy 50%"), (5, "waits 1.0x"), (9, "waits 9.0x"), (9.5, "19x"),
                                      (9.8, "49x"), (20, "grows without limit")])
def test_volume_verdicts_in_the_chapter(lam, said):
    from p2pkit.views.decisions import decision_volume

    s = decision_volume().scene(decisions=lam)
    assert s["verdict"] == tax_verdict(arrangements(lam, 10, 5)) and said in s["verdict"]


def test_volume_numbers_near_the_teams_wall():
    # the chapter: at 40 a day, 0.5 days with separate queues, 0.16 with a shared queue, 0.1 with
    # one centre as fast as all five; 47% of decisions wait while another decider is idle
    from p2pkit.views.decisions import decision_volume

    r = _rows(decision_volume().scene(decisions=40))
    assert r["One gatekeeper"] == "overloaded · no limit"
    assert r["5 separate queues"] == "busy 80% · 0.5 days"
    assert r["5 sharing one queue"] == "busy 80% · 0.16 days"
    assert r["One centre as fast as 5"] == "busy 80% · 0.1 days"
    assert r["Separate deciders: waits while another is idle"] == f"{idle_while_waiting(40, 10, 5):.0%}" == "47%"
    a = arrangements(40, 10, 5)
    assert a["pooled deciders"].time_in_system == pytest.approx(0.155, abs=0.001)


def test_volume_waiting_bars_and_fixed_axis():
    from p2pkit.views.decisions import decision_volume

    fig = decision_volume()
    low, high = fig.scene(decisions=2), fig.scene(decisions=49.5)
    assert low["panels"][0]["x_domain"] == high["panels"][0]["x_domain"]  # the axis does not move
    waiting = {b["label"]: b["text"] for b in high["panels"][1]["bars"]}
    assert waiting["One gatekeeper"] == "no limit"
    assert waiting["5 separate queues, in all"] == f"{separate_queues(49.5, 10, 5).in_queue:.1f}"


def test_sandbox_checks_by_simulation():
    from p2pkit.views.decisions import SIM_DECISIONS, tax_sandbox

    fig = tax_sandbox()
    plain = fig.scene(decisions=9.5)
    checked = fig.scene(decisions=9.5, simulate=True)
    sims = _series(checked["panels"][0], "simulated (seed 0)")
    assert sims.get("line") is False and len(sims["y"]) == 4 and "simulated" not in str(plain["readout"])
    gate = simulate(9.5, 10, decisions=SIM_DECISIONS, seed=0).time_in_system
    assert sims["y"][0] == pytest.approx(gate, rel=1e-3)
    assert f"(simulated {gate:.1f} days)" in _rows(checked)["One gatekeeper"]


def test_sandbox_twenty_deciders():
    # the chapter's thing to try: 20 deciders, 160 decisions a day (80% of their capacity)
    from p2pkit.views.decisions import tax_sandbox

    s = tax_sandbox().scene(decisions=160, people=20)
    a = arrangements(160, 10, 20)
    gain = a["separate deciders"].time_in_system / a["pooled deciders"].time_in_system
    assert f"{gain:.1f}x quicker than 20 separate queues" in s["verdict"] and f"{gain:.1f}" == "4.7"


def test_live_free_values_and_messages():
    from p2pkit.views.decisions import tax_sandbox

    w = tax_sandbox().widget()
    w.set_values(decisions=8000, people=1000, simulate=True, seed=3)
    assert w.message == "" and "1000 sharing one queue" in str(w.scene["readout"])
    w.set_values(people=0)
    assert "Deciders" in w.message


def test_counts_may_be_numpy_integers():
    # issue 14: one validator of each kind; the local ones refused numpy integers for batches
    i = np.int64
    assert mmc(2.0, 1.0, i(3)) == mmc(2.0, 1.0, 3)
    assert erlang_c(i(4), 2.5) == erlang_c(4, 2.5)
    assert simulate(0.5, 1.0, deciders=i(2), decisions=i(2000), batches=i(10), seed=i(1)) == \
        simulate(0.5, 1.0, deciders=2, decisions=2000, batches=10, seed=1)
    with pytest.raises(P2PKitError, match="deciders must be at most 100,000; got 100001"):
        mmc(1, 1, 100_001)
    with pytest.raises(P2PKitError, match="batches must be a whole number of at least 2; got 2.5"):
        simulate(0.5, 1.0, decisions=2000, batches=2.5)
