"""The package's size bars: modules over 800 lines, functions over 60 lines of code.

Usage: .venv/bin/python tools/code_health.py [--limit-module 800] [--limit-function 60]

A function's lines of code exclude its docstring, blank lines and comment-only lines.
tests/test_code_health.py holds the package to these bars.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "p2pkit"


def module_lines() -> dict[str, int]:
    return {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
            for p in sorted(PACKAGE.rglob("*.py"))}


def _code_lines(node: ast.AST, source: list[str]) -> int:
    body = list(getattr(node, "body", []))
    skip: set[int] = set()
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
            and isinstance(body[0].value.value, str):
        skip.update(range(body[0].lineno, body[0].end_lineno + 1))
    count = 0
    for n in range(node.lineno, node.end_lineno + 1):
        if n in skip:
            continue
        text = source[n - 1].strip()
        if text and not text.startswith("#"):
            count += 1
    return count


def _functions(node: ast.AST, source: list[str], prefix: str = ""):
    """(qualified name, lines of code) of every function below ``node``, nested ones included."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
            name = prefix + child.name
            yield name, _code_lines(child, source)
            yield from _functions(child, source, name + ".")
        elif isinstance(child, ast.ClassDef):
            yield from _functions(child, source, prefix + child.name + ".")


def function_lines() -> list[tuple[str, str, int]]:
    """(module, qualified name, lines of code) for every function and method."""
    out = []
    for p in sorted(PACKAGE.rglob("*.py")):
        text = p.read_text(encoding="utf-8")
        module = str(p.relative_to(ROOT))
        out += [(module, name, lines) for name, lines in _functions(ast.parse(text), text.splitlines())]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit-module", type=int, default=800)
    ap.add_argument("--limit-function", type=int, default=60)
    a = ap.parse_args(argv)
    mods = module_lines()
    big = {m: n for m, n in mods.items() if n > a.limit_module}
    funcs = [f for f in function_lines() if f[2] > a.limit_function]
    print(f"{len(mods)} modules, {sum(mods.values()):,} lines; largest: "
          + ", ".join(f"{m} {n}" for m, n in sorted(mods.items(), key=lambda kv: -kv[1])[:5]))
    print(f"modules over {a.limit_module} lines: {len(big)}")
    for m, n in sorted(big.items(), key=lambda kv: -kv[1]):
        print(f"  {n:5d}  {m}")
    print(f"functions over {a.limit_function} lines of code: {len(funcs)}")
    for m, name, n in sorted(funcs, key=lambda f: -f[2]):
        print(f"  {n:5d}  {m}:{name}")
    return 1 if big or funcs else 0


if __name__ == "__main__":
    sys.exit(main())
