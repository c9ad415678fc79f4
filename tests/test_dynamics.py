"""Relational dynamics (chapter 4) against closed forms, networkx and brute force."""

import itertools
import math

import networkx as nx
import numpy as np
import pytest

from p2pkit import orgs
from p2pkit.architecture import pairwise_connectivity
from p2pkit.dynamics import (Need, chain_of_command, clustering, consensus_step, consensus_verdict,
                             degroot, density, directed_mesh, disagreement, evolve, news_verdict, race,
                             race_verdict, reciprocity, recruit_through_ties, sudden_need, tie_measures,
                             trend)
from p2pkit.errors import P2PKitError


def random_digraph(n, p, seed):
    return nx.gnp_random_graph(n, p, seed=seed, directed=True)


def arcs(ev, t):
    return {(ev.nodes[i], ev.nodes[j]) for i, j in zip(*np.nonzero(ev.matrices[t]), strict=True)}


# --------------------------------------------------------------------------- measures


@pytest.mark.parametrize("name", ["krack_advice", "krack_friends", "krack_reports"])
def test_measures_match_networkx_on_krackhardt(name):
    G = orgs.load_dataset(name)
    m = tie_measures(G)
    assert m.ties == G.number_of_edges()
    assert m.density == pytest.approx(nx.density(G))
    assert m.reciprocity == pytest.approx(nx.overall_reciprocity(G))
    assert m.clustering == pytest.approx(nx.transitivity(G.to_undirected()))
    assert m.in_touch == pytest.approx(pairwise_connectivity(G.to_undirected()))


def test_krackhardt_reciprocity_by_counting():
    # brute force: count the returned ties by hand (the figures quoted in chapter 4)
    for name, returned, total in (("krack_advice", 90, 190), ("krack_friends", 46, 102)):
        G = orgs.load_dataset(name)
        count = sum(1 for u, v in G.edges() if G.has_edge(v, u))
        assert (count, G.number_of_edges()) == (returned, total)
        assert reciprocity(G) == pytest.approx(returned / total)


@pytest.mark.parametrize("seed", range(5))
def test_measures_match_networkx_on_random_networks(seed):
    G = random_digraph(25, 0.08, seed)
    m = tie_measures(G)
    assert m.density == pytest.approx(nx.density(G))
    assert m.reciprocity == pytest.approx(nx.overall_reciprocity(G))
    assert m.clustering == pytest.approx(nx.transitivity(G.to_undirected()))
    assert m.in_touch == pytest.approx(pairwise_connectivity(G.to_undirected()))
    U = nx.gnp_random_graph(20, 0.2, seed=seed)
    assert density(U) == pytest.approx(nx.density(U))
    assert clustering(U) == pytest.approx(nx.transitivity(U))
    assert reciprocity(U) == 1.0


# --------------------------------------------------------------------------- evolution


def test_nothing_forms_without_formation():
    G = random_digraph(30, 0.1, 1)
    ev = evolve(G, 6, meet=0.0, reciprocate=0.0, closure=0.0, decay=0.3, seed=4)
    assert sum(ev.formed) == 0
    for t in range(1, 7):
        assert arcs(ev, t) <= arcs(ev, t - 1)
    still = evolve(G, 4, seed=4)
    assert all(arcs(still, t) == set(G.edges()) for t in range(5))


def test_full_decay_removes_every_tie_in_one_step():
    G = orgs.load_dataset("krack_advice")
    ev = evolve(G, 1, decay=1.0, seed=0)
    assert ev.measures(1).ties == 0 and ev.faded == (190,)


def test_pure_decay_mean_matches_binomial_closed_form():
    G = orgs.load_dataset("krack_friends")          # m = 102 ties
    m, d, runs = G.number_of_edges(), 0.3, 400
    left = [evolve(G, 1, decay=d, seed=s).measures(1).ties for s in range(runs)]
    mean = np.mean(left)
    sd = math.sqrt(m * d * (1 - d) / runs)          # sd of the mean of binomial(m, 1-d)
    assert abs(mean - m * (1 - d)) < 4 * sd
    # and the spread is binomial too (variance m d (1-d)), within a loose band
    assert 0.7 < np.var(left) / (m * d * (1 - d)) < 1.3


def test_reciprocity_mean_matches_closed_form():
    # m one-way ties, nothing mutual: after one step, returned ties ~ binomial(m, r)
    G = nx.DiGraph([(i, i + 1) for i in range(60)])
    m, r, runs = 60, 0.4, 400
    mutual = [evolve(G, 1, reciprocate=r, seed=s).measures(1).mutual_pairs for s in range(runs)]
    assert abs(np.mean(mutual) - m * r) < 4 * math.sqrt(m * r * (1 - r) / runs)


def test_random_meeting_mean_matches_closed_form():
    # from nobody knowing anybody, each of n people reaches out with probability meet
    G = nx.empty_graph(50, create_using=nx.DiGraph)
    n, p, runs = 50, 0.2, 400
    new = [evolve(G, 1, meet=p, seed=s).measures(1).ties for s in range(runs)]
    assert abs(np.mean(new) - n * p) < 4 * math.sqrt(n * p * (1 - p) / runs)


