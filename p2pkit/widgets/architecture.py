"""Chapter 1 live control: move a client-server network towards peer-to-peer."""

from __future__ import annotations

import html

import ipywidgets as w
import matplotlib.pyplot as plt

from .. import orgs
from ..architecture import profile, verdict
from ..style import draw_network, ring_layout
from .core import Explorer

__all__ = ["explorer", "render"]


def render(values: dict):
    """Compute and draw one state of the chapter-1 explorer: ``(figure, readout_html, alt_text)``."""
    n, p, remove, seed = values["people"], values["p2p"], values["remove_centre"], values["seed"]
    G = orgs.spectrum(n, p, seed=seed)
    prof = profile(G)
    fig, ax = plt.subplots(figsize=(4.6, 4.2))
    roles = {v: ("centre" if v == 0 else "peer") for v in G}
    draw_network(G, ax, pos=ring_layout(G), roles=roles, hidden=[0] if remove else (),
                 title=f"{p:.0%} of the way to peer-to-peer")
    rows = [
        ("People / ties", f"{prof.people} / {prof.ties}"),
        ("Average hand-offs", f"{prof.mean_path:.2f}"),
        ("Longest route (hops)", f"{prof.diameter}"),
        ("Centre's share of routes", f"{prof.centre_load:.0%}"),
        ("Pairs in touch without the centre", f"{prof.survives_without_centre:.0%}"),
        ("People whose loss cuts someone off", f"{len(prof.single_points)}"),
    ]
    table = "".join(f"<tr><td style='padding-right:12px'>{html.escape(a)}</td><td><b>{b}</b></td></tr>" for a, b in rows)
    readout = (f"<table>{table}</table><p style='max-width:22em'><b>Verdict:</b> "
               f"{html.escape(verdict(prof))}</p>")
    alt = (f"Network of {prof.people} people drawn on a circle around the centre, "
           f"{p:.0%} of the way from client-server to peer-to-peer, with {prof.ties} ties"
           f"{'; the centre is removed and drawn as a grey cross' if remove else ''}. {verdict(prof)}")
    return fig, readout, alt


def explorer(people: int = 16, p2p: float = 0.0, seed: int = 0) -> Explorer:
    """The live chapter-1 explorer: sliders for size and for how far to go peer-to-peer."""
    controls = {
        "people": w.IntSlider(value=people, min=4, max=60, description="People",
                               style={"description_width": "initial"}),
        "p2p": w.FloatSlider(value=p2p, min=0.0, max=1.0, step=0.05, description="Peer-to-peer",
                             readout_format=".0%", style={"description_width": "initial"}),
        "remove_centre": w.Checkbox(value=False, description="Remove the centre"),
        "seed": w.IntText(value=seed, description="Seed", layout=w.Layout(width="160px")),
    }
    return Explorer(controls, render, title="Client-server to peer-to-peer")
