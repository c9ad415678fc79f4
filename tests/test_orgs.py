"""Organisation shapes and the data-set loader."""

import hashlib
from importlib import resources
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from p2pkit import orgs
from p2pkit.errors import DataFileError, P2PKitError


def test_client_server_is_a_star():
    G = orgs.client_server(9)
    assert G.number_of_edges() == 8
    assert dict(G.degree())[0] == 8
    assert all(d == 1 for v, d in G.degree() if v != 0)


@pytest.mark.parametrize("levels,span", [(1, 3), (2, 4), (3, 3), (4, 2)])
def test_hierarchy_size_matches_geometric_series(levels, span):
    G = orgs.hierarchy(levels, span)
    n = sum(span**k for k in range(levels))
    assert G.number_of_nodes() == n
    assert nx.is_tree(G)
    assert max(nx.get_node_attributes(G, "level").values()) == levels - 1


def test_directed_hierarchy_is_an_out_tree():
    D = orgs.hierarchy(3, 2, directed=True)
    assert nx.is_arborescence(D)
    assert D.in_degree(0) == 0


def test_peer_mesh_is_connected_and_regular_without_rewiring():
    G = orgs.peer_mesh(30, k=4, rewire=0.0)
    assert nx.is_connected(G)
    assert {d for _, d in G.degree()} == {4}


def test_generators_are_deterministic():
    a = orgs.peer_mesh(40, seed=3)
    b = orgs.peer_mesh(40, seed=3)
    assert nx.utils.graphs_equal(a, b)
    assert nx.utils.graphs_equal(orgs.spectrum(20, 0.4, seed=1), orgs.spectrum(20, 0.4, seed=1))


def test_spectrum_endpoints_and_connectivity():
    n = 20
    assert set(orgs.spectrum(n, 0.0).edges()) == set(orgs.client_server(n).edges())
    end = orgs.spectrum(n, 1.0, seed=0)
    mesh = orgs.peer_mesh(n, seed=0)
    assert set(map(frozenset, end.edges())) == set(map(frozenset, mesh.edges()))
    for i in range(11):
        assert nx.is_connected(orgs.spectrum(n, i / 10))


def test_hybrid_endpoints():
    h0 = orgs.hybrid(3, 3, 0.0)
    assert set(map(frozenset, h0.edges())) == set(map(frozenset, orgs.hierarchy(3, 3).edges()))
    h1 = orgs.hybrid(3, 3, 1.0, seed=2)
    assert set(map(frozenset, h1.edges())) == set(map(frozenset, orgs.peer_mesh(13, seed=2).edges()))
    assert all(nx.is_connected(orgs.hybrid(3, 3, p / 10)) for p in range(11))


@pytest.mark.parametrize("levels,span", [(3, 3), (4, 3), (4, 5), (3, 4), (2, 7)])
def test_org_chart_of_a_complete_size_is_the_hierarchy(levels, span):
    H = orgs.hierarchy(levels, span)
    C = orgs.org_chart(H.number_of_nodes(), span)
    assert set(map(frozenset, C.edges())) == set(map(frozenset, H.edges()))
    assert dict(C.nodes(data=True)) == dict(H.nodes(data=True))


@pytest.mark.parametrize("people,span", [(5, 2), (30, 3), (100, 5), (1000, 4)])
def test_org_chart_of_any_size(people, span):
    C = orgs.org_chart(people, span)
    assert C.number_of_nodes() == people and nx.is_tree(C)
    depth = nx.single_source_shortest_path_length(C, 0)
    assert all(C.nodes[v]["level"] == depth[v] for v in C)
    reports = [sum(1 for u in C[v] if depth[u] > depth[v]) for v in C]
    assert max(reports) == span and sum(1 for r in reports if 0 < r < span) <= 1   # one partly full manager
    assert all((C.nodes[v]["role"] == "manager") == (reports[v] > 0) for v in C if v)
    with pytest.raises(P2PKitError):
        orgs.org_chart(2, 3)


