"""P2P organisations in practice: stylised network models of documented structures, and unit size.

Chapter 7 of the companion looks at organisations that are often cited as working without a
conventional chain of command. What their own and independent accounts document is a
*structure* -- who works with whom, in which groups, through which roles -- not a network
survey. This module turns each documented structure into a **stylised model**: a seeded
generator whose output has that structure and nothing else. The models are not data about
those companies; they let us ask what the measures of chapters 1-3 say about such a
structure, and where its strengths and limits lie.

Models (every generator takes the number of people ``n`` and a ``seed``)
------------------------------------------------------------------------
- :func:`chart`: a conventional organisation chart (the baseline): everyone reports to one
  boss, each boss has at most ``span`` reports.
- :func:`gore_lattice`: home teams and cross-cutting project teams, plus a sponsor for
  everyone (after the "lattice" W. L. Gore & Associates describes).
- :func:`participative_plant`: a chart whose work groups are teams, plus a plant-wide
  committee of elected representatives (after the Scanlon plan of participative management
  that Herman Miller adopted in 1950).
- :func:`morning_star`: business units in a process chain, held together by peer agreements
  with the colleagues each person's work affects (after Morning Star's colleague letters of
  understanding).
- :func:`buurtzorg`: self-managing nurse teams of at most twelve, a few coaches and a small
  back office (after Buurtzorg Nederland).

Measures
--------
- :func:`case_profile` -- the chapter 1-3 measures of one model (centralization, Gini,
  Krackhardt, communities, single points of failure, what survives the loss of the most
  central person); :func:`case_verdict` says what they add up to.

Unit size
---------
- :func:`grow_unit` -- one unit growing by preferential attachment with triadic closure
  (Holme & Kim 2002).
- :func:`split_unit` -- the same number of people in units of at most ``cap``, joined by a
  few liaison ties.
- :func:`ideal_split` and :func:`ideal_split_modularity` -- units in which everyone knows
  everyone, one tie between neighbouring units, and the closed form of their modularity.
- :func:`unit_size`, :func:`unit_sweep`, :func:`unit_verdict` -- the coordination cost of a
  unit as it grows: ties needed for everyone to know everyone, ties actually there, hops.
"""

from __future__ import annotations

import math
import random
from dataclasses import asdict, dataclass
from typing import Callable, Iterable

import networkx as nx
import numpy as np

from .architecture import pairwise_connectivity
from .communities import detect, modularity
from .equipotency import centralization, gini, krackhardt
from .errors import P2PKitError
from .measures import betweenness, path_stats

__all__ = [
    "chart",
    "gore_lattice",
    "participative_plant",
    "morning_star",
    "buurtzorg",
    "CASES",
    "build_case",
    "authority_digraph",
    "CaseProfile",
    "case_profile",
    "case_measures",
    "case_verdict",
    "departure_verdict",
    "shortest_routes",
    "most_central",
    "mean_hops",
    "grow_unit",
    "split_unit",
    "ideal_split",
    "ideal_split_modularity",
    "UnitSize",
    "unit_size",
    "unit_sweep",
    "unit_verdict",
]


# --------------------------------------------------------------------------- helpers

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


# --------------------------------------------------------------------------- the models

def chart(n: int, span: int = 8) -> nx.Graph:
    """A conventional organisation chart of ``n`` people: one top, each boss ``span`` reports.

    People are numbered top-down, level by level; person ``i`` reports to ``(i - 1) // span``
    (a complete ``span``-ary tree, the shape Krackhardt 1994 takes as the ideal formal
    organisation). Only reporting lines are ties.

    Parameters
    ----------
    n : int
        Number of people (at least 2).
    span : int, default 8
        Span of control: the most reports any one boss has (at least 1).

    Returns
    -------
    networkx.Graph
        Node attributes ``role`` ("top", "manager", "staff"), ``level`` (0 at the top) and
        ``group`` (the top-level department a person belongs to; -1 for the top). Edge
        attributes ``kind="reports"`` and ``boss`` (the boss of the two).

    References
    ----------
    Krackhardt, D. (1994). Graph theoretical dimensions of informal organizations. In
    K. M. Carley & M. J. Prietula (eds.), *Computational Organization Theory*, 89-111.

    Examples
    --------
    >>> G = chart(13, span=3)
    >>> G.number_of_edges(), G.nodes[4]["role"], G.nodes[4]["level"]
    (12, 'staff', 2)
    """
    n = _int("n", n, 2, MAX_PEOPLE)
    span = _int("span", span, 1)
    G = nx.Graph(model="chart")
    G.add_node(0, role="top", level=0, group=-1)
    for i in range(1, n):
        boss = (i - 1) // span
        level = G.nodes[boss]["level"] + 1
        group = i - 1 if level == 1 else G.nodes[boss]["group"]
        G.add_node(i, role="staff", level=level, group=group)
        G.add_edge(boss, i, kind="reports", boss=boss)
        if boss != 0:
            G.nodes[boss]["role"] = "manager"
    return G


