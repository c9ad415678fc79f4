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


def figure_index(book_root) -> str:
    """An HTML table of every figure: where it appears, its controls, and its module.

    ``book_root`` is the folder of the site's sources; a figure "appears" in every page whose
    code imports its factory from its module. Used by the reference page on figures.
    """
    import html
    import re
    from pathlib import Path

    root = Path(book_root)
    pages = sorted(list(root.glob("chapters/*.md")) + list(root.glob("reference/*.md"))
                   + list(root.glob("mapping/*.md")) + list(root.glob("workshops/*-demo.ipynb")))
    uses: dict[tuple, list] = {}
    for p in pages:
        text = p.read_text(encoding="utf-8")
        for mod, names in re.findall(r"from p2pkit\.views\.(\w+) import ([\w, ()\n]+)", text):
            for name in re.findall(r"\w+", names):
                uses.setdefault((mod, name), []).append(p)
    rows = []
    for factory in catalogue():
        mod = factory.__module__.rsplit(".", 1)[-1]
        fig = factory()
        where = uses.get((mod, factory.__name__), [])
        links = ", ".join(f"<a href='../{q.relative_to(root).with_suffix('.html').as_posix()}'>"
                          f"{html.escape(q.stem)}</a>" for q in where) or "(Jupyter only)"
        shown = [c for c in fig.controls if c.kind == "person" or len(c.values) > 1]
        controls = "; ".join(
            html.escape(c.label) + ("" if c.kind == "person" else f" ({len(c.values)})")
            + (" ▶" if c.kind == "play" else "") for c in shown) or "none"
        live = [html.escape(c.label) for c in fig.controls if c.live is not None or c.kind == "seed"
                or (c.kind != "person" and len(c.values) == 1)]
        rows.append(f"<tr><td>{html.escape(fig.title)}</td><td>{links}</td><td>{controls}</td>"
                    f"<td>{', '.join(live) or '-'}</td><td><code>{mod}.{factory.__name__}</code></td></tr>")
    return ("<table class='table'><thead><tr><th scope='col'>Figure</th><th scope='col'>Where</th>"
            "<th scope='col'>Controls on this site (values; ▶ plays)</th>"
            "<th scope='col'>Free values in Jupyter</th><th scope='col'>p2pkit.views</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")
