"""Chapter 5, information decay: closed forms, Monte-Carlo relays, hops in organisation shapes."""

import itertools
import math

import networkx as nx
import numpy as np
import pytest

from p2pkit import orgs
from p2pkit.decay import (
    HOURS_PER_DAY,
    SHAPES,
    compare,
    decay_verdict,
    fidelity,
    hops_to_decider,
    journey,
    noise_variance,
    noisy_fidelity,
    simulate_relay,
    three_orgs,
)
from p2pkit.decisions import mm1
from p2pkit.errors import P2PKitError

# ----------------------------------------------------------------- one chain of relays


def test_fidelity_closed_form():
    for q in (0.5, 0.8, 0.9, 0.99):
        for h in range(0, 12):
            assert fidelity(h, q) == pytest.approx(q**h)
    assert round(fidelity(5, 0.9), 2) == 0.59
    assert fidelity(3, 1.0) == 1.0 and fidelity(3, 0.0) == 0.0


def test_noise_grows_linearly_and_fidelity_formula():
    assert [noise_variance(h, 0.5) for h in range(4)] == [0.0, 0.25, 0.5, 0.75]
    assert noisy_fidelity(0, 0.5) == 1.0
    assert noisy_fidelity(4, 0.5) == pytest.approx(0.5)       # 1 / (1 + 4 * 0.25)
    assert noisy_fidelity(2, 1.0, signal_sd=2.0) == pytest.approx(4 / 6)


@pytest.mark.parametrize("hops", [0, 1, 3, 6, 10])
def test_monte_carlo_keep_or_lose_matches_q_to_the_h(hops):
    r = simulate_relay(hops, model="keep", keep=0.85, messages=20_000, seed=hops)
    exact = 0.85**hops
    if hops == 0:
        assert r.fidelity == 1.0
    else:
        assert abs(r.fidelity - exact) < 4 * r.fidelity_se


@pytest.mark.parametrize("hops", [1, 4, 9])
def test_monte_carlo_noise_variance_matches_h_sigma_squared(hops):
    sd = 0.4
    r = simulate_relay(hops, model="noise", noise_sd=sd, messages=50_000, seed=100 + hops)
    assert abs(r.noise_variance - hops * sd**2) < 4 * r.noise_variance_se
    # squared correlation: se(r^2) ~ 2 rho (1 - rho^2) / sqrt(n) (Fisher)
    rho2 = noisy_fidelity(hops, sd)
    se = 2 * math.sqrt(rho2) * (1 - rho2) / math.sqrt(50_000)
    assert abs(r.fidelity - rho2) < 4 * se


def test_relay_simulation_is_deterministic():
    assert simulate_relay(4, seed=9) == simulate_relay(4, seed=9)
    assert simulate_relay(4, seed=9) != simulate_relay(4, seed=10)


# ----------------------------------------------------------------- routes in organisations


@pytest.mark.parametrize("levels,span", [(2, 5), (3, 3), (4, 2), (5, 3)])
def test_leaf_to_root_hops_is_levels_minus_one(levels, span):
    G = orgs.hierarchy(levels, span)
    leaves = [v for v, d in G.degree() if d == 1 and v != 0]
    assert all(hops_to_decider(G, v, 0) == levels - 1 for v in leaves)
    j = journey(G, rule="top", keep=0.8)
    assert j.mean_hops == levels - 1 and j.mean_farthest_hops == levels - 1
    assert j.fidelity == pytest.approx(0.8 ** (levels - 1))


def test_mean_hops_from_everyone_to_root_closed_form():
    # on a k-ary tree, a person drawn from everyone is sum_l l k^l / sum_l k^l hops from the root
    levels, k = 4, 3
    G = orgs.hierarchy(levels, k)
    exact = sum(lv * k**lv for lv in range(levels)) / sum(k**lv for lv in range(levels))
    j = journey(G, rule="top", frontline=list(G), samples=20_000, seed=1)
    # sampled: within 4 standard errors of the sample mean
    var = sum((lv - exact) ** 2 * k**lv for lv in range(levels)) / sum(k**lv for lv in range(levels))
    assert abs(j.mean_hops - exact) < 4 * math.sqrt(var / 20_000)