def gore_lattice(n: int = 150, team_size: int = 8, project_size: int = 5, sponsors: bool = True,
                 seed: int | None = 0) -> nx.Graph:
    """A stylised lattice: home teams, cross-cutting project teams and a sponsor for everyone.

    W. L. Gore & Associates describes itself as a team-based, flat "lattice" organisation with
    no chains of command, in which associates commit to projects and have sponsors rather than
    bosses (Hamel & Breen 2007). This model keeps only that structure:

    - everyone belongs to one **home team** of about ``team_size`` people (consecutive
      numbers), whose members all work together (a clique);
    - everyone also belongs to one **project team** of about ``project_size`` people drawn at
      random across the unit (a clique), so that teams intersect like a lattice;
    - if ``sponsors``, everyone has one **sponsor**, another associate of the unit chosen at
      random (a tie of kind "sponsor").

    Parameters
    ----------
    n : int, default 150
        People in the unit (at least 3). Gore is reported to keep its units small (about 150
        to 200 people); the model itself does not care.
    team_size, project_size : int
        Sizes of home teams and project teams (at least 2).
    sponsors : bool, default True
        Give everyone a sponsor.
    seed : int or None, default 0
        The same seed gives the same network.

    Returns
    -------
    networkx.Graph
        Node attributes ``role="associate"``, ``group`` (home team) and ``project``; edge
        attribute ``kind`` ("team", "project" or "sponsor").

    Notes
    -----
    A stylised model, not data: team sizes, the share of ties that cross teams and who
    sponsors whom are assumptions, not published facts about the company.

    References
    ----------
    Hamel, G., with Breen, B. (2007). *The Future of Management*, ch. 5. Boston: Harvard
    Business School Press.

    Examples
    --------
    >>> G = gore_lattice(40, seed=1)
    >>> G.number_of_nodes(), nx.is_connected(G)
    (40, True)
    """
    n = _int("n", n, 3, MAX_PEOPLE)
    team_size = _int("team_size", team_size, 2)
    project_size = _int("project_size", project_size, 2)
    rng = random.Random(seed)
    G = nx.Graph(model="gore")
    start = 0
    for t, size in enumerate(_blocks(n, team_size)):
        members = list(range(start, start + size))
        G.add_nodes_from(members, role="associate", group=t)
        _add_clique(G, members, "team")
        start += size
    people = list(range(n))
    rng.shuffle(people)
    start = 0
    for p, size in enumerate(_blocks(n, project_size)):
        members = people[start:start + size]
        for v in members:
            G.nodes[v]["project"] = p
        _add_clique(G, members, "project")
        start += size
    if sponsors:
        for v in range(n):
            s = rng.randrange(n - 1)
            s = s if s < v else s + 1
            if not G.has_edge(v, s):
                G.add_edge(v, s, kind="sponsor")
    return G


def participative_plant(n: int = 150, span: int = 8, teams: bool = True, committee: bool = True,
                        seed: int | None = 0) -> nx.Graph:
    """A stylised participative plant: a chart, team work groups and an elected committee.

    Herman Miller adopted a Scanlon plan in 1950 and practised participative management under
    D. J. De Pree and his sons (De Pree 1987). A Scanlon plan combines gain-sharing with
    formal employee participation through committees (Frost, Wakeley & Ruh 1974). This model
    keeps the *shape* such a plan adds to a chart, not any documented detail of Herman Miller:

    - the formal lines of :func:`chart` ``(n, span)`` (kind "reports");
    - if ``teams``, the direct reports of each boss also work with each other (kind "team");
    - if ``committee``, every top-level department elects one representative at random, and
      the representatives and the top meet as one plant-wide committee (a clique of kind
      "committee").

    Parameters
    ----------
    n : int, default 150
        People in the plant (at least 3).
    span : int, default 8
        Span of control of the chart.
    teams, committee : bool
        Add the team ties and the committee.
    seed : int or None, default 0
        Seed for electing representatives.

    Returns
    -------
    networkx.Graph
        As :func:`chart`, with representatives marked ``role="representative"``.

    References
    ----------
    De Pree, M. (1987). *Leadership Is an Art*. New York: Doubleday.
    Frost, C. F., Wakeley, J. H., & Ruh, R. A. (1974). *The Scanlon Plan for Organization
    Development: Identity, Participation, and Equity*. East Lansing: Michigan State University
    Press.

    Examples
    --------
    >>> G = participative_plant(30, span=4, seed=0)
    >>> sorted(d for _, _, d in G.edges(data="kind"))[0]
    'committee'
    """
    n = _int("n", n, 3, MAX_PEOPLE)
    rng = random.Random(seed)
    G = chart(n, span)
    G.graph["model"] = "herman_miller"
    if teams:
        for boss in list(G):
            reports = sorted(v for v in G[boss] if G.edges[boss, v].get("boss") == boss)
            _add_clique(G, reports, "team")
    if committee:
        reps = [0]
        departments = sorted({d for _, d in G.nodes(data="group") if d >= 0})
        for d in departments:
            members = sorted(v for v, g in G.nodes(data="group") if g == d)
            rep = members[rng.randrange(len(members))]
            reps.append(rep)
            if G.nodes[rep]["role"] == "staff":
                G.nodes[rep]["role"] = "representative"
        _add_clique(G, reps, "committee")
    return G


def morning_star(n: int = 150, unit_size: int = 10, clou_colleagues: int = 10,
                 within_unit: float = 0.6, seed: int | None = 0) -> nx.Graph:
    """A stylised self-managed enterprise: business units held together by peer agreements.

    At Morning Star there are no managers; each colleague agrees a colleague letter of
    understanding (CLOU) with the colleagues most affected by his or her work (Hamel 2011),
    and small groups of colleagues form business units, each with its own mission. This model:

    - puts people in business units of about ``unit_size`` (consecutive numbers), arranged in
      a process chain (unit ``u`` passes its work to unit ``u + 1``);
    - lets each person agree ``ceil(clou_colleagues / 2)`` CLOUs, each with a colleague in the
      same unit (probability ``within_unit``) or in the unit just up- or downstream, so that
      on average each person has about ``clou_colleagues`` CLOU colleagues. A CLOU is mutual,
      so every tie is undirected (kind "clou").

    Parameters
    ----------
    n : int, default 150
        People (at least 3).
    unit_size : int, default 10
        People per business unit (at least 2).
    clou_colleagues : int, default 10
        Average number of CLOU colleagues per person (at least 1). Secondary accounts put it at
        about ten; treat it as an assumption.
    within_unit : float, default 0.6
        Share of agreements made inside one's own unit.
    seed : int or None, default 0

    Returns
    -------
    networkx.Graph
        Node attributes ``role="colleague"`` and ``group`` (business unit).

    References
    ----------
    Hamel, G. (2011). First, let's fire all the managers. *Harvard Business Review* 89(12),
    48-60.

    Examples
    --------
    >>> G = morning_star(60, seed=2)
    >>> all(abs(G.nodes[u]["group"] - G.nodes[v]["group"]) <= 1 for u, v in G.edges())
    True
    """
    n = _int("n", n, 3, MAX_PEOPLE)
    unit_size = _int("unit_size", unit_size, 2)
    k = _int("clou_colleagues", clou_colleagues, 1)
    within = _share("within_unit", within_unit)
    rng = random.Random(seed)
    G = nx.Graph(model="morning_star")
    units: list[list[int]] = []
    start = 0
    for u, size in enumerate(_blocks(n, unit_size)):
        members = list(range(start, start + size))
        G.add_nodes_from(members, role="colleague", group=u)
        units.append(members)
        start += size
    per_person = math.ceil(k / 2)
    for v in range(n):
        u = G.nodes[v]["group"]
        neighbours = [w for w in (u - 1, u + 1) if 0 <= w < len(units)]
        for _ in range(per_person):
            for _attempt in range(20):
                if rng.random() < within or not neighbours:
                    pool = units[u]
                else:
                    pool = units[neighbours[rng.randrange(len(neighbours))]]
                w = pool[rng.randrange(len(pool))]
                if w != v and not G.has_edge(v, w):
                    G.add_edge(v, w, kind="clou")
                    break
    return G


