"""Transparency (chapter 9): gossip against report-up-broadcast-down, against published values."""

import math

import networkx as nx
import numpy as np
import pytest

from p2pkit import orgs
from p2pkit.errors import P2PKitError
from p2pkit.transparency import (
    gossip_everything,
    org_chart,
    push_rounds_estimate,
    report_up_broadcast_down,
    report_up_rounds,
    rumour_rounds,
    verdict,
)


def test_push_on_complete_graph_matches_frieze_grimmett_pittel():
    # Frieze & Grimmett (1985), Pittel (1987): log2 n + ln n + O(1) rounds.
    n = 1024
    runs = [rumour_rounds(n, mode="push", seed=s) for s in range(200)]
    estimate = math.log2(n) + math.log(n)
    assert push_rounds_estimate(n) == pytest.approx(estimate)
    assert abs(np.mean(runs) - estimate) < 1.5
    # the doubling phase alone needs at least log2 n rounds in every run
    assert min(runs) >= math.ceil(math.log2(n))


def test_push_pull_is_faster_than_push_and_pull():
    n = 512
    push = np.mean([rumour_rounds(n, mode="push", seed=s) for s in range(60)])
    pull = np.mean([rumour_rounds(n, mode="pull", seed=s) for s in range(60)])
    both = np.mean([rumour_rounds(n, mode="push-pull", seed=s) for s in range(60)])
    assert both < pull < push
    # Karp et al. (2000): push-pull needs log3 n + O(log log n) rounds
    assert both < math.log(n, 3) + 2 * math.log2(math.log2(n)) + 2


def test_rumour_cannot_beat_the_distance():
    # on a path a rumour from one end needs at least n - 1 rounds (one hop per round)
    G = nx.path_graph(12)
    assert rumour_rounds(G, source=0, mode="push-pull", seed=3) >= 11
    assert rumour_rounds(G, source=0, mode="pull", seed=3) >= 11


def test_seeded_runs_repeat():
    a = gossip_everything(orgs.peer_mesh(60, 4, 0.1, seed=1), seed=7)
    b = gossip_everything(orgs.peer_mesh(60, 4, 0.1, seed=1), seed=7)
    assert a.rounds == b.rounds and a.conversations == b.conversations
    assert np.array_equal(a.shares, b.shares)


@pytest.mark.parametrize("levels,span", [(2, 5), (3, 3), (4, 3), (4, 5), (5, 2)])
def test_report_up_broadcast_down_closed_form(levels, span):
    G = orgs.hierarchy(levels, span)
    n = G.number_of_nodes()
    s = report_up_broadcast_down(G)
    assert s.rounds == 2 * (levels - 1) == report_up_rounds(levels, span)
    assert s.conversations == 2 * (n - 1)
    assert s.coverage[-1] == 1.0 and s.complete_share[-1] == 1.0
    for cap in (1, 2, span):
        c = report_up_broadcast_down(G, capacity=cap)
        assert c.rounds == 2 * (levels - 1) * math.ceil(span / cap) == report_up_rounds(levels, span, cap)
        assert c.peak_load <= cap


def test_org_chart_is_the_one_organisation_chart():
    # the package's one chart generator (orgs.org_chart), from two people up, named for the figures
    for n, span in ((3, 1), (13, 3), (40, 3), (100, 4), (151, 8)):
        G, H = org_chart(n, span), orgs.org_chart(n, span)
        H.graph["shape"] = "org chart"
        assert nx.utils.graphs_equal(G, H) and list(G.edges()) == list(H.edges())
    two = org_chart(2, 5)
    assert list(two.edges()) == [(0, 1)] and [two.nodes[v]["role"] for v in two] == ["top", "staff"]


def test_org_chart_is_the_full_hierarchy_when_sizes_match():
    # nx.full_rary_tree against the kit's own level-by-level hierarchy generator
    assert set(map(frozenset, org_chart(40, 3).edges())) == set(map(frozenset, orgs.hierarchy(4, 3).edges()))


