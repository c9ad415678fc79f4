"""Chapter 10 figures: what a peer network costs as it grows (scenes from :mod:`p2pkit.scaling`).

A full mesh, a team of teams and a sparse peer mesh of the same people: ties to keep up,
the most ties one person keeps (against Dunbar's ~150), hops between two people and the
load on liaisons. The models count and measure; these functions arrange.
"""

from __future__ import annotations

import math
from functools import lru_cache

import networkx as nx

from ..scaling import DESIGNS, DUNBAR, liaison_load, scaling_profiles, team_of_teams, team_sizes, ties, verdict
from .component import Figure, play, seed, slider
from .scene import bars, chart, network, scene, series

__all__ = ["team_positions", "team_of_teams_figure", "growing_organisation", "scaling_sandbox"]

#: Sizes the growing organisation passes through (the Play control).
SIZES = (10, 20, 35, 60, 100, 150, 250, 400, 650, 1000)
#: How each design is drawn in the charts: role (colour) and dashes; the shapes of the
#: points at the current size come with the role.
DESIGN_STYLE = {"full mesh": ("rumour", False), "team of teams": ("bridge", True),
                "sparse peer mesh": ("peer", False)}


def team_positions(sizes, hub: bool = False) -> dict:
    """Where people and AI nodes stand: teams in clusters around a circle.

    Person ``v`` (numbered team by team, as :func:`p2pkit.scaling.team_of_teams` and
    :func:`p2pkit.hybrid.hub_design` number them) sits on a small circle around their team's
    centre; the first member of a team sits on the inner side (a liaison). Keys ``("ai", i)``
    give the inner point of team ``i`` (for its embedded agent) and ``("ai", None)`` the
    middle (for a hub). The same sizes always give the same positions.
    """
    sizes = list(sizes)
    t = len(sizes)
    R = 1.0
    r = min(0.42, 0.9 * math.sin(math.pi / max(t, 2))) if t > 1 else 0.6
    pos = {}
    v = 0
    for i, s in enumerate(sizes):
        a = math.pi / 2 - 2 * math.pi * i / max(t, 1)
        cx, cy = (R * math.cos(a), R * math.sin(a)) if t > 1 else (0.0, 0.0)
        for j in range(s):
            # the first member faces the middle; the others go round the team's circle
            b = a + math.pi + 2 * math.pi * j / s
            pos[v + j] = (cx + r * math.cos(b), cy + r * math.sin(b))
        inner = max(0.0, R - r - 0.22 * R) if t > 1 else 0.0
        pos[("ai", i)] = (inner * math.cos(a), inner * math.sin(a)) if t > 1 else (0.0, -0.9 * r)
        v += s
    pos[("ai", None)] = (0.0, 0.0)
    return pos


# ------------------------------------------------------------------ a team of teams


def team_scene(people: int, team_size: int) -> dict:
    """One state of :func:`team_of_teams_figure`."""
    G = team_of_teams(people, team_size)
    sizes = team_sizes(people, team_size)
    pos = team_positions(sizes)
    team = nx.get_node_attributes(G, "team")
    liaisons = [v for v, d in G.nodes(data=True) if d["role"] == "liaison"]
    load = liaison_load(sizes)
    names = {v: (f"Liaison of team {team[v] + 1}" if v in liaisons else f"Person {v + 1}, team {team[v] + 1}")
             for v in G}
    share = {v: (load[team[v]] if v in liaisons else 0.0) for v in G}
    prof = scaling_profiles(people, team_size)
    t = prof["team of teams"]
    full = prof["full mesh"]
    net = network(G, pos, title=f"{people} people in {t.teams} teams of up to {t.largest_team}: {t.ties:,} ties",
                  names=names, roles={v: ("bridge" if v in liaisons else "peer") for v in G},
                  groups=team, group_names=[f"team {i + 1}" for i in range(len(sizes))],
                  figures=[("Ties", dict(G.degree()), "d"), ("Share of routes between others", share, ".0%")],
                  labels=False)
    readout = [("Teams", f"{t.teams} (up to {t.largest_team} people)"),
               ("Ties (team of teams / full mesh)", f"{t.ties:,} / {full.ties:,}"),
               ("Average hops between two people", f"{t.mean_hops:.2f}"),
               ("Most ties one person keeps", f"{t.most_ties} (a liaison)" if t.teams > 1 else f"{t.most_ties}"),
               ("Each liaison's share of routes between others", f"{t.busiest_load:.0%}")]
    summary = (f"A team of teams: {people} people in {t.teams} teams of up to {t.largest_team}, each team a full "
               f"mesh, joined by one liaison per team (diamonds, facing the middle); the liaisons are all tied to "
               f"each other. {t.ties:,} ties against {full.ties:,} for a full mesh; {t.mean_hops:.2f} hops on average.")
    return scene(net, readout=readout, verdict=verdict(prof), summary=summary)


