"""Chapter 9 live control: a local rule against a centre for sharing out tasks."""

from __future__ import annotations


import ipywidgets as w
import matplotlib.pyplot as plt

from ..explorables.protocols import allocation_panel
from ..protocols import central_assignment, claim_nearest, scatter, verdict
from .core import Explorer, readout_html

__all__ = ["explorer", "render"]


def render(values: dict):
    """Compute and draw one state of the chapter-9 protocols explorer: ``(figure, readout_html)``."""
    P, T = scatter(values["people"], values["tasks"], seed=values["seed"])
    a = claim_nearest(P, T)
    c = central_assignment(P, T, per_round=values["per_round"])
    fig, axes = plt.subplots(1, 2, figsize=(6.0, 3.3))
    allocation_panel(axes[0], P, T, a, a.rounds, f"Local rule: {a.rounds} rounds")
    allocation_panel(axes[1], P, T, c, c.rounds, f"Centre: {c.rounds} rounds")
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.9, wspace=0.05)
    rows = [
        ("", "local rule", "centre"),
        ("Rounds to share out the tasks", str(a.rounds), str(c.rounds)),
        ("Total distance", f"{a.total_distance:.2f}", f"{c.total_distance:.2f}"),
        ("Above the best possible", f"{a.excess:.0%}", f"{c.excess:.0%}"),
    ]
    readout = readout_html(rows, verdict(a, c), width_em=26)
    return fig, readout


def explorer(people: int = 30, tasks: int = 30, per_round: int = 1, seed: int = 0) -> Explorer:
    """The live chapter-9 protocols explorer."""
    st = {"description_width": "initial"}
    controls = {
        "people": w.IntSlider(value=people, min=1, max=1000, description="People", style=st),
        "tasks": w.IntSlider(value=tasks, min=1, max=1000, description="Tasks", style=st),
        "per_round": w.IntSlider(value=per_round, min=1, max=100, description="Centre assigns per round", style=st),
        "seed": w.IntText(value=seed, description="Seed", layout=w.Layout(width="160px")),
    }
    return Explorer(controls, render, title="Orders or a shared rule?")
