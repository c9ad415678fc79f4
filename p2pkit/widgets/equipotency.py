"""Chapter 3 live control: from hierarchy to equipotent -- influence, wisdom, who leads."""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as w
import matplotlib.pyplot as plt
import numpy as np

from .. import orgs
from ..equipotency import (
    MEASURE_WORDS, assign_skills, equipotency_profile, fixed_leader, leadership_verdict,
    situational_leader, task_stream, verdict, wisdom, wisdom_verdict,
)
from ..errors import P2PKitError
from ..explorables.equipotency import share_bars
from ..style import ROLE_COLOURS, draw_network, tree_layout
from .core import Explorer

__all__ = ["explorer", "render", "SIZES", "VIEWS", "clear_cache"]

#: Organisation sizes offered: label -> (levels, span) of the starting hierarchy.
SIZES = {
    "13 people (3 levels, span 3)": (3, 3),
    "31 people (3 levels, span 5)": (3, 5),
    "40 people (4 levels, span 3)": (4, 3),
    "156 people (4 levels, span 5)": (4, 5),
    "1,111 people (4 levels, span 10)": (4, 10),
}

VIEWS = ("Who holds influence?", "Is the crowd wise?", "Who takes the lead?")

#: Above this size Krackhardt's measures are skipped (they need every pair's reach).
KRACKHARDT_LIMIT = 400
SKILLS = 4
HOP_TIME = 0.2
TASKS = 2000


@lru_cache(maxsize=16)
def _network(levels: int, span: int, p: float, seed: int):
    return orgs.hybrid(levels, span, p, seed=seed)


@lru_cache(maxsize=4)
def _positions(levels: int, span: int):
    return tree_layout(orgs.hierarchy(levels, span))


@lru_cache(maxsize=16)
def _profile(levels: int, span: int, p: float, seed: int, measure: str):
    G = _network(levels, span, p, seed)
    return equipotency_profile(G, measure, krackhardt_measures=G.number_of_nodes() <= KRACKHARDT_LIMIT)


def clear_cache() -> None:
    """Forget cached networks and profiles (the benchmarks time cold updates)."""
    for f in (_network, _positions, _profile):
        f.cache_clear()


def _table(rows) -> str:
    return "<table>" + "".join(
        f"<tr><td style='padding-right:12px'>{html.escape(a)}</td><td><b>{html.escape(b)}</b></td></tr>"
        for a, b in rows) + "</table>"


def _readout(rows, verdict_text: str) -> str:
    return f"{_table(rows)}<p style='max-width:24em'><b>Verdict:</b> {html.escape(verdict_text)}</p>"


def _draw_people(ax, G, pos, sizes: dict, title: str) -> None:
    roles = {v: ("centre" if v == 0 else "peer") for v in G}
    draw_network(G, ax, pos=pos, roles=roles, sizes=sizes, title=title)
    ax.title.set_fontsize(10)


