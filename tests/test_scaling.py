"""Scaling (chapter 10): tie counts, hops and liaison load against closed forms and networkx."""

import networkx as nx
import numpy as np
import pytest

from p2pkit import orgs
from p2pkit.errors import P2PKitError
from p2pkit.scaling import (
    DESIGNS,
    DUNBAR,
    full_mesh_ties,
    hops_and_load,
    liaison_load,
    scaling_profiles,
    team_of_teams,
    team_of_teams_mean_hops,
    team_of_teams_ties,
    team_sizes,
    ties,
    verdict,
)


@pytest.mark.parametrize("n", [1, 2, 10, 150, 1000])
def test_full_mesh_ties_is_n_choose_2(n):
    assert full_mesh_ties(n) == n * (n - 1) // 2
    if n <= 150:
        assert full_mesh_ties(n) == nx.complete_graph(n).number_of_edges()


def test_full_mesh_is_quadratic():
    assert full_mesh_ties(2000) / full_mesh_ties(1000) == pytest.approx(4, rel=1e-3)


@pytest.mark.parametrize("people,size", [(20, 5), (23, 10), (150, 10), (151, 10), (60, 7), (12, 12)])
def test_team_of_teams_closed_forms_match_the_network(people, size):
    G = team_of_teams(people, size)
    sizes = team_sizes(people, size)
    assert sum(sizes) == people and max(sizes) <= size and max(sizes) - min(sizes) <= 1
    assert G.number_of_edges() == team_of_teams_ties(sizes)
    assert team_of_teams_mean_hops(sizes) == pytest.approx(nx.average_shortest_path_length(G))
    bc = nx.betweenness_centrality(G, normalized=True)
    liaisons = [v for v, d in G.nodes(data=True) if d["role"] == "liaison"]
    assert [bc[v] for v in liaisons] == pytest.approx(liaison_load(sizes))
    others = [bc[v] for v in G if v not in liaisons]
    assert max(others, default=0) == pytest.approx(0)


def test_hops_and_load_equals_networkx():
    for G in (orgs.peer_mesh(80, 4, 0.2, seed=1), orgs.hierarchy(4, 3), nx.karate_club_graph(),
              nx.grid_2d_graph(5, 6)):
        G = nx.convert_node_labels_to_integers(G)
        hops, load = hops_and_load(G)
        bc = nx.betweenness_centrality(G, normalized=True)
        assert hops == pytest.approx(nx.average_shortest_path_length(G))
        assert load == pytest.approx(np.array([bc[v] for v in range(G.number_of_nodes())]), abs=1e-12)
    with pytest.raises(P2PKitError, match="not connected"):
        hops_and_load(nx.Graph([(0, 1), (2, 3), (3, 4)]))


def test_hops_and_load_are_the_numbers_of_practice_shortest_routes():
    from p2pkit.practice import shortest_routes

    for G in (orgs.peer_mesh(80, 4, 0.2, seed=1), orgs.hierarchy(4, 3)):
        hops, load = hops_and_load(G)
        shares, mean, pairs = shortest_routes(G)
        assert hops == mean and load.tolist() == [shares[v] for v in G] and pairs == len(G) * (len(G) - 1)


def test_practice_splits_people_as_team_sizes_does():
    from p2pkit import practice

    G = practice.gore_lattice(150, team_size=8, project_size=5)
    groups = nx.get_node_attributes(G, "group")
    assert [list(groups.values()).count(t) for t in range(1 + max(groups.values()))] == team_sizes(150, 8)
    split = practice.split_unit(600, cap=150)
    assert [sum(1 for _, g in split.nodes(data="group") if g == u) for u in range(4)] == team_sizes(600, 150)


def test_sparse_mesh_ties_are_linear():
    for n in (30, 150, 1000):
        assert ties("sparse peer mesh", n, mesh_ties=6) == 3 * n
    p = scaling_profiles(150, mesh_ties=6)["sparse peer mesh"]
    assert p.ties == 450 and p.ties_if_doubled == 2.0 and p.mean_ties == 6.0


