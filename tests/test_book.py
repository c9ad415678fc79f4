"""The book builds with warnings as errors, and the built site needs no network."""

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


def test_widget_manager_is_self_hosted(built):
    page = (built / "chapters" / "ch01-language-of-leadership.html").read_text()
    assert "_static/widgets/embed-amd.js" in page and "_static/widgets/require.js" in page
    assert (built / "_static" / "widgets" / "embed-amd.js").exists()
    assert "application/vnd.jupyter.widget-state+json" in page  # the initial view is embedded


def test_chapter_one_has_its_explorable_and_alt_texts(built):
    page = (built / "chapters" / "ch01-language-of-leadership.html").read_text()
    assert re.search(r'<img alt="Three network drawings[^"]*" src="../_images/[0-9a-f]+\.png"', page), \
        "the static figure is missing (a non-inline matplotlib backend in the build?)"
    assert "_anim_img" in page and "anim-slider" in page
    for img in re.findall(r"<img[^>]*>", page):
        # (widget state stores its <img> inside JSON, with escaped quotes)
        assert re.search(r'alt=\\?"[^"\\]{10,}', img) or "logo" in img or "binder" in img.lower(), img[:200]


def test_every_page_stays_under_two_megabytes(built):
    import sys
    sys.path.insert(0, str(ROOT / "tools"))
    from page_weight import LIMIT, page_weights

    rows, shared = page_weights()
    heavy = {r["page"]: r["raw"] for r in rows if r["raw"] > LIMIT}
    assert not heavy, f"pages over 2 MB of own content: {heavy}"
    assert shared["files"] > 0


def test_internal_links_resolve_and_external_links_are_listed(built):
    import sys
    sys.path.insert(0, str(ROOT / "tools"))
    import links

    broken, external = links.check()
    assert not broken, "\n".join(broken[:20])
    assert links.main() == 0
    assert (ROOT / "_build" / "external-links.txt").exists()