def test_mutual_ties_outlast_one_way_ties():
    # a mutual pair loses touch only if both directions fade: d**2 against d per step
    G = nx.DiGraph()
    G.add_edges_from((2 * i, 2 * i + 1) for i in range(50))          # 50 one-way pairs
    G.add_edges_from((100 + 2 * i, 101 + 2 * i) for i in range(50))
    G.add_edges_from((101 + 2 * i, 100 + 2 * i) for i in range(50))  # 50 mutual pairs
    d, runs = 0.5, 200
    lost_one, lost_mutual = [], []
    for s in range(runs):
        A = evolve(G, 1, decay=d, seed=s).matrices[1]
        S = A | A.T
        lost_one.append(sum(not S[2 * i, 2 * i + 1] for i in range(50)))
        lost_mutual.append(sum(not S[100 + 2 * i, 101 + 2 * i] for i in range(50)))
    assert abs(np.mean(lost_one) - 50 * d) < 4 * math.sqrt(50 * d * (1 - d) / runs)
    assert abs(np.mean(lost_mutual) - 50 * d * d) < 4 * math.sqrt(50 * d * d * (1 - d * d) / runs)


def test_clustering_rises_with_closure_on_average():
    G = directed_mesh(40, k=4, rewire=0.3, mutual=0.5, seed=3)
    means = []
    for c in (0.0, 0.3, 0.6, 1.0):
        vals = [evolve(G, 8, meet=0.1, reciprocate=0.3, closure=c, decay=0.15, seed=s).measures(8).clustering
                for s in range(15)]
        means.append(np.mean(vals))
    assert all(a < b for a, b in itertools.pairwise(means)), means


def test_closure_only_closes_two_paths():
    # every tie formed by closure joins two people who had a contact in common
    G = random_digraph(30, 0.08, 2)
    ev = evolve(G, 1, closure=1.0, seed=5)
    U = G.to_undirected()
    new = arcs(ev, 1) - arcs(ev, 0)
    assert new, "closure=1 should introduce somebody"
    for u, v in new:
        assert not U.has_edge(u, v) and set(U[u]) & set(U[v])


def test_same_seed_same_evolution():
    G = orgs.load_dataset("krack_friends")
    kw = dict(meet=0.1, reciprocate=0.3, closure=0.4, decay=0.2, news_from=["1"], tell=0.5)
    a, b = evolve(G, 8, seed=11, **kw), evolve(G, 8, seed=11, **kw)
    assert all(np.array_equal(x, y) for x, y in zip(a.matrices, b.matrices, strict=True))
    assert a.informed == b.informed and a.formed == b.formed
    c = evolve(G, 8, seed=12, **kw)
    assert any(not np.array_equal(x, y) for x, y in zip(a.matrices, c.matrices, strict=True))


def test_used_ties_never_fade():
    G = orgs.load_dataset("krack_friends")
    keep = [("1", "2"), ("2", "1"), ("11", "19")]
    ev = evolve(G, 3, decay=1.0, used=keep)
    expected = {(u, v) for u, v in G.edges() if (u, v) in keep or (v, u) in keep}
    assert arcs(ev, 3) == expected


def test_snapshots_are_graphs_with_attributes():
    G = orgs.load_dataset("krack_friends")
    ev = evolve(G, 2, decay=0.5, seed=0)
    snaps = ev.snapshots
    assert len(snaps) == 3 and set(snaps[0].edges()) == set(G.edges())
    assert snaps[2].nodes["7"]["level"] == 1
    assert snaps[1].number_of_edges() == ev.measures(1).ties


# --------------------------------------------------------------------------- news


@pytest.mark.parametrize("name,source", [("krack_friends", "10"), ("krack_advice", "6")])
def test_news_with_certain_telling_is_breadth_first_layers(name, source):
    G = orgs.load_dataset(name)
    ev = evolve(G, 5, news_from=[source], tell=1.0)
    dist = nx.single_source_shortest_path_length(G.to_undirected(), source)
    for t in range(6):
        assert ev.informed[t] == {v for v, d in dist.items() if d <= t}


def test_ties_that_carry_news_are_refreshed():
    G = orgs.load_dataset("krack_friends")
    ev = evolve(G, 1, decay=1.0, news_from=["10"], tell=1.0)
    expected = {(u, v) for u, v in G.edges() if "10" in (u, v)}   # every tie of 10 carried the news
    assert expected and arcs(ev, 1) == expected


def test_news_verdict_when_ties_fade():
    G = nx.path_graph(6)
    assert news_verdict(evolve(G, 5, news_from=[0])) == "Everyone had heard the news after 5 steps."
    stuck = news_verdict(evolve(nx.empty_graph(4), 3, news_from=[0]))
    assert "3 of 4 people had not heard" in stuck and "no tie leads" in stuck


