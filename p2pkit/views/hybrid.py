"""Chapter 10 figures: one AI hub against AI agents embedded in teams (scenes from :mod:`p2pkit.hybrid`).

The same human teams (each a full mesh) with one AI hub tied to everyone, or with an AI
agent in each team and the agents tied to each other. The models give the queues' times,
the AI nodes' utilisation and what survives a failure; these functions arrange them.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from ..hybrid import (
    ai_utilisation,
    compare_designs,
    decision_minutes,
    embedded_design,
    failure,
    failure_verdict,
    hub_design,
    most_harmful_ai,
    verdict,
)
from .component import Figure, choice, person, play, seed, slider, toggle
from .scene import bars, chart, network, scene, series
from .scaling import team_positions

__all__ = ["failure_figure", "load_sweep", "hybrid_sandbox"]

#: Minutes to decision at the top of the time chart (longer waits leave the chart).
TOP_MINUTES = 30.0
#: Demand the load sweep passes through (requests per person per hour; the Play control).
RATES = (0.5, 1.0, 2.0, 3.0, 3.5, 3.9, 4.2, 4.8, 5.2)
DESIGNS = {"hub": "AI hub", "embedded": "embedded agents"}


@lru_cache(maxsize=64)
def _graphs(people: int, team_size: int, bridges: int, seed: int) -> tuple:
    """The two designs of the same people (drawn, never changed; kept between states)."""
    return (hub_design(people, team_size, human_bridges=bridges, seed=seed),
            embedded_design(people, team_size, human_bridges=bridges, seed=seed))


def _positions(G) -> dict:
    pos = team_positions(G.graph["sizes"])
    out = {}
    for v, d in G.nodes(data=True):
        out[v] = pos[v] if d["kind"] == "person" else pos[("ai", d["team"])]
    return out


def _names(G) -> dict:
    names = {}
    for v, d in G.nodes(data=True):
        if d["kind"] == "person":
            names[v] = f"Person {v + 1}, team {d['team'] + 1}"
        else:
            names[v] = "AI hub" if d["team"] is None else f"AI agent of team {d['team'] + 1}"
    return names


def _design_panel(G, title: str, failed=(), util: dict | None = None, removable: bool = False,
                  cross_team: float = 0.2) -> dict:
    """One design: people coloured by team on request, AI nodes larger the busier they are;
    failed nodes crossed out, people whose own AI node failed drawn hollow."""
    f = failure(G, failed, cross_team)
    lost = set(f.without_ai)
    roles = {}
    for v, d in G.nodes(data=True):
        if d["kind"] == "person":
            roles[v] = "cut_off" if v in lost else "peer"
        else:
            roles[v] = "centre" if d["team"] is None else "agent"
    team = {v: d["team"] for v, d in G.nodes(data=True) if d["team"] is not None}
    sizes = {v: 0.0 for v in G}
    figures = [("Team", {v: t + 1 for v, t in team.items()}, "d"),
               ("People they can still reach", f.reach, "d")]
    if util is not None:
        for a, u in util.items():
            sizes[a] = 0.2 + 0.8 * min(1.0, u)
        figures.append(("Busy (share of its capacity asked)", util, ".0%"))
    else:
        for a in G.graph["ai"]:
            sizes[a] = 0.5
    panel = network(G, _positions(G), title=title, names=_names(G), roles=roles, removed=f.failed,
                    removable=removable, groups=team,
                    group_names=[f"team {i + 1}" for i in range(len(G.graph["sizes"]))],
                    sizes=sizes, figures=figures, labels=False)
    return panel, f


# ------------------------------------------------------------------ what one failure does


def failure_scene(fails: bool, bridges: int, people: int, team_size: int) -> dict:
    """One state of :func:`failure_figure`."""
    H, E = _graphs(people, team_size, bridges, 0)
    gone_h = [most_harmful_ai(H)] if fails else []
    gone_e = [most_harmful_ai(E)] if fails else []
    ph, fh = _design_panel(H, "The hub fails" if fails else "One AI hub", gone_h)
    pe, fe = _design_panel(E, "One agent fails" if fails else "An AI agent in each team", gone_e)
    readout = [("Pairs of people still in touch (hub / agents)", f"{fh.in_touch:.0%} / {fe.in_touch:.0%}"),
               ("Requests still answered by the AI (hub / agents)", f"{fh.answered:.0%} / {fe.answered:.0%}"),
               ("People with no AI answer at all (hub / agents)", f"{len(fh.without_ai)} / {len(fe.without_ai)}"),
               ("Human ties across teams", f"{bridges}")]
    text = failure_verdict(fh) + " " + failure_verdict(fe)
    what = ("the hub fails on the left and one embedded agent on the right (crossed out); people whose own AI "
            "node failed are hollow" if fails else "nothing has failed")
    summary = (f"{people} people in teams of up to {team_size}, with {bridges} human ties across teams. Left: one AI "
               f"hub tied to everyone; right: an AI agent in each team, the agents tied to each other. Here {what}. "
               f"Pairs still in touch: {fh.in_touch:.0%} and {fe.in_touch:.0%}; requests still answered: "
               f"{fh.answered:.0%} and {fe.answered:.0%}.")
    return scene(ph, pe, readout=readout, verdict=text, summary=summary,
                 caption="Crossed out: the AI node that failed. Hollow: people whose own AI node failed, so that "
                         "none of their requests gets an AI answer (they may still reach other people).")


def failure_figure(people: int = 40, team_size: int = 8) -> Figure:
    """Both designs, whole or after losing the AI node whose loss hurts most."""
    return Figure(
        "What one failure does", failure_scene,
        [slider("bridges", "Human ties across teams", (0, 4, 8, 16), 0, fmt="d", live=(0, 200, 1)),
         toggle("fails", "The AI fails", True,
                help="On: the hub fails, and the embedded agent whose loss hurts most fails."),
         slider("people", "People", (24, 40, 64), people, fmt="d", live=(4, 1000, 1)),
         slider("team_size", "Largest team", (team_size,), team_size, fmt="d", live=(5, 50, 1),
                help="In Jupyter from 5 up: smaller teams at 1,000 people make hundreds of AI agents.")],
        description="Two network drawings of the same teams: one with an AI hub in the middle, one with an AI "
                    "agent in each team.")


# ------------------------------------------------------------------ demand rising


def _time_chart(people, team_size, hub_speed, agent_speed, cross_team, current: float, top_rate: float,
                hub, emb) -> dict:
    """Minutes to decision against demand for both designs, with the current demand marked."""
    grid = np.linspace(0.05, top_rate, 60)
    # points ever closer to each design's saturation, so that its curve climbs to the top of the chart
    near = [x * (1 - e) for x in (hub.saturates_at, emb.saturates_at) for e in np.geomspace(0.3, 0.001, 24)]
    rates = sorted(set(np.round(grid, 4).tolist()) | {round(x, 4) for x in near if 0.05 <= x <= top_rate})
    times = [decision_minutes(r, people, team_size, hub_speed, agent_speed, cross_team) for r in rates]

    def shown(ys):
        return [y if math.isfinite(y) and y <= TOP_MINUTES else float("nan") for y in ys]

    h_now, e_now = decision_minutes(current, people, team_size, hub_speed, agent_speed, cross_team)
    # the current demand on each curve; a design off the top of the chart sits on its edge
    pts = [{"x": current, "y": min(y, TOP_MINUTES) if math.isfinite(y) else TOP_MINUTES, "label": "", "role": role}
           for y, role in ((h_now, "centre"), (e_now, "agent"))]

    def now(y):
        return "saturated" if not math.isfinite(y) else f"{y:.1f}"

    return chart(f"Minutes to decision: hub {now(h_now)}, agents {now(e_now)}", [
        series("AI hub", rates, shown([t[0] for t in times]), role="centre"),
        series("embedded agents", rates, shown([t[1] for t in times]), role="agent", dash=True)],
        x_label="requests per person per hour", y_label="minutes to decision", x_domain=(0, top_rate),
        y_domain=(0, TOP_MINUTES), marker_x=current, points=pts)


def _busy(u: float, word: str = "busy") -> str:
    return f"{word} {u:.0%}" if u < 1 else f"saturated ({u:.0%} asked)"


def sweep_scene(demand: float, hub_speed: float, cross_team: float, people: int = 40, team_size: int = 8,
                agent_speed: float = 48.0) -> dict:
    """One state of :func:`load_sweep`."""
    d = compare_designs(people, team_size, demand, hub_speed, agent_speed, cross_team)
    H, E = _graphs(people, team_size, 0, 0)
    h, e = d["AI hub"], d["embedded agents"]
    uh = ai_utilisation(H, demand, hub_speed, agent_speed, cross_team)
    ue = ai_utilisation(E, demand, hub_speed, agent_speed, cross_team)
    ph, _ = _design_panel(H, f"One AI hub · {_busy(h.busiest_utilisation)}", util=uh, cross_team=cross_team)
    pe, _ = _design_panel(E, f"Agents in the teams · {_busy(e.busiest_utilisation, 'busiest')}", util=ue,
                          cross_team=cross_team)
    top_rate = max(RATES[-1] + 0.3, 1.15 * max(h.saturates_at, e.saturates_at), demand * 1.1)
    tc = _time_chart(people, team_size, hub_speed, agent_speed, cross_team, demand, top_rate, h, e)

    def minutes(p):
        return "saturated" if p.saturated else f"{p.minutes_to_decision:.2f}"

    readout = [("Demand", f"{demand:g} requests per person per hour ({people * demand:,.0f} an hour in all)"),
               ("Minutes to decision (hub / agents)", f"{minutes(h)} / {minutes(e)}"),
               ("Busiest AI node busy (hub / agents)", f"{h.busiest_utilisation:.0%} / {e.busiest_utilisation:.0%}"),
               ("Saturates at, requests per person per hour", f"{h.saturates_at:.2f} / {e.saturates_at:.2f}"),
               ("AI capacity, requests per hour", f"{h.ai_capacity:,.0f} / {e.ai_capacity:,.0f}"),
               ("Ties between AI nodes", f"{h.ai_ties} / {e.ai_ties:,}")]
    summary = (f"Demand {demand:g} requests per person per hour, {people} people in teams of up to {team_size}; hub "
               f"speed {hub_speed:g} an hour, each agent {agent_speed:g}, {cross_team:.0%} of requests also need "
               f"another team's agent. Minutes to decision: hub {minutes(h)}, agents {minutes(e)}. AI nodes are "
               "drawn larger the busier they are.")
    return scene(ph, pe, tc, readout=readout, verdict=verdict(d), summary=summary)


def load_sweep(people: int = 40, team_size: int = 8, hub_speed: float = 160.0, agent_speed: float = 48.0,
               cross_team: float = 0.2) -> Figure:
    """Raise the demand on the AI (Play): one hub against an agent in each team."""

    def build(demand, hub_speed, cross_team, people=people, team_size=team_size, agent_speed=agent_speed):
        return sweep_scene(demand, hub_speed, cross_team, people, team_size, agent_speed)

    return Figure(
        "One AI hub or an agent in every team?", build,
        [play("demand", "Requests per person per hour", RATES, RATES[0], fmt=lambda r: f"{r:g}",
              interval_ms=900),
         slider("hub_speed", "Hub speed (requests an hour)", (hub_speed, 2 * hub_speed, 4 * hub_speed), hub_speed,
                fmt=".0f", live=(1, 100_000, 1)),
         slider("cross_team", "Requests needing another team", (0.0, cross_team, 1.0), cross_team, fmt=".0%",
                live=(0.0, 1.0, 0.05)),
         slider("people", "People", (people,), people, fmt="d", live=(4, 1000, 1)),
         slider("team_size", "Largest team", (team_size,), team_size, fmt="d", live=(5, 50, 1),
                help="In Jupyter from 5 up: smaller teams at 1,000 people make hundreds of AI agents."),
         slider("agent_speed", "Agent speed (requests an hour)", (agent_speed,), agent_speed, fmt=".0f",
                live=(1, 100_000, 1))],
        description="Two network drawings, an AI hub and embedded AI agents, and a chart of minutes to decision "
                    "against the demand on the AI.")


# ------------------------------------------------------------------ the sandbox


def sandbox_scene(design: str, bridges: int, removed: str, requests: float = 2.0, people: int = 40,
                  team_size: int = 8, hub_speed: float = 160.0, agent_speed: float = 48.0,
                  cross_team: float = 0.2, seed: int = 0) -> dict:
    """One state of :func:`hybrid_sandbox`."""
    G = _graphs(people, team_size, bridges, seed)[0 if design == "hub" else 1]
    ids = {str(v): v for v in G}
    who = ids.get(removed) if removed else None  # someone from the other design: nobody
    gone = [who] if who is not None else []
    util = ai_utilisation(G, requests, hub_speed, agent_speed, cross_team)
    names = _names(G)
    title = {"hub": "One AI hub", "embedded": "An AI agent in each team"}[design]
    the = "the " if gone and G.nodes[who]["kind"] == "ai" else ""
    panel, f = _design_panel(G, f"Without {the}{names[who]}" if gone else title, gone,
                             util=util, removable=True, cross_team=cross_team)
    h_min, e_min = decision_minutes(requests, people, team_size, hub_speed, agent_speed, cross_team)
    d = compare_designs(people, team_size, requests, hub_speed, agent_speed, cross_team, human_bridges=bridges,
                        seed=seed)
    h, e = d["AI hub"], d["embedded agents"]
    top_rate = max(6.0, 1.3 * max(h.saturates_at, e.saturates_at), requests * 1.1)
    tc = _time_chart(people, team_size, hub_speed, agent_speed, cross_team, requests, top_rate, h, e)
    survive = bars("What is left", [
        ("Pairs of people still in touch", f.in_touch, f"{f.in_touch:.0%}", "reached"),
        ("Requests still answered by the AI", f.answered, f"{f.answered:.0%}", "agent" if design != "hub" else "centre")],
        note="Click anyone in the network, a person or an AI node, to remove them.")

    def minutes(x):
        return "saturated" if not math.isfinite(x) else f"{x:.2f}"

    readout = [("Removed", names[who] if gone else "nobody"),
               ("Minutes to decision (hub / agents)", f"{minutes(h_min)} / {minutes(e_min)}"),
               ("Busiest AI node busy (hub / agents)", f"{h.busiest_utilisation:.0%} / {e.busiest_utilisation:.0%}"),
               ("People with no AI answer at all", f"{len(f.without_ai)}"),
               ("Human ties across teams", f"{bridges}")]
    text = failure_verdict(f) if gone else verdict(d)
    summary = (f"{DESIGNS[design].capitalize()} for {people} people in teams of up to {team_size}, {bridges} human ties "
               f"across teams; removed: {names[who] if gone else 'nobody'}. {f.in_touch:.0%} of pairs of people "
               f"still in touch and {f.answered:.0%} of requests answered.")
    return scene(panel, survive, tc, readout=readout, verdict=text, summary=summary,
                 caption="Crossed out: who was removed. Hollow: people whose own AI node is gone. AI nodes are "
                         "drawn larger the busier they are.")


def hybrid_sandbox(people: int = 40, team_size: int = 8) -> Figure:
    """The sandbox: remove anyone, a person or an AI node, from either design."""

    def build(design, bridges, removed, requests=2.0, people=people, team_size=team_size, hub_speed=160.0,
              agent_speed=48.0, cross_team=0.2, seed=0):
        return sandbox_scene(design, bridges, removed, requests, people, team_size, hub_speed, agent_speed,
                             cross_team, seed)

    return Figure(
        "Remove anyone, human or AI", build,
        [choice("design", "Design", {"hub": "one AI hub", "embedded": "an AI agent in each team"}, "hub"),
         slider("bridges", "Human ties across teams", (0, 6), 0, fmt="d", live=(0, 200, 1)),
         slider("requests", "Requests per person per hour", (2.0,), 2.0, fmt=".1f", live=(0.0, 10.0, 0.1)),
         slider("people", "People", (people,), people, fmt="d", live=(4, 1000, 1)),
         slider("team_size", "Largest team", (team_size,), team_size, fmt="d", live=(5, 50, 1),
                help="In Jupyter from 5 up: smaller teams at 1,000 people make hundreds of AI agents."),
         slider("hub_speed", "Hub speed (requests an hour)", (160.0,), 160.0, fmt=".0f", live=(1, 100_000, 1)),
         slider("agent_speed", "Agent speed (requests an hour)", (48.0,), 48.0, fmt=".0f", live=(1, 100_000, 1)),
         slider("cross_team", "Requests needing another team", (0.2,), 0.2, fmt=".0%", live=(0.0, 1.0, 0.05)),
         seed(values=(0,), help="The seed of the human ties across teams."),
         person("removed", "Remove", help="Click a person or an AI node in the network, or choose them here; "
                "again to bring them back.")],
        description=f"{people} people in teams with AI nodes; click anyone to remove them.")


FIGURES = [failure_figure, load_sweep, hybrid_sandbox]
