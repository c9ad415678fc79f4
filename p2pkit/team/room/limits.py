"""Per-client rate limits for the live room (a token bucket per phone).

Each client -- a participant's session when it has one, else its network address -- has a
bucket of ``burst`` requests that refills at ``rate`` per second; a request that finds the
bucket empty is refused with 429 and told when to try again. A second, slower bucket counts
wrong one-time codes per address, so that guessing codes is hopeless (at the default of one
try every 10 seconds after 10 wrong ones, guessing one of 30 codes among 887 million takes
years).

References
----------
Turner, J. (1986). New directions in communications (or which way to the information age?).
*IEEE Communications Magazine* 24(10), 8-15 (the token bucket).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Limits", "RateLimiter"]


@dataclass(frozen=True)
class Limits:
    """The room's limits (requests per second and burst per client; bytes per request)."""

    rate: float = 4.0  #: requests per second a client (a joined phone, else an address) may send
    burst: int = 60  #: requests a client may send in a burst before the rate applies
    code_rate: float = 0.1  #: wrong or spent codes per second an address may try (guessing is slow)
    code_burst: int = 10  #: wrong or spent codes an address may try in a burst
    form_bytes: int = 64_000  #: largest request body but the people file, in bytes
    upload_bytes: int = 1_000_000  #: largest people file a facilitator may upload, in bytes


@dataclass
class RateLimiter:
    """A token bucket per key; memory stays bounded (idle full buckets are forgotten).

    Examples
    --------
    >>> t = [0.0]
    >>> rl = RateLimiter(rate=1.0, burst=2, clock=lambda: t[0])
    >>> [rl.allow("a")[0] for _ in range(3)]
    [True, True, False]
    >>> t[0] = 1.0; rl.allow("a")[0]
    True
    """

    rate: float
    burst: int
    clock: Callable[[], float] = time.monotonic
    buckets: dict = field(default_factory=dict)
    max_keys: int = 10_000

    def allow(self, key: str, cost: float = 1.0) -> tuple[bool, float]:
        """``(allowed, seconds to wait)`` for one request of ``key``."""
        now = self.clock()
        tokens, last = self.buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        if tokens >= cost:
            self.buckets[key] = (tokens - cost, now)
            self._prune(now)
            return True, 0.0
        self.buckets[key] = (tokens, now)
        return False, (cost - tokens) / self.rate if self.rate > 0 else 60.0

    def peek(self, key: str) -> bool:
        """Whether ``key`` could make a request now (nothing is used up)."""
        tokens, last = self.buckets.get(key, (float(self.burst), self.clock()))
        return min(float(self.burst), tokens + (self.clock() - last) * self.rate) >= 1.0

    def _prune(self, now: float) -> None:
        if len(self.buckets) <= self.max_keys:
            return
        full = self.burst / self.rate if self.rate > 0 else 0
        for k, (_, last) in list(self.buckets.items()):
            if now - last > full:
                del self.buckets[k]
