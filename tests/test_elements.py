"""The three elements together (p2pkit.elements): each lens against its own model, the pair
changes against brute force, every case of the verdict, and the numbers of the page
reference/three-elements.md."""

from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from p2pkit import orgs
from p2pkit.architecture import pairwise_connectivity
from p2pkit.communities import brokerage, detect, modularity
from p2pkit.dynamics import evolve
from p2pkit.elements import pair_changes, read_three, together_verdict
from p2pkit.equipotency import centralization, gini, influence_shares
from p2pkit.errors import P2PKitError

ROOT = Path(__file__).resolve().parent.parent


# --------------------------------------------------------------------------- one snapshot, three lenses


@pytest.mark.parametrize("name", ["krack_friends", "krack_advice"])
def test_each_lens_is_its_own_model(name):
    G = orgs.load_dataset(name)
    U = G.to_undirected()
    lens = read_three(G)
    comms = detect(U, seed=0)
    assert [set(c) for c in lens.communities] == comms
    assert lens.modularity == pytest.approx(modularity(U, comms))
    assert lens.modularity == pytest.approx(nx.community.modularity(U, comms))
    assert lens.holds_together == brokerage(U, comms).critical
    assert lens.shares == pytest.approx(influence_shares(U, "degree"))
    assert lens.gini == pytest.approx(gini(lens.shares.values()))
    assert lens.route_centralization == pytest.approx(centralization(U, "betweenness"))
    assert lens.reciprocity == pytest.approx(nx.overall_reciprocity(G))
    assert lens.density == pytest.approx(nx.density(G))
    assert lens.in_touch == pytest.approx(pairwise_connectivity(U))
    assert lens.ties == G.number_of_edges() and lens.people == 21


def test_share_of_influence_is_contacts_over_all_contacts():
    G = orgs.load_dataset("krack_friends")
    U = G.to_undirected()
    lens = read_three(G)
    total = 2 * U.number_of_edges()
    assert all(lens.shares[v] == pytest.approx(U.degree(v) / total) for v in U)
    assert sum(lens.shares.values()) == pytest.approx(1.0)
    assert lens.top_share == max(lens.shares.values()) and lens.equal_share == pytest.approx(1 / 21)


def test_a_given_division_is_used_in_its_order():
    G = nx.barbell_graph(4, 0)
    a, b = set(range(4)), set(range(4, 8))
    assert read_three(G, [b, a]).communities == (frozenset(b), frozenset(a))
    assert read_three(G, [b, a]).holds_together == {3: ((0, 1),), 4: ((0, 1),)}
    with pytest.raises(P2PKitError):
        read_three(G, [a])


def test_people_cut_off_are_outside_the_largest_group():
    G = nx.Graph([(0, 1), (1, 2), (2, 0), (3, 4)])
    G.add_node(5)
    lens = read_three(G)
    assert lens.cut_off == (3, 4, 5)
    assert lens.in_touch == pytest.approx(pairwise_connectivity(G))


# --------------------------------------------------------------------------- pairs that gain or lose their tie


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_pair_changes_match_a_brute_force_comparison(seed):
    G = nx.gnp_random_graph(15, 0.2, seed=seed, directed=True)
    ev = evolve(G, 6, reciprocate=0.3, closure=0.3, meet=0.1, decay=0.3, seed=seed)

    def pairs(t):
        D = ev.network(t)
        return {frozenset(e) for e in D.edges()}

    for t in range(1, 7):
        new, lost = pair_changes(ev, t)
        assert {frozenset(e) for e in new} == pairs(t) - pairs(t - 1)
        assert {frozenset(e) for e in lost} == pairs(t - 1) - pairs(t)
    assert pair_changes(ev, 0) == ((), ())
    with pytest.raises(P2PKitError, match=r"^step must be at most 6; got 7\.$"):
        pair_changes(ev, 7)
    assert pair_changes(ev, np.int64(3)) == pair_changes(ev, 3.0) == pair_changes(ev, 3)


# --------------------------------------------------------------------------- the verdict, case by case


def _names(v):
    return f"Manager {v}"


def test_verdict_at_the_start_describes_the_three_lenses():
    s = read_three(orgs.load_dataset("krack_friends"))
    text = together_verdict(s, s, 0, 0, 0, _names)
    assert text.startswith("At the start: 4 loosely drawn communities (modularity 0.16); Manager 17 has the "
                           "biggest share of influence, 11% (2.4 times an equal share); 45% of ties are returned.")


