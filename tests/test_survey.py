"""Reading people's data safely: every bad input gets one clear message, nothing is lost silently."""

import contextlib
import csv
import hashlib
import io
import random
from pathlib import Path

import pytest

from p2pkit.errors import DataFileError, P2PKitError
from p2pkit.team.cells import MAX_NAME_LENGTH
from p2pkit.team.intake import read_survey
from p2pkit.team.people import read_people
from p2pkit.team.practice_data import example_company, write_example
from p2pkit.team.privacy import neutralise_cell, pseudonym_map, pseudonymise
from p2pkit.team.summary import PROBLEMS

DATA = Path(__file__).parent / "data"
KRACK = Path(__file__).parent.parent / "p2pkit" / "data" / "orgnets" / "krack_advice.csv"
PEOPLE = b"name,team,role,manager\nAnn,Sales,manager,\nBo,Sales,staff,Ann\nCy,Support,staff,Ann\n"


def _write(tmp_path, content: bytes, name="input.csv") -> Path:
    p = tmp_path / name
    p.write_bytes(content)
    return p


def _fingerprint(p: Path):
    st = p.stat()
    return hashlib.sha256(p.read_bytes()).hexdigest(), st.st_mtime_ns, st.st_size


# --------------------------------------------------------------------------- fatal problems
# input -> expected fragment of the one message (which also names the file)

FATAL = [
    ("empty file", b"", {}, "the file is empty"),
    ("only blank lines", b"\n\r\n   \n", {}, "the file is empty"),
    ("header only", b"source,target,relation\n", {}, "only a header row"),
    ("header only, blank rows after", b"source,target\n\n\n", {}, "only a header row"),
    ("missing columns", b"foo,bar\n1,2\n", {}, "missing columns"),
    ("missing target column", b"source,weight\nAnn,1\n", {}, "missing columns"),
    ("unknown delimiter", b"source:target\nAnn:Bo\n", {}, "another separator"),
    ("binary garbage", random.Random(3).randbytes(4000), {}, "binary data"),
    ("binary with NULs", b"source,target\x00\x00\x01\x02" * 50, {}, "binary data"),
    ("damaged workbook", b"PK\x03\x04" + bytes(300), {}, "it is damaged"),
    ("old Excel", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(300), {}, "old Excel workbook (.xls)"),
    ("PDF", b"%PDF-1.4\n%...", {}, "this is a PDF"),
    ("unclosed quote", b'source,target\n"Ann,Bo\n' + b"x" * 140_000 + b"\n", {}, "never closed"),
    ("huge file", b"source,target\n" + b"Ann,Bo\n" * 20, {"max_mb": 0.00005}, "more than the limit"),
    ("people list as input", b"name,team\nAnn,Sales\n", {}, "looks like a people list"),
    ("only self-ties", b"source,target\nAnn,Ann\nBo,Bo\n", {}, "no usable ties"),
    ("only bad weights", b"source,target,weight\nAnn,Bo,-2\nBo,Cy,lots\n", {}, "no usable ties"),
    ("unknown relation", b"source,target,relation\nAnn,Bo,advice\n", {"relation": "energy"},
     "no ties of the relation"),
    ("form without questions", b"Your name,Your team\nAnn,Sales\n", {"kind": "form"}, "missing columns"),
    ("matrix not square", b",A,B\nA,0,1\nB,1,0\nC,0,0\n", {"kind": "matrix"}, "not square"),
    ("matrix with a word", b",A,B\nA,0,yes\nB,1,0\n", {}, "is not a number"),
]


@pytest.mark.parametrize("label,content,kwargs,fragment", FATAL, ids=[c[0] for c in FATAL])
def test_bad_input_gives_one_clear_message(tmp_path, label, content, kwargs, fragment):
    p = _write(tmp_path, content)
    before = _fingerprint(p)
    with pytest.raises(DataFileError) as exc:
        read_survey(p, **kwargs)
    msg = str(exc.value)
    assert fragment in msg
    assert "input.csv" in msg, "the message names the file"
    assert "\n" not in msg and "Traceback" not in msg
    assert _fingerprint(p) == before, "the user's file is never modified"


