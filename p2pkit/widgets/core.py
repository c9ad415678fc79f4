"""Shared machinery for the live widgets."""

from __future__ import annotations

import base64
import html
import io
import time
from typing import Callable

import ipywidgets as w
import matplotlib.pyplot as plt
from IPython.display import display

from ..errors import P2PKitError

__all__ = ["LIVE_NOTE", "Explorer", "note_html", "figure_img", "readout_html"]

LIVE_NOTE = (
    "<b>Live control.</b> It recomputes only with a running Python kernel: open this page "
    "in Binder (rocket icon at the top) or in Jupyter on your machine. On the static site "
    "it shows its first view; use the scrubbable figure above instead."
)


def note_html(text: str, kind: str = "info") -> str:
    """A small styled message box (``kind``: info, warn)."""
    colour = {"info": "#0072B2", "warn": "#D55E00"}.get(kind, "#0072B2")
    return (f'<div style="border-left:4px solid {colour};padding:4px 8px;margin:4px 0;'
            f'font-size:0.9em;">{text}</div>')


class Explorer:
    """A live explorer: controls, a figure area, a readout and a message line.

    Subclasses (or callers) give ``controls`` (a dict of name -> widget) and a ``render``
    function ``render(values) -> (figure, readout_html)`` or ``(figure, readout_html, alt)``.
    The figure is shown as a PNG ``<img>`` with ``alt`` text (so it is accessible on the static
    site too); without an ``alt`` from ``render``, the alt text names the explorer and points
    to the readout beside it, which carries the same numbers. Any :class:`P2PKitError` or other
    exception raised by ``render`` is shown as a one-line message, never a traceback.
    ``last_update_ms`` records how long the last update took (used by the benchmarks).
    """

    def __init__(self, controls: dict, render: Callable[[dict], tuple], title: str = ""):
        self.controls = controls
        self.render = render
        self.note = w.HTML(note_html(LIVE_NOTE))
        self.title_text = title
        self.title = w.HTML(f"<p style='margin:4px 0;font-weight:bold;font-size:1.1em'>{html.escape(title)}</p>"
                            if title else "")
        self.figure = w.HTML()
        self.readout = w.HTML()
        self.message = w.HTML()
        self.last_update_ms = 0.0
        for c in controls.values():
            c.observe(self._on_change, names="value")
        box_controls = w.HBox(list(controls.values()), layout=w.Layout(flex_flow="row wrap"))
        self.widget = w.VBox([self.title, self.note, box_controls, self.message,
                              w.HBox([self.figure, self.readout])])
        self.update()

    def values(self) -> dict:
        return {k: c.value for k, c in self.controls.items()}

    def _on_change(self, change) -> None:
        self.update()

    def update(self) -> None:
        t0 = time.perf_counter()
        try:
            out = self.render(self.values())
            fig, readout = out[0], out[1]
            alt = out[2] if len(out) > 2 else (
                f"{self.title_text or 'Explorer'} figure for the current settings; "
                "the table beside it gives the same numbers.")
        except P2PKitError as exc:
            self.message.value = note_html(html.escape(str(exc)), "warn")
            return
        except Exception as exc:  # a widget must never show a traceback
            self.message.value = note_html(
                "That combination could not be computed (" + html.escape(type(exc).__name__) +
                "). Try other settings.", "warn")
            return
        self.message.value = ""
        self.readout.value = readout
        self.figure.value = figure_img(fig, alt)
        plt.close(fig)
        self.last_update_ms = (time.perf_counter() - t0) * 1000

    def _ipython_display_(self) -> None:  # pragma: no cover - needs a frontend
        display(self.widget)


def figure_img(fig, alt: str, dpi: int = 80) -> str:
    """A matplotlib figure as an ``<img>`` tag with a PNG data URI and escaped ``alt`` text."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" style="max-width:100%">'


def readout_html(rows, verdict: str, width_em: int = 26, table_style: str = "") -> str:
    """A widget readout: a table of ``rows`` (tuples of strings) and the model's verdict.

    Every cell and the verdict are HTML-escaped (names are data, never markup).

    Examples
    --------
    >>> readout_html([("a", "<b>")], "ok")
    "<table><tr><td style='padding-right:10px'>a</td><td style='padding-right:10px'>&lt;b&gt;</td></tr></table><p style='max-width:26em'><b>Verdict:</b> ok</p>"
    """
    table = "".join("<tr>" + "".join(f"<td style='padding-right:10px'>{html.escape(str(x))}</td>" for x in r)
                    + "</tr>" for r in rows)
    style = f" style='{table_style}'" if table_style else ""
    return (f"<table{style}>{table}</table><p style='max-width:{width_em}em'><b>Verdict:</b> "
            f"{html.escape(verdict)}</p>")
