"""Chapter 3 models against closed forms, queueing theory and independent computations.

Structure: orientation of a chart, the fast Krackhardt and centralization paths against the
reference functions (which are themselves tested against ORA in test_equipotency.py).
DeGroot (1974): iteration limit = pi . x0; pi against numpy's eigen-decomposition and the
closed form (d_i + 1) / sum(d_j + 1) for the equal-weights rule on undirected networks.
Golub & Jackson (2010): Var(consensus error) = sigma^2 sum(pi_i^2), against Monte-Carlo.
Tasks: M/M/1 mean wait rho / (mu - lambda) and Erlang C for M/M/c (Kleinrock 1975); the fixed
leader's mean time from arrival to lead done, 1 / (mu - lambda) plus the hand-offs.
The numbers chapter 3 states in its prose are computed at the end of this file.
"""

import heapq
import itertools
import math
import random

import networkx as nx
import numpy as np
import pytest

from p2pkit import orgs
from p2pkit.equipotency import (
    Task, _krackhardt_fast, assign_skills, centrality, centralization, chart_to_mesh, consensus,
    consensus_error_bounds, consensus_error_sd, degroot, equipotency_profile, fixed_leader,
    fixed_leader_expected, gini, influence_weights, krackhardt, leadership_verdict, org_chart,
    orient_top_down, round_verdict, signals, situational_leader, task_stream, trust_matrix, verdict,
    wisdom, wisdom_verdict,
)
from p2pkit.errors import P2PKitError


# ----------------------------------------------------------------------------- structure

@pytest.mark.parametrize("levels,span", [(2, 4), (3, 3), (4, 2)])
def test_orienting_a_hierarchy_gives_the_out_tree(levels, span):
    D = orient_top_down(orgs.hierarchy(levels, span))
    assert set(D.edges()) == set(orgs.hierarchy(levels, span, directed=True).edges())
    assert krackhardt(D) == {"connectedness": 1.0, "hierarchy": 1.0, "efficiency": 1.0, "lub": 1.0}


def test_orientation_of_lateral_and_cross_level_ties():
    G = orgs.hierarchy(3, 2)            # 0 -> 1, 2 ; 1 -> 3, 4 ; 2 -> 5, 6
    G.add_edge(3, 5)                    # lateral (both level 2)
    G.add_edge(6, 1)                    # skips no level but runs upward as written
    D = orient_top_down(G)
    assert D.has_edge(3, 5) and D.has_edge(5, 3)
    assert D.has_edge(1, 6) and not D.has_edge(6, 1)
    # a mutual pair lowers Krackhardt hierarchy: 3 and 5 reach each other
    assert krackhardt(D)["hierarchy"] < 1.0


def test_orientation_errors():
    with pytest.raises(P2PKitError, match="undirected"):
        orient_top_down(nx.DiGraph([(0, 1)]))
    with pytest.raises(P2PKitError, match="level"):
        orient_top_down(nx.path_graph(3))


def _random_digraphs():
    rng = random.Random(3)
    for k in range(25):
        n = rng.randint(3, 14)
        D = nx.gnp_random_graph(n, rng.choice([0.08, 0.15, 0.3, 0.5]), seed=k, directed=True)
        yield D
    yield nx.DiGraph([("A", "x"), ("B", "x"), ("A", "y")])
    yield nx.complete_graph(5, create_using=nx.DiGraph)
    yield orgs.hierarchy(3, 3, directed=True)


@pytest.mark.parametrize("D", list(_random_digraphs()), ids=lambda D: f"n{D.number_of_nodes()}e{D.number_of_edges()}")
def test_fast_krackhardt_equals_reference_on_random_digraphs(D):
    assert _krackhardt_fast(D) == pytest.approx(krackhardt(D), abs=1e-12)


@pytest.mark.parametrize("name", ["knok_info", "knok_money", "krack_reports", "krack_advice", "krack_friends"])
def test_fast_krackhardt_equals_reference_on_data(name):
    G = orgs.load_dataset(name)
    assert _krackhardt_fast(G) == pytest.approx(krackhardt(G), abs=1e-12)
    assert _krackhardt_fast(G.reverse()) == pytest.approx(krackhardt(G.reverse()), abs=1e-12)