def team_of_teams_figure(people: int = 40, team_size: int = 8) -> Figure:
    """A team of teams: each team a full mesh, one liaison per team, the liaisons tied to each other."""
    return Figure(
        "A team of teams", team_scene,
        [slider("people", "People", (20, 40, 80), people, fmt="d", live=(4, 1000, 1)),
         slider("team_size", "Largest team", (5, 8, 12), team_size, fmt="d", live=(2, 50, 1))],
        description="A network drawing: teams in clusters around a circle, each with a liaison facing the middle; "
                    "the liaisons are tied to each other.")


# ------------------------------------------------------------------ a growing organisation


@lru_cache(maxsize=512)
def _profiles(people: int, team_size: int, mesh_ties: int, minutes: float, seed: int):
    return scaling_profiles(people, team_size, mesh_ties, minutes, seed=seed)


def _design_series(values_by_design: dict, xs) -> list:
    return [series(d, xs, values_by_design[d], role=DESIGN_STYLE[d][0], dash=DESIGN_STYLE[d][1], points=True)
            for d in DESIGNS]


def _readout(profiles: dict) -> list:
    p = [profiles[d] for d in DESIGNS]

    def row(label, fmt):
        return (label, " / ".join(fmt(x) for x in p))

    return [("Designs", "full mesh / team of teams / sparse mesh"),
            row("Ties", lambda x: f"{x.ties:,}"),
            row("Most ties one person keeps", lambda x: f"{x.most_ties:,}"),
            row(f"People over Dunbar's ~{DUNBAR}", lambda x: f"{x.over_dunbar:,}"),
            row("Hours a week per person on ties", lambda x: f"{x.hours_per_person:.1f}"),
            row("Average hops", lambda x: f"{x.mean_hops:.2f}"),
            row("Busiest person's share of routes", lambda x: f"{x.busiest_load:.0%}"),
            row("Ties for twice the people", lambda x: f"× {x.ties_if_doubled:.1f}")]


def growth_scene(people: int, team_size: int, mesh_ties: int, minutes: float, seed: int = 0) -> dict:
    """One state of :func:`growing_organisation`: the designs up to ``people`` people."""
    done = [n for n in SIZES if n <= people] or [people]
    by = {n: _profiles(n, team_size, mesh_ties, minutes, seed) for n in done}
    now = _profiles(people, team_size, mesh_ties, minutes, seed)
    top_ties = ties("full mesh", SIZES[-1])
    t_chart = chart("Ties to keep up", _design_series({d: [ties(d, n, team_size, mesh_ties) for n in done]
                                                      for d in DESIGNS}, done),
                    x_label="people", y_label="ties", x_log=True, y_log=True,
                    x_domain=(SIZES[0], SIZES[-1]), y_domain=(5, top_ties), marker_x=people)
    dunbar = series(f"Dunbar's ~{DUNBAR}", [SIZES[0], SIZES[-1]], [DUNBAR, DUNBAR], role="other", dash=True)
    m_chart = chart("Most ties one person keeps",
                    _design_series({d: [by[n][d].most_ties for n in done] for d in DESIGNS}, done) + [dunbar],
                    x_label="people", y_label="ties of the busiest person", x_log=True, y_log=True,
                    x_domain=(SIZES[0], SIZES[-1]), y_domain=(2, 2000), marker_x=people)
    h_chart = chart("Average hops between two people",
                    _design_series({d: [by[n][d].mean_hops for n in done] for d in DESIGNS}, done),
                    x_label="people", y_label="hops", x_log=True, x_domain=(SIZES[0], SIZES[-1]),
                    y_domain=(0, 8), marker_x=people)
    f, t, m = (now[d] for d in DESIGNS)
    summary = (f"{people:,} people. Ties: full mesh {f.ties:,}, team of teams {t.ties:,}, sparse mesh {m.ties:,}. "
               f"Most ties one person keeps: {f.most_ties:,}, {t.most_ties:,} and {m.most_ties:,} (Dunbar's ~{DUNBAR}). "
               f"Average hops: {f.mean_hops:.2f}, {t.mean_hops:.2f} and {m.mean_hops:.2f}.")
    return scene(t_chart, m_chart, h_chart, readout=_readout(now), verdict=verdict(now), summary=summary)