def test_hierarchy_time_to_decision_closed_form():
    # 4 levels, span 2, one source: 3 hand-offs; relays at levels 1 and 2 see 1/2 and 1/4 of
    # all pieces; the top decides everything. Every leaf is in the same position, so the mean
    # is exact.
    lam, mu_d, mu_r, hop = 6.0, 10.0, 20.0, 1.5
    j = journey(orgs.hierarchy(4, 2), rule="top", decisions_per_day=lam, decide_per_day=mu_d,
                relay_per_day=mu_r, hop_hours=hop)
    relay = (mm1(lam / 2, mu_r).time_in_system + mm1(lam / 4, mu_r).time_in_system) * HOURS_PER_DAY
    decide = mm1(lam, mu_d).time_in_system * HOURS_PER_DAY
    assert j.transit_hours == pytest.approx(3 * hop)
    assert j.relay_wait_hours == pytest.approx(relay)
    assert j.decide_hours == pytest.approx(decide)
    assert j.hours == pytest.approx(3 * hop + relay + decide)
    assert j.busiest_decider == 0 and j.busiest_decider_share == 1.0
    assert j.busiest_decider_utilisation == pytest.approx(lam / mu_d)
    assert j.busiest_relay_utilisation == pytest.approx(lam / 2 / mu_r)


def test_relay_load_grows_with_sources():
    j1 = journey(orgs.hierarchy(4, 2), sources_per_decision=1, relay_per_day=40)
    j4 = journey(orgs.hierarchy(4, 2), sources_per_decision=4, relay_per_day=40)
    assert j4.busiest_relay_utilisation == pytest.approx(4 * j1.busiest_relay_utilisation)


def test_decided_at_the_data_in_a_mesh():
    G = orgs.peer_mesh(30, seed=2)
    j = journey(G, rule="nearest", decisions_per_day=6, decide_per_day=10)
    assert j.mean_hops == 0 and j.fidelity == 1.0 and j.transit_hours == 0
    assert j.decide_hours == pytest.approx(mm1(6 / 30, 10).time_in_system * HOURS_PER_DAY)


def test_nearest_decider_is_a_brute_force_median():
    G = orgs.peer_mesh(25, k=4, rewire=0.2, seed=4)
    j = journey(G, rule="nearest", sources_per_decision=5, seed=8)
    sources, d = j.example_sources, j.example_decider
    dist = dict(nx.all_pairs_shortest_path_length(G))
    best = min(sum(dist[s][v] for s in sources) for v in G)
    assert sum(dist[s][d] for s in sources) == best
    for s, path in zip(sources, j.example_paths, strict=True):
        assert path[0] == s and path[-1] == d and len(path) - 1 == dist[s][d]
        assert all(G.has_edge(a, b) for a, b in itertools.pairwise(path))


def test_median_on_a_path():
    # sources at both ends of a path of 7: every person is 6 hops from the pair in total;
    # the lowest-numbered one (an end) decides: hops 0 and 6
    G = nx.path_graph(7)
    j = journey(G, rule="nearest", sources_per_decision=2, frontline=[0, 6], samples=20)
    assert j.mean_hops == 3.0 and j.mean_farthest_hops == 6.0


def test_loads_per_person_in_a_hierarchy_are_the_closed_form():
    # 4 levels, span 2, 8 staff; lam decisions a day, m pieces each from uniformly drawn staff:
    # each level-1 manager relays lam m / 2 pieces a day, each level-2 manager lam m / 4,
    # staff relay nothing; the top takes every decision
    lam, mu_d, mu_r = 8.0, 10.0, 40.0
    for m in (1, 3):
        j = journey(orgs.hierarchy(4, 2), rule="top", sources_per_decision=m, decisions_per_day=lam,
                    decide_per_day=mu_d, relay_per_day=mu_r)
        assert j.decide_share == {0: 1.0} and j.decide_utilisation == {0: pytest.approx(lam / mu_d)}
        expected = {1: lam * m / 2, 2: lam * m / 2, 3: lam * m / 4, 4: lam * m / 4, 5: lam * m / 4, 6: lam * m / 4}
        assert j.relayed_per_day == pytest.approx(expected)
        assert j.relay_utilisation == pytest.approx({u: x / mu_r for u, x in expected.items()})


def test_loads_per_person_when_everyone_decides_at_the_data():
    G = orgs.peer_mesh(30, seed=2)
    j = journey(G, rule="nearest", decisions_per_day=6, decide_per_day=10)
    assert j.decide_share == pytest.approx({v: 1 / 30 for v in G})
    assert j.decide_utilisation == pytest.approx({v: 6 / 30 / 10 for v in G})
    assert j.relayed_per_day == {} and j.relay_utilisation == {}


