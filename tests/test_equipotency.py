"""Equipotency measures against published ORA values and independent computations."""

import itertools
import random

import networkx as nx
import numpy as np
import pytest

from p2pkit import orgs
from p2pkit.equipotency import centrality, centralization, centralization_from, gini, influence_shares, krackhardt
from p2pkit.errors import P2PKitError

# Computed with CMU CASOS's ORA: its "Standard Network Analysis" reports (dated 17 Oct 2011) for
# KNOKI (Knoke_and_Kuklinski_knokbur_KNOKI.html), KNOKM (..._KNOKM.html) and KRACORG
# (insna/KRACORG/SNA/KRACORG.html, the reports-to network in its stored direction,
# subordinate -> boss). Values are printed to 3 decimals. The reports are ORA's output, not a
# publication (reference/data.md, references.bib `ora`).
ORA = {
    "knok_info": dict(connectedness=1.000, hierarchy=0.000, efficiency=0.361, lub=1.000,
                      degree=0.431, betweenness=0.201, closeness=0.541),
    "knok_money": dict(connectedness=0.800, hierarchy=0.906, efficiency=0.536, lub=0.857,
                       degree=0.250, betweenness=0.116, closeness=0.187),
    "krack_reports": dict(connectedness=1.000, hierarchy=1.000, efficiency=1.000, lub=0.084,
                          degree=0.168, betweenness=0.017, closeness=0.002),
}


@pytest.mark.parametrize("name", sorted(ORA))
def test_krackhardt_matches_ora(name):
    G = orgs.load_dataset(name)
    k = krackhardt(G)
    for key in ("connectedness", "hierarchy", "efficiency", "lub"):
        assert abs(k[key] - ORA[name][key]) <= 5e-4, (name, key, k[key])


@pytest.mark.parametrize("name", sorted(ORA))
@pytest.mark.parametrize("measure", ["degree", "betweenness", "closeness"])
def test_centralization_matches_ora(name, measure):
    G = orgs.load_dataset(name)
    assert abs(centralization(G, measure) - ORA[name][measure]) <= 5e-4


def test_ora_node_level_extremes_knoki():
    # ORA KNOKI report: total degree min/max 0.222/0.889; closeness min/max 0.529/0.900;
    # unscaled betweenness max 17.833.
    G = orgs.load_dataset("knok_info")
    deg = centrality(G, "degree")
    clo = centrality(G, "closeness")
    assert round(min(deg.values()), 3) == 0.222 and round(max(deg.values()), 3) == 0.889
    assert round(min(clo.values()), 3) == 0.529 and round(max(clo.values()), 3) == 0.900
    raw = nx.betweenness_centrality(G, normalized=False)
    assert round(max(raw.values()), 3) == 17.833


def test_ora_isolate_closeness_knokm():
    # ORA KNOKM report: closeness min 0.100 (the isolate: every distance counted as n)
    clo = centrality(orgs.load_dataset("knok_money"), "closeness")
    assert round(min(clo.values()), 3) == 0.100 and round(max(clo.values()), 3) == 0.243


@pytest.mark.parametrize("n", [4, 7, 12])
@pytest.mark.parametrize("measure", ["degree", "betweenness", "closeness"])
def test_star_is_maximally_centralized_and_ring_is_not(n, measure):
    # Freeman (1979): the star attains the maximum of all three centralizations.
    assert centralization(orgs.client_server(n), measure) == pytest.approx(1.0)
    assert centralization(nx.cycle_graph(n), measure) == pytest.approx(0.0, abs=1e-12)


def _freeman_degree_bruteforce(G):
    # Freeman (1979) eq. 5 with raw degrees: sum(max - d_i) / ((n-1)(n-2)).
    d = [deg for _, deg in G.degree()]
    n = len(d)
    return sum(max(d) - x for x in d) / ((n - 1) * (n - 2))


def _freeman_closeness_bruteforce(G):
    # Freeman (1979) eq. 13: sum(max - C'_c) * (2n-3) / ((n-1)(n-2)), C'_c = (n-1)/sum d.
    n = G.number_of_nodes()
    D = dict(nx.all_pairs_shortest_path_length(G))
    c = [(n - 1) / sum(D[v].values()) for v in G]
    return sum(max(c) - x for x in c) * (2 * n - 3) / ((n - 1) * (n - 2))


