"""Print the facilitator packs: one PDF per workshop, and one of all the handouts, A4 and Letter.

Usage: .venv/bin/python tools/packs.py [--html _build/html]   (tools/build_site.py runs it after
each build; `make book` therefore makes them)

A workshop's pack is a cover (title, timing, audience, outcomes, what is inside, and a picture
of the demo figure as it first appears), then the session plan, the facilitator one-pager and
the participant handout, each printed by the system Chromium from the built site with the
site's print stylesheet -- the same pages a facilitator would print from the browser -- on A4
and on Letter paper. The pieces are joined with pypdf. Files go to
``_build/html/workshops/packs/``: ``<id>-pack-a4.pdf``, ``<id>-pack-letter.pdf``,
``all-handouts-a4.pdf`` and ``all-handouts-letter.pdf``; each workshop page links them.
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import shutil
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PAPERS = {"a4": "A4", "letter": "Letter"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


def plans() -> list[dict]:
    """The session plans' front matter (workshops/*.md with ``type: session-plan``), in name order."""
    out = []
    for md in sorted((ROOT / "workshops").glob("*.md")):
        if md.name.startswith("_"):
            continue
        text = md.read_text(encoding="utf-8")
        if not text.startswith("---"):
            continue
        meta = yaml.safe_load(text.split("---", 2)[1]) or {}
        if meta.get("type") == "session-plan":
            out.append(meta)
    return out


def pack_names(plan_id: str) -> dict[str, str]:
    """Paper -> file name of a workshop's pack (relative to workshops/)."""
    return {p: f"packs/{plan_id}-pack-{p}.pdf" for p in PAPERS}


def _cover(meta: dict, picture: bytes | None) -> str:
    e = html.escape
    outcomes = "".join(f"<li>{e(o)}</li>" for o in meta.get("outcomes", []))
    agenda = "".join(f"<tr><td>{e(a['step'])}</td><td>{a['minutes']} min</td><td>{e(a['kind'])}</td>"
                     f"<td>{e(a['participation'])}</td></tr>" for a in meta.get("agenda", []))
    img = ("<figure><img alt='The demo figure as it first appears on the projector' src='data:image/png;base64,"
           + base64.b64encode(picture).decode() + "'><figcaption>The live demo as it first appears "
           f"(<code>make present WORKSHOP={e(meta['id'])}</code>).</figcaption></figure>") if picture else ""
    size = meta.get("group_size", {})
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{e(meta['title'])}</title>
<style>
body {{ font-family: "DejaVu Sans", system-ui, sans-serif; color: #000; font-size: 9.5pt; line-height: 1.3; }}
h1 {{ font-size: 20pt; margin: 0 0 4pt; }} h2 {{ font-size: 12pt; margin: 12pt 0 4pt; }}
table {{ border-collapse: collapse; width: 100%; }} td {{ border-bottom: 1px solid #999; padding: 2pt 4pt; }}
figure {{ margin: 6pt 0 0; break-inside: avoid; }} img {{ max-width: 100%; max-height: 72mm; border: 1px solid #999; }}
figcaption {{ font-size: 9pt; }} .small {{ font-size: 9pt; }}
</style></head><body>
<p class="small">P2P Leadership Companion -- facilitator pack</p>
<h1>{e(meta['title'])}</h1>
<p><b>{meta['duration_minutes']} minutes</b> · {size.get('min', '?')}-{size.get('max', '?')} people
(best {e(str(size.get('best', '')))}) · {e(meta.get('audience', ''))}</p>
<h2>Participants will be able to</h2><ul>{outcomes}</ul>
<h2>Agenda</h2><table>{agenda}</table>
<h2>In this pack</h2><p>1. This cover · 2. The session plan, with the exact words of every step ·
3. The facilitator one-pager · 4. The participant handout (print one per person).</p>
{img}
</body></html>"""


def _demo_picture(page, html_root: Path, plan_id: str) -> bytes | None:
    demo = html_root / "workshops" / f"{plan_id}-demo.html"
    if not demo.exists():
        return None
    page.set_viewport_size({"width": 1100, "height": 900})
    page.goto(demo.as_uri())
    try:
        page.wait_for_selector(".p2p-fig.p2p-fig-ready", timeout=20_000)
    except Exception:  # pragma: no cover - a demo without a figure
        return None
    return page.locator(".p2p-fig.p2p-fig-ready").first.screenshot()


def _print(page, url: str, paper: str) -> bytes:
    page.goto(url)
    page.wait_for_load_state("load")
    page.emulate_media(media="print")
    data = page.pdf(format=PAPERS[paper], print_background=False, prefer_css_page_size=False,
                    margin={"top": "13mm", "bottom": "14mm", "left": "14mm", "right": "14mm"})
    page.emulate_media(media="screen")
    return data


def _join(parts: list[bytes]) -> bytes:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter()
    for p in parts:
        w.append(PdfReader(io.BytesIO(p)))
    w.add_metadata({"/Producer": "p2pkit facilitator packs (Chromium print, pypdf)"})
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def make_packs(html_root: Path) -> list[Path]:
    """Write every pack into ``html_root/workshops/packs``; returns the files written."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("no Chromium: the facilitator packs need Debian's chromium (apt-get install chromium)")
    out_dir = html_root / "workshops" / "packs"
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    handouts: dict[str, list[bytes]] = {p: [] for p in PAPERS}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for meta in plans():
            pid = meta["id"]
            picture = _demo_picture(page, html_root, pid)
            for paper in PAPERS:
                page.set_content(_cover(meta, picture), wait_until="load")
                page.wait_for_function("() => Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
                page.emulate_media(media="print")
                cover = page.pdf(format=PAPERS[paper], print_background=False,
                                 margin={"top": "13mm", "bottom": "14mm", "left": "14mm", "right": "14mm"})
                parts = [cover]
                for name in (pid, meta["facilitator_page"], meta["handout"]):
                    parts.append(_print(page, (html_root / "workshops" / f"{name}.html").as_uri(), paper))
                handouts[paper].append(parts[-1])
                target = out_dir / f"{pid}-pack-{paper}.pdf"
                target.write_bytes(_join(parts))
                written.append(target)
        for paper, parts in handouts.items():
            target = out_dir / f"all-handouts-{paper}.pdf"
            target.write_bytes(_join(parts))
            written.append(target)
        browser.close()
    return written


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--html", default=str(ROOT / "_build" / "html"))
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    files = make_packs(Path(a.html))
    print(f"packs: {len(files)} PDFs in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