def test_loads_per_person_on_a_path():
    # both ends hold a piece of every decision; everyone is 6 hand-offs from the pair in
    # total and the lowest-numbered person (0) decides: the piece from 6 passes 5, 4, 3, 2, 1
    G = nx.path_graph(7)
    j = journey(G, rule="nearest", sources_per_decision=2, frontline=[0, 6], samples=20, decisions_per_day=4,
                relay_per_day=10)
    assert j.decide_share == {0: pytest.approx(1.0)}
    assert j.relayed_per_day == pytest.approx({u: 4.0 for u in range(1, 6)})
    assert j.relay_utilisation == pytest.approx({u: 0.4 for u in range(1, 6)})


def test_loads_per_person_agree_with_the_busiest():
    j = journey(orgs.peer_mesh(40, seed=3), rule="nearest", sources_per_decision=5, seed=4)
    assert sum(j.decide_share.values()) == pytest.approx(1.0)
    assert max(j.decide_share.values()) == pytest.approx(j.busiest_decider_share)
    assert j.decide_share[j.busiest_decider] == pytest.approx(j.busiest_decider_share)
    assert max(j.decide_utilisation.values()) == pytest.approx(j.busiest_decider_utilisation)
    assert max(j.relay_utilisation.values()) == pytest.approx(j.busiest_relay_utilisation)


def test_noise_relay_in_an_organisation():
    j = journey(orgs.hierarchy(5, 2), relay="noise", noise_sd=0.5)
    assert j.fidelity == pytest.approx(noisy_fidelity(4, 0.5))


def test_three_orgs_and_compare():
    nets = three_orgs(31)
    assert [G.number_of_nodes() for G in nets.values()] == [31, 31, 31]
    c = compare(31, keep=0.9)
    assert tuple(c) == SHAPES
    assert [c[s].mean_hops for s in SHAPES] == [4.0, 2.0, 0.0]
    assert c["tall hierarchy"].fidelity == pytest.approx(0.9**4)
    v = decay_verdict(c)
    assert "66% of the detail, 4 hand-offs" in v and "81% of the detail" in v and "decided at the data" in v


def test_verdict_reports_overload_and_new_centre():
    c = compare(31, sources_per_decision=12, relay_per_day=40)
    v = decay_verdict(c)
    # level-1 managers of the tall hierarchy relay 8 * 12 / 2 = 48 pieces a day > 40
    assert c["tall hierarchy"].busiest_relay_utilisation == pytest.approx(48 / 40)
    assert not c["tall hierarchy"].stable and "grows without limit" in v
    assert "one well-placed person" in v


def test_journey_is_deterministic():
    G = orgs.peer_mesh(40, seed=1)
    assert journey(G, rule="nearest", sources_per_decision=3, seed=5) == \
        journey(G, rule="nearest", sources_per_decision=3, seed=5)


def test_errors():
    with pytest.raises(P2PKitError, match="not connected"):
        journey(nx.Graph([(0, 1), (2, 3)]))
    with pytest.raises(P2PKitError, match="at most"):
        journey(orgs.hierarchy(3, 2), sources_per_decision=5)
    with pytest.raises(P2PKitError, match="rule"):
        journey(orgs.hierarchy(3, 2), rule="boss")
    with pytest.raises(P2PKitError):
        fidelity(-1)
    with pytest.raises(P2PKitError):
        fidelity(2, keep=1.5)
    with pytest.raises(P2PKitError, match="model"):
        simulate_relay(2, model="gossip")
    with pytest.raises(P2PKitError):
        hops_to_decider(orgs.hierarchy(3, 2), 0, 99)
    with pytest.raises(P2PKitError, match="people"):
        three_orgs(3)


# ----------------------------------------------------------------- figures (p2pkit.views.decay)


