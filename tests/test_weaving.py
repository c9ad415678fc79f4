"""Chapter 8: network-weaving phases and actions, against brute force and stated structure."""

from itertools import combinations

import networkx as nx
import numpy as np
import pytest

from p2pkit import weaving
from p2pkit.architecture import pairwise_connectivity
from p2pkit.errors import P2PKitError


def brute_triangles(G):
    return sum(1 for a, b, c in combinations(G, 3) if G.has_edge(a, b) and G.has_edge(b, c) and G.has_edge(a, c))


# ----------------------------------------------------------------- the phase generators

@pytest.mark.parametrize("n,clusters,seed", [(30, 3, 0), (60, 5, 1), (48, 4, 2), (200, 8, 3), (24, 2, 4)])
def test_phase_one_has_exactly_the_clusters(n, clusters, seed):
    G = weaving.scattered(n, clusters, seed=seed)
    assert G.number_of_nodes() == n
    assert nx.number_connected_components(G) == clusters
    for c in nx.connected_components(G):
        assert len({G.nodes[v]["group"] for v in c}) == 1
    assert G.nodes[0]["role"] == "weaver"


@pytest.mark.parametrize("n,clusters,seed", [(60, 5, 0), (48, 4, 1), (150, 6, 2), (40, 2, 3)])
def test_phases_are_nested_and_have_the_stated_structure(n, clusters, seed):
    one, two, three, four = weaving.phases(n, clusters, seed=seed)
    for a, b in ((one, two), (two, three), (three, four)):
        assert set(a) == set(b) and all(b.has_edge(*e) for e in a.edges())
        assert b.number_of_edges() > a.number_of_edges()
    # phase 2: one network, the weaver is the busiest and the only way between clusters
    assert nx.is_connected(two)
    deg = dict(two.degree())
    assert deg[0] == max(deg.values())
    assert 0 in set(nx.articulation_points(two))
    without = two.subgraph(v for v in two if v != 0)
    assert nx.number_connected_components(without) >= clusters
    share2 = nx.betweenness_centrality(two)[0]
    assert share2 == max(nx.betweenness_centrality(two).values())
    # phase 3: several hubs; nobody, the weaver included, is needed to keep everyone in touch
    hubs = [v for v in three if three.nodes[v]["role"] == "hub"]
    assert len(hubs) == clusters - 1
    assert nx.is_connected(three.subgraph(v for v in three if v != 0))
    assert nx.betweenness_centrality(three)[0] < share2
    # phase 4: a core in which everyone knows everyone, and everyone else tied to it
    core = set(four.graph["core"])
    assert all(four.has_edge(a, b) for a, b in combinations(core, 2))
    assert all(any(w in core for w in four[v]) for v in four if v not in core)
    assert weaving.core_periphery_fit(four, core) > weaving.core_periphery_fit(three, core)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("n,clusters", [(60, 5), (48, 4), (150, 6), (300, 10), (32, 2)])
def test_classify_names_each_generated_phase(n, clusters, seed):
    assert tuple(weaving.classify(G) for G in weaving.phases(n, clusters, seed=seed)) == weaving.PHASES


def test_phases_are_deterministic():
    a = weaving.phases(60, 5, seed=11)
    b = weaving.phases(60, 5, seed=11)
    assert all(nx.utils.graphs_equal(x, y) for x, y in zip(a, b, strict=True))


# ----------------------------------------------------------------- measures

def test_triangles_match_brute_force():
    for G in (nx.karate_club_graph(), nx.gnp_random_graph(25, 0.3, seed=1), weaving.phase(4, 30, 3)):
        assert weaving.triangles(G) == brute_triangles(G)


def test_main_core_matches_networkx_k_core():
    G = weaving.phase(4, 60, 5)
    assert set(weaving.main_core(G)) == set(nx.k_core(G))


