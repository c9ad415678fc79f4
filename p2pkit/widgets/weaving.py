"""Chapter 8 live control: start from a weaving phase and make introductions of one kind."""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as w
import matplotlib.pyplot as plt

from .. import weaving
from ..explorables.weaving import draw_weaving, weaving_layout
from .core import Explorer

__all__ = ["explorer", "render", "clear_cache"]

_ACTION_LABELS = {
    "close": "Close triangles (introduce two people who share a colleague)",
    "bridge": "Bridge clusters (introduce people from different groups)",
    "spoke": "Spokes (the weaver meets someone new)",
}


@lru_cache(maxsize=16)
def _start(n: int, clusters: int, number: int, seed: int):
    """The starting phase, its profile and layout (cached: moving only the weaving controls is quick)."""
    G = weaving.phases(n, clusters, seed=seed)[number - 1]
    return G, weaving.phase_profile(G, seed=seed), weaving_layout(G)


def clear_cache() -> None:
    """Forget cached starting networks (the benchmarks time updates from cold)."""
    _start.cache_clear()


def render(values: dict):
    """Compute and draw one state of the weaving explorer: ``(figure, readout_html)``."""
    n, clusters, number, action, k, seed = (values["people"], values["clusters"], values["phase"], values["action"],
                                           values["k"], values["seed"])
    G, before, pos = _start(n, clusters, number, seed)
    result = weaving.weave(G, action, k, seed=seed)
    after = weaving.phase_profile(result.graph, seed=seed)
    fig, ax = plt.subplots(figsize=(4.6, 4.2), dpi=80)
    draw_weaving(result.graph, ax, pos, new=result.added)
    ax.set_title(f"Phase {number} + {result.done} introduction{'s' if result.done != 1 else ''}\n(new ties in black)",
                 fontsize=10)

    def pct(x):
        return f"{x:.0%}"

    rows = [
        ("Shape", before.shape, after.shape),
        ("Ties", before.ties, after.ties),
        ("Separate groups", before.components, after.components),
        ("Triangles", before.triangles, after.triangles),
        ("Two-step paths closed", pct(before.clustering), pct(after.clustering)),
        ("Average hops (reachable pairs)", f"{before.mean_hops:.2f}", f"{after.mean_hops:.2f}"),
        ("Weaver's share of routes", pct(before.weaver_load), pct(after.weaver_load)),
        ("Pairs in touch without the weaver", pct(before.survives_without_weaver), pct(after.survives_without_weaver)),
        ("Single points of failure", before.single_points, after.single_points),
        ("Main core (size, reach)", f"{before.core_size}, {pct(before.core_reach)}",
         f"{after.core_size}, {pct(after.core_reach)}"),
    ]
    table = "<tr><th></th><th style='padding-right:10px'>before</th><th>after</th></tr>" + "".join(
        f"<tr><td style='padding-right:12px'>{html.escape(a)}</td><td style='padding-right:10px'>{html.escape(str(b))}</td>"
        f"<td><b>{html.escape(str(c))}</b></td></tr>" for a, b, c in rows)
    note = f"<p><i>{html.escape(result.note)}</i></p>" if result.note else ""
    readout = (f"<table>{table}</table>{note}<p style='max-width:26em'><b>Verdict:</b> "
               f"{html.escape(weaving.phase_verdict(after))}</p>")
    return fig, readout


def explorer(people: int = 48, clusters: int = 5, phase: int = 1, action: str = "bridge", k: int = 3,
             seed: int = 0) -> Explorer:
    """The live chapter-8 explorer: pick a phase, a kind of introduction and how many to make."""
    style = {"description_width": "initial"}
    controls = {
        "people": w.IntSlider(value=people, min=12, max=1000, step=4, description="People", style=style),
        "clusters": w.IntSlider(value=clusters, min=2, max=12, description="Clusters", style=style),
        "phase": w.Dropdown(options=[(f"{i + 1}: {name}", i + 1) for i, name in enumerate(weaving.PHASES)],
                            value=phase, description="Start from phase", style=style),
        "action": w.Dropdown(options=[(label, key) for key, label in _ACTION_LABELS.items()], value=action,
                             description="Introductions", style=style, layout=w.Layout(width="430px")),
        "k": w.IntSlider(value=k, min=0, max=60, description="How many", style=style),
        "seed": w.IntText(value=seed, description="Seed", layout=w.Layout(width="160px")),
    }
    return Explorer(controls, render, title="Network weaving: one introduction at a time")
