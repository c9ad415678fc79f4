"""Shared protocols (chapter 9): averaging against eigenvalues, task rules against SciPy and brute force."""

import itertools
import math

import networkx as nx
import numpy as np
import pytest

from p2pkit import orgs
from p2pkit.errors import P2PKitError
from p2pkit.protocols import (
    agreement_rounds,
    averaging_weights,
    central_assignment,
    claim_nearest,
    disagreement,
    local_averaging,
    scatter,
    second_eigenvalue,
    verdict,
)


def test_weights_are_doubly_stochastic_and_keep_the_mean():
    G = orgs.peer_mesh(30, 4, 0.2, seed=1)
    W = averaging_weights(G)
    assert np.allclose(W.sum(axis=0), 1) and np.allclose(W.sum(axis=1), 1) and np.allclose(W, W.T)
    x = local_averaging(G, np.arange(30.0), 50)
    assert np.allclose(x.mean(axis=1), 14.5)


@pytest.mark.parametrize("n", [5, 8, 13])
def test_cycle_eigenvalue_closed_form(n):
    # Metropolis weights on a cycle are 1/3 each: eigenvalues (1 + 2 cos(2 pi k / n)) / 3
    lam = max(abs(1 + 2 * math.cos(2 * math.pi * k / n)) / 3 for k in range(1, n))
    assert second_eigenvalue(averaging_weights(nx.cycle_graph(n))) == pytest.approx(lam)


def test_complete_graph_agrees_in_one_round():
    assert second_eigenvalue(averaging_weights(nx.complete_graph(7))) == pytest.approx(0, abs=1e-12)
    x = local_averaging(nx.complete_graph(7), [0, 0, 0, 0, 0, 0, 7.0], 1)
    assert np.allclose(x[1], 1.0)


def test_simulated_contraction_matches_the_eigenvalue():
    G = orgs.peer_mesh(40, 4, 0.1, seed=3)
    lam = second_eigenvalue(averaging_weights(G))
    x0 = np.random.default_rng(0).normal(size=40)
    x = local_averaging(G, x0, 300)
    d = np.array([disagreement(v) for v in x])
    # never worse than the bound lambda**t ...
    assert np.all(d <= lam ** np.arange(301) * d[0] * (1 + 1e-9) + 1e-12)
    # ... and the per-round contraction tends to lambda itself
    ratio = d[250] / d[249]
    assert ratio == pytest.approx(lam, rel=1e-3)


def test_agreement_rounds_is_the_bound():
    G = orgs.peer_mesh(30, 4, 0.1, seed=0)
    k = agreement_rounds(G, 0.01)
    lam = second_eigenvalue(averaging_weights(G))
    assert lam ** k <= 0.01 < lam ** (k - 1)
    assert agreement_rounds(nx.Graph([(0, 1), (2, 3)])) is None


def _greedy(P, T):
    """Independent: take the globally closest open pair, again and again."""
    D = np.sqrt(((P[:, None, :] - T[None, :, :]) ** 2).sum(axis=2))
    taken_p, taken_t, pairs = set(), set(), set()
    for flat in np.argsort(D, axis=None, kind="stable"):
        p, t = divmod(int(flat), D.shape[1])
        if p not in taken_p and t not in taken_t:
            taken_p.add(p)
            taken_t.add(t)
            pairs.add((p, t))
    return pairs


@pytest.mark.parametrize("people,tasks,seed", [(10, 10, 0), (25, 18, 1), (18, 25, 2), (60, 60, 3)])
def test_local_rule_gives_the_greedy_assignment(people, tasks, seed):
    P, T = scatter(people, tasks, seed=seed)
    a = claim_nearest(P, T)
    assert set(a.pairs) == _greedy(P, T)
    assert len(a.pairs) == min(people, tasks)
    assert 1 <= a.rounds <= min(people, tasks)
    assert a.by_round[-1] == min(people, tasks) and list(a.by_round) == sorted(a.by_round)