def test_verdict_a_network_coming_apart():
    start = read_three(nx.barbell_graph(5, 0))
    G = nx.barbell_graph(5, 0)
    G.remove_edge(4, 5)
    now = read_three(G, [set(c) for c in start.communities])
    text = together_verdict(start, now, 0, 2, 1)
    assert "coming apart" in text and "0 ties formed and 2 faded in 1 step" in text
    assert f"{now.in_touch:.0%} of pairs can still reach each other" in text


def test_verdict_evenness_that_costs_ties():
    G = orgs.client_server(9)
    H = G.copy()
    H.add_edges_from((i, i % 8 + 1) for i in range(1, 9))      # a ring among the clients
    start, now = read_three(G), read_three(H)
    assert now.gini < start.gini - 0.03 and now.ties > 1.1 * start.ties
    text = together_verdict(start, now, 16, 0, 3)
    assert text.startswith("Together, the lenses show what evenness costs")
    assert f"{now.ties / start.ties:.1f} times as many ties to keep up" in text


def test_verdict_a_single_point_the_spread_does_not_show():
    start = read_three(nx.complete_graph(6))
    G = nx.barbell_graph(4, 0)
    now = read_three(G)
    text = together_verdict(start, now, 3, 2, 2)
    assert text.startswith("Together, the lenses find a weak point that was not there at the start: without "
                           "either person 3 or person 4, communities 1 and 2 lose touch")


def test_verdict_a_drift_before_anyone_loses_touch():
    friends = orgs.load_dataset("krack_friends")
    ev = evolve(friends, 2, reciprocate=0.2, closure=0.2, decay=0.25, seed=0)
    start, now = read_three(ev.network(0)), read_three(ev.network(2))
    assert now.in_touch == 1.0 and not now.holds_together
    text = together_verdict(start, now, sum(ev.formed[:2]), sum(ev.faded[:2]), 2, _names)
    assert text.startswith("Together, the lenses see a drift that reach does not show yet")
    assert "influence gathers on Manager 17" in text and "nobody has lost touch yet" in text


def test_verdict_when_nothing_moves():
    s = read_three(orgs.load_dataset("krack_advice"))
    assert together_verdict(s, s, 5, 5, 1).startswith("Together, no lens has moved far: the communities hold steady")


# --------------------------------------------------------------------------- the figure and the page


def _page_numbers():
    """Every number the page reference/three-elements.md cites, from the figure's own runs."""
    from p2pkit.views.elements import _run

    out = {}
    _, fade0 = _run("friends", "fade", 0, 10)
    _, fade1 = _run("friends", "fade", 1, 10)
    _, fof0 = _run("friends", "friends", 0, 10)
    _, adv = _run("advice", "fade", 0, 10)
    lens = [r[2] for r in fade0]
    out["first_step_apart"] = next(t for t, x in enumerate(lens) if x.in_touch < 1)
    out["start"] = lens[0]
    out["fade0"] = lens
    out["fade1"] = [r[2] for r in fade1]
    out["fof0"] = [r[2] for r in fof0]
    out["advice"] = [r[2] for r in adv]
    return out


def test_numbers_of_the_three_elements_page():
    n = _page_numbers()
    s = n["start"]
    # at the start (friendship): 4 loosely drawn communities, modularity 0.16; Manager 17 2.4 times
    # an equal share; Gini 0.25; 45% of ties returned
    assert (len(s.communities), round(s.modularity, 2), s.top, round(s.top_ratio, 1), round(s.gini, 2),
            round(s.reciprocity, 2)) == (4, 0.16, "17", 2.4, 0.25, 0.45)
    # fading, seed 0: the first step with pairs out of touch is 4 (90% in touch); before it,
    # modularity 0.22 and Gini 0.33 at step 3
    f = n["fade0"]
    assert n["first_step_apart"] == 4 and round(f[4].in_touch, 2) == 0.90
    assert (round(f[3].modularity, 2), round(f[3].gini, 2)) == (0.22, 0.33)
    # step 10: modularity 0.28, 57% of pairs in touch, Manager 17 3.4 times an equal share
    assert (round(f[10].modularity, 2), round(f[10].in_touch, 2), f[10].top, round(f[10].top_ratio, 1)) == \
        (0.28, 0.57, "17", 3.4)
    # from step 7 to 8 the routes look less dominated (0.35 to 0.17) while pairs in touch fall
    # from 81% to 65%
    assert (round(f[7].route_centralization, 2), round(f[8].route_centralization, 2)) == (0.35, 0.17)
    assert (round(f[7].in_touch, 2), round(f[8].in_touch, 2)) == (0.81, 0.65)
    # friends of friends, seed 0, step 10: modularity 0.05, Gini 0.13, 245 ties (2.4 times 102)
    g = n["fof0"][10]
    assert (round(g.modularity, 2), round(g.gini, 2), g.ties, round(g.ties / s.ties, 1)) == (0.05, 0.13, 245, 2.4)
    # fading, seed 1, step 6: Manager 6 alone keeps community 4 in touch; Manager 17 has the
    # biggest share (2.3 times); everyone still in touch
    h = n["fade1"][6]
    assert list(h.holds_together) == ["6"] and h.holds_together["6"] == ((0, 3), (1, 3), (2, 3))
    assert (h.top, round(h.top_ratio, 1), h.in_touch) == ("17", 2.3, 1.0)
    # advice: 2 communities, modularity 0.07, Gini 0.14 at the start
    a = n["advice"][0]
    assert (len(a.communities), round(a.modularity, 2), round(a.gini, 2)) == (2, 0.07, 0.14)