def buurtzorg(n: int = 150, team_size: int = 12, teams_per_coach: int = 45, office_share: float = 0.005,
              contacts: int = 1, cross_team: int = 0, seed: int | None = 0) -> nx.Graph:
    """A stylised network of self-managing nurse teams, coaches and a small back office.

    Buurtzorg Nederland organises its nurses in self-managing neighbourhood teams with no team
    leader, supported by regional coaches and a small back office (Laloux 2014; Kreitzer et al.
    2015); one case study counts about 8,000 nurses in 700 teams in 2015 (Gray, Sarnak &
    Burgers 2015). This model:

    - numbers the back office first (node 0 onwards, ``role="office"``, about ``office_share``
      of the people, at least one), then the coaches (``role="coach"``, one per
      ``teams_per_coach`` teams, at least one), then the nurses (``role="nurse"``);
    - puts the nurses in teams of at most ``team_size``, everyone in a team working with
      everyone else (kind "team");
    - ties each coach to ``contacts`` members of each of the coach's teams (kind "coaching")
      and one member of each team to a back-office colleague (kind "admin"); back office and
      coaches work with each other (kind "support");
    - if ``cross_team`` > 0, gives each team that many ties to members of other teams chosen at
      random (kind "peer"), a stand-in for nurses asking other teams for advice.

    Parameters
    ----------
    n : int, default 150
        Everyone, nurses, coaches and office together (at least 4).
    team_size : int, default 12
        The most nurses in one team (at least 2).
    teams_per_coach : int, default 45
    office_share : float, default 0.005
    contacts : int, default 1
        Members of each team a coach is tied to (at least 1).
    cross_team : int, default 0
        Ties from each team to other teams.
    seed : int or None, default 0

    Returns
    -------
    networkx.Graph
        Node attributes ``role`` and ``group`` (team number; -1 for office and coaches).

    Notes
    -----
    A stylised model, not data. The figures are rounded from the sources above (for example
    about 45 back-office staff for about 10,000 people); the ties between teams, coaches and
    the office are assumptions.

    References
    ----------
    Laloux, F. (2014). *Reinventing Organizations*. Brussels: Nelson Parker.
    Kreitzer, M. J., Monsen, K. A., Nandram, S., & de Blok, J. (2015). Buurtzorg Nederland: a
    global model of social innovation, change, and whole-systems healing. *Global Advances in
    Health and Medicine* 4(1), 40-44.
    Gray, B. H., Sarnak, D. O., & Burgers, J. S. (2015). *Home Care by Self-Governing Nursing
    Teams: The Netherlands' Buurtzorg Model*. New York: The Commonwealth Fund.

    Examples
    --------
    >>> G = buurtzorg(150)
    >>> sorted({d for _, d in G.nodes(data="role")})
    ['coach', 'nurse', 'office']
    >>> max(sum(1 for _, g in G.nodes(data="group") if g == t) for t in range(12))
    12
    """
    n = _int("n", n, 4, MAX_PEOPLE)
    team_size = _int("team_size", team_size, 2)
    teams_per_coach = _int("teams_per_coach", teams_per_coach, 1)
    share = _share("office_share", office_share)
    contacts = _int("contacts", contacts, 1)
    cross_team = _int("cross_team", cross_team, 0)
    rng = random.Random(seed)
    office = max(1, round(share * n))
    coaches = 1
    for _ in range(10):  # coaches depend on teams, which depend on coaches: settle it
        nurses = n - office - coaches
        if nurses < 2:
            raise P2PKitError(f"{n} people leave too few nurses once the office and coaches are counted; "
                              "use more people or a smaller office_share.")
        new = max(1, math.ceil(math.ceil(nurses / team_size) / teams_per_coach))
        if new == coaches:
            break
        coaches = new
    G = nx.Graph(model="buurtzorg")
    office_ids = list(range(office))
    coach_ids = list(range(office, office + coaches))
    G.add_nodes_from(office_ids, role="office", group=-1)
    G.add_nodes_from(coach_ids, role="coach", group=-1)
    _add_clique(G, office_ids + coach_ids, "support")
    start = office + coaches
    teams: list[list[int]] = []
    for t, size in enumerate(_blocks(n - start, team_size)):
        members = list(range(start, start + size))
        G.add_nodes_from(members, role="nurse", group=t)
        _add_clique(G, members, "team")
        teams.append(members)
        start += size
    for t, members in enumerate(teams):
        coach = coach_ids[t % coaches]
        for v in rng.sample(members, min(contacts, len(members))):
            if not G.has_edge(coach, v):
                G.add_edge(coach, v, kind="coaching")
        admin = members[rng.randrange(len(members))]
        G.add_edge(office_ids[t % office], admin, kind="admin")
    if cross_team and len(teams) > 1:
        for t, members in enumerate(teams):
            for _ in range(cross_team):
                other = rng.randrange(len(teams) - 1)
                other = other if other < t else other + 1
                u = members[rng.randrange(len(members))]
                w = teams[other][rng.randrange(len(teams[other]))]
                if not G.has_edge(u, w):
                    G.add_edge(u, w, kind="peer")
    return G


