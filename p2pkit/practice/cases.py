"""The stylised cases of chapter 7: a conventional chart and four documented structures.

Every generator takes the number of people ``people`` and a ``seed``; :data:`CASES` lists them
and :func:`build_case` builds one by name. :func:`authority_digraph` reads a case as
Krackhardt (1994) does (reporting lines one way, peer ties both ways).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import networkx as nx

from ..errors import P2PKitError, require_probability, require_whole_number
from ..scaling import team_sizes
from ..seeding import python_random
from ..transparency import org_chart
from ._common import MAX_PEOPLE, _add_clique

__all__ = ["chart", "gore_lattice", "participative_plant", "morning_star", "buurtzorg", "CASES", "build_case",
           "authority_digraph"]


def chart(people: int, span: int = 8) -> nx.Graph:
    """A conventional organisation chart of ``people`` people: one top, each boss ``span`` reports.

    People are numbered top-down, level by level; person ``i`` reports to ``(i - 1) // span``
    (a complete ``span``-ary tree, the shape Krackhardt 1994 takes as the ideal formal
    organisation): :func:`p2pkit.transparency.org_chart`, with each person's department and
    each reporting line marked. Only reporting lines are ties.

    Parameters
    ----------
    people : int
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
    K. M. Carley & M. J. Prietula (eds.), *Computational Organization Theory*, 89-111 (the
    baseline every stylised case is compared with).

    Examples
    --------
    >>> G = chart(13, span=3)
    >>> G.number_of_edges(), G.nodes[4]["role"], G.nodes[4]["level"]
    (12, 'staff', 2)
    """
    n = require_whole_number("people", people, minimum=2, maximum=MAX_PEOPLE)
    span = require_whole_number("span", span, minimum=1)
    G = org_chart(n, span)
    G.graph.clear()
    G.graph["model"] = "chart"
    for i in G:
        boss = (i - 1) // span
        G.nodes[i]["group"] = -1 if i == 0 else (i - 1 if boss == 0 else G.nodes[boss]["group"])
        if i:
            G.edges[boss, i].update(kind="reports", boss=boss)
    return G


def gore_lattice(people: int = 150, team_size: int = 8, project_size: int = 5, sponsors: bool = True,
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
    people : int, default 150
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
    n = require_whole_number("people", people, minimum=3, maximum=MAX_PEOPLE)
    team_size = require_whole_number("team_size", team_size, minimum=2)
    project_size = require_whole_number("project_size", project_size, minimum=2)
    rng = python_random(seed)
    G = nx.Graph(model="gore")
    start = 0
    for t, size in enumerate(team_sizes(n, team_size)):
        members = list(range(start, start + size))
        G.add_nodes_from(members, role="associate", group=t)
        _add_clique(G, members, "team")
        start += size
    order = list(range(n))
    rng.shuffle(order)
    start = 0
    for p, size in enumerate(team_sizes(n, project_size)):
        members = order[start:start + size]
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


def participative_plant(people: int = 150, span: int = 8, teams: bool = True, committee: bool = True,
                        seed: int | None = 0) -> nx.Graph:
    """A stylised participative plant: a chart, team work groups and an elected committee.

    Herman Miller adopted a Scanlon plan in 1950 and practised participative management under
    D. J. De Pree and his sons (De Pree 1987). A Scanlon plan combines gain-sharing with
    formal employee participation through committees (Frost, Wakeley & Ruh 1974). This model
    keeps the *shape* such a plan adds to a chart, not any documented detail of Herman Miller:

    - the formal lines of :func:`chart` ``(people, span)`` (kind "reports");
    - if ``teams``, the direct reports of each boss also work with each other (kind "team");
    - if ``committee``, every top-level department elects one representative at random, and
      the representatives and the top meet as one plant-wide committee (a clique of kind
      "committee").

    Parameters
    ----------
    people : int, default 150
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
    n = require_whole_number("people", people, minimum=3, maximum=MAX_PEOPLE)
    rng = python_random(seed)
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


def morning_star(people: int = 150, unit_size: int = 10, clou_colleagues: int = 10,
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
    people : int, default 150
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
    n = require_whole_number("people", people, minimum=3, maximum=MAX_PEOPLE)
    unit_size = require_whole_number("unit_size", unit_size, minimum=2)
    k = require_whole_number("clou_colleagues", clou_colleagues, minimum=1)
    within = require_probability("within_unit", within_unit)
    rng = python_random(seed)
    G = nx.Graph(model="morning_star")
    units: list[list[int]] = []
    start = 0
    for u, size in enumerate(team_sizes(n, unit_size)):
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


def buurtzorg(people: int = 150, team_size: int = 12, teams_per_coach: int = 45, office_share: float = 0.005,
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
    people : int, default 150
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
        Seed for the coaching, admin and cross-team ties; the same seed gives the same network.

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
    n = require_whole_number("people", people, minimum=4, maximum=MAX_PEOPLE)
    team_size = require_whole_number("team_size", team_size, minimum=2)
    teams_per_coach = require_whole_number("teams_per_coach", teams_per_coach, minimum=1)
    share = require_probability("office_share", office_share)
    contacts = require_whole_number("contacts", contacts, minimum=1)
    cross_team = require_whole_number("cross_team", cross_team, minimum=0)
    rng = python_random(seed)
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
    for t, size in enumerate(team_sizes(n - start, team_size)):
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


#: The models of chapter 7: key -> (title, builder(people, seed)).
CASES: dict[str, tuple[str, Callable[[int, int | None], nx.Graph]]] = {
    "chart": ("A conventional chart (baseline)", lambda people, seed=0: chart(people)),
    "gore": ("W. L. Gore: lattice of teams", lambda people, seed=0: gore_lattice(people, seed=seed)),
    "herman_miller": ("Herman Miller: participative plant",
                      lambda people, seed=0: participative_plant(people, seed=seed)),
    "morning_star": ("Morning Star: CLOU agreements", lambda people, seed=0: morning_star(people, seed=seed)),
    "buurtzorg": ("Buurtzorg: nurse teams", lambda people, seed=0: buurtzorg(people, seed=seed)),
}


def build_case(name: str, people: int = 150, seed: int | None = 0) -> nx.Graph:
    """Build the stylised model ``name`` (a key of :data:`CASES`) with default settings.

    Examples
    --------
    >>> build_case("gore", 30).graph["model"]
    'gore'
    """
    if name not in CASES:
        raise P2PKitError(f"unknown case {name!r}; choose one of: {', '.join(CASES)}.")
    return CASES[name][1](people, seed)


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

