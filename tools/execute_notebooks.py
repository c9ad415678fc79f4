"""Re-execute every committed notebook (exercises/, workshops/) in place.

Usage: .venv/bin/python tools/execute_notebooks.py [PATH ...]

Each notebook runs in its own folder with the project's kernel, exactly as nbval will
run it, and its outputs are saved. Figures are saved static (``P2PKIT_FIGURES=static``): the
committed output is what the published site shows, with every state of every control.
Run this after changing p2pkit or a notebook; then `make test` checks the outputs.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
os.environ["P2PKIT_FIGURES"] = "static"  # inherited by the kernels
FOLDERS = ["exercises", "workshops"]


def notebooks(args: list[str]) -> list[Path]:
    if args:
        return [Path(a).resolve() for a in args]
    found = []
    for folder in FOLDERS:
        found += sorted(p for p in (ROOT / folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    return found


def execute(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    t0 = time.perf_counter()
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            store_widget_state=True)
    client.execute()
    nb.metadata.pop("widgets", None) if not _has_widgets(nb) else None
    nbformat.write(nb, path)
    return time.perf_counter() - t0


def _has_widgets(nb) -> bool:
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    return bool(state.get("state"))


def main(argv: list[str]) -> int:
    paths = notebooks(argv)
    for p in paths:
        secs = execute(p)
        print(f"{secs:6.1f} s  {p.relative_to(ROOT)}")
    print(f"{len(paths)} notebooks executed in place")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
