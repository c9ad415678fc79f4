"""Simulated phones for rehearsals, tests and the benchmark -- loopback addresses only.

A :class:`Phone` walks the participant's pages as a browser without JavaScript does: it
keeps its cookies, sends the forms' XSRF token and follows the survey's redirects. Each phone
may use its own loopback source address (127.0.0.2, 127.0.0.3, ...), so that a room of phones
simulated on one laptop looks, to the server's per-client rate limit, like a room of phones.

It refuses any address outside the loopback range: a load test of the room never sends a
request anywhere but this machine.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import random
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Self

__all__ = ["Crowd", "Phone", "Process", "Reply", "Server", "crowd", "loopback", "percentile"]

_XSRF = re.compile(r'name="_xsrf" value="([^"]+)"')


def loopback(i: int) -> str:
    """The ``i``-th loopback address (0 -> 127.0.0.1), for one simulated phone each.

    Examples
    --------
    >>> loopback(0), loopback(300)
    ('127.0.0.1', '127.0.1.45')
    """
    return str(ipaddress.ip_address("127.0.0.1") + i)


def _check_loopback(host: str) -> None:
    try:
        ok = ipaddress.ip_address(host).is_loopback
    except ValueError:
        ok = host == "localhost"
    if not ok:
        raise ValueError(f"simulated phones only talk to this machine (loopback); {host!r} is not loopback.")


@dataclass
class Reply:
    status: int
    headers: dict
    text: str
    seconds: float

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


@dataclass
class Phone:
    """One participant's phone, talking to the room at ``base`` (``http://127.0.0.1:PORT/``)."""

    base: str
    source: str = "127.0.0.1"
    timeout: float = 20.0
    cookies: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        u = urllib.parse.urlsplit(self.base)
        self.host, self.port = u.hostname or "", u.port or 80
        _check_loopback(self.host)
        _check_loopback(self.source)
        self.conn = None

    def _connection(self) -> http.client.HTTPConnection:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout,
                                                   source_address=(self.source, 0))
        return self.conn

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> Reply:
        """One request (cookies sent and kept); a dropped keep-alive connection is retried once."""
        h = dict(headers or {})
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (0, 1):
            t0 = time.perf_counter()
            try:
                conn = self._connection()
                # the server may answer before reading the whole body (too large): read its answer
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    conn.request(method, path, body=body, headers=h)
                r = conn.getresponse()
                text = r.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt or method != "GET":
                    raise
        for line in r.headers.get_all("Set-Cookie") or []:
            c = SimpleCookie()
            c.load(line)
            for k, m in c.items():
                self.cookies[k] = m.value
        if r.headers.get("Connection", "").lower() == "close":
            self.close()
        return Reply(r.status, {k.lower(): v for k, v in r.headers.items()}, text, time.perf_counter() - t0)

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def post(self, path: str, fields: list[tuple[str, str]], xsrf: bool = True) -> Reply:
        """POST a form (urlencoded), with this phone's XSRF token unless ``xsrf=False``."""
        pairs = list(fields) + ([("_xsrf", self.cookies.get("_xsrf", ""))] if xsrf else [])
        body = urllib.parse.urlencode(pairs).encode("utf-8")
        return self.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})

    # -- the participant's walk
    def join(self, name: str | None = None, code: str | None = None) -> Reply:
        """Consent, then pick ``name`` (or type ``code``): the reply to the last step."""
        self.get("/")
        self.post("/consent", [])
        self.get("/join")
        if code is not None:
            return self.post("/code", [("code", code)])
        return self.post("/join", [("name", name or "")])

    def answer(self, ticks: dict[str, list[str]]) -> tuple[Reply, int | None]:
        """Send an answer ``{question key: [names]}``; the revision the server acknowledged, if any."""
        fields = [(f"q-{k}", n) for k, names in ticks.items() for n in names]
        r = self.post("/answer", fields)
        m = re.search(r"saved=(\d+)", r.location) if r.status == 303 else None
        return r, (int(m.group(1)) if m else None)


class Server:
    """The room in a background thread on a free loopback port (for tests, benchmarks, rehearsals).

    Use as a context manager; ``url`` is the participants' address and ``facilitator`` the
    facilitator's (with the token).
    """

    def __init__(self, folder, limits=None):
        from .limits import Limits
        from .store import Store

        self.folder = folder
        self.store = None
        self.limits = limits or Limits()
        self._store_class = Store

    def __enter__(self) -> Self:
        import asyncio
        import threading

        import tornado.netutil
        from tornado.httpserver import HTTPServer

        from .cli import reach_sentence
        from .web import RoomApp

        ready = threading.Event()
        sockets = tornado.netutil.bind_sockets(0, address="127.0.0.1")
        self.port = sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"

        def main() -> None:
            async def serve() -> None:
                self.store = self._store_class(self.folder)
                self.app = RoomApp(self.store, public_url=self.url, reach=reach_sentence("127.0.0.1"),
                                   limits=self.limits)
                self.server = HTTPServer(self.app, max_body_size=2 * self.limits.upload_bytes)
                self.server.add_sockets(sockets)
                self.loop = asyncio.get_running_loop()
                self.stopped = asyncio.Event()
                ready.set()
                await self.stopped.wait()
                self.server.stop()
                self.store.close()

            asyncio.run(serve())

        self.thread = threading.Thread(target=main, daemon=True)
        self.thread.start()
        if not ready.wait(20):
            raise RuntimeError("the room did not start within 20 seconds")
        self.facilitator = f"{self.url}f/{self.call(lambda: self.store.token)}/"
        return self

    def call(self, fn, *args, **kwargs):
        """Run ``fn`` on the server's thread (the store belongs to it) and return its result."""
        import asyncio

        async def run():
            return fn(*args, **kwargs)

        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(30)

    def __exit__(self, *exc) -> None:
        self.loop.call_soon_threadsafe(self.stopped.set)
        self.thread.join(20)


