"""Chapter 7: stylised organisations and unit size, against closed forms and independent code."""

import math
from itertools import combinations

import networkx as nx
import numpy as np
import pytest

from p2pkit import practice
from p2pkit.architecture import pairwise_connectivity
from p2pkit.communities import modularity
from p2pkit.equipotency import centralization, krackhardt
from p2pkit.errors import P2PKitError


# ----------------------------------------------------------------- the chart baseline

@pytest.mark.parametrize("n,span", [(13, 3), (60, 8), (150, 8), (31, 2)])
def test_chart_is_a_complete_tree(n, span):
    G = practice.chart(n, span)
    assert nx.is_tree(G) and G.number_of_nodes() == n
    bosses = {d["boss"] for _, _, d in G.edges(data=True)}
    # in a complete span-ary tree of n nodes, ceil((n - 1) / span) people have reports
    assert len(bosses) == math.ceil((n - 1) / span)
    assert nx.is_arborescence(practice.authority_digraph(G))


def test_out_tree_scores_one_on_all_krackhardt_dimensions():
    # Krackhardt (1994): the out-tree is the ideal formal organisation, 1 on every dimension
    D = practice.authority_digraph(practice.chart(40, 3))
    assert krackhardt(D) == {"connectedness": 1.0, "hierarchy": 1.0, "efficiency": 1.0, "lub": 1.0}


def test_case_profile_of_a_chart_matches_closed_forms():
    p = practice.case_profile(practice.chart(13, span=3))
    # without the top, three teams of four remain: 3 C(4,2) / C(12,2)
    assert p.survives_without_most_central == pytest.approx(3 * 6 / 66)
    assert p.most_central == 0 and p.most_central_role == "person at the top"
    assert p.single_points == 4  # the top and the three managers
    # degrees: top 3, managers 4, staff 1; Freeman: sum(4 - d) / (n - 1) / (n - 2)
    assert p.degree_centralization == pytest.approx((1 + 9 * 3) / 12 / 11)
    assert p.krackhardt["hierarchy"] == 1.0


def test_case_profile_of_a_star():
    p = practice.case_profile(nx.star_graph(9))
    assert p.degree_centralization == 1.0 and p.betweenness_centralization == pytest.approx(1.0)
    assert p.survives_without_most_central == 0.0
    # Gini of degrees [9, 1 x 9], computed independently: sum |xi - xj| / (2 n^2 mean)
    x = np.array([9] + [1] * 9, float)
    expected = np.abs(x[:, None] - x[None, :]).sum() / (2 * len(x) ** 2 * x.mean())
    assert p.degree_gini == pytest.approx(expected)
    assert "One person holds everything together" in practice.case_verdict(p)


# ----------------------------------------------------------------- shortest routes

GRAPHS = {
    "karate": nx.karate_club_graph(),
    "random": nx.gnm_random_graph(60, 150, seed=3),
    "two parts": nx.disjoint_union(nx.path_graph(6), nx.cycle_graph(7)),
    "lattice": practice.gore_lattice(80, seed=2),
    "buurtzorg": practice.buurtzorg(100, seed=1),
}


@pytest.mark.parametrize("name", list(GRAPHS))
def test_shortest_routes_match_networkx(name):
    G = GRAPHS[name]
    loads, hops, pairs = practice.shortest_routes(G)
    ref = nx.betweenness_centrality(G, normalized=True)
    assert max(abs(loads[v] - ref[v]) for v in G) < 1e-12
    # average hops over ordered pairs that can reach each other, by brute force
    dist = dict(nx.all_pairs_shortest_path_length(G))
    values = [d for s in dist for t, d in dist[s].items() if s != t]
    assert pairs == len(values)
    assert hops == pytest.approx(sum(values) / len(values))


def test_betweenness_centralization_matches_equipotency():
    for G in (practice.gore_lattice(60, seed=0), practice.chart(60), nx.karate_club_graph()):
        p = practice.case_profile(G)
        assert p.betweenness_centralization == pytest.approx(centralization(G, "betweenness"), abs=1e-9)


