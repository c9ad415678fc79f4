"""The package's health bars (issue 14): no module over 800 lines, no function over 60 lines
of code (``tools/code_health.py``), and ``ruff check`` clean (the rules in pyproject.toml).

The test command also runs ruff before pytest (Makefile); the test here keeps the bar when
pytest is run on its own.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import code_health  # noqa: E402

MODULE_LIMIT = 800
FUNCTION_LIMIT = 60

def test_code_health_counts_code_lines_only():
    import ast

    source = 'def f(x):\n    """Doc\n    string."""\n\n    # a comment\n    y = x\n    return y\n'
    node = ast.parse(source).body[0]
    assert code_health._code_lines(node, source.splitlines()) == 3  # def, y = x, return


def test_no_module_over_800_lines():
    big = {m: n for m, n in code_health.module_lines().items() if n > MODULE_LIMIT}
    assert big == {}, f"modules over {MODULE_LIMIT} lines: {big}"


def test_no_function_over_60_lines_of_code():
    long = [f"{m}:{name} {n}" for m, name, n in code_health.function_lines() if n > FUNCTION_LIMIT]
    assert long == [], f"functions over {FUNCTION_LIMIT} lines of code: {long}"


def test_ruff_is_clean():
    run = subprocess.run([sys.executable, "-m", "ruff", "check", "--output-format", "concise",
                          "p2pkit", "tests", "tools", "benchmarks"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:]
