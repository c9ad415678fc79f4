"""Hybrid human and AI networks (chapter 10): queues against Kleinrock, failures against closed forms."""

import math

import networkx as nx
import numpy as np
import pytest

from p2pkit.errors import P2PKitError
from p2pkit.hybrid import (
    compare_designs,
    embedded_design,
    hub_design,
    mm1_time_in_system,
    people_still_in_touch,
    simulate_queue,
    verdict,
)


@pytest.mark.parametrize("lam,mu", [(1.0, 2.0), (3.0, 4.0), (0.5, 5.0)])
def test_simulated_queue_matches_mm1(lam, mu):
    # Kleinrock (1975): mean time in system 1 / (mu - lambda), utilisation lambda / mu
    run = simulate_queue(lam, mu, requests=400_000, seed=2)
    assert run.mean_time == pytest.approx(mm1_time_in_system(lam, mu), rel=0.05)
    assert run.mean_wait == pytest.approx(lam / (mu * (mu - lam)), rel=0.07)
    assert run.utilisation == pytest.approx(lam / mu, rel=0.02)


def test_lindley_vectorised_equals_the_loop():
    rng = np.random.default_rng(0)
    lam, mu, k = 2.0, 2.5, 2000
    run = simulate_queue(lam, mu, requests=k, seed=9)
    rng = np.random.default_rng(9)
    gaps = rng.exponential(1 / lam, size=k)
    service = rng.exponential(1 / mu, size=k)
    w, waits = 0.0, [0.0]
    for i in range(1, k):
        w = max(0.0, w + service[i - 1] - gaps[i])
        waits.append(w)
    assert run.mean_wait == pytest.approx(np.mean(waits))
    assert run.mean_time == pytest.approx(np.mean(np.array(waits) + service))


def test_saturated_queue_keeps_growing():
    assert mm1_time_in_system(5, 5) == math.inf
    short = simulate_queue(1.2, 1.0, requests=2_000, seed=0)
    long = simulate_queue(1.2, 1.0, requests=20_000, seed=0)
    assert long.last_wait > 5 * short.last_wait


def test_hub_failure_leaves_only_the_teams():
    n, s = 60, 10
    H = hub_design(n, s)
    # 6 teams of 10: 6 * C(10, 2) of C(60, 2) pairs of people
    assert people_still_in_touch(H, H.graph["ai"]) == pytest.approx(6 * 45 / (60 * 59 / 2))
    E = embedded_design(n, s)
    # one agent lost: its team (10) and the rest (50) stay whole
    assert people_still_in_touch(E, [E.graph["ai"][0]]) == pytest.approx((45 + 50 * 49 / 2) / (60 * 59 / 2))
    assert people_still_in_touch(E, []) == 1.0


def test_people_still_in_touch_matches_networkx_components():
    H = hub_design(40, 8, human_bridges=6, seed=3)
    G = H.copy()
    G.remove_node(40)
    expected = sum(len(c) * (len(c) - 1) / 2 for c in nx.connected_components(G)) / (40 * 39 / 2)
    assert people_still_in_touch(H, [40]) == pytest.approx(expected)


def test_compare_designs_closed_forms():
    d = compare_designs(people=150, team_size=10, requests_per_person=2, hub_speed=600,
                        agent_speed=60, cross_team=0.2)
    h, e = d["AI hub"], d["embedded agents"]
    assert h.minutes_to_decision == pytest.approx(60 / (600 - 300))
    # Jackson network, equal teams: lambda = s r (1 + c); time (1 + c) / (mu - lambda)
    assert e.minutes_to_decision == pytest.approx(60 * 1.2 / (60 - 24))
    assert h.busiest_utilisation == pytest.approx(0.5) and e.busiest_utilisation == pytest.approx(0.4)
    assert h.saturates_at == pytest.approx(4.0) and e.saturates_at == pytest.approx(5.0)
    assert h.ai_capacity == 600 and e.ai_capacity == 900 and e.ai_ties == 105
    assert h.answered_if_fails == 0.0
    assert e.answered_if_fails == pytest.approx(140 / 150 * (1 - 0.2 / 14))
    assert h.in_touch_if_fails == pytest.approx(15 * 45 / (150 * 149 / 2))
    # the hub sits on every route between people of different teams (and between them and agents)
    assert h.ai_route_share > 0.9 and e.ai_route_share < 0.2


