"""Release metadata stays consistent: one version, shown everywhere it is claimed."""

import re
from pathlib import Path

import p2pkit

ROOT = Path(__file__).resolve().parent.parent


def test_one_version_everywhere():
    v = p2pkit.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", v)
    cff = (ROOT / "CITATION.cff").read_text()
    assert re.search(rf"^version: {re.escape(v)}$", cff, re.M), "CITATION.cff names another version"
    top = re.search(r"^## (\d+\.\d+\.\d+)", (ROOT / "CHANGELOG.md").read_text(), re.M).group(1)
    assert top == v, "CHANGELOG.md's newest section is not the package's version"
    assert 'dynamic = ["version"]' in (ROOT / "pyproject.toml").read_text()


def test_the_report_names_the_version():
    from p2pkit.orgs import load_dataset
    from p2pkit.team.render import build_report

    assert f"p2pkit {p2pkit.__version__}" in build_report(load_dataset("knok_info"), progress=False).html


def test_contributing_and_citation_exist():
    for name in ("CONTRIBUTING.md", "CHANGELOG.md", "CITATION.cff", "LICENSE"):
        assert (ROOT / name).stat().st_size > 200, name