def test_verdicts_at_the_start_say_so():
    ev = evolve(nx.path_graph(4), 3, news_from=[0])
    assert news_verdict(ev.until(0)) == "At the start, 3 of 4 people have not heard the news, and it can still spread."
    h = degroot([nx.path_graph(4)] * 3, [0, 0, 1, 1])
    assert consensus_verdict(h[:1]) == "At the start the highest and lowest opinions are 1.00 apart."
    same = degroot([nx.path_graph(3)] * 2, [0.5, 0.5, 0.52])
    assert consensus_verdict(same).startswith("The group agrees from the start")


# --------------------------------------------------------------------------- consensus


@pytest.mark.parametrize("seed", range(3))
def test_degroot_limit_is_degree_weighted_average(seed):
    G = nx.connected_watts_strogatz_graph(15, 4, 0.3, seed=seed)
    x = np.random.default_rng(seed).random(15)
    hist = degroot([G] * 400, x)
    deg = np.array([G.degree(v) for v in G]) + 1.0
    expected = (deg * x).sum() / deg.sum()
    assert np.allclose(hist[-1], expected, atol=1e-9)


def test_degroot_listening_out_converges_to_perron_vector():
    G = orgs.load_dataset("krack_advice")          # strongly connected
    nodes = list(G)
    x = np.linspace(0, 1, len(nodes))
    A = nx.to_numpy_array(G, nodelist=nodes) + np.eye(len(nodes))
    W = A / A.sum(axis=1, keepdims=True)
    vals, vecs = np.linalg.eig(W.T)
    pi = np.real(vecs[:, np.argmax(np.real(vals))])
    pi = pi / pi.sum()
    hist = degroot([G] * 300, x, listen="out")
    assert np.allclose(hist[-1], pi @ x, atol=1e-9)


def test_degroot_on_unchanging_evolution_reproduces_static_result():
    G = orgs.load_dataset("krack_friends")
    x = {v: float(G.nodes[v]["dept"] == 2) for v in G}
    ev = evolve(G, 7, seed=3)                       # no rates: the ties never change
    static = degroot([G] * 7, x)
    nodes = list(G)
    A = nx.to_numpy_array(G.to_undirected(), nodelist=nodes) + np.eye(len(nodes))
    W = A / A.sum(axis=1, keepdims=True)
    direct = np.linalg.matrix_power(W, 7) @ np.array([x[v] for v in nodes])
    assert np.allclose(degroot(ev, x), static)
    assert np.allclose(static[-1], direct)


def test_consensus_helpers():
    hist = degroot([nx.complete_graph(4)] * 3, [0, 0, 0, 4])
    assert consensus_step(hist) == 1 and disagreement(hist)[0] == 4
    split = degroot([nx.Graph([(0, 1), (2, 3)])] * 4, [0, 0, 1, 1])
    assert consensus_step(split) is None
    assert "cannot agree" in consensus_verdict(split, network=nx.Graph([(0, 1), (2, 3)]))
    assert "has not started to close" in consensus_verdict(split)
    assert "agreed" in consensus_verdict(hist)
    ring = degroot([nx.cycle_graph(20)] * 6, [float(i < 10) for i in range(20)])
    assert consensus_verdict(ring, network=nx.cycle_graph(20)).endswith("the gap is still closing.")


def test_opinions_on_shortcut_network_agree_faster_than_on_clustered_one():
    # same people, same starting ties and opinions: strangers meeting adds shortcuts
    G = directed_mesh(40, k=4, rewire=0.0, mutual=1.0, seed=0)
    x = {v: float(v < 20) for v in G}
    gaps = {}
    for label, rates in (("static", {}), ("friends", dict(closure=0.5, reciprocate=0.5, decay=0.1)),
                         ("strangers", dict(meet=0.5, reciprocate=0.5, decay=0.1))):
        gaps[label] = np.mean([disagreement(degroot(evolve(G, 12, seed=s, **rates), x))[-1] for s in range(5)])
    assert gaps["strangers"] < gaps["friends"] < gaps["static"]


# --------------------------------------------------------------------------- coordination


@pytest.mark.parametrize("r,depth", [(2, 3), (3, 2), (4, 3)])
def test_chain_of_command_time_is_twice_the_depth(r, depth):
    T = nx.balanced_tree(r, depth)
    leaves = [v for v in T if T.degree(v) == 1]
    origin, far = leaves[0], leaves[-1]           # in different top-level branches
    hop = 1.5
    got = chain_of_command(T, Need(origin, frozenset({far}), 1), top=0, hop_hours=hop, boss_hours=0)
    hops = nx.shortest_path_length(T, origin, 0) + nx.shortest_path_length(T, 0, far)
    assert hops == 2 * depth
    assert got.hours == pytest.approx(2 * depth * hop) and got.boss == 0 and got.hops == 2 * depth
    assert got.paths[0] == tuple(nx.shortest_path(T, origin, far))