def test_messages_name_the_row(tmp_path):
    p = _write(tmp_path, b"foo,bar\n1,2\n")
    with pytest.raises(DataFileError, match="row 1"):
        read_survey(p)
    p = _write(tmp_path, b",A,B\nA,0,1\nB,x,0\n", "m.csv")
    with pytest.raises(DataFileError, match="row 3"):
        read_survey(p)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(DataFileError, match="no such file"):
        read_survey(tmp_path / "nope.csv")
    with pytest.raises(DataFileError, match="folder"):
        read_survey(tmp_path)


PEOPLE_FATAL = [
    ("people without a name column", b"team,role\nSales,staff\n", "no column with the people's names"),
    ("people header only", b"name,team\n", "only a header row, no people"),
    ("people empty", b"", "the file is empty"),
]


@pytest.mark.parametrize("label,content,fragment", PEOPLE_FATAL, ids=[c[0] for c in PEOPLE_FATAL])
def test_bad_people_list(tmp_path, label, content, fragment):
    ties = _write(tmp_path, b"source,target\nAnn,Bo\n")
    people = _write(tmp_path, content, "people.csv")
    with pytest.raises(DataFileError, match=fragment.replace("(", r"\(")) as exc:
        read_survey(ties, people=people)
    assert "people.csv" in str(exc.value)


# --------------------------------------------------------------------------- row problems
# input -> (kind counted in the summary, how many, fragment of the printed summary)

ROWS = [
    ("blank lines", b"source,target\n\nAnn,Bo\n\n\nBo,Cy\n", {}, "blank_row", 3, "blank rows"),
    ("ragged row, too few", b"source,target\nAnn,Bo\nCy\n", {}, "too_few_cells", 1, "too few cells"),
    ("ragged row, too many", b"source,target\nAnn,Bo\nSmith, John,Bo\n", {}, "too_many_cells", 1,
     "more cells than the header"),
    ("empty name", b"source,target\nAnn,Bo\n,Bo\n", {}, "missing_name", 1, "empty name cell"),
    ("quoted newline in a name", b'source,target\nAnn,"Bo\nChen"\nCy,Ann\n', {}, "tidied_name", 1,
     "line breaks"),
    ("spaces around a name", b"source,target\n  Ann ,Bo\nBo,Ann\n", {}, "tidied_name", 1, "extra spaces"),
    ("control characters", b"source,target\nAn\x07n,Bo\nBo,Cy\n", {}, "tidied_name", 1, "invisible"),
    ("self-tie", b"source,target\nAnn,Ann\nAnn,Bo\n", {}, "self_tie", 1, "self-ties"),
    ("duplicate tie", b"source,target\nAnn,Bo\nAnn,Bo\nBo,Ann\n", {}, "duplicate_tie", 1, "more than once"),
    ("negative weight", b"source,target,weight\nAnn,Bo,-1\nBo,Ann,1\n", {}, "bad_weight", 1, "not a positive"),
    ("NaN weight", b"source,target,weight\nAnn,Bo,NaN\nBo,Ann,1\n", {}, "bad_weight", 1, "not a positive"),
    ("word weight", b"source,target,weight\nAnn,Bo,often\nBo,Ann,1\n", {}, "bad_weight", 1, "'often'"),
    ("infinite weight", b"source,target,weight\nAnn,Bo,inf\nBo,Ann,1\n", {}, "bad_weight", 1, "not a positive"),
    ("zero weight", b"source,target,weight\nAnn,Bo,0\nBo,Ann,1\n", {}, "zero_weight", 1, "weight 0"),
    ("very long name", b"source,target\n" + b"A" * (MAX_NAME_LENGTH + 1) + b",Bo\nBo,Cy\n", {}, "long_name", 1,
     "longer than"),
    ("case variants", b"source,target\nAnn Lee,Bo\nann lee,Cy\nBo,Cy\n", {}, "similar_names", 1,
     "--merge-similar"),
    ("space variants", b"source,target\nAnn Lee,Bo\nAnnLee,Cy\nBo,Cy\n", {}, "similar_names", 1,
     "upper/lower case or spaces"),
    ("names not in the people list", b"source,target\nAnn,Bo\nAnn,Zed\n", {"people": PEOPLE}, "unknown_name", 1,
     "not in the people list"),
    ("misspelt name", b"source,target\nAnn,Bo\nAnn,Cyy\n", {"people": PEOPLE}, "unknown_name", 1,
     "did you mean"),
    ("other relations when one is chosen", b"source,target,relation\nAnn,Bo,advice\nBo,Ann,energy\n",
     {"relation": "advice"}, "other_relation", 1, "other relations"),
    ("Gephi undirected tie", b"Source;Target;Type;Weight\nAnn;Bo;Undirected;1\n", {}, "undirected_tie", 1,
     "both directions"),
    ("people who named nobody", b"source,target\nAnn,Bo\n", {"people": PEOPLE}, "no_answer", 2, "named nobody"),
]


