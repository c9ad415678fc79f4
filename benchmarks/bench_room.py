"""The live room under a workshop's load: phones answering and editing at once (prints, never asserts).

Run: .venv/bin/python benchmarks/bench_room.py [--people 60] [--rounds 3] [--no-screen]

Starts the room as a facilitator does (``python -m p2pkit room`` in its own process, on
127.0.0.1 and a free port), puts ``--people`` names on the roster through the facilitator's form and lets every one of them answer at the same moment from its own simulated phone (its
own loopback address, 127.0.0.2 and up), then change the answer ``--rounds - 1`` times. Unless
``--no-screen``, a facilitator screen polls the map every second meanwhile, as on the projector
(each new version of the answers makes the server recompute the map).

Prints the submit times (from sending the form to the "saved" redirect, which the server sends
only after the SQLite commit): median, 95th percentile and maximum, and checks that every
acknowledged answer is stored exactly once. Aim: 95th percentile under 200 ms on 2 cores.
Only loopback addresses are used; the loops are bounded in count and time.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from p2pkit.team.room.simulate import Phone, Process, crowd, percentile  # noqa: E402
from p2pkit.team.room.store import Store  # noqa: E402


def screen(room: Process, stop: threading.Event, versions: list) -> None:
    """The facilitator's screen: poll state.json every second (bounded by ``stop``)."""
    f = Phone(room.url, "127.0.0.1")
    path = urllib.parse.urlsplit(room.facilitator).path + "state.json"
    since = ""
    while not stop.wait(1.0):
        r = f.get(f"{path}?since={since}")
        if r.status == 200:
            since = r.text.split('"version":', 1)[1].split(",", 1)[0]
            versions.append((time.perf_counter(), int(since), r.seconds))
    f.close()


def check(folder: str, c, names: list[str]) -> tuple[int, int, list[str]]:
    """(acknowledged saves, logged saves, problems): every acknowledged answer stored exactly once."""
    store = Store(folder)
    snap, counts = store.snapshot(), store.counts()
    store.close()
    problems = []
    for n in names:
        last = c.last(n)
        if last is None:
            continue
        stored = {k: v for k, v in snap.answers.get(n, {}).items() if v}
        want = {k: sorted(v, key=names.index) for k, v in last[1].items() if v}
        if stored != want:
            problems.append(f"{n}: stored {stored} but acknowledged {want}")
    acked = sum(len(v) for v in c.acked.values())
    final_ticks = sum(len(v) for n in names if c.last(n) for v in c.last(n)[1].values())
    if counts["answers"] != final_ticks:
        problems.append(f"{counts['answers']} ticks stored, {final_ticks} acknowledged last")
    return acked, counts["log"], problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=60)
    ap.add_argument("--rounds", type=int, default=3, help="answers per phone: the first and the edits")
    ap.add_argument("--no-screen", action="store_true", help="no facilitator screen polling the map")
    args = ap.parse_args()
    names = [f"Person {i + 1:02d}" for i in range(args.people)]
    with tempfile.TemporaryDirectory() as tmp:
        room = Process(tmp).start()
        try:
            room.set_roster(names)
            keys = ["advice", "information", "decisions"]
            stop, versions = threading.Event(), []
            poller = threading.Thread(target=screen, args=(room, stop, versions), daemon=True)
            if not args.no_screen:
                poller.start()
            t0 = time.perf_counter()
            c = crowd(room.url, names, keys, rounds=args.rounds, first_source=1, timeout=300)
            wall = time.perf_counter() - t0
            time.sleep(2.5)  # the screen catches up with the last answer
            stop.set()
            poller.join(10)
        finally:
            room.stop()
        acked, logged, problems = check(tmp, c, names)
        last_version = 1 + acked
    ms = [s * 1000 for s in c.seconds]
    print(f"room: {args.people} phones x {args.rounds} answers at once, 2 cores shared "
          f"(load average {os.getloadavg()[0]:.2f}); facilitator screen polling: {not args.no_screen}")
    print(f"submits: {len(ms)} in {wall:.1f} s; median {percentile(ms, 50):.0f} ms, "
          f"95th percentile {percentile(ms, 95):.0f} ms, max {max(ms):.0f} ms (aim: 95th under 200 ms)")
    print(f"acknowledged saves: {acked}; saves in the database's log: {logged}; "
          f"phones that failed: {len(c.errors)}")
    if versions:
        print(f"screen: {len(versions)} polls; map at version {versions[-1][1]} of {last_version} (roster + saves); "
              f"slowest poll {max(v[2] for v in versions) * 1000:.0f} ms")
    print("every acknowledged answer stored exactly once: " + ("yes" if not problems and acked == logged else
                                                                 "NO -- " + "; ".join(problems[:5])))
    for e in c.errors[:5]:
        print("error:", e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