def test_hub_faster_until_it_saturates():
    assert verdict(compare_designs(requests_per_person=2)).startswith("The hub is faster")
    v = verdict(compare_designs(requests_per_person=4.5))
    assert v.startswith("The hub is saturated")
    assert compare_designs(requests_per_person=4.5)["AI hub"].saturated
    assert verdict(compare_designs(requests_per_person=6)).startswith("Both designs are saturated")
    # a slow hub: embedded agents win on speed too
    assert verdict(compare_designs(requests_per_person=2, hub_speed=320)).startswith("The embedded agents are faster")


def test_human_bridges_keep_people_in_touch_without_the_hub():
    no = compare_designs(people=60, human_bridges=0)["AI hub"].in_touch_if_fails
    yes = compare_designs(people=60, human_bridges=12, seed=1)["AI hub"].in_touch_if_fails
    assert yes > no


def test_errors():
    with pytest.raises(P2PKitError):
        mm1_time_in_system(1, 0)
    with pytest.raises(P2PKitError):
        compare_designs(cross_team=1.5)
    with pytest.raises(P2PKitError):
        compare_designs(people=1)
    with pytest.raises(P2PKitError):
        simulate_queue(0, 1)
    with pytest.raises(P2PKitError):
        hub_design(20, 5, human_bridges=-1)


def test_counts_may_be_numpy_integers_and_shares_are_probabilities():
    # numpy integers and floats (a slider, an array) are whole numbers and shares everywhere in hybrid
    from p2pkit.hybrid import ai_utilisation, decision_minutes, failure

    i = np.int64
    assert nx.utils.graphs_equal(hub_design(i(20), i(5), human_bridges=i(3)), hub_design(20, 5, human_bridges=3))
    assert nx.utils.graphs_equal(embedded_design(i(23), i(10), human_bridges=i(2)), embedded_design(23, 10, 2))
    assert decision_minutes(np.float64(2.0), i(150), i(10), cross_team=np.float64(0.2)) == decision_minutes(2.0)
    assert compare_designs(people=i(60), team_size=i(8)) == compare_designs(people=60, team_size=8)
    assert simulate_queue(1.0, 2.0, requests=i(500), seed=1) == simulate_queue(1.0, 2.0, requests=500, seed=1)
    # and seeds: the same stream from a numpy integer
    assert simulate_queue(1.0, 2.0, requests=500, seed=i(1)) == simulate_queue(1.0, 2.0, requests=500, seed=1)
    assert nx.utils.graphs_equal(hub_design(20, 5, human_bridges=3, seed=i(4)), hub_design(20, 5, 3, seed=4))
    G = embedded_design(23, 10)
    with pytest.raises(P2PKitError, match="cross_team is a probability between 0 and 1; got 1.5"):
        failure(G, [23], cross_team=1.5)
    with pytest.raises(P2PKitError, match="cross_team is a probability between 0 and 1; got 2"):
        ai_utilisation(G, 2.0, cross_team=2)  # accepted (and meaningless) before issue 14
    with pytest.raises(P2PKitError, match="human_bridges must be a whole number of at least 0; got -1"):
        hub_design(20, 5, human_bridges=-1)
    with pytest.raises(P2PKitError, match="people must be a whole number of at least 2; got 1"):
        compare_designs(people=1)
    with pytest.raises(P2PKitError, match="requests must be a whole number of at least 1; got 0"):
        simulate_queue(1.0, 2.0, requests=0)


def test_decision_minutes_is_the_queue_part_of_compare_designs():
    from p2pkit.hybrid import decision_minutes
    for r in (0.5, 2.0, 4.5):
        d = compare_designs(people=70, team_size=8, requests_per_person=r, hub_speed=300, agent_speed=50)
        h, e = decision_minutes(r, 70, 8, 300, 50)
        assert h == d["AI hub"].minutes_to_decision
        assert e == d["embedded agents"].minutes_to_decision