@pytest.mark.parametrize("label,content,kwargs,kind,count,fragment", ROWS, ids=[c[0] for c in ROWS])
def test_row_problems_are_counted_and_explained(tmp_path, label, content, kwargs, kind, count, fragment):
    p = _write(tmp_path, content)
    if "people" in kwargs:
        kwargs = dict(kwargs, people=_write(tmp_path, kwargs["people"], "people.csv"))
    before = _fingerprint(p)
    G, summary = read_survey(p, **kwargs)
    assert summary.counts[kind] == count, summary.counts
    text = str(summary)
    assert fragment in text
    assert PROBLEMS[kind][2].split(" ")[0] in text, "the summary says what to do"
    assert _fingerprint(p) == before


def test_nothing_lost_silently(tmp_path):
    # every data row either becomes a tie or is counted under a reason
    content = (b"source,target,weight\nAnn,Bo,1\nAnn,Bo,2\nCy,Cy,1\nDee,Eve,x\nEve,Ann,0\n"
               b"Fay\n,Bo,1\nGus,Hal,1,extra\n" + b"L" * 200 + b",Bo,1\n")
    p = _write(tmp_path, content)
    G, s = read_survey(p)
    skipped = sum(s.counts[k] for k in ("duplicate_tie", "self_tie", "bad_weight", "zero_weight",
                                        "too_few_cells", "missing_name", "too_many_cells", "long_name"))
    assert s.answers_read == 9
    assert G.number_of_edges() + skipped == s.answers_read
    assert G["Ann"]["Bo"]["weight"] == 2.0  # duplicate kept once, with the largest weight


def test_merge_similar_only_when_asked(tmp_path):
    p = _write(tmp_path, b"source,target\nAnn Lee,Bo\nann  lee,Cy\nBo,ANN LEE\n")
    G, s = read_survey(p)
    assert {"Ann Lee", "ann lee", "ANN LEE"} <= set(G)
    G2, s2 = read_survey(p, merge_similar=True)
    assert "Ann Lee" in G2 and "ann lee" not in G2 and "ANN LEE" not in G2
    assert set(G2.successors("Ann Lee")) == {"Bo", "Cy"} and G2.has_edge("Bo", "Ann Lee")
    assert s2.counts["merged_names"] == 1


def test_merge_prefers_people_list_spelling(tmp_path):
    p = _write(tmp_path, b"source,target\nann,Bo\nann,Cy\nBo,Ann\n")
    people = _write(tmp_path, PEOPLE, "people.csv")
    G, s = read_survey(p, people=people, merge_similar=True)
    assert "Ann" in G and "ann" not in G and G.has_edge("Ann", "Bo")


def test_keep_unknown(tmp_path):
    p = _write(tmp_path, b"source,target\nAnn,Bo\nAnn,Zed\n")
    people = _write(tmp_path, PEOPLE, "people.csv")
    G, s = read_survey(p, people=people)
    assert "Zed" not in G
    G, s = read_survey(p, people=people, keep_unknown=True)
    assert G.has_edge("Ann", "Zed") and s.counts["unknown_name_kept"] == 1


