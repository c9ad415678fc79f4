"""Exports for Gephi, Cytoscape and Kumu: read back with networkx / csv; formulas neutralised."""

import csv
import io
from pathlib import Path

import networkx as nx
import pytest

from p2pkit.errors import P2PKitError
from p2pkit.team.exports import safe_graph, to_gexf, to_graphml, to_kumu
from p2pkit.team.intake import read_survey
from p2pkit.team.privacy import neutralise_cell, pseudonymise

DATA = Path(__file__).parent / "data"
DANGEROUS = ["=HYPERLINK(\"http://x\")", "+plus", "-minus", "@SUM(1)", "\tTab"]


@pytest.fixture
def team():
    G, _ = read_survey(DATA / "ties_messy.csv", people=DATA / "people.csv")
    G.add_edge("+plus", "Ann Lee", weight=2.0, relation="advice")
    G.nodes["Ann Lee"]["role"] = "-lead"  # an attribute that looks like a formula
    return G


@pytest.mark.parametrize("writer,reader", [(to_gexf, nx.read_gexf), (to_graphml, nx.read_graphml)])
def test_read_back_keeps_names_attributes_and_ties(tmp_path, team, writer, reader):
    p = writer(team, tmp_path / "team.out")
    H = reader(p)
    safe = {v: neutralise_cell(v) for v in team}
    assert set(H.nodes()) == set(safe.values())
    assert H.is_directed()
    assert {(u, v) for u, v in H.edges()} == {(safe[u], safe[v]) for u, v in team.edges()}
    for u, v, d in team.edges(data=True):
        assert float(H[safe[u]][safe[v]]["weight"]) == d["weight"]
        assert H[safe[u]][safe[v]].get("relation") == d.get("relation")
    for v, d in team.nodes(data=True):
        hv = H.nodes[safe[v]]
        assert hv["label"] == safe[v]
        for k in ("team", "manager"):
            if k in d:
                assert hv[k] == neutralise_cell(d[k])
    assert H.nodes["Ann Lee"]["role"] == "'-lead"
    assert "<script>alert(1)</script>" in H  # markup is data, kept as text (XML-escaped on disk)
    assert "<script>" not in p.read_text(encoding="utf-8")


def test_formulas_are_neutralised_everywhere(tmp_path, team):
    for p in (to_gexf(team, tmp_path / "a.gexf"), to_graphml(team, tmp_path / "a.graphml")):
        text = p.read_text(encoding="utf-8")
        assert "'=HYPERLINK" in text and ">=HYPERLINK" not in text and '"=HYPERLINK' not in text
    e, c = to_kumu(team, tmp_path / "team")
    for path in (e, c):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (path.name, cell)


def test_kumu_layout(tmp_path, team):
    G = team.copy()
    G.add_edge("Pipe|Name", "Ann Lee", relation="energy", weight=1.0)
    e, c = to_kumu(G, tmp_path / "team.csv")
    assert e.name == "team-elements.csv" and c.name == "team-connections.csv"
    elements = list(csv.DictReader(io.StringIO(e.read_text(encoding="utf-8"), newline="")))
    connections = list(csv.DictReader(io.StringIO(c.read_text(encoding="utf-8"), newline="")))
    assert list(elements[0])[:2] == ["Label", "Type"] and "Team" in elements[0]
    assert list(connections[0]) == ["From", "To", "Type", "Strength"]
    labels = {r["Label"] for r in elements}
    assert len(elements) == G.number_of_nodes() and len(connections) == G.number_of_edges()
    assert "Pipe\u00a6Name" in labels and not any("|" in x for x in labels)
    assert {r["From"] for r in connections} <= labels and {r["To"] for r in connections} <= labels
    bo = next(r for r in elements if r["Label"] == "Bo Chen")
    assert bo["Team"] == "Sales" and bo["Manager"] == "Ann Lee" and bo["Type"] == "Person"
    assert {r["Type"] for r in connections} >= {"advice", "energy"}


def test_pseudonymised_exports_carry_no_names(tmp_path, team):
    H, _ = pseudonymise(team)
    for p in (to_gexf(H, tmp_path / "p.gexf"), to_graphml(H, tmp_path / "p.graphml"),
              *to_kumu(H, tmp_path / "p")):
        text = Path(p).read_text(encoding="utf-8")
        for name in ("Ann Lee", "Bo Chen", "example.org", "HYPERLINK", "script"):
            assert name not in text, (p, name)


def test_xml_invalid_characters_are_dropped(tmp_path):
    G = nx.DiGraph([("A\x01nn", "Bo\x0b")])
    H = nx.read_graphml(to_graphml(G, tmp_path / "x.graphml"))
    assert set(H) == {"Ann", "Bo"}


def test_exports_never_write_over_an_input(tmp_path, team):
    src = tmp_path / "ties.csv"
    src.write_text("source,target\nAnn,Bo\n")
    with pytest.raises(P2PKitError, match="input files"):
        to_gexf(team, src, inputs=[src])
    assert src.read_text() == "source,target\nAnn,Bo\n"
    with pytest.raises(P2PKitError, match="does not exist"):
        to_graphml(team, tmp_path / "nope" / "x.graphml")


def test_safe_graph_refuses_names_that_collide():
    with pytest.raises(P2PKitError, match="same"):
        safe_graph(nx.Graph([("=x", "'=x")]))