def test_most_central_for_large_networks():
    # exact at every size now (igraph is faster than the 100-source networkx estimate it replaces),
    # and the same person the case profile rings
    G = practice.buurtzorg(600, seed=0)
    who, load, _ = practice.most_central(G)
    exact = nx.betweenness_centrality(G)
    assert exact[who] >= 0.9 * max(exact.values())
    assert exact[who] == pytest.approx(max(exact.values())) and load == pytest.approx(exact[who])
    assert G.nodes[who]["role"] == "coach"
    assert practice.case_profile(G, exact_up_to=100).most_central == who


def test_mean_hops_exact_and_sampled():
    assert practice.mean_hops(nx.complete_graph(7)) == (1.0, True)
    n = 40
    assert practice.mean_hops(nx.star_graph(n - 1))[0] == pytest.approx(2 * (n - 1) / n)
    G = practice.grow_unit(700, seed=4)
    exact = nx.average_shortest_path_length(G)
    est, is_exact = practice.mean_hops(G, exact_up_to=400, sample=100, seed=0)
    assert not is_exact and est == pytest.approx(exact, rel=0.05)


# ----------------------------------------------------------------- the four cases

def test_gore_lattice_structure():
    G = practice.gore_lattice(100, team_size=8, project_size=5, seed=7)
    teams, projects = {}, {}
    for v, d in G.nodes(data=True):
        teams.setdefault(d["group"], []).append(v)
        projects.setdefault(d["project"], []).append(v)
    for members in list(teams.values()) + list(projects.values()):
        assert all(G.has_edge(a, b) for a, b in combinations(members, 2))
    assert max(len(m) for m in teams.values()) <= 8 and max(len(m) for m in projects.values()) <= 5
    assert nx.is_connected(G)
    assert nx.utils.graphs_equal(G, practice.gore_lattice(100, team_size=8, project_size=5, seed=7))
    no_sponsor = practice.gore_lattice(100, sponsors=False, seed=7)
    assert not any(k == "sponsor" for _, _, k in no_sponsor.edges(data="kind"))


def test_participative_plant_adds_teams_and_committee_to_the_chart():
    bare = practice.participative_plant(60, span=8, teams=False, committee=False)
    assert set(map(frozenset, bare.edges())) == set(map(frozenset, practice.chart(60, 8).edges()))
    G = practice.participative_plant(60, span=8, seed=1)
    committee = {v for e in G.edges(data="kind") if e[2] == "committee" for v in e[:2]}
    departments = {g for _, g in G.nodes(data="group") if g >= 0}
    assert len(committee) == len(departments) + 1 and 0 in committee
    assert all(G.has_edge(a, b) for a, b in combinations(committee, 2))
    # peer ties run both ways, so the plant is less hierarchical than its chart
    assert krackhardt(practice.authority_digraph(G))["hierarchy"] < 1.0


def test_morning_star_agreements_stay_within_the_process_chain():
    n, k = 150, 10
    G = practice.morning_star(n, unit_size=10, clou_colleagues=k, seed=3)
    assert all(abs(G.nodes[u]["group"] - G.nodes[v]["group"]) <= 1 for u, v in G.edges())
    assert 0.95 * n * math.ceil(k / 2) <= G.number_of_edges() <= n * math.ceil(k / 2)
    assert nx.is_connected(G)


def test_buurtzorg_teams_coaches_and_office():
    n, size = 150, 12
    G = practice.buurtzorg(n, team_size=size, seed=2)
    roles = {}
    for v, r in G.nodes(data="role"):
        roles.setdefault(r, []).append(v)
    nurses = len(roles["nurse"])
    teams = math.ceil(nurses / size)
    assert len({G.nodes[v]["group"] for v in roles["nurse"]}) == teams
    assert max(sum(1 for v in roles["nurse"] if G.nodes[v]["group"] == t) for t in range(teams)) <= size
    # without office and coaches, exactly the teams are left, each held together
    H = G.subgraph(roles["nurse"])
    assert nx.number_connected_components(H) == teams
    more = practice.buurtzorg(n, team_size=size, cross_team=2, seed=2)
    assert more.number_of_edges() > G.number_of_edges()


@pytest.mark.parametrize("name", list(practice.CASES))
def test_every_case_is_connected_deterministic_and_profiled(name):
    G = practice.build_case(name, 60, seed=5)
    assert nx.is_connected(G) and G.number_of_nodes() == 60
    assert nx.utils.graphs_equal(G, practice.build_case(name, 60, seed=5))
    p = practice.case_profile(G)
    H = G.copy()
    H.remove_node(p.most_central)
    assert p.survives_without_most_central == pytest.approx(pairwise_connectivity(H))
    assert p.single_points == len(list(nx.articulation_points(G)))
    assert isinstance(practice.case_verdict(p), str)


