"""Chapter 1 measures against closed-form values."""

import networkx as nx
import pytest

from p2pkit import orgs
from p2pkit.architecture import load_share, mean_path_length, pairwise_connectivity, profile, verdict
from p2pkit.errors import P2PKitError


@pytest.mark.parametrize("n", [3, 5, 10, 40])
def test_star_mean_path_is_closed_form(n):
    # n-1 pairs at distance 1, C(n-1,2) pairs at distance 2 -> 2(n-1)/n
    assert mean_path_length(orgs.client_server(n)) == pytest.approx(2 * (n - 1) / n)


@pytest.mark.parametrize("n", [4, 9, 16])
def test_path_graph_mean_length_is_closed_form(n):
    # mean distance on a path of n nodes is (n+1)/3
    assert mean_path_length(nx.path_graph(n)) == pytest.approx((n + 1) / 3)


def test_star_profile():
    p = profile(orgs.client_server(12))
    assert p.centre_load == 1.0 and p.busiest == 0
    assert p.survives_without_centre == 0.0
    assert p.single_points == (0,)
    assert p.diameter == 2
    assert "Single point of failure" in verdict(p)


def test_hierarchy_single_points_are_the_managers():
    G = orgs.hierarchy(3, 3)
    p = profile(G)
    assert set(p.single_points) == {v for v, d in G.degree() if d > 1}
    # without the top, three teams of four remain: 3 * C(4,2) of C(12,2) pairs
    assert p.survives_without_centre == pytest.approx(3 * 6 / 66)


def test_cycle_has_no_single_point_and_even_load():
    p = profile(nx.cycle_graph(10))
    assert p.single_points == ()
    assert p.survives_without_centre == 1.0
    assert "No single person" in verdict(p)
    loads = set(round(x, 12) for x in load_share(nx.cycle_graph(10)).values())
    assert len(loads) == 1


def test_pairwise_connectivity_counts_components():
    G = nx.Graph([(0, 1), (2, 3), (3, 4)])
    G.add_node(5)
    # components of size 2, 3, 1 -> (1 + 3 + 0) / C(6,2) = 4/15
    assert pairwise_connectivity(G) == pytest.approx(4 / 15)


def test_verdict_for_bottleneck_and_partial_cut():
    # a wheel: the hub carries many routes but nobody is cut off without it
    p = profile(nx.wheel_graph(8))
    assert "bottleneck" in verdict(p) or "No single person" in verdict(p)
    p2 = profile(orgs.spectrum(16, 0.5))
    assert "only" in verdict(p2)


def test_errors():
    with pytest.raises(P2PKitError, match="not connected"):
        mean_path_length(nx.Graph([(0, 1), (2, 3)]))
    with pytest.raises(P2PKitError):
        profile(nx.path_graph(2))
    with pytest.raises(P2PKitError):
        profile(nx.path_graph(5), centre=99)
    with pytest.raises(P2PKitError):
        profile(nx.DiGraph([(0, 1), (1, 2)]))


def test_profile_says_what_network_it_needs():
    with pytest.raises(P2PKitError, match=r"profile\(\) needs a network of at least 3 people; it has 2"):
        profile(nx.path_graph(2))
    with pytest.raises(P2PKitError, match="undirected"):
        profile(nx.DiGraph([(0, 1), (1, 2)]))
    with pytest.raises(P2PKitError, match="needs a networkx graph"):
        profile([(0, 1), (1, 2)])