@pytest.mark.parametrize("p", [0.0, 0.3, 0.7, 1.0])
def test_profile_agrees_with_the_reference_functions(p):
    G = orgs.hybrid(3, 4, p, seed=2)
    prof = equipotency_profile(G, "closeness")
    for m in ("degree", "betweenness", "closeness"):
        assert prof.centralization[m] == pytest.approx(centralization(G, m), abs=1e-12)
        assert prof.gini[m] == pytest.approx(gini(centrality(G, m).values()))
    assert prof.krackhardt == pytest.approx(krackhardt(orient_top_down(G)), abs=1e-12)
    assert sum(prof.shares.values()) == pytest.approx(1.0)
    c = centrality(G, "closeness")
    assert prof.top_share == pytest.approx(max(c.values()) / sum(c.values()))


def test_profile_of_a_star_and_its_verdict():
    # star of n: centre degree centrality 1, leaves 1/(n-1) -> centre holds half of all degree
    prof = equipotency_profile(orgs.client_server(9), "degree")
    assert prof.top == 0 and prof.top_share == pytest.approx(0.5)
    assert prof.centralization == {"degree": 1.0, "betweenness": 1.0, "closeness": 1.0}
    assert verdict(prof).startswith("Not equipotent")


def test_profile_degroot_shares_follow_degree_plus_one():
    G = orgs.hybrid(3, 3, 0.4, seed=1)
    prof = equipotency_profile(G, "degroot")
    total = sum(d + 1 for _, d in G.degree())
    for v, d in G.degree():
        assert prof.shares[v] == pytest.approx((d + 1) / total)


def test_ring_is_close_to_equipotent_and_threshold_is_checked():
    prof = equipotency_profile(nx.cycle_graph(20), "betweenness")
    assert prof.top_share == pytest.approx(1 / 20)
    assert verdict(prof).startswith("Close to equipotent")
    with pytest.raises(P2PKitError):
        verdict(prof, threshold=10)
    with pytest.raises(P2PKitError, match="measure"):
        equipotency_profile(nx.cycle_graph(5), "charisma")


def test_profile_uses_direction_only_for_krackhardt():
    R = orgs.load_dataset("krack_reports", top_down=True)
    prof = equipotency_profile(R, "betweenness")
    assert prof.krackhardt == pytest.approx(krackhardt(R))
    U = R.to_undirected()
    assert prof.centralization["betweenness"] == pytest.approx(centralization(U, "betweenness"))
    assert prof.top == "7" and prof.top_level == 1          # the CEO brokers most of the chart


# ----------------------------------------------------------------------------- DeGroot

def _strongly_connected_digraph(n, extra, seed):
    rng = random.Random(seed)
    order = list(range(n))
    rng.shuffle(order)
    D = nx.DiGraph()
    D.add_nodes_from(range(n))
    D.add_edges_from(zip(order, order[1:] + order[:1]))      # a Hamiltonian cycle
    for _ in range(extra):
        a, b = rng.sample(range(n), 2)
        D.add_edge(a, b)
    assert nx.is_strongly_connected(D)
    return D


def _converge(W, x0, tol=1e-15, max_steps=200000):
    x = np.asarray(x0, dtype=float)
    Wk = W.copy()
    for _ in range(60):                                      # repeated squaring: W^(2^k)
        nxt = Wk @ Wk
        if np.max(np.abs(nxt - Wk)) < tol:
            break
        Wk = nxt
    return Wk @ x


@pytest.mark.parametrize("seed", range(6))
def test_iteration_limit_equals_pi_dot_x0(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(4, 25))
    D = _strongly_connected_digraph(n, extra=n, seed=seed)
    W = trust_matrix(D)
    x0 = rng.normal(size=n)
    limit = consensus(W, x0)
    hist = degroot(W, x0, 3000)
    assert np.max(np.abs(hist[-1] - limit)) < 1e-9
    assert np.max(np.abs(_converge(W, x0) - limit)) < 1e-9


@pytest.mark.parametrize("seed", range(4))
def test_iteration_limit_with_random_trust_weights(seed):
    # random positive weights on a strongly connected support with self-loops (aperiodic)
    rng = np.random.default_rng(100 + seed)
    n = 12
    D = _strongly_connected_digraph(n, extra=15, seed=seed)
    A = nx.to_numpy_array(D) + np.eye(n)
    W = A * rng.uniform(0.1, 1.0, size=(n, n))
    W /= W.sum(axis=1, keepdims=True)
    x0 = rng.uniform(-5, 5, size=n)
    assert np.max(np.abs(degroot(W, x0, 5000)[-1] - consensus(W, x0))) < 1e-9


