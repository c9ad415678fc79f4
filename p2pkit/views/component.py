"""The interactive figure component: a model function plus declared controls.

One :class:`Figure` serves every place a reader meets a figure:

- **On the published site** (and in committed notebook outputs) the figure is *static*: the
  build evaluates the figure over every combination of its controls' values (the grid) and
  ships the scenes as compact JSON inside the page. The browser component
  (``assets/p2pfig.js``, drawn with d3) switches between them; no kernel, no network.
- **In Jupyter, Binder and presenter mode** the figure is *live*: an anywidget whose controls
  accept free values (any size, any seed). A control change sends the values to Python, which
  runs the model and sends back the new scene. No image is encoded.

Which one is shown is decided by :func:`figure_mode`: the environment variable
``P2PKIT_FIGURES`` (``static`` or ``live``; the site build, ``make execute`` and the tests set
``static``), otherwise live inside a Jupyter kernel and static anywhere else.

A figure function looks like this (see :mod:`p2pkit.views.architecture` for a real one)::

    def build(people, p2p, seed):           # values of the controls
        G = orgs.spectrum(people, p2p, seed=seed)
        return scene(network(G, ring_layout(G)), verdict=..., summary=...)

    Figure("Client-server to peer-to-peer", build,
           [slider("people", "People", (8, 16, 32), live=(4, 1000, 1)),
            slider("p2p", "Peer-to-peer", [i / 10 for i in range(11)], fmt=".0%"),
            seed()])
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import logging
import os
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..errors import P2PKitError, require_whole_number
from .scene import compact
from .style import COMMUNITY_COLOURS, TIE_DASHES, role_table

__all__ = ["Control", "Figure", "slider", "choice", "toggle", "play", "seed", "person",
           "figure_mode", "static_assets", "esm_source", "standalone_page", "inline_scripts", "page_bundle",
           "STATIC_STATE_LIMIT"]

log = logging.getLogger("p2pkit.views")
ASSETS = Path(__file__).resolve().parent / "assets"
ROOT = Path(__file__).resolve().parents[2]
#: A figure whose grid has more states than this refuses to build (choose fewer values).
STATIC_STATE_LIMIT = 6000


# ------------------------------------------------------------------ controls


@dataclass(frozen=True)
class Control:
    """One declared control of a figure.

    ``values`` is the finite set the static site offers (the grid), ``labels`` their display
    texts, ``default`` the starting value. ``live`` widens a slider in Jupyter to a range
    ``(min, max, step)``; a ``seed`` control takes any whole number there. ``format`` is the
    d3-format specifier the browser uses for a live value.
    """

    #: the keyword argument the figure's ``build`` function receives
    name: str
    #: what the reader sees beside the control
    label: str
    #: ``"slider"``, ``"play"``, ``"choice"``, ``"toggle"``, ``"seed"`` or ``"person"``
    kind: str
    values: tuple = ()
    labels: tuple = ()
    default: Any = None
    live: tuple | None = None
    format: str = ""
    help: str = ""
    interval: int = 800
    none: str = "nobody"

    def spec(self) -> dict:
        d = {"name": self.name, "label": self.label, "kind": self.kind,
             "values": list(self.values), "labels": list(self.labels),
             "default": self.values.index(self.default) if self.kind != "person" else 0,
             "format": self.format, "help": self.help}
        if self.live is not None:
            d["live"] = {"min": self.live[0], "max": self.live[1], "step": self.live[2]}
        if self.kind == "play":
            d["interval"] = self.interval
        if self.kind == "person":
            d["none"] = self.none
        return d

    def coerce(self, value: Any, live: bool) -> Any:
        """The value as the model expects it, or a :class:`P2PKitError` saying what is allowed."""
        if self.kind == "person":
            return "" if value in (None, "") else str(value)
        if self.kind == "toggle":
            return bool(value)
        if self.kind == "seed" and live:
            return require_whole_number(self.label, value, minimum=0)
        if self.live is not None and live:
            lo, hi, step = self.live
            try:
                v = float(value)
            except (TypeError, ValueError):
                raise P2PKitError(f"{self.label}: give a number between {lo} and {hi}.") from None
            if not lo <= v <= hi:
                raise P2PKitError(f"{self.label}: give a number between {lo} and {hi}; got {value!r}.")
            return int(round(v)) if float(step).is_integer() and float(lo).is_integer() else v
        if value in self.values:
            return self.values[self.values.index(value)]
        raise P2PKitError(f"{self.label}: choose one of {', '.join(map(str, self.labels))}.")


def _label(v, fmt: str | Callable | None) -> str:
    if fmt is None:
        return str(v)
    if callable(fmt):
        return fmt(v)
    if fmt.endswith("%"):
        digits = int(fmt[1:-1] or 0) if fmt.startswith(".") else 0
        return f"{v * 100:.{digits}f}%"
    if fmt.startswith("."):
        return f"{v:{fmt}}"
    if fmt == "d":
        return f"{int(v):d}"
    return fmt.format(v)


def slider(name: str, label: str, values: Sequence, default=None, *, fmt: str | Callable | None = None,
           live: tuple | None = None, help: str = "") -> Control:
    """A slider over ``values`` (the static grid). ``fmt``: ``".0%"``, ``".2f"``, ``"d"``, a
    ``str.format`` pattern or a function. ``live=(min, max, step)`` widens it in Jupyter."""
    values = tuple(values)
    if not values:
        raise P2PKitError(f"slider {name!r} needs at least one value.")
    default = values[0] if default is None else default
    if default not in values:
        raise P2PKitError(f"slider {name!r}: the default {default!r} is not one of its values.")
    d3fmt = fmt if isinstance(fmt, str) and (fmt.startswith(".") or fmt == "d") else ""
    return Control(name, label, "slider", values, tuple(_label(v, fmt) for v in values), default, live,
                   d3fmt, help)


def play(name: str, label: str, values: Sequence, default=None, *, fmt: str | Callable | None = None,
         interval_ms: int = 800, live: tuple | None = None, help: str = "") -> Control:
    """A time control: a slider with a Play button that steps through ``values``.

    ``live=(min, max, step)`` widens it in Jupyter, as for a slider: Play then steps through
    that range (the site keeps ``values``)."""
    c = slider(name, label, values, default, fmt=fmt, help=help)
    return Control(c.name, c.label, "play", c.values, c.labels, c.default, live, c.format, help, interval_ms)


def choice(name: str, label: str, options: Mapping | Sequence, default=None, *, help: str = "") -> Control:
    """A drop-down: ``options`` maps each value to its label (or is a list of values)."""
    items = list(options.items()) if isinstance(options, Mapping) else [(o, str(o)) for o in options]
    values = tuple(v for v, _ in items)
    default = values[0] if default is None else default
    if default not in values:
        raise P2PKitError(f"choice {name!r}: the default {default!r} is not one of its options.")
    return Control(name, label, "choice", values, tuple(t for _, t in items), default, None, "", help)


def toggle(name: str, label: str, default: bool = False, *, help: str = "") -> Control:
    """A check box (off, on)."""
    return Control(name, label, "toggle", (False, True), ("off", "on"), bool(default), None, "", help)


def seed(values: Sequence[int] = (0, 1, 2), default: int | None = None, *, name: str = "seed",
         label: str = "Random seed", help: str = "") -> Control:
    """The seed of the model's random numbers: a few on the site, any whole number in Jupyter.

    ``help`` says what the seed draws; the control's help adds that Jupyter takes any whole number.
    """
    values = tuple(int(v) for v in values)
    default = values[0] if default is None else int(default)
    help = (help or "The same seed always gives the same network; another seed, another draw.")
    help += " In Jupyter: any whole number."
    return Control(name, label, "seed", values, tuple(str(v) for v in values), default, None, "d", help)


def person(name: str = "removed", label: str = "Remove a person", *, none: str = "nobody",
           help: str = "") -> Control:
    """Choose a person by clicking them (or from a list): the value is their id, or ``""``.

    On the static site the grid holds one state per person of the figure's network (and one
    with nobody chosen), so keep networks with a person control to a few dozen people.
    """
    help = help or "Click a person in the network, or press Enter on them, to choose them; again to undo."
    return Control(name, label, "person", ("",), ("nobody",), "", None, "", help, none=none)


# ------------------------------------------------------------------ mode and assets


def figure_mode() -> str:
    """``"static"`` or ``"live"``: how figures display here (see the module docstring)."""
    mode = os.environ.get("P2PKIT_FIGURES", "").strip().lower()
    if mode in ("static", "live"):
        return mode
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:  # pragma: no cover - IPython comes with the stack
        shell = None
    return "live" if shell is not None and type(shell).__name__ == "ZMQInteractiveShell" else "static"


def _d3_path() -> Path:
    for p in (ASSETS / "vendor" / "d3.min.js", ROOT / "js" / "node_modules" / "d3" / "dist" / "d3.min.js"):
        if p.exists():
            return p
    raise P2PKitError("the figure component's drawing library (d3) is missing: run `make vendor` "
                      "(it copies d3 from the npm registry into p2pkit/views/assets/vendor).")


@lru_cache(maxsize=1)
def static_assets() -> dict:
    """The component's files as text: ``{"d3": ..., "js": ..., "css": ...}``."""
    return {"d3": _d3_path().read_text(encoding="utf-8"),
            "js": (ASSETS / "p2pfig.js").read_text(encoding="utf-8"),
            "css": (ASSETS / "p2pfig.css").read_text(encoding="utf-8")}