@pytest.mark.parametrize("levels,span,p,seed", [(3, 3, 0.0, 0), (4, 3, 0.5, 0), (4, 3, 1.0, 2), (3, 4, 0.3, 1)])
def test_chart_to_mesh_follows_orgs_hybrid(levels, span, p, seed):
    H = orgs.hybrid(levels, span, p, seed=seed)
    C = orgs.chart_to_mesh(H.number_of_nodes(), span, p, seed=seed)
    assert set(map(frozenset, C.edges())) == set(map(frozenset, H.edges()))
    assert nx.get_node_attributes(C, "level") == nx.get_node_attributes(H, "level")
    G = orgs.chart_to_mesh(57, 4, 0.6, seed=3)
    assert nx.is_connected(G) and G.number_of_nodes() == 57


@pytest.mark.parametrize("people,span", [(3, 1), (13, 3), (57, 4), (1000, 4)])
def test_charts_are_networkx_full_rary_trees(people, span):
    # the same tree as networkx's generator (same numbering, same order of ties), with levels and roles
    C = orgs.org_chart(people, span)
    T = nx.full_rary_tree(span, people)
    assert list(C) == list(T) and list(C.edges()) == list(T.edges())
    H = orgs.hierarchy(4, 3, directed=True)
    B = nx.balanced_tree(3, 3, create_using=nx.DiGraph)
    assert list(H) == list(B) and list(H.edges()) == list(B.edges())


@pytest.mark.parametrize("call", [
    lambda: orgs.client_server(1),
    lambda: orgs.hierarchy(0, 3),
    lambda: orgs.peer_mesh(5, k=5),
    lambda: orgs.peer_mesh(5, rewire=2),
    lambda: orgs.spectrum(10, 1.5),
    lambda: orgs.load_dataset("nope"),
])
def test_bad_parameters_raise_a_clear_error(call):
    with pytest.raises(P2PKitError):
        call()


def test_sizes_may_be_numpy_integers_and_are_named_people():
    # numpy integers (a slider, an array) are whole numbers; they were refused before issue 14
    same = nx.utils.graphs_equal
    assert same(orgs.client_server(np.int64(5)), orgs.client_server(people=5))
    assert same(orgs.peer_mesh(np.int64(12), k=np.int32(4), rewire=np.float64(0.2), seed=np.int64(1)),
                orgs.peer_mesh(people=12, k=4, rewire=0.2, seed=1))
    assert same(orgs.spectrum(np.int64(10), np.float64(0.5)), orgs.spectrum(people=10, p=0.5))
    assert same(orgs.hierarchy(np.int64(3), np.uint8(2)), orgs.hierarchy(3, 2))
    assert same(orgs.org_chart(np.int64(7), np.int64(2)), orgs.org_chart(7, 2))
    assert same(orgs.chart_to_mesh(np.int64(20), np.int64(3), 0.5), orgs.chart_to_mesh(20, 3, 0.5))


@pytest.mark.parametrize("call, words", [
    (lambda: orgs.client_server(1), "people must be a whole number of at least 2; got 1"),
    (lambda: orgs.client_server(True), "people must be a whole number of at least 2; got True"),
    (lambda: orgs.peer_mesh(6.5), "people must be a whole number of at least 3; got 6.5"),
    (lambda: orgs.peer_mesh(5, k=5), r"k \(ties per person, 5\) must be smaller than the number of people \(5\)"),
    (lambda: orgs.peer_mesh(5, rewire=2), "rewire is a probability between 0 and 1; got 2"),
    (lambda: orgs.spectrum(10, 1.5), r"p \(the share of the way to the peer mesh\) is a probability between 0 and 1"),
    (lambda: orgs.org_chart(2, 3), "people must be a whole number of at least 3; got 2"),
    (lambda: orgs.hierarchy(3, 0), "span must be a whole number of at least 1; got 0"),
])
def test_bad_sizes_and_shares_say_what_to_give(call, words):
    with pytest.raises(P2PKitError, match=words):
        call()