@pytest.mark.parametrize("seed", range(4))
def test_pi_is_the_left_eigenvector_found_by_numpy(seed):
    D = _strongly_connected_digraph(15, extra=20, seed=seed)
    W = trust_matrix(D)
    pi = influence_weights(W)
    vals, vecs = np.linalg.eig(W.T)
    v = np.real(vecs[:, np.argmin(np.abs(vals - 1))])
    v /= v.sum()
    assert np.allclose(pi, v, atol=1e-12)
    assert np.allclose(pi @ W, pi, atol=1e-13)


@pytest.mark.parametrize("n", [3, 5, 10, 50])
def test_star_influence_closed_form(n):
    # equal weight on self and neighbours, undirected: pi_i proportional to degree + 1
    # star: centre n / (3n - 2), each leaf 2 / (3n - 2)
    pi = influence_weights(trust_matrix(orgs.client_server(n)))
    assert pi[0] == pytest.approx(n / (3 * n - 2), abs=1e-13)
    assert np.allclose(pi[1:], 2 / (3 * n - 2), atol=1e-13)


@pytest.mark.parametrize("seed", range(3))
def test_undirected_influence_is_degree_plus_one(seed):
    G = nx.connected_watts_strogatz_graph(30, 4, 0.3, seed=seed)
    pi = influence_weights(trust_matrix(G))
    d = np.array([G.degree(v) for v in G]) + 1.0
    assert np.allclose(pi, d / d.sum(), atol=1e-13)


def test_degroot_is_deterministic_and_rows_are_stochastic():
    G = orgs.hybrid(3, 3, 0.5, seed=4)
    W = trust_matrix(G, leader=0, deference=0.3)
    assert np.allclose(W.sum(axis=1), 1.0)
    x0 = signals(G.number_of_nodes(), seed=7)[0]
    assert np.array_equal(degroot(W, x0, 50), degroot(W, x0, 50))
    assert np.array_equal(signals(5, seed=1), signals(5, seed=1))
    assert not np.array_equal(signals(5, seed=1), signals(5, seed=2))


def test_deference_moves_weight_to_the_leader():
    G = orgs.peer_mesh(20, seed=0)
    pis = [influence_weights(trust_matrix(G, leader=3, deference=d))[3] for d in (0, 0.1, 0.3, 0.6)]
    assert pis == sorted(pis) and pis[-1] > 0.4
    # everyone else defers fully; the leader still listens to her d neighbours, who echo her:
    # pi_L = pi_L / (d+1) + (1 - pi_L), pi_j = pi_L / (d+1) for her neighbours, 0 for the rest
    d = G.degree(3)
    pi = influence_weights(trust_matrix(G, leader=3, deference=1.0))
    assert pi[3] == pytest.approx((d + 1) / (2 * d + 1))
    assert np.count_nonzero(pi) == d + 1
    with pytest.raises(P2PKitError, match="leader"):
        trust_matrix(G, deference=0.2)


def test_formal_chart_gives_the_ceo_all_influence_and_friends_reach_no_consensus():
    # stored direction subordinate -> boss reads "listens to the boss"
    R = orgs.load_dataset("krack_reports")
    pi = influence_weights(trust_matrix(R))
    assert pi[list(R).index("7")] == pytest.approx(1.0)
    with pytest.raises(P2PKitError, match="no single consensus"):
        influence_weights(trust_matrix(orgs.load_dataset("krack_friends")))


def test_periodic_trust_has_weights_but_no_consensus():
    W = np.array([[0.0, 1.0], [1.0, 0.0]])
    assert influence_weights(W).tolist() == [0.5, 0.5]
    with pytest.raises(P2PKitError, match="never settle"):
        consensus(W, [0, 1])


def test_bad_trust_matrices_are_explained():
    with pytest.raises(P2PKitError, match="add up to 1"):
        degroot(np.ones((2, 2)), [0, 1], 3)
    with pytest.raises(P2PKitError, match="square"):
        influence_weights(np.ones((2, 3)) / 3)
    with pytest.raises(P2PKitError, match="opinions"):
        degroot(np.eye(2), [0, 1, 2], 3)


def test_round_verdict():
    assert round_verdict([1.0, 2.0], 1.5, 1.0).startswith("Opinions still 1.00 apart")
    assert round_verdict([1.5, 1.5], 1.5, 1.0) == "Consensus at 1.50, 0.50 from the truth."


