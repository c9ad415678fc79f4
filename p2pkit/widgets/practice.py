"""Chapter 7 live controls: stylised P2P organisations, and a unit growing past 150 people."""

from __future__ import annotations

import html
import math
from functools import lru_cache

import ipywidgets as w
import matplotlib.pyplot as plt

from .. import practice
from ..communities import detect
from ..explorables.practice import case_layout, draw_case, fast_draw, sunflower_layout, wedge_layout
from ..style import COMMUNITY_COLOURS
from .core import Explorer

__all__ = ["case_explorer", "render_case", "unit_explorer", "render_unit", "clear_cache"]

#: Krackhardt's dimensions are shown live only for small networks (they take seconds past ~100).
KRACKHARDT_LIVE_UP_TO = 40


def _table(rows) -> str:
    return "<table>" + "".join(
        f"<tr><td style='padding-right:12px'>{html.escape(a)}</td><td><b>{html.escape(str(b))}</b></td></tr>"
        for a, b in rows) + "</table>"


@lru_cache(maxsize=16)
def _case(name: str, n: int, seed: int):
    """A model, its profile and layout (cached: ticking *remove* is instant)."""
    G = practice.build_case(name, n, seed)
    return G, practice.case_profile(G, krackhardt_up_to=KRACKHARDT_LIVE_UP_TO, seed=seed), case_layout(G)


@lru_cache(maxsize=16)
def _unit(n: int, closure: float, seed: int):
    """One grown unit, its communities and its measures (cached while only the split changes)."""
    one = practice.grow_unit(n, closure=closure, seed=seed)
    comms = detect(one, seed=seed)
    return one, comms, practice.unit_size(one, seed, communities=comms)


def clear_cache() -> None:
    """Forget cached models (the benchmarks time updates from cold)."""
    _case.cache_clear()
    _unit.cache_clear()


def render_case(values: dict):
    """Compute and draw one state of the case explorer: ``(figure, readout_html)``."""
    name, n, remove, seed = values["case"], values["people"], values["remove"], values["seed"]
    G, p, pos = _case(name, n, seed)
    fig, ax = plt.subplots(figsize=(4.6, 4.0), dpi=80)
    draw_case(G, ax, pos=pos, hidden=[p.most_central] if remove else ())
    ax.set_title(practice.CASES[name][0] + ("\nwithout its most central person" if remove else "\n(a model, not data)"),
                 fontsize=10)
    k = p.krackhardt
    rows = [
        ("People / ties", f"{p.people} / {p.ties}"),
        ("Ties per person", f"{p.ties_per_person:.1f}"),
        ("Average hops" + ("" if p.hops_exact else " (estimated)"), f"{p.mean_hops:.2f}"),
        ("Degree centralization", f"{p.degree_centralization:.2f}"),
        ("Betweenness centralization",
         "–" if p.betweenness_centralization is None else f"{p.betweenness_centralization:.2f}"),
        ("Gini of ties", f"{p.degree_gini:.2f}"),
        ("Krackhardt hierarchy / efficiency",
         f"shown up to {KRACKHARDT_LIVE_UP_TO} people" if k is None else f"{k['hierarchy']:.2f} / {k['efficiency']:.2f}"),
        ("Communities (modularity)", f"{p.communities} ({p.modularity:.2f})"),
        ("Single points of failure", p.single_points),
        ("Most central person", f"{p.most_central_role}, on {p.most_central_load:.0%} of routes"),
        ("Pairs in touch without them", f"{p.survives_without_most_central:.0%}"),
    ]
    readout = (_table(rows) + "<p style='max-width:24em'><b>Verdict:</b> "
               f"{html.escape(practice.case_verdict(p))}</p>")
    return fig, readout


def case_explorer(case: str = "gore", people: int = 60, seed: int = 0) -> Explorer:
    """The live chapter-7 explorer: pick a stylised organisation, its size, and remove its centre."""
    style = {"description_width": "initial"}
    controls = {
        "case": w.Dropdown(options=[(title, key) for key, (title, _) in practice.CASES.items()], value=case,
                           description="Model", style=style),
        "people": w.IntSlider(value=people, min=10, max=1000, step=10, description="People", style=style),
        "remove": w.Checkbox(value=False, description="Remove the most central person"),
        "seed": w.IntText(value=seed, description="Seed", layout=w.Layout(width="160px")),
    }
    return Explorer(controls, render_case, title="Stylised P2P organisations (models, not data)")


