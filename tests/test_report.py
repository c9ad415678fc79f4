"""The team report: content on Krackhardt's advice network, scale routes against exact ones, safety.

The fast measures themselves (sampled betweenness and closeness, Krackhardt through the
condensation, Louvain through igraph) are tested against exact values in tests/test_measures.py.
"""

import csv
import io
import json
import re
import socket
from pathlib import Path

import networkx as nx
import pytest

from p2pkit import measures
from p2pkit.architecture import load_share, pairwise_connectivity
from p2pkit.communities import modularity
from p2pkit.equipotency import centralization, krackhardt
from p2pkit.errors import P2PKitError
from p2pkit.orgs import client_server, hierarchy, load_dataset
from p2pkit.team import diagnosis
from p2pkit.team.diagnosis import diagnose, readings
from p2pkit.team.intake import read_survey
from p2pkit.team.practice_data import write_example
from p2pkit.team.render import build_report

KRACK = Path(__file__).parent.parent / "p2pkit" / "data" / "orgnets" / "krack_advice.csv"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def krack():
    return build_report(KRACK, progress=False)


def _column_sums(path):
    """Independent count of how often each manager is named: column sums of the raw matrix."""
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    labels = rows[0][1:]
    sums = {lab: 0 for lab in labels}
    for r in rows[1:]:
        for lab, cell in zip(labels, r[1:], strict=False):
            if r[0] != lab and float(cell) != 0:
                sums[lab] += 1
    return sums


# --------------------------------------------------------------------------- Krackhardt's advice network


def test_krack_advice_counts_against_the_raw_matrix(krack):
    d = krack.diagnosis
    assert (d.people, d.ties) == (21, 190)  # Krackhardt (1987): 21 managers, 190 advice ties
    assert d.named_by == _column_sums(KRACK)
    assert d.top("named_by", 1) == ["2"] and d.named_by["2"] == 18
    assert d.respondents == 21


def test_krack_advice_measures_come_from_the_concept_modules(krack):
    d = krack.diagnosis
    G = load_dataset("krack_advice")
    for m in ("betweenness", "closeness"):
        assert d.centralization[m] == pytest.approx(centralization(G, m))
    assert d.centralization["degree (named by)"] == pytest.approx(centralization(G, "degree", mode="in"))
    assert d.krackhardt == pytest.approx(krackhardt(G))
    assert d.load == pytest.approx(nx.betweenness_centrality(G.to_undirected()))
    assert d.modularity == pytest.approx(modularity(G.to_undirected(), d.communities))
    assert d.baseline == 1.0 and d.single_points == []  # strongly tied: nobody is a cut-point
    # an independent check of the Freeman degree centralization: (n-1) max - sum, over (n-1)^2
    indeg = list(_column_sums(KRACK).values())
    assert d.centralization["degree (named by)"] == pytest.approx(
        sum(max(indeg) - x for x in indeg) / (20 * 20))


def test_krack_report_content(krack):
    html = krack.html
    for heading in ("1. The network map", "2. Node communities and brokers", "3. Equipotency",
                    "4. Resilience", "Caveats for the whole report", "Survey non-response", "Self-report",
                    "A snapshot", "How this was computed"):
        assert heading in html
    assert "21 people and 190 ties" in html
    assert html.count("class='reading'") >= 5 and html.count("class='caveat'") >= 4
    assert f"{krack.diagnosis.krackhardt['efficiency']:.2f}" in html


def _without_code(html: str) -> str:
    """The report minus the inlined figure component (d3 and p2pfig): what remains is the
    text, the tables and the figures' data, where a name could appear."""
    html = re.sub(r"<script>.*?</script>", "", html, flags=re.S)
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return html.replace("<script type='application/json' class='p2p-fig-data'>", "<data>").replace("</script>", "</data>")


def test_report_is_self_contained_and_offline(krack):
    html = krack.html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<link" not in html.lower() and "@import" not in html and "<img" not in html
    assert not re.search(r"<script[^>]*\bsrc=", html), "every script is inline"
    assert len(re.findall(r"<script>", html)) == 1, "the figure component is inlined once"
    data = re.findall(r"<script type='application/json' class='p2p-fig-data'>(.*?)</script>", html, re.S)
    assert len(data) == 4
    titles = [json.loads(b)["title"] for b in data]
    assert titles[0] == "Who is tied to whom"
    for b in data:
        states = json.loads(b)["states"]
        assert all(st["summary"] for st in states.values())


def test_report_is_deterministic(krack):
    assert build_report(KRACK, progress=False).html == krack.html


# --------------------------------------------------------------------------- safety


HOSTILE = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>", '"><svg onload=alert(3)>',
           "=cmd|' /C calc'!A0", "$x^2$ & <b>bold</b>", "Ann", "Bo", "Cy"]


