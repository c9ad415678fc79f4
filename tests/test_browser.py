"""The published site in a real browser: every page, offline, accessible.

Headless Chromium (Debian's `chromium`, driven by Playwright) loads every page of the built
site from a local server, with every request to any other host blocked and recorded, and checks:

- no console errors, no uncaught page errors, no failed request, no request off localhost;
- every image loads and has meaningful alt text; headings go down one level at a time;
- every interactive figure draws, and every one of its controls changes what it shows;
- axe-core 4.14 (every rule but the deprecated and the AAA ones) finds no serious or critical
  violation, in light and in dark mode.
"""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "js" / "node_modules" / "axe-core" / "axe.min.js"


def toc_pages() -> list[str]:
    toc = (ROOT / "_toc.yml").read_text()
    root = re.search(r"^root:\s*(\S+)", toc, re.M).group(1)
    files = [root] + re.findall(r"file:\s*(\S+)", toc)
    return [f + ".html" for f in files] + ["genindex.html", "search.html"]


PAGES = toc_pages()


class PageVisit:
    """Load one page with every off-host request blocked, recording what went wrong."""

    def __init__(self, browser, url: str, width: int = 1280, height: int = 900, mode: str = "light"):
        self.context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=mode)
        self.page = self.context.new_page()
        if mode != "light":  # the theme keeps the reader's choice of mode in localStorage
            self.page.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        self.offsite: list[str] = []
        self.page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.console_errors.append(f"uncaught: {e}"))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})") if r.url not in self.offsite else None)
        self.page.on("response", lambda r: self.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        self.page.route("**/*", self._route)
        self.page.goto(url, wait_until="load")
        self.page.wait_for_load_state("networkidle")
        self.page.wait_for_timeout(300)

    def _route(self, route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost", None):
            route.continue_()
        else:
            self.offsite.append(route.request.url)
            route.abort()

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def visits(browser, site_url):
    cache: dict[str, PageVisit] = {}

    def get(page: str) -> PageVisit:
        if page not in cache:
            cache[page] = PageVisit(browser, f"{site_url}/{page}")
        return cache[page]

    yield get
    for v in cache.values():
        v.close()


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_cleanly_offline(visits, page):
    v = visits(page)
    assert not v.offsite, f"requests to other hosts: {v.offsite}"
    assert not v.failed, f"failed requests: {v.failed}"
    assert not v.console_errors, f"console errors: {v.console_errors}"


@pytest.mark.parametrize("page", PAGES)
def test_images_load_and_have_alt_text(visits, page):
    v = visits(page)
    images = v.page.evaluate("""() => Array.from(document.images).map(i => ({
        src: i.currentSrc || i.src, ok: i.complete && i.naturalWidth > 0,
        alt: i.getAttribute('alt'), decorative: i.getAttribute('role') === 'presentation'}))""")
    broken = [i["src"][:80] for i in images if not i["ok"]]
    assert not broken, f"images that did not load: {broken}"
    # Figures need a real description; small interface icons (the theme's logos) a short name.
    no_alt = [i["src"][:80] for i in images if not i["decorative"] and (
        not i["alt"] or len(i["alt"].strip()) < (3 if i["src"].endswith(".svg") else 20))]
    assert not no_alt, f"images without meaningful alt text: {no_alt}"


@pytest.mark.parametrize("page", PAGES)
def test_headings_in_order(visits, page):
    levels = visits(page).page.evaluate(
        "() => Array.from(document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6'))"
        ".filter(h => h.getClientRects().length > 0).map(h => parseInt(h.tagName[1]))")
    assert levels and levels[0] == 1, f"page should start with one h1: {levels[:5]}"
    assert levels.count(1) == 1, "exactly one h1 per page"
    jumps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert not jumps, f"heading levels skip: {jumps}"


@pytest.mark.parametrize("page", PAGES)
def test_every_control_changes_the_figure(visits, page):
    """Zero dead controls: each control of each interactive figure changes what it shows
    (panels, readout, verdict or text summary), and clicking a removable person does too."""
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    import figprobe

    v = visits(page)
    results = figprobe.probe_page(v.page)
    dead = [f"{r.title}: {c.label}" for r in results for c in r.dead]
    assert not dead, f"controls that change nothing on {page}: {dead}"
    assert all(r.people_clickable is not False for r in results), "clicking a person did nothing"
    stuck = v.page.evaluate("() => document.querySelectorAll('div.p2p-fig[data-p2pfig]:not(.p2p-fig-ready)').length")
    assert stuck == 0, "a figure did not draw"


@pytest.fixture(scope="module")
def dark_visits(browser, site_url):
    cache: dict[str, PageVisit] = {}

    def get(page: str) -> PageVisit:
        if page not in cache:
            cache[page] = PageVisit(browser, f"{site_url}/{page}", mode="dark")
        return cache[page]

    yield get
    for v in cache.values():
        v.close()


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("page", PAGES)
def test_axe_finds_no_serious_violations(visits, dark_visits, page, mode):
    v = (visits if mode == "light" else dark_visits)(page)
    assert v.page.evaluate("document.documentElement.dataset.theme") == mode
    v.page.add_script_tag(path=str(AXE))
    assert v.page.evaluate("axe.version") == "4.14.1"
    sys.path.insert(0, str(ROOT / "tools"))
    from figprobe import AXE_RUN

    violations = v.page.evaluate(AXE_RUN)
    assert not violations, "\n".join(violations)


def test_keyboard_focus_is_visible(browser, site_url):
    v = PageVisit(browser, f"{site_url}/chapters/ch01-language-of-leadership.html")
    try:
        seen = []
        for _ in range(25):
            v.page.keyboard.press("Tab")
            style = v.page.evaluate("""() => { const e = document.activeElement; if (!e || e === document.body) return null;
                const s = getComputedStyle(e); return {tag: e.tagName, outline: s.outlineStyle + ' ' + s.outlineWidth,
                shadow: s.boxShadow}; }""")
            if style:
                seen.append(style)
        assert seen, "Tab never moved the focus"
        invisible = [s for s in seen if s["outline"].startswith("none") and s["shadow"] == "none"]
        assert not invisible, f"focused elements with no visible focus indicator: {invisible[:3]}"
    finally:
        v.close()


def test_phone_width_has_no_horizontal_scroll(browser, site_url):
    for page in ["intro.html", "chapters/ch01-language-of-leadership.html"]:
        v = PageVisit(browser, f"{site_url}/{page}", width=390, height=844)
        try:
            overflow = v.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{page} scrolls sideways by {overflow}px at phone width"
        finally:
            v.close()


def test_offline_archive_opens_from_disk(browser, built_site, tmp_path):
    """The zip a facilitator copies to a laptop works from file:// with no server."""
    import sys
    import zipfile

    sys.path.insert(0, str(ROOT / "tools"))
    from archive_site import make_archive

    archive = make_archive(tmp_path / "site.zip")
    zipfile.ZipFile(archive).extractall(tmp_path)
    page = tmp_path / "p2p-leadership-companion" / "chapters" / "ch01-language-of-leadership.html"
    v = PageVisit(browser, page.as_uri())
    try:
        assert not v.offsite and not v.failed, (v.offsite, v.failed)
        assert not v.console_errors, v.console_errors
        rendered = v.page.evaluate("() => document.querySelectorAll('.p2p-fig.p2p-fig-ready').length")
        assert rendered >= 3, "the figures did not render from disk"
        fig = v.page.locator(".p2p-fig-ready").nth(1)
        before = fig.locator(".p2p-verdict").inner_text()
        fig.locator("input[type=range]").first.fill("9")
        fig.locator("input[type=range]").first.dispatch_event("input")
        assert fig.locator(".p2p-verdict").inner_text() != before, "a control did nothing from disk"
    finally:
        v.close()


def test_data_tables_are_drawn_when_opened_and_follow_the_controls(browser, site_url):
    """Each figure's data table is filled when the reader opens it, and redrawn when a control
    changes while it is open (it is not drawn on every change while closed, for speed)."""
    page = browser.new_page()
    page.goto(f"{site_url}/chapters/ch07-p2p-in-practice.html")
    page.wait_for_selector("div.p2p-fig.p2p-fig-ready")
    figs = page.query_selector_all("div.p2p-fig.p2p-fig-ready")
    for fig in figs:
        assert fig.evaluate("f => f.querySelectorAll('.p2p-tables tr').length") == 0
        fig.query_selector("details.p2p-data > summary").click()
        page.wait_for_timeout(50)
        assert fig.evaluate("f => f.querySelectorAll('.p2p-tables tbody tr').length") > 0
    last = figs[-1]
    before = last.evaluate("f => f.querySelector('.p2p-tables').textContent")
    last.evaluate("""f => { const s = f.querySelector('input[type=range]');
        s.value = String((+s.value + 1) % (+s.max + 1)); s.dispatchEvent(new Event('input', {bubbles: true}));
        s.dispatchEvent(new Event('change', {bubbles: true})); }""")
    page.wait_for_timeout(100)
    assert last.evaluate("f => f.querySelector('.p2p-tables').textContent") != before
    page.close()