# ----------------------------------------------------------------- unit size

@pytest.mark.parametrize("n,m", [(10, 2), (50, 3), (200, 1), (151, 4)])
def test_grow_unit_tie_count_is_closed_form(n, m):
    G = practice.grow_unit(n, ties_per_newcomer=m, closure=0.5, seed=1)
    assert G.number_of_edges() == (m + 1) * m // 2 + m * (n - m - 1)
    assert nx.number_of_selfloops(G) == 0 and nx.is_connected(G)


def test_grow_unit_keeps_its_past():
    big = practice.grow_unit(400, seed=9)
    small = practice.grow_unit(150, seed=9)
    assert nx.utils.edges_equal(sorted(big.subgraph(range(150)).edges()), sorted(small.edges()))


def test_closure_raises_clustering():
    low = nx.transitivity(practice.grow_unit(400, closure=0.0, seed=2))
    high = nx.transitivity(practice.grow_unit(400, closure=0.9, seed=2))
    assert high > 2 * low


def test_split_unit_caps_and_joins_units():
    G = practice.split_unit(620, cap=150, liaisons=2, seed=0)
    sizes = {}
    for _, g in G.nodes(data="group"):
        sizes[g] = sizes.get(g, 0) + 1
    assert len(sizes) == math.ceil(620 / 150) and max(sizes.values()) <= 150
    assert nx.is_connected(G)
    liaisons = sum(1 for _, _, k in G.edges(data="kind") if k == "liaison")
    assert liaisons <= 2 * len(sizes)
    apart = practice.split_unit(620, cap=150, liaisons=0, seed=0)
    assert nx.number_connected_components(apart) == len(sizes)


@pytest.mark.parametrize("units,size", [(3, 4), (5, 10), (8, 150), (12, 6)])
def test_ideal_split_ties_and_modularity_closed_form(units, size):
    G = practice.ideal_split(units, size)
    assert G.number_of_edges() == units * size * (size - 1) // 2 + units
    parts = [{v for v in G if G.nodes[v]["group"] == u} for u in range(units)]
    q = practice.ideal_split_modularity(units, size)
    assert modularity(G, parts) == pytest.approx(q)
    assert nx.community.modularity(G, parts) == pytest.approx(q)


def test_unit_size_counts():
    u = practice.unit_size(practice.ideal_split(4, 10))
    assert u.ties_for_all_to_know_all == 4 * 45 and u.ties == 4 * 45 + 4
    assert u.relationships_needed == 9 and u.units == 4
    one = practice.unit_size(nx.complete_graph(12))
    assert one.mean_hops == 1.0 and one.ties == one.ties_for_all_to_know_all == 66


def test_unit_sweep_and_verdict():
    rows = practice.unit_sweep([100, 300, 600], cap=150, seed=0)
    one, split = rows[-1].one, rows[-1].split
    assert (one.units, one.largest_unit, one.relationships_needed) == (1, 600, 599)
    assert split.units == 4 and split.relationships_needed <= 149
    assert [r.one.people for r in rows] == [100, 300, 600]
    text = practice.unit_verdict(rows[-1])
    assert "599 working relationships" in text and "past the 150" in text


def test_errors_say_what_to_do():
    with pytest.raises(P2PKitError, match="at least"):
        practice.chart(1)
    with pytest.raises(P2PKitError, match="between 0 and 1"):
        practice.grow_unit(20, closure=1.5)
    with pytest.raises(P2PKitError, match="unknown case"):
        practice.build_case("acme")
    with pytest.raises(P2PKitError, match="too small"):
        practice.split_unit(20, cap=3, ties_per_newcomer=3)
    with pytest.raises(P2PKitError):
        practice.ideal_split_modularity(2, 5)
    with pytest.raises(P2PKitError):
        practice.case_profile(nx.DiGraph([(0, 1), (1, 2)]))