# --------------------------------------------------------------------------- layouts and encodings


def test_gephi_layout_semicolon_decimal_comma_undirected():
    G, s = read_survey(DATA / "ties_gephi.csv")
    assert G["Bo Chen"]["Cy Diaz"]["weight"] == 1.5 and G.has_edge("Cy Diaz", "Bo Chen")
    assert G["Ann Lee"]["Bo Chen"]["weight"] == 2.0
    assert G["Cy Diaz"]["Ann Lee"]["weight"] == 1.0  # empty weight cell = 1
    assert s.files[0].delimiter == ";"


def test_kumu_layout_type_is_the_relation():
    G, s = read_survey(DATA / "ties_kumu.csv", relation="advice")
    assert set(G.edges()) == {("Ann Lee", "Bo Chen"), ("Cy Diaz", "Ann Lee"), ("Dee Eng", "Cy Diaz"),
                              ("Ann Lee", "Dee Eng")}  # "Advice" in any case
    assert s.relation_used == "advice"


def test_tab_separated_utf16_as_excel_saves_unicode_text():
    G, s = read_survey(DATA / "ties_utf16.csv")
    assert G.has_edge("Zoë Å", "José Ñ") and s.files[0].delimiter == "\t"
    assert "UTF-16" in s.files[0].encoding


def test_windows_1252_file():
    G, s = read_survey(DATA / "ties_cp1252.csv")
    assert G.has_edge("Zoë", "José") and G.has_edge("Zoë", "€uro Man")
    assert "not UTF-8" in s.files[0].encoding


def test_utf8_bom_header_is_recognised():
    G, s = read_survey(DATA / "ties_bom.csv")
    assert sorted(G.edges()) == [("Ann", "Bo"), ("Bo", "Cy"), ("Cy", "Ann")]
    assert s.files[0].encoding == "UTF-8 with BOM"


def test_latin1_bytes_that_cp1252_cannot_decode(tmp_path):
    p = _write(tmp_path, "source,target\nZoë,Bo\n".encode("latin-1") + b"A\x81b,Bo\n")
    G, s = read_survey(p)
    assert "Zoë" in G and "Latin-1" in s.files[0].encoding


def test_excel_sep_line_and_longer_headers(tmp_path):
    p = _write(tmp_path, b"sep=;\r\nSource name;Target (who was named)\r\nAnn;Bo\r\n\r\nBo;Cy\r\n")
    G, s = read_survey(p)
    assert sorted(G.edges()) == [("Ann", "Bo"), ("Bo", "Cy")] and s.files[0].delimiter == ";"
    assert s.examples["blank_row"][0].file.endswith("input.csv")


def test_utf16_without_bom(tmp_path):
    p = _write(tmp_path, "source,target\nAnn,Bo\n".encode("utf-16-le"))
    G, _ = read_survey(p)
    assert G.has_edge("Ann", "Bo")


def test_form_export_splits_cells_and_keeps_later_answer():
    G, s = read_survey(DATA / "form_export.csv", relation="advice")
    # Ann: "Bo Chen; Cy Diaz"; Cy: "Ann Lee, Bo Chen"; Bo answered twice -> later row kept
    assert set(G.successors("Ann Lee")) == {"Bo Chen", "Cy Diaz"}
    assert set(G.successors("Cy Diaz")) == {"Ann Lee", "Bo Chen"}
    assert set(G.successors("Bo Chen")) == {"Ann Lee", "Dee Eng"}
    assert s.counts["repeat_respondent"] == 1 and s.counts["no_respondent"] == 1
    assert G.nodes["Ann Lee"]["team"] == "Sales"
    E, _ = read_survey(DATA / "form_export.csv", relation="energy")
    assert set(E.successors("Ann Lee")) == {"Bo Chen", "Cy Diaz"}  # names on separate lines
    assert s.respondents == 4


def test_adjacency_matrix_reuses_orgs_reader():
    from p2pkit.orgs import read_adjacency_csv

    G, s = read_survey(KRACK)
    M = read_adjacency_csv(KRACK)
    assert set(G.edges()) == set(M.edges()) and G.number_of_edges() == 190
    assert s.files[0].kind == "an adjacency matrix"