# ----------------------------------------------------------------------------- wisdom

@pytest.mark.parametrize("G", [orgs.client_server(12), orgs.hierarchy(3, 3), orgs.hybrid(3, 3, 0.5, seed=0)],
                         ids=["star", "hierarchy", "hybrid"])
def test_consensus_error_variance_matches_monte_carlo(G):
    # Monte-Carlo through the DeGroot iteration itself (not through pi), 20,000 draws
    sigma, trials = 1.3, 20000
    W = trust_matrix(G)
    X = signals(G.number_of_nodes(), sigma=sigma, trials=trials, seed=11, truth=2.0)
    final = _converge(W, X.T)[0]                   # everyone agrees; take person 0's opinion
    pi = influence_weights(W)
    var_formula = sigma**2 * np.sum(pi**2)
    var_mc = np.var(final - 2.0)
    # the sample variance of 20,000 normal draws has relative sd sqrt(2/20000) = 1%
    assert var_mc == pytest.approx(var_formula, rel=0.05)
    assert consensus_error_sd(pi, sigma) == pytest.approx(math.sqrt(var_formula))


def test_shared_error_formula_matches_monte_carlo():
    G = orgs.client_server(10)
    pi = influence_weights(trust_matrix(G, leader=0, deference=0.2))
    mask = np.arange(10) != 0                     # the leader has an independent source
    X = signals(10, sigma=1.0, trials=40000, seed=5, shared=0.8, shared_by=mask)
    err = X @ pi
    expected = consensus_error_sd(pi, 1.0, shared=0.8, shared_by=mask)
    assert np.std(err) == pytest.approx(expected, rel=0.03)
    # by hand: sum pi^2 + 0.64 (1 - pi_0)^2
    assert expected**2 == pytest.approx(np.sum(pi**2) + 0.64 * (1 - pi[0]) ** 2)


@pytest.mark.parametrize("n", [5, 20, 200])
def test_star_is_never_wise_but_a_complete_network_is(n):
    # Golub & Jackson (2010): wise iff max influence -> 0. Star: error sd -> sigma / 3.
    star = wisdom(orgs.client_server(n), trials=10)
    expected = math.sqrt(n**2 + 4 * (n - 1)) / (3 * n - 2)
    assert star.predicted_sd == pytest.approx(expected)
    assert star.predicted_sd > 1 / 3
    full = wisdom(nx.complete_graph(n), trials=10)
    assert full.predicted_sd == pytest.approx(1 / math.sqrt(n))
    assert full.predicted_sd == pytest.approx(full.average_sd)


def test_wisdom_rmse_tracks_prediction_and_verdicts():
    w = wisdom(orgs.client_server(30), sigma=1.0, trials=20000, seed=2)
    assert w.rmse == pytest.approx(w.predicted_sd, rel=0.03)
    assert w.top == 0 and w.max_influence == pytest.approx(30 / 88)
    assert wisdom_verdict(w).startswith("Not as wise")
    assert "better than that person deciding alone" in wisdom_verdict(w)
    assert wisdom_verdict(wisdom(nx.complete_graph(8))).startswith("Wise crowd")


def test_well_informed_leader_beats_a_crowd_with_a_shared_blind_spot():
    G = orgs.peer_mesh(40, seed=0)
    crowd = wisdom(G, shared=1.0, independent=[0], trials=10)
    led = wisdom(G, shared=1.0, independent=[0], leader=0, deference=0.5, trials=10)
    assert led.predicted_sd < crowd.predicted_sd
    assert "no averaging among them removes it" in wisdom_verdict(crowd)
    sharp = wisdom(G, shared=1.0, independent=[0], leader=0, deference=0.6, leader_sigma=0.3, trials=10)
    assert sharp.predicted_sd < 0.9 * sharp.average_sd
    assert wisdom_verdict(sharp).startswith("Better than a plain average")
    assert wisdom(G, shared=0.0, leader=0, deference=0.5, trials=10).predicted_sd > wisdom(G, trials=10).predicted_sd


# ----------------------------------------------------------------------------- tasks

def test_task_stream_is_seeded_poisson():
    a = task_stream(range(5), rate=2.0, count=20000, skills=3, seed=1)
    assert a == task_stream(range(5), rate=2.0, count=20000, skills=3, seed=1)
    t = np.array([x.arrival for x in a])
    assert np.all(np.diff(t) > 0)
    assert np.mean(np.diff(t)) == pytest.approx(0.5, rel=0.03)
    assert {x.skill for x in a} == {0, 1, 2}
    assert np.mean([x.duration for x in a]) == pytest.approx(1.0, rel=0.03)