def test_sizes_and_shares_may_be_numpy_numbers():
    # numpy integers and floats (a slider, an array) are whole numbers and shares; the cases and the
    # unit models refused numpy integers before issue 14
    same = nx.utils.graphs_equal
    i = np.int64
    assert same(practice.chart(i(13), span=np.int32(3)), practice.chart(13, span=3))
    assert same(practice.gore_lattice(i(40), team_size=i(8), project_size=i(5), seed=1),
                practice.gore_lattice(40, seed=1))
    assert same(practice.participative_plant(i(30), span=i(4)), practice.participative_plant(30, span=4))
    assert same(practice.morning_star(i(60), unit_size=i(10), clou_colleagues=i(10), within_unit=np.float64(0.6),
                                      seed=2), practice.morning_star(60, seed=2))
    assert same(practice.buurtzorg(i(150), team_size=i(12), office_share=np.float64(0.005), cross_team=i(1)),
                practice.buurtzorg(150, cross_team=1))
    assert same(practice.build_case("morning_star", i(30), seed=i(1)), practice.build_case("morning_star", 30, seed=1))
    assert same(practice.grow_unit(i(30), ties_per_newcomer=i(2), closure=np.float64(0.5)), practice.grow_unit(30, 2))
    assert same(practice.split_unit(i(400), cap=i(150), liaisons=i(2), seed=1), practice.split_unit(400, seed=1))
    assert same(practice.ideal_split(i(4), i(5)), practice.ideal_split(4, 5))
    assert practice.ideal_split_modularity(i(4), i(5)) == practice.ideal_split_modularity(4, 5)
    assert practice.unit_sweep([i(100)]) == practice.unit_sweep([100])


def test_seeds_draw_the_stream_they_always_drew():
    # p2pkit.python_random(seed) is random.Random(seed) for a whole number: a numpy seed gives the same network
    import random

    from p2pkit import python_random

    assert python_random(7).random() == random.Random(7).random()
    same = nx.utils.graphs_equal
    for name in practice.CASES:
        assert same(practice.build_case(name, 40, seed=np.int64(3)), practice.build_case(name, 40, seed=3))
    assert same(practice.split_unit(400, seed=np.int64(2)), practice.split_unit(400, seed=2))
    unit = practice.grow_unit(500)
    assert practice.mean_hops(unit, seed=np.int64(1)) == practice.mean_hops(unit, seed=1)
    with pytest.raises(P2PKitError, match="seed must be a whole number of 0 or more"):
        practice.gore_lattice(40, seed=-1)


@pytest.mark.parametrize("call, words", [
    (lambda: practice.chart(2, span=0), "span must be a whole number of at least 1; got 0"),
    (lambda: practice.gore_lattice(40, team_size=True), "team_size must be a whole number of at least 2; got True"),
    (lambda: practice.morning_star(60, within_unit="0.6"), "within_unit is a probability between 0 and 1; got '0.6'"),
    (lambda: practice.grow_unit(20, closure=float("nan")), "closure is a probability between 0 and 1; got nan"),
    (lambda: practice.split_unit(30_000), "at most 20,000; got 30000"),
    (lambda: practice.mean_hops(nx.empty_graph(1)), "average hops needs a network of at least 2 people; it has 1"),
    (lambda: practice.shortest_routes(nx.DiGraph([(0, 1), (1, 2)])), "use an undirected network"),
    (lambda: practice.unit_size(nx.path_graph(2)), "a unit needs a network of at least 3 people; it has 2"),
])
def test_bad_sizes_and_shares_say_what_to_give(call, words):
    with pytest.raises(P2PKitError, match=words):
        call()


def test_the_number_of_people_is_called_people():
    import inspect

    from p2pkit.views import practice as views

    for f in (practice.chart, practice.gore_lattice, practice.participative_plant, practice.morning_star,
              practice.buurtzorg, practice.build_case, practice.grow_unit, practice.split_unit, views.four_cases,
              views.case_table, views.cases_without_centre):
        assert "people" in inspect.signature(f).parameters and "n" not in inspect.signature(f).parameters, f
    assert nx.utils.graphs_equal(practice.build_case("gore", people=30), practice.gore_lattice(30))
    with pytest.raises(P2PKitError, match="people must be a whole number of at least 2; got 1"):
        practice.chart(people=1)
    with pytest.raises(P2PKitError, match="people must be at most 20,000; got 20001"):
        practice.buurtzorg(20_001)


# ----------------------------------------------------------------- model additions for the figures