def test_no_raw_markup_from_a_name_anywhere():
    G = nx.DiGraph()
    for i, a in enumerate(HOSTILE):
        for b in HOSTILE[i + 1:i + 4]:
            G.add_edge(a, b)
            G.add_edge(b, a)
    for name in HOSTILE:
        G.nodes[name]["team"] = name  # also as an attribute
    html = _without_code(build_report(G, progress=False).html)
    low = html.lower()
    assert "<script" not in low and "<img src=x" not in low and "<svg" not in low and "<b>bold" not in low
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\\u003cscript\\u003ealert(1)" in html  # in the figures' data: no tag can close the block
    assert "onerror=alert" not in low or "&lt;img src=x onerror=alert(2)&gt;" in html


def test_hostile_names_from_a_file_are_escaped(tmp_path):
    rep = build_report(DATA / "ties_messy.csv", people=DATA / "people.csv", progress=False)
    assert "<script" not in _without_code(rep.html).lower()
    assert "&lt;script&gt;" in rep.html


def test_pseudonymised_report_shows_no_real_name():
    rep = build_report(DATA / "ties_messy.csv", people=DATA / "people.csv", pseudonymise=True, progress=False)
    text = _without_code(rep.html)  # the text, the tables and every figure's embedded data
    assert "p2p-fig-data" not in text and text.count("<data>") == 4
    for name in ("Ann Lee", "Bo Chen", "Cy Diaz", "Dee Eng", "Eve Fox", "Fay Gil", "Gus Hall", "Zed Unknown",
                 "HYPERLINK", "ann lee", "example.org"):
        assert name not in text, name
    assert not re.search(r"\bscript\b", text)  # a name in the file is "<script>..."
    assert "P01" in rep.html and "pseudonyms" in rep.html
    again = build_report(DATA / "ties_messy.csv", people=DATA / "people.csv", pseudonymise=True, progress=False)
    assert again.html == rep.html


