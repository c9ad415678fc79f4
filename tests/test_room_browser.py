"""The live room in Chromium: the whole workshop flow, axe-core, the keyboard, nothing off this laptop.

Start the room; the facilitator types the roster; three phones (phone-sized Playwright
contexts) give their consent, pick their names and answer; the facilitator's map shows their
ties within 2 seconds; the facilitator closes the survey, exports the CSV form and the report,
and opens the report. axe-core 4.14 (every rule except the deprecated and AAA ones, as
tools/figprobe.py runs it) finds nothing serious or critical on any page, light or dark.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

from p2pkit.team.room.simulate import Process

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "js" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
ROSTER = ["Ana Lopez", "Bo", "Chidi", "Dana", "Emil"]
# what each phone ticks: (advice, information, decisions)
ANSWERS = {"Ana Lopez": (["Bo"], ["Chidi"], []), "Bo": (["Ana Lopez"], [], ["Dana"]), "Chidi": (["Bo"], ["Bo"], [])}


def axe(page) -> list[str]:
    sys.path.insert(0, str(ROOT / "tools"))
    from figprobe import AXE_RUN

    if not AXE.exists():
        pytest.skip("axe-core is missing: run make vendor")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN)


@pytest.fixture
def room(tmp_path):
    r = Process(tmp_path).start()
    yield r
    r.stop()


def watch(ctx, room, seen: list) -> None:
    """Record every request the pages make (they must all go to the room on this laptop)."""
    ctx.on("request", lambda req: seen.append(req.url))


def phone_answers(browser, room, name, ticks, seen, problems, scheme="light"):
    ctx = browser.new_context(**PHONE, color_scheme=scheme, bypass_csp=True)
    watch(ctx, room, seen)
    page = ctx.new_page()
    page.goto(room.url)
    problems += [f"consent: {x}" for x in axe(page)]
    with page.expect_navigation():
        page.get_by_role("button", name="I agree, continue").click()
    problems += [f"join: {x}" for x in axe(page)]
    page.get_by_label(name, exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="This is me").click()
    problems += [f"answer: {x}" for x in axe(page)]
    for label, names in zip(("Advice", "Information", "Decisions"), ticks, strict=True):
        for n in names:
            page.get_by_label(f"{label}: {n}", exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save my answer").click()
    assert page.get_by_role("status").inner_text().startswith("Saved")
    problems += [f"saved: {x}" for x in axe(page)]
    return ctx, page, time.perf_counter()


def test_the_whole_workshop_flow(browser, room, tmp_path):
    seen: list[str] = []
    problems: list[str] = []
    desk = browser.new_context(viewport={"width": 1366, "height": 900}, bypass_csp=True, accept_downloads=True)
    watch(desk, room, seen)
    screen = desk.new_page()
    errors: list[str] = []
    screen.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    screen.goto(room.facilitator)
    if not screen.locator("#roster").is_visible():
        screen.locator("#setup summary").click()
    screen.fill("#roster", "\n".join(ROSTER))
    with screen.expect_navigation():
        screen.get_by_role("button", name="Save the roster").click()
    assert "Roster saved" in screen.locator(".note").inner_text()
    screen.wait_for_selector("#room-map svg .p2p-person")
    address = screen.locator(".address").inner_text()
    assert address == room.url and screen.locator("svg.qr[role=img]").count() == 1
    phones = [phone_answers(browser, room, name, ticks, seen, problems) for name, ticks in ANSWERS.items()]
    t_saved = phones[-1][2]
    screen.wait_for_function("() => /3 of 5/.test(document.querySelector('.p2p-readout').textContent)",
                             timeout=5000)
    lag = time.perf_counter() - t_saved
    readout = screen.locator(".p2p-readout").inner_text()
    assert re.search(r"Pairs tied\s+4", readout), readout  # Ana-Bo, Ana-Chidi, Bo-Dana, Chidi-Bo
    assert screen.locator("#room-map .p2p-ties path").count() >= 1
    assert screen.locator("#answered li").all_inner_texts() == ["Ana Lopez", "Bo", "Chidi"]
    assert lag < 2.0, f"the map took {lag:.2f} s to show the last answer"
    problems += [f"screen: {x}" for x in axe(screen)]

    with screen.expect_navigation():
        screen.get_by_role("button", name="Close the survey").click()
    assert screen.locator("#badge").inner_text() == "Closed"
    ctx, page, _ = phones[0]
    page.reload()
    assert "closed the survey" in page.get_by_role("status").inner_text()
    problems += [f"closed: {x}" for x in axe(page)]

    screen.fill("#export-name", "flow")
    with screen.expect_navigation(timeout=60000):
        screen.get_by_role("button", name="Export the CSV form and the team report").click()
    links = screen.locator(".files a").all_inner_texts()
    assert sorted(links) == ["flow-answers.csv", "flow-people.csv", "flow-report.html"]
    with screen.expect_download() as dl:
        screen.get_by_role("link", name="flow-answers.csv").click()
    rows = list(csv.reader(io.StringIO(Path(dl.value.path()).read_text(encoding="utf-8"))))
    assert [r[1] for r in rows[1:]] == ["Ana Lopez", "Bo", "Chidi"]
    assert (tmp_path / "exports" / "flow-report.html").exists()
    report = desk.new_page()
    report.goto((tmp_path / "exports" / "flow-report.html").as_uri())
    assert report.locator("h1").inner_text().startswith("Network report")
    assert report.locator(".p2p-fig").count() >= 1

    for scheme in ("dark",):
        dark = browser.new_context(viewport={"width": 1366, "height": 900}, color_scheme=scheme, bypass_csp=True)
        watch(dark, room, seen)
        p = dark.new_page()
        p.goto(room.facilitator)
        p.wait_for_selector("#room-map svg .p2p-person")
        problems += [f"screen ({scheme}): {x}" for x in axe(p)]
        dark.close()
    assert not problems, problems
    assert not errors, errors
    here = urllib.parse.urlsplit(room.url).netloc
    assert all(urllib.parse.urlsplit(u).netloc == here for u in seen if u.startswith("http")), \
        sorted({u for u in seen if here not in u})[:5]
    for ctx, _, _ in phones:
        ctx.close()
    desk.close()


def test_a_phone_can_answer_with_the_keyboard_alone_in_dark_mode(browser, room):
    room.set_roster(ROSTER)
    ctx = browser.new_context(**PHONE, color_scheme="dark", bypass_csp=True)
    page = ctx.new_page()
    page.goto(room.url)

    def tab_to(predicate: str, limit: int = 60) -> None:
        for _ in range(limit):  # bounded
            page.keyboard.press("Tab")
            if page.evaluate(f"() => {{ const e = document.activeElement; return !!e && ({predicate}); }}"):
                return
        raise AssertionError(f"Tab never reached {predicate}")

    tab_to("e.tagName === 'BUTTON'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to("e.type === 'radio'")
    page.keyboard.press("ArrowDown")  # the radio group: the next name
    chosen = page.evaluate("() => document.activeElement.value")
    tab_to("e.tagName === 'BUTTON'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"Your answer, {chosen}" in page.locator("h1").inner_text()
    tab_to("e.type === 'checkbox'")
    page.keyboard.press("Space")
    name = page.evaluate("() => document.activeElement.closest('label').textContent")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the keyboard focus is visible
    tab_to("e.tagName === 'BUTTON'", limit=200)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("status").inner_text().startswith("Saved")
    assert page.get_by_label(name.strip(), exact=True).is_checked()
    assert not axe(page)
    ctx.close()