def test_failure_agrees_with_compare_designs():
    from p2pkit.hybrid import failure

    d = compare_designs(people=60, team_size=10, cross_team=0.3, graphs=True)
    H, E = d["graphs"]["AI hub"], d["graphs"]["embedded agents"]
    fh = failure(H, H.graph["ai"], cross_team=0.3)
    assert fh.in_touch == pytest.approx(d["AI hub"].in_touch_if_fails)
    assert fh.answered == d["AI hub"].answered_if_fails == 0.0 and len(fh.without_ai) == 60
    fe = failure(E, E.graph["ai"][:1], cross_team=0.3)
    assert fe.in_touch == pytest.approx(d["embedded agents"].in_touch_if_fails)
    assert fe.answered == pytest.approx(d["embedded agents"].answered_if_fails)
    assert fe.without_ai == tuple(range(10))
    none = failure(E, [], cross_team=0.3)
    assert none.in_touch == 1.0 and none.answered == 1.0 and none.without_ai == ()


def test_failure_of_a_person_against_networkx():
    from p2pkit.hybrid import failure, failure_verdict

    H = hub_design(40, 8, human_bridges=5, seed=2)
    f = failure(H, [3, 40])  # a person and the hub
    G = H.copy()
    G.remove_nodes_from([3, 40])
    comps = list(nx.connected_components(G))
    left = [v for v in range(40) if v != 3]
    assert f.people_left == 39
    assert f.in_touch == pytest.approx(sum(len(c) * (len(c) - 1) / 2 for c in comps) / (39 * 38 / 2))
    for v in left:
        assert f.reach[v] == len(nx.node_connected_component(G, v)) - 1
    assert failure(H, [3]).answered == 1.0  # a person leaving does not stop the others' requests
    assert "can still reach each other" in failure_verdict(f) and f.design == "AI hub"
    with pytest.raises(P2PKitError):
        failure(H, [999])


def test_ai_utilisation_is_the_busiest_of_compare_designs():
    from p2pkit.hybrid import ai_utilisation

    d = compare_designs(people=47, team_size=8, requests_per_person=1.5, hub_speed=200, agent_speed=30,
                        cross_team=0.25, graphs=True)
    H, E = d["graphs"]["AI hub"], d["graphs"]["embedded agents"]
    uh = ai_utilisation(H, 1.5, 200, 30, 0.25)
    ue = ai_utilisation(E, 1.5, 200, 30, 0.25)
    assert uh == {47: pytest.approx(47 * 1.5 / 200)}
    assert max(ue.values()) == pytest.approx(d["embedded agents"].busiest_utilisation)
    sizes = E.graph["sizes"]  # 6 teams of 8 or 7
    s0 = sizes[0]
    assert ue[47] == pytest.approx((s0 * 1.5 + 0.25 * 1.5 * (47 - s0) / 5) / 30)


@pytest.mark.parametrize("people,size,bridges", [(40, 8, 0), (23, 10, 0), (60, 10, 7)])
def test_most_harmful_ai_is_the_one_compare_designs_reports(people, size, bridges):
    from p2pkit.hybrid import failure, most_harmful_ai

    d = compare_designs(people=people, team_size=size, human_bridges=bridges, seed=1, graphs=True)
    for name in ("AI hub", "embedded agents"):
        G = d["graphs"][name]
        worst = most_harmful_ai(G)
        assert failure(G, [worst]).in_touch == pytest.approx(d[name].in_touch_if_fails)
        assert min(failure(G, [a]).in_touch for a in G.graph["ai"]) == pytest.approx(d[name].in_touch_if_fails)


def test_route_shares_against_networkx():
    d = compare_designs(people=36, team_size=6, human_bridges=4, seed=2, graphs=True)
    H, E = d["graphs"]["AI hub"], d["graphs"]["embedded agents"]
    bh, be = nx.betweenness_centrality(H), nx.betweenness_centrality(E)
    assert d["AI hub"].ai_route_share == pytest.approx(bh[36])
    assert d["embedded agents"].ai_route_share == pytest.approx(max(be[a] for a in E.graph["ai"]))