def test_no_network_calls(monkeypatch, tmp_path):
    def refuse(*a, **k):
        raise AssertionError("the kit tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    from p2pkit.team import exports

    rep = build_report(DATA / "form_export.csv", output=tmp_path / "r.html", progress=False)
    exports.to_gexf(rep.graph, tmp_path / "t.gexf")
    exports.to_kumu(rep.graph, tmp_path / "t")
    assert (tmp_path / "r.html").exists()


def test_report_never_written_over_an_input(tmp_path):
    src = tmp_path / "ties.csv"
    src.write_bytes((DATA / "ties_bom.csv").read_bytes())
    before = src.read_bytes()
    with pytest.raises(P2PKitError, match="input files"):
        build_report(src, output=src, progress=False)
    assert src.read_bytes() == before


def test_progress_bar_only_when_asked(capsys):
    build_report(load_dataset("knok_info"), progress=False)
    assert capsys.readouterr().err == ""
    build_report(load_dataset("knok_info"), progress=None)  # not a terminal under pytest
    assert capsys.readouterr().err == ""
    build_report(load_dataset("knok_info"), progress=True)
    err = capsys.readouterr().err
    assert "11/11" in err and "Traceback" not in err


def test_tiny_network_gives_a_message():
    with pytest.raises(P2PKitError, match="at least 3"):
        build_report(nx.DiGraph([("a", "b")]), progress=False)


# --------------------------------------------------------------------------- readings (computed verdicts)


def test_readings_follow_the_numbers():
    star = readings(diagnose(nx.DiGraph(client_server(8))))
    assert "1 person is a single point of failure" in star["resilience"]
    assert "0% of pairs" in star["resilience"]
    assert "one person sits on a large share" in star["equipotency"]
    ring = readings(diagnose(nx.DiGraph(nx.cycle_graph(10))))
    assert "No single person's absence cuts anyone off" in ring["resilience"]
    assert "no one dominates" in ring["equipotency"]
    assert "evenly spread" in ring["equipotency"]
    chart = readings(diagnose(hierarchy(3, 3, directed=True)))
    assert "Ties mostly run one way" in chart["krackhardt"]


# --------------------------------------------------------------------------- scale routes = exact routes


def test_fast_route_equals_small_route(monkeypatch, tmp_path):
    tp, pp = write_example(tmp_path, people=60, seed=2)
    G = read_survey(tp, people=pp).graph
    G.add_edge("Person 00", "Person 01")
    G.add_edge("Leaf A", "Person 03")  # two people hanging on one tie each: single points appear
    G.add_edge("Person 07", "Leaf B")
    G.add_edge("Leaf B", "Leaf C")
    small = diagnose(G)
    monkeypatch.setattr(diagnosis, "SMALL_NETWORK", 0)
    monkeypatch.setattr(diagnosis, "COMMUNITY_NX_LIMIT", 0)
    fast = diagnose(G)
    assert fast.methods["krackhardt"].startswith("exact (condensation)")
    assert "exact" in fast.methods["closeness"] and "igraph" in fast.methods["resilience"]
    assert "igraph" in fast.methods["communities"]
    for attr in ("named_by", "betweenness", "load", "closeness", "krackhardt", "centralization", "gini"):
        assert getattr(fast, attr) == pytest.approx(getattr(small, attr)), attr
    assert fast.baseline == pytest.approx(small.baseline)
    assert [r[0] for r in fast.removals] == [r[0] for r in small.removals]
    assert [r[1] for r in fast.removals] == pytest.approx([r[1] for r in small.removals])
    assert [r[2] for r in fast.removals] == [r[2] for r in small.removals]
    assert sorted(fast.single_points) == sorted(small.single_points)
    assert {v for v, _ in fast.single_points} >= {"Person 03", "Person 07", "Leaf B"}
    # igraph's Louvain: a division as good as networkx's (Blondel et al. 2008 is a heuristic)
    assert fast.modularity == pytest.approx(small.modularity, abs=0.03)


def test_resilience_removals_against_architecture():
    G = nx.DiGraph(nx.barbell_graph(5, 1))
    d = diagnose(G)
    U = nx.barbell_graph(5, 1)
    for people, pc, _cut in d.removals:
        H = U.copy()
        H.remove_nodes_from(people)
        assert pc == pytest.approx(pairwise_connectivity(H))
    assert d.single_points and d.single_points[0][0] == 5  # the middle of the bar
    assert d.single_points[0][1] == 5  # one bell (5 people) cut off from the other


def test_community_map_above_the_map_limit(monkeypatch):
    from p2pkit.views import team

    monkeypatch.setattr(team, "MAP_PEOPLE", 10)
    rep = build_report(load_dataset("krack_advice"), progress=False)
    assert "Communities and their strongest links" in rep.html and "each mark is one node community" in rep.html


def test_sampled_route_reports_its_error(monkeypatch, tmp_path):
    tp, pp = write_example(tmp_path, people=120, seed=1)
    monkeypatch.setattr(diagnosis, "SMALL_NETWORK", 0)
    monkeypatch.setattr(diagnosis, "EXACT_BETWEENNESS", 50)
    rep = build_report(tp, people=pp, pivots=40, progress=False)
    d = rep.diagnosis
    assert "estimated from 40 of 120" in d.methods["betweenness"]
    assert "Eppstein" in d.methods["closeness"]
    assert "standard error" in rep.html
    exact = load_share(nx.Graph(rep.graph.to_undirected()))
    top = d.top("load", 5)
    assert all(abs(d.load[v] - exact[v]) < 5 * d.load_se[v] + 0.02 for v in top)


# --------------------------------------------------------------------------- the workshop widget


def test_explorer_reads_upload_and_path_and_never_shows_a_traceback(tmp_path):
    import datetime

    from p2pkit.views.survey import explorer

    box = explorer()
    (upload, path_box), (_people_box, load), message, holder = box.children[0].children, \
        box.children[1].children, box.children[2], box.children[3]
    load.click()
    assert "Upload a CSV" in message.value and not holder.children
    path_box.value = str(DATA / "garbage.csv")
    load.click()
    assert "binary data" in message.value and "Traceback" not in message.value
    path_box.value = str(KRACK)
    load.click()
    fig = holder.children[0]
    assert "Could not" not in message.value and fig.scene["panels"][0]["kind"] == "network"
    for show in ("equipotency", "krackhardt", "resilience"):
        fig.set_values(show=show)
        assert fig.message == ""
    content = (DATA / "ties_messy.csv").read_bytes()
    upload.value = ({"name": "answers.csv", "type": "text/csv", "size": len(content),
                     "content": memoryview(content), "last_modified": datetime.datetime(2026, 1, 1)},)
    fig = holder.children[0]
    text = json.dumps(fig.scene)
    assert "Ann Lee" not in text and "P0" in text  # pseudonymised by default
    fig.set_values(pseudonymise=False)
    assert "Ann Lee" in json.dumps(fig.scene)
    fig.set_values(show="not a figure")  # a value the figure does not offer -> a message
    assert fig.message and "Traceback" not in fig.message


def test_without_igraph_the_networkx_route_gives_the_same_answers(monkeypatch, tmp_path):
    tp, pp = write_example(tmp_path, people=60, seed=3)
    G = read_survey(tp, people=pp).graph
    small = diagnose(G)
    monkeypatch.setattr(measures, "_igraph", lambda: None)
    monkeypatch.setattr(diagnosis, "SMALL_NETWORK", 0)
    same = diagnose(G)
    for attr in ("betweenness", "load", "closeness", "krackhardt", "centralization"):
        assert getattr(same, attr) == pytest.approx(getattr(small, attr)), attr
    assert same.modularity == pytest.approx(small.modularity)
    # sampled, networkx only: Brandes-Pich via networkx, Eppstein-Wang via scipy's breadth-first search
    monkeypatch.setattr(diagnosis, "EXACT_BETWEENNESS_NX", 10)
    est = diagnose(G, pivots=60)
    assert est.methods["betweenness"] == "exact (networkx)" and est.methods["closeness"].startswith("exact")
    assert est.closeness == pytest.approx(small.closeness)  # all 60 people as pivots: exact
    est = diagnose(G, pivots=30)
    assert "networkx" in est.methods["betweenness"] and "Eppstein" in est.methods["closeness"]
    assert measures.betweenness(G, pivots=G.number_of_nodes()) == pytest.approx(small.betweenness)


def test_engine_networkx_is_accepted_and_bad_engine_refused():
    G = load_dataset("knok_info")
    assert diagnose(G, engine="networkx").people == 10
    with pytest.raises(P2PKitError, match="engine"):
        diagnose(G, engine="gpu")