def test_core_periphery_fit_is_a_pearson_correlation():
    G = nx.gnp_random_graph(30, 0.2, seed=4)
    core = list(range(8))
    x, y = [], []
    for a, b in combinations(range(30), 2):
        if (a in core) == (b in core):  # pairs split across core and periphery are left out
            x.append(int(G.has_edge(a, b)))
            y.append(int(a in core))
    expected = np.corrcoef(x, y)[0, 1]
    assert weaving.core_periphery_fit(G, core) == pytest.approx(expected)
    ideal = nx.complete_graph(5)
    ideal.add_edges_from((i, 5 + i) for i in range(5))
    assert weaving.core_periphery_fit(ideal, range(5)) == pytest.approx(1.0)
    with pytest.raises(P2PKitError, match="at least two"):
        weaving.core_periphery_fit(G, [0])


def test_phase_profile_agrees_with_independent_measures():
    G = weaving.phase(2, 60, 5, seed=3)
    p = weaving.phase_profile(G)
    assert p.pairs_in_touch == pairwise_connectivity(G)
    assert p.weaver_load == pytest.approx(nx.betweenness_centrality(G)[0])
    assert p.mean_hops == pytest.approx(nx.average_shortest_path_length(G))
    assert p.survives_without_weaver == pytest.approx(pairwise_connectivity(G.subgraph(range(1, 60))))
    assert p.clustering == pytest.approx(nx.transitivity(G))
    assert p.triangles == brute_triangles(G)
    assert "Hub-and-spoke" in weaving.phase_verdict(p)


# ----------------------------------------------------------------- weaving actions

@pytest.mark.parametrize("seed", range(6))
def test_closing_a_triangle_adds_exactly_its_shared_colleagues(seed):
    G = weaving.phase(1, 40, 4, seed=seed)
    r = weaving.weave(G, "close", 1, seed=seed)
    (a, b), = r.added
    assert not G.has_edge(a, b) and r.graph.has_edge(a, b)
    shared = len(list(nx.common_neighbors(G, a, b)))
    assert shared >= 1
    # each shared colleague closes one new triangle; counted by brute force
    assert brute_triangles(r.graph) - brute_triangles(G) == shared == r.triangles_after - r.triangles_before


def test_k_closures_add_at_least_k_triangles():
    G = weaving.phase(3, 60, 5)
    r = weaving.weave(G, "close", 10, seed=1)
    assert r.done == 10 and r.triangles_after - r.triangles_before >= 10
    assert G.number_of_edges() + 10 == r.graph.number_of_edges()  # the input is not changed


@pytest.mark.parametrize("seed", range(5))
def test_a_bridge_between_components_merges_them(seed):
    G = weaving.scattered(50, 5, seed=seed)
    r = weaving.weave(G, "bridge", 1, seed=seed)
    (a, b), = r.added
    comp = {v: i for i, c in enumerate(nx.connected_components(G)) for v in c}
    assert comp[a] != comp[b]
    assert r.components_after == r.components_before - 1
    assert weaving.weave(G, "bridge", 4, seed=seed).components_after == 1


def test_bridges_in_a_connected_network_cross_communities():
    from p2pkit.communities import detect

    G = weaving.phase(2, 60, 5)
    groups = detect(G, seed=0)
    member = {v: i for i, g in enumerate(groups) for v in g}
    r = weaving.weave(G, "bridge", 5, seed=0)
    assert r.done == 5 and all(member[a] != member[b] for a, b in r.added)


def test_spokes_grow_the_weaver():
    G = weaving.phase(1, 30, 3)
    r = weaving.weave(G, "spoke", 4, seed=2)
    assert r.graph.degree(0) == G.degree(0) + 4
    full = weaving.weave(nx.star_graph(5), "spoke", 2)
    assert full.done == 0 and "already knows everyone" in full.note


def test_weave_edge_cases():
    G = weaving.phase(1, 30, 3)
    assert weaving.weave(G, "close", 0).done == 0
    assert weaving.weave(G, "close", 3, seed=5).added == weaving.weave(G, "close", 3, seed=5).added
    r = weaving.weave(nx.complete_graph(5), "close", 2)
    assert r.done == 0 and "only 0 open triangles" in r.note
    with pytest.raises(P2PKitError, match="unknown weaving action"):
        weaving.weave(G, "gossip")
    with pytest.raises(P2PKitError, match="at least 0"):
        weaving.weave(G, "close", -1)
    with pytest.raises(P2PKitError, match="too few"):
        weaving.phases(10, 5)