def test_chain_of_command_queue_at_the_boss():
    # q needs from different branches reach the top at the same moment; the boss takes
    # b hours per request, one at a time: they are met at 2 D h + b, 2 D h + 2 b, ...
    T = nx.balanced_tree(3, 2)                    # top 0, managers 1-3, staff 4-12
    staff = {1: [4, 5, 6], 2: [7, 8, 9], 3: [10, 11, 12]}
    needs = [Need(staff[1][0], frozenset({staff[2][0]}), 1),
             Need(staff[2][1], frozenset({staff[3][1]}), 1),
             Need(staff[3][2], frozenset({staff[1][2]}), 1)]
    got = chain_of_command(T, needs, top=0, hop_hours=1.0, boss_hours=0.5)
    assert sorted(x.hours for x in got) == [4.5, 5.0, 5.5]
    assert sorted(x.waited_hours for x in got) == [0.0, 0.5, 1.0]


def test_chain_of_command_stops_at_the_lowest_boss_who_knows():
    T = nx.balanced_tree(2, 2)
    got = chain_of_command(T, Need(3, frozenset({4}), 1), top=0, boss_hours=0.25)
    assert got.boss == 1 and got.hours == 2.25


def test_chain_of_command_escalates_when_skilled_people_are_busy():
    T = nx.balanced_tree(2, 2)                    # 1 manages 3, 4; 2 manages 5, 6
    needs = [Need(3, frozenset({4, 6}), 1), Need(3, frozenset({4, 6}), 1)]
    first, second = chain_of_command(T, needs, top=0, hop_hours=1, boss_hours=0)
    assert first.recruits == (4,) and first.hours == 2
    assert second.recruits == (6,) and second.boss == 0 and second.hours == 4


@pytest.mark.parametrize("d", [1, 3, 6])
def test_recruiting_through_ties_on_a_path_is_bfs_distance(d):
    G = nx.path_graph(8)
    got = recruit_through_ties(G, Need(0, frozenset({d}), 1), hop_hours=2.0)
    assert got.hours == 2.0 * nx.shortest_path_length(G, 0, d)
    assert got.new_ties == (((0, d),) if d > 1 else ())


@pytest.mark.parametrize("seed", range(4))
def test_recruiting_takes_the_kth_nearest_skilled_person(seed):
    G = nx.gnp_random_graph(40, 0.08, seed=seed)
    need = sudden_need(G, k=3, skilled_share=0.25, seed=seed)
    dist = nx.single_source_shortest_path_length(G, need.origin)
    reach = sorted(dist[v] for v in need.skilled if v in dist)
    got = recruit_through_ties(G, need)
    if len(reach) >= 3:
        assert got.hours == reach[2]
    else:
        assert got.hours == math.inf


def test_a_skilled_person_joins_only_one_need():
    G = nx.path_graph(5)
    a, b = recruit_through_ties(G, [Need(0, frozenset({2}), 1), Need(4, frozenset({2}), 1)])
    assert a.recruits == (2,) and b.hours == math.inf


def test_strangers_lose_to_the_chain_of_command():
    T = nx.balanced_tree(2, 3)
    need = Need(7, frozenset({14}), 1)
    r = race(nx.empty_graph(T.nodes()), T, need, top=0, boss_hours=0.5)
    assert r.ties.hours == math.inf and r.chain.hours == 6.5
    assert race_verdict(r).startswith("Only the chain of command met the need (6.5 hours)")
    # with the same people tied along the chart, ties match the chain minus the boss's time
    r2 = race(T, T, need, top=0, boss_hours=0.5)
    assert r2.ties.hours == 6.0 and "before the chain of command" in race_verdict(r2)


def test_a_long_thin_informal_network_loses_to_a_shallow_chart():
    T = nx.star_graph(9)                          # one boss, everyone reports to them
    P = nx.path_graph(10)
    r = race(P, T, Need(1, frozenset({9}), 1), top=0, boss_hours=0.5)
    assert r.chain.hours == 2.5 and r.ties.hours == 8.0
    assert race_verdict(r).startswith("The chain of command was faster")


def test_krackhardt_race_ties_win():
    advice = orgs.load_dataset("krack_advice")
    reports = orgs.load_dataset("krack_reports", top_down=True)
    for seed in range(10):
        r = race(advice, reports, sudden_need(advice, k=3, seed=seed), top="7")
        assert r.ties.hours <= r.chain.hours


def test_sudden_need_is_seeded_and_well_formed():
    a = sudden_need(range(30), k=3, skilled_share=0.2, seed=4)
    assert a == sudden_need(range(30), k=3, skilled_share=0.2, seed=4)
    assert a.origin not in a.skilled and len(a.skilled) == round(0.2 * 29)
    assert len(sudden_need(range(10), k=4, skilled_share=0.0).skilled) == 4


def test_many_needs_verdict():
    T = nx.balanced_tree(3, 2)
    G = nx.complete_graph(13)
    needs = [sudden_need(G, k=1, seed=s) for s in range(6)]
    text = race_verdict(race(G, T, needs, top=0))
    assert text.startswith("Ties coped better with many needs at once")