def test_people_attributes_and_problems():
    s_people = read_people(DATA / "people.csv")
    assert s_people["Bo Chen"] == {"team": "Sales", "role": "staff", "manager": "Ann Lee", "email": "bo@example.org"}
    G, s = read_survey(DATA / "ties_messy.csv", people=DATA / "people.csv")
    assert s.counts["duplicate_person"] == 1 and s.counts["unknown_manager"] == 1
    assert G.nodes["<script>alert(1)</script>"]["team"] == "Support"


# --------------------------------------------------------------------------- never modified


def test_fixture_files_are_never_modified():
    before = {p: _fingerprint(p) for p in DATA.iterdir()}
    for p in DATA.iterdir():
        for people in (None, DATA / "people.csv"):
            with contextlib.suppress(P2PKitError):
                read_survey(p, people=people)
    assert {p: _fingerprint(p) for p in DATA.iterdir()} == before


# --------------------------------------------------------------------------- privacy and safety


def test_pseudonyms_are_stable_keyed_and_order_free(tmp_path):
    names = ["Ann Lee", "Bo Chen", "Cy Diaz", "Dee Eng"]
    m1 = pseudonym_map(names)
    assert m1 == pseudonym_map(list(reversed(names))) == pseudonym_map(names * 2)
    assert sorted(m1.values()) == ["P01", "P02", "P03", "P04"]
    keyed = [pseudonym_map(names, key=f"k{i}") for i in range(6)]
    assert any(k != m1 for k in keyed), "the key changes who gets which code"
    assert pseudonym_map(names, key="k1") == pseudonym_map(names, key="k1")
    assert len(set(pseudonym_map([f"n{i}" for i in range(120)]).values())) == 120
    assert pseudonym_map([f"n{i}" for i in range(120)])["n1"].startswith("P") and \
        len(pseudonym_map([f"n{i}" for i in range(120)])["n1"]) == 4  # P001..P120
    # same file read twice, rows shuffled: same codes
    rows = ["Ann,Bo", "Bo,Cy", "Cy,Dee", "Dee,Ann"]
    a = _write(tmp_path, ("source,target\n" + "\n".join(rows) + "\n").encode(), "a.csv")
    b = _write(tmp_path, ("source,target\n" + "\n".join(reversed(rows)) + "\n").encode(), "b.csv")
    Ha, ma = pseudonymise(read_survey(a).graph)
    Hb, mb = pseudonymise(read_survey(b).graph)
    assert ma == mb and set(Ha.edges()) == set(Hb.edges())


def test_pseudonymise_replaces_managers_and_drops_identifying_columns():
    G, _ = read_survey(DATA / "ties_gephi.csv", people=DATA / "people.csv")
    H, m = pseudonymise(G)
    assert set(H) == set(m.values())
    assert H.nodes[m["Bo Chen"]]["manager"] == m["Ann Lee"]
    assert H.nodes[m["Fay Gil"]]["manager"] == "(not in the network)"
    assert all("email" not in d for _, d in H.nodes(data=True))
    assert H.has_edge(m["Ann Lee"], m["Bo Chen"])


