"""Shared measures against networkx (an independent implementation) on random networks."""

import networkx as nx
import pytest

from p2pkit.measures import betweenness, path_stats


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("directed", [False, True])
def test_betweenness_equals_networkx(seed, directed):
    G = nx.gnp_random_graph(60, 0.08, seed=seed, directed=directed)
    for normalized in (True, False):
        ours = betweenness(G, normalized=normalized)
        ref = nx.betweenness_centrality(G, normalized=normalized)
        assert ours == pytest.approx(ref, abs=1e-9)


@pytest.mark.parametrize("seed", range(4))
def test_path_stats_equal_networkx(seed):
    G = nx.connected_watts_strogatz_graph(80, 4, 0.2, seed=seed)
    s = path_stats(G)
    assert s.connected
    assert s.mean == pytest.approx(nx.average_shortest_path_length(G))
    assert s.diameter == nx.diameter(G)


def test_path_stats_of_a_split_network():
    G = nx.disjoint_union(nx.path_graph(3), nx.path_graph(2))
    s = path_stats(G)
    assert not s.connected and s.diameter == 2
    assert s.mean == pytest.approx((2 * (1 + 1 + 2) + 2 * 1) / 8)


def test_lorenz_area_gives_the_gini_coefficient():
    """Gini = 1 - 2 * (area under the Lorenz curve) (trapezoids), against equipotency.gini."""
    import numpy as np

    from p2pkit.equipotency import gini
    from p2pkit.measures import lorenz

    rng = np.random.default_rng(3)
    values = rng.integers(0, 20, size=50).tolist()
    x, y = lorenz(values)
    area = sum((x[i + 1] - x[i]) * (y[i + 1] + y[i]) / 2 for i in range(len(x) - 1))
    assert 1 - 2 * area == pytest.approx(gini(values), abs=2e-3)
    assert lorenz([0, 0, 0]) == ([0.0, 0.3333, 0.6667, 1.0], [0.0, 0.3333, 0.6667, 1.0])


# --------------------------------------------------------------------------- the fast measures of the team report


def _random_digraph(n, p, seed):
    G = nx.gnp_random_graph(n, p, seed=seed, directed=True)
    return nx.relabel_nodes(G, {i: f"v{i}" for i in G})


@pytest.mark.parametrize("seed", range(8))
def test_krackhardt_large_equals_equipotency(seed):
    import random

    from p2pkit.equipotency import krackhardt
    from p2pkit.measures import krackhardt_large

    rng = random.Random(seed)
    G = _random_digraph(rng.randint(6, 24), rng.choice([0.05, 0.1, 0.2, 0.4]), seed)
    G.add_nodes_from(["iso1", "iso2"][: seed % 3])
    exact = krackhardt(G)
    fast, se = krackhardt_large(G)
    assert fast == pytest.approx(exact, abs=1e-12) and se["lub"] == 0


@pytest.mark.parametrize("name", ["knok_info", "knok_money", "krack_reports"])
def test_krackhardt_large_matches_ora(name):
    from p2pkit.measures import krackhardt_large
    from p2pkit.orgs import load_dataset

    # the published ORA values of tests/test_equipotency.py
    ora = {"knok_info": (1.0, 0.0, 0.361, 1.0), "knok_money": (0.8, 0.906, 0.536, 0.857),
           "krack_reports": (1.0, 1.0, 1.0, 0.084)}[name]
    k, _ = krackhardt_large(load_dataset(name))
    assert [round(k[x], 3) for x in ("connectedness", "hierarchy", "efficiency", "lub")] == list(ora)


def test_krackhardt_large_sampled_lub_is_within_its_error():
    from p2pkit.equipotency import krackhardt
    from p2pkit.measures import krackhardt_large

    G = _random_digraph(60, 0.03, 5)
    exact = krackhardt(G)["lub"]
    est, se = krackhardt_large(G, seed=1, exact_parts=0, samples=4000)
    assert se["lub"] > 0 and abs(est["lub"] - exact) <= 4 * se["lub"] + 1e-9


@pytest.mark.parametrize("directed", [True, False])
def test_sampled_betweenness_is_exact_with_every_pivot_and_unbiased(directed):
    import numpy as np

    G = nx.gnm_random_graph(40, 120, seed=2, directed=directed)
    exact = nx.betweenness_centrality(G)
    vals = betweenness(G)
    assert vals.method == "exact" and vals == pytest.approx(exact) and set(vals.se.values()) == {0.0}
    assert betweenness(G, pivots=40) == pytest.approx(exact)
    # Brandes & Pich: the sampled estimate is unbiased; average over seeds approaches exact
    runs = np.array([[betweenness(G, pivots=12, seed=s)[v] for v in G] for s in range(60)])
    ex = np.array([exact[v] for v in G])
    assert np.abs(runs.mean(axis=0) - ex).max() < 0.25 * ex.max()
    v = betweenness(G, pivots=12, seed=0)
    assert "estimated from 12 of 40" in v.method and max(v.se.values()) > 0


