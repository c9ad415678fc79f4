"""The package-wide conventions: one validator of each kind, one way to seed randomness,
importing never changes matplotlib's settings, and pages and views import only public names."""

from __future__ import annotations

import ast
import json
import math
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

import p2pkit
from p2pkit.errors import P2PKitError, require_graph, require_probability, require_whole_number
from p2pkit.seeding import python_random, rng

ROOT = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------- validators


@pytest.mark.parametrize("value, expected", [
    (3, 3), (np.int64(3), 3), (np.uint8(3), 3), (np.int32(0), 0), (3.0, 3), (np.float64(4.0), 4), (10**30, 10**30),
])
def test_a_whole_number_may_be_a_python_or_numpy_integer_or_a_whole_float(value, expected):
    got = require_whole_number("people", value, minimum=0)
    assert got == expected and type(got) is int


@pytest.mark.parametrize("value", [
    True, False, np.True_, 2.5, np.float64(2.5), math.nan, math.inf, -math.inf, np.nan, "3", "three", None, [3], 3j,
])
def test_a_whole_number_refuses_bools_fractions_nan_infinity_and_text(value):
    with pytest.raises(P2PKitError, match=r"^people must be a whole number; got "):
        require_whole_number("people", value)


def test_a_whole_number_names_its_limits():
    assert require_whole_number("steps", 5, minimum=5, maximum=5) == 5
    with pytest.raises(P2PKitError, match=r"^people must be a whole number of at least 2; got 1\.$"):
        require_whole_number("people", 1, minimum=2)
    with pytest.raises(P2PKitError, match=r"^people must be a whole number of at least 2; got 1\.5\.$"):
        require_whole_number("people", 1.5, minimum=2)
    with pytest.raises(P2PKitError, match=r"^people must be at most 1,000; got np\.int64\(1001\)\.$"):
        require_whole_number("people", np.int64(1001), maximum=1000)


@pytest.mark.parametrize("value, expected", [
    (0, 0.0), (1, 1.0), (0.25, 0.25), (np.float64(0.3), 0.3), (np.float32(0.5), 0.5), (np.int64(1), 1.0), (-0.0, 0.0),
])
def test_a_probability_is_any_real_number_from_0_to_1(value, expected):
    got = require_probability("keep", value)
    assert got == expected and type(got) is float


@pytest.mark.parametrize("value", [
    True, False, np.True_, math.nan, np.float64("nan"), math.inf, -math.inf, 1.0001, -0.01, 2, 10**400, "0.5", "half",
    None, [0.5],
])
def test_a_probability_refuses_bools_nan_infinity_out_of_range_and_text(value):
    with pytest.raises(P2PKitError, match=r"^keep is a probability between 0 and 1; got "):
        require_probability("keep", value)


def test_a_graph_is_a_networkx_graph_with_what_the_model_needs():
    assert require_graph(nx.path_graph(4), minimum=3, undirected=True, connected=True, self_loops=False) == 4
    assert require_graph(nx.DiGraph([(0, 1), (2, 1)]), connected=True) == 3  # connected when followed both ways
    for bad, words in [
        ([(0, 1)], "needs a networkx graph"),
        (nx.Graph(), "at least 1 person; it has 0"),
        (nx.path_graph(2), "at least 3 people; it has 2"),
    ]:
        with pytest.raises(P2PKitError, match=words):
            require_graph(bad, minimum=3 if isinstance(bad, nx.Graph) and len(bad) else 1)
    with pytest.raises(P2PKitError, match="undirected"):
        require_graph(nx.DiGraph([(0, 1)]), undirected=True)
    with pytest.raises(P2PKitError, match="2 parts cannot reach each other"):
        require_graph(nx.Graph([(0, 1), (2, 3)]), connected=True, what="this measure")
    with pytest.raises(P2PKitError, match="to themselves"):
        require_graph(nx.Graph([(0, 1), (1, 1)]), self_loops=False)
    assert require_graph(nx.Graph([(0, 1), (1, 1)])) == 2


# --------------------------------------------------------------------------- seeding