# --------------------------------------------------------------------------- verdicts and errors


def test_trend_verdicts():
    G = orgs.load_dataset("krack_friends")
    assert "coming apart" in trend(evolve(G, 6, decay=0.5, seed=0))
    grow = trend(evolve(G, 6, reciprocate=0.5, closure=0.8, meet=0.3, seed=0))
    assert grow.startswith("Ties form faster than they fade")
    assert trend(evolve(G, 3, seed=0)).startswith("Ties form about as fast as they fade (0 formed, 0 faded")
    assert trend(evolve(G, 3).until(0)).startswith("The starting network: 102 ties")


def test_errors_say_what_to_do():
    G = orgs.load_dataset("krack_friends")
    with pytest.raises(P2PKitError, match="probability between 0 and 1"):
        evolve(G, 2, decay=1.5)
    with pytest.raises(P2PKitError, match="whole number"):
        evolve(G, -1)
    with pytest.raises(P2PKitError, match="not in the network"):
        evolve(G, 1, news_from=["nobody"])
    with pytest.raises(P2PKitError, match="pairs of people"):
        evolve(G, 1, used=[1, 2])
    with pytest.raises(P2PKitError, match="must be a tree"):
        chain_of_command(nx.cycle_graph(4), Need(1, frozenset({2})), top=0)
    with pytest.raises(P2PKitError, match="not in the chain"):
        chain_of_command(nx.path_graph(3), Need(1, frozenset({2})), top=9)
    with pytest.raises(P2PKitError, match="one opinion per person"):
        degroot([G], [0.0, 1.0])
    with pytest.raises(P2PKitError, match="sequence of networks"):
        degroot(G, {v: 0.0 for v in G})
    with pytest.raises(P2PKitError, match="at least 4 people"):
        sudden_need(range(3), k=3)


# --------------------------------------------------------------------------- snapshots: who changed, who is cut off


@pytest.mark.parametrize("seed", range(4))
def test_tie_changes_are_the_set_differences_of_the_snapshots(seed):
    G = random_digraph(25, 0.1, seed)
    ev = evolve(G, 5, meet=0.1, reciprocate=0.3, closure=0.3, decay=0.3, seed=seed)
    assert ev.tie_changes(0) == ((), ())
    for t in range(1, 6):
        formed, faded = ev.tie_changes(t)
        assert set(formed) == arcs(ev, t) - arcs(ev, t - 1)
        assert set(faded) == arcs(ev, t - 1) - arcs(ev, t)
        assert (len(formed), len(faded)) == (ev.formed[t - 1], ev.faded[t - 1])
    with pytest.raises(P2PKitError, match="from 0 to 5"):
        ev.tie_changes(6)


@pytest.mark.parametrize("seed", range(4))
def test_contacts_and_outside_match_networkx(seed):
    G = random_digraph(30, 0.05, seed)
    ev = evolve(G, 4, decay=0.4, reciprocate=0.2, seed=seed)
    for t in range(5):
        U = ev.network(t).to_undirected()
        assert ev.contacts(t) == dict(U.degree())
        biggest = max(nx.connected_components(U), key=len)
        assert set(ev.outside(t)) == set(U) - biggest
        m = ev.measures(t)
        n, k = len(U), len(biggest)
        # nobody outside the largest group <=> everyone is in touch
        assert (not ev.outside(t)) == (m.in_touch == 1.0)
        assert m.in_touch >= k * (k - 1) / (n * (n - 1)) - 1e-12


def test_outside_breaks_ties_between_equal_groups_by_order():
    ev = evolve(nx.DiGraph([(0, 1), (2, 3)]), 0)
    assert ev.outside(0) == (2, 3)


@pytest.mark.parametrize("name,origin", [("krack_friends", "10"), ("krack_advice", "3")])
def test_request_hours_are_breadth_first_distances(name, origin):
    from p2pkit.dynamics import request_hours
    G = orgs.load_dataset(name)
    got = request_hours(G, origin, hop_hours=1.5)
    dist = nx.single_source_shortest_path_length(G.to_undirected(), origin)
    assert got == {v: 1.5 * d for v, d in dist.items()}
    # the hours through ties are those of the k-th nearest skilled person
    need = sudden_need(G, k=3, seed=2)
    need = Need(origin, need.skilled - {origin}, 3)
    r = recruit_through_ties(G, need, hop_hours=1.5)
    assert r.hours == sorted(got[v] for v in need.skilled if v in got)[2]
    with pytest.raises(P2PKitError, match="not in the network"):
        request_hours(G, "nobody")


# --------------------------------------------------------------------------- figures (p2pkit.views.dynamics)


def _readout(s):
    return dict(s["readout"])


def _kinds(panel):
    """Tie kind -> set of (name, name) pairs, from a network panel."""
    names = panel["people"]["name"]
    out = {}
    for e, kind in enumerate(panel.get("tie_kind", [])):
        a, b = panel["ties"][2 * e], panel["ties"][2 * e + 1]
        out.setdefault(kind, set()).add(frozenset((names[a], names[b])))
    return out