@pytest.mark.parametrize("people,size,r,c", [(70, 8, 1.0, 0.3), (23, 10, 2.0, 0.2), (41, 6, 0.5, 0.0), (30, 30, 1.0, 0.5)])
def test_embedded_minutes_against_the_jackson_sum(people, size, r, c):
    # independent: every team's agent is an M/M/1 queue; a cross-team request also visits one
    # of the other agents at random (Jackson 1957)
    from p2pkit.hybrid import decision_minutes
    from p2pkit.scaling import team_sizes

    mu = 60.0
    sizes = team_sizes(people, size)
    n, t = sum(sizes), len(sizes)
    lam = [s * r + (c * r * (n - s) / (t - 1) if t > 1 else 0.0) for s in sizes]
    T = [1 / (mu - x) for x in lam]
    c_eff = c if t > 1 else 0.0
    expected = sum(s * r / (n * r) * (T[i] + c_eff * (sum(T) - T[i]) / max(1, t - 1)) for i, s in enumerate(sizes))
    assert decision_minutes(r, people, size, 600.0, mu, c)[1] == pytest.approx(expected * 60)
    assert decision_minutes(20.0, people, size, 600.0, mu, c)[1] == math.inf


# --------------------------------------------------------------------------- figures (p2pkit.views.hybrid)


def _readout(scene):
    return dict(scene["readout"])


def test_failure_scene_crosses_out_the_ai_that_matters_most():
    from p2pkit.hybrid import failure, most_harmful_ai
    from p2pkit.views.hybrid import failure_scene

    s = failure_scene(True, 4, 40, 8)
    H, E = hub_design(40, 8, human_bridges=4, seed=0), embedded_design(40, 8, human_bridges=4, seed=0)
    hub_panel, emb_panel = s["panels"]
    assert hub_panel["role"][40] == "removed" and emb_panel["role"][most_harmful_ai(E)] == "removed"
    fh, fe = failure(H, [40]), failure(E, [most_harmful_ai(E)])
    assert _readout(s)["Pairs of people still in touch (hub / agents)"] == f"{fh.in_touch:.0%} / {fe.in_touch:.0%}"
    assert hub_panel["role"].count("cut_off") == 40 == len(fh.without_ai)
    assert emb_panel["role"].count("cut_off") == len(fe.without_ai) == 8
    whole = failure_scene(False, 4, 40, 8)
    assert "removed" not in whole["panels"][0]["role"] and "nothing has failed" in whole["verdict"]


def test_sweep_scene_sizes_the_ai_by_how_busy_it_is():
    from p2pkit.hybrid import ai_utilisation
    from p2pkit.views.hybrid import sweep_scene

    s = sweep_scene(3.0, 160.0, 0.2)
    d = compare_designs(40, 8, 3.0, 160.0, 48.0, 0.2)
    assert s["verdict"] == verdict(d)
    hub_panel = s["panels"][0]
    busy = hub_panel["figures"][2]["values"][40]
    assert busy == pytest.approx(ai_utilisation(hub_design(40, 8), 3.0, 160.0, 48.0, 0.2)[40]) == pytest.approx(0.75)
    assert hub_panel["size"][40] > hub_panel["size"][0]
    hub_line = next(x for x in s["panels"][2]["series"] if x["name"] == "AI hub")
    assert max(y for y in hub_line["y"] if y is not None) <= 30


def test_sandbox_removes_anyone():
    from p2pkit.hybrid import failure, failure_verdict
    from p2pkit.views.hybrid import sandbox_scene

    s = sandbox_scene("hub", 6, "40")
    H = hub_design(40, 8, human_bridges=6, seed=0)
    f = failure(H, [40])
    assert s["verdict"] == failure_verdict(f)
    assert s["panels"][1]["bars"][0]["text"] == f"{f.in_touch:.0%}"
    # an agent's id chosen in the other design means nobody there
    assert sandbox_scene("hub", 0, "43")["readout"][0] == ["Removed", "nobody"]
    e = sandbox_scene("embedded", 0, "43")
    assert e["readout"][0] == ["Removed", "AI agent of team 4"]


