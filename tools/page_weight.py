"""Page weight of the built site: each page's own content, and the shared assets once.

Usage: .venv/bin/python tools/page_weight.py [--markdown]

Own content = the page's HTML (which embeds every state of its interactive figures as data) plus
the images in `_images/` it references. Shared = every file under `_static/` that some page loads
(scripts, stylesheets and the fonts those stylesheets point to), counted once. Sizes are raw
and gzip-compressed (level 6, as a static host would serve them).
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
LIMIT = 1_500_000  # bytes of own content per page


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def _local(ref: str, base: Path) -> Path | None:
    if ref.startswith(("data:", "#", "mailto:")) or urlparse(ref).scheme in ("http", "https"):
        return None
    path = (base / unquote(urlparse(ref).path)).resolve()
    return path if path.is_file() else None


def pages() -> list[Path]:
    return sorted(p for p in HTML.rglob("*.html") if "_static" not in p.parts and "_sources" not in p.parts)


def page_weights() -> tuple[list[dict], dict]:
    rows, shared = [], set()
    for page in pages():
        text = page.read_text(encoding="utf-8", errors="replace")
        own_files = [page]
        for ref in re.findall(r"""(?:src|href)=["']([^"']+)["']""", text):
            p = _local(ref, page.parent)
            if p is None:
                continue
            if "_static" in p.relative_to(HTML).parts or p.name == "searchindex.js":
                if re.search(rf"""<(?:script|link)[^>]+["']{re.escape(ref)}["']""", text):
                    shared.add(p)
            elif "_images" in p.relative_to(HTML).parts:
                own_files.append(p)
        data = [f.read_bytes() for f in own_files]
        rows.append({"page": str(page.relative_to(HTML)), "raw": sum(map(len, data)),
                     "gzip": sum(gz(d) for d in data), "images": len(own_files) - 1})
    for css in [p for p in shared if p.suffix == ".css"]:
        for ref in re.findall(r"url\(['\"]?([^'\")]+)['\"]?\)", css.read_text(errors="replace")):
            p = _local(ref, css.parent)
            if p is not None and (p.suffix == ".woff2" or not p.with_suffix(".woff2").exists()):
                shared.add(p)
    blobs = {p: p.read_bytes() for p in shared}
    total = {"files": len(blobs), "raw": sum(map(len, blobs.values())), "gzip": sum(gz(b) for b in blobs.values()),
             "largest": sorted(((len(b), str(p.relative_to(HTML))) for p, b in blobs.items()), reverse=True)[:6]}
    return rows, total


def main(argv: list[str]) -> int:
    rows, shared = page_weights()
    print(f"{'page':55s} {'own raw':>10s} {'own gzip':>10s} {'images':>6s}")
    for r in rows:
        flag = "  OVER 2 MB" if r["raw"] > LIMIT else ""
        print(f"{r['page']:55s} {r['raw'] / 1e3:8.0f} kB {r['gzip'] / 1e3:8.0f} kB {r['images']:6d}{flag}")
    print(f"\nshared theme, widget and MathJax assets loaded by pages: {shared['files']} files, "
          f"{shared['raw'] / 1e6:.2f} MB raw, {shared['gzip'] / 1e6:.2f} MB gzip (downloaded once, then cached)")
    for size, name in shared["largest"]:
        print(f"  {size / 1e3:8.0f} kB  {name}")
    return 1 if any(r["raw"] > LIMIT for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
