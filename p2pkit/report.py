"""The diagnostic: one self-contained HTML report on a team's own network.

``python -m p2pkit report ANSWERS.csv -o report.html`` or :func:`build_report` reads the
survey answers safely (:mod:`p2pkit.team.intake`), measures the network with the book's three
lenses and writes one HTML file that works offline (figures are embedded PNGs; no
external CSS, scripts or fonts):

1. **the network map** -- who is tied to whom, coloured by node community;
2. **node communities and brokers** -- groups found by the Louvain method
   (:mod:`p2pkit.communities`) and the people who link them;
3. **equipotency** -- centralization, Gini coefficients, Krackhardt's four dimensions and
   influence shares (:mod:`p2pkit.equipotency`);
4. **resilience** -- who the network depends on (single points of failure, the most
   central people) and what their absence does to pairwise connectivity
   (:mod:`p2pkit.architecture`).

Each figure comes with a plain-language reading computed from the numbers
(:func:`readings`) and with its caveats.

Scale
-----
Up to :data:`SMALL_NETWORK` people every measure is computed by the functions of
:mod:`p2pkit.equipotency`, :mod:`p2pkit.communities` and :mod:`p2pkit.architecture`
themselves. Larger networks use the same definitions with faster algorithms, tested to
give the same values on small networks: python-igraph (Csardi & Nepusz 2006) for
betweenness, closeness and Louvain when it is installed, and a reachability computation on
the condensation of the network for Krackhardt's measures (:func:`krackhardt_large`).
Betweenness and closeness are exact up to :data:`EXACT_BETWEENNESS` people and estimated
above from a seeded sample of :data:`PIVOTS` people (Brandes & Pich 2007; Eppstein & Wang
2004), with a standard error reported for every person; least-upper-boundedness is
estimated from a seeded sample of pairs when the network has more than
:data:`LUB_EXACT_PARTS` strongly connected parts. ``benchmarks/bench_report.py`` measures
the errors against exact values. The figures are interactive (:mod:`p2pkit.views.team`);
above :data:`p2pkit.views.team.MAP_PEOPLE` people the map shows communities instead of people.
"""

from __future__ import annotations

import html
import math
import os
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import networkx as nx
import numpy as np

from . import __version__
from .architecture import load_share, pairwise_connectivity
from .communities import detect, membership, modularity
from .equipotency import centrality, centralization, gini, influence_shares, krackhardt
from .errors import P2PKitError
from .team.intake import read_survey
from .team.privacy import pseudonymise as _pseudonymise
from .team.summary import ReadSummary, Survey
from .views.component import inline_scripts
from .views.team import MAP_PEOPLE, equality_figure, krackhardt_figure, resilience_figure, team_map

__all__ = [
    "SMALL_NETWORK",
    "EXACT_BETWEENNESS",
    "MAP_PEOPLE",
    "Diagnosis",
    "Report",
    "diagnose",
    "readings",
    "betweenness_estimate",
    "closeness_large",
    "closeness_estimate",
    "krackhardt_large",
    "build_report",
]

#: Up to this many people, every measure is computed by p2pkit's own exact functions.
SMALL_NETWORK = 150
#: Up to this many people betweenness and closeness are exact (with igraph).
EXACT_BETWEENNESS = 5000
#: The same limit when igraph is not installed (networkx only).
EXACT_BETWEENNESS_NX = 1000
#: Number of people sampled to estimate betweenness and closeness above that size.
PIVOTS = 2000
#: Above this many strongly connected parts, least-upper-boundedness is estimated.
LUB_EXACT_PARTS = 600
#: Pairs sampled to estimate least-upper-boundedness.
LUB_SAMPLES = 20000
#: Up to this many people, communities come from p2pkit.communities.detect (networkx).
COMMUNITY_NX_LIMIT = 5000


def _igraph():
    try:
        import igraph  # noqa: F401

        return igraph
    except ImportError:  # pragma: no cover - depends on the environment
        return None


# --------------------------------------------------------------------------- progress


class _Progress:
    """A one-line progress bar on stderr: only in a terminal, or when asked."""

    def __init__(self, steps: int, enabled: bool | None):
        if enabled is None:
            enabled = hasattr(sys.stderr, "isatty") and sys.stderr.isatty()
        self.enabled = bool(enabled)
        self.steps = steps
        self.done = 0
        self.t0 = time.perf_counter()
        self.timings: dict[str, float] = {}
        self._label = ""
        self._start = self.t0

    def step(self, label: str) -> None:
        now = time.perf_counter()
        if self._label:
            self.timings[self._label] = self.timings.get(self._label, 0.0) + now - self._start
            self.done += 1
        self._label, self._start = label, now
        if self.enabled:
            width = 24
            filled = int(width * min(self.done, self.steps) / max(1, self.steps))
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.steps} "
                             f"{label[:40]:<40} {now - self.t0:5.1f}s")
            sys.stderr.flush()

    def close(self) -> None:
        self.step("")
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()


# --------------------------------------------------------------------------- fast measures


def _to_igraph(G: nx.Graph, nodes: list):
    ig = _igraph()
    idx = {v: i for i, v in enumerate(nodes)}
    edges = [(idx[u], idx[v]) for u, v in G.edges()]
    return ig.Graph(n=len(nodes), edges=edges, directed=G.is_directed())