def test_all_to_all_gossip_on_a_path_equals_flooding_bound():
    # every piece must cross the whole path: at least n - 1 rounds
    G = nx.path_graph(8)
    s = gossip_everything(G, seed=0)
    assert s.rounds >= 7 and s.final_coverage == 1.0


def test_gossip_knowledge_against_brute_force_sets():
    # an independent, slow implementation with Python sets and the same random calls
    G = orgs.peer_mesh(15, 4, 0.2, seed=2)
    s = gossip_everything(G, mode="push-pull", seed=5)
    know = [{v} for v in range(15)]
    for r, calls in enumerate(s.calls, start=1):
        new = [set(k) for k in know]
        for a, b in calls:
            new[b] |= know[a]
            new[a] |= know[b]
        know = new
        assert np.allclose(s.shares[r], [len(k) / 15 for k in know])
    assert all(len(k) == 15 for k in know)


def test_absent_manager_cuts_the_chart_but_not_gossip():
    G = org_chart(40, 3)
    c = report_up_broadcast_down(G, absent=[1])  # a manager with 12 people under them
    assert c.rounds is None and c.final_coverage < 1
    g = gossip_everything(orgs.peer_mesh(40, 4, 0.1, seed=0), absent=[1], seed=0)
    assert g.rounds is not None and g.final_coverage == 1.0 and g.present == 39
    assert "Chart: never completes" in verdict(g, c)


def test_gossip_on_a_cut_network_reports_never():
    G = nx.path_graph(5)
    s = gossip_everything(G, absent=[2], seed=0)
    assert s.rounds is None
    # two parts of 2 people each: everyone ends up knowing half the present picture
    assert s.final_coverage == pytest.approx(0.5)


def test_verdict_says_who_is_faster():
    g = gossip_everything(40, seed=0)
    slow_chart = report_up_broadcast_down(orgs.hierarchy(4, 3), capacity=1)
    fast_chart = report_up_broadcast_down(orgs.hierarchy(4, 3))
    assert verdict(g, slow_chart).startswith("Gossip is faster")
    assert verdict(g, fast_chart).startswith("The chart is faster")


def test_errors():
    with pytest.raises(P2PKitError, match="mode"):
        rumour_rounds(10, mode="shout")
    with pytest.raises(P2PKitError, match="not connected"):
        rumour_rounds(nx.Graph([(0, 1), (2, 3)]))
    with pytest.raises(P2PKitError, match="tree"):
        report_up_broadcast_down(nx.cycle_graph(5))
    with pytest.raises(P2PKitError, match="capacity"):
        report_up_broadcast_down(org_chart(10, 3), capacity=0)
    with pytest.raises(P2PKitError, match="absent"):
        gossip_everything(10, absent=[99])
    with pytest.raises(P2PKitError, match="everybody is absent"):
        gossip_everything(3, absent=[0, 1, 2])
    with pytest.raises(P2PKitError):
        org_chart(1, 3)


def test_counts_may_be_numpy_integers():
    # numpy integers (a slider, an array) are whole numbers everywhere in transparency
    from p2pkit.transparency import at_round, chart_size, rounds_by_size

    i = np.int64
    assert nx.utils.graphs_equal(org_chart(i(40), i(3)), org_chart(40, 3))
    assert report_up_rounds(i(4), i(3), capacity=i(1)) == report_up_rounds(4, 3, capacity=1) == 18
    assert chart_size(i(4), i(3)) == 40
    assert push_rounds_estimate(i(1024)) == push_rounds_estimate(1024)
    assert rumour_rounds(i(64), source=i(3), seed=1) == rumour_rounds(64, source=3, seed=1)
    assert rumour_rounds(64, seed=i(5)) == rumour_rounds(64, seed=5)
    g = gossip_everything(i(40), seed=0, absent=[i(5)])
    assert g.rounds == gossip_everything(40, seed=0, absent=[5]).rounds
    c = report_up_broadcast_down(orgs.hierarchy(4, 3), capacity=i(2), absent=[i(4)])
    assert c.rounds == report_up_broadcast_down(orgs.hierarchy(4, 3), capacity=2, absent=[4]).rounds
    assert at_round(g, c, i(3)) == at_round(g, c, 3)
    assert rounds_by_size(i(3), levels=(i(3),), capacity=i(1), mesh_ties=i(4), seeds=i(2)) == rounds_by_size(
        3, levels=(3,), seeds=2)