#: The models of chapter 7: key -> (title, builder(n, seed)).
CASES: dict[str, tuple[str, Callable[[int, int | None], nx.Graph]]] = {
    "chart": ("A conventional chart (baseline)", lambda n, seed=0: chart(n)),
    "gore": ("W. L. Gore: lattice of teams", lambda n, seed=0: gore_lattice(n, seed=seed)),
    "herman_miller": ("Herman Miller: participative plant", lambda n, seed=0: participative_plant(n, seed=seed)),
    "morning_star": ("Morning Star: CLOU agreements", lambda n, seed=0: morning_star(n, seed=seed)),
    "buurtzorg": ("Buurtzorg: nurse teams", lambda n, seed=0: buurtzorg(n, seed=seed)),
}


def build_case(name: str, n: int = 150, seed: int | None = 0) -> nx.Graph:
    """Build the stylised model ``name`` (a key of :data:`CASES`) with default settings.

    Examples
    --------
    >>> build_case("gore", 30).graph["model"]
    'gore'
    """
    if name not in CASES:
        raise P2PKitError(f"unknown case {name!r}; choose one of: {', '.join(CASES)}.")
    return CASES[name][1](n, seed)


def authority_digraph(G: nx.Graph) -> nx.DiGraph:
    """The network as Krackhardt (1994) reads it: reporting lines one way, peer ties both ways.

    An edge with a ``boss`` attribute becomes one arc from the boss to the other person; every
    other tie becomes two arcs (nobody directs the other).

    Examples
    --------
    >>> D = authority_digraph(chart(4, span=3))
    >>> sorted(D.edges())
    [(0, 1), (0, 2), (0, 3)]
    """
    D = nx.DiGraph()
    D.add_nodes_from(G.nodes(data=True))
    for u, v, data in G.edges(data=True):
        boss = data.get("boss")
        if boss == u:
            D.add_edge(u, v)
        elif boss == v:
            D.add_edge(v, u)
        else:
            D.add_edge(u, v)
            D.add_edge(v, u)
    return D


# --------------------------------------------------------------------------- measures

def mean_hops(G: nx.Graph, exact_up_to: int = 400, sample: int = 100, seed: int | None = 0) -> tuple[float, bool]:
    """Average number of hand-offs between two people who can reach each other.

    Exact (all pairs, with :func:`p2pkit.measures.path_stats`) for networks of up to
    ``exact_up_to`` people; for larger ones, estimated from breadth-first searches out of
    ``sample`` people chosen with ``seed`` -- an unbiased estimate of the same average, fast
    enough for a live control.

    Returns
    -------
    (float, bool)
        The average and whether it is exact. Pairs that cannot reach each other are left out
        (use :func:`p2pkit.architecture.pairwise_connectivity` for them).

    References
    ----------
    Watts, D. J., & Strogatz, S. H. (1998). Collective dynamics of 'small-world' networks.
    *Nature* 393, 440-442.

    Examples
    --------
    >>> mean_hops(nx.path_graph(5))
    (2.0, True)
    """
    nodes = list(G)
    n = len(nodes)
    if n < 2:
        raise P2PKitError("average hops need at least two people.")
    exact = n <= exact_up_to
    if exact and not G.is_directed():
        # all pairs in C (igraph): the same average as the searches below, several times faster
        if G.number_of_edges() == 0:
            raise P2PKitError("nobody can reach anybody, so there are no hops to average.")
        return path_stats(G).mean, True
    sources = nodes if exact else random.Random(seed).sample(nodes, min(sample, n))
    total = 0
    pairs = 0
    for s in sources:
        dist = nx.single_source_shortest_path_length(G, s)
        total += sum(dist.values())
        pairs += len(dist) - 1
    if pairs == 0:
        raise P2PKitError("nobody can reach anybody, so there are no hops to average.")
    return total / pairs, exact


def shortest_routes(G: nx.Graph) -> tuple[dict, float, int]:
    """Every person's share of shortest routes, and the average hops, in one algebraic pass.

    Brandes' (2001) algorithm run from every person at once, with arrays: breadth-first
    layers give the number of shortest paths ``sigma[s, v]`` from every ``s``, and the
    dependencies are accumulated back layer by layer. Exact, and several times faster than one
    search per person for the few hundred people of a live control (memory grows with
    people times ties, so keep it to a few hundred people).

    Returns
    -------
    (dict, float, int)
        Normalised betweenness of each person (as :func:`networkx.betweenness_centrality`
        with ``normalized=True`` gives it), the average hops over the ordered pairs that can
        reach each other, and the number of such ordered pairs.

    References
    ----------
    Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
    Mathematical Sociology* 25(2), 163-177.

    Examples
    --------
    >>> loads, hops, pairs = shortest_routes(nx.path_graph(4))
    >>> [round(loads[v], 3) for v in range(4)], hops, pairs
    ([0.0, 0.667, 0.667, 0.0], 1.6666666666666667, 12)
    """
    if G.is_directed():
        raise P2PKitError("shortest_routes() reads undirected networks; use G.to_undirected().")
    nodes = list(G)
    n = len(nodes)
    if n < 3:
        raise P2PKitError("shortest routes need a network of at least 3 people.")
    index = {v: i for i, v in enumerate(nodes)}
    pairs_uv = [(index[u], index[v]) for u, v in G.edges() if u != v]
    src = np.array([a for a, b in pairs_uv] + [b for a, b in pairs_uv], dtype=np.intp)
    dst = np.array([b for a, b in pairs_uv] + [a for a, b in pairs_uv], dtype=np.intp)
    order = np.argsort(dst, kind="stable")
    src, dst = src[order], dst[order]
    targets, starts = np.unique(dst, return_index=True)

    def spread(X: np.ndarray) -> np.ndarray:
        # (X @ A) for the adjacency A, as a gather and a segmented sum over the ties: no BLAS
        # threads (which stall on a busy machine) and O(people x ties) work.
        out = np.zeros_like(X)
        if src.size:
            out[:, targets] = np.add.reduceat(X[:, src], starts, axis=1)
        return out

    sigma = np.eye(n)
    visited = np.eye(n, dtype=bool)
    frontier = visited.copy()
    layers = [frontier]
    dist_sum = 0
    pairs = 0
    d = 0
    while True:
        reach = spread(sigma * frontier)
        new = (reach > 0) & ~visited
        if not new.any():
            break
        d += 1
        sigma = np.where(new, reach, sigma)
        visited |= new
        count = int(new.sum())
        dist_sum += d * count
        pairs += count
        frontier = new
        layers.append(new)
    delta = np.zeros((n, n))
    for d in range(len(layers) - 1, 0, -1):
        here, before = layers[d], layers[d - 1]
        T = np.where(here, (1.0 + delta) / np.where(here, sigma, 1.0), 0.0)
        delta += np.where(before, sigma * spread(T), 0.0)
    np.fill_diagonal(delta, 0.0)
    raw = delta.sum(axis=0)
    loads = {v: float(raw[i] / ((n - 1) * (n - 2))) for i, v in enumerate(nodes)}
    hops = dist_sum / pairs if pairs else float("nan")
    return loads, hops, pairs