class Process:
    """``python -m p2pkit room`` in a child process on 127.0.0.1 (a free port), as a facilitator
    starts it: for the crash test (``kill()`` is a hard kill) and the benchmark."""

    def __init__(self, folder, *extra: str, timeout: float = 60.0):
        self.folder, self.extra, self.timeout = str(folder), list(extra), timeout
        self.proc = None
        self.lines: list[str] = []

    def start(self) -> Process:
        import os
        import queue
        import subprocess
        import sys

        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        cmd = [sys.executable, "-m", "p2pkit", "room", "--folder", self.folder, "--host", "127.0.0.1",
               "--port", "0", *self.extra]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: [lines.put(x) for x in self.proc.stdout], daemon=True).start()
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            self.lines.append(line.rstrip("\n"))
            if line.startswith("Participants open:"):
                self.facilitator = next(x.strip() for x in self.lines if "/f/" in x)
                self.url = line.split()[2]
                return self
        self.kill()
        raise RuntimeError("the room did not start: " + " | ".join(self.lines[-5:]))

    def kill(self) -> None:
        """A hard kill (SIGKILL): no clean-up of any kind."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
        if self.proc is not None:
            self.proc.wait(30)

    def set_roster(self, names: list[str]) -> None:
        """Type the roster into the facilitator's form, as a facilitator does."""
        f = Phone(self.url, "127.0.0.1")
        home = urllib.parse.urlsplit(self.facilitator).path
        f.get(home)
        r = f.post(home + "roster", [("roster", "\n".join(names))])
        f.close()
        if r.status != 303:
            raise RuntimeError(f"the roster was refused ({r.status})")

    def stop(self) -> None:
        """Ctrl-C, as a facilitator stops it."""
        import signal

        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(30)
            except Exception:  # noqa: BLE001 - then a hard kill
                self.kill()


@dataclass
class Crowd:
    """What a simulated room did: every acknowledged save and how long each submit took."""

    acked: dict[str, list[tuple[int, dict]]] = field(default_factory=dict)
    attempted: dict[str, dict] = field(default_factory=dict)
    phones: dict[str, Phone] = field(default_factory=dict)
    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def last(self, name: str) -> tuple[int, dict] | None:
        """The last acknowledged ``(revision, ticks)`` of ``name``."""
        done = self.acked.get(name)
        return max(done, key=lambda x: x[0]) if done else None


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by linear interpolation, as numpy's default.

    Examples
    --------
    >>> percentile([1, 2, 3, 4, 5], 95)
    4.8
    """
    v = sorted(values)
    if not v:
        return float("nan")
    k = (len(v) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def _random_ticks(rng: random.Random, me: str, names: list[str], keys: list[str]) -> dict[str, list[str]]:
    others = [n for n in names if n != me]
    return {k: rng.sample(others, rng.randint(0, min(6, len(others)))) for k in keys}


def crowd(base: str, names: list[str], keys: list[str], rounds: int = 3, first_source: int = 1, seed: int = 0,
          timeout: float = 120.0, out: Crowd | None = None) -> Crowd:
    """Every name answers at once from its own phone (its own loopback address), then edits its
    answer ``rounds - 1`` times. Bounded: ``len(names) * (rounds + 4)`` requests, ``timeout`` seconds.

    A phone stops at its first error (a refused request, or a server that went away) and the
    error is recorded; only answers the server acknowledged count as saved.
    """
    out = out or Crowd()
    start = threading.Barrier(len(names))

    def phone(i: int, name: str) -> None:
        rng = random.Random(seed * 100_003 + i)
        p = Phone(base, loopback(first_source + i), timeout=min(30.0, timeout))
        out.phones[name] = p
        try:
            r = p.join(name)
            if r.status != 303:
                raise RuntimeError(f"join answered {r.status}")
            start.wait(timeout)
            for _ in range(rounds):
                ticks = _random_ticks(rng, name, names, keys)
                with out.lock:
                    out.attempted[name] = ticks
                reply, revision = p.answer(ticks)
                if revision is None:
                    raise RuntimeError(f"answer answered {reply.status}")
                with out.lock:
                    out.acked.setdefault(name, []).append((revision, ticks))
                    out.seconds.append(reply.seconds)
        except Exception as exc:  # noqa: BLE001 - recorded, the crowd goes on
            with out.lock:
                out.errors.append(f"{name}: {type(exc).__name__}: {exc}")
            with contextlib.suppress(threading.BrokenBarrierError):
                start.abort()
        finally:
            p.close()

    threads = [threading.Thread(target=phone, args=(i, n), daemon=True) for i, n in enumerate(names)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
    return out
