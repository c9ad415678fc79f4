"""The command line, as a user runs it: exit codes, --help, one-line messages, never a traceback."""

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
KRACK = ROOT / "p2pkit" / "data" / "orgnets" / "krack_advice.csv"


def run(*args, cwd=None):
    env = dict(os.environ, MPLBACKEND="Agg")
    env.pop("P2PKIT_KEY", None)
    return subprocess.run([sys.executable, "-m", "p2pkit", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd or ROOT, env=env, timeout=120)


def _fp(p):
    return hashlib.sha256(Path(p).read_bytes()).hexdigest(), Path(p).stat().st_mtime_ns


def test_help():
    r = run("--help")
    assert r.returncode == 0 and "report" in r.stdout and "export" in r.stdout
    r = run("report", "--help")
    assert r.returncode == 0
    for opt in ("--people", "--relation", "--pseudonymise", "-o"):
        assert opt in r.stdout


def test_report_on_krackhardt(tmp_path):
    out = tmp_path / "krack.html"
    before = _fp(KRACK)
    r = run("report", KRACK, "-o", out)
    assert r.returncode == 0, r.stderr
    assert "21 people, 190 ties" in r.stdout
    assert r.stderr == "", "no progress bar when stderr is not a terminal"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert _fp(KRACK) == before


BAD = [
    ("empty", DATA / "empty.csv", "the file is empty"),
    ("garbage", DATA / "garbage.csv", "binary data"),
    ("damaged workbook", DATA / "workbook.xlsx", "it is damaged"),
    ("header only", DATA / "header_only.csv", "only a header row"),
    ("missing columns", DATA / "missing_columns.csv", "missing columns"),
    ("unknown delimiter", DATA / "colon_separated.csv", "another separator"),
    ("no such file", DATA / "no-such-file.csv", "no such file"),
]


@pytest.mark.parametrize("label,path,fragment", BAD, ids=[b[0] for b in BAD])
def test_bad_input_one_line_no_traceback(tmp_path, label, path, fragment):
    r = run("report", path, "-o", tmp_path / "r.html")
    assert r.returncode == 1
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and fragment in lines[0]
    assert Path(path).name in lines[0]
    assert not (tmp_path / "r.html").exists()


def test_bad_relation_and_people(tmp_path):
    r = run("report", DATA / "ties_kumu.csv", "--relation", "trust", "-o", tmp_path / "r.html")
    assert r.returncode == 1 and "no ties of the relation 'trust'" in r.stderr and "advice" in r.stderr
    r = run("report", DATA / "ties_kumu.csv", "--people", DATA / "missing_columns.csv", "-o", tmp_path / "r.html")
    assert r.returncode == 1 and "no column with the people's names" in r.stderr


def test_usage_errors_exit_2_without_traceback():
    r = run("report", KRACK)  # no -o
    assert r.returncode == 2 and "Traceback" not in r.stderr and "-o" in r.stderr
    r = run("frobnicate")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert run().returncode == 2


def test_refuses_to_write_over_the_input(tmp_path):
    src = tmp_path / "ties.csv"
    src.write_bytes((DATA / "ties_gephi.csv").read_bytes())
    before = _fp(src)
    r = run("report", src, "-o", src)
    assert r.returncode == 1 and "input files" in r.stderr
    assert _fp(src) == before


def test_full_options_and_pseudonymise(tmp_path):
    out = tmp_path / "r.html"
    r = run("report", DATA / "ties_messy.csv", "--people", DATA / "people.csv", "--relation", "advice",
            "--pseudonymise", "--merge-similar", "--keep-unknown", "-o", out)
    assert r.returncode == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    assert "Ann Lee" not in html and "P01" in html
    text = re.sub(r"<script>.*?</script>", "", html, flags=re.S)  # minus the inlined figure component
    assert "<script>" not in text.replace("<script type='application/json' class='p2p-fig-data'>", "")


def test_progress_flag_writes_a_bar_to_stderr(tmp_path):
    r = run("report", KRACK, "--progress", "-o", tmp_path / "r.html")
    assert r.returncode == 0 and "11/11" in r.stderr and "Traceback" not in r.stderr


def test_check_prints_the_summary_and_hides_names():
    r = run("check", DATA / "ties_messy.csv")
    assert r.returncode == 0 and "self-ties" in r.stdout and "Cy Diaz" in r.stdout
    r = run("check", DATA / "ties_messy.csv", "--pseudonymise")
    assert r.returncode == 0 and "Cy Diaz" not in r.stdout and "self-ties" in r.stdout


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_export_reads_back(tmp_path, fmt):
    out = tmp_path / f"team.{fmt}"
    r = run("export", DATA / "ties_gephi.csv", "--to", fmt, "-o", out)
    assert r.returncode == 0, r.stderr
    G = (nx.read_gexf if fmt == "gexf" else nx.read_graphml)(out)
    assert G.has_edge("Ann Lee", "Bo Chen") and G.has_edge("Cy Diaz", "Bo Chen")


def test_export_kumu_and_example(tmp_path):
    r = run("example", tmp_path / "practice", "--people", "25")
    assert r.returncode == 0 and (tmp_path / "practice" / "ties.csv").exists()
    r = run("export", tmp_path / "practice" / "ties.csv", "--people", tmp_path / "practice" / "people.csv",
            "--to", "kumu", "--pseudonymise", "-o", tmp_path / "kumu")
    assert r.returncode == 0, r.stderr
    text = (tmp_path / "kumu-elements.csv").read_text(encoding="utf-8")
    assert text.startswith("Label,Type") and "Person 0" not in text