def test_chapter_10_hybrid_numbers():
    """The numbers chapter 10 states (40 people in teams of 8; hub 160, agents 48 an hour, 20% cross-team)."""
    from p2pkit.hybrid import decision_minutes, failure

    d = compare_designs(people=40, team_size=8, hub_speed=160, agent_speed=48, cross_team=0.2)
    h, e = d["AI hub"], d["embedded agents"]
    assert round(h.in_touch_if_fails, 2) == 0.18 and h.answered_if_fails == 0
    assert round(e.in_touch_if_fails, 2) == 0.67 and round(e.answered_if_fails, 2) == 0.76
    hub, emb = decision_minutes(0.5, 40, 8, 160, 48, 0.2)
    assert hub < 1 and emb >= 1.5  # under a minute against a minute and a half or more
    hub, emb = decision_minutes(3.9, 40, 8, 160, 48, 0.2)
    assert hub == pytest.approx(15) and emb < 7
    assert h.saturates_at == pytest.approx(4) and e.saturates_at == pytest.approx(5)
    assert e.ai_capacity / h.ai_capacity == pytest.approx(1.5)
    # in the sandbox, six human ties across the five teams keep all 40 people in touch
    # through a hub failure (none: 18%)
    assert failure(hub_design(40, 8, human_bridges=6, seed=0), [40]).in_touch == 1
    # 1,000 people and a hub of 4,000 an hour: as fast per person as before (saturates at 4)
    big = compare_designs(people=1000, team_size=8, hub_speed=4000, agent_speed=48, cross_team=0.2)
    assert big["AI hub"].saturates_at == pytest.approx(h.saturates_at) == pytest.approx(4)


@pytest.mark.parametrize("seed", range(6))
def test_in_touch_without_each_against_one_search_per_node(seed):
    from p2pkit.hybrid import failure, in_touch_without_each

    rng = np.random.default_rng(seed)
    G = embedded_design(int(rng.integers(8, 40)), int(rng.integers(2, 9)), human_bridges=int(rng.integers(0, 6)),
                        seed=seed)
    # break a few ties so that there are several components and articulation points
    edges = list(G.edges())
    G.remove_edges_from(edges[i] for i in rng.choice(len(edges), size=len(edges) // 4, replace=False))
    fast = in_touch_without_each(G)
    for v in G:
        assert fast[v] == pytest.approx(failure(G, [v]).in_touch), v
    tree = nx.random_labeled_tree(30, seed=seed) if hasattr(nx, "random_labeled_tree") else nx.random_tree(30, seed=seed)
    nx.set_node_attributes(tree, "person", "kind")
    for v, share in in_touch_without_each(tree).items():
        H = tree.copy()
        H.remove_node(v)
        pairs = sum(len(c) * (len(c) - 1) / 2 for c in nx.connected_components(H))
        assert share == pytest.approx(pairs / (29 * 28 / 2))


def test_people_still_in_touch_is_pairwise_connectivity_among_people():
    # one pairwise connectivity: on a network of people only it is architecture's; with AI nodes
    # they carry routes but are not counted; failed people leave the count (as in failure()),
    # where it used to divide by every person, failed ones included
    from p2pkit.architecture import pairwise_connectivity
    from p2pkit.hybrid import failure

    G = nx.connected_watts_strogatz_graph(30, 4, 0.2, seed=2)
    for gone in ([], [0], [3, 4, 5], list(range(0, 30, 3))):
        rest = G.subgraph(v for v in G if v not in gone)
        assert people_still_in_touch(G, gone) == pytest.approx(pairwise_connectivity(rest))
    E = embedded_design(40, 8, seed=0)
    for gone in ([E.graph["ai"][0]], [0, 1, E.graph["ai"][1]], [3]):
        assert people_still_in_touch(E, gone) == pytest.approx(failure(E, gone).in_touch)
