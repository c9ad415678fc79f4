"""Preview interactive figures without building the book: one offline page, a screenshot, a probe.

Usage:
  .venv/bin/python tools/preview.py p2pkit.views.architecture:centre_to_peers [more ...]
        [--out _build/preview] [--shot] [--probe] [--dark] [--width 1100]

Each argument is ``module:function`` (a function that returns a Figure; keyword arguments as
``module:function(people=30)`` are allowed). Writes ``OUT/preview.html`` (the figures with the
component inlined, as in the team report). ``--shot`` saves ``OUT/preview.png`` (headless
Chromium); ``--probe`` operates every control of every figure and prints the dead ones, the
time from a control change to the next paint, and axe-core's serious or critical findings.
Exit status 1 if a control is dead or axe finds a serious problem.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
os.environ["P2PKIT_FIGURES"] = "static"

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


def load(spec: str):
    m = re.fullmatch(r"([\w.]+):(\w+)(?:\((.*)\))?", spec.strip())
    if not m:
        raise SystemExit(f"not module:function: {spec!r}")
    fn = getattr(importlib.import_module(m.group(1)), m.group(2))
    kwargs = {}
    if m.group(3):
        call = ast.parse(f"f({m.group(3)})", mode="eval").body
        kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
    return fn(**kwargs)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("figures", nargs="+")
    ap.add_argument("--out", default=str(ROOT / "_build" / "preview"))
    ap.add_argument("--shot", action="store_true")
    ap.add_argument("--probe", action="store_true")
    ap.add_argument("--dark", action="store_true")
    ap.add_argument("--width", type=int, default=1100)
    a = ap.parse_args(argv)

    from p2pkit.views.component import standalone_page

    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    parts = []
    for spec in a.figures:
        fig = load(spec)
        t0 = time.perf_counter()
        block = fig.static_html()
        print(f"{spec}: {fig.stats.states} states, {fig.stats.json_bytes / 1e3:.0f} kB of data, "
              f"built in {time.perf_counter() - t0:.2f} s")
        parts.append(f"<section><h2>{spec}</h2>{block}</section>")
    page_file = out / "preview.html"
    page_file.write_text(standalone_page("Figure preview", "\n".join(parts)), encoding="utf-8")
    print(f"wrote {page_file} ({page_file.stat().st_size / 1e3:.0f} kB)")
    if not (a.shot or a.probe):
        return 0

    from playwright.sync_api import sync_playwright

    import figprobe

    status = 0
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = b.new_page(viewport={"width": a.width, "height": 900},
                          color_scheme="dark" if a.dark else "light")
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(page_file.as_uri())
        page.wait_for_selector(".p2p-fig-ready")
        if a.shot:
            shot = out / ("preview-dark.png" if a.dark else "preview.png")
            page.screenshot(path=str(shot), full_page=True)
            print(f"screenshot: {shot}")
        if a.probe:
            for r in figprobe.probe_page(page):
                dead = r.dead
                print(f"- {r.title}: {len(r.controls)} controls, {len(dead)} dead"
                      + (f" ({', '.join(c.label for c in dead)})" if dead else "")
                      + ("" if r.people_clickable is None else f"; clicking a person {'works' if r.people_clickable else 'DOES NOTHING'}"))
                if dead or r.people_clickable is False:
                    status = 1
            t = page.evaluate("window.__p2pfigTimings || []")
            if t:
                print(f"control change to next paint: median {statistics.median(t):.1f} ms, max {max(t):.1f} ms "
                      f"over {len(t)} changes")
            axe = ROOT / "js" / "node_modules" / "axe-core" / "axe.min.js"
            if axe.exists():
                page.add_script_tag(path=str(axe))
                found = page.evaluate(figprobe.AXE_RUN)
                print("axe-core serious/critical:", found or "none")
                if found:
                    status = 1
        if errors:
            print("console errors:", errors)
            status = 1
        b.close()
    return status


if __name__ == "__main__":
    sys.exit(main())