def test_transition_counts_the_weavers_spokes_as_bridges():
    one, two = weaving.phases(60, 5, reach=2, seed=0)[:2]
    t = weaving.transition(one, two)
    assert len(t["bridge"]) == 2 * 4 and not t["close"] and not t["spoke"]
    with pytest.raises(P2PKitError):
        weaving.transition(one, nx.path_graph(3))


# ----------------------------------------------------------------- the weaving path

@pytest.mark.parametrize("n,clusters,steps,seed", [(48, 5, 3, 0), (30, 3, 2, 1), (60, 4, 4, 2), (40, 2, 1, 3)])
def test_weaving_path_goes_through_every_phase_one_share_at_a_time(n, clusters, steps, seed):
    path = weaving.weaving_path(n, clusters, steps, seed=seed)
    ps = weaving.phases(n, clusters, seed=seed)
    assert len(path) == 1 + 3 * steps
    at = [s for s in path if s.at_phase]
    assert [s.phase for s in at] == [1, 2, 3, 4]
    assert all(nx.utils.graphs_equal(s.graph, G) for s, G in zip(at, ps, strict=True))
    for before, after in zip(path, path[1:], strict=False):
        # each step is the step before plus exactly its new ties
        assert set(map(frozenset, after.graph.edges())) == \
            set(map(frozenset, before.graph.edges())) | set(map(frozenset, after.new))
        assert not any(before.graph.has_edge(*e) for e in after.new)
    for i in range(3):
        stretch = path[1 + i * steps: 1 + (i + 1) * steps]
        needed = ps[i + 1].number_of_edges() - ps[i].number_of_edges()
        assert [s.made for s in stretch] == [round(needed * j / steps) for j in range(1, steps + 1)]
        assert all(s.needed == needed for s in stretch)
        assert all(s.towards == i + 2 for s in stretch[:-1]) and stretch[-1].at_phase


def test_phase_measures_give_the_profile_and_exact_shares_of_routes():
    G = weaving.phase(3, 60, 5, seed=1)
    prof, loads = weaving.phase_measures(G, seed=1)
    assert prof == weaving.phase_profile(G, seed=1)
    ref = nx.betweenness_centrality(G, normalized=True)
    assert max(abs(loads[v] - ref[v]) for v in G) < 1e-12
    assert loads[0] == prof.weaver_load and loads[prof.most_central] == max(loads.values())


def test_phase_measures_of_a_large_network_are_exact():
    # above 400 people the shares come from igraph: the same numbers as networkx's exact ones
    G = weaving.phase(2, 420, 6, seed=0)
    prof, loads = weaving.phase_measures(G)
    ref = nx.betweenness_centrality(G, normalized=True)
    assert max(abs(loads[v] - ref[v]) for v in G) < 1e-9
    assert prof.weaver_load == pytest.approx(ref[0])
    assert prof.mean_hops == pytest.approx(nx.average_shortest_path_length(G))