def test_central_assignment_is_optimal_by_brute_force():
    P, T = scatter(6, 6, seed=4)
    D = np.sqrt(((P[:, None, :] - T[None, :, :]) ** 2).sum(axis=2))
    best = min(sum(D[i, p[i]] for i in range(6)) for p in itertools.permutations(range(6)))
    c = central_assignment(P, T)
    assert c.total_distance == pytest.approx(best)
    assert claim_nearest(P, T).total_distance >= best - 1e-12


def test_central_rounds_closed_form():
    P, T = scatter(23, 17, seed=0)
    for per in (1, 4, 17, 50):
        c = central_assignment(P, T, per_round=per)
        assert c.rounds == math.ceil(17 / per)
        assert c.by_round[-1] == 17


def test_verdict_both_ways():
    P, T = scatter(40, 40, seed=0)
    a, c = claim_nearest(P, T), central_assignment(P, T)
    assert verdict(a, c).startswith("The local rule is faster")
    fast_centre = central_assignment(P, T, per_round=40)
    assert verdict(a, fast_centre).startswith("The centre is faster")


def test_errors():
    with pytest.raises(P2PKitError):
        local_averaging(nx.path_graph(3), [1, 2], 5)
    with pytest.raises(P2PKitError):
        central_assignment([[0, 0]], [[1, 1]], per_round=0)
    with pytest.raises(P2PKitError):
        scatter(0, 3)
    with pytest.raises(P2PKitError):
        agreement_rounds(nx.path_graph(3), tolerance=2)
    with pytest.raises(P2PKitError):
        second_eigenvalue(np.array([[1.0, 0.0], [0.5, 0.5]]))


def test_local_averaging_is_degroot_with_the_metropolis_weights():
    # the package's one DeGroot computation (equipotency.trust_rounds), on weights that keep the mean
    from p2pkit.equipotency import trust_rounds

    for G in (nx.cycle_graph(6), orgs.hierarchy(4, 3), orgs.peer_mesh(300, 4, 0.1, seed=1)):
        x0 = np.linspace(0.0, 1.0, len(G))
        x = local_averaging(G, x0, 40)
        assert np.array_equal(x, trust_rounds(averaging_weights(G), x0, 40))
        assert np.allclose(x.mean(axis=1), x0.mean())


def test_counts_may_be_numpy_integers():
    # numpy integers (a slider, an array) are whole numbers everywhere in protocols
    from p2pkit.protocols import agreement_run, at_round, share_out

    i = np.int64
    P, T = scatter(i(12), i(12), seed=i(3))
    assert np.array_equal(P, scatter(12, 12, seed=3)[0]) and np.array_equal(T, scatter(12, 12, seed=3)[1])
    assert np.array_equal(local_averaging(nx.path_graph(3), [0.0, 0.0, 3.0], i(5)),
                          local_averaging(nx.path_graph(3), [0.0, 0.0, 3.0], 5))
    assert central_assignment(P, T, per_round=i(2)) == central_assignment(P, T, per_round=2)
    assert share_out(P, T, i(2)) == share_out(P, T, 2)
    a, c = share_out(P, T, 2)
    assert at_round(a, c, i(3)) == at_round(a, c, 3)
    assert agreement_run(nx.cycle_graph(6), [0, 0, 0, 0, 0, 6.0], i(20), tolerance=np.float64(0.01)) == agreement_run(
        nx.cycle_graph(6), [0, 0, 0, 0, 0, 6.0], 20)
    assert agreement_rounds(nx.cycle_graph(6), np.float64(0.01)) == 12


@pytest.mark.parametrize("call, words", [
    (lambda: scatter(0, 3), "people must be a whole number of at least 1; got 0"),
    (lambda: scatter(3, 2.5), "tasks must be a whole number of at least 1; got 2.5"),
    (lambda: local_averaging(nx.path_graph(3), [1, 2, 3], -1), "rounds must be a whole number of at least 0"),
    (lambda: local_averaging(nx.empty_graph(1), [1.0], 5), "agreement needs a network of at least 2 people; it has 1"),
    (lambda: averaging_weights(nx.DiGraph([(0, 1)])), "use an undirected network"),
    (lambda: agreement_rounds(nx.path_graph(3), tolerance=0), "tolerance is a share between 0 and 1, neither included"),
    (lambda: agreement_rounds(nx.path_graph(3), tolerance="0.01"), "tolerance is a probability between 0 and 1"),
    (lambda: central_assignment([[0, 0]], [[1, 1]], per_round=True), r"per_round \(assignments the centre hands out"),
])
def test_bad_counts_say_what_to_give(call, words):
    with pytest.raises(P2PKitError, match=words):
        call()