def test_assign_skills_covers_every_skill():
    s = assign_skills(range(10), skills=4, per_person=2, seed=3)
    assert all(len(v) == 2 for v in s.values())
    assert set().union(*s.values()) == {0, 1, 2, 3}
    few = assign_skills(["a", "b"], skills=5, per_person=1, seed=0)
    assert set().union(*few.values()) == set(range(5))
    assert s == assign_skills(range(10), skills=4, per_person=2, seed=3)


def test_one_skill_one_worker_designs_coincide():
    G = nx.empty_graph(1)
    ts = task_stream([0], rate=0.8, count=2000, seed=4)
    f = fixed_leader(G, ts, leader=0)
    s = situational_leader(G, ts, {0: {0}})
    assert np.array_equal(f.wait, s.wait) and np.array_equal(f.response, s.response)
    assert f.leaders == s.leaders


def test_only_the_leader_has_the_skill_designs_coincide():
    # without hand-off delays; with them, the fixed leader serves tasks in the order they
    # reach her and the situational design in the order they were handed out (documented)
    G = orgs.hybrid(3, 3, 0.5, seed=0)
    ts = task_stream(list(G), rate=0.6, count=500, seed=1)
    skills = {v: ({0} if v == 0 else {1}) for v in G}
    f = fixed_leader(G, ts, leader=0)
    s = situational_leader(G, ts, skills)
    assert np.array_equal(f.response, s.response) and set(s.leaders) == {0}


def test_even_spread_by_construction_has_zero_load_gini():
    n = 6
    G = nx.complete_graph(n)
    skills = {v: {v} for v in G}                           # each person a distinct skill
    ts = [Task(float(k), k % n, k % n, 0.5) for k in range(60)]
    s = situational_leader(G, ts, skills)
    assert s.load_gini == 0.0 and set(s.load.values()) == {10}
    f = fixed_leader(G, ts, leader=0)
    assert f.load_gini == pytest.approx((n - 1) / n)    # one person holds everything


@pytest.mark.parametrize("lam", [0.5, 0.7])
def test_fixed_leader_is_mm1(lam):
    # Kleinrock (1975): M/M/1 mean wait in queue Wq = rho / (mu - lambda), mu = 1
    ts = task_stream([0], rate=lam, count=200000, seed=0)
    r = fixed_leader(nx.empty_graph(1), ts)
    assert r.mean_wait == pytest.approx(lam / (1 - lam), rel=0.05)


def _erlang_c_wait(c, lam, mu):
    a = lam / mu
    top = a**c / math.factorial(c) / (1 - a / c)
    C = top / (sum(a**k / math.factorial(k) for k in range(c)) + top)
    return C / (c * mu - lam)


def test_situational_with_all_skills_is_mmc():
    K = nx.complete_graph(2)
    ts = task_stream(list(K), rate=1.0, count=150000, seed=0)
    r = situational_leader(K, ts, {v: {0} for v in K})
    assert r.mean_wait == pytest.approx(_erlang_c_wait(2, 1.0, 1.0), rel=0.06)   # = 1/3


def test_situational_with_all_skills_equals_a_central_fcfs_queue_exactly():
    # independent implementation: one queue, next task to whichever server frees first
    K = nx.complete_graph(4)
    ts = task_stream(list(K), rate=3.0, count=3000, seed=9)
    r = situational_leader(K, ts, {v: {0} for v in K})
    free = [-math.inf] * 4
    waits = []
    for t in ts:
        f = heapq.heappop(free)
        start = max(f, t.arrival)
        waits.append(start - t.arrival)
        heapq.heappush(free, start + t.duration)
    assert np.allclose(r.wait, waits)


def test_hand_offs_add_to_response_time():
    G = nx.path_graph(4)                                   # 0 - 1 - 2 - 3
    ts = [Task(0.0, 3, 0, 1.0)]
    f = fixed_leader(G, ts, leader=0, hop_time=0.5)
    assert f.response.tolist() == [3 * 0.5 + 1.0]
    s = situational_leader(G, ts, {v: {0} for v in G}, hop_time=0.5)
    assert s.leaders == (3,) and s.response.tolist() == [1.0]  # the spotter leads it at once
    s2 = situational_leader(G, ts, {0: {0}, 1: {0}, 2: {1}, 3: {1}}, hop_time=0.5)
    assert s2.leaders == (1,) and s2.response.tolist() == [2.0]


