"""Community detection and modularity."""

import itertools
import random

import networkx as nx
import pytest

from p2pkit.communities import detect, membership, modularity
from p2pkit.errors import P2PKitError


def karate():
    return nx.Graph(nx.karate_club_graph().edges())  # unweighted, 34 people, 78 ties


def test_karate_optimum_is_reached_and_never_exceeded():
    # The maximum modularity of Zachary's karate club is 0.4198 (Brandes et al. 2008,
    # proved optimal by integer programming; also Agarwal & Kempe 2008).
    G = karate()
    values = [modularity(G, detect(G, seed=s)) for s in range(10)]
    assert max(values) == pytest.approx(0.4198, abs=5e-5)
    assert all(v <= 0.41979 + 1e-6 for v in values)
    best = detect(G, seed=5)
    assert len(best) == 4


def test_modularity_matches_networkx_independent_implementation():
    rng = random.Random(1)
    for seed in range(5):
        G = nx.gnp_random_graph(30, 0.15, seed=seed)
        labels = {v: rng.randrange(4) for v in G}
        parts = [{v for v in G if labels[v] == k} for k in range(4)]
        parts = [p for p in parts if p]
        for gamma in (0.5, 1.0, 2.0):
            assert modularity(G, parts, gamma) == pytest.approx(
                nx.community.modularity(G, parts, resolution=gamma))


def test_barbell_has_two_obvious_communities():
    G = nx.barbell_graph(6, 0)
    comms = detect(G)
    assert sorted(map(sorted, comms)) == [list(range(6)), list(range(6, 12))]
    # Q for two K6 joined by one tie: m = 31, each side has 15 ties and degree sum 31.
    assert modularity(G, comms) == pytest.approx(2 * (15 / 31 - (31 / 62) ** 2))


def test_resolution_changes_the_number_of_communities():
    G = karate()
    assert len(detect(G, resolution=0.3)) < len(detect(G, resolution=2.0))


def test_detect_covers_everyone_once_and_is_deterministic():
    G = nx.connected_watts_strogatz_graph(60, 6, 0.2, seed=4)
    a, b = detect(G, seed=9), detect(G, seed=9)
    assert a == b
    assert sorted(itertools.chain.from_iterable(a)) == sorted(G)


def test_bad_partitions_and_parameters():
    G = nx.path_graph(4)
    with pytest.raises(P2PKitError, match="in no community"):
        modularity(G, [{0, 1}, {2}])
    with pytest.raises(P2PKitError, match="more than one"):
        modularity(G, [{0, 1}, {1, 2, 3}])
    with pytest.raises(P2PKitError, match="not in the network"):
        modularity(G, [{0, 1}, {2, 3, 9}])
    with pytest.raises(P2PKitError):
        detect(G, resolution=0)
    with pytest.raises(P2PKitError):
        detect(nx.Graph())


def test_no_ties():
    G = nx.empty_graph(3)
    assert detect(G) == [{0}, {1}, {2}]
    assert modularity(G, [{0}, {1}, {2}]) == 0.0
    assert membership([{0}, {1, 2}]) == {0: 0, 1: 1, 2: 1}