def _roles(panel):
    return dict(zip(panel["people"]["id"], panel["role"], strict=True))


@pytest.mark.parametrize("informal", ["friends", "advice", "strangers"])
@pytest.mark.parametrize("seed", [0, 1, 3])
def test_race_figure_shows_what_the_race_says(informal, seed):
    from p2pkit.views.dynamics import krackhardt_network, manager_names, race_scene
    G, reports = krackhardt_network(informal), krackhardt_network("reports")
    need = sudden_need(orgs.load_dataset("krack_friends"), k=3, skilled_share=0.2, seed=seed)
    r = race(G, reports, need, top="7")
    s = race_scene(informal, 3, seed)
    assert s["verdict"] == race_verdict(r)
    left, right = s["panels"]
    for panel, resp in ((left, r.ties), (right, r.chain)):
        roles = _roles(panel)
        assert roles[need.origin] == "need"
        assert {v for v, x in roles.items() if x == "recruited"} == set(resp.recruits)
        assert {v for v, x in roles.items() if x in ("skilled", "recruited")} == set(need.skilled)
        names = manager_names(reports)
        route = {frozenset((names[a], names[b])) for p in resp.paths for a, b in itertools.pairwise(p)}
        assert _kinds(panel).get("r", set()) == route
    assert _roles(right)[r.chain.boss] == ("recruited" if r.chain.boss in r.chain.recruits else "boss")
    assert _kinds(left).get("n", set()) == {frozenset((manager_names(G)[a], manager_names(G)[b]))
                                           for a, b in r.ties.new_ties}
    hours = dict(zip(left["people"]["id"], left["figures"][0]["values"], strict=True))
    assert all(hours[v] is None for v in G if not nx.has_path(G.to_undirected(), need.origin, v))


def test_race_numbers_in_the_chapter():
    from p2pkit.views.dynamics import race_scene
    friends, advice, strangers = (race_scene(x, 3, 1) for x in ("friends", "advice", "strangers"))
    assert _readout(friends)["The need"] == "3 people with the skill, next to Manager 10"
    assert _readout(friends)["People with the skill"] == "4"
    assert _readout(friends)["Through ties"] == "2 hours, 2 hand-offs"
    assert _readout(friends)["Chain of command"].startswith("4.5 hours")
    assert "Manager 7 (chief executive)" in _readout(friends)["Chain of command"]
    assert _readout(friends)["New ties formed"] == "1"
    # strangers: only the chain of command, in 4.5 hours
    assert _readout(strangers)["Through ties"] == "never"
    assert strangers["verdict"].startswith("Only the chain of command met the need (4.5 hours)")
    # advice: all three are manager 10's own contacts, met in one hour
    assert _readout(advice)["Through ties"] == "1 hour, 1 hand-off"
    assert _readout(advice)["New ties formed"] == "0"


def test_many_needs_numbers_in_the_chapter():
    from p2pkit.views.dynamics import many_needs_scene
    s = many_needs_scene(6, 2, "friends", 0)
    r = _readout(s)
    assert r["Met through ties"] == "5 of 6, the last after 2 hours"
    assert r["Met through the chain"] == "5 of 6, the last after 6.5 hours"
    assert s["verdict"].startswith("Ties coped better with many needs at once")
    ties, chain = s["panels"][0]["series"]
    assert ties["step"] and chain["step"]
    # the step lines' corners: needs met so far, as in the chapter's description
    assert list(zip(ties["x"], ties["y"], strict=True))[:3] == [(0, 0), (1, 1), (2, 5)]
    assert list(zip(chain["x"], chain["y"], strict=True))[:6] == [(0, 0), (1.5, 1), (4.5, 2), (5, 3), (5.5, 4), (6.5, 5)]
    # neither route meets the sixth need, and every chain answer came from the chief executive
    friends = orgs.load_dataset("krack_friends")
    reports = orgs.load_dataset("krack_reports", top_down=True)
    races = race(friends, reports, [sudden_need(friends, k=2, seed=100 + i) for i in range(6)], top="7")
    assert sum(not r.ties.met and not r.chain.met for r in races) == 1
    assert {r.chain.boss for r in races} == {"7"}