@pytest.mark.parametrize("name", list(practice.CASES))
def test_case_measures_give_the_profile_and_exact_shares_of_routes(name):
    G = practice.build_case(name, 60, seed=1)
    prof, loads = practice.case_measures(G, seed=1)
    assert prof == practice.case_profile(G, seed=1)
    ref = nx.betweenness_centrality(G, normalized=True)
    assert max(abs(loads[v] - ref[v]) for v in G) < 1e-12
    assert loads[prof.most_central] == max(loads.values()) == prof.most_central_load


def test_case_measures_above_the_exact_size_are_still_exact():
    # above exact_up_to the shares come from igraph: the same numbers as networkx's exact ones
    G = practice.build_case("buurtzorg", 120, seed=0)
    prof, loads = practice.case_measures(G, exact_up_to=50, seed=0)
    ref = nx.betweenness_centrality(G, normalized=True)
    assert max(abs(loads[v] - ref[v]) for v in G) < 1e-9
    assert prof.most_central == max(ref, key=lambda v: (ref[v], -v))
    assert prof.betweenness_centralization == pytest.approx(centralization(G, "betweenness"), abs=1e-9)
    assert not prof.hops_exact


def test_departure_verdict_follows_knock_out():
    from p2pkit.resilience import knock_out

    G = practice.chart(13, span=3)
    top = practice.departure_verdict(knock_out(G, [0]), name="Top")
    # without the top, three teams of four remain: 3 C(4,2) / C(12,2) = 27%; 8 people outside the largest
    assert top.startswith("Top held the network together") and "27%" in top and "8 people are cut off" in top
    staff = practice.departure_verdict(knock_out(G, [12]), name="Staff 9")
    assert staff.startswith("Without Staff 9, everyone else still reaches everyone")
    manager = practice.departure_verdict(knock_out(practice.chart(7, span=2), [1]), name="Manager 1")
    # chart(7, 2) without person 1: {0, 2, 5, 6} and {3}, {4}: (6 + 0 + 0) / C(6, 2) = 40%... below a half
    assert manager.startswith("Manager 1 held the network together") and "40%" in manager
    mid = practice.departure_verdict(knock_out(nx.path_graph(6), [1]), name="Person 1")
    # a path of 6 without person 1: {0} and {2, 3, 4, 5}: 6 / C(5, 2) = 60%, 1 person cut off
    assert mid == ("Without Person 1, 60% of the pairs of the 5 others can still reach each other; "
                   "1 person is cut off from the largest group.")


def test_chapter_numbers():
    """The numbers chapter 7 states about the five models of 60 people (seed 0)."""
    p = {name: practice.case_profile(practice.build_case(name, 60, 0)) for name in practice.CASES}
    assert round(p["chart"].survives_without_most_central, 2) == 0.13  # "about one pair in eight"
    assert [round(p[k].degree_gini, 2) for k in ("gore", "herman_miller", "morning_star", "buurtzorg")] == \
        [0.06, 0.17, 0.13, 0.04] and round(p["chart"].degree_gini, 2) == 0.43
    assert all(4.8 <= p[k].ties_per_person / p["chart"].ties_per_person <= 6 for k in practice.CASES if k != "chart")
    # "about a tenth of the routes or less (4% and 10%)"
    assert (f"{p['gore'].most_central_load:.0%}", f"{p['morning_star'].most_central_load:.0%}") == ("4%", "10%")
    assert p["gore"].survives_without_most_central == p["morning_star"].survives_without_most_central == 1.0
    # "in the lattice and the CLOU model nobody is a single point of failure"
    assert p["gore"].single_points == p["morning_star"].single_points == 0
    # Krackhardt hierarchy: 0 where every tie runs both ways, 1 for the chart, the participative plant in between
    assert [p[k].krackhardt["hierarchy"] for k in ("gore", "morning_star", "buurtzorg")] == [0.0, 0.0, 0.0]
    assert p["chart"].krackhardt["hierarchy"] == 1.0 and 0 < p["herman_miller"].krackhardt["hierarchy"] < 1
    assert p["chart"].krackhardt["efficiency"] == 1.0  # "1 for a chart"
    # Buurtzorg: the clearest groups and the longest routes of the four case models; a nurse is the single point
    cases = ("gore", "herman_miller", "morning_star", "buurtzorg")
    assert max(cases, key=lambda k: p[k].modularity) == max(cases, key=lambda k: p[k].mean_hops) == "buurtzorg"
    assert round(p["buurtzorg"].betweenness_centralization, 2) == 0.37 and p["buurtzorg"].single_points == 1
    B = practice.build_case("buurtzorg", 60, 0)
    assert [B.nodes[v]["role"] for v in nx.articulation_points(B)] == ["nurse"]
    # the participative plant: its most central manager sits on the committee and cuts a team off
    H = practice.build_case("herman_miller", 60, 0)
    who = p["herman_miller"].most_central
    assert H.nodes[who]["role"] == "manager" and who in nx.articulation_points(H)
    assert any(k == "committee" for _, _, k in H.edges(who, data="kind"))
    # a second coach at about 550 people
    coaches = lambda n: sum(1 for _, r in practice.buurtzorg(n).nodes(data="role") if r == "coach")  # noqa: E731
    assert coaches(540) == 1 and coaches(550) == 2