@lru_cache(maxsize=1)
def esm_source() -> str:
    """The component as one ES module for anywidget: d3 (its UMD build, wrapped) + p2pfig."""
    a = static_assets()
    return ("const d3 = (function () { const module = { exports: {} }; const exports = module.exports;\n"
            + a["d3"] + "\nreturn module.exports; })();\n" + a["js"] +
            "\nconst api = p2pfigFactory(d3);\n"
            "export default { render({ model, el }) { return api.live(el, model); } };\n")


@lru_cache(maxsize=1)
def page_bundle() -> str:
    """The component as one classic script for a web page: d3, p2pfig, and the code that draws
    every figure on the page once it has loaded.

    d3's UMD build registers itself with an AMD loader when a page has one (the Jupyter widget
    manager brings require.js); hiding ``define`` makes it set ``window.d3`` on every page.
    """
    a = static_assets()
    mount = (ASSETS / "p2pfig-site.js").read_text(encoding="utf-8")
    return ("(function () { var define, module, exports;\n" + a["d3"] + "\n}).call(window);\n"
            + a["js"] + "\n" + mount)


def inline_scripts() -> str:
    """The component's stylesheet and script inlined, for a page that must stand alone (the
    team report, previews): no file beside it, nothing fetched."""
    return f"<style>{static_assets()['css']}</style>\n<script>{page_bundle()}</script>"


