"""The essay's AI claim: streams reachable within a budget and their fidelity, against direct
computation with networkx, q^h, and brute-force agent placement."""

import itertools
import math

import networkx as nx
import numpy as np
import pytest

from p2pkit import orgs
from p2pkit.ai_access import (
    STORE,
    ai_verdict,
    compare_designs,
    place_agents,
    stream_access,
)
from p2pkit.decay import fidelity
from p2pkit.errors import P2PKitError


def direct(G, holders, hosts, q, relay_hours, budget):
    """Hand-offs to the nearest host by networkx, then q^h and h * hours, stream by stream."""
    out = []
    for s in holders:
        h = min(nx.shortest_path_length(G, s, a) for a in hosts)
        out.append((h, q**h, h * relay_hours, h * relay_hours <= budget))
    return out


@pytest.mark.parametrize("q, budget", [(0.9, 4.0), (0.8, 2.0), (0.95, 1.0), (1.0, 0.0)])
def test_relays_fidelity_and_reach_match_direct_computation(q, budget):
    G = orgs.peer_mesh(40, 4, 0.1, seed=2)
    holders = list(range(10, 40))
    hosts = [12, 25]
    a = stream_access(G, holders, hosts, keep=q, relay_hours=1.0, budget=budget)
    d = direct(G, holders, hosts, q, 1.0, budget)
    assert a.relays.tolist() == [x[0] for x in d]
    assert np.allclose(a.fidelity, [x[1] for x in d])
    assert np.allclose(a.fidelity, [fidelity(x[0], q) for x in d])       # decay's relay model, reused
    assert a.reached == sum(x[3] for x in d)
    assert a.usable == pytest.approx(sum(x[1] for x in d if x[3]) / len(holders))


def test_chart_central_agent_sees_every_stream_through_every_level():
    for levels, span in [(3, 2), (4, 3), (5, 2)]:
        c = compare_designs(levels, span)
        h = c.results["hierarchy"]
        assert h.hosts == (0,) and set(h.relays.tolist()) == {levels - 1}
        assert h.mean_fidelity == pytest.approx(0.9 ** (levels - 1))
        assert h.streams == span ** (levels - 1)


def test_approved_feeds_are_whole_but_wait_for_every_manager():
    c = compare_designs(access="approved feed", approval_hours=8.0, budget=23.9)
    h = c.results["hierarchy"]
    assert np.all(h.fidelity == 1.0) and np.all(h.approvals == 3) and np.all(h.hours == 24.0)
    assert h.reached == 0
    assert compare_designs(access="approved feed", approval_hours=8.0, budget=24).results["hierarchy"].reached == 27


def test_pooled_data_levels_the_designs():
    c = compare_designs(data="pooled", agents=3)
    for res in c.results.values():
        assert res.reached == res.streams == 27 and np.all(res.relays == 0) and res.usable == 1.0
        assert set(res.holders) == {STORE}
    assert "does not hold" in ai_verdict(c)


def test_placement_is_a_median_and_the_chart_puts_three_agents_with_the_vice_presidents():
    G = orgs.peer_mesh(30, 4, 0.1, seed=0)
    holders = list(range(8, 30))
    D = dict(nx.all_pairs_shortest_path_length(G))

    def total(hosts):
        return sum(min(D[s][a] for a in hosts) for s in holders)

    one = place_agents(G, holders, 1)
    assert total(one) == min(total([v]) for v in holders)
    two = place_agents(G, holders, 2)
    assert total(two) == min(total(list(p)) for p in itertools.combinations(holders, 2))
    chart = orgs.hierarchy(4, 3)
    staff = [v for v, d in chart.nodes(data=True) if d["role"] == "staff"]
    managers = [v for v, d in chart.nodes(data=True) if d["role"] != "staff"]
    assert place_agents(chart, staff, 1, candidates=managers) == [0]
    assert place_agents(chart, staff, 3, candidates=managers) == [1, 2, 3]


def test_more_budget_more_streams_and_the_default_verdicts():
    reached = [compare_designs(agents=3, budget=b).results["peer network"].reached for b in (0, 1, 2, 3, 4, 8)]
    assert reached == sorted(reached) and reached[-1] == 27
    c = compare_designs(agents=3)
    h, p = c.results["hierarchy"], c.results["peer network"]
    assert p.usable > h.usable and "the claim holds" in ai_verdict(c)
    one = compare_designs(agents=1)
    assert one.results["hierarchy"].usable > one.results["peer network"].usable   # one agent cannot be near all
    assert "hierarchy does better" in ai_verdict(one)