def test_chapter_numbers_unit_size():
    """Chapter 7's unit-size numbers: in a unit of 150 each person needs 149 relationships for all to know all;
    400 people in three units of at most 150, two liaison ties between neighbours, need 5.1 hand-offs on
    average, one unit of 400 needs 3.2 (exact at this size, as the figure shows them)."""
    assert practice.unit_size(practice.grow_unit(150, seed=0)).relationships_needed == 149
    row = practice.unit_sweep([50, 100, 150, 250, 400, 600], cap=150, seed=0)[4]
    one, split = row.one, row.split
    assert (one.people, split.units) == (400, 3) and split.largest_unit <= 150
    assert one.hops_exact and split.hops_exact
    assert (f"{split.mean_hops:.1f}", f"{one.mean_hops:.1f}") == ("5.1", "3.2")
    assert split.mean_hops == pytest.approx(nx.average_shortest_path_length(practice.split_unit(400, cap=150, seed=0)))


# ----------------------------------------------------------------- the figures (p2pkit.views.practice)

def _readout(scene):
    return dict(scene["readout"])


def test_four_cases_shows_the_chart_beside_the_model():
    from p2pkit.views.practice import pair_scene

    s = pair_scene("buurtzorg", 60, 0)
    chart_panel, model_panel = s["panels"]
    assert len(chart_panel["people"]["id"]) == len(model_panel["people"]["id"]) == 60
    assert "office" in model_panel["role"] and "coach" in model_panel["role"]
    assert set(model_panel["tie_kind"]) == {"team", "coaching", "admin", "support"}
    assert list(model_panel["kind_names"]) == ["team", "coaching", "admin", "support"]
    p = practice.case_profile(practice.build_case("buurtzorg", 60, 0), krackhardt_up_to=0)
    assert s["verdict"] == practice.case_verdict(p)
    assert "not the real company" in s["caption"]


@pytest.mark.parametrize("case", list(practice.CASES))
def test_removing_the_most_central_person_agrees_with_the_model(case):
    from p2pkit.resilience import knock_out
    from p2pkit.views.practice import without_scene

    G = practice.build_case(case, 60, 0)
    p = practice.case_profile(G, krackhardt_up_to=0)
    whole, gone = without_scene(case, False, 60), without_scene(case, True, 60)
    net = gone["panels"][0]
    i = net["people"]["id"].index(str(p.most_central))
    assert net["role"][i] == "removed" and whole["panels"][0]["highlight"] == [i]
    ko = knock_out(G, [p.most_central])
    assert sorted(j for j, r in enumerate(net["role"]) if r == "cut_off") == sorted(
        net["people"]["id"].index(str(v)) for v in ko.outside)
    assert _readout(gone)["Pairs in touch without them"] == f"{p.survives_without_most_central:.0%}"
    assert gone["verdict"] == practice.case_verdict(p, parts=("loss", "single"))
    # the share of routes shown for each person is the model's
    shown = dict(zip(net["people"]["id"], net["figures"][0]["values"], strict=True))
    assert shown[str(p.most_central)] == pytest.approx(p.most_central_load, rel=1e-3)