def test_chapter_numbers():
    """The numbers chapter 8 states about 48 people in five clusters (seed 0)."""
    ps = weaving.phases(48, 5, seed=0)
    prof = [weaving.phase_profile(G) for G in ps]
    assert [f"{p.weaver_load:.0%}" for p in prof] == ["1%", "83%", "49%", "16%"]
    assert [p.ties for p in prof] == [93, 101, 118, 200]  # "from 93 to 200 ties ... 82 of the 107 new ties"
    assert [G.degree(0) for G in ps] == sorted(G.degree(0) for G in ps)  # she keeps gaining ties
    assert ps[3].degree(0) == max(d for _, d in ps[3].degree())  # still the best-connected person
    path = weaving.weaving_path(48, 5, 3, seed=0)
    measured = [weaving.phase_profile(s.graph) for s in path]
    # on the way to phase 2 every introduction runs between clusters, and the groups merge into one at phase 2
    group = dict(ps[0].nodes(data="group"))
    assert all(group[a] != group[b] for s in path[1:4] for a, b in s.new)
    assert [m.components for m in measured[:4]] == [5, 3, 2, 1]
    # the first step without need of the weaver: 6 of 17 introductions towards phase 3 is not; 11 of 17 is
    first = next(i for i, m in enumerate(measured) if m.survives_without_weaver >= 1.0)
    assert (path[first].towards, path[first].made, path[first].needed, measured[first].ties) == (3, 11, 17, 112)
    # triangles: falls from 41% to 27%, back past 41% only as the core forms, 60% in phase 4
    cl = [m.clustering for m in measured]
    assert f"{cl[0]:.0%}" == "41%" and f"{min(cl):.0%}" == "27%" and f"{cl[-1]:.0%}" == "60%"
    assert [i for i, c in enumerate(cl) if c > cl[0]] == [8, 9] and path[8].towards == 4
    # the hub-and-spoke phase: without the weaver, the others are exactly as scattered as in phase 1
    assert measured[3].survives_without_weaver == measured[0].survives_without_weaver
    assert nx.number_connected_components(ps[1].subgraph(range(1, 48))) == 5
    # "without her the other 47 people fall back into the five separate clusters they started in"
    group = dict(ps[0].nodes(data="group"))
    clusters = {frozenset(v for v in range(1, 48) if group[v] == g) for g in set(group.values())}
    assert {frozenset(c) for c in nx.connected_components(ps[1].subgraph(range(1, 48)))} == clusters


def test_sandbox_numbers_in_things_to_try():
    G1, G2 = weaving.phases(48, 5, seed=0)[:2]
    assert weaving.phase_profile(weaving.weave(G1, "close", 30, seed=0).graph).components == 5
    shapes = [weaving.phase_profile(weaving.weave(G2, "bridge", k, seed=0).graph).shape for k in range(6)]
    assert shapes.index(weaving.PHASES[2]) == 4


# ----------------------------------------------------------------- the figures (p2pkit.views.weaving)

def test_four_phases_scene_follows_the_model():
    from p2pkit.views.weaving import phases_scene

    ps = weaving.phases(48, 5, seed=0)
    for k in (1, 2, 3, 4):
        s = phases_scene(k, 48, 5, 0)
        net, path = s["panels"]
        p = weaving.phase_profile(ps[k - 1])
        assert s["verdict"] == weaving.phase_verdict(p) and path["marker"]["x"] == k
        new = sum(1 for kind in net.get("tie_kind", []) if kind == "new")
        assert new == (0 if k == 1 else ps[k - 1].number_of_edges() - ps[k - 2].number_of_edges())
        assert net["role"][0] == "weaver"
    assert "hub" in phases_scene(3, 48, 5, 0)["panels"][0]["role"]
    assert "core" in phases_scene(4, 48, 5, 0)["panels"][0]["role"]


def test_weaving_phases_positions_stay_put():
    from p2pkit.views.weaving import path_scene

    first, last = path_scene(0, 5, 0), path_scene(9, 5, 0)
    for key in ("x", "y", "id"):
        assert first["panels"][0]["people"][key] == last["panels"][0]["people"][key]


def test_weaving_sandbox_reports_before_and_after():
    from p2pkit.views.weaving import sandbox_scene

    s = sandbox_scene(48, 5, 1, "bridge", 4, 0)
    rows = dict(s["readout"])
    assert rows["Separate groups"] == "5 → 1"
    r = weaving.weave(weaving.phases(48, 5, seed=0)[0], "bridge", 4, seed=0)
    assert s["verdict"] == weaving.phase_verdict(weaving.phase_profile(r.graph))
    assert sum(1 for kind in s["panels"][0]["tie_kind"] if kind == "new") == 4
    full = sandbox_scene(12, 2, 4, "spoke", 30, 0)  # the weaver cannot meet 30 new people among 12
    assert "Note" in dict(full["readout"])


