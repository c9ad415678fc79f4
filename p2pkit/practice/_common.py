"""What the stylised cases and the unit-size models share: checks of their inputs and building blocks."""

from __future__ import annotations

import math

import networkx as nx

from ..errors import P2PKitError


def _int(name: str, value, minimum: int, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise P2PKitError(f"{name} must be a whole number of at least {minimum}; got {value!r}.")
    if maximum is not None and value > maximum:
        raise P2PKitError(f"{name} must be at most {maximum:,}; got {value!r}.")
    return int(value)


def _share(name: str, value) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise P2PKitError(f"{name} must be a number between 0 and 1; got {value!r}.") from None
    if not 0.0 <= v <= 1.0:
        raise P2PKitError(f"{name} must be between 0 and 1; got {value!r}.")
    return v


def _blocks(n: int, size: int) -> list[int]:
    """Split ``n`` people into ``ceil(n / size)`` groups of near-equal size (largest first)."""
    k = max(1, math.ceil(n / size))
    base, extra = divmod(n, k)
    return [base + (1 if i < extra else 0) for i in range(k)]


def _add_clique(G: nx.Graph, members: list, kind: str) -> None:
    for i, u in enumerate(members):
        for v in members[i + 1:]:
            if not G.has_edge(u, v):
                G.add_edge(u, v, kind=kind)


MAX_PEOPLE = 20_000
