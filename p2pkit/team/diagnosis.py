"""The team report's diagnosis: every number the report shows, measured on a team's network.

:func:`diagnose` measures the network through two of the three elements the book names
(Baker 2014, About This Book) -- node communities and equipotency -- and through resilience
(one survey is one snapshot: the third element, relational dynamics, needs a second survey
later), and returns a :class:`Diagnosis`; :func:`readings` turns it into plain-language sentences:

1. **the network** -- people, ties, how many are returned, separate parts;
2. **node communities and brokers** -- groups found by the Louvain method
   (:mod:`p2pkit.communities`) and the people who link them;
3. **equipotency** -- centralization, Gini coefficients, Krackhardt's four dimensions and
   influence shares (:mod:`p2pkit.equipotency`);
4. **resilience** -- who the network depends on (single points of failure, the most
   central people) and what their absence does to pairwise connectivity
   (:mod:`p2pkit.architecture`).

Scale
-----
Up to :data:`SMALL_NETWORK` people every measure is computed by the functions of
:mod:`p2pkit.equipotency`, :mod:`p2pkit.communities` and :mod:`p2pkit.architecture`
themselves. Larger networks use the same definitions with the fast measures of
:mod:`p2pkit.measures`, tested to give the same values on small networks: python-igraph
(Csardi & Nepusz 2006) for betweenness, Louvain and articulation points, scipy's
breadth-first search for closeness, and the condensation of the network for Krackhardt's
measures. Betweenness and closeness are exact up to :data:`EXACT_BETWEENNESS` people and
estimated above from a seeded sample of :data:`PIVOTS` people (Brandes & Pich 2007;
Eppstein & Wang 2004), with a standard error for every person and the pivots shared by
:data:`PROCESSES` processes (:class:`p2pkit.workers.Workers`; the same result, sooner);
least-upper-boundedness is estimated from a seeded sample of pairs when the network has
more than :data:`p2pkit.measures.LUB_EXACT_PARTS` strongly connected parts.
``benchmarks/bench_report.py`` measures the time, the memory and the errors against exact values.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx
import numpy as np

from .. import measures
from ..architecture import load_share, pairwise_connectivity
from ..communities import detect, membership, modularity
from ..equipotency import centrality, centralization, centralization_from, gini, influence_shares, krackhardt
from ..errors import P2PKitError
from ..measures import LUB_SAMPLES, Estimate, Workers, krackhardt_large, louvain
from .progress import Progress

__all__ = ["SMALL_NETWORK", "EXACT_BETWEENNESS", "PIVOTS", "PROCESSES", "Diagnosis", "diagnose", "readings"]

#: Up to this many people, every measure is computed by p2pkit's own exact functions.
SMALL_NETWORK = 150
#: Up to this many people betweenness and closeness are exact (with igraph).
EXACT_BETWEENNESS = 5000
#: The same limit when igraph is not installed (networkx only).
EXACT_BETWEENNESS_NX = 1000
#: Number of people sampled to estimate betweenness and closeness above that size.
PIVOTS = 2000
#: Up to this many people, communities come from p2pkit.communities.detect (networkx).
COMMUNITY_NX_LIMIT = 5000
#: Processes that share the sampled measures, the calling one included (at most the number of cores).
PROCESSES = 2
#: What the helper process imports while the first steps run.
_PRELOAD = ("igraph", "p2pkit.arcs")


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
             progress: bool | None = False, processes: int = PROCESSES, _bar: Progress | None = None) -> Diagnosis:
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
        ``"networkx"`` takes the routes made for machines without igraph (networkx for
        communities and resilience; exact betweenness and closeness only up to 1,000 people):
        slower, for comparison.
    progress : bool or None
        Show a progress bar on stderr (None: only in a terminal).
    processes : int, default 2
        Processes that share the sampled measures (1: this process only); the result is the same.

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
    bar = _bar or Progress(7, progress)
    team = _Team(G, engine)
    methods: dict[str, str] = {}
    with Workers(processes if team.estimating else 1, preload=_PRELOAD) as workers:
        bar.step("counting ties")
        named_by, recip, comp_sizes = _ties(team)
        bar.step("centrality and centralization")
        cen = _centrality(team, seed, pivots, workers, methods)
    bar.step("equality (Gini) and influence")
    gin = {"named by": gini(named_by.values()), "betweenness (routes)": gini(cen.load.values())}
    shares = influence_shares(team.D, "degree")
    influence = sorted(shares.items(), key=lambda kv: (-kv[1], str(kv[0])))[:10]
    bar.step("Krackhardt's dimensions")
    kr, kr_se = _krackhardt(team, seed, methods)
    bar.step("node communities")
    comms, Q, brokers = _communities(team, seed, cen.load, methods)
    bar.step("resilience")
    base, removals, single = _resilience(team, cen.load, comp_sizes, methods)
    bar.step("teams")
    team_mix = _team_mix(team, comms)
    if _bar is None:
        bar.close()
    n = team.n
    return Diagnosis(
        people=n, ties=team.m, density=nx.density(team.D), reciprocity=recip, components=len(comp_sizes),
        largest_share=int(comp_sizes.max()) / n, respondents=None, relation=G.graph.get("relation"),
        named_by=named_by, betweenness=cen.btw, betweenness_se=cen.btw.se, load=cen.load, load_se=cen.load.se,
        closeness=cen.clo, closeness_se=cen.clo.se, centralization=cen.cent, gini=gin, influence=influence,
        krackhardt=kr, krackhardt_se=kr_se, communities=comms, modularity=Q, brokers=brokers,
        single_points=single, baseline=base, removals=removals, team_mix=team_mix, methods=methods,
        timings=dict(bar.timings),
    )


# --------------------------------------------------------------------------- the network, three ways


class _Team:
    """The network in the forms the measures need: a DiGraph (only read), integer arrays, and,
    for the small and networkx routes, an undirected networkx graph."""

    def __init__(self, G: nx.Graph, engine: str):
        if G.is_directed() and not G.is_multigraph() and nx.number_of_selfloops(G) == 0:
            D = G  # only read, never changed
        else:
            D = nx.DiGraph()
            D.add_nodes_from(G.nodes(data=True))
            D.add_edges_from((u, v) for u, v in G.edges() if u != v)
            if not G.is_directed():
                D.add_edges_from((v, u) for u, v in G.edges() if u != v)
        self.D = D
        self.nodes = list(D)
        self.n, self.m = D.number_of_nodes(), D.number_of_edges()
        self.use_ig = engine == "auto" and measures.igraph_available()
        self.small = self.n <= SMALL_NETWORK
        self.fast = self.use_ig and not self.small
        self.estimating = not self.small and self.n > (EXACT_BETWEENNESS if self.use_ig else EXACT_BETWEENNESS_NX)
        self.arcs = measures.arcs(D, self.nodes)
        self.pairs = self.arcs.undirected()  # each pair of people tied (either way) once

    @cached_property
    def U(self) -> nx.Graph:
        U = nx.Graph()
        U.add_nodes_from(self.D)
        U.add_edges_from(self.D.edges())
        return U

    @cached_property
    def index(self) -> dict:
        return {v: i for i, v in enumerate(self.nodes)}

    @cached_property
    def degree(self) -> np.ndarray:
        """Undirected degree (people tied either way) by index."""
        return np.bincount(self.pairs.src, minlength=self.n) + np.bincount(self.pairs.dst, minlength=self.n)

    def neighbours(self, v) -> list:
        if self.fast:
            return [self.nodes[i] for i in self.pairs.igraph().neighbors(self.index[v])]
        return list(self.U[v])


def _ties(team: _Team) -> tuple[dict, float, np.ndarray]:
    """How often each person is named, the share of ties returned, and the sizes of the separate parts."""
    A, n = team.arcs, team.n
    recip = float(np.isin(A.dst * n + A.src, A.src * n + A.dst).sum() / team.m) if team.m else 0.0
    _, part = measures.components(A, "weak")
    return dict(team.D.in_degree()), recip, np.bincount(part)


# --------------------------------------------------------------------------- the four questions


@dataclass
class _Centrality:
    btw: Estimate
    load: Estimate
    clo: Estimate
    cent: dict


def _centrality(team: _Team, seed: int, pivots: int, workers: Workers, methods: dict) -> _Centrality:
    """Betweenness (directed, and undirected: the share of routes), closeness and their centralizations."""
    D = team.D
    deg_c = centralization(D, "degree", mode="in")
    if team.small:
        methods["betweenness"] = "exact (p2pkit.equipotency, networkx)"
        methods["closeness"] = "exact (p2pkit.equipotency)"
        return _Centrality(Estimate(centrality(D, "betweenness")), Estimate(load_share(team.U)),
                           Estimate(centrality(D, "closeness")),
                           {"degree (named by)": deg_c, "betweenness": centralization(D, "betweenness"),
                            "closeness": centralization(D, "closeness")})
    piv = pivots if team.estimating else None
    directed, undirected = (team.arcs, team.pairs) if team.use_ig else (D, team.U)
    btw = measures.betweenness(directed, pivots=piv, seed=seed, workers=workers)
    load = measures.betweenness(undirected, pivots=piv, seed=seed, workers=workers)
    clo = measures.closeness(team.arcs, pivots=piv, seed=seed, workers=workers)
    methods["betweenness"] = btw.method if btw.method != "exact" else \
        f"exact ({'igraph' if measures.igraph_available() else 'networkx'})"
    methods["closeness"] = clo.method if clo.method != "exact" else "exact (breadth-first search, ORA convention)"
    return _Centrality(btw, load, clo, {"degree (named by)": deg_c,
                                        "betweenness": centralization_from(btw, "betweenness", True),
                                        "closeness": centralization_from(clo, "closeness", True)})


def _krackhardt(team: _Team, seed: int, methods: dict) -> tuple[dict, dict]:
    if team.small:
        kr = krackhardt(team.D)
        methods["krackhardt"] = "exact (p2pkit.equipotency)"
        return kr, {k: 0.0 for k in kr}
    kr, kr_se = krackhardt_large(team.arcs, seed=seed)
    methods["krackhardt"] = ("exact (condensation)" if kr_se["lub"] == 0 else
                             f"exact, except least-upper-boundedness: estimated from {LUB_SAMPLES:,} "
                             f"random pairs (seed {seed})")
    return kr, kr_se


def _communities(team: _Team, seed: int, load: dict, methods: dict) -> tuple[list, float, list]:
    """Louvain communities, their modularity, and the ten people with most routes who link them."""
    if team.n <= COMMUNITY_NX_LIMIT or not team.use_ig:
        comms = detect(team.U, seed=seed)
        Q = modularity(team.U, comms)
        methods["communities"] = f"Louvain (p2pkit.communities.detect, networkx, seed {seed})"
    else:
        comms = louvain(team.pairs, seed)
        member = membership(comms)
        Q = float(team.pairs.igraph().modularity([member[v] for v in team.nodes]))
        methods["communities"] = f"Louvain (igraph multilevel, seed {seed})"
    member = membership(comms)
    brokers = []
    for v in sorted(team.nodes, key=lambda x: (-load[x], str(x))):
        others = {member[u] for u in team.neighbours(v)} - {member[v]}
        if others:
            brokers.append((v, load[v], member[v], sorted(others)))
        if len(brokers) >= 10:
            break
    return comms, Q, brokers


def _resilience(team: _Team, load: dict, comp_sizes: np.ndarray, methods: dict) -> tuple[float, list, list]:
    """Pairwise connectivity now, without each of the five most central people and without all five;
    the single points of failure and how many people each would cut off."""
    if team.fast:
        aps = [team.nodes[i] for i in team.pairs.igraph().articulation_points()]
        methods["resilience"] = "exact (igraph components and articulation points)"
        base = float((comp_sizes * (comp_sizes - 1) / 2).sum() / (team.n * (team.n - 1) / 2))
    else:
        aps = list(nx.articulation_points(team.U))
        methods["resilience"] = "exact (p2pkit.architecture.pairwise_connectivity; networkx)"
        base = pairwise_connectivity(team.U)
    aps.sort(key=lambda v: (-load[v], str(v)))
    deg = team.degree
    top5 = sorted(team.nodes, key=lambda v: (-load[v], -deg[team.index[v]], str(v)))[:5]
    groups = [[v] for v in top5] + ([top5] if len(top5) > 1 else [])
    removals = [(tuple(g), *_without(team, g)) for g in groups]
    single = [(v, _without(team, [v])[1]) for v in aps[:10]]
    return base, removals, single


def _without(team: _Team, people: list) -> tuple[float, int]:
    """Pairwise connectivity without ``people``, and how many are then cut off from the largest part."""
    if team.fast:
        h = team.pairs.igraph().copy()
        h.delete_vertices([team.index[v] for v in people])
        sizes = h.components().sizes()
        k = h.vcount()
        pc = 1.0 if k < 2 else sum(s * (s - 1) / 2 for s in sizes) / (k * (k - 1) / 2)
        return pc, (k - max(sizes)) if sizes else 0
    H = nx.restricted_view(team.U, people, [])
    sizes = [len(c) for c in nx.connected_components(H)]
    return pairwise_connectivity(H), (sum(sizes) - max(sizes)) if sizes else 0


def _team_mix(team: _Team, comms: list) -> dict | None:
    """How the communities line up with the formal teams (None without two teams or more)."""
    teams = nx.get_node_attributes(team.D, "team")
    labels = set(teams.values())
    if len(labels) < 2:
        return None
    code = {t: i for i, t in enumerate(labels)}
    of = np.array([code[teams[v]] if teams.get(v) is not None else -1 for v in team.nodes], dtype=np.int64)
    A = team.arcs
    within = int(((of[A.src] >= 0) & (of[A.src] == of[A.dst])).sum())
    rows = []
    for i, c in enumerate(comms[:12]):
        t, k = Counter(teams.get(v, "(no team)") for v in c).most_common(1)[0]
        rows.append((i, len(c), t, k / len(c)))
    return {"within_team_share": within / team.m if team.m else 0.0, "communities": rows, "teams": len(labels)}


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