def test_leadership_verdict_and_errors():
    G = orgs.hybrid(3, 3, 1.0, seed=0)
    ts = task_stream(list(G), rate=0.9, count=800, skills=3, seed=0)
    skills = assign_skills(list(G), 3, 1, seed=0)
    v = leadership_verdict(fixed_leader(G, ts), situational_leader(G, ts, skills))
    assert v.startswith("The lead that moves is quicker")
    slow = leadership_verdict(fixed_leader(G, ts[:1]), situational_leader(nx.path_graph(13), [Task(0, 0, 0, 1.0)],
                                                                          {12: {0}}, hop_time=1.0))
    assert slow.startswith("The fixed leader is quicker")
    with pytest.raises(P2PKitError, match="not in the network"):
        fixed_leader(G, ts, leader=99)
    with pytest.raises(P2PKitError, match="nobody has skill"):
        situational_leader(G, ts, {v: {0} for v in G})
    with pytest.raises(P2PKitError, match="cannot reach"):
        fixed_leader(nx.empty_graph(3), [Task(0.0, 2, 0, 1.0)], leader=0)
    with pytest.raises(P2PKitError):
        task_stream([0], rate=0, count=3)


# ----------------------------------------------------------------------------- additions for the figures

@pytest.mark.parametrize("levels,span", [(3, 3), (4, 3), (4, 5), (3, 4), (2, 7)])
def test_org_chart_of_a_complete_size_is_the_hierarchy(levels, span):
    H = orgs.hierarchy(levels, span)
    C = org_chart(H.number_of_nodes(), span)
    assert set(map(frozenset, C.edges())) == set(map(frozenset, H.edges()))
    assert dict(C.nodes(data=True)) == dict(H.nodes(data=True))


@pytest.mark.parametrize("people,span", [(5, 2), (30, 3), (100, 5), (1000, 4)])
def test_org_chart_of_any_size(people, span):
    C = org_chart(people, span)
    assert C.number_of_nodes() == people and nx.is_tree(C)
    depth = nx.single_source_shortest_path_length(C, 0)
    assert all(C.nodes[v]["level"] == depth[v] for v in C)
    reports = [sum(1 for u in C[v] if depth[u] > depth[v]) for v in C]
    assert max(reports) == span and sum(1 for r in reports if 0 < r < span) <= 1   # one partly full manager
    assert all((C.nodes[v]["role"] == "manager") == (reports[v] > 0) for v in C if v)
    with pytest.raises(P2PKitError):
        org_chart(2, 3)


@pytest.mark.parametrize("levels,span,p,seed", [(3, 3, 0.0, 0), (4, 3, 0.5, 0), (4, 3, 1.0, 2), (3, 4, 0.3, 1)])
def test_chart_to_mesh_follows_orgs_hybrid(levels, span, p, seed):
    H = orgs.hybrid(levels, span, p, seed=seed)
    C = chart_to_mesh(H.number_of_nodes(), span, p, seed=seed)
    assert set(map(frozenset, C.edges())) == set(map(frozenset, H.edges()))
    assert nx.get_node_attributes(C, "level") == nx.get_node_attributes(H, "level")
    G = chart_to_mesh(57, 4, 0.6, seed=3)
    assert nx.is_connected(G) and G.number_of_nodes() == 57


def _bfs_closeness(G):
    n = G.number_of_nodes()
    out = {}
    for v in G:
        d = nx.single_source_shortest_path_length(G, v)
        out[v] = (n - 1) / (sum(d.values()) + n * (n - len(d)))
    return out


@pytest.mark.parametrize("seed", range(4))
def test_fast_centralities_equal_networkx_and_breadth_first_search(seed):
    G = nx.gnp_random_graph(25, 0.12, seed=seed)                      # may be disconnected
    D = nx.gnp_random_graph(20, 0.1, seed=seed, directed=True)
    for H in (G, D):
        assert centrality(H, "closeness") == pytest.approx(_bfs_closeness(H), abs=1e-12)
        assert centrality(H, "betweenness") == pytest.approx(nx.betweenness_centrality(H, normalized=True),
                                                              abs=1e-12)


