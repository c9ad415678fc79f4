"""Screenshots of the live room, to look at: phone pages (390x844) and the facilitator screen.

    .venv/bin/python tools/room_shots.py [--out _build/room-shots]

Starts the room on a free loopback port with the made-up sample room's people
(``workshops/data/sample-room.csv``), lets a few simulated phones answer, and saves, in light
and dark mode: the consent screen, "who are you?", the answer form, the "saved" screen, and
the facilitator screen with the map of those answers. Uses Debian's Chromium through
Playwright; nothing leaves this machine.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from p2pkit.team.room.model import roster_from_people  # noqa: E402
from p2pkit.team.room.simulate import Phone, Server, loopback  # noqa: E402

SAMPLE = ROOT / "workshops" / "data" / "sample-room.csv"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic", "--disable-default-apps"]


def sample_answers() -> dict[str, dict[str, list[str]]]:
    """The sample room's answers: name -> {relation: [names]}."""
    out = {}
    with open(SAMPLE, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            ticks = {}
            for key in row:
                if ":" in key:
                    rel = key.split(":")[0].strip().lower()
                    ticks[rel] = [n.strip() for n in row[key].split(";") if n.strip()]
            out[row["Your name"]] = ticks
    return out


def fill(srv: Server, answers: dict, people: int) -> None:
    """The first ``people`` of the sample room answer through simulated phones."""
    for i, (name, ticks) in enumerate(list(answers.items())[:people]):
        phone = Phone(srv.url, loopback(i + 10))
        phone.join(name)
        phone.answer(ticks)
        phone.close()


def shoot(out: Path, answered: int = 9) -> list[Path]:
    from playwright.sync_api import sync_playwright

    shots = []
    with tempfile.TemporaryDirectory() as tmp, Server(tmp) as srv:
        srv.call(srv.store.set_roster, roster_from_people(SAMPLE))
        fill(srv, sample_answers(), answered)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            for scheme in ("light", "dark"):
                phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                            is_mobile=True, has_touch=True, color_scheme=scheme)
                page = phone.new_page()
                page.goto(srv.url)
                shots.append(_shot(page, out / f"phone-1-consent-{scheme}.png"))
                with page.expect_navigation():
                    page.click("button[type=submit]")
                shots.append(_shot(page, out / f"phone-2-who-{scheme}.png"))
                page.check("text=Quinn" if scheme == "light" else "text=Zoë")
                with page.expect_navigation():
                    page.click("button[type=submit]")
                shots.append(_shot(page, out / f"phone-3-answer-{scheme}.png"))
                for box in page.locator("table.ticks input[type=checkbox]").all()[:7:2]:
                    box.check()
                with page.expect_navigation():
                    page.click("button[type=submit]")
                shots.append(_shot(page, out / f"phone-4-saved-{scheme}.png"))
                phone.close()
                screen = browser.new_context(viewport={"width": 1366, "height": 900}, color_scheme=scheme)
                page = screen.new_page()
                page.goto(srv.facilitator)
                page.wait_for_selector("#room-map svg .p2p-person", timeout=15000)
                time.sleep(0.5)
                shots.append(_shot(page, out / f"screen-{scheme}.png", full=True))
                screen.close()
            browser.close()
    return shots


def _shot(page, path: Path, full: bool = False) -> Path:
    page.screenshot(path=str(path), full_page=full)
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "_build" / "room-shots"))
    ap.add_argument("--answered", type=int, default=9, help="how many of the sample room answer first")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for p in shoot(out, args.answered):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