def render_unit(values: dict):
    """Compute and draw one state of the unit-size explorer: ``(figure, readout_html)``."""
    n, cap, closure, liaisons, seed = (values["people"], values["cap"], values["closure"], values["liaisons"],
                                       values["seed"])
    one, comms, a = _unit(n, float(closure), seed)
    split = practice.split_unit(n, cap=cap, closure=closure, liaisons=liaisons, seed=seed)
    b = practice.unit_size(split, seed)
    fig, axes = plt.subplots(1, 2, figsize=(7.2, 3.7), dpi=80)
    size = max(6.0, min(60.0, 3000.0 / n))
    colour = {v: COMMUNITY_COLOURS[c % len(COMMUNITY_COLOURS)] for c, group in enumerate(comms) for v in group}
    thin = {"tie_width": 0.3, "tie_alpha": 0.2 if n > 200 else 0.45}
    fast_draw(one, axes[0], wedge_layout(comms, {v: v for v in one}), colours=colour, size=size, **thin)
    axes[0].set_title(f"One unit of {n}\n{a.communities} informal groups found", fontsize=10)
    units = sorted({g for _, g in split.nodes(data="group")})
    k = len(units)
    pos = {}
    for u in units:
        members = sorted(v for v, g in split.nodes(data="group") if g == u)
        ang = math.pi / 2 - 2 * math.pi * u / k
        centre = (0.55 * math.cos(ang), 0.55 * math.sin(ang)) if k > 1 else (0.0, 0.0)
        pos.update(sunflower_layout(members, centre, 1.0 if k == 1 else min(0.5, 1.4 / k + 0.1)))
    colours = {v: COMMUNITY_COLOURS[g % len(COMMUNITY_COLOURS)] for v, g in split.nodes(data="group")}
    fast_draw(split, axes[1], pos, colours=colours, size=size, **thin)
    axes[1].set_title(f"Units of at most {cap}\n{b.units} unit{'s' if b.units > 1 else ''}", fontsize=10)
    for ax in axes:
        ax.set_xlim(-1.1, 1.1)
        ax.set_ylim(-1.1, 1.1)
    fig.tight_layout()
    rows = [
        ("", "one unit | split"),
        ("Units (largest)", f"{a.units} ({a.largest_unit}) | {b.units} ({b.largest_unit})"),
        ("Relationships needed to know the whole unit", f"{a.relationships_needed} | {b.relationships_needed}"),
        ("Ties for everyone to know their unit", f"{a.ties_for_all_to_know_all:,} | {b.ties_for_all_to_know_all:,}"),
        ("Ties actually there", f"{a.ties:,} | {b.ties:,}"),
        ("Average hops" + ("" if a.hops_exact and b.hops_exact else " (estimated)"),
         f"{a.mean_hops:.2f} | {b.mean_hops:.2f}"),
        ("Busiest person's ties (share of others)", f"{a.busiest_share:.0%} | {b.busiest_share:.0%}"),
        ("Informal groups found (modularity)", f"{a.communities} ({a.modularity:.2f}) | {b.communities} ({b.modularity:.2f})"),
    ]
    readout = (_table(rows) + "<p style='max-width:26em'><b>Verdict:</b> "
               f"{html.escape(practice.unit_verdict(a, b, cap))}</p>")
    return fig, readout


def unit_explorer(people: int = 300, cap: int = 150, seed: int = 0) -> Explorer:
    """The live unit-size explorer: grow one unit, or split the same people into units of <= cap."""
    style = {"description_width": "initial"}
    controls = {
        "people": w.IntSlider(value=people, min=30, max=1000, step=10, description="People", style=style),
        "cap": w.IntSlider(value=cap, min=20, max=400, step=10, description="Largest unit", style=style),
        "closure": w.FloatSlider(value=0.5, min=0.0, max=1.0, step=0.1, description="Introductions",
                                 readout_format=".0%", style=style),
        "liaisons": w.IntSlider(value=2, min=0, max=20, description="Liaison ties", style=style),
        "seed": w.IntText(value=seed, description="Seed", layout=w.Layout(width="160px")),
    }
    return Explorer(controls, render_unit, title="One unit, or units of at most 150?")
