"""Chapter 10 figures: an AI hub against AI agents embedded in teams (draws :mod:`p2pkit.hybrid`)."""

from __future__ import annotations

import math
import textwrap

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np

from ..hybrid import compare_designs, decision_minutes, verdict
from ..style import OKABE_ITO, ROLE_COLOURS, draw_network
from .core import Scrubber, scrubber

__all__ = ["hybrid_layout", "design_panel", "time_panel", "load_sweep", "failure_figure"]


def hybrid_layout(G) -> dict:
    """Teams in clusters on a circle; an AI hub in the middle, or each team's agent at its cluster's inner edge."""
    n = sum(1 for _, d in G.nodes(data=True) if d["kind"] == "person")
    teams = max(d["team"] for _, d in G.nodes(data=True) if d["kind"] == "person") + 1
    pos = {}
    for i in range(teams):
        members = [v for v in range(n) if G.nodes[v]["team"] == i]
        a = np.pi / 2 - 2 * np.pi * i / teams
        cx, cy = 2.6 * np.cos(a), 2.6 * np.sin(a)
        for j, v in enumerate(members):
            b = 2 * np.pi * j / len(members)
            pos[v] = (cx + 0.7 * np.cos(b), cy + 0.7 * np.sin(b))
    for v in G.graph["ai"]:
        t = G.nodes[v]["team"]
        if t is None:
            pos[v] = (0.0, 0.0)
        else:
            a = np.pi / 2 - 2 * np.pi * t / teams
            pos[v] = (1.45 * np.cos(a), 1.45 * np.sin(a))
    return pos


def design_panel(ax, G, utilisation: float, title: str, failed=()) -> None:
    """Draw one design; AI nodes grow with how busy they are (vermillion hub, orange agents).

    Ties inside a team are not drawn (every team is a full mesh); a grey ring marks each team.
    """
    ax.clear()
    ai = G.graph["ai"]
    pos = hybrid_layout(G)
    teams = {}
    for v, d in G.nodes(data=True):
        if d["kind"] == "person":
            teams.setdefault(d["team"], []).append(v)
    for members in teams.values():
        cx = float(np.mean([pos[v][0] for v in members]))
        cy = float(np.mean([pos[v][1] for v in members]))
        ax.add_patch(plt.Circle((cx, cy), 0.95, fill=False, color="#BBBBBB", lw=1.0))
    team_of = nx.get_node_attributes(G, "team")
    kind = nx.get_node_attributes(G, "kind")
    D = G.copy()
    D.remove_edges_from([(u, v) for u, v in G.edges()
                         if kind[u] == kind[v] == "person" and team_of[u] == team_of[v]])
    hub = len(ai) == 1 and G.nodes[ai[0]]["team"] is None
    roles = {v: ("peer" if d["kind"] == "person" else ("centre" if hub else "bridge"))
             for v, d in G.nodes(data=True)}
    base = 260 if hub else 90
    sizes = {v: (base * (0.5 + min(utilisation, 1.5)) if v in ai else 22) for v in G}
    draw_network(D, ax, pos=pos, roles=roles, sizes=sizes, hidden=failed, title=title)
    ax.set_aspect("equal")


def time_panel(ax, rates, current: float, progressive: bool = False, **kw) -> None:
    """Minutes to decision against requests per person per hour, for both designs.

    With ``progressive=True`` the curves are drawn only up to ``current`` (for scrubbing).
    """
    ax.clear()
    rates = np.asarray(rates, dtype=float)
    # add points just short of each design's saturation, so the curves climb all the way up
    sat = [kw["hub_speed"] / kw["people"], _embedded_saturation(**kw)]
    extra = [x * (1 - e) for x in sat for e in (0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001)]
    rates = np.unique(np.concatenate([rates, [x for x in extra if rates.min() <= x <= rates.max()]]))
    hub, emb = zip(*(decision_minutes(float(r), **kw) for r in rates))
    if progressive:
        keep = np.asarray(rates) <= current + 1e-9
        hub = tuple(h if k else math.nan for h, k in zip(hub, keep))
        emb = tuple(e if k else math.nan for e, k in zip(emb, keep))
    top = 30.0
    for ys, label, colour, ls in ((hub, "AI hub", ROLE_COLOURS["centre"], "-"),
                                  (emb, "embedded agents", ROLE_COLOURS["bridge"], "--")):
        ys = np.array([y if math.isfinite(y) else np.nan for y in ys], dtype=float)
        ax.plot(rates, ys, color=colour, ls=ls, lw=2, label=label)
    h, e = decision_minutes(current, **kw)
    for y, colour, m in ((h, ROLE_COLOURS["centre"], "s"), (e, ROLE_COLOURS["bridge"], "D")):
        if math.isfinite(y) and y <= top:
            ax.plot([current], [y], marker=m, color=colour, ms=8)
        else:
            ax.plot([current], [top], marker="^", color=colour, ms=9)
    ax.axvline(current, color="#555555", lw=0.8, ls=":")
    ax.set_ylim(0, top * 1.05)
    ax.set_xlim(min(rates) - 0.1, max(rates) + 0.2)
    ax.set_xlabel("requests per person per hour")
    ax.set_ylabel("minutes to decision\n(triangle: saturated)")
    ax.legend(fontsize=8.5, frameon=False, loc="upper left")


