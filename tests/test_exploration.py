"""Exploration and exploitation on a network: NK fitness against brute force, the single peak
of K = 0, and the search's rules."""

import itertools

import networkx as nx
import numpy as np
import pytest

from p2pkit import orgs
from p2pkit.errors import P2PKitError
from p2pkit.exploration import (
    all_fitness,
    compare,
    exploration_verdict,
    fitness,
    nk_landscape,
    redraw,
    search,
)


def brute_fitness(land, bits):
    """Kauffman's definition, one choice at a time, from a tuple of 0/1 choices."""
    total = 0.0
    for i in range(land.n):
        group = [i] + [(i + j) % land.n for j in range(1, land.k + 1)]
        index = sum(bits[c] << pos for pos, c in enumerate(group))
        total += land.tables[i, index]
    return total / land.n


@pytest.mark.parametrize("n, k", [(4, 0), (5, 2), (6, 3), (7, 6)])
def test_fitness_matches_a_brute_force_enumeration(n, k):
    land = nk_landscape(n, k, seed=n * 10 + k)
    every = all_fitness(land)
    for number, bits in enumerate(itertools.product((0, 1), repeat=n)):
        bits = bits[::-1]                                   # choice 0 is the lowest bit
        assert sum(b << i for i, b in enumerate(bits)) == number
        assert every[number] == pytest.approx(brute_fitness(land, bits), abs=1e-12)
    rows = np.array([[bool((x >> i) & 1) for i in range(n)] for x in range(2 ** n)])
    assert np.allclose(fitness(land, rows), every)


def local_peaks(land):
    f = all_fitness(land)
    return [x for x in range(2 ** land.n) if all(f[x] > f[x ^ (1 << i)] for i in range(land.n))]


def test_k0_has_one_peak_the_best_choice_everywhere():
    land = nk_landscape(10, 0, seed=3)
    peaks = local_peaks(land)
    best = sum(int(np.argmax(land.tables[i])) << i for i in range(land.n))   # each choice on its own
    assert peaks == [best] and int(np.argmax(all_fitness(land))) == best
    assert len(local_peaks(nk_landscape(10, 5, seed=3))) > 1                 # interactions: several peaks


@pytest.mark.parametrize("G", [nx.complete_graph(30), orgs.peer_mesh(30, 4, 0.1, seed=0),
                               orgs.peer_mesh(30, 2, 0.0, seed=0), orgs.hierarchy(3, 5)])
def test_k0_every_network_finds_the_peak(G):
    r = search(G, nk_landscape(10, 0, seed=4), rounds=150, runs=10, seed=5)
    assert r.at_best[:, -1].min() == 1.0 and r.mean_score[:, -1].min() == pytest.approx(1.0)


def test_nobody_takes_a_worse_strategy_and_copies_are_copies():
    G = orgs.peer_mesh(30, 4, 0.1, seed=0)
    land = nk_landscape(12, 5, seed=1)
    r = search(G, land, rounds=60, runs=4, seed=2)
    assert np.all(np.diff(r.scores, axis=0) >= -1e-12)
    f = all_fitness(land)
    assert np.allclose(r.scores, f[r.strategies] / f.max())
    nodes = list(G)
    for t in range(1, 61):
        for i in np.flatnonzero(r.copied[t]):
            held = {int(r.strategies[t - 1][nodes.index(u)]) for u in G.neighbors(nodes[i])}
            assert int(r.strategies[t][i]) in held
        for i in np.flatnonzero(~r.copied[t]):
            changed = int(r.strategies[t][i]) ^ int(r.strategies[t - 1][i])
            assert changed == 0 or changed & (changed - 1) == 0      # at most one choice changed


def test_redraw_changes_the_share_asked_for():
    land = nk_landscape(10, 3, seed=0)
    for share, rows in [(0.0, 0), (0.3, 3), (1.0, 10)]:
        new = redraw(land, share, seed=9)
        assert int((new.tables != land.tables).any(axis=1).sum()) == rows


def test_the_shock_rescores_against_the_new_best():
    land = nk_landscape(10, 4, seed=2)
    r = search(nx.complete_graph(20), land, rounds=40, shock_round=20, shock_share=1.0, runs=3, seed=1)
    assert r.mean_score[:, 20].mean() < r.mean_score[:, 19].mean()
    assert np.all(r.mean_score <= 1 + 1e-12)


def test_lazer_friedman_dense_fast_sparse_better():
    """The honest result the chapter reports, averaged over 5 landscapes x 10 runs (K = 5)."""
    nets = {"everyone": nx.complete_graph(40), "ring": orgs.peer_mesh(40, 2, 0.0, seed=0)}
    res = compare(nets, k=5, shock_share=1.0)
    assert res["everyone"].mean(3) > res["ring"].mean(3) + 0.05
    assert res["ring"].mean(49) > res["everyone"].mean(49) + 0.03
    assert res["everyone"].mean(55) > res["ring"].mean(55)
    assert res["ring"].mean(100) > res["everyone"].mean(100)
    text = exploration_verdict(res)
    assert "converges fastest but settles lower" in text and "ends lowest again" in text