def test_relay_curves_numbers_in_the_chapter():
    # keeping 90% leaves 35% after 10 hand-offs, noise of sd 0.5 leaves 29%; for 31 people the
    # deciders sit 0, 2 and 4 hand-offs from the data
    from p2pkit.views.decay import relay_scene

    s = relay_scene(0.9, 0.5, 31, 0)
    assert "leaves 35% after 10" in s["summary"] and "leaves 29%" in s["summary"]
    assert f"{0.9 ** 10:.0%}" == "35%" and f"{1 / (1 + 10 * 0.25):.0%}" == "29%"
    pts = {p["label"]: (p["x"], p["y"]) for p in s["panels"][0]["points"]}
    assert pts == {"tall hierarchy": (4, pytest.approx(0.6561)), "flat hierarchy": (2, 0.81), "peer mesh": (0, 1)}
    assert s["verdict"] == decay_verdict(compare(31, keep=0.9, seed=0))
    sims = next(x for x in s["panels"][0]["series"] if x["name"] == "simulated relays")
    r = simulate_relay(5, "keep", keep=0.9, messages=4000, seed=5)
    assert sims["y"][sims["x"].index(5)] == pytest.approx(r.fidelity, rel=1e-3)


def _net(scene, i):
    return scene["panels"][i]


def test_route_scene_draws_the_sampled_decision():
    from p2pkit.views.decay import route_scene

    s = route_scene(4, 31, 0)
    c = compare(31, keep=0.9, seed=0, sources_per_decision=4)
    for i, name in enumerate(SHAPES):
        net, j = _net(s, i), c[name]
        role = dict(zip(net["people"]["id"], net["role"], strict=True))
        assert role[str(j.example_decider)] == "decider"
        assert {v for v, r in role.items() if r == "holder"} == {str(v) for v in j.example_sources} - {str(j.example_decider)}
        on_route = {str(v) for path in j.example_paths for v in path}
        assert {v for v, r in role.items() if r == "relay"} == on_route - {str(v) for v in j.example_sources} - {str(j.example_decider)}
        share = dict(zip(net["people"]["id"], net["figures"][0]["values"], strict=True))
        assert share[str(j.busiest_decider)] == pytest.approx(j.busiest_decider_share, rel=1e-3)
    assert s["verdict"] == decay_verdict(c)


def test_route_positions_stay_when_controls_change():
    from p2pkit.views.decay import route_scene

    a, b = route_scene(1, 31, 0), route_scene(16, 31, 0)
    for i in range(3):
        assert _net(a, i)["people"] == _net(b, i)["people"] and _net(a, i)["ties"] == _net(b, i)["ties"]
    # tie kinds keep their dash: the route first in every state
    assert list(_net(a, 0)["kind_names"]) == ["route", "tie"]


def test_route_numbers_in_the_chapter():
    from p2pkit.views.decay import route_scene

    def hours(s):
        return {b["label"]: b["text"] for b in s["panels"][4]["bars"]}

    def kept(s):
        return {b["label"]: b["text"] for b in s["panels"][3]["bars"]}

    one = route_scene(1, 31, 0)
    # one holder: 66% after 4 hand-offs, 81% after 2; 4 of the hours at the top; the mesh under an hour
    assert kept(one) == {"Tall hierarchy": "66%", "Flat hierarchy": "81%", "Peer mesh": "100%"}
    assert hours(one)["Tall hierarchy"] == "8.6 h (4.0+0.6+4.0)"
    assert hours(one)["Flat hierarchy"].endswith("+4.0)") and hours(one)["Peer mesh"].startswith("0.8 h")
    # from six holders on the flat hierarchy keeps more than the mesh (not yet at four)
    four, six = compare(31, seed=0, sources_per_decision=4), compare(31, seed=0, sources_per_decision=6)
    assert four["peer mesh"].fidelity > four["flat hierarchy"].fidelity
    assert six["peer mesh"].fidelity < six["flat hierarchy"].fidelity
    assert kept(route_scene(6, 31, 0))["Peer mesh"] == "80%"
    # from ten holders the tall hierarchy's managers are overloaded
    assert route_scene(8, 31, 0)["panels"][4]["bars"][0]["text"] != "no limit (overloaded)"
    assert route_scene(10, 31, 0)["panels"][4]["bars"][0]["text"] == "no limit (overloaded)"
    # sixteen holders: one person takes 29% of the mesh's decisions; 6.5 against 6.6 hours
    sixteen = route_scene(16, 31, 0)
    assert dict(sixteen["readout"])["Peer mesh: busiest decider"].startswith("29% of decisions")
    assert hours(sixteen)["Peer mesh"].startswith("6.5 h") and hours(sixteen)["Flat hierarchy"].startswith("6.6 h")


