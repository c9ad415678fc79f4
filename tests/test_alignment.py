"""Alignment with strategic intent: Friedkin-Johnsen's equilibrium against the simulated
rounds, DeGroot's consensus and the special cases that have a closed form of their own."""

import itertools

import networkx as nx
import numpy as np
import pytest

from p2pkit import orgs
from p2pkit.alignment import (
    INTENT,
    alignment_verdict,
    anchors,
    compare_alignment,
    equilibrium,
    local_priorities,
    run,
    step,
    transparency_curve,
    visibility_needed,
)
from p2pkit.equipotency import trust_matrix
from p2pkit.errors import P2PKitError

NETWORKS = {"chart": orgs.hierarchy(4, 3), "mesh": orgs.peer_mesh(40, 4, 0.1, seed=0),
            "karate": nx.karate_club_graph()}


@pytest.mark.parametrize("name", sorted(NETWORKS))
@pytest.mark.parametrize("broadcast", [0.0, 0.3])
def test_simulated_rounds_settle_at_the_closed_form(name, broadcast):
    G = NETWORKS[name]
    nodes = list(G)
    rng = np.random.default_rng(1)
    lam = rng.uniform(0.05, 0.5, len(nodes))
    u = rng.normal(0, 1, len(nodes))
    W = trust_matrix(G, leader=nodes[0] if broadcast else None, deference=broadcast)
    x = rng.normal(0, 1, len(nodes))
    for _ in range(3000):
        x = step(W, lam, u, x)
    closed = np.linalg.inv(np.eye(len(nodes)) - (np.eye(len(nodes)) - np.diag(lam)) @ W) @ np.diag(lam) @ u
    assert np.allclose(x, closed, atol=1e-9)
    assert np.allclose(equilibrium(W, lam, u), closed, atol=1e-12)


def test_a_run_follows_the_rounds_to_its_equilibrium():
    G = NETWORKS["mesh"]
    r = run(G, 0.2, rounds=400, seed=3)
    assert np.allclose(r.positions[-1], r.settled, atol=1e-9)
    assert r.alignment == pytest.approx(r.settled.mean())
    assert r.rounds_to_settle is not None and np.abs(r.positions[r.rounds_to_settle:] - r.settled).max() <= 0.05
    assert len(r.sees) == 8 and r.positions.shape == (401, 40)


def test_nobody_anchored_reaches_degroot_consensus_by_degree():
    """Without anchors it is DeGroot's rule: everyone agrees on the average of the starting
    positions weighted by (degree + 1) (Golub & Jackson 2010's closed form for equal weights)."""
    for G in NETWORKS.values():
        p = local_priorities(G, seed=2)
        r = run(G, 0.0, local_pull=0.0, priorities=p, rounds=0)
        deg = np.array([G.degree(v) + 1 for v in G], dtype=float)
        consensus = float(deg @ np.array([p[v] for v in G]) / deg.sum())
        assert np.allclose(r.settled, consensus, atol=1e-9)


def test_everyone_who_is_anchored_sees_the_intent():
    G = NETWORKS["chart"]
    assert np.allclose(run(G, 1.0).settled, INTENT)
    # no pull back to local priorities: even one person who sees it brings everyone there in the end
    r = run(G, 0.0, local_pull=0.0, sees=[39], rounds=5000)
    assert np.allclose(r.settled, INTENT) and np.allclose(r.positions[-1], INTENT, atol=1e-4)
    assert r.rounds_to_settle > 1000           # ... but slowly, from one person at the edge


def test_a_group_without_any_anchor_keeps_its_own_consensus():
    G = nx.disjoint_union(nx.path_graph(3), nx.path_graph(4))
    W = trust_matrix(G)
    lam = np.array([0.4, 0, 0, 0, 0, 0, 0], dtype=float)
    u = np.array([1.0, 0, 0, 0, 0, 0, 0])
    x0 = np.array([0, 0, 0, 1.0, 2.0, 3.0, 4.0])
    x = equilibrium(W, lam, u, x0)
    assert np.allclose(x[:3], 1.0)
    deg = np.array([2, 3, 3, 2], dtype=float)  # degree + 1 on a path of 4
    assert np.allclose(x[3:], deg @ x0[3:] / deg.sum())
    with pytest.raises(P2PKitError, match="give x0"):
        equilibrium(W, lam, u)


def test_more_visibility_aligns_more_and_local_rules_alone_do_not():
    for G in NETWORKS.values():
        levels = (0.0, 0.1, 0.3, 0.6, 1.0)
        curve = transparency_curve(G, levels, seeds=range(8))
        assert abs(curve[0]) < 0.05 and curve[-1] == pytest.approx(1.0)
        assert all(b > a for a, b in itertools.pairwise(curve))