def growing_organisation(team_size: int = 10, mesh_ties: int = 6, minutes_per_tie: float = 10.0) -> Figure:
    """Grow an organisation from 10 to 1,000 people (Play); three designs side by side."""

    def build(people, team_size, mesh_ties, minutes):
        return growth_scene(people, team_size, mesh_ties, minutes)

    return Figure(
        "Does the network scale linearly?", build,
        [play("people", "People", SIZES, 150, fmt=lambda n: f"{n:,}", interval_ms=900,
              help="Play grows the organisation; from the largest size it starts again at 10 people."),
         slider("team_size", "Largest team", (5, 10, 20), team_size, fmt="d"),
         slider("mesh_ties", "Ties each (sparse mesh)", (4, 6, 10), mesh_ties, fmt="d"),
         slider("minutes", "Minutes a week per tie", (5.0, 10.0, 30.0), float(minutes_per_tie), fmt=".0f")],
        description="Three line charts against the number of people: ties, the most ties one person keeps, "
                    "and average hops, for a full mesh, a team of teams and a sparse peer mesh.")


# ------------------------------------------------------------------ the sandbox


def sandbox_scene(people: int, team_size: int, mesh_ties: int, minutes: float, seed: int) -> dict:
    """One state of :func:`scaling_sandbox`."""
    now = _profiles(people, team_size, mesh_ties, minutes, seed)
    grid = sorted({int(round(10 ** (1 + i * 0.1))) for i in range(21)} | {people})
    t_chart = chart("Ties to keep up", [series(d, grid, [ties(d, n, team_size, mesh_ties) for n in grid],
                                              role=DESIGN_STYLE[d][0], dash=DESIGN_STYLE[d][1]) for d in DESIGNS],
                    x_label="people", y_label="ties", x_log=True, y_log=True, marker_x=people,
                    points=[{"x": people, "y": now[d].ties, "label": "", "role": DESIGN_STYLE[d][0]}
                            for d in DESIGNS])
    hours = bars("Hours a week each person spends keeping ties up",
                 [(d, now[d].hours_per_person / 40, f"{now[d].hours_per_person:.1f} h", DESIGN_STYLE[d][0])
                  for d in DESIGNS], note="A bar is full at 40 hours, a whole working week.")
    f, t, m = (now[d] for d in DESIGNS)
    summary = (f"{people:,} people, teams of up to {team_size}, a sparse mesh of {mesh_ties} ties each, {minutes:g} "
               f"minutes a week per tie. Ties: {f.ties:,}, {t.ties:,} and {m.ties:,}; hours a week per person: "
               f"{f.hours_per_person:.1f}, {t.hours_per_person:.1f} and {m.hours_per_person:.1f}.")
    return scene(t_chart, hours, readout=_readout(now), verdict=verdict(now), summary=summary)


def scaling_sandbox(people: int = 150) -> Figure:
    """The sandbox: any size, team size, mesh and minutes per tie."""
    return Figure(
        "Coordination cost: your settings", sandbox_scene,
        [slider("people", "People", (50, 150, 500, 1000), people, fmt=lambda n: f"{n:,}", live=(4, 1000, 1)),
         slider("team_size", "Largest team", (3, 10, 50), 10, fmt="d", live=(2, 50, 1)),
         slider("mesh_ties", "Ties each (sparse mesh)", (2, 6, 20), 6, fmt="d", live=(2, 20, 2)),
         slider("minutes", "Minutes a week per tie", (10.0,), 10.0, fmt=".0f", live=(0, 60, 1)),
         seed(values=(0,), help="The seed of the sparse mesh's long-range ties.")],
        description="A chart of ties against people for three designs, and bars of the hours a week each "
                    "person spends keeping ties up.")


FIGURES = [team_of_teams_figure, growing_organisation, scaling_sandbox]
