"""Presenter mode: run a workshop demo notebook as a code-free web app (Voilà) on localhost.

Usage: .venv/bin/python tools/present.py WORKSHOP [--port 8866]
       (or `make present WORKSHOP=remove-the-boss`)

WORKSHOP is a demo notebook in workshops/ (with or without the `-demo.ipynb` ending), or a path
to any notebook. The page shows prose, figures and controls, never code. It runs offline: the
page template is Voilà's own "lab" template minus the two icon stylesheets it would otherwise
load from a public CDN (generated into _build/voila-share at each start).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARE = ROOT / "_build" / "voila-share"


def offline_template() -> Path:
    """Write an offline copy of Voilà's "lab" template (without its CDN stylesheets).

    It keeps the name "lab" so that Voilà's template hierarchy (lab -> nbconvert lab -> base)
    still resolves; it takes precedence because its folder comes first on JUPYTER_PATH.
    """
    import voila

    src = Path(sys.prefix) / "share" / "jupyter" / "voila" / "templates" / "lab"
    if not src.exists():  # pragma: no cover - unusual installs
        src = Path(voila.__file__).resolve().parents[3] / "share" / "jupyter" / "voila" / "templates" / "lab"
    dst = SHARE / "voila" / "templates" / "lab"
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    index = dst / "index.html.j2"
    lines = [ln for ln in index.read_text().splitlines(keepends=True) if "cdn.jsdelivr.net" not in ln]
    index.write_text("".join(lines))
    return dst


def notebook_for(name: str) -> Path:
    p = Path(name)
    candidates = [p, ROOT / "workshops" / name, ROOT / "workshops" / f"{name}-demo.ipynb",
                  ROOT / "workshops" / f"{name}.ipynb"]
    for c in candidates:
        if c.suffix == ".ipynb" and c.exists():
            return c.resolve()
    demos = sorted(x.name for x in (ROOT / "workshops").glob("*-demo.ipynb"))
    raise SystemExit(f"No demo notebook {name!r}. Choose one of: {', '.join(demos) or '(none yet)'}")


def command(nb: Path, port: int) -> tuple[list[str], dict]:
    offline_template()
    env = dict(os.environ, JUPYTER_PATH=str(SHARE) + os.pathsep + os.environ.get("JUPYTER_PATH", ""))
    env.pop("MPLBACKEND", None)
    env["P2PKIT_FIGURES"] = "live"  # presenter mode recomputes in Python at every change
    voila = Path(sys.executable).parent / "voila"
    cmd = [str(voila), str(nb), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
           "--template=lab", "--theme=light", "--show_tracebacks=False",
           f"--Voila.root_dir={nb.parent}"]
    return cmd, env


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("workshop")
    ap.add_argument("--port", type=int, default=8866)
    a = ap.parse_args(argv)
    nb = notebook_for(a.workshop)
    cmd, env = command(nb, a.port)
    print(f"Presenter mode for {nb.name}: open http://127.0.0.1:{a.port}/ (Ctrl-C to stop)")
    return subprocess.call(cmd, env=env, cwd=nb.parent)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