@pytest.mark.parametrize("call, words", [
    (lambda: org_chart(40, True), r"span \(reports per manager\) must be a whole number of at least 1; got True"),
    (lambda: rumour_rounds(10, source=10), r"source \(a person numbered 0 to 9\) must be at most 9; got 10"),
    (lambda: rumour_rounds(1), r"people \(or give a networkx Graph\) must be a whole number of at least 2; got 1"),
    (lambda: rumour_rounds("ten"), r"must be a whole number of at least 2; got 'ten'"),
    (lambda: gossip_everything(nx.DiGraph([(0, 1)])), "use an undirected network"),
    (lambda: gossip_everything(10, absent=[2.5]), r"absent people \(numbered 0 to 9\) must be a whole number"),
    (lambda: report_up_broadcast_down(nx.empty_graph(1)), "the org chart needs a network of at least 2 people"),
    (lambda: report_up_rounds(4, 3, capacity=0), r"capacity \(conversations a manager holds per round; None for"),
])
def test_bad_counts_say_what_to_give(call, words):
    with pytest.raises(P2PKitError, match=words):
        call()


def test_the_number_of_people_is_called_people():
    assert push_rounds_estimate(people=1024) == push_rounds_estimate(1024)
    with pytest.raises(P2PKitError, match="people must be a whole number of at least 2; got 1"):
        push_rounds_estimate(people=1)


# --------------------------------------------------------------------------- sentences


def test_at_round_and_final_verdict():
    from p2pkit.transparency import at_round
    g = gossip_everything(40, seed=0)
    c = report_up_broadcast_down(orgs.hierarchy(4, 3), capacity=1)
    # round 0: everyone knows only their own piece, 1/40 of the picture
    assert at_round(g, c, 0).startswith("Round 0: gossip: people know 2% of the picture") or \
        at_round(g, c, 0).startswith("Round 0: gossip: people know 3% of the picture")
    assert "nobody knows all of it" in at_round(g, c, 0)
    assert f"since round {g.rounds}" in at_round(g, c, 100)


def test_rounds_by_size_against_closed_forms_and_the_runs():
    from p2pkit.transparency import chart_size, rounds_by_size, size_verdict

    s = rounds_by_size(span=3, levels=(3, 4, 5), capacity=2, mesh_ties=4, seeds=3)
    assert s.sizes == (13, 40, 121) == tuple(org_chart(n, 3).number_of_nodes() for n in s.sizes)
    assert s.sizes == tuple(chart_size(L, 3) for L in (3, 4, 5))
    assert s.rounds["chart, limited"] == tuple(report_up_rounds(L, 3, 2) for L in (3, 4, 5))
    assert s.rounds["chart, all at once"] == tuple(report_up_rounds(L, 3) for L in (3, 4, 5))
    # gossip: the plain mean of independent runs
    n = 40
    assert s.rounds["push, anyone"][1] == pytest.approx(
        np.mean([gossip_everything(n, "push", seed=k).rounds for k in range(3)]))
    mesh = orgs.peer_mesh(n, 4, 0.1, seed=0)
    assert s.rounds["push-pull, mesh"][1] == pytest.approx(
        np.mean([gossip_everything(mesh, "push-pull", seed=k).rounds for k in range(3)]))
    v = size_verdict(s)
    assert v.startswith("At 121 people") and "costs it 4 rounds" in v
    with pytest.raises(P2PKitError):
        rounds_by_size(3, capacity=None)


def test_conversations_by_round_add_up():
    g = gossip_everything(orgs.peer_mesh(30, 4, 0.1, seed=1), seed=1)
    c = report_up_broadcast_down(org_chart(30, 3), capacity=2)
    for s in (g, c):
        assert s.conversations_by(0) == 0
        assert s.conversations_by(s.last) == s.conversations == sum(len(x) for x in s.calls)
        assert [s.conversations_by(r + 1) - s.conversations_by(r) for r in range(s.last)] == [len(x) for x in s.calls]