@pytest.mark.parametrize("G", [nx.karate_club_graph(), nx.path_graph(6), nx.gnp_random_graph(80, 0.1, seed=2)],
                         ids=["karate", "path", "random"])
def test_phase_profile_transitivity_and_triangles(G):
    p = weaving.phase_profile(G)
    assert p.clustering == pytest.approx(nx.transitivity(G)) and p.triangles == brute_triangles(G)


@pytest.mark.parametrize("n,clusters", [(48, 5), (420, 6)])
def test_phase_track_equals_the_profile(n, clusters):
    for G in weaving.phases(n, clusters, seed=2):
        t, p = weaving.phase_track(G), weaving.phase_profile(G)
        assert t.weaver_load == pytest.approx(p.weaver_load, abs=1e-12)
        assert (t.survives_without_weaver, t.clustering) == (p.survives_without_weaver, p.clustering)
    # and against networkx, computed independently
    G = weaving.phase(3, 48, 5, seed=2)
    t = weaving.phase_track(G)
    assert t.weaver_load == pytest.approx(nx.betweenness_centrality(G)[0])
    assert t.clustering == pytest.approx(nx.transitivity(G))
    assert t.survives_without_weaver == pytest.approx(pairwise_connectivity(G.subgraph(range(1, 48))))


def test_sizes_may_be_numpy_integers():
    # numpy integers (a slider, an array) are whole numbers; weaving refused them before issue 14
    i = np.int64
    same = nx.utils.graphs_equal
    a, b = weaving.phases(i(30), i(3), reach=i(2), bridges=i(2), core_extra=i(2)), weaving.phases(30, 3)
    assert all(same(x, y) for x, y in zip(a, b, strict=True))
    assert same(weaving.phase(i(2), i(30), i(3)), weaving.phase(2, 30, 3))
    path = weaving.weaving_path(i(30), i(3), steps=i(2))
    assert [s.new for s in path] == [s.new for s in weaving.weaving_path(30, 3, 2)]
    G = weaving.phase(1, 30, 3)
    assert weaving.weave(G, "close", i(3), seed=5).added == weaving.weave(G, "close", 3, seed=5).added
    # seeds too: python_random(numpy integer) is random.Random of that number
    assert all(same(x, y) for x, y in zip(weaving.phases(30, 3, seed=i(4)), weaving.phases(30, 3, seed=4), strict=True))
    assert weaving.weave(G, "spoke", 3, seed=i(5)).added == weaving.weave(G, "spoke", 3, seed=5).added
    path = weaving.weaving_path(30, 3, seed=i(2))
    assert [s.new for s in path] == [s.new for s in weaving.weaving_path(30, 3, seed=2)]


@pytest.mark.parametrize("call, words", [
    (lambda: weaving.phases(60, 5, reach=0), "reach must be a whole number of at least 1; got 0"),
    (lambda: weaving.phase(5), "phase must be at most 4; got 5"),
    (lambda: weaving.weave(nx.DiGraph([(0, 1)]), "close"), "use an undirected network"),
    (lambda: weaving.phase_profile(nx.path_graph(3)),
     "a weaving profile needs a network of at least 4 people; it has 3"),
    (lambda: weaving.main_core(nx.Graph()), "the main core needs a network of at least 1 person; it has 0"),
])
def test_bad_inputs_say_what_to_give(call, words):
    with pytest.raises(P2PKitError, match=words):
        call()


def test_the_number_of_people_is_called_people():
    import inspect

    from p2pkit.views import weaving as views

    for f in (weaving.scattered, weaving.phases, weaving.phase, weaving.weaving_path, views.four_phases,
              views.weaving_phases):
        assert "people" in inspect.signature(f).parameters and "n" not in inspect.signature(f).parameters, f
    assert nx.utils.graphs_equal(weaving.phase(2, people=30, clusters=3), weaving.phases(30, 3)[1])
    with pytest.raises(P2PKitError, match="people must be a whole number of at least 6; got 5"):
        weaving.scattered(people=5)