def test_profiles_against_closed_forms():
    p = scaling_profiles(300, team_size=10, minutes_per_tie=10)
    f, t = p["full mesh"], p["team of teams"]
    assert f.ties == 44850 and f.most_ties == 299 and f.over_dunbar == 300
    assert f.hours_per_person == pytest.approx(299 * 10 / 60)
    assert t.teams == 30 and t.largest_team == 10
    assert t.ties == 30 * 45 + 30 * 29 // 2
    assert t.most_ties == 9 + 29  # a liaison: own team plus the other liaisons
    assert t.busiest_load == pytest.approx(9 * 290 / (299 * 298 / 2))
    assert t.mean_hops == pytest.approx(team_of_teams_mean_hops([10] * 30))


def test_liaisons_pass_dunbar_when_teams_are_many():
    # 500 people in teams of 3 or 2: 167 teams, each liaison tied to 166 others
    profiles = scaling_profiles(500, team_size=3)
    p = profiles["team of teams"]
    assert p.teams == 167 and p.most_ties == 2 + 166 and p.over_dunbar == 167
    assert "another level" in verdict(profiles)


def test_verdict_and_determinism():
    a = scaling_profiles(150, seed=3)
    b = scaling_profiles(150, seed=3)
    assert a == b
    v = verdict(a)
    assert v.startswith("A full mesh does not scale linearly") and "linear" in v
    assert set(a) == set(DESIGNS)


def test_errors():
    with pytest.raises(P2PKitError):
        scaling_profiles(3)
    with pytest.raises(P2PKitError):
        ties("a pyramid", 10)
    with pytest.raises(P2PKitError):
        team_sizes(10, 0)
    with pytest.raises(P2PKitError):
        scaling_profiles(50, minutes_per_tie=-1)


def test_counts_may_be_numpy_integers():
    # numpy integers (a slider, an array) are whole numbers everywhere in scaling
    i = np.int64
    assert full_mesh_ties(i(150)) == 11175 and team_sizes(i(23), i(10)) == [8, 8, 7]
    assert nx.utils.graphs_equal(team_of_teams(i(40), i(8)), team_of_teams(40, 8))
    assert team_of_teams_ties([i(10)] * 3) == team_of_teams_ties([10] * 3)
    assert liaison_load(np.array([10, 10, 5])) == liaison_load([10, 10, 5])
    assert [ties(d, i(100), i(10), i(6)) for d in DESIGNS] == [4950, 495, 300]
    assert scaling_profiles(i(150), i(10), i(6), dunbar=i(150)) == scaling_profiles(150)
    assert scaling_profiles(150, seed=i(3)) == scaling_profiles(150, seed=3)  # the same sparse mesh


@pytest.mark.parametrize("call, words", [
    (lambda: scaling_profiles(3), "people must be a whole number of at least 4; got 3"),
    (lambda: team_sizes(10, 0), "team_size must be a whole number of at least 1; got 0"),
    (lambda: team_of_teams_ties([10, 2.5]), "a team's size must be a whole number of at least 1; got 2.5"),
    (lambda: ties("sparse peer mesh", 100, mesh_ties=1), "mesh_ties must be a whole number of at least 2; got 1"),
    (lambda: hops_and_load(nx.path_graph(2)), "hops and load needs a network of at least 3 people; it has 2"),
])
def test_bad_counts_say_what_to_give(call, words):
    with pytest.raises(P2PKitError, match=words):
        call()


@pytest.mark.parametrize("n,k", [(150, 6), (300, 2), (80, 10)])
def test_sparse_mesh_measures_equal_hops_and_load(n, k):
    from p2pkit.scaling import _sparse_mesh

    G = nx.connected_watts_strogatz_graph(n, k, 0.1, tries=1000, seed=3)
    hops, load = hops_and_load(G)
    ties_, degrees, mean_hops, busiest = _sparse_mesh.__wrapped__(n, k, 3)
    assert ties_ == G.number_of_edges() and degrees == tuple(d for _, d in G.degree())
    assert mean_hops == pytest.approx(hops) and busiest == pytest.approx(load.max())
    p = scaling_profiles(n, mesh_ties=k, seed=3)["sparse peer mesh"]
    assert p.mean_hops == pytest.approx(hops) and p.busiest_load == pytest.approx(load.max())