def test_flow_numbers_in_the_chapter():
    from p2pkit.views.dynamics import flow_scene
    said = {
        "strangers": ("Everyone had heard the news after 4 steps.",
                      "The group agreed (every opinion within 0.1 of the others) after 8 steps"),
        "friends": ("Everyone had heard the news after 6 steps.", "highest and lowest opinions 0.28 apart"),
        "still": ("Everyone had heard the news after 10 steps.", "highest and lowest opinions 0.92 apart"),
        "fade": ("18 of 40 people had not heard the news", "it has split into"),
    }
    for regime, (news, agree) in said.items():
        s = flow_scene(regime, 12, 0)
        assert news in s["verdict"] and agree in s["verdict"], (regime, s["verdict"])
    rows = _readout(flow_scene("fade", 12, 0))
    assert rows["Ties fade, none form (shown)"].startswith("55% heard")
    # "both kinds of formation add about as many ties"
    ring = directed_mesh(40, k=4, rewire=0.0, mutual=1.0, seed=0)
    ties = {k: evolve(ring, 12, seed=0, **rates).measures(12).ties
            for k, rates in (("friends", dict(closure=0.5, reciprocate=0.5, decay=0.1)),
                             ("strangers", dict(meet=0.5, reciprocate=0.5, decay=0.1)))}
    assert ties["friends"] > 2 * ring.number_of_edges()
    assert abs(ties["friends"] - ties["strangers"]) < 0.15 * ties["strangers"]


@pytest.mark.parametrize("step", [0, 3, 12])
def test_flow_figure_follows_the_run(step):
    from p2pkit.views.dynamics import REGIMES, flow_scene
    ring = directed_mesh(40, k=4, rewire=0.0, mutual=1.0, seed=0)
    ev = evolve(ring, 12, news_from=[0], seed=1, **REGIMES["friends"][2])
    hist = degroot(ev, {v: float(v < 20) for v in ring})
    s = flow_scene("friends", step, 1)
    net = s["panels"][0]
    assert {v for v, r in _roles(net).items() if r == "heard"} == {str(v) for v in ev.informed[step]}
    opinion = dict(zip(net["people"]["id"], net["figures"][0]["values"], strict=True))
    assert all(opinion[str(v)] == pytest.approx(hist[step][i], abs=1e-3) for i, v in enumerate(ev.nodes))
    assert len(net["ties"]) // 2 == ev.network(step).to_undirected().number_of_edges()
    assert s["verdict"].startswith(news_verdict(ev.until(step)))


@pytest.mark.parametrize("step", [0, 1, 5, 11])
def test_evolution_figure_follows_the_model(step):
    from p2pkit.views.dynamics import evolution_scene
    G = orgs.load_dataset("krack_friends")
    ev = evolve(G, 11, reciprocate=0.2, closure=0.2, decay=0.25, seed=0)
    s = evolution_scene(step, 0.2, 0.2, 0.25, 0.0, 0)
    assert s["verdict"] == trend(ev.until(step))
    net = s["panels"][0]
    roles = _roles(net)
    assert {v for v, r in roles.items() if r == "cut_off"} == set(ev.outside(step))
    assert roles["7"] in ("chief", "cut_off")
    formed, faded = ev.tie_changes(step)
    kinds = net.get("tie_kind", [])
    assert kinds.count("f") == len(formed) and kinds.count("x") == len(faded)
    assert kinds.count("t") + kinds.count("f") == ev.measures(step).ties
    r = _readout(s)
    m = ev.measures(step)
    assert r["Density"] == f"{m.density:.2f}" and r["Pairs still in touch"] == f"{m.in_touch:.0%}"
    chart = s["panels"][1]
    assert chart["marker"]["x"] == step
    assert chart["series"][0]["y"] == pytest.approx([ev.measures(t).density for t in range(12)], rel=1e-3)


def test_the_explore_goal_and_things_to_try_have_answers():
    from p2pkit.views.dynamics import evolution_scene
    verdicts = [evolution_scene(t, 0.2, 0.2, 0.25, 0.0, 0)["verdict"] for t in range(12)]
    first = next(t for t, v in enumerate(verdicts) if "coming apart" in v)
    assert first == 4
    # raising "Return a tie": still coming apart at 0.4, growing at 0.6 (step 11)
    assert "coming apart" in evolution_scene(11, 0.4, 0.2, 0.25, 0.0, 0)["verdict"]
    assert "growing denser" in evolution_scene(11, 0.6, 0.2, 0.25, 0.0, 0)["verdict"]
    # meeting strangers keeps everyone in touch
    assert _readout(evolution_scene(11, 0.2, 0.2, 0.25, 0.0, 0))["Pairs still in touch"] == "57%"
    assert _readout(evolution_scene(11, 0.2, 0.2, 0.25, 0.3, 0))["Pairs still in touch"] == "100%"
    # a milder decay: the network grows
    assert "growing denser" in evolution_scene(11, 0.2, 0.2, 0.1, 0.0, 0)["verdict"]
    # the chapter's "reciprocity stays between about 0.4 and 0.5"
    ev = evolve(orgs.load_dataset("krack_friends"), 11, reciprocate=0.2, closure=0.2, decay=0.25, seed=0)
    assert all(0.35 <= ev.measures(t).reciprocity <= 0.55 for t in range(12))