def test_closeness_exact_and_with_every_pivot_equal_ora_convention():
    from p2pkit.equipotency import centrality
    from p2pkit.measures import closeness

    G = _random_digraph(30, 0.08, 3)  # sparse: many people cannot reach everyone
    G.add_node("isolate")
    exact = centrality(G, "closeness")
    assert closeness(G) == pytest.approx(exact)
    assert closeness(G, pivots=G.number_of_nodes()) == pytest.approx(exact)
    U = nx.gnp_random_graph(30, 0.1, seed=4)
    assert closeness(U) == pytest.approx(centrality(U, "closeness"))


def test_closeness_estimate_handles_people_out_of_reach():
    # 40 people whom nobody names: everyone else is "out of reach" of them, which dominates
    # ORA's closeness; the reach is counted exactly, so a sample of 60 pivots is close.
    from p2pkit.equipotency import centrality
    from p2pkit.measures import closeness

    G = nx.gnm_random_graph(300, 1500, seed=4, directed=True)
    G.add_edges_from((300 + i, i) for i in range(40))
    exact = centrality(G, "closeness")
    est = closeness(G, pivots=60, seed=1)
    rel = [abs(est[v] - exact[v]) / exact[v] for v in G]
    assert max(rel) < 0.05
    assert sum(abs(est[v] - exact[v]) <= 3 * est.se[v] + 1e-12 for v in G) / len(G) > 0.8


def test_centralization_from_values_equals_equipotency():
    from p2pkit.equipotency import centrality, centralization
    from p2pkit.equipotency import centralization_from

    for seed in range(5):
        G = _random_digraph(15, 0.2, seed)
        for m in ("betweenness", "closeness"):
            assert centralization_from(centrality(G, m), m, True) == pytest.approx(centralization(G, m))
        assert centralization_from(centrality(G, "degree", "in"), "degree", True, "in") == \
            pytest.approx(centralization(G, "degree", "in"))


def test_igraph_louvain_recovers_clear_communities():
    from p2pkit.communities import detect, membership, modularity
    from p2pkit.measures import arcs, louvain

    G = nx.ring_of_cliques(6, 5)
    comms = louvain(G, seed=0)
    assert sorted(len(c) for c in comms) == [5] * 6
    assert modularity(G, comms) == pytest.approx(modularity(G, detect(G, seed=0)))
    # igraph's modularity (the report's large route) equals p2pkit.communities.modularity
    a = arcs(G)
    member = membership(comms)
    assert a.igraph().modularity([member[v] for v in a.nodes]) == pytest.approx(modularity(G, comms))


def test_a_helper_process_changes_the_time_never_the_result():
    import pickle

    from p2pkit.measures import Workers, arcs, closeness

    G = nx.relabel_nodes(nx.gnm_random_graph(400, 2400, seed=5, directed=True), lambda i: f"Person {i}")
    alone_b, alone_c = betweenness(G, pivots=100, seed=3), closeness(G, pivots=100, seed=3)
    with Workers(2) as w:
        shared_b = betweenness(G, pivots=100, seed=3, workers=w)
        shared_c = closeness(G, pivots=100, seed=3, workers=w)
    assert shared_b == alone_b and shared_b.se == alone_b.se
    assert shared_c == alone_c and shared_c.se == alone_c.se
    # what the helper receives: the ties as numbers, never the names
    assert b"Person" not in pickle.dumps(arcs(G))


def _whose(_payload, _group):
    """A task the helper cannot import (tests/ is not on its path): it must fall back to this process."""
    import os

    return os.getpid()


def test_work_the_helper_cannot_do_is_done_here():
    import os

    from p2pkit.workers import Workers

    with Workers(2) as w:
        assert w.run(_whose, (None,), list(range(5))) == [os.getpid()] * 5
        assert not w.helping  # a helper that failed once is stopped


def test_the_helper_stops_with_its_caller():
    from p2pkit.workers import Workers

    with pytest.raises(KeyboardInterrupt), Workers(2) as w:
        proc = w._proc
        raise KeyboardInterrupt
    assert proc is None or proc.poll() is not None  # no process left behind