# --------------------------------------------------------------------------- figures (p2pkit.views.scaling)


def _readout(scene):
    return dict(scene["readout"])


def test_team_scene_is_the_team_of_teams():
    from p2pkit.views.scaling import team_scene

    s = team_scene(40, 8)
    net = s["panels"][0]
    G = team_of_teams(40, 8)
    assert len(net["ties"]) // 2 == G.number_of_edges() == team_of_teams_ties([8] * 5)
    assert net["role"].count("bridge") == 5 and net["group"] == [G.nodes[v]["team"] for v in G]
    shares = net["figures"][1]["values"]
    assert sorted({round(x, 4) for x in shares}) == [0.0, round(liaison_load([8] * 5)[0], 4)]
    assert s["verdict"] == verdict(scaling_profiles(40, 8))
    # people stay where they are whatever the ties
    assert team_scene(40, 8)["panels"][0]["people"] == net["people"]


def test_growth_scene_follows_the_profiles():
    from p2pkit.views.scaling import SIZES, growth_scene

    s = growth_scene(150, 10, 6, 10.0)
    ties_chart, most_chart, hops_chart = s["panels"]
    full = next(x for x in ties_chart["series"] if x["name"] == "full mesh")
    assert full["x"] == [n for n in SIZES if n <= 150] and full["y"][-1] == 11175
    dunbar = next(x for x in most_chart["series"] if x["name"].startswith("Dunbar"))
    assert dunbar["y"] == [150, 150]
    p = scaling_profiles(150, 10, 6, 10.0)
    assert _readout(s)["Ties"] == f"{p['full mesh'].ties:,} / {p['team of teams'].ties:,} / {p['sparse peer mesh'].ties:,}"
    assert s["verdict"] == verdict(p)
    # the minutes per tie change only the hours (and so the readout), not the charts
    other = growth_scene(150, 10, 6, 30.0)
    assert other["panels"] == s["panels"] and other["readout"] != s["readout"]


def test_chapter_10_scaling_numbers():
    """The numbers chapter 10 states about the growing organisation (teams of 10, 6 ties, 10 minutes)."""
    from p2pkit.views.scaling import SIZES

    p150 = scaling_profiles(150, 10, 6, 10.0)
    assert p150["full mesh"].ties == 11175 and round(p150["full mesh"].hours_per_person) == 25
    first_over = next(n for n in SIZES if scaling_profiles(n, 10, 6, 10.0)["full mesh"].most_ties > DUNBAR)
    assert first_over == 250
    p1000 = scaling_profiles(1000, 10, 6, 10.0)
    assert round(p1000["team of teams"].ties_if_doubled) == 3 and p1000["team of teams"].most_ties == 108
    assert round(scaling_profiles(10, 10, 6, 10.0)["sparse peer mesh"].mean_hops, 1) == 1.3
    assert round(p1000["sparse peer mesh"].mean_hops) == 6


def test_chapter_10_connection_technology_numbers():
    """What connection technology changes (chapter 10): the cost of a tie, at 5 and 10 minutes a week."""
    # at 150 people a full mesh takes about 12 hours a week each at five minutes per tie, about 25 at ten
    assert round(scaling_profiles(150, 10, 6, 5.0)["full mesh"].hours_per_person) == 12
    assert round(scaling_profiles(150, 10, 6, 10.0)["full mesh"].hours_per_person) == 25
    # at 1,000 people even five minutes per tie comes to 83 hours a week each
    assert int(scaling_profiles(1000, 10, 6, 5.0)["full mesh"].hours_per_person) == 83
    # a sparse mesh of six ties each costs one hour a week at ten minutes per tie, at any size
    for n in (10, 150, 1000):
        assert scaling_profiles(n, 10, 6, 10.0)["sparse peer mesh"].hours_per_person == pytest.approx(1.0)


def test_the_verdict_reads_the_limit_from_the_profiles():
    # verdict() takes the profiles alone: the Dunbar limit they were measured against travels with them
    from p2pkit.scaling import scaling_profiles, verdict

    assert "over the ~100 a person" in verdict(scaling_profiles(300, dunbar=100))
    assert "over the ~150 a person" in verdict(scaling_profiles(300))
