"""Chapter 6: failure, redundancy and self-correction, against closed forms, brute force,
networkx's own algorithms and published results."""

import itertools
import math
import random

import networkx as nx
import numpy as np
import pytest

from p2pkit import orgs
from p2pkit.architecture import pairwise_connectivity
from p2pkit.errors import P2PKitError
from p2pkit.measures import betweenness
from p2pkit.resilience import (
    chart_with_lateral_ties, collapse, collapse_point, collapse_verdict, compare_curves, failure_curve,
    failure_verdict, independent_paths, knock_out, knock_out_verdict, krackhardt_managers, percolation_threshold,
    random_failure, random_network_giant_share, redundancy, redundancy_verdict, removal_order, removals, repair,
    repair_verdict, repaired_network, rerouting, rerouting_verdict, targeted_vs_random,
)
from p2pkit.resilience.removal import _route_scores

# --------------------------------------------------------------------------- betweenness


def _graphs():
    G = nx.gnp_random_graph(60, 0.04, seed=3)  # disconnected, with isolated people
    return [orgs.hybrid(3, 4, 0.5), orgs.hierarchy(4, 3), nx.karate_club_graph(), G, nx.path_graph(7),
            orgs.client_server(9), nx.cycle_graph(10), orgs.peer_mesh(40, seed=2)]


@pytest.mark.parametrize("G", _graphs(), ids=range(8))
def test_betweenness_equals_networkx(G):
    # the ranking uses p2pkit.measures.betweenness (igraph); one implementation, equal to networkx
    ours = _route_scores(G)
    ref = nx.betweenness_centrality(G, normalized=False)
    assert ours.keys() == ref.keys()
    for v in G:
        assert ours[v] == pytest.approx(ref[v], abs=1e-9)
        assert ours[v] == pytest.approx(betweenness(G, normalized=False)[v], abs=1e-9)


def test_betweenness_of_one_group_is_that_of_the_group_alone():
    # after a departure only the departed person's group is ranked again, among its own people
    G = nx.gnp_random_graph(60, 0.04, seed=3)
    part = sorted(max(nx.connected_components(G), key=len))
    ours = _route_scores(G, part)
    ref = betweenness(G.subgraph(part), normalized=False)
    assert list(ours) == part
    for v in part:
        assert ours[v] == pytest.approx(ref[v], abs=1e-9)


def test_betweenness_estimate_is_unbiased():
    # Brandes & Pich (2007): sampling sources uniformly gives an unbiased estimate
    G = nx.karate_club_graph()
    exact = _route_scores(G)
    draws = [_route_scores(G, pivots=8, rng=random.Random(s)) for s in range(600)]
    top = max(exact.values())
    for v in G:
        assert np.mean([d[v] for d in draws]) == pytest.approx(exact[v], abs=0.06 * top)
    assert _route_scores(G, pivots=G.number_of_nodes()) == pytest.approx(exact)


def test_betweenness_estimate_counts_paths_from_the_sources_only():
    # the estimate is the exact dependency sum over the sampled sources, scaled by n / pivots
    # (Brandes 2001): checked against a brute-force count of shortest paths with networkx
    G = orgs.hybrid(3, 3, 0.5)
    nodes = list(G)
    sources = sorted(random.Random(4).sample(range(len(nodes)), 5))
    brute = dict.fromkeys(nodes, 0.0)
    for i in sources:
        s = nodes[i]
        for t in nodes:
            if t == s:
                continue
            paths = list(nx.all_shortest_paths(G, s, t))
            for p in paths:
                for v in p[1:-1]:
                    brute[v] += 1 / len(paths)
    est = _route_scores(G, pivots=5, rng=random.Random(4))
    for v in nodes:  # undirected: each pair was counted from its source end only, hence / 2
        assert est[v] == pytest.approx(brute[v] / 2 * len(nodes) / 5, abs=1e-9)


# --------------------------------------------------------------------------- removal orders


def test_degree_order_recomputed_picks_a_current_maximum():
    G = orgs.hybrid(3, 4, 0.5)
    order = removal_order(G, "degree", count=12)
    H = G.copy()
    for v in order:
        assert H.degree(v) == max(d for _, d in H.degree())
        H.remove_node(v)


def test_betweenness_order_recomputed_picks_a_current_maximum_per_networkx():
    # Holme et al. (2002) "recalculated betweenness" attack, checked with networkx at every step
    G = orgs.hybrid(3, 4, 0.5)
    order = removal_order(G, "betweenness", count=10)
    H = G.copy()
    for v in order:
        bc = nx.betweenness_centrality(H, normalized=False)
        assert bc[v] == pytest.approx(max(bc.values()))
        H.remove_node(v)


def test_initial_rankings_follow_networkx():
    G = nx.karate_club_graph()
    deg = dict(G.degree())
    order = removal_order(G, "degree", recompute=False)
    assert [deg[v] for v in order] == sorted(deg.values(), reverse=True)
    bc = nx.betweenness_centrality(G)
    order = removal_order(G, "betweenness", recompute=False, count=5)
    assert [round(bc[v], 9) for v in order] == sorted((round(x, 9) for x in bc.values()), reverse=True)[:5]


