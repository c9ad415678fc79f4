"""Chapter 10 figures: what a peer network costs as it grows (draws :mod:`p2pkit.scaling`)."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter, NullFormatter
import numpy as np

from ..scaling import DESIGNS, DUNBAR, scaling_profiles, team_of_teams, ties, verdict
from ..style import COMMUNITY_COLOURS, OKABE_ITO, ROLE_COLOURS, draw_network
from .core import Scrubber, scrubber

__all__ = ["DESIGN_STYLE", "plain_log_labels", "growth_panels", "growing_organisation", "team_of_teams_figure"]

#: One line style per design, the same in every scaling figure (readable in black and white).
DESIGN_STYLE = {
    "full mesh": dict(color=OKABE_ITO["black"], ls="-", marker="o"),
    "team of teams": dict(color=ROLE_COLOURS["bridge"], ls="--", marker="D"),
    "sparse peer mesh": dict(color=ROLE_COLOURS["peer"], ls="-.", marker="s"),
}


def plain_log_labels(ax) -> None:
    """Label log axes 10, 100, 1,000 ... in plain numbers (faster and easier to read than 10^k)."""
    fmt = FuncFormatter(lambda x, _: f"{x:,.0f}" if x >= 1 else f"{x:g}")
    for axis in (ax.xaxis, ax.yaxis):
        if axis.get_scale() == "log":
            axis.set_major_formatter(fmt)
            axis.set_minor_formatter(NullFormatter())


def growth_panels(axes, sizes, profiles_by_size: dict, current: int, team_size: int, mesh_ties: int,
                  dunbar: int = DUNBAR) -> None:
    """Three panels over organisation size: ties, the most ties one person keeps, mean hops."""
    ax_t, ax_m, ax_h = axes
    for ax in axes:
        ax.clear()
    grid = np.unique(np.geomspace(min(sizes), max(sizes), 40).astype(int))
    for d in DESIGNS:
        st = DESIGN_STYLE[d]
        ax_t.loglog(grid, [ties(d, int(n), team_size, mesh_ties) for n in grid], color=st["color"],
                    ls=st["ls"], lw=1.8, label=d)
        done = [n for n in sizes if n <= current]
        ax_m.semilogx(done, [profiles_by_size[n][d].most_ties for n in done], color=st["color"],
                      ls=st["ls"], lw=1.8, marker=st["marker"], ms=4)
        ax_h.semilogx(done, [profiles_by_size[n][d].mean_hops for n in done], color=st["color"],
                      ls=st["ls"], lw=1.8, marker=st["marker"], ms=4)
        p = profiles_by_size[current][d]
        ax_t.plot([current], [p.ties], marker=st["marker"], color=st["color"], ms=8)
    ax_t.loglog(grid, grid, color="#999999", lw=0.8, ls=":")
    ax_t.text(grid[-1], grid[-1] * 0.6, "ties = people", fontsize=7.5, color="#666666", ha="right", va="top")
    ax_t.set_title("Ties to keep up", fontsize=10)
    ax_t.set_xlabel("people")
    ax_t.legend(fontsize=7.5, frameon=False, loc="upper left")
    ax_m.axhline(dunbar, color=ROLE_COLOURS["centre"], lw=1)
    ax_m.text(min(sizes), dunbar * 1.15, f"Dunbar's ~{dunbar}", color=ROLE_COLOURS["centre"], fontsize=8)
    ax_m.set_yscale("log")
    ax_m.set_ylim(2, max(2000, 2 * max(profiles_by_size[n]["full mesh"].most_ties for n in sizes)))
    ax_m.set_title("Most ties one person keeps", fontsize=10)
    ax_m.set_xlabel("people")
    ax_h.set_title("Average hops between two people", fontsize=10)
    ax_h.set_xlabel("people")
    ax_h.set_ylim(0, max(7, max(profiles_by_size[n]["sparse peer mesh"].mean_hops for n in sizes) + 0.5))
    for ax in (ax_m, ax_h):
        ax.set_xlim(min(sizes) * 0.85, max(sizes) * 1.15)
        ax.axvline(current, color="#555555", lw=0.8, ls=":")
    for ax in axes:
        plain_log_labels(ax)


def growing_organisation(sizes=(10, 20, 35, 60, 100, 150, 250, 400, 650, 1000), team_size: int = 10,
                         mesh_ties: int = 6, minutes_per_tie: float = 10.0, seed: int = 0) -> Scrubber:
    """Scrub the size of the organisation from 10 to 1,000 people, three designs side by side.

    Each frame marks the current size on the three panels of :func:`growth_panels` and gives
    the model's sentences for it (:func:`p2pkit.scaling.verdict`).
    """
    sizes = list(sizes)
    profiles = {n: scaling_profiles(n, team_size, mesh_ties, minutes_per_tie, seed=seed) for n in sizes}
    fig = plt.figure(figsize=(9.6, 4.6))
    axes = [fig.add_axes([0.09, 0.36, 0.24, 0.54]), fig.add_axes([0.41, 0.36, 0.24, 0.54]),
            fig.add_axes([0.73, 0.36, 0.25, 0.54])]
    ax_txt = fig.add_axes([0.0, 0.0, 1.0, 0.2])

    def draw(i: int) -> None:
        n = sizes[i]
        growth_panels(axes, sizes, profiles, n, team_size, mesh_ties)
        ax_txt.clear()
        ax_txt.set_axis_off()
        ax_txt.text(0.5, 0.5, "\n".join(textwrap.wrap(verdict(profiles[n]), 125)), ha="center",
                    va="center", fontsize=9.6, color="#222222")

    alt = (f"Animation in {len(sizes)} frames, one per organisation size from {sizes[0]} to "
           f"{sizes[-1]:,} people. Three panels compare a full mesh (everyone tied to everyone), "
           f"a team of teams (teams of up to {team_size} joined by liaisons) and a sparse peer mesh "
           f"({mesh_ties} ties each). Left: the number of ties, on logarithmic axes, with a marker at "
           "the current size; the full mesh climbs twice as steeply as the others. Middle: the most "
           "ties any one person keeps, against a line at Dunbar's 150. Right: the average number of "
           "hops between two people. Sentences under the panels give the model's verdict for that size.")
    return scrubber(fig, draw, len(sizes), alt=alt)


def team_of_teams_figure(people: int = 40, team_size: int = 8):
    """Draw a team of teams: each team a full mesh, liaisons (orange diamonds) joined to each other.

    Team members are coloured by team (community colours except orange, which marks the liaisons, and vermillion, a centre).
    """
    G = team_of_teams(people, team_size)
    teams = max(d["team"] for _, d in G.nodes(data=True)) + 1
    pos = {}
    for i in range(teams):
        members = [v for v, d in G.nodes(data=True) if d["team"] == i]
        a = np.pi / 2 - 2 * np.pi * i / teams
        cx, cy = 2.7 * np.cos(a), 2.7 * np.sin(a)
        pos[members[0]] = (1.45 * np.cos(a), 1.45 * np.sin(a))
        rest = members[1:]
        for j, v in enumerate(rest):
            b = a + np.pi + 2 * np.pi * (j + 0.5) / (len(rest) + 1) - np.pi + np.pi / (len(rest) + 1)
            pos[v] = (cx + 0.8 * np.cos(b), cy + 0.8 * np.sin(b))
    roles = {v: ("bridge" if d["role"] == "liaison" else "peer") for v, d in G.nodes(data=True)}
    # orange marks the liaisons and vermillion a centre, so teams use the other community colours
    palette = [c for c in COMMUNITY_COLOURS if c not in (ROLE_COLOURS["bridge"], ROLE_COLOURS["centre"])]
    colours = {v: palette[d["team"] % len(palette)] for v, d in G.nodes(data=True) if d["role"] != "liaison"}
    fig, ax = plt.subplots(figsize=(5.2, 5.0))
    draw_network(G, ax, pos=pos, roles=roles, colours=colours)
    ax.set_aspect("equal")
    fig.tight_layout()
    return fig
