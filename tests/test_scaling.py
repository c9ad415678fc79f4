"""Scaling (chapter 10): tie counts, hops and liaison load against closed forms and networkx."""

import networkx as nx
import numpy as np
import pytest

from p2pkit import orgs
from p2pkit.errors import P2PKitError
from p2pkit.scaling import (
    DESIGNS,
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


def test_explorable_and_widget():
    import re

    from p2pkit.explorables.scaling import growing_organisation, team_of_teams_figure
    from p2pkit.widgets.scaling import explorer
    s = growing_organisation(sizes=(10, 40, 160))
    assert s.frames == 3 and not re.search(r"""(src|href)=["']https?://""", s.html)
    assert 'alt="Animation in 3 frames' in s.html
    assert len(team_of_teams_figure(20, 5).axes) == 1
    e = explorer(people=60)
    assert "Verdict" in e.readout.value and "full mesh" in e.readout.value
    e.controls["people"].value = 4
    e.controls["team_size"].value = 50
    assert "Traceback" not in e.message.value + e.readout.value
