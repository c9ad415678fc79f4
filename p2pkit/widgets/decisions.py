"""Chapter 5 live control: the managerial tax (one gatekeeper against several deciders)."""

from __future__ import annotations

import html
import math

import ipywidgets as w
import matplotlib.pyplot as plt

from ..decisions import ARRANGEMENTS, arrangements, idle_while_waiting, simulate, tax_verdict
from ..explorables.decisions import ARRANGEMENT_STYLE, time_curves
from .core import Explorer

__all__ = ["explorer", "render"]

_SERVICE_CV = {"random": 1.0, "fixed": 0.0}


def _fmt_days(x: float) -> str:
    if not math.isfinite(x):
        return "no limit"
    if x >= 1:
        return f"{x:.1f} d"
    if x * 8 >= 1:
        return f"{x * 8:.1f} h"
    return f"{x * 8 * 60:.0f} min"


def render(values: dict):
    """Compute and draw one state of the managerial-tax explorer: ``(figure, readout_html, alt_text)``."""
    lam, mu, c = values["decisions"], values["capacity"], values["deciders"]
    cv = _SERVICE_CV[values["decision_times"]]
    a = arrangements(lam, mu, c, cv)
    sims = {}
    if values["simulate"]:
        service = "exponential" if cv == 1.0 else "fixed"
        seed = values["seed"]
        n = 20_000
        if a["gatekeeper"].stable:
            sims["gatekeeper"] = simulate(lam, mu, 1, service=service, decisions=n, seed=seed).time_in_system
        if a["separate deciders"].stable:
            sims["separate deciders"] = simulate(lam, mu, c, pooled=False, service=service, decisions=n,
                                                 seed=seed).time_in_system
            sims["pooled deciders"] = simulate(lam, mu, c, pooled=True, service=service, decisions=n,
                                               seed=seed).time_in_system
            sims["one fast centre"] = simulate(lam, c * mu, 1, service=service, decisions=n,
                                               seed=seed).time_in_system
    fig, ax = plt.subplots(figsize=(4.8, 3.8))
    x_max = max(1.05 * c * mu, 1.1 * lam)
    time_curves(ax, mu, c, current=lam, service_cv=cv, x_max=x_max, sims=sims)
    ax.set_title(f"{lam:g} decisions a day, {c} possible deciders", fontsize=10)
    fig.tight_layout()
    head = ("<tr><th style='text-align:left;padding-right:10px'>Arrangement</th><th style='padding-right:8px'>busy</th>"
            "<th style='padding-right:8px'>waiting</th><th>time to decision</th>"
            + ("<th style='padding-left:8px'>simulated</th>" if sims else "") + "</tr>")
    rows = []
    for name in ARRANGEMENTS:
        q = a[name]
        label = ARRANGEMENT_STYLE[name]["label"]
        busy = f"{q.utilisation:.0%}" if q.stable else "overloaded"
        sim = f"<td style='padding-left:8px'>{_fmt_days(sims[name])}</td>" if name in sims else ("<td></td>" if sims else "")
        approx = "" if q.exact else " (approx.)"
        rows.append(f"<tr><td style='padding-right:10px'>{html.escape(label)}{approx}</td><td>{busy}</td>"
                    f"<td>{_fmt_days(q.wait)}</td><td><b>{_fmt_days(q.time_in_system)}</b></td>{sim}</tr>")
    idle = ""
    if c > 1 and a["separate deciders"].stable:
        idle = (f"<p style='max-width:28em'>With separate queues, {idle_while_waiting(lam, mu, c):.0%} of "
                "decisions wait while another decider is idle; a shared queue never lets that happen.</p>")
    readout = (f"<table style='font-size:0.9em'>{head}{''.join(rows)}</table>{idle}"
               f"<p style='max-width:28em'><b>Verdict:</b> {html.escape(tax_verdict(lam, mu, c, cv))}</p>"
               "<p style='font-size:0.85em;max-width:28em'>Times in working days (d), hours (h) or minutes; "
               "a day has 8 working hours." + (" Crosses on the chart: a seeded simulation of 20,000 decisions."
                                               if sims else "") + "</p>")
    g = a["gatekeeper"]
    alt = (f"Line chart, logarithmic time axis: time to decision in working days against decisions "
           f"arriving per day, one line per arrangement (one gatekeeper; {c} separate deciders; {c} "
           f"deciders sharing one queue; one centre {c} times as fast). A vertical line marks the "
           f"current {lam:g} decisions a day, where the gatekeeper is "
           + (f"busy {g.utilisation:.0%} of the time." if g.stable else "overloaded.")
           + " " + tax_verdict(lam, mu, c, cv))
    return fig, readout, alt


def explorer(decisions: float = 8.0, capacity: float = 10.0, deciders: int = 5, simulate: bool = False,
             seed: int = 0) -> Explorer:
    """The live managerial-tax explorer: decision volume, capacity per person, number of deciders."""
    style = {"description_width": "initial"}
    controls = {
        "decisions": w.FloatSlider(value=decisions, min=0.5, max=400.0, step=0.5,
                                   description="Decisions per day", style=style),
        "capacity": w.FloatSlider(value=capacity, min=1.0, max=40.0, step=0.5,
                                  description="Capacity per person", style=style),
        "deciders": w.IntSlider(value=deciders, min=1, max=40, description="Deciders", style=style),
        "decision_times": w.Dropdown(options=list(_SERVICE_CV), value="random",
                                     description="Decision times", style=style),
        "simulate": w.Checkbox(value=simulate, description="Check by simulation"),
        "seed": w.IntText(value=seed, description="Seed", layout=w.Layout(width="160px")),
    }
    return Explorer(controls, render, title="The managerial tax: one gatekeeper or several deciders")
