"""The book builds with warnings as errors, and the built site needs no network."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"


@pytest.fixture(scope="module")
def built(built_site):
    return built_site


def test_every_toc_page_is_built(built):
    toc = (ROOT / "_toc.yml").read_text()
    files = re.findall(r"file:\s*(\S+)", toc) + ["intro"]
    missing = [f for f in files if not (built / f"{f}.html").exists()]
    assert not missing


def _scripts_and_links(page: Path):
    text = page.read_text(encoding="utf-8")
    return re.findall(r"""<(?:script|link|img)[^>]+(?:src|href)=["']([^"']+)["']""", text)


def test_no_page_loads_anything_from_another_host(built):
    offenders = {}
    for page in built.rglob("*.html"):
        urls = [u for u in _scripts_and_links(page) if re.match(r"(https?:)?//", u)]
        if urls:
            offenders[str(page.relative_to(built))] = urls
    assert not offenders


def test_figure_component_is_self_hosted(built):
    page = (built / "chapters" / "ch01-language-of-leadership.html").read_text()
    for script in ("_static/p2pfig.js", "_static/p2pfig.css"):
        assert script in page and (built / script).exists(), script
    assert "d3js.org" in (built / "_static" / "p2pfig.js").read_text()  # d3 travels with it
    assert "_static/p2pfig.css" in page


def test_chapter_one_ships_every_state_of_its_figures(built):
    page = (built / "chapters" / "ch01-language-of-leadership.html").read_text()
    blocks = re.findall(r"<script type='application/json' class='p2p-fig-data'>(.*?)</script>", page, re.S)
    assert len(blocks) == 3
    for b in blocks:
        data = json.loads(b)
        assert data["states"] and data["controls"], data["title"]
    for other in built.rglob("*.html"):  # no page embeds a Jupyter widget (it would be dead)
        assert "application/vnd.jupyter.widget-state+json" not in other.read_text(encoding="utf-8"), other
    for img in re.findall(r"<img[^>]*>", page):
        assert re.search(r'alt="[^"]{10,}', img) or "logo" in img or "binder" in img.lower(), img[:200]


def test_every_page_stays_under_one_and_a_half_megabytes(built):
    import sys
    sys.path.insert(0, str(ROOT / "tools"))
    from page_weight import LIMIT, page_weights

    rows, shared = page_weights()
    heavy = {r["page"]: r["raw"] for r in rows if r["raw"] > LIMIT}
    assert not heavy, f"pages over 1.5 MB of own content: {heavy}"
    assert shared["files"] > 0


def test_internal_links_resolve_and_external_links_are_listed(built):
    import sys
    sys.path.insert(0, str(ROOT / "tools"))
    import links

    broken, external = links.check()
    assert not broken, "\n".join(broken[:20])
    assert links.main() == 0
    assert (ROOT / "_build" / "external-links.txt").exists()


def test_own_scripts_reach_the_site_even_when_no_page_is_rebuilt(built, tmp_path, monkeypatch):
    """A second `make book` with nothing changed copies no static files in Sphinx; the build
    script copies the companion's own scripts and stylesheets itself (they went missing once)."""
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import build_site

    monkeypatch.setattr(build_site, "HTML", tmp_path)
    (tmp_path / "_static").mkdir()
    copied = build_site.refresh_own_static()
    assert {"p2pfig.js", "p2pfig.css", "p2p.css", "p2p-a11y.js"} <= set(copied)
    assert build_site.refresh_own_static() == []  # nothing stale the second time
    (tmp_path / "_static" / "p2p.css").write_text("stale")
    assert build_site.refresh_own_static() == ["p2p.css"]
