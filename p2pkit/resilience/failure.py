"""What still holds together as people leave: failure curves, targeted against random, collapse, knock-outs.

- :func:`failure_curve` -- after each departure, the share of pairs of the people left who
  can still reach each other (pairwise connectivity) and the share of the original
  organisation still in its largest connected group.
- :func:`targeted_vs_random`, :func:`compare_curves` and :func:`failure_verdict` -- the
  same number of departures, chosen by a strategy or at random, compared in one sentence.
- :func:`collapse_point`, :func:`collapse` and :func:`collapse_verdict` -- when the largest
  group falls apart, at random and under attack.
- :func:`knock_out` and :func:`knock_out_verdict` -- what one given set of departures does.

Conventions (those of the whole :mod:`p2pkit.resilience` package): an undirected
:class:`networkx.Graph`; ties in a ranking broken by the order of ``list(G)``; anything
random takes an explicit ``seed``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import numpy as np

from ..architecture import pairwise_connectivity
from ..errors import P2PKitError, require_graph, require_probability, require_whole_number
from ..seeding import python_random
from ._base import _check_removed, _curve_from_order, _without
from .removal import STRATEGIES, Strategy, removal_order

__all__ = ["FailureCurve", "Comparison", "Collapse", "KnockOut", "failure_curve", "targeted_vs_random",
           "compare_curves", "failure_verdict", "collapse_point", "collapse", "collapse_verdict", "knock_out",
           "knock_out_verdict"]


def _survivors_pc(H: nx.Graph) -> float:
    """Pairwise connectivity of the people left; 0 when fewer than two are left."""
    return 0.0 if H.number_of_nodes() < 2 else float(pairwise_connectivity(H))


def _largest(H: nx.Graph) -> int:
    return max((len(c) for c in nx.connected_components(H)), default=0)


@dataclass(frozen=True)
class FailureCurve:
    """What is left after 0, 1, 2, ... departures (see :func:`failure_curve`)."""

    strategy: str
    recompute: bool
    trials: int
    order: tuple
    pairwise: tuple
    largest: tuple

    @property
    def removed(self) -> tuple:
        """Number of people removed at each point of the curve: ``0 .. len(pairwise) - 1``."""
        return tuple(range(len(self.pairwise)))


def failure_curve(
    G: nx.Graph,
    strategy: Strategy = "degree",
    removals: int | None = None,
    recompute: bool = True,
    trials: int | None = None,
    seed: int | None = 0,
    pivots: int | None = None,
    order: Iterable | None = None,
) -> FailureCurve:
    """What still holds together as people leave, one after another.

    Parameters
    ----------
    G : networkx.Graph
        An undirected network of at least 3 people.
    strategy, recompute, seed, pivots : see :func:`removal_order`.
    removals : int, optional
        How many departures to follow, at most ``n - 2`` (default), so that at least two
        people are left.
    trials : int, optional
        For ``"random"``: how many random orders to average over (default 20); they are
        drawn one after another from ``python_random(seed)`` (``random.Random(seed)``), so the first is
        ``removal_order(G, "random", seed=seed)``. Targeted strategies are deterministic
        and use one.
    order : iterable, optional
        Follow this removal order instead of computing one (for example one computed
        earlier with :func:`removals`); ``strategy`` is then only a label and
        ``removals`` defaults to its length.

    Returns
    -------
    FailureCurve
        ``pairwise[k]``: after ``k`` departures, the share of pairs of the people left who
        can still reach each other (:func:`p2pkit.architecture.pairwise_connectivity`;
        Borgatti 2006). ``largest[k]``: the largest connected group as a share of the
        *original* organisation (the "giant component" S of Albert et al. 2000).
        ``order``: who left (for ``"random"``, the first trial's order).

    Notes
    -----
    The curve is computed backwards with a union-find (Newman & Ziff 2000) rather than by
    recounting groups after every departure; the tests check it against
    :func:`p2pkit.architecture.pairwise_connectivity` at every step.

    References
    ----------
    Albert, R., Jeong, H., & Barabasi, A.-L. (2000). Error and attack tolerance of complex
    networks. *Nature* 406, 378-382.
    Borgatti, S. P. (2006). Identifying sets of key players in a social network.
    *Computational and Mathematical Organization Theory* 12, 21-34.
    Newman, M. E. J., & Ziff, R. M. (2000). Efficient Monte Carlo algorithm and
    high-precision results for percolation. *Physical Review Letters* 85, 4104-4107.

    Examples
    --------
    >>> from p2pkit import orgs
    >>> c = failure_curve(orgs.client_server(6), "degree", removals=2)
    >>> c.pairwise, c.largest
    ((1.0, 0.0, 0.0), (1.0, 0.16666666666666666, 0.16666666666666666))
    """
    n = require_graph(G, minimum=3, undirected=True, what="failure_curve()")
    if order is not None:
        given = _check_removed(G, order)
        removals = len(given) if removals is None else removals
        removals = require_whole_number("removals", removals, minimum=0, maximum=min(n - 2, len(given)))
        pairs, largest = _curve_from_order(G, given[:removals])
        total = [(n - k) * (n - k - 1) / 2 for k in range(removals + 1)]
        return FailureCurve(str(strategy), bool(recompute), 1, tuple(given[:removals]),
                            tuple(p / t for p, t in zip(pairs, total, strict=True)), tuple(x / n for x in largest))
    if strategy not in STRATEGIES:
        raise P2PKitError(f"unknown strategy {strategy!r}; choose one of: {', '.join(STRATEGIES)}.")
    removals = n - 2 if removals is None else require_whole_number("removals", removals, minimum=0, maximum=n - 2)
    total = [(n - k) * (n - k - 1) / 2 for k in range(removals + 1)]
    if strategy == "random":
        trials = 20 if trials is None else require_whole_number("trials", trials, minimum=1, maximum=100_000)
        rng = python_random(seed)
        pc = np.zeros(removals + 1)
        lg = np.zeros(removals + 1)
        first: tuple | None = None
        for _ in range(trials):
            people = list(G)
            rng.shuffle(people)
            removed = people[:removals]
            if first is None:
                first = tuple(removed)
            pairs, largest = _curve_from_order(G, removed)
            pc += np.array(pairs) / total
            lg += np.array(largest) / n
        return FailureCurve(strategy, bool(recompute), trials, first,
                            tuple(float(x) for x in pc / trials), tuple(float(x) for x in lg / trials))
    removed = removal_order(G, strategy, count=removals, recompute=recompute, seed=seed, pivots=pivots)
    pairs, largest = _curve_from_order(G, removed)
    return FailureCurve(strategy, bool(recompute) if strategy in ("degree", "betweenness") else False, 1,
                        tuple(removed), tuple(p / t for p, t in zip(pairs, total, strict=True)),
                        tuple(s / n for s in largest))


@dataclass(frozen=True)
class Comparison:
    """Targeted against random departures of the same number of people."""

    people: int
    strategy: str
    recompute: bool
    removed: tuple
    targeted_cut: float
    random_cut: float
    trials: int


def targeted_vs_random(
    G: nx.Graph,
    people: int,
    strategy: Strategy = "degree",
    recompute: bool = True,
    trials: int = 50,
    seed: int | None = 0,
) -> Comparison:
    """Share of pairs cut off when ``people`` leave by ``strategy``, and when as many leave at random.

    Parameters
    ----------
    G : networkx.Graph
        An undirected network of at least 3 people.
    people : int
        How many leave (0 to ``n - 2``).
    strategy : {"degree", "betweenness", "top"}, default "degree"
        The targeted strategy (see :func:`removal_order`).
    recompute : bool, default True
        See :func:`removal_order`.
    trials : int, default 50
        Random orders averaged for the comparison.
    seed : int or None, default 0

    Returns
    -------
    Comparison
        ``targeted_cut`` and ``random_cut``: one minus the pairwise connectivity of the
        people left (Borgatti's 2006 fragmentation), for the targeted departures and on
        average over ``trials`` random ones. ``removed``: who left in the targeted case.

    References
    ----------
    Albert, R., Jeong, H., & Barabasi, A.-L. (2000). Error and attack tolerance of complex
    networks. *Nature* 406, 378-382.

    Examples
    --------
    >>> from p2pkit import orgs
    >>> c = targeted_vs_random(orgs.client_server(10), 1, trials=1000)
    >>> c.targeted_cut, round(c.random_cut, 2)
    (1.0, 0.1)
    """
    n = require_graph(G, minimum=3, undirected=True, what="targeted_vs_random()")
    people = require_whole_number("people (how many leave)", people, minimum=0, maximum=n - 2)
    if strategy == "random":
        raise P2PKitError("choose a targeted strategy ('degree', 'betweenness' or 'top'); "
                          "the random one is the comparison.")
    t = failure_curve(G, strategy, removals=people, recompute=recompute, seed=seed)
    r = failure_curve(G, "random", removals=people, trials=trials, seed=seed)
    return compare_curves(t, r, people)


def compare_curves(targeted: FailureCurve, at_random: FailureCurve, people: int) -> Comparison:
    """The :class:`Comparison` after ``people`` departures, read off two failure curves.

    Lets a figure that already has the curves (:func:`failure_curve`) give the verdict at
    every step without recomputing them; :func:`targeted_vs_random` is this applied to
    fresh curves.

    Examples
    --------
    >>> from p2pkit import orgs
    >>> G = orgs.client_server(10)
    >>> t = failure_curve(G, "degree", removals=3)
    >>> r = failure_curve(G, "random", removals=3, trials=1000)
    >>> c = compare_curves(t, r, 1)
    >>> c.targeted_cut, round(c.random_cut, 2)
    (1.0, 0.1)
    """
    if at_random.strategy != "random" or targeted.strategy == "random":
        raise P2PKitError("give a targeted curve first and a random one second.")
    top = min(len(targeted.pairwise), len(at_random.pairwise)) - 1
    people = require_whole_number("people (how many leave)", people, minimum=0, maximum=top)
    return Comparison(people, targeted.strategy, targeted.recompute, targeted.order[:people],
                      1.0 - targeted.pairwise[people], 1.0 - at_random.pairwise[people], at_random.trials)


def _people(k: int) -> str:
    return "1 person" if k == 1 else f"{k} people"


def _targeted_label(strategy: str, k: int) -> str:
    if strategy == "degree":
        return "the best-connected person" if k == 1 else f"the {k} best-connected people"
    if strategy == "betweenness":
        return ("the person who sits on most routes" if k == 1
                else f"the {k} people who sit on most routes")
    return "the top of the chart" if k == 1 else f"the top {k} people of the chart"


def failure_verdict(c: Comparison) -> str:
    """One sentence comparing targeted and random departures, computed from ``c``.

    Examples
    --------
    >>> from p2pkit import orgs
    >>> failure_verdict(targeted_vs_random(orgs.client_server(10), 1, trials=1000))
    'Removing the best-connected person cuts 100% of the pairs of those left; removing 1 person at random cuts 10% on average.'
    """
    k = c.people
    if k == 0:
        return "Nobody has left yet: everyone can still reach everyone they could before."
    return (f"Removing {_targeted_label(c.strategy, k)} cuts {c.targeted_cut:.0%} of the pairs of "
            f"those left; removing {_people(k)} at random cuts {c.random_cut:.0%} on average.")


def collapse_point(c: FailureCurve, below: float = 0.05) -> int | None:
    """The fewest departures after which the largest connected group holds less than ``below``
    of everyone there was (the network has fallen apart), read off a failure curve.

    Parameters
    ----------
    c : FailureCurve
        From :func:`failure_curve` (``c.largest`` is the share of the *original* people in the
        largest group after each departure; for ``"random"`` it is the mean over the trials).
    below : float, default 0.05
        The share below which the network counts as fallen apart.

    Returns
    -------
    int or None
        The number of departures, or ``None`` if the largest group never falls below
        ``below`` within the curve.

    References
    ----------
    Albert, R., Jeong, H., & Barabasi, A.-L. (2000). Error and attack tolerance of complex
    networks. *Nature* 406, 378-382 (the size S of the largest cluster against the share
    removed).

    Examples
    --------
    >>> from p2pkit import orgs
    >>> collapse_point(failure_curve(orgs.client_server(30), "degree"))
    1
    >>> collapse_point(failure_curve(nx.complete_graph(10), "degree")) is None
    True
    """
    below = require_probability("below", below)
    return next((k for k, s in enumerate(c.largest) if s < below), None)


@dataclass(frozen=True)
class Collapse:
    """When a network falls apart at random and under a targeted attack (see :func:`collapse`).

    ``at_random`` and ``targeted`` are the two failure curves, ``people`` the size of the
    network they were computed on and ``below`` the share of everyone under which the
    largest group counts as fallen apart. :attr:`random_point` and :attr:`targeted_point`
    are :func:`collapse_point` of each curve.
    """

    at_random: FailureCurve
    targeted: FailureCurve
    people: int
    below: float = 0.05

    @property
    def random_point(self) -> int | None:
        """Departures after which the largest group falls below ``below`` at random (None: never)."""
        return collapse_point(self.at_random, self.below)

    @property
    def targeted_point(self) -> int | None:
        """The same under the targeted attack."""
        return collapse_point(self.targeted, self.below)


def collapse(at_random: FailureCurve, targeted: FailureCurve, people: int, below: float = 0.05) -> Collapse:
    """When a network of ``people`` falls apart under random failure and under a targeted attack.

    Parameters
    ----------
    at_random : FailureCurve
        A :func:`failure_curve` with ``strategy="random"``.
    targeted : FailureCurve
        A :func:`failure_curve` with a targeted strategy, on the same network.
    people : int
        The number of people in that network (at least 3).
    below : float, default 0.05
        The share of everyone below which the largest group counts as fallen apart
        (:func:`collapse_point`).

    Returns
    -------
    Collapse
        The two curves with the collapse point of each; :func:`collapse_verdict` says it
        in one sentence.

    References
    ----------
    Albert, R., Jeong, H., & Barabasi, A.-L. (2000), see :func:`collapse_point`.

    Examples
    --------
    >>> from p2pkit import orgs
    >>> G = orgs.client_server(30)
    >>> c = collapse(failure_curve(G, "random", trials=5), failure_curve(G, "degree"), 30)
    >>> c.random_point, c.targeted_point
    (17, 1)
    """
    if at_random.strategy != "random" or targeted.strategy == "random":
        raise P2PKitError("give a random curve first and a targeted one second.")
    people = require_whole_number("people", people, minimum=3, maximum=10**9)
    return Collapse(at_random, targeted, people, require_probability("below", below))


def collapse_verdict(c: Collapse) -> str:
    """One sentence comparing when a network falls apart under random failure and under a
    targeted attack, computed from ``c`` (:func:`collapse`).

    Examples
    --------
    >>> from p2pkit import orgs
    >>> G = orgs.client_server(30)
    >>> collapse_verdict(collapse(failure_curve(G, "random", trials=5), failure_curve(G, "degree"), 30))
    'At random, the largest group falls below 5% of everyone when 57% have left; with the best-connected leaving first, it falls below 5% of everyone when 3% have left.'
    >>> K = nx.complete_graph(10)
    >>> collapse_verdict(collapse(failure_curve(K, "random"), failure_curve(K, "degree"), 10))
    'At random, the largest group still holds 20% of everyone when all but two have left; with the best-connected leaving first, it still holds 20% of everyone when all but two have left.'
    """
    people, below = c.people, c.below

    def when(curve: FailureCurve, k: int | None) -> str:
        if k is None:
            last = len(curve.largest) - 1
            tail = "all but two have left" if last >= people - 2 else f"{last / people:.0%} have left"
            return f"still holds {curve.largest[-1]:.0%} of everyone when {tail}"
        return f"falls below {below:.0%} of everyone when {k / people:.0%} have left"

    how = {"degree": "the best-connected", "betweenness": "the people on most routes",
           "top": "the top of the chart"}.get(c.targeted.strategy, "the chosen people")
    return (f"At random, the largest group {when(c.at_random, c.random_point)}; with {how} leaving first, "
            f"it {when(c.targeted, c.targeted_point)}.")


@dataclass(frozen=True)
class KnockOut:
    """What one set of departures does (see :func:`knock_out`)."""

    removed: tuple
    people_left: int
    pairwise: float
    largest: float
    cut_off: int
    groups: int
    single_points: tuple
    outside: tuple = ()


def knock_out(G: nx.Graph, removed: Iterable) -> KnockOut:
    """What happens to the others when the people in ``removed`` leave.

    Parameters
    ----------
    G : networkx.Graph
        An undirected network.
    removed : iterable
        The people who leave.

    Returns
    -------
    KnockOut
        ``pairwise``: share of pairs of the people left who can still reach each other
        (:func:`p2pkit.architecture.pairwise_connectivity`; 0 if fewer than two are left);
        ``largest``: the largest connected group as a share of the original organisation;
        ``cut_off``: people left outside that group; ``groups``: number of connected
        groups; ``single_points``: people whose departure *now* would cut someone off
        (articulation points; Hopcroft & Tarjan 1973); ``outside``: the people left who
        are not in the largest group (if several groups are equally large, the one holding
        the person who comes first in ``list(G)`` counts as the largest), in the order of
        ``list(G)``.

    References
    ----------
    Borgatti, S. P. (2006). Identifying sets of key players in a social network.
    *Computational and Mathematical Organization Theory* 12, 21-34.

    Examples
    --------
    >>> from p2pkit import orgs
    >>> k = knock_out(orgs.hierarchy(3, 3), [0])
    >>> round(k.pairwise, 4), k.groups, k.cut_off
    (0.2727, 3, 8)
    """
    n = require_graph(G, minimum=1, undirected=True, what="knock_out()")
    removed = _check_removed(G, removed)
    H = _without(G, removed)
    order = {v: i for i, v in enumerate(G)}
    big = _largest(H)
    main = max(nx.connected_components(H), key=len) if H.number_of_nodes() else set()
    return KnockOut(
        removed=tuple(removed),
        people_left=H.number_of_nodes(),
        pairwise=_survivors_pc(H),
        largest=big / n,
        cut_off=H.number_of_nodes() - big,
        groups=nx.number_connected_components(H),
        single_points=tuple(sorted(nx.articulation_points(H), key=order.__getitem__)),
        outside=tuple(v for v in G if v in H and v not in main),
    )


def knock_out_verdict(k: KnockOut, *, who: str | None = None) -> str:
    """One sentence on what a set of departures does, computed from ``k`` (:func:`knock_out`).

    ``who`` (by keyword) names the people who left in the sentence (default: "them", or
    "that person"); the numbers all come from ``k``.

    Examples
    --------
    >>> from p2pkit import orgs
    >>> knock_out_verdict(knock_out(orgs.hierarchy(3, 3), [0]), who="the top")
    'Without the top, 27% of the pairs of the 12 people left can still reach each other; 8 of them are cut off from the largest group.'
    >>> knock_out_verdict(knock_out(nx.cycle_graph(6), [0]))
    'Without that person, all 5 people left can still reach each other: nobody is cut off.'
    >>> knock_out_verdict(knock_out(nx.cycle_graph(6), []))
    'Nobody has left: everyone can still reach everyone they could before.'
    """
    if not k.removed:
        return "Nobody has left: everyone can still reach everyone they could before."
    who = who or ("that person" if len(k.removed) == 1 else "them")
    if k.people_left < 2:
        return f"Without {who}, fewer than two people are left."
    if k.groups == 1:
        return f"Without {who}, all {k.people_left} people left can still reach each other: nobody is cut off."
    cut = "1 of them is" if k.cut_off == 1 else f"{k.cut_off} of them are"
    return (f"Without {who}, {k.pairwise:.0%} of the pairs of the {k.people_left} people left can still "
            f"reach each other; {cut} cut off from the largest group.")