@pytest.mark.parametrize("who", ["", "0", "3", "17"])
def test_case_sandbox_removes_anyone(who):
    from p2pkit.resilience import knock_out
    from p2pkit.views.practice import sandbox_scene

    s = sandbox_scene("herman_miller", 30, 0, who)
    net = s["panels"][0]
    assert net["removable"]
    if who == "":
        assert "removed" not in net["role"] and _readout(s)["Removed"] == "nobody"
        return
    G = practice.build_case("herman_miller", 30, 0)
    ko = knock_out(G, [int(who)])
    assert net["role"][net["people"]["id"].index(who)] == "removed"
    assert _readout(s)["Pairs still in touch"] == f"{ko.pairwise:.0%}"
    assert _readout(s)["People cut off from the largest group"] == str(ko.cut_off)


def test_names_are_numbered_within_roles():
    from p2pkit.views.practice import _names

    names = _names(practice.build_case("buurtzorg", 60, 0))
    assert names[0] == "Back office 1" and "Coach 1" in names.values() and "Nurse 1" in names.values()
    assert _names(practice.chart(13, span=3))[0] == "Top of the chart"
    assert len(set(names.values())) == 60


def test_unit_growth_keeps_people_in_place_and_follows_the_sweep():
    from p2pkit.views.practice import growth_scene

    sizes = (50, 100, 150, 250, 400, 600)
    rows = practice.unit_sweep(list(sizes), cap=150, seed=0)
    where = {}
    for size, row in zip(sizes, rows, strict=True):
        a = row.one
        s = growth_scene(size, 150, sizes, 0)
        one, split, need, hops = s["panels"]
        assert len(one["people"]["id"]) == size and len(split["people"]["id"]) == size
        assert s["verdict"] == practice.unit_verdict(row) and row.cap == 150
        assert need["marker"]["x"] == hops["marker"]["x"] == size
        assert one["colour_by"] == "group" and len(set(one["group"])) == a.communities
        # the raw layout is fixed; drawn positions differ only by one zoom per size
        where[size] = one
    small, big = where[50], where[600]
    xs = lambda p, i: (p["people"]["x"][i], p["people"]["y"][i])  # noqa: E731
    a0, a1 = xs(small, 0), xs(small, 49)
    b0, b1 = xs(big, 0), xs(big, 49)
    assert math.hypot(a1[0] - a0[0], a1[1] - a0[1]) > math.hypot(b1[0] - b0[0], b1[1] - b0[1])
    # "rise in a straight line ... stay at about six"; more informal groups as it grows; split: more hops
    pairs = [(r.one, r.split) for r in rows]
    assert [a.relationships_needed for a, _ in pairs] == [s - 1 for s in sizes]
    assert all(5.7 < a.ties_per_person < 6.0 for a, _ in pairs)
    assert [a.communities for a, _ in pairs] == sorted(a.communities for a, _ in pairs)
    assert all(b.relationships_needed <= 149 and b.mean_hops > a.mean_hops for a, b in pairs if b.units > 1)


def test_unit_layout_keeps_founders_in_the_middle():
    from p2pkit.views.practice import unit_layout

    pos = unit_layout([[0, 2, 4, 6], [1, 3, 5, 7]])
    r = {v: math.hypot(*pos[v]) for v in pos}
    assert sorted(r, key=r.get) == list(range(8))


def test_case_table_is_escaped_and_complete():
    from p2pkit.views.practice import case_table

    html = case_table(30)._repr_html_()
    assert html.count("<tr>") == 14 and html.count("– model</th>") == len(practice.CASES)
    assert "person at the top" in html and "models, not data" in html
    assert "<script" not in html


def test_the_chart_is_the_one_org_chart_with_departments():
    # one organisation-chart generator: practice.chart and the card game's chart are org_chart's
    from p2pkit import workshops as ws
    from p2pkit.transparency import org_chart

    for n, span in ((2, 1), (13, 3), (40, 3), (150, 8), (151, 8)):
        G, T = practice.chart(n, span), org_chart(n, span)
        assert list(G.edges()) == list(T.edges()) == list(nx.full_rary_tree(span, n).edges())
        assert all(G.nodes[v]["role"] == T.nodes[v]["role"] and G.nodes[v]["level"] == T.nodes[v]["level"] for v in G)
        assert all(G.nodes[v]["group"] == (-1 if v == 0 else min(nx.shortest_path(G, 0, v)[1:]) - 1) for v in G)
        assert all(d["boss"] == min(u, v) and d["kind"] == "reports" for u, v, d in G.edges(data=True))
        if n >= 3:
            assert list(ws.chart(n, span).edges()) == list(T.edges())