@pytest.mark.parametrize("start", ["friends", "advice", "mesh"])
def test_sandbox_need_is_the_race_on_the_network_of_the_moment(start):
    from p2pkit.views.dynamics import _evolution, sandbox_scene
    s = sandbox_scene(start, 40, 8, True, 0.2, 0.2, 0.25, 0.0, 1)
    ev, tree, top, _, _ = _evolution(start, 40 if start == "mesh" else 0, 12, 0.2, 0.2, 0.25, 0.0, 1)
    current = ev.network(8)
    r = race(current, tree, sudden_need(current, k=3, skilled_share=0.15, seed=1 + 8000), top)
    assert s["verdict"] == race_verdict(r) + " " + trend(ev.until(8))
    assert len(s["panels"][0]["people"]["id"]) == (40 if start == "mesh" else 21)
    off = sandbox_scene(start, 40, 8, False, 0.2, 0.2, 0.25, 0.0, 1)
    assert off["verdict"] == trend(ev.until(8))
    assert [p["kind"] for p in s["panels"]] == [p["kind"] for p in off["panels"]] == ["network", "chart"]


def test_sandbox_draws_large_meshes_without_arrows():
    from p2pkit.views.dynamics import sandbox_scene
    small = sandbox_scene("mesh", 30, 2, False, 0.2, 0.2, 0.25, 0.0, 0)["panels"][0]
    large = sandbox_scene("mesh", 200, 2, False, 0.2, 0.2, 0.25, 0.0, 0)["panels"][0]
    assert small["directed"] and not large["directed"]
    assert len(large["people"]["id"]) == 200


def test_krackhardt_table_numbers_and_escaping():
    from p2pkit.views.dynamics import krackhardt_table
    t = krackhardt_table()
    assert t.rows[0][1] == "190" and t.rows[1][1] == "102"
    assert t.rows[0][3] == "90 (47%)" and t.rows[1][3] == "46 (45%)"
    # chapter 4: "almost twice as many advice ties, and they are far more cliquish"
    assert (t.rows[0][2], t.rows[1][2]) == ("0.45", "0.24")        # density
    assert (t.rows[0][4], t.rows[1][4]) == ("0.73", "0.47")        # clustering (transitivity)
    assert 1.75 < 190 / 102 < 2
    html_text = t._repr_html_()
    assert "<th scope='col'>Ties returned</th>" in html_text and html_text.count("<tr>") == 3


def test_positions_do_not_change_with_the_controls():
    from p2pkit.views.dynamics import evolution_scene, race_scene
    a = race_scene("friends", 3, 1)["panels"][0]["people"]
    b = race_scene("advice", 2, 4)["panels"][0]["people"]
    c = evolution_scene(7, 0.6, 0.2, 0.1, 0.3, 0)["panels"][0]["people"]
    assert a == b
    assert (a["x"], a["y"]) == (c["x"], c["y"])


def test_unknown_role_for_a_tie_kind_is_refused():
    from p2pkit.views.scene import network
    with pytest.raises(P2PKitError, match="unknown role"):
        network(nx.path_graph(2), {0: (0, 0), 1: (1, 1)}, tie_kinds={(0, 1): "r"}, kind_roles={"r": "nobody"})


def test_routes_do_not_depend_on_the_python_process():
    # networkx's undirected view of a DiGraph lists contacts in set order, which follows the
    # process's string hashing; the model must say the same route in every process
    import subprocess
    import sys
    code = ("from p2pkit import orgs; from p2pkit.dynamics import race, sudden_need;"
            "F = orgs.load_dataset('krack_friends'); T = orgs.load_dataset('krack_reports', top_down=True);"
            "print([race(F, T, sudden_need(F, k=3, seed=s), top='7').ties.paths for s in range(6)])")
    out = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**__import__("os").environ, "PYTHONHASHSEED": str(h)}).stdout for h in (1, 2, 3)}
    assert len(out) == 1


def test_counts_may_be_numpy_integers_and_rates_numpy_floats():
    # issue 14: one validator of each kind (the local _whole and _probability are gone)
    i, f = np.int64, np.float64
    G = directed_mesh(i(20), k=i(4), mutual=f(0.5), seed=i(1))
    assert nx.utils.graphs_equal(G, directed_mesh(20, k=4, mutual=0.5, seed=1))
    a, b = evolve(G, i(3), decay=f(0.3), seed=i(2)), evolve(G, 3, decay=0.3, seed=2)
    assert all(np.array_equal(x, y) for x, y in zip(a.matrices, b.matrices, strict=True))
    assert a.tie_changes(i(2)) == b.tie_changes(2)
    assert sudden_need(G, k=i(2), skilled_share=f(0.25), seed=i(3)) == sudden_need(G, k=2, skilled_share=0.25, seed=3)
    with pytest.raises(P2PKitError, match=r"evolve\(\) \(an evolving network\) needs a network of at least 2 people"):
        evolve(nx.empty_graph(1), 1)
    with pytest.raises(P2PKitError, match=r"tie_measures\(\) needs a networkx graph of people and ties; got list"):
        tie_measures([(0, 1)])
    with pytest.raises(P2PKitError, match=r"the step \(from 0 to 3\) must be a whole number of at least 0; got -1"):
        a.until(-1)
