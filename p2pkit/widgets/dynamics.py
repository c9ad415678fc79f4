"""Chapter 4 live control: ties that form and fade, and a sudden need."""

from __future__ import annotations

import html

import ipywidgets as w
import matplotlib.pyplot as plt
import networkx as nx

from .. import orgs
from ..dynamics import directed_mesh, evolve, race, race_verdict, sudden_need, trend
from ..explorables.dynamics import MEASURE_STYLE, draw_race_on_network, draw_ties, positions, roles_for
from .core import Explorer

__all__ = ["explorer", "render", "starting_point"]

_CACHE: dict = {}


def starting_point(start: str, people: int, seed: int):
    """``(network, reporting tree, top of the chart, fixed positions)`` for the explorer.

    ``start="krack_friends"``: Krackhardt's (1987) 21 managers, their friendships and
    their real reporting lines (``people`` is ignored). ``start="mesh"``: a
    :func:`~p2pkit.dynamics.directed_mesh` of ``people`` and a chart in which every
    manager has four reports (person 0 at the top).
    """
    key = (start, people if start == "mesh" else None, seed if start == "mesh" else None)
    if key not in _CACHE:
        if start == "krack_friends":
            G = orgs.load_dataset("krack_friends")
            tree = orgs.load_dataset("krack_reports", top_down=True)
            top = "7"
        elif start == "mesh":
            G = directed_mesh(people, k=4, rewire=0.1, mutual=0.5, seed=seed)
            tree = nx.full_rary_tree(4, people)
            top = 0
        else:
            raise ValueError(start)
        _CACHE.clear()
        _CACHE[key] = (G, tree, top, positions(G))
    return _CACHE[key]


_DASH = {"-": "", "--": "6,3", ":": "2,3"}


def trend_svg(ev, width: int = 230, height: int = 96) -> str:
    """Density, clustering and reciprocity per step as a small inline SVG chart (0 to 1)."""
    steps = ev.steps
    pad = 6
    ms = [ev.measures(s) for s in range(steps + 1)]

    def xy(s, v):
        x = pad + (width - 2 * pad) * (s / steps if steps else 0.5)
        return f"{x:.1f},{pad + (height - 2 * pad) * (1 - v):.1f}"

    lines = []
    for name, (colour, dash, _) in MEASURE_STYLE.items():
        pts = " ".join(xy(s, getattr(m, name)) for s, m in enumerate(ms))
        shape = (f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2" '
                 f'stroke-dasharray="{_DASH[dash]}"/>' if steps else
                 f'<circle cx="{pts.split(",")[0]}" cy="{pts.split(",")[1]}" r="3" fill="{colour}"/>')
        lines.append(shape)
    label = (f"Chart of density, clustering and reciprocity over {steps} steps, from 0 to 1: now "
             f"{ms[-1].density:.2f}, {ms[-1].clustering:.2f} and {ms[-1].reciprocity:.2f}.")
    return (f'<svg width="{width}" height="{height}" role="img" aria-label="{html.escape(label)}">'
            f'<title>{html.escape(label)}</title>'
            f'<rect x="{pad}" y="{pad}" width="{width - 2 * pad}" height="{height - 2 * pad}" fill="none" '
            f'stroke="#DDDDDD"/>' + "".join(lines) + "</svg>")


def _swatch(name: str) -> str:
    colour, dash, _ = MEASURE_STYLE[name]
    return (f'<svg width="22" height="8" aria-hidden="true"><line x1="0" y1="4" x2="22" y2="4" '
            f'stroke="{colour}" stroke-width="2" stroke-dasharray="{_DASH[dash]}"/></svg> ')


def render(values: dict):
    """Compute and draw one state of the chapter-4 explorer: ``(figure, readout_html)``."""
    G, tree, top, pos = starting_point(values["start"], values["people"], values["seed"])
    t = values["step"]
    ev = evolve(G, t, meet=values["meet"], reciprocate=values["reciprocate"],
                closure=values["closure"], decay=values["decay"], seed=values["seed"])
    current = ev.network(t)
    m = ev.measures(t)
    fig = plt.figure(figsize=(4.4, 4.2))
    ax_net = fig.add_axes([0.0, 0.02, 1.0, 0.9])
    verdict_need = ""
    if values["need"]:
        need = sudden_need(current, k=3, skilled_share=0.15, seed=values["seed"] + 1000 * t)
        r = race(current, tree, need, top, hop_hours=1.0, boss_hours=0.5)
        draw_race_on_network(ax_net, current, r.ties, need, pos, fontsize=10,
                             title=f"Step {t}: a sudden need (star) for 3 people")
        verdict_need = race_verdict(r)
    else:
        draw_ties(ax_net, ev, t, pos, roles_for(G), title=f"Step {t}", legend=G.number_of_nodes() <= 200,
                  fontsize=10)
    rows = [
        ("", "People / ties", f"{m.people} / {m.ties}"),
        ("density", "Density", f"{m.density:.2f}"),
        ("clustering", "Clustering", f"{m.clustering:.2f}"),
        ("reciprocity", "Ties returned (reciprocity)", f"{m.reciprocity:.2f}"),
        ("", "Pairs still in touch", f"{m.in_touch:.0%}"),
    ]
    if t:
        rows.insert(1, ("", "Ties formed / faded so far", f"{sum(ev.formed)} / {sum(ev.faded)}"))
    table = "".join(f"<tr><td style='padding-right:12px'>{_swatch(k) if k else ''}{html.escape(a)}</td>"
                    f"<td><b>{b}</b></td></tr>" for k, a, b in rows)
    readout = (f"<table>{table}</table>{trend_svg(ev)}"
               f"<p style='max-width:24em'><b>Verdict:</b> {html.escape(trend(ev))}</p>")
    if verdict_need:
        readout += (f"<p style='max-width:24em'><b>Sudden need:</b> {html.escape(verdict_need)} "
                    "<i>(Star: where the need appears; rings: who has the skill; green: recruited "
                    "through ties.)</i></p>")
    return fig, readout


def explorer(start: str = "krack_friends", people: int = 30, meet: float = 0.0, reciprocate: float = 0.2,
             closure: float = 0.2, decay: float = 0.25, step: int = 6, need: bool = False,
             seed: int = 0) -> Explorer:
    """The live chapter-4 explorer: rates of formation, closure and decay; a step; a sudden need."""
    style = {"description_width": "initial"}
    controls = {
        "start": w.Dropdown(options=[("Krackhardt's managers (friendship)", "krack_friends"),
                                     ("A peer mesh", "mesh")], value=start, description="Start from",
                            style=style, layout=w.Layout(width="340px")),
        "people": w.IntSlider(value=people, min=10, max=200, step=5, description="People (mesh)", style=style),
        "meet": w.FloatSlider(value=meet, min=0.0, max=1.0, step=0.05, description="Meet strangers",
                              style=style),
        "reciprocate": w.FloatSlider(value=reciprocate, min=0.0, max=1.0, step=0.05,
                                     description="Return a tie", style=style),
        "closure": w.FloatSlider(value=closure, min=0.0, max=1.0, step=0.05,
                                 description="Introduce friends", style=style),
        "decay": w.FloatSlider(value=decay, min=0.0, max=1.0, step=0.05, description="Unused tie fades",
                               style=style),
        "step": w.IntSlider(value=step, min=0, max=24, description="Step", style=style),
        "need": w.Checkbox(value=need, description="A sudden need appears"),
        "seed": w.IntText(value=seed, description="Seed", layout=w.Layout(width="160px")),
    }
    return Explorer(controls, render, title="Ties that form and fade")
