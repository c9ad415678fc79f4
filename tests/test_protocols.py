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


def test_at_round_counts_settled_tasks():
    from p2pkit.protocols import at_round
    P, T = scatter(12, 12, seed=1)
    a, c = claim_nearest(P, T), central_assignment(P, T, per_round=3)
    assert at_round(a, c, 0) == "Round 0: the local rule has settled 0 of 12 tasks, the centre 0."
    assert at_round(a, c, 2).endswith("the centre 6.")
    assert "(all done)" in at_round(a, c, 99)


def test_explorables_and_widget():
    import re

    from p2pkit.explorables.protocols import agreement_curves, local_rule_against_centre
    from p2pkit.widgets.protocols import explorer
    s = local_rule_against_centre(people=8, tasks=8, frames=3)
    assert s.frames == 3 and not re.search(r"""(src|href)=["']https?://""", s.html)
    assert 'alt="Animation in 3 frames' in s.html
    assert len(agreement_curves(people=12, rounds=10).axes) == 1
    e = explorer(people=10, tasks=12)
    assert "Verdict" in e.readout.value
    e.controls["per_round"].value = 50
    assert "The centre is faster" in e.readout.value
    e.controls["seed"].value = -3
    assert "Traceback" not in e.message.value


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
    from p2pkit.protocols import agreement_run, agreement_verdict

    G = orgs.peer_mesh(30, 4, 0.1, seed=1)
    x0 = np.random.default_rng(4).normal(size=30)
    run = agreement_run(G, x0, 80)
    x = local_averaging(G, x0, 80)
    d = [disagreement(v) / disagreement(x0) for v in x]
    assert run.disagreement == pytest.approx(d)
    assert run.lam == pytest.approx(second_eigenvalue(averaging_weights(G)))
    assert all(s <= b * (1 + 1e-9) + 1e-12 for s, b in zip(run.disagreement, run.bound))
    assert run.bound_rounds == agreement_rounds(G, 0.01)
    assert run.below_at == next(t for t, v in enumerate(d) if v <= 0.01)
    assert run.below_at <= run.bound_rounds
    chart = agreement_run(nx.convert_node_labels_to_integers(orgs.hierarchy(3, 3)), np.arange(13.0), 50)
    v = agreement_verdict({"mesh": run, "chart": chart}, centre_rounds=4)
    assert v.startswith("On the mesh network averaging agrees fastest") and "would need 4 rounds" in v
    with pytest.raises(P2PKitError):
        agreement_run(G, np.ones(30), 5)
