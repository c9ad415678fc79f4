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
    assert "_anim_img" in page and "anim-slider" in page
    for img in re.findall(r"<img[^>]*>", page):
        assert re.search(r'alt="[^"]{10,}"', img) or "logo" in img or "binder" in img.lower(), img