def test_top_of_chart_and_random_orders():
    G = orgs.hierarchy(3, 3)
    assert removal_order(G, "top", count=4) == [0, 1, 2, 3]
    K = orgs.load_dataset("krack_reports", top_down=True).to_undirected()
    assert removal_order(K, "top", count=1) == ["7"]  # the CEO (Krackhardt 1987)
    a = removal_order(G, "random", seed=4)
    assert sorted(a) == sorted(G) and a == removal_order(G, "random", seed=4)
    assert a != removal_order(G, "random", seed=5)
    gen = removals(G, "betweenness")
    assert [next(gen) for _ in range(3)] == removal_order(G, "betweenness", count=3)


def test_removal_order_errors():
    with pytest.raises(P2PKitError, match="unknown strategy"):
        removal_order(nx.path_graph(4), "charisma")
    with pytest.raises(P2PKitError, match="no chart levels"):
        removal_order(nx.path_graph(4), "top")
    with pytest.raises(P2PKitError, match="undirected"):
        removal_order(nx.DiGraph([(0, 1)]), "degree")
    with pytest.raises(P2PKitError, match="count"):
        removal_order(nx.path_graph(4), "degree", count=9)


# --------------------------------------------------------------------------- failure curves


@pytest.mark.parametrize("strategy", ["random", "degree", "betweenness", "top"])
def test_curve_matches_pairwise_connectivity_at_every_step(strategy):
    G = chart_with_lateral_ties(3, 4, 0.3)
    n = G.number_of_nodes()
    c = failure_curve(G, strategy, trials=1, seed=7)
    assert len(c.pairwise) == n - 1 and c.removed[-1] == n - 2
    for k in range(n - 1):
        H = G.copy()
        H.remove_nodes_from(c.order[:k])
        assert c.pairwise[k] == pytest.approx(pairwise_connectivity(H))
        assert c.largest[k] == pytest.approx(max(len(x) for x in nx.connected_components(H)) / n)


def test_removing_the_centre_of_a_star_leaves_nobody_connected():
    for n in (3, 5, 12):
        c = failure_curve(orgs.client_server(n), "degree", removals=1)
        assert c.pairwise == (1.0, 0.0)
        assert knock_out(orgs.client_server(n), [0]).pairwise == 0.0


def test_random_removal_never_disconnects_a_complete_graph():
    n = 12
    c = failure_curve(nx.complete_graph(n), "random", trials=5, seed=1)
    assert all(p == 1.0 for p in c.pairwise)
    assert c.largest == pytest.approx([(n - k) / n for k in range(n - 1)])


