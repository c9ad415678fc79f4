"""Check the built site's links: internal ones must resolve; external ones are listed, not fetched.

Usage: .venv/bin/python tools/links.py   (writes _build/external-links.txt)
"""

from __future__ import annotations

import sys
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])


def _parse(path: Path) -> _Collector:
    c = _Collector()
    c.feed(path.read_text(encoding="utf-8", errors="replace"))
    return c


def check() -> tuple[list[str], dict[str, set[str]]]:
    pages = [p for p in HTML.rglob("*.html") if "_static" not in p.parts]
    parsed = {p: _parse(p) for p in pages}
    broken, external = [], defaultdict(set)
    for page, c in parsed.items():
        for href in c.links:
            url = urlparse(href)
            if url.scheme in ("http", "https"):
                external[href].add(str(page.relative_to(HTML)))
                continue
            if url.scheme in ("mailto", "javascript", "data") or href.startswith("#") and not url.fragment:
                continue
            target = page if not url.path else (page.parent / unquote(url.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(HTML)} -> {href} (no such file)")
                continue
            if url.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if url.fragment not in ids:
                    broken.append(f"{page.relative_to(HTML)} -> {href} (no such anchor)")
    return broken, external


def main() -> int:
    broken, external = check()
    out = ROOT / "_build" / "external-links.txt"
    with out.open("w") as f:
        for href in sorted(external):
            f.write(f"{href}\t{', '.join(sorted(external[href]))}\n")
    print(f"{len(broken)} broken internal links; {len(external)} external links listed in {out.relative_to(ROOT)}")
    for b in broken:
        print("  " + b)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
