"""Chapter 1 figures: client-server against peer-to-peer (draws :mod:`p2pkit.architecture`)."""

from __future__ import annotations

import matplotlib.pyplot as plt

from .. import orgs
from ..architecture import Profile, profile, verdict
from ..style import ROLE_COLOURS, draw_network, layout, ring_layout
from .core import Scrubber, scrubber

__all__ = ["three_shapes", "client_server_to_peer", "metric_panel"]


def _roles(G, centre=0):
    return {v: ("centre" if v == centre else "peer") for v in G}


def metric_panel(ax, p: Profile, n_ref: int) -> None:
    """Draw the three chapter-1 measures of ``p`` as labelled horizontal bars on ``ax``."""
    ax.clear()
    names = ["Average hand-offs\nbetween two people", "Centre's share of\nall routes", "Pairs still in touch\nif the centre goes"]
    values = [p.mean_path / 4.0, p.centre_load, p.survives_without_centre]
    texts = [f"{p.mean_path:.2f} hops", f"{p.centre_load:.0%}", f"{p.survives_without_centre:.0%}"]
    colours = [ROLE_COLOURS["peer"], ROLE_COLOURS["centre"], ROLE_COLOURS["reached"]]
    y = [2, 1, 0]
    ax.barh(y, [1, 1, 1], color="#EEEEEE", height=0.55)
    ax.barh(y, values, color=colours, height=0.55)
    for yi, t in zip(y, texts):
        ax.text(1.02, yi, t, va="center", fontsize=10)
    ax.set_yticks(y, names)
    ax.set_xlim(0, 1.35)
    ax.set_xticks([])
    ax.spines[["top", "right", "bottom"]].set_visible(False)


def three_shapes(n: int = 13, seed: int = 0):
    """Client-server, hierarchy and peer mesh of ``n = 13`` people side by side, with measures.

    Returns the matplotlib figure (three network panels, each titled with its measures).
    """
    shapes = [
        ("Client-server", orgs.client_server(n)),
        ("Hierarchy (3 levels, span 3)", orgs.hierarchy(3, 3)),
        ("Peer mesh", orgs.peer_mesh(n, k=4, rewire=0.1, seed=seed)),
    ]
    fig, axes = plt.subplots(1, 3, figsize=(10, 3.9))
    for ax, (name, G) in zip(axes, shapes):
        p = profile(G)
        pos = ring_layout(G) if name != "Hierarchy (3 levels, span 3)" else layout(G)
        draw_network(G, ax, pos=pos, roles=_roles(G))
        ax.set_title(
            f"{name}\n{p.ties} ties · {p.mean_path:.2f} hops on average\n"
            f"centre on {p.centre_load:.0%} of routes · {p.survives_without_centre:.0%} survive its loss",
            fontsize=9.5,
        )
    fig.tight_layout()
    return fig


def client_server_to_peer(n: int = 16, frames: int = 11, seed: int = 0) -> Scrubber:
    """Scrub from a client-server network (left end) to a peer mesh (right end).

    Each frame shows the network at ``p = i / (frames - 1)`` of the way, the three chapter-1
    measures as bars, and the model's verdict on what losing the centre would do.
    """
    steps = [i / (frames - 1) for i in range(frames)]
    graphs = [orgs.spectrum(n, p, seed=seed) for p in steps]
    profiles = [profile(G) for G in graphs]
    pos = ring_layout(graphs[0])
    fig = plt.figure(figsize=(9, 4.4))
    ax_net = fig.add_axes([0.0, 0.12, 0.42, 0.78])
    ax_bar = fig.add_axes([0.64, 0.3, 0.28, 0.55])
    ax_txt = fig.add_axes([0.0, 0.0, 1.0, 0.1])

    def draw(i: int) -> None:
        G, p = graphs[i], profiles[i]
        ax_net.clear()
        draw_network(G, ax_net, pos=pos, roles=_roles(G),
                     title=f"{steps[i]:.0%} of the way to peer-to-peer  ·  {p.ties} ties")
        metric_panel(ax_bar, p, n)
        ax_txt.clear()
        ax_txt.set_axis_off()
        ax_txt.text(0.5, 0.5, verdict(p), ha="center", va="center", fontsize=10.5, wrap=True,
                    color="#222222")

    alt = (f"Animation in {frames} frames. A network of {n} people drawn with one person in the "
           "middle and the others on a circle. In the first frame every tie runs to the middle "
           "person (client-server); frame by frame ties between neighbours on the circle appear "
           "and ties to the middle disappear, until the middle person is one peer among others. "
           "Bars show the average number of hand-offs, the centre's share of routes, and the "
           "share of pairs still in touch if the centre goes; a sentence under the figure states "
           "the model's verdict for each frame.")
    return scrubber(fig, draw, frames, alt=alt)