@pytest.mark.parametrize("seed", range(5))
def test_centralization_against_independent_formulas(seed):
    G = nx.connected_watts_strogatz_graph(25, 4, 0.3, seed=seed)
    assert centralization(G, "degree") == pytest.approx(_freeman_degree_bruteforce(G))
    assert centralization(G, "closeness") == pytest.approx(_freeman_closeness_bruteforce(G))
    # betweenness: compare against brute-force counting of shortest paths
    n = G.number_of_nodes()
    b = dict.fromkeys(G, 0.0)
    for s, t in itertools.combinations(G, 2):
        paths = list(nx.all_shortest_paths(G, s, t))
        for path in paths:
            for v in path[1:-1]:
                b[v] += 1 / len(paths)
    cb = [x / ((n - 1) * (n - 2) / 2) for x in b.values()]
    expected = sum(max(cb) - x for x in cb) / (n - 1)
    assert centralization(G, "betweenness") == pytest.approx(expected)


def test_directed_in_and_out_degree_centralization():
    D = nx.DiGraph([(0, i) for i in range(1, 6)])  # out-star
    assert centralization(D, "degree", mode="out") == pytest.approx(1.0)
    # in-degrees: 1/5 for each of the five others, 0 for the centre: gap 1/5 over max n-1 = 5
    assert centralization(D, "degree", mode="in") == pytest.approx((1 / 5) / 5)
    with pytest.raises(P2PKitError):
        centralization(D, "degree", mode="sideways")


@pytest.mark.parametrize("name", sorted(ORA))
def test_centralization_from_given_centralities_is_centralization(name):
    # the star's maxima are written once (centralization_from); centralization uses them
    G = orgs.load_dataset(name)
    for measure in ("degree", "betweenness", "closeness"):
        assert centralization_from(centrality(G, measure), measure, directed=True) == centralization(G, measure)
    for mode in ("in", "out"):
        c = centrality(G, "degree", mode)
        assert centralization_from(c, "degree", directed=True, mode=mode) == centralization(G, "degree", mode)
        assert centralization_from(list(c.values()), "degree", True, mode) == centralization(G, "degree", mode)
    for bad in (lambda: centralization_from([1.0, 0.0], "degree"),
                lambda: centralization_from([1.0, 0.0, 0.0], "eigenvector"),
                lambda: centralization_from([1.0, 0.0, 0.0], "degree", True, "sideways")):
        with pytest.raises(P2PKitError):
            bad()


def test_gini_against_double_sum():
    rng = random.Random(0)
    for _ in range(20):
        x = [rng.random() * 10 for _ in range(rng.randint(1, 30))]
        n = len(x)
        brute = sum(abs(a - b) for a in x for b in x) / (2 * n * n * np.mean(x))
        assert gini(x) == pytest.approx(brute)


def test_gini_known_values_and_errors():
    assert gini([5, 5, 5]) == 0.0
    assert gini([0, 0, 0, 1]) == pytest.approx(0.75)
    assert gini([0, 0]) == 0.0
    for bad in ([], [1, -1], [float("nan")]):
        with pytest.raises(P2PKitError):
            gini(bad)


def test_krackhardt_out_tree_is_perfect_and_complete_digraph_is_not():
    # Krackhardt (1994): an out-tree scores 1 on all four dimensions.
    assert krackhardt(orgs.hierarchy(4, 3, directed=True)) == {
        "connectedness": 1.0, "hierarchy": 1.0, "efficiency": 1.0, "lub": 1.0}
    k = krackhardt(nx.complete_graph(6, create_using=nx.DiGraph))
    assert k["hierarchy"] == 0.0 and k["efficiency"] == 0.0 and k["connectedness"] == 1.0


def test_krackhardt_two_roots_lack_an_upper_bound():
    # Two separate bosses over a shared subordinate: the bosses have no common superior.
    D = nx.DiGraph([("A", "x"), ("B", "x"), ("A", "y")])
    k = krackhardt(D)
    # pairs: (A,B) no bound; (A,x) A; (A,y) A; (B,x) B; (B,y) none; (x,y) A -> 2 of 3 max
    assert k["lub"] == pytest.approx(1 - 2 / 3)


def test_influence_shares_sum_to_one():
    s = influence_shares(orgs.peer_mesh(15))
    assert sum(s.values()) == pytest.approx(1.0)


def test_self_loops_are_rejected_with_advice():
    G = nx.path_graph(4)
    G.add_edge(1, 1)
    with pytest.raises(P2PKitError, match=r"ties from a person to themselves; remove them first \(G.remove_edges_from"):
        centralization(G)