def test_at_round_counts_settled_tasks():
    from p2pkit.protocols import at_round
    P, T = scatter(12, 12, seed=1)
    a, c = claim_nearest(P, T), central_assignment(P, T, per_round=3)
    assert at_round(a, c, 0) == "Round 0: the local rule has settled 0 of 12 tasks, the centre 0."
    assert at_round(a, c, 2).endswith("the centre 6.")
    assert "(all done)" in at_round(a, c, 99)


@pytest.mark.parametrize("per_round", [1, 3])
def test_distance_by_round_against_positions(per_round):
    P, T = scatter(15, 12, seed=2)
    for a in (claim_nearest(P, T), central_assignment(P, T, per_round=per_round)):
        for r in range(a.rounds + 2):
            pairs = a.settled_by(r)
            assert len(pairs) == a.by_round[min(r, len(a.by_round) - 1)]
            expected = sum(float(np.hypot(*(P[p] - T[t]))) for p, t in pairs)
            assert a.distance_by(r) == pytest.approx(expected)
        assert a.distance_by(a.rounds) == pytest.approx(a.total_distance)


def test_agreement_run_matches_the_simulation_and_the_bound():
    from p2pkit.protocols import Agreement, agreement_run, agreement_verdict

    G = orgs.peer_mesh(30, 4, 0.1, seed=1)
    x0 = np.random.default_rng(4).normal(size=30)
    run = agreement_run(G, x0, 80)
    x = local_averaging(G, x0, 80)
    d = [disagreement(v) / disagreement(x0) for v in x]
    assert run.disagreement == pytest.approx(d)
    assert run.lam == pytest.approx(second_eigenvalue(averaging_weights(G)))
    assert all(s <= b * (1 + 1e-9) + 1e-12 for s, b in zip(run.disagreement, run.bound, strict=True))
    assert run.bound_rounds == agreement_rounds(G, 0.01)
    assert run.below_at == next(t for t, v in enumerate(d) if v <= 0.01)
    assert run.below_at <= run.bound_rounds
    chart = agreement_run(nx.convert_node_labels_to_integers(orgs.hierarchy(3, 3)), np.arange(13.0), 50)
    v = agreement_verdict(Agreement({"mesh": run, "chart": chart}, centre_rounds=4))
    assert v.startswith("On the mesh network averaging agrees fastest") and "would need 4 rounds" in v
    with pytest.raises(P2PKitError):
        agreement_run(G, np.ones(30), 5)


def test_lanczos_eigenvalue_equals_the_full_decomposition():
    # from SPARSE_FROM people second_eigenvalue uses Lanczos on the deflated sparse matrix
    from p2pkit.protocols import SPARSE_FROM
    from p2pkit.transparency import org_chart

    nets = [orgs.peer_mesh(400, 4, 0.1, seed=2), orgs.peer_mesh(350, 8, 0.3, seed=5), org_chart(500, 3),
            nx.cycle_graph(SPARSE_FROM), org_chart(SPARSE_FROM + 1, 2), orgs.peer_mesh(150, 8, 0.1, seed=0),
            nx.convert_node_labels_to_integers(nx.disjoint_union(nx.path_graph(200), nx.path_graph(150)))]
    for G in nets:
        W = averaging_weights(G)
        dense = float(np.sort(np.abs(np.linalg.eigvalsh(W)))[::-1][1])
        assert G.number_of_nodes() >= SPARSE_FROM
        assert second_eigenvalue(W) == pytest.approx(dense, abs=1e-9)


# --------------------------------------------------------------------------- figures (p2pkit.views.protocols)


def _readout(scene):
    return dict(scene["readout"])


