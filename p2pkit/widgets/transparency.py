"""Chapter 9 live control: gossip against report-up-broadcast-down."""

from __future__ import annotations

import random

import ipywidgets as w
import matplotlib.pyplot as plt

from .. import orgs
from ..explorables.transparency import coverage_panel
from ..style import ROLE_COLOURS
from ..transparency import gossip_everything, org_chart, report_up_broadcast_down, verdict
from .core import Explorer, readout_html

__all__ = ["NETWORKS", "explorer", "render"]

#: Who can call whom when gossiping.
NETWORKS = ("anyone can call anyone", "peer mesh (4 ties each)", "only along the org chart")


def render(values: dict):
    """Compute and draw one state of the chapter-9 transparency explorer: ``(figure, readout_html)``."""
    n, span, seed = values["people"], values["span"], values["seed"]
    cap = None if values["unlimited"] else values["capacity"]
    chart = org_chart(n, span)
    net = values["network"]
    if net == NETWORKS[0]:
        G = n
    elif net == NETWORKS[1]:
        G = orgs.peer_mesh(n, k=min(4, n - 1 - (n - 1) % 2) if n > 3 else 2, rewire=0.1, seed=seed)
    else:
        G = chart
    away = sorted(random.Random(seed).sample(range(1, n), min(values["absent"], n - 1)))
    g = gossip_everything(G, mode=values["mode"], seed=seed, absent=away)
    c = report_up_broadcast_down(chart, capacity=cap, absent=away)
    last = max(len(g.coverage), len(c.coverage)) - 1
    fig, ax = plt.subplots(figsize=(5.2, 3.3))
    coverage_panel(ax, [(f"gossip ({values['mode']})", g, ROLE_COLOURS["peer"]),
                        ("org chart", c, ROLE_COLOURS["centre"])], last, last)
    ax.set_title(f"{n} people, {len(away)} away", fontsize=10)
    fig.subplots_adjust(left=0.2, right=0.97, bottom=0.16, top=0.9)

    def rounds(s):
        return "never" if s.rounds is None else str(s.rounds)

    rows = [
        ("", "gossip", "org chart"),
        ("Rounds until everyone knows everything", rounds(g), rounds(c)),
        ("Conversations", f"{g.conversations:,}", f"{c.conversations:,}"),
        ("Most conversations for one person in a round", str(g.peak_load), str(c.peak_load)),
        ("Share of the picture known at the end", f"{g.final_coverage:.0%}", f"{c.final_coverage:.0%}"),
    ]
    readout = readout_html(rows, verdict(g, c), width_em=30)
    return fig, readout


def explorer(people: int = 40, span: int = 3, capacity: int = 1, seed: int = 0) -> Explorer:
    """The live chapter-9 transparency explorer."""
    st = {"description_width": "initial"}
    controls = {
        "people": w.IntSlider(value=people, min=5, max=1000, description="People", style=st),
        "span": w.IntSlider(value=span, min=2, max=12, description="Span of control", style=st),
        "capacity": w.IntSlider(value=capacity, min=1, max=12, description="Manager talks per round", style=st),
        "unlimited": w.Checkbox(value=False, description="Managers talk to all at once"),
        "network": w.Dropdown(options=NETWORKS, value=NETWORKS[1], description="Gossip", style=st),
        "mode": w.Dropdown(options=("push", "pull", "push-pull"), value="push-pull", description="Calls", style=st),
        "absent": w.IntSlider(value=0, min=0, max=20, description="People away", style=st),
        "seed": w.IntText(value=seed, description="Seed", layout=w.Layout(width="160px")),
    }
    return Explorer(controls, render, title="Who sees the whole picture, and when?")