def render(values: dict):
    """Compute and draw one state of the chapter-3 explorer: ``(figure, readout_html, alt_text)``."""
    levels, span = SIZES[values["size"]]
    p, seed, view = float(values["p"]), int(values["seed"]), values["view"]
    if seed < 0:
        raise P2PKitError("the seed must be 0 or a positive whole number.")
    if view not in VIEWS:
        raise P2PKitError(f"unknown view {view!r}; choose one of: {', '.join(VIEWS)}.")
    G = _network(levels, span, round(p, 4), seed)
    n = G.number_of_nodes()
    pos = _positions(levels, span)
    fig = plt.figure(figsize=(8.8, 4.0))
    ax_net = fig.add_axes([0.0, 0.05, 0.44, 0.85])
    ax_r = fig.add_axes([0.54, 0.2, 0.43, 0.68])
    where = f"{p:.0%} of the way from hierarchy to equipotent"

    if view == VIEWS[0]:
        measure = values["measure"]
        prof = _profile(levels, span, round(p, 4), seed, measure)
        scale = 2400 if n <= 60 else 600
        _draw_people(ax_net, G, pos, {v: 12 + scale * s for v, s in prof.shares.items()},
                     f"{where}\n{prof.ties} ties; size = share of {measure}")
        share_bars(ax_r, prof, 0.10)
        ax_r.set_title(f"Share of {MEASURE_WORDS[measure]}", fontsize=10)
        kr = prof.krackhardt
        rows = [
            ("People / ties", f"{prof.people} / {prof.ties}"),
            ("Centralization: degree / betweenness / closeness",
             " / ".join(f"{prof.centralization[m]:.2f}" for m in ("degree", "betweenness", "closeness"))),
            (f"Gini of {'degree' if measure == 'degroot' else measure}",
             f"{prof.gini['degree' if measure == 'degroot' else measure]:.2f}"),
            ("Krackhardt: connectedness / hierarchy / efficiency / LUB",
             " / ".join(f"{kr[k]:.2f}" for k in ("connectedness", "hierarchy", "efficiency", "lub"))
             if kr else f"not computed above {KRACKHARDT_LIMIT} people"),
            ("Biggest share / an equal share", f"{prof.top_share:.1%} / {prof.equal_share:.1%}"),
        ]
        text = verdict(prof, 0.10)
        alt = (f"Organisation chart of {n} people, {where}, each drawn larger the bigger their share of "
               f"{MEASURE_WORDS[measure]}; beside it, everyone's share as bars, largest first, with a goal "
               f"line at 10%. {text}")
        return fig, _readout(rows, text), alt

    if view == VIEWS[1]:
        sigma, shared, d = float(values["noise"]), float(values["shared"]), float(values["deference"])
        wz = wisdom(G, sigma=sigma, trials=400, seed=seed, leader=0, deference=d, shared=shared,
                    independent=[0])
        pi = wz.weights
        scale = 2400 if n <= 60 else 600
        _draw_people(ax_net, G, pos, {v: 12 + scale * x for v, x in zip(G, pi)},
                     f"{where}\nsize = weight in the consensus")
        names = ["the group's\nconsensus", "plain average\nof everyone", "the most influential\nperson alone"]
        vals = [wz.predicted_sd, wz.average_sd, wz.top_alone_sd]
        colours = [ROLE_COLOURS["reached"], ROLE_COLOURS["peer"], ROLE_COLOURS["centre"]]
        y = np.arange(3)[::-1]
        ax_r.barh(y, vals, color=colours, height=0.6)
        ax_r.plot([wz.rmse], [y[0]], marker="|", color="#000000", ms=22, mew=2)
        for yi, v in zip(y, vals):
            ax_r.text(v, yi, f" {v:.2f}", va="center", fontsize=9)
        ax_r.set_yticks(y, names, fontsize=9)
        ax_r.set_xlim(0, max(vals) * 1.3)
        ax_r.set_xlabel("error: root mean square distance from the truth")
        ax_r.set_title("How far from the truth? (black tick: simulated)", fontsize=10)
        rows = [
            ("People", f"{n}"),
            ("Largest weight in the consensus", f"{wz.max_influence:.1%}"),
            ("Consensus error: exact / simulated (400 draws)", f"{wz.predicted_sd:.3f} / {wz.rmse:.3f}"),
            ("Plain average of everyone", f"{wz.average_sd:.3f}"),
            ("Most influential person alone", f"{wz.top_alone_sd:.3f}"),
        ]
        text = wisdom_verdict(wz)
        alt = (f"Organisation chart of {n} people, {where}, each drawn larger the bigger their weight in "
               f"the group's consensus; beside it, three bars compare the consensus error "
               f"({wz.predicted_sd:.2f}) with a plain average ({wz.average_sd:.2f}) and the most "
               f"influential person alone ({wz.top_alone_sd:.2f}). {text}")
        return fig, _readout(rows, text), alt

    # VIEWS[2]: who takes the lead?
    rate = float(values["load"])
    people = list(G)
    ts = task_stream(people, rate, TASKS, skills=SKILLS, seed=seed)
    sk = assign_skills(people, SKILLS, 1, seed=seed)
    fx = fixed_leader(G, ts, 0, HOP_TIME)
    st = situational_leader(G, ts, sk, HOP_TIME)
    scale = (2400 if n <= 60 else 600) / TASKS
    _draw_people(ax_net, G, pos, {v: 12 + scale * c for v, c in st.load.items()},
                 f"{where}\nsize = tasks led when the lead moves")
    names = ["one fixed leader\n(the top)", "the lead moves\nto the best placed"]
    vals = [fx.mean_response, st.mean_response]
    y = np.arange(2)[::-1]
    ax_r.barh(y, vals, color=[ROLE_COLOURS["centre"], ROLE_COLOURS["peer"]], height=0.6)
    for yi, v in zip(y, vals):
        ax_r.text(v, yi, f" {v:.2f}", va="center", fontsize=9)
    ax_r.set_yticks(y, names, fontsize=9)
    ax_r.set_xlim(0, max(vals) * 1.3)
    ax_r.set_xlabel("mean time from a task's arrival to its lead done")
    ax_r.set_title(f"{TASKS} tasks, {rate:.2f} per time unit, {SKILLS} skills", fontsize=10)
    rows = [
        ("Fixed leader: mean wait / response", f"{fx.mean_wait:.2f} / {fx.mean_response:.2f}"),
        ("Lead moves: mean wait / response", f"{st.mean_wait:.2f} / {st.mean_response:.2f}"),
        ("People who led a task (lead moves)", f"{st.leading} of {n}"),
        ("Load Gini: fixed / moving", f"{fx.load_gini:.2f} / {st.load_gini:.2f}"),
        ("The one leader's utilisation", f"{rate:.0%}" + (" (overloaded: her queue keeps growing)"
                                                          if rate >= 1 else "")),
    ]
    text = leadership_verdict(fx, st)
    alt = (f"Organisation chart of {n} people, {where}, each drawn larger the more tasks they led when "
           f"the lead moves; beside it, two bars compare the mean response time of one fixed leader "
           f"({fx.mean_response:.2f}) and of the moving lead ({st.mean_response:.2f}). {text}")
    return fig, _readout(rows, text), alt