def betweenness_estimate(G: nx.Graph, pivots: int | None = None, seed: int = 0, batches: int = 10,
                         _g=None) -> tuple[dict, dict, str]:
    """Normalised betweenness of everyone: exact, or estimated from a sample of sources.

    The estimate follows Brandes & Pich (2007): shortest paths are counted only from
    ``pivots`` source people drawn at random (seeded, without replacement), and the
    result is scaled by ``n / pivots`` -- an unbiased estimate of the exact value. The
    sources are split into ``batches`` groups; the spread of the group estimates gives a
    standard error for every person.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Directed: ordered pairs, as :func:`p2pkit.equipotency.centrality`; undirected: as
        :func:`p2pkit.architecture.load_share`.
    pivots : int, optional
        Number of source people; ``None`` or at least ``n`` gives the exact values.
    seed : int, default 0
    batches : int, default 10

    Returns
    -------
    (values, standard_errors, method)
        Two dicts person -> number (errors all 0 when exact) and a one-line description.

    Notes
    -----
    Uses python-igraph's subset betweenness when it is installed; otherwise networkx's
    ``betweenness_centrality(k=pivots, seed=seed)`` (same estimator, no standard error).

    References
    ----------
    Brandes, U., & Pich, C. (2007). Centrality estimation in large networks. *International
    Journal of Bifurcation and Chaos* 17(7), 2303-2318.
    Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
    Mathematical Sociology* 25(2), 163-177.

    Examples
    --------
    >>> from p2pkit.orgs import client_server
    >>> values, se, method = betweenness_estimate(client_server(6))
    >>> values[0], method
    (1.0, 'exact')
    """
    nodes = list(G)
    n = len(nodes)
    if n < 3:
        return {v: 0.0 for v in nodes}, {v: 0.0 for v in nodes}, "exact"
    norm = (n - 1) * (n - 2) if G.is_directed() else (n - 1) * (n - 2) / 2
    exact = pivots is None or pivots >= n
    ig = _igraph()
    if ig is None:
        if exact:
            vals = nx.betweenness_centrality(G, normalized=True)
            return vals, {v: 0.0 for v in nodes}, "exact"
        vals = nx.betweenness_centrality(G, k=int(pivots), seed=seed, normalized=True)
        return vals, {v: float("nan") for v in nodes}, (f"estimated from {pivots} of {n} source people "
                                                        f"(networkx, seed {seed}; no standard error)")
    g = _g if _g is not None else _to_igraph(G, nodes)
    if exact:
        raw = np.asarray(g.betweenness(directed=G.is_directed()))
        vals = raw / norm
        return dict(zip(nodes, vals.tolist())), {v: 0.0 for v in nodes}, "exact"
    rng = np.random.default_rng(seed)
    k = min(n, max(2, int(pivots)))
    batches = max(2, min(batches, k))
    chosen = rng.permutation(n)[:k]
    groups = np.array_split(chosen, batches)
    ests = []
    sizes = []
    for grp in groups:
        raw = np.asarray(g.betweenness(directed=G.is_directed(), sources=grp.tolist()))
        ests.append(raw * n / len(grp) / norm)
        sizes.append(len(grp))
    E = np.vstack(ests)
    w = np.asarray(sizes, dtype=float) / k
    mean = (E * w[:, None]).sum(axis=0)
    se = E.std(axis=0, ddof=1) / math.sqrt(batches)
    method = f"estimated from {k} of {n} source people (Brandes & Pich 2007; igraph, seed {seed})"
    return dict(zip(nodes, mean.tolist())), dict(zip(nodes, se.tolist())), method


@dataclass
class _Reach:
    """Reachability on the condensation: strongly connected parts and their ancestors."""

    part_of: np.ndarray       # person index -> part
    sizes: np.ndarray         # people per part
    anc: np.ndarray           # packed bits: anc[c] = parts that reach c (c included)
    anc_count: np.ndarray     # number of parts in anc[c]
    anc_people: np.ndarray    # people in anc[c]
    desc_people: np.ndarray   # people reachable from part c (c included)
    k: int


