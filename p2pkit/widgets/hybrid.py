"""Chapter 10 live control: one AI hub against AI agents embedded in teams."""

from __future__ import annotations

import html

import ipywidgets as w
import matplotlib.pyplot as plt
import numpy as np

from ..explorables.hybrid import time_panel
from ..hybrid import compare_designs, simulate_queue, verdict
from ..style import ROLE_COLOURS
from .core import Explorer, readout_html

__all__ = ["explorer", "render"]


def render(values: dict):
    """Compute and draw one state of the chapter-10 hybrid explorer: ``(figure, readout_html)``."""
    kw = dict(people=values["people"], team_size=values["team_size"], hub_speed=values["hub_speed"],
              agent_speed=values["agent_speed"], cross_team=values["cross_team"])
    r = values["requests"]
    d = compare_designs(requests_per_person=r, human_bridges=values["bridges"], seed=values["seed"], **kw)
    h, e = d["AI hub"], d["embedded agents"]
    fig, (ax_t, ax_f) = plt.subplots(1, 2, figsize=(7.4, 3.3), gridspec_kw={"width_ratios": [1.4, 1]})
    top = max(6.0, 1.3 * max(h.saturates_at, e.saturates_at), r * 1.1)
    time_panel(ax_t, np.linspace(0.05, top, 80), r, **kw)
    labels = ["pairs still\nin touch", "requests still\nanswered"]
    x = np.arange(2)
    ax_f.bar(x - 0.2, [h.in_touch_if_fails, h.answered_if_fails], 0.38, color=ROLE_COLOURS["centre"],
             label="hub fails")
    ax_f.bar(x + 0.2, [e.in_touch_if_fails, e.answered_if_fails], 0.38, color=ROLE_COLOURS["bridge"],
             label="one agent fails", hatch="//", edgecolor="white")
    ax_f.set_xticks(x, labels, fontsize=8.5)
    ax_f.set_ylim(0, 1.05)
    ax_f.set_yticks([0, 0.5, 1], ["0%", "50%", "100%"])
    ax_f.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(0, 1.2))
    fig.subplots_adjust(left=0.13, right=0.98, bottom=0.17, top=0.85, wspace=0.3)
    lam = values["people"] * r
    if lam > 0:
        sim = simulate_queue(lam, values["hub_speed"], requests=20_000, seed=values["seed"])
        check = (f"Simulated hub, 20,000 requests: {sim.mean_time * 60:.2f} minutes on average"
                 + (" and the queue still growing at the end." if h.saturated else "."))
    else:
        check = "Nobody is asking the AI anything."

    def minutes(p):
        return "saturated" if p.saturated else f"{p.minutes_to_decision:.2f}"

    rows = [
        ("", "AI hub", "embedded agents"),
        ("AI nodes", str(h.ai_nodes), str(e.ai_nodes)),
        ("Minutes to decision", minutes(h), minutes(e)),
        ("Busiest AI node busy", f"{h.busiest_utilisation:.0%}", f"{e.busiest_utilisation:.0%}"),
        ("Saturates at (requests/person/hour)", f"{h.saturates_at:.2f}", f"{e.saturates_at:.2f}"),
        ("AI node's share of routes", f"{h.ai_route_share:.0%}", f"{e.ai_route_share:.0%}"),
        ("AI capacity (requests/hour)", f"{h.ai_capacity:,.0f}", f"{e.ai_capacity:,.0f}"),
        ("Ties between AI nodes", str(h.ai_ties), f"{e.ai_ties:,}"),
    ]
    readout = (readout_html(rows, verdict(d), width_em=30)
               + f"<p style='max-width:30em;font-size:0.9em'>"
               f"{html.escape(check)}</p>")
    return fig, readout


def explorer(people: int = 150, team_size: int = 10, requests: float = 2.0, hub_speed: float = 600.0,
             agent_speed: float = 60.0, seed: int = 0) -> Explorer:
    """The live chapter-10 hybrid explorer."""
    st = {"description_width": "initial"}
    controls = {
        "people": w.IntSlider(value=people, min=4, max=1000, description="People", style=st),
        "team_size": w.IntSlider(value=team_size, min=2, max=50, description="Largest team", style=st),
        "requests": w.FloatSlider(value=requests, min=0, max=10, step=0.1, description="Requests/person/hour", style=st),
        "hub_speed": w.BoundedFloatText(value=hub_speed, min=1, max=1_000_000, step=50,
                                        description="Hub speed (requests/hour)", style=st,
                                        layout=w.Layout(width="260px")),
        "agent_speed": w.BoundedFloatText(value=agent_speed, min=1, max=1_000_000, step=5,
                                          description="Agent speed (requests/hour)", style=st,
                                          layout=w.Layout(width="260px")),
        "cross_team": w.FloatSlider(value=0.2, min=0, max=1, step=0.05, description="Cross-team share",
                                    readout_format=".0%", style=st),
        "bridges": w.IntSlider(value=0, min=0, max=200, description="Human ties across teams", style=st),
        "seed": w.IntText(value=seed, description="Seed", layout=w.Layout(width="160px")),
    }
    return Explorer(controls, render, title="One AI hub or an agent in every team?")