def test_anchors_and_priorities():
    G = nx.path_graph(4)
    p = local_priorities(G, seed=0, teams={0: "a", 1: "a", 2: "b", 3: "b"})
    assert sum(p.values()) == pytest.approx(0.0)
    lam, u = anchors(G, {2}, p, anchor=0.4, local_pull=0.2)
    assert lam.tolist() == [0.2, 0.2, 0.4, 0.2] and u[2] == INTENT and u[0] == p[0]
    assert visibility_needed([0, 0.5, 1], [0, 0.6, 1], 0.8) == pytest.approx(0.75)
    assert visibility_needed([0, 1], [0, 0.5], 0.8) is None


def test_verdict_at_the_figure_defaults():
    c = compare_alignment(NETWORKS["mesh"], 0.2)
    text = alignment_verdict(c)
    assert abs(c.local) < 0.05 and 0.3 < c.here < 0.5 and c.broadcast_alignment > c.here
    assert "local rules alone" in text and "It takes about" in text and "hangs on one person" in text
    c0 = compare_alignment(NETWORKS["mesh"], 0.2, local_pull=0.0)
    assert "local consensus" in alignment_verdict(c0) and "what visibility buys is speed" in alignment_verdict(c0)


def test_bad_input_says_what_to_do():
    G = nx.path_graph(4)
    with pytest.raises(P2PKitError, match="between 0 and 1"):
        run(G, 1.5)
    with pytest.raises(P2PKitError, match="not in the network"):
        run(G, 0.2, sees=[9])
    with pytest.raises(P2PKitError, match="undirected"):
        run(nx.DiGraph([(0, 1)]), 0.2)
    with pytest.raises(P2PKitError, match="seed"):
        run(G, 0.2, seed="x")
    with pytest.raises(P2PKitError, match="anchor"):
        anchors(G, set(), local_priorities(G), anchor=2)
    with pytest.raises(P2PKitError, match="alignment needs a network of at least 2 people"):
        run(nx.path_graph(1), 0.2)
    with pytest.raises(P2PKitError, match=r"^rounds must be at most 100,000"):
        run(G, 0.2, rounds=100_001)


def test_numpy_integers_and_whole_floats_are_whole_numbers():
    G = nx.cycle_graph(8)
    a, b = run(G, 0.5, rounds=np.int64(5), seed=np.int64(3)), run(G, 0.5, rounds=5.0, seed=3)
    assert np.array_equal(a.positions, b.positions) and a.positions.shape == (6, 8)


# --------------------------------------------------------------------------- chapter 9's numbers


def test_numbers_in_chapter_9_alignment():
    """Every number chapter 9 states about the alignment figure, read off the figure at the settings it names."""
    from pathlib import Path

    from p2pkit.views.alignment import shared_intent

    text = (Path(__file__).resolve().parent.parent / "chapters" / "ch09-leader-as-architect.md").read_text()
    fig = shared_intent()
    assert fig.defaults() == {"network_name": "peer mesh", "transparency": 0.2, "local_pull": 0.1,
                              "broadcast": False, "round": 0, "seed": 0}

    # the peer mesh, 20% seeing the intent, a local pull of 10%, the broadcast at 30% of everyone's attention
    mesh = fig.scene()
    verdict = mesh["verdict"]
    for said in ("people settle none of the way to it", "With 20% seeing it they settle 39% of the way",
                 "after 17 rounds", "It takes about 60% seeing it to bring them 80% of the way",
                 "brings them 55% of the way in 16 rounds", "while fewer than about 32% can see the intent"):
        assert said in verdict, said
    out = dict(mesh["readout"])
    assert out["Local rules alone settle at (0%: the local priorities' average)"] == "0%"
    assert out["Visibility needed to come 80% of the way"] == "60%" and out["A broadcast alone settles at"] == "55%"
    # 60% seeing it (a position of the slider): they settle 80% of the way
    assert "With 60% seeing it they settle 80% of the way" in fig.scene(transparency=0.6)["verdict"]
    # no local pull: everyone goes all the way, after 87 rounds
    assert "With 20% seeing it they settle 100% of the way" in fig.scene(local_pull=0.0)["verdict"]
    assert "after 87 rounds" in fig.scene(local_pull=0.0)["verdict"]
    # the chart: 35% with 20% seeing it, about 64% needed
    chart = fig.scene(network_name="chart")["verdict"]
    assert "With 20% seeing it they settle 35% of the way" in chart and "It takes about 64% seeing it" in chart
    for said in ("settle 39% of the way, after 17 rounds", "about 60% seeing it to bring everyone 80% of the way",
                 "55% of the way in 16 rounds", "fewer than about 32% of people", "35% of the way with 20% seeing",
                 "about 64% needed for 80%", "With 20% seeing it, people settle 39% of the way; it takes about 60% "
                 "for 80%", "87 rounds with 20% seeing it", "fewer than about a third of people (32%)"):
        assert said in text, said