def _reach(D: nx.DiGraph, nodes: list) -> _Reach:
    idx = {v: i for i, v in enumerate(nodes)}
    sccs = list(nx.strongly_connected_components(D))
    k = len(sccs)
    part_of = np.empty(len(nodes), dtype=np.int64)
    for c, members in enumerate(sccs):
        for v in members:
            part_of[idx[v]] = c
    sizes = np.bincount(part_of, minlength=k)
    C = nx.condensation(D, sccs)
    nbytes = (k + 7) // 8
    anc = np.zeros((k, nbytes), dtype=np.uint8)
    for c in range(k):
        anc[c, c >> 3] |= np.uint8(1 << (7 - (c & 7)))
    for c in nx.topological_sort(C):
        for child in C.successors(c):
            np.bitwise_or(anc[child], anc[c], out=anc[child])
    anc_count = np.zeros(k, dtype=np.int64)
    anc_people = np.zeros(k, dtype=np.int64)
    desc_people = np.zeros(k, dtype=np.int64)
    chunk = max(1, 4_000_000 // max(1, k))
    for start in range(0, k, chunk):
        block = np.unpackbits(anc[start:start + chunk], axis=1)[:, :k].astype(np.int64)
        anc_count[start:start + chunk] = block.sum(axis=1)
        anc_people[start:start + chunk] = block @ sizes
        desc_people += sizes[start:start + chunk] @ block
    return _Reach(part_of, sizes, anc, anc_count, anc_people, desc_people, k)


def krackhardt_large(G: nx.Graph, seed: int = 0, exact_parts: int = LUB_EXACT_PARTS,
                     samples: int = LUB_SAMPLES) -> tuple[dict, dict]:
    """Krackhardt's four dimensions for large networks; same definitions as :func:`~p2pkit.equipotency.krackhardt`.

    Connectedness, hierarchy and efficiency are exact. Hierarchy counts reachable pairs
    through the condensation of the network (its strongly connected parts), with one
    bit-set of ancestors per part. Least-upper-boundedness is exact when there are at most
    ``exact_parts`` parts (a pair has a least upper bound when the common ancestors of
    its two parts are exactly the ancestors of one of them); otherwise it is estimated
    from ``samples`` pairs drawn at random (seeded), with a binomial standard error.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
    seed : int, default 0
    exact_parts, samples : int

    Returns
    -------
    (values, standard_errors)
        ``values`` has the keys of :func:`p2pkit.equipotency.krackhardt`; the standard
        error is 0 for exact values.

    References
    ----------
    Krackhardt, D. (1994). Graph theoretical dimensions of informal organizations. In
    K. M. Carley & M. J. Prietula (eds.), *Computational Organization Theory*, 89-111.

    Examples
    --------
    >>> from p2pkit.orgs import hierarchy
    >>> krackhardt_large(hierarchy(3, 2, directed=True))[0]
    {'connectedness': 1.0, 'hierarchy': 1.0, 'efficiency': 1.0, 'lub': 1.0}
    """
    n = G.number_of_nodes()
    if n < 2:
        raise P2PKitError(f"this measure needs at least 2 people; the network has {n}.")
    D = G if G.is_directed() else G.to_directed()
    nodes = list(D)
    idx = {v: i for i, v in enumerate(nodes)}
    U = D.to_undirected(as_view=True)
    comps = [list(c) for c in nx.connected_components(U)]
    comp_of = np.empty(n, dtype=np.int64)
    for ci, c in enumerate(comps):
        for v in c:
            comp_of[idx[v]] = ci
    csize = np.array([len(c) for c in comps], dtype=np.int64)
    connected_pairs = float((csize * (csize - 1) / 2).sum())
    connectedness = connected_pairs / (n * (n - 1) / 2)
    pairs = set()
    for u, v in D.edges():
        a, b = idx[u], idx[v]
        if a != b:
            pairs.add((a, b) if a < b else (b, a))
    ecount = np.zeros(len(comps), dtype=np.int64)
    for a, _ in pairs:
        ecount[comp_of[a]] += 1
    excess = float((ecount - (csize - 1)).sum())
    max_excess = float(((csize - 1) * (csize - 2) / 2).sum())
    efficiency = 1.0 if max_excess == 0 else 1.0 - excess / max_excess

    R = _reach(D, nodes)
    ordered = float((R.sizes * (R.anc_people - 1)).sum())
    both = float((R.sizes * (R.sizes - 1) / 2).sum())
    either = ordered - both
    hierarchy = 0.0 if either == 0 else 1.0 - both / either

    part_comp = np.empty(R.k, dtype=np.int64)
    part_comp[R.part_of] = comp_of
    max_lacking = float(((csize - 1) * (csize - 2) / 2).sum())
    lub_se = 0.0
    if max_lacking == 0:
        lub = 1.0
    elif R.k <= exact_parts:
        A = np.unpackbits(R.anc, axis=1)[:, :R.k].astype(bool)
        lacking = 0.0
        for a in range(R.k):
            M = A[a][None, :] & A[a + 1:]
            if M.shape[0] == 0:
                continue
            cnt = M.sum(axis=1)
            best = np.where(M, R.anc_count[None, :], -1).max(axis=1)
            no_lub = (best != cnt) | (cnt == 0)
            same = part_comp[a + 1:] == part_comp[a]
            lacking += float((R.sizes[a] * R.sizes[a + 1:] * (no_lub & same)).sum())
        lub = 1.0 - lacking / max_lacking
    else:
        rng = np.random.default_rng(seed)
        weights = csize * (csize - 1) / 2
        total = float(weights.sum())
        members = [np.array([idx[v] for v in c]) for c in comps]
        picks = rng.choice(len(comps), size=samples, p=weights / total)
        miss = 0
        for ci in picks:
            a, b = rng.choice(members[ci], size=2, replace=False)
            pa, pb = R.part_of[a], R.part_of[b]
            if pa == pb:
                continue
            bounds = np.bitwise_and(R.anc[pa], R.anc[pb])
            cand = np.flatnonzero(np.unpackbits(bounds)[:R.k])
            if cand.size == 0 or R.anc_count[cand].max() != cand.size:
                miss += 1
        p = miss / samples
        lub = 1.0 - p * total / max_lacking
        lub_se = math.sqrt(p * (1 - p) / samples) * total / max_lacking
    values = {"connectedness": float(connectedness), "hierarchy": float(hierarchy),
              "efficiency": float(efficiency), "lub": float(lub)}
    return values, {"connectedness": 0.0, "hierarchy": 0.0, "efficiency": 0.0, "lub": float(lub_se)}


def closeness_estimate(G: nx.DiGraph, pivots: int, seed: int = 0, batches: int = 10, _g=None
                       ) -> tuple[dict, dict, str]:
    """Everyone's closeness (ORA's convention) estimated from a sample of target people.

    ORA's closeness is ``(n - 1) / T`` with ``T`` the sum of a person's distances to the
    people they reach plus ``n`` for every person out of reach. The number of people each
    person reaches is counted exactly (on the condensation of the network); only the
    average distance to the people reached is estimated, from the distances to ``pivots``
    people drawn at random (seeded) -- the sampling estimator of Eppstein & Wang (2004),
    here along the ties' direction. The pivots are split into ``batches`` groups whose
    spread gives a standard error of each closeness. With every person as a pivot the
    result is exact.

    Returns
    -------
    (values, standard_errors, method)

    References
    ----------
    Eppstein, D., & Wang, J. (2004). Fast approximation of centrality. *Journal of Graph
    Algorithms and Applications* 8(1), 39-45.

    Examples
    --------
    >>> from p2pkit.orgs import client_server
    >>> values, se, method = closeness_estimate(nx.DiGraph(client_server(6)), pivots=6)
    >>> round(values[0], 3)
    1.0
    """
    nodes = list(G)
    n = len(nodes)
    D = G if G.is_directed() else G.to_directed()
    R = _reach(D, nodes)
    reached = R.desc_people[R.part_of].astype(float)  # people each person reaches, self included
    k = min(n, max(2, int(pivots)))
    batches = max(2, min(batches, k))
    rng = np.random.default_rng(seed)
    chosen = rng.permutation(n)[:k]
    groups = np.array_split(chosen, batches)
    ig = _igraph()
    sums, counts = [], []
    if ig is not None:
        g = _g if _g is not None else _to_igraph(D, nodes)
    else:
        Rev = D.reverse(copy=False)
        idx = {v: i for i, v in enumerate(nodes)}
    for grp in groups:
        s_acc = np.zeros(n)
        c_acc = np.zeros(n)
        if ig is not None:
            for start in range(0, len(grp), 100):
                Dm = np.asarray(g.distances(source=grp[start:start + 100].tolist(), mode="in"), dtype=float)
                ok = np.isfinite(Dm) & (Dm > 0)  # people reached (not oneself)
                s_acc += np.where(ok, Dm, 0.0).sum(axis=0)
                c_acc += ok.sum(axis=0)
        else:
            for p in grp:
                for v, dv in nx.single_source_shortest_path_length(Rev, nodes[p]).items():
                    if dv > 0:
                        s_acc[idx[v]] += dv
                        c_acc[idx[v]] += 1
        sums.append(s_acc)
        counts.append(c_acc)
    S, Cn = np.vstack(sums), np.vstack(counts)

    def closeness_from(s_tot, c_tot):
        mean_d = np.where(c_tot > 0, s_tot / np.maximum(c_tot, 1), 1.0)
        total = (reached - 1) * mean_d + n * (n - reached)
        return np.where(total > 0, (n - 1) / np.maximum(total, 1e-12), 0.0)

    value = closeness_from(S.sum(axis=0), Cn.sum(axis=0))
    per_batch = np.vstack([closeness_from(S[b], Cn[b]) for b in range(len(groups))])
    se = per_batch.std(axis=0, ddof=1) / math.sqrt(len(groups))
    method = (f"estimated from distances to {k} of {n} people (Eppstein & Wang 2004; reach counted exactly; "
              f"{'igraph' if ig is not None else 'networkx'}, seed {seed})")
    return dict(zip(nodes, value.tolist())), dict(zip(nodes, se.tolist())), method


def closeness_large(G: nx.DiGraph, _g=None) -> dict:
    """Everyone's closeness with ORA's convention, fast (igraph); same values as :func:`~p2pkit.equipotency.centrality`.

    ``(n - 1) / (sum of distances to the people reached + n * people not reached)``,
    following ties outwards. Distances come from igraph; how many people each person
    reaches comes from the condensation of the network.

    Examples
    --------
    >>> from p2pkit.orgs import client_server
    >>> round(closeness_large(client_server(5))[0], 3)
    1.0
    """
    nodes = list(G)
    n = len(nodes)
    ig = _igraph()
    if ig is None or n < 3:
        return centrality(G, "closeness")
    D = G if G.is_directed() else G.to_directed()
    R = _reach(D, nodes)
    reached = R.desc_people[R.part_of]  # people reachable, self included
    g = _g if _g is not None else _to_igraph(D, nodes)
    inv = np.asarray(g.closeness(mode="out", normalized=False), dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        dist_sum = np.where(np.isnan(inv) | (inv == 0), 0.0, 1.0 / inv)
    total = dist_sum + n * (n - reached)
    return dict(zip(nodes, ((n - 1) / total).tolist()))


def _centralization_from(values: dict, n: int, measure: str, directed: bool, mode: str = "total") -> float:
    """Freeman centralization from given centralities (same maxima as equipotency.centralization)."""
    c = np.fromiter(values.values(), dtype=float)
    gap = float((c.max() - c).sum())
    if measure == "degree":
        denom = n - 1 if (directed and mode in ("in", "out")) else n - 2
    elif measure == "betweenness":
        denom = n - 1
    else:
        denom = (n - 1) * (n - 2) / (2 * n - 3)
    return float(min(1.0, max(0.0, round(gap / denom, 12))))


def _louvain_igraph(U: nx.Graph, seed: int, _g=None) -> list[set]:
    ig = _igraph()
    nodes = list(U)
    g = _g if _g is not None else _to_igraph(U, nodes)
    old = random.getstate()
    ig.set_random_number_generator(random.Random(seed))
    try:
        parts = g.community_multilevel(return_levels=False)
    finally:
        ig.set_random_number_generator(random)
        random.setstate(old)
    order = {v: i for i, v in enumerate(nodes)}
    comms = [{nodes[i] for i in p} for p in parts]
    return sorted(comms, key=lambda c: (-len(c), min(order[v] for v in c)))


# --------------------------------------------------------------------------- the diagnosis


@dataclass
class Diagnosis:
    """Every number the report shows, computed by :func:`diagnose`."""

    people: int
    ties: int
    density: float
    reciprocity: float
    components: int
    largest_share: float
    respondents: int | None
    relation: str | None
    named_by: dict
    betweenness: dict
    betweenness_se: dict
    load: dict
    load_se: dict
    closeness: dict
    closeness_se: dict
    centralization: dict
    gini: dict
    influence: list
    krackhardt: dict
    krackhardt_se: dict
    communities: list
    modularity: float
    brokers: list
    single_points: list
    baseline: float
    removals: list
    team_mix: dict | None
    methods: dict = field(default_factory=dict)
    timings: dict = field(default_factory=dict)

    def top(self, measure: str = "load", k: int = 5) -> list:
        """The ``k`` people highest on ``measure`` (``load``, ``betweenness``, ``named_by``...)."""
        values = getattr(self, measure)
        return sorted(values, key=lambda v: (-values[v], str(v)))[:k]


def diagnose(G: nx.Graph, seed: int = 0, pivots: int = PIVOTS, engine: str = "auto",
             progress: bool | None = False, _bar: _Progress | None = None) -> Diagnosis:
    """Measure a team's network on the report's four questions.

    Parameters
    ----------
    G : networkx.DiGraph or networkx.Graph
        Ties from the person who answered to the person named (an undirected network is
        read as ties both ways). Self-ties are ignored.
    seed : int, default 0
        Seeds the community detection and every sample.
    pivots : int, default 2000
        People sampled for betweenness and closeness above :data:`EXACT_BETWEENNESS` people.
    engine : {"auto", "networkx"}
        ``"networkx"`` never uses igraph (slower; for comparison and for machines without it).
    progress : bool or None
        Show a progress bar on stderr (None: only in a terminal).

    Returns
    -------
    Diagnosis

    References
    ----------
    Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
    *Social Networks* 1(3), 215-239.
    Krackhardt, D. (1994). Graph theoretical dimensions of informal organizations. In
    K. M. Carley & M. J. Prietula (eds.), *Computational Organization Theory*, 89-111.
    Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E. (2008). Fast unfolding
    of communities in large networks. *J. Stat. Mech.* P10008.
    Borgatti, S. P. (2006). Identifying sets of key players in a social network.
    *Computational and Mathematical Organization Theory* 12, 21-34.

    Examples
    --------
    >>> from p2pkit.orgs import load_dataset
    >>> d = diagnose(load_dataset("krack_advice"))
    >>> d.people, d.ties, d.top("named_by", 1)
    (21, 190, ['2'])
    """
    if G.number_of_nodes() < 3:
        raise P2PKitError(f"the report needs a network of at least 3 people; this one has {G.number_of_nodes()}.")
    if engine not in ("auto", "networkx"):
        raise P2PKitError(f"engine must be 'auto' or 'networkx'; got {engine!r}.")
    bar = _bar or _Progress(7, progress)
    if G.is_directed() and not G.is_multigraph() and nx.number_of_selfloops(G) == 0:
        D = G  # only read, never changed
    else:
        D = nx.DiGraph()
        D.add_nodes_from(G.nodes(data=True))
        D.add_edges_from((u, v) for u, v in G.edges() if u != v)
        if not G.is_directed():
            D.add_edges_from((v, u) for u, v in G.edges() if u != v)
    U = nx.Graph()
    U.add_nodes_from(D)
    U.add_edges_from(D.edges())
    n, m = D.number_of_nodes(), D.number_of_edges()
    use_ig = engine == "auto" and _igraph() is not None
    small = n <= SMALL_NETWORK
    fast = use_ig and not small
    methods: dict[str, str] = {}
    if fast:
        nodes = list(D)
        gd = _to_igraph(D, nodes)
        gu = gd.as_undirected(mode="collapse")
        pos_of = {v: i for i, v in enumerate(nodes)}

    bar.step("counting ties")
    named_by = dict(D.in_degree())
    recip = (sum(1 for u, v in D.edges() if D.has_edge(v, u)) / m) if m else 0.0
    comp_sizes = (gu.components().sizes() if fast else [len(c) for c in nx.connected_components(U)])
    largest = max(comp_sizes)

    bar.step("centrality and centralization")
    deg_c = centralization(D, "degree", mode="in")
    if small:
        btw = centrality(D, "betweenness")
        btw_se = {v: 0.0 for v in D}
        load = load_share(U)
        load_se = {v: 0.0 for v in D}
        clo = centrality(D, "closeness")
        clo_se = {v: 0.0 for v in D}
        cent = {"degree (named by)": deg_c,
                "betweenness": centralization(D, "betweenness"),
                "closeness": centralization(D, "closeness")}
        methods["betweenness"] = "exact (p2pkit.equipotency, networkx)"
        methods["closeness"] = "exact (p2pkit.equipotency)"
    else:
        exact_limit = EXACT_BETWEENNESS if use_ig else EXACT_BETWEENNESS_NX
        piv = None if n <= exact_limit else pivots
        if use_ig:
            btw, btw_se, mb = betweenness_estimate(D, piv, seed, _g=gd)
            load, load_se, _ = betweenness_estimate(U, piv, seed, _g=gu)
        elif piv is None:
            btw, load, mb = centrality(D, "betweenness"), load_share(U), "exact (networkx)"
            btw_se = {v: 0.0 for v in D}
            load_se = dict(btw_se)
        else:
            btw = nx.betweenness_centrality(D, k=piv, seed=seed)
            load = nx.betweenness_centrality(U, k=piv, seed=seed)
            mb = f"estimated from {piv} of {n} source people (networkx, seed {seed}; no standard error)"
            btw_se = {v: float("nan") for v in D}
            load_se = dict(btw_se)
        if piv is None:
            clo = closeness_large(D, _g=gd) if use_ig else centrality(D, "closeness")
            clo_se = {v: 0.0 for v in D}
            methods["closeness"] = ("exact (igraph distances, ORA convention)" if use_ig
                                    else "exact (p2pkit.equipotency)")
        else:
            clo, clo_se, methods["closeness"] = closeness_estimate(D, piv, seed, _g=gd if use_ig else None)
        methods["betweenness"] = mb
        cent = {"degree (named by)": deg_c,
                "betweenness": _centralization_from(btw, n, "betweenness", True),
                "closeness": _centralization_from(clo, n, "closeness", True)}

    bar.step("equality (Gini) and influence")
    gin = {"named by": gini(named_by.values()), "betweenness (routes)": gini(load.values())}
    shares = influence_shares(D, "degree")
    influence = sorted(shares.items(), key=lambda kv: (-kv[1], str(kv[0])))[:10]

    bar.step("Krackhardt's dimensions")
    if small:
        kr = krackhardt(D)
        kr_se = {k: 0.0 for k in kr}
        methods["krackhardt"] = "exact (p2pkit.equipotency)"
    else:
        kr, kr_se = krackhardt_large(D, seed=seed)
        methods["krackhardt"] = ("exact (condensation)" if kr_se["lub"] == 0 else
                                 f"exact, except least-upper-boundedness: estimated from {LUB_SAMPLES:,} "
                                 f"random pairs (seed {seed})")

    bar.step("node communities")
    if n <= COMMUNITY_NX_LIMIT or not use_ig:
        comms = detect(U, seed=seed)
        methods["communities"] = f"Louvain (p2pkit.communities.detect, networkx, seed {seed})"
    else:
        comms = _louvain_igraph(U, seed, _g=gu)
        methods["communities"] = f"Louvain (igraph multilevel, seed {seed})"
    Q = modularity(U, comms)
    member = membership(comms)
    brokers = []
    for v in sorted(U, key=lambda x: (-load[x], str(x))):
        others = {member[u] for u in U[v]} - {member[v]}
        if others:
            brokers.append((v, load[v], member[v], sorted(others)))
        if len(brokers) >= 10:
            break

    bar.step("resilience")
    if fast:
        aps = [nodes[i] for i in gu.articulation_points()]
        methods["resilience"] = "exact (igraph components and articulation points)"
    else:
        aps = list(nx.articulation_points(U))
        methods["resilience"] = "exact (p2pkit.architecture.pairwise_connectivity; networkx)"
    aps.sort(key=lambda v: (-load[v], str(v)))
    top5 = sorted(U, key=lambda v: (-load[v], -U.degree(v), str(v)))[:5]
    groups = [[v] for v in top5] + ([top5] if len(top5) > 1 else [])

    def without(people: list) -> tuple[float, int]:
        if fast:
            h = gu.copy()
            h.delete_vertices([pos_of[v] for v in people])
            sizes = h.components().sizes()
            k = h.vcount()
            pc = 1.0 if k < 2 else sum(s * (s - 1) / 2 for s in sizes) / (k * (k - 1) / 2)
            return pc, (k - max(sizes)) if sizes else 0
        H = nx.restricted_view(U, people, [])
        return pairwise_connectivity(H), _cut_off(H)

    if fast:
        base = sum(s * (s - 1) / 2 for s in comp_sizes) / (n * (n - 1) / 2)
    else:
        base = pairwise_connectivity(U)
    removals = [(tuple(g_), *without(g_)) for g_ in groups]
    single = [(v, without([v])[1]) for v in aps[:10]]

    bar.step("teams")
    team_mix = None
    teams = nx.get_node_attributes(D, "team")
    if teams and len(set(teams.values())) > 1:
        within = sum(1 for u, v in D.edges() if teams.get(u) is not None and teams.get(u) == teams.get(v))
        rows = []
        for i, c in enumerate(comms[:12]):
            cnt = Counter(teams.get(v, "(no team)") for v in c)
            t, k = cnt.most_common(1)[0]
            rows.append((i, len(c), t, k / len(c)))
        team_mix = {"within_team_share": within / m if m else 0.0, "communities": rows,
                    "teams": len(set(teams.values()))}
    if _bar is None:
        bar.close()
    return Diagnosis(
        people=n, ties=m, density=nx.density(D), reciprocity=float(recip), components=len(comp_sizes),
        largest_share=largest / n, respondents=None, relation=G.graph.get("relation"),
        named_by=named_by, betweenness=btw, betweenness_se=btw_se, load=load, load_se=load_se,
        closeness=clo, closeness_se=clo_se, centralization=cent, gini=gin, influence=influence, krackhardt=kr,
        krackhardt_se=kr_se, communities=comms, modularity=Q, brokers=brokers,
        single_points=single, baseline=base, removals=removals, team_mix=team_mix, methods=methods,
        timings=dict(bar.timings),
    )


def _cut_off(H) -> int:
    """People not in the largest remaining part."""
    sizes = [len(c) for c in nx.connected_components(H)]
    return (sum(sizes) - max(sizes)) if sizes else 0


# --------------------------------------------------------------------------- readings


def _pct(x: float) -> str:
    return f"{x:.0%}"


def readings(d: Diagnosis, name: Callable[[object], str] = str) -> dict[str, str]:
    """Plain-language readings of each figure, computed from the diagnosis.

    Returns a dict with the keys ``map``, ``communities``, ``equipotency``,
    ``krackhardt``, ``resilience`` and ``glance`` (one sentence each, except ``glance``,
    a few). ``name`` turns a person into the text shown (for pseudonymised reports).

    The thresholds are conventions of this companion, stated in the sentences themselves:
    modularity above 0.3 counts as clear communities (Newman & Girvan 2004); a Gini of being
    named above 0.4 as concentrated; betweenness centralization above 0.5 as one person
    dominating the routes (Freeman 1979); Krackhardt's (1994) hierarchy above 0.5 as
    one-way, chain-of-command ties.

    References
    ----------
    Newman, M. E. J., & Girvan, M. (2004). Finding and evaluating community structure in
    networks. *Physical Review E* 69, 026113.
    Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
    *Social Networks* 1(3), 215-239.

    Examples
    --------
    >>> from p2pkit.orgs import load_dataset
    >>> r = readings(diagnose(load_dataset("krack_advice")))
    >>> "21 people" in r["map"]
    True
    """
    out: dict[str, str] = {}
    parts = "" if d.components == 1 else (f" It falls into {d.components} separate parts; the largest holds "
                                           f"{_pct(d.largest_share)} of the people.")
    out["map"] = (f"{d.people:,} people and {d.ties:,} ties: each person names {d.ties / d.people:.1f} others on "
                  f"average, and {_pct(d.reciprocity)} of ties are returned (both people named each other)."
                  + parts)
    q = d.modularity
    clear = "clear" if q >= 0.3 else ("weak" if q >= 0.1 else "hardly any")
    big = len(d.communities[0]) / d.people
    comm = (f"{len(d.communities)} node communities with {clear} boundaries (modularity {q:.2f}); the largest "
            f"holds {_pct(big)} of the people.")
    if d.brokers:
        b = d.brokers[0]
        comm += (f" The strongest broker is {name(b[0])}, who links community {b[2] + 1} with "
                 f"{len(b[3])} other communit{'ies' if len(b[3]) != 1 else 'y'}.")
    if d.team_mix:
        comm += f" {_pct(d.team_mix['within_team_share'])} of ties stay inside a formal team."
    out["communities"] = comm
    top = d.top("named_by", max(1, math.ceil(d.people / 10)))
    total = sum(d.named_by.values()) or 1
    share = sum(d.named_by[v] for v in top) / total
    g = d.gini["named by"]
    spread = "concentrated" if g >= 0.4 else ("unevenly spread" if g >= 0.2 else "evenly spread")
    cb = d.centralization["betweenness"]
    dom = ("one person sits on a large share of the routes" if cb >= 0.5 else
           "routes run through several people" if cb >= 0.15 else "no one dominates the routes")
    who = (f"the top {len(top)} {'person receives' if len(top) == 1 else 'people receive'}" if len(top) < 10
           else f"the top 10% ({len(top):,} people) receive")
    out["equipotency"] = (f"Being named is {spread}: {who} {_pct(share)} of all "
                          f"mentions (Gini {g:.2f}). Betweenness centralization is {cb:.2f}: {dom}.")
    k = d.krackhardt
    out["krackhardt"] = (f"Against a formal chart (all four at 1): connectedness {k['connectedness']:.3f}, "
                         f"hierarchy {k['hierarchy']:.3f}, efficiency {k['efficiency']:.3f}, "
                         f"least-upper-boundedness {k['lub']:.3f}. "
                         + ("Ties mostly run one way, as in a chain of command."
                            if k["hierarchy"] >= 0.5 else
                            "Most people who reach someone are also reached back: a network of peers, "
                            "not a chain of command."))
    if d.removals:
        v, pc, cut = d.removals[0]
        single = (f"{len(d.single_points)} {'person is a single point' if len(d.single_points) == 1 else 'people are single points'} "
                  "of failure: each alone would cut someone off." if d.single_points else
                  "No single person's absence cuts anyone off.")
        res = (f"{single} Without the most central person ({name(v[0])}), {_pct(pc)} of pairs can still "
               f"reach each other (now {_pct(d.baseline)}).")
        if len(d.removals) > 5:
            vs, pc5, cut5 = d.removals[-1]
            res += (f" Without the {len(vs)} most central people together: {_pct(pc5)}, and {cut5:,} "
                    f"{'person' if cut5 == 1 else 'people'} cut off from the rest.")
        out["resilience"] = res
    else:  # pragma: no cover - every network of 3+ people has removals
        out["resilience"] = ""
    out["glance"] = " ".join([out["map"].split(":")[0] + ".", comm.split(";")[0] + ".",
                              out["equipotency"].split(":")[0] + ".", out["resilience"].split(".")[0] + "."])
    return out


# --------------------------------------------------------------------------- figures


# --------------------------------------------------------------------------- HTML

_CSS = """
body{font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;max-width:980px;margin:24px auto;
padding:0 16px;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:0.2em}h2{border-bottom:2px solid #0072B2;padding-bottom:2px;margin-top:1.6em}
table{border-collapse:collapse;margin:8px 0;font-size:0.92em}td,th{border:1px solid #ccc;padding:3px 8px;
text-align:left;vertical-align:top}th{background:#f2f2f2}.glance{background:#eef6fb;border-left:5px solid #0072B2;
padding:8px 12px}.reading{background:#f7f7f7;border-left:5px solid #009E73;padding:6px 12px}
.caveat{border-left:5px solid #D55E00;padding:6px 12px;background:#fdf3ec}.small{font-size:0.85em;color:#555}
img{max-width:100%;height:auto}code{background:#f2f2f2;padding:0 3px}
"""


def _e(x: object) -> str:
    return html.escape(str(x), quote=True)


def _table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    h = "".join(f"<th>{_e(c)}</th>" for c in header)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><tr>{h}</tr>{body}</table>"


def render_html(d: Diagnosis, summary: ReadSummary | None, figures: dict[str, str],
                name: Callable[[object], str] = str, pseudonymised: bool = False,
                title: str | None = None, summary_name: Callable[[str], str] | None = None) -> str:
    """The report as one self-contained HTML string (every name and text escaped).

    ``name`` turns a person of the network into the text shown; ``summary_name`` does the
    same for the names in the reading summary (which may not be in the network).
    """
    summary_name = summary_name or name
    r = readings(d, name)
    rel = f" {d.relation}" if d.relation else ""
    title = title or f"Network report: the{rel} network of {d.people:,} people"
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
             f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
             f"<title>{_e(title)}</title><style>{_CSS}</style>{inline_scripts()}</head><body>",
             f"<h1>{_e(title)}</h1>",
             f"<p class='small'>Made with p2pkit {__version__}, the toolkit of the P2P Leadership Companion. "
             "This file works offline and contains "
             + ("<b>pseudonyms</b> (P01, P02, ...) instead of names." if pseudonymised else
                "<b>real names</b>: treat it as confidential; make a pseudonymised copy "
                "(<code>--pseudonymise</code>) before showing it to a group.") + "</p>",
             f"<div class='glance'><b>At a glance.</b> {_e(r['glance'])}</div>"]

    parts.append("<h2>What was read</h2>")
    if summary is not None:
        lines = summary.lines(summary_name)
        head = [ln for ln in lines if not ln.startswith("- ")]
        parts.append("".join(f"<p>{_e(ln)}</p>" for ln in head))
        rows = summary.rows(summary_name)
        if rows:
            parts.append("<p>Nothing is dropped silently. Everything tidied, merged or skipped:</p>")
            parts.append(_table(["what", "how many", "what the kit did", "what to do", "examples (file, row)"],
                                [(w, n, did, todo, " | ".join(ex[:3])) for w, n, did, todo, ex in rows]))
        else:
            parts.append("<p>Every row was read as it was; nothing was tidied or skipped.</p>")
    else:
        parts.append(f"<p>A network given directly: {d.people} people, {d.ties} ties.</p>")

    parts.append("<h2>1. The network map</h2>")
    parts.append(figures["map"])
    parts.append(f"<p class='reading'><b>Reading.</b> {_e(r['map'])}</p>")
    if d.people <= MAP_PEOPLE:
        parts.append("<p class='small'>Find a person by name to see their ties; hover over anyone (or tab into "
                     "the map and use the arrow keys) for how often they are named and their share of the routes "
                     "between others; colour by community or by role. Size: how often a person is named.</p>")
    parts.append("<p class='caveat'><b>Caveat.</b> A map shows who named whom in one survey: a tie is a "
                 "person's own report, and someone who did not answer appears only through others' answers. "
                 "Positions on the map carry no meaning beyond closeness of ties.</p>")

    parts.append("<h2>2. Node communities and brokers</h2>")
    parts.append(f"<p class='reading'><b>Reading.</b> {_e(r['communities'])}</p>")
    crow = []
    tm = {row[0]: row for row in (d.team_mix or {}).get("communities", [])}
    for i, c in enumerate(d.communities[:12]):
        team = f"{tm[i][2]} ({tm[i][3]:.0%})" if i in tm else ""
        crow.append((i + 1, len(c), team))
    if d.team_mix:
        parts.append(_table(["community", "people", "most common team (share)"], crow))
    else:
        parts.append(_table(["community", "people"], [r[:2] for r in crow]))
    if len(d.communities) > 12:
        parts.append(f"<p class='small'>... and {len(d.communities) - 12} smaller communities.</p>")
    if d.brokers:
        parts.append("<p>Brokers: the people with the most routes through them (betweenness) who have ties "
                     "into other communities.</p>")
        parts.append(_table(["person", "share of routes", "own community", "tied into communities"],
                            [(name(v), f"{lv:.1%}", c + 1, ", ".join(str(o + 1) for o in others[:8])
                              + (f" ... ({len(others)} in all)" if len(others) > 8 else ""))
                             for v, lv, c, others in d.brokers]))
    parts.append("<p class='caveat'><b>Caveat.</b> Louvain finds a good division, not the only one: a "
                 "different seed can move people at the edges. Communities are computed with ties in either "
                 "direction and unweighted.</p>")

    parts.append("<h2>3. Equipotency: how evenly is influence spread?</h2>")
    parts.append(figures["equipotency"])
    parts.append(f"<p class='reading'><b>Reading.</b> {_e(r['equipotency'])}</p>")
    rows = [(f"{k} centralization", f"{v:.3f}", "0 = everyone equal, 1 = a star") for k, v in d.centralization.items()]
    rows += [(f"Gini of {k}", f"{v:.3f}", "0 = equal, near 1 = one person has it all") for k, v in d.gini.items()]
    parts.append(_table(["measure", "value", "scale"], rows))
    parts.append(figures["krackhardt"])
    parts.append(f"<p class='reading'><b>Reading.</b> {_e(r['krackhardt'])}</p>")
    if d.krackhardt_se.get("lub"):
        parts.append(f"<p class='small'>Least-upper-boundedness is estimated: standard error "
                     f"{d.krackhardt_se['lub']:.3f}.</p>")
    parts.append("<p class='caveat'><b>Caveat.</b> Measures follow the conventions of CMU's ORA: ties are read "
                 "in the direction given (from the person who answered to the person named); influence shares "
                 "count ties sent and received. Being named often can mean being relied on -- or overloaded.</p>")

    parts.append("<h2>4. Resilience: who does the network depend on?</h2>")
    parts.append(figures["resilience"])
    parts.append(f"<p class='reading'><b>Reading.</b> {_e(r['resilience'])}</p>")
    estimated = any(se and not math.isnan(se) for se in d.load_se.values())
    parts.append(_table(["most central (by routes)", "share of routes"]
                        + (["± standard error"] if estimated else []) + ["named by"],
                        [(name(v), f"{d.load[v]:.1%}")
                         + ((f"{d.load_se[v]:.2%}",) if estimated else ()) + (d.named_by[v],)
                         for v in d.top("load", 10)]))
    if d.single_points:
        parts.append(_table(["single point of failure", "people cut off from the rest if they left"],
                            [(name(v), c) for v, c in d.single_points]))
    parts.append("<p class='caveat'><b>Caveat.</b> Removing a person here removes all of their ties at once and "
                 "nobody adapts; in a real team people find new routes. Treat the list as a place to start a "
                 "conversation (who backs up whom?), not as a ranking of people.</p>")

    parts.append("<h2>Take it further</h2><p>Open the same network in the tools facilitators use: "
                 "<code>python -m p2pkit export ANSWERS.csv --to gexf -o team.gexf</code> (Gephi, Cytoscape; "
                 "also <code>--to graphml</code>) or <code>--to kumu -o team</code> (two CSV files for Kumu's "
                 "import: elements and connections). Add <code>--pseudonymise</code> to share them.</p>")
    parts.append("<h2>Caveats for the whole report</h2><ul>")
    if d.respondents is not None and d.respondents < d.people:
        miss = d.people - d.respondents
        parts.append(f"<li><b>Survey non-response.</b> {d.respondents} of {d.people} people named someone; "
                     f"{miss} named nobody (perhaps they did not answer). Their ties to others are missing, so "
                     "they look more peripheral than they are, and measures of the whole network shift "
                     "(Kossinets 2006).</li>")
    else:
        parts.append("<li><b>Survey non-response.</b> Everyone here named someone, so no one's answers are "
                     "missing entirely; but anyone who was not asked is not here, and people may leave out "
                     "ties they forgot (Kossinets 2006).</li>")
    parts.append("<li><b>Self-report.</b> Each tie is one person's recollection; people remember regular, recent "
                 "and important contacts best, and some answer what they think is expected (Marsden 1990).</li>"
                 "<li><b>A snapshot.</b> The network changes with projects, seasons and people joining or "
                 "leaving; repeat the survey before drawing conclusions about change.</li>"
                 "<li><b>Boundary.</b> Only the people in the survey (or the people list) are here; ties to "
                 "anyone outside are not.</li></ul>")

    parts.append("<h2>How this was computed</h2>")
    order = ["betweenness", "closeness", "krackhardt", "communities", "resilience"]
    mrows = sorted(d.methods.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)
    parts.append(_table(["measure", "method"], mrows))
    if any(v for v in d.betweenness_se.values() if not math.isnan(v)):
        worst = max(d.load_se[v] for v in d.top("load", 10))
        parts.append(f"<p class='small'>Betweenness and closeness are estimates for networks of more than "
                     f"{EXACT_BETWEENNESS:,} people, from a seeded sample of people: the largest standard error "
                     f"among the ten most central people is {worst:.2%} (share of routes). The person at the top "
                     "is usually right; the order of people with nearly equal shares further down may differ from "
                     "exact values, so read the list as a group rather than a ranking (the errors measured against "
                     "exact values are in benchmarks/bench_report.py).</p>")
    parts.append("<p class='small'>References: Freeman (1979) centralization; Gini (1912); Krackhardt (1994) "
                 "dimensions of informal organisations; Blondel et al. (2008) Louvain; Newman &amp; Girvan (2004) "
                 "modularity; Borgatti (2006) pairwise connectivity; Hopcroft &amp; Tarjan (1973) articulation "
                 "points; Brandes &amp; Pich (2007) betweenness estimation; Cross &amp; Parker (2004) organisational "
                 "network analysis. No data left this computer: the kit makes no network calls.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


# --------------------------------------------------------------------------- the report


@dataclass
class Report:
    """A finished report: the HTML, the reading summary and the diagnosis."""

    html: str
    summary: ReadSummary | None
    diagnosis: Diagnosis
    graph: nx.DiGraph
    pseudonymised: bool = False
    inputs: tuple = ()
    timings: dict = field(default_factory=dict)

    def save(self, path: str | Path) -> Path:
        """Write the HTML to ``path`` (never over one of the input files)."""
        p = Path(path)
        for src in self.inputs:
            try:
                if p.exists() and os.path.samefile(p, src):
                    raise P2PKitError(f"{p} is one of the input files; choose another name for the report.")
            except FileNotFoundError:
                pass
        if p.parent and not p.parent.exists():
            raise P2PKitError(f"the folder {p.parent} does not exist; create it or choose another path.")
        p.write_text(self.html, encoding="utf-8")
        return p

    def _repr_html_(self) -> str:  # pragma: no cover - notebook display
        return self.html


def build_report(
    source: str | Path | Survey | nx.Graph,
    people: str | Path | None = None,
    relation: str | None = None,
    pseudonymise: bool = False,
    output: str | Path | None = None,
    key: str = "",
    merge_similar: bool = False,
    keep_unknown: bool = False,
    seed: int = 0,
    progress: bool | None = None,
    max_mb: float = 50.0,
    engine: str = "auto",
    pivots: int = PIVOTS,
) -> Report:
    """Read survey answers and build the self-contained HTML diagnostic.

    Parameters
    ----------
    source : path, Survey or networkx graph
        The answers (see :func:`p2pkit.team.intake.read_survey` for the accepted layouts), an
        already-read :class:`~p2pkit.team.summary.Survey`, or a network.
    people, relation, merge_similar, keep_unknown, max_mb
        Passed to :func:`~p2pkit.team.intake.read_survey`.
    pseudonymise : bool, default False
        Replace every name by a stable code (P01, P02, ...) everywhere in the report.
    output : path, optional
        Also write the HTML there (never over an input file).
    key : str, default ""
        Secret for the pseudonym order (see :func:`p2pkit.team.privacy.pseudonym_map`).
    seed : int, default 0
        Seeds the community detection, the layout and every sample.
    progress : bool or None
        Progress bar on stderr: None shows it only in a terminal.
    engine, pivots
        See :func:`diagnose`.

    Returns
    -------
    Report

    References
    ----------
    Cross, R., & Parker, A. (2004). *The Hidden Power of Social Networks*. Boston: Harvard
    Business School Press (organisational network analysis in practice).
    Borgatti, S. P., & Molina, J. L. (2003). Ethical and strategic issues in organizational
    social network analysis. *Journal of Applied Behavioral Science* 39(3), 337-349.

    Examples
    --------
    >>> from p2pkit.orgs import load_dataset
    >>> rep = build_report(load_dataset("krack_advice"), progress=False)
    >>> import re
    >>> rep.html.startswith("<!DOCTYPE html>"), re.search(r"<(script|img|link|iframe)[^>]*(src|href)=", rep.html)
    (True, None)
    """
    bar = _Progress(11, progress)
    bar.step("reading the answers")
    inputs: tuple = ()
    summary: ReadSummary | None
    if isinstance(source, Survey):
        G, summary = source.graph, source.summary
    elif isinstance(source, nx.Graph):
        G, summary = source, None
    else:
        G, summary = read_survey(source, people=people, relation=relation, merge_similar=merge_similar,
                                 keep_unknown=keep_unknown, max_mb=max_mb)
        inputs = tuple(str(p) for p in (source, people) if p is not None)
    if G.number_of_nodes() < 3:
        raise P2PKitError(f"the network has {G.number_of_nodes()} people; the report needs at least 3.")
    mapping: dict | None = None
    if pseudonymise:
        G, mapping = _pseudonymise(G, key=key)

    name = str  # the nodes are already codes when pseudonymised

    def summary_name(v: str) -> str:
        if mapping is None:
            return str(v)
        return mapping.get(str(v), "(someone not in the network)")

    d = diagnose(G, seed=seed, pivots=pivots, engine=engine, _bar=bar)
    if summary is not None:
        d.respondents = summary.respondents
        d.relation = summary.relation_used or d.relation
    bar.step("drawing the map")
    figures = {"map": team_map(G, d, name, seed).static_html()}
    bar.step("drawing the other figures")
    figures["equipotency"] = equality_figure(d, name).static_html()
    figures["krackhardt"] = krackhardt_figure(d).static_html()
    figures["resilience"] = resilience_figure(d, name).static_html()
    bar.step("writing the report")
    text = render_html(d, summary, figures, name, pseudonymised=pseudonymise, summary_name=summary_name)
    bar.close()
    rep = Report(html=text, summary=summary, diagnosis=d, graph=G, pseudonymised=pseudonymise,
                 inputs=inputs, timings=dict(bar.timings))
    if output is not None:
        rep.save(output)
    return rep