def standalone_page(title: str, body: str) -> str:
    """A complete offline HTML page: ``body`` (which may hold figures' static HTML) plus the
    component inlined. Used by the team report and ``tools/preview.py``."""
    return ("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{html.escape(title)}</title>"
            "<style>body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:70rem;"
            "margin:1rem auto;padding:0 1rem;color:#1f1f1f;background:#fff}"
            "@media (prefers-color-scheme: dark){body{color:#e8e8e8;background:#121212}}</style>"
            f"{inline_scripts()}</head><body><main>{body}</main></body></html>")


def _json_for_html(data: Any) -> str:
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


# ------------------------------------------------------------------ the figure


@dataclass
class GridStats:
    """How the static grid was built (for the benchmarks and the page-weight report)."""

    states: int = 0
    seconds: float = 0.0
    json_bytes: int = 0


@dataclass
class Figure:
    """A model function plus declared controls, shown static (site) or live (Jupyter).

    Parameters
    ----------
    title : str
        The figure's title (also its accessible name).
    build : callable
        ``build(**values) -> scene`` (see :func:`p2pkit.views.scene.scene`). It calls the
        models and arranges their results; it never draws.
    controls : sequence of Control
        The controls in the order they appear. At most one :func:`person` control.
    description : str
        A sentence describing the figure in general (shown before the script runs).
    """

    title: str
    build: Callable[..., dict]
    controls: Sequence[Control] = ()
    description: str = ""
    stats: GridStats = field(default_factory=GridStats)

    def __post_init__(self) -> None:
        self.controls = tuple(self.controls)
        names = [c.name for c in self.controls]
        if len(set(names)) != len(names):
            raise P2PKitError(f"figure {self.title!r}: two controls share a name ({names}).")
        if sum(c.kind == "person" for c in self.controls) > 1:
            raise P2PKitError(f"figure {self.title!r}: at most one person control.")
        self._widget = None
        self._html = None

    # -- evaluating
    def defaults(self) -> dict:
        return {c.name: c.default for c in self.controls}

    def scene(self, live: bool = False, **values) -> dict:
        """The scene for ``values`` (missing ones take their defaults), checked per control."""
        unknown = set(values) - {c.name for c in self.controls}
        if unknown:
            raise P2PKitError(f"figure {self.title!r} has no control called {sorted(unknown)[0]!r}.")
        full = {c.name: c.coerce(values.get(c.name, c.default), live) for c in self.controls}
        return self.build(**full)

    def _base_controls(self) -> list[Control]:
        return [c for c in self.controls if c.kind != "person"]

    def grid_size(self) -> int:
        """States on the static site before person choices (one per combination of values)."""
        n = 1
        for c in self._base_controls():
            n *= len(c.values)
        return n

    def states(self) -> dict[str, dict]:
        """Every state of the static grid, keyed as the browser keys them.

        The key is the index of each control's value, in order, joined by commas; with a
        person control, ``;`` and the chosen person's id (empty for nobody) follow.
        """
        base = self._base_controls()
        has_person = any(c.kind == "person" for c in self.controls)
        pname = next((c.name for c in self.controls if c.kind == "person"), None)
        if self.grid_size() > STATIC_STATE_LIMIT:
            raise P2PKitError(f"figure {self.title!r}: {self.grid_size()} states is too many for a page; "
                              "give its controls fewer values.")
        t0 = time.perf_counter()
        out: dict[str, dict] = {}
        for combo in itertools.product(*[range(len(c.values)) for c in base]):
            values = {c.name: c.values[i] for c, i in zip(base, combo, strict=True)}
            key = ",".join(map(str, combo))
            if not has_person:
                out[key] = self.build(**values)
                continue
            first = self.build(**values, **{pname: ""})
            out[key + ";"] = first
            nets = [p for p in first["panels"] if p["kind"] == "network"]
            net = next((p for p in nets if p.get("removable")), nets[0] if nets else None)
            for ident in (net["people"]["id"] if net else []):
                out[key + ";" + ident] = self.build(**values, **{pname: ident})
            if len(out) > STATIC_STATE_LIMIT:
                raise P2PKitError(f"figure {self.title!r}: more than {STATIC_STATE_LIMIT} states with "
                                  "everyone removable; give it fewer values or a smaller network.")
        self.stats.states = len(out)
        self.stats.seconds = time.perf_counter() - t0
        return out

    def default_key(self) -> str:
        base = self._base_controls()
        key = ",".join(str(c.values.index(c.default)) for c in base)
        return key + (";" if any(c.kind == "person" for c in self.controls) else "")

    def spec(self) -> dict:
        """What the browser needs besides the scenes: title, controls and the house style."""
        return {"v": 1, "title": self.title, "description": self.description,
                "controls": [c.spec() for c in self.controls], "roles": role_table(),
                "communities": list(COMMUNITY_COLOURS), "dashes": list(TIE_DASHES)}

    # -- static
    def static_data(self) -> dict:
        states, pool = compact(self.states())
        return {**self.spec(), "states": states, "pool": pool}

    def static_html(self, standalone: bool = False) -> str:
        """The figure as HTML: a JSON block the site's script draws, and a plain fallback.

        The fallback (title, the first state's summary, readout and verdict) is what a
        reader without JavaScript, or a notebook viewer without the script, sees.
        """
        if self._html is not None and not standalone:
            return self._html
        data = self.static_data()
        text = _json_for_html(data)
        self.stats.json_bytes = len(text.encode("utf-8"))
        ident = "p2pfig-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
        first = self.build(**self.defaults())
        e = html.escape
        rows = "".join(f"<tr><th scope='row'>{e(a)}</th><td>{e(b)}</td></tr>" for a, b in first["readout"])
        fallback = (f"<div class='p2p-fig-fallback'><p><strong>{e(self.title)}</strong></p>"
                    f"<p>{e(first['summary'])}</p>"
                    + (f"<table>{rows}</table>" if rows else "")
                    + (f"<p><strong>Verdict:</strong> {e(first['verdict'])}</p>" if first["verdict"] else "")
                    + "<p><em>The interactive figure needs JavaScript.</em></p></div>")
        cls = "p2p-fig p2p-standalone" if standalone else "p2p-fig"
        out = (f"<div class='{cls}' id='{ident}' data-p2pfig='1'>"
               f"<script type='application/json' class='p2p-fig-data'>{text}</script>{fallback}</div>")
        if not standalone:
            self._html = out
        return out

    # -- live
    def widget(self):
        """The live widget (an anywidget); created once per figure."""
        if self._widget is None:
            from .live import LiveFigure

            self._widget = LiveFigure(self)
        return self._widget

    def _repr_mimebundle_(self, include=None, exclude=None):
        if figure_mode() == "live":
            return self.widget()._repr_mimebundle_(include=include, exclude=exclude)
        return {"text/plain": f"<p2pkit figure: {self.title}>", "text/html": self.static_html()}
