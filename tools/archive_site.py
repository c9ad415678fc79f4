"""Pack the built site into one zip a facilitator can copy onto a laptop and open offline.

Usage: .venv/bin/python tools/archive_site.py   (after `make book`; `make archive` does both)

The archive holds `_build/html` plus OPEN-ME.txt. Unzip it anywhere and open `index.html` in a
browser: every page, figure, scrubbable explorable and widget view works from the files alone,
with no server and no internet (the site loads nothing from other hosts).
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
OUT = ROOT / "_build" / "p2p-leadership-companion-site.zip"

README = """P2P Leadership Companion -- offline copy of the website

1. Unzip this archive anywhere (a USB stick is fine).
2. Open the folder p2p-leadership-companion and double-click index.html
   (or open it from your browser's File > Open menu).

Everything works without a server and without internet: chapters, workshop pages, handouts
and every control of every interactive figure. To give figures any size or seed, or to read
your own team's survey, run them in Python: see the "Running things live" section of the
landing page.
"""


def make_archive(out: Path = OUT) -> Path:
    if not (HTML / "index.html").exists():
        raise SystemExit("No built site: run `make book` first.")
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("p2p-leadership-companion/OPEN-ME.txt", README)
        for path in sorted(HTML.rglob("*")):
            if path.is_file() and ".buildinfo" not in path.name:
                z.write(path, "p2p-leadership-companion/" + path.relative_to(HTML).as_posix())
    return out


if __name__ == "__main__":
    out = make_archive()
    print(f"{out.relative_to(ROOT)}: {out.stat().st_size / 1e6:.1f} MB")
    sys.exit(0)
