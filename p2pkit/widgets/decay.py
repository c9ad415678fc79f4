"""Chapter 5 live control: information decay and time to decision in three organisations."""

from __future__ import annotations

import math

import ipywidgets as w
import matplotlib.pyplot as plt
import numpy as np

from ..decay import SHAPES, compare, decay_verdict, fidelity, noisy_fidelity
from ..explorables.decay import SHAPE_MARKERS, hours_bars
from ..style import ROLE_COLOURS
from .core import Explorer, readout_html

__all__ = ["explorer", "render"]


def render(values: dict):
    """Compute and draw one state of the information-decay explorer: ``(figure, readout_html, alt_text)``."""
    relay = "keep" if values["relay"] == "keep or lose details" else "noise"
    res = compare(
        values["people"], seed=values["seed"], keep=values["keep"], relay=relay, noise_sd=values["noise_sd"],
        sources_per_decision=values["sources"], decisions_per_day=values["decisions"],
        decide_per_day=values["decide"], relay_per_day=values["relay_capacity"], hop_hours=values["hop_hours"],
    )
    fig = plt.figure(figsize=(5.0, 4.4))
    ax_curve = fig.add_axes([0.15, 0.56, 0.81, 0.38])
    ax_hours = fig.add_axes([0.3, 0.11, 0.36, 0.28])
    hmax = max(10, int(math.ceil(max(j.mean_farthest_hops for j in res.values()))))
    hops = np.linspace(0, hmax, 200)
    f = ([fidelity(h, values["keep"]) for h in hops] if relay == "keep"
         else [noisy_fidelity(h, values["noise_sd"]) for h in hops])
    ax_curve.plot(hops, f, color=ROLE_COLOURS["peer"] if relay == "keep" else ROLE_COLOURS["rumour"])
    for name in SHAPES:
        j = res[name]
        col = ROLE_COLOURS["peer"] if name == "peer mesh" else ROLE_COLOURS["centre"]
        ax_curve.plot([j.mean_hops], [j.fidelity], SHAPE_MARKERS[name], color=col, ms=8, mec="white",
                      label=f"{name} ({j.people} people)")
    ax_curve.set_ylim(0, 1.05)
    ax_curve.set_xlim(-0.2, hmax + 0.2)
    ax_curve.set_xlabel("hand-offs from the data to the decider", fontsize=8.5)
    ax_curve.set_ylabel("detail that arrives", fontsize=8.5)
    ax_curve.yaxis.set_major_formatter(plt.FuncFormatter(lambda y, _: f"{y:.0%}"))
    ax_curve.legend(fontsize=7.5, frameon=False, loc="upper right")
    hours_bars(ax_hours, res, show_names=True)
    rows = [("", *[n.replace(" hierarchy", "") for n in SHAPES])]
    rows.append(("people", *[str(res[n].people) for n in SHAPES]))
    rows.append(("hand-offs per piece", *[f"{res[n].mean_hops:.1f}" for n in SHAPES]))
    rows.append(("detail kept", *[f"{res[n].fidelity:.0%}" for n in SHAPES]))
    rows.append(("hours to decision", *[f"{res[n].hours:.1f}" if res[n].stable else "no limit" for n in SHAPES]))
    rows.append(("busiest decider's share", *[f"{res[n].busiest_decider_share:.0%}" for n in SHAPES]))
    rows.append(("busiest relay busy", *[f"{res[n].busiest_relay_utilisation:.0%}" for n in SHAPES]))
    readout = readout_html(rows, decay_verdict(res), width_em=26, table_style='font-size:0.9em')
    alt = ("Top: a curve of the share of detail that arrives against the number of hand-offs "
           f"({'each keeping ' + format(values['keep'], '.0%') + ' of the details' if relay == 'keep' else 'each adding noise'}), "
           "with a marker for each organisation at its average number of hand-offs. Bottom: stacked bars of "
           "the working hours to decision in each organisation, split into hand-offs, relay queues and the "
           "decider. " + decay_verdict(res))
    return fig, readout, alt


def explorer(people: int = 31, sources: int = 1, keep: float = 0.9, seed: int = 0) -> Explorer:
    """The live information-decay explorer: size, how many people hold the information, relay model."""
    style = {"description_width": "initial"}
    controls = {
        "people": w.IntSlider(value=people, min=7, max=1000, description="People", style=style),
        "sources": w.IntSlider(value=sources, min=1, max=16, description="Holders of the information",
                               style=style),
        "relay": w.Dropdown(options=["keep or lose details", "add noise"], value="keep or lose details",
                            description="Each hand-off", style=style),
        "keep": w.FloatSlider(value=keep, min=0.5, max=1.0, step=0.01, readout_format=".0%",
                              description="keeps", style=style),
        "noise_sd": w.FloatSlider(value=0.5, min=0.0, max=2.0, step=0.05, description="noise (sd)", style=style),
        "decisions": w.FloatSlider(value=8.0, min=0.5, max=40.0, step=0.5, description="Decisions per day",
                                   style=style),
        "decide": w.FloatSlider(value=10.0, min=1.0, max=40.0, step=0.5, description="Decides per day",
                                style=style),
        "relay_capacity": w.FloatSlider(value=40.0, min=5.0, max=200.0, step=5.0,
                                        description="Relays per day", style=style),
        "hop_hours": w.FloatSlider(value=1.0, min=0.0, max=24.0, step=0.5, description="Hours per hand-off",
                                   style=style),
        "seed": w.IntText(value=seed, description="Seed", layout=w.Layout(width="160px")),
    }
    return Explorer(controls, render, title="Information decay: from the data to the decider")