def test_the_page_states_the_models_settings():
    from p2pkit.elements import CHANGE, CLEAR, GINI_CHANGE, GROWTH, TOUCH_DROP
    from p2pkit.views.elements import LIVE_STEPS, REGIMES

    text = " ".join((ROOT / "reference" / "three-elements.md").read_text(encoding="utf-8").split())
    assert (CHANGE, GINI_CHANGE, TOUCH_DROP, GROWTH, CLEAR, LIVE_STEPS) == (0.05, 0.03, 0.01, 0.10, 0.3, 30)
    for phrase in ("by more than 0.05", "by more than 0.03", "by more than 1 point", "more than 10% more ties",
                   "from about 0.3", "go on to 30", "1 in 21, about 4.8%", "a quarter of unused ties"):
        assert phrase in text, phrase
    assert round(100 / 21, 1) == 4.8 and REGIMES["fade"][1]["decay"] == 0.25


def test_the_page_cites_the_tested_numbers():
    text = (ROOT / "reference" / "three-elements.md").read_text(encoding="utf-8")
    for phrase in ["0.16", "2.4 times", "step 4", "0.28", "57%", "3.4 times", "0.35", "0.17", "81%", "65%",
                   "0.05", "0.13", "245", "Manager 6", "0.07"]:
        assert phrase in text, phrase
    assert "(krackhardt-firm)" not in text and "<krackhardt-firm>" in text
    assert "{footcite:p}`baker2014`" in text


def test_the_figure_verdicts_follow_the_model():
    from p2pkit.views.elements import lenses_scene

    st = lenses_scene("friends", "fade", 6, 1)
    assert st["verdict"].startswith("Together, the lenses find a weak point that was not there at the start: "
                                    "without Manager 6, community 4 is cut off from all the others")
    st = lenses_scene("friends", "friends", 10, 0)
    assert st["verdict"].startswith("Together, the lenses show what evenness costs")
    assert lenses_scene("friends", "fade", 0, 0)["verdict"].startswith("At the start: 4 loosely drawn communities")
    # colours follow the communities from one step to the next: a colour slot is never shared
    for t in range(11):
        net = lenses_scene("friends", "fade", t, 0)["panels"][0]
        names = net["group_names"]
        assert len([x for x in names if x]) == len({x for x in names if x})


def test_numbers_of_the_krackhardt_firm_section_of_the_data_page():
    # reference/data.md, "Krackhardt's firm": 21 managers; 190 advice, 102 friendship and 20
    # reporting ties; manager 7 the chief executive, 2, 14, 18 and 21 the vice-presidents who
    # report to him, the other 16 each reporting to a vice-president
    down = orgs.load_dataset("krack_reports", top_down=True)
    vps = sorted(down.successors("7"), key=int)
    assert vps == ["2", "14", "18", "21"]
    assert {v for v, d in down.nodes(data=True) if d["level"] == 2} == set(vps)
    others = [v for v in down if v != "7" and v not in vps]
    assert len(others) == 16 and all(next(iter(down.predecessors(v))) in vps for v in others)
    sizes = [orgs.load_dataset(n).number_of_edges() for n in ("krack_advice", "krack_friends", "krack_reports")]
    assert sizes == [190, 102, 20] and down.number_of_nodes() == 21
    text = (ROOT / "reference" / "data.md").read_text(encoding="utf-8")
    assert "(krackhardt-firm)=\n## Krackhardt's firm" in text
    for phrase in ("21 of whom", "190 ties", "102 ties", "20 ties", "managers 2, 14, 18 and 21", "other 16"):
        assert phrase in text, phrase