def test_unreachable_streams_and_bad_input():
    G = nx.Graph([(0, 1), (2, 3)])
    a = stream_access(G, [1, 3], [0])
    assert a.reached == 1 and math.isinf(a.hours[1]) and a.fidelity[1] == 0.0
    with pytest.raises(P2PKitError, match="not in the network"):
        stream_access(G, [9], [0])
    with pytest.raises(P2PKitError, match="keep"):
        stream_access(G, [1], [0], keep=1.5)
    with pytest.raises(P2PKitError, match="hours"):
        stream_access(G, [1], [0], budget=-1)
    with pytest.raises(P2PKitError, match="'edge'"):
        compare_designs(data="cloud")
    with pytest.raises(P2PKitError, match="at least 1"):
        place_agents(G, [1], 0)
    with pytest.raises(P2PKitError, match=r"^agents must be a whole number of at least 1; got 0"):
        compare_designs(data="pooled", agents=0)
    with pytest.raises(P2PKitError, match="undirected"):
        stream_access(nx.DiGraph([(0, 1)]), [1], [0])


def test_numpy_integers_and_whole_floats_are_whole_numbers():
    a, b = compare_designs(agents=np.int64(3), seed=1), compare_designs(agents=3.0, seed=1)
    assert a.agents == b.agents == 3
    assert a.results["peer network"].hosts == b.results["peer network"].hosts


# --------------------------------------------------------------------------- chapter 10's numbers


def test_numbers_in_chapter_10():
    """Every number chapter 10 states about the data-streams figure, read off the figure at the settings it names."""
    from pathlib import Path

    from p2pkit.views.ai_access import data_to_agents

    text = (Path(__file__).resolve().parent.parent / "chapters" / "ch10-hybrid-human-ai.md").read_text()
    fig = data_to_agents()
    assert fig.defaults() == {"data": "edge", "access": "relayed", "agents": 3, "keep": 0.9, "hours": 4, "seed": 0}

    def read(**values):
        s = fig.scene(**values)
        return dict(s["readout"]), s["verdict"]

    # the start: data at the front line, relayed, three agents each, four hours
    out, verdict = read()
    assert out["Streams in after 4 h: hierarchy / peer network"] == "27 / 27 of 27"
    assert out["Detail that has arrived: hierarchy / peer network"] == "81% / 86%"
    assert "86% the network's" in verdict
    # the chart's three agents sit with the three people just below the top; one agent at the top
    c = compare_designs(agents=3)
    assert c.results["hierarchy"].hosts == (1, 2, 3) and compare_designs(agents=1).results["hierarchy"].hosts == (0,)
    # approved feeds: nothing within four hours, everything whole after 16
    out, verdict = read(access="approved feed")
    assert out["Streams in after 4 h: hierarchy / peer network"] == "0 / 27 of 27"
    assert "take 16 hours" in verdict
    assert read(access="approved feed", hours=16)[0]["Detail that has arrived: hierarchy / peer network"] == "100% / 86%"
    assert read(access="approved feed", hours=8)[0]["Streams in after 8 h: hierarchy / peer network"] == "0 / 27 of 27"
    # one agent each: the chart does slightly better, 73% against 71%; 2 streams arrive too late
    out, _ = read(agents=1)
    assert out["Detail that has arrived: hierarchy / peer network"] == "73% / 71%"
    assert out["Streams in after 4 h: hierarchy / peer network"] == "27 / 25 of 27"
    # two hours, three agents: the network misses 2 streams, 80% of the detail against the chart's 81%
    out, _ = read(hours=2)
    assert out["Streams in after 2 h: hierarchy / peer network"] == "27 / 25 of 27"
    assert out["Detail that has arrived: hierarchy / peer network"] == "81% / 80%"
    # pooled: both read all 27 streams at once
    out, _ = read(data="pooled")
    assert out["Streams in after 4 h: hierarchy / peer network"] == "27 / 27 of 27"
    assert out["Most hand-offs to an agent: hierarchy / peer network"] == "0 / 0"
    for said in ("each of the 27 front-line people", "keeping 90% of its detail and taking an hour",
                 "each approval takes eight hours", "both designs get all 27 streams",
                 "the network's agents receive 86% of the detail and the chart's 81%",
                 "the approved streams arrive whole after 16 hours", "73% of the detail against 71%",
                 "2 streams arrive too late", "reads all 27 streams at once", "the network's AI receives 86% of the "
                 "detail within four hours, the chart's 81%", "everything only after 16",
                 "the network misses 2 streams and gets 80% of the detail against the chart's 81%"):
        assert said in text, said
