"""Alignment with strategic intent: local rules, a shared goal, and how much of it people can see.

Chapter 9 of the companion tests the seed essay's claim that transparency lets people who
act on local rules line up behind the broader strategic intent. The model is Friedkin &
Johnsen's (1990) opinion dynamics. Each person holds a position on one scale -- where
they put their effort -- on which 0 is the average of the local priorities people start
from and 1 is the strategic intent:

- every round each person moves to a weighted average of their own position and their
  contacts' (DeGroot's rule, the trust matrix of :func:`p2pkit.equipotency.trust_matrix`),
- while staying anchored to what they can see: a person who sees the intent keeps a share
  ``anchor`` of their weight on it; a person who does not keeps a share ``local_pull`` on
  their own local priority (0: they follow their contacts only).

*Transparency* is the share of people who can see the intent. A *broadcast from a centre*
is the alternative: the centre sees the intent and everyone gives a share ``broadcast`` of
their attention to the centre's position (an all-hands, a cascade of briefings).

In matrix form ``x(t+1) = L u + (I - L) W x(t)`` with ``L`` the diagonal of anchor weights
and ``u`` the anchors (1 for the intent, the local priority otherwise); the positions settle
at ``x* = (I - (I - L) W)^{-1} L u`` (:func:`equilibrium`). :func:`run` follows the rounds
and :func:`alignment_verdict` says in plain words where local rules reach the intent, how
much visibility it takes, and when a broadcast from a centre does better.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import networkx as nx
import numpy as np
from scipy.sparse.csgraph import connected_components

from .equipotency import influence_weights, trust_matrix
from .errors import P2PKitError, require_graph, require_probability, require_whole_number
from .seeding import rng

__all__ = [
    "INTENT",
    "LEVELS",
    "SETTLED",
    "AlignmentComparison",
    "AlignmentRun",
    "alignment_verdict",
    "anchors",
    "compare_alignment",
    "equilibrium",
    "local_priorities",
    "run",
    "step",
    "transparency_curve",
    "visibility_needed",
]

#: Where the strategic intent sits on the scale (0 is the average local priority).
INTENT = 1.0
#: Everyone within this distance of where they settle (on the same scale) counts as settled.
SETTLED = 0.05


def _people(G) -> list:
    """The people of ``G``, an undirected network (who listens to whom, both ways) of at least 2."""
    require_graph(G, minimum=2, undirected=True, what="alignment")
    return list(G)


# --------------------------------------------------------------------------- the parts of the model


def local_priorities(G: nx.Graph, spread: float = 0.3, team_spread: float = 0.3, teams: dict | None = None,
                     seed: int | None = 0) -> dict:
    """Each person's local priority on the scale where the intent is 1, centred on 0.

    Parameters
    ----------
    G : networkx.Graph
        The people.
    spread : float, default 0.3
        Standard deviation of a person's own deviation.
    team_spread : float, default 0.3
        Standard deviation of what a whole team shares (only with ``teams``).
    teams : dict, optional
        Person -> team. People in one team share a team-level priority.
    seed : int or None, default 0

    Returns
    -------
    dict
        Person -> priority; the priorities average exactly 0 (the scale's origin).

    Examples
    --------
    >>> p = local_priorities(nx.path_graph(5), seed=1)
    >>> abs(sum(p.values())) < 1e-12
    True
    """
    nodes = _people(G)
    for name, v in (("spread", spread), ("team_spread", team_spread)):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0:
            raise P2PKitError(f"{name} must be a number of 0 or more; got {v!r}.")
    gen = rng(seed)
    own = gen.normal(0.0, spread, len(nodes))
    if teams is not None:
        names = sorted({teams[v] for v in nodes if v in teams}, key=str)
        effect = dict(zip(names, gen.normal(0.0, team_spread, len(names)), strict=True))
        own = own + np.array([effect.get(teams.get(v), 0.0) for v in nodes])
    own -= own.mean()
    return {v: float(x) for v, x in zip(nodes, own, strict=True)}


def anchors(G: nx.Graph, sees, priorities: dict, anchor: float = 0.3, local_pull: float = 0.1
            ) -> tuple[np.ndarray, np.ndarray]:
    """The anchor weights ``L`` (a vector, the diagonal) and the anchors ``u``.

    A person in ``sees`` keeps a share ``anchor`` of their weight on the intent (``u = 1``);
    anyone else keeps ``local_pull`` on their own priority (``u = priority``).

    Examples
    --------
    >>> lam, u = anchors(nx.path_graph(3), {0}, {0: 0.1, 1: -0.2, 2: 0.1})
    >>> lam.tolist(), u.tolist()
    ([0.3, 0.1, 0.1], [1.0, -0.2, 0.1])
    """
    nodes = _people(G)
    a = require_probability("anchor", anchor)
    b = require_probability("local_pull", local_pull)
    seen = set(sees)
    unknown = seen - set(nodes)
    if unknown:
        raise P2PKitError(f"{sorted(unknown, key=str)[:3]!r} are not in the network; list people who are.")
    missing = [v for v in nodes if v not in priorities]
    if missing:
        raise P2PKitError(f"give a local priority for everyone; {missing[:3]!r} missing.")
    lam = np.array([a if v in seen else b for v in nodes])
    u = np.array([INTENT if v in seen else float(priorities[v]) for v in nodes])
    return lam, u


def step(W: np.ndarray, lam: np.ndarray, u: np.ndarray, x: np.ndarray) -> np.ndarray:
    """One round of Friedkin-Johnsen updating: ``L u + (I - L) W x``.

    Examples
    --------
    >>> W = trust_matrix(nx.path_graph(2))
    >>> step(W, np.array([0.5, 0.0]), np.array([1.0, 0.0]), np.array([0.0, 0.0])).tolist()
    [0.5, 0.0]
    """
    return lam * u + (1.0 - lam) * (W @ x)


def equilibrium(W: np.ndarray, lam: np.ndarray, u: np.ndarray, x0: np.ndarray | None = None) -> np.ndarray:
    """Where the positions settle: ``x* = (I - (I - L) W)^{-1} L u``.

    Parameters
    ----------
    W : numpy.ndarray
        Row-stochastic trust matrix (who listens to whom, and how much).
    lam : numpy.ndarray
        Each person's anchor weight (the diagonal of ``L``), from 0 to 1.
    u : numpy.ndarray
        Each person's anchor.
    x0 : numpy.ndarray, optional
        Starting positions. Needed only where a group of people has no anchor at all
        (every ``lam`` 0 and nobody outside they listen to): such a group reaches DeGroot's
        consensus, the influence-weighted average of its starting positions.

    Returns
    -------
    numpy.ndarray

    Notes
    -----
    Where every group of people who listen to each other has someone anchored, the
    matrix ``(I - L) W`` has spectral radius below 1, so the inverse exists and the
    iteration of :func:`step` converges to ``x*`` from any start (Friedkin & Johnsen 1990).
    Each ``x*_i`` is then a weighted average of the anchors: if everyone anchored sees the
    intent, everyone ends at the intent.

    References
    ----------
    Friedkin, N. E., & Johnsen, E. C. (1990). Social influence and opinions. *Journal of
    Mathematical Sociology* 15(3-4), 193-206.
    DeGroot, M. H. (1974). Reaching a consensus. *Journal of the American Statistical
    Association* 69(345), 118-121.

    Examples
    --------
    >>> W = trust_matrix(nx.path_graph(3))
    >>> x = equilibrium(W, np.array([0.3, 0.0, 0.0]), np.array([1.0, 0.0, 0.0]))
    >>> np.round(x, 9).tolist()
    [1.0, 1.0, 1.0]
    """
    W = np.asarray(W, dtype=float)
    lam = np.asarray(lam, dtype=float)
    u = np.asarray(u, dtype=float)
    n = W.shape[0]
    if W.shape != (n, n) or lam.shape != (n,) or u.shape != (n,):
        raise P2PKitError("W must be n x n and lam, u one value per person.")
    if np.any(lam < 0) or np.any(lam > 1):
        raise P2PKitError("anchor weights are shares between 0 and 1.")
    x = np.empty(n)
    # groups that listen only among themselves (closed classes of W) with no anchor at all
    free: set = set()
    strong, _ = connected_components(W > 0, directed=True, connection="strong")
    if np.any(lam == 0) and not (strong == 1 and np.any(lam > 0)):
        D = nx.DiGraph((i, j) for i, j in zip(*np.nonzero(W), strict=True) if i != j)
        D.add_nodes_from(range(n))
        C = nx.condensation(D)
        for c in C.nodes:
            members = C.nodes[c]["members"]
            if C.out_degree(c) == 0 and all(lam[i] == 0 for i in members):
                free |= set(members)
    if not free:
        return np.linalg.solve(np.eye(n) - (1 - lam)[:, None] * W, lam * u)
    if free:
        if x0 is None:
            raise P2PKitError("some people have no anchor and listen to nobody anchored: give x0, their starting "
                              "positions, so that their consensus can be computed.")
        x0 = np.asarray(x0, dtype=float)
        for c in C.nodes:
            members = sorted(C.nodes[c]["members"])
            if set(members) <= free:
                sub = W[np.ix_(members, members)]
                sub = sub / sub.sum(axis=1, keepdims=True)
                pi = influence_weights(sub) if len(members) > 1 else np.ones(1)
                x[members] = float(pi @ x0[members])
    rest = [i for i in range(n) if i not in free]
    if rest:
        M = np.eye(len(rest)) - (1 - lam[rest])[:, None] * W[np.ix_(rest, rest)]
        rhs = lam[rest] * u[rest] + (1 - lam[rest]) * (W[np.ix_(rest, sorted(free))] @ x[sorted(free)]
                                                       if free else 0.0)
        x[rest] = np.linalg.solve(M, rhs)
    return x


# --------------------------------------------------------------------------- a run


@dataclass(frozen=True)
class AlignmentRun:
    """One run of :func:`run`: who sees the intent, the positions round by round, where they settle.

    ``alignment`` is the average position at equilibrium (0: the local priorities on
    average, 1: the intent); ``aligned`` the share of people within ``tolerance`` of the
    intent; ``rounds_to_settle`` the rounds after which everyone stays within
    :data:`SETTLED` of where they settle (``None`` if not within the rounds simulated).
    """

    nodes: list
    sees: tuple
    centre: object
    broadcast: float
    priorities: np.ndarray
    positions: np.ndarray
    settled: np.ndarray
    alignment: float
    aligned: float
    tolerance: float
    rounds_to_settle: int | None

    def alignment_at(self, t: int) -> float:
        """The average position after round ``t``."""
        return float(self.positions[min(t, len(self.positions) - 1)].mean())


def _who_sees(nodes: list, transparency: float, centre, broadcast: float, seed) -> list:
    k = round(transparency * len(nodes))
    order = [nodes[i] for i in rng(seed).permutation(len(nodes))]
    chosen = order[:k]
    if broadcast > 0 and centre not in chosen:
        chosen = [centre] + chosen[: max(0, k - 1)] if k > 0 else [centre]
    return chosen


def run(G: nx.Graph, transparency: float, anchor: float = 0.3, local_pull: float = 0.1, broadcast: float = 0.0,
        centre=None, priorities: dict | None = None, rounds: int = 60, tolerance: float = 0.2,
        seed: int | None = 0, sees=None) -> AlignmentRun:
    """Who sees the intent, how positions move round by round, and where they settle.

    Parameters
    ----------
    G : networkx.Graph
        Who listens to whom.
    transparency : float
        Share of people who can see the strategic intent, chosen at random (seeded).
    anchor : float, default 0.3
        Weight a person who sees the intent keeps on it each round.
    local_pull : float, default 0.1
        Weight a person who does not see it keeps on their own local priority.
    broadcast : float, default 0
        Share of everyone's attention that goes to the centre's position (0: no broadcast).
        The centre then sees the intent (counted among the ``transparency`` share).
    centre : node, optional
        Who broadcasts (default: the first person of ``list(G)``, the top of a chart).
    priorities : dict, optional
        Person -> local priority (default :func:`local_priorities` with the same seed).
    rounds : int, default 60
        Rounds to follow.
    tolerance : float, default 0.2
        How close counts as aligned (on the scale from 0 to the intent at 1): 0.2 means at
        least 80% of the way.
    seed : int or None, default 0
        Chooses who sees the intent (and the default priorities).
    sees : iterable, optional
        Who sees the intent, instead of a random choice of ``transparency`` of them.

    Returns
    -------
    AlignmentRun

    References
    ----------
    Friedkin, N. E., & Johnsen, E. C. (1990). Social influence and opinions. *Journal of
    Mathematical Sociology* 15(3-4), 193-206.

    Examples
    --------
    >>> G = nx.cycle_graph(20)
    >>> round(run(G, 0.0, local_pull=0.0).alignment, 6)        # nobody sees it: a local consensus
    0.0
    >>> round(run(G, 1.0).alignment, 6)                         # everyone sees it
    1.0
    """
    nodes = _people(G)
    t = require_probability("transparency", transparency)
    d = require_probability("broadcast", broadcast)
    tol = require_probability("tolerance", tolerance)
    rounds = require_whole_number("rounds", rounds, minimum=0, maximum=100_000)
    c = nodes[0] if centre is None else centre
    if c not in G:
        raise P2PKitError(f"the centre {centre!r} is not in the network.")
    pri = local_priorities(G, seed=seed) if priorities is None else priorities
    chosen = _who_sees(nodes, t, c, d, seed) if sees is None else list(sees)
    lam, u = anchors(G, chosen, pri, anchor, local_pull)
    W = trust_matrix(G, leader=c if d > 0 else None, deference=d)
    x0 = np.array([float(pri[v]) for v in nodes])
    xs = np.empty((rounds + 1, len(nodes)))
    xs[0] = x0
    for k in range(rounds):
        xs[k + 1] = step(W, lam, u, xs[k])
    star = equilibrium(W, lam, u, x0)
    ok = np.abs(xs - star).max(axis=1) <= SETTLED
    settle = None
    if ok[-1]:
        bad = np.flatnonzero(~ok)
        settle = int(bad[-1] + 1) if bad.size else 0
    return AlignmentRun(nodes, tuple(chosen), c, d, x0, xs, star, float(star.mean()),
                        float(np.mean(np.abs(star - INTENT) <= tol)), tol, settle)


def transparency_curve(G: nx.Graph, levels=(0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0), anchor: float = 0.3,
                       local_pull: float = 0.1, broadcast: float = 0.0, seeds=range(10),
                       priorities: dict | None = None) -> list:
    """Average alignment at equilibrium for each level of transparency, over several random choices of who sees.

    Returns
    -------
    list of float
        One mean alignment per level (each the mean over ``seeds`` of :attr:`AlignmentRun.alignment`).

    Examples
    --------
    >>> curve = transparency_curve(nx.cycle_graph(20), levels=(0.0, 1.0), seeds=range(2))
    >>> [round(x, 6) + 0.0 for x in curve]
    [0.0, 1.0]
    """
    out = []
    for t in levels:
        vals = [run(G, t, anchor, local_pull, broadcast, priorities=priorities, rounds=0, seed=s).alignment
                for s in seeds]
        out.append(float(np.mean(vals)))
    return out


def visibility_needed(levels, curve, target: float = 0.8) -> float | None:
    """The smallest transparency at which the (interpolated) curve reaches ``target`` alignment.

    Linear interpolation between the levels; ``None`` if the curve never reaches it.

    Examples
    --------
    >>> visibility_needed([0.0, 0.5, 1.0], [0.0, 0.6, 1.0], target=0.8)
    0.75
    """
    xs, ys = list(levels), list(curve)
    if len(xs) != len(ys) or not xs:
        raise P2PKitError("give one alignment per transparency level.")
    for (x0, y0), (x1, y1) in itertools.pairwise(zip(xs, ys, strict=True)):
        if y0 >= target:
            return float(x0)
        if y1 >= target:
            return float(x0 + (target - y0) * (x1 - x0) / (y1 - y0))
    return float(xs[-1]) if ys[-1] >= target else None


# --------------------------------------------------------------------------- comparison and verdict

#: Transparency levels at which :func:`compare_alignment` samples the curve.
LEVELS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.75, 0.9, 1.0)


@dataclass(frozen=True)
class AlignmentComparison:
    """Local rules at several levels of visibility against a broadcast from a centre (see :func:`compare_alignment`).

    All values are means over the random choices of who sees the intent (``seeds``).
    ``alignment`` values are average positions at equilibrium (0: local priorities, 1: the
    intent); ``aligned`` the share of people at least ``1 - tolerance`` of the way;
    ``*_rounds`` the rounds until everyone has settled (the slowest of the seeds; ``None``:
    not within ``rounds``); ``needed`` the visibility that brings people ``target`` of the
    way (``None``: none does); ``broadcast_beats_until`` the visibility below which the
    broadcast aligns people better than local rules (0: never; ``None``: always).
    """

    transparency: float
    anchor: float
    local_pull: float
    broadcast: float
    rounds: int
    tolerance: float
    target: float
    levels: tuple
    curve: tuple
    local: float
    here: float
    here_aligned: float
    here_rounds: int | None
    needed: float | None
    broadcast_alignment: float
    broadcast_aligned: float
    broadcast_rounds: int | None
    broadcast_beats_until: float | None


def _slowest(values) -> int | None:
    values = list(values)
    return None if any(v is None for v in values) else max(values)


def compare_alignment(G: nx.Graph, transparency: float, anchor: float = 0.3, local_pull: float = 0.1,
                      broadcast: float = 0.3, seeds=range(10), priorities: dict | None = None, rounds: int = 100,
                      tolerance: float = 0.2, target: float = 0.8) -> AlignmentComparison:
    """Local rules with ``transparency`` seeing the intent, the whole curve, and a broadcast from the centre.

    The broadcast: only the centre (the first person of ``list(G)``) sees the intent, and
    everyone gives a share ``broadcast`` of their attention to the centre's position.

    Examples
    --------
    >>> c = compare_alignment(nx.cycle_graph(30), 0.2, seeds=range(3))
    >>> abs(c.local) < 1e-9, abs(c.curve[-1] - 1) < 1e-9, c.here > c.local
    (True, True, True)
    """
    seeds = tuple(seeds)
    if not seeds:
        raise P2PKitError("give at least one seed (random choice of who sees the intent).")
    curve = tuple(transparency_curve(G, LEVELS, anchor, local_pull, 0.0, seeds, priorities))
    here = [run(G, transparency, anchor, local_pull, 0.0, priorities=priorities, rounds=rounds,
                tolerance=tolerance, seed=s) for s in seeds]
    d = require_probability("broadcast", broadcast)
    if d > 0:
        b = [run(G, 0.0, anchor, local_pull, d, priorities=priorities, rounds=rounds, tolerance=tolerance, seed=s)
             for s in seeds]
        b_align = float(np.mean([x.alignment for x in b]))
        b_aligned = float(np.mean([x.aligned for x in b]))
        b_rounds = _slowest(x.rounds_to_settle for x in b)
        until = visibility_needed(LEVELS, curve, b_align - 0.005)
    else:
        b_align = b_aligned = math.nan
        b_rounds = until = None
    return AlignmentComparison(
        transparency=float(transparency), anchor=float(anchor), local_pull=float(local_pull), broadcast=d,
        rounds=int(rounds), tolerance=float(tolerance), target=float(target), levels=LEVELS, curve=curve,
        local=curve[0], here=float(np.mean([h.alignment for h in here])),
        here_aligned=float(np.mean([h.aligned for h in here])), here_rounds=_slowest(h.rounds_to_settle for h in here),
        needed=visibility_needed(LEVELS, curve, target), broadcast_alignment=b_align, broadcast_aligned=b_aligned,
        broadcast_rounds=b_rounds, broadcast_beats_until=until)


def _share(x: float) -> str:
    return "none" if x < 0.005 else f"{x:.0%}"


def _rounds(r: int | None, most: int) -> str:
    return ("1 round" if r == 1 else f"{r} rounds") if r is not None else f"more than {most} rounds"


def alignment_verdict(c: AlignmentComparison) -> str:
    """Plain sentences: what local rules reach, how much visibility it takes, and when a broadcast is better.

    Parameters
    ----------
    c : AlignmentComparison
        From :func:`compare_alignment`.

    Examples
    --------
    >>> print(alignment_verdict(compare_alignment(nx.cycle_graph(30), 0.2, seeds=range(3))))  # doctest: +ELLIPSIS
    With local rules alone (nobody sees the intent) people settle none of the way to it: ...
    """
    if c.local_pull > 0:
        first = (f"With local rules alone (nobody sees the intent) people settle {_share(c.local)} of the way to it: "
                 "each stays near a blend of their own and their contacts' local priorities.")
    else:
        first = (f"With local rules alone (nobody sees the intent) people settle {_share(c.local)} of the way to it: "
                 "they agree on an average of their local priorities, a local consensus, not the intent.")
    second = (f" With {c.transparency:.0%} seeing it they settle {_share(c.here)} of the way ({c.here_aligned:.0%} of "
              f"them at least {1 - c.tolerance:.0%} of the way), after {_rounds(c.here_rounds, c.rounds)}.")
    if c.needed is None:
        second += f" No level of visibility brings them {c.target:.0%} of the way."
    elif c.needed <= 0:
        second += f" Any visibility at all brings them {c.target:.0%} of the way."
    else:
        second += f" It takes about {c.needed:.0%} seeing it to bring them {c.target:.0%} of the way."
    if c.local_pull == 0 and c.transparency > 0:
        second += (" Without any pull back to local priorities even a few who see it are enough in the end; what "
                   "visibility buys is speed.")
    if c.broadcast > 0:
        third = (f" A broadcast from the centre, with everyone giving it {c.broadcast:.0%} of their attention and nobody "
                 f"else seeing the intent, brings them {_share(c.broadcast_alignment)} of the way in "
                 f"{_rounds(c.broadcast_rounds, c.rounds)}: ")
        if c.broadcast_alignment >= 0.99 and c.here >= 0.99:
            third += (f"as aligned as local rules in the end, and sooner than the {_rounds(c.here_rounds, c.rounds)} "
                      "they take" if c.broadcast_rounds is not None and (c.here_rounds is None
                                                                         or c.broadcast_rounds < c.here_rounds)
                      else "as aligned as local rules in the end, and no sooner")
            third += ", but everyone's alignment then hangs on one person's message."
        elif c.broadcast_beats_until is None:
            third += "better than local rules at any level of visibility."
        elif c.broadcast_beats_until <= 0:
            third += "no better than local rules at any level of visibility."
        else:
            third += (f"better than local rules while fewer than about {c.broadcast_beats_until:.0%} can see the "
                      "intent, but then everyone's alignment hangs on one person's message.")
    else:
        third = ""
    return first + second + third