def _embedded_saturation(people, team_size, hub_speed, agent_speed, cross_team) -> float:
    """Requests per person per hour at which the busiest embedded agent saturates."""
    from ..scaling import team_sizes
    sizes = team_sizes(people, team_size)
    n, t = sum(sizes), len(sizes)
    per = [s + (cross_team * (n - s) / (t - 1) if t > 1 else 0.0) for s in sizes]
    return agent_speed / max(per)


def load_sweep(people: int = 40, team_size: int = 8, hub_speed: float = 160.0, agent_speed: float = 48.0,
               cross_team: float = 0.2, rates=(0.5, 1.0, 2.0, 3.0, 3.5, 3.9, 4.2, 4.8, 5.2),
               seed: int = 0) -> Scrubber:
    """Scrub the demand on the AI from light to heavy; both designs side by side.

    Each frame: the two networks (AI nodes drawn larger the busier they are), the minutes
    to decision for both designs against demand, and :func:`p2pkit.hybrid.verdict` for
    that demand.
    """
    rates = [float(r) for r in rates]
    kw = dict(people=people, team_size=team_size, hub_speed=hub_speed, agent_speed=agent_speed,
              cross_team=cross_team)
    runs = [compare_designs(requests_per_person=r, seed=seed, graphs=(i == 0), **kw)
            for i, r in enumerate(rates)]
    H, E = runs[0]["graphs"]["AI hub"], runs[0]["graphs"]["embedded agents"]
    fine = np.linspace(min(rates), max(rates), 120)
    fig = plt.figure(figsize=(9.4, 4.7))
    ax_h = fig.add_axes([0.0, 0.25, 0.3, 0.64])
    ax_e = fig.add_axes([0.3, 0.25, 0.3, 0.64])
    ax_t = fig.add_axes([0.71, 0.36, 0.27, 0.52])
    ax_txt = fig.add_axes([0.0, 0.0, 1.0, 0.22])

    def draw(i: int) -> None:
        r, d = rates[i], runs[i]
        h, e = d["AI hub"], d["embedded agents"]
        design_panel(ax_h, H, h.busiest_utilisation, "One AI hub\n" + _busy(h.busiest_utilisation, "busy"))
        design_panel(ax_e, E, e.busiest_utilisation,
                     "An agent in each team\n" + _busy(e.busiest_utilisation, "busiest"))
        time_panel(ax_t, fine, r, progressive=True, **kw)
        ax_txt.clear()
        ax_txt.set_axis_off()
        head = f"{r:g} requests per person per hour ({people * r:,.0f} an hour in all)."
        ax_txt.text(0.5, 0.5, "\n".join(textwrap.wrap(head + " " + verdict(d), 118)), ha="center",
                    va="center", fontsize=9.8, color="#222222")

    alt = (f"Animation in {len(rates)} frames, demand on the AI rising from {rates[0]:g} to {rates[-1]:g} "
           f"requests per person per hour. Left: {people} people in teams of {team_size} (each team in a "
           "grey ring; ties inside teams not drawn) around one AI hub (a square in the middle, tied to "
           "everyone). Middle: the same teams, each with its own AI agent (diamonds), the agents tied "
           "to each other. The AI nodes grow as they get busier. "
           "Right: minutes to decision against demand for both designs, drawn up to the current "
           "demand; the hub's curve stays low and then shoots up when it saturates, the agents' "
           "curve starts higher and saturates later. Sentences under the figure give the model's verdict on speed, failure and cost.")
    return scrubber(fig, draw, len(rates), alt=alt)


def _busy(rho: float, word: str) -> str:
    if rho < 1:
        return f"{word} {rho:.0%} of the time"
    return f"saturated ({rho:.0%} of capacity asked)"


def failure_figure(people: int = 40, team_size: int = 8, human_bridges: int = 0, seed: int = 0):
    """Both designs after losing the AI node whose loss hurts most; titles give what survives."""
    d = compare_designs(people=people, team_size=team_size, human_bridges=human_bridges, seed=seed,
                        graphs=True)
    H, E = d["graphs"]["AI hub"], d["graphs"]["embedded agents"]
    h, e = d["AI hub"], d["embedded agents"]
    fig, axes = plt.subplots(1, 2, figsize=(8.4, 4.4))
    design_panel(axes[0], H, 0.5, f"The hub fails\n{h.in_touch_if_fails:.0%} of pairs of people still in touch,\n"
                 f"no request gets an AI answer", failed=H.graph["ai"])
    design_panel(axes[1], E, 0.5, f"One agent fails\n{e.in_touch_if_fails:.0%} of pairs still in touch,\n"
                 f"{e.answered_if_fails:.0%} of requests still answered", failed=E.graph["ai"][:1])
    for ax in axes:
        ax.title.set_fontsize(9.5)
    fig.tight_layout()
    return fig
