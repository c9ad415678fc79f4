"""Control change to next paint on the built site, in Chromium (prints a table; not a test).

Run after `make book`:  .venv/bin/python benchmarks/bench_paint.py [PAGE ...]

For every page with interactive figures (or the pages named), it operates every control of
every figure (tools/figprobe.py) and reads the component's own timings: from the control's
event to the next paint (a requestAnimationFrame followed by a message, i.e. after the frame
was produced), measured with the Performance API in the page. Also prints the controls per
page and how many of them changed nothing (dead). Budget: median under 50 ms.
"""

from __future__ import annotations

import functools
import http.server
import statistics
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
HTML = ROOT / "_build" / "html"

import figprobe  # noqa: E402


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def pages(argv: list[str]) -> list[str]:
    if argv:
        return argv
    return sorted(str(p.relative_to(HTML)) for p in HTML.rglob("*.html")
                  if "data-p2pfig" in p.read_text(encoding="utf-8", errors="ignore"))


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    if not HTML.exists():
        print("No site: run `make book` first.")
        return 1
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(HTML)))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{srv.server_address[1]}/"
    allt: list[float] = []
    print(f"{'page':48s} {'figs':>4s} {'controls':>8s} {'dead':>4s} {'changes':>7s} {'median ms':>9s} {'p90 ms':>7s} {'max ms':>7s}")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium",
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for page_name in pages(argv):
            page = b.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base + page_name)
            results = figprobe.probe_page(page, settle_ms=20)
            t = page.evaluate("window.__p2pfigTimings || []")
            allt += t
            controls = sum(len(r.controls) for r in results)
            dead = sum(len(r.dead) for r in results)
            if t:
                q = statistics.quantiles(t, n=10)[-1] if len(t) > 1 else t[0]
                print(f"{page_name:48s} {len(results):4d} {controls:8d} {dead:4d} {len(t):7d} "
                      f"{statistics.median(t):9.1f} {q:7.1f} {max(t):7.1f}", flush=True)
            else:
                print(f"{page_name:48s} {len(results):4d} {controls:8d} {dead:4d}", flush=True)
            page.close()
        b.close()
    srv.shutdown()
    if allt:
        print(f"\nall pages: {len(allt)} changes, median {statistics.median(allt):.1f} ms, "
              f"p90 {statistics.quantiles(allt, n=10)[-1]:.1f} ms, max {max(allt):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