# Arc counts as published with the data sets (shared/data/orgnets/README.md).
@pytest.mark.parametrize("name,nodes,arcs", [
    ("knok_info", 10, 49), ("knok_money", 10, 22), ("krack_advice", 21, 190),
    ("krack_friends", 21, 102), ("krack_reports", 21, 20), ("freeman_eies", 32, 650),
])
def test_dataset_sizes_match_their_provenance(name, nodes, arcs):
    G = orgs.load_dataset(name)
    assert (G.number_of_nodes(), G.number_of_edges()) == (nodes, arcs)


@pytest.mark.parametrize("name,nodes,edges", [
    ("wiring_gam", 14, 28), ("padgett_marriage", 16, 20), ("padgett_business", 16, 15),
])
def test_symmetric_datasets(name, nodes, edges):
    G = orgs.load_dataset(name, directed=False)
    assert (G.number_of_nodes(), G.number_of_edges()) == (nodes, edges)


def test_data_files_match_their_checksums():
    folder = resources.files("p2pkit") / "data" / "orgnets"
    lines = (folder / "SHA256SUMS").read_text().split("\n")
    checked = 0
    for line in filter(None, lines):
        digest, name = line.split()
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
        checked += 1
    assert checked == 10


def test_reports_to_direction_and_ceo():
    up = orgs.load_dataset("krack_reports")
    down = orgs.load_dataset("krack_reports", top_down=True)
    assert up.out_degree("7") == 0 and down.out_degree("7") == 4
    assert down.nodes["7"]["level"] == 1  # krack_attr: level 1 is the CEO
    assert nx.is_arborescence(down)


def test_krack_attributes_attached():
    G = orgs.load_dataset("krack_advice")
    assert G.nodes["1"] == {"age": 33, "tenure": 9.333, "level": 3, "dept": 4}


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("content,fragment", [
    (b"", "empty"),
    (b'"",a,b\n', "only a header"),
    (b'"",a,b\na,0,1\n', "not square"),
    (b'"",a,b\na,0,1\nb,1\n', "row 3 has 1 cells"),
    (b'"",a,b\nb,0,1\na,1,0\n', "same order"),
    (b'"",a,a\na,0,1\na,1,0\n', "appears twice"),
    (b'"",a,b\na,0,x\nb,1,0\n', "'x' is not a number"),
    (b'"",a,b\na,0,nan\nb,1,0\n', "not a usable number"),
    (b"\x00\x01\x02garbage", "not look like a text"),
])
def test_malformed_matrix_gives_a_specific_message(tmp_path, content, fragment):
    p = _write(tmp_path, "m.csv", content)
    with pytest.raises(DataFileError, match=fragment) as info:
        orgs.read_adjacency_csv(p)
    assert "m.csv" in str(info.value)


def test_matrix_reader_accepts_semicolons_bom_utf16_and_self_ties(tmp_path):
    text = '"";a;b;c\na;1;1;0\nb;0;0;2\nc;0;0;0\n'
    for i, data in enumerate([text.encode("utf-8-sig"), text.encode("utf-16")]):
        p = _write(tmp_path, f"m{i}.csv", data)
        before = p.read_bytes()
        G = orgs.read_adjacency_csv(p)
        assert p.read_bytes() == before  # the user's file is never modified
        assert set(G.edges()) == {("a", "b"), ("b", "c")}
        assert G["b"]["c"]["weight"] == 2
        assert G.graph["self_ties_ignored"] == 1


def test_missing_file(tmp_path):
    with pytest.raises(DataFileError, match="no such file"):
        orgs.read_adjacency_csv(tmp_path / "missing.csv")


def test_relabel_people():
    G = orgs.relabel_people(orgs.client_server(3), ["Ana", "Bo", "Cy"])
    assert sorted(G.edges()) == [("Ana", "Bo"), ("Ana", "Cy")]
    with pytest.raises(P2PKitError):
        orgs.relabel_people(orgs.client_server(3), ["Ana"])