def test_one_way_to_seed_numpy_and_python_generators():
    assert p2pkit.rng is rng and p2pkit.python_random is python_random
    assert rng(5).random() == np.random.default_rng(5).random() == rng(np.int64(5)).random()
    g = np.random.default_rng(1)
    assert rng(g) is g
    # the stream the models have always drawn from, so published numbers keep their values
    assert python_random(5).random() == random.Random(5).random() == python_random(np.int64(5)).random()
    assert python_random(rng(3)).random() == python_random(rng(3)).random()
    r = random.Random(2)
    assert python_random(r) is r
    assert isinstance(rng(None), np.random.Generator) and isinstance(python_random(None), random.Random)


@pytest.mark.parametrize("seed", [-1, 1.5, 2.0, True, np.True_, "7", math.nan])
def test_both_generators_refuse_the_same_seeds_with_the_same_message(seed):
    for make in (rng, python_random):
        with pytest.raises(P2PKitError, match=r"^seed must be a whole number of 0 or more \(or None\); got "):
            make(seed)


# --------------------------------------------------------------------------- importing changes nothing

_IMPORT_EVERYTHING = """
import importlib, json, pkgutil, sys
import matplotlib
matplotlib.rcParams["figure.dpi"] = 123  # what a chapter sets first, before any p2pkit import
before = {k: repr(v) for k, v in matplotlib.rcParams.items()}
import p2pkit
changed, names = {}, []
for m in pkgutil.walk_packages(p2pkit.__path__, "p2pkit."):
    if m.name.endswith("__main__"):
        continue
    importlib.import_module(m.name)
    names.append(m.name)
    now = {k: repr(v) for k, v in matplotlib.rcParams.items()}
    diff = sorted(k for k in set(now) | set(before) if now.get(k) != before.get(k))
    if diff:
        changed[m.name] = diff
        before = now
print(json.dumps({"modules": names, "changed": changed}))
"""


def test_importing_any_module_leaves_matplotlib_settings_unchanged():
    out = subprocess.run([sys.executable, "-c", _IMPORT_EVERYTHING], capture_output=True, text=True, check=True,
                         cwd=ROOT, env={**os.environ, "MPLBACKEND": "Agg"}).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert len(result["modules"]) > 20 and "p2pkit.style" in result["modules"]
    assert result["changed"] == {}, f"these imports changed matplotlib's rcParams: {result['changed']}"


# --------------------------------------------------------------------------- public names only


def _page_code(path: Path) -> str:
    """The Python code of a chapter (MyST code cells) or a notebook, magics left out."""
    if path.suffix == ".ipynb":
        cells = ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
                 if c["cell_type"] == "code"]
    else:
        cells = re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", path.read_text(encoding="utf-8"), re.S)
        cells = [re.sub(r"\A---\n.*?\n---\n", "", c, flags=re.S) for c in cells]
    lines = [line for c in cells for line in c.splitlines()
             if not re.match(r"^:[\w-]+:", line) and not line.lstrip().startswith(("%", "!"))]
    return "\n".join(lines)


def _private_imports(code: str) -> list[str]:
    """``from p2pkit... import _name`` (or relative), and ``module._name`` on an imported p2pkit module."""
    tree = ast.parse(code)
    modules, found = set(), []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("p2pkit")):
            for a in node.names:
                if a.name.startswith("_") and not a.name.startswith("__"):
                    found.append(f"{node.module}.{a.name} (line {node.lineno})")
                modules.add(a.asname or a.name)
        elif isinstance(node, ast.Import):
            modules.update((a.asname or a.name).split(".")[0] for a in node.names if a.name.startswith("p2pkit"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__") \
                and isinstance(node.value, ast.Name) and node.value.id in modules:
            found.append(f"{node.value.id}.{node.attr} (line {node.lineno})")
    return found


PAGES = sorted([*ROOT.glob("chapters/*.md"), *ROOT.glob("mapping/*.md"), *ROOT.glob("exercises/*.ipynb"),
                *ROOT.glob("workshops/*.ipynb"), *ROOT.glob("p2pkit/views/*.py")])


@pytest.mark.parametrize("path", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_pages_and_views_import_only_public_names(path):
    code = path.read_text(encoding="utf-8") if path.suffix == ".py" else _page_code(path)
    assert _private_imports(code) == [], f"{path.relative_to(ROOT)} uses private names of p2pkit"


def test_the_private_import_check_finds_them():
    code = "from p2pkit.views.component import _json_for_html\nfrom .scene import _num\nimport p2pkit.orgs as o\no._x"
    assert len(_private_imports(code)) == 3