def explorer(size: str = "40 people (4 levels, span 3)", p: float = 0.0, view: str = VIEWS[0],
             measure: str = "betweenness", seed: int = 0) -> Explorer:
    """The live chapter-3 explorer: move an organisation from hierarchy to equipotent.

    Three views share the network: *Who holds influence?* (Freeman centralization, Gini,
    Krackhardt, shares), *Is the crowd wise?* (DeGroot consensus against the truth: noise,
    shared error, deference to the top) and *Who takes the lead?* (a fixed leader against
    leadership that moves with the task).
    """
    style = {"description_width": "initial"}
    controls = {
        "view": w.Dropdown(options=list(VIEWS), value=view, description="Show", style=style),
        "size": w.Dropdown(options=list(SIZES), value=size, description="Organisation", style=style),
        "p": w.FloatSlider(value=p, min=0.0, max=1.0, step=0.1, description="Hierarchy → equipotent",
                           readout_format=".0%", style=style, continuous_update=False),
        "measure": w.Dropdown(options=[("brokerage (betweenness)", "betweenness"), ("ties (degree)", "degree"),
                                       ("closeness", "closeness"), ("consensus weight (DeGroot)", "degroot")],
                              value=measure, description="Influence as", style=style),
        "noise": w.FloatSlider(value=1.0, min=0.1, max=3.0, step=0.1, description="Noise", style=style,
                               continuous_update=False),
        "shared": w.FloatSlider(value=0.0, min=0.0, max=2.0, step=0.1,
                                description="Shared error (not the top's)", style=style,
                                continuous_update=False),
        "deference": w.FloatSlider(value=0.0, min=0.0, max=0.9, step=0.05, description="Deference to the top",
                                   style=style, continuous_update=False),
        "load": w.FloatSlider(value=0.8, min=0.1, max=1.2, step=0.05, description="Tasks per time unit",
                              style=style, continuous_update=False),
        "seed": w.IntText(value=seed, description="Seed", layout=w.Layout(width="160px")),
    }
    return Explorer(controls, render, title="From hierarchy to equipotent")