def test_tasks_scene_draws_the_pairs_settled_so_far():
    from p2pkit.protocols import at_round
    from p2pkit.views.protocols import END, tasks_scene

    P, T = scatter(20, 20, seed=1)
    a, c = claim_nearest(P, T), central_assignment(P, T, per_round=2)
    for r in (0, 1, 4):
        s = tasks_scene(r, 2, 1)
        local, centre = s["panels"]
        assert len(local["ties"]) // 2 == len(a.settled_by(r)) and len(centre["ties"]) // 2 == len(c.settled_by(r))
        assert local["role"].count("task_done") == len(a.settled_by(r))
        assert s["verdict"] == at_round(a, c, r)
        assert _readout(s)["Total distance so far (local rule / centre)"] == \
            f"{a.distance_by(r):.2f} / {c.distance_by(r):.2f}"
        # the pairs settled in this round are ringed: two people or tasks per pair
        assert len(local.get("highlight", [])) == 2 * sum(1 for k in a.round_of if k == r)
    assert tasks_scene(END, 2, 1)["verdict"] == verdict(a, c)


def test_agreement_scene_is_the_model():
    from p2pkit.protocols import Agreement, agreement_run, agreement_verdict
    from p2pkit.transparency import org_chart, report_up_broadcast_down
    from p2pkit.views.protocols import agreement_scene

    s = agreement_scene(20, 2, 1)
    x0 = np.random.default_rng(1).normal(size=20)
    runs = {"peer mesh, 4 ties": agreement_run(orgs.peer_mesh(20, k=4, rewire=0.1, seed=1), x0, 120),
            "org chart, span 2": agreement_run(org_chart(20, 2), x0, 120),
            "peer mesh, 8 ties": agreement_run(orgs.peer_mesh(20, k=8, rewire=0.1, seed=1), x0, 120)}
    centre = report_up_broadcast_down(org_chart(20, 2)).rounds
    assert s["verdict"] == agreement_verdict(Agreement(runs, centre_rounds=centre))
    line = next(x for x in s["panels"][0]["series"] if x["name"] == "org chart, span 2")
    assert line["y"][:5] == pytest.approx(list(runs["org chart, span 2"].disagreement[0:10:2]), rel=1e-3)


def test_chapter_9_numbers():
    """The numbers chapter 9 states about the protocols figures at their default settings."""
    from p2pkit.protocols import agreement_run
    from p2pkit.transparency import org_chart

    P, T = scatter(20, 20, seed=0)
    assert claim_nearest(P, T).by_round[1] == 9  # nearly half of the tasks in the first round
    # with the first map the local rule is done in 7 rounds, the centre (1 a round) in 20, and
    # the local rule's pairing is 9% longer in total than the best one
    from p2pkit.protocols import share_out

    a, c = share_out(P, T, 1)
    assert (a.rounds, c.rounds) == (7, 20) and round(a.excess, 2) == 0.09
    # over ten random maps of that size the gap runs from about 5% to about 27% ...
    gaps = [share_out(*scatter(20, 20, seed=s), 1)[0].excess for s in range(10)]
    assert round(min(gaps), 2) == 0.05 and round(max(gaps), 2) == 0.27
    # ... and it is about 40% on maps of 1,000 people and tasks
    big = [share_out(*scatter(1000, 1000, seed=s), 1)[0].excess for s in range(3)]
    assert all(0.35 < x < 0.45 for x in big) and round(float(np.mean(big)), 1) == 0.4
    x0 = np.random.default_rng(0).normal(size=40)
    m8 = agreement_run(orgs.peer_mesh(40, k=8, rewire=0.1, seed=0), x0, 120)
    m4 = agreement_run(orgs.peer_mesh(40, k=4, rewire=0.1, seed=0), x0, 120)
    ch = agreement_run(org_chart(40, 3), x0, 120)
    assert (m8.below_at, m8.bound_rounds) == (28, 39)
    assert (m4.below_at, m4.bound_rounds) == (84, 110)
    assert ch.below_at is None and ch.disagreement[-1] > 0.03 and ch.bound_rounds == 401
