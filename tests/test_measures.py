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