def test_verdict_numbers_in_the_chapter():
    """The numbers chapter 5 states in its model and verdict (31 people, seed 0, the defaults)."""
    from p2pkit.views.decay import route_scene

    # "at 90% per hand-off, 59% of the details arrive after five hand-offs"
    assert f"{fidelity(5, 0.9):.0%}" == "59%"
    holders = (1, 2, 3, 4, 6, 8, 10, 12, 16)        # the positions of "People who hold a piece"
    runs = {k: compare(31, seed=0, sources_per_decision=k) for k in holders}
    one = runs[1]
    # one holder: six to nine hours in the hierarchies against under an hour in the mesh
    assert 6 <= one["flat hierarchy"].hours < one["tall hierarchy"].hours <= 9
    assert one["peer mesh"].hours < 1
    assert f"{one['flat hierarchy'].hours:.1f}" == "6.2" and f"{one['tall hierarchy'].hours:.1f}" == "8.6"
    # "the time at the top is about half the time to decision, or more"
    for k in holders:
        for shape in ("tall hierarchy", "flat hierarchy"):
            j = runs[k][shape]
            if math.isfinite(j.hours):
                assert j.decide_hours / j.hours >= 0.4, (k, shape)
    assert f"{one['flat hierarchy'].decide_hours:.1f}" == "4.0"
    # from four holders on, each piece travels two to two and a half hand-offs to the mesh's
    # decider (the flat hierarchy: exactly two)
    for k in holders[3:]:
        assert 2.0 <= round(runs[k]["peer mesh"].mean_hops, 1) <= 2.5, k
        assert runs[k]["flat hierarchy"].mean_hops == 2
    # "from six holders on" the flat hierarchy keeps more detail; "from ten" the tall one overloads
    for k in holders:
        assert (runs[k]["flat hierarchy"].fidelity > runs[k]["peer mesh"].fidelity) == (k >= 6), k
        assert math.isinf(runs[k]["tall hierarchy"].hours) == (k >= 10), k
        assert runs[k]["peer mesh"].hours < runs[k]["flat hierarchy"].hours, k   # the mesh decides soonest
    assert route_scene(16, 31, 0)["panels"][4]["bars"][2]["text"].startswith("6.5 h")


@pytest.mark.parametrize("people,levels", [(150, 6), (1000, 9)])
def test_sandbox_taller_hierarchies(people, levels):
    # the chapter: with 150 or 1,000 people the tall hierarchy is 6 or 9 hand-offs deep
    from p2pkit.views.decay import decay_sandbox

    s = decay_sandbox().scene(people=people)
    pts = {p["label"]: p["x"] for p in s["panels"][0]["points"]}
    assert pts["tall hierarchy"] == levels
    assert dict(s["readout"])[f"Tall hierarchy ({compare(people)['tall hierarchy'].people} people)"].startswith(
        f"{0.9 ** levels:.0%} · {levels} hand-offs")


def test_sandbox_reports_impossible_settings():
    from p2pkit.views.decay import decay_sandbox

    w = decay_sandbox().widget()
    w.set_values(people=7, sources=16)  # more holders than the small hierarchy has staff
    assert "at most" in w.message and "Traceback" not in w.message


def test_counts_may_be_numpy_integers_and_shares_numpy_floats():
    # issue 14: one validator of each kind (decay's _check_int and _check_prob are gone)
    i, f = np.int64, np.float64
    assert simulate_relay(i(3), keep=f(0.8), details=i(4), messages=i(200), seed=i(2)) == \
        simulate_relay(3, keep=0.8, details=4, messages=200, seed=2)
    a, b = three_orgs(i(15)), three_orgs(15)
    assert a.keys() == b.keys() and all(nx.utils.graphs_equal(a[k], b[k]) for k in a)
    G = orgs.peer_mesh(20, seed=1)
    assert journey(G, rule="nearest", samples=i(50), sources_per_decision=i(2), keep=f(0.7)) == \
        journey(G, rule="nearest", samples=50, sources_per_decision=2, keep=0.7)
    with pytest.raises(P2PKitError, match="hops must be at most 1,000; got 1001"):
        simulate_relay(1001)
    with pytest.raises(P2PKitError, match=r"journey\(\) \(information passed on\) needs a network of at least 2"):
        journey(nx.empty_graph(1))
    with pytest.raises(P2PKitError, match=r"samples \(sampled decisions\) must be at most 20,000"):
        journey(G, samples=20_001)
