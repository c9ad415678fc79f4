"""The view layer: one interactive figure component, its layouts and the house style.

- :mod:`p2pkit.views.component`  :class:`Figure` (a model function plus declared controls),
  shown static on the site and live in Jupyter;
- :mod:`p2pkit.views.scene`      the data a figure draws in one state (networks, charts, bars);
- :mod:`p2pkit.views.layouts`    where people stand;
- :mod:`p2pkit.views.style`      the palette and what each role looks like;
- one module per chapter topic (``architecture``, ...) with the figures themselves.

Models never draw and views never compute: the figure modules call the models and arrange
their results; the browser (``assets/p2pfig.js``, d3) only draws.
"""

from __future__ import annotations

from .component import Control, Figure, choice, figure_mode, person, play, seed, slider, toggle
from .scene import bars, chart, network, node_of, scene, series

__all__ = ["Figure", "Control", "slider", "choice", "toggle", "play", "seed", "person", "figure_mode",
           "scene", "network", "chart", "bars", "series", "node_of", "catalogue"]


def catalogue() -> list:
    """Every figure factory of the view layer (each figure module lists its own in ``FIGURES``)."""
    import importlib
    import pkgutil

    out = []
    for m in pkgutil.iter_modules(__path__):
        if m.name in ("component", "scene", "style", "layouts", "live"):
            continue
        mod = importlib.import_module(f"{__name__}.{m.name}")
        out += list(getattr(mod, "FIGURES", []))
    return out