def test_cycle_survives_one_removal_but_not_two_non_adjacent():
    n = 10
    G = nx.cycle_graph(n)
    for v in G:
        assert knock_out(G, [v]).pairwise == 1.0
    for d in range(2, n // 2 + 1):
        # two arcs of d-1 and n-d-1 people remain
        expected = (math.comb(d - 1, 2) + math.comb(n - d - 1, 2)) / math.comb(n - 2, 2)
        ko = knock_out(G, [0, d])
        assert ko.pairwise == pytest.approx(expected) and ko.pairwise < 1
        assert ko.groups == 2


def test_random_removal_from_a_star_cuts_the_expected_share():
    # one random departure: the centre with probability 1/n (then nothing is connected)
    n = 10
    c = failure_curve(orgs.client_server(n), "random", removals=1, trials=4000, seed=0)
    assert c.pairwise[1] == pytest.approx(1 - 1 / n, abs=0.015)


def test_hierarchy_loses_three_quarters_of_pairs_without_its_top():
    # three teams of four remain: 3 C(4,2) of C(12,2) pairs
    k = knock_out(orgs.hierarchy(3, 3), [0])
    assert k.pairwise == pytest.approx(18 / 66) and k.groups == 3 and k.cut_off == 8
    assert k.largest == pytest.approx(4 / 13)


def test_targeted_removal_hurts_hub_networks_more_than_random():
    # Albert, Jeong & Barabasi (2000, fig. 3): with 15% removed, a scale-free network keeps
    # most people together under random failure but falls apart under attack on its hubs,
    # while a random network of the same mean degree is hurt about equally by both
    sf = nx.barabasi_albert_graph(1000, 2, seed=1)
    er = nx.gnp_random_graph(1000, 4 / 999, seed=1)
    k = 150
    sf_hit = failure_curve(sf, "degree", removals=k, recompute=False).largest[k]
    sf_rnd = failure_curve(sf, "random", removals=k, trials=10, seed=1).largest[k]
    er_hit = failure_curve(er, "degree", removals=k, recompute=False).largest[k]
    er_rnd = failure_curve(er, "random", removals=k, trials=10, seed=1).largest[k]
    assert sf_rnd > 0.75 and sf_hit < 0.3
    assert abs(er_hit - er_rnd) < 0.1


def test_targeted_vs_random_and_verdict():
    c = targeted_vs_random(orgs.hierarchy(3, 3), 1, strategy="top", trials=200)
    assert c.targeted_cut == pytest.approx(1 - 18 / 66)
    assert 0 < c.random_cut < c.targeted_cut
    text = failure_verdict(c)
    assert text.startswith("Removing the top of the chart cuts 73%")
    assert "Nobody has left" in failure_verdict(targeted_vs_random(nx.cycle_graph(5), 0))
    assert "3 best-connected" in failure_verdict(targeted_vs_random(nx.karate_club_graph(), 3))
    assert "sit on most routes" in failure_verdict(targeted_vs_random(nx.karate_club_graph(), 2, "betweenness"))
    G = nx.karate_club_graph()
    t = failure_curve(G, "degree", removals=4)
    r = failure_curve(G, "random", removals=4, trials=50)
    assert compare_curves(t, r, 4) == targeted_vs_random(G, 4)
    with pytest.raises(P2PKitError):
        targeted_vs_random(G, 2, strategy="random")
    with pytest.raises(P2PKitError):
        compare_curves(r, t, 2)


def test_failure_curve_with_a_given_order():
    G = nx.path_graph(6)
    c = failure_curve(G, "mine", order=[2, 3])
    # without 2: groups {0,1} and {3,4,5} -> (1 + 3) / C(5,2); without 2 and 3: (1 + 1) / C(4,2)
    assert c.pairwise == pytest.approx((1.0, 4 / 10, 2 / 6))
    with pytest.raises(P2PKitError):
        failure_curve(G, "mine", order=[9])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_collapse_point_matches_components_counted_by_networkx(seed):
    # the first k after which the largest group of the people left is below 5% of everyone
    n = 400
    G = nx.gnp_random_graph(n, 3 / (n - 1), seed=seed)
    for strategy in ("degree", "random"):
        c = failure_curve(G, strategy, recompute=False, trials=1, seed=seed)
        expected = None
        for k in range(len(c.order) + 1):
            H = G.copy()
            H.remove_nodes_from(c.order[:k])
            if max(len(x) for x in nx.connected_components(H)) < 0.05 * n:
                expected = k
                break
        assert collapse_point(c, 0.05) == expected
    assert collapse_point(failure_curve(nx.complete_graph(8), "degree")) is None
    with pytest.raises(P2PKitError):
        collapse_point(failure_curve(nx.complete_graph(8), "degree"), below=2)


def test_collapse_verdict_reads_the_two_curves():
    G = nx.barabasi_albert_graph(500, 2, seed=1)
    rnd = failure_curve(G, "random", trials=3, seed=1)
    hit = failure_curve(G, "degree", recompute=False)
    c = collapse(rnd, hit, 500)
    assert (c.random_point, c.targeted_point) == (collapse_point(rnd), collapse_point(hit))
    text = collapse_verdict(c)
    assert f"when {collapse_point(rnd) / 500:.0%} have left" in text.split(";")[0]
    assert f"when {collapse_point(hit) / 500:.0%} have left" in text.split(";")[1]
    assert "best-connected" in text
    with pytest.raises(P2PKitError):
        collapse(hit, rnd, 500)
    with pytest.raises(P2PKitError):
        collapse(rnd, hit, 2)
    with pytest.raises(P2PKitError):
        collapse(rnd, hit, 500, below=2)


def test_knock_out_outside_and_verdict_match_networkx_components():
    G = chart_with_lateral_ties(3, 4, 0.5)
    for gone in ([0], [0, 3], [1, 2, 3], removal_order(G, "betweenness", count=4)):
        H = G.copy()
        H.remove_nodes_from(gone)
        comps = sorted(nx.connected_components(H), key=lambda c: (-len(c), min(list(G).index(v) for v in c)))
        ko = knock_out(G, gone)
        assert set(ko.outside) == set(H) - comps[0]
        left = H.number_of_nodes()
        pairs = sum(len(c) * (len(c) - 1) / 2 for c in comps) / (left * (left - 1) / 2)
        text = knock_out_verdict(ko, who="them")
        if len(comps) == 1:
            assert text == f"Without them, all {left} people left can still reach each other: nobody is cut off."
        else:
            assert f"{pairs:.0%} of the pairs of the {left} people left" in text
            assert f"{left - len(comps[0])} of them" in text
    assert knock_out_verdict(knock_out(nx.path_graph(3), [1])).startswith("Without that person, 0% of the pairs")
    assert "1 of them is cut off" in knock_out_verdict(knock_out(nx.path_graph(4), [1]))


# --------------------------------------------------------------------------- redundancy


@pytest.mark.parametrize("n,k", [(10, 2), (12, 4), (15, 4), (16, 6), (20, 8)])
def test_node_connectivity_of_a_ring_lattice_is_k(n, k):
    # a ring in which everyone is tied to the k nearest neighbours is k-connected
    G = nx.watts_strogatz_graph(n, k, 0.0)
    assert redundancy(G).node_connectivity == k
    a, b = 0, n // 2
    paths = independent_paths(G, a, b)
    assert len(paths) == k  # Menger (1927)


def _assert_independent(G, paths, a, b):
    inner = [set(p[1:-1]) for p in paths]
    for p in paths:
        assert p[0] == a and p[-1] == b
        assert all(G.has_edge(u, v) for u, v in itertools.pairwise(p))
    for x, y in itertools.combinations(inner, 2):
        assert not x & y


def test_independent_paths_are_disjoint_and_count_the_local_connectivity():
    G = nx.complete_bipartite_graph(3, 3)
    paths = independent_paths(G, 0, 1)
    assert len(paths) == 3
    _assert_independent(G, paths, 0, 1)
    H = chart_with_lateral_ties(3, 4, 0.5)
    for a, b in [(5, 20), (1, 16), (7, 13)]:
        paths = independent_paths(H, a, b)
        _assert_independent(H, paths, a, b)
        assert len(paths) == nx.node_connectivity(H, a, b)
    assert independent_paths(nx.Graph([(0, 1), (2, 3)]), 0, 3) == []
    with pytest.raises(P2PKitError, match="tied directly"):
        independent_paths(G, 0, 3)
    with pytest.raises(P2PKitError):
        independent_paths(G, 0, 0)
    with pytest.raises(P2PKitError):
        independent_paths(G, 0, 99)


@pytest.mark.parametrize("G", _graphs() + [
    nx.complete_graph(6), nx.complete_bipartite_graph(3, 4), nx.petersen_graph(),
    chart_with_lateral_ties(3, 4, 1.0), nx.random_regular_graph(3, 20, seed=1),
    orgs.load_dataset("krack_advice").to_undirected()], ids=range(14))
def test_node_connectivity_matches_networkx(G):
    r = redundancy(G)
    assert r.node_connectivity == nx.node_connectivity(G)
    assert set(r.single_points) == set(nx.articulation_points(G))
    assert {frozenset(e) for e in r.bridges} == {frozenset(e) for e in nx.bridges(G)}
    quick = redundancy(G, exact=False)
    assert quick.node_connectivity <= r.node_connectivity
    assert quick.exact or quick.node_connectivity == 2


def test_redundancy_of_simple_shapes_and_verdicts():
    star = redundancy(orgs.client_server(6))
    assert star.node_connectivity == 1 and star.single_points == (0,)
    assert redundancy_verdict(star).startswith("1 person holds the network together")
    path = redundancy(nx.path_graph(5))
    assert len(path.bridges) == 4 and "4 ties are the only link" in redundancy_verdict(path)
    chart = redundancy(orgs.hierarchy(3, 3))
    assert set(chart.single_points) == {0, 1, 2, 3}
    assert redundancy_verdict(redundancy(nx.complete_graph(5))).startswith("Everyone is tied")
    assert redundancy_verdict(redundancy(nx.Graph([(0, 1), (2, 3)]))).startswith("The network is already")
    assert "No single person now holds" in redundancy_verdict(redundancy(nx.cycle_graph(6)))


def test_lateral_ties_keep_the_chart_and_add_redundancy():
    chart = orgs.hierarchy(3, 4)
    for p in (0.0, 0.25, 0.5, 1.0):
        G = chart_with_lateral_ties(3, 4, p)
        assert all(G.has_edge(*e) for e in chart.edges())
        assert all(G.has_edge(*e) for e in orgs.hybrid(3, 4, p).edges())
        assert nx.get_node_attributes(G, "level") == nx.get_node_attributes(chart, "level")
    counts = [len(redundancy(chart_with_lateral_ties(3, 4, p)).single_points) for p in (0.0, 0.5, 1.0)]
    assert counts[0] == 5 and counts[-1] == 0


# --------------------------------------------------------------------------- random failure


@pytest.mark.parametrize("n,keep", [(6, 0.5), (9, 0.8)])
def test_random_failure_on_a_path_matches_the_closed_form(n, keep):
    # pairs d apart stay connected only if all d + 1 people on the way stay
    expected = sum((n - d) * keep ** (d + 1) for d in range(1, n)) / math.comb(n, 2)
    r = random_failure(nx.path_graph(n), keep, trials=20000, seed=0)
    assert r.connected_pairs == pytest.approx(expected, abs=0.01)


def _enumerate(G, keep):
    """Exact expectations over all 2^n sets of people who stay (brute force)."""
    n = G.number_of_nodes()
    pc = lg = 0.0
    nodes = list(G)
    for mask in range(2 ** n):
        left = [v for i, v in enumerate(nodes) if mask >> i & 1]
        prob = keep ** len(left) * (1 - keep) ** (n - len(left))
        H = G.subgraph(left)
        comps = [len(c) for c in nx.connected_components(H)]
        m = len(left)
        pc += prob * (sum(c * (c - 1) / 2 for c in comps) / (m * (m - 1) / 2) if m >= 2 else 0.0)
        lg += prob * (max(comps, default=0) / n)
    return pc, lg


@pytest.mark.parametrize("keep", [0.5, 0.85])
def test_random_failure_on_a_tree_matches_enumeration(keep):
    G = orgs.hierarchy(3, 2)  # seven people
    pc, lg = _enumerate(G, keep)
    r = random_failure(G, keep, trials=20000, seed=1)
    assert r.pairwise == pytest.approx(pc, abs=0.01)
    assert r.largest == pytest.approx(lg, abs=0.01)


def test_random_failure_extremes_and_determinism():
    G = nx.complete_graph(6)
    assert random_failure(G, 1.0, trials=3).largest == 1.0
    r0 = random_failure(G, 0.0, trials=3)
    assert r0.largest == 0.0 and r0.pairwise == 0.0
    assert random_failure(G, 0.5, seed=3) == random_failure(G, 0.5, seed=3)
    with pytest.raises(P2PKitError, match="probability"):
        random_failure(G, 1.5)


def test_random_network_giant_share_matches_lambert_w():
    from scipy.special import lambertw

    for c, keep in [(2.0, 1.0), (4.0, 0.6), (3.0, 0.9), (10.0, 0.2)]:
        cc = c * keep
        u = 1 + lambertw(-cc * math.exp(-cc)).real / cc  # giant share among those left
        assert random_network_giant_share(c, keep) == pytest.approx(keep * u, abs=1e-9)
    assert random_network_giant_share(4.0, 0.25) == 0.0
    assert random_network_giant_share(0.5) == 0.0
    with pytest.raises(P2PKitError):
        random_network_giant_share(-1)


def test_erdos_renyi_site_percolation_threshold_is_one_over_mean_degree():
    # Callaway et al. (2000) / Molloy & Reed (1995): keep_c = 1 / <k> for a random network
    n, c = 2000, 4.0
    G = nx.gnp_random_graph(n, c / (n - 1), seed=11)
    assert percolation_threshold(G) == pytest.approx(1 / c, rel=0.1)
    below = random_failure(G, 0.1, trials=5, seed=0)
    above = random_failure(G, 0.6, trials=5, seed=0)
    assert below.largest < 0.03
    assert above.largest > 0.4
    assert above.largest == pytest.approx(random_network_giant_share(c, 0.6), abs=0.03)


def test_percolation_threshold_closed_forms():
    for k in (3, 4, 6):
        G = nx.random_regular_graph(k, 30, seed=0)
        assert percolation_threshold(G) == pytest.approx(1 / (k - 1))
    for n in (5, 10, 40):
        # a star: <k> = 2(n-1)/n, <k^2> = n - 1
        assert percolation_threshold(orgs.client_server(n)) == pytest.approx(2 / (n - 2))
    assert percolation_threshold(nx.Graph([(0, 1), (2, 3)])) == math.inf


# --------------------------------------------------------------------------- self-correction


@pytest.mark.parametrize("n", [5, 6, 9, 12])
def test_rerouting_around_a_gap_in_a_cycle(n):
    # without person 0 the others form a path 1..n-1: route lengths |i-j| instead of
    # min(|i-j|, n-|i-j|)
    pairs = list(itertools.combinations(range(1, n), 2))
    before = [min(j - i, n - (j - i)) for i, j in pairs]
    after = [j - i for i, j in pairs]
    r = rerouting(nx.cycle_graph(n), [0])
    assert r.pairs == r.still_connected == len(pairs) and r.cut_share == 0
    assert r.mean_before == pytest.approx(np.mean(before))
    assert r.extra_hops == pytest.approx(np.mean(after) - np.mean(before))
    assert r.longer_share == pytest.approx(np.mean([a > b for a, b in zip(after, before, strict=True)]))


def test_rerouting_matches_networkx_distances():
    G = chart_with_lateral_ties(3, 4, 0.4)
    gone = removal_order(G, "random", count=4, seed=2)
    H = G.copy()
    H.remove_nodes_from(gone)
    d0, d1 = dict(nx.all_pairs_shortest_path_length(G)), dict(nx.all_pairs_shortest_path_length(H))
    left = list(H)
    both = [(a, b) for a, b in itertools.combinations(left, 2) if b in d1[a]]
    r = rerouting(G, gone)
    assert r.still_connected == len(both)
    assert r.mean_before == pytest.approx(np.mean([d0[a][b] for a, b in both]))
    assert r.mean_after == pytest.approx(np.mean([d1[a][b] for a, b in both]))
    assert r.extra_hops >= 0


def test_rerouting_when_nothing_is_left_connected_and_verdicts():
    r = rerouting(orgs.client_server(6), [0])
    assert r.still_connected == 0 and r.cut_share == 1.0 and math.isnan(r.extra_hops)
    assert rerouting_verdict(r).startswith("No route survives")
    assert "as short as before" in rerouting_verdict(rerouting(nx.complete_graph(5), [0]))
    assert "adds 0.2 hand-offs" in rerouting_verdict(rerouting(nx.cycle_graph(6), [0]))


def test_repair_with_certain_action_takes_one_round():
    r = repair(orgs.client_server(7), [0], s=1.0)
    assert r.rounds == 1 and r.reconnected
    assert r.new_ties == tuple((v, 1) for v in range(2, 7))  # everyone reaches the first colleague
    assert r.cut_off_by_round == (5, 0)
    c = repair(orgs.hierarchy(3, 3), [0], s=1.0, seed=2)
    # teams of 2 and 3 are cut off (8 people); their managers reach manager 1, a colleague of
    # the departed top; the staff, who lost nobody, reach anyone in the main team
    assert c.rounds == 1 and c.ties_added == 8 and c.groups_cut_off == 2
    assert (2, 1) in c.new_ties and (3, 1) in c.new_ties
    assert all(t in {1, 4, 5, 6} for _, t in c.new_ties)
    assert "6 more than the 2" in repair_verdict(c)


def test_repair_rounds_match_the_maximum_of_geometric_waits():
    # a star without its centre: m people alone, each reconnecting in a round with probability s
    n, s = 8, 0.4
    m = n - 2
    expected = sum(1 - (1 - (1 - s) ** t) ** m for t in range(0, 400))
    rounds = [repair(orgs.client_server(n), [0], s=s, seed=i).rounds for i in range(3000)]
    se = np.std(rounds) / math.sqrt(len(rounds))
    assert np.mean(rounds) == pytest.approx(expected, abs=4 * se)


def test_repair_edge_cases():
    assert repair(nx.cycle_graph(6), [0]).rounds == 0
    assert repair_verdict(repair(nx.cycle_graph(6), [0])).startswith("Nobody was cut off")
    stuck = repair(orgs.client_server(5), [0], s=0.0, max_rounds=5)
    assert not stuck.reconnected and stuck.rounds == 5 and stuck.ties_added == 0
    assert repair_verdict(stuck) == "After 5 rounds, 3 people are still cut off (0 new ties so far)."
    one = repair(orgs.client_server(5), [0], s=0.5, seed=1, max_rounds=1)
    assert one.cut_off_by_round == (3, 1)
    assert repair_verdict(one) == "After 1 round, 1 person is still cut off (2 new ties so far)."
    assert repair(orgs.client_server(9), [0], seed=5) == repair(orgs.client_server(9), [0], seed=5)
    with pytest.raises(P2PKitError, match="probability"):
        repair(nx.cycle_graph(5), [0], s=2)
    with pytest.raises(P2PKitError, match="not in the network"):
        repair(nx.cycle_graph(5), [7])
    with pytest.raises(P2PKitError, match="twice"):
        knock_out(nx.cycle_graph(5), [1, 1])
    with pytest.raises(P2PKitError, match="everyone has left"):
        repair(nx.path_graph(3), [0, 1, 2])


@pytest.mark.parametrize("s", [0.2, 0.5, 1.0])
def test_repaired_network_round_by_round(s):
    # stopping the same repair early replays its first rounds; the network it leaves has
    # exactly the people left, their old ties and the new ones, and as many people cut off
    # as the repair counted
    G = chart_with_lateral_ties(3, 4, 0.25)
    gone = removal_order(G, "betweenness", count=2)
    full = repair(G, gone, s=s, seed=3)
    for t in range(1, full.rounds + 1):
        part = repair(G, gone, s=s, seed=3, max_rounds=t)
        assert part.cut_off_by_round == full.cut_off_by_round[:t + 1]
        assert part.new_ties == full.new_ties[:part.ties_added]
        H = repaired_network(G, part)
        expected = {frozenset(e) for e in G.edges() if not set(e) & set(gone)} | {frozenset(e) for e in part.new_ties}
        assert {frozenset(e) for e in H.edges()} == expected and set(H) == set(G) - set(gone)
        comps = sorted(nx.connected_components(H), key=len, reverse=True)
        assert H.number_of_nodes() - len(comps[0]) == part.cut_off_by_round[-1]
        assert knock_out(H, []).cut_off == part.cut_off_by_round[-1]
    assert nx.is_connected(repaired_network(G, full))
    with pytest.raises(P2PKitError):
        repaired_network(nx.path_graph(3), full)


# --------------------------------------------------------------------------- real data


def test_krackhardt_chart_splits_into_its_departments_without_the_ceo():
    chart = orgs.load_dataset("krack_reports", top_down=True).to_undirected()
    ko = knock_out(chart, ["7"])
    assert ko.groups == 4
    H = chart.copy()
    H.remove_node("7")
    depts = {frozenset(v for v in H if H.nodes[v]["dept"] == d) for d in (1, 2, 3, 4)}
    assert {frozenset(c) for c in nx.connected_components(H)} == depts
    advice = orgs.load_dataset("krack_advice").to_undirected()
    assert knock_out(advice, ["7"]).pairwise == 1.0


def test_krackhardt_managers_most_sought_advisers_from_the_raw_matrix():
    # count, from the published adjacency matrix itself, how many managers name each one
    # as an adviser (column sums), and compare the ranking
    import csv
    from importlib import resources

    text = (resources.files("p2pkit") / "data" / "orgnets" / "krack_advice.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    heads = [h.strip() for h in rows[0][1:]]
    counts = {h: sum(int(float(r[j + 1])) for r in rows[1:]) for j, h in enumerate(heads)}
    m = krackhardt_managers()
    assert m["sought"] == sorted(counts, key=lambda v: (-counts[v], int(v)))
    assert m["sought"][:3] == ["2", "18", "21"]
    assert m["chart"].number_of_nodes() == m["advice"].number_of_nodes() == 21
    assert not m["chart"].is_directed() and not m["advice"].is_directed()


# --------------------------------------------------------------------------- views
# The figures (p2pkit.views.resilience): what they show is what the models say, and every
# number the chapter states is what its figure shows at the settings it names.


def _readout(scene):
    return dict(scene["readout"])


def _roles(panel):
    return dict(zip(panel["people"]["id"], panel["role"], strict=True))


def test_people_leave_shows_the_attack_and_the_random_mean():
    from p2pkit.views.resilience import RANDOM_TRIALS, leave_scene

    G = chart_with_lateral_ties(3, 4, 0.5)
    for k in range(5):
        s = leave_scene(3, 4, 0.5, True, "betweenness", True, k, 0, "", axis=4)
        t = failure_curve(G, "betweenness", removals=5)
        r = failure_curve(G, "random", removals=5, trials=RANDOM_TRIALS, seed=0)
        assert s["verdict"] == failure_verdict(compare_curves(t, r, k))
        net, curve = s["panels"]
        roles = _roles(net)
        assert sorted(v for v, x in roles.items() if x == "removed") == sorted(str(v) for v in t.order[:k])
        ko = knock_out(G, t.order[:k])
        assert sorted(v for v, x in roles.items() if x == "cut_off") == sorted(str(v) for v in ko.outside)
        assert sorted(v for v, x in roles.items() if x == "single_point") == sorted(
            str(v) for v in ko.single_points if v not in ko.outside)
        assert curve["series"][0]["y"] == pytest.approx(list(t.pairwise), abs=1e-4)
        assert curve["marker"]["x"] == k
        # the ring marks who leaves next
        assert [net["people"]["id"][i] for i in net["highlight"]] == [str(t.order[k])]


@pytest.mark.parametrize("who", ["0", "5", "13"])
def test_removing_one_more_person_agrees_with_knock_out(who):
    from p2pkit.views.resilience import leave_scene

    G = chart_with_lateral_ties(3, 4, 0.5)
    gone = removal_order(G, "betweenness", count=2)
    s = leave_scene(3, 4, 0.5, True, "betweenness", True, 2, 0, who, axis=4)
    roles = _roles(s["panels"][0])
    if int(who) in gone:
        assert "has already left" in s["verdict"]
        return
    ko = knock_out(G, gone + [int(who)])
    assert roles[who] == "removed"
    assert sorted(v for v, x in roles.items() if x == "cut_off") == sorted(str(v) for v in ko.outside)
    r = _readout(s)
    assert r["Pairs cut off"] == f"{1 - ko.pairwise:.0%}"
    assert r["Cut off (hollow)"] == str(ko.cut_off)
    assert s["verdict"].startswith("Without ")


def test_the_explore_numbers_in_the_chapter():
    from p2pkit.views.resilience import leave_scene

    def cut(lateral, k):
        r = _readout(leave_scene(3, 4, lateral, True, "betweenness", True, k, 0, "", axis=4))
        return r["Pairs cut off"], r["… if as many left at random"]

    assert cut(0.0, 1) == ("79%", "11%")          # the top leaves; one at random: 11% on average
    assert [cut(0.5, k)[0] for k in (1, 2, 3)] == ["0%", "0%", "52%"]
    assert cut(0.5, 3)[1] == "3%" and cut(0.0, 3)[1] == "28%"
    assert chart_with_lateral_ties(3, 4, 0.0).number_of_edges() == 20
    assert chart_with_lateral_ties(3, 4, 0.5).number_of_edges() == 40
    # the weak spots move: more single points of failure after the first departures
    sp = [len(knock_out(chart_with_lateral_ties(3, 4, 0.5), removal_order(chart_with_lateral_ties(3, 4, 0.5),
                                                                            "betweenness", count=k)).single_points)
          for k in range(3)]
    assert sp[0] < sp[1] < sp[2]


def test_sandbox_numbers_and_live_sizes():
    from p2pkit.views.resilience import leave_scene, who_leaves

    def sp(keep):
        s = leave_scene(3, 4, 0.25, keep, "degree", True, 0, 0, "")
        return _readout(s)["Single points (diamonds)"]

    assert (sp(True), sp(False)) == ("5", "8")
    assert len(redundancy(orgs.hierarchy(3, 4)).single_points) == 5
    w = who_leaves().widget()
    w.set_values(levels=4, span=5, strategy="betweenness_once", leaving=2)
    assert w.message == "" and len(w.scene["panels"][0]["people"]["id"]) == 156
    w.set_values(levels=5, span=32)
    assert "handles up to 1,200" in w.message
    w.set_values(levels=2, span=2)
    assert "only 3 people" in w.message


def test_redundancy_figure_counts_match_the_model():
    from p2pkit.views.resilience import redundancy_scene

    for p, sp, kappa, ties in ((0.0, 5, 1, 20), (0.5, 1, 1, 40), (1.0, 0, 4, 60)):
        s = redundancy_scene(p, 4, 0)
        r = redundancy(chart_with_lateral_ties(3, 4, p))
        assert (len(r.single_points), r.node_connectivity, r.ties) == (sp, kappa, ties)  # the chapter's numbers
        roles = _roles(s["panels"][0])
        assert sorted(v for v, x in roles.items() if x == "single_point") == sorted(str(v) for v in r.single_points)
        assert _readout(s)["Must leave at once to cut anyone off"] == str(kappa)
        assert s["verdict"] == redundancy_verdict(r)
        chart_ = s["panels"][1]
        assert chart_["marker"]["x"] == p


def test_threshold_figure_follows_the_model_and_the_chapter():
    import networkx as nx

    from p2pkit.resilience import collapse_point
    from p2pkit.views.resilience import THRESHOLD_TRIALS, threshold_scene

    s = threshold_scene(4, 2000, 0)
    er = nx.fast_gnp_random_graph(2000, 4 / 1999, seed=0)
    ba = nx.barabasi_albert_graph(2000, 2, seed=0)
    shares = []
    for G in (er, ba):
        rnd = failure_curve(G, "random", trials=THRESHOLD_TRIALS, seed=0)
        hit = failure_curve(G, "degree", recompute=False)
        shares += [f"{collapse_point(rnd) / 2000:.0%}", f"{collapse_point(hit) / 2000:.0%}"]
    assert shares == ["73%", "37%", "80%", "18%"]  # as the chapter says
    assert f"{1 - percolation_threshold(er):.0%}" == "75%"
    for x in shares:
        assert f"when {x} have left" in s["verdict"]
    theory = s["panels"][0]["series"][0]
    assert theory["y"][0] == pytest.approx(random_network_giant_share(4, 1.0), abs=1e-3)


def test_self_correction_replays_the_repair_round_by_round():
    from p2pkit.views.resilience import repair_scene

    G = orgs.hierarchy(3, 4)
    for step in range(4):
        s = repair_scene(0.0, 1, 0.2, step)
        net = s["panels"][0]
        roles = _roles(net)
        assert roles["0"] == "removed"
        now = repair(G, [0], s=0.2, seed=0, max_rounds=step) if step else None
        still = now.cut_off_by_round[-1] if now else 15
        assert sum(x == "cut_off" for x in roles.values()) == still
        assert net.get("tie_kind", []).count("n") == (now.ties_added if now else 0)
        assert _readout(s)["People still cut off"] == str(still)
    # the chapter: 79% cut off and nothing re-routes without lateral ties; 0.44 extra hand-offs with half
    assert _readout(repair_scene(0.0, 1, 0.5, 0))["Pairs of those left cut off, before repair"] == "79%"
    half = _readout(repair_scene(0.5, 1, 0.5, 0))
    assert half["Pairs of those left cut off, before repair"] == "0%"
    assert half["Extra hand-offs per route still open"] == "+0.44"
    # fifteen ties if everyone acts at once (three would do); four rounds and four ties at 20%
    everyone = repair(G, [0], s=1.0, seed=0)
    assert (everyone.ties_added, everyone.groups_cut_off, everyone.rounds) == (15, 3, 1)
    slow = repair(G, [0], s=0.2, seed=0)
    assert (slow.rounds, slow.ties_added) == (4, 4)
    assert repair_verdict(slow) in repair_scene(0.0, 1, 0.2, 5)["verdict"]


def test_krackhardt_figure_and_table():
    from p2pkit.views.resilience import managers_scene, managers_table

    ceo = _readout(managers_scene("chart", "ceo", ""))
    assert (ceo["Pairs of those left cut off"], ceo["Groups left"]) == ("75%", "4")
    adv = _readout(managers_scene("chart", "advisers", ""))
    assert (adv["Pairs of those left cut off"], adv["Groups left"]) == ("76%", "10")
    assert adv["Who has left"].startswith("Manager 2 (vice-president), Manager 18 (vice-president), Manager 21")
    for leave in ("ceo", "advisers"):
        assert _readout(managers_scene("advice", leave, ""))["Pairs of those left cut off"] == "0%"
    assert _readout(managers_scene("chart", "nobody", ""))["Single points (diamonds)"] == "5"
    assert _readout(managers_scene("advice", "nobody", ""))["Must leave at once to cut anyone off"] == "7"
    m = krackhardt_managers()
    s = managers_scene("chart", "ceo", "14")
    ko = knock_out(m["chart"], ["7", "14"])
    assert s["verdict"] == knock_out_verdict(ko, who="the CEO and Manager 14 (vice-president)")
    assert sorted(v for v, x in _roles(s["panels"][0]).items() if x == "cut_off") == sorted(ko.outside)
    table = managers_table().data
    assert table.count("<tr>") == 5 and "<td>75%</td>" in table and "<td>10</td>" in table
    with pytest.raises(P2PKitError):
        managers_scene("friends", "ceo", "")


def test_counts_may_be_numpy_integers_and_shares_numpy_floats():
    # issue 14: one validator of each kind; the local _check_count refused numpy integers
    i, f = np.int64, np.float64
    G = nx.karate_club_graph()
    assert removal_order(G, "betweenness", count=i(3), pivots=i(10)) == removal_order(G, "betweenness", count=3,
                                                                                       pivots=10)
    assert failure_curve(G, "random", removals=i(5), trials=i(3)) == failure_curve(G, "random", removals=5, trials=3)
    assert targeted_vs_random(G, i(2), trials=i(5)) == targeted_vs_random(G, 2, trials=5)
    assert random_failure(G, f(0.5), trials=i(4)) == random_failure(G, 0.5, trials=4)
    assert repair(G, [0], s=f(0.5), max_rounds=i(9)) == repair(G, [0], s=0.5, max_rounds=9)
    with pytest.raises(P2PKitError, match=r"people \(how many leave\) must be at most 32; got 33"):
        targeted_vs_random(G, 33)
    with pytest.raises(P2PKitError, match="trials must be a whole number of at least 1; got 0.5"):
        random_failure(G, 0.5, trials=0.5)
    with pytest.raises(P2PKitError, match=r"failure_curve\(\) needs a network of at least 3 people; it has 2"):
        failure_curve(nx.path_graph(2))
    with pytest.raises(P2PKitError, match=r"knock_out\(\) needs a networkx graph of people and ties; got list"):
        knock_out([(0, 1)], [0])