def most_central(G: nx.Graph, exact_up_to: int = 400, seed: int | None = 0) -> tuple[object, float, dict]:
    """The person who sits on the largest share of shortest routes between others.

    Returns ``(person, share, all_shares)``, using Freeman's (1977) normalised betweenness,
    exact (:func:`shortest_routes`) for up to ``exact_up_to`` people and estimated from 100
    sampled sources (seeded) above that (Brandes & Pich 2007). Ties go to the person listed
    first.

    References
    ----------
    Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
    *Sociometry* 40(1), 35-41.
    Brandes, U., & Pich, C. (2007). Centrality estimation in large networks. *International
    Journal of Bifurcation and Chaos* 17(7), 2303-2318.

    Examples
    --------
    >>> most_central(nx.star_graph(4))[:2]
    (0, 1.0)
    """
    n = G.number_of_nodes()
    if n < 3:
        raise P2PKitError("a most central person needs a network of at least 3 people.")
    if n <= exact_up_to:
        load = shortest_routes(G)[0]
    else:
        load = nx.betweenness_centrality(G, k=min(100, n), normalized=True, seed=seed)
    order = {v: i for i, v in enumerate(G)}
    who = max(load, key=lambda v: (load[v], -order[v]))
    return who, float(load[who]), load


#: How each model role reads in a sentence.
ROLE_NOUNS = {
    "top": "person at the top", "manager": "manager", "staff": "member of staff",
    "representative": "representative", "associate": "associate", "colleague": "colleague",
    "nurse": "nurse", "coach": "coach", "office": "back-office colleague", "member": "member",
}


@dataclass(frozen=True)
class CaseProfile:
    """The chapter 1-3 measures of one stylised organisation (see :func:`case_profile`)."""

    people: int
    ties: int
    ties_per_person: float
    mean_hops: float
    hops_exact: bool
    degree_centralization: float
    betweenness_centralization: float | None
    degree_gini: float
    krackhardt: dict | None
    communities: int
    modularity: float
    single_points: int
    most_central: object
    most_central_role: str
    most_central_load: float
    survives_without_most_central: float

    def as_dict(self) -> dict:
        return asdict(self)


def case_profile(G: nx.Graph, krackhardt_up_to: int = 60, exact_up_to: int = 400,
                 seed: int | None = 0) -> CaseProfile:
    """Measure a stylised organisation with the measures of chapters 1-3.

    Parameters
    ----------
    G : networkx.Graph
        An undirected network of at least 3 people (edge attribute ``boss`` marks a reporting
        line, see :func:`authority_digraph`).
    krackhardt_up_to : int, default 60
        Krackhardt's dimensions are computed on :func:`authority_digraph` ``(G)`` for networks
        of up to this many people (``None`` above: the least-upper-bound dimension examines
        every pair against every possible bound, which takes seconds past about a hundred
        people).
    exact_up_to : int, default 400
        The average hops are exact up to this size and estimated from 100 sampled people above
        it (see :func:`mean_hops`). Betweenness (and so the most central person) is always
        exact: :func:`shortest_routes` up to this size, :func:`p2pkit.measures.betweenness`
        (igraph) above it.
    seed : int or None, default 0
        For community detection and for the estimates.

    Returns
    -------
    CaseProfile
        ``degree_centralization`` and ``betweenness_centralization`` (Freeman 1979);
        ``degree_gini`` (Gini 1912, of the degrees); ``krackhardt`` (Krackhardt 1994);
        ``communities`` and ``modularity`` of a Louvain division (Blondel et al. 2008; Newman &
        Girvan 2004); ``single_points``: how many people are articulation points;
        ``most_central`` (see :func:`most_central`) and
        ``survives_without_most_central``: the pairwise connectivity of the others once that
        person is gone (Borgatti 2006); ``mean_hops`` (see :func:`mean_hops`).

    References
    ----------
    Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
    *Social Networks* 1(3), 215-239.
    Borgatti, S. P. (2006). Identifying sets of key players in a social network.
    *Computational and Mathematical Organization Theory* 12, 21-34.

    Examples
    --------
    >>> p = case_profile(chart(13, span=3))
    >>> p.degree_centralization < 1, p.single_points, round(p.survives_without_most_central, 3)
    (True, 4, 0.273)
    """
    return case_measures(G, krackhardt_up_to, exact_up_to, seed)[0]