def test_routes_are_normalised_betweenness_and_differ_from_shares():
    from p2pkit.architecture import load_share

    G = orgs.hybrid(4, 3, 0.0, seed=0)
    prof = equipotency_profile(G, "betweenness")
    assert prof.routes == pytest.approx(nx.betweenness_centrality(G, normalized=True), abs=1e-12)
    assert prof.routes == pytest.approx(load_share(G), abs=1e-12)
    # the top of the 40-person chart: on 68% of the routes between others (Freeman 1977),
    # but 19% of everyone's betweenness added up
    pairs = 39 * 38 / 2
    through_top = sum(1 for a, b in itertools.combinations(range(1, 40), 2)
                      if 0 in nx.shortest_path(G, a, b))                    # a tree: one route per pair
    assert prof.routes[0] == pytest.approx(through_top / pairs)
    assert round(prof.routes[0], 2) == 0.68 and round(prof.shares[0], 2) == 0.19


def test_degroot_shares_closed_form_equals_the_linear_solve():
    for G in (orgs.hybrid(3, 3, 0.4, seed=1), nx.connected_watts_strogatz_graph(40, 4, 0.3, seed=2)):
        W = trust_matrix(G)
        A = W.T - np.eye(len(G))
        A[-1] = 1.0
        b = np.zeros(len(G))
        b[-1] = 1.0
        solved = np.linalg.solve(A, b)
        assert influence_weights(W) == pytest.approx(solved, abs=1e-12)
        prof = equipotency_profile(G, "degroot")
        assert [prof.shares[v] for v in G] == pytest.approx(solved, abs=1e-12)


def test_influence_weights_of_a_reversible_chain_equal_the_eigenvector():
    # symmetric positive weights with a constant diagonal: detailed balance holds with 1 / W_ii
    rng = np.random.default_rng(3)
    A = rng.uniform(0.1, 1.0, (12, 12))
    A = (A + A.T) / 2
    np.fill_diagonal(A, 0.5)
    W = A / A.sum(axis=1, keepdims=True)
    vals, vecs = np.linalg.eig(W.T)
    v = np.real(vecs[:, np.argmin(np.abs(vals - 1))])
    assert influence_weights(W) == pytest.approx(v / v.sum(), abs=1e-12)


def test_consensus_with_weights_given_is_the_same():
    G = orgs.hybrid(3, 3, 0.5, seed=0)
    W = trust_matrix(G, leader=0, deference=0.3)
    x0 = signals(13, seed=4)[0]
    assert consensus(W, x0, weights=influence_weights(W)) == pytest.approx(consensus(W, x0))
    with pytest.raises(P2PKitError, match="weights"):
        consensus(W, x0, weights=[1.0])


def test_consensus_error_bounds_hold_and_are_reached():
    rng = np.random.default_rng(0)
    for _ in range(200):
        pi = rng.dirichlet(rng.uniform(0.05, 3.0, rng.integers(2, 40)))
        shared = float(rng.choice([0.0, 0.4]))
        low, high = consensus_error_bounds(pi.max(), 1.3, shared)
        sd = consensus_error_sd(pi, 1.3, shared)
        assert low - 1e-12 <= sd <= high + 1e-12
    assert consensus_error_bounds(1.0) == (1.0, 1.0)                          # one voice: both bounds
    assert consensus_error_bounds(0.1)[1] == pytest.approx(consensus_error_sd([0.1] * 10))  # equal voices
    with pytest.raises(P2PKitError):
        consensus_error_bounds(0.0)


def test_task_stream_carries_the_same_work_whatever_the_skills():
    a, b = (task_stream(range(21), 0.7, 500, skills=k, seed=3) for k in (1, 21))
    assert [(t.arrival, t.origin, t.duration) for t in a] == [(t.arrival, t.origin, t.duration) for t in b]
    assert {t.skill for t in a} == {0} and len({t.skill for t in b}) > 15


@pytest.mark.parametrize("lam,hop", [(0.3, 0.0), (0.6, 0.2), (0.8, 0.5)])
def test_fixed_leader_expected_is_the_long_run_mean_response(lam, hop):
    G = orgs.hybrid(3, 4, 0.0, seed=0)
    expected = fixed_leader_expected(G, lam, 0, hop)
    # by hand: M/M/1 time in the system = wait rho / (mu - lambda) + the lead itself 1 / mu (mu = 1)
    hops = nx.single_source_shortest_path_length(G, 0)
    assert expected == pytest.approx(lam / (1 - lam) + 1.0 + hop * sum(hops.values()) / 21)
    run = fixed_leader(G, task_stream(list(G), lam, 200000, skills=4, seed=1), 0, hop)
    assert run.mean_response == pytest.approx(expected, rel=0.05)
    with pytest.raises(P2PKitError, match="grow without limit"):
        fixed_leader_expected(G, 1.0)


