"""Chapter 2 live control: communities, brokers, and a rumour racing its correction.

A facilitator can pick a network, move the resolution, show the brokers, and start a rumour
and a correction (where, how late, how contagious), then step through time. Everything is
computed by :mod:`p2pkit.communities`; drawing comes from :mod:`p2pkit.explorables.communities`.
"""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as w
import matplotlib.pyplot as plt
import networkx as nx

from .. import orgs
from ..communities import (
    brokerage, brokerage_verdict, correction_source, detect, hub, modularity, planted_communities, race,
    race_verdict, self_organise,
)
from ..errors import P2PKitError
from ..explorables.communities import community_colours, community_layout, draw_communities, draw_race
from .core import Explorer

__all__ = ["explorer", "render", "NETWORKS"]

#: The networks the explorer offers: label -> key.
NETWORKS = {
    "Toy: four groups": "toy4",
    "Toy: two groups": "toy2",
    "Grown by local rules": "grown",
    "Krackhardt: advice": "krack_advice",
    "Krackhardt: friendship": "krack_friends",
}


def _split(n: int, shares) -> list[int]:
    sizes = [max(1, int(n * s)) for s in shares]
    sizes[0] += n - sum(sizes)
    return sizes


@lru_cache(maxsize=16)
def _network(kind: str, n: int, seed: int):
    """The network and its reference groups (used to place people and fix colours)."""
    if kind in ("toy4", "toy2"):
        sizes = _split(n, (0.3, 0.27, 0.23, 0.2) if kind == "toy4" else (0.5, 0.5))
        p_in = tuple(min(0.9, 5.0 / max(1, s - 1)) for s in sizes)
        G = planted_communities(sizes, p_in=min(p_in), p_out=min(0.05, 0.5 / n), seed=seed)
        attr = "group"
    elif kind == "grown":
        G = self_organise(n=n, groups=3, steps=6, closure=0.7, homophily=0.9, seed=seed)[-1].graph
        attr = "group"
    elif kind in ("krack_advice", "krack_friends"):
        G = orgs.load_dataset(kind, directed=False)
        attr = "dept"
    else:
        raise P2PKitError(f"unknown network {kind!r}.")
    labels = nx.get_node_attributes(G, attr)
    groups = [frozenset(v for v in G if labels[v] == g) for g in sorted(set(labels.values()))]
    return G, tuple(groups)


@lru_cache(maxsize=16)
def _layout(kind: str, n: int, seed: int) -> dict:
    G, groups = _network(kind, n, seed)
    return community_layout(G, groups, seed=0)


def _node_size(n: int) -> float:
    return 110 if n <= 60 else 45 if n <= 300 else 14


def _community_of(comms, which: str):
    if which == "smallest":
        return min(comms, key=len)
    return comms[0]


def render(values: dict):
    """Compute and draw one state of the chapter-2 explorer: ``(figure, readout_html)``."""
    kind, n, seed = values["network"], int(values["people"]), int(values["seed"])
    if kind.startswith("krack"):
        n = 21
    if not 8 <= n <= 2000:
        raise P2PKitError("choose between 8 and 2,000 people.")
    G, groups = _network(kind, n, seed)
    pos = _layout(kind, n, seed)
    comms = detect(G, resolution=values["resolution"], seed=seed)
    b = brokerage(G, comms)
    q = modularity(G, comms)
    size = _node_size(G.number_of_nodes())
    fig, ax = plt.subplots(figsize=(5.4, 4.6), dpi=85)
    rows = [
        ("People / ties", f"{G.number_of_nodes()} / {G.number_of_edges()}"),
        ("Communities", f"{len(comms)}"),
        ("Modularity", f"{q:.2f}"),
        ("Brokers (tied into another community)", f"{len(b.brokers)}"),
    ]
    for v in b.brokers[:3]:
        rows.append((f"&nbsp;&nbsp;person {html.escape(str(v))}",
                     f"constraint {b.constraint[v]:.2f}, effective size {b.effective_size[v]:.1f}"))
    verdicts = [brokerage_verdict(b)]
    if values["race"]:
        rumour = hub(G, _community_of(comms, values["rumour_at"]))
        where = values["correction_at"]
        correction = None if where == "none" else correction_source(G, comms, rumour, where)
        result = race(G, rumour, correction, p=values["p"], delay=int(values["delay"]), seed=seed)
        t = min(int(values["step"]), result.duration)
        draw_race(ax, G, pos, result, t, None, node_size=size,
                  title=f"Step {t} of {result.duration}: purple believe the rumour, green the correction")
        ax.title.set_fontsize(9.5)
        s = result.shares(t)
        rows += [("Believe the rumour", f"{s['rumour']:.0%}"), ("Heard the correction first", f"{s['correction']:.0%}"),
                 ("Heard nothing yet", f"{s['neither']:.0%}")]
        verdicts.insert(0, race_verdict(result, comms, t))
    else:
        draw_communities(ax, G, pos, comms, community_colours(comms, [set(g) for g in groups]), b,
                         show_brokers=values["brokers"], node_size=size,
                         title=f"Resolution {values['resolution']:.1f}: {len(comms)} communities")
    table = "".join(f"<tr><td style='padding-right:12px'>{a}</td><td><b>{html.escape(c)}</b></td></tr>"
                    for a, c in rows)
    text = "".join(f"<p style='max-width:24em'><b>Verdict:</b> {html.escape(v)}</p>" for v in verdicts)
    return fig, f"<table>{table}</table>{text}"


def explorer(network: str = "toy4", people: int = 40, resolution: float = 1.0, seed: int = 0) -> Explorer:
    """The live chapter-2 explorer: network, resolution, brokers, and a rumour against its correction."""
    style = {"description_width": "initial"}
    controls = {
        "network": w.Dropdown(options=list(NETWORKS.items()), value=network, description="Network", style=style),
        "people": w.IntSlider(value=people, min=12, max=300, step=4, description="People (toys)", style=style),
        "resolution": w.FloatSlider(value=resolution, min=0.1, max=3.0, step=0.1, description="Resolution",
                                    style=style),
        "brokers": w.Checkbox(value=True, description="Show brokers"),
        "race": w.Checkbox(value=False, description="Start rumour and correction"),
        "rumour_at": w.Dropdown(options=[("largest community", "largest"), ("smallest community", "smallest")],
                                value="largest", description="Rumour starts in the", style=style),
        "correction_at": w.Dropdown(options=[("inside the rumour's community", "inside"),
                                             ("at the least constrained broker", "bridge"),
                                             ("in another community", "other"), ("nowhere", "none")],
                                    value="inside", description="Correction starts", style=style),
        "delay": w.IntSlider(value=1, min=0, max=6, description="Correction late by (steps)", style=style),
        "p": w.FloatSlider(value=0.5, min=0.05, max=1.0, step=0.05, description="Chance to pass on", style=style),
        "step": w.IntSlider(value=20, min=0, max=20, description="Show step", style=style),
        "seed": w.IntText(value=seed, description="Seed", layout=w.Layout(width="160px")),
    }
    return Explorer(controls, render, title="Node communities, brokers and a rumour")