def test_bad_input_says_what_to_do():
    with pytest.raises(P2PKitError, match="at most 20"):
        nk_landscape(25, 2)
    with pytest.raises(P2PKitError, match="at most 3"):
        nk_landscape(4, 4)
    land = nk_landscape(6, 1)
    with pytest.raises(P2PKitError, match="from 0 to 63"):
        fitness(land, 64)
    with pytest.raises(P2PKitError, match="between 0 and 1"):
        redraw(land, 1.5)
    with pytest.raises(P2PKitError, match="undirected"):
        search(nx.DiGraph([(0, 1)]), land)
    with pytest.raises(P2PKitError, match="seed"):
        search(nx.path_graph(3), land, seed="x")


def test_numpy_integers_and_whole_floats_are_whole_numbers():
    import numpy as np

    a, b = nk_landscape(np.int64(6), np.int64(1), seed=np.int64(2)), nk_landscape(6.0, 1, seed=2)
    assert np.array_equal(a.tables, b.tables) and a.n == b.n == 6
    r = search(nx.path_graph(4), a, rounds=np.int64(3), runs=np.int64(2), seed=1)
    assert r.rounds == 3 and r.runs == 2
    with pytest.raises(P2PKitError, match=r"^runs must be a whole number of at least 1; got 0"):
        search(nx.path_graph(4), a, runs=0)
    with pytest.raises(P2PKitError, match="a search needs a network of at least 1 person"):
        search(nx.Graph(), a)


# --------------------------------------------------------------------------- chapter 6's numbers


def test_numbers_in_chapter_6():
    """Every number chapter 6 states about the strategy search, read off the figure at the settings it names."""
    from pathlib import Path

    from p2pkit.views.exploration import falter_scene, strategy_falters

    text = (Path(__file__).resolve().parent.parent / "chapters" / "ch06-resilience.md").read_text()
    fig = strategy_falters()
    assert fig.defaults() == {"network_name": "peer mesh", "k": 5, "shock": 0.5, "round": 0, "seed": 0}

    def avg(scene):
        return {k.split(": ", 1)[1]: v for k, v in scene["readout"] if k.startswith("Average score at round")}

    # K = 5, half the landscape re-drawn at round 50 (the defaults)
    r3, r49, r50, r55, r100 = (avg(fig.scene(round=t)) for t in (3, 49, 50, 55, 100))
    assert (r3["full mesh"], r3["sparse ring"]) == ("91%", "82%")
    assert (r49["full mesh"], r49["sparse ring"]) == ("91%", "97%")
    assert sorted(r50.values()) == ["80%", "81%", "81%", "82%"]                # between 80% and 82%
    assert set(r55.values()) == {"90%"}                                         # back at about 90%
    assert (r100["chart"], r100["full mesh"]) == ("95%", "91%")
    assert max(r100.values()) == "95%" and min(r100.values()) == "91%"
    # the chart comes close to the ring before the shock and matches it after
    assert (r49["chart"], r100["chart"], r100["sparse ring"]) == ("95%", "95%", "95%")
    assert "(95% against 97% by round 49) and matches it after (95% each at round 100)" in text
    verdict = fig.scene()["verdict"]
    assert "scores fall to 80%-82%; five rounds later all have recovered to about 90%" in verdict
    assert "by round 100 the chart is ahead (95%) and the full mesh behind (91%)" in verdict
    for said in ("the full mesh scores 91% of the best possible, the sparse ring 82%", "the ring reaches 97%",
                 "between 80% and 82%", "back at about 90%", "the chart leads with 95% and the full mesh trails with 91%",
                 "reaches 91% of the best possible in 3 rounds", "the sparse ring reaches 97% by round 49",
                 "the chart reaches 95% by round 100 and the full mesh again 91%", "from about 80% to about 90%"):
        assert said in text, said

    # by round 3 nearly everyone in the full mesh holds one strategy; the ring still holds many
    from p2pkit.views.exploration import _results

    res = _results(5, 0.5, 0)
    assert res["full mesh"].distinct[:, 3].mean() < 1.2 and res["sparse ring"].distinct[:, 3].mean() > 10
    assert falter_scene("full mesh", 5, 0.5, 3, 0)["readout"][0][1] == "1"

    # everything re-drawn: the full mesh recovers fastest (84% five rounds later) but ends lowest (89% vs 91%)
    full = fig.scene(shock=1.0)["verdict"]
    assert "five rounds later the full mesh has recovered most (84%)" in full
    assert "by round 100 the sparse ring is ahead (91%) and the full mesh behind (89%)" in full
    assert "84% five rounds later" in text and "89% at round 100, against 91% for the ring" in text

    # no interactions: every network finds the one best strategy
    assert "by round 49 the scores are 100%, 100%, 100%, 100%" in fig.scene(k=0)["verdict"]
