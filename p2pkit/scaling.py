"""Scaling: what it costs to keep a peer network connected as it grows.

Chapter 10 of the companion tests a claim often made for peer networks: that they grow in
step with the work ("scale linearly"). It depends on how the peers are wired. Three
designs of the same ``people`` are compared (:func:`scaling_profiles`):

- **Full mesh**: everyone deals directly with everyone. ``n (n - 1) / 2`` ties
  (:func:`full_mesh_ties`): the number of ties grows with the *square* of the size, as
  Brooks (1975) counted for the communication paths of a software team.
- **Team of teams** (:func:`team_of_teams`): small teams in which everyone deals with
  everyone, and one *liaison* per team; the liaisons deal with each other. Fewer ties, at
  the price of extra hops between teams and of load on the liaisons
  (closed forms: :func:`team_of_teams_ties`, :func:`team_of_teams_mean_hops`,
  :func:`liaison_load`).
- **Sparse peer mesh**: everyone keeps a fixed number of ties to peers, a few of them long
  range (Watts & Strogatz 1998). Ties grow in step with size; hops grow slowly.

Each design is checked against Dunbar's (1992) estimate of how many stable relationships
a person can keep up (about 150).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx
import numpy as np

from .errors import P2PKitError, require_graph, require_whole_number
from .measures import betweenness, path_stats
from .seeding import python_random

__all__ = [
    "DUNBAR",
    "DESIGNS",
    "full_mesh_ties",
    "team_sizes",
    "team_of_teams",
    "team_of_teams_ties",
    "team_of_teams_mean_hops",
    "liaison_load",
    "hops_and_load",
    "ScalingProfile",
    "ties",
    "scaling_profiles",
    "verdict",
]

#: Dunbar's (1992) estimate of the number of stable relationships a person can keep up.
DUNBAR = 150

#: The three designs compared by :func:`scaling_profiles`.
DESIGNS = ("full mesh", "team of teams", "sparse peer mesh")


def full_mesh_ties(people: int) -> int:
    """Ties in a full mesh, where everyone deals with everyone: ``n (n - 1) / 2``.

    References
    ----------
    Brooks, F. P. (1975). *The Mythical Man-Month: Essays on Software Engineering*.
    Addison-Wesley (intercommunication grows as ``n (n - 1) / 2``).

    Examples
    --------
    >>> full_mesh_ties(150)
    11175
    """
    n = require_whole_number("people", people, minimum=1)
    return n * (n - 1) // 2


def team_sizes(people: int, team_size: int) -> list[int]:
    """Split ``people`` into the fewest teams of at most ``team_size``, as even as possible.

    Examples
    --------
    >>> team_sizes(150, 10) == [10] * 15
    True
    >>> team_sizes(23, 10)
    [8, 8, 7]
    """
    n = require_whole_number("people", people, minimum=1)
    s = require_whole_number("team_size", team_size, minimum=1)
    t = math.ceil(n / s)
    base, extra = divmod(n, t)
    return [base + 1] * extra + [base] * (t - extra)


def _sizes(sizes) -> list[int]:
    sizes = [require_whole_number("a team's size", s, minimum=1) for s in sizes]
    if not sizes:
        raise P2PKitError("give at least one team, each of at least one person.")
    return sizes


def team_of_teams(people: int, team_size: int) -> nx.Graph:
    """Teams in which everyone deals with everyone, joined by one liaison per team.

    Parameters
    ----------
    people : int
        Everyone in the organisation.
    team_size : int
        Largest team (teams are as even as possible: :func:`team_sizes`).

    Returns
    -------
    networkx.Graph
        Nodes ``0 .. n-1``, team by team; the first member of each team is its liaison.
        Node attributes ``team`` (0, 1, ...) and ``role`` (``"liaison"`` or ``"member"``).
        Each team is a full mesh and the liaisons form a full mesh of their own.

    References
    ----------
    McChrystal, S., Collins, T., Silverman, D., & Fussell, C. (2015). *Team of Teams: New
    Rules of Engagement for a Complex World*. Portfolio (the name and the idea of linking
    small teams through liaisons).

    Examples
    --------
    >>> G = team_of_teams(20, 5)
    >>> G.number_of_edges() == team_of_teams_ties([5, 5, 5, 5])
    True
    """
    sizes = team_sizes(people, team_size)
    G = nx.Graph()
    liaisons = []
    v = 0
    for i, s in enumerate(sizes):
        members = list(range(v, v + s))
        for j, u in enumerate(members):
            G.add_node(u, team=i, role="liaison" if j == 0 else "member")
        G.add_edges_from((a, b) for k, a in enumerate(members) for b in members[k + 1:])
        liaisons.append(members[0])
        v += s
    G.add_edges_from((a, b) for k, a in enumerate(liaisons) for b in liaisons[k + 1:])
    G.graph["shape"] = "team of teams"
    return G


def team_of_teams_ties(sizes) -> int:
    """Closed form: ties in a team of teams with these team sizes.

    ``sum_i s_i (s_i - 1) / 2`` inside the teams plus ``t (t - 1) / 2`` between the ``t``
    liaisons.

    Examples
    --------
    >>> team_of_teams_ties([10] * 15)
    780
    """
    sizes = _sizes(sizes)
    t = len(sizes)
    return sum(s * (s - 1) // 2 for s in sizes) + t * (t - 1) // 2


def team_of_teams_mean_hops(sizes) -> float:
    """Closed form: average hops between two people in a team of teams.

    Within a team everyone is one hop apart. Between teams ``i`` and ``j``: the two
    liaisons are 1 hop apart, a liaison and a member of the other team 2 hops, two members
    3 hops (member, own liaison, other liaison, member). Averaged over all pairs.

    Examples
    --------
    >>> round(team_of_teams_mean_hops([10] * 15), 4)
    2.6913
    """
    sizes = _sizes(sizes)
    n = sum(sizes)
    if n < 2:
        raise P2PKitError("mean hops need at least 2 people.")
    total = sum(s * (s - 1) / 2 for s in sizes)
    for i in range(len(sizes)):
        for j in range(i + 1, len(sizes)):
            a, b = sizes[i] - 1, sizes[j] - 1
            total += 1 + 2 * (a + b) + 3 * a * b
    return total / (n * (n - 1) / 2)


def liaison_load(sizes) -> list[float]:
    """Closed form: each liaison's share of the shortest routes between other people.

    A member of team ``i`` can leave the team only through its liaison, and that route is
    the only shortest one; no other pairs need the liaison. So the liaison lies on the
    routes of ``(s_i - 1)(n - s_i)`` pairs, normalised by the ``(n - 1)(n - 2) / 2`` pairs
    of other people (Freeman's 1977 betweenness).

    References
    ----------
    Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
    *Sociometry* 40(1), 35-41.

    Examples
    --------
    >>> round(liaison_load([10] * 15)[0], 4)
    0.1143
    """
    sizes = _sizes(sizes)
    n = sum(sizes)
    if n < 3:
        return [0.0] * len(sizes)
    pairs = (n - 1) * (n - 2) / 2
    return [(s - 1) * (n - s) / pairs for s in sizes]


def hops_and_load(G: nx.Graph) -> tuple[float, np.ndarray]:
    """Average hops between two people, and everyone's share of the routes between others.

    The package's shared measures, :func:`p2pkit.measures.path_stats` and
    :func:`p2pkit.measures.betweenness` (computed in C by igraph), on a connected network
    numbered ``0 .. n-1``, with the shares as an array indexed by person: the same numbers as
    :func:`networkx.average_shortest_path_length` and :func:`networkx.betweenness_centrality`
    (normalised), and as :func:`p2pkit.practice.shortest_routes`, which reads the same two
    measures (scaling reads them directly, so that it needs none of the chapter 7 models).

    Parameters
    ----------
    G : networkx.Graph
        A connected, undirected network on ``0 .. n-1`` (at least 3 people).

    Returns
    -------
    (float, numpy.ndarray)
        Mean hops over all pairs; normalised betweenness of each person (index = person).

    References
    ----------
    Brandes, U. (2001). A faster algorithm for betweenness centrality. *Journal of
    Mathematical Sociology* 25(2), 163-177 (the shares of the routes).

    Examples
    --------
    >>> hops, load = hops_and_load(nx.star_graph(4))
    >>> hops, load.tolist()
    (1.6, [1.0, 0.0, 0.0, 0.0, 0.0])
    """
    n = require_graph(G, minimum=3, undirected=True, what="hops and load")
    if set(G.nodes()) != set(range(n)):
        raise P2PKitError("number the people 0 .. n-1 (nx.convert_node_labels_to_integers(G)).")
    stats = path_stats(G)
    if not stats.connected:
        raise P2PKitError("the network is not connected, so some pairs have no path.")
    load = betweenness(G)
    return float(stats.mean), np.array([load[v] for v in range(n)])


@dataclass(frozen=True)
class ScalingProfile:
    """What one design of ``people`` costs (see :func:`scaling_profiles`).

    Attributes
    ----------
    design : str
        One of :data:`DESIGNS`.
    people, ties : int
    mean_ties : float
        Ties per person, on average.
    most_ties : int
        The most ties any one person has to keep up.
    over_dunbar : int
        People with more ties than the ``dunbar`` limit.
    mean_hops : float
        Average hops between two people.
    busiest_load : float
        The busiest person's share of routes between others (0 to 1).
    hours_per_person : float
        Hours a week the average person spends keeping their ties up, at
        ``minutes_per_tie`` minutes per tie per week.
    ties_if_doubled : float
        How many times more ties the same design needs for twice the people (2 = linear,
        4 = quadratic).
    teams, largest_team : int
        Number of teams and the largest one (a mesh counts as one team of everyone).
    dunbar : int
        The limit ``over_dunbar`` counts against (Dunbar 1992).
    """

    design: str
    people: int
    ties: int
    mean_ties: float
    most_ties: int
    over_dunbar: int
    mean_hops: float
    busiest_load: float
    hours_per_person: float
    ties_if_doubled: float
    teams: int = 1
    largest_team: int = 0
    dunbar: int = DUNBAR


def ties(design: str, people: int, team_size: int = 10, mesh_ties: int = 6) -> int:
    """Number of ties a design of ``people`` needs (closed forms for all three designs).

    Examples
    --------
    >>> [ties(d, 100, 10, 6) for d in DESIGNS]
    [4950, 495, 300]
    """
    n = require_whole_number("people", people, minimum=1)
    if design == "full mesh":
        return full_mesh_ties(n)
    if design == "team of teams":
        return team_of_teams_ties(team_sizes(n, team_size))
    if design == "sparse peer mesh":
        k = _mesh_k(n, mesh_ties)
        return n * k // 2
    raise P2PKitError(f"design must be one of {', '.join(DESIGNS)}; got {design!r}.")


def _mesh_k(n: int, mesh_ties: int) -> int:
    k = require_whole_number("mesh_ties", mesh_ties, minimum=2)
    k -= k % 2  # a ring lattice has an even number of ties per person
    return min(k, n - 1 - ((n - 1) % 2))


def scaling_profiles(people: int, team_size: int = 10, mesh_ties: int = 6,
                     minutes_per_tie: float = 10.0, dunbar: int = DUNBAR,
                     seed: int | None = 0) -> dict[str, ScalingProfile]:
    """Compare a full mesh, a team of teams and a sparse peer mesh of ``people`` people.

    Parameters
    ----------
    people : int
        Size of the organisation (at least 4).
    team_size : int, default 10
        Largest team in the team of teams.
    mesh_ties : int, default 6
        Ties each person keeps in the sparse peer mesh (even; rounded down).
    minutes_per_tie : float, default 10
        Minutes a week it takes to keep one tie alive (an assumption to vary).
    dunbar : int, default 150
        Most relationships one person can keep up (Dunbar 1992).
    seed : int or None, default 0
        Seed for the long-range ties of the sparse peer mesh.

    Returns
    -------
    dict
        Design name -> :class:`ScalingProfile`.

    Notes
    -----
    The full mesh and the team of teams are measured by closed forms (tested against the
    built networks). The sparse mesh is a connected Watts-Strogatz network with 10 per cent
    of ties rewired; its hops and its busiest person's load are computed exactly on the
    network (:func:`hops_and_load`).

    References
    ----------
    Dunbar, R. I. M. (1992). Neocortex size as a constraint on group size in primates.
    *Journal of Human Evolution* 22(6), 469-493.

    Watts, D. J., & Strogatz, S. H. (1998). Collective dynamics of 'small-world' networks.
    *Nature* 393, 440-442.

    Examples
    --------
    >>> p = scaling_profiles(150)
    >>> p["full mesh"].most_ties, p["team of teams"].most_ties, p["sparse peer mesh"].mean_ties
    (149, 23, 6.0)
    """
    n = require_whole_number("people", people, minimum=4)
    s = require_whole_number("team_size", team_size, minimum=2)
    if not (isinstance(minutes_per_tie, (int, float)) and 0 <= minutes_per_tie < 10_000):
        raise P2PKitError(f"minutes_per_tie must be a number of minutes from 0 up; got {minutes_per_tie!r}.")
    dunbar = require_whole_number("dunbar", dunbar, minimum=1)
    out = {}

    def make(design, n_ties, degrees, mean_hops, load, sizes=None):
        degrees = np.asarray(degrees)
        sizes = sizes or [n]
        return ScalingProfile(
            design=design, people=n, ties=int(n_ties), mean_ties=float(2 * n_ties / n),
            most_ties=int(degrees.max()), over_dunbar=int((degrees > dunbar).sum()),
            mean_hops=float(mean_hops), busiest_load=float(load),
            hours_per_person=float(2 * n_ties / n * minutes_per_tie / 60),
            ties_if_doubled=ties(design, 2 * n, s, mesh_ties) / n_ties,
            teams=len(sizes), largest_team=max(sizes), dunbar=dunbar,
        )

    out["full mesh"] = make("full mesh", full_mesh_ties(n), np.full(n, n - 1), 1.0, 0.0)

    sizes = team_sizes(n, s)
    t = len(sizes)
    deg = []
    for size in sizes:
        deg += [size - 1 + (t - 1)] + [size - 1] * (size - 1)
    out["team of teams"] = make("team of teams", team_of_teams_ties(sizes), deg,
                                team_of_teams_mean_hops(sizes) if n > 1 else 0.0,
                                max(liaison_load(sizes)) if t > 1 else 0.0, sizes)

    k = _mesh_k(n, mesh_ties)
    n_ties, degrees, hops, busiest = (_sparse_mesh(n, k, seed) if seed is not None
                                      else _sparse_mesh.__wrapped__(n, k, seed))
    out["sparse peer mesh"] = make("sparse peer mesh", n_ties, degrees, hops, busiest)
    return out


@lru_cache(maxsize=512)
def _sparse_mesh(n: int, k: int, seed) -> tuple:
    """Ties, degrees, mean hops and busiest load of the seeded sparse mesh (:func:`hops_and_load`);
    kept, as the same network is measured again whenever only the team size or the minutes per
    tie change.
    """
    G = nx.connected_watts_strogatz_graph(n, k, 0.1, tries=1000, seed=python_random(seed))
    hops, load = hops_and_load(G)
    return G.number_of_edges(), tuple(d for _, d in G.degree()), hops, float(load.max())


def verdict(profiles: dict) -> str:
    """Plain sentences on how the three designs scale, computed from :func:`scaling_profiles`.

    Examples
    --------
    >>> verdict(scaling_profiles(300)).startswith("A full mesh does not scale linearly")
    True
    """
    f, t, m = (profiles[d] for d in DESIGNS)
    n = f.people
    over = f", over the ~{f.dunbar} a person can keep up" if f.over_dunbar else ""
    head = (f"A full mesh does not scale linearly: {n:,} people need {f.ties:,} ties "
            f"({f.most_ties} each{over}; {f.hours_per_person:.1f} hours a week each to keep them up), "
            f"and {f.ties_if_doubled:.1f} times as many for twice the people.")
    if t.teams == 1:
        team = (f" With teams of up to {t.largest_team}, everyone is still in one team: a full mesh of "
                f"{t.ties:,} ties.")
        mesh = (f" A sparse mesh of {m.mean_ties:.0f} ties each needs {m.ties:,} ties "
                f"({m.ties_if_doubled:.1f} times for twice the people: linear) at {m.mean_hops:.1f} hops.")
        return head + team + mesh
    team = (f" {t.teams} teams of up to {t.largest_team} need {t.ties:,} ties "
            f"({t.ties_if_doubled:.1f} times for twice the people), at {t.mean_hops:.1f} hops on "
            f"average, each liaison on {t.busiest_load:.0%} of routes with {t.most_ties} ties")
    if t.over_dunbar:
        team += "; the liaisons are over the limit, so they need teams of their own (another level)."
    elif t.ties_if_doubled >= 2.5:
        team += "; the liaisons' own mesh now grows with the square of the number of teams."
    else:
        team += "."
    mesh = (f" A sparse mesh of {m.mean_ties:.0f} ties each needs {m.ties:,} ties "
            f"({m.ties_if_doubled:.1f} times for twice the people: linear) at {m.mean_hops:.1f} hops.")
    return head + team + mesh