NEUTRAL = [
    ("=1+1", "'=1+1"), ("+plus", "'+plus"), ("-minus", "'-minus"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tTab", "'\tTab"), ("\rCR", "'\rCR"), ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
    ("Ann", "Ann"), ("", ""), ("a=b", "a=b"), (3, 3), (-1.5, -1.5),
]


@pytest.mark.parametrize("value,expected", NEUTRAL)
def test_neutralise_cell(value, expected):
    assert neutralise_cell(value) == expected


def test_example_company_is_seeded_and_written_safely(tmp_path):
    t1, p1 = example_company(80, seed=4)
    t2, p2 = example_company(80, seed=4)
    assert t1 == t2 and p1 == p2 and example_company(80, seed=5)[0] != t1
    assert len({(r["source"], r["target"]) for r in t1}) == len(t1) == 800
    tp, pp = write_example(tmp_path, people=30)
    G, s = read_survey(tp, people=pp)
    assert G.number_of_nodes() == 30 and s.counts.get("unknown_name", 0) == 0
    with pytest.raises(P2PKitError, match="never overwrites"):
        write_example(tmp_path, people=30)
    with pytest.raises(P2PKitError):
        example_company(5)


def test_summary_lines_can_hide_names(tmp_path):
    p = _write(tmp_path, b"source,target\nSecret Person,Secret Person\nAnn,Bo\n")
    _, s = read_survey(p)
    assert "Secret Person" in str(s)
    hidden = "\n".join(s.lines(lambda n: "(hidden)"))
    assert "Secret Person" not in hidden and "(hidden)" in hidden


# --------------------------------------------------------------------------- the kit's own templates

MAPPING = Path(__file__).parent.parent / "mapping"


def test_templates_are_read_as_documented():
    people = MAPPING / "template-people.csv"
    G, s = read_survey(MAPPING / "template-ties.csv", people=people)
    assert s.files[-1].kind == "a tie list" and G.number_of_edges() == 4 and not s.counts
    G, s = read_survey(MAPPING / "template-form-export.csv", people=people, relation="energy")
    assert s.files[-1].kind == "an online-form export"
    assert set(G.successors("Sam Sample")) == {"Kim Case", "Alex Example"}  # names on two lines
    assert set(read_survey(MAPPING / "template-form-export.csv", people=people).summary.relations) == \
        {"advice", "information", "decisions", "energy"}


def test_form_template_asks_the_kit_questions():
    from p2pkit.team.cells import QUESTIONS, RELATIONS

    header = next(csv.reader(io.StringIO((MAPPING / "template-form-export.csv").read_text(encoding="utf-8"),
                                         newline="")))
    for rel in RELATIONS:
        assert f"{rel.capitalize()}: {QUESTIONS[rel]}" in header
    guide = (MAPPING / "index.md").read_text(encoding="utf-8")
    for rel in RELATIONS:
        assert QUESTIONS[rel] in guide


# --------------------------------------------------------------------------- Excel workbooks


def _xlsx(path, sheets, formulas=False):
    """Write ``sheets`` ({title: rows}) as an .xlsx workbook with openpyxl."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(list(r))
        for row in ws.iter_rows():
            for cell in row:  # text that starts with "=" is text here, as a form tool stores it
                if isinstance(cell.value, str) and cell.value.startswith("=") and not formulas:
                    cell.data_type = "s"
    wb.save(path)
    return path


def _csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


XLSX_CASES = {
    "tie list": [["source", "target", "relation", "weight"], ["Ann Lee", "Bo Chen", "advice", 1],
                 ["Bo Chen", "Cy Diaz", "advice", 2.5], ["Cy Diaz", "", "advice", 1], ["Ann Lee", "Ann Lee", "advice", 1],
                 ["<script>alert(1)</script>", "Bo Chen", "information", 1], ["=HYPERLINK(\"x\")", "Ann Lee", "advice", 1]],
    "form export": [["Timestamp", "Your name", "Advice: whom do you go to?", "Information: from whom?"],
                    ["2026-01-05 10:00", "Ann Lee", "Bo Chen; Cy Diaz", "Bo Chen"],
                    ["2026-01-05 10:05", "Bo Chen", "Ann Lee", ""], ["2026-01-05 10:09", "Ann Lee", "Cy Diaz", "Cy Diaz"]],
    "matrix": [["", "A", "B", "C"], ["A", 0, 1, 0], ["B", 1, 0, 2], ["C", 0, 0, 0]],
}


@pytest.mark.parametrize("case", list(XLSX_CASES))
def test_an_xlsx_workbook_reads_exactly_as_its_csv_export(tmp_path, case):
    """Same graph, same summary lines (what was read, tidied, skipped, with the same row numbers)."""
    rows = XLSX_CASES[case]
    x = _xlsx(tmp_path / "answers.xlsx", {"Form responses 1": rows})
    c = _csv(tmp_path / "answers.csv", rows)
    before = _fingerprint(x)
    Gx, sx = read_survey(x)
    Gc, sc = read_survey(c)
    assert _fingerprint(x) == before, "the workbook is never modified"
    assert sorted(Gx.nodes) == sorted(Gc.nodes)
    assert sorted(Gx.edges(data=True)) == sorted(Gc.edges(data=True))
    assert [tuple(r[:4]) + (list(r[4]),) for r in sx.rows(str)] == \
        [tuple(r[:4]) + ([e.replace("answers.csv", "answers.xlsx") for e in r[4]],) for r in sc.rows(str)]
    assert "Excel workbook (.xlsx), sheet 'Form responses 1'" in " ".join(sx.lines(str))


def test_xlsx_row_problems_name_the_row_as_the_spreadsheet_does(tmp_path):
    rows = [["source", "target", "weight"], ["Ann", "Bo", 1], [], ["Bo", "Cy", "lots"]]
    _, summary = read_survey(_xlsx(tmp_path / "a.xlsx", {"Sheet1": rows}))
    bad = [r for r in summary.rows(str) if "weight" in r[0]]
    assert bad and "a.xlsx, row 4" in " ".join(bad[0][4])


def test_a_formula_is_never_evaluated_and_an_uncomputed_one_is_reported(tmp_path):
    rows = [["source", "target"], ["Ann", "Bo"], ["=1+1", "Cy"]]
    G, summary = read_survey(_xlsx(tmp_path / "f.xlsx", {"Sheet1": rows}, formulas=True))
    assert "2" not in G and "=1+1" not in G  # the formula was not computed, nor read as a name
    assert any("row 3" in " ".join(r[4]) for r in summary.rows(str)), "the row is reported, not lost"


def test_xlsx_reads_the_first_sheet_with_data_and_says_so(tmp_path):
    x = _xlsx(tmp_path / "a.xlsx", {"Notes": [], "Answers": [["source", "target"], ["Ann", "Bo"]],
                                      "Old": [["source", "target"], ["Cy", "Dee"]]})
    G, summary = read_survey(x)
    assert set(G.nodes) == {"Ann", "Bo"}
    assert any("other sheets were not: 'Old'" in line for line in summary.lines(str))


def test_xlsx_with_nothing_in_it_is_refused_clearly(tmp_path):
    with pytest.raises(DataFileError, match="no filled-in cells"):
        read_survey(_xlsx(tmp_path / "empty.xlsx", {"Sheet1": []}))
    with pytest.raises(DataFileError, match=r"row 1: only a header row"):
        read_survey(_xlsx(tmp_path / "head.xlsx", {"Sheet1": [["source", "target"]]}))


def test_an_ods_or_a_zip_is_named_for_what_it_is(tmp_path):
    import zipfile

    for name, member, fragment in (("a.ods", "content.xml", "OpenDocument"), ("a.zip", "x.txt", "a zip archive")):
        p = tmp_path / name
        with zipfile.ZipFile(p, "w") as z:
            z.writestr(member, "x")
        with pytest.raises(DataFileError, match=fragment):
            read_survey(p)


def test_a_pipe_separated_matrix_and_a_windows_1252_name_read_the_same_both_ways(tmp_path):
    """The survey intake and the data-set reader share one reader (p2pkit.files.read_table)."""
    from p2pkit.orgs import read_adjacency_csv

    m = tmp_path / "m.csv"
    m.write_bytes("|A|Bj\xf6rn|C\nA|0|1|0\nBj\xf6rn|1|0|1\nC|0|0|0\n".encode("cp1252"))
    G1 = read_adjacency_csv(m)
    G2, _ = read_survey(m)
    assert sorted(G1.nodes) == sorted(G2.nodes) == ["A", "Björn", "C"]
    assert sorted(G1.edges) == sorted(G2.edges)
    t = tmp_path / "t.csv"
    t.write_bytes("source,target\nA,Bj\xf6rn\n".encode("cp1252"))
    assert "Björn" in read_survey(t).graph