def case_measures(G: nx.Graph, krackhardt_up_to: int = 60, exact_up_to: int = 400,
                  seed: int | None = 0) -> tuple[CaseProfile, dict]:
    """:func:`case_profile` and everyone's share of shortest routes, from one computation.

    The shares are the normalised betweenness (Freeman 1977) the profile's most central person
    is read from (:func:`shortest_routes` for up to ``exact_up_to`` people,
    :func:`p2pkit.measures.betweenness` above that; both exact). A figure shows them per
    person, so that the person ringed as the most central is the one with the largest share.

    Returns
    -------
    (CaseProfile, dict)
        The profile, and person -> share of the shortest routes between others.

    References
    ----------
    Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
    *Sociometry* 40(1), 35-41.

    Examples
    --------
    >>> p, loads = case_measures(nx.star_graph(4))
    >>> p.most_central, loads[0], loads[1]
    (0, 1.0, 0.0)
    """
    n = G.number_of_nodes()
    if n < 3:
        raise P2PKitError("a case profile needs a network of at least 3 people.")
    if G.is_directed():
        raise P2PKitError("give the undirected network; reporting lines are read from the 'boss' attribute.")
    degrees = [d for _, d in G.degree()]
    if n <= exact_up_to:
        loads, hops, _ = shortest_routes(G)
        exact = True
        order = {v: i for i, v in enumerate(G)}
        who = max(loads, key=lambda v: (loads[v], -order[v]))
        load = loads[who]
    else:  # exact shares from igraph (fast enough for a live figure); hops estimated
        loads = betweenness(G)
        order = {v: i for i, v in enumerate(G)}
        who = max(loads, key=lambda v: (loads[v], -order[v]))
        load = loads[who]
        hops, exact = mean_hops(G, exact_up_to=exact_up_to, seed=seed)
    H = G.subgraph(v for v in G if v != who)
    comms = detect(G, seed=seed)
    profile = CaseProfile(
        people=n,
        ties=G.number_of_edges(),
        ties_per_person=2 * G.number_of_edges() / n,
        mean_hops=hops,
        hops_exact=exact,
        degree_centralization=centralization(G, "degree"),
        # Freeman's centralization from the loads already computed (the same value as
        # equipotency.centralization(G, "betweenness"), without a second pass).
        betweenness_centralization=sum(load - x for x in loads.values()) / (n - 1),
        degree_gini=gini(degrees),
        krackhardt=krackhardt(authority_digraph(G)) if n <= krackhardt_up_to else None,
        communities=len(comms),
        modularity=modularity(G, comms),
        single_points=sum(1 for _ in nx.articulation_points(G)),
        most_central=who,
        most_central_role=ROLE_NOUNS.get(str(G.nodes[who].get("role")), "person"),
        most_central_load=load,
        survives_without_most_central=float(pairwise_connectivity(H)),
    )
    return profile, dict(loads)


def case_verdict(p: CaseProfile, parts: Iterable[str] = ("loss", "single", "groups", "ties")) -> str:
    """What the measures of one model add up to, in plain sentences computed from ``p``.

    Parameters
    ----------
    p : CaseProfile
    parts : iterable of str
        Which sentences to include, in this order: ``"loss"`` (what losing the most central
        person does), ``"single"`` (single points of failure, if any), ``"groups"``
        (modularity) and ``"ties"`` (how evenly ties are spread).

    Examples
    --------
    >>> case_verdict(case_profile(nx.star_graph(5)))[:40]
    'One person holds everything together: wi'
    >>> case_verdict(case_profile(nx.cycle_graph(6)), parts=["ties"])
    'Ties are spread fairly evenly (Gini 0.00).'
    """
    out = {}
    s = p.survives_without_most_central
    if s < 0.5:
        out["loss"] = (f"One person holds everything together: without the most central {p.most_central_role}, "
                       f"only {s:.0%} of the pairs of the others can still reach each other.")
    elif s < 0.999999:
        out["loss"] = (f"Losing the most central {p.most_central_role} would cut {1 - s:.0%} of the pairs "
                       "of the others apart.")
    else:
        out["loss"] = (f"No single person holds it together: without the most central {p.most_central_role}, "
                       "everyone still reaches everyone.")
    if p.single_points:
        who = "person is a single point" if p.single_points == 1 else "people are single points"
        out["single"] = (f"Still, {p.single_points} {who} of failure: their departure alone would cut "
                         "someone off.")
    if p.modularity >= 0.3:
        out["groups"] = f"It falls into {p.communities} clear node communities (modularity {p.modularity:.2f})."
    else:
        out["groups"] = f"Its groups are not clear-cut (modularity {p.modularity:.2f})."
    if p.degree_gini >= 0.4:
        out["ties"] = f"Ties are concentrated (Gini {p.degree_gini:.2f})."
    else:
        out["ties"] = f"Ties are spread fairly evenly (Gini {p.degree_gini:.2f})."
    unknown = [k for k in parts if k not in ("loss", "single", "groups", "ties")]
    if unknown:
        raise P2PKitError(f"unknown verdict part {unknown[0]!r}; use loss, single, groups or ties.")
    return " ".join(out[k] for k in parts if k in out)


def departure_verdict(ko, name: str) -> str:
    """What one person's departure does to the others, in a plain sentence.

    Parameters
    ----------
    ko : p2pkit.resilience.KnockOut
        The result of :func:`p2pkit.resilience.knock_out` for that one person.
    name : str
        How the sentence names them (for example "Manager 3").

    The thresholds are those of :func:`case_verdict`: fewer than half of the pairs of the others
    still in touch means the person held the network together.

    References
    ----------
    Borgatti, S. P. (2006). Identifying sets of key players in a social network.
    *Computational and Mathematical Organization Theory* 12, 21-34.

    Examples
    --------
    >>> from p2pkit.resilience import knock_out
    >>> departure_verdict(knock_out(chart(13, span=3), [0]), "Top")[:52]
    'Top held the network together: without them, only 27'
    >>> departure_verdict(knock_out(nx.cycle_graph(5), [0]), "Person 0")
    'Without Person 0, everyone else still reaches everyone: nobody depended on them alone.'
    """
    s = ko.pairwise
    cut = (f"{ko.cut_off} {'person is' if ko.cut_off == 1 else 'people are'} cut off from the largest group."
           if ko.cut_off else "")
    if s >= 0.999999:
        return f"Without {name}, everyone else still reaches everyone: nobody depended on them alone."
    if s < 0.5:
        return (f"{name} held the network together: without them, only {s:.0%} of the pairs of the "
                f"{ko.people_left} others can still reach each other; {cut}")
    return (f"Without {name}, {s:.0%} of the pairs of the {ko.people_left} others can still reach each other; "
            f"{cut}")


