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


def test_decision_minutes_is_the_queue_part_of_compare_designs():
    from p2pkit.hybrid import decision_minutes
    for r in (0.5, 2.0, 4.5):
        d = compare_designs(people=70, team_size=8, requests_per_person=r, hub_speed=300, agent_speed=50)
        h, e = decision_minutes(r, 70, 8, 300, 50)
        assert h == d["AI hub"].minutes_to_decision
        assert e == d["embedded agents"].minutes_to_decision


def test_explorable_and_widget():
    import re

    from p2pkit.explorables.hybrid import failure_figure, load_sweep
    from p2pkit.widgets.hybrid import explorer
    s = load_sweep(people=16, team_size=4, hub_speed=64, agent_speed=20, rates=(1.0, 5.0))
    assert s.frames == 2 and not re.search(r"""(src|href)=["']https?://""", s.html)
    assert 'alt="Animation in 2 frames' in s.html
    assert len(failure_figure(16, 4).axes) == 2
    e = explorer(people=40, team_size=8, hub_speed=160)
    assert "Verdict" in e.readout.value
    e.controls["requests"].value = 9.0
    assert "saturated" in e.readout.value
    e.controls["requests"].value = 0.0
    e.controls["seed"].value = -2
    assert "Traceback" not in e.message.value + e.readout.value


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
    assert "can still reach each other" in failure_verdict("AI hub", f)
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