# --------------------------------------------------------------------------- figures (p2pkit.views.transparency)


def _readout(scene):
    return dict(scene["readout"])


def test_round_scene_shows_the_two_runs():
    from p2pkit.transparency import at_round
    from p2pkit.views.transparency import END, round_scene

    mesh = orgs.peer_mesh(40, k=4, rewire=0.1, seed=1)
    g = gossip_everything(mesh, mode="push-pull", seed=1)
    c = report_up_broadcast_down(org_chart(40, 3), capacity=2)
    for r in (0, 3, 9):
        s = round_scene(r, 2, 40, 1)
        assert s["verdict"] == at_round(g, c, r)
        gossip, chart = s["panels"][0], s["panels"][1]
        # green marks: the people who know the whole picture after round r
        assert gossip["role"].count("reached") == round(g.complete_share[min(r, g.last)] * 40)
        assert gossip["figures"][0]["values"] == pytest.approx(list(g.shares[min(r, g.last)]), abs=1e-3)
        assert chart["role"][0] in ("centre", "reached")
        assert _readout(s)["Conversations so far (gossip / chart)"] == \
            f"{g.conversations_by(r):,} / {c.conversations_by(r):,}"
    end = round_scene(END, 2, 40, 1)
    assert end["verdict"] == verdict(g, c)
    assert end["panels"][0]["role"].count("reached") == 40


def test_sandbox_sends_a_person_away_from_both_networks():
    from p2pkit.views.transparency import sandbox_scene

    s = sandbox_scene("mesh", 1, "1", people=30)
    g = gossip_everything(orgs.peer_mesh(30, k=4, rewire=0.1, seed=0), mode="push-pull", seed=0, absent=[1])
    c = report_up_broadcast_down(org_chart(30, 3), capacity=1, absent=[1])
    assert s["verdict"] == verdict(g, c)
    assert all(p["role"][1] == "removed" for p in s["panels"][:2])
    assert _readout(s)["Rounds until everyone knows everything (gossip / chart)"] == f"{g.rounds} / never"
    anyone = sandbox_scene("anyone", 0, "", people=30)
    assert anyone["panels"][0]["ties"] == []  # anyone can call anyone: no ties drawn
    assert anyone["verdict"] == verdict(gossip_everything(30, seed=0),
                                        report_up_broadcast_down(org_chart(30, 3)))


def test_rounds_against_size_draws_the_sweep():
    from p2pkit.transparency import rounds_by_size, size_verdict
    from p2pkit.views.transparency import sweep_scene

    s = sweep_scene(3, 1, 4)
    sweep = rounds_by_size(3, (3, 4, 5, 6), capacity=1, mesh_ties=4, seeds=4)
    lines = {x["name"]: x for x in s["panels"][0]["series"]}
    assert lines["chart, 1 a round"]["x"] == [13, 40, 121, 364] == list(sweep.sizes)
    assert lines["chart, 1 a round"]["y"] == [12, 18, 24, 30]
    assert lines["push-pull, mesh 4"]["y"] == pytest.approx(list(sweep.rounds["push-pull, mesh"]), rel=1e-3)
    assert s["verdict"] == size_verdict(sweep)