# --------------------------------------------------------------------------- unit size

def grow_unit(n: int, ties_per_newcomer: int = 3, closure: float = 0.5, seed: int | None = 0) -> nx.Graph:
    """A unit that grows one newcomer at a time, by preferential attachment and introductions.

    The unit starts with ``m + 1`` founders who all know each other (``m =
    ties_per_newcomer``). Each newcomer then makes exactly ``m`` ties: the first to someone
    chosen with probability proportional to how many ties they already have (preferential
    attachment; Barabasi & Albert 1999); each further tie, with probability ``closure``, to a
    colleague of the person just met (an introduction that closes a triangle), otherwise again
    by preferential attachment -- the model of Holme & Kim (2002).

    Parameters
    ----------
    n : int
        People (at least ``m + 1``).
    ties_per_newcomer : int, default 3
        ``m``, at least 1.
    closure : float, default 0.5
        Probability that a further tie is an introduction.
    seed : int or None, default 0

    Returns
    -------
    networkx.Graph
        People ``0 .. n-1`` in order of arrival (node attribute ``group=0``). It has exactly
        ``C(m + 1, 2) + m (n - m - 1)`` ties, and the first ``k`` people of ``grow_unit(n)``
        form ``grow_unit(k)`` for the same settings and seed: the unit grows, nobody's past
        ties change.

    References
    ----------
    Holme, P., & Kim, B. J. (2002). Growing scale-free networks with tunable clustering.
    *Physical Review E* 65, 026107.
    Barabasi, A.-L., & Albert, R. (1999). Emergence of scaling in random networks.
    *Science* 286, 509-512.

    Examples
    --------
    >>> grow_unit(10, ties_per_newcomer=2).number_of_edges()
    17
    """
    m = _int("ties_per_newcomer", ties_per_newcomer, 1)
    n = _int("n", n, m + 1, MAX_PEOPLE)
    p = _share("closure", closure)
    rng = random.Random(seed)
    G = nx.Graph(model="one unit")
    founders = list(range(m + 1))
    G.add_nodes_from(range(n), group=0, role="member")
    _add_clique(G, founders, "work")
    targets = [v for v in founders for _ in range(m)]  # each founder appears once per tie
    for v in range(m + 1, n):
        chosen: list[int] = []
        last = None
        while len(chosen) < m:
            w = None
            if last is not None and rng.random() < p:
                options = [x for x in G[last] if x != v and x not in chosen]
                if options:
                    w = options[rng.randrange(len(options))]
            while w is None:
                cand = targets[rng.randrange(len(targets))]
                if cand not in chosen:
                    w = cand
            chosen.append(w)
            last = w
        for w in chosen:
            G.add_edge(v, w, kind="work")
            targets.append(w)
            targets.append(v)
    return G


def split_unit(n: int, cap: int = 150, ties_per_newcomer: int = 3, closure: float = 0.5, liaisons: int = 2,
               seed: int | None = 0) -> nx.Graph:
    """The same number of people in units of at most ``cap``, joined by a few liaison ties.

    The people are split into ``ceil(n / cap)`` units of near-equal size; each unit grows as
    :func:`grow_unit` does (its own seed drawn from ``seed``), and each unit is joined to the
    next one round a ring by ``liaisons`` ties between members chosen at random (kind
    "liaison"; two units are joined once).

    Examples
    --------
    >>> G = split_unit(400, cap=150, seed=1)
    >>> sorted({g for _, g in G.nodes(data="group")}), nx.is_connected(G)
    ([0, 1, 2], True)
    """
    n = _int("n", n, 2, MAX_PEOPLE)
    cap = _int("cap", cap, 2)
    m = _int("ties_per_newcomer", ties_per_newcomer, 1)
    liaisons = _int("liaisons", liaisons, 0)
    rng = random.Random(seed)
    sizes = _blocks(n, cap)
    if min(sizes) < m + 1:
        raise P2PKitError(f"units of {min(sizes)} people are too small for {m} ties per newcomer; "
                          "use fewer ties per newcomer or a larger cap.")
    G = nx.Graph(model="split units")
    members: list[list[int]] = []
    start = 0
    for u, size in enumerate(sizes):
        unit = grow_unit(size, m, closure, seed=rng.randrange(2**31))
        mapping = {v: start + v for v in unit}
        G.add_nodes_from(mapping.values(), group=u, role="member")
        G.add_edges_from(((mapping[a], mapping[b]) for a, b in unit.edges()), kind="work")
        members.append(list(mapping.values()))
        start += size
    k = len(sizes)
    pairs = [(u, (u + 1) % k) for u in range(k)] if k > 2 else ([(0, 1)] if k == 2 else [])
    for a, b in pairs:
        for _ in range(liaisons):
            x = members[a][rng.randrange(len(members[a]))]
            y = members[b][rng.randrange(len(members[b]))]
            G.add_edge(x, y, kind="liaison")
    return G


def ideal_split(units: int, size: int) -> nx.Graph:
    """Units in which everyone knows everyone, each unit tied once to the next round a ring.

    Built with :func:`networkx.ring_of_cliques`; node attribute ``group`` is the unit. It has
    ``units * C(size, 2) + units`` ties (for at least 3 units).

    Examples
    --------
    >>> ideal_split(4, 5).number_of_edges()
    44
    """
    units = _int("units", units, 2)
    size = _int("size", size, 2)
    G = nx.ring_of_cliques(units, size)
    for v in G:
        G.nodes[v]["group"] = v // size
        G.nodes[v]["role"] = "member"
    G.graph["model"] = "ideal split"
    return G


