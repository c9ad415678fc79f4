"""Shared machinery for the live widgets."""

from __future__ import annotations

import html
import time
from typing import Callable

import ipywidgets as w
import matplotlib.pyplot as plt
from IPython.display import display

from ..errors import P2PKitError

__all__ = ["LIVE_NOTE", "Explorer", "note_html"]

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
    function ``render(values) -> (figure, readout_html)``. Any :class:`P2PKitError` or
    other exception raised by ``render`` is shown as a one-line message, never a traceback.
    ``last_update_ms`` records how long the last update took (used by the benchmarks).
    """

    def __init__(self, controls: dict, render: Callable[[dict], tuple], title: str = ""):
        self.controls = controls
        self.render = render
        self.note = w.HTML(note_html(LIVE_NOTE))
        self.title = w.HTML(f"<h4 style='margin:4px 0'>{html.escape(title)}</h4>" if title else "")
        self.figure = w.Output()
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
            fig, readout = self.render(self.values())
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
        with self.figure:
            self.figure.clear_output(wait=True)
            display(fig)
        plt.close(fig)
        self.last_update_ms = (time.perf_counter() - t0) * 1000

    def _ipython_display_(self) -> None:
        display(self.widget)