def test_chapter_9_numbers():
    """The numbers chapter 9 states about the figures at their default settings."""
    mesh = orgs.peer_mesh(40, k=4, rewire=0.1, seed=0)
    g = gossip_everything(mesh, mode="push-pull", seed=0)
    c = report_up_broadcast_down(org_chart(40, 3), capacity=1)
    assert (g.rounds, c.rounds) == (12, 18)  # gossip finishes first: 12 rounds against 18
    assert round(g.conversations / c.conversations) == 6 and g.peak_load == 5 and c.peak_load == 1
    assert c.conversations == 2 * 39  # one conversation per tie each way
    assert report_up_broadcast_down(org_chart(40, 3)).rounds == 6  # managers talk to all at once
    seeds = [gossip_everything(orgs.peer_mesh(40, k=4, rewire=0.1, seed=k), mode="push-pull", seed=k).rounds
             for k in range(3)]
    assert seeds == [12, 18, 17]
    # the sandbox (30 people, span 3): sending any manager away stops the chart, not gossip
    chart, mesh30 = org_chart(30, 3), orgs.peer_mesh(30, k=4, rewire=0.1, seed=0)
    for v in [v for v in chart if v == 0 or chart.degree(v) > 1]:
        assert report_up_broadcast_down(chart, capacity=1, absent=[v]).rounds is None
        assert gossip_everything(mesh30, mode="push-pull", seed=0, absent=[v]).rounds is not None
    # the sizes of the rounds-against-size figure for a span of 3
    from p2pkit.transparency import chart_size, rounds_by_size
    assert [chart_size(L, 3) for L in (3, 4, 5, 6)] == [13, 40, 121, 364]
    # ... and its lines: the chart at one conversation a round needs 12 rounds for 13 people and
    # 30 for 364; gossip in which anyone can call anyone goes from 5 rounds to fewer than 10
    sweep = rounds_by_size(3, (3, 4, 5, 6), capacity=1, mesh_ties=4, seeds=4)
    assert sweep.rounds["chart, limited"][0] == 12 and sweep.rounds["chart, limited"][-1] == 30
    anyone = sweep.rounds["push-pull, anyone"]
    assert anyone[0] == 5 and anyone[-1] < 10
    # Things to notice: at round 9 only the 13 managers know more than their own piece and the
    # average person knows less than a tenth; by round 6 the average gossiper knows more than
    # half, and nobody knows all of it yet
    chart40 = org_chart(40, 3)
    managers = {v for v in chart40 if v == 0 or chart40.degree(v) > 1}
    assert len(managers) == 13 and set(np.flatnonzero(c.shares[9] > 1 / 40 + 1e-9)) == managers
    assert c.coverage[9] < 0.1 and c.complete_share[9] < 0.5
    assert g.coverage[6] > 0.5 and g.complete_share[6] == 0
    from p2pkit.views.transparency import round_scene

    readout = dict(map(tuple, round_scene(6, 1, 40, 0)["readout"]))
    assert readout["Gossip"] == "57% known on average; 0 of 40 know everything"
    readout = dict(map(tuple, round_scene(9, 1, 40, 0)["readout"]))
    assert readout["Org chart"].startswith("9% known on average")
    # a centre that collects and announces: 2 rounds on a star (chapter 9, averaging)
    assert report_up_broadcast_down(org_chart(40, 39)).rounds == 2


def test_chapter_10_connection_technology_numbers():
    """Chapter 10, "What connection technology changes": the rounds-against-size figure at 40 people."""
    from p2pkit.transparency import rounds_by_size

    sweep = rounds_by_size(3, (3, 4, 5, 6), capacity=1, mesh_ties=4, seeds=4)
    at40 = {name: rounds[sweep.sizes.index(40)] for name, rounds in sweep.rounds.items()}
    assert round(at40["push-pull, anyone"]) == 7  # anyone can call anyone: about 7 rounds
    assert round(at40["push-pull, mesh"]) == 13  # a peer mesh of four ties each: about 13
    assert at40["chart, limited"] == 18 and at40["chart, all at once"] == 6  # the chart: 18, or 6


@pytest.mark.parametrize("span", [1, 2, 3, 5, 12])
def test_org_chart_is_the_top_of_a_hierarchy_and_a_full_rary_tree(span):
    # one organisation-chart generator: org_chart takes the first people of orgs.hierarchy
    for people in (2, 3, 7, 13, 40, 41, 100):
        G = org_chart(people, span)
        levels = 1
        while sum(span ** k for k in range(levels)) < people:
            levels += 1
        H = orgs.hierarchy(levels, span)
        assert list(G.edges()) == [e for e in H.edges() if max(e) < people]
        assert list(G.edges()) == list(nx.full_rary_tree(span, people).edges())
        assert all(G.nodes[v]["level"] == H.nodes[v]["level"] for v in G)
        # a would-be manager in a partly filled last level has nobody to manage
        assert all((G.nodes[v]["role"] == "manager") == (v > 0 and G.degree(v) > 1) for v in G)