def ideal_split_modularity(units: int, size: int) -> float:
    """Closed-form modularity of :func:`ideal_split` ``(units, size)`` divided into its units.

    Each unit has ``L = C(size, 2)`` ties inside and two ring ties out, so the network has
    ``m = units (L + 1)`` ties and each unit a degree sum of ``2 (L + 1) = 2m / units``;
    Newman & Girvan's Q is therefore ``L / (L + 1) - 1 / units``. It approaches 1 as units
    get larger and more numerous.

    Examples
    --------
    >>> round(ideal_split_modularity(4, 5), 4)
    0.6591
    """
    units = _int("units", units, 3)
    size = _int("size", size, 2)
    L = size * (size - 1) / 2
    return L / (L + 1) - 1 / units


@dataclass(frozen=True)
class UnitSize:
    """Coordination cost of one way of organising ``people`` (see :func:`unit_size`)."""

    people: int
    units: int
    largest_unit: int
    ties: int
    ties_for_all_to_know_all: int
    relationships_needed: int
    ties_per_person: float
    mean_hops: float
    hops_exact: bool
    degree_centralization: float
    busiest_share: float
    communities: int
    modularity: float

    def as_dict(self) -> dict:
        return asdict(self)


def unit_size(G: nx.Graph, seed: int | None = 0, communities: list | None = None) -> UnitSize:
    """Measure the coordination cost of a network whose node attribute ``group`` is the unit.

    Returns
    -------
    UnitSize
        ``ties_for_all_to_know_all``: the ties needed for everyone to know everyone in their
        own unit (``sum C(s, 2)`` over unit sizes ``s``); ``relationships_needed``: the working
        relationships that would ask of a person in the largest unit (its size minus one);
        ``ties`` and ``ties_per_person``: what the network has; ``mean_hops`` (see
        :func:`mean_hops`); ``busiest_share``: the best-connected person's ties as a share of
        everyone else; ``degree_centralization`` (Freeman 1979); ``communities`` and
        ``modularity`` of a Louvain division -- the groups the network forms on its own
        (pass ``communities`` to reuse a division already found).

    Examples
    --------
    >>> u = unit_size(ideal_split(3, 4))
    >>> u.ties, u.ties_for_all_to_know_all, u.relationships_needed, u.mean_hops > 1
    (21, 18, 3, True)
    """
    n = G.number_of_nodes()
    if n < 3:
        raise P2PKitError("a unit needs at least 3 people.")
    sizes: dict = {}
    for _, g in G.nodes(data="group", default=0):
        sizes[g] = sizes.get(g, 0) + 1
    comms = communities if communities is not None else detect(G, seed=seed)
    hops, exact = mean_hops(G, seed=seed)
    return UnitSize(
        people=n,
        units=len(sizes),
        largest_unit=max(sizes.values()),
        ties=G.number_of_edges(),
        ties_for_all_to_know_all=int(sum(s * (s - 1) // 2 for s in sizes.values())),
        relationships_needed=max(sizes.values()) - 1,
        ties_per_person=2 * G.number_of_edges() / n,
        mean_hops=hops,
        hops_exact=exact,
        degree_centralization=centralization(G, "degree"),
        busiest_share=max(d for _, d in G.degree()) / (n - 1),
        communities=len(comms),
        modularity=modularity(G, comms),
    )


def unit_sweep(sizes: Iterable[int], cap: int = 150, ties_per_newcomer: int = 3, closure: float = 0.5,
               liaisons: int = 2, seed: int | None = 0) -> list[tuple[UnitSize, UnitSize]]:
    """One unit growing through ``sizes``, against the same people split into units of <= ``cap``.

    The single unit is :func:`grow_unit` of the largest size, cut to each size in turn (the
    same people, arriving in the same order); the split organisation is
    :func:`split_unit` built for each size.

    Returns
    -------
    list of (UnitSize, UnitSize)
        ``(one_unit, split)`` for each size, in the order given.

    Examples
    --------
    >>> [(a.units, b.units) for a, b in unit_sweep([100, 200])]
    [(1, 1), (1, 2)]
    """
    sizes = [_int("size", s, ties_per_newcomer + 1, MAX_PEOPLE) for s in sizes]
    if not sizes:
        raise P2PKitError("give at least one unit size.")
    big = grow_unit(max(sizes), ties_per_newcomer, closure, seed)
    out = []
    for s in sizes:
        one = big.subgraph(range(s)).copy()
        split = split_unit(s, cap, ties_per_newcomer, closure, liaisons, seed)
        out.append((unit_size(one, seed), unit_size(split, seed)))
    return out


def unit_verdict(one: UnitSize, split: UnitSize, cap: int = 150) -> str:
    """Compare one unit with the same people split into small units, in plain sentences.

    Examples
    --------
    >>> a, b = unit_sweep([300])[0]
    >>> unit_verdict(a, b).startswith("One unit of 300")
    True
    >>> "past the cap of 50;" in unit_verdict(a, b, cap=50)
    True
    """
    parts = [f"One unit of {one.people}: for everyone to know everyone, each person would need "
             f"{one.relationships_needed} working relationships; they have {one.ties_per_person:.1f} on average."]
    limit = "the 150 often cited as a limit" if cap == 150 else f"the cap of {cap}"
    if one.largest_unit > cap:
        parts.append(f"That is past {limit}; the unit has already formed "
                     f"{one.communities} informal groups of its own (modularity {one.modularity:.2f}).")
    else:
        parts.append(f"It is within {limit}.")
    if split.units > 1:
        change = split.mean_hops - one.mean_hops
        direction = "more" if change > 0 else "fewer"
        parts.append(f"Split into {split.units} units of at most {split.largest_unit}, each person would need at most "
                     f"{split.relationships_needed} relationships to know their whole unit, but a message across "
                     f"the organisation takes {abs(change):.2f} {direction} hops on average "
                     f"({split.mean_hops:.2f} against {one.mean_hops:.2f}).")
    return " ".join(parts)
