"""Gossip against the chart: one sentence on two runs, and the rounds both need as the organisation grows."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..errors import P2PKitError, require_whole_number
from .chart import _check_capacity, chart_size, org_chart, report_up_broadcast_down
from .gossip import gossip_everything
from .spread import Spread

__all__ = ["verdict", "at_round", "SizeSweep", "rounds_by_size", "size_verdict"]


def _describe(s: Spread) -> str:
    if s.rounds is None:
        return (f"never completes: at best people know {s.final_coverage:.0%} of the picture "
                f"({s.conversations:,} conversations)")
    return (f"everyone knows everything after {s.rounds} rounds ({s.conversations:,} conversations, "
            f"at most {s.peak_load} for one person in a round)")


def verdict(gossip: Spread, chart: Spread) -> str:
    """One plain sentence comparing a gossip run with a report-up-broadcast-down run.

    Examples
    --------
    >>> from p2pkit.orgs import hierarchy
    >>> g = gossip_everything(40, seed=0)
    >>> c = report_up_broadcast_down(hierarchy(4, 3), capacity=1)
    >>> verdict(g, c).startswith("Gossip is faster")
    True
    """
    a, b = gossip, chart
    head = f"Gossip: {_describe(a)}. Chart: {_describe(b)}."
    if a.rounds is not None and b.rounds is None:
        return "Gossip gets there and the chart does not. " + head
    if a.rounds is None and b.rounds is not None:
        return "The chart gets there and gossip does not. " + head
    if a.rounds is None and b.rounds is None:
        better = "gossip" if a.final_coverage > b.final_coverage else "the chart"
        return f"Neither gets everyone the whole picture; {better} gets further. " + head
    if a.rounds < b.rounds:
        ratio = a.conversations / max(1, b.conversations)
        return (f"Gossip is faster ({a.rounds} against {b.rounds} rounds), at {ratio:.1f} times the "
                f"conversations. " + head)
    if a.rounds > b.rounds:
        busy = (f"but its busiest person holds {b.peak_load} conversations in one round, against "
                f"{a.peak_load} in gossip" if b.peak_load > a.peak_load else
                f"and nobody in it holds more than {b.peak_load} "
                f"conversation{'' if b.peak_load == 1 else 's'} in a round")
        fewer = "fewer" if b.conversations < a.conversations else "no fewer"
        return (f"The chart is faster ({b.rounds} against {a.rounds} rounds), needs {fewer} "
                f"conversations, {busy}. " + head)
    return f"A tie at {a.rounds} rounds. " + head


def at_round(gossip: Spread, chart: Spread, r: int) -> str:
    """Where both runs stand after round ``r`` (after their last round, where they ended).

    Examples
    --------
    >>> from p2pkit.orgs import hierarchy
    >>> g = gossip_everything(40, seed=0)
    >>> c = report_up_broadcast_down(hierarchy(4, 3), capacity=1)
    >>> at_round(g, c, 0)
    'Round 0: gossip: people know 3% of the picture on average, nobody knows all of it. Chart: people know 3% of the picture on average, nobody knows all of it.'
    """
    r = require_whole_number("r (the round)", r, minimum=0)

    def one(s: Spread) -> str:
        i = min(r, len(s.coverage) - 1)
        k = round(s.complete_share[i] * s.present)
        if k == s.present:
            return f"everyone knows the whole picture (since round {s.rounds})"
        who = "nobody knows" if k == 0 else f"{k} of {s.present} people know"
        return f"people know {s.coverage[i]:.0%} of the picture on average, {who} all of it"

    return f"Round {r}: gossip: {one(gossip)}. Chart: {one(chart)}."


@dataclass(frozen=True)
class SizeSweep:
    """Rounds until everyone knows everything, for several ways of sharing, against size.

    Attributes
    ----------
    span, capacity, mesh_ties, seeds : int
        The chart's span, the conversations a manager holds per round in the limited chart,
        the ties each person keeps in the peer mesh, and the number of gossip runs averaged.
    levels, sizes : tuple of int
        Chart depths and the matching numbers of people (:func:`chart_size`).
    rounds : dict
        Way of sharing -> tuple of rounds, one per size (gossip: the mean over ``seeds``
        runs; charts: exact).
    """

    span: int
    capacity: int
    mesh_ties: int
    seeds: int
    levels: tuple
    sizes: tuple
    rounds: dict


@lru_cache(maxsize=512)
def _gossip_mean(n: int, mode: str, seeds: int, mesh_k: int = 0) -> float:
    """Mean rounds of seeded gossip runs on ``n`` people (anyone can call anyone, or the seed-0
    peer mesh of ``mesh_k`` ties each); kept, as the runs are the same whatever the chart."""
    from .. import orgs

    G = orgs.peer_mesh(n, k=mesh_k, rewire=0.1, seed=0) if mesh_k else n
    return float(np.mean([gossip_everything(G, mode=mode, seed=s).rounds for s in range(seeds)]))


def rounds_by_size(span: int = 3, levels=(3, 4, 5, 6), capacity: int = 1, mesh_ties: int = 4,
                   seeds: int = 4) -> SizeSweep:
    """Rounds until everyone knows everything, against the number of people, five ways.

    For each depth in ``levels`` the organisation has :func:`chart_size` people, so that the
    chart's closed form (:func:`report_up_rounds`) applies. The five ways:

    - ``"push, anyone"``: push gossip, anyone can call anyone;
    - ``"push-pull, anyone"``: push-pull gossip, anyone can call anyone;
    - ``"push-pull, mesh"``: push-pull gossip on a peer mesh of ``mesh_ties`` ties each
      (:func:`p2pkit.orgs.peer_mesh`, seed 0);
    - ``"chart, limited"``: report up, broadcast down, ``capacity`` conversations a round;
    - ``"chart, all at once"``: the same with managers talking to all reports at once.

    Gossip values are means over seeds ``0 .. seeds-1``.

    References
    ----------
    Frieze, A. M., & Grimmett, G. R. (1985); Pittel, B. (1987); Karp, R., et al. (2000):
    see :func:`push_rounds_estimate` and :func:`rumour_rounds`.

    Examples
    --------
    >>> s = rounds_by_size(3, levels=(3, 4), seeds=2)
    >>> s.sizes, s.rounds["chart, limited"], s.rounds["chart, all at once"]
    ((13, 40), (12, 18), (4, 6))
    """
    cap = _check_capacity(capacity)
    if cap is None:
        raise P2PKitError("capacity: give a whole number of conversations per round for the limited chart.")
    seeds = require_whole_number("seeds", seeds, minimum=1)
    mesh_ties = require_whole_number("mesh_ties", mesh_ties, minimum=2)
    levels = tuple(require_whole_number("levels (chart depths)", L, minimum=2) for L in levels)
    if not levels:
        raise P2PKitError("levels: give at least one chart depth (of at least 2).")
    sizes = tuple(chart_size(L, span) for L in levels)
    out = {k: [] for k in ("push, anyone", "push-pull, anyone", "push-pull, mesh", "chart, limited",
                           "chart, all at once")}
    for n in sizes:
        chart = org_chart(n, span)
        k = max(2, min(mesh_ties, n - 1 - (n - 1) % 2))
        out["push, anyone"].append(_gossip_mean(n, "push", seeds))
        out["push-pull, anyone"].append(_gossip_mean(n, "push-pull", seeds))
        out["push-pull, mesh"].append(_gossip_mean(n, "push-pull", seeds, k))
        out["chart, limited"].append(report_up_broadcast_down(chart, capacity=cap).rounds)
        out["chart, all at once"].append(report_up_broadcast_down(chart).rounds)
    return SizeSweep(int(span), cap, mesh_ties, seeds, levels, sizes,
                     {k: tuple(v) for k, v in out.items()})


def size_verdict(sweep: SizeSweep) -> str:
    """Plain sentences on :func:`rounds_by_size`: who is quickest at the largest size, and
    how many rounds each added level of the chart costs.

    Examples
    --------
    >>> size_verdict(rounds_by_size(3, levels=(3, 4), seeds=2)).startswith("At 40 people")
    True
    """
    n = sweep.sizes[-1]
    words = {"push, anyone": "push gossip when anyone can call anyone",
             "push-pull, anyone": "push-pull gossip when anyone can call anyone",
             "push-pull, mesh": f"push-pull gossip on a peer mesh of {sweep.mesh_ties} ties each",
             "chart, limited": f"the chart with managers talking to {sweep.capacity} a round",
             "chart, all at once": "the chart with managers talking to all at once"}
    last = {k: v[-1] for k, v in sweep.rounds.items()}
    order = sorted(last, key=lambda k: (last[k], k))
    fast, slow = order[0], order[-1]
    step = 2 * math.ceil(sweep.span / sweep.capacity)
    return (f"At {n:,} people {words[fast]} is quickest ({last[fast]:.3g} rounds) and {words[slow]} is "
            f"slowest ({last[slow]:.3g}). Every level the chart adds costs it {step} rounds when managers talk "
            f"to {sweep.capacity} a round, and 2 when they talk to all at once.")