def _situational_by_hand(G, tasks, skills, hop_time):
    # an independent reading of the rule: the holder who can start soonest, then fewest
    # hand-offs, then first in node order
    nodes = list(G)
    free = dict.fromkeys(nodes, -math.inf)
    out = []
    for t in tasks:
        hops = nx.single_source_shortest_path_length(G, t.origin)
        best = min((max(t.arrival + hops[v] * hop_time, free[v]), hops[v], nodes.index(v), v)
                   for v in nodes if t.skill in skills[v] and v in hops)
        free[best[3]] = best[0] + t.duration
        out.append((best[3], free[best[3]] - t.arrival))
    return out


@pytest.mark.parametrize("seed", range(5))
def test_situational_leader_follows_its_rule(seed):
    G = orgs.hybrid(3, 3, 0.5, seed=seed)
    skills = assign_skills(list(G), 3, 1 + seed % 2, seed=seed)
    ts = task_stream(list(G), 1.5, 400, skills=3, seed=seed)
    run = situational_leader(G, ts, skills, 0.3)
    by_hand = _situational_by_hand(G, ts, skills, 0.3)
    assert list(run.leaders) == [v for v, _ in by_hand]
    assert run.response.tolist() == pytest.approx([r for _, r in by_hand], abs=1e-12)


# ----------------------------------------------------------------------------- views

import re  # noqa: E402

from p2pkit.explorables.equipotency import (  # noqa: E402
    degroot_rounds, hierarchy_to_equipotent, leadership_figure, managers_table,
)
from p2pkit.widgets import equipotency as weq  # noqa: E402


def test_scrubbers_are_offline_small_and_deterministic():
    a = hierarchy_to_equipotent(levels=3, span=3, frames=3)
    assert not re.search(r"""(src|href)=["']https?://""", a.html)
    assert re.search(r'<img id="_anim_img[0-9a-f]+" alt="Animation in 3 frames', a.html)
    assert len(re.findall(r"frames\[\d+\] = ", a.html)) == 3
    assert hierarchy_to_equipotent(levels=3, span=3, frames=3).html == a.html
    b = degroot_rounds(n=8, frames=4)
    assert len(re.findall(r"frames\[\d+\] = ", b.html)) == 4
    with pytest.raises(P2PKitError, match="frames"):
        hierarchy_to_equipotent(frames=30)


def test_managers_table_states_the_real_data_findings():
    t = managers_table().data
    assert "7 (CEO): 100%" in t            # formal chart: everyone listens up to the CEO
    assert "no single consensus" in t      # friendship: two people name no friend
    assert t.count("<tr>") == 11           # header + ten measures, one column per network


def test_leadership_figure_has_two_panels():
    fig = leadership_figure(count=300)
    assert len(fig.axes) == 2


def test_widget_views_update_and_never_show_a_traceback():
    e = weq.explorer(size="13 people (3 levels, span 3)", p=0.0)
    assert "Not equipotent" in e.readout.value and e.message.value == ""
    e.controls["p"].value = 1.0
    assert "Verdict" in e.readout.value
    e.controls["measure"].value = "degroot"
    assert "consensus" in e.readout.value
    e.controls["view"].value = weq.VIEWS[1]
    assert "consensus error" in e.readout.value.lower() or "Consensus error" in e.readout.value
    e.controls["shared"].value = 1.0
    assert "shared by the peers" in e.readout.value
    e.controls["view"].value = weq.VIEWS[2]
    assert "Load Gini" in e.readout.value
    e.controls["load"].value = 1.2
    assert "overloaded" in e.readout.value
    e.controls["seed"].value = -1
    assert "seed" in e.message.value and "Traceback" not in e.message.value
    e.controls["seed"].value = 0
    assert e.message.value == ""
    fig, readout, alt = weq.render(dict(e.values(), view=weq.VIEWS[0]))
    assert alt.startswith("Organisation chart of 13 people")
    with pytest.raises(P2PKitError, match="view"):
        weq.render(dict(e.values(), view="nonsense"))
