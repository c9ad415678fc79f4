"""Build the book exactly as `make book` and the tests do, then trim what the site need not carry.

Usage: .venv/bin/python tools/build_site.py

0. If `p2pkit` changed since the last build, clear the chapters' execution cache.
1. `jupyter-book build . -W -n --keep-going` (warnings are errors; nitpicky references).
2. Trim `_build/html/_static`: source maps (`*.map`) and any TTF/WOFF/EOT/SVG font that has a
   WOFF2 twin of the same name (every browser that runs the site's JavaScript reads WOFF2).
3. Print the facilitator packs (tools/packs.py: Chromium's print to PDF, A4 and Letter) into
   `_build/html/workshops/packs/`; without Chromium this step says so and is skipped.
Exit status is the build's.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
FALLBACK_FONTS = (".ttf", ".woff", ".eot", ".svg")


def invalidate_stale_cache() -> None:
    """Drop the chapters' execution cache when p2pkit changed since it was filled.

    Jupyter Book's cache is keyed on each notebook's code only, so a change in the package
    would otherwise leave figures and widgets computed by the old code on the site.
    """
    digest = hashlib.sha256()
    for path in sorted((ROOT / "p2pkit").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    stamp = ROOT / "_build" / ".p2pkit-digest"
    if not stamp.exists() or stamp.read_text() != digest.hexdigest():
        # Sphinx's own environment would otherwise skip unchanged pages entirely.
        for name in (".jupyter_cache", ".doctrees", "jupyter_execute"):
            if (ROOT / "_build" / name).exists():
                shutil.rmtree(ROOT / "_build" / name)
        print("cache: p2pkit changed (or first build): every page is re-read and re-executed", flush=True)
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(digest.hexdigest())


def build() -> int:
    invalidate_stale_cache()
    jb = Path(sys.executable).parent / "jupyter-book"
    t0 = time.perf_counter()
    # A non-inline MPLBACKEND inherited from a caller would stop kernels from showing figures.
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    rc = subprocess.call([str(jb), "build", str(ROOT), "-W", "-n", "--keep-going"], cwd=ROOT, env=env)
    print(f"build: exit {rc} in {time.perf_counter() - t0:.1f} s")
    if rc == 0:
        refresh_own_static()
    return rc


def refresh_own_static() -> list[str]:
    """Copy the companion's own stylesheets and scripts into the site after every build.

    Sphinx does not overwrite a static file it copied before, and copies nothing at all when
    no page is out of date, so a change to them (or a second `make book`) must not depend on it.
    """
    copied = []
    for own in (ROOT / "theme", ROOT / "_build" / "p2pfig-static"):
        for f in sorted(own.glob("*")) if own.exists() else ():
            dest = HTML / "_static" / f.name
            if f.is_file() and (not dest.exists() or dest.read_bytes() != f.read_bytes()):
                shutil.copy2(f, dest)
                copied.append(f.name)
    return copied


def trim(static: Path = HTML / "_static") -> tuple[int, int]:
    removed, saved = 0, 0
    for path in list(static.rglob("*")):
        if not path.is_file():
            continue
        drop = path.suffix == ".map"
        if path.suffix in FALLBACK_FONTS and path.with_suffix(".woff2").exists():
            drop = True
        if drop:
            saved += path.stat().st_size
            path.unlink()
            removed += 1
    print(f"trim: removed {removed} files ({saved / 1e6:.1f} MB): source maps and non-WOFF2 fonts")
    return removed, saved


def packs() -> int:
    if shutil.which("chromium") is None and shutil.which("chromium-browser") is None:
        print("packs: NOTE: no Chromium, so the facilitator-pack PDFs were not printed "
              "(apt-get install chromium, or `make test` as root, installs it)")
        return 0
    sys.path.insert(0, str(ROOT / "tools"))
    import packs as packs_tool

    return packs_tool.main(["--html", str(HTML)])


if __name__ == "__main__":
    code = build()
    if code == 0:
        trim()
        code = packs()
    sys.exit(code)
