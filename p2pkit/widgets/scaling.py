"""Chapter 10 live control: what a full mesh, a team of teams and a sparse mesh cost as they grow."""

from __future__ import annotations


import ipywidgets as w
import matplotlib.pyplot as plt

from ..explorables.scaling import DESIGN_STYLE, plain_log_labels
from ..scaling import DESIGNS, DUNBAR, scaling_profiles, ties, verdict
from .core import Explorer, readout_html

__all__ = ["explorer", "render"]


def render(values: dict):
    """Compute and draw one state of the chapter-10 scaling explorer: ``(figure, readout_html)``."""
    n, s, k, minutes = values["people"], values["team_size"], values["mesh_ties"], values["minutes"]
    profiles = scaling_profiles(n, s, k, minutes, seed=values["seed"])
    fig, ax = plt.subplots(figsize=(4.8, 3.6))
    grid = sorted({max(4, int(round(10 ** (1 + i * 0.1)))) for i in range(0, 31)} | {n})
    for d in DESIGNS:
        st = DESIGN_STYLE[d]
        ax.loglog(grid, [ties(d, m, s, k) for m in grid], color=st["color"], ls=st["ls"], lw=1.8, label=d)
        ax.plot([n], [profiles[d].ties], marker=st["marker"], color=st["color"], ms=8)
    ax.axvline(n, color="#555555", lw=0.8, ls=":")
    ax.set_xlabel("people")
    ax.set_ylabel("ties to keep up")
    ax.legend(fontsize=8, frameon=False, loc="upper left")
    ax.minorticks_off()
    plain_log_labels(ax)
    fig.subplots_adjust(left=0.15, right=0.97, bottom=0.14, top=0.96)
    rows = [("",) + DESIGNS]
    rows.append(("Ties",) + tuple(f"{profiles[d].ties:,}" for d in DESIGNS))
    rows.append(("Most ties one person keeps",) + tuple(str(profiles[d].most_ties) for d in DESIGNS))
    rows.append((f"People over Dunbar's {DUNBAR}",) + tuple(str(profiles[d].over_dunbar) for d in DESIGNS))
    rows.append(("Hours a week per person on ties",) + tuple(f"{profiles[d].hours_per_person:.1f}" for d in DESIGNS))
    rows.append(("Average hops",) + tuple(f"{profiles[d].mean_hops:.2f}" for d in DESIGNS))
    rows.append(("Busiest person's share of routes",) + tuple(f"{profiles[d].busiest_load:.0%}" for d in DESIGNS))
    rows.append(("Ties for twice the people",) + tuple(f"x {profiles[d].ties_if_doubled:.1f}" for d in DESIGNS))
    readout = readout_html(rows, verdict(profiles), width_em=32)
    return fig, readout


def explorer(people: int = 150, team_size: int = 10, mesh_ties: int = 6, minutes: float = 10.0,
             seed: int = 0) -> Explorer:
    """The live chapter-10 scaling explorer."""
    st = {"description_width": "initial"}
    controls = {
        "people": w.IntSlider(value=people, min=4, max=1000, description="People", style=st),
        "team_size": w.IntSlider(value=team_size, min=2, max=50, description="Largest team", style=st),
        "mesh_ties": w.IntSlider(value=mesh_ties, min=2, max=20, step=2, description="Ties each (sparse mesh)", style=st),
        "minutes": w.FloatSlider(value=minutes, min=0, max=60, step=1, description="Minutes a week per tie", style=st),
        "seed": w.IntText(value=seed, description="Seed", layout=w.Layout(width="160px")),
    }
    return Explorer(controls, render, title="Does the network scale linearly?")
