"""Relational dynamics (chapter 4) against closed forms, networkx and brute force."""

import math
import re

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
    return {(ev.nodes[i], ev.nodes[j]) for i, j in zip(*np.nonzero(ev.matrices[t]))}


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
    assert all(a < b for a, b in zip(means, means[1:])), means


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
    assert all(np.array_equal(x, y) for x, y in zip(a.matrices, b.matrices))
    assert a.informed == b.informed and a.formed == b.formed
    c = evolve(G, 8, seed=12, **kw)
    assert any(not np.array_equal(x, y) for x, y in zip(a.matrices, c.matrices))


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
    assert trend(evolve(G, 3), upto=0).startswith("The starting network: 102 ties")


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


# --------------------------------------------------------------------------- views


@pytest.fixture(scope="module")
def scrub():
    from p2pkit.explorables.dynamics import evolution_scrubber
    return evolution_scrubber(steps=3)


def test_scrubber_is_offline_light_and_deterministic(scrub):
    from p2pkit.explorables.dynamics import evolution_scrubber
    assert not re.search(r"""(src|href)=["']https?://""", scrub.html)
    assert re.search(r'<img id="_anim_img[0-9a-f]+" alt="Animation in 4 frames', scrub.html)
    assert len(re.findall(r"frames\[\d+\] = ", scrub.html)) == 4
    assert evolution_scrubber(steps=3).html == scrub.html
    with pytest.raises(P2PKitError, match="at most 11 steps"):
        evolution_scrubber(steps=12)


def test_static_figures_draw():
    import matplotlib.pyplot as plt
    from p2pkit.explorables.dynamics import flow_figure, many_needs_figure, race_figure
    advice = orgs.load_dataset("krack_advice")
    reports = orgs.load_dataset("krack_reports", top_down=True)
    fig = race_figure(advice, reports, sudden_need(advice, seed=1), top="7")
    assert len(fig.axes) == 2
    plt.close(fig)
    fig = many_needs_figure(advice, reports, [sudden_need(advice, k=1, seed=s) for s in range(4)], top="7")
    plt.close(fig)
    fig, res = flow_figure(directed_mesh(20, mutual=1.0), {"still": {}, "fading": {"decay": 0.5}}, steps=4)
    assert set(res) == {"still", "fading"}
    plt.close(fig)


def test_widget_updates_and_never_shows_a_traceback():
    from p2pkit.widgets.dynamics import explorer
    e = explorer(step=3)
    assert "Verdict:" in e.readout.value and e.message.value == ""
    e.controls["need"].value = True
    assert "Sudden need:" in e.readout.value
    e.controls["start"].value = "mesh"
    e.controls["people"].value = 20
    assert "20 /" in e.readout.value
    e.controls["seed"].value = -5      # invalid for the generator -> a message, not a traceback
    assert "Traceback" not in e.message.value and e.message.value != ""
    e.controls["seed"].value = 1
    assert e.message.value == ""
